"""The organisation of the synthetic agency: branches (a tree), people and delegations.

Holds no leads or timesheets; those are drawn in ``leads.py`` and ``timesheets.py`` from the
:class:`Agency` built here. Everything is drawn from a seeded generator, so the same seed gives
the same agency.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd

from leadanalytics.demo.names import FIRST_NAMES, REGIONS, SUB_BRANCHES, SURNAMES

EMAIL_DOMAIN = "publicsupport.nl"
ROOT_ID = "HQ"
DIRECTOR = "regional_director"


@dataclass(frozen=True)
class Agency:
    """The organisation: the three reference files plus what the lead generator needs.

    Attributes:
        branches: ``branch_id, name, parent_id`` (regions under the root, branches below).
        people: ``person_id, name, email, role, branch_id, active``.
        delegations: ``delegator_id, delegate_id, role, start_date, end_date``.
        submitter_ids: active employees who bring in leads.
        submitter_branches: the branch of each submitter.
        submitter_weights: how many leads each submitter brings in, relative (sums to 1).
        role_holders: role -> branch_id -> the person with that role in the nearest branch at
            or above it.
    """

    branches: pd.DataFrame
    people: pd.DataFrame
    delegations: pd.DataFrame
    submitter_ids: np.ndarray
    submitter_branches: np.ndarray
    submitter_weights: np.ndarray
    role_holders: dict[str, dict[str, str]]

    def parent_of(self) -> dict[str, str | None]:
        """Branch id -> parent id."""
        return dict(zip(self.branches.branch_id, self.branches.parent_id, strict=True))


def _branches(n_employees: int) -> pd.DataFrame:
    rows: list[tuple[str, str, str | None]] = [(ROOT_ID, "Public Support Nederland", None)]
    number = 0
    leaf_count = sum(len(c) for _, _, c in REGIONS)
    copies = max(1, -(-n_employees // (leaf_count * 60)))  # more branches at large scale
    for code, name, cities in REGIONS:
        region_id = f"R-{code}"
        rows.append((region_id, name, ROOT_ID))
        for copy in range(1, copies + 1):
            for city in cities:
                number += 1
                branch_id = f"B-{number:03d}"
                label = city if copy == 1 else f"{city} {copy}"
                rows.append((branch_id, label, region_id))
                for k, sub in enumerate(SUB_BRANCHES.get(city, ()) if copy == 1 else (), start=1):
                    rows.append((f"{branch_id}-{k}", sub, branch_id))
    return pd.DataFrame(rows, columns=["branch_id", "name", "parent_id"])


def draw_names(rng: np.random.Generator, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Full names and ASCII e-mail stems for ``n`` people."""
    first = rng.integers(0, len(FIRST_NAMES), n)
    last = rng.integers(0, len(SURNAMES), n)
    first_names = np.array([f for f, _ in FIRST_NAMES], dtype=object)[first]
    first_ascii = np.array([a for _, a in FIRST_NAMES], dtype=object)[first]
    surnames = np.array([s for s, _ in SURNAMES], dtype=object)[last]
    surname_ascii = np.array([a for _, a in SURNAMES], dtype=object)[last]
    names = first_names + " " + surnames
    stems = first_ascii + "." + surname_ascii
    return names, stems


def _unique_emails(stems: np.ndarray) -> np.ndarray:
    """``first.last@domain``, with a number from the second person of the same name on."""
    seen = pd.Series(stems).groupby(stems).cumcount().to_numpy()
    suffix = np.where(seen == 0, "", (seen + 1).astype(str)).astype(object)
    return stems + suffix + "@" + EMAIL_DOMAIN


