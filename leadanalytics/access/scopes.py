"""Scopes: which leads a query may see (domain.md "Scopes"), parsed and checked in one place.

A scope is ``all``, ``branch:ID`` (that branch and every branch below it) or ``person:ID``
(leads that person submitted). The row filter itself lives in SQL (the table macro
``scoped_leads``); this module turns the text into bound parameters and checks, when a person is
named (``as_person=``), that the person may have the scope. It holds no metric.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from leadanalytics import clock
from leadanalytics.config.languages import check_lang
from leadanalytics.db.warehouse import Warehouse
from leadanalytics.exceptions import NotFound, ScopeViolation, UsageError

ScopeKind = Literal["all", "branch", "person"]
SEE_EVERYTHING = ("finance", "analyst", "admin")
SEE_BRANCHES = ("regional_director",)
#: The forms a scope's text takes.
SCOPE_FORMS = ("all", "branch:ID (that branch and below)", "person:ID")
#: Scope ``all`` in words, per language.
WHOLE_ORGANISATION = {"nl": "Hele organisatie", "en": "Whole organisation"}


class UnknownScope(UsageError, ScopeViolation):
    """A scope text in none of the forms ``all``, ``branch:ID``, ``person:ID``: a usage error
    naming them (and a ScopeViolation, as every refused scope).

    Examples:
        >>> str(UnknownScope("everyone"))
        "scope='everyone' is not allowed; use one of: all, branch:ID (that branch and below), person:ID"
    """

    def __init__(self, text: object) -> None:
        # both parents' attributes; the message is UsageError's (their __init__s differ)
        self.parameter, self.value, self.allowed = "scope", text, SCOPE_FORMS
        self.scope, self.fault = str(text), "unknown scope"
        Exception.__init__(
            self, f"scope={text!r} is not allowed; use one of: {', '.join(SCOPE_FORMS)}"
        )


@dataclass(frozen=True)
class Scope:
    """A parsed scope: ``kind`` and, for ``branch`` and ``person``, the id it names.

    Examples:
        >>> Scope.parse("branch:NORD")
        Scope(kind='branch', id='NORD')
        >>> str(Scope.parse("all"))
        'all'
    """

    kind: ScopeKind
    id: str | None = None

    @classmethod
    def parse(cls, text: str | Scope | None) -> Scope:
        """Parse ``all``, ``branch:ID`` or ``person:ID``; anything else raises
        :class:`UnknownScope` (a usage error and a ScopeViolation).

        Examples:
            >>> Scope.parse("person:P-7").id
            'P-7'
        """
        if isinstance(text, Scope):
            return text
        if not isinstance(text, str | None):
            raise UnknownScope(text)
        if text is None or text.strip() == "all":
            return cls("all")
        kind, sep, key = text.strip().partition(":")
        if not sep or kind not in ("branch", "person") or not key.strip():
            raise UnknownScope(text)
        return cls(kind, key.strip())  # type: ignore[arg-type]

    def __str__(self) -> str:
        return "all" if self.kind == "all" else f"{self.kind}:{self.id}"

    def params(self) -> dict[str, str]:
        """The bound parameters every scoped SQL file takes (``$scope_kind``, ``$scope_id``)."""
        return {"scope_kind": self.kind, "scope_id": self.id or ""}


def scope_in_words(warehouse: Warehouse, scope: str | Scope | None, lang: str = "nl") -> str:
    """A scope as a reader names it: "Hele organisatie" / "Whole organisation" for ``all``, else
    the branch's or the person's name (its id when it has none). One query for every report's
    header, chart titles, page title and index.

    Raises:
        UsageError: ``lang`` is not "nl" or "en".
        UnknownScope: the scope's text is in none of the forms.

    Examples:
        >>> scope_in_words(w, "all", "en"), scope_in_words(w, "branch:B1")  # doctest: +SKIP
        ('Whole organisation', 'Groningen')
    """
    check_lang(lang)
    parsed = Scope.parse(scope)
    if parsed.kind == "all":
        return WHOLE_ORGANISATION[lang]
    name = warehouse.rows("queries/access/scope_name", **parsed.params())[0][0]
    return name or str(parsed.id)


def resolve_scope(
    warehouse: Warehouse,
    scope: str | Scope | None,
    as_person: str | None = None,
    day: dt.date | None = None,
) -> Scope:
    """Parse a scope, check that what it names exists and, if given, that ``as_person`` may have it.

    Employees may have ``person:`` themselves; regional directors their branch and every branch
    below it (and the people in those branches); finance, analysts and admins anything.
    Delegations active on ``day`` (default today) count as the delegator's roles in the
    delegator's branch.

    Raises:
        ScopeViolation: the scope is unknown, names no existing branch or person, or the person
            may not have it.
        NotFound: ``as_person`` is not a known person.

    Examples:
        >>> resolve_scope(w, "branch:NORD", as_person="RD-1")  # doctest: +SKIP
        Scope(kind='branch', id='NORD')
    """
    parsed = Scope.parse(scope)
    if parsed.kind != "all":
        found = warehouse.rows("queries/access/scope_target_exists", **parsed.params())[0][0]
        if not found:
            raise ScopeViolation(str(parsed), f"no {parsed.kind} with id {parsed.id!r}")
    if as_person is not None:
        check_scope_allowed(warehouse, parsed, as_person, day)
    return parsed


def check_scope_allowed(
    warehouse: Warehouse, scope: Scope, person_id: str, day: dt.date | None = None
) -> None:
    """Raise ScopeViolation unless ``person_id`` may see ``scope`` on ``day`` (default today).

    Examples:
        >>> check_scope_allowed(w, Scope.parse("all"), "EMP-1")  # doctest: +SKIP
        Traceback (most recent call last):
        ScopeViolation: scope 'all': EMP-1 may not have it ...
    """
    day = day or clock.today()
    grants = warehouse.rows(
        "queries/access/scope_grants", person_id=person_id, day=day, **scope.params()
    )
    if not grants and not _person_exists(warehouse, person_id):
        raise NotFound("person", person_id)
    roles = {role for role, _branch, _via, _covers in grants}
    if roles & set(SEE_EVERYTHING):
        return
    if scope.kind == "person" and scope.id == person_id:
        return
    if scope.kind != "all" and any(
        role in SEE_BRANCHES and covers for role, _b, _via, covers in grants
    ):
        return
    held = ", ".join(sorted(f"{r} in {b} ({via})" for r, b, via, _c in grants)) or "no role"
    raise ScopeViolation(
        str(scope),
        f"{person_id} may not have this scope (holds {held}); employees see person:{person_id}, "
        "regional directors their branches and below, finance/analyst/admin everything "
        "[rule: scopes]",
    )


def _person_exists(warehouse: Warehouse, person_id: str) -> bool:
    return bool(
        warehouse.rows("queries/access/scope_target_exists", scope_kind="person", scope_id=person_id)[0][0]
    )


