"""`leadanalytics init`: create or migrate the warehouse and install configuration."""

from __future__ import annotations

import click

from leadanalytics.cli.common import emit, fail_on_package_errors, json_option, state


@click.command("init")
@click.option("--pipeline", default=None, help="Shipped phase pipeline name or a TOML file.")
@click.option("--lookups", default=None, type=click.Path(dir_okay=False), help="Lookup tables TOML.")
@click.option("--bonus-scheme", "bonus_scheme", default=None, type=click.Path(dir_okay=False),
              help="Bonus scheme TOML (bonus-rules.md); the complete set of schemes.")
@json_option
@fail_on_package_errors
def init_command(pipeline: str | None, lookups: str | None, bonus_scheme: str | None) -> None:
    """Create or migrate the warehouse; install a phase pipeline. Idempotent.

    Example: leadanalytics --db agency.duckdb init --pipeline carerix --bonus-scheme schemes.toml
    """
    from leadanalytics.db.warehouse import default_path
    from leadanalytics.install import init

    db = state().db or str(default_path())
    w = init(db, pipeline=pipeline, lookups=lookups)
    name = w.setting("phase_pipeline")
    schemes: list[str] = []
    if bonus_scheme is not None:
        from leadanalytics.bonuses import install_bonus_schemes

        schemes = install_bonus_schemes(w, bonus_scheme)
    extra = f", bonus schemes {', '.join(schemes)}" if schemes else ""
    emit(
        f"warehouse {w.path} ready (schema version {w.schema_version()}, phase pipeline {name}"
        f"{extra})",
        {"db": str(w.path), "schema_version": w.schema_version(), "phase_pipeline": name,
         **({"bonus_schemes": schemes} if schemes else {})},
    )
