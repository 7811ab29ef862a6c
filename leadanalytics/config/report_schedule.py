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
    lang = "nl"                         # nl (default) or en: every word of the report
    pdf = true                          # also NAME.pdf, attached to the e-mail

The package ships one (:func:`sample_schedule_path`, ``report run-due --schedule sample``):
every notebook, weekly per region and monthly for finance, for the demo's agency.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from leadanalytics.config.languages import LANGS
from leadanalytics.exceptions import ConfigError

DEFAULT_CLAIM_MINUTES = 120
#: ``report run-due --schedule sample`` reads the shipped sample schedule.
SAMPLE = "sample"
SAMPLE_FILE = "sample_report_schedule.toml"

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
    lang: str = "nl"
    pdf: bool = False


@dataclass(frozen=True)
class ReportSchedule:
    """A schedule file: its entries and how long a build's claim lasts."""

    path: str
    reports: tuple[ScheduledReport, ...]
    claim_minutes: int


def sample_schedule_path() -> Path:
    """The sample schedule shipped with the package (``sample_report_schedule.toml``).

    Examples:
        >>> sample_schedule_path().name
        'sample_report_schedule.toml'
    """
    return Path(str(resources.files("leadanalytics.config") / SAMPLE_FILE))


def load_report_schedule(path: str | Path) -> ReportSchedule:
    """Read and check a schedule file; a fault names the file, the entry and the key.
    ``sample`` reads the shipped sample (:func:`sample_schedule_path`).

    Examples:
        >>> load_report_schedule("schedules.toml").reports[0].cron  # doctest: +SKIP
        '0 7 * * 1'
    """
    from croniter import croniter

    path = sample_schedule_path() if str(path) == SAMPLE else Path(path)
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
        lang = str(raw.get("lang", "nl"))
        if lang not in LANGS:
            raise ConfigError(path, f"{where} ({name}): lang {lang!r} is not allowed; "
                                    f"use one of: {', '.join(LANGS)}")
        for key in ("approval", "pdf"):
            if not isinstance(raw.get(key, False), bool):
                raise ConfigError(path, f"{where} ({name}): {key} must be true or false")
        entries.append(ScheduledReport(
            name=name, notebook=str(raw["notebook"]), cron=str(raw["cron"]),
            scopes=tuple(str(s) for s in raw["scopes"]),
            recipients=tuple(str(r) for r in raw["recipients"]),
            approval=bool(raw.get("approval", False)),
            lang=lang, pdf=bool(raw.get("pdf", False)),
        ))
    return ReportSchedule(str(path), tuple(entries),
                          int(data.get("claim_minutes", DEFAULT_CLAIM_MINUTES)))
