"""Fixtures of the lifecycle tests: a warehouse with the hand-written organisation.

The seeded warehouse is built once per session and per pipeline, then copied for every test
(a copy of a closed DuckDB file is a fresh, independent warehouse).
"""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

import pytest

import leadanalytics as la

CASES = Path(__file__).parents[1] / "cases" / "lifecycle"
_spec = importlib.util.spec_from_file_location("lifecycle_seed", CASES / "seed.py")
seed = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(seed)


@pytest.fixture(scope="session")
def _templates(tmp_path_factory) -> dict[str, Path]:
    made = {}
    for pipeline in ("public_support", "carerix"):
        path = tmp_path_factory.mktemp("template") / f"{pipeline}.duckdb"
        seed.seed_org(la.init(path, pipeline=pipeline))
        made[pipeline] = path
    return made


@pytest.fixture
def org(_templates, db_path: Path) -> la.Warehouse:
    """public_support warehouse with branches, people and delegations of tests/cases/lifecycle."""
    shutil.copy(_templates["public_support"], db_path)
    return la.connect(db_path)


@pytest.fixture
def carerix_org(_templates, db_path: Path) -> la.Warehouse:
    """The same organisation with the carerix phase pipeline."""
    shutil.copy(_templates["carerix"], db_path)
    return la.connect(db_path)
