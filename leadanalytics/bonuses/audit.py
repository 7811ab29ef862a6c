"""The audit trail of the bonus engine: every step that decides about money or contests it.

``record`` appends one row to ``store.bonus_audit`` inside the caller's transaction, so a step
and its audit row are written together or not at all (bonus-rules.md, "Controls before money
moves"). Auditors read the view ``bonus_audit``. This module holds no rule of any step: the
steps (``batches.py``, ``statements.py``, ``disputes.py``) decide, and call it.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal, get_args

from leadanalytics import clock
from leadanalytics.db.warehouse import Transaction

AuditStep = Literal["close_period", "approve", "withdraw_approval", "mark_paid", "resolve",
                    "dispute", "answer_dispute", "export"]
AUDIT_STEPS: tuple[str, ...] = get_args(AuditStep)

#: What each step did, in words; the batch's item count and total are added at a batch step.
_WHAT = {
    "close_period": "closed batch {batch_id}",
    "approve": "approved batch {batch_id}",
    "withdraw_approval": "withdrew the approval of batch {batch_id}",
    "mark_paid": "marked batch {batch_id} paid",
    "resolve": "resolved the bonus of lead {lead_id}",
    "dispute": "opened a dispute on the bonus of lead {lead_id}",
    "answer_dispute": "answered the dispute on the bonus of lead {lead_id}",
    "export": "exported the statement of batch {batch_id}",
}


def record(tx: Transaction, step: AuditStep, *, batch_id: str | None = None,
           lead_id: str | None = None, by: str | None = None, reason: str | None = None,
           what: str | None = None, at: dt.datetime | None = None) -> int:
    """Append one step to the audit trail in the open transaction ``tx``; return its audit id.

    Args:
        tx: the transaction of the step itself.
        step: one of ``AUDIT_STEPS``.
        batch_id: the batch the step concerns (its item count and total are recorded with it).
        lead_id: the lead whose bonus the step concerns.
        by: the person who took the step (``None`` only where no person is named, an export).
        reason: the reason the person gave, if any.
        what: details appended to the step's standard description (e.g. ``"clawback"``).
        at: when; default the package's clock (``leadanalytics.clock.now()``).

    Examples:
        >>> with w.transaction() as tx:                             # doctest: +SKIP
        ...     record(tx, "approve", batch_id="B-2026-04", by="P-FIN2")
        3
    """
    if step not in AUDIT_STEPS:
        raise ValueError(f"audit step must be one of {', '.join(AUDIT_STEPS)}, not {step!r}")
    text = _WHAT[step].format(batch_id=batch_id, lead_id=lead_id)
    if what:
        text += f": {what}"
    row = tx.fetchone("queries/bonuses/bonus_audit_insert", step=step, batch_id=batch_id,
                      lead_id=lead_id, by=by, at=at or clock.now(), what=text, reason=reason)
    return row[0]
