"""The ticket workflow: every step through Workflow.run, its audit event and its limits."""

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from gongkai.audit.models import Event
from gongkai.hotline import limits
from gongkai.hotline.choices import AssignmentStatus, TicketStatus
from gongkai.hotline.models import Category, DispatchRule, KnowledgeEntry
from gongkai.hotline.services import ASSIGNMENT, TICKET
from gongkai.workflow.steps import StepError

from .helpers import new_ticket

pytestmark = pytest.mark.django_db


def actions(ticket) -> list[str]:
    return list(
        Event.objects.filter(object_type="hotline.ticket", object_id=str(ticket.pk))
        .order_by("id")
        .values_list("action", flat=True)
    )


def test_the_whole_loop_with_extension_rework_and_close(
    agency_a, agency_b, officer_a, reviewer_a, officer_b
):
    t = new_ticket(agency_a, actor=officer_a).ticket
    assert t.due_on == limits.close_due(t.received_on, "complaint")
    TICKET.run("dispatch", t, {"body": agency_b.pk, "note": "请核查"}, actor=officer_a)
    t.refresh_from_db()
    asg = t.assignments.get()
    assert t.status == TicketStatus.DISPATCHED and t.body == agency_b
    assert t.sign_due_on == asg.sign_due_on == limits.sign_due(asg.dispatched_on)
    with pytest.raises(PermissionDenied):
        ASSIGNMENT.run("sign", asg, actor=officer_a)  # the centre cannot sign for the body
    ASSIGNMENT.run("sign", asg, actor=officer_b)
    t.refresh_from_db()
    assert t.status == TicketStatus.HANDLING and t.signed_late is False
    asg.refresh_from_db()
    ASSIGNMENT.run("extend", asg, {"days": 5, "reason": "需现场勘查"}, actor=officer_b)
    before_due = t.due_on
    with pytest.raises(PermissionDenied):
        TICKET.run("decide_extension", t, {"approve": "1"}, actor=officer_a)  # REVIEW needed
    TICKET.run("decide_extension", t, {"approve": "1"}, actor=reviewer_a)
    t.refresh_from_db()
    assert t.extended and t.due_on == limits.extended_due(t.received_on, before_due, 5)
    asg.refresh_from_db()
    ASSIGNMENT.run("reply", asg, {"reply": "已督促物业清运。"}, actor=officer_b)
    t.refresh_from_db()
    assert t.status == TicketStatus.REPLIED and t.closed_late is False and t.replied
    with pytest.raises(StepError, match="回访后才能办结"):
        TICKET.run("close", t, {}, actor=officer_a)
    TICKET.run("callback", t, {"result": "dissatisfied", "body_caused": "on"}, actor=officer_a)
    t.refresh_from_db()
    TICKET.run("rework", t, {"reason": "垃圾仍未清运"}, actor=officer_a)
    t.refresh_from_db()
    asg.refresh_from_db()
    assert (
        t.status == TicketStatus.HANDLING
        and t.reworks == 1
        and asg.status == AssignmentStatus.SIGNED
    )
    assert t.due_on == limits.close_due(timezone.localdate(), "complaint")
    ASSIGNMENT.run("reply", asg, {"reply": "已清运完毕。"}, actor=officer_b)
    t.refresh_from_db()
    TICKET.run("callback", t, {"result": "satisfied"}, actor=officer_a)
    t.refresh_from_db()
    TICKET.run("close", t, {}, actor=officer_a)
    t.refresh_from_db()
    assert t.status == TicketStatus.CLOSED and t.satisfaction == "satisfied" and not t.direct
    assert actions(t) == [
        "hotline.ticket.receive",
        "hotline.ticket.dispatch",
        "hotline.ticket.sign",
        "hotline.ticket.extend_request",
        "hotline.ticket.extend_decide",
        "hotline.ticket.reply",
        "hotline.ticket.callback",
        "hotline.ticket.rework",
        "hotline.ticket.reply",
        "hotline.ticket.callback",
        "hotline.ticket.close",
    ]


def test_a_direct_answer_from_the_knowledge_base_closes_the_ticket(agency_a, officer_a):
    t = new_ticket(agency_a, type="consult").ticket
    entry = KnowledgeEntry.objects.create(
        centre=agency_a, title="居住证", answer="携带身份证到派出所办理。"
    )
    TICKET.run("answer", t, {"answer": entry.answer, "knowledge": entry.pk}, actor=officer_a)
    t.refresh_from_db()
    assert t.status == TicketStatus.CLOSED and t.direct and t.closed_late is False


