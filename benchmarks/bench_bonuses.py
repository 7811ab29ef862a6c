"""`bonuses list` as of a date against a bare GROUP BY over the same timesheet table.

Target (quality-bar.md): at 10 M timesheet rows and 200 k assignments, `bonuses list` takes at
most 5 x `SELECT assignment_id, sum(hours) FROM timesheet_lines GROUP BY 1`, in the same run.
Run: `python benchmarks/bench_bonuses.py [ROWS] [ASSIGNMENTS]` (default 10 M and 200 k).
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

import leadanalytics as la
from leadanalytics.bonuses import bonuses_list, install_bonus_schemes
from leadanalytics.timesheets import corrections as hour_corrections

GENERATE = """
INSERT INTO store.leads (lead_id, pipeline, created_at, submitter_id, branch_id, business_unit,
                         client_name, title, is_permanent_role, is_hours_extension)
SELECT printf('L-%07d', i), $pipeline, TIMESTAMPTZ '2026-01-05 09:00:00+01' + to_days(i % 60),
       printf('P-%04d', i % 500), 'AMS', CASE WHEN i % 7 = 0 THEN 'Interim juristen' ELSE 'ICT' END,
       'Client', 'Title', i % 50 = 0, i % 20 = 0
FROM range($assignments) t(i);

INSERT INTO store.phase_events (entity, record_id, seq, "at", from_phase, to_phase, verb,
                                assignment_id)
SELECT 'lead', printf('L-%07d', i), s.seq,
       TIMESTAMPTZ '2026-01-05 09:00:00+01' + to_days(i % 60 + s.seq * 3),
       CASE s.seq WHEN 1 THEN NULL WHEN 2 THEN $default ELSE $open END,
       CASE s.seq WHEN 1 THEN $default WHEN 2 THEN $open ELSE $won END,
       'bench', CASE WHEN s.seq = 3 THEN printf('A-%07d', i) END
FROM range($assignments) t(i), (VALUES (1), (2), (3)) s(seq);

INSERT INTO store.timesheet_lines (line_id, revision, assignment_id, week, hours, status,
                                   status_date, load_id)
SELECT printf('TL-%09d', line), revision, printf('A-%07d', line % $assignments),
       DATE '2026-01-05' + CAST(7 * (line // $assignments % 40) AS INTEGER),
       CAST((r * 7919) % 4000 AS DECIMAL(9, 2)) / 100,
       CASE WHEN revision = 1 AND r % 10 = 0 THEN 'approved_director' ELSE 'invoiced' END,
       DATE '2026-01-12' + CAST(7 * (line // $assignments % 40) + (revision - 1) * 5 AS INTEGER),
       0
FROM (
    -- one row in 20 is a correction (revision 2) of the line before it
    SELECT r, CASE WHEN r % 20 = 19 THEN r - 1 ELSE r END AS line,
           CASE WHEN r % 20 = 19 THEN 2 ELSE 1 END AS revision
    FROM range($rows) t(r)
)
"""


# the bare baseline's SQL, kept with the benchmarks (benchmarks/sql/)
BARE_SUM_SQL = (Path(__file__).parent / "sql" / "bench_hours_per_assignment.sql").read_text()


def _bare_sum(w) -> list[tuple]:
    """The bare ``SELECT assignment_id, sum(hours) ... GROUP BY 1`` over the same table."""
    with w.reader() as con:
        return con.execute(BARE_SUM_SQL).fetchall()


def timed(fn):
    """(wall seconds, result); the CPU seconds (all threads) are appended to CPU."""
    start, cpu = time.perf_counter(), time.process_time()
    result = fn()
    CPU.append(time.process_time() - cpu)
    return time.perf_counter() - start, result


CPU: list[float] = []


def main(rows: int = 10_000_000, assignments: int = 200_000) -> list[tuple[str, float, str]]:
    with tempfile.TemporaryDirectory() as tmp:
        w = la.connect(Path(tmp) / "bench.duckdb", create=True)
        install_bonus_schemes(w)
        phases = w.sql("select code, is_default, outcome, requires_assignment_id from phases "
                       "where pipeline = $p and entity = 'lead' order by position",
                       p=w.setting("phase_pipeline"))
        default = phases[phases.is_default].code.iloc[0]
        open_next = phases[(~phases.is_default) & (phases.outcome == "open")].code.iloc[0]
        won = phases[(phases.outcome == "won") & phases.requires_assignment_id].code.iloc[0]
        gen_s, _ = timed(lambda: _generate(w, rows, assignments, default, open_next, won))
        as_of = dt.date(2026, 9, 30)
        base_s, _ = timed(lambda: _bare_sum(w))
        list_s, frame = timed(lambda: bonuses_list(w, as_of))
        base2_s, _ = timed(lambda: _bare_sum(w))
        base = min(base_s, base2_s)
        base_cpu, list_cpu = min(CPU[-3], CPU[-1]), CPU[-2]
        counts = frame["status"].value_counts().to_dict()
    table = [
        ("generate data", gen_s, f"{rows:,} rows, {assignments:,} assignments"),
        ("bare GROUP BY assignment_id", base, "baseline"),
        ("bonuses list --as-of 2026-09-30", list_s,
         f"{list_s / base:.1f} x baseline (target <= 5); {len(frame):,} leads {counts}"),
        ("CPU: bare GROUP BY / bonuses list", list_cpu,
         f"{base_cpu:.2f} s / {list_cpu:.2f} s CPU = {list_cpu / base_cpu:.1f} x"),
    ]
    for what, seconds, note in table:
        print(f"| {what} | {seconds:.2f} s | {note} |")
    return table


def _generate(w, rows, assignments, default, open_next, won):
    with w.transaction() as tx:
        for statement in GENERATE.strip().split(";\n\n"):
            tx.sql(statement, pipeline=w.setting("phase_pipeline"), assignments=assignments,
                   rows=rows, default=default, open=open_next, won=won)
        # the lines bypass the ingest, which would have stored their hour corrections
        hour_corrections.refresh(tx)


if __name__ == "__main__":
    args = [int(a) for a in sys.argv[1:3]]
    main(*args)
