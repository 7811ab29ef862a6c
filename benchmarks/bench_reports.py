"""Benchmark: the build time of each report (issues 10 and 23, reports.md "Reports").

``report build NAME`` (nl) for scope ``all`` over N leads written set-based along the
configured path (the same data as the metrics benchmark), next to the floor every build pays:
papermill running a one-cell notebook (kernel start and stop). Each build is timed end to end
(snapshot of the file, notebook run, tables with their CSVs, HTML, manifest, index); the median
of 3 builds is shown. Issue 23's target: every report within 15 s at 1 M leads.

Run with ``make bench`` or ``python benchmarks/run.py reports --rows N``.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from bonuses_and_metrics import AS_OF, _won_leads_for_assignments

import leadanalytics as la

REPORTS = ("phase_group_dashboard", "lead_conversion", "bonus_payouts", "data_quality")
TARGET_S = 15.0  # issue 23: every report builds within 15 s at 1 M leads


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


def bench_report_build(work: Path, n_leads: int, repeat: int = 3,
                       reports: tuple[str, ...] = REPORTS) -> dict:
    """Seconds of ``build_report`` for each report over ``n_leads`` leads (median of ``repeat``)."""
    from leadanalytics.reporting.build import build_report

    db = work / "reports.duckdb"
    db.unlink(missing_ok=True)
    w = la.connect(db, create=True)
    _won_leads_for_assignments(w, lead_count=n_leads)
    got = {}
    for name in reports:
        times, manifest = [], {}
        for i in range(repeat):
            t0 = time.perf_counter()
            manifest = build_report(w, name, AS_OF, "all", work / f"out{i}", lang="nl")
            times.append(time.perf_counter() - t0)
        got[name] = {
            "build_s": statistics.median(times),
            "builds_s": times,
            "html_bytes": (work / "out0" / f"{name}.html").stat().st_size,
            "charts": manifest["row_counts"].get("charts"),
        }
    return {"leads": n_leads, "reports": got, "floor_s": _empty_notebook_s(work)}


def main(rows: int = 1_000_000) -> int:
    """`make bench` entry: each report's build time at ``rows`` leads; status 1 when one takes
    longer than the 15 s of issue 23."""
    with tempfile.TemporaryDirectory() as tmp:
        got = bench_report_build(Path(tmp), rows)
    print(f"| `report build NAME --lang nl` at {got['leads']:,} leads | median of 3 | builds | HTML |")
    print("| --- | ---: | --- | --- |")
    status = 0
    for name, r in got["reports"].items():
        print(f"| {name} | {r['build_s']:.1f} s | {', '.join(f'{s:.1f}' for s in r['builds_s'])} "
              f"| {r['html_bytes'] / 1e6:.1f} MB, {r['charts']} charts |")
        status |= int(r["build_s"] > TARGET_S)
    print(f"| the floor: papermill on a one-cell notebook | {got['floor_s']:.1f} s | | |")
    return status
