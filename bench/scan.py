"""Privacy scanner throughput (MB of UTF-8 text per second, median of several runs).

    /work/main/.venv/bin/python bench/scan.py [--mb 5] [--runs 5]

Two corpora: disclosure-page-like prose (a personal number every few KB) and a dense one where
every line holds a number, code, date or amount (the worst case).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from gongkai.rules.privacy import Scanner  # noqa: E402
from tests.rules.corpus import negative_corpus, positive_corpus, realistic_document  # noqa: E402

TARGET_MB_S = 5.0


def dense_document(size_bytes: int) -> str:
    lines = [t for _, _, t in positive_corpus(1000)] + negative_corpus(5000)
    text = "\n".join(lines)
    repeat = max(1, size_bytes // len(text.encode("utf-8")) + 1)
    return "\n".join([text] * repeat)


def measure(text: str, runs: int) -> tuple[float, float, int]:
    """MB/s by wall clock and by CPU time of this process (the machine may be shared)."""
    scanner = Scanner(allow=["0533-6418888", "0533-6418899", "13905331234"])
    size = len(text.encode("utf-8"))
    wall, cpu = [], []
    found = 0
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        found = len(scanner.scan(text))
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return size / statistics.median(wall) / 1e6, size / statistics.median(cpu) / 1e6, found


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mb", type=float, default=5)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    size = int(args.mb * 1_000_000)
    for name, text in (
        ("公开页面类文本", realistic_document(size)),
        ("高密度数字文本", dense_document(size)),
    ):
        speed, cpu_speed, found = measure(text, args.runs)
        print(
            f"{name}: {len(text.encode('utf-8')) / 1e6:.1f} MB，{found} 处发现，"
            f"中位数 {speed:.1f} MB/s（按CPU时间 {cpu_speed:.1f} MB/s；"
            f"目标 {TARGET_MB_S} MB/s，比值 {speed / TARGET_MB_S:.1f}× / {cpu_speed / TARGET_MB_S:.1f}×）"
        )


if __name__ == "__main__":
    main()
