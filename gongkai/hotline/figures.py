"""The 2014 format's 回应解读 keys (`resp.*`, report-keys.md) from topics and responses.

- resp.total: topics (热点或舆情) of the bodies answered at least once in the year — a topic
  counts once however many ways it was answered; a topic merged into another does not count.
- resp.press / resp.interview / resp.social / resp.other: responses of that way in the year;
  resp.press_leader / resp.interview_leader: those the principal leader took part in.
- resp.interpretation is counted by gongkai.publishing.figures (the 政策解读 items themselves).
A key this module cannot know is left out, so a figure entered by hand is kept
(gongkai.reports.compute): every key when the bodies never recorded a response; a way's keys
when they never recorded a response of that way (the seed prints those rows blank).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Count, Q

from gongkai.hotline.choices import ResponseKind
from gongkai.hotline.models import Response

WAYS = {
    ResponseKind.PRESS: ("resp.press", "resp.press_leader"),
    ResponseKind.INTERVIEW: ("resp.interview", "resp.interview_leader"),
    ResponseKind.SOCIAL: ("resp.social", None),
    ResponseKind.OTHER: ("resp.other", None),
}


def contribute(agency_ids: Iterable[int], year: int, format_id: str) -> dict[str, int]:
    if format_id != "2014":
        return {}
    ids = list(agency_ids)
    ever = Response.objects.filter(topic__agency_id__in=ids, topic__merged_into__isnull=True)
    used = set(ever.values_list("kind", flat=True).distinct().order_by())
    if not used:
        return {}
    in_year = ever.filter(on__year=year)
    agg = {"total": Count("topic", distinct=True)}
    for kind in WAYS:
        agg[kind] = Count("id", filter=Q(kind=kind))
        agg[f"{kind}_leader"] = Count("id", filter=Q(kind=kind, leader=True))
    row = in_year.aggregate(**agg)
    out = {"resp.total": row["total"]}
    for kind, (key, leader_key) in WAYS.items():
        if kind in used:
            out[key] = row[kind]
            if leader_key:
                out[leader_key] = row[f"{kind}_leader"]
    return out
