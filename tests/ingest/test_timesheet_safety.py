"""Safety with real processes: a killed ingest leaves the warehouse as it was and a rerun
completes it; two ingests at once never corrupt (one waits or says "warehouse busy")."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

REPO = Path(__file__).resolve().parents[2]
ROWS = 60_000

# Ingest FILE into DB; print "inside" from within the load's transaction and pause there
# (seconds): at "check" before the rules run, at "record" after every row is written but before
# the loads row; so that the parent can act while the file is half-done.
CHILD = r"""
import os, sys, time
import leadanalytics as la
from leadanalytics.pipelines import timesheets as ts
db, path, pause, where = sys.argv[1], sys.argv[2], float(sys.argv[3]), sys.argv[4]
name = {"check": "_check_and_write", "record": "record_load"}[where]
inner = getattr(ts, name)
def paused(*args, **kwargs):
    print("inside", flush=True)
    end = time.monotonic() + pause
    while time.monotonic() < end and not os.path.exists(path + ".release"):
        time.sleep(0.05)
    return inner(*args, **kwargs)
setattr(ts, name, paused)
r = ts.ingest_timesheet_file(la.connect(db), path, validate=False)
print(r.summary(), flush=True)
"""


def big_file(tmp_path: Path) -> Path:
    p = tmp_path / "big.csv"
    con = duckdb.connect()
    con.execute(
        "COPY (SELECT 'L' || i AS line_id, 1 AS revision, 'A' || (i % 500) AS assignment_id, "
        "'E1' AS employee_id, DATE '2026-02-09' AS week, 8 AS hours, 'invoiced' AS status, "
        "DATE '2026-02-13' AS status_date, 'casemaster' AS source FROM range($n) t(i)) "
        f"TO '{p}' (HEADER)", {"n": ROWS})
    return p


def state(db: Path):
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(
            "SELECT (SELECT count(*) FROM store.timesheet_lines), "
            "(SELECT count(*) FROM store.loads), (SELECT count(*) FROM store.quarantine)"
        ).fetchall()[0]
    finally:
        con.close()


def child(db: Path, path: Path, pause: float, where: str = "check") -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", CHILD, str(db), str(path), str(pause), where],
                            cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=dict(os.environ))


@pytest.mark.parametrize(("where", "pause", "delay"), [
    ("check", 30, 0.2),     # transaction open, rules about to run
    ("record", 30, 0.2),    # every row written, the loads row not yet
    ("check", 0, 0.3),      # somewhere in the rules and writes (or just after the commit)
])
def test_sigkill_during_ingest_leaves_the_warehouse_as_it_was(
        w_ts, write_csv, tmp_path, where, pause, delay):
    first = write_csv("first.csv", "X1,1,A1,E1,2026-02-09,40,submitted,2026-02-13,")
    from leadanalytics.pipelines.timesheets import ingest_timesheet_file
    ingest_timesheet_file(w_ts, first, validate=False)
    before = state(w_ts.path)
    p = big_file(tmp_path)
    proc = child(w_ts.path, p, pause, where)
    assert proc.stdout.readline().strip() == "inside"
    time.sleep(delay)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    after = state(w_ts.path)
    complete = (before[0] + ROWS, before[1] + 1, 0)
    if pause:
        assert after == before        # nothing of the file, not even its loads row
    else:
        assert after in (before, complete)   # never a half file
    rerun = child(w_ts.path, p, 0)
    out, err = rerun.communicate(timeout=300)
    assert rerun.returncode == 0, err
    if after == before:
        assert f"read {ROWS}, loaded {ROWS}, skipped 0" in out
        assert state(w_ts.path) == complete
    else:
        assert f"read {ROWS}, loaded 0, skipped {ROWS}" in out
        assert state(w_ts.path) == (before[0] + ROWS, before[1] + 2, 0)


def test_two_ingests_at_once_one_waits_or_says_busy(w_ts, write_csv, tmp_path):
    p = big_file(tmp_path)
    other = write_csv("other.csv", "Y1,1,A1,E1,2026-02-09,40,submitted,2026-02-13,")
    holder = child(w_ts.path, p, 120)       # holds the warehouse until released
    assert holder.stdout.readline().strip() == "inside"
    # A second ingest that will not wait long: "warehouse busy", exit 1, nothing written.
    busy = subprocess.run(
        [sys.executable, "-c", "from leadanalytics.cli import main; main()", "--db",
         str(w_ts.path), "ingest", "timesheets", str(other), "--no-validate"],
        cwd=REPO, capture_output=True, text=True,
        env={**os.environ, "LEADANALYTICS_BUSY_TIMEOUT": "0.5"}, timeout=300)
    assert busy.returncode == 1
    assert "warehouse busy" in busy.stderr
    # One that waits long enough loads after the holder commits.
    waiter = subprocess.Popen(
        [sys.executable, "-c", "from leadanalytics.cli import main; main()", "--db",
         str(w_ts.path), "ingest", "timesheets", str(other), "--no-validate"],
        cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "LEADANALYTICS_BUSY_TIMEOUT": "120"})
    time.sleep(1.0)
    Path(str(p) + ".release").touch()
    out, err = holder.communicate(timeout=300)
    assert holder.returncode == 0, err
    w_out, w_err = waiter.communicate(timeout=300)
    assert waiter.returncode == 0, w_err
    assert state(w_ts.path) == (ROWS + 1, 2, 0)
