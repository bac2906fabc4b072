"""Vintage triangles from the data core's vintage cube: ever-30+ and coincident 30+ by count and
balance, month and quarter cohorts."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.aging.rates import AgingError
from analysis.charts.aging import chart_vintage_curves, chart_vintage_heatmap
from analysis.core.view import View
from analysis.aging.vintage import vintage_matrix, vintage_summary, vintage_triangle
from tests.conftest import make_portfolio


@pytest.fixture
def book():
    """a: Jan cohort, 30+ at MOB1, then leaves; b: Jan cohort, 30+ at MOB2; c: Feb cohort, never."""
    df = make_portfolio([
        ("a", "2024-01", 0, 10.0), ("a", "2024-02", 40, 10.0),
        ("b", "2024-01", 0, 30.0), ("b", "2024-02", 0, 30.0), ("b", "2024-03", 35, 28.0),
        ("c", "2024-02", 0, 60.0), ("c", "2024-03", 0, 60.0),
    ])
    df["origination_date"] = pd.to_datetime(df["account_id"].map(
        {"a": "2024-01-03", "b": "2024-01-28", "c": "2024-02-14"}))
    return df


@pytest.fixture
def cube(book, cubes_of):
    """The vintage cube of :func:`book`."""
    return cubes_of(book).vintage()


def _values(tri, cohort):
    part = tri[tri["cohort"] == cohort]
    return dict(zip(part["mob"], part["value"]))


def test_ever30_by_count_never_forgets_accounts_that_left(cube):
    tri = vintage_triangle(cube, "month", "ever30", "count")
    assert list(tri.columns) == ["cohort", "mob", "value", "accounts", "balance"]
    assert _values(tri, "2024-01") == {0: 0.0, 1: 0.5, 2: 1.0}
    assert _values(tri, "2024-02") == {0: 0.0, 1: 0.0}
    assert tri[tri["cohort"] == "2024-01"]["accounts"].unique().tolist() == [2]


def test_ever30_by_balance_uses_first_30_balance_over_first_seen_balance(cube):
    tri = vintage_triangle(cube, "month", "ever30", "balance")
    jan = _values(tri, "2024-01")
    assert jan[1] == pytest.approx(10 / 40) and jan[2] == pytest.approx((10 + 28) / 40)
    assert tri[tri["cohort"] == "2024-01"]["balance"].iloc[0] == 40.0


def test_coincident_30_counts_only_accounts_on_the_book(cube):
    tri = vintage_triangle(cube, "month", "dpd30", "count")
    assert _values(tri, "2024-01") == {0: 0.0, 1: 0.5, 2: 1.0}  # MOB2: only b is left, and it is 30+
    assert tri[(tri["cohort"] == "2024-01") & (tri["mob"] == 2)]["accounts"].tolist() == [1]
    by_bal = vintage_triangle(cube, "month", "dpd30", "balance")
    assert _values(by_bal, "2024-01")[1] == pytest.approx(10 / 40)


def test_quarter_cohorts_stop_at_the_mob_every_member_can_reach(cube):
    tri = vintage_triangle(cube, "quarter", "ever30", "count")
    assert tri["cohort"].unique().tolist() == ["2024-Q1"]
    # youngest member booked in February, data ends in March → MOB 0..1 only
    assert _values(tri, "2024-Q1") == {0: 0.0, 1: pytest.approx(1 / 3)}
    # the coincident rate too: at MOB 2 only January's accounts are on the book, not the quarter's
    coincident = vintage_triangle(cube, "quarter", "dpd30", "count")
    assert sorted(_values(coincident, "2024-Q1")) == [0, 1]


def test_matrix_is_the_triangle_wide(cube):
    wide = vintage_matrix(cube, "month", "ever30", "count")
    assert wide.index.tolist() == ["2024-01", "2024-02"] and wide.columns.tolist() == [0, 1, 2]
    assert np.isnan(wide.loc["2024-02", 2])
    assert wide.loc["2024-01", 2] == 1.0


def test_ever30_is_monotone_and_rates_in_range(sample_cubes):
    tri = vintage_triangle(sample_cubes.vintage(), "month", "ever30", "count")
    assert tri["value"].between(0, 1).all()
    assert (tri.groupby("cohort")["value"].diff().dropna() >= -1e-12).all()


def test_bad_parameters_and_missing_dates(book, cube, cubes_of):
    with pytest.raises(AgingError):
        vintage_triangle(cube, cohort="year")
    with pytest.raises(AgingError):
        vintage_triangle(cube, metric="ever60")
    with pytest.raises(AgingError):
        vintage_triangle(cube, measure="amount")
    with pytest.raises(AgingError) as err:
        vintage_triangle(cubes_of(book.drop(columns="origination_date")).vintage())
    assert "origination" in str(err.value)
    with pytest.raises(AgingError):
        vintage_triangle(cubes_of(book.assign(origination_date=pd.NaT)).vintage())
    with pytest.raises(AgingError):
        vintage_matrix(cubes_of(book.drop(columns="origination_date")).vintage())


def test_snapshots_before_origination_are_ignored(book, cubes_of):
    df = book.copy()
    df.loc[df["account_id"] == "c", "origination_date"] = pd.Timestamp("2024-05-01")
    tri = vintage_triangle(cubes_of(df).vintage(), "month", "ever30", "count")
    assert tri["cohort"].unique().tolist() == ["2024-01"]


def test_input_untouched_summary_and_charts(book, cubes_of):
    before = book.copy()
    cube = cubes_of(book).vintage()
    cube_before = cube.copy()
    tri = vintage_triangle(cube)
    vintage_matrix(cube, "quarter", "dpd30", "count")
    pd.testing.assert_frame_equal(book, before)
    pd.testing.assert_frame_equal(cube, cube_before)
    summary = vintage_summary(tri, (1, 2))
    assert summary.set_index("cohort").loc["2024-01", "mob_2"] == pytest.approx(38 / 40)
    for chart in (chart_vintage_curves(tri, View(lang="zh"), metric="ever30", subtitle="口径"),
                  chart_vintage_heatmap(tri, View(lang="en"), metric="ever30", subtitle="basis")):
        spec = chart.to_dict()
        assert spec["title"]["text"] and "aging.chart" not in str(spec)


def test_select_cohorts_hides_left_truncated_and_keeps_the_latest(book, cubes_of):
    seasoned = book.copy()
    seasoned.loc[seasoned["account_id"] == "a", "origination_date"] = pd.Timestamp("2019-06-10")
    tri = vintage_triangle(cubes_of(seasoned).vintage(), "month", "ever30", "count")
    assert set(tri["cohort"]) == {"2019-06", "2024-01", "2024-02"}
    from analysis.aging.vintage import select_cohorts

    assert set(select_cohorts(tri)["cohort"]) == {"2024-01", "2024-02"}  # 2019-06 first seen at MOB 55
    assert set(select_cohorts(tri, booked_in_window=False, last=2)["cohort"]) == {"2024-01", "2024-02"}
    assert select_cohorts(tri, last=1)["cohort"].unique().tolist() == ["2024-02"]
    with pytest.raises(AgingError):
        select_cohorts(tri, last=0)
