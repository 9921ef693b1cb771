"""Search over a generated corpus: p50/p95 of a mixed query set, and the ratio to a LIKE scan.

Target (issue 5): 1,000,000 items across 5,000 bodies, p95 < 100 ms on SQLite and PostgreSQL.

    python bench/search.py                       # SQLite, then PostgreSQL (1,000,000 items)
    python bench/search.py --items 200000 --bodies 1000
    python bench/search.py --here --items 50000  # only the current database

Each query runs the real search path, in relevance and in date order (gongkai.publishing.search.search: count + first page of
20 + snippets). The LIKE baseline answers the same question with LIKE '%word%' on title and
text for every word of the query (count + first page by date), over the same rows.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import run_on_both_databases, setup_django  # noqa: E402

QUERIES = [
    # 2 characters
    "政务", "公开", "热线", "审批", "收费", "预算", "招聘", "扶贫",
    # 3 characters
    "公积金", "不动产", "营业执照", "信访件",
    # 4 characters
    "信息公开", "行政许可", "政务服务", "社会保障", "安全生产", "财政预算",
    # several words
    "政务 服务 大厅", "行政 处罚 决定", "信息公开 年度报告", "民生 热线 诉求", "公积金 提取",
]  # fmt: skip

PHRASES = [
    "关于进一步做好政务公开工作的通知", "政务服务大厅窗口办理时间调整", "行政审批事项办理流程",
    "民生热线受理群众诉求情况通报", "政府信息公开工作年度报告", "行政许可决定公示",
    "行政处罚决定书", "不动产登记办理指南", "营业执照办理须知", "住房公积金提取政策解读",
    "社会保障卡申领", "安全生产专项检查情况", "财政预算执行情况", "部门决算公开",
    "公务员招录公告", "精准扶贫工作进展", "城乡居民医疗保险缴费", "重大建设项目批准情况",
    "突发事件应急预案", "环境保护监督检查结果", "食品药品抽检信息", "义务教育招生政策",
    "就业创业补贴申报", "行政事业性收费目录清单", "政府集中采购项目公告", "信访件办理情况",
    "规范性文件清理结果", "征地补偿安置方案", "防汛抗旱工作部署", "农村危房改造名单公示",
]  # fmt: skip
FILLER = [
    "为贯彻落实上级部署", "结合本地实际", "现将有关事项通知如下", "请各单位认真执行",
    "进一步提高服务效率", "方便群众办事", "确保工作落到实处", "欢迎社会各界监督",
    "具体安排如下", "特此公告", "经研究决定", "按照有关规定",
]  # fmt: skip


def build_corpus(items: int, bodies: int, seed: int = 7) -> None:
    from django.db import connection, transaction
    from django.utils import timezone

    from gongkai.agencies.models import Agency
    from gongkai.agencies.models.tree import SEGMENT
    from gongkai.publishing import search
    from gongkai.publishing.models import Item, SearchEntry

    rng = random.Random(seed)
    agencies = [
        Agency(code=f"bench-{i}", name=f"基准机关{i}", path=str(i + 1).zfill(SEGMENT), depth=0, level="county",
               kind="department")
        for i in range(bodies)
    ]  # fmt: skip
    Agency.objects.bulk_create(agencies, batch_size=5000)
    agency_ids = list(Agency.objects.filter(code__startswith="bench-").values_list("id", flat=True))
    # Zipf-like weights: a few phrases are very common, most are rare, as on real sites.
    weights = [1 / (rank + 1) for rank in range(len(PHRASES))]
    start = time.perf_counter()
    now = timezone.now()
    batch = 5000
    for offset in range(0, items, batch):
        rows, docs = [], []
        for n in range(offset, min(items, offset + batch)):
            title = rng.choices(PHRASES, weights)[0] + f"（第{n % 97 + 1}号）"
            text = "，".join(rng.sample(FILLER, 4)) + "。" + rng.choices(PHRASES, weights)[0] + "。"
            rows.append(Item(
                agency_id=agency_ids[n % len(agency_ids)], title=title, body=f"<p>{text}</p>",
                body_text=text, formed_on=now.date(), status="published",
                kind="normative" if n % 40 == 0 else "general",
                published_at=now - timezone.timedelta(minutes=items - n), index_number=f"B/{n:07d}",
            ))  # fmt: skip
        with transaction.atomic():
            created = Item.objects.bulk_create(rows)
            if created[0].pk is None:  # SQLite before 3.35 does not return ids
                created = list(Item.objects.order_by("-id")[: len(rows)])[::-1]
            for item in created:
                words = search.entry_words(item, f"{item.title} {item.body_text}")
                docs.append(SearchEntry(item_id=item.pk, words=words))
            SearchEntry.objects.bulk_create(docs)
        if offset % 100_000 == 0:
            print(
                f"  … {offset + len(rows):,} items ({time.perf_counter() - start:.0f} s)",
                flush=True,
            )
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("VACUUM ANALYZE publishing_item")
            cursor.execute("VACUUM ANALYZE publishing_searchentry")
        else:
            cursor.execute(
                "INSERT INTO publishing_search_fts(publishing_search_fts) VALUES('optimize')"
            )
            cursor.execute("ANALYZE")
    print(f"  corpus built in {time.perf_counter() - start:.0f} s")


def like_scan(q: str) -> int:
    """The same question answered without the index: every word as LIKE on title and text."""
    from django.db.models import Q

    from gongkai.publishing.models import Item

    cond = Q()
    for word in q.split():
        cond &= Q(title__contains=word) | Q(body_text__contains=word)
    qs = Item.objects.public().filter(cond)
    total = qs.count()
    list(qs.order_by("-published_at", "-id").values_list("id", flat=True)[:20])
    return total


def filtered_timings(rounds: int) -> list[float]:
    """Searches narrowed by the portal's filters: one body, a year, a kind, and year with kind."""
    from django.utils import timezone

    from gongkai.agencies.models import Agency
    from gongkai.publishing import search

    body = Agency.objects.get(code="bench-17").pk
    year = timezone.localtime().year
    filters = [{"agency_id": body}, {"year": year}, {"kind": "normative"},
               {"year": year - 1, "kind": "normative"}]  # fmt: skip
    samples = []
    for _ in range(rounds):
        for q in QUERIES[::2]:
            for f in filters:
                for order in ("relevance", "date"):
                    t = time.perf_counter()
                    search.search(q, filters=f, order=order)
                    samples.append((time.perf_counter() - t) * 1000)
    return samples


