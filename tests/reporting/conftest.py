"""Warehouses with a small organisation and hand-made lead histories."""

from __future__ import annotations

import pytest

import leadanalytics as la
from tests.helpers import add_lead, add_org


@pytest.fixture
def org_warehouse(warehouse):
    """A fresh warehouse with the organisation only (tests may write to it)."""
    add_org(warehouse)
    return warehouse


@pytest.fixture(scope="session")
def funnel_warehouse(tmp_path_factory):
    """Seven leads whose funnel is counted by hand in test_metrics.py (as of 2026-03-31).

    Built once per session: tests only read it.
    """
    w = la.connect(tmp_path_factory.mktemp("funnel") / "funnel.duckdb", create=True)
    add_org(w)
    add_lead(w, "L1", [("2026-03-01", "concept"), ("2026-03-02", "ingediend"),
                       ("2026-03-05", "actief_als_lead"),
                       ("2026-03-20", "actief_als_opdracht", None, "A-1")], business_unit="A")
    add_lead(w, "L2", [("2026-03-01", "concept"), ("2026-03-03", "ingediend"),
                       ("2026-03-10", "actief_als_lead")], business_unit="A",
             submitter_id="E2", branch_id="B2A")
    add_lead(w, "L3", [("2026-03-01", "concept"), ("2026-03-04", "ingediend"),
                       ("2026-03-06", "afgewezen", "no budget")], business_unit="A",
             submitter_id="E3", branch_id="B3")
    add_lead(w, "L4", [("2026-03-02", "concept")], business_unit="B")
    add_lead(w, "L5", [("2026-03-02", "ingediend"), ("2026-03-09", "geannuleerd", "duplicate")],
             business_unit="B", submitter_id="E2", branch_id="B2A")
    add_lead(w, "L6", [("2026-03-03", "concept"), ("2026-04-02", "ingediend")],
             business_unit=None)
    add_lead(w, "L7", [("2026-04-05", "concept")], business_unit="A")
    return w
