"""Bonus tests share one migrated template warehouse (with the test schemes), copied per test:
creating a warehouse from nothing costs more than most bonus tests."""

from __future__ import annotations

import shutil

import pytest
from bonus_agency import SCHEMES, Agency

import leadanalytics as la
from leadanalytics.bonuses import install_bonus_schemes


@pytest.fixture(scope="session")
def template_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("template") / "template.duckdb"
    install_bonus_schemes(la.connect(path), SCHEMES)
    return path


@pytest.fixture
def warehouse(template_db, db_path) -> la.Warehouse:
    shutil.copyfile(template_db, db_path)
    return la.Warehouse(db_path)


@pytest.fixture
def agency(warehouse) -> Agency:
    a = Agency(warehouse)
    a.person("P-EMP")
    return a
