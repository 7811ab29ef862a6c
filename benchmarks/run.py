"""`make bench`: seeded data at two scales, timings and peak memory (figures in README.md)."""

from __future__ import annotations

import sys


def main() -> int:
    import os

    from bench_bonuses import main as bonuses

    # BENCH_ROWS / BENCH_ASSIGNMENTS scale the bonus benchmark (default 10 M rows, 200 k)
    print("## bonuses list as of a date (quality-bar.md: <= 5 x a bare GROUP BY)")
    print("| what | time | note |\n| --- | --- | --- |")
    bonuses(int(os.environ.get("BENCH_ROWS", 10_000_000)),
            int(os.environ.get("BENCH_ASSIGNMENTS", 200_000)))
    print("", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
