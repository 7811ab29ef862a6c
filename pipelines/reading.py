"""Reading input files (CSV, Parquet, XLSX) into a staging table of text columns.

Files as people really send them are read: a UTF-8 byte-order mark, Windows line endings, a
`;`-separated export with decimal commas, an XLSX whose header sits below a title. Column names
match case-insensitively; extra columns are kept aside. Typing and rules are the loaders' work.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from leadanalytics.exceptions import InputFileError

CSV_SUFFIXES = {".csv", ".txt", ".tsv"}
XLSX_SUFFIXES = {".xlsx", ".xlsm"}
PARQUET_SUFFIXES = {".parquet", ".pq"}
HEADER_SEARCH_ROWS = 10
_IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


@dataclass(frozen=True)
class StagedFile:
    """A file staged in a connection as the view ``table``.

    The view has ``row_number`` (data rows from 1, header excluded), every contract column
    present (lower-case names, trimmed text, empty → NULL) and the extra columns as they were.
    """

    path: Path
    table: str
    columns: list[str]
    extra_columns: list[str]
    rows: int | None
    content_hash: str
    decimal_comma: bool = False
    header_row: int = 1
    source_columns: dict[str, str] = field(default_factory=dict)
    numbered: bool = True  # False: no row_number column, rows come in file order

    @property
    def source_file(self) -> str:
        return str(self.path)


def content_hash(path: str | Path) -> str:
    """SHA-256 of the file's bytes."""
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def stage_file(
    con: duckdb.DuckDBPyConnection,
    path: str | Path,
    table: str,
    required: Sequence[str],
    optional: Sequence[str] = (),
    numeric: Sequence[str] = (),
    aliases: Mapping[str, str] | None = None,
    *,
    lazy: bool = False,
    numbered: bool = True,
    digest: str | None = None,
) -> StagedFile:
    """Stage ``path`` as the temporary view ``table`` in ``con``; refuse what cannot be read.

    ``aliases`` maps a header as found in the file (any case) to a contract column. A file that
    cannot be read, is empty, or lacks a required column raises ``InputFileError``.
    ``lazy=True`` (large files, one main pass): a CSV is not copied into a temporary table but
    read from the file at each use of the view, and ``rows`` is ``None`` (not counted).
    ``numbered=False``: the view has no ``row_number`` column (numbering a lazy CSV is a
    window that reads the file on one thread); its rows come in file order, and the caller
    numbers them, e.g. by the rowids of a table it creates from the view.
    ``digest``: the file's SHA-256 when the caller has it already (saves reading it twice).

    Examples:
        >>> import duckdb, tempfile, os
        >>> p = os.path.join(tempfile.mkdtemp(), "b.csv")
        >>> _ = open(p, "w").write("Branch_ID,name,parent_id,extra\\nAMS, Amsterdam ,,x\\n")
        >>> s = stage_file(duckdb.connect(), p, "b", ["branch_id", "name"], ["parent_id"])
        >>> (s.columns, s.extra_columns, s.rows)
        (['branch_id', 'name', 'parent_id'], ['extra'], 1)
    """
    path = Path(path)
    if not _IDENT.match(table):
        raise ValueError(f"staging table name {table!r} is not a plain identifier")
    if not path.is_file():
        raise InputFileError(path, "no such file")
    suffix = path.suffix.lower()
    raw = f"{table}__raw"
    _drop(con, table)
    _drop(con, raw)
    decimal_comma = False
    header_row = 1
    try:
        if suffix in XLSX_SUFFIXES:
            headers, header_row = _stage_xlsx(con, path, raw, required, aliases)
        elif suffix in PARQUET_SUFFIXES:
            con.execute(
                f"CREATE TEMP TABLE {raw} AS SELECT * FROM read_parquet($p)",  # noqa: S608
                {"p": str(path)},
            )
            headers = [r[0] for r in con.execute(f"DESCRIBE {raw}").fetchall()]
        elif suffix in CSV_SUFFIXES:
            headers, decimal_comma = _stage_csv(con, path, raw, lazy)
        else:
            raise InputFileError(path, f"unknown file type {suffix!r} (CSV, Parquet or XLSX)")
    except InputFileError:
        raise
    except (duckdb.Error, OSError, ValueError, KeyError, IndexError) as exc:
        raise InputFileError(path, f"cannot be read: {str(exc).splitlines()[0]}") from exc

    aliases = {k.strip().lower(): v for k, v in (aliases or {}).items()}
    wanted = list(required) + [c for c in optional if c not in required]
    mapping: dict[str, str] = {}  # contract column -> header in file
    extra: list[str] = []
    for h in headers:
        key = str(h).strip().lower()
        target = aliases.get(key, key)
        if target in wanted and target not in mapping:
            mapping[target] = h
        else:
            extra.append(h)
    missing = [c for c in required if c not in mapping]
    if missing:
        _drop(con, raw)
        found = ", ".join(str(h) for h in headers) or "(none)"
        raise InputFileError(
            path, f"missing required column(s) {', '.join(missing)} (found: {found})"
        )
    lazy_csv = lazy and suffix in CSV_SUFFIXES
    if not numbered:
        selects = []
    elif lazy_csv:
        # Read in file order; row_number() OVER () streams and keeps that order.
        selects = ["CAST(row_number() OVER () AS BIGINT) AS row_number"]
    else:
        # A fresh temp table keeps the file's order in its rowids, which start at an offset.
        first_rowid = con.execute(f"SELECT coalesce(min(rowid), 0) FROM {raw}").fetchall()[0][0]  # noqa: S608
        selects = [f"CAST(__rowid - {int(first_rowid)} + 1 AS BIGINT) AS row_number"]
    texts = {col: f"CAST({_quote(mapping[col])} AS VARCHAR)" for col in wanted if col in mapping}
    for col in texts:
        # trim() removes only the Unicode space separators (U+0020 and non-ASCII ones) and
        # costs more than reading the file: a row whose contract cells hold neither a space
        # nor a non-ASCII character is kept as is (the same values, see _SPACED).
        expr = (f"nullif(CASE WHEN __spaced THEN trim({_quote(col)}) ELSE {_quote(col)} END, '')")
        if decimal_comma and col in numeric:
            expr = f"replace({expr}, ',', '.')"
        selects.append(f"{expr} AS {_quote(col)}")
    for h in extra:
        selects.append(f"CAST({_quote(h)} AS VARCHAR) AS {_quote(str(h))}")
    inner = [f"{text} AS {_quote(col)}" for col, text in texts.items()]
    inner += [_quote(h) for h in extra]
    if numbered and not lazy_csv:
        inner.append("rowid AS __rowid")
    cells = f"concat({', '.join(texts.values())})"
    inner.append(_SPACED.format(cells=cells) + " AS __spaced")
    con.execute(f"CREATE TEMP VIEW {table} AS SELECT {', '.join(selects)} "  # noqa: S608
                f"FROM (SELECT {', '.join(inner)} FROM {raw})")
    rows = None if lazy_csv else con.execute(f"SELECT count(*) FROM {raw}").fetchall()[0][0]  # noqa: S608
    return StagedFile(
        path=path,
        table=table,
        columns=[c for c in wanted if c in mapping],
        extra_columns=[str(h) for h in extra],
        rows=rows,
        content_hash=digest or content_hash(path),
        decimal_comma=decimal_comma,
        header_row=header_row,
        source_columns=mapping,
        numbered=numbered,
    )


