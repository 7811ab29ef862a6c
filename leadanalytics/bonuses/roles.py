"""Who may act on bonuses: finance, own role or by delegation (domain.md, "Who may do what").

The one place the bonus engine checks roles. It asks the access rules' SQL
(``queries/access/holds_role_anywhere`` over the ``role_grants`` view of ``leadanalytics/access.py``):
finance acts in every branch, so no branch plays a part here.
"""

from __future__ import annotations

import datetime as dt

from leadanalytics.db.warehouse import Transaction
from leadanalytics.exceptions import NotAllowed, NotFound


def require_finance(tx: Transaction, person_id: str, action: str, on: dt.date) -> None:
    """Raise ``NotAllowed`` unless ``person_id`` (active) acts as finance on ``on``."""
    person = tx.fetchone("queries/bonuses/bonus_person_active", person_id=person_id)
    if person is None:
        raise NotFound("person", person_id)
    if not person[0]:
        raise NotAllowed(person_id, action, "inactive_person", f"{person_id} is not active")
    holds = tx.fetchone("queries/access/holds_role_anywhere", person_id=person_id, role="finance", on=on)
    if not holds[0]:
        raise NotAllowed(person_id, action, "finance_only",
                         f"only finance may {action} (own role or a delegation valid on {on})")
