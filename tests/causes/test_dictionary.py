"""Overdue reasons → causes: the keyword dictionary on phrases as staff write them, and the breakdowns."""
from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from analysis.causes import dictionary as C
from analysis.causes.dictionary import CAUSE_KEYS, CausesError
from tests.conftest import rows_with_states

# (text as typed in a collection system, expected cause). More and wider than the sample uses:
# punctuation, full-width characters, mixed languages, negations and several causes in one note.
PHRASES = [
    ("客户失业，收入中断", "income_loss"),
    ("公司裁员 暂无收入", "income_loss"),
    ("降薪，收入减少，暂时还不上", "income_loss"),
    ("被辞退了在找工作", "income_loss"),
    ("工资拖欠两个月", "income_loss"),
    ("待业在家", "income_loss"),
    ("工资延迟发放", "income_loss"),
    ("经营困难 资金周转不开", "business_difficulty"),
    ("生意亏损", "business_difficulty"),
    ("应收账款收不回来", "business_difficulty"),
    ("下游客户拖欠货款，回款慢", "business_difficulty"),
    ("工厂停产", "business_difficulty"),
    ("店铺倒闭", "business_difficulty"),
    ("短期资金紧张，下月还清", "business_difficulty"),
    ("住院", "illness_accident"),
    ("本人生病住院做手术", "illness_accident"),
    ("家人重病，医药费开支大", "illness_accident"),
    ("车祸受伤", "illness_accident"),
    ("家人医疗支出大", "illness_accident"),
    ("医疗开支", "illness_accident"),
    ("经营医疗器械生意亏损", "business_difficulty"),  # 医疗 names a trade here, not an illness
    ("借款人已身故", "illness_accident"),
    ("忘记还款了", "forgot"),
    ("客户称忘了还款日期", "forgot"),
    ("出差在外疏忽了", "forgot"),
    ("代扣失败，卡余额不足", "forgot"),
    ("换卡后未绑定新卡", "forgot"),
    ("多头借贷 负债过高", "over_indebted"),
    ("以贷养贷", "over_indebted"),
    ("网贷太多还不上", "over_indebted"),
    ("信用卡套现，负债率高", "over_indebted"),
    ("在多个平台借款", "over_indebted"),
    ("对账单有争议", "dispute"),
    ("对利息有异议", "dispute"),
    ("认为多扣了年费，投诉中", "dispute"),
    ("货物质量问题，拒付尾款", "dispute"),
    ("合同纠纷 诉讼中", "dispute"),
    ("恶意拖欠 失联", "wilful_default"),
    ("电话无人接听，疑似失联", "wilful_default"),
    ("有钱不还 态度恶劣", "wilful_default"),
    ("拒不还款", "wilful_default"),
    ("手机空号", "wilful_default"),
    ("疑似骗贷", "wilful_default"),
    ("台风影响 店铺停业", "force_majeure"),
    ("疫情封控无法营业", "force_majeure"),
    ("洪水冲毁养殖场", "force_majeure"),
    ("地震", "force_majeure"),
    ("其他", "other"),
    ("原因不明", "unknown"),
    ("", "unknown"),
    ("   ", "unknown"),
    ("无", "unknown"),
    ("N/A", "unknown"),
    ("-", "unknown"),
    (None, "unknown"),
    # English.
    ("Customer lost his job", "income_loss"),
    ("unemployed since March", "income_loss"),
    ("laid off, looking for work", "income_loss"),
    ("Cash flow problems in the business", "business_difficulty"),
    ("customer not paying their invoices", "business_difficulty"),
    ("hospitalised after a car accident", "illness_accident"),
    ("Borrower is sick", "illness_accident"),
    ("forgot to pay", "forgot"),
    ("Direct debit failed", "forgot"),
    ("Too many loans", "over_indebted"),
    ("Disputes the late fee", "dispute"),
    ("billing error on statement", "dispute"),
    ("Refuses to pay, unreachable", "wilful_default"),
    ("customer absconded", "wilful_default"),
    ("Flood damaged the shop", "force_majeure"),
    ("COVID lockdown", "force_majeure"),
    ("unknown", "unknown"),
    # Full-width letters and punctuation, mixed case.
    ("ＬＯＳＴ　ＪＯＢ", "income_loss"),
    ("lost，job", "income_loss"),
    # Negation: the negated cause does not count.
    ("非恶意拖欠，近期失业", "income_loss"),
    # ... with a space, a full-width space or a quote between the negation and its word
    ("非 恶意，失业", "income_loss"),
    ("不是　恶意拖欠，失业", "income_loss"),
    ("非“恶意”，失业", "income_loss"),
    ("not wilful, forgot the due date", "forgot"),
    # Several causes: the priority decides (wilful and disputes first, oversight last).
    ("失业后失联", "wilful_default"),
    ("生病住院忘记还款", "illness_accident"),
    ("经营困难导致收入下降", "business_difficulty"),
    # Whole words only for English: "fired" is not "fire", "bill" is not "ill".
    ("was fired last month", "income_loss"),
    ("paid the bill late, oversight", "forgot"),
]
UNMATCHED = ["天知道", "客户说下周还", "详见系统备注", "服刑中", "asdf qwerty"]


