"""Lookup tables (business units, sources, priorities, categories, rejection reasons, contact
roles): codes with labels per language, read from TOML and validated."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from leadanalytics.exceptions import ConfigError

LOOKUPS = (
    "business_unit", "source", "priority", "category", "rejection_reason", "contact_role",
)


@dataclass(frozen=True)
class LookupValue:
    lookup: str
    code: str
    position: int
    label_nl: str
    label_en: str


def load_lookups(path: str | Path | None = None) -> tuple[LookupValue, ...]:
    """Read the lookup tables: the shipped ``lookups.toml`` unless a path is given.

    Examples:
        >>> [v.code for v in load_lookups() if v.lookup == "priority"]
        ['laag', 'normaal', 'hoog']
    """
    if path is None:
        name = "lookups.toml"
        text = (resources.files("leadanalytics.config") / name).read_text(encoding="utf-8")
    else:
        name = str(path)
        text = Path(path).read_text(encoding="utf-8")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(name, f"not valid TOML: {exc}") from exc
    unknown = set(data) - set(LOOKUPS)
    if unknown:
        raise ConfigError(name, f"unknown lookup tables {sorted(unknown)}; known: {list(LOOKUPS)}")
    values = []
    for lookup in LOOKUPS:
        seen = set()
        for pos, item in enumerate(data.get(lookup, []), start=1):
            code = item.get("code")
            if not code:
                raise ConfigError(name, f"{lookup} #{pos} has no code")
            if code in seen:
                raise ConfigError(name, f"{lookup}: duplicate code {code!r}")
            seen.add(code)
            label = item.get("label", {})
            values.append(
                LookupValue(lookup, code, pos, label.get("nl", code), label.get("en", code))
            )
    return tuple(values)
