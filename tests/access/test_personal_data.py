"""Personal data is declared once (access/personal_data.toml) and anonymising follows it alone:
every store column named like personal data is declared, and nothing depends on imports."""

from __future__ import annotations

import dataclasses
import json
import re
import subprocess
import sys
import textwrap

import pytest

import leadanalytics as la
from leadanalytics.access import privacy
from leadanalytics.access.privacy import anonymize, anonymize_contact, personal_data
from leadanalytics.exceptions import ConfigError
from tests.helpers import add_branches, add_lead, add_people

#: Column names with a word (between underscores) that looks like a name, an e-mail address, a
#: contact or free text (which may mention anyone); ids (``*_id``) are not personal data.
LOOKS_PERSONAL = re.compile(
    r"(^|_)(name|e?mail|phone|contact|address|recipients?|body|subject|title|description|reason"
    r"|comment|notes?|remark|raw|detail|message|text|labels?|value|result|error)(_|$)",
    re.IGNORECASE,
)


def _looks_personal(column: str) -> bool:
    return bool(LOOKS_PERSONAL.search(column)) and not column.endswith("_id")


@pytest.fixture(scope="module")
def store_columns(tmp_path_factory) -> set[str]:
    w = la.connect(tmp_path_factory.mktemp("columns") / "fresh.duckdb", create=True)
    rows = w.sql("select table_name, column_name from information_schema.columns "
                 "where table_schema = 'store'", output="polars").rows()
    return {f"{t}.{c}" for t, c in rows}


def test_every_column_named_like_personal_data_is_declared(store_columns):
    declared = personal_data()
    looks = {c for c in store_columns if _looks_personal(c.split(".", 1)[1])}
    undeclared = sorted(looks - set(declared.columns) - set(declared.not_personal))
    assert undeclared == [], (
        f"{undeclared}: declare each in leadanalytics/access/personal_data.toml, under [columns] "
        "(with whose data it is and a step that anonymises it) or under [not_personal] (why not)")


def test_the_declaration_names_only_columns_that_exist(store_columns):
    declared = personal_data()
    named = set(declared.columns) | set(declared.not_personal)
    named |= {c for steps in declared.steps.values() for step in steps for c in step.covers}
    assert sorted(named - store_columns) == []


def test_every_personal_column_has_sql_for_each_of_its_subjects():
    declared = personal_data()
    assert declared.uncovered() == []
    assert declared.columns["timesheet_requests.contact_email"] == ("contact",)
    assert {"people.name", "people.email", "outbox.body"} <= set(declared.columns)


@pytest.fixture
def admin(warehouse):
    add_branches(warehouse, [("AMS", "Amsterdam", None)])
    add_people(warehouse, [("ADM", "Ada Admin", "admin", "AMS"), ("P1", "Sanne de Vries", "employee", "AMS")])
    return warehouse


def test_a_column_without_sql_is_refused_not_skipped(admin, monkeypatch):
    declared = personal_data()
    columns = {**declared.columns, "people.role": ("person",)}   # declared, but no step covers it
    monkeypatch.setattr(privacy, "personal_data",
                        lambda: dataclasses.replace(declared, columns=columns))
    with pytest.raises(ConfigError, match=r"person: people\.role"):
        anonymize(admin, "P1", by="ADM")
    assert admin.sql("select name from people where person_id = 'P1'")["name"][0] == "Sanne de Vries"
    assert len(admin.sql("select * from privacy_log")) == 0


def test_a_step_whose_sql_file_is_missing_is_refused(admin, monkeypatch):
    declared = personal_data()
    steps = {**declared.steps, "contact": (*declared.steps["contact"],
                                           privacy.Step("privacy_no_such_file", ()))}
    monkeypatch.setattr(privacy, "personal_data",
                        lambda: dataclasses.replace(declared, steps=steps))
    with pytest.raises(ConfigError, match="privacy_no_such_file"):
        anonymize_contact(admin, "els@klant.nl", by="ADM")


def test_parse_refuses_a_step_covering_an_undeclared_column():
    with pytest.raises(ConfigError, match="not declared"):
        privacy.parse_personal_data({"columns": {}, "anonymize": {"person": [
            {"sql": "privacy_anonymize_person", "covers": ["people.name"]}]}})


