"""The SQL engine against a small, obviously correct Python model of bonus-rules.md, on random
histories with corrections, late data and lines that move between assignments; and invariants of
payout batches (hypothesis)."""

from __future__ import annotations

import datetime as dt
import itertools
from contextlib import contextmanager
from decimal import Decimal

from bonus_agency import ams
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

from leadanalytics.bonuses import bonuses_list, close_period
from leadanalytics.bonuses.statements import statement_rows

START = dt.date(2026, 3, 1)
THRESHOLD = Decimal("100")
COUNTER = itertools.count()
SETTINGS = settings(max_examples=15, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture,
                                           HealthCheck.too_slow])

class _Rollback(Exception):
    pass


@contextmanager
def rolled_back(warehouse):
    """One connection for the whole example (fast), rolled back after it (a clean slate)."""
    try:
        with warehouse.transaction():
            yield
            raise _Rollback
    except _Rollback:
        pass


revision = st.tuples(
    st.integers(0, 30),                                               # status_date offset
    st.sampled_from([Decimal("0"), Decimal("8"), Decimal("33.33"), Decimal("33.34"),
                     Decimal("40"), Decimal("60.5"), Decimal("100")]),
    st.sampled_from(["invoiced", "invoiced", "approved_director", "rejected", "submitted"]),
    st.booleans(),                                                    # on the lead's assignment?
)
history = st.lists(st.lists(revision, min_size=1, max_size=3), min_size=1, max_size=4)


def model_hours(lines, assignment, day):
    """H(d): hours of the lines whose highest revision with status_date <= d is invoiced."""
    total = Decimal("0")
    for revs in lines:
        known = [r for r in revs if r["status_date"] <= day]
        if known:
            r = max(known, key=lambda r: r["revision"])
            if r["status"] == "invoiced" and r["assignment"] == assignment:
                total += r["hours"]
    return total


def model_state(lines, assignment, won_on, as_of):
    """(status, earned_on, H(as_of)) as bonus-rules.md says, for an unbatched hours bonus."""
    h = model_hours(lines, assignment, as_of)
    if h >= THRESHOLD:
        start = as_of
        while start > START - dt.timedelta(days=1) and \
                model_hours(lines, assignment, start - dt.timedelta(days=1)) >= THRESHOLD:
            start -= dt.timedelta(days=1)
        return "earned", max(start, won_on), h
    days = (won_on + dt.timedelta(days=n) for n in range((as_of - won_on).days + 1))
    if any(model_hours(lines, assignment, d) >= THRESHOLD for d in days):
        return "withdrawn", None, h
    return "pending", None, h


@SETTINGS
@given(history=history, won_offset=st.integers(0, 25), as_of_offsets=st.lists(
    st.integers(0, 40), min_size=1, max_size=4))
def test_sql_engine_matches_the_model(committed, warehouse, agency, history, won_offset, as_of_offsets):
    with rolled_back(warehouse):
        _engine_matches_the_model(warehouse, agency, history, won_offset, as_of_offsets)


def _engine_matches_the_model(warehouse, agency, history, won_offset, as_of_offsets):
    n = next(COUNTER)
    lead, asg = f"L-{n}", f"A-{n}"
    won_on = START + dt.timedelta(days=won_offset)
    agency.lead(lead, submitted="2026-02-02", won=won_on.isoformat(), assignment_id=asg)
    lines, rows = [], []
    for i, revs in enumerate(history):
        line = []
        for k, (offset, hours, status, own) in enumerate(revs, start=1):
            r = {"revision": k, "status_date": START + dt.timedelta(days=offset), "hours": hours,
                 "status": status, "assignment": asg if own else f"{asg}-other"}
            line.append(r)
            rows.append((f"{n}-{i}", r["assignment"], str(hours), r["status_date"].isoformat(), k,
                         status))
        lines.append(line)
    agency.lines(rows)
    for off in as_of_offsets:
        as_of = won_on + dt.timedelta(days=off)
        df = bonuses_list(warehouse, as_of)
        got = df[df.lead_id == lead].iloc[0]
        status, earned_on, h = model_state(lines, asg, won_on, as_of)
        assert (got.status, got.invoiced_hours) == (status, h), (as_of, lines)
        expected_earned = earned_on if earned_on is not None else None
        got_earned = got.earned_on if got.earned_on == got.earned_on else None
        assert got_earned == expected_earned, (as_of, lines)


@SETTINGS
@given(history=history)
def test_timeline_agrees_with_the_known_at_macro(committed, warehouse, agency, history):
    with rolled_back(warehouse):
        _timeline_agrees(warehouse, agency, history)


