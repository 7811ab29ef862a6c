"""HTML data docs of stored great-expectations results: one page per load and an index.

Each page is rendered by great-expectations' own validation-results renderer; the index is a
plain table. Text from the data is escaped.
"""

from __future__ import annotations

import html
import json
from pathlib import Path


def _page(result_json: str) -> str:
    from great_expectations.core.expectation_validation_result import (
        ExpectationSuiteValidationResultSchema,
    )
    from great_expectations.render.renderer import ValidationResultsPageRenderer
    from great_expectations.render.view import DefaultJinjaPageView

    from .validation import _import_gx

    _import_gx()
    d = json.loads(result_json)
    result = ExpectationSuiteValidationResultSchema().load(d)
    return DefaultJinjaPageView().render(ValidationResultsPageRenderer().render(result))


def render(rows: list[tuple], out_dir: Path) -> Path:
    """Write ``load-<id>.html`` per stored result and ``index.html`` listing them."""
    out_dir.mkdir(parents=True, exist_ok=True)
    lines = []
    for (load_id, source_file, suite, success, validated, in_file, sampled, evaluated, failed,
         at, result) in rows:
        name = f"load-{load_id}.html"
        (out_dir / name).write_text(_page(result), encoding="utf-8")
        lines.append(
            f"<tr><td><a href='{name}'>{load_id}</a></td><td>{html.escape(str(source_file))}</td>"
            f"<td>{html.escape(suite)}</td><td>{'passed' if success else 'failed'}</td>"
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
