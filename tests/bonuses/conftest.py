"""Bonus tests share one migrated template warehouse (with the test schemes), copied per test:
creating a warehouse from nothing costs more than most bonus tests.

The ``agency`` fixture runs the whole test inside one write transaction, which every call of the
package joins (the warehouse keeps one transaction per thread): opening the file per call is
what made these tests slow. A test that runs the command line (a second connection) or manages
its own transactions asks for ``committed`` as well, and then every call commits on its own."""

from __future__ import annotations

import shutil

import pytest
from bonus_agency import SCHEMES, Agency

import leadanalytics as la
from leadanalytics.bonuses import install_bonus_schemes


@pytest.fixture(scope="session")
def template_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("template") / "template.duckdb"
    install_bonus_schemes(la.connect(path, create=True), SCHEMES)
    return path


@pytest.fixture
def warehouse(template_db, db_path) -> la.Warehouse:
    shutil.copyfile(template_db, db_path)
    return la.Warehouse(db_path)


@pytest.fixture
def committed():
    """Marker fixture: this test's calls commit one by one (no surrounding transaction)."""
    return True


@pytest.fixture
def agency(warehouse, request):
    if "committed" in request.fixturenames:
        a = Agency(warehouse)
        a.person("P-EMP")
        yield a
        return
    with warehouse.transaction():
        a = Agency(warehouse)
        a.person("P-EMP")
        yield a
