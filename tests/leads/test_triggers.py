"""Trigger rules: each occurrence fires once, dry runs write nothing, moves meet every rule."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from click.testing import CliRunner
from leadanalytics.pipelines.reference import load_branches, load_people

from leadanalytics.cli import cli
from leadanalytics.config.triggers import parse_trigger_rules
from leadanalytics.exceptions import ConfigError
from leadanalytics.leads import lifecycle
from leadanalytics.leads.triggers import install_triggers, run_triggers
from tests.helpers import CASES

REF = CASES / "reference"
RULES = CASES / "triggers" / "rules.toml"
T0 = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)  # a Monday


@pytest.fixture
def org(warehouse):
    load_branches(warehouse, REF / "branches.csv")  # NL > NOORD > AMS, NL > ZUID > EHV
    load_people(warehouse, REF / "people.csv")      # P1 employee AMS, P2 director NOORD, P3 finance
    return warehouse


def rules(w, path=RULES):
    """Install the rules after the history was written, reacting to it since T0: so the tests
    walk the calendar with explicit runs (rules installed first would fire at every change)."""
    install_triggers(w, path, since=T0)


def new_lead(w, lead_id, at=T0):
    lifecycle.create_lead(w, lead_id, "P1", branch_id="AMS", at=at, business_unit="interim_juristen",
                          client_name="Gemeente Utrecht", title="Jurist omgevingsrecht")
    lifecycle.submit(w, lead_id, "P1", at=at + dt.timedelta(hours=1))


def outbox(w):
    return w.sql("select kind, to_person_id, subject, ref from outbox order by message_id").values.tolist()


def test_moved_to_phase_notifies_submitter_once(org):
    new_lead(org, "L1")
    lifecycle.approve(org, "L1", "P2", at=T0 + dt.timedelta(days=1))
    rules(org)
    fired = run_triggers(org, "2026-03-03")
    assert [(f.rule, f.lead_id, f.outcome) for f in fired] == [("accepted", "L1", "done")]
    assert outbox(org) == [
        ["trigger:accepted", "P1", 'Lead L1 is nu "Actief als lead"', "L1"],
    ]
    assert run_triggers(org, "2026-03-03") == []  # once per occurrence
    assert len(outbox(org)) == 1


def test_dry_run_lists_and_writes_nothing(org):
    new_lead(org, "L1")
    lifecycle.approve(org, "L1", "P2", at=T0 + dt.timedelta(days=1))
    rules(org)
    fired = run_triggers(org, "2026-03-03", dry_run=True)
    assert [(f.rule, f.outcome) for f in fired] == [("accepted", "would fire")]
    assert outbox(org) == []
    assert len(org.sql("select * from trigger_firings")) == 0


def test_stale_fires_after_n_days_and_again_after_a_new_change(org):
    new_lead(org, "L1")  # last change: submit at T0 + 1 h (2026-03-02)
    rules(org)
    assert run_triggers(org, "2026-03-15") == []  # 13 days
    fired = run_triggers(org, "2026-03-16")  # 14 days after the change: stale
    assert [(f.rule, f.lead_id) for f in fired] == [("stale", "L1")]
    assert outbox(org)[0][:2] == ["trigger:stale", "P2"]  # the lead's regional director
    assert run_triggers(org, "2026-03-20") == []
    # a change on 20 March starts a new quiet period; the rules run after the change, acting
    # today, so its stale notice (due 3 April) is queued at once, and once only
    lifecycle.update_lead(org, "L1", "P1", at=dt.datetime(2026, 3, 20, 9, tzinfo=dt.UTC),
                          description="nog steeds actueel")
    assert [row[0] for row in outbox(org)] == ["trigger:stale", "trigger:stale"]
    assert run_triggers(org, "2026-04-03") == []


def test_one_runs_notices_go_together_each_in_its_readers_language(org):
    """Three leads in two regions fall stale on the same day: one run queues a notice to each
    lead's regional director, in that director's language, and records three firings."""
    with org.transaction() as tx:
        tx.sql("UPDATE store.people SET language = 'en' WHERE person_id = 'P4'")
    new_lead(org, "L1")
    new_lead(org, "L2")
    lifecycle.create_lead(org, "L3", "P4", branch_id="EHV", at=T0, business_unit="interim_juristen",
                          client_name="Gemeente Eindhoven", title="Jurist")
    lifecycle.submit(org, "L3", "P4", at=T0 + dt.timedelta(hours=1))
    rules(org)
    fired = run_triggers(org, "2026-03-16")
    assert sorted((f.lead_id, f.outcome) for f in fired) == [
        ("L1", "done"), ("L2", "done"), ("L3", "done")]
    assert {f.detail for f in fired if f.lead_id != "L3"} == {"notice queued for P2"}
    assert next(f.detail for f in fired if f.lead_id == "L3") == "notice queued for P4"
    sent = org.sql("select ref, to_person_id, language, subject from outbox order by ref")
    assert sent[["ref", "to_person_id", "language"]].values.tolist() == [
        ["L1", "P2", "nl"], ["L2", "P2", "nl"], ["L3", "P4", "en"]]
    assert list(sent["subject"]) == ["Lead L1 staat al 14 dagen stil", "Lead L2 staat al 14 dagen stil",
                                     "Lead L3 has not moved for 14 days"]
    assert len(org.sql("select * from trigger_firings")) == 3
    assert run_triggers(org, "2026-03-17") == []                 # each occurrence once


def test_end_phase_is_never_stale_and_group_actions_chain(org):
    new_lead(org, "L1")
    lifecycle.reject(org, "L1", "P2", "geen_kandidaat", at=T0 + dt.timedelta(days=1))
    rules(org)
    fired = run_triggers(org, "2026-06-01")
    # rules run in name order, so the group joined by follow_up is seen by group_notice at once
    assert [f.rule for f in fired] == ["follow_up", "group_notice"]
    assert org.sql("select lead_id, group_code from lead_group_members").values.tolist() == [
        ["L1", "opvolgen"],
    ]
    assert outbox(org)[0][:2] == ["trigger:group_notice", "P3"]
    assert run_triggers(org, "2026-06-01") == []


def test_history_before_installation_does_not_fire(org):
    new_lead(org, "L0", at=T0 - dt.timedelta(days=30))
    lifecycle.approve(org, "L0", "P2", at=T0 - dt.timedelta(days=29))
    rules(org)
    assert [f.rule for f in run_triggers(org, "2026-03-03")] == []


def test_move_action_goes_through_the_rules(org, tmp_path):
    move_rules = tmp_path / "move.toml"
    move_rules.write_text(
        '[[rule]]\nname = "auto_cancel"\nevent = "stale"\ndays = 30\naction = "move_to_phase"\n'
        'target_phase = "geannuleerd"\nby = "P2"\nreason = "verlopen"\n'
        '[[rule]]\nname = "a_bad_move"\nevent = "stale"\ndays = 30\naction = "move_to_phase"\n'
        'target_phase = "actief_als_opdracht"\nby = "P2"\n'
    )
    new_lead(org, "L1")
    rules(org)
    install_triggers(org, move_rules, since=T0)
    fired = {f.rule: f for f in run_triggers(org, "2026-04-10")}
    assert fired["auto_cancel"].outcome == "done"
    refused = fired["a_bad_move"]
    assert refused.outcome == "refused" and "L1" in refused.detail
    assert org.sql("select phase from leads")["phase"].tolist() == ["geannuleerd"]
    assert run_triggers(org, "2026-04-10") == []  # refused is recorded too: not retried forever


@pytest.mark.parametrize(
    ("text", "fault"),
    [
        ('[[rule]]\nname="a"\nevent="born"\naction="notify"\n', "event must be one of"),
        ('[[rule]]\nname="a"\nevent="stale"\naction="notify"\nto="submitter"\ntemplate="t"\n', "stale needs 'days'"),
        ('[[rule]]\nname="a"\nevent="created"\naction="notify"\nto="submitter"\n', "notify needs 'template'"),
        ('[[rule]]\nname="a"\nevent="created"\naction="add_to_group"\ntarget_group="g"\ncolour=1\n', "unknown keys ['colour']"),
        ('[[rule]]\nname="a"\nevent="stale"\ndays=0\naction="add_to_group"\ntarget_group="g"\n', "days must be"),
    ],
)
def test_bad_rules_are_refused_with_rule_and_key(text, fault):
    with pytest.raises(ConfigError) as err:
        parse_trigger_rules(text, "rules.toml")
    assert fault in str(err.value) and "rule 'a'" in str(err.value)


def test_install_checks_phases_against_the_pipeline(warehouse, tmp_path):
    rules = tmp_path / "r.toml"
    rules.write_text('[[rule]]\nname="a"\nevent="moved_to_phase"\nphase="gewonnen"\n'
                     'action="add_to_group"\ntarget_group="g"\n')
    with pytest.raises(ConfigError, match="phase 'gewonnen' is not in the pipeline"):
        install_triggers(warehouse, rules)


def test_cli_triggers(org):
    new_lead(org, "L1")
    lifecycle.approve(org, "L1", "P2", at=T0 + dt.timedelta(days=1))
    rules(org)
    runner = CliRunner()
    dry = runner.invoke(cli, ["--db", str(org.path), "triggers", "run", "--as-of", "2026-03-03",
                              "--dry-run", "--json"])
    assert dry.exit_code == 0, dry.output
    assert json.loads(dry.stdout)["firings"][0]["outcome"] == "would fire"
    real = runner.invoke(cli, ["--db", str(org.path), "triggers", "run", "--as-of", "2026-03-03"])
    assert real.exit_code == 0 and "1 fired" in real.stderr


def test_rules_run_after_every_lifecycle_change(warehouse):
    load_branches(warehouse, REF / "branches.csv")
    load_people(warehouse, REF / "people.csv")
    install_triggers(warehouse, RULES)  # installed now: reacts to what happens from now on
    lifecycle.create_lead(warehouse, "L9", "P1", branch_id="AMS", business_unit="interim_juristen",
                          client_name="Gemeente Utrecht", title="Jurist")
    lifecycle.submit(warehouse, "L9", "P1")
    assert outbox(warehouse) == []
    lifecycle.approve(warehouse, "L9", "P2")  # fires 'accepted' without a `triggers run`
    assert [row[:2] for row in outbox(warehouse)] == [["trigger:accepted", "P1"]]
    assert run_triggers(warehouse) == []  # and only once


# --- triggers fired by a lifecycle verb run in the verb's own transaction (architecture.md) ---


def test_a_refused_trigger_move_is_recorded_and_the_verb_commits(org, tmp_path):
    bad_move = tmp_path / "bad_move.toml"
    bad_move.write_text(
        '[[rule]]\nname = "jump"\nevent = "moved_to_phase"\nphase = "ingediend"\n'
        'action = "move_to_phase"\ntarget_phase = "actief_als_opdracht"\nby = "P2"\n'
    )
    install_triggers(org, bad_move)  # installed now: reacts to the verbs below
    lifecycle.create_lead(org, "L1", "P1", branch_id="AMS", business_unit="interim_juristen",
                          client_name="Gemeente Utrecht", title="Jurist")
    event = lifecycle.submit(org, "L1", "P1")  # ingediend -> actief_als_opdracht is no next phase
    assert event.to_phase == "ingediend"
    assert org.sql("select phase from leads")["phase"].tolist() == ["ingediend"]
    firings = org.sql("select rule, lead_id, outcome, detail from trigger_firings").values.tolist()
    assert [f[:3] for f in firings] == [["jump", "L1", "refused"]]
    assert "actief_als_opdracht" in firings[0][3]
    assert run_triggers(org) == []  # recorded once: not retried


def test_a_trigger_move_in_a_verb_fires_no_further_evaluation(org, tmp_path):
    moves = tmp_path / "moves.toml"
    moves.write_text(
        '[[rule]]\nname = "a_withdraw"\nevent = "moved_to_phase"\nphase = "ingediend"\n'
        'action = "move_to_phase"\ntarget_phase = "geannuleerd"\nby = "P2"\nreason = "dubbel"\n'
        '[[rule]]\nname = "b_group"\nevent = "moved_to_phase"\nphase = "geannuleerd"\n'
        'action = "add_to_group"\ntarget_group = "opvolgen"\n'
    )
    install_triggers(org, moves)
    lifecycle.create_lead(org, "L1", "P1", branch_id="AMS", business_unit="interim_juristen",
                          client_name="Gemeente Utrecht", title="Jurist")
    lifecycle.submit(org, "L1", "P1")
    assert org.sql("select phase from leads")["phase"].tolist() == ["geannuleerd"]
    # one pass in name order: the later rule sees the earlier rule's move, each fires once
    assert org.sql("select rule, outcome from trigger_firings order by rule").values.tolist() == [
        ["a_withdraw", "done"], ["b_group", "done"],
    ]
    assert run_triggers(org) == []


def test_any_other_trigger_error_rolls_the_whole_verb_back(org, tmp_path, monkeypatch):
    from leadanalytics.leads import triggers

    notice = tmp_path / "notice.toml"
    notice.write_text(
        '[[rule]]\nname = "welcome"\nevent = "created"\naction = "notify"\nto = "submitter"\n'
        'template = "trigger_phase_changed"\n'
    )
    install_triggers(org, notice)

    def broken(*args, **kwargs):
        raise RuntimeError("the outbox is on fire")

    monkeypatch.setattr(triggers, "_notify", broken)
    with pytest.raises(RuntimeError, match="on fire"):
        lifecycle.create_lead(org, "L1", "P1", branch_id="AMS", business_unit="interim_juristen",
                              client_name="Gemeente Utrecht", title="Jurist")
    assert len(org.sql("select * from leads")) == 0
    assert len(org.sql("select * from phase_events")) == 0
    assert len(org.sql("select * from trigger_firings")) == 0
    monkeypatch.undo()
    lifecycle.create_lead(org, "L1", "P1", branch_id="AMS", business_unit="interim_juristen",
                          client_name="Gemeente Utrecht", title="Jurist")
    assert org.sql("select rule, outcome from trigger_firings").values.tolist() == [["welcome", "done"]]


def _imports(module: str) -> set[str]:
    """The leadanalytics modules ``module`` imports, at any level (functions included)."""
    import ast
    import importlib.util

    spec = importlib.util.find_spec(module)
    tree = ast.parse(open(spec.origin, encoding="utf-8").read())  # noqa: SIM115, PTH123
    package = module if spec.submodule_search_locations else module.rpartition(".")[0]
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                base = ".".join(parts[: len(parts) - node.level + 1] + ([base] if base else []))
            # ``from a import b`` imports module a.b when there is one, else a (as grimp counts)
            names = [f"{base}.{a.name}" if _is_module(f"{base}.{a.name}") else base
                     for a in node.names]
        else:
            continue
        found.update(n for n in names if n.startswith("leadanalytics") and _is_module(n))
    return found


def _is_module(name: str) -> bool:
    import importlib.util

    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):  # a name inside a module, not a module
        return False


def _reaches(start: str, target: str) -> bool:
    seen, todo = set(), [start]
    while todo:
        module = todo.pop()
        if module == target:
            return True
        if module not in seen:
            seen.add(module)
            todo.extend(_imports(module) - seen)
    return False


def test_lifecycle_and_triggers_import_no_cycle():
    lifecycle_, triggers_ = "leadanalytics.leads.lifecycle", "leadanalytics.leads.triggers"
    assert triggers_ in _imports(lifecycle_)  # the verbs' explicit trigger step
    assert not _reaches(triggers_, lifecycle_)
    assert not _reaches("leadanalytics.leads.moves", triggers_)
