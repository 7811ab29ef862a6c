"""Benchmark of the timesheet ingest against a bare DuckDB load of the same CSV, same run.

Each step runs in its own subprocess so that its peak memory (ru_maxrss) is its own:
- bare: ``CREATE TABLE t AS SELECT * FROM read_csv(file)`` into a fresh DuckDB file;
- ingest: ``ingest_timesheet_file`` into a fresh warehouse (all rules and GX on);
- re-ingest: the same file again (recognised by its content hash: every row skipped);
- re-ingest, rows checked: the same rows in a file with other bytes (header in upper case), so
  that every row goes through the rules and is skipped as identical to a loaded one.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SEED = 42

GENERATE = """
COPY (
    WITH r AS (
        SELECT i, CASE WHEN i % 10 = 9 THEN i - 1 ELSE i END AS line_no,
               CASE WHEN i % 10 = 9 THEN 2 ELSE 1 END AS revision,
               CAST(hash(i, $seed) % 1000003 AS BIGINT) AS h
        FROM range($rows) t(i)
    )
    SELECT 'L' || lpad(CAST(line_no AS VARCHAR), 9, '0') AS line_id,
           revision,
           'A' || lpad(CAST(line_no // 50 % 200000 AS VARCHAR), 6, '0') AS assignment_id,
           'E' || lpad(CAST(line_no // 50 % 150000 AS VARCHAR), 6, '0') AS employee_id,
           CAST(DATE '2024-01-01' + CAST(7 * (line_no % 100) AS INTEGER) AS DATE) AS week,
           CAST(CAST(h % 4001 AS DECIMAL(9, 2)) / 100 AS DECIMAL(9, 2)) AS hours,
           CASE WHEN revision = 2 THEN 'invoiced'
                ELSE ['submitted', 'approved_director', 'invoiced'][1 + h % 3] END AS status,
           CAST(DATE '2024-01-01' + CAST(7 * (line_no % 100) + 4 + 7 * revision AS INTEGER)
                AS DATE) AS status_date,
           'casemaster' AS source
    FROM r
) TO '{path}' (HEADER, DELIMITER ',');
"""

CHILD = r"""
import json, resource, sys, time
t = time.perf_counter()
kind, db, csv = sys.argv[1], sys.argv[2], sys.argv[3]
if kind == "bare":
    import duckdb
    con = duckdb.connect(db)
    con.execute("CREATE TABLE t AS SELECT * FROM read_csv($p)", {"p": csv})
    con.close()
    out = {}
else:
    import leadanalytics as la
    from leadanalytics.pipelines.timesheets import ingest_timesheet_file
    w = la.connect(db, create=True)
    r = ingest_timesheet_file(w, csv)
    out = {"loaded": r.rows_loaded, "skipped": r.rows_skipped, "quarantined": r.rows_quarantined}
out["seconds"] = time.perf_counter() - t
usage = resource.getrusage(resource.RUSAGE_SELF)
out["peak_mb"] = usage.ru_maxrss / 1024
out["cpu"] = usage.ru_utime + usage.ru_stime
print(json.dumps(out))
"""


def generate(path: Path, rows: int, seed: int = SEED) -> None:
    """Write a seeded contract CSV of ``rows`` timesheet line revisions."""
    import duckdb

    con = duckdb.connect()
    con.execute(GENERATE.replace("{path}", str(path).replace("'", "''")),
                {"rows": rows, "seed": seed})
    con.close()


def _child(kind: str, db: Path, csv: Path) -> dict:
    out = subprocess.run([sys.executable, "-c", CHILD, kind, str(db), str(csv)],
                         check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def run(rows: int = 10_000_000) -> list[dict]:
    """Run the benchmark at ``rows`` rows; returns one dict per step."""
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        csv = d / "timesheets.csv"
        t = time.perf_counter()
        generate(csv, rows)
        print(f"generated {rows:,} rows ({csv.stat().st_size / 1e6:.0f} MB) in "
              f"{time.perf_counter() - t:.1f} s", file=sys.stderr)
        other = d / "timesheets_upper_header.csv"
        with open(csv, "rb") as src, open(other, "wb") as dst:
            dst.write(src.readline().upper())
            while chunk := src.read(1 << 24):
                dst.write(chunk)
        bare = _child("bare", d / "bare.duckdb", csv)
        steps = [("bare CREATE TABLE AS read_csv", bare),
                 ("ingest", _child("ingest", d / "w.duckdb", csv)),
                 ("re-ingest (same file)", _child("ingest", d / "w.duckdb", csv)),
                 ("re-ingest (same rows, other file)", _child("ingest", d / "w.duckdb", other))]
    results = []
    for name, r in steps:
        r = dict(r, step=name, rows=rows, ratio=r["seconds"] / bare["seconds"])
        results.append(r)
    return results


def main(rows: int = 10_000_000) -> int:
    results = run(rows)
    print(f"{'step':36} {'rows':>11} {'seconds':>8} {'x bare':>7} {'CPU s':>7} {'peak MB':>8}  "
          "outcome")
    for r in results:
        outcome = ", ".join(f"{k} {r[k]:,}" for k in ("loaded", "skipped", "quarantined") if k in r)
        print(f"{r['step']:36} {r['rows']:>11,} {r['seconds']:>8.1f} {r['ratio']:>7.2f} "
              f"{r['cpu']:>7.1f} {r['peak_mb']:>8.0f}  {outcome}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000_000))
