"""Reading input files (CSV, Parquet, XLSX) into a staging table of text columns.

Files as people really send them are read: UTF-8 (with or without a byte-order mark), UTF-16
with a byte-order mark and Windows-1252 (Dutch Excel's "CSV (puntkomma)"), Windows line endings
and quoted line breaks, a `;`-separated export with decimal commas, an XLSX whose header sits
below a title. Column names match case-insensitively (a name twice refuses the file, an unnamed
column is ignored); extra columns are kept aside. Typing and rules are the loaders' work.

The encoding is decided from the byte-order mark and the first 64 KB (data-contracts.md, "Safe
edges"): a UTF-8 file goes to DuckDB untouched; a UTF-16 or Windows-1252 file is transcoded
once, streaming, to a temporary UTF-8 file that DuckDB reads. A UTF-8 file that turns out
otherwise further on is caught by DuckDB's own check and read again (``retry_options``).
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import hashlib
import os
import re
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import duckdb

from leadanalytics.exceptions import InputFileError

CSV_SUFFIXES = {".csv", ".txt", ".tsv"}
XLSX_SUFFIXES = {".xlsx", ".xlsm"}
PARQUET_SUFFIXES = {".parquet", ".pq"}
HEADER_SEARCH_ROWS = 10
SNIFF_BYTES = 64 * 1024  # the bounded sample the encoding and the header are decided from
TRANSCODE_CHUNK = 1 << 20
ENCODINGS = "UTF-8, UTF-16 with a byte-order mark or Windows-1252"
_IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


@dataclass(frozen=True)
class ReadOptions:
    """How a CSV is read: ``encoding`` None = decided by the sniff (else forced: ``cp1252``);
    ``parallel`` False = DuckDB's single-threaded scanner (a file with quoted line breaks)."""

    encoding: str | None = None
    parallel: bool = True


class ReadAgain(Exception):  # noqa: N818 - not an error: an instruction to the caller
    """A lazy CSV must be staged again with ``options`` in a new transaction (the failed read
    aborted the one it was in)."""

    def __init__(self, options: ReadOptions) -> None:
        self.options = options
        super().__init__(f"read the file again with {options}")


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
    temp_file: Path | None = None  # a transcoded copy the (lazy) view reads; see drop_staged

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
    options: ReadOptions | None = None,
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
    ``options``: how to read a CSV (``retry_options`` after a lazy read failed). A read that is
    not lazy runs on a connection of its own (a failed read there aborts nothing) and retries by
    itself; a lazy one raises ``ReadAgain`` for the caller to retry in a new transaction.

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
    names: dict[str, str] = {}  # header as staged -> as written in the file, where they differ
    temp_file = None
    options = options or ReadOptions()
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
            while True:
                try:
                    headers, decimal_comma, names, temp_file = _stage_csv(
                        con, path, raw, lazy, options)
                    break
                except duckdb.Error as exc:
                    options = retry_options(path, exc, options)  # or its refusal
                    if lazy:  # the failed statement aborted the caller's transaction
                        raise ReadAgain(options) from exc
        else:
            raise InputFileError(path, f"unknown file type {suffix!r} (CSV, Parquet or XLSX)")
    except InputFileError:
        raise
    except (duckdb.Error, OSError, ValueError, KeyError, IndexError) as exc:
        raise InputFileError(path, f"cannot be read: {str(exc).splitlines()[0]}") from exc

    try:
        headers = _checked_headers(path, headers, names)
    except InputFileError:
        _drop(con, raw)
        _remove(temp_file)
        raise
    aliases = {k.strip().lower(): v for k, v in (aliases or {}).items()}
    wanted = list(required) + [c for c in optional if c not in required]
    mapping: dict[str, str] = {}  # contract column -> header in file
    extra: list[str] = []
    for h in headers:
        key = str(names.get(h, h)).strip().lower()
        target = aliases.get(key, key)
        if target in wanted and target in mapping:
            _drop(con, raw)
            _remove(temp_file)
            first = names.get(mapping[target], mapping[target])
            raise InputFileError(path, f"columns {str(first).strip()!r} and "
                                       f"{str(names.get(h, h)).strip()!r} both give {target!r}")
        if target in wanted:
            mapping[target] = h
        else:
            extra.append(h)
    missing = [c for c in required if c not in mapping]
    if missing:
        _drop(con, raw)
        _remove(temp_file)
        found = ", ".join(str(names.get(h, h)) for h in headers) or "(none)"
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
        temp_file=temp_file,
    )


# True when a row's text (its cells concatenated) may change under trim(): it holds a space or
# a non-ASCII character (byte length above character length). trim() removes U+0020 and the
# other Unicode space separators (category Zs), all non-ASCII (tests/ingest/test_reading.py).
_SPACED = "(contains({cells}, ' ') OR strlen({cells}) <> length({cells}))"


