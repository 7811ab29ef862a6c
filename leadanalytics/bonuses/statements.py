"""Payout statements: a batch as payroll takes it, a header, its items and a net per person
(bonus-rules.md, "The statement"); it holds no rule of the batch steps.

Totals never share a column with items. XLSX has three sheets, ``header`` (field, value),
``items`` and ``per_person``; CSV writes two plain tables, ``FILE.csv`` (items) and
``FILE.per_person.csv``, each row carrying ``batch_id``, ``period`` and the batch's ``status``
(a batch not yet approved is ``concept — not approved``). Amounts are numeric cells (XLSX) or
plain decimals with a dot (CSV). Every file goes through the one output writer
(``leadanalytics/outputs.py``): never over a DuckDB file, atomically, and every text cell that a
spreadsheet could run as a formula neutralised with a leading ``'``. Each file written is
recorded in ``store.written_files`` with the submitters it names, so that anonymising one of
them writes it again with ``***`` (domain.md, "Privacy"), and each export is a step of
``bonus_audit``.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal

from leadanalytics import clock
from leadanalytics.bonuses import audit
from leadanalytics.bonuses.batches import get_batch
from leadanalytics.db.warehouse import Transaction, Warehouse
from leadanalytics.exceptions import NotFound, RuleViolation
from leadanalytics.outputs import atomic, check_target, neutralise, write, xlsx_cell

StatementFormat = Literal["csv", "xlsx"]

#: The status a statement shows for a batch not yet approved (``prepared``).
CONCEPT = "concept — not approved"
#: The suffix of the CSV file that holds ``per_person`` beside ``FILE.csv``.
PER_PERSON_SUFFIX = ".per_person.csv"

HEADER_FIELDS = (
    "batch_id", "period", "status", "prepared_by", "prepared_by_name", "prepared_at",
    "approved_by", "approved_by_name", "approved_at", "paid_by", "paid_by_name", "paid_at",
    "items", "total_eur", "open_disputes", "exported_at",
)
ITEM_COLUMNS = (
    "batch_id", "period", "status", "lead_id", "submitter_id", "payroll_id", "submitter_name",
    "submitter_email", "branch_id", "branch_name", "business_unit", "assignment_id", "kind",
    "earned_on", "payout_date", "amount_eur", "dispute",
)
PER_PERSON_COLUMNS = (
    "batch_id", "period", "status", "submitter_id", "payroll_id", "submitter_name",
    "submitter_email", "items", "net_amount_eur",
)
_WIDTHS = {"submitter_name": 24, "submitter_email": 28, "branch_name": 20, "business_unit": 20,
           "status": 24, "field": 18, "value": 28, "prepared_at": 20, "approved_at": 20,
           "paid_at": 20}

__all__ = ["CONCEPT", "HEADER_FIELDS", "ITEM_COLUMNS", "PER_PERSON_COLUMNS", "Statement",
           "StatementFormat", "export_statement", "neutralise", "per_person_path",
           "statement", "statement_rows"]


@dataclass(frozen=True)
class Statement:
    """The statement of one batch, values raw (``Decimal``, ``date``, aware ``datetime``).

    ``header`` maps each of ``HEADER_FIELDS`` to its value; ``items`` and ``per_person`` are
    rows (dicts) with the keys ``ITEM_COLUMNS`` and ``PER_PERSON_COLUMNS``.
    """

    header: dict[str, Any]
    items: list[dict[str, Any]]
    per_person: list[dict[str, Any]]

    @property
    def batch_id(self) -> str:
        return self.header["batch_id"]

    @property
    def total_eur(self) -> Decimal:
        """The batch total: the sum of the items, and of ``per_person``."""
        return self.header["total_eur"]


def _rows(tx: Transaction, name: str, **params: Any) -> list[dict[str, Any]]:
    cur = tx.run(name, **params)
    cols = [d[0] for d in cur.description]
    return [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]


def statement(warehouse: Warehouse, batch: str, *,
              exported_at: dt.datetime | None = None) -> Statement:
    """The statement of a batch (any state; by id ``B-2026-04`` or period ``2026-04``).

    Examples:
        >>> s = statement(w, "B-2026-04")                            # doctest: +SKIP
        >>> s.header["status"], s.total_eur, len(s.items), len(s.per_person)  # doctest: +SKIP
        ('concept — not approved', Decimal('650.00'), 3, 2)
    """
    b = get_batch(warehouse, batch)
    with warehouse.reader() as con:
        tx = Transaction(con)
        header = _rows(tx, "queries/bonuses/bonus_statement_header", batch_id=b.batch_id)[0]
        items = _rows(tx, "queries/bonuses/bonus_statement", batch_id=b.batch_id)
        people = _rows(tx, "queries/bonuses/bonus_statement_per_person", batch_id=b.batch_id)
    if header["status"] == "prepared":
        header["status"] = CONCEPT
    header["exported_at"] = exported_at or clock.now()
    head = {k: header[k] for k in ("batch_id", "period", "status")}
    return Statement(
        header={k: header[k] for k in HEADER_FIELDS},
        items=[_columns({**head, **i}, ITEM_COLUMNS) for i in items],
        per_person=[_columns({**head, **p}, PER_PERSON_COLUMNS) for p in people],
    )


def _columns(row: dict[str, Any], columns: tuple[str, ...]) -> dict[str, Any]:
    return {c: row[c] for c in columns}


def statement_rows(warehouse: Warehouse, batch: str) -> list[dict[str, Any]]:
    """For checks only (the files never mix them): the items (``line`` = ``item``), then one
    ``submitter_total`` per person, then the ``batch_total``, each with ``amount_eur``.

    Examples:
        >>> statement_rows(w, "B-2026-04")[-1]["amount_eur"]         # doctest: +SKIP
        Decimal('650.00')
    """
    s = statement(warehouse, batch)
    return ([{**i, "line": "item"} for i in s.items]
            + [{**p, "line": "submitter_total", "amount_eur": p["net_amount_eur"]}
               for p in s.per_person]
            + [{"batch_id": s.batch_id, "line": "batch_total", "amount_eur": s.total_eur}])


def per_person_path(out: str | Path) -> tuple[Path, Path]:
    """The two CSV files of a statement named ``out``: (items, per_person). Naming either one
    names the pair, so that writing a recorded ``FILE.per_person.csv`` again rewrites both.

    Examples:
        >>> [str(p) for p in per_person_path("april.csv")]
        ['april.csv', 'april.per_person.csv']
        >>> [str(p) for p in per_person_path("april.per_person.csv")]
        ['april.csv', 'april.per_person.csv']
    """
    path = Path(out)
    if path.name.lower().endswith(PER_PERSON_SUFFIX) and len(path.name) > len(PER_PERSON_SUFFIX):
        items = path.with_name(path.name[: -len(PER_PERSON_SUFFIX)] + path.suffix)
        return items, path
    return path, path.with_name(path.stem + PER_PERSON_SUFFIX)


def export_statement(warehouse: Warehouse, batch: str, out: str | Path, *,
                     by: str | None = None) -> dict[str, Any]:
    """Write the statement of ``batch`` to ``out`` (``FILE.xlsx``, or ``FILE.csv`` and
    ``FILE.per_person.csv``), record the files with the submitters they name and the export in
    ``bonus_audit`` (``by``: who exported it, optional), and return a summary.

    Examples:
        >>> export_statement(w, "B-2026-04", "april.xlsx", by="P-FIN1")  # doctest: +SKIP
        {'batch_id': 'B-2026-04', 'status': 'approved', 'out': 'april.xlsx', 'per_person': None,
         'items': 3, 'people': 2, 'total_eur': Decimal('650.00')}
    """
    path = Path(out)
    check_target(path)                      # refuse a warehouse before anything else
    fmt = path.suffix.lower().lstrip(".")
    if fmt not in ("csv", "xlsx"):
        raise RuleViolation("statement_format",
                            f"{path}: a statement is written as .csv or .xlsx, not {path.suffix!r}")
    files = list(per_person_path(path)) if fmt == "csv" else [path]
    for f in files:
        check_target(f)
    now = clock.now()
    if by is not None:
        with warehouse.reader() as con:
            if Transaction(con).fetchone("queries/bonuses/bonus_person_active",
                                         person_id=by) is None:
                raise NotFound("person", by)
    s = statement(warehouse, batch, exported_at=now)
    if fmt == "csv":
        _write_csv(s, *files)
    else:
        _write_xlsx(s, path)
    with warehouse.transaction() as tx:
        for f in files:
            tx.run("queries/bonuses/statement_file_record", path=os.path.realpath(f), at=now,
                   batch_id=s.batch_id)
        audit.record(tx, "export", batch_id=s.batch_id, by=by, at=now,
                     what=" and ".join(os.path.realpath(f) for f in files))
    return {"batch_id": s.batch_id, "status": s.header["status"], "out": str(files[0]),
            "per_person": str(files[1]) if len(files) > 1 else None, "items": len(s.items),
            "people": len(s.per_person), "total_eur": s.total_eur}


def _write_csv(s: Statement, items_path: Path, per_person_file: Path) -> None:
    import pandas as pd

    write(pd.DataFrame(s.items, columns=list(ITEM_COLUMNS), dtype=object), items_path, "csv")
    write(pd.DataFrame(s.per_person, columns=list(PER_PERSON_COLUMNS), dtype=object),
          per_person_file, "csv")


def _write_xlsx(s: Statement, path: Path) -> None:
    """Three sheets through the guard and the atomic rename of ``outputs``: text neutralised,
    amounts numbers shown with two decimals, dates as dates, times Amsterdam local."""

    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    wb.remove(wb.active)
    tables = [
        ("header", ("field", "value"), [(k, v) for k, v in s.header.items()]),
        ("items", ITEM_COLUMNS, [tuple(r.values()) for r in s.items]),
        ("per_person", PER_PERSON_COLUMNS, [tuple(r.values()) for r in s.per_person]),
    ]
    bold = Font(bold=True)
    for name, columns, rows in tables:
        ws = wb.create_sheet(name)
        ws.append(list(columns))
        for c in ws[1]:
            c.font = bold
        for row in rows:
            cells = [xlsx_cell(v) for v in row]
            ws.append([v for v, _ in cells])
            for c, (_, number_format) in zip(ws[ws.max_row], cells, strict=True):
                if number_format:
                    c.number_format = number_format
        for i, col in enumerate(columns, start=1):
            ws.column_dimensions[get_column_letter(i)].width = _WIDTHS.get(col, 14)
        ws.freeze_panes = "A2"
        if name != "header":
            ws.auto_filter.ref = ws.dimensions
    with atomic(path) as tmp:
        wb.save(tmp)
