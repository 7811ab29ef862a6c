"""Scheme files (bonus-rules.md, "Schemes"): validation, storing, freezing, `init --bonus-scheme`."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest
from bonus_agency import SCHEMES, Agency
from click.testing import CliRunner

from leadanalytics.bonuses import install_bonus_schemes
from leadanalytics.cli import cli
from leadanalytics.config.bonus_schemes import load_bonus_schemes, parse_bonus_schemes
from leadanalytics.exceptions import SchemeConfigError, SchemeFrozen

BASE = """
[[scheme]]
name = "2026"
valid_from = 2026-01-01
valid_to = 2026-12-31
threshold_hours = 100
default_amount_eur = 250.00
payout_day = 25
payout_lag_months = 1
"""


def test_test_scheme_file_reads_as_written():
    s2026, s2027 = load_bonus_schemes(SCHEMES)
    assert (s2026.name, s2026.valid_from, s2026.valid_to) == ("2026", dt.date(2026, 1, 1),
                                                             dt.date(2026, 12, 31))
    assert s2026.amount_by_business_unit == {"Interim juristen": Decimal("400.00")}
    assert s2026.hours_extension.threshold_hours == Decimal("40.00")
    assert s2026.permanent_role.trigger == "placement"
    assert s2026.permanent_role.threshold_hours is None
    assert (s2027.valid_to, s2027.payout_day, s2027.payout_lag_months) == (None, 31, 2)


def test_shipped_sample_is_marked_as_sample():
    (sample,) = load_bonus_schemes()
    assert sample.name.startswith("sample")


def test_decimal_amounts_stay_exact():
    (s,) = parse_bonus_schemes(BASE.replace("250.00", "33.33"))
    assert s.default_amount_eur == Decimal("33.33")


@pytest.mark.parametrize(("change", "scheme", "key", "words"), [
    (("valid_to = 2026-12-31", "valid_to = 2026-12-31\nbonus = 1"), "2026", "bonus", "unknown key"),
    (("default_amount_eur = 250.00", "default_amount_eur = -1"), "2026", "default_amount_eur",
     "negative"),
    (("threshold_hours = 100", "threshold_hours = 0"), "2026", "threshold_hours", "greater than 0"),
    (("threshold_hours = 100", "threshold_hours = -5"), "2026", "threshold_hours", "greater than 0"),
    (("payout_day = 25", "payout_day = 32"), "2026", "payout_day", "1–31"),
    (("payout_day = 25", "payout_day = 0"), "2026", "payout_day", "1–31"),
    (("payout_lag_months = 1", "payout_lag_months = 0"), "2026", "payout_lag_months", "≥ 1"),
    (("default_amount_eur = 250.00", "default_amount_eur = 250.005"), "2026",
     "default_amount_eur", "two decimals"),
    (("valid_to = 2026-12-31", "valid_to = 2025-12-31"), "2026", "valid_to", "before valid_from"),
    (("payout_day = 25\n", ""), "2026", "payout_day", "required"),
])
def test_bad_values_are_refused_naming_scheme_and_key(change, scheme, key, words):
    text = BASE.replace(*change)
    with pytest.raises(SchemeConfigError) as info:
        parse_bonus_schemes(text, "schemes.toml")
    err = info.value
    assert (err.scheme, err.key) == (scheme, key)
    assert words in str(err) and "schemes.toml" in str(err)


@pytest.mark.parametrize(("section", "key"), [
    ('[scheme.hours_extension]\namount_eur = 150.00\ntrigger = "hours"', "hours_extension.trigger"),
    ('[scheme.permanent_role]\namount_eur = 500.00\nextra = 1', "permanent_role.extra"),
    ('[scheme.permanent_role]\namount_eur = -500.00', "permanent_role.amount_eur"),
    ('[scheme.permanent_role]\namount_eur = 5\ntrigger = "soon"', "permanent_role.trigger"),
    ('[scheme.hours_extension]\nthreshold_hours = 0\namount_eur = 1', "hours_extension.threshold_hours"),
    ('[scheme.amount_by_business_unit]\n"ICT" = -3', "amount_by_business_unit.ICT"),
])
def test_bad_sections_are_refused(section, key):
    with pytest.raises(SchemeConfigError) as info:
        parse_bonus_schemes(BASE + section)
    assert (info.value.scheme, info.value.key) == ("2026", key)


def test_unknown_top_level_key_is_refused():
    with pytest.raises(SchemeConfigError) as info:
        parse_bonus_schemes("currency = 'EUR'\n" + BASE)
    assert info.value.key == "currency"


@pytest.mark.parametrize("second_from", ["2026-12-31", "2026-06-01", "2025-01-01"])
def test_overlapping_validity_is_refused(second_from):
    other = BASE.replace('"2026"', '"later"').replace("valid_from = 2026-01-01",
                                                      f"valid_from = {second_from}")
    other = other.replace("valid_to = 2026-12-31\n", "")
    with pytest.raises(SchemeConfigError) as info:
        parse_bonus_schemes(BASE + other)
    assert "overlaps" in str(info.value) and info.value.key == "valid_from"


def test_adjacent_validity_is_fine():
    other = BASE.replace('"2026"', '"2027"').replace("2026-01-01", "2027-01-01").replace(
        "valid_to = 2026-12-31\n", "")
    assert [s.name for s in parse_bonus_schemes(BASE + other)] == ["2026", "2027"]


def _write(tmp_path, text, name="s.toml"):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def test_stored_in_warehouse(warehouse):
    install_bonus_schemes(warehouse, SCHEMES)
    df = warehouse.sql("select scheme, default_amount_eur, perm_trigger from bonus_schemes "
                       "order by scheme")
    assert df.scheme.tolist() == ["2026", "2027"]
    assert df.perm_trigger.tolist()[0] == "placement"


def test_unused_scheme_may_change_and_reloading_is_idempotent(warehouse, tmp_path):
    install_bonus_schemes(warehouse, _write(tmp_path, BASE))
    install_bonus_schemes(warehouse, _write(tmp_path, BASE))
    install_bonus_schemes(warehouse, _write(tmp_path, BASE.replace("250.00", "275.00")))
    assert warehouse.sql("select default_amount_eur from bonus_schemes").iloc[0, 0] == 275


def test_scheme_a_won_lead_used_is_frozen(warehouse, tmp_path):
    open_ended = BASE.replace("valid_to = 2026-12-31\n", "")
    a = Agency(warehouse, schemes=_write(tmp_path, open_ended))
    a.lead("L-1", submitted="2026-03-02", won="2026-03-10")
    with pytest.raises(SchemeFrozen) as info:
        install_bonus_schemes(warehouse, _write(tmp_path, open_ended.replace("250.00", "300.00")))
    assert info.value.scheme == "2026" and "default_amount_eur" in str(info.value)
    with pytest.raises(SchemeFrozen):        # cannot be removed either
        install_bonus_schemes(warehouse, _write(tmp_path, BASE.replace('"2026"', '"x"').replace(
            "2026-", "2030-")))
    with pytest.raises(SchemeFrozen):        # a valid_to before a won lead's submission
        install_bonus_schemes(warehouse, _write(tmp_path, BASE.replace("2026-12-31", "2026-03-01")))
    # an open-ended scheme may be closed after its last won lead's submission date, and a
    # policy change is a new scheme
    closed = BASE.replace("2026-12-31", "2026-03-02")
    newer = BASE.replace('"2026"', '"2026b"').replace("2026-01-01", "2026-03-03").replace(
        "250.00", "300.00")
    assert install_bonus_schemes(warehouse, _write(tmp_path, closed + newer)) == ["2026", "2026b"]


def test_init_installs_schemes(db_path):
    r = CliRunner().invoke(cli, ["--db", str(db_path), "init", "--bonus-scheme", str(SCHEMES),
                                 "--json"])
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["bonus_schemes"] == ["2026", "2027"]


def test_init_refuses_bad_scheme_with_exit_1(db_path, tmp_path):
    bad = _write(tmp_path, BASE.replace("payout_day = 25", "payout_day = 40"))
    r = CliRunner().invoke(cli, ["--db", str(db_path), "init", "--bonus-scheme", str(bad)])
    assert r.exit_code == 1
    assert "'2026'" in r.stderr and "payout_day" in r.stderr
