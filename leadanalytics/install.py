"""Opening and creating a warehouse: ``connect()`` and ``init()`` (the `init` command)."""

from __future__ import annotations

from pathlib import Path

from leadanalytics.config import load_lookups, load_phase_pipeline
from leadanalytics.db.migrate import migrate
from leadanalytics.db.warehouse import Warehouse, default_path, require_warehouse
from leadanalytics.leads.phase_pipelines import DEFAULT_PIPELINE, write_phase_pipeline


def connect(
    path: str | Path | None = None, busy_timeout: float | None = None, create: bool = False
) -> Warehouse:
    """Open (migrating when needed) the warehouse file and return it.

    ``path`` defaults to ``$LEADANALYTICS_DB``, else ``./leadanalytics.duckdb``. A path where no
    warehouse exists (nothing there, a folder, a file that is not a DuckDB database of this
    package) raises ``NoWarehouse`` naming what it found, and nothing is created: a mistyped
    path never becomes an empty warehouse. ``create=True`` creates a missing one (as
    :func:`init` does) with the default phase pipeline and the shipped lookup tables.

    Examples:
        >>> import leadanalytics as la, tempfile, os
        >>> path = os.path.join(tempfile.mkdtemp(), "lead.duckdb")
        >>> la.connect(path)  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        leadanalytics.exceptions.NoWarehouse: no warehouse at ...; create one with `leadanalytics init`
        >>> w = la.connect(path, create=True)
        >>> w.setting("phase_pipeline")
        'public_support'
        >>> la.connect(path).path == w.path
        True
    """
    w = Warehouse(default_path() if path is None else path, busy_timeout=busy_timeout)
    require_warehouse(w.path, create=create)
    migrate(w, create=create)
    if w.setting("phase_pipeline") is None:
        init(w)
    return w


def init(
    warehouse: Warehouse | str | Path | None = None,
    pipeline: str | Path | None = None,
    lookups: str | Path | None = None,
) -> Warehouse:
    """Create or migrate the warehouse and install a phase pipeline and lookups; idempotent.

    Creates the file and its folders when nothing is at the path; a folder or a file that is
    not a DuckDB database is refused (``NoWarehouse``), never overwritten.

    Examples:
        >>> import leadanalytics as la, tempfile, os
        >>> w = la.init(os.path.join(tempfile.mkdtemp(), "c.duckdb"), pipeline="carerix")
        >>> w.setting("phase_pipeline")
        'carerix'
    """
    w = warehouse if isinstance(warehouse, Warehouse) else Warehouse(
        default_path() if warehouse is None else warehouse
    )
    require_warehouse(w.path, create=True)  # a folder or another kind of file is never replaced
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
