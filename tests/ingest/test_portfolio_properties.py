"""Invariants of ingest on generated messy files: nothing is lost, balances reconcile,
building is deterministic and never mutates its input."""
from __future__ import annotations

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.ingest.portfolio import IngestError, IngestOptions, build_portfolio, read_table, suggest_mapping

ACCOUNTS = st.sampled_from(["A1", "A2", "B7", "", " ", "合计", "Total", "0012"])
MONTHS = st.sampled_from(["2024-01-31", "2024/2/29", "2024年3月", "202404", "Jan-2024", "", "abc", "45322"])
DPD = st.sampled_from(["0", "5", "30", "95", "200", "-1", "x", "", "3.5", "10天"])
BALANCE = st.sampled_from(["0", "100", "1,234.5", "(20)", "-3", "１２", "n/a", "", "2万", "1e3"])
ROW = st.tuples(ACCOUNTS, MONTHS, DPD, BALANCE)


def _csv(rows):
    lines = ["客户编号,统计日期,逾期天数,贷款余额"] + [",".join(f'"{c}"' if "," in c else c for c in r) for r in rows]
    return ("\n".join(lines) + "\n").encode("utf-8")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(ROW, min_size=1, max_size=40))
def test_rows_and_balances_reconcile(rows):
    data = _csv(rows)
    try:
        raw = read_table(data, "p.csv")
    except IngestError:  # only "no data rows" is allowed, when every generated row is blank
        return
    mapping = suggest_mapping(raw)
    try:
        res = build_portfolio(raw, mapping)
    except IngestError:  # whole-column failures (all months garbage, all amounts text): the only errors
        return
    s = res.summary
    assert s["rows_read"] == len(raw.frame) == s["rows_accepted"] + s["rows_rejected"]
    assert len(res.portfolio) == s["rows_accepted"] and len(res.rejected) == s["rows_rejected"]
    assert abs(s["balance_read"] - (s["balance_accepted"] + s["balance_rejected"])) < 1e-6 * max(1.0, abs(s["balance_read"]))
    # every source row appears exactly once, accepted or rejected
    seen = sorted(res.portfolio["source_row"].tolist() + res.rejected["row"].tolist())
    assert seen == sorted(raw.source_rows.tolist())
    p = res.portfolio
    assert (p["days_past_due"] >= 0).all() and (p["balance"] >= 0).all()
    assert not p.duplicated(["account_id", "month"]).any()


@settings(max_examples=30, deadline=None)
@given(st.lists(ROW, min_size=1, max_size=30))
def test_build_is_idempotent_and_pure(rows):
    try:
        raw = read_table(_csv(rows), "p.csv")
    except IngestError:
        return
    mapping = suggest_mapping(raw)
    before = raw.frame.copy()
    try:
        first = build_portfolio(raw, mapping)
    except IngestError:
        return
    second = build_portfolio(raw, dict(mapping))
    pd.testing.assert_frame_equal(first.portfolio, second.portfolio)
    pd.testing.assert_frame_equal(first.rejected, second.rejected)
    pd.testing.assert_frame_equal(raw.frame, before)
    assert suggest_mapping(raw) == mapping


LABELS = st.sampled_from(["C", "X", "0", "1", "5", "", "?", " 2 "])
REL = st.sampled_from(["0", "-1", "-2", "-13", "", "x"])


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["1", "2", "3", ""]), REL, LABELS), min_size=1, max_size=40))
def test_status_panel_reconciles(rows):
    text = "ID,MONTHS_BALANCE,STATUS\n" + "".join(f"{a},{m},{s}\n" for a, m, s in rows)
    try:
        raw = read_table(text.encode(), "cc.csv")
        res = build_portfolio(raw, suggest_mapping(raw),
                              IngestOptions(reference_month="2020-06", balance_missing="unit"))
    except IngestError:
        return
    s = res.summary
    assert s["rows_read"] == len(raw.frame) == s["rows_accepted"] + s["rows_rejected"]
    assert s["balance_read"] == s["balance_accepted"] + s["balance_rejected"]
    assert set(res.portfolio["status_label"]) <= {"C", "0", "1", "5", "2"}
    assert not res.portfolio.duplicated(["account_id", "month"]).any()
