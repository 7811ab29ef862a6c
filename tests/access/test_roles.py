"""Roles per branch and day: own roles, the branch tree, delegation windows, the lead's director.

Expected values are read off tests/cases/lifecycle/*.csv by hand.
"""

from __future__ import annotations

import datetime as dt

import pytest

from leadanalytics.access.roles import (
    regional_directors_of_branch,
    regional_directors_of_lead,
    roles_in_branch,
)
from leadanalytics.exceptions import NotFound

D = dt.date(2026, 1, 15)


@pytest.mark.parametrize(
    "person, branch, expected",
    [
        ("E-ANNA", "AMS", {"employee"}),
        ("E-ANNA", "AMS-Z", set()),          # own role: own branch only
        ("E-ANNA", "NH", set()),
        ("RD-NH", "NH", {"regional_director"}),
        ("RD-NH", "AMS", {"regional_director"}),
        ("RD-NH", "AMS-Z", {"regional_director"}),  # two levels below
        ("RD-NH", "HRL", {"regional_director"}),
        ("RD-NH", "NL", set()),              # not above their branch
        ("RD-NH", "RTD", set()),             # not in another region
        ("RD-AMS", "HRL", set()),            # not in a sibling branch
        ("FIN", "RTD", {"finance"}),         # finance everywhere
        ("AN", "AMS-Z", {"analyst"}),
        ("ADM", "HRL", {"admin"}),
        ("MULTI", "RTD", {"regional_director", "finance"}),  # several roles with '|'
        ("MULTI", "AMS", {"finance"}),
        ("NOBODY", "AMS", set()),
    ],
)
def test_roles_in_branch_follow_the_tree(org_shared, person, branch, expected):
    assert roles_in_branch(org_shared, person, branch, D) == expected


@pytest.mark.parametrize(
    "day, expected",
    [
        ("2026-03-01", {"employee"}),                       # day before the window
        ("2026-03-02", {"employee", "regional_director"}),  # first day
        ("2026-03-04", {"employee", "regional_director"}),
        ("2026-03-06", {"employee", "regional_director"}),  # last day, inclusive
        ("2026-03-07", {"employee"}),                       # day after
    ],
)
def test_delegation_window_edges(org_shared, day, expected):
    assert roles_in_branch(org_shared, "E-ANNA", "AMS", day) == expected


def test_delegate_acts_for_the_delegators_branches_only(org_shared):
    assert roles_in_branch(org_shared, "E-ANNA", "HRL", "2026-03-03") == {"regional_director"}
    assert roles_in_branch(org_shared, "E-ANNA", "RTD", "2026-03-03") == set()


def test_partial_delegation_hands_only_the_named_role(org_shared):
    # MULTI is regional_director|finance in ZH and hands only finance to E-CAROL in March.
    assert roles_in_branch(org_shared, "E-CAROL", "RTD", "2026-03-15") == {"employee", "finance"}
    assert roles_in_branch(org_shared, "E-CAROL", "AMS", "2026-03-15") == {"finance"}
    assert roles_in_branch(org_shared, "E-CAROL", "RTD", "2026-04-01") == {"employee"}


def test_empty_role_delegates_every_role(org_shared):
    assert roles_in_branch(org_shared, "E-BRAM", "RTD", "2026-04-02") == {"regional_director"}
    assert roles_in_branch(org_shared, "E-BRAM", "RTD", "2026-04-03") == set()


def test_datetime_is_read_as_its_day_in_amsterdam(org_shared):
    # 2026-03-01 23:30 UTC is 2026-03-02 00:30 in Amsterdam: the first day of the window.
    at = dt.datetime(2026, 3, 1, 23, 30, tzinfo=dt.UTC)
    assert "regional_director" in roles_in_branch(org_shared, "E-ANNA", "AMS", at)


@pytest.mark.parametrize(
    "branch, expected",
    [
        ("AMS-Z", ["RD-AMS"]),         # nearest above; the inactive RD-OLD does not count
        ("AMS", ["RD-AMS"]),
        ("HRL", ["RD-NH"]),            # Haarlem has none: its region's
        ("RTD", ["MULTI", "RD-ZH"]),   # two directors in ZH
        ("NL", []),
    ],
)
def test_regional_directors_of_branch(org_shared, branch, expected):
    assert regional_directors_of_branch(org_shared, branch) == expected


def test_regional_director_of_a_lead(org):
    with org.transaction() as tx:
        tx.sql(
            "INSERT INTO store.leads (lead_id, pipeline, created_at, submitter_id, branch_id) "
            "VALUES ('L-1', 'public_support', TIMESTAMPTZ '2026-01-05 10:00', 'E-BRAM', 'AMS-Z'),"
            " ('L-2', 'public_support', TIMESTAMPTZ '2026-01-05 10:00', 'E-CAROL', 'HRL')"
        )
    assert regional_directors_of_lead(org, "L-1") == ["RD-AMS"]
    assert regional_directors_of_lead(org, "L-2") == ["RD-NH"]
    rows = org.sql("select lead_id, person_id from lead_regional_directors order by all")
    assert rows.values.tolist() == [["L-1", "RD-AMS"], ["L-2", "RD-NH"]]
    with pytest.raises(NotFound):
        regional_directors_of_lead(org, "L-404")
