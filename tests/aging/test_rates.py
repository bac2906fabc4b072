"""Golden tests of analysis.aging.rates on hand-built portfolios whose answers are worked out here.

The tiny portfolio (tests/conftest.py):

    A: 2024-01 DPD 0  bal 100 | 2024-02 DPD 0   bal 90  | 2024-03 DPD 15 bal 80
    B: 2024-01 DPD 10 bal 200 | 2024-02 DPD 40  bal 210 | 2024-03 DPD 70 bal 220
    C: 2024-01 DPD 95 bal 50  | 2024-02 DPD 125 bal 50  | (gone in 2024-03: exit)
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.aging import rates as A
from analysis.core.buckets import DEFAULT_BUCKETS, M_BUCKETS
from analysis.charts import aging as C
from analysis.core.view import View
from analysis.core.rates import roll_rate_matrix
from analysis.warnings.playbook import DEFAULT_STAGE_PLAYBOOK
from analysis.trend.series import entry_rates
from tests.conftest import make_portfolio, rows_with_states

approx = pytest.approx


def _by_bucket(frame, column):
    return dict(zip(frame["bucket"].astype(str), frame[column]))


# --- distribution ----------------------------------------------------------------------------

def test_distribution_golden(tiny_cubes):
    dist = A.aging_distribution(tiny_cubes.aging(), "2024-01")
    assert list(dist["bucket"].astype(str)) == list(DEFAULT_BUCKETS.keys)
    assert _by_bucket(dist, "count") == {"Current": 1, "1-30": 1, "31-60": 0, "61-90": 0, "91-180": 1, "181+": 0}
    bal = _by_bucket(dist, "balance_share")
    assert bal["Current"] == approx(100 / 350) and bal["1-30"] == approx(200 / 350) and bal["91-180"] == approx(50 / 350)
    assert _by_bucket(dist, "count_share")["Current"] == approx(1 / 3)
    assert A.distribution_totals(dist) == {"count": 3, "balance": 350.0}


def test_distribution_by_segment_shares_within_segment(tiny_portfolio, cubes_of):
    df = tiny_portfolio.assign(product=pd.Categorical(["x", "x", "x", "y", "y", "y", "x", "x"]))
    dist = A.aging_distribution(cubes_of(df).aging("product"), "2024-02", "product")
    x = dist[dist["product"] == "x"]
    # x in 2024-02: A (Current, 90) and C (91-180, 50)
    assert _by_bucket(x, "balance")["Current"] == 90 and _by_bucket(x, "balance")["91-180"] == 50
    assert _by_bucket(x, "balance_share")["Current"] == approx(90 / 140)
    assert dist.groupby("product", observed=True)["balance_share"].sum().tolist() == approx([1.0, 1.0])
    assert dist["balance"].sum() == 350.0


def test_distribution_carries_overdue_amount(tiny_portfolio, cubes_of):
    df = tiny_portfolio.assign(overdue_amount=[0, 0, 5, 10, 20, 30, 40, 50.0])
    dist = A.aging_distribution(cubes_of(df).aging(), "2024-03")
    assert _by_bucket(dist, "overdue_amount") == {"Current": 0, "1-30": 5, "31-60": 0, "61-90": 30, "91-180": 0, "181+": 0}


def test_distribution_bad_month_and_segment(tiny_cubes):
    cube = tiny_cubes.aging()
    with pytest.raises(A.AgingError) as err:
        A.aging_distribution(cube, "2030-01")
    assert "2030-01" in err.value.message("zh") and "月份" in err.value.message("zh")
    assert "2030-01" in str(err.value)
    with pytest.raises(A.AgingError):
        A.aging_distribution(cube, "2024-01", by="region")


# --- over time -------------------------------------------------------------------------------------

def test_bucket_mix_golden(tiny_cubes):
    mix = A.bucket_mix(tiny_cubes.aging(), "balance")
    march = mix[mix["month"] == "2024-03"]
    assert _by_bucket(march, "value") == {"Current": 0, "1-30": 80, "31-60": 0, "61-90": 220, "91-180": 0, "181+": 0}
    assert march["share"].sum() == approx(1.0)
    with pytest.raises(A.AgingError):
        A.bucket_mix(tiny_cubes.aging(), "amount")


def test_rate_lines_golden(tiny_cubes):
    lines = A.rate_lines(tiny_cubes.rates(), "balance").set_index(["metric", "month"])
    assert lines.loc[("overdue_rate", "2024-01"), "rate"] == approx(250 / 350)
    assert lines.loc[("dpd30_rate", "2024-01"), "rate"] == approx(50 / 350)
    assert lines.loc[("dpd30_rate", "2024-02"), "rate"] == approx(260 / 350)
    assert lines.loc[("dpd30_rate", "2024-02"), "change"] == approx(210 / 350)
    assert lines.loc[("dpd90_rate", "2024-03"), "rate"] == 0.0
    assert np.isnan(lines.loc[("overdue_rate", "2024-01"), "change"])
    count = A.rate_lines(tiny_cubes.rates(), "count").set_index(["metric", "month"])
    assert count.loc[("overdue_rate", "2024-01"), "rate"] == approx(2 / 3)


def test_rate_lines_change_is_nan_after_a_gap(cubes_of):
    df = make_portfolio([("a", "2024-01", 40, 1.0), ("a", "2024-03", 0, 1.0)])
    lines = A.rate_lines(cubes_of(df).rates()).query("metric == 'dpd30_rate'")
    assert lines["change"].isna().all()


def test_lagged_rates_golden(tiny_cubes):
    out = A.lagged_rates(tiny_cubes.rates(), lag=1, measure="balance").set_index(["metric", "month"])
    row = out.loc[("dpd30_rate", "2024-03")]
    assert row["coincident"] == approx(220 / 300)
    assert row["lagged"] == approx(220 / 350)
    assert row["growth"] == approx(300 / 350 - 1)
    assert not row["grew_fast"]
    assert np.isnan(out.loc[("dpd30_rate", "2024-01"), "lagged"])


def test_lagged_rates_flag_a_fast_growing_book(cubes_of):
    # 1 account → 4 accounts in two months: the coincident rate is diluted by new loans.
    rows = [("a", "2024-01", 0, 100.0), ("a", "2024-02", 0, 100.0), ("a", "2024-03", 45, 100.0)]
    rows += [(f"n{i}", "2024-03", 0, 100.0) for i in range(3)]
    out = A.lagged_rates(cubes_of(make_portfolio(rows)).rates(), lag=2, growth_threshold=0.5)
    march = out[(out["metric"] == "dpd30_rate") & (out["month"] == "2024-03")].iloc[0]
    assert march["coincident"] == approx(0.25) and march["lagged"] == approx(1.0)
    assert march["growth"] == approx(3.0) and march["grew_fast"]


@pytest.mark.parametrize("lag", [0, 25, -1, 1.5, True, "3"])
def test_lagged_rates_rejects_bad_lag(tiny_cubes, lag):
    with pytest.raises(A.AgingError):
        A.lagged_rates(tiny_cubes.rates(), lag=lag)


def test_lagged_rates_rejects_bad_threshold(tiny_cubes):
    with pytest.raises(A.AgingError):
        A.lagged_rates(tiny_cubes.rates(), growth_threshold=-0.1)


# --- roll, flow, cure, entry -------------------------------------------------------------------------

def test_roll_rates_all_golden(tiny_cubes):
    out = A.roll_rates_all(tiny_cubes.transitions(), "count")
    jan = out[out["month"] == "2024-01"].set_index(["from_bucket", "to_bucket"])["rate"]
    assert jan[("Current", "Current")] == 1.0
    assert jan[("1-30", "31-60")] == 1.0
    assert jan[("91-180", "91-180")] == 1.0
    assert np.isnan(jan[("31-60", "Current")])  # nobody in 31-60 in January
    feb = out[out["month"] == "2024-02"].set_index(["from_bucket", "to_bucket"])["rate"]
    assert feb[("Current", "1-30")] == 1.0 and feb[("31-60", "61-90")] == 1.0
    assert feb[("91-180", "exit")] == 1.0  # C left the book: counted, never lost
    assert set(out["to_month"]) == {"2024-02", "2024-03"}


def test_roll_matrix_long_matches_cube_matrix(tiny_cubes):
    rolls = tiny_cubes.transitions()
    long = A.roll_matrix_long(rolls, ["2024-01", "2024-02"], "balance")
    wide = roll_rate_matrix(rolls, ["2024-01", "2024-02"], "balance")
    got = long.pivot(index="from_bucket", columns="to_bucket", values="rate")
    np.testing.assert_allclose(got.to_numpy(), wide.to_numpy(), equal_nan=True)
    # pooled Current row by balance: A 100 → Current, A 90 → 1-30 ⇒ 100/190 and 90/190
    cur = long[long["from_bucket"] == "Current"].set_index("to_bucket")["rate"]
    assert cur["Current"] == approx(100 / 190) and cur["1-30"] == approx(90 / 190)
    assert long[long["from_bucket"] == "Current"]["base"].iloc[0] == 190
    assert list(long["to_bucket"].cat.categories)[-1] == "exit"


def test_roll_matrix_long_rejects_a_month_without_pair(tiny_cubes):
    with pytest.raises(A.AgingError) as err:
        A.roll_matrix_long(tiny_cubes.transitions(), ["2024-03"])
    assert "2024-03" in err.value.message("en")


def test_flow_rates_golden(tiny_cubes):
    flow = A.flow_rates(A.roll_rates_all(tiny_cubes.transitions(), "count"))
    feb = flow[flow["month"] == "2024-02"].set_index("step")
    assert feb.loc[0, "rate"] == 1.0 and str(feb.loc[0, "from_bucket"]) == "Current"
    assert np.isnan(feb.loc[1, "rate"])  # nobody in 1-30 in February
    assert feb.loc[2, "rate"] == 1.0
    assert feb.loc[0, "chain"] == 1.0 and np.isnan(feb.loc[2, "chain"])  # the chain breaks at an empty step
    jan = flow[flow["month"] == "2024-01"].set_index("step")
    assert jan.loc[0, "rate"] == 0.0 and jan.loc[1, "rate"] == 1.0 and jan.loc[0, "base"] == 1


def test_cure_and_entry_rates_golden(cubes_of):
    df = make_portfolio([
        ("a", "2024-01", 10, 1.0), ("a", "2024-02", 0, 1.0),
        ("b", "2024-01", 10, 3.0), ("b", "2024-02", 40, 3.0),
        ("c", "2024-01", 0, 1.0), ("c", "2024-02", 5, 1.0),
        ("d", "2024-01", 0, 1.0), ("d", "2024-02", 0, 1.0),
        ("e", "2024-01", 0, 2.0),  # exits
    ])
    rolls = cubes_of(df).transitions()
    count = A.roll_rates_all(rolls, "count")
    cure = A.cure_rates(count).set_index(["month", "bucket"])
    assert cure.loc[("2024-01", "1-30"), "cure_rate"] == 0.5
    assert cure.loc[("pooled", "1-30"), "cure_rate"] == 0.5
    assert np.isnan(cure.loc[("pooled", "31-60"), "cure_rate"])
    by_balance = A.cure_rates(A.roll_rates_all(rolls, "balance")).set_index(["month", "bucket"])
    assert by_balance.loc[("pooled", "1-30"), "cure_rate"] == approx(1 / 4)
    # the one entry-rate definition (analysis.trend.series), dated at the month of entry
    entry = entry_rates(rolls, "count")
    assert entry["month"].tolist() == ["2024-02"]
    assert entry["entry_rate"].tolist() == [approx(1 / 3)]  # c of {c, d, e}; e exited, not entered
    assert entry["entered"].tolist() == [1.0] and entry["entry_base"].tolist() == [3.0]
    entry_bal = entry_rates(rolls, "balance")
    assert entry_bal["entry_rate"].tolist() == [approx(1 / 4)]


def test_cure_rates_rejects_unknown_window_month(tiny_cubes):
    with pytest.raises(A.AgingError):
        A.cure_rates(A.roll_rates_all(tiny_cubes.transitions()), ["2019-01"])


# --- DPD cube, playbook coverage ------------------------------------------------------------------

def test_stage_coverage_golden(tiny_cubes):
    cov = A.stage_coverage(tiny_cubes.dpd(), "2024-02", DEFAULT_STAGE_PLAYBOOK, "zh")
    by_action = dict(zip(cov["action"], cov["balance"]))
    assert by_action["none"] == 90 and by_action["letter"] == 210 and by_action["legal"] == 50
    assert cov["balance"].sum() == 350 and cov["count"].sum() == 3
    assert "催收函" in cov["action_label"].tolist()


def test_stage_coverage_lists_uncovered_dpd(cubes_of):
    book = pd.DataFrame({"min_dpd": [1], "max_dpd": [30], "action": ["call"]})
    df = make_portfolio([("a", "2024-01", 0, 5.0), ("b", "2024-01", 10, 7.0), ("c", "2024-01", 99, 11.0)])
    cov = A.stage_coverage(cubes_of(df).dpd(), "2024-01", book)
    assert cov["action"].tolist() == ["call", "none"]
    assert cov["balance"].tolist() == [7.0, 16.0]


@pytest.mark.parametrize("bad", [
    {"min_dpd": [-1], "max_dpd": [5], "action": ["call"]},
    {"min_dpd": [10], "max_dpd": [5], "action": ["call"]},
    {"min_dpd": ["x"], "max_dpd": [5], "action": ["call"]},
])
def test_validate_playbook_rejects(bad):
    with pytest.raises(A.AgingError):
        A.validate_playbook(pd.DataFrame(bad))


def test_validate_playbook_drops_empty_rows():
    book = pd.DataFrame({"min_dpd": [0, None], "max_dpd": [None, None], "action": ["call", None]})
    assert len(A.validate_playbook(book)) == 1


# --- FPD and drill-down -----------------------------------------------------------------------------

def _with_origination(rows, origination):
    df = make_portfolio(rows)
    df["origination_date"] = pd.to_datetime(df["account_id"].map(origination))
    return df


def test_first_payment_default_golden(cubes_of):
    df = _with_origination([
        ("x", "2024-01", 0, 10.0), ("x", "2024-02", 5, 10.0), ("x", "2024-03", 35, 10.0),
        ("y", "2024-01", 0, 30.0), ("y", "2024-02", 0, 30.0), ("y", "2024-03", 0, 30.0),
        ("z", "2024-02", 0, 5.0), ("z", "2024-03", 0, 5.0), ("z", "2024-04", 31, 5.0),
    ], {"x": "2024-01-10", "y": "2024-01-20", "z": "2024-02-05"})
    early = cubes_of(df).early_mob()
    fpd = A.first_payment_default(early, 30).set_index("cohort")
    assert fpd.loc["2024-01", "fpd_rate"] == 0.5 and fpd.loc["2024-02", "fpd_rate"] == 1.0
    assert (fpd["observation_mob"] == 2).all()
    by_bal = A.first_payment_default(early, 30, "balance").set_index("cohort")
    assert by_bal.loc["2024-01", "fpd_rate"] == approx(10 / 40)
    fpd1 = A.first_payment_default(early, 1).set_index("cohort")  # judged at MOB 1
    assert fpd1.loc["2024-01", "fpd_rate"] == 0.5 and fpd1.loc["2024-02", "fpd_rate"] == 0.0


def test_first_payment_default_needs_origination(tiny_cubes, cubes_of):
    with pytest.raises(A.AgingError) as err:
        A.first_payment_default(tiny_cubes.early_mob())
    assert "放款日期" in err.value.message("zh")
    with pytest.raises(A.AgingError):
        A.first_payment_default(cubes_of(_with_origination([("x", "2024-01", 0, 1.0)], {"x": "2024-01-01"})).early_mob(), 0)


def test_drill_down_rows_sorted_and_masked(tiny_portfolio):
    df = tiny_portfolio.assign(
        phone=pd.array(["13812341234"] * 8, dtype="str"),
        customer_name=pd.array(["张三丰"] * 8, dtype="str"),
        region=pd.Categorical(["东", "东", "东", "西", "西", "西", "东", "东"]))
    panel = rows_with_states(df)
    rows = A.drill_down(panel, "2024-01")
    assert rows["account_id"].tolist() == ["B", "A", "C"]
    assert rows["phone"].tolist() == ["138****1234"] * 3 and rows["customer_name"].iloc[0] == "张*丰"
    cell = A.drill_down(panel, "2024-02", "91-180", by="region", segment="东")
    assert cell["account_id"].tolist() == ["C"] and cell["next_bucket"].tolist() == ["exit"]
    assert A.drill_down(panel, "2024-01", masked=False)["phone"].iloc[0] == "13812341234"
    assert A.drill_down(panel, "2024-01", limit=1)["account_id"].tolist() == ["B"]
    with pytest.raises(A.AgingError):
        A.drill_down(panel, "2024-01", "M9")
    with pytest.raises(A.AgingError):
        A.drill_down(panel, "2024-01", by="region")


def test_drill_down_cells_add_up_to_the_distribution(tiny_cubes, tiny_rows):
    dist = A.aging_distribution(tiny_cubes.aging(), "2024-02")
    for key, bal in _by_bucket(dist, "balance").items():
        assert A.drill_down(tiny_rows, "2024-02", key)["balance"].sum() == bal


# --- contracts --------------------------------------------------------------------------------------

def test_no_function_mutates_its_input(tiny_portfolio, cubes_of):
    df = tiny_portfolio.assign(origination_date=pd.to_datetime("2023-12-15"))
    df_before = df.copy()
    panel = rows_with_states(df)
    pd.testing.assert_frame_equal(df, df_before)
    before = panel.copy()
    cubes = cubes_of(df)
    cube, rolls, rates, dpd, early = cubes.aging(), cubes.transitions(), cubes.rates(), cubes.dpd(), cubes.early_mob()
    copies = [c.copy() for c in (cube, rolls, rates, dpd, early)]
    A.aging_distribution(cube, "2024-01")
    A.bucket_mix(cube)
    A.rate_lines(rates)
    A.lagged_rates(rates, 1)
    everything = A.roll_rates_all(rolls)
    A.flow_rates(everything), A.cure_rates(everything), entry_rates(rolls)
    A.roll_matrix_long(rolls)
    A.stage_coverage(dpd, "2024-01")
    A.first_payment_default(early, 1)
    A.drill_down(panel, "2024-01", "Current")
    pd.testing.assert_frame_equal(panel, before)
    for got, want in zip((cube, rolls, rates, dpd, early), copies):
        pd.testing.assert_frame_equal(got, want)


def test_m_buckets_flow_through(tiny_portfolio, cubes_of):
    cubes = cubes_of(tiny_portfolio, M_BUCKETS)
    dist = A.aging_distribution(cubes.aging(), "2024-02")
    assert _by_bucket(dist, "balance") == {"M0": 90, "M1": 0, "M2": 210, "M3": 0, "M4": 0, "M5": 50, "M6": 0, "M6+": 0}
    flow = A.flow_rates(A.roll_rates_all(cubes.transitions()))
    assert flow["step"].max() == len(M_BUCKETS) - 2


# --- charts ---------------------------------------------------------------------------------------

def _datasets(spec: dict) -> list[list[dict]]:
    return list(spec.get("datasets", {}).values())


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_charts_are_titled_aggregated_and_months_are_strings(tiny_cubes, lang):
    cube, rolls, rates = tiny_cubes.aging(), tiny_cubes.transitions(), tiny_cubes.rates()
    everything = A.roll_rates_all(rolls)
    view = View(lang=lang, buckets=DEFAULT_BUCKETS)
    by_count = view.but(measure="count")
    charts = {
        "dist": C.chart_distribution(A.aging_distribution(cube, "2024-02"), view.but(unit="yuan", month="2024-02"),
                                     subtitle="口径 line"),
        "mix": C.chart_bucket_mix(A.bucket_mix(cube), view, subtitle="口径 line"),
        "rates": C.chart_rate_lines(A.rate_lines(rates), view, subtitle="口径 line"),
        "lagged": C.chart_lagged(A.lagged_rates(rates, 1), view, metric="dpd30_rate", lag=1, subtitle="口径 line"),
        "roll": C.chart_roll_heatmap(A.roll_matrix_long(rolls), by_count, subtitle="口径 line"),
        "flow": C.chart_flow_chain(A.flow_rates(everything), view, subtitle="口径 line"),
        "cure": C.chart_cure_rates(A.cure_rates(everything), by_count, subtitle="口径 line"),
        "entry": C.chart_entry_rates(entry_rates(rolls, "count"), by_count, subtitle="口径 line"),
    }
    for name, chart in charts.items():
        spec = chart.to_dict()
        assert spec["title"]["text"] and spec["title"]["subtitle"] == "口径 line", name
        assert "aging.chart" not in str(spec), name  # every label translated
        rows = [r for data in _datasets(spec) for r in data]
        assert len(rows) <= 100, name  # aggregated, never the account rows
        for r in rows:
            if "month" in r:
                assert isinstance(r["month"], str) and len(r["month"]) == 7, name
    roll_rows = [r for d in _datasets(charts["roll"].to_dict()) for r in d]
    assert DEFAULT_BUCKETS.label_of("exit", lang) in {r["to_label"] for r in roll_rows}
    dist_rows = [r for d in _datasets(charts["dist"].to_dict()) for r in d]
    assert sum(r["balance"] for r in dist_rows) == 350.0  # amounts reconcile in the tooltip


def test_chart_amounts_are_scaled_to_the_unit(tiny_cubes):
    dist = A.aging_distribution(tiny_cubes.aging(), "2024-02")
    spec = C.chart_distribution(dist, View(lang="zh", unit="wan", buckets=DEFAULT_BUCKETS, month="2024-02")).to_dict()
    rows = [r for d in _datasets(spec) for r in d]
    assert max(r["value"] for r in rows) == approx(210 / 1e4)
    assert "万元" in str(spec)


def test_drill_down_exports_are_masked_and_formula_safe(tiny_portfolio):
    import io

    from analysis.core.privacy import export_csv_bytes, export_xlsx_bytes

    df = tiny_portfolio.assign(
        account_id=pd.array(["=HYPERLINK(\"x\")", "=HYPERLINK(\"x\")", "=HYPERLINK(\"x\")", "B", "B", "B", "C", "C"], dtype="str"),
        phone=pd.array(["13812341234"] * 8, dtype="str"),
        overdue_reason=pd.array(["@SUM(A1)"] * 8, dtype="str"))
    rows = A.drill_down(rows_with_states(df), "2024-01")
    text = export_csv_bytes(rows).decode("utf-8-sig")
    assert text.startswith("account_id,")
    assert "'=HYPERLINK" in text and "'@SUM(A1)" in text and "13812341234" not in text
    book = pd.read_excel(io.BytesIO(export_xlsx_bytes({"accounts": rows}, note="口径")), sheet_name=None, engine="calamine")
    sheet = book["accounts"]
    assert sheet["account_id"].astype(str).str.startswith("'=").any()
    assert not sheet["phone"].astype(str).str.contains("13812341234").any()
    assert sheet["balance"].sum() == 350.0


# --- CLI ---------------------------------------------------------------------------------------------

def _cli(tmp_path, capsys, *args):
    import json

    from analysis.__main__ import main

    path = tmp_path / "book.csv"
    path.write_text("客户编号,数据日期,逾期天数,贷款余额,产品\n"
                    "A,2024-01-31,0,100.00,信用卡\nB,2024-01-31,10,200.00,消费贷\nC,2024-01-31,95,50.00,消费贷\n"
                    "A,2024-02-29,0,90.00,信用卡\nB,2024-02-29,40,210.00,消费贷\nC,2024-02-29,125,50.00,消费贷\n"
                    "A,2024-03-31,15,80.00,信用卡\nB,2024-03-31,70,220.00,消费贷\n", encoding="utf-8")
    code = main([args[0], str(path), *args[1:]])
    out = capsys.readouterr()
    return code, (json.loads(out.out) if code == 0 and "--json" in args else out.out), out.err


def test_cli_aging_json_shape(tmp_path, capsys):
    code, payload, _ = _cli(tmp_path, capsys, "aging", "--json", "--month", "2024-01")
    assert code == 0
    assert payload["month"] == "2024-01" and payload["buckets"] == list(DEFAULT_BUCKETS.keys)
    first = payload["rows"][0]
    assert set(first) >= {"bucket", "count", "balance", "count_share", "balance_share"}
    assert payload["totals"] == {"count": 3, "balance": 350.0}
    code, by_product, _ = _cli(tmp_path, capsys, "aging", "--json", "--by", "product")
    assert {r["product"] for r in by_product["rows"]} == {"信用卡", "消费贷"} and by_product["month"] == "2024-03"


def test_cli_rollrates_json_shape_and_errors(tmp_path, capsys):
    code, payload, _ = _cli(tmp_path, capsys, "rollrates", "--json")
    assert code == 0 and (payload["from_month"], payload["to_month"]) == ("2024-02", "2024-03")
    assert payload["columns"][-1] == "exit" and len(payload["counts"]) == len(payload["buckets"])
    assert payload["counts"][4][-1] == 1  # C (91-180 in February) left the book
    assert all(abs(sum(r) - 1) < 1e-12 for r in payload["rates"] if r[0] is not None)
    code, _, err = _cli(tmp_path, capsys, "rollrates", "--json", "--month", "2024-01")
    assert code == 2 and "2023-12" in err and "Traceback" not in err
    code, _, err = _cli(tmp_path, capsys, "aging", "--json", "--month", "2030-01", "--lang", "zh")
    assert code == 2 and "没有月份" in err


def test_the_cure_chart_tilts_long_bucket_labels_instead_of_printing_them_over_each_other(tiny_cubes):
    # "逾期61-90天逾期91-180天逾期180天以上": five Chinese bucket labels level in a half-width chart
    everything = A.roll_rates_all(tiny_cubes.transitions())
    cure = A.cure_rates(everything)
    zh = C.chart_cure_rates(cure, View(lang="zh", buckets=DEFAULT_BUCKETS), subtitle="口径").to_dict()
    axes = [layer["encoding"]["x"].get("axis", {}) for layer in zh["layer"]]
    assert any(axis.get("labelAngle") == -35 for axis in axes), axes
    short = pd.DataFrame({"month": ["pooled"] * 2, "bucket": ["1-30", "31-60"], "cure_rate": [0.3, 0.2],
                          "cured": [3.0, 2.0], "base": [10.0, 10.0]})
    few = C.chart_cure_rates(short, View(lang="en", buckets=DEFAULT_BUCKETS, measure="count"), subtitle="口径").to_dict()
    assert [layer["encoding"]["x"].get("axis", {}).get("labelAngle") for layer in few["layer"]][0] == 0