def build_agency(
    rng: np.random.Generator, n_employees: int, reference_date: dt.date
) -> Agency:
    """Draw the organisation for about ``n_employees`` employees.

    Args:
        rng: the seeded generator.
        n_employees: employees who bring in leads (a few more are inactive).
        reference_date: the demo's "today"; delegation windows lie before it.

    Examples:
        >>> import numpy as np, datetime as dt
        >>> a = build_agency(np.random.default_rng(1), 30, dt.date(2026, 11, 23))
        >>> sorted(set(a.branches.parent_id.dropna()))[:2]
        ['B-012', 'HQ']
    """
    branches = _branches(n_employees)
    parents = dict(zip(branches.branch_id, branches.parent_id, strict=True))
    regions = branches.loc[branches.parent_id == ROOT_ID, "branch_id"].to_numpy()
    with_children = set(branches.parent_id.dropna())
    leaves = branches.loc[~branches.branch_id.isin(with_children), "branch_id"].to_numpy()

    # Staff: root-level roles, one director per region and one for each branch with
    # sub-branches (so the nearest director is sometimes below the region).
    staff: list[tuple[str, str]] = [
        ("admin|analyst", ROOT_ID), ("analyst", ROOT_ID), ("finance", ROOT_ID),
        ("finance|analyst", ROOT_ID),
    ]
    for i, region in enumerate(regions):
        staff.append((f"{DIRECTOR}|finance" if i == len(regions) - 1 else DIRECTOR, region))
    for branch in sorted(with_children - {ROOT_ID, *regions}):
        staff.append((DIRECTOR, branch))

    n_inactive = max(1, n_employees // 20)
    n_people = len(staff) + n_employees + n_inactive
    names, stems = draw_names(rng, n_people)
    roles = [r for r, _ in staff] + ["employee"] * (n_employees + n_inactive)
    emp_branches = leaves[rng.integers(0, len(leaves), n_employees + n_inactive)]
    people = pd.DataFrame(
        {
            "person_id": [f"P-{i:06d}" for i in range(1, n_people + 1)],
            "name": names,
            "email": _unique_emails(stems),
            "role": roles,
            "branch_id": np.concatenate([[b for _, b in staff], emp_branches]),
            "active": np.r_[np.ones(len(staff) + n_employees, bool), np.zeros(n_inactive, bool)],
        }
    )
    # A senior employee per region who stands in for the director on holiday.
    employees = people.iloc[len(staff): len(staff) + n_employees]

    role_holders: dict[str, dict[str, str]] = {}
    for role in ("regional_director", "finance", "admin", "analyst"):
        holders = {}
        has = people.role.str.contains(rf"(?:^|\|){role}(?:\||$)")
        by_branch = dict(zip(people.branch_id[has], people.person_id[has], strict=True))
        for branch in branches.branch_id:
            node = branch
            while node is not None and node not in by_branch:
                node = parents[node]
            if node is not None:
                holders[branch] = by_branch[node]
        role_holders[role] = holders

    delegations = _delegations(people, employees, regions, parents, role_holders, reference_date)
    weights = rng.gamma(2.0, 1.0, n_employees)
    return Agency(
        branches=branches,
        people=people,
        delegations=delegations,
        submitter_ids=employees.person_id.to_numpy(),
        submitter_branches=employees.branch_id.to_numpy(),
        submitter_weights=weights / weights.sum(),
        role_holders=role_holders,
    )


def _region_of(branch: str, parents: dict[str, str | None]) -> str:
    while parents[branch] != ROOT_ID:
        branch = parents[branch]
    return branch


def _delegations(people, employees, regions, parents, role_holders, reference_date):
    """A director's summer holiday, a director covering a neighbour, a finance week off."""
    monday = reference_date - dt.timedelta(days=reference_date.weekday())
    directors = role_holders[DIRECTOR]
    rows = []
    # Holiday: the first region's director hands the role to a senior employee of the region.
    region = regions[-2] if len(regions) > 1 else regions[0]
    emp_regions = employees.branch_id.map(lambda b: _region_of(b, parents))
    senior = employees.person_id[emp_regions == region]
    if len(senior):
        start = monday - dt.timedelta(weeks=18)
        rows.append((directors[region], senior.iloc[0], DIRECTOR, start,
                     start + dt.timedelta(days=18)))
    # A week's cover by a neighbouring region's director.
    if len(regions) > 1:
        start = monday - dt.timedelta(weeks=30)
        rows.append((directors[regions[0]], directors[regions[1]], DIRECTOR, start,
                     start + dt.timedelta(days=6)))
    # Finance: all roles, one week.
    fin = people.person_id[people.role.str.contains("finance") & (people.branch_id == ROOT_ID)]
    if len(fin) > 1:
        start = monday - dt.timedelta(weeks=10)
        rows.append((fin.iloc[0], fin.iloc[1], None, start, start + dt.timedelta(days=4)))
    frame = pd.DataFrame(
        rows, columns=["delegator_id", "delegate_id", "role", "start_date", "end_date"]
    )
    return frame
