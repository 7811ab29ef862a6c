"""leadanalytics: sales leads, timesheets and bonus payouts of an interim-staffing agency.

Examples:
    >>> import leadanalytics as la
    >>> w = la.connect("leadanalytics.duckdb")            # doctest: +SKIP
    >>> w.sql("select phase_group, count(*) from leads group by 1")  # doctest: +SKIP
"""

from leadanalytics.access.roles import (
    regional_directors_of_branch,
    regional_directors_of_lead,
    roles_in_branch,
)
from leadanalytics.bonuses import (
    answer_dispute,
    approve_batch,
    bonus_accrual,
    bonus_forecast,
    bonus_states,
    bonuses_list,
    close_period,
    install_bonus_schemes,
    mark_batch_paid,
    open_dispute,
    resolve_bonus,
)
from leadanalytics.bonuses.explain import explain_bonus
from leadanalytics.bonuses.statements import export_statement
from leadanalytics.db.warehouse import Warehouse
from leadanalytics.exceptions import LeadAnalyticsError
from leadanalytics.install import connect, init
from leadanalytics.leads.history import (
    current_phase,
    current_phases,
    lead_paths,
    phase_as_of,
    phase_durations,
    phase_history,
    phases_as_of,
)
from leadanalytics.leads.lifecycle import (
    PhaseEvent,
    apply_verb,
    approve,
    cancel,
    convert_to_assignment,
    convert_to_opportunity,
    create_lead,
    move,
    move_opportunity,
    reject,
    submit,
    update_lead,
)
from leadanalytics.notify import queue_bonus_notifications, send_outbox
from leadanalytics.outputs import write
from leadanalytics.timesheets.requests import (
    approve_request,
    request_correction,
    request_timesheets,
)

__version__ = "0.1.0"

__all__ = ["LeadAnalyticsError", "Warehouse", "connect", "init", "write"]
__all__ += ["anonymize", "anonymize_contact"]  # privacy
__all__ += [  # lifecycle, history, access
    "PhaseEvent", "apply_verb", "approve", "cancel", "convert_to_assignment",
    "convert_to_opportunity", "create_lead", "current_phase", "current_phases", "lead_paths",
    "move", "move_opportunity", "phase_as_of", "phase_durations", "phase_history", "phases_as_of",
    "regional_directors_of_branch", "regional_directors_of_lead", "reject", "roles_in_branch",
    "submit", "update_lead",
    # bonuses and notifications
    "approve_batch", "bonus_forecast", "bonus_states", "bonuses_list", "close_period", "explain_bonus",
    "export_statement", "install_bonus_schemes", "mark_batch_paid", "queue_bonus_notifications",
    "resolve_bonus", "send_outbox", "answer_dispute", "open_dispute", "bonus_accrual",
    # analytics
    "charts", "metrics", "scopes",
    # timesheet requests
    "approve_request", "request_correction", "request_timesheets",
]


# altair and friends load on first use: la.charts, la.metrics, la.scopes
_LAZY_MODULES = {
    "charts": "leadanalytics.reporting.charts",
    "metrics": "leadanalytics.reporting.metrics",
    "scopes": "leadanalytics.access.scopes",
}


def __getattr__(name: str):
    if name in _LAZY_MODULES:
        import importlib

        module = importlib.import_module(_LAZY_MODULES[name])
        globals()[name] = module
        return module
    raise AttributeError(f"module 'leadanalytics' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


def anonymize(w: Warehouse, person_id: str, by: str, at=None):
    """Anonymise a person everywhere, the files the package wrote included (statements are
    exported again with ``***``); an admin's act. See ``leadanalytics.access.privacy``.

    Examples:
        >>> la.anonymize(w, "P-17", by="P-ADMIN").files                 # doctest: +SKIP
    """
    from leadanalytics.access import privacy
    from leadanalytics.reporting.build import write_index

    return privacy.anonymize(w, person_id, by, at, rewrite_statement=export_statement,
                             rewrite_index=write_index)


def anonymize_contact(w: Warehouse, email: str, by: str, at=None):
    """Anonymise a client's contact (found by e-mail address), written files included.

    Examples:
        >>> la.anonymize_contact(w, "els@klant.nl", by="P-ADMIN")        # doctest: +SKIP
    """
    from leadanalytics.access import privacy
    from leadanalytics.reporting.build import write_index

    return privacy.anonymize_contact(w, email, by, at, rewrite_statement=export_statement,
                                     rewrite_index=write_index)
