"""The derived tables: stored tables computed from others, declared in one list.

Each entry names its table, the source tables and columns it is computed from, and how it is
brought up to date: ``catch_up`` (a cheap check, and the work an append needs) and ``rebuild``
(from scratch). The write transaction (``Warehouse.transaction``) notes every store table each
statement writes and how (:func:`writes_of`), and runs the list (:func:`bring_up_to_date`)
before it commits, in list order (a derived table that is the source of a later one comes
first):

- a source changed other than by appending rows that the entry's check sees (an UPDATE, a
  DELETE, a rewrite): ``rebuild``;
- otherwise: ``catch_up``, which also catches rows written around the door (``tx.con``).

Code that keeps a table current itself (the timesheet ingest, per load) says so with
:func:`mark_current`, so the commit does not do that work again. Nothing registers itself at
import, and this module imports nothing of the package: the door imports it, and the rooms that
keep a table per load (``timesheets.corrections``, ``bonuses.crossings``) import it.

Holds no business rules: those are in the SQL each entry runs (``sql/queries/derived/``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol


class Transaction(Protocol):
    """What the list needs of the door's write transaction (``db.warehouse.Transaction``): the
    door imports this module, so it is described here rather than imported."""

    changes: list[tuple[str, str]]
    synced: dict[str, int]
    tables_present: set[str]

    def run(self, name: str, **params: Any) -> Any: ...
    def sql(self, text: str, **params: Any) -> Any: ...
    def fetchone(self, name: str, **params: Any) -> tuple | None: ...

# --------------------------------------------------------------------------- what a statement writes

_COMMENT = re.compile(r"--[^\n]*|/\*.*?\*/", re.S)
_WRITE = re.compile(
    r"""\b(?P<verb>
          INSERT\s+(?:OR\s+\w+\s+)?INTO
        | UPDATE
        | DELETE\s+FROM
        | TRUNCATE(?:\s+TABLE)?
        | MERGE\s+INTO
        | COPY
        | ALTER\s+TABLE(?:\s+IF\s+EXISTS)?
        | DROP\s+TABLE(?:\s+IF\s+EXISTS)?
        | CREATE\s+(?:OR\s+REPLACE\s+)?(?:TEMP\s+|TEMPORARY\s+)?TABLE(?:\s+IF\s+NOT\s+EXISTS)?
        )\s+(?P<target>"?[A-Za-z_][\w]*"?(?:\."?[A-Za-z_][\w]*"?)?)""",
    re.I | re.X,
)
_DO_UPDATE = re.compile(r"\bDO\s+$", re.I)

Change = tuple[str, str]  # (table, kind): kind is "insert", "update", "delete" or "rewrite"


def _kind(verb: str) -> str:
    v = verb.split()[0].upper()
    return {"INSERT": "insert", "UPDATE": "update", "DELETE": "delete", "TRUNCATE": "delete"}.get(
        v, "rewrite"
    )


def writes_of(sql: str) -> list[Change]:
    """The store tables a statement writes, each with how: the door notes them per transaction.

    Only tables in schema ``store`` count (temp tables and views are not kept). An
    ``ON CONFLICT ... DO UPDATE`` is part of its INSERT.

    Examples:
        >>> writes_of("UPDATE store.phase_events SET reason = $r WHERE event_id = $id")
        [('store.phase_events', 'update')]
        >>> writes_of("INSERT INTO store.settings VALUES (1, 2) ON CONFLICT DO UPDATE SET v = 2")
        [('store.settings', 'insert')]
        >>> writes_of("CREATE TEMP TABLE touched AS SELECT 1")
        []
    """
    code = _COMMENT.sub(" ", sql)
    found: list[Change] = []
    for m in _WRITE.finditer(code):
        if m.group("verb").upper() == "UPDATE" and _DO_UPDATE.search(code[: m.start()]):
            continue
        parts = [p.strip('"').lower() for p in m.group("target").split(".")]
        if len(parts) == 2 and parts[0] == "store":
            change = (f"store.{parts[1]}", _kind(m.group("verb")))
            if change not in found:
                found.append(change)
    return found


# --------------------------------------------------------------------------- the list


@dataclass(frozen=True)
class Source:
    """A table a derived table is computed from.

    Attributes:
        columns: the columns read (a test updates each one and checks the table follows).
        copied: those of ``columns`` whose values the derived table holds as they are.
        appends_seen: whether the entry's ``catch_up`` sees rows appended to it (so an INSERT
            needs no rebuild).
        any_change_seen: whether ``catch_up`` sees every change to it (a signature of all the
            derived table uses of it), so that not even an UPDATE or DELETE needs a rebuild.
    """

    columns: tuple[str, ...]
    copied: tuple[str, ...] = ()
    appends_seen: bool = True
    any_change_seen: bool = False


@dataclass(frozen=True)
class Derived:
    """One derived table: where it comes from and how it is kept."""

    table: str
    sources: Mapping[str, Source]
    catch_up: Callable[[Transaction], bool]
    rebuild: Callable[[Transaction], None]
    also: tuple[str, ...] = ()  # other tables it keeps together with ``table``
    state_table: str = ""  # a table that records what it was computed for (kept with it)
    on_read: bool = False  # also brought up to date before a read inside a transaction
    notes: str = field(default="", compare=False)

    @property
    def name(self) -> str:
        return self.table.split(".", 1)[1]


def _exists(tx: Transaction, table: str) -> bool:
    """Whether the file has the table (a file migrated before it was added has nothing to keep)."""
    known = tx.tables_present  # only a table that exists is remembered: a migration adds them
    if table not in known and tx.fetchone(
        "queries/derived/store_table_exists", table=table.split(".", 1)[1]
    )[0]:
        known.add(table)
    return table in known


# -- store.lead_phase_spans: each lead phase event with the span it held (migration 12)


def _spans_touched(tx: Transaction, query: str) -> int:
    """Recompute the spans of the leads ``query`` puts in temp table touched_leads."""
    tx.run(query)
    touched = tx.sql("SELECT count(*) FROM touched_leads").fetchall()[0][0]
    if touched:
        tx.run("queries/derived/lead_phase_spans_delete")
        tx.run("queries/derived/lead_phase_spans_insert")
    tx.sql("DROP TABLE touched_leads")
    return touched


def spans_catch_up(tx: Transaction) -> bool:
    """Span the leads with events newer than the newest span (one cheap query otherwise)."""
    if not tx.run("queries/derived/lead_phase_spans_stale").fetchall()[0][0]:
        return False
    return _spans_touched(tx, "queries/derived/lead_phase_spans_touched") > 0


def spans_rebuild(tx: Transaction) -> None:
    """Recompute every lead's spans from all its events."""
    _spans_touched(tx, "queries/derived/lead_phase_spans_touched_all")


