"""Helpers shared by the test folders: case files, hand-made rows written straight into the
store, timesheet CSVs, older schema versions and a local SMTP inbox. Fixtures live in
``tests/conftest.py``; a test folder imports helpers from here, never another folder's conftest."""

from __future__ import annotations

import datetime as dt
import email
import shutil
import socket
from collections.abc import Sequence
from pathlib import Path

import leadanalytics as la

CASES = Path(__file__).parent / "cases"
HEADER = "line_id,revision,assignment_id,employee_id,week,hours,status,status_date,source"
INGEST_CASES = CASES / "ingest"


class Inbox:
    """What a local aiosmtpd server received: (recipients, message) pairs."""

    def __init__(self):
        self.messages: list[tuple[list[str], email.message.Message]] = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        self.messages.append((envelope.rcpt_tos, email.message_from_bytes(envelope.content)))
        return "250 OK"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def write_rows(path: Path, rows, header: str = HEADER) -> Path:
    """Write CSV lines (without header) under the contract header to ``path``."""
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


def fresh_warehouse(template_db: Path, folder: Path):
    """A copy of the template warehouse in ``folder``, connected (also for hypothesis tests,
    which cannot take a fresh function-scoped fixture per example)."""
    shutil.copy(template_db, folder / "ts.duckdb")
    return la.connect(folder / "ts.duckdb")


def balanced(r) -> bool:
    """Nothing silently dropped: read = loaded + skipped + quarantined."""
    return r.rows_read == r.rows_loaded + r.rows_skipped + r.rows_quarantined


# --------------------------------------------------------------------------- older schemas
# the tables each later migration creates (migration 14 only adds a column: its test drops it)
TABLES_OF = {
    12: ["store.lead_phase_spans"],
    13: ["store.timesheet_hour_corrections", "store.timesheet_hour_corrections_state"],
    15: ["store.bonus_hours_crossings", "store.bonus_hours_crossings_subjects",
         "store.bonus_hours_crossings_state"],
    18: ["store.written_files"],
    19: ["store.bonus_disputes", "store.bonus_audit"],
}
# the columns a later migration adds to a table an earlier one created
COLUMNS_OF = {
    16: [("store.bonus_hours_crossings_subjects", "invoiced_hours"),
         ("store.bonus_hours_crossings_subjects", "known_hours")],
    17: [("store.leads", "lead_key"), ("store.lead_phase_spans", "lead_key")],
    18: [("store.privacy_log", "files")],
    21: [("store.people", "language")],
    22: [("store.people", "payroll_id")],
}
# the sequences a later migration creates (dropped after the columns whose default uses them)
SEQUENCES_OF = {17: ["store.lead_keys"]}


def as_version(con, version: int) -> None:
    """Drop what the migrations after ``version`` created and forget that they ran."""
    dropped = {t for m, tables in TABLES_OF.items() if m > version for t in tables}
    for migration, columns in COLUMNS_OF.items():
        if migration > version:
            for table, column in columns:
                if table not in dropped:
                    con.execute(f"alter table {table} drop column {column}")
    for migration, tables in TABLES_OF.items():
        if migration > version:
            for table in tables:
                con.execute(f"drop table {table}")
    for migration, sequences in SEQUENCES_OF.items():
        if migration > version:
            for sequence in sequences:
                con.execute(f"drop sequence {sequence}")
    con.execute("delete from store.schema_version where version > ?", [version])


# --------------------------------------------------------------------------- rows straight into the store
# (so that report tests do not depend on the loaders or the lifecycle functions)
Event = tuple  # (day 'YYYY-MM-DD' or datetime, to_phase[, reason[, assignment_id]])


def add_branches(w: la.Warehouse, rows: Sequence[tuple[str, str, str | None]]) -> None:
    """(branch_id, name, parent_id) rows."""
    with w.transaction() as tx:
        tx.con.executemany("INSERT INTO store.branches VALUES (?, ?, ?, NULL)", list(rows))


def add_people(w: la.Warehouse, rows: Sequence[tuple[str, str, str, str]]) -> None:
    """(person_id, name, role, branch_id) rows."""
    with w.transaction() as tx:
        tx.con.executemany(
            "INSERT INTO store.people (person_id, name, email, role, branch_id) "
            "VALUES (?, ?, lower(?) || '@example.nl', ?, ?)",
            [(p, n, p, r, b) for p, n, r, b in rows],
        )


def add_delegation(w, delegator, delegate, role, start, end) -> None:
    with w.transaction() as tx:
        tx.con.execute(
            "INSERT INTO store.delegations VALUES (?, ?, ?, ?, ?, NULL)",
            [delegator, delegate, role or "", start, end],
        )


def _ts(value) -> dt.datetime:
    if isinstance(value, dt.datetime):
        return value
    # noon in Amsterdam: the calendar day is unambiguous
    return dt.datetime.fromisoformat(f"{value}T12:00:00+01:00")


def add_lead(
    w: la.Warehouse,
    lead_id: str,
    events: Sequence[Event],
    submitter_id: str = "E1",
    branch_id: str = "B1",
    title: str | None = None,
    **fields,
) -> None:
    """A lead with its event log; the first event is its creation (from_phase NULL)."""
    pipeline = w.setting("phase_pipeline")
    row = {
        "lead_id": lead_id, "pipeline": pipeline, "created_at": _ts(events[0][0]),
        "submitter_id": submitter_id, "branch_id": branch_id,
        "business_unit": fields.pop("business_unit", "BU1"),
        "client_name": fields.pop("client_name", f"Client of {lead_id}"),
        "title": title if title is not None else f"Title {lead_id}",
        **fields,
    }
    cols = ", ".join(row)
    marks = ", ".join("?" for _ in row)
    with w.transaction() as tx:
        tx.con.execute(f"INSERT INTO store.leads ({cols}) VALUES ({marks})", list(row.values()))
        prev = None
        for seq, ev in enumerate(events, start=1):
            day, phase = ev[0], ev[1]
            reason = ev[2] if len(ev) > 2 else None
            assignment = ev[3] if len(ev) > 3 else None
            tx.con.execute(
                "INSERT INTO store.phase_events (entity, record_id, seq, \"at\", from_phase, "
                "to_phase, verb, actor_id, reason, assignment_id) "
                "VALUES ('lead', ?, ?, ?, ?, ?, 'load', ?, ?, ?)",
                [lead_id, seq, _ts(day), prev, phase, submitter_id, reason, assignment],
            )
            prev = phase


def add_org(w: la.Warehouse) -> None:
    """A region NORTH with branches B1 and B2 (B2 has a sub-branch B2A); SOUTH with B3."""
    add_branches(w, [
        ("NORTH", "Noord", None), ("B1", "Groningen", "NORTH"), ("B2", "Zwolle", "NORTH"),
        ("B2A", "Kampen", "B2"), ("SOUTH", "Zuid", None), ("B3", "Breda", "SOUTH"),
    ])
    add_people(w, [
        ("E1", "Anna Jansen", "employee", "B1"),
        ("E2", "Bram de Vries", "employee", "B2A"),
        ("E3", "Cor Smit", "employee", "B3"),
        ("RD1", "Dirk Noord", "regional_director", "NORTH"),
        ("RD2", "Eva Zuid", "regional_director|finance", "SOUTH"),
        ("RD3", "Femke Zwolle", "regional_director", "B2"),
        ("F1", "Gerrit Geld", "finance", "NORTH"),
        ("A1", "Hanna Cijfer", "analyst", None),
    ])
