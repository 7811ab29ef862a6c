"""`leadanalytics init`: create or migrate the warehouse and install configuration."""

from __future__ import annotations

import click

from leadanalytics.cli.common import emit, fail_on_package_errors, json_option, state


@click.command("init")
@click.option("--pipeline", default=None, help="Shipped phase pipeline name or a TOML file.")
@click.option("--lookups", default=None, type=click.Path(dir_okay=False), help="Lookup tables TOML.")
@json_option
@fail_on_package_errors
def init_command(pipeline: str | None, lookups: str | None) -> None:
    """Create or migrate the warehouse; install a phase pipeline. Idempotent.

    Example: leadanalytics --db agency.duckdb init --pipeline carerix
    """
    from leadanalytics.install import init
    from leadanalytics.warehouse import default_path

    db = state().db or str(default_path())
    w = init(db, pipeline=pipeline, lookups=lookups)
    name = w.setting("phase_pipeline")
    emit(
        f"warehouse {w.path} ready (schema version {w.schema_version()}, phase pipeline {name})",
        {"db": str(w.path), "schema_version": w.schema_version(), "phase_pipeline": name},
    )
