"""Bonus schemes: the scheme TOML of bonus-rules.md in, validated frozen objects out.

Every fault names the file, the scheme and the key. Amounts and hours are ``Decimal`` (TOML
floats are parsed as decimals, so ``33.33`` stays 33.33). No SQL, no I/O beyond the file.
"""

from __future__ import annotations

import datetime as dt
import json
import tomllib
from dataclasses import dataclass, field
from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from leadanalytics.exceptions import SchemeConfigError

Trigger = Literal["hours", "placement"]
_SCHEME_KEYS = {
    "name", "valid_from", "valid_to", "threshold_hours", "default_amount_eur", "payout_day",
    "payout_lag_months", "amount_by_business_unit", "hours_extension", "permanent_role",
}
_REQUIRED = ("name", "valid_from", "threshold_hours", "default_amount_eur", "payout_day",
             "payout_lag_months")
_EXTENSION_KEYS = {"threshold_hours", "amount_eur"}
_PERMANENT_KEYS = {"trigger", "threshold_hours", "amount_eur"}
SAMPLE = "sample_bonus_schemes.toml"


@dataclass(frozen=True)
class Section:
    """The `hours_extension` or `permanent_role` part of a scheme."""

    amount_eur: Decimal
    threshold_hours: Decimal | None = None
    trigger: Trigger = "hours"


@dataclass(frozen=True)
class BonusScheme:
    """One scheme: validity (inclusive dates), threshold, amounts and payout rule."""

    name: str
    valid_from: dt.date
    valid_to: dt.date | None
    threshold_hours: Decimal
    default_amount_eur: Decimal
    payout_day: int
    payout_lag_months: int
    amount_by_business_unit: dict[str, Decimal] = field(default_factory=dict)
    hours_extension: Section | None = None
    permanent_role: Section | None = None

    def covers(self, day: dt.date) -> bool:
        """True when ``day`` (a submission date) lies in the scheme's validity."""
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)

    def definition(self) -> str:
        """Canonical JSON of the scheme: equal text means an equal scheme."""

        def plain(v: Any) -> Any:
            if isinstance(v, Decimal):
                return f"{v:.2f}"
            if isinstance(v, dt.date):
                return v.isoformat()
            if isinstance(v, Section):
                return {k: plain(x) for k, x in vars(v).items()}
            if isinstance(v, dict):
                return {k: plain(x) for k, x in sorted(v.items())}
            return v

        return json.dumps({k: plain(v) for k, v in vars(self).items()}, sort_keys=True)


def _fail(path: str, scheme: str, key: str, fault: str) -> SchemeConfigError:
    return SchemeConfigError(path, scheme, key, fault)


def _decimal(path: str, scheme: str, key: str, value: Any, *, positive: bool) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        raise _fail(path, scheme, key, f"must be a number, got {value!r}")
    d = Decimal(value)
    if not d.is_finite():
        raise _fail(path, scheme, key, f"must be a finite number, got {value}")
    if d != d.quantize(Decimal("0.01")):
        raise _fail(path, scheme, key, f"has more than two decimals ({value})")
    if positive and d <= 0:
        raise _fail(path, scheme, key, f"must be greater than 0, got {value}")
    if d < 0:
        raise _fail(path, scheme, key, f"must not be negative, got {value}")
    return d.quantize(Decimal("0.01"))


def _int(path: str, scheme: str, key: str, value: Any, low: int, high: int | None) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _fail(path, scheme, key, f"must be a whole number, got {value!r}")
    if value < low or (high is not None and value > high):
        span = f"{low}–{high}" if high is not None else f"≥ {low}"
        raise _fail(path, scheme, key, f"must be {span}, got {value}")
    return value


def _date(path: str, scheme: str, key: str, value: Any) -> dt.date:
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        raise _fail(path, scheme, key, f"must be a date (YYYY-MM-DD), got {value!r}")
    return value


def _unknown(path: str, scheme: str, where: str, given: dict, allowed: set[str]) -> None:
    extra = sorted(set(given) - allowed)
    if extra:
        raise _fail(path, scheme, f"{where}{extra[0]}",
                    f"unknown key; allowed keys are {', '.join(sorted(allowed))}")


def _section(path: str, name: str, key: str, raw: Any, allowed: set[str]) -> Section:
    if not isinstance(raw, dict):
        raise _fail(path, name, key, "must be a table")
    _unknown(path, name, f"{key}.", raw, allowed)
    if "amount_eur" not in raw:
        raise _fail(path, name, f"{key}.amount_eur", "is required")
    trigger = raw.get("trigger", "hours")
    if trigger not in ("hours", "placement"):
        raise _fail(path, name, f"{key}.trigger", f"must be 'placement' or 'hours', got {trigger!r}")
    threshold = raw.get("threshold_hours")
    return Section(
        amount_eur=_decimal(path, name, f"{key}.amount_eur", raw["amount_eur"], positive=False),
        threshold_hours=None if threshold is None else _decimal(
            path, name, f"{key}.threshold_hours", threshold, positive=True),
        trigger=trigger,
    )


