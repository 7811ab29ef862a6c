"""Opening and creating a warehouse: ``connect()`` and ``init()`` (the `init` command)."""

from __future__ import annotations

from pathlib import Path

from leadanalytics.config import load_lookups, load_phase_pipeline
from leadanalytics.db.migrate import migrate
from leadanalytics.db.warehouse import Warehouse, default_path
from leadanalytics.leads.phase_pipelines import DEFAULT_PIPELINE, write_phase_pipeline


def connect(path: str | Path | None = None, busy_timeout: float | None = None) -> Warehouse:
    """Open (creating or migrating) the warehouse file and return it.

    ``path`` defaults to ``$LEADANALYTICS_DB``, else ``./leadanalytics.duckdb``. A new file gets
    the default phase pipeline and the shipped lookup tables.

    Examples:
        >>> import leadanalytics as la, tempfile, os
        >>> w = la.connect(os.path.join(tempfile.mkdtemp(), "lead.duckdb"))
        >>> w.setting("phase_pipeline")
        'public_support'
    """
    w = Warehouse(default_path() if path is None else path, busy_timeout=busy_timeout)
    migrate(w)
    if w.setting("phase_pipeline") is None:
        init(w)
    return w


def init(
    warehouse: Warehouse | str | Path | None = None,
    pipeline: str | Path | None = None,
    lookups: str | Path | None = None,
) -> Warehouse:
    """Create or migrate the warehouse and install a phase pipeline and lookups; idempotent.

    Examples:
        >>> import leadanalytics as la, tempfile, os
        >>> w = la.init(os.path.join(tempfile.mkdtemp(), "c.duckdb"), pipeline="carerix")
        >>> w.setting("phase_pipeline")
        'carerix'
    """
    w = warehouse if isinstance(warehouse, Warehouse) else Warehouse(
        default_path() if warehouse is None else warehouse
    )
    migrate(w)
    current = w.setting("phase_pipeline")
    chosen = load_phase_pipeline(pipeline or current or DEFAULT_PIPELINE)
    with w.transaction() as tx:
        write_phase_pipeline(tx, chosen)
        if lookups is not None or w.setting("lookups_installed") is None:
            tx.run("queries/config/config_replace_lookups")
            for v in load_lookups(lookups):
                tx.run("queries/config/config_insert_lookup", **vars(v))
            tx.run("queries/config/setting_put", key="lookups_installed", value="yes")
    return w
