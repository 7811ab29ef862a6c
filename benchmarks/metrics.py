"""Benchmark of the dashboard metrics: each metric over N seeded leads, median of 3 runs.

The leads and their events are generated in SQL straight into the store tables (phases taken
from the active pipeline by their properties, never by name): every lead starts in the default
phase, most move to the first step, some further, and a share ends won or lost.

Usage: ``python benchmarks/metrics.py [N_LEADS]`` (default 1 000 000).
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

import leadanalytics as la
from leadanalytics import metrics

AS_OF = "2026-06-30"


def generate(w: la.Warehouse, n: int) -> None:
    """N leads over 18 branches and 400 submitters, with seeded phase histories."""
    phases = w.query("queries/active_phases")
    default = phases[phases["is_default"]]["phase"].iloc[0]
    steps = phases[(~phases["is_default"]) & phases["outcome"].isin(["open"])]["phase"].tolist()
    won = phases[phases["outcome"] == "won"]["phase"].iloc[0]
    lost = phases[phases["outcome"] == "lost"]["phase"].tolist()
    with w.transaction() as tx:
        tx.sql("INSERT INTO store.branches SELECT 'B' || i, 'Branch ' || i, "
               "CASE WHEN i > 2 THEN 'B' || (i % 3) END, NULL FROM range(18) t(i)")
        tx.sql("INSERT INTO store.people (person_id, name, role, branch_id) "
               "SELECT 'P' || i, 'Person ' || i, 'employee', 'B' || (i % 18) FROM range(400) t(i)")
        tx.sql(
            "INSERT INTO store.leads (lead_id, pipeline, created_at, submitter_id, branch_id, "
            "business_unit, client_name, title, source) "
            "SELECT 'L' || i, $pipeline, TIMESTAMPTZ '2025-01-01 09:00:00+01' "
            "       + to_days(CAST(hash(i, 1) % 540 AS INTEGER)), "
            "       'P' || (hash(i, 2) % 400), 'B' || (hash(i, 3) % 18), "
            "       'BU' || (hash(i, 4) % 5), 'Client ' || (hash(i, 5) % 5000), 'Lead ' || i, "
            "       'S' || (hash(i, 6) % 4) "
            "FROM range($n) t(i)", pipeline=w.setting("phase_pipeline"), n=n)
        # event k of a lead: 0 default, 1 first step, 2 second step, 3 end (won or lost)
        tx.sql(
            "INSERT INTO store.phase_events (entity, record_id, seq, \"at\", from_phase, "
            "to_phase, verb, reason, assignment_id) "
            "WITH l AS (SELECT lead_id, created_at, hash(lead_id, 7) % 100 AS r FROM store.leads), "
            "path AS ("
            "  SELECT lead_id, created_at, r, [$d] "
            "    || CASE WHEN r < 90 THEN [$s1] ELSE [] END "
            "    || CASE WHEN r < 55 THEN [$s2] ELSE [] END "
            "    || CASE WHEN r < 30 THEN [$won] WHEN r < 45 THEN [$lost1] "
            "            WHEN r >= 90 AND r < 95 THEN [$lost2] ELSE [] END AS steps "
            "  FROM l) "
            "SELECT 'lead', lead_id, k, created_at + to_days(CAST(k * (1 + hash(lead_id, k) % 20) "
            "       AS INTEGER)), CASE WHEN k > 1 THEN steps[k - 1] END, steps[k], 'bench', "
            "       CASE WHEN steps[k] IN ($lost1, $lost2) THEN 'reason ' || (r % 7) END, "
            "       CASE WHEN steps[k] = $won THEN 'A-' || lead_id END "
            "FROM path, range(1, len(steps) + 1) t(k)",
            d=default, s1=steps[1] if len(steps) > 1 else steps[0],
            s2=steps[2] if len(steps) > 2 else steps[-1], won=won, lost1=lost[0],
            lost2=lost[-1],
        )


def main(n: int = 1_000_000) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        w = la.connect(Path(tmp) / "bench.duckdb")
        t = time.perf_counter()
        generate(w, n)
        print(f"generated {n:,} leads in {time.perf_counter() - t:.1f} s", file=sys.stderr)
        print("| metric | median of 3 (s) |\n| --- | --- |")
        for name in sorted(metrics.METRICS):
            kwargs = {"as_of": AS_OF, "scope": "all"}
            times = []
            for _ in range(3):
                t = time.perf_counter()
                metrics.run_metric(w, name, **kwargs)
                times.append(time.perf_counter() - t)
            print(f"| `{name}` | {statistics.median(times):.3f} |")
        t = time.perf_counter()
        metrics.run_metric(w, "funnel", as_of=AS_OF, scope="branch:B1", by="source")
        print(f"| `funnel` branch:B1 --by source | {time.perf_counter() - t:.3f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000))