def percentile(samples: list[float], p: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def main(items: int, bodies: int, rounds: int, reuse: bool = False) -> int:
    setup_django()
    from django.db import connection

    from gongkai.publishing import search
    from gongkai.publishing.models import Item

    existing = Item.objects.filter(index_number__startswith="B/").count() if reuse else 0
    if existing:
        print(f"[{connection.vendor}] reusing the corpus already here: {existing:,} items")
    else:
        print(f"[{connection.vendor}] building {items:,} items across {bodies:,} bodies")
        build_corpus(items, bodies)
    for q in QUERIES:  # warm caches once
        search.search(q)
    fts, hits, per_query = [], {}, {q: [] for q in QUERIES}
    for _ in range(rounds):
        for q in QUERIES:
            for order in ("relevance", "date"):
                t = time.perf_counter()
                hits[q] = search.search(q, order=order).total
                per_query[q].append((time.perf_counter() - t) * 1000)
                fts.append(per_query[q][-1])
    slowest = sorted(QUERIES, key=lambda q: -statistics.median(per_query[q]))[:5]
    print(f"[{connection.vendor}] slowest queries (median ms): "
          + ", ".join(f"{q}={statistics.median(per_query[q]):.1f}" for q in slowest))  # fmt: skip
    like, like_hits = [], {}
    like_queries = QUERIES[::3]  # a LIKE scan over the whole table is slow: a third of the set
    for q in like_queries:
        t = time.perf_counter()
        like_hits[q] = like_scan(q)
        like.append((time.perf_counter() - t) * 1000)
    fts_same = [
        statistics.median(
            [(lambda t0: (search.search(q), (time.perf_counter() - t0) * 1000)[1])(time.perf_counter())
             for _ in range(3)]
        )
        for q in like_queries
    ]  # fmt: skip
    filtered = filtered_timings(rounds)
    p50, p95 = statistics.median(fts), percentile(fts, 95)
    ratio = statistics.median(like) / statistics.median(fts_same)
    print(f"[{connection.vendor}] queries={len(QUERIES)}×{rounds} hits per query: "
          + ", ".join(f"{q}={hits[q]}" for q in QUERIES[:6]) + " …")  # fmt: skip
    print(f"[{connection.vendor}] search: p50 {p50:.1f} ms, p95 {p95:.1f} ms, max {max(fts):.1f} ms "
          f"(target p95 < 100 ms → {'OK' if p95 < 100 else 'SLOWER THAN TARGET'})")  # fmt: skip
    print(f"[{connection.vendor}] LIKE scan (same {len(like_queries)} queries): median "
          f"{statistics.median(like):.1f} ms vs index {statistics.median(fts_same):.1f} ms → "
          f"index is {ratio:.1f}× faster")  # fmt: skip
    print(f"[{connection.vendor}] with filters (for information, {len(filtered)} searches: body, year, "
          f"kind, year + kind): p50 {statistics.median(filtered):.1f} ms, "
          f"p95 {percentile(filtered, 95):.1f} ms")  # fmt: skip
    return 0 if p95 < 100 else 1


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--here", action="store_true")
    parser.add_argument("--items", type=int, default=1_000_000)
    parser.add_argument("--bodies", type=int, default=5_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument(
        "--reuse", action="store_true", help="with --here and a kept database: skip the build"
    )
    args = parser.parse_args()
    if args.here:
        sys.exit(main(args.items, args.bodies, args.rounds, args.reuse))
    extra = ["--items", str(args.items), "--bodies", str(args.bodies), "--rounds", str(args.rounds)]
    sys.exit(run_on_both_databases(__file__, extra))
