"""leadanalytics: sales leads, timesheets and bonus payouts of an interim-staffing agency.

Examples:
    >>> import leadanalytics as la
    >>> w = la.connect("leadanalytics.duckdb")            # doctest: +SKIP
    >>> w.sql("select phase_group, count(*) from leads group by 1")  # doctest: +SKIP
"""

from leadanalytics import charts, metrics, scopes
from leadanalytics.exceptions import LeadAnalyticsError
from leadanalytics.install import connect, init
from leadanalytics.warehouse import Warehouse

__version__ = "0.1.0"

__all__ = ["LeadAnalyticsError", "Warehouse", "connect", "init", "charts", "metrics", "scopes"]
