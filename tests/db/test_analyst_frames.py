"""Frames an analyst can use (reports.md; issue 22): what `w.sql`, `w.query` and the history
functions return works with everyday pandas, polars, Altair and `la.write`, and the exact view
`current_timesheet_lines` counts a revised line once. Each test is one trap of issue 22 that
failed before; expected values are worked out by hand from the rows written below."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import altair as alt
import openpyxl
import polars as pl
import pytest

import leadanalytics as la
from leadanalytics.exceptions import UsageError
from tests.helpers import add_lead, add_org

AMS = "Europe/Amsterdam"

# (line, revision, assignment, week, hours, status_date): L1 revised twice (8 -> 6 -> 7.5)
LINES = [
    ("TS-1", 1, "A-1", "2026-03-02", "8.00", "2026-03-06"),
    ("TS-1", 2, "A-1", "2026-03-02", "6.00", "2026-03-09"),
    ("TS-1", 3, "A-1", "2026-03-02", "7.50", "2026-03-10"),
    ("TS-2", 1, "A-1", "2026-03-09", "4.25", "2026-03-13"),
    ("TS-3", 1, "A-2", "2026-03-02", "2.00", "2026-03-06"),
]


@pytest.fixture(scope="module")
def w(tmp_path_factory) -> la.Warehouse:
    """Leads L-1 (won A-1), L-2 (won A-2), L-3 (open); the timesheet lines of LINES. Read only."""
    w = la.init(tmp_path_factory.mktemp("frames") / "w.duckdb")
    add_org(w)
    add_lead(w, "L-1", [("2026-02-02", "concept"), ("2026-02-04", "ingediend"),
                        ("2026-02-10", "actief_als_opdracht", None, "A-1")])
    add_lead(w, "L-2", [("2026-02-03", "concept"), ("2026-02-13", "actief_als_opdracht",
                                                     None, "A-2")])
    # summer time: 10:00 UTC is 12:00 in Amsterdam
    add_lead(w, "L-3", [(dt.datetime(2026, 7, 1, 10, tzinfo=dt.UTC), "concept")])
    with w.transaction() as tx:
        for line, rev, assignment, week, hours, status_date in LINES:
            tx.sql("INSERT INTO store.timesheet_lines VALUES ($l, $r, $a, 'E1', CAST($wk AS DATE), "
                   "CAST($h AS DECIMAL(9, 2)), 'invoiced', CAST($d AS DATE), 'test', 1)",
                   l=line, r=rev, a=assignment, wk=week, h=hours, d=status_date)
    return w


HOURS = "select assignment_id, sum(hours) as hours from current_timesheet_lines group by 1 order by 1"


def test_groupby_describe_and_quantile_work_on_hours(w):
    lines = w.sql("select * from current_timesheet_lines")
    described = lines.groupby("assignment_id")["hours"].describe()
    assert described.loc["A-1", "count"] == 2 and described.loc["A-1", "mean"] == 5.875
    assert described.loc["A-2", "max"] == 2.0
    assert lines["hours"].quantile(0.5) == 4.25


def test_a_share_of_a_sum_divides(w):
    hours = w.sql(HOURS)["hours"]
    share = hours / hours.sum()                      # 11.75 and 2 of 13.75
    assert list(share.round(4)) == [0.8545, 0.1455]


def test_phase_durations_days_describe_and_quantile(w):
    days = la.phase_durations(w, "2026-03-31")
    assert str(days["days"].dtype) == "float64"
    concept = days[days["phase"] == "concept"].set_index("lead_id")["days"]
    assert concept["L-1"] == 2.0 and concept["L-2"] == 10.0      # Feb 2 -> 4, Feb 3 -> 13
    assert days.groupby("phase")["days"].describe().loc["concept", "count"] == 2
    assert days["days"].quantile(1.0) == days["days"].max()


def test_pandas_plots_a_histogram_of_hours(w):
    """``.plot.hist()`` raised TypeError on decimal hours (issue 22)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    axes = w.sql("select * from current_timesheet_lines")["hours"].plot.hist(bins=2)
    counts = [patch.get_height() for patch in axes.patches]
    plt.close("all")
    assert sum(counts) == len(w.sql("select * from current_timesheet_lines"))


