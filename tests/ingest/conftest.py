"""Helpers for the ingest tests: writing small timesheet CSVs and reading back what loaded."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import CASES

HEADER = "line_id,revision,assignment_id,employee_id,week,hours,status,status_date,source"
INGEST_CASES = CASES / "ingest"


@pytest.fixture
def write_csv(tmp_path: Path):
    """Write ``rows`` (CSV lines without header) under the contract header; return the path."""

    def write(name: str, *rows: str, header: str = HEADER) -> Path:
        return write_rows(tmp_path / name, rows, header)

    return write


def write_rows(path: Path, rows, header: str = HEADER) -> Path:
    """Write CSV lines (without header) under the contract header to ``path``."""
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


def fresh_warehouse(template_db: Path, folder: Path):
    """A copy of the template warehouse in ``folder``, connected (also for hypothesis tests,
    which cannot take a fresh function-scoped fixture per example)."""
    import shutil

    import leadanalytics as la

    shutil.copy(template_db, folder / "ts.duckdb")
    return la.connect(folder / "ts.duckdb")


def balanced(r) -> bool:
    """Nothing silently dropped: read = loaded + skipped + quarantined."""
    return r.rows_read == r.rows_loaded + r.rows_skipped + r.rows_quarantined


@pytest.fixture(scope="session")
def template_db(tmp_path_factory) -> Path:
    """A migrated, initialised warehouse file, made once and copied per test (faster)."""
    import leadanalytics as la

    p = tmp_path_factory.mktemp("template") / "template.duckdb"
    la.connect(p)
    return p


@pytest.fixture
def w_ts(template_db: Path, tmp_path: Path):
    """A fresh warehouse for one test (a copy of the template)."""
    return fresh_warehouse(template_db, tmp_path)