def _scheme(path: str, position: int, raw: Any) -> BonusScheme:
    if not isinstance(raw, dict):
        raise _fail(path, f"#{position}", "scheme", "must be a table ([[scheme]])")
    name = raw.get("name")
    if not isinstance(name, str) or not name.strip():
        raise _fail(path, f"#{position}", "name", "is required and must be text")
    _unknown(path, name, "", raw, _SCHEME_KEYS)
    for key in _REQUIRED:
        if key not in raw:
            raise _fail(path, name, key, "is required")
    valid_from = _date(path, name, "valid_from", raw["valid_from"])
    valid_to = None if "valid_to" not in raw else _date(path, name, "valid_to", raw["valid_to"])
    if valid_to is not None and valid_to < valid_from:
        raise _fail(path, name, "valid_to", f"{valid_to} is before valid_from {valid_from}")
    by_unit = raw.get("amount_by_business_unit", {})
    if not isinstance(by_unit, dict):
        raise _fail(path, name, "amount_by_business_unit", "must be a table")
    return BonusScheme(
        name=name,
        valid_from=valid_from,
        valid_to=valid_to,
        threshold_hours=_decimal(path, name, "threshold_hours", raw["threshold_hours"], positive=True),
        default_amount_eur=_decimal(
            path, name, "default_amount_eur", raw["default_amount_eur"], positive=False),
        payout_day=_int(path, name, "payout_day", raw["payout_day"], 1, 31),
        payout_lag_months=_int(path, name, "payout_lag_months", raw["payout_lag_months"], 1, None),
        amount_by_business_unit={
            unit: _decimal(path, name, f"amount_by_business_unit.{unit}", v, positive=False)
            for unit, v in by_unit.items()
        },
        hours_extension=None if "hours_extension" not in raw else _section(
            path, name, "hours_extension", raw["hours_extension"], _EXTENSION_KEYS),
        permanent_role=None if "permanent_role" not in raw else _section(
            path, name, "permanent_role", raw["permanent_role"], _PERMANENT_KEYS),
    )


def parse_bonus_schemes(text: str, path: str = "<text>") -> tuple[BonusScheme, ...]:
    """Validate scheme TOML text; return the schemes sorted by ``valid_from``.

    Examples:
        >>> s = parse_bonus_schemes('''
        ... [[scheme]]
        ... name = "2026"
        ... valid_from = 2026-01-01
        ... threshold_hours = 100
        ... default_amount_eur = 250.00
        ... payout_day = 25
        ... payout_lag_months = 1
        ... ''')
        >>> s[0].default_amount_eur, s[0].valid_to
        (Decimal('250.00'), None)
    """
    try:
        data = tomllib.loads(text, parse_float=Decimal)
    except tomllib.TOMLDecodeError as exc:
        raise SchemeConfigError(path, "-", "-", f"is not valid TOML: {exc}") from exc
    extra = sorted(set(data) - {"scheme"})
    if extra:
        raise _fail(path, "-", extra[0], "unknown top-level key; schemes are [[scheme]] tables")
    raw = data.get("scheme", [])
    if not isinstance(raw, list) or not raw:
        raise _fail(path, "-", "scheme", "the file holds no [[scheme]] table")
    schemes = [_scheme(path, i + 1, r) for i, r in enumerate(raw)]
    seen: set[str] = set()
    for s in schemes:
        if s.name in seen:
            raise _fail(path, s.name, "name", "two schemes have this name")
        seen.add(s.name)
    ordered = sorted(schemes, key=lambda s: s.valid_from)
    for a, b in zip(ordered, ordered[1:], strict=False):
        if a.valid_to is None or a.valid_to >= b.valid_from:
            raise _fail(path, b.name, "valid_from",
                        f"validity {_span(b)} overlaps scheme {a.name!r} ({_span(a)})")
    return tuple(ordered)


def _span(s: BonusScheme) -> str:
    return f"{s.valid_from}..{s.valid_to or 'open'}"


def load_bonus_schemes(path: str | Path | None = None) -> tuple[BonusScheme, ...]:
    """Read and validate a scheme file (``None``: the shipped sample, for demos and tests only).

    Examples:
        >>> [s.name for s in load_bonus_schemes()]
        ['sample-2026']
    """
    if path is None:
        text = (resources.files("leadanalytics.config") / SAMPLE).read_text(encoding="utf-8")
        return parse_bonus_schemes(text, f"(shipped) {SAMPLE}")
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except OSError as exc:
        raise SchemeConfigError(str(p), "-", "-", f"cannot be read: {exc.strerror}") from exc
    return parse_bonus_schemes(text, str(p))
