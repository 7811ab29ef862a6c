"""Who may act where and when: roles per branch and day, delegation, "the regional director".

The rules live in SQL (views ``role_grants``, ``branch_roles_on``, ``lead_regional_directors``);
this module only asks them. It holds no phase and no lifecycle rule.
"""

from __future__ import annotations

import datetime as dt

from leadanalytics.clock import as_of_day
from leadanalytics.db.warehouse import Output, Warehouse
from leadanalytics.exceptions import NotFound

#: Roles a person may hold (domain.md, "Organisation").
ROLES = ("employee", "regional_director", "finance", "analyst", "admin")


def roles_in_branch(
    w: Warehouse, person_id: str, branch_id: str, on: dt.date | dt.datetime | str | None = None
) -> frozenset[str]:
    """The roles ``person_id`` holds in ``branch_id`` on day ``on`` (default today).

    Own roles count in the person's branch; a regional director's also in every branch below
    it; finance, analyst and admin in every branch. A delegation (start and end day inclusive)
    hands the delegator's roles, for the delegator's branches, to the delegate.

    Examples:
        >>> roles_in_branch(w, "P-RD", "AMS", "2026-03-01")  # doctest: +SKIP
        frozenset({'regional_director'})
    """
    rows = w.rows(
        "queries/access/roles_in_branch", person_id=person_id, branch_id=branch_id, on=as_of_day(on)
    )
    return frozenset(r[0] for r in rows)


def role_grants(w: Warehouse, person_id: str | None = None, output: Output = "pandas"):
    """Every role grant (own and delegated) with its scope and window, as a DataFrame.

    Examples:
        >>> role_grants(w, "P-RD")  # doctest: +SKIP
    """
    if person_id is None:
        return w.sql("SELECT * FROM role_grants ORDER BY person_id, role, branch_id", output=output)
    return w.sql(
        "SELECT * FROM role_grants WHERE person_id = $p ORDER BY role, branch_id",
        output=output, p=person_id,
    )


def branch_roles_on(w: Warehouse, on: dt.date | dt.datetime | str | None = None, output: Output = "pandas"):
    """Every (person_id, branch_id, role, delegator_id) that holds on day ``on``.

    Examples:
        >>> branch_roles_on(w, "2026-03-01")  # doctest: +SKIP
    """
    return w.sql(
        "SELECT * FROM branch_roles_on(CAST($on AS DATE)) ORDER BY person_id, branch_id, role",
        output=output, on=as_of_day(on),
    )


def regional_directors_of_branch(w: Warehouse, branch_id: str) -> list[str]:
    """The regional directors of the nearest branch, at or above ``branch_id``, that has one.

    Examples:
        >>> regional_directors_of_branch(w, "AMS-ZUID")  # doctest: +SKIP
        ['P-RD-NH']
    """
    return [r[0] for r in w.rows("queries/access/regional_directors_of_branch", branch_id=branch_id)]


def regional_directors_of_lead(w: Warehouse, lead_id: str) -> list[str]:
    """"The regional director" of a lead: those of the nearest branch at or above its branch.

    Raises:
        NotFound: no lead with that id.

    Examples:
        >>> regional_directors_of_lead(w, "L-1")  # doctest: +SKIP
        ['P-RD-NH']
    """
    found = w.rows("queries/leads/lead_exists", lead_id=lead_id)
    if not found:
        raise NotFound("lead", lead_id)
    return [r[0] for r in w.rows("queries/access/regional_directors_of_lead", lead_id=lead_id)]
