"""Lead history from the event log: current phase, phase as of any moment, phase durations, paths.

History is never rewritten: everything here is read from ``phase_events`` (view
``lead_phase_history``). "As of" a date means the end of that day in Europe/Amsterdam; a datetime
is that moment (without an offset: Europe/Amsterdam). No rule and no phase name lives here.
Frames have the analyst's types (``db/frames.py``): times in Europe/Amsterdam, days as floats.
"""

from __future__ import annotations

from collections.abc import Iterable

from leadanalytics.clock import AsOf, as_of_moment
from leadanalytics.db.warehouse import Output, Warehouse
from leadanalytics.exceptions import NotFound


def _ids(lead_ids: Iterable[str] | str | None) -> list[str] | None:
    if lead_ids is None:
        return None
    return [lead_ids] if isinstance(lead_ids, str) else list(lead_ids)


def current_phases(w: Warehouse, lead_ids: Iterable[str] | None = None, output: Output = "pandas"):
    """Every lead's current phase and phase group (``lead_id, phase, phase_group, phase_since,
    outcome, is_end``).

    Examples:
        >>> current_phases(w, ["L-1"])  # doctest: +SKIP
    """
    return w.query("queries/leads/current_phases", output=output, lead_ids=_ids(lead_ids))


def current_phase(w: Warehouse, lead_id: str) -> tuple[str, str]:
    """The current (phase, phase group) of one lead.

    Examples:
        >>> current_phase(w, "L-1")  # doctest: +SKIP
        ('ingediend', 'actueel')
    """
    rows = w.rows("queries/leads/current_phases", lead_ids=[lead_id])
    if not rows:
        raise NotFound("lead", lead_id)
    return rows[0][1], rows[0][2]


def phases_as_of(
    w: Warehouse, as_of: AsOf = None, lead_ids: Iterable[str] | None = None,
    output: Output = "pandas",
):
    """Every lead's phase and phase group at a moment (a date: its end in Europe/Amsterdam).

    Leads created later have no row.

    Examples:
        >>> phases_as_of(w, "2026-03-01")  # doctest: +SKIP
    """
    return w.query(
        "queries/leads/phases_as_of", output=output, at=as_of_moment(as_of), lead_ids=_ids(lead_ids)
    )


def phase_as_of(w: Warehouse, lead_id: str, as_of: AsOf = None) -> str | None:
    """The phase one lead was in at a moment (None before it was created).

    Examples:
        >>> phase_as_of(w, "L-1", "2026-03-01")  # doctest: +SKIP
        'concept'
    """
    rows = w.rows("queries/leads/phases_as_of", at=as_of_moment(as_of), lead_ids=[lead_id])
    return rows[0][1] if rows else None


def phase_durations(
    w: Warehouse, as_of: AsOf = None, lead_ids: Iterable[str] | None = None,
    output: Output = "pandas", exact: bool = False,
):
    """Days each lead spent in each phase that is not an end phase, up to ``as_of``: one row
    per lead and phase (the metric ``la.metrics.time_in_phase`` summarises phases instead).

    Columns ``lead_id, phase, phase_group, visits, days, is_current``; ``days`` is a float
    (``exact=True``: a ``Decimal`` with 3 places); the phase a lead is in at ``as_of`` counts
    until then.

    Examples:
        >>> phase_durations(w, "2026-03-31").groupby("phase")["days"].describe()  # doctest: +SKIP
    """
    return w.query(
        "queries/leads/phase_durations", output=output, exact=exact, at=as_of_moment(as_of),
        lead_ids=_ids(lead_ids),
    )


def lead_paths(
    w: Warehouse, as_of: AsOf = None, lead_ids: Iterable[str] | None = None,
    output: Output = "pandas",
):
    """The path each lead took up to ``as_of`` (``path`` list, ``path_text``, ``moves``, ``phase``).

    Examples:
        >>> lead_paths(w)["path_text"][0]  # doctest: +SKIP
        'concept > ingediend > actief_als_lead'
    """
    return w.query(
        "queries/leads/lead_paths", output=output, at=as_of_moment(as_of), lead_ids=_ids(lead_ids)
    )


def phase_history(w: Warehouse, lead_id: str, output: Output = "pandas"):
    """Every phase visit of one lead: entered, left, by whom, with which verb and reason.

    Examples:
        >>> phase_history(w, "L-1")  # doctest: +SKIP
    """
    return w.query("queries/leads/phase_history", output=output, lead_id=lead_id)