def test_the_phrase_table_is_realistic_and_large():
    assert len(PHRASES) >= 60
    assert {c for _, c in PHRASES} == set(CAUSE_KEYS)


@pytest.mark.parametrize(("text", "expected"), PHRASES)
def test_phrase_is_classified(text, expected):
    assert C.classify_reasons(pd.Series([text], dtype="object"))[0] == expected


def test_classify_returns_a_categorical_of_the_stable_keys_in_order():
    out = C.classify_reasons(pd.Series([t for t, _ in PHRASES], dtype="object"))
    assert isinstance(out, pd.Categorical)
    assert list(out.categories) == list(CAUSE_KEYS)
    assert len(out) == len(PHRASES)
    assert list(out) == [c for _, c in PHRASES]


def test_unclassified_texts_are_other_and_reported_with_their_share():
    texts = [t for t, _ in PHRASES if t and t.strip()] + UNMATCHED * 2
    series = pd.Series(texts, dtype="string")
    out = C.classify_reasons(series)
    assert all(out[-len(UNMATCHED):] == "other")
    examples = C.unclassified_reasons(series)
    assert set(examples["reason"]) == set(UNMATCHED)
    assert (examples["count"] == 2).all()
    # "其他" is explicitly other, not unclassified; blanks ("无", "N/A", …) are not stated at all.
    stated = int((out != "unknown").sum())
    share = C.unclassified_share(series)
    assert share == pytest.approx(len(UNMATCHED) * 2 / stated)
    print(f"unclassified share on the phrase table + unmatched texts: {share:.1%}")


def test_unclassified_share_of_the_phrase_table_alone_is_zero():
    assert C.unclassified_share(pd.Series([t for t, _ in PHRASES], dtype="object")) == 0.0


def test_classification_is_per_unique_text_and_handles_many_rows_fast():
    import time

    texts = np.array([t for t, _ in PHRASES if t] + UNMATCHED, dtype=object)
    rows = pd.Series(np.resize(texts, 1_000_000), dtype="string")
    start = time.perf_counter()
    out = C.classify_reasons(rows)
    elapsed = time.perf_counter() - start
    assert len(out) == 1_000_000
    assert elapsed < 5, f"1M rows took {elapsed:.2f}s"


def test_missing_values_of_every_kind_are_unknown():
    out = C.classify_reasons(pd.Series([None, np.nan, pd.NA, "住院"], dtype="object"))
    assert list(out) == ["unknown", "unknown", "unknown", "illness_accident"]


def test_input_is_not_mutated():
    series = pd.Series(["  忘记还款 ", None], dtype="object")
    before = series.copy()
    C.classify_reasons(series)
    pd.testing.assert_series_equal(series, before)


def test_a_user_dictionary_changes_the_result():
    series = pd.Series(["客户说下周还", "忘记还款"])
    assert C.classify_reasons(series)[0] == "other"
    user = pd.concat([C.default_dictionary(), pd.DataFrame({"category": ["forgot"], "keyword": ["下周还"]})])
    assert C.classify_reasons(series, user)[0] == "forgot"
    only = pd.DataFrame({"category": ["dispute"], "keyword": ["下周"]})
    assert list(C.classify_reasons(series, only)) == ["dispute", "other"]