def test_return_needs_a_reason_and_three_returns_make_a_supervised_case(
    agency_a, agency_b, agency_parent, officer_a, officer_b, admin_user
):
    from tests.factories import AgencyFactory

    t = new_ticket(agency_a).ticket
    with pytest.raises(StepError):
        TICKET.run("dispatch", t, {"body": agency_a.pk}, actor=officer_a)
    bodies = [agency_b] + [
        AgencyFactory(code=f"x{i}", name=f"测试区{i}局", parent=agency_parent) for i in range(2)
    ]
    for body in bodies:
        TICKET.run("dispatch", t, {"body": body.pk}, actor=officer_a)
        asg = t.assignments.get(body=body)
        with pytest.raises(StepError):
            ASSIGNMENT.run("return", asg, {"reason": ""}, actor=admin_user)
        ASSIGNMENT.run("return", asg, {"reason": "不属本单位职责，依据三定方案"}, actor=admin_user)
        t.refresh_from_db()
        assert t.status == TicketStatus.RETURNED and t.body is None
    assert t.returns == 3 and t.supervised
    with pytest.raises(StepError, match="已退回过"):
        TICKET.run("dispatch", t, {"body": agency_b.pk}, actor=officer_a)
    assert "hotline.ticket.supervise" in actions(t)


def test_three_reworks_make_a_supervised_case(agency_a, agency_b, officer_a, officer_b):
    t = new_ticket(agency_a).ticket
    TICKET.run("dispatch", t, {"body": agency_b.pk}, actor=officer_a)
    asg = t.assignments.get()
    ASSIGNMENT.run("sign", asg, actor=officer_b)
    for i in range(3):
        asg.refresh_from_db()
        ASSIGNMENT.run("reply", asg, {"reply": f"第{i + 1}次答复"}, actor=officer_b)
        t.refresh_from_db()
        TICKET.run("rework", t, {"reason": "仍不满意"}, actor=officer_a)
        t.refresh_from_db()
    assert t.reworks == 3 and t.supervised


def test_the_dispatch_catalogue_suggests_the_most_specific_body(agency_a, agency_b, agency_parent):
    from gongkai.hotline.dispatch import suggest
    from tests.factories import AgencyFactory

    other = AgencyFactory(code="street", name="丝绸路街道办事处", parent=agency_parent)
    housing = Category.objects.get(code="housing")
    prop = Category.objects.get(code="housing-property")
    DispatchRule.objects.create(centre=agency_a, category=housing, body=agency_b)
    t = new_ticket(agency_a).ticket
    assert suggest(t) == agency_b
    DispatchRule.objects.create(centre=agency_a, category=prop, area="丝绸路街道", body=other)
    assert suggest(t) == other
    assert suggest(new_ticket(agency_a, area="城北路街道").ticket) == agency_b


def test_wrong_state_and_bad_input_are_refused_in_chinese(agency_a, agency_b, officer_a):
    t = new_ticket(agency_a).ticket
    with pytest.raises(StepError, match="当前状态下不能回访"):
        TICKET.run("callback", t, {"result": "satisfied"}, actor=officer_a)
    with pytest.raises(StepError) as exc:
        TICKET.run("dispatch", t, {}, actor=officer_a)
    assert exc.value.errors["body"] == ["请填写承办单位"]


def test_a_duplicate_is_merged_and_counts_once(agency_a, officer_a):
    from gongkai.hotline.stats import period, stats

    first = new_ticket(agency_a).ticket
    dup = new_ticket(agency_a).ticket
    with pytest.raises(StepError) as exc:
        TICKET.run("merge", dup, {"into": dup.ticket_no}, actor=officer_a)
    assert "找不到可并入的工单" in exc.value.errors["into"][0]
    TICKET.run("merge", dup, {"into": first.ticket_no.lower()}, actor=officer_a)
    dup.refresh_from_db()
    assert dup.duplicate_of == first and dup.status == TicketStatus.CLOSED
    assert stats([agency_a.pk], *period(first.received_on.year))["received"] == 1
    assert actions(dup)[-1] == "hotline.ticket.merge"
