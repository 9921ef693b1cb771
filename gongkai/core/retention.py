"""Retention of applicants' and callers' personal data (issue 15 point 5): N years after a case
closes, the person's name, identity number and contact details are replaced by a marker; the
case itself (what was asked, what was answered, the dates and outcome the annual report counts)
stays. Each app anonymises its own records in a daily job (applications/retention.py,
hotline/retention.py) with one ledger event per record.

⚠️ The period is not in regulations.md. The archive rules (国家档案局令第8号, 机关文件材料归档范围和
文书档案保管期限规定) keep case files 10 or 30 years (定期); anonymisation cannot be undone, so
the default is the longer one. Operators set GONGKAI_PERSONAL_DATA_YEARS to their archive
office's 保管期限表 (docs/security.md); 0 keeps personal data for ever.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.utils import timezone

# The anonymised name. Names are encrypted at rest, so the jobs find anonymised rows by the
# marker's search hash (the same for every such row: it says nothing about the person); the
# other search hashes of an anonymised row are emptied with their values.
ANONYMISED = "（已匿名化）"


def cutoff(today: dt.date | None = None) -> dt.date | None:
    """Cases closed before this day are due for anonymisation; None when retention is off."""
    years = settings.GONGKAI_PERSONAL_DATA_YEARS
    if years <= 0:
        return None
    today = today or timezone.localdate()
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29 February
        return today.replace(year=today.year - years, day=28)
