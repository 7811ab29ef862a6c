"""leadanalytics: sales leads, timesheets and bonus payouts of an interim-staffing agency.

Examples:
    >>> import leadanalytics as la
    >>> w = la.connect("leadanalytics.duckdb")            # doctest: +SKIP
    >>> w.sql("select phase_group, count(*) from leads group by 1")  # doctest: +SKIP
"""

from leadanalytics.bonuses import (
    approve_batch,
    bonus_forecast,
    bonus_states,
    bonuses_list,
    close_period,
    install_bonus_schemes,
    mark_batch_paid,
    resolve_bonus,
)
from leadanalytics.bonuses.explain import explain_bonus
from leadanalytics.bonuses.statements import export_statement
from leadanalytics.exceptions import LeadAnalyticsError
from leadanalytics.install import connect, init
from leadanalytics.notify import queue_bonus_notifications, send_outbox
from leadanalytics.warehouse import Warehouse

__version__ = "0.1.0"

__all__ = [
    "LeadAnalyticsError", "Warehouse", "connect", "init",
    # bonuses
    "approve_batch", "bonus_forecast", "bonus_states", "bonuses_list", "close_period", "explain_bonus",
    "export_statement", "install_bonus_schemes", "mark_batch_paid", "queue_bonus_notifications",
    "resolve_bonus", "send_outbox",
]
