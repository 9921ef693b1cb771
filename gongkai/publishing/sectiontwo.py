"""Section 二 of the annual report (主动公开政府信息情况): figures entered per month or year,
by hand or from an Excel sheet."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.db import transaction

from gongkai.agencies.scope import Capability, require_capability
from gongkai.audit.services import record
from gongkai.core import uploads
from gongkai.core.bounds import check_decimal
from gongkai.publishing import actions
from gongkai.publishing.models import SectionTwoEntry, SectionTwoKey
from gongkai.workflow.steps import StepError


def parse_decimal(value) -> Decimal:
    try:
        result = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        raise StepError(f"数值“{value}”不是有效数字。") from None
    if not result.is_finite():
        raise StepError(f"数值“{value}”不是有效数字。")
    check_decimal(result, SectionTwoEntry._meta.get_field("value"), StepError)
    return result


@transaction.atomic
def set_section_two(agency, user, year: int, month: int, key: str, value) -> SectionTwoEntry:
    require_capability(user, Capability.EDIT, agency)
    if key not in SectionTwoKey.values:
        raise StepError(f"未知的指标“{key}”。")
    if not 0 <= int(month) <= 12:
        raise StepError("月份应为 1–12，全年数填 0。")
    if not 2000 <= int(year) <= 2100:
        raise StepError("年度不正确。")
    amount = parse_decimal(value)
    if amount < 0 and not key.endswith(".change"):
        raise StepError("只有“本年增/减”可以为负数。")
    entry, created = SectionTwoEntry.objects.get_or_create(
        agency=agency, year=year, month=month, key=key, defaults={"value": amount}
    )
    before = None if created else {"value": str(entry.value)}
    entry.value = amount
    entry.save()
    record(
        actions.SECTION_TWO_SET,
        entry,
        actor=user,
        agency=agency,
        before=before,
        after={"year": year, "month": month, "key": key, "value": str(amount)},
    )
    return entry


def _label_to_key() -> dict[str, str]:
    mapping = {k: k for k in SectionTwoKey.values}
    mapping.update({label: key for key, label in SectionTwoKey.choices})
    return mapping


def import_section_two(agency, user, source) -> int:
    """Import rows 年度 | 月份 | 指标 | 数值 from the first sheet of an .xlsx file (an uploaded
    file or bytes, checked by gongkai.core.uploads before openpyxl sees it).

    All rows are checked before anything is written; one bad row rejects the whole file.
    """
    from openpyxl import load_workbook

    require_capability(user, Capability.EDIT, agency)
    try:
        checked = uploads.check(source, uploads.SECTION_TWO_IMPORT)
    except uploads.UploadError as exc:
        raise StepError(str(exc)) from None
    try:
        sheet = load_workbook(checked.file, read_only=True, data_only=True).worksheets[0]
    except Exception:
        raise StepError("无法读取该文件：请上传 .xlsx 格式的 Excel 文件。") from None
    labels = _label_to_key()
    rows: list[tuple[int, int, str, Decimal]] = []
    for n, row in enumerate(sheet.iter_rows(values_only=True), start=1):
        cells = [c for c in row[:4]]
        if not any(c not in (None, "") for c in cells):
            continue
        if n == 1 and str(cells[0]).strip() in ("年度", "年份", "year"):
            continue
        if len(cells) < 4:
            raise StepError(f"第 {n} 行：应有 年度、月份、指标、数值 四列。")
        year, month, key, value = cells
        try:
            year, month = int(year), int(month or 0)
        except (TypeError, ValueError):
            raise StepError(f"第 {n} 行：年度或月份不是整数。") from None
        key = labels.get(str(key or "").strip())
        if key is None:
            raise StepError(f"第 {n} 行：未知的指标“{cells[2]}”。")
        try:
            amount = parse_decimal(value)
        except StepError as exc:
            raise StepError(f"第 {n} 行：{exc}") from None
        rows.append((year, month, key, amount))
    if not rows:
        raise StepError("文件中没有数据行。")
    with transaction.atomic():
        for year, month, key, amount in rows:
            set_section_two(agency, user, year, month, key, amount)
    return len(rows)