# True when a row's text (its cells concatenated) may change under trim(): it holds a space or
# a non-ASCII character (byte length above character length). trim() removes U+0020 and the
# other Unicode space separators (category Zs), all non-ASCII (tests/ingest/test_reading.py).
_SPACED = "(contains({cells}, ' ') OR strlen({cells}) <> length({cells}))"


def drop_staged(con: duckdb.DuckDBPyConnection, staged: StagedFile) -> None:
    """Remove a staged file's view and table from the connection."""
    _drop(con, staged.table)
    _drop(con, f"{staged.table}__raw")


def _drop(con: duckdb.DuckDBPyConnection, name: str) -> None:
    """Drop the temporary view or table ``name`` if it exists."""
    kinds = con.execute(
        "SELECT 'VIEW' FROM duckdb_views() WHERE temporary AND view_name = $n "
        "UNION ALL SELECT 'TABLE' FROM duckdb_tables() WHERE temporary AND table_name = $n",
        {"n": name},
    ).fetchall()
    for (kind,) in kinds:
        con.execute(f"DROP {kind} IF EXISTS {name}")


def _literal(text: str) -> str:
    """A SQL string literal (for a view, which cannot take parameters)."""
    return "'" + text.replace("'", "''") + "'"


def _first_line(path: Path) -> str:
    with open(path, "rb") as f:
        head = f.read(64 * 1024)
    text = head.decode("utf-8-sig", errors="replace")
    for line in text.splitlines():
        if line.strip():
            return line
    return ""


