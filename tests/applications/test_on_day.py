"""`handling.on_day`: a step re-enacted through the declaration is dated the day given, and only
inside the block (the demo re-enacts a past year this way)."""

from datetime import date

from django.utils import timezone

from gongkai.applications import handling
from gongkai.applications.choices import ApplicationStatus, DeterminationKind
from gongkai.applications.steps import APPLICATION

from .factories import make_application

RECEIVED = date(2025, 3, 3)  # a Monday


def test_a_step_taken_on_a_past_day_is_dated_that_day(agency_a, officer_a):
    app = make_application(agency_a, RECEIVED).application
    with handling.on_day(date(2025, 3, 5)):
        assert handling.today() == date(2025, 3, 5)
        det = APPLICATION.run(
            "supplement-notice", app, {"text": "请写明文件名称", "days": 10}, actor=officer_a
        )
    assert handling.today() == timezone.localdate()
    assert det.kind == DeterminationKind.SUPPLEMENT_NOTICE and det.on == date(2025, 3, 5)
    assert det.application.status == ApplicationStatus.SUPPLEMENT
    assert list(det.clock_events.values_list("kind", "on")) == [
        ("supplement_sent", date(2025, 3, 5))
    ]
