"""What every command shares: the warehouse from --db, --json, --as-of, --scope, output of
tables and summaries, and the progress bar. Commands stay thin: they call the package."""

from __future__ import annotations

import datetime as dt
import functools
import json
import os
import sys
import traceback
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from typing import Any

import click

from leadanalytics.exceptions import LeadAnalyticsError


class State:
    """Global options, set by the group before the command runs."""

    def __init__(self, db: str | None, as_json: bool) -> None:
        self.db = db
        self.as_json = as_json

    def warehouse(self):
        from leadanalytics.install import connect

        return connect(self.db)


def state() -> State:
    return click.get_current_context().find_object(State)


def json_option(f: Callable) -> Callable:
    """``--json`` after the command's arguments (the same as the global one)."""

    @click.option("--json", "as_json", is_flag=True, help="One JSON object on standard output.")
    @functools.wraps(f)
    def wrapper(*args, as_json: bool = False, **kwargs):
        if as_json:
            state().as_json = True
        return f(*args, **kwargs)

    return wrapper


def as_of_option(f: Callable) -> Callable:
    return click.option(
        "--as-of",
        type=click.DateTime(formats=["%Y-%m-%d"]),
        default=None,
        help="A date in Europe/Amsterdam (YYYY-MM-DD); default today.",
    )(f)


def scope_option(f: Callable) -> Callable:
    """``--scope``: ``all``, ``branch:ID`` (that branch and below) or ``person:ID``."""
    return click.option(
        "--scope", default="all", show_default=True,
        help="all, branch:ID (that branch and below) or person:ID.",
    )(f)


def as_of_date(value: dt.datetime | None) -> dt.date:
    """The --as-of value as a date; today in Europe/Amsterdam when not given."""
    from leadanalytics.clock import as_of_day

    return as_of_day(value)


def emit(summary: str, data: dict[str, Any] | None = None) -> None:
    """The human summary on standard error, or one JSON object on standard output."""
    if state().as_json:
        click.echo(json.dumps(data if data is not None else {"message": summary}, default=str))
    else:
        click.echo(summary, err=True)


def emit_table(frame, out: str | None, summary: str, extra: dict[str, Any] | None = None) -> None:
    """A table as CSV to --out or standard output, with its summary (or JSON with ``rows``)."""
    data = dict(extra or {})
    if out:
        frame.to_csv(out, index=False)
        data["out"] = out
    if state().as_json:
        if not out:
            data["rows"] = json.loads(frame.to_json(orient="records", date_format="iso"))
        click.echo(json.dumps(data, default=str))
        return
    if not out:
        click.echo(frame.to_csv(index=False), nl=False)
    click.echo(summary, err=True)


@contextmanager
def progress(items: Iterable, label: str, length: int | None = None):
    """A progress bar on a terminal, none in a pipe."""
    if sys.stderr.isatty() and not state().as_json:
        with click.progressbar(items, label=label, length=length, file=sys.stderr) as bar:
            yield bar
    else:
        yield items


def debugging() -> bool:
    """``LEADANALYTICS_DEBUG`` is set (not empty, not 0): errors also show their traceback."""
    return os.environ.get("LEADANALYTICS_DEBUG", "").strip() not in ("", "0")


def report_error(exc: BaseException, message: str, **fields: Any) -> None:
    """One line on standard error (``error: MESSAGE``), or one JSON object on standard output
    under --json: ``error`` (the exception's class), ``message`` and the fields given (a
    package error adds its own arguments). ``LEADANALYTICS_DEBUG=1`` prints the traceback first.
    """
    if debugging():
        traceback.print_exception(exc, file=sys.stderr)
    ctx = click.get_current_context(silent=True)
    st = ctx.find_object(State) if ctx is not None else None
    if st is not None and st.as_json:
        payload: dict[str, Any] = {"error": type(exc).__name__, "message": message}
        payload.update({k: v for k, v in vars(exc).items() if isinstance(v, str | int | float)})
        payload.update(fields)
        click.echo(json.dumps(payload, default=str))
    else:
        click.echo(f"error: {message}", err=True)


def fail_on_package_errors(f: Callable) -> Callable:
    """Turn the package's own errors into one clear line and exit code 1."""

    @functools.wraps(f)
    def wrapper(*args, **kwargs):
        try:
            return f(*args, **kwargs)
        except LeadAnalyticsError as exc:
            report_error(exc, str(exc))
            sys.exit(1)

    return wrapper
