"""The one output writer: every file the package writes goes through here (data-contracts.md,
"Safe edges": "Files written" and "Spreadsheet safety").

* **The guard** (:func:`check_target`, :func:`ensure_folder`): never a DuckDB database (the
  warehouse included, found by its header) nor its ``.wal``, compared by real path with links
  followed; a file's folder must exist; a folder named where a file belongs is refused, while a
  folder named as an output folder is created. A refusal raises :class:`UnsafeOutput` and
  writes nothing.
* **Atomic writing**: a temporary file beside the target, renamed over it at the end, so a crash
  leaves the old file or the new one, never half; an existing file keeps its permissions.
* **Spreadsheet safety** (:func:`write`, :func:`csv_text`): a text cell whose first character
  after any leading spaces is ``=``, ``+``, ``-``, ``@``, a tab, a carriage return or a line feed
  gets a leading ``'``; numbers (``Decimal`` included) stay numbers.

This module imports only the standard library and ``leadanalytics.exceptions`` (pandas, polars
and openpyxl on first use): it is a bottom layer, beside the clock.

Examples:
    >>> import pandas as pd, tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "x.csv"
    >>> _ = write(pd.DataFrame({"name": ["=1+1", "Jan"], "eur": [-250.5, 3]}), p)
    >>> p.read_text()
    "name,eur\\n'=1+1,-250.5\\nJan,3.0\\n"
"""

from __future__ import annotations

import datetime as dt
import os
import re
import stat
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal

from leadanalytics.exceptions import UnsafeOutput

TableFormat = Literal["csv", "xlsx"]

#: What a spreadsheet would run: after any leading spaces, one of = + - @ tab CR LF.
FORMULA_START = r"^ *[=+\-@\t\r\n]"
_FORMULA = re.compile(FORMULA_START)
_DUCKDB_MAGIC = b"DUCK"        # bytes 8..12 of every DuckDB database file
_TIMEZONE = "Europe/Amsterdam"


def neutralise(value: Any) -> Any:
    """Text that a spreadsheet would run as a formula gets a leading apostrophe; anything else
    (numbers, dates, None) is returned as it is.

    Examples:
        >>> neutralise("=HYPERLINK(1)"), neutralise("  -1"), neutralise("\\nx"), neutralise("Jan")
        ("'=HYPERLINK(1)", "'  -1", "'\\nx", 'Jan')
        >>> neutralise(Decimal("-250.00"))
        Decimal('-250.00')
    """
    if isinstance(value, str) and _FORMULA.match(value):
        return "'" + value
    return value


# --------------------------------------------------------------------------- the guard


def _is_duckdb(path: Path) -> bool:
    try:
        with open(path, "rb") as f:
            head = f.read(12)
    except FileNotFoundError:
        return False
    except OSError as exc:
        raise UnsafeOutput(path, f"cannot read it to check that it is no database ({exc.strerror})"
                           ) from exc
    return head[8:12] == _DUCKDB_MAGIC


def check_target(path: str | Path) -> Path:
    """The real path to write ``path`` to (links followed), or :class:`UnsafeOutput` when it is
    a DuckDB database, a DuckDB ``.wal``, a folder, not a regular file, or in a missing folder.

    Examples:
        >>> check_target("/no/such/folder/x.csv")
        Traceback (most recent call last):
        ...
        leadanalytics.exceptions.UnsafeOutput: will not write /no/such/folder/x.csv: the folder /no/such/folder does not exist; nothing was written
    """
    given = Path(path)
    real = Path(os.path.realpath(given))
    if real.is_dir():
        raise UnsafeOutput(given, "it is a folder; name a file")
    if not real.parent.is_dir():
        what = "is not a folder" if real.parent.exists() else "does not exist"
        raise UnsafeOutput(given, f"the folder {given.parent} {what}")
    if real.exists() and not real.is_file():
        raise UnsafeOutput(given, "it is not a regular file")
    if _is_duckdb(real):
        raise UnsafeOutput(given, f"{real} is a DuckDB database (a warehouse?)")
    if real.name.lower().endswith(".wal") and _is_duckdb(real.with_name(real.name[:-4])):
        raise UnsafeOutput(given, f"{real} is the write-ahead log of a DuckDB database")
    return real


