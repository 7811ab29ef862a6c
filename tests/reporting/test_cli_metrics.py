"""`leadanalytics metrics`: list, CSV out, --by, --lang, label and name columns, exact
decimals, usage errors (one line, exit 2), --json."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

import leadanalytics as la
from leadanalytics.cli import cli
from tests.helpers import add_lead, add_org


def run(w, *args):
    return CliRunner().invoke(cli, ["--db", str(w.path), *args])


def test_metrics_list_names_every_metric(funnel_warehouse):
    r = run(funnel_warehouse, "metrics", "list")
    assert r.exit_code == 0, r.output
    names = [line.split(",")[0] for line in r.stdout.splitlines()[1:]]
    for name in ("funnel", "time_to_decision", "time_to_assignment", "cohorts", "time_in_phase",
                 "phase_overview", "ageing", "stale_leads", "reasons", "loads", "quarantine"):
        assert name in names


def test_funnel_csv_exact(funnel_warehouse):
    r = run(funnel_warehouse, "metrics", "funnel", "--as-of", "2026-03-31", "--scope", "all")
    assert r.exit_code == 0, r.output
    assert r.stdout.splitlines() == [
        "step,label,leads,rate,rate_low,rate_high",
        "ingediend,Submitted,4,,,",
        "actief_als_lead,Active lead,2,0.5,0.15,0.85",
        "actief_als_opdracht,Assignment,1,0.5,0.0945,0.9055",
    ]
    assert "funnel as of 2026-03-31" in r.stderr


def test_funnel_by_and_scope_to_file(funnel_warehouse, tmp_path):
    out = tmp_path / "f.csv"
    r = run(funnel_warehouse, "metrics", "funnel", "--as-of", "2026-03-31",
            "--scope", "branch:B2", "--by", "submitter_id", "--out", str(out))
    assert r.exit_code == 0, r.output
    assert out.read_text().splitlines() == [
        "submitter_id,step,label,leads,rate,rate_low,rate_high",
        "E2,ingediend,Submitted,2,,,",
        "E2,actief_als_lead,Active lead,1,0.5,0.0945,0.9055",
        "E2,actief_als_opdracht,Assignment,0,0.0,0.0,0.7935",  # z²/(1+z²)
    ]


def test_usage_errors_exit_2_with_one_line(funnel_warehouse):
    for args, names in (
        (["metrics", "time_to_decision", "--as-of", "2026-03-31", "--by", "source"],
         "decision_summary"),
        (["metrics", "funnel", "--scope", "everyone"], "all, branch:ID"),
        (["metrics", "funnel", "--scope", "branch:NOPE"], "NOPE"),
        (["metrics", "frobnicate"], "funnel"),
        (["metrics", "funnel", "--by", "title"], "business_unit, branch_id"),
        (["metrics", "leads", "--lang", "de"], "use one of: nl, en"),
        (["metrics", "inflow", "--by", "source"], "inflow takes no by"),
    ):
        r = run(funnel_warehouse, *args)
        assert r.exit_code == 2, (args, r.output)
        assert len(r.stderr.splitlines()) == 1 and r.stderr.startswith("error: "), r.stderr
        assert names in r.stderr, (args, r.stderr)


# the exact metrics on funnel_warehouse as of 31 March, by hand: starts L1 2 March (won 20
# March: 18 days), L3 4 March (rejected 6 March: 2), L5 2 March (cancelled 9 March: 7), L2 3
# March (open: censored at 28); L4 never started, L6 started after the date
EXACT_CSV = {
    "time_to_decision": [
        "days,at_risk,decided,censored,still_open",
        "2,4,1,0,0.75", "7,3,1,0,0.5", "18,2,1,0,0.25", "28,1,0,1,0.25",
    ],
    "time_to_assignment": [
        "days,at_risk,won,lost,censored,cumulative_incidence",
        "2,4,0,1,0,0.0", "7,3,0,1,0,0.0", "18,2,1,0,0,0.25", "28,1,0,0,1,0.25",
    ],
    "funnel": [
        "step,label,leads,rate,rate_low,rate_high",
        "ingediend,Submitted,4,,,",
        "actief_als_lead,Active lead,2,0.5,0.15,0.85",
        "actief_als_opdracht,Assignment,1,0.5,0.0945,0.9055",
    ],
}


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_exact_metrics_keep_their_columns_in_either_language(funnel_warehouse, lang):
    for name, expected in EXACT_CSV.items():
        r = run(funnel_warehouse, "metrics", name, "--as-of", "2026-03-31", "--lang", lang)
        assert r.exit_code == 0, r.output
        assert r.stdout.splitlines() == expected, name
    r = run(funnel_warehouse, "metrics", "funnel", "--as-of", "2026-03-31", "--lang", lang,
            "--by", "branch_id")
    assert r.stdout.splitlines()[0] == "branch_id,step,label,leads,rate,rate_low,rate_high"


def test_other_metrics_end_with_label_and_name_columns(funnel_warehouse):
    r = run(funnel_warehouse, "metrics", "stale_leads", "--as-of", "2026-03-31", "--lang", "en")
    assert r.exit_code == 0, r.output
    # open leads idle >= 30 days (the default) on 31 March: none; on 5 April L4 (34 days)
    r = run(funnel_warehouse, "metrics", "stale_leads", "--as-of", "2026-04-05", "--lang", "en")
    assert r.stdout.splitlines() == [
        "lead_id,title,submitter_id,branch_id,phase,last_change_day,days_since_change,"
        "submitter_name,branch_name,phase_label",
        "L4,Title L4,E1,B1,concept,2026-03-02,34,Anna Jansen,Groningen,Draft",
    ]


def test_as_of_after_the_data_is_one_warning_line(funnel_warehouse):
    r = run(funnel_warehouse, "metrics", "funnel", "--as-of", "2026-12-31")
    assert r.exit_code == 0, r.output
    assert [line for line in r.stderr.splitlines() if line.startswith("warning:")] == [
        "warning: as-of 2026-12-31 is after the latest data (2026-04-05): nothing after "
        "2026-04-05 is in the warehouse yet"]


@pytest.fixture(scope="module")
def hours_warehouse(tmp_path_factory):
    """Two won leads with timesheet hours that a float would not write as they are."""
    w = la.connect(tmp_path_factory.mktemp("hours") / "h.duckdb", create=True)
    add_org(w)
    add_lead(w, "L1", [("2026-03-01", "ingediend"), ("2026-03-05", "actief_als_lead"),
                       ("2026-03-20", "actief_als_opdracht", None, "A-1")],
             business_unit="interim_juristen")
    add_lead(w, "L2", [("2026-03-02", "ingediend"),
                       ("2026-03-10", "actief_als_opdracht", None, "A-2")],
             submitter_id="E2", branch_id="B2A", business_unit="ICT")
    with w.transaction() as tx:
        tx.con.execute(
            "INSERT INTO store.timesheet_lines VALUES "
            "('T1', 1, 'A-1', 'X', DATE '2026-03-23', 40.25, 'invoiced', DATE '2026-03-29', 'f', 1),"
            "('T2', 1, 'A-2', 'Y', DATE '2026-03-09', 60.10, 'invoiced', DATE '2026-03-15', 'f', 1),"
            "('T3', 1, 'A-2', 'Y', DATE '2026-03-16', 50.40, 'open', DATE '2026-03-22', 'f', 1),"
            "('T4', 1, 'A-2', 'Y', DATE '2026-03-23', 0.20, 'invoiced', DATE '2026-04-02', 'f', 1)")
    return w


def test_money_metric_csv_writes_exact_decimals_then_labels(hours_warehouse):
    r = run(hours_warehouse, "metrics", "assignment_hours", "--as-of", "2026-03-31",
            "--lang", "en")
    assert r.exit_code == 0, r.output
    # by hand: A-1 40.25 invoiced; A-2 60.10 invoiced + 50.40 open = 110.50 known (T4 became
    # known on 2 April, after the date); the columns of today, then the name and the label
    assert r.stdout.splitlines() == [
        "lead_id,submitter_id,business_unit,assignment_id,won_day,invoiced_hours,known_hours,"
        "submitter_name,business_unit_label",
        "L1,E1,interim_juristen,A-1,2026-03-20,40.25,40.25,Anna Jansen,Interim lawyers",
        "L2,E2,ICT,A-2,2026-03-10,60.10,110.50,Bram de Vries,ICT",
    ]


def test_json_rows(funnel_warehouse):
    r = run(funnel_warehouse, "metrics", "time_to_decision", "--as-of", "2026-03-31", "--json")
    assert r.exit_code == 0, r.output
    data = json.loads(r.stdout)
    assert data["metric"] == "time_to_decision" and data["row_count"] == len(data["rows"])
    assert set(data["rows"][0]) == {"days", "at_risk", "decided", "censored", "still_open"}


def test_a_period_on_the_command_line_gives_the_python_rows(funnel_warehouse):
    """`--since/--until` reach reasons and stale_leads; the CSV has the rows the Python call
    with the same period gives, and another metric with a period is a usage error."""
    w = funnel_warehouse
    for name in ("reasons", "stale_leads"):
        r = run(w, "metrics", name, "--as-of", "2026-03-31", "--since", "2026-03-01",
                "--until", "2026-03-31")
        assert r.exit_code == 0, r.output
        frame = getattr(la.metrics, name)(w, "2026-03-31", since="2026-03-01", until="2026-03-31")
        lines = r.stdout.splitlines()
        assert lines[0].split(",") == list(frame.columns)
        assert len(lines) - 1 == len(frame)
        if name == "reasons":   # L3 rejected on 03-06, L5 cancelled on 03-09
            assert sorted(frame["leads"]) == [1, 1] and "afgewezen" in r.stdout
    refused = run(w, "metrics", "funnel", "--as-of", "2026-03-31", "--since", "2026-03-01")
    assert refused.exit_code == 2
    assert "reasons, stale_leads" in refused.stderr
