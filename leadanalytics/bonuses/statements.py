"""Payout statements: a batch as CSV or XLSX, with totals per submitter and for the batch.

Amounts are numbers; every text cell that a spreadsheet could run as a formula (starting with
``=``, ``+``, ``-``, ``@``, a tab or a carriage return) is neutralised with a leading ``'``.
"""

from __future__ import annotations

import csv
import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal

from leadanalytics.bonuses.batches import get_batch
from leadanalytics.db.warehouse import Transaction, Warehouse
from leadanalytics.exceptions import RuleViolation

StatementFormat = Literal["csv", "xlsx"]
STATEMENT_COLUMNS = (
    "batch_id", "line", "submitter_id", "submitter_name", "submitter_email", "lead_id",
    "business_unit", "assignment_id", "earned_on", "kind", "amount_eur",
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Any) -> Any:
    """Text that a spreadsheet would run as a formula gets a leading apostrophe.

    Examples:
        >>> neutralise("=HYPERLINK(1)"), neutralise("Jan"), neutralise(Decimal("-5.00"))
        ("'=HYPERLINK(1)", 'Jan', Decimal('-5.00'))
    """
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def statement_rows(warehouse: Warehouse, batch: str) -> list[dict[str, Any]]:
    """The statement of a batch (any state): item rows sorted by submitter and lead, then one
    total row per submitter, then the batch total. Values are raw (``Decimal``, ``date``).

    Examples:
        >>> rows = statement_rows(w, "B-2026-04")                   # doctest: +SKIP
        >>> rows[-1]["line"], rows[-1]["amount_eur"]                # doctest: +SKIP
        ('batch_total', Decimal('650.00'))
    """
    b = get_batch(warehouse, batch)
    with warehouse.reader() as con:
        cur = Transaction(con).run("queries/bonuses/bonus_statement", batch_id=b.batch_id)
        cols = [d[0] for d in cur.description]
        items = [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]
    rows = [{"batch_id": b.batch_id, "line": "item", **i} for i in items]
    totals: dict[str, dict[str, Any]] = {}
    for i in items:
        t = totals.setdefault(i["submitter_id"], {
            "batch_id": b.batch_id, "line": "submitter_total", "submitter_id": i["submitter_id"],
            "submitter_name": i["submitter_name"], "submitter_email": i["submitter_email"],
            "amount_eur": Decimal("0.00"),
        })
        t["amount_eur"] += i["amount_eur"]
    rows += [totals[k] for k in sorted(totals, key=str)]
    rows.append({"batch_id": b.batch_id, "line": "batch_total",
                 "amount_eur": sum((i["amount_eur"] for i in items), Decimal("0.00"))})
    return [{c: r.get(c) for c in STATEMENT_COLUMNS} for r in rows]


def export_statement(warehouse: Warehouse, batch: str, out: str | Path) -> dict[str, Any]:
    """Write the statement of ``batch`` to ``out`` (``.csv`` or ``.xlsx``); return a summary.

    Examples:
        >>> export_statement(w, "B-2026-04", "april.xlsx")         # doctest: +SKIP
        {'batch_id': 'B-2026-04', 'out': 'april.xlsx', 'items': 3, 'total_eur': Decimal('650.00')}
    """
    path = Path(out)
    fmt = path.suffix.lower().lstrip(".")
    if fmt not in ("csv", "xlsx"):
        raise RuleViolation("statement_format",
                            f"{path}: a statement is written as .csv or .xlsx, not {path.suffix!r}")
    rows = statement_rows(warehouse, batch)
    if fmt == "csv":
        _write_csv(rows, path)
    else:
        _write_xlsx(rows, path)
    items = [r for r in rows if r["line"] == "item"]
    return {"batch_id": rows[-1]["batch_id"], "out": str(path), "items": len(items),
            "total_eur": rows[-1]["amount_eur"]}


def _csv_cell(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, Decimal):
        return f"{v:.2f}"
    if isinstance(v, dt.date):
        return v.isoformat()
    return str(neutralise(v))


def _write_csv(rows: list[dict[str, Any]], path: Path) -> None:
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(STATEMENT_COLUMNS)
        for r in rows:
            writer.writerow([_csv_cell(r[c]) for c in STATEMENT_COLUMNS])


def _write_xlsx(rows: list[dict[str, Any]], path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = "statement"
    ws.append(list(STATEMENT_COLUMNS))
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for r in rows:
        ws.append([None] * len(STATEMENT_COLUMNS))
        row = ws.max_row
        for col, name in enumerate(STATEMENT_COLUMNS, start=1):
            v = r[name]
            cell = ws.cell(row=row, column=col)
            if v is None:
                continue
            if isinstance(v, Decimal):
                cell.value = v
                cell.number_format = "#,##0.00"
            elif isinstance(v, dt.date):
                cell.value = v
                cell.number_format = "yyyy-mm-dd"
            else:
                cell.value = neutralise(str(v))
                cell.data_type = "s"      # text, never a formula
        if r["line"] != "item":
            for cell in ws[row]:
                cell.font = Font(bold=True)
    widths = {"submitter_name": 24, "submitter_email": 28, "business_unit": 20}
    for col, name in enumerate(STATEMENT_COLUMNS, start=1):
        ws.column_dimensions[ws.cell(row=1, column=col).column_letter].width = widths.get(name, 14)
    wb.save(path)
