"""Demo data of this module; called by `gongkai demo` in order. Must be idempotent.

The seed body's 2017 report: the organisational records behind its 机构/培训/报送 rows, and
every other figure of the seed's table entered by hand (provenance 'entered') until the
publishing, applications and hotline modules compute them from records.
"""

from __future__ import annotations

from pathlib import Path

from gongkai.agencies.models import Agency

SEED = Path(__file__).parent / "demo_data" / "seed_2017.txt"
SEED_SOURCE = "周村区政务服务中心管理办公室2017年政府信息公开工作年度报告（种子数据）"


# The report figures are computed from the other modules' demo records, so they come first.
AFTER = ("agencies", "publishing", "applications", "hotline")


def load(out) -> None:
    from .compute import compute
    from .formats import get
    from .models import Provenance, Report
    from .narrative import extract_sections
    from .parse import parse_file
    from .services import _upsert, refresh_computed

    agency = Agency.objects.filter(code="zbzc-zwfw").first()
    if agency is None:
        out("年报：未找到演示机关 zbzc-zwfw，跳过年报演示数据。")
        return
    parsed = parse_file(SEED)
    report, _ = Report.objects.get_or_create(agency=agency, year=2017, defaults={"format": "2014"})
    if not report.sections:
        text = SEED.read_text(encoding="utf-8")
        report.sections = [list(s) for s in extract_sections(text, get("2014"))]
        report.save(update_fields=["sections"])
    computed = set(compute([agency.pk], 2017, "2014"))
    entered = {k: v for k, v in parsed.figures.items() if k not in computed}
    if not report.is_frozen:
        from django.contrib.auth import get_user_model

        officer = get_user_model().objects.filter(username="zwfw_officer").first()
        _upsert(report, entered, Provenance.ENTERED, SEED_SOURCE, officer)
        refresh_computed(report, officer)
    out(f"年报：{agency.name} 2017 年年报（{len(entered)} 项录入，{len(computed)} 项由记录计算）")
