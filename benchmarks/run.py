"""`make bench`: seeded data, timings and peak memory (figures in README.md).

Each benchmark is a module in this folder with ``main(rows) -> int``; add yours to BENCHMARKS.
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
    # name: (module in benchmarks/, default rows)
    "timesheets": ("timesheets", 10_000_000),
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("names", nargs="*", help=f"of {', '.join(BENCHMARKS)}")
    parser.add_argument("--rows", type=int, default=None, help="override the size")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(HERE))
    status = 0
    for name in args.names or list(BENCHMARKS):
        module, rows = BENCHMARKS[name]
        print(f"== {name}", file=sys.stderr)
        status |= importlib.import_module(module).main(args.rows or rows)
    return status


if __name__ == "__main__":
    raise SystemExit(main())
