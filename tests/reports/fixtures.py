"""A small fixture helper: rows written straight into the store tables, so that the report tests
do not depend on the loaders or the lifecycle functions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import leadanalytics as la

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


def org(w: la.Warehouse) -> None:
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
