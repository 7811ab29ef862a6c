"""Phase pipeline files: the shipped ones load, broken ones are refused with the fault and file."""

from __future__ import annotations

import pytest

from leadanalytics.config import load_phase_pipeline, parse_phase_pipeline, shipped_pipelines
from leadanalytics.exceptions import PipelineConfigError

GOOD = """
name = "tiny"
[lead]
[[lead.groups]]
code = "open"
[[lead.groups]]
code = "closed"
[[lead.phases]]
code = "a"
group = "open"
default = true
next = ["b"]
[[lead.phases]]
code = "b"
group = "closed"
end = true
outcome = "won"
"""


def test_shipped_pipelines_load():
    assert shipped_pipelines() == ["carerix", "public_support"]
    ps = load_phase_pipeline("public_support")
    assert [g.code for g in ps.lead.groups] == [
        "actueel", "actief_als_lead", "actief_als_opdracht", "geannuleerd_afgewezen",
    ]
    assert ps.lead.phase("ingediend").next == ("actief_als_lead", "afgewezen", "geannuleerd")
    assert ps.lead.phase("afgewezen").requires_reason
    assert ps.lead.phase("actief_als_opdracht").requires_assignment_id
    cx = load_phase_pipeline("carerix")
    assert cx.lead.default_end_phase.code == "omgezet"
    assert cx.opportunity.default_phase.code == "kans"
    assert cx.opportunity.phase("gewonnen").requires_assignment_id


def test_minimal_pipeline_parses():
    p = parse_phase_pipeline(GOOD, "tiny.toml")
    assert p.lead.default_phase.code == "a"
    assert p.lead.verb_for("b") == "move"


@pytest.mark.parametrize(
    ("old", "new", "fault"),
    [
        ("default = true\n", "", "no default phase"),
        ('next = ["b"]', 'next = ["zz"]', "unknown phase 'zz' in next"),
        ('outcome = "won"\n', 'outcome = "won"\nnext = ["a"]\n', "end phase 'b' has a next"),
        ('group = "closed"', 'group = "nowhere"', "outside every group"),
        ('code = "b"', 'code = "a"', "duplicate phase codes ['a']"),
        ('outcome = "won"', 'outcome = "maybe"', "outcome must be open, won or lost"),
        ('name = "tiny"', "", "missing top-level key 'name'"),
        ("default = true\n", "default = true\ncolour = 'red'\n", "unknown keys ['colour']"),
    ],
)
def test_broken_pipeline_is_refused_with_fault_and_file(old, new, fault):
    assert old in GOOD
    with pytest.raises(PipelineConfigError) as err:
        parse_phase_pipeline(GOOD.replace(old, new, 1), "broken.toml")
    assert fault in str(err.value)
    assert err.value.path == "broken.toml"
    assert str(err.value).startswith("broken.toml: ")


def test_not_toml_is_refused():
    with pytest.raises(PipelineConfigError, match="not valid TOML"):
        parse_phase_pipeline("name = ", "x.toml")


def test_missing_file_is_refused(tmp_path):
    with pytest.raises(PipelineConfigError, match="no such pipeline file"):
        load_phase_pipeline(tmp_path / "nope.toml")
