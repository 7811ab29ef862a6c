"""`make bench`: seeded data, timings and peak memory (figures in README.md).

Each benchmark is a function ``(rows) -> int | table`` in a module of this folder; add yours to
BENCHMARKS. A nonzero status means a target of quality-bar.md was missed.
``python benchmarks/run.py [NAME ...] [--rows N]`` runs some of them (default: all, at their
own default size).
"""

from __future__ import annotations

import argparse
import importlib
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
BENCHMARKS = {
    # name: (module in benchmarks/, function, default size)
    "timesheets": ("timesheets", "main", 10_000_000),
    "bonuses": ("bench_bonuses", "main", 10_000_000),
    "metrics": ("bonuses_and_metrics", "metrics_main", 1_000_000),
    "pandas": ("bonuses_and_metrics", "pandas_main", 10_000_000),
    "reports": ("bench_reports", "main", 1_000_000),
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("names", nargs="*", help=f"of {', '.join(BENCHMARKS)}")
    parser.add_argument("--rows", type=int, default=None, help="override the size")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(HERE))
    status = 0
    for name in args.names or list(BENCHMARKS):
        module, function, rows = BENCHMARKS[name]
        print(f"== {name}", file=sys.stderr)
        result = getattr(importlib.import_module(module), function)(args.rows or rows)
        status |= result if isinstance(result, int) else 0
    return status


if __name__ == "__main__":
    raise SystemExit(main())
