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