def test_altair_takes_a_frame_with_hours(w):
    spec = alt.Chart(w.sql(HOURS)).mark_bar().encode(x="assignment_id", y="hours").to_dict()
    values = next(iter(spec["datasets"].values()))
    assert values == [{"assignment_id": "A-1", "hours": 11.75}, {"assignment_id": "A-2", "hours": 2.0}]


def test_times_are_amsterdam_in_pandas_and_polars_alike(w):
    query = "select lead_id, created_at from leads where lead_id = 'L-3'"
    pandas, polars = w.sql(query), w.sql(query, output="polars")
    assert str(pandas["created_at"].dtype) == "datetime64[us, Europe/Amsterdam]"
    assert polars.schema["created_at"] == pl.Datetime("us", AMS)
    assert pandas["created_at"][0].isoformat() == "2026-07-01T12:00:00+02:00"
    assert polars["created_at"][0].isoformat() == "2026-07-01T12:00:00+02:00"
    assert w.sql(HOURS, output="polars").schema["hours"] == pl.Float64


def test_exact_gives_decimals(w):
    pandas = w.sql(HOURS, exact=True)
    assert list(pandas["hours"]) == [Decimal("11.75"), Decimal("2.00")]
    assert w.sql(HOURS, output="polars", exact=True)["hours"].to_list() == [
        Decimal("11.75"), Decimal("2.00")]
    assert w.query("queries/timesheets/invoiced_hours_per_assignment", as_of=dt.date(2026, 3, 31),
                   exact=True)["invoiced_hours"].map(type).eq(Decimal).all()


def test_an_unknown_output_names_pandas_and_polars(w):
    with pytest.raises(UsageError, match="output='polar'.*pandas, polars"):
        w.sql("select 1 as x", output="polar")
    with pytest.raises(UsageError, match="pandas, polars"):
        la.phase_durations(w, output="polar")


def test_la_write_xlsx_of_leads_and_hours(w, tmp_path):
    la.write(w.sql("select * from leads order by lead_id"), tmp_path / "leads.xlsx")
    ws = openpyxl.load_workbook(tmp_path / "leads.xlsx").active
    header = [c.value for c in ws[1]]
    at = ws.cell(row=4, column=header.index("created_at") + 1)           # L-3
    assert at.value == dt.datetime(2026, 7, 1, 12, 0) and at.is_date
    assert at.number_format == "yyyy-mm-dd hh:mm:ss"
    la.write(w.sql(HOURS, output="polars"), tmp_path / "hours.xlsx")
    la.write(w.sql(HOURS), tmp_path / "hours_pandas.xlsx")
    for name in ("hours.xlsx", "hours_pandas.xlsx"):
        cells = [r[1] for r in openpyxl.load_workbook(tmp_path / name).active.iter_rows(min_row=2)]
        assert [c.value for c in cells] == [11.75, 2] and {c.data_type for c in cells} == {"n"}


# --------------------------------------------------------------------------- current lines


def test_current_timesheet_lines_has_each_line_once_with_its_latest_revision(w):
    lines = w.sql("select line_id, revision, hours from current_timesheet_lines order by 1",
                  exact=True)
    assert lines.values.tolist() == [["TS-1", 3, Decimal("7.50")], ["TS-2", 1, Decimal("4.25")],
                                     ["TS-3", 1, Decimal("2.00")]]


def test_a_join_to_leads_counts_hours_once(w):
    joined = w.sql(
        "select l.lead_id, sum(t.hours) as hours from current_timesheet_lines t "
        "join leads l on l.assignment_id = t.assignment_id group by 1 order by 1", exact=True)
    assert joined.values.tolist() == [["L-1", Decimal("11.75")], ["L-2", Decimal("2.00")]]
    every_revision = w.sql("select sum(hours) as h from timesheet_lines where line_id = 'TS-1'",
                           exact=True)["h"][0]
    assert every_revision == Decimal("21.50")        # what a join of timesheet_lines would sum
