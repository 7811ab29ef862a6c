"""The demo's input files follow data-contracts.md, and lead histories follow the configured
phase pipeline (checked against the configuration, not against phase codes written here)."""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

import pytest

from leadanalytics.config import load_lookups, load_phase_pipeline
from leadanalytics.demo import write_inputs

REF = dt.date(2026, 11, 23)
CONTRACT = {  # data-contracts.md, column for column
    "branches": ["branch_id", "name", "parent_id"],
    "people": ["person_id", "name", "email", "role", "branch_id", "active"],
    "delegations": ["delegator_id", "delegate_id", "role", "start_date", "end_date"],
    "assignments": ["assignment_id", "start_date", "end_date", "contact_name", "contact_email",
                    "contact_language"],
    "leads": ["lead_id", "created_at", "submitter_id", "branch_id", "business_unit",
              "client_name", "contact_name", "contact_email", "title", "description",
              "is_permanent_role", "is_hours_extension", "source", "priority", "category"],
    "lead_events": ["lead_id", "at", "phase", "actor_id", "reason", "assignment_id"],
}
TIMESHEET = ["line_id", "revision", "assignment_id", "employee_id", "week", "hours", "status",
             "status_date", "source"]
STATUSES = {"submitted", "approved_director", "invoiced", "rejected"}
ROLES = {"employee", "regional_director", "finance", "analyst", "admin"}
TIMESTAMP = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$")  # ISO, no offset


def read(path: Path, sep: str = ",") -> tuple[list[str], list[dict[str, str]]]:
    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f, delimiter=sep)
        return list(reader.fieldnames or []), list(reader)


@pytest.fixture(scope="module")
def inputs(tmp_path_factory):
    return write_inputs(tmp_path_factory.mktemp("demo") / "input", scale=1, seed=11)


@pytest.fixture(scope="module")
def files(inputs):
    return {name: read(path) for name, path in inputs.files.items()}


@pytest.fixture(scope="module")
def pipe():
    return load_phase_pipeline("public_support").lead


def codes(lookup: str) -> set[str]:
    return {v.code for v in load_lookups() if v.lookup == lookup}


def test_every_reference_and_lead_file_has_exactly_the_contract_columns(files):
    for name, columns in CONTRACT.items():
        assert files[name][0] == columns, name
        assert files[name][1], f"{name} is empty"


def test_branches_form_one_tree_with_regions_and_deeper_branches(files):
    rows = files["branches"][1]
    parent = {r["branch_id"]: r["parent_id"] or None for r in rows}
    assert len(parent) == len(rows)
    assert [b for b, p in parent.items() if p is None] == ["HQ"]
    depth = {}
    for b in parent:
        node, d = b, 0
        while parent[node] is not None:
            node, d = parent[node], d + 1
            assert d < 10, f"cycle at {b}"
        depth[b] = d
    assert max(depth.values()) >= 3  # root, region, branch, sub-branch


def test_people_have_known_roles_unique_emails_and_every_role_is_there(files):
    rows = files["people"][1]
    branches = {r["branch_id"] for r in files["branches"][1]}
    seen_roles = set()
    for r in rows:
        roles = set(r["role"].split("|"))
        assert roles <= ROLES, r
        seen_roles |= roles
        assert r["branch_id"] in branches
        assert r["active"] in ("true", "false")
        assert re.fullmatch(r"[a-z0-9.]+@[a-z0-9.-]+\.nl", r["email"]), r["email"]
    assert seen_roles == ROLES
    assert len({r["email"] for r in rows}) == len(rows)
    assert any("|" in r["role"] for r in rows)
    assert any(r["active"] == "false" for r in rows)
    regions = {r["branch_id"] for r in files["branches"][1] if r["parent_id"] == "HQ"}
    directed = {r["branch_id"] for r in rows if "regional_director" in r["role"].split("|")}
    assert regions <= directed


def test_delegations_name_people_and_inclusive_windows(files):
    people = {r["person_id"] for r in files["people"][1]}
    rows = files["delegations"][1]
    assert rows
    for r in rows:
        assert r["delegator_id"] in people and r["delegate_id"] in people
        assert r["role"] == "" or r["role"] in ROLES
        assert dt.date.fromisoformat(r["start_date"]) <= dt.date.fromisoformat(r["end_date"]) < REF


