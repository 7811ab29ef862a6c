"""The timesheet ingest pipeline: files of timesheet line revisions into the warehouse.

Each file is staged (``pipelines.reading``), typed and checked by set-based SQL
(``sql/queries/timesheet_*.sql``), validated by the great-expectations suite, and written in
one transaction: loaded lines, quarantined rows, and the ``loads`` row last. It holds no
business rule beyond the contract's loading rules (data-contracts.md, "Timesheets").
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from leadanalytics import clock
from leadanalytics.db.warehouse import Transaction, Warehouse
from leadanalytics.exceptions import InputFileError, SqlError

from . import timesheet_contract as contract
from .loads import LoadResult, new_load_id, now, record_load, record_refused
from .reading import (
    ReadAgain,
    ReadOptions,
    StagedFile,
    content_hash,
    drop_staged,
    release,
    retry_options,
    stage_file,
)

KIND = "timesheets"
TEMP_TABLES = ("ts_checked_rows", "ts_statuses", "ts_verdicts", "ts_rules", "ts_line_history",
               "ts_busy_lines")
DEFAULT_MEMORY_LIMIT = "1200MB"

Progress = Callable[[str, LoadResult | None], None]


def ingest_timesheets(
    w: Warehouse, paths: Iterable[str | Path], on_file: Progress | None = None,
    validate: bool = True,
) -> list[LoadResult]:
    """Load timesheet files in the order given; one transaction and one `loads` row per file.

    Args:
        w: the warehouse.
        paths: CSV, Parquet or XLSX files in the contract's columns.
        on_file: called with (path, None) before and (path, result) after each file.
        validate: run the great-expectations suite on each load (stored in
            ``store.validation_results``).

    Examples:
        >>> results = ingest_timesheets(w, ["week07.csv", "week08.csv"])  # doctest: +SKIP
        >>> [(r.rows_loaded, r.rows_quarantined) for r in results]  # doctest: +SKIP
        [(120, 0), (118, 2)]
    """
    results = []
    for path in paths:
        if on_file:
            on_file(str(path), None)
        result = ingest_timesheet_file(w, path, validate=validate)
        results.append(result)
        if on_file:
            on_file(str(path), result)
    return results


def ingest_timesheet_file(
    w: Warehouse, path: str | Path, validate: bool = True, kind: str = KIND,
    stage: Callable[[Transaction, Path, str | None], StagedFile] | None = None,
) -> LoadResult:
    """Load one timesheet file; a file that cannot be read is recorded as `refused`.

    ``stage(tx, path, digest)`` lets an adapter (another source's export) stage the file in the
    contract's columns; the default reads the contract's own format.

    Examples:
        >>> r = ingest_timesheet_file(w, "week07.csv")  # doctest: +SKIP
        >>> r.summary()  # doctest: +SKIP
        'week07.csv: read 120, loaded 118, skipped 0, quarantined 2 (...)'
    """
    path = Path(path)
    started = now()
    digest = content_hash(path) if path.is_file() else None
    options = ReadOptions()
    while True:
        try:
            return _ingest(w, path, validate, kind, stage, digest, started, options)
        except InputFileError as exc:
            return record_refused(w, kind, path, exc, digest, started)
        except ReadAgain as again:  # staging found a reason to read the file otherwise
            options = again.options
        except SqlError as exc:
            # The lazy CSV is read only by the checks: a read error shows there. Read it again
            # (quoted line breaks, Windows-1252 past the sniffed sample) or refuse it.
            try:
                options = retry_options(path, exc, options)
            except InputFileError as refusal:
                return record_refused(w, kind, path, refusal, digest, started)


def _ingest(w: Warehouse, path: Path, validate: bool, kind: str,
            stage: Callable[[Transaction, Path, str | None], StagedFile] | None,
            digest: str | None, started, options: ReadOptions) -> LoadResult:
    staged = None
    try:
        with w.transaction() as tx:
            _tune(tx)
            load_id = new_load_id(tx)
            seen = tx.fetchone("queries/ingest/timesheet_load_of_content", kind=kind,
                               content_hash=digest,
                               day_rules=contract.day_rule_names()) if digest else None
            if seen is not None:
                result = LoadResult(load_id, kind, str(path), "loaded", seen[1], 0, seen[1], 0,
                                    message=f"same content as load {seen[0]}: every row skipped")
                record_load(tx, result, digest, started)
                return result
            if validate:
                from . import gx

                gx.preload()  # the import takes seconds: let it run beside the SQL
            if stage is None:
                staged = _stage_contract(tx, path, digest, options)
            else:
                staged = stage(tx, path, digest)
            result = _check_and_write(tx, staged, load_id, kind, validate)
            record_load(tx, result, staged.content_hash, started)
            _drop_temp(tx, staged)
        return result
    finally:
        release(staged)  # a transcoded copy, also when the load failed


def _tune(tx: Transaction) -> None:
    """Bound the memory of the ingest (setting ``ingest_memory_limit``, default 1200MB)."""
    row = tx.con.execute(
        "SELECT value FROM store.settings WHERE key = 'ingest_memory_limit'"
    ).fetchall()
    limit = row[0][0] if row else DEFAULT_MEMORY_LIMIT
    tx.con.execute(f"SET memory_limit = '{_size(limit)}'")


def _size(text: str) -> str:
    """A memory size setting, checked to be digits and a unit (it is formatted into SET)."""
    import re

    if not re.fullmatch(r"\d+(\.\d+)?\s*[KMGT]i?B", text.strip(), flags=re.IGNORECASE):
        raise ValueError(f"ingest_memory_limit {text!r} is not a size such as 1GB")
    return text.strip()


def _stage_contract(tx: Transaction, path: Path, digest: str | None = None,
                    options: ReadOptions | None = None) -> StagedFile:
    return stage_file(tx.con, path, "staged", contract.REQUIRED, contract.OPTIONAL,
                      contract.NUMERIC, lazy=True, numbered=False, digest=digest,
                      options=options)


def _contract_view(tx: Transaction, staged: StagedFile) -> None:
    """``ts_staged``: the staged file with every contract column (absent optional ones NULL),
    in file order and without row numbers: ``ts_checked`` numbers the rows by its rowids."""
    cols = [c if c in staged.columns else f"CAST(NULL AS VARCHAR) AS {c}"
            for c in contract.COLUMNS]
    tx.con.execute(f"CREATE OR REPLACE TEMP VIEW ts_staged AS SELECT {', '.join(cols)} "  # noqa: S608
                   f"FROM {staged.table}")
    # The rows as staged, extra columns included: the `raw` of quarantined rows (read again
    # only when a row is quarantined).
    number = "" if staged.numbered else "CAST(row_number() OVER () AS BIGINT) AS row_number, "
    tx.con.execute(f"CREATE OR REPLACE TEMP VIEW ts_raw AS SELECT {number}* "  # noqa: S608
                   f"FROM {staged.table}")


def _rules_table(tx: Transaction) -> None:
    tx.con.execute("CREATE OR REPLACE TEMP TABLE ts_rules "
                   "(bit INTEGER, rule VARCHAR, col VARCHAR, message VARCHAR)")
    tx.con.executemany("INSERT INTO ts_rules VALUES (?, ?, ?, ?)",
                       [(r.bit, r.name, r.column, r.message) for r in contract.column_rules()])


def _check_and_write(tx: Transaction, staged: StagedFile, load_id: int, kind: str,
                     validate: bool) -> LoadResult:
    _contract_view(tx, staged)
    _rules_table(tx)
    day = clock.today()  # the day of the load: the rules of the day (future dates) use it
    params = contract.sql_parameters(day)
    tx.run("queries/ingest/timesheet_statuses", statuses=params["statuses"])
    tx.run("queries/ingest/timesheet_checked_rows", **params)
    tx.run("queries/ingest/timesheet_checked_view")
    rows = tx.fetchone("queries/ingest/timesheet_checked_count")[0]
    validation = None
    if validate and rows:
        from . import gx

        validation = gx.start_validation(tx, rows, day)
    tx.run("queries/ingest/timesheet_line_history")
    tx.run("queries/ingest/timesheet_busy_lines")
    tx.run("queries/ingest/timesheet_row_verdicts")
    skipped, quarantined = tx.fetchone("queries/ingest/timesheet_verdict_counts")
    by_rule = dict(tx.fetchall("queries/ingest/timesheet_verdict_rules"))
    src = str(staged.path)
    if quarantined:
        tx.run("queries/ingest/timesheet_quarantine_insert", load_id=load_id, kind=kind,
               source_file=src)
        tx.run("queries/ingest/timesheet_rejected_rows_insert", load_id=load_id,
               day_rules=contract.day_rule_names())
    insert = ("queries/ingest/timesheet_lines_insert" if skipped or quarantined
              else "queries/ingest/timesheet_lines_insert_all")
    loaded = tx.fetchone(insert, load_id=load_id)[0]
    if loaded + skipped + quarantined != rows:  # pragma: no cover - a bug, not input
        raise AssertionError(f"{src}: read {rows} != {loaded}+{skipped}+{quarantined}")
    if loaded:
        from leadanalytics.bonuses import crossings as bonus_crossings
        from leadanalytics.timesheets import corrections as hour_corrections
        from leadanalytics.timesheets.requests import mark_received

        hour_corrections.update_for_load(tx, loaded)  # bonus_hour_corrections, same transaction
        bonus_crossings.update_for_load(tx, load_id, loaded)  # built on them: after them

        mark_received(tx, load_id)   # requested weeks this load brings, in its transaction
    if validation is not None:
        validation.finish(tx, load_id)
    status = "partial" if quarantined else "loaded"
    return LoadResult(load_id, kind, src, status, rows, loaded, skipped, quarantined, by_rule)


def _drop_temp(tx: Transaction, staged: StagedFile) -> None:
    tx.con.execute("DROP VIEW IF EXISTS ts_staged")
    tx.con.execute("DROP VIEW IF EXISTS ts_raw")
    tx.con.execute("DROP VIEW IF EXISTS ts_checked")
    for t in TEMP_TABLES:
        tx.con.execute(f"DROP TABLE IF EXISTS {t}")
    drop_staged(tx.con, staged)