def test_english_prefix_keywords():
    d = pd.DataFrame({"category": ["illness_accident", "force_majeure"], "keyword": ["injur*", "fire"]})
    out = C.classify_reasons(pd.Series(["injured at work", "injury", "fired", "house fire"]), d)
    assert list(out) == ["illness_accident", "illness_accident", "other", "force_majeure"]


@pytest.mark.parametrize(("table", "key"), [
    (pd.DataFrame({"keyword": ["x"]}), "causes.error.dict_columns"),
    (pd.DataFrame({"category": ["nonsense"], "keyword": ["x"]}), "causes.error.dict_category"),
    (pd.DataFrame({"category": ["forgot", "dispute"], "keyword": ["同一个", "同一个"]}), "causes.error.dict_clash"),
])
def test_bad_dictionaries_are_rejected_with_a_message_key(table, key):
    with pytest.raises(CausesError) as err:
        C.classify_reasons(pd.Series(["x"]), table)
    assert err.value.key == key
    assert err.value.message("zh") != err.value.message("en")


def test_dictionary_validation_tidies_without_touching_the_input():
    raw = pd.DataFrame({"category": ["forgot", "forgot", None, "dispute"], "keyword": ["忘记", " 忘记 ", "x", "ＡＢＣ"]})
    before = raw.copy()
    out = C.validate_dictionary(raw)
    pd.testing.assert_frame_equal(raw, before)
    assert out.to_dict("list") == {"category": ["forgot", "dispute"], "keyword": ["忘记", "abc"], "lang": ["zh", "en"]}


def test_shipped_dictionary_is_valid_and_bilingual():
    d = C.default_dictionary()
    assert len(C.validate_dictionary(d)) == len(d)
    for cat in CAUSE_KEYS:
        langs = set(d.loc[d["category"] == cat, "lang"])
        assert langs == {"zh", "en"}, cat


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_dictionary_round_trips_through_files(fmt):
    d = C.default_dictionary()
    data = C.dictionary_to_csv(d) if fmt == "csv" else C.dictionary_to_json(d)
    back = C.dictionary_from_bytes(data, f"dict.{fmt}")
    assert sorted(zip(back["category"], back["keyword"])) == sorted(zip(d["category"], d["keyword"]))


def test_dictionary_from_a_gbk_csv_and_bad_files():
    gbk = "category,keyword\nforgot,忘记\n".encode("gbk")
    assert C.dictionary_from_bytes(gbk, "d.csv")["keyword"].tolist() == ["忘记"]
    for data, name, key in [(b"{not json", "d.json", "causes.error.dict_json"),
                            (b'{"forgot": "x"}', "d.json", "causes.error.dict_json_shape"),
                            (b"x", "d.xlsx", "causes.error.dict_ext")]:
        with pytest.raises(CausesError) as err:
            C.dictionary_from_bytes(data, name)
        assert err.value.key == key


# --- breakdowns ---------------------------------------------------------------------------

def _book() -> pd.DataFrame:
    rng = np.random.default_rng(7)
    n = 400
    texts = np.array([t for t, _ in PHRASES] + UNMATCHED, dtype=object)
    frame = pd.DataFrame({
        "account_id": [f"A{i:04d}" for i in range(n)] * 2,
        "month": ["2024-01"] * n + ["2024-02"] * n,
        "days_past_due": rng.choice([0, 0, 0, 5, 20, 45, 75, 120, 200], size=2 * n),
        "balance": rng.uniform(1_000, 50_000, size=2 * n).round(2),
        "overdue_reason": rng.choice(texts, size=2 * n),
        "region": pd.Categorical(rng.choice(["华东", "华南", "西北"], size=2 * n)),
    })
    frame.loc[frame["days_past_due"] == 0, "overdue_reason"] = None
    frame["overdue_reason"] = frame["overdue_reason"].astype("string")
    return rows_with_states(frame)


