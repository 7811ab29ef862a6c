"""Erasure is complete: after anonymising, the old values are nowhere in the warehouse file, not
even in its free blocks (domain.md, "Privacy"): the file is rewritten under the write lock."""

from __future__ import annotations

import duckdb
import pytest
from leadanalytics.pipelines.reference import load_branches, load_people

import leadanalytics as la
from leadanalytics.access.privacy import anonymize, anonymize_contact
from leadanalytics.db.rewrite import rewrite_file
from tests.helpers import CASES

REF = CASES / "reference"
EMAIL = b"sanne.devries.erasure@example.nl"


@pytest.fixture
def org(warehouse, tmp_path):
    load_branches(warehouse, REF / "branches.csv")
    people = tmp_path / "people.csv"
    people.write_text((REF / "people.csv").read_text() + "ADM,Ada Admin,ada@pro.nl,admin,NL,true\n"
                      f"P9,Sanne Erasure,{EMAIL.decode()},employee,AMS,true\n")
    load_people(warehouse, people)
    with warehouse.transaction() as tx:
        tx.sql("insert into store.leads (lead_id, pipeline, created_at, submitter_id, branch_id, "
               "client_name, contact_name, contact_email, title) values ('L1', 'public_support', "
               "'2026-02-01 10:00', 'P9', 'AMS', 'Gemeente X', 'Els Erasure', "
               "'els.erasure@klant.nl', 'Jurist')")
    return warehouse


def _bytes(w) -> bytes:
    return w.path.read_bytes() + (w.path.with_name(w.path.name + ".wal").read_bytes()
                                  if w.path.with_name(w.path.name + ".wal").exists() else b"")


def test_a_person_anonymised_is_nowhere_in_the_file(org):
    with duckdb.connect(str(org.path)) as con:  # the value reaches the file's blocks
        con.execute("CHECKPOINT")
    assert EMAIL in _bytes(org)
    anonymize(org, "P9", by="ADM")
    data = _bytes(org)
    assert EMAIL not in data and b"Sanne Erasure" not in data
    assert org.sql("select name from people where person_id = 'P9'")["name"][0] == "***"


def test_a_contact_anonymised_is_nowhere_in_the_file(org):
    with duckdb.connect(str(org.path)) as con:
        con.execute("CHECKPOINT")
    assert b"els.erasure@klant.nl" in _bytes(org)
    anonymize_contact(org, "els.erasure@klant.nl", by="ADM")
    data = _bytes(org)
    assert b"els.erasure@klant.nl" not in data and b"Els Erasure" not in data


def test_the_rewritten_file_is_the_same_warehouse(org):
    """Every table, view, macro and sequence survives: the same rows, the next lead key."""
    before = {v: org.sql(f"select count(*) as n from {v}")["n"][0]  # noqa: S608
              for v in ("people", "branches", "leads", "loads", "phases")}
    with org.reader() as con:
        key = con.execute("select max(lead_key) from store.leads").fetchall()[0][0]
    rewrite_file(org)
    w = la.connect(org.path)
    assert {v: w.sql(f"select count(*) as n from {v}")["n"][0]  # noqa: S608
            for v in before} == before
    la.create_lead(w, "L2", "P9", branch_id="AMS", business_unit="interim_juristen",
                   client_name="Bank", title="Jurist")
    with w.reader() as con:
        assert con.execute("select lead_key from store.leads where lead_id = 'L2'"
                           ).fetchall()[0][0] > key
    assert not list(org.path.parent.glob(".*rewrite*"))  # no temporary file left behind
