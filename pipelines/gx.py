"""great-expectations, in one module: the timesheet suite as a GX object, validation of each
load, and HTML data docs of the stored results.

great-expectations runs on a pandas DataFrame of the staged rows (a seeded sample above a
configured size), in a background thread while the SQL rules run, so that it does not dominate
ingest time; its import (seconds) is started early and only when a load needs it, and happens
only inside this module's functions. Results go to ``store.validation_results``;
``write_data_docs`` renders them as HTML data docs (one page per load, rendered by GX's own
validation-results renderer, and an index; text from the data is escaped). The SQL check
(`sql/queries/timesheet_checked_rows.sql`) decides what is quarantined; this is the record.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import os
import threading
from pathlib import Path
from typing import Any

from leadanalytics import clock
from leadanalytics.db.warehouse import Transaction, Warehouse

from . import timesheet_contract as contract

DEFAULT_SAMPLE_ROWS = 50_000
SAMPLE_SEED = 20260209
_import_lock = threading.Lock()
_gx = None


def _import_gx():
    """Import great-expectations once (it takes seconds), quietly."""
    global _gx
    with _import_lock:
        if _gx is None:
            os.environ.setdefault("GX_ANALYTICS_ENABLED", "False")
            import great_expectations as gx

            _gx = gx
    return _gx


def preload() -> threading.Thread:
    """Start importing great-expectations in the background; returns the thread."""
    t = threading.Thread(target=_import_gx, name="gx-import", daemon=True)
    t.start()
    return t


def suite():
    """The timesheet expectation suite as a great-expectations object.

    Examples:
        >>> len(suite().expectations) >= 15
        True
    """
    gx = _import_gx()
    from great_expectations.expectations.expectation_configuration import (
        ExpectationConfiguration,
    )

    d = contract.suite_dict()
    exps = [ExpectationConfiguration(type=e["type"], kwargs=e["kwargs"], meta=e.get("meta"))
            .to_domain_obj() for e in d["expectations"]]
    return gx.ExpectationSuite(name=d["name"], expectations=exps, meta=d.get("meta"))


def parameters(day: dt.date | None = None) -> dict[str, Any]:
    """The suite parameters (the bounds of the rules of the day) for a load on ``day`` (default:
    the clock's today), as pandas timestamps to compare with the frame's datetime columns."""
    import pandas as pd

    values = contract.day_parameters(day or clock.today())
    return {name: pd.Timestamp(value) for name, value in values.items()}


def validate_frame(frame, day: dt.date | None = None) -> dict[str, Any]:
    """Validate a pandas DataFrame (the validation frame) against the suite for a load on
    ``day`` (default: today); the result as JSON.

    Examples:
        >>> validate_frame(frame)["success"]  # doctest: +SKIP
        True
    """
    gx = _import_gx()
    context = gx.get_context(mode="ephemeral")
    try:
        context.variables.progress_bars = {"globally": False}
    except Exception:  # noqa: BLE001 - older/newer GX: progress bars are cosmetic
        pass
    asset = context.data_sources.add_pandas("timesheets").add_dataframe_asset("rows")
    batch = asset.add_batch_definition_whole_dataframe("all").get_batch(
        batch_parameters={"dataframe": frame}
    )
    result = batch.validate(suite(), result_format={"result_format": "COMPLETE"},
                            expectation_parameters=parameters(day))
    return result.to_json_dict()


class Validation:
    """A validation running in the background for the load being checked."""

    def __init__(self, frame, rows_in_file: int, day: dt.date | None = None) -> None:
        self.frame = frame
        self.rows_in_file = rows_in_file
        self.day = day
        self.result: dict[str, Any] | None = None
        self.error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="gx-validate", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            self.result = validate_frame(self.frame, self.day)
        except BaseException as exc:  # noqa: BLE001 - re-raised in finish()
            self.error = exc

    def finish(self, tx: Transaction, load_id: int) -> dict[str, Any]:
        """Wait for the result and store it in the load's transaction."""
        self._thread.join()
        if self.error is not None:
            raise self.error
        r = self.result
        stats = r["statistics"]
        tx.run(
            "queries/ingest/validation_result_insert", load_id=load_id, suite=contract.suite_dict()["name"],
            success=bool(r["success"]), rows_validated=len(self.frame),
            rows_in_file=self.rows_in_file, sampled=len(self.frame) < self.rows_in_file,
            evaluated=stats["evaluated_expectations"],
            failed=stats["unsuccessful_expectations"],
            validated_at=clock.now(), result=json.dumps(r, default=str),
        )
        return r


def sample_rows(tx: Transaction) -> int:
    """The configured sample size (setting ``validation_sample_rows``)."""
    row = tx.con.execute(
        "SELECT value FROM store.settings WHERE key = 'validation_sample_rows'"
    ).fetchall()
    return int(row[0][0]) if row else DEFAULT_SAMPLE_ROWS


def start_validation(tx: Transaction, rows_in_file: int,
                     day: dt.date | None = None) -> Validation:
    """Fetch the validation frame (``ts_staged`` + ``ts_checked``) and validate it meanwhile,
    for a load on ``day`` (the SQL check's day; default: today)."""
    frame = tx.frame("queries/ingest/timesheet_validation_frame", rows_in_file=rows_in_file,
                     sample_rows=sample_rows(tx), seed=SAMPLE_SEED)
    return Validation(frame.set_index("row_number"), rows_in_file, day)


def write_data_docs(w: Warehouse, out_dir: str | Path, load_id: int | None = None) -> Path:
    """Render stored validation results (one load, or every load) as HTML data docs.

    Returns the path of ``index.html``.

    Examples:
        >>> write_data_docs(w, "docs/validation")  # doctest: +SKIP
        PosixPath('docs/validation/index.html')
    """
    rows = w.rows("queries/ingest/validation_results_of_load", load_id=load_id)
    return _render(rows, Path(out_dir))


def _page(result_json: str) -> str:
    """One load's stored result as an HTML page, by GX's validation-results renderer."""
    _import_gx()
    from great_expectations.core.expectation_validation_result import (
        ExpectationSuiteValidationResultSchema,
    )
    from great_expectations.render.renderer import ValidationResultsPageRenderer
    from great_expectations.render.view import DefaultJinjaPageView

    d = json.loads(result_json)
    result = ExpectationSuiteValidationResultSchema().load(d)
    return DefaultJinjaPageView().render(ValidationResultsPageRenderer().render(result))


def _render(rows: list[tuple], out_dir: Path) -> Path:
    """Write ``load-<id>.html`` per stored result and ``index.html`` listing them."""
    out_dir.mkdir(parents=True, exist_ok=True)
    lines = []
    for (load_id, source_file, suite_name, success, validated, in_file, sampled, evaluated, failed,
         at, result) in rows:
        name = f"load-{load_id}.html"
        (out_dir / name).write_text(_page(result), encoding="utf-8")
        lines.append(
            f"<tr><td><a href='{name}'>{load_id}</a></td><td>{html.escape(str(source_file))}</td>"
            f"<td>{html.escape(suite_name)}</td><td>{'passed' if success else 'failed'}</td>"
            f"<td>{validated} of {in_file}{' (sample)' if sampled else ''}</td>"
            f"<td>{evaluated - failed} of {evaluated}</td><td>{html.escape(str(at))}</td></tr>"
        )
    index = out_dir / "index.html"
    index.write_text(
        "<!doctype html><html><head><meta charset='utf-8'><title>Validation results</title>"
        "</head><body><h1>Timesheet loads: great-expectations validation</h1><table border='1'>"
        "<tr><th>load</th><th>file</th><th>suite</th><th>result</th><th>rows validated</th>"
        "<th>expectations met</th><th>validated at</th></tr>" + "".join(lines)
        + "</table></body></html>",
        encoding="utf-8",
    )
    return index