# -- store.timesheet_hour_corrections: superseded revisions' hours (migrations 13, 14)


def corrections_counts(tx: Transaction) -> tuple[int | None, int]:
    """(the row count of store.timesheet_lines the corrections were computed for, the count now)."""
    row = tx.run("queries/derived/timesheet_hour_corrections_counts").fetchall()[0]
    return row[0], row[1]


def corrections_record(tx: Transaction, lines: int) -> None:
    """Record the row count of store.timesheet_lines the corrections are now computed for."""
    tx.run("queries/derived/timesheet_hour_corrections_forget_count")
    tx.run("queries/derived/timesheet_hour_corrections_record", lines=lines)


def corrections_rebuild(tx: Transaction) -> None:
    """Recompute every stored hour correction from all timesheet lines."""
    _, lines = corrections_counts(tx)
    tx.run("queries/derived/timesheet_hour_corrections_delete_all")
    tx.run("queries/derived/timesheet_hour_corrections_all")
    corrections_record(tx, lines)


def corrections_catch_up(tx: Transaction) -> bool:
    """Recompute everything when the line count differs from the one recorded."""
    recorded, lines = corrections_counts(tx)
    if recorded == lines:
        return False
    corrections_rebuild(tx)
    return True


# -- store.bonus_hours_crossings (+ _subjects): the days H(d) crosses a threshold (migrations 15, 16)


def crossings_signature(tx: Transaction) -> tuple:
    """What the crossings depend on now: line and correction counts, the subject set, thresholds."""
    return tuple(tx.fetchone("queries/derived/bonus_crossings_signature"))


def crossings_recorded(tx: Transaction) -> tuple | None:
    """The signature the stored crossings were computed for (None before the first)."""
    row = tx.fetchone("queries/derived/bonus_crossings_recorded")
    return tuple(row) if row else None


def crossings_record(tx: Transaction, signature: tuple) -> None:
    lines, corrections, subjects, subjects_xor, thresholds = signature
    tx.run("queries/derived/bonus_crossings_record", lines=lines, corrections=corrections,
           subjects=subjects, subjects_xor=subjects_xor, thresholds=thresholds)


def crossings_recompute_targets(tx: Transaction, signature: tuple) -> None:
    """Replace the crossings of the assignments in temp table ``bc_targets``; record ``signature``."""
    tx.run("queries/derived/bonus_crossings_delete_targets")
    tx.run("queries/derived/bonus_crossings_subjects_delete_targets")
    tx.run("queries/derived/bonus_crossings_subjects_insert_targets")
    tx.run("queries/derived/bonus_crossings_insert_targets")
    tx.sql("DROP TABLE bc_targets")
    crossings_record(tx, signature)


def crossings_rebuild(tx: Transaction) -> None:
    """Recompute the crossings and totals of every subject assignment."""
    tx.run("queries/derived/bonus_crossings_targets_all")
    crossings_recompute_targets(tx, crossings_signature(tx))


