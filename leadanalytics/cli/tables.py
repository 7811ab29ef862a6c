"""Tables on the command line: ``--out FILE`` and standard output both go through the one output
writer (``leadanalytics/outputs.py``): guarded, atomic, formulas neutralised, numbers numbers.
A file written with ``--out`` is recorded with the people and contacts it names (domain.md,
"Privacy")."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from leadanalytics.cli.common import state


def emit_table(frame, out: str | None, summary: str, extra: dict[str, Any] | None = None,
               json_frame=None) -> None:
    """``frame`` (typed values) as CSV to ``--out`` (XLSX when it ends in ``.xlsx``) or to
    standard output, with its summary on standard error; with ``--json`` one object whose
    ``rows`` come from ``json_frame`` (default ``frame``)."""
    from leadanalytics.access.written_files import record_list
    from leadanalytics.outputs import csv_text, write

    data = dict(extra or {})
    if out:
        write(frame, out, "xlsx" if Path(out).suffix.lower() == ".xlsx" else "csv")
        command = click.get_current_context().command_path.split(" ", 1)[-1]  # "bonuses list"
        record_list(state().warehouse(), out, frame, ref=command)
        data["out"] = out
    if state().as_json:
        if not out:
            rows = frame if json_frame is None else json_frame
            data["rows"] = json.loads(rows.to_json(orient="records", date_format="iso"))
        click.echo(json.dumps(data, default=str))
        return
    if not out:
        click.echo(csv_text(frame), nl=False)
    click.echo(summary, err=True)
