"""Fixtures of the lifecycle tests: a warehouse with the hand-written organisation."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

import leadanalytics as la

CASES = Path(__file__).parents[1] / "cases" / "lifecycle"
_spec = importlib.util.spec_from_file_location("lifecycle_seed", CASES / "seed.py")
seed = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(seed)


@pytest.fixture
def org(warehouse: la.Warehouse) -> la.Warehouse:
    """public_support warehouse with branches, people and delegations of tests/cases/lifecycle."""
    seed.seed_org(warehouse)
    return warehouse


@pytest.fixture
def carerix_org(db_path: Path) -> la.Warehouse:
    w = la.init(db_path, pipeline="carerix")
    seed.seed_org(w)
    return w
