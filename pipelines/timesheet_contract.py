"""The timesheet contract: its columns and its column rules, read from the expectation suite.

The suite ``pipelines/expectations/timesheets.json`` is the one place of the column rules: the
SQL check (``sql/queries/timesheet_checked_rows.sql``) takes its values (patterns, ranges,
statuses) as parameters, and a quarantined row is named after the expectation it failed (or
after the rule its ``meta.rule`` names). The rules of the day (``status_date_in_future``,
``week_out_of_range``) compare with the day of the load: their bounds are suite parameters
(``{"$PARAMETER": name}``) whose values ``day_parameters`` derives from ``meta.parameters`` (a
fixed ``date`` or ``days_after_load``), for the SQL check and for great-expectations alike.
Nothing here touches the warehouse.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from leadanalytics.exceptions import ConfigError

REQUIRED = ("line_id", "revision", "assignment_id", "week", "hours", "status", "status_date")
OPTIONAL = ("employee_id", "source")
COLUMNS = ("line_id", "revision", "assignment_id", "employee_id", "week", "hours", "status",
           "status_date", "source")
NUMERIC = ("hours",)
SUITE_FILE = "timesheets.json"

# The expectations the SQL check implements, in the order of its fail_mask bits.
SQL_RULES = (
    *(("expect_column_values_to_not_be_null", c) for c in REQUIRED),
    ("expect_column_values_to_match_regex", "revision"),
    ("expect_column_values_to_be_between", "revision_value"),
    ("expect_column_values_to_match_regex", "hours"),
    ("expect_column_values_to_be_between", "hours_value"),
    ("expect_column_values_to_be_in_set", "week_weekday"),
    ("expect_column_values_to_be_in_set", "status"),
    ("expect_column_values_to_match_strftime_format", "status_date"),
    ("expect_column_pair_values_a_to_be_greater_than_b", "status_date_value"),
    ("expect_column_values_to_be_between", "week_monday"),
    ("expect_column_values_to_be_between", "status_date_value"),
)

# Rules of whole rows and files, beyond the columns (not expressible on one frame).
SET_RULES = ("conflict_with_loaded", "duplicate_key_in_file", "revision_date_order")


@dataclass(frozen=True)
class ColumnRule:
    """One expectation of the suite as the SQL check applies it."""

    bit: int
    expectation: str
    kwargs: dict[str, Any]
    column: str  # the contract column it is about
    message: str
    rule: str | None = None  # its name in `quarantine` when the suite names it (meta.rule)
    parameters: dict[str, Any] | None = None  # meta.parameters: the bounds of a rule of the day

    @property
    def name(self) -> str:
        """The rule's name in `quarantine`: ``meta.rule``, else
        ``<expectation type>:<contract column>``."""
        return self.rule or f"{self.expectation}:{self.column}"

    @property
    def of_the_day(self) -> bool:
        """Its verdict depends on the day of the load (a row it quarantined is checked again
        when it comes again)."""
        return bool(self.parameters)


@cache
def suite_dict() -> dict[str, Any]:
    """The expectation suite as stored in the repository (a dict)."""
    node = resources.files("leadanalytics.pipelines") / "expectations" / SUITE_FILE
    return json.loads(node.read_text(encoding="utf-8"))


def column_rules() -> list[ColumnRule]:
    """The suite's expectations in order, each with its bit in the SQL check.

    Examples:
        >>> column_rules()[0].name
        'expect_column_values_to_not_be_null:line_id'
    """
    rules = []
    for bit, e in enumerate(suite_dict()["expectations"]):
        kwargs = e["kwargs"]
        key = (e["type"], kwargs.get("column") or kwargs.get("column_A"))
        if bit >= len(SQL_RULES) or SQL_RULES[bit] != key:
            raise ConfigError(
                f"pipelines/expectations/{SUITE_FILE}",
                f"expectation {bit} is {key}, but sql/queries/timesheet_checked_rows.sql checks "
                f"{SQL_RULES[bit] if bit < len(SQL_RULES) else 'nothing'} there: change both",
            )
        meta = e.get("meta", {})
        column = meta.get("contract_column") or key[1]
        rules.append(ColumnRule(bit, e["type"], kwargs, column, meta.get("message", ""),
                                meta.get("rule"), meta.get("parameters")))
    if len(rules) != len(SQL_RULES):
        raise ConfigError(f"pipelines/expectations/{SUITE_FILE}",
                          f"holds {len(rules)} expectations, the SQL check {len(SQL_RULES)}")
    return rules


def rule_names() -> list[str]:
    """Every rule a timesheet row can be quarantined under, column rules first."""
    return [r.name for r in column_rules()] + list(SET_RULES)


def day_rule_names() -> list[str]:
    """The rules whose verdict depends on the day of the load.

    Examples:
        >>> day_rule_names()
        ['week_out_of_range', 'status_date_in_future']
    """
    return [r.name for r in column_rules() if r.of_the_day]


def day_parameters(day: dt.date) -> dict[str, dt.date]:
    """The suite parameters of the rules of the day for a load on ``day``.

    Examples:
        >>> day_parameters(dt.date(2026, 3, 4))["last_week"]
        datetime.date(2026, 3, 11)
    """
    values = {}
    for r in column_rules():
        for name, how in (r.parameters or {}).items():
            if "date" in how:
                values[name] = dt.date.fromisoformat(how["date"])
            else:
                values[name] = day + dt.timedelta(days=int(how["days_after_load"]))
    return values


def sql_parameters(day: dt.date) -> dict[str, Any]:
    """The values of the suite that ``timesheet_checked_rows.sql`` takes as parameters, for a
    load on ``day``."""
    by = {(r.expectation, r.kwargs.get("column") or r.kwargs.get("column_A")): r.kwargs
          for r in column_rules()}
    revision_range = by[("expect_column_values_to_be_between", "revision_value")]
    hours_range = by[("expect_column_values_to_be_between", "hours_value")]
    date_format = by[("expect_column_values_to_match_strftime_format", "status_date")]
    return {
        "revision_pattern": by[("expect_column_values_to_match_regex", "revision")]["regex"],
        "hours_pattern": by[("expect_column_values_to_match_regex", "hours")]["regex"],
        "revision_min": revision_range["min_value"],
        "hours_min": hours_range["min_value"],
        "hours_max": hours_range["max_value"],
        "statuses": list(by[("expect_column_values_to_be_in_set", "status")]["value_set"]),
        "date_format": date_format["strftime_format"],
        **day_parameters(day),
    }