def drop_staged(con: duckdb.DuckDBPyConnection, staged: StagedFile) -> None:
    """Remove a staged file's view and table from the connection (and its transcoded copy)."""
    _drop(con, staged.table)
    _drop(con, f"{staged.table}__raw")
    release(staged)


def release(staged: StagedFile | None) -> None:
    """Delete the transcoded copy a staged file's view reads, if any (idempotent)."""
    if staged is not None:
        _remove(staged.temp_file)


def _remove(temp_file: Path | None) -> None:
    if temp_file is not None:
        temp_file.unlink(missing_ok=True)


def _checked_headers(path: Path, headers: list, names: Mapping[str, str]) -> list:
    """The headers without unnamed columns; a name twice (trimmed, any case) refuses the file."""
    kept, seen = [], {}
    for h in headers:
        name = str(names.get(h, h)).strip()
        if not name:
            continue  # a blank header cell: an unnamed, ignored column
        if name.lower() in seen:
            raise InputFileError(
                path, f"duplicate column {name!r} in the header (also {seen[name.lower()]!r}); "
                      "which one holds the data is not clear")
        seen[name.lower()] = name
        kept.append(h)
    return kept


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


@dataclass(frozen=True)
class _Sniff:
    """What the first bytes of a file say: its encoding, the byte-order mark's length and the
    sample decoded (for the header)."""

    encoding: str  # utf-8 (read by DuckDB as is), utf-16-le, utf-16-be or cp1252 (transcoded)
    bom: int
    text: str
    ascii: bool  # the sample is plain ASCII (a UTF-8 guess that may yet turn out cp1252)


def _breaks(text: str, after_cr: bool = False) -> int:
    """Line breaks in ``text`` (LF, CR or CRLF); ``after_cr``: the text before ended in CR."""
    n = text.count("\n") + text.count("\r") - text.count("\r\n")
    return n - 1 if after_cr and text.startswith("\n") else n


def _undecodable(path: Path, what: str, data: bytes, start: int, end: int, line: int,
                 encoding: str) -> InputFileError:
    """The refusal of a file whose bytes ``data[start:end]`` do not decode, on ``line``."""
    line += _breaks(data[:start].decode(encoding, errors="replace"))
    return InputFileError(path, f"cannot be read: {what}: byte(s) {data[start:end].hex(' ')} "
                                f"on line {line} do not decode (accepted: {ENCODINGS})")


def _sniff(path: Path, forced: str | None = None) -> _Sniff:
    """Decide a file's encoding from its byte-order mark and its first ``SNIFF_BYTES``."""
    with open(path, "rb") as f:
        head = f.read(SNIFF_BYTES)
    whole = len(head) < SNIFF_BYTES
    if head.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        raise InputFileError(path, f"cannot be read: UTF-32 is not accepted ({ENCODINGS})")
    marks = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
             (codecs.BOM_UTF16_BE, "utf-16-be"))
    bom, enc = next(((b, e) for b, e in marks if head.startswith(b)), (b"", forced or "utf-8"))
    if not bom:
        if b"\x00" in head:
            at = head.index(b"\x00")
            line = 1 + _breaks(head[:at].decode("latin-1"))
            raise InputFileError(
                path, f"cannot be read: NUL byte on line {line}: UTF-16 without a byte-order "
                      f"mark, or not a text file (accepted: {ENCODINGS})")
    sample = head[len(bom):]
    if enc == "utf-8":
        try:
            text = codecs.getincrementaldecoder("utf-8")().decode(sample, final=whole)
        except UnicodeDecodeError as exc:
            if bom or not sample[:exc.start].isascii():
                # UTF-8 by its mark or its first characters, broken further on
                raise _undecodable(path, "invalid UTF-8", sample, exc.start, exc.end, 1,
                                   "utf-8") from None
            enc = "cp1252"
    if enc == "cp1252":
        try:
            text = sample.decode("cp1252")
        except UnicodeDecodeError as exc:
            raise _undecodable(path, "neither UTF-8 nor Windows-1252", sample, exc.start,
                               exc.end, 1, "cp1252") from None
    elif enc.startswith("utf-16"):
        text = codecs.getincrementaldecoder(enc)(errors="replace").decode(sample, final=whole)
    return _Sniff(enc, len(bom), text, sample.isascii())


def _transcode(path: Path, sniff: _Sniff) -> Path:
    """Copy a UTF-16 or Windows-1252 file to a temporary UTF-8 file, streaming, once; an
    undecodable byte refuses the file naming its line."""
    fd, name = tempfile.mkstemp(prefix="leadanalytics-", suffix=".csv")
    temp = Path(name)
    decoder = codecs.getincrementaldecoder(sniff.encoding)(errors="strict")
    what = {"cp1252": "neither UTF-8 nor Windows-1252"}.get(sniff.encoding,
                                                            f"invalid {sniff.encoding.upper()}")
    line, after_cr = 1, False
    try:
        with open(path, "rb") as src, os.fdopen(fd, "w", encoding="utf-8", newline="") as out:
            src.seek(sniff.bom)
            while True:
                chunk = src.read(TRANSCODE_CHUNK)
                try:
                    text = decoder.decode(chunk, final=not chunk)
                except UnicodeDecodeError as exc:
                    raise _undecodable(path, what, exc.object, exc.start, exc.end, line,
                                       sniff.encoding) from None
                if text:
                    line += _breaks(text, after_cr)
                    after_cr = text.endswith("\r")
                    out.write(text)
                if not chunk:
                    break
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return temp