def ensure_folder(path: str | Path) -> Path:
    """An output folder (``report build --out DIR``, ``notify send --dry-run DIR``), created
    with its parents when missing; a file of that name is refused.

    Examples:
        >>> import tempfile, pathlib
        >>> ensure_folder(pathlib.Path(tempfile.mkdtemp()) / "a" / "b").is_dir()
        True
    """
    folder = Path(path)
    real = Path(os.path.realpath(folder))
    if real.exists() and not real.is_dir():
        raise UnsafeOutput(folder, "it is a file, not a folder")
    try:
        real.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UnsafeOutput(folder, f"cannot create the folder ({exc.strerror})") from exc
    return folder


def _new_file_mode() -> int:
    """What ``open()`` would give a new file: 0o666 less the umask (read without changing it
    where Linux tells it, so no other thread ever sees a zero umask)."""
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            mask = next(int(line.split()[1], 8) for line in f if line.startswith("Umask:"))
    except (OSError, StopIteration, ValueError, IndexError):
        mask = os.umask(0)
        os.umask(mask)
    return 0o666 & ~mask


@contextmanager
def atomic(path: str | Path) -> Iterator[Path]:
    """Guard ``path``, yield a temporary file beside it to write, then rename it over the target
    (which keeps its permissions, as ``cp`` does). An error leaves the old file and no temporary
    file behind.

    Examples:
        >>> import tempfile, pathlib
        >>> p = pathlib.Path(tempfile.mkdtemp()) / "a.txt"
        >>> with atomic(p) as tmp:
        ...     _ = tmp.write_text("hello")
        >>> p.read_text()
        'hello'
    """
    target = check_target(path)
    try:
        fd, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as exc:
        raise UnsafeOutput(path, f"cannot write in {target.parent} ({exc.strerror})") from exc
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        mode = stat.S_IMODE(target.stat().st_mode) if target.exists() else _new_file_mode()
        os.chmod(tmp, mode)
        with open(tmp, "rb") as f:
            os.fsync(f.fileno())
        os.replace(tmp, target)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise UnsafeOutput(path, f"cannot be written ({exc.strerror or exc})") from exc
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_text(text: str, path: str | Path, encoding: str = "utf-8") -> Path:
    """Write text (HTML, JSON, a notebook) through the guard, atomically; no neutralising."""
    with atomic(path) as tmp:
        tmp.write_text(text, encoding=encoding)
    return Path(path)


def write_bytes(data: bytes, path: str | Path) -> Path:
    """Write bytes (an ``.eml`` file) through the guard, atomically; no neutralising."""
    with atomic(path) as tmp:
        tmp.write_bytes(data)
    return Path(path)


# --------------------------------------------------------------------------- tables


def _is_polars(frame: Any) -> bool:
    return type(frame).__module__.split(".")[0] == "polars"


def _neutral_pandas(frame):
    """A copy of a pandas frame with every text cell (and column name) neutralised, and whether
    any text cell holds a carriage return."""
    import pandas as pd
    import pyarrow as pa

    out = frame.copy(deep=False)   # columns are replaced, never written into
    out.columns = [neutralise(c) for c in out.columns]
    has_cr = False
    for i in range(out.shape[1]):
        s = out.iloc[:, i]
        dtype = s.dtype
        if isinstance(dtype, pd.CategoricalDtype):
            s = s.astype(object)
            out.isetitem(i, s)
            dtype = s.dtype
        if pd.api.types.is_object_dtype(dtype):
            text = s.map(lambda v: v if isinstance(v, str) else "")
            if text.map(lambda v: _FORMULA.match(v) is not None).any():
                out.isetitem(i, s.map(neutralise))
            has_cr = has_cr or text.str.contains("\r", regex=False).any()
        elif isinstance(dtype, pd.StringDtype) or (
            isinstance(dtype, pd.ArrowDtype)
            and (pa.types.is_string(dtype.pyarrow_dtype)
                 or pa.types.is_large_string(dtype.pyarrow_dtype))
        ):
            hit = s.str.match(FORMULA_START).fillna(False).astype(bool)
            if hit.any():
                out.isetitem(i, s.mask(hit, "'" + s))
            has_cr = has_cr or bool(s.str.contains("\r", regex=False).fillna(False).any())
    return out, bool(has_cr)


