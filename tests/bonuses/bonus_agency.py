"""A tiny agency written straight into the store tables, for bonus tests.

The lifecycle functions and the timesheet ingest are built elsewhere; these helpers insert the
rows those would write (a lead, its phase events, timesheet line revisions, people), so that the
bonus engine is tested on its own. Phases come from the installed configuration, not from code.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import leadanalytics as la
from leadanalytics.bonuses import crossings as bonus_crossings
from leadanalytics.bonuses import install_bonus_schemes
from leadanalytics.timesheets import corrections as hour_corrections

AMS = ZoneInfo("Europe/Amsterdam")
SCHEMES = Path(__file__).parent.parent / "cases" / "bonuses" / "schemes.toml"


def ams(day: str, time: str = "10:00") -> dt.datetime:
    """A moment in Europe/Amsterdam."""
    return dt.datetime.fromisoformat(f"{day}T{time}").replace(tzinfo=AMS)


class Agency:
    def __init__(self, warehouse: la.Warehouse, schemes: Path | None = None) -> None:
        self.w = warehouse
        if schemes is not None:
            install_bonus_schemes(warehouse, schemes)
        pipeline = warehouse.setting("phase_pipeline")
        rows = warehouse.sql(
            "select code, is_default, outcome, requires_assignment_id from phases "
            "where pipeline = $p and entity = 'lead' order by position", p=pipeline,
        )
        self.pipeline = pipeline
        self.default = rows[rows.is_default].code.iloc[0]
        self.open_next = rows[(~rows.is_default) & (rows.outcome == "open")].code.iloc[0]
        won = rows[(rows.outcome == "won") & rows.requires_assignment_id]
        self.won = won.code.iloc[0] if len(won) else None
        self._seq: dict[str, int] = {}

    def sql(self, text: str, params: list | None = None) -> None:
        self.many([(text, params or [])])

    def many(self, statements: list[tuple[str, list]]) -> None:
        """Run several statements in one transaction (each transaction opens the file)."""
        with self.w.transaction() as tx:
            for text, params in statements:
                tx.con.execute(text, params)
            hour_corrections.refresh(tx)  # lines written around the ingest
            bonus_crossings.refresh(tx)   # and the threshold crossings built on them

    def person(self, person_id: str, role: str = "employee", *, name: str | None = None,
               email: str | None = None, branch_id: str = "AMS", active: bool = True) -> None:
        self.sql(
            "insert into store.people (person_id, name, email, role, branch_id, active) "
            "values (?, ?, ?, ?, ?, ?)",
            [person_id, name or f"Name {person_id}", email or f"{person_id.lower()}@example.nl",
             role, branch_id, active],
        )

    def branch(self, branch_id: str, parent_id: str | None = None) -> None:
        self.sql("insert into store.branches (branch_id, name, parent_id) values (?, ?, ?)",
                 [branch_id, f"Branch {branch_id}", parent_id])

    def event(self, entity: str, record_id: str, at: dt.datetime, from_phase: str | None,
              to_phase: str, assignment_id: str | None = None) -> None:
        self.many([self._event(entity, record_id, at, from_phase, to_phase, assignment_id)])

    def _event(self, entity, record_id, at, from_phase, to_phase, assignment_id=None):
        seq = self._seq.get(record_id, 0) + 1
        self._seq[record_id] = seq
        return (
            "insert into store.phase_events (entity, record_id, seq, \"at\", from_phase, to_phase, "
            "verb, actor_id, assignment_id) values (?, ?, ?, ?, ?, ?, 'test', 'P-RD', ?)",
            [entity, record_id, seq, at, from_phase, to_phase, assignment_id],
        )

    def lead(self, lead_id: str, *, submitter: str = "P-EMP", business_unit: str = "ICT",
             submitted: dt.datetime | str = "2026-02-02", won: dt.datetime | str | None = None,
             assignment_id: str | None = None, permanent: bool = False,
             extension: bool = False, branch_id: str = "AMS") -> str:
        """A lead created and submitted; won with ``assignment_id`` (default A-<lead>) if ``won``."""
        submitted_at = ams(submitted) if isinstance(submitted, str) else submitted
        todo = [(
            "insert into store.leads (lead_id, pipeline, created_at, submitter_id, branch_id, "
            "business_unit, client_name, title, is_permanent_role, is_hours_extension) "
            "values (?, ?, ?, ?, ?, ?, 'Client', 'Title', ?, ?)",
            [lead_id, self.pipeline, submitted_at - dt.timedelta(days=1), submitter, branch_id,
             business_unit, permanent, extension],
        )]
        todo.append(self._event("lead", lead_id, submitted_at - dt.timedelta(days=1), None,
                                self.default))
        todo.append(self._event("lead", lead_id, submitted_at, self.default, self.open_next))
        assignment = assignment_id or f"A-{lead_id}"
        if won is not None:
            won_at = ams(won) if isinstance(won, str) else won
            todo.append(self._event("lead", lead_id, won_at, self.open_next, self.won, assignment))
        self.many(todo)
        return assignment

    def line(self, line_id: str, assignment_id: str, hours: str | Decimal, status_date: str, *,
             revision: int = 1, status: str = "invoiced", week: str | None = None) -> None:
        self.many([self._line(line_id, assignment_id, hours, status_date, revision=revision,
                              status=status, week=week)])

    def lines(self, rows: list[tuple]) -> None:
        """Many (line_id, assignment_id, hours, status_date[, revision[, status]]) at once."""
        self.many([self._line(*r[:4], revision=r[4] if len(r) > 4 else 1,
                              status=r[5] if len(r) > 5 else "invoiced") for r in rows])

    def _line(self, line_id, assignment_id, hours, status_date, *, revision=1,
              status="invoiced", week=None):
        sd = dt.date.fromisoformat(status_date)
        monday = dt.date.fromisoformat(week) if week else sd - dt.timedelta(days=sd.weekday())
        return (
            "insert into store.timesheet_lines (line_id, revision, assignment_id, week, hours, "
            "status, status_date, load_id) values (?, ?, ?, ?, ?, ?, ?, 0)",
            [line_id, revision, assignment_id, monday, Decimal(hours), status, sd],
        )
