"""Who may act on bonuses: finance, including by delegation (domain.md, "Who may do what").

Stop-gap: the one place the bonus engine checks roles, until ``leadanalytics/access.py`` (roles of
a person in a branch on a date, with delegation) is on main; then ``require_finance`` becomes a
call to it. Finance acts in every branch, so the branch plays no part here.
"""

from __future__ import annotations

import datetime as dt

from leadanalytics.exceptions import NotAllowed, NotFound
from leadanalytics.warehouse import Transaction


def roles_on(tx: Transaction, person_id: str, on: dt.date) -> set[str]:
    """The roles ``person_id`` may act in on ``on``: own roles (if active) and delegated ones."""
    row = tx.fetchone("queries/person_roles_on", person_id=person_id, on=on)
    if row is None:
        raise NotFound("person", person_id)
    _, active, own, delegated = row
    roles = {r.strip() for r in (own or "").split("|") if r.strip()} if active else set()
    for d in delegated or []:
        roles |= {r.strip() for r in (d or "").split("|") if r.strip()}
    return roles


def require_finance(tx: Transaction, person_id: str, action: str, on: dt.date) -> None:
    """Raise ``NotAllowed`` unless ``person_id`` acts as finance on ``on``."""
    if "finance" not in roles_on(tx, person_id, on):
        raise NotAllowed(person_id, action, "finance_only",
                         f"only finance may {action} (own role or a delegation valid on {on})")