_QUOTED_BREAKS = "does not support null_padding in conjunction with quoted new lines"
_CSV_LINE = re.compile(r"CSV Error on Line: (\d+)")


def retry_options(path: str | Path, exc: BaseException, options: ReadOptions) -> ReadOptions:
    """After DuckDB failed to read a CSV: how to read it again, or its refusal.

    Quoted line breaks: again on one thread. Invalid UTF-8 past the sniffed sample (plain ASCII):
    again as Windows-1252. Another CSV error refuses the file naming the line
    (``InputFileError``); an error that is not about reading the file is raised again.
    """
    path = Path(path)
    message = str(getattr(exc, "message", None) or exc)
    cause = exc.__cause__ if isinstance(exc.__cause__, duckdb.Error) else exc
    if not isinstance(cause, duckdb.Error) or "CSV Error" not in message:
        raise exc
    line = _CSV_LINE.search(message)
    where = f" on line {line.group(1)}" if line else ""
    if _QUOTED_BREAKS in message and options.parallel:
        return replace(options, parallel=False)
    if "Invalid unicode" in message:
        sniff = _sniff(path, options.encoding)
        if options.encoding is None and sniff.encoding == "utf-8" and not sniff.bom \
                and sniff.ascii:
            return replace(options, encoding="cp1252")
        raise InputFileError(path, f"cannot be read: invalid UTF-8{where} (accepted: "
                                   f"{ENCODINGS})") from exc
    detail = [x.strip() for x in message.splitlines()[1:4]
              if x.strip() and not x.strip().startswith("Original Line")]
    raise InputFileError(path, f"cannot be read: CSV error{where}"
                               + (f": {detail[0]}" if detail else "")) from exc


def _first_line(text: str) -> str:
    for line in text.splitlines():
        if line.strip():
            return line
    return ""


def _header_names(line: str, delim: str) -> list[str]:
    """The header's column names as written (DuckDB renames a blank or repeated one)."""
    try:
        return next(csv.reader([line], delimiter=delim, quotechar='"'))
    except (csv.Error, StopIteration):
        return []


def _stage_csv(con, path: Path, raw: str, lazy: bool = False,
               options: ReadOptions | None = None
               ) -> tuple[list[str], bool, dict[str, str], Path | None]:
    options = options or ReadOptions()
    sniff = _sniff(path, options.encoding)
    header = _first_line(sniff.text)
    if not header:
        raise InputFileError(path, "empty file")
    counts = {d: header.count(d) for d in (",", ";", "\t")}
    delim = max(counts, key=counts.get)
    if counts[delim] == 0:
        delim = ","
    decimal_comma = delim == ";"
    source = _transcode(path, sniff) if sniff.encoding != "utf-8" else path
    temp = source if source != path else None
    serial = "" if options.parallel else ", parallel = false"
    reader = (
        "SELECT * FROM read_csv({p}, delim = {d}, header = true, all_varchar = true, "
        "quote = '\"', escape = '\"', auto_detect = true, null_padding = true{s})"
    ).replace("{s}", serial)
    try:
        if lazy:
            # A view cannot hold parameters: the path and delimiter go in as quoted literals.
            con.execute(f"CREATE TEMP VIEW {raw} AS "
                        + reader.format(p=_literal(str(source)), d=_literal(delim)))
            con.execute(f"SELECT * FROM {raw} LIMIT 0").fetchall()  # noqa: S608 - fails early
        else:
            scratch = duckdb.connect()  # a failed read must not abort the caller's transaction
            try:
                table = scratch.sql(reader.format(p="$p", d="$d"),
                                    params={"p": str(source), "d": delim}).to_arrow_table()
            finally:
                scratch.close()
            con.register(f"{raw}_arrow", table)
            try:
                con.execute(f"CREATE TEMP TABLE {raw} AS SELECT * FROM {raw}_arrow")  # noqa: S608
            finally:
                con.unregister(f"{raw}_arrow")
        headers = [r[0] for r in con.execute(f"DESCRIBE {raw}").fetchall()]
    except BaseException:
        _remove(temp)
        raise
    if not lazy:
        _remove(temp)  # copied into the table
        temp = None
    written = _header_names(header, delim)
    names = dict(zip(headers, written, strict=True)) if len(written) == len(headers) else {}
    return headers, decimal_comma, names, temp


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
