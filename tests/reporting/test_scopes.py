"""Scopes (domain.md "Scopes"): parsing, the branch tree at any depth, and who may have which."""

from __future__ import annotations

import datetime as dt

import pytest

import leadanalytics as la
from leadanalytics.access.scopes import Scope, resolve_scope, scope_in_words
from leadanalytics.exceptions import NotFound, ScopeViolation, UsageError
from tests.helpers import add_delegation

AS_OF = "2026-03-31"


@pytest.mark.parametrize("text, kind, key", [
    ("all", "all", None), (None, "all", None), ("branch:B1", "branch", "B1"),
    ("person:E1", "person", "E1"), (" branch: B2 ", "branch", "B2"),
])
def test_parse(text, kind, key):
    assert Scope.parse(text) == Scope(kind, key)


@pytest.mark.parametrize("text", ["everything", "branch:", "region:NORTH", "person", "mine", ""])
def test_unknown_scope_is_refused(text):
    with pytest.raises(ScopeViolation) as err:
        Scope.parse(text)
    assert err.value.scope == text
    # a usage error naming the forms a scope takes (reports.md "Frames an analyst can use")
    assert isinstance(err.value, UsageError)
    assert (err.value.parameter, err.value.value) == ("scope", text)
    assert str(err.value).endswith(
        "use one of: all, branch:ID (that branch and below), person:ID")


def _ids(frame):
    return sorted(frame["lead_id"])


@pytest.mark.parametrize("scope, expected", [
    ("all", ["L1", "L2", "L3", "L4", "L5", "L6"]),
    ("branch:NORTH", ["L1", "L2", "L4", "L5", "L6"]),   # B1, B2 and B2A (two levels down)
    ("branch:B2", ["L2", "L5"]),                        # B2A below B2
    ("branch:B2A", ["L2", "L5"]),
    ("branch:B1", ["L1", "L4", "L6"]),
    ("branch:SOUTH", ["L3"]),
    ("person:E1", ["L1", "L4", "L6"]),
    ("person:E2", ["L2", "L5"]),
    ("person:RD1", []),
])
def test_scope_rows(funnel_warehouse, scope, expected):
    assert _ids(la.metrics.leads(funnel_warehouse, AS_OF, scope)) == expected


@pytest.mark.parametrize("scope, lang, words", [
    ("all", "nl", "Hele organisatie"), ("all", "en", "Whole organisation"),
    ("branch:NORTH", "nl", "Noord"), ("branch:B2A", "en", "Kampen"),
    ("person:E1", "nl", "Anna Jansen"), (Scope("person", "RD2"), "en", "Eva Zuid"),
    ("branch:NOPE", "nl", "NOPE"),                       # no name: its id
])
def test_scope_in_words(funnel_warehouse, scope, lang, words):
    assert scope_in_words(funnel_warehouse, scope, lang) == words


def test_scope_in_words_refuses_another_language(funnel_warehouse):
    with pytest.raises(UsageError, match="lang='de' is not allowed; use one of: nl, en"):
        scope_in_words(funnel_warehouse, "all", "de")


def test_one_scope_name_for_header_chart_and_page(funnel_warehouse):
    from leadanalytics.reporting import charts, headlines

    assert headlines.scope_text(funnel_warehouse, "branch:B1", "nl") == "Groningen"
    assert charts.scope_in_words(funnel_warehouse, "branch:B1", "en") == "Groningen"


def test_scope_naming_an_unknown_branch_or_person_is_refused(funnel_warehouse):
    for scope in ("branch:NOPE", "person:NOPE"):
        with pytest.raises(ScopeViolation, match="no (branch|person) with id 'NOPE'"):
            la.metrics.funnel(funnel_warehouse, AS_OF, scope)


@pytest.mark.parametrize("person, scope", [
    ("E1", "person:E1"),
    ("RD1", "branch:NORTH"), ("RD1", "branch:B2A"), ("RD1", "person:E2"), ("RD1", "person:RD1"),
    ("RD3", "branch:B2"), ("RD3", "branch:B2A"), ("RD3", "person:E2"),
    ("RD2", "all"), ("RD2", "branch:NORTH"),            # regional_director|finance
    ("F1", "all"), ("F1", "person:E3"), ("A1", "all"), ("A1", "branch:SOUTH"),
])
def test_allowed_scopes(funnel_warehouse, person, scope):
    assert str(resolve_scope(funnel_warehouse, scope, as_person=person)) == scope


@pytest.mark.parametrize("person, scope", [
    ("E1", "person:E2"), ("E1", "branch:B1"), ("E1", "all"),
    ("RD1", "all"), ("RD1", "branch:SOUTH"), ("RD1", "person:E3"),
    ("RD3", "branch:NORTH"), ("RD3", "branch:B1"), ("RD3", "person:E1"),
])
def test_refused_scopes_are_errors_not_empty_results(funnel_warehouse, person, scope):
    with pytest.raises(ScopeViolation) as err:
        resolve_scope(funnel_warehouse, scope, as_person=person)
    assert person in str(err.value) and err.value.scope == scope
    with pytest.raises(ScopeViolation):
        la.metrics.funnel(funnel_warehouse, AS_OF, scope, as_person=person)


def test_unknown_person_is_not_found(funnel_warehouse):
    with pytest.raises(NotFound):
        resolve_scope(funnel_warehouse, "all", as_person="NOBODY")


def test_delegation_window_is_inclusive(org_warehouse):
    add_delegation(org_warehouse, "RD1", "E3", "regional_director", "2026-03-01", "2026-03-10")
    def ok(day):
        try:
            resolve_scope(org_warehouse, "branch:B1", as_person="E3", day=day)
            return True
        except ScopeViolation:
            return False
    assert not ok(dt.date(2026, 2, 28))
    assert ok(dt.date(2026, 3, 1)) and ok(dt.date(2026, 3, 10))
    assert not ok(dt.date(2026, 3, 11))


def test_partial_delegation_hands_over_only_that_role(org_warehouse):
    # RD2 is regional_director|finance; handing over only regional_director gives no `all`.
    add_delegation(org_warehouse, "RD2", "E1", "regional_director", "2026-03-01", "2026-03-31")
    day = dt.date(2026, 3, 15)
    assert resolve_scope(org_warehouse, "branch:B3", as_person="E1", day=day).id == "B3"
    with pytest.raises(ScopeViolation):
        resolve_scope(org_warehouse, "all", as_person="E1", day=day)