def test_counts_per_cause_sum_to_the_overdue_accounts_and_balances_reconcile():
    panel = _book()
    causes = C.overdue_causes(panel)
    for month in ("2024-01", "2024-02"):
        book = panel[panel["month"] == month]
        overdue = book[book["days_past_due"] >= 1]
        par = C.cause_pareto(causes, month, "count")
        assert par["count"].sum() == len(overdue)
        assert par["balance"].sum() == pytest.approx(overdue["balance"].sum(), abs=1e-6)
        assert par["count_share"].sum() == pytest.approx(1.0)
        assert par["cumulative_share"].iloc[-1] == pytest.approx(1.0)
        assert par["count"].is_monotonic_decreasing


def test_pareto_matches_a_hand_count():
    panel = pd.DataFrame({"account_id": list("abcdef"), "month": ["2024-03"] * 6,
                          "days_past_due": [0, 10, 40, 100, 3, 3], "balance": [9.0, 1.0, 2.0, 3.0, 4.0, 5.0],
                          "overdue_reason": [None, "住院", "忘记还款", "失联", "忘了", None]})
    par = C.cause_pareto(C.overdue_causes(panel), "2024-03", "balance")
    assert par.set_index("cause")["balance"].to_dict() == {"forgot": 6.0, "unknown": 5.0, "wilful_default": 3.0,
                                                            "illness_accident": 1.0}
    assert par["cause"].tolist() == ["forgot", "unknown", "wilful_default", "illness_accident"]
    assert par["balance_share"].iloc[0] == pytest.approx(6 / 15)


def test_breakdowns_by_bucket_segment_and_month():
    panel = _book()
    causes = C.overdue_causes(panel)
    by_bucket = C.cause_breakdown(causes, "bucket", "2024-02")
    feb = causes[causes["month"] == "2024-02"]
    assert by_bucket["count"].sum() == len(feb)
    shares = by_bucket.groupby("bucket", observed=True)["count_share"].sum()
    assert np.allclose(shares[shares > 0], 1.0)
    by_region = C.cause_breakdown(causes, "region", "2024-02")
    assert by_region.groupby("region", observed=True)["count"].sum().to_dict() == \
        feb.groupby("region", observed=True).size().to_dict()
    trend = C.cause_trend(causes)
    assert trend.groupby("month")["count"].sum().to_dict() == causes.groupby("month").size().to_dict()
    assert np.allclose(trend.groupby("month")["balance_share"].sum(), 1.0)


def test_classes_follow_the_editable_table_and_dpd():
    panel = pd.DataFrame({"account_id": list("abc"), "month": ["2024-01"] * 3, "days_past_due": [10, 50, 200],
                          "balance": [1.0, 1.0, 1.0], "overdue_reason": ["失联", "失业", "忘记还款"]})
    out = C.overdue_causes(panel)
    assert out["willingness"].tolist() == ["unwilling", "unable", "careless"]
    assert out["term"].tolist() == ["short", "medium", "long"]
    edited = C.DEFAULT_CAUSE_CLASSES.copy()
    edited.loc[edited["cause"] == "income_loss", "hardship"] = "lasting"
    assert C.overdue_causes(panel, classes=edited)["hardship"].tolist()[1] == "lasting"
    with pytest.raises(CausesError):
        C.overdue_causes(panel, classes=edited.assign(hardship="forever"))


def test_responses_come_from_the_playbook():
    from analysis.warnings.playbook import DEFAULT_CAUSE_RESPONSES

    par = pd.DataFrame({"cause": list(CAUSE_KEYS), "count": 1, "balance": 1.0})
    out = C.cause_responses(par, DEFAULT_CAUSE_RESPONSES)
    assert out.set_index("cause").loc["wilful_default", "response"] == "legal"
    assert out.set_index("cause").loc["forgot", "response"] == "reminder"