def _pandas_csv(frame, target=None):
    """Neutralised CSV of a pandas frame, lines ending in LF. A text cell with a carriage return
    (rare, hostile) switches the file to CRLF: Python's CSV writer quotes a field only for the
    characters of its line ending, and an unquoted CR would break the row in every reader."""
    out, has_cr = _neutral_pandas(frame)
    return out.to_csv(target, index=False, lineterminator="\r\n" if has_cr else "\n",
                      encoding="utf-8")


def _neutral_polars(frame):
    import polars as pl

    frame = frame.rename({c: neutralise(c) for c in frame.columns})
    exprs = []
    for name, dtype in frame.schema.items():
        if dtype in (pl.Categorical, pl.Enum) or isinstance(dtype, pl.Categorical | pl.Enum):
            frame = frame.with_columns(pl.col(name).cast(pl.String))
            dtype = pl.String
        if dtype == pl.String:
            col = pl.col(name)
            exprs.append(pl.when(col.str.contains(FORMULA_START))
                         .then(pl.lit("'") + col).otherwise(col).alias(name))
    return frame.with_columns(exprs) if exprs else frame


def csv_text(frame) -> str:
    """A pandas or polars frame as neutralised CSV text (for standard output).

    Examples:
        >>> import pandas as pd
        >>> csv_text(pd.DataFrame({"t": ["@SUM(1+1)", " \\tx", "a-b"], "n": [-1, 2, 3]}))
        "t,n\\n'@SUM(1+1),-1\\n' \\tx,2\\na-b,3\\n"
    """
    if _is_polars(frame):
        return _neutral_polars(frame).write_csv()
    return _pandas_csv(frame)


def _format_of(path: Path, fmt: TableFormat | None) -> TableFormat:
    if fmt is not None:
        if fmt not in ("csv", "xlsx"):
            raise ValueError(f"fmt must be 'csv' or 'xlsx', not {fmt!r}")
        return fmt
    suffix = path.suffix.lower()
    if suffix in (".csv", ".xlsx"):
        return suffix[1:]  # type: ignore[return-value]
    raise UnsafeOutput(path, f"a table is written as .csv or .xlsx, not {path.suffix or 'no suffix'!r}")


def write(
    frame,
    path: str | Path,
    fmt: TableFormat | None = None,
    *,
    sheet: str = "data",
    widths: dict[str, float] | None = None,
    bold_rows: Iterable[int] = (),
) -> Path:
    """Write a pandas or polars frame to ``.csv`` or ``.xlsx`` (``fmt`` overrides the suffix)
    through the guard, atomically, with every text cell neutralised and numbers kept numbers.

    It writes any frame the package returns, also those pandas' own ``to_excel`` refuses: in
    XLSX, floats and ``Decimal`` values are number cells (a ``Decimal`` with its decimals
    shown), dates are dates, and tz-aware times are Europe/Amsterdam local time with a
    date-time format (naive: Excel has no time zones); ``widths`` sets column widths by name,
    ``bold_rows`` (0-based data rows) are bold, as is the header.

    Examples:
        >>> import leadanalytics as la
        >>> la.write(w.sql("select * from leads"), "leads.xlsx")  # doctest: +SKIP
        >>> la.write(w.sql("select * from bonus_batch_items", exact=True), "items.xlsx")  # doctest: +SKIP
    """
    path = Path(path)
    check_target(path)              # a refusal names the danger before the suffix
    kind = _format_of(path, fmt)
    with atomic(path) as tmp:
        if kind == "csv":
            if _is_polars(frame):
                _neutral_polars(frame).write_csv(tmp)
            else:
                _pandas_csv(frame, tmp)
        else:
            columns, rows = _rows(frame)
            _write_xlsx(columns, rows, tmp, sheet=sheet, widths=widths or {},
                        bold_rows=set(bold_rows))
    return path


