"""A rewrite of the whole ledger with recomputed hashes is caught by the signed head and by
anchors exported before the rewrite."""

import json

import pytest

from gongkai.audit.actions import Action
from gongkai.audit.anchors import check_anchors, export_anchor
from gongkai.audit.models import ChainHead, Event
from gongkai.audit.services import GENESIS, record, verify_chain
from gongkai.cli import main
from tests.factories import AgencyFactory

pytestmark = pytest.mark.django_db

CHANGE = Action("audittest.thing.change", "测试变更")


def _some_events(n=5):
    agency = AgencyFactory()
    return [record(CHANGE, agency, actor=None, after={"n": i}) for i in range(n)]


def _rewrite_whole_chain(change_event_id: int) -> None:
    """What someone with database access (but not the key) can do: change an event and
    recompute every hash after it, and the head, so that the chain verifies by itself."""
    prev = GENESIS
    last = None
    for event in Event.objects.order_by("id"):
        if event.pk == change_event_id:
            event.after = {"n": "篡改"}
        event.prev_hash = prev
        event.hash = event.compute_hash()
        Event.objects.filter(pk=event.pk).update(
            after=event.after, prev_hash=event.prev_hash, hash=event.hash
        )
        prev, last = event.hash, event
    ChainHead.objects.filter(pk=1).update(last_hash=last.hash, last_event_id=last.pk)


def _run(args):
    with pytest.raises(SystemExit) as info:
        main(args)
    return info.value.code


def test_the_head_is_signed_and_verifies():
    _some_events()
    head = ChainHead.objects.get(pk=1)
    assert len(head.signature) == 64
    assert verify_chain().ok


def test_a_rewritten_chain_fails_on_the_head_signature():
    events = _some_events()
    _rewrite_whole_chain(events[1].pk)
    result = verify_chain()
    assert not result.ok and "签名" in result.message


def test_anchors_name_the_rewritten_event(tmp_path, capsys):
    events = _some_events()
    anchor = export_anchor(tmp_path)
    assert json.loads(anchor.read_text())["last_event_id"] == events[-1].pk
    assert _run(["audit", "verify", "--anchors", str(tmp_path)]) == 0
    record(CHANGE, events[0].agency, actor=None, after={"n": "later"})
    assert check_anchors(tmp_path).ok  # new events after an anchor are fine

    _rewrite_whole_chain(events[1].pk)
    capsys.readouterr()
    assert _run(["audit", "verify", "--anchors", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert f"事件 #{events[-1].pk} 的哈希与锚点" in out and "改写" in out


def test_even_a_re_signed_head_does_not_escape_the_anchor(tmp_path, settings):
    """With the key stolen too, the head could be re-signed; an anchor kept elsewhere still
    holds the old hash."""
    from gongkai.audit.signing import sign_head

    events = _some_events()
    export_anchor(tmp_path)
    _rewrite_whole_chain(events[0].pk)
    head = ChainHead.objects.get(pk=1)
    ChainHead.objects.filter(pk=1).update(
        signature=sign_head(head.last_event_id, head.last_hash, head.count)
    )
    assert verify_chain().ok
    assert not check_anchors(tmp_path).ok


def test_a_forged_anchor_is_refused(tmp_path):
    _some_events()
    path = export_anchor(tmp_path)
    data = json.loads(path.read_text())
    data["last_hash"] = "0" * 64
    forged = tmp_path / "anchor-29990101T000000-1.json"
    forged.write_text(json.dumps(data))
    result = check_anchors(tmp_path)
    assert not result.ok and "签名不符" in result.message


def test_a_truncated_ledger_misses_the_anchored_event(tmp_path):
    from django.db import connection

    events = _some_events()
    export_anchor(tmp_path)
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {Event._meta.db_table} WHERE id = %s", [events[-1].pk])
    result = check_anchors(tmp_path)
    assert not result.ok and "不存在" in result.message


def test_anchor_files_are_read_only_and_bad_dirs_get_a_chinese_line(tmp_path, capsys):
    _some_events(1)
    path = export_anchor(tmp_path / "anchors")
    assert path.stat().st_mode & 0o777 == 0o400
    assert _run(["audit", "verify", "--anchors", str(tmp_path / "missing")]) == 2
    assert "不存在" in capsys.readouterr().err


def test_the_worker_exports_a_daily_anchor_when_a_directory_is_set(tmp_path, settings):
    from gongkai.core.jobs import handlers

    _some_events(2)
    settings.GONGKAI_AUDIT_ANCHOR_DIR = str(tmp_path)
    handlers()["audit.anchor.export"]({})
    assert len(list(tmp_path.glob("anchor-*.json"))) == 1


def test_the_acceptance_through_the_cli_anchor_rewrite_verify(tmp_path, capsys):
    """Issue 15: `gongkai audit anchor DIR`, then a rewrite of the whole chain with recomputed
    hashes, is caught by `gongkai audit verify --anchors DIR`."""
    events = _some_events()
    assert _run(["audit", "anchor", str(tmp_path)]) == 0
    assert "已导出锚点" in capsys.readouterr().out
    assert _run(["audit", "verify", "--anchors", str(tmp_path)]) == 0
    _rewrite_whole_chain(events[2].pk)
    capsys.readouterr()
    assert _run(["audit", "verify", "--anchors", str(tmp_path)]) == 1
    assert "FAIL" in capsys.readouterr().out