_ANONYMIZE_ALONE = textwrap.dedent("""
    import importlib.util, json, sys, types
    # the package without its __init__ (which imports every room): only privacy and what it needs
    spec = importlib.util.find_spec("leadanalytics")
    package = types.ModuleType("leadanalytics")
    package.__path__ = list(spec.submodule_search_locations)
    sys.modules["leadanalytics"] = package
    from leadanalytics.access.privacy import anonymize_contact
    from leadanalytics.db.warehouse import Warehouse
    done = anonymize_contact(Warehouse(sys.argv[1]), "Els@Klant.nl", by="ADM")
    print(json.dumps({"rows_changed": done.rows_changed,
                      "requests_imported": "leadanalytics.timesheets.requests" in sys.modules}))
""")


def test_anonymizing_a_contact_reaches_requests_without_importing_them(admin):
    with admin.transaction() as tx:
        tx.sql("""insert into store.timesheet_requests (request_id, assignment_id, kind, lead_id,
                  branch_id, contact_name, contact_email, contact_language, status, requested_at,
                  sent_on, reason)
                  values (1, 'A-1', 'missing', 'L1', 'AMS', 'Els Visser', 'els@klant.nl', 'nl',
                          'open', '2026-03-02', '2026-03-02', null),
                         (2, 'A-1', 'correction', 'L1', 'AMS', 'Els Visser', 'els@klant.nl', 'nl',
                          'fulfilled', '2026-03-02', '2026-03-02', 'Els Visser belde: vrijdag mist')""")
        tx.sql("""insert into store.timesheet_request_weeks (request_id, week, week_status)
                  values (1, '2026-02-16', 'requested'), (2, '2026-02-09', 'received')""")
    out = subprocess.run([sys.executable, "-c", _ANONYMIZE_ALONE, str(admin.path)],
                         capture_output=True, text=True, check=True)
    got = json.loads(out.stdout)
    assert got["requests_imported"] is False and got["rows_changed"] > 0
    requests = admin.sql("select request_id, contact_name, contact_email, status, reason "
                         "from store.timesheet_requests order by 1").values.tolist()
    assert requests == [[1, "***", "***", "cancelled", None],
                        [2, "***", "***", "fulfilled", "*** belde: vrijdag mist"]]
    weeks = admin.sql("select week_status from store.timesheet_request_weeks order by request_id")
    assert weeks["week_status"].tolist() == ["cancelled", "received"]
    text = admin.sql("select * from store.timesheet_requests", output="polars").write_csv()
    assert "els" not in text.lower() and "visser" not in text.lower()


def test_free_text_and_quarantined_rows_are_anonymised(admin):
    """Columns first anonymised with the declaration: reasons, quarantined rows, recipients."""
    with admin.transaction() as tx:
        tx.sql("""insert into store.quarantine values
                  (1, 'people', 'people.csv', 2, 'P9', 'bad_email',
                   'bad_email: email p1@example.nl is not valid',
                   '{"person_id": "P9", "name": "Sanne  de Vries", "email": "P1@example.nl"}')""")
        tx.sql("""insert into store.report_runs (schedule, report, scope, slot, attempt, status,
                  started_at, recipients) values ('w', 'weekly', 'all', '2026-03-02 08:00', 1, 'sent',
                  '2026-03-02 08:00', ['P1@example.nl', 'ada@pro.nl'])""")
    add_lead(admin, "L1", [("2026-03-01", "ingediend"),
                           ("2026-03-11", "afgewezen", "Sanne de Vries heeft al een kandidaat")],
             submitter_id="P1", branch_id="AMS")
    assert admin.sql("select count(*) as n from store.lead_phase_spans "
                     "where reason like 'Sanne%'")["n"][0] == 1
    anonymize(admin, "P1", by="ADM")
    for table in ("phase_events", "lead_phase_spans"):
        reasons = admin.sql(f"select reason from store.{table} where reason is not null")
        assert reasons["reason"].tolist() == ["*** heeft al een kandidaat"], table
    q = admin.sql("select detail, raw::varchar as raw from store.quarantine").values.tolist()
    assert q == [["bad_email: email *** is not valid",
                  '{"person_id": "P9", "name": "***", "email": "***"}']]
    recipients = admin.sql("select recipients from store.report_runs")["recipients"][0]
    assert list(recipients) == ["***", "ada@pro.nl"]
