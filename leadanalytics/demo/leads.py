"""Leads, their lifecycle events and the assignments they became, drawn for the demo agency.

The lifecycle is a random walk over the phase pipeline's configuration: the phases a lead may
move to (``next``), which verb leads there and who may use it, which moves need a reason or an
assignment id. No phase code is named here. The walk is vectorised: one numpy step per phase
and move, never a Python loop per lead.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd

from leadanalytics.config import EntityPipeline, LookupValue
from leadanalytics.demo.agency import Agency, draw_names
from leadanalytics.demo.names import (
    CLIENT_KINDS,
    NATIONAL_CLIENTS,
    REGIONS,
    TITLES_BY_UNIT_POSITION,
)

SUBMITTER = "submitter"  # the pseudo-role of pipeline verbs meaning "the lead's own submitter"
DAY = np.timedelta64(1, "D")


@dataclass(frozen=True)
class LeadSet:
    """Leads, events and assignments as frames with the contract's columns."""

    leads: pd.DataFrame
    events: pd.DataFrame
    assignments: pd.DataFrame


def _codes(lookups: tuple[LookupValue, ...], lookup: str) -> np.ndarray:
    return np.array([v.code for v in lookups if v.lookup == lookup], dtype=object)


def ids(prefix: str, numbers: np.ndarray, width: int) -> np.ndarray:
    """Text ids such as ``L-0000042``, vectorised."""
    text = pd.Series(numbers).astype(str).str.zfill(width)
    return (prefix + text).to_numpy(dtype=object)


def _clients(rng: np.random.Generator) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Client organisations with three contacts each (name, e-mail)."""
    cities = [city for _, _, cs in REGIONS for city in cs]
    rows = []
    for city in cities:
        slug = city.lower().replace(" ", "")
        for pattern, domain in CLIENT_KINDS:
            rows.append((pattern.format(city=city), domain.format(slug=slug)))
    rows.extend(NATIONAL_CLIENTS)
    clients = pd.DataFrame(rows, columns=["client_name", "domain"])
    names, stems = draw_names(rng, 3 * len(clients))
    contacts = pd.DataFrame(
        {
            "client": np.repeat(np.arange(len(clients)), 3),
            "contact_name": names,
            "contact_email": stems + "@" + np.repeat(clients.domain.to_numpy(), 3),
        }
    )
    return clients, contacts


def _business_times(
    rng: np.random.Generator, prev: np.ndarray, days: np.ndarray
) -> np.ndarray:
    """Moments ``days`` after ``prev``, in office hours on a weekday, always after ``prev``."""
    n = len(prev)
    day = (prev + (days * 86400).astype("timedelta64[s]")).astype("datetime64[D]")
    minute = rng.integers(8 * 60, 18 * 60, n)
    at = day.astype("datetime64[s]") + (minute * 60).astype("timedelta64[s]")
    at = np.where(at <= prev, prev + (rng.integers(5, 90, n) * 60).astype("timedelta64[s]"), at)
    weekday = (at.astype("datetime64[D]").view("int64") + 3) % 7  # Monday = 0
    shift = np.where(weekday >= 5, 7 - weekday, 0)
    return at + (shift * 86400).astype("timedelta64[s]")


def _move_weights(pipe: EntityPipeline, code: str) -> tuple[list[str], np.ndarray]:
    """Where a lead in phase ``code`` goes next, with probabilities; "" is staying.

    Config-driven: a draft (the default phase) is nearly always submitted; later phases lose
    about three in ten leads to a lost end (verbs only a director may use weigh three times the
    verbs a submitter may use too), and about one in ten stays where it is.
    """
    phase = pipe.phase(code)
    lost = [t for t in phase.next if pipe.phase(t).outcome == "lost"]
    forward = [t for t in phase.next if pipe.phase(t).outcome != "lost"]
    stay, lost_total = (0.06, 0.04) if phase.is_default else (0.10, 0.30)
    by = {v.verb: v.by for v in pipe.verbs}

    def lost_weight(target: str) -> float:
        return 1.0 if SUBMITTER in by.get(pipe.verb_for(target), ()) else 3.0

    w_lost = np.array([lost_weight(t) for t in lost])
    weights = [stay]
    if forward:
        weights += [(1 - stay - lost_total) / len(forward)] * len(forward)
    else:
        lost_total = 1 - stay
    if lost:
        weights += list(lost_total * w_lost / w_lost.sum())
    p = np.array(weights)
    return ["", *forward, *lost], p / p.sum()


def _durations(rng: np.random.Generator, pipe: EntityPipeline, code: str, target: str, n: int):
    """Days between a move and the one before it: drafts are submitted within a day or two,
    a decision takes days, winning an assignment weeks."""
    if pipe.phase(code).is_default:
        return rng.exponential(1.0, n)
    outcome = pipe.phase(target).outcome
    if outcome == "won":
        return 7 + rng.exponential(21.0, n)
    if outcome == "lost":
        return 2 + rng.exponential(10.0, n)
    return rng.exponential(4.0, n)


def _actors(rng, pipe, target, idx, at, submitters, branches, agency, delegations):
    """Who makes the move: the submitter or the nearest holder of a role the verb allows, or
    that holder's delegate when the move falls in a delegation window."""
    verb = pipe.verb_for(target)
    allowed = next((v.by for v in pipe.verbs if v.verb == verb), ("regional_director",))
    pick = rng.integers(0, len(allowed), len(idx))
    actor = np.empty(len(idx), dtype=object)
    for k, who in enumerate(allowed):
        sel = pick == k
        if who == SUBMITTER:
            actor[sel] = submitters[idx[sel]]
            continue
        holders = agency.role_holders.get(who, {})
        actor[sel] = pd.Series(branches[idx[sel]]).map(holders).to_numpy()
        day = at.astype("datetime64[D]")
        for d in delegations.itertuples():
            if d.role not in (None, "", who):
                continue
            window = (
                sel & (actor == d.delegator_id)
                & (day >= np.datetime64(d.start_date)) & (day <= np.datetime64(d.end_date))
            )
            actor[window] = d.delegate_id
    return actor


