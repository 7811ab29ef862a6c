"""Vendor-management platform exports (Connecting-Expertise style) into the timesheet contract.

The mapping (headers, status names, the date format of the status date) is a TOML file:
``pipelines/<name>.toml`` or any path. The export is staged, mapped in SQL
(``sql/queries/vms_timesheet_rows.sql``, which also assigns line ids and revisions) and then
goes through the same rules as any timesheet file.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from leadanalytics.db.warehouse import Transaction
from leadanalytics.exceptions import ConfigError

from .reading import StagedFile, stage_file
from .timesheet_contract import COLUMNS

MAPPED = ("assignment_id", "employee_id", "week", "hours", "status", "status_date")
_DATE_PARTS = {"yyyy": "%Y", "yy": "%y", "dd": "%d", "mm": "%m", "d": "%d", "m": "%m"}


@dataclass(frozen=True)
class VmsMapping:
    """One platform's export layout, validated."""

    name: str
    source: str
    columns: dict[str, str]       # contract column -> header in the export
    statuses: dict[str, str]      # export status (lower case) -> contract status
    status_date_format: str       # strptime format
    path: str
    kind: str = "timesheets"


def _strptime_format(text: str, path: str) -> str:
    tokens = re.findall(r"yyyy|yy|dd|mm|d|m|[^a-z]+", text.lower())
    parts = sorted(t[0] for t in tokens if t in _DATE_PARTS)
    if "".join(tokens) != text.lower() or parts != ["d", "m", "y"]:
        raise ConfigError(path, f"status_date_format {text!r}: use dd, mm and yyyy, "
                                "for example dd-mm-yyyy")
    return "".join(_DATE_PARTS.get(t, t.replace("%", "%%")) for t in tokens)


def load_mapping(name_or_path: str | Path = "connecting-expertise") -> VmsMapping:
    """Read and check a mapping: a shipped name (``connecting-expertise``) or a TOML path.

    Examples:
        >>> m = load_mapping("connecting-expertise")
        >>> m.columns["assignment_id"], m.statuses["gefactureerd"], m.status_date_format
        ('Opdracht', 'invoiced', '%d-%m-%Y')
    """
    p = Path(name_or_path)
    if p.suffix == ".toml" and p.is_file():
        text, where = p.read_text(encoding="utf-8"), str(p)
    else:
        node = resources.files("leadanalytics.pipelines") / f"{name_or_path}.toml"
        if not node.is_file():
            raise ConfigError(str(name_or_path), "no such mapping: give a shipped name "
                              "(connecting-expertise) or a .toml file")
        text, where = node.read_text(encoding="utf-8"), f"pipelines/{name_or_path}.toml"
    try:
        d = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(where, f"not valid TOML: {exc}") from exc
    columns = {str(k): str(v) for k, v in d.get("columns", {}).items()}
    missing = [c for c in MAPPED if c not in columns]
    if missing:
        raise ConfigError(where, f"[columns] lacks {', '.join(missing)}")
    unknown = [c for c in columns if c not in COLUMNS]
    if unknown:
        raise ConfigError(where, f"[columns] names no contract column {', '.join(unknown)}")
    statuses = {str(k).strip().lower(): str(v) for k, v in d.get("statuses", {}).items()}
    if not statuses:
        raise ConfigError(where, "[statuses] is empty")
    return VmsMapping(
        name=str(d.get("name", p.stem)), source=str(d.get("source", d.get("name", p.stem))),
        columns=columns, statuses=statuses,
        status_date_format=_strptime_format(str(d.get("status_date_format", "yyyy-mm-dd")),
                                            where),
        path=where,
    )


def stage_vms_export(tx: Transaction, path: str | Path, mapping: VmsMapping,
                     digest: str | None = None) -> StagedFile:
    """Stage an export as the temp table ``vms_staged`` in the contract's columns.

    Examples:
        >>> stage_vms_export(tx, "export.csv", load_mapping())  # doctest: +SKIP
    """
    aliases = {header: column for column, header in mapping.columns.items()}
    raw = stage_file(tx.con, path, "vms_raw", MAPPED, numeric=("hours",), aliases=aliases,
                     digest=digest)
    tx.con.execute("CREATE OR REPLACE TEMP TABLE vms_statuses "
                   "(export_status VARCHAR, status VARCHAR)")
    tx.con.executemany("INSERT INTO vms_statuses VALUES (?, ?)", list(mapping.statuses.items()))
    tx.run("queries/ingest/vms_timesheet_rows", date_format=mapping.status_date_format,
           source=mapping.source)
    return StagedFile(path=Path(path), table="vms_staged", columns=list(COLUMNS),
                      extra_columns=raw.extra_columns, rows=raw.rows,
                      content_hash=raw.content_hash, decimal_comma=raw.decimal_comma,
                      header_row=raw.header_row)


def ingest_vms_export(w, path: str | Path, mapping: str | Path | VmsMapping = "connecting-expertise",
                      validate: bool = True):
    """Load one vendor-platform export through the timesheet pipeline.

    Examples:
        >>> ingest_vms_export(w, "connecting-expertise_2026-03.csv").summary()  # doctest: +SKIP
        'connecting-expertise_2026-03.csv: read 40, loaded 40, skipped 0, quarantined 0'
    """
    from .timesheets import ingest_timesheet_file

    m = mapping if isinstance(mapping, VmsMapping) else load_mapping(mapping)
    return ingest_timesheet_file(w, path, validate=validate, kind=m.kind,
                                 stage=lambda tx, p, digest: stage_vms_export(tx, p, m, digest))