def test_leads_use_lookup_codes_people_and_branches(files):
    people = {r["person_id"]: r for r in files["people"][1]}
    branches = {r["branch_id"] for r in files["branches"][1]}
    rows = files["leads"][1]
    assert len({r["lead_id"] for r in rows}) == len(rows) == 400
    for r in rows:
        submitter = people[r["submitter_id"]]
        assert "employee" in submitter["role"].split("|") and submitter["active"] == "true"
        assert r["branch_id"] in branches
        assert TIMESTAMP.match(r["created_at"]), r["created_at"]
        assert dt.datetime.fromisoformat(r["created_at"]).date() < REF
        assert r["business_unit"] in codes("business_unit")
        assert r["source"] in codes("source")
        assert r["priority"] in codes("priority")
        assert r["category"] in codes("category")
        assert r["is_permanent_role"] in ("true", "false")
        assert r["is_hours_extension"] in ("true", "false")
    assert {r["business_unit"] for r in rows} == codes("business_unit")
    assert any(r["is_permanent_role"] == "true" for r in rows)
    assert any(r["is_hours_extension"] == "true" for r in rows)


def _holds(person: dict, role: str) -> bool:
    return role in person["role"].split("|")


def test_every_lead_history_follows_the_pipeline_next_rules_and_roles(files, pipe):
    people = {r["person_id"]: r for r in files["people"][1]}
    parent = {r["branch_id"]: r["parent_id"] or None for r in files["branches"][1]}
    leads = {r["lead_id"]: r for r in files["leads"][1]}
    delegations = files["delegations"][1]
    by_verb = {v.verb: v.by for v in pipe.verbs}
    reasons = codes("rejection_reason")

    def above(branch):
        while branch is not None:
            yield branch
            branch = parent[branch]

    def may_act(actor_id, role, lead, day):
        scope = set(above(lead["branch_id"]))
        if _holds(people[actor_id], role) and people[actor_id]["branch_id"] in scope:
            return True
        return any(
            d["delegate_id"] == actor_id and d["role"] in ("", role)
            and dt.date.fromisoformat(d["start_date"]) <= day <= dt.date.fromisoformat(d["end_date"])
            and _holds(people[d["delegator_id"]], role)
            and people[d["delegator_id"]]["branch_id"] in scope
            for d in delegations
        )

    history = defaultdict(list)
    for r in files["lead_events"][1]:
        history[r["lead_id"]].append(r)
    assert history
    seen_assignments = set()
    delegated = 0
    for lead_id, events in history.items():
        lead = leads[lead_id]
        phase = pipe.default_phase.code
        last = dt.datetime.fromisoformat(lead["created_at"])
        for e in events:
            target = pipe.phase(e["phase"])
            assert e["phase"] in pipe.phase(phase).next, (lead_id, phase, e["phase"])
            assert TIMESTAMP.match(e["at"])
            at = dt.datetime.fromisoformat(e["at"])
            assert last < at and at.date() < REF
            assert (e["reason"] in reasons) if target.requires_reason else e["reason"] == ""
            if target.requires_assignment_id:
                assert e["assignment_id"] and e["assignment_id"] not in seen_assignments
                seen_assignments.add(e["assignment_id"])
            else:
                assert e["assignment_id"] == ""
            allowed = by_verb[pipe.verb_for(e["phase"])]
            ok = [who for who in allowed if (who == "submitter" and e["actor_id"] == lead["submitter_id"])
                  or (who != "submitter" and may_act(e["actor_id"], who, lead, at.date()))]
            assert ok, (lead_id, e)
            if ok and not any(_holds(people[e["actor_id"]], w) for w in allowed if w != "submitter") \
                    and e["actor_id"] != lead["submitter_id"]:
                delegated += 1
            phase, last = e["phase"], at
    assert delegated > 0, "no move was made by a delegate"
    final = {events[-1]["phase"] for events in history.values()}
    outcomes = {pipe.phase(p).outcome for p in final}
    assert outcomes == {"open", "won", "lost"}
    assert len(leads) > len(history)  # some leads never left their draft


def test_assignments_are_the_won_leads_with_dates_and_contacts(files, pipe):
    won = {e["assignment_id"] for e in files["lead_events"][1] if e["assignment_id"]}
    rows = files["assignments"][1]
    assert {r["assignment_id"] for r in rows} == won
    for r in rows:
        start = dt.date.fromisoformat(r["start_date"])
        assert r["end_date"] == "" or dt.date.fromisoformat(r["end_date"]) >= start
        assert r["contact_language"] in ("nl", "en")
        assert "@" in r["contact_email"]
    assert any(r["end_date"] == "" for r in rows)


