"""A small agency for the timesheet-request tests: branches, people, won leads written straight
into the store tables (phases from the installed configuration), timesheet files through the
real ingest, and a real SMTP server (aiosmtpd) on localhost."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from leadanalytics.pipelines.timesheets import ingest_timesheet_file

import leadanalytics as la
from leadanalytics.timesheets.requests import request_timesheets

D = dt.date.fromisoformat
HEADER = "line_id,revision,assignment_id,employee_id,week,hours,status,status_date,source"


class Agency:
    """Writes the rows the lifecycle and reference loads would write."""

    def __init__(self, w: la.Warehouse, folder: Path) -> None:
        self.w = w
        self.folder = folder
        self.files = 0
        pipeline = w.setting("phase_pipeline")
        rows = w.sql(
            "select code from phases where pipeline = $p and entity = 'lead' "
            "and outcome = 'won' and requires_assignment_id order by position", p=pipeline)
        self.pipeline = pipeline
        self.won = rows.code.iloc[0]
        with w.transaction() as tx:
            for b in (("NL", None), ("AMS", "NL"), ("UTR", "NL")):
                tx.sql("insert into store.branches values ($b, $b, $p, null)", b=b[0], p=b[1])
            for p in (("P-RD", "regional_director", "AMS"), ("P-RDU", "regional_director", "UTR"),
                      ("P-FIN", "finance", "NL"), ("P-EMP", "employee", "AMS"),
                      ("P-ADMIN", "admin", "NL")):
                tx.sql("insert into store.people (person_id, name, email, role, branch_id) "
                       "values ($i, $n, $e, $r, $b)", i=p[0], n=f"Name {p[0]}",
                       e=f"{p[0].lower()}@agency.nl", r=p[1], b=p[2])

    def lead(self, lead_id: str, assignment_id: str, won: str, *, client: str = "Gemeente A",
             contact: str | None = "Jan Jansen", contact_email: str | None = "jan@client.nl",
             branch: str = "AMS") -> None:
        """A lead won (at 10:00 Amsterdam time on ``won``) with ``assignment_id``."""
        with self.w.transaction() as tx:
            tx.sql("insert into store.leads (lead_id, pipeline, created_at, submitter_id, "
                   "branch_id, client_name, contact_name, contact_email, title) values "
                   "($l, $p, TIMESTAMPTZ '2026-01-05 09:00', 'P-EMP', $b, $c, $cn, $ce, 'T')",
                   l=lead_id, p=self.pipeline, b=branch, c=client, cn=contact, ce=contact_email)
            tx.sql("insert into store.phase_events (entity, record_id, seq, \"at\", from_phase, "
                   "to_phase, verb, actor_id, assignment_id) values ('lead', $l, 1, "
                   "CAST($at AS TIMESTAMPTZ), NULL, $to, 'test', 'P-RD', $a)",
                   l=lead_id, at=f"{won} 10:00:00+01", to=self.won, a=assignment_id)

    def assignment(self, assignment_id: str, start: str, end: str | None = None, *,
                   contact: str | None = "Jan Jansen", contact_email: str | None = "jan@client.nl",
                   language: str = "nl") -> None:
        """A row of assignments.csv (replacing an earlier one)."""
        with self.w.transaction() as tx:
            tx.sql("delete from store.assignments where assignment_id = $a", a=assignment_id)
            tx.sql("insert into store.assignments values ($a, CAST($s AS DATE), "
                   "CAST($e AS DATE), $cn, $ce, $lang, NULL)", a=assignment_id, s=start, e=end,
                   cn=contact, ce=contact_email, lang=language)

    def ingest(self, *rows: str) -> int:
        """A timesheet file through the real ingest; returns its load id."""
        self.files += 1
        path = self.folder / f"ts{self.files}.csv"
        path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
        result = ingest_timesheet_file(self.w, path, validate=False)
        assert result.rows_quarantined == 0, result.summary()
        return result.load_id

    def run(self, day: str, dry_run: bool = False):
        return request_timesheets(self.w, D(day), dry_run=dry_run)

    def requests(self) -> list[tuple]:
        """(request_id, assignment_id, week, kind, status, week_status, reminders) per week."""
        return [tuple(r) for r in self.w.sql(
            "select request_id, assignment_id, strftime(week, '%Y-%m-%d'), kind, status, "
            "week_status, reminders from timesheet_requests order by request_id, week"
        ).itertuples(index=False)]

    def outbox(self) -> list[tuple]:
        """(kind, to_address, subject, dedupe_key) per message, in queue order."""
        return [tuple(r) for r in self.w.sql(
            "select kind, to_address, subject, dedupe_key from outbox order by message_id"
        ).itertuples(index=False)]


@pytest.fixture(scope="session")
def template_db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("template") / "template.duckdb"
    la.connect(path, create=True)
    return path


@pytest.fixture
def warehouse(template_db: Path, db_path: Path) -> la.Warehouse:
    shutil.copyfile(template_db, db_path)
    return la.Warehouse(db_path)


@pytest.fixture
def agency(warehouse: la.Warehouse, tmp_path: Path) -> Agency:
    return Agency(warehouse, tmp_path)
