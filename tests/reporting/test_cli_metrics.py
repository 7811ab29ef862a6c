"""`leadanalytics metrics`: list, CSV out, --by, usage errors (exit 2), --json."""

from __future__ import annotations

import json

from click.testing import CliRunner

from leadanalytics.cli import cli


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


def test_usage_errors_exit_2(funnel_warehouse):
    for args in (
        ["metrics", "time_to_decision", "--as-of", "2026-03-31", "--by", "source"],
        ["metrics", "funnel", "--scope", "everyone"],
        ["metrics", "funnel", "--scope", "branch:NOPE"],
        ["metrics", "frobnicate"],
        ["metrics", "funnel", "--by", "title"],
    ):
        r = run(funnel_warehouse, *args)
        assert r.exit_code == 2, (args, r.output)


def test_json_rows(funnel_warehouse):
    r = run(funnel_warehouse, "metrics", "time_to_decision", "--as-of", "2026-03-31", "--json")
    assert r.exit_code == 0, r.output
    data = json.loads(r.stdout)
    assert data["metric"] == "time_to_decision" and data["row_count"] == len(data["rows"])
    assert set(data["rows"][0]) == {"days", "at_risk", "decided", "censored", "still_open"}
