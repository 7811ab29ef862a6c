"""`leadanalytics demo`: build the synthetic agency end to end (a thin skin over
``leadanalytics.demo.run_demo``)."""

from __future__ import annotations

import sys

import click

from leadanalytics.cli.common import emit, fail_on_package_errors, json_option, state
from leadanalytics.demo.build import DEFAULT_SEED


@click.command("demo")
@click.option("--out", "out_dir", default="demo", show_default=True,
              type=click.Path(file_okay=False), help="Folder for input files and reports.")
@click.option("--scale", default=1.0, show_default=True, type=click.FloatRange(min=0.01),
              help="Size: 1 is 400 leads; 2500 is 1 M leads and about 12 M timesheet rows.")
@click.option("--seed", default=DEFAULT_SEED, show_default=True, type=int,
              help="Random seed: the same seed and scale give the same files.")
@click.option("--no-validate", is_flag=True,
              help="Skip the great-expectations pass of the timesheet ingest (faster; the SQL "
                   "rules always run).")
@json_option
@fail_on_package_errors
def demo_command(out_dir: str, scale: float, seed: int, no_validate: bool) -> None:
    """Build a synthetic agency: input files, warehouse, and every stage the package has.

    The warehouse is --db if given, else OUT/leadanalytics.duckdb; input files go to
    OUT/input. A warehouse or input folder the demo did not make is never replaced.

    Example: leadanalytics --db demo/leadanalytics.duckdb demo --out demo
    """
    from leadanalytics.demo.flow import STAGES, run_demo

    st = state()
    show_bar = sys.stderr.isatty() and not st.as_json
    bar = click.progressbar(length=len(STAGES), label="demo", file=sys.stderr,
                            show_pos=True) if show_bar else None

    def on_stage(i: int, n: int, name: str) -> None:
        if bar is not None:
            bar.label = f"demo: {name}"
            bar.update(0 if i == 1 else 1)

    def on_progress(message: str) -> None:
        if bar is not None:
            bar.label = f"demo: {message}"
            bar.render_progress()

    if bar is not None:
        bar.__enter__()
    try:
        run = run_demo(out_dir, db_path=st.db, scale=scale, seed=seed, on_stage=on_stage,
                       on_progress=on_progress, validate=not no_validate)
        if bar is not None:
            bar.update(1)
    finally:
        if bar is not None:
            bar.__exit__(None, None, None)
    emit(_summary(run), run.as_dict())


def _reports(run) -> str:
    if not run.reports:
        return "none built"
    names = sorted(str(p.relative_to(run.reports_dir)) for p in run.reports)
    statements = [n for n in names if n.startswith("statement_")]
    others = [n for n in names if not n.startswith("statement_")]
    per_person = [n for n in statements if n.endswith(".per_person.csv")]
    items = len(statements) - len(per_person)
    text = ", ".join(others + ([f"{items} payout statements"
                                + (f" (+ {len(per_person)} .per_person.csv)" if per_person else "")]
                               if statements else []))
    return f"{run.reports_dir} ({text})"


def _summary(run) -> str:
    files = run.inputs.counts if run.inputs else {}
    lines = [
        f"demo agency built (seed {run.seed}, scale {run.scale:g}, "
        f"data up to the day before {run.inputs.reference_date})",
        f"  warehouse:   {run.db_path}",
        f"  input files: {run.input_dir} ({files.get('leads', 0)} leads, "
        f"{len(run.inputs.timesheet_files)} timesheet files in timesheets/, "
        f"{len(run.inputs.vms_files)} vendor export in vms/)",
        f"  reports:     {_reports(run)}",
        f"  outbox:      {run.outbox_dir or 'none'} (e-mails as .eml files, nothing sent)",
        "  stages:",
    ]
    lines += [f"    {s.name:<24} {s.seconds:6.1f} s  {s.detail}" for s in run.stages]
    lines.append("  rows per view:")
    lines += [f"    {k:<20} {v:>10}" for k, v in run.counts.items()]
    return "\n".join(lines)
