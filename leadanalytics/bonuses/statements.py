"""Payout statements: a batch as CSV or XLSX, with totals per submitter and for the batch.

Written through the one output writer (``leadanalytics/outputs.py``): never over a DuckDB
file, atomically, amounts as numbers, and every text cell that a spreadsheet could run as a
formula (starting, after any leading spaces, with ``=``, ``+``, ``-``, ``@``, a tab, a carriage
return or a line feed) neutralised with a leading ``'``.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any, Literal

from leadanalytics.bonuses.batches import get_batch
from leadanalytics.db.warehouse import Transaction, Warehouse
from leadanalytics.exceptions import RuleViolation
from leadanalytics.outputs import check_target, neutralise, write

StatementFormat = Literal["csv", "xlsx"]
STATEMENT_COLUMNS = (
    "batch_id", "line", "submitter_id", "submitter_name", "submitter_email", "lead_id",
    "business_unit", "assignment_id", "earned_on", "kind", "amount_eur",
)
_WIDTHS = {name: 14 for name in STATEMENT_COLUMNS} | {
    "submitter_name": 24, "submitter_email": 28, "business_unit": 20}
__all__ = ["STATEMENT_COLUMNS", "export_statement", "neutralise", "statement_rows"]


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
    check_target(path)                      # refuse a warehouse before anything else
    fmt = path.suffix.lower().lstrip(".")
    if fmt not in ("csv", "xlsx"):
        raise RuleViolation("statement_format",
                            f"{path}: a statement is written as .csv or .xlsx, not {path.suffix!r}")
    import pandas as pd

    rows = statement_rows(warehouse, batch)
    frame = pd.DataFrame(rows, columns=list(STATEMENT_COLUMNS), dtype=object)
    write(frame, path, fmt, sheet="statement", widths=_WIDTHS,
          bold_rows=[n for n, r in enumerate(rows) if r["line"] != "item"])
    items = [r for r in rows if r["line"] == "item"]
    return {"batch_id": rows[-1]["batch_id"], "out": str(path), "items": len(items),
            "total_eur": rows[-1]["amount_eur"]}