def _write_history(agency, history, prefix: str) -> str:
    """The lines of ``history`` on a fresh assignment (or on its ``-x`` neighbour); its id."""
    n = next(COUNTER)
    agency.lines([(f"{prefix.lower()}{n}-{i}", f"{prefix}-{n}" if own else f"{prefix}-{n}-x",
                   str(h), (START + dt.timedelta(days=off)).isoformat(), k, status)
                  for i, revs in enumerate(history)
                  for k, (off, h, status, own) in enumerate(revs, start=1)])
    return f"{prefix}-{n}"


def _timeline_agrees(warehouse, agency, history):
    assignment = _write_history(agency, history, "T")
    got = warehouse.sql(
        "with days as (select unnest(range(DATE '2026-03-01', DATE '2026-04-02', INTERVAL 1 DAY))"
        "::DATE as d) "
        "select d, (select coalesce(arg_max(invoiced_hours, changed_on), 0) "
        "           from bonus_hours_timeline where assignment_id = $a and changed_on <= d) as tl, "
        "       (select coalesce(sum(hours), 0) from timesheet_lines_known_at(d) k "
        "        where k.assignment_id = $a and k.status = 'invoiced') as macro "
        "from days order by d", a=assignment)
    assert (got.tl == got.macro).all(), got[got.tl != got.macro]


@SETTINGS
@given(history=history)
def test_hours_known_at_sums_agree_with_the_known_at_lines(committed, warehouse, agency, history):
    with rolled_back(warehouse):
        _known_sums_agree(warehouse, agency, history)


def _known_sums_agree(warehouse, agency, history):
    """timesheet_hours_known_at (additions plus stored corrections of every status) and
    subject_hours_known_at (stored totals less what became known later) give, on every day, the
    sums of the lines timesheet_lines_known_at keeps: invoiced and all."""
    assignment = _write_history(agency, history, "K")
    for suffix in ("", "-x"):  # leads name both assignments: subjects, with stored totals
        agency.lead(f"{assignment}{suffix}-lead", won="2026-02-03",
                    assignment_id=f"{assignment}{suffix}")
    got = warehouse.sql(
        "with days as (select unnest(range(DATE '2026-02-27', DATE '2026-04-02', INTERVAL 1 DAY))"
        "::DATE as d), asg as (select unnest([$a, $a || '-x']) as a) "
        "select d, a, "
        "  (select coalesce(sum(invoiced_hours), 0) from timesheet_hours_known_at(d) s "
        "   where s.assignment_id = a) as inv_sum, "
        "  (select coalesce(sum(known_hours), 0) from timesheet_hours_known_at(d) s "
        "   where s.assignment_id = a) as all_sum, "
        "  (select sum(invoiced_hours) from subject_hours_known_at(d) s "
        "   where s.assignment_id = a) as inv_subject, "
        "  (select sum(known_hours) from subject_hours_known_at(d) s "
        "   where s.assignment_id = a) as all_subject, "
        "  (select coalesce(sum(hours) filter (where status = 'invoiced'), 0) "
        "   from timesheet_lines_known_at(d) k where k.assignment_id = a) as inv_lines, "
        "  (select coalesce(sum(hours), 0) from timesheet_lines_known_at(d) k "
        "   where k.assignment_id = a) as all_lines "
        "from days, asg order by d, a", a=assignment)
    assert len(got) == 2 * (dt.date(2026, 4, 2) - dt.date(2026, 2, 27)).days
    bad = got[(got.inv_sum != got.inv_lines) | (got.all_sum != got.all_lines)
              | (got.inv_subject != got.inv_lines) | (got.all_subject != got.all_lines)]
    assert bad.empty, bad