def _week(text: str) -> dt.date | None:
    m = re.fullmatch(r"(\d{4})-W(\d{2})", text)
    if m:
        return dt.date.fromisocalendar(int(m[1]), int(m[2]), 1)
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def _good(r: dict[str, str]) -> bool:
    week = _week(r["week"])
    try:
        hours = Decimal(r["hours"])
        status_date = dt.date.fromisoformat(r["status_date"])
    except (ArithmeticError, ValueError):
        return False
    return bool(
        r["line_id"] and r["assignment_id"] and r["revision"].isdigit() and int(r["revision"]) >= 1
        and week is not None and week.weekday() == 0
        and 0 <= hours <= 168 and hours == hours.quantize(Decimal("0.01"))
        and r["status"] in STATUSES and status_date >= week
    )


@pytest.fixture(scope="module")
def timesheet_rows(inputs):
    out = []
    for path in inputs.timesheet_files:
        header, rows = read(path)
        assert header == TIMESHEET, path
        out += [(path.name, r) for r in rows]
    return out


def test_timesheet_files_follow_the_contract_apart_from_a_few_bad_rows(inputs, timesheet_rows, files):
    assignments = {r["assignment_id"] for r in files["assignments"][1]}
    bad = [r for _, r in timesheet_rows if not _good(r)]
    good = [r for _, r in timesheet_rows if _good(r)]
    assert 8 <= len(bad) <= 20
    assert {r["assignment_id"] for r in good} <= assignments
    assert all(dt.date.fromisoformat(r["status_date"]) < REF for r in good)
    assert {r["status"] for r in good} == STATUSES
    assert any(re.fullmatch(r"\d{4}-W\d{2}", r["week"]) for r in good)
    names = [p.name for p in inputs.timesheet_files]
    assert names == sorted(names) and len(names) >= 8


def test_timesheets_hold_corrections_late_arrivals_and_repeats(timesheet_rows):
    invoiced = defaultdict(list)
    repeats = 0
    seen = set()
    late = 0
    for file, r in timesheet_rows:
        if not _good(r):
            continue
        # identical once read: 2026-W07 equals 2026-02-09, 40 equals 40.00
        key = (*(r[c] for c in TIMESHEET if c not in ("week", "hours")), _week(r["week"]),
               Decimal(r["hours"]))
        repeats += (file, key) in seen
        seen.add((file, key))
        if r["status"] == "invoiced":
            invoiced[r["line_id"]].append(r)
        if r["status_date"][:7] < file[len("timesheets_"):len("timesheets_") + 7]:
            late += 1
    assert any(len(v) >= 2 and v[0]["hours"] != v[-1]["hours"] for v in invoiced.values())
    assert late > 0
    assert repeats >= 1


def test_some_assignments_pass_100_invoiced_hours(timesheet_rows):
    latest: dict[str, tuple[int, dict]] = {}
    for _, r in timesheet_rows:
        if _good(r) and r["line_id"].startswith("TSL-0"):
            rev = int(r["revision"])
            if r["line_id"] not in latest or latest[r["line_id"]][0] < rev:
                latest[r["line_id"]] = (rev, r)
    hours = defaultdict(Decimal)
    for _, r in latest.values():
        if r["status"] == "invoiced":
            hours[r["assignment_id"]] += Decimal(r["hours"])
    passed = [a for a, h in hours.items() if h >= 100]
    assert len(passed) >= 10


def test_vendor_export_has_dutch_headers(inputs):
    [path] = inputs.vms_files
    header, rows = read(path, sep=";")
    assert header == ["Opdracht", "Medewerker", "Week", "Uren", "Status", "Statusdatum"]
    assert rows and all(re.fullmatch(r"\d{2}-\d{2}-\d{4}", r["Statusdatum"]) for r in rows)
    assert all("," in r["Uren"] for r in rows)


def test_the_lifecycle_walk_follows_any_configured_pipeline():
    """The generator names no phase: with the carerix lead pipeline its histories follow that
    file's next rules and requirements just as well."""
    import numpy as np

    from leadanalytics.demo.agency import build_agency
    from leadanalytics.demo.leads import build_leads

    carerix = load_phase_pipeline("carerix").lead
    agency = build_agency(np.random.default_rng(1), 30, REF)
    leads = build_leads(np.random.default_rng(2), agency, carerix, load_lookups(), 300,
                        dt.date(2026, 1, 5), REF)
    phase = dict.fromkeys(leads.leads.lead_id, carerix.default_phase.code)
    for e in leads.events.itertuples():
        assert e.phase in carerix.phase(phase[e.lead_id]).next
        assert (e.reason is not None) == carerix.phase(e.phase).requires_reason
        phase[e.lead_id] = e.phase
    reached = set(phase.values())
    assert {carerix.phase(p).outcome for p in reached} == {"open", "won", "lost"}
