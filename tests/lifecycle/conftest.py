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


@pytest.fixture(scope="session")
def _phased_template(_templates, tmp_path_factory) -> Path:
    """The public_support template plus one lead per phase, built once (seed.PATHS)."""
    path = tmp_path_factory.mktemp("template") / "phased.duckdb"
    shutil.copy(_templates["public_support"], path)
    w = la.connect(path)
    for phase in seed.PATHS:
        seed.lead_in(w, phase, f"L-{phase}")
    return path


@pytest.fixture
def phased(_phased_template, db_path: Path) -> la.Warehouse:
    """public_support warehouse with the organisation and lead ``L-<phase>`` in every phase."""
    shutil.copy(_phased_template, db_path)
    return la.connect(db_path)


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


@pytest.fixture(scope="module")
def phased_shared(_phased_template, tmp_path_factory) -> la.Warehouse:
    """One copy of the ``phased`` warehouse for a whole module: only for tests that write nothing
    (refusals; they assert so, which makes sharing it a check of its own)."""
    path = tmp_path_factory.mktemp("shared") / "phased.duckdb"
    shutil.copy(_phased_template, path)
    return la.connect(path)


@pytest.fixture(scope="module")
def org_shared(_templates, tmp_path_factory) -> la.Warehouse:
    """One copy of the organisation for a whole module of read-only tests."""
    path = tmp_path_factory.mktemp("shared") / "org.duckdb"
    shutil.copy(_templates["public_support"], path)
    return la.connect(path)