def _rows(frame) -> tuple[list[str], Iterable[tuple]]:
    if _is_polars(frame):
        return list(frame.columns), frame.iter_rows()
    return [str(c) for c in frame.columns], frame.itertuples(index=False, name=None)


def xlsx_cell(v: Any) -> tuple[Any, str | None]:
    """A value as every XLSX the package writes holds it, with its number format: text
    neutralised, decimals numeric with their places, times as Amsterdam local time.

    Examples:
        >>> xlsx_cell(Decimal("-250.00")), xlsx_cell("=1+1")
        ((Decimal('-250.00'), '#,##0.00'), ("'=1+1", None))
    """
    from zoneinfo import ZoneInfo

    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    return _xlsx_value(v, ZoneInfo(_TIMEZONE), ILLEGAL_CHARACTERS_RE)


def _xlsx_value(v: Any, amsterdam, illegal: re.Pattern) -> tuple[Any, str | None]:
    """A Python value as openpyxl stores it, with its number format (or None)."""
    import pandas as pd

    if v is None or v is pd.NA or v is pd.NaT:
        return None, None
    if type(v).__module__ == "numpy":
        v = v.item()
    if isinstance(v, str):
        return illegal.sub("\ufffd", neutralise(v)), None
    if isinstance(v, bool):
        return v, None
    if isinstance(v, Decimal):
        if not v.is_finite():
            return None, None
        places = max(0, -int(v.as_tuple().exponent))
        return v, "#,##0" + ("." + "0" * places if places else "")
    if isinstance(v, float):
        return (None, None) if v != v else (v, None)
    if isinstance(v, int):
        return v, None
    if isinstance(v, pd.Timestamp):
        v = v.to_pydatetime()
    if isinstance(v, dt.datetime):
        if v.tzinfo is not None:
            v = v.astimezone(amsterdam).replace(tzinfo=None)
        return v, "yyyy-mm-dd hh:mm:ss"
    if isinstance(v, dt.date):
        return v, "yyyy-mm-dd"
    if isinstance(v, dt.time | dt.timedelta):
        return v, None
    if isinstance(v, pd.Timedelta):
        return v.to_pytimedelta(), None
    return illegal.sub("\ufffd", neutralise(str(v))), None


def _write_xlsx(columns: list[str], rows: Iterable[tuple], path: Path, *, sheet: str,
                widths: dict[str, float], bold_rows: set[int]) -> None:
    from zoneinfo import ZoneInfo

    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    amsterdam = ZoneInfo(_TIMEZONE)
    bold = Font(bold=True)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(sheet)
    for i, name in enumerate(columns, start=1):
        if name in widths:
            ws.column_dimensions[get_column_letter(i)].width = widths[name]

    def cell(value: Any, number_format: str | None, strong: bool):
        c = WriteOnlyCell(ws, value=value)
        if number_format:
            c.number_format = number_format
        if strong:
            c.font = bold
        return c

    def value(v: Any) -> tuple[Any, str | None]:
        return _xlsx_value(v, amsterdam, ILLEGAL_CHARACTERS_RE)

    ws.append([cell(value(c)[0], None, True) for c in columns])
    for n, row in enumerate(rows):
        strong = n in bold_rows
        out = []
        for v in row:
            val, number_format = value(v)
            out.append(cell(val, number_format, strong) if number_format or strong else val)
        ws.append(out)
    wb.save(path)