@pytest.mark.parametrize(("call", "key"), [
    (lambda p: C.overdue_causes(p.drop(columns="overdue_reason")), "causes.error.no_reason"),
    (lambda p: C.overdue_causes(p, min_dpd=0), "causes.error.min_dpd"),
    (lambda p: C.cause_pareto(C.overdue_causes(p), "2024/01"), "causes.error.month_format"),
    (lambda p: C.cause_pareto(C.overdue_causes(p), measure="rows"), "causes.error.measure"),
    (lambda p: C.cause_breakdown(C.overdue_causes(p), "colour"), "causes.error.not_column"),
])
def test_bad_parameters_raise_clear_errors(call, key):
    with pytest.raises(CausesError) as err:
        call(_book())
    assert err.value.key == key


def test_term_class_edges():
    assert list(C.term_class([1, 30, 31, 90, 91])) == ["short", "short", "medium", "medium", "long"]


def test_dictionary_json_is_keyed_by_category():
    payload = json.loads(C.dictionary_to_json(C.default_dictionary()))
    assert list(payload) == [k for k in CAUSE_KEYS if k in payload]


def _spec_text(chart) -> str:
    return json.dumps(chart.to_dict(), ensure_ascii=False)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_charts_carry_title_subtitle_tooltips_and_unit(lang):
    from analysis.core.buckets import DEFAULT_BUCKETS
    from analysis.charts import causes as CH
    from analysis.core.view import View

    causes = C.overdue_causes(_book())
    par = C.cause_pareto(causes, "2024-02", "balance")
    view = View(lang=lang, unit="wan", measure="balance", buckets=DEFAULT_BUCKETS, month="2024-02")
    charts = [
        CH.chart_cause_pareto(par, view, subtitle="口径 line"),
        CH.chart_cause_by_bucket(C.cause_breakdown(causes, "bucket", "2024-02"), view, subtitle="口径 line"),
        CH.chart_cause_by_segment(C.cause_breakdown(causes, "region", "2024-02"), view, by="region",
                                  subtitle="口径 line"),
        CH.chart_cause_trend(C.cause_trend(causes), view, subtitle="口径 line"),
    ]
    unit = "万元" if lang == "zh" else "CNY 10k"
    for chart in charts:
        spec = chart.to_dict()
        assert spec["title"]["subtitle"] == "口径 line"
        assert "tooltip" in _spec_text(chart)
    assert unit in _spec_text(charts[0])
    # Months stay YYYY-MM strings on an ordinal axis; no row-level data in the chart.
    trend = charts[3].to_dict()
    assert trend["encoding"]["x"]["type"] == "ordinal"
    data = next(iter(trend["datasets"].values()))
    assert {row["month"] for row in data} == {"2024-01", "2024-02"}
    assert len(data) <= 2 * len(CAUSE_KEYS)
    # Amounts in the chosen unit: the Pareto bars add up to the overdue balance / 10,000.
    bars = next(iter(charts[0].to_dict()["datasets"].values()))
    assert sum(r["value"] for r in bars) == pytest.approx(par["balance"].sum() / 1e4)


def test_a_cause_split_by_segment_keeps_the_blank_segment_and_adds_up(tmp_path, capsys):
    # an examiner's book: 4 overdue accounts (15,000.00), two with a blank region; the split by
    # region showed 2 accounts (8,000.00) and no "—" row
    from tests.cli.books import run_cli

    text = ("客户编号,数据日期,逾期天数,贷款余额,逾期原因,地区\n"
            "E01,2024-06-30,0,10000.00,,华东\nE02,2024-06-30,45,2000.00,失业,华东\n"
            "E03,2024-06-30,10,3000.00,忘记还款,\nE04,2024-06-30,95,4000.00,住院,\n"
            "E05,2024-06-30,0,5000.00,,华南\nE06,2024-06-30,20,6000.00,经营困难,华南\n")
    path = tmp_path / "blank.csv"
    path.write_text(text, encoding="utf-8")
    code, payload, _ = run_cli(capsys, "causes", str(path), "--by", "region", "--json")
    assert code == 0
    assert sum(r["count"] for r in payload["rows"]) == payload["totals"]["overdue_accounts"] == 4
    assert round(sum(r["balance"] for r in payload["rows"]), 2) == payload["totals"]["overdue_balance"] == 15000.0
    assert [r["region"] for r in payload["rows"]][-2:] == ["—", "—"]  # blank last, as in every split
