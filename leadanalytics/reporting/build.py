"""``build_report``: run a report notebook for one scope and date on a snapshot of the warehouse,
and write the HTML page, the executed notebook and a JSON manifest.

The warehouse is held only while its file is copied (a read-only connection keeps writers out
for that moment), so the build reads one consistent state and a long notebook never holds the
nightly ingest. The files written are recorded in ``store.written_files`` with everyone the
report can mention (the people and lead contacts of its scope), so that anonymising one of them
removes them (domain.md, "Privacy").
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import tempfile
import time
from importlib import resources
from pathlib import Path
from typing import Any

from leadanalytics import clock
from leadanalytics.access.scopes import resolve_scope
from leadanalytics.config.report_schedule import REPORTS
from leadanalytics.db.warehouse import Transaction, Warehouse
from leadanalytics.exceptions import NotFound
from leadanalytics.outputs import ensure_folder, write_text

SNAPSHOT_NAME = "warehouse.duckdb"


def notebook_path(name: str) -> Path:
    """The shipped notebook of a report (``notebooks/NAME.ipynb``)."""
    if name not in REPORTS:
        raise NotFound("report", f"{name} (known: {', '.join(REPORTS)})")
    here = Path(__file__).resolve().parents[2] / "notebooks" / f"{name}.ipynb"
    if here.exists():
        return here
    packaged = resources.files("leadanalytics.notebooks") / f"{name}.ipynb"  # from a wheel
    return Path(str(packaged))


def snapshot(warehouse: Warehouse, into: Path) -> Path:
    """Copy the warehouse file (and its WAL, if any) while holding a read-only connection."""
    target = into / SNAPSHOT_NAME
    with warehouse.reader():
        shutil.copyfile(warehouse.path, target)
        wal = Path(f"{warehouse.path}.wal")
        if wal.exists():
            shutil.copyfile(wal, Path(f"{target}.wal"))
    return target


def _hash_data(snap: Path, extra: dict[str, Any]) -> str:
    """A fingerprint of the data in a snapshot: each table's row count and the sum of its rows'
    hashes (row order aside), the record of written files left out: every build adds its own
    files to it, and the same data must give the same fingerprint."""
    h = hashlib.sha256(json.dumps(extra, sort_keys=True).encode())
    with Warehouse(snap).reader() as con:
        tx = Transaction(con)
        for schema, table in tx.fetchall("queries/reporting/snapshot_tables"):
            n, total = tx.fetchone("queries/reporting/snapshot_table_fingerprint",
                                   table=f"{schema}.{table}")
            h.update(f"{schema}.{table}:{n}:{total}\n".encode())
    return h.hexdigest()


def _strip_timing(nb) -> None:
    """Remove what differs between two runs of the same notebook (times, temporary paths)."""
    pm = nb.metadata.get("papermill", {})
    for key in ("start_time", "end_time", "duration", "input_path", "output_path"):
        pm.pop(key, None)
    for cell in nb.cells:
        if "injected-parameters" in cell.metadata.get("tags", []):
            cell["id"] = "injected-parameters"   # papermill gives it a random id
        cell.metadata.pop("execution", None)
        cell.metadata.get("papermill", {}).clear()


def build_report(
    warehouse: Warehouse,
    name: str,
    as_of: dt.date | str | None,
    scope: str = "all",
    out: str | Path = ".",
    as_person: str | None = None,
    show_code: bool = False,
    run_id: int | None = None,
) -> dict[str, Any]:
    """Build one report; return its manifest (also written as ``NAME.manifest.json``).

    Writes ``NAME.html`` (self-contained), ``NAME.ipynb`` (executed) and the manifest into
    ``out``. Same data and parameters give the same files, timing fields of the manifest aside.
    The three files are recorded with whom the report can mention, and with ``run_id`` (the
    scheduled run that built them, if any).

    Examples:
        >>> build_report(w, "phase_group_dashboard", "2026-03-31", "branch:NORTH", "out")  # doctest: +SKIP
    """
    import nbformat
    import papermill

    from leadanalytics.reporting.html import notebook_to_html

    started = time.monotonic()
    built_at = clock.now().astimezone(dt.UTC).isoformat(timespec="seconds")
    day = clock.as_of_day(as_of)
    parsed = resolve_scope(warehouse, scope, as_person=as_person)
    source = notebook_path(name)
    out = ensure_folder(out)
    parameters = {"db": SNAPSHOT_NAME, "as_of": day.isoformat(), "scope": str(parsed)}
    with tempfile.TemporaryDirectory(prefix="leadanalytics-report-") as tmp:
        work = Path(tmp)
        snap = snapshot(warehouse, work)
        input_hash = _hash_data(snap, {"report": name, **parameters})
        executed = work / f"{name}.ipynb"
        papermill.execute_notebook(
            str(source), str(executed), parameters=parameters, cwd=str(work),
            progress_bar=False, log_output=False, kernel_name="python3",
        )
        leads_in_scope = int(Warehouse(snap).rows(
            "queries/reporting/leads_in_scope_count", as_of=day, **parsed.params())[0][0])
        nb = nbformat.read(str(executed), as_version=4)
    _strip_timing(nb)
    title = f"{name} as of {day} ({parsed})"
    page, counts = notebook_to_html(nb, title, show_code=show_code)
    write_text(page, out / f"{name}.html")
    notebook = nbformat.writes(nb)
    write_text(notebook if notebook.endswith("\n") else notebook + "\n", out / f"{name}.ipynb")
    manifest = {
        "report": name,
        "parameters": {"as_of": day.isoformat(), "scope": str(parsed)},
        "data_as_of": day.isoformat(),
        "row_counts": {"leads_in_scope": leads_in_scope, **counts},
        "input_hash": input_hash,
        "files": [f"{name}.html", f"{name}.ipynb"],
        "built_at": built_at,
        "duration_s": round(time.monotonic() - started, 3),
    }
    write_text(json.dumps(manifest, indent=2) + "\n", out / f"{name}.manifest.json")
    paths = [os.path.realpath(out / f) for f in (*manifest["files"], f"{name}.manifest.json")]
    with warehouse.transaction() as tx:
        tx.run("queries/reporting/report_files_record", paths=paths, at=clock.now(), ref=name,
               run_id=run_id, **parsed.params())
    return manifest
