import pytest
from django.db import connection

from gongkai.audit.actions import Action
from gongkai.audit.models import AppendOnlyError, Event
from gongkai.audit.services import record, verify_chain
from tests.factories import AgencyFactory

pytestmark = pytest.mark.django_db

CHANGE = Action("audittest.thing.change", "测试变更")


def _some_events(n=5):
    agency = AgencyFactory()
    return [
        record(CHANGE, agency, actor=None, before={"n": i}, after={"n": i + 1}) for i in range(n)
    ]


def test_fresh_events_verify():
    _some_events()
    result = verify_chain()
    assert result.ok and result.checked == 5


def test_each_event_carries_the_previous_hash():
    events = _some_events(3)
    assert events[1].prev_hash == events[0].hash and events[2].prev_hash == events[1].hash


def test_it_names_an_event_edited_directly_in_the_database():
    events = _some_events()
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {Event._meta.db_table} SET action = %s WHERE id = %s", ["forged", events[2].pk]
        )
    result = verify_chain()
    assert not result.ok
    assert result.event_id == events[2].pk
    assert f"#{events[2].pk}" in result.message and "修改" in result.message


def test_it_names_the_event_after_a_deleted_one():
    events = _some_events()
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {Event._meta.db_table} WHERE id = %s", [events[1].pk])
    result = verify_chain()
    assert not result.ok and result.event_id == events[2].pk


def test_it_notices_the_newest_event_deleted():
    events = _some_events()
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {Event._meta.db_table} WHERE id = %s", [events[-1].pk])
    result = verify_chain()
    assert not result.ok and "末尾" in result.message


def test_it_notices_two_events_swapped():
    events = _some_events()
    a, b = events[1], events[2]
    table = Event._meta.db_table
    cols = ["created_at", "action", "before", "after", "prev_hash", "hash"]
    values_a = [getattr(a, c) for c in cols]
    values_b = [getattr(b, c) for c in cols]
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET hash = %s WHERE id = %s", ["tmp", a.pk])
        for target, values in ((b.pk, values_a), (a.pk, values_b)):
            Event.objects.filter(pk=target).update(**dict(zip(cols, values, strict=True)))
    result = verify_chain()
    assert not result.ok and result.event_id == a.pk and "顺序" in result.message


def test_events_cannot_be_changed_or_deleted_through_the_orm():
    event = _some_events(1)[0]
    event.action = "x"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()


def test_the_cli_exits_1_and_names_the_event(capsys):
    from gongkai.cli import main

    events = _some_events()
    with pytest.raises(SystemExit) as ok:
        main(["audit", "verify"])
    assert ok.value.code == 0
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {Event._meta.db_table} SET object_id = %s WHERE id = %s", ["999", events[0].pk]
        )
    with pytest.raises(SystemExit) as failed:
        main(["audit", "verify"])
    assert failed.value.code == 1
    assert f"#{events[0].pk}" in capsys.readouterr().out
