"""Report schedules (reports.md "Schedules"): TOML in, validated frozen entries out.

Example file::

    claim_minutes = 120                 # a build that died is retried after this long

    [[report]]
    name = "weekly-north"
    notebook = "phase_group_dashboard"
    cron = "0 7 * * 1"                  # Europe/Amsterdam
    scopes = ["branch:NORTH"]
    recipients = ["RD-1"]
    approval = false                    # true: built as concept, sent after approval
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from leadanalytics.exceptions import ConfigError

DEFAULT_CLAIM_MINUTES = 120

#: The shipped report notebooks (``notebooks/NAME.ipynb``), the names a schedule may use.
REPORTS = ("phase_group_dashboard", "lead_conversion", "bonus_payouts", "data_quality")


@dataclass(frozen=True)
class ScheduledReport:
    """One entry of a schedule file."""

    name: str
    notebook: str
    cron: str
    scopes: tuple[str, ...]
    recipients: tuple[str, ...]
    approval: bool


@dataclass(frozen=True)
class ReportSchedule:
    """A schedule file: its entries and how long a build's claim lasts."""

    path: str
    reports: tuple[ScheduledReport, ...]
    claim_minutes: int


def load_report_schedule(path: str | Path) -> ReportSchedule:
    """Read and check a schedule file; a fault names the file, the entry and the key.

    Examples:
        >>> load_report_schedule("schedules.toml").reports[0].cron  # doctest: +SKIP
        '0 7 * * 1'
    """
    from croniter import croniter

    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(path, f"cannot read schedule: {exc}") from exc
    entries = []
    seen = set()
    for i, raw in enumerate(data.get("report", []), start=1):
        where = f"[[report]] #{i}"
        for key in ("name", "notebook", "cron", "scopes", "recipients"):
            if key not in raw:
                raise ConfigError(path, f"{where}: missing key {key!r}")
        name = str(raw["name"])
        if name in seen:
            raise ConfigError(path, f"{where}: duplicate name {name!r}")
        seen.add(name)
        if raw["notebook"] not in REPORTS:
            raise ConfigError(path, f"{where} ({name}): unknown notebook {raw['notebook']!r}; "
                                    f"known: {', '.join(REPORTS)}")
        if not croniter.is_valid(str(raw["cron"])):
            raise ConfigError(path, f"{where} ({name}): invalid cron expression {raw['cron']!r}")
        if not raw["scopes"]:
            raise ConfigError(path, f"{where} ({name}): scopes is empty")
        entries.append(ScheduledReport(
            name=name, notebook=str(raw["notebook"]), cron=str(raw["cron"]),
            scopes=tuple(str(s) for s in raw["scopes"]),
            recipients=tuple(str(r) for r in raw["recipients"]),
            approval=bool(raw.get("approval", False)),
        ))
    return ReportSchedule(str(path), tuple(entries),
                          int(data.get("claim_minutes", DEFAULT_CLAIM_MINUTES)))
