"""Shared fixtures: a fresh warehouse per test."""

from __future__ import annotations

from pathlib import Path

import pytest

import leadanalytics as la

CASES = Path(__file__).parent / "cases"


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "test.duckdb"


@pytest.fixture
def warehouse(db_path: Path) -> la.Warehouse:
    return la.connect(db_path)