def _stage_csv(con, path: Path, raw: str, lazy: bool = False) -> tuple[list[str], bool]:
    header = _first_line(path)
    if not header:
        raise InputFileError(path, "empty file")
    counts = {d: header.count(d) for d in (",", ";", "\t")}
    delim = max(counts, key=counts.get)
    if counts[delim] == 0:
        delim = ","
    decimal_comma = delim == ";"
    reader = (
        "SELECT * FROM read_csv({p}, delim = {d}, header = true, all_varchar = true, "
        "quote = '\"', escape = '\"', auto_detect = true, null_padding = true)"
    )
    if lazy:
        # A view cannot hold parameters: the path and delimiter go in as quoted literals.
        con.execute(f"CREATE TEMP VIEW {raw} AS "
                    + reader.format(p=_literal(str(path)), d=_literal(delim)))
        con.execute(f"SELECT * FROM {raw} LIMIT 0").fetchall()  # noqa: S608 - fails early
    else:
        con.execute(f"CREATE TEMP TABLE {raw} AS " + reader.format(p="$p", d="$d"),
                    {"p": str(path), "d": delim})
    headers = [r[0] for r in con.execute(f"DESCRIBE {raw}").fetchall()]
    return headers, decimal_comma


def _cell_text(value) -> str | None:
    """An XLSX cell as text, read as typed: numbers in their shortest decimal form."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0):
            return value.date().isoformat()
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _stage_xlsx(con, path: Path, raw: str, required: Sequence[str], aliases) -> tuple[list[str], int]:
    import openpyxl
    import pyarrow as pa

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a broken file
        raise InputFileError(path, f"cannot be read as XLSX: {exc}") from exc
    try:
        sheet = book.worksheets[0]
        rows = sheet.iter_rows(values_only=True)
        alias_keys = {k.strip().lower(): v for k, v in (aliases or {}).items()}
        need = {c.lower() for c in required}
        seen: list[tuple] = []
        header_index = None
        for i, row in enumerate(rows):
            seen.append(row)
            names = {alias_keys.get(str(v).strip().lower(), str(v).strip().lower())
                     for v in row if v is not None}
            if need <= names:
                header_index = i
                break
            if i + 1 >= HEADER_SEARCH_ROWS:
                break
        if not seen or all(all(v is None for v in r) for r in seen):
            raise InputFileError(path, "empty file")
        if header_index is None:
            raise InputFileError(
                path,
                f"missing required column(s): no row among the first {HEADER_SEARCH_ROWS} holds "
                f"{', '.join(required)}",
            )
        header_cells = seen[header_index]
        keep = [j for j, v in enumerate(header_cells) if v is not None and str(v).strip()]
        headers = [str(header_cells[j]).strip() for j in keep]
        columns: list[list[str | None]] = [[] for _ in keep]
        for row in rows:
            if row is None or all(v is None for v in row):
                continue
            for k, j in enumerate(keep):
                columns[k].append(_cell_text(row[j]) if j < len(row) else None)
    finally:
        book.close()
    arrow = pa.table({f"c{k}": pa.array(col, type=pa.string()) for k, col in enumerate(columns)})
    con.register(f"{raw}_arrow", arrow)
    select = ", ".join(f"c{k} AS {_quote(h)}" for k, h in enumerate(headers))
    con.execute(f"CREATE TEMP TABLE {raw} AS SELECT {select} FROM {raw}_arrow")  # noqa: S608
    con.unregister(f"{raw}_arrow")
    return headers, header_index + 1
