"""This module's annual-report keys (report-keys.md): `pub.*` of the three formats and the 2014
`resp.interpretation`, from aggregate queries over items, channels and section 二 entries.

Counting conventions (stated once, here):
- an item "published in year Y" has its first publication date in Y (local time) and is
  proactively disclosed; an item withdrawn later still counts for the year it went out;
- an item counts once in pub.total however many channels carried it; a channel figure counts
  the items published in Y that went out on that channel;
- 制发 (issued) = the body's own documents (not reposted ones) whose 成文日期 is in Y;
- 现行有效 (in force) = own documents formed by 31 December of Y, not repealed by then.
A key this module cannot know is left out of the result, so a figure entered by hand in the
report is kept (gongkai.reports.compute): the item keys when the bodies have no items in
gongkai at all, resp.interpretation when they have never recorded a 政策解读 item, and each
section 二 key without monthly or yearly entries. Known zeros are 0.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.utils import timezone

from gongkai.publishing.models import (
    OTHER_CHANNELS,
    Disclosure,
    Item,
    ItemStatus,
    Kind,
    PublicationChannel,
    SectionTwoEntry,
)

Figure = int | Decimal | None

KEYS_2014 = [
    "pub.total",
    "pub.normative",
    "pub.normative_issued",
    "pub.website",
    "pub.weibo",
    "pub.wechat",
    "pub.other",
    "resp.interpretation",
]
KEYS_2019 = [
    "pub.rules.made",
    "pub.rules.published",
    "pub.rules.total",
    "pub.normative.made",
    "pub.normative.published",
    "pub.normative.total",
    "pub.license.prev_items",
    "pub.license.change",
    "pub.license.decisions",
    "pub.other_services.prev_items",
    "pub.other_services.change",
    "pub.other_services.decisions",
    "pub.penalty.prev_items",
    "pub.penalty.change",
    "pub.penalty.decisions",
    "pub.coercion.prev_items",
    "pub.coercion.change",
    "pub.coercion.decisions",
    "pub.fees.prev_items",
    "pub.fees.change",
    "pub.procurement.items",
    "pub.procurement.amount",
]
KEYS_2021 = [
    "pub.rules.issued",
    "pub.rules.repealed",
    "pub.rules.in_force",
    "pub.normative.issued",
    "pub.normative.repealed",
    "pub.normative.in_force",
    "pub.license.decisions",
    "pub.penalty.decisions",
    "pub.coercion.decisions",
    "pub.fees.amount",
]
KEYS = {"2014": KEYS_2014, "2019": KEYS_2019, "2021": KEYS_2021}
# Section 二 keys entered by hand (monthly or yearly); money keys stay Decimal.
MONEY_KEYS = {"pub.fees.amount", "pub.procurement.amount"}
# Trial-format "上一年项目数量 / 本年增减" are yearly facts: a monthly sum would be wrong.
YEARLY_KEYS = {k for k in KEYS_2019 if k.endswith((".prev_items", ".change"))}


def _year_bounds(year: int) -> tuple[dt.datetime, dt.datetime]:
    tz = timezone.get_current_timezone()
    return dt.datetime(year, 1, 1, tzinfo=tz), dt.datetime(year + 1, 1, 1, tzinfo=tz)


def _item_figures(agency_ids: list[int], year: int) -> dict[str, int]:
    start, end = _year_bounds(year)
    year_start, year_end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    ever_published = Q(published_at__isnull=False, disclosure=Disclosure.PROACTIVE)
    in_year = ever_published & Q(published_at__gte=start, published_at__lt=end)
    own_formed = Q(own_document=True, formed_on__gte=year_start, formed_on__lte=year_end)
    in_force = (
        Q(own_document=True, formed_on__lte=year_end)
        & (Q(repealed_on__isnull=True) | Q(repealed_on__gt=year_end))
        & ~Q(status=ItemStatus.WITHDRAWN)
    )
    distinct = {"distinct": True}

    def channel(*names: str) -> Q:
        return in_year & Q(channel_posts__channel__in=names)

    qs = Item.objects.filter(agency_id__in=agency_ids)
    # Channel joins multiply rows, so every count is distinct on the item id.
    row = qs.aggregate(
        total=Count("id", filter=in_year, **distinct),
        website=Count("id", filter=channel(PublicationChannel.WEBSITE), **distinct),
        weibo=Count("id", filter=channel(PublicationChannel.WEIBO), **distinct),
        wechat=Count("id", filter=channel(PublicationChannel.WECHAT), **distinct),
        other=Count("id", filter=channel(*OTHER_CHANNELS), **distinct),
        interpretation=Count("id", filter=in_year & Q(kind=Kind.INTERPRETATION), **distinct),
        ever=Count("id", **distinct),
        interpretation_ever=Count("id", filter=Q(kind=Kind.INTERPRETATION), **distinct),
        **{
            f"{prefix}_{name}": Count("id", filter=Q(kind=kind) & cond, **distinct)
            for prefix, kind in (("rules", Kind.RULE), ("normative", Kind.NORMATIVE))
            for name, cond in (
                ("published", in_year),
                ("issued", ever_published & own_formed),
                (
                    "repealed",
                    ever_published
                    & Q(own_document=True, repealed_on__gte=year_start, repealed_on__lte=year_end),
                ),
                ("in_force", ever_published & Q(published_at__lt=end) & in_force),
                (
                    "public_total",
                    ever_published & Q(published_at__lt=end) & ~Q(status=ItemStatus.WITHDRAWN),
                ),
            )
        },
    )
    return row


def _section_two(agency_ids: list[int], year: int) -> dict[str, Decimal]:
    rows = (
        SectionTwoEntry.objects.filter(agency_id__in=agency_ids, year=year)
        .values("key")
        .annotate(
            monthly=Sum("value", filter=Q(month__gt=0)), yearly=Sum("value", filter=Q(month=0))
        )
    )
    out: dict[str, Decimal] = {}
    for r in rows:
        key = f"pub.{r['key']}"
        # A yearly figure, when entered, replaces the sum of months (an import of the total).
        value = r["yearly"] if r["yearly"] is not None else r["monthly"]
        if key in YEARLY_KEYS and r["yearly"] is None:
            value = None
        out[key] = value
    return out


def _number(key: str, value) -> Figure:
    if value is None:
        return None
    if key in MONEY_KEYS:
        return Decimal(value)
    return int(value)


def contribute(agency_ids: Iterable[int], year: int, format_id: str) -> dict[str, Figure]:
    """The keys this module knows for the bodies `agency_ids` (summed) in `year`."""
    if format_id not in KEYS:
        raise ValueError(f"unknown format {format_id!r}")
    ids = list(agency_ids)
    items = _item_figures(ids, year)
    manual = {k: _number(k, v) for k, v in _section_two(ids, year).items() if v is not None}
    out: dict[str, Figure] = {}
    if items["ever"]:
        if format_id == "2014":
            out = {
                "pub.total": items["total"],
                "pub.normative": items["normative_published"],
                "pub.normative_issued": items["normative_issued"],
                "pub.website": items["website"],
                "pub.weibo": items["weibo"],
                "pub.wechat": items["wechat"],
                "pub.other": items["other"],
            }
            if items["interpretation_ever"]:
                out["resp.interpretation"] = items["interpretation"]
        elif format_id == "2019":
            for prefix in ("rules", "normative"):
                out[f"pub.{prefix}.made"] = items[f"{prefix}_issued"]
                out[f"pub.{prefix}.published"] = items[f"{prefix}_published"]
                out[f"pub.{prefix}.total"] = items[f"{prefix}_public_total"]
        else:
            for prefix in ("rules", "normative"):
                for col in ("issued", "repealed", "in_force"):
                    out[f"pub.{prefix}.{col}"] = items[f"{prefix}_{col}"]
    keys = set(KEYS[format_id])
    out.update({k: v for k, v in manual.items() if k in keys})
    return out
