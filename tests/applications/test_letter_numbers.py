"""Letters: 文号 from the gap-free numbering, a natural person addressed without （单位）, the
extension letter states the moved due date, an Art. 35 date on a rest day is moved and said."""

from datetime import date

import pytest

from gongkai.applications import letters, services
from gongkai.applications.choices import Outcome
from gongkai.applications.models import HandlingRules

from .factories import make_application, org_data

pytestmark = pytest.mark.django_db
RECEIVED = date(2025, 3, 3)


def text_of(det) -> str:
    return letters.docx_text(letters.letter_bytes(det))


def test_a_natural_person_is_addressed_without_unit(agency_a, officer_a):
    app = make_application(agency_a, RECEIVED).application
    det = services.reply(
        app, outcome=Outcome.GRANTED, text="予以公开", actor=officer_a, on=RECEIVED
    )
    text = text_of(det)
    assert "（单位）" not in text and "收到您提出的" in text


def test_an_organisation_is_addressed_as_the_unit(agency_a, officer_a):
    app = make_application(agency_a, RECEIVED, data=org_data()).application
    det = services.reply(
        app, outcome=Outcome.GRANTED, text="予以公开", actor=officer_a, on=RECEIVED
    )
    text = text_of(det)
    assert "（单位）" not in text and "收到贵单位提出的" in text
    assert text.startswith("政府信息公开申请答复书") and "淄博某某有限公司：" in text


def test_letter_numbers_are_wenhao_style_gap_free_per_body_and_year(agency_a, officer_a):
    HandlingRules.objects.create(agency=agency_a, letter_code="甲信公开")
    first = make_application(agency_a, RECEIVED).application
    second = make_application(agency_a, RECEIVED).application
    notice = services.notify_supplement(
        first, text="请写明文件名称", days=10, actor=officer_a, on=RECEIVED
    )
    reply = services.reply(
        second, outcome=Outcome.GRANTED, text="予以公开", actor=officer_a, on=RECEIVED
    )
    assert (notice.letter_no, reply.letter_no) == ("甲信公开〔2025〕1号", "甲信公开〔2025〕2号")
    assert "甲信公开〔2025〕2号" in text_of(reply)
    later = make_application(agency_a, date(2026, 1, 5)).application
    det = services.reply(
        later, outcome=Outcome.GRANTED, text="予以公开", actor=officer_a, on=date(2026, 1, 6)
    )
    assert det.letter_no == "甲信公开〔2026〕1号"  # a new year starts at 1


def test_without_a_letter_code_the_short_name_is_used(agency_a, officer_a):
    app = make_application(agency_a, RECEIVED).application
    det = services.reply(
        app, outcome=Outcome.GRANTED, text="予以公开", actor=officer_a, on=RECEIVED
    )
    assert det.letter_no == f"{agency_a.short_name or agency_a.name}信公开〔2025〕1号"


def test_the_extension_letter_states_the_due_date_the_rules_give(agency_a, leader_a):
    app = make_application(agency_a, RECEIVED).application
    assert app.due_on == date(2025, 3, 31)
    det = services.extend(
        app,
        days=20,
        text="需要调取档案",
        approved_by=leader_a,
        actor=leader_a,
        on=date(2025, 3, 20),
    )
    app.refresh_from_db()
    # 20 working days after 3/31: 清明 4/4 off, Sunday 4/27 a working day (国办发明电〔2024〕12号).
    assert app.due_on == date(2025, 4, 28)
    assert "延长后的答复期限为2025年4月28日" in text_of(det)


def test_an_article_35_date_on_a_rest_day_is_moved_and_explained(agency_a, officer_a):
    app = make_application(agency_a, RECEIVED).application
    det = services.art35(
        app,
        until=date(2025, 5, 3),
        text="申请数量明显超过合理范围。",
        actor=officer_a,
        on=date(2025, 3, 20),
    )
    app.refresh_from_db()
    assert app.due_on == date(2025, 5, 6)  # 5/1–5/5 劳动节
    text = text_of(det)
    assert "延迟答复期限为2025年5月6日" in text and "原定2025年5月3日为休息日" in text