def build_leads(
    rng: np.random.Generator,
    agency: Agency,
    pipe: EntityPipeline,
    lookups: tuple[LookupValue, ...],
    n_leads: int,
    start: dt.date,
    reference_date: dt.date,
) -> LeadSet:
    """Draw ``n_leads`` leads created between ``start`` and ``reference_date``, their events
    (never after ``reference_date``) and the assignments of the won ones.

    Examples:
        >>> import numpy as np, datetime as dt
        >>> from leadanalytics.config import load_lookups, load_phase_pipeline
        >>> from leadanalytics.demo.agency import build_agency
        >>> ref = dt.date(2026, 11, 23)
        >>> a = build_agency(np.random.default_rng(1), 20, ref)
        >>> s = build_leads(np.random.default_rng(2), a, load_phase_pipeline("public_support").lead,
        ...                 load_lookups(), 50, dt.date(2026, 1, 5), ref)
        >>> len(s.leads)
        50
    """
    n = n_leads
    # --- fields ------------------------------------------------------------------------
    who = rng.choice(len(agency.submitter_ids), n, p=agency.submitter_weights)
    submitters = agency.submitter_ids[who]
    branches = agency.submitter_branches[who]
    n_days = (reference_date - start).days - 3
    workdays = rng.integers(0, n_days * 5 // 7, n)
    day = np.datetime64(start) + (workdays // 5) * 7 + workdays % 5
    created = day.astype("datetime64[s]") + (rng.integers(8 * 60, 18 * 60, n) * 60).astype(
        "timedelta64[s]"
    )
    order = np.lexsort((who, created))  # lead ids follow creation time
    created, submitters, branches = created[order], submitters[order], branches[order]

    units = _codes(lookups, "business_unit")
    unit = rng.choice(len(units), n, p=_unit_weights(len(units)))
    titles = [TITLES_BY_UNIT_POSITION[i % len(TITLES_BY_UNIT_POSITION)] for i in range(len(units))]
    title = np.array([t for ts in titles for t in ts], dtype=object)[
        unit * 5 + rng.integers(0, 5, n)
    ]
    clients, contacts = _clients(rng)
    zipf = 1.0 / np.arange(1, len(clients) + 1) ** 0.8
    client = rng.permutation(len(clients))[rng.choice(len(clients), n, p=zipf / zipf.sum())]
    contact = client * 3 + rng.integers(0, 3, n)
    permanent = rng.random(n) < 0.05
    extension = ~permanent & (rng.random(n) < 0.08)
    categories = _codes(lookups, "category")
    category = categories[rng.integers(0, len(categories), n)]
    if "uitbreiding" in set(categories):
        category = np.where(extension, "uitbreiding", category)
    sources, priorities = _codes(lookups, "source"), _codes(lookups, "priority")
    hours_per_week = rng.choice(np.array([16, 24, 32, 36, 40]), n)
    client_names = clients.client_name.to_numpy()[client]
    lead_ids = ids("L-", np.arange(1, n + 1), 7)

    # --- lifecycle ----------------------------------------------------------------------
    events = _walk(rng, pipe, lookups, created, submitters, branches, agency, reference_date)
    ev_lead = events["lead"]
    drafts_only = np.setdiff1d(np.arange(n), ev_lead)
    incomplete = drafts_only[rng.random(len(drafts_only)) < 0.3]  # a draft may be incomplete
    title = title.copy()
    title[incomplete] = None
    description = (
        title.astype(str) + " voor " + client_names + ", "
        + hours_per_week.astype(str) + " uur per week"
    )
    description[incomplete] = None

    leads = pd.DataFrame(
        {
            "lead_id": lead_ids,
            "created_at": created,
            "submitter_id": submitters,
            "branch_id": branches,
            "business_unit": units[unit],
            "client_name": client_names,
            "contact_name": contacts.contact_name.to_numpy()[contact],
            "contact_email": contacts.contact_email.to_numpy()[contact],
            "title": title,
            "description": description,
            "is_permanent_role": permanent,
            "is_hours_extension": extension,
            "source": sources[rng.integers(0, len(sources), n)],
            "priority": priorities[rng.choice(len(priorities), n, p=_priority_weights(len(priorities)))],
            "category": category,
        }
    )
    ev = pd.DataFrame(
        {
            "lead_id": lead_ids[ev_lead],
            "at": events["at"],
            "phase": events["phase"],
            "actor_id": events["actor"],
            "reason": events["reason"],
            "assignment_id": events["assignment"],
        }
    )
    won = ev.assignment_id.notna().to_numpy()
    assignments = _assignments(
        rng, ev[won], ev_lead[won], contact, contacts, extension, permanent
    )
    return LeadSet(leads=leads, events=ev, assignments=assignments)


def _unit_weights(k: int) -> np.ndarray:
    w = np.array([0.30, 0.30, 0.15, 0.25][:k] + [0.2] * max(0, k - 4))
    return w / w.sum()


def _priority_weights(k: int) -> np.ndarray:
    w = np.array([0.25, 0.55, 0.20][:k] + [0.1] * max(0, k - 3))
    return w / w.sum()


def _walk(rng, pipe, lookups, created, submitters, branches, agency, reference_date):
    """The random walk over the pipeline: arrays of events (lead index, at, phase, actor,
    reason, assignment id), sorted by assignment order for won moves."""
    n = len(created)
    codes = [p.code for p in pipe.phases]
    phase = np.full(n, codes.index(pipe.default_phase.code))
    at = created.copy()
    alive = np.ones(n, bool)
    horizon = np.datetime64(reference_date).astype("datetime64[s]")
    reasons = _codes(lookups, "rejection_reason")
    out: dict[str, list[np.ndarray]] = {k: [] for k in ("lead", "at", "phase", "actor", "reason")}
    won_flag: list[np.ndarray] = []
    for _step in range(len(codes)):
        moved_any = False
        new_phase, new_at, new_alive = phase.copy(), at.copy(), alive.copy()
        for pi, code in enumerate(codes):
            if pipe.phase(code).is_end:
                continue
            idx = np.flatnonzero(alive & (phase == pi))
            if not len(idx):
                continue
            targets, p = _move_weights(pipe, code)
            choice = rng.choice(len(targets), len(idx), p=p)
            new_alive[idx[choice == 0]] = False
            for ti, target in enumerate(targets[1:], start=1):
                sel = idx[choice == ti]
                if not len(sel):
                    continue
                when = _business_times(rng, at[sel], _durations(rng, pipe, code, target, len(sel)))
                late = when >= horizon
                new_alive[sel[late]] = False
                sel, when = sel[~late], when[~late]
                if not len(sel):
                    continue
                moved_any = True
                tp = pipe.phase(target)
                new_phase[sel], new_at[sel] = codes.index(target), when
                if tp.is_end:
                    new_alive[sel] = False
                out["lead"].append(sel)
                out["at"].append(when)
                out["phase"].append(np.full(len(sel), target, dtype=object))
                out["actor"].append(
                    _actors(rng, pipe, target, sel, when, submitters, branches, agency,
                            agency.delegations)
                )
                out["reason"].append(
                    reasons[rng.integers(0, len(reasons), len(sel))] if tp.requires_reason
                    else np.full(len(sel), None, dtype=object)
                )
                won_flag.append(np.full(len(sel), tp.requires_assignment_id))
        phase, at, alive = new_phase, new_at, new_alive
        if not moved_any:
            break
    if not out["lead"]:
        empty = np.array([], dtype=object)
        return {"lead": np.array([], int), "at": np.array([], "datetime64[s]"), "phase": empty,
                "actor": empty, "reason": empty, "assignment": empty}
    ev = {k: np.concatenate(v) for k, v in out.items()}
    won = np.concatenate(won_flag)
    order = np.lexsort((ev["lead"], ev["at"]))  # events by time, assignment ids in won order
    ev = {k: v[order] for k, v in ev.items()}
    won = won[order]
    assignment = np.full(len(won), None, dtype=object)
    assignment[won] = ids("OPD-", np.arange(1, int(won.sum()) + 1), 7)
    ev["assignment"] = assignment
    final = np.lexsort((ev["at"], ev["lead"]))  # file order: by lead, then time
    return {k: v[final] for k, v in ev.items()}


def _assignments(rng, won_events, lead_idx, contact, contacts, extension, permanent):
    """Start and end dates and the timesheet contact of every assignment."""
    n = len(won_events)
    won_day = won_events["at"].to_numpy().astype("datetime64[D]")
    start = won_day + rng.integers(3, 22, n) * DAY
    weeks = rng.choice(np.array([6, 9, 13, 26, 39]), n)
    end = start + (weeks * 7 - 1) * DAY
    open_ended = rng.random(n) < 0.2
    # The timesheet contact: mostly the lead's contact, else a colleague at the same client.
    own = contact[lead_idx]
    other = (own // 3) * 3 + (own % 3 + rng.integers(1, 3, n)) % 3
    tc = np.where(rng.random(n) < 0.75, own, other)
    frame = pd.DataFrame(
        {
            "assignment_id": won_events["assignment_id"].to_numpy(),
            "start_date": start,
            "end_date": pd.Series(end).where(~open_ended),
            "contact_name": contacts.contact_name.to_numpy()[tc],
            "contact_email": contacts.contact_email.to_numpy()[tc],
            "contact_language": np.where(rng.random(n) < 0.1, "en", "nl"),
        }
    )
    frame["hours_extension"] = extension[lead_idx]
    frame["permanent_role"] = permanent[lead_idx]
    return frame.sort_values("assignment_id", ignore_index=True)
