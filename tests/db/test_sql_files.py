"""Every SQL file the package ships is used, and every SQL name the code gives exists.

Names are written out in full in the code (``"queries/leads/phase_history"``), never built by
an f-string, so that both directions can be checked by reading the source.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from leadanalytics.db.warehouse import load_sql
from leadanalytics.exceptions import SqlFileMissing

ROOT = Path(__file__).parents[2]
CODE = [p for folder in ("leadanalytics", "pipelines") for p in (ROOT / folder).rglob("*.py")]
# declarations that name SQL files (access/personal_data.toml names the anonymiser's steps)
DECLARED = [p for p in (ROOT / "leadanalytics").rglob("*.toml")]
NAME = re.compile(r"""["'](queries/[a-z_]+/[a-z0-9_]+|views/[a-z0-9_]+)["']""")
DEMO_NAME = re.compile(r"""["'](sql/[a-z0-9_]+)["'], package=_HERE""")


def _names_in_code() -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for path in CODE + DECLARED:
        for name in NAME.findall(path.read_text(encoding="utf-8")):
            found.setdefault(name, []).append(str(path.relative_to(ROOT)))
    return found


def test_every_name_in_the_code_is_a_file():
    names = _names_in_code()
    assert len(names) > 150
    missing = []
    for name, where in sorted(names.items()):
        try:
            load_sql(name)
        except SqlFileMissing:
            missing.append((name, where))
    assert missing == []


def test_every_query_file_is_named_in_the_code():
    names = set(_names_in_code())
    files = {str(p.relative_to(ROOT / "sql"))[:-4] for p in (ROOT / "sql" / "queries").rglob("*.sql")}
    assert files, "no query files found"
    assert sorted(files - names) == []


def test_no_query_name_is_built_at_run_time():
    built = re.compile(r"""f["'](?:queries|views|schema)/""")
    assert [str(p.relative_to(ROOT)) for p in CODE if built.search(p.read_text())] == []


def test_query_files_sit_in_a_room():
    rooms = {"access", "bonuses", "config", "derived", "ingest", "leads", "notify", "reporting",
             "timesheets"}
    folders = {p.parent.name for p in (ROOT / "sql" / "queries").rglob("*.sql")}
    assert folders == rooms


@pytest.mark.parametrize("path", sorted((ROOT / "leadanalytics" / "demo" / "sql").glob("*.sql")),
                         ids=lambda p: p.name)
def test_every_demo_sql_file_is_used_by_the_demo(path):
    demo_code = "".join(p.read_text() for p in (ROOT / "leadanalytics" / "demo").glob("*.py"))
    assert f"sql/{path.stem}" in DEMO_NAME.findall(demo_code)