@settings(max_examples=5, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(won_days=st.lists(st.integers(0, 80), min_size=1, max_size=6),
       months=st.permutations(["2026-04", "2026-05", "2026-06"]))
def test_batches_pay_each_bonus_once_and_sum_to_the_statement(committed, warehouse, agency, won_days,
                                                              months):
    with rolled_back(warehouse):
        _batches_invariants(warehouse, agency, won_days, months)


def _batches_invariants(warehouse, agency, won_days, months):
    n = next(COUNTER)
    agency.many([("insert or ignore into store.people (person_id, name, role) "
                  "values ('P-F1', 'F', 'finance')", [])])
    for i, d in enumerate(won_days):
        agency.lead(f"B{n}-{i}", won=(START + dt.timedelta(days=d)).isoformat(), permanent=True)
    at = ams("2026-07-01")
    first = {m: close_period(warehouse, m, "P-F1", at=at) for m in months}
    again = {m: close_period(warehouse, m, "P-F1", at=at) for m in months}
    for m in months:
        assert again[m].batch == first[m].batch and again[m].items == first[m].items
    items = warehouse.sql("select lead_id, count(*) as n from bonus_batch_items "
                          "where kind = 'bonus' group by 1")
    assert (items.n == 1).all()
    for b in warehouse.sql("select batch_id from bonus_batches")["batch_id"]:
        rows = statement_rows(warehouse, b)
        items_sum = sum(r["amount_eur"] for r in rows if r["line"] == "item")
        submitters = sum(r["amount_eur"] for r in rows if r["line"] == "submitter_total")
        assert items_sum == submitters == rows[-1]["amount_eur"]
        stored = warehouse.sql("select sum(amount_eur) as s from bonus_batch_items "
                               "where batch_id = $b", b=b)["s"][0]
        assert Decimal(str(stored)) == rows[-1]["amount_eur"]


# --------------------------------------------------------------------------- corrections after a batch
# A model of "Corrections after a batch" and "Controls before money moves" for one bonus (L, 250.00
# EUR, threshold 100 h, batched in B-2026-04 by P-F1): random hour corrections, finance's answers,
# closes, approvals and payments, one a day; after each, the engine's status and lines must match.

AMOUNT = Decimal("250.00")
FIRST_DAY = dt.date(2026, 5, 3)
action = st.sampled_from([   # corrections and answers drawn more often than batch steps
    ("hours", "50"), ("hours", "120"), ("hours", "100"), ("resolve", "line"), ("resolve", "line"),
    ("resolve", "keep"), ("close", None), ("approve", None), ("pay", None), ("pay", None),
])


class LinesModel:
    """The spec's rules for one batched bonus, by hand: lines (kind, batch or None while waiting,
    amount), batch states, who put lines in each batch, and finance's `keep` answers."""

    def __init__(self, earned_on: dt.date) -> None:
        self.hours = Decimal("100")
        self.since = {"up": earned_on, "down": None}
        self.lines = [{"kind": "bonus", "batch": "B-2026-04", "amount": AMOUNT}]
        self.batches = {"B-2026-04": {"state": "prepared", "by": {"P-F1"}}}
        self.kept: set[tuple] = set()

    def set_hours(self, hours: Decimal, day: dt.date) -> None:
        if (hours >= THRESHOLD) != (self.hours >= THRESHOLD):
            self.since["up" if hours >= THRESHOLD else "down"] = day
        self.hours = hours

    def change(self) -> tuple[str, dt.date] | None:
        positive = sum(line["amount"] for line in self.lines) > 0
        holds = self.hours >= THRESHOLD
        if positive and not holds:
            return ("loss", self.since["down"])
        if not positive and holds:
            return ("recovery", self.since["up"])
        return None

    def review(self) -> bool:
        c = self.change()
        return c is not None and (len(self.lines), *c) not in self.kept

    def status(self) -> str:
        if self.review():
            return "review"
        last = self.lines[-1]
        if last["batch"] is None:
            return "in_batch"
        state = self.batches[last["batch"]]["state"]
        if last["kind"] == "clawback" and state == "paid":
            return "clawed_back"
        return {"prepared": "in_batch", "approved": "approved", "paid": "paid"}[state]

    def resolve(self, line: bool, by: str) -> str | None:
        """Finance's answer; the batch the new line went into (None: waits, or a keep)."""
        c = self.change()
        if not line:
            self.kept.add((len(self.lines), *c))
            return None
        kind = "clawback" if c[0] == "loss" else "reinstatement"
        latest = self.lines[-1]["batch"]
        target = latest if latest and self.batches[latest]["state"] != "paid" else None
        if target:
            self.batches[target]["state"] = "prepared"       # an approval is withdrawn
            self.batches[target]["by"].add(by)
        self.lines.append({"kind": kind, "batch": target,
                           "amount": -AMOUNT if kind == "clawback" else AMOUNT})
        return target

    def close(self, batch_id: str, by: str) -> None:
        waiting = [line for line in self.lines if line["batch"] is None]
        if batch_id in self.batches or not waiting:
            return
        self.batches[batch_id] = {"state": "prepared", "by": {by}}
        for line in waiting:
            line["batch"] = batch_id

    def in_batch(self, batch_id: str) -> bool:
        return any(line["batch"] == batch_id for line in self.lines)


@settings(max_examples=20, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(actions=st.lists(action, min_size=4, max_size=12))
@example(actions=[  # paid, lost, clawed back next batch, recovered, reinstated in the one after
    ("approve", None), ("pay", None), ("hours", "50"), ("resolve", "line"), ("close", None),
    ("approve", None), ("pay", None), ("hours", "120"), ("approve", None), ("resolve", "line"),
    ("close", None), ("hours", "50"), ("resolve", "keep")])
@example(actions=[  # approved, lost, clawed back into it (approval withdrawn), recovered, ...
    ("approve", None), ("hours", "50"), ("pay", None), ("resolve", "line"), ("approve", None),
    ("hours", "100"), ("pay", None), ("resolve", "line"), ("approve", None), ("pay", None),
    ("hours", "50"), ("resolve", "line"), ("close", None)])
def test_lines_alternate_and_sum_to_the_amount_or_zero(committed, warehouse, agency, actions):
    with rolled_back(warehouse):
        _lines_follow_the_model(warehouse, agency, actions)


def _lines_follow_the_model(warehouse, agency, actions):
    from leadanalytics.bonuses import approve_batch, mark_batch_paid, resolve_bonus
    from leadanalytics.exceptions import BatchInReview, RuleViolation

    n = next(COUNTER)
    lead, asg = f"C-{n}", f"A-C-{n}"
    agency.many([("insert or ignore into store.people (person_id, name, role) values "
                  "(?, ?, 'finance')", [p, p]) for p in ("P-F1", "P-F2", "P-F3", "P-F4")])
    agency.lead(lead, won="2026-02-20", assignment_id=asg)
    agency.line(f"c{n}", asg, "100", "2026-03-16")
    close_period(warehouse, "2026-04", "P-F1", at=ams("2026-05-02", "09:00"))
    model, revision = LinesModel(dt.date(2026, 3, 16)), 1
    for i, (kind, arg) in enumerate(actions):
        day = FIRST_DAY + dt.timedelta(days=4 * i)
        at = ams(day.isoformat())
        if kind == "hours":
            revision += 1
            agency.line(f"c{n}", asg, arg, day.isoformat(), revision=revision)
            model.set_hours(Decimal(arg), day)
        elif kind == "resolve":
            by = ("P-F2", "P-F3")[i % 2]
            decision = "keep" if arg == "keep" else (
                "clawback" if (model.change() or ("loss",))[0] == "loss" else "reinstate")
            if not model.review():
                try:
                    resolve_bonus(warehouse, lead, decision, by, at=at)
                    raise AssertionError(f"resolved a bonus that is {model.status()}")
                except RuleViolation as exc:
                    assert exc.rule == "resolve_needs_review"
            else:
                got = resolve_bonus(warehouse, lead, decision, by, at=at)
                assert got["batch_id"] == model.resolve(arg == "line", by)
        elif kind == "close":
            period = f"{day:%Y-%m}"
            close_period(warehouse, period, "P-F1", at=at)
            model.close(f"B-{period}", "P-F1")
        else:
            step, want = ((approve_batch, "prepared") if kind == "approve"
                          else (mark_batch_paid, "approved"))
            ids = sorted(b for b, v in model.batches.items() if v["state"] == want)
            if ids:
                batch = ids[0]
                by = "P-F4" if kind == "approve" else "P-F1"
                if model.review() and model.in_batch(batch):
                    try:
                        step(warehouse, batch, by, at=at)
                        raise AssertionError(f"{kind} went through while {lead} is review")
                    except BatchInReview as exc:
                        assert [lead_id for lead_id, _ in exc.leads] == [lead]
                else:
                    step(warehouse, batch, by, at=at)
                    model.batches[batch]["state"] = "approved" if kind == "approve" else "paid"
        df = bonuses_list(warehouse, day)
        got = df[df.lead_id == lead].iloc[0]
        assert got.status == model.status(), (i, actions, model.lines)
        event(f"status {got.status}, {len(model.lines)} line(s)")
        _check_lines(warehouse, lead, model)


def _check_lines(warehouse, lead, model):
    """Lines alternate bonus, clawback, reinstatement, ...; every prefix sums to the amount or
    zero; and a bonus is never paid and taken back in two runs: a line goes into a later batch
    than the line before it only once that batch was paid."""
    rows = warehouse.sql(
        "select i.position, i.kind, i.amount_eur, i.batch_id, i.added_at, "
        "       lag(b.paid_at) over w as before_paid_at, lag(i.batch_id) over w as before_batch "
        "from bonus_batch_items i join bonus_batches b using (batch_id) "
        "where i.lead_id = $l window w as (order by i.position) order by i.position", l=lead)
    kinds = list(rows.kind)
    assert kinds == ["bonus", *(("clawback", "reinstatement") * 5)][:len(kinds)]
    assert list(rows.position) == list(range(1, len(kinds) + 1))
    total = Decimal("0")
    for amount in rows.amount_eur:
        total += Decimal(str(amount))
        assert total in (Decimal("0"), AMOUNT)
    for r in rows.itertuples():
        if r.before_batch is not None and r.before_batch != r.batch_id:
            assert r.before_paid_at is not None and r.before_paid_at <= r.added_at, rows
    assert [(line["kind"], line["batch"]) for line in model.lines if line["batch"]] == list(
        zip(rows.kind, rows.batch_id, strict=True))