def crossings_catch_up(tx: Transaction) -> bool:
    """Compare the recorded signature with the warehouse: a changed subject set recomputes only
    those assignments; any other difference (lines or corrections written around the ingest,
    the thresholds in use) recomputes all."""
    recorded, now = crossings_recorded(tx), crossings_signature(tx)
    if recorded == now:
        return False
    if recorded is not None and (recorded[:2], recorded[4]) == (now[:2], now[4]):
        tx.run("queries/derived/bonus_crossings_targets_changed_subjects")
    else:
        tx.run("queries/derived/bonus_crossings_targets_all")
    crossings_recompute_targets(tx, now)
    return True


_EVENT_COLUMNS = ("entity", "record_id", "seq", "event_id", "from_phase", "to_phase", "at",
                  "actor_id", "reason", "assignment_id")
_LINE_COLUMNS = ("line_id", "revision", "assignment_id", "hours", "status", "status_date")

DERIVED: tuple[Derived, ...] = (
    Derived(
        table="store.lead_phase_spans",
        sources={
            "store.phase_events": Source(
                _EVENT_COLUMNS,
                copied=("record_id", "seq", "event_id", "from_phase", "to_phase", "at",
                        "actor_id", "reason", "assignment_id"),
            ),
            "store.leads": Source(("lead_id", "lead_key", "pipeline"),
                                  copied=("lead_key", "pipeline"), appends_seen=True),
            "store.phases": Source(
                ("pipeline", "entity", "code", "position", "phase_group", "outcome", "is_end",
                 "is_default"),
                copied=("position", "phase_group", "outcome", "is_end", "is_default"),
                appends_seen=False,
            ),
        },
        catch_up=spans_catch_up,
        rebuild=spans_rebuild,
        on_read=True,  # metrics read them inside the transactions that write events
        notes="catch_up: the leads with an event newer than the newest span",
    ),
    Derived(
        table="store.timesheet_hour_corrections",
        sources={
            "store.timesheet_lines": Source(
                _LINE_COLUMNS, copied=("line_id", "revision", "assignment_id", "status")),
        },
        catch_up=corrections_catch_up,
        rebuild=corrections_rebuild,
        state_table="store.timesheet_hour_corrections_state",
        notes="catch_up: the row count of store.timesheet_lines it was computed for",
    ),
    Derived(
        table="store.bonus_hours_crossings",
        sources={
            "store.timesheet_lines": Source(_LINE_COLUMNS, copied=("assignment_id",)),
            "store.timesheet_hour_corrections": Source(
                ("line_id", "revision", "assignment_id", "day", "delta", "status")),
            "store.phase_events": Source(("assignment_id",), any_change_seen=True),
            "store.bonus_schemes": Source(
                ("threshold_hours", "ext_threshold_hours", "perm_threshold_hours"),
                any_change_seen=True),
            "store.bonus_batch_items": Source(("threshold_hours",), any_change_seen=True),
        },
        catch_up=crossings_catch_up,
        rebuild=crossings_rebuild,
        also=("store.bonus_hours_crossings_subjects",),
        state_table="store.bonus_hours_crossings_state",
        notes="also store.bonus_hours_crossings_subjects; catch_up: counts, subjects, thresholds",
    ),
)


# --------------------------------------------------------------------------- keeping them


def _needs_rebuild(tx: Transaction, d: Derived) -> bool:
    """Whether a change since ``d`` was last current is one its ``catch_up`` cannot see."""
    since = tx.synced.get(d.table, 0)
    for table, kind in tx.changes[since:]:
        source = d.sources.get(table)
        if source is None or source.any_change_seen:
            continue
        if kind != "insert" or not source.appends_seen:
            return True
    return False


def mark_current(tx: Transaction, table: str) -> None:
    """Say that ``table`` is up to date with every write of ``tx`` so far (after keeping it)."""
    tx.synced[table] = len(tx.changes)


def bring_up_to_date(tx: Transaction, reading: bool = False) -> list[str]:
    """Bring every derived table up to date with what ``tx`` wrote; return those recomputed.

    The door runs it before every commit (and, for the tables read inside a transaction,
    before such a read); a load runs it just before it writes its ``loads`` row, so that row
    stays the last write.

    Examples:
        >>> with w.transaction() as tx:                                      # doctest: +SKIP
        ...     tx.sql("UPDATE store.phase_events SET reason = 'x' WHERE event_id = 1")
        ...     bring_up_to_date(tx)
        ['lead_phase_spans']
    """
    done = []
    for d in DERIVED:
        if reading and not d.on_read:
            continue
        if not _exists(tx, d.table) or (d.state_table and not _exists(tx, d.state_table)):
            continue
        if _needs_rebuild(tx, d):
            d.rebuild(tx)
            done.append(d.name)
        elif d.catch_up(tx):
            done.append(d.name)
        mark_current(tx, d.table)
    return done


def rebuild_all(tx: Transaction) -> None:
    """Recompute every derived table from scratch (a repair; tests compare against it)."""
    for d in DERIVED:
        if _exists(tx, d.table):
            d.rebuild(tx)
            mark_current(tx, d.table)
