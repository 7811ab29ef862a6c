"""Seed a test warehouse with the hand-written organisation of this folder (tests only)."""

from pathlib import Path

HERE = Path(__file__).parent


def seed_org(w) -> None:
    """Branches, people and delegations of tests/cases/lifecycle into ``w``."""
    with w.transaction() as tx:
        tx.sql(
            "INSERT INTO store.branches (branch_id, name, parent_id) "
            "SELECT branch_id, name, nullif(parent_id, '') FROM read_csv($f, all_varchar = true)",
            f=str(HERE / "branches.csv"),
        )
        tx.sql(
            "INSERT INTO store.people (person_id, name, email, role, branch_id, active) "
            "SELECT person_id, name, email, role, branch_id, CAST(active AS BOOLEAN) "
            "FROM read_csv($f, all_varchar = true)",
            f=str(HERE / "people.csv"),
        )
        tx.sql(
            "INSERT INTO store.delegations (delegator_id, delegate_id, role, start_date, end_date) "
            "SELECT delegator_id, delegate_id, coalesce(role, ''), CAST(start_date AS DATE), "
            "CAST(end_date AS DATE) FROM read_csv($f, all_varchar = true)",
            f=str(HERE / "delegations.csv"),
        )


FULL = {"business_unit": "Interim juristen", "client_name": "Gemeente Amsterdam", "title": "Jurist"}

# The path to reach each public_support phase: (lifecycle function, actor, keyword arguments).
PATHS = {
    "concept": [],
    "ingediend": [("submit", "E-ANNA", {})],
    "actief_als_lead": [("submit", "E-ANNA", {}), ("approve", "RD-AMS", {})],
    "actief_als_opdracht": [
        ("submit", "E-ANNA", {}), ("approve", "RD-AMS", {}),
        ("convert_to_assignment", "RD-AMS", {"assignment_id": "A-PRE"}),
    ],
    "afgewezen": [("submit", "E-ANNA", {}), ("reject", "RD-AMS", {"reason": "geen budget"})],
    "geannuleerd": [("cancel", "E-ANNA", {"reason": "dubbel"})],
}


def lead_in(w, phase: str, lead_id: str = "L-1", fields: dict | None = None) -> None:
    """A lead of E-ANNA in AMS, walked to `phase` in January 2026, one day per step."""
    from leadanalytics.leads import lifecycle as lc

    lc.create_lead(w, lead_id, "E-ANNA", branch_id="AMS", at="2026-01-05T09:00",
                   **(FULL if fields is None else fields))
    for day, (verb, actor, kw) in enumerate(PATHS[phase], start=6):
        getattr(lc, verb)(w, lead_id, actor, at=f"2026-01-{day:02d}T09:00", **kw)
