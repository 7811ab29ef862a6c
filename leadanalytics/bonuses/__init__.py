"""The bonus engine: schemes, states as of a date, payout batches, statements and explain."""

from leadanalytics.bonuses.accrual import AccrualWarning, bonus_accrual, bonus_earn_curves
from leadanalytics.bonuses.batches import (
    Batch,
    CloseResult,
    approve_batch,
    close_period,
    get_batch,
    mark_batch_paid,
    resolve_bonus,
)
from leadanalytics.bonuses.disputes import answer_dispute, open_dispute
from leadanalytics.bonuses.schemes import install_bonus_schemes
from leadanalytics.bonuses.states import (
    BONUS_LIST_COLUMNS,
    bonus_forecast,
    bonus_states,
    bonuses_list,
)

__all__ = [
    "BONUS_LIST_COLUMNS", "Batch", "CloseResult", "approve_batch", "bonus_forecast", "bonus_states",
    "bonuses_list", "close_period", "get_batch", "install_bonus_schemes", "mark_batch_paid",
    "resolve_bonus",
]
__all__ += ["answer_dispute", "open_dispute"]
__all__ += ["AccrualWarning", "bonus_accrual", "bonus_earn_curves"]
