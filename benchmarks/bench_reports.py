"""Benchmark: the build time of a full dashboard report (issue 10, reports.md "Reports").

``report build phase_group_dashboard`` for scope ``all`` over N leads written set-based along
the configured path (the same data as the metrics benchmark), next to the floor every build
pays: papermill running a one-cell notebook (kernel start and stop). Each build is timed end
to end (snapshot of the file, notebook run, HTML, manifest); the median of 3 builds is shown.
There is no target in quality-bar.md for this figure; it is recorded in README.md.

Run with ``make bench`` or ``python benchmarks/run.py reports --rows N``.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from bonuses_and_metrics import AS_OF, _won_leads_for_assignments

import leadanalytics as la

REPORT = "phase_group_dashboard"


def _empty_notebook_s(work: Path) -> float:
    """Seconds papermill takes for a notebook with one trivial cell: the fixed cost of a build."""
    import nbformat
    import papermill

    source = work / "empty.ipynb"
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("x = 1")]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, str(source))
    t0 = time.perf_counter()
    papermill.execute_notebook(str(source), str(work / "empty.out.ipynb"), progress_bar=False,
                               log_output=False, kernel_name="python3")
    return time.perf_counter() - t0


def bench_report_build(work: Path, n_leads: int, repeat: int = 3) -> dict:
    """Median seconds of ``build_report`` for the dashboard over ``n_leads`` leads."""
    from leadanalytics.reporting.build import build_report

    db = work / "reports.duckdb"
    db.unlink(missing_ok=True)
    w = la.connect(db, create=True)
    _won_leads_for_assignments(w, lead_count=n_leads)
    times, manifest = [], {}
    for i in range(repeat):
        t0 = time.perf_counter()
        manifest = build_report(w, REPORT, AS_OF, "all", work / f"out{i}")
        times.append(time.perf_counter() - t0)
    return {
        "leads": n_leads,
        "build_s": statistics.median(times),
        "builds_s": times,
        "floor_s": _empty_notebook_s(work),
        "html_bytes": (work / "out0" / f"{REPORT}.html").stat().st_size,
        "charts": manifest["row_counts"].get("charts"),
    }


def main(rows: int = 1_000_000) -> int:
    """`make bench` entry: the dashboard report's build time at ``rows`` leads (no target)."""
    with tempfile.TemporaryDirectory() as tmp:
        got = bench_report_build(Path(tmp), rows)
    print(f"| `report build {REPORT}` at {got['leads']:,} leads | seconds |")
    print("| --- | ---: |")
    print(f"| build (median of 3: {', '.join(f'{s:.1f}' for s in got['builds_s'])}) "
          f"| {got['build_s']:.1f} |")
    print(f"| of which the floor: papermill on a one-cell notebook | {got['floor_s']:.1f} |")
    print(f"| HTML size | {got['html_bytes'] / 1e6:.1f} MB, {got['charts']} charts |")
    return 0
