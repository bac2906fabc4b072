"""The credit-risk model of issue 14: bugs of the split and the CLI, scope, history, swap groups."""
from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from analysis.core.buckets import DEFAULT_BUCKETS
from analysis.whatif.pd import fallback_pd, pd_mapping, pd_table_or_fallback
from analysis.whatif.policy import (
    BLANK, NO_CHANGE, Assumptions, Policy, Rule, change_by_segment, scenario_totals, simulate_policy,
)
from tests.conftest import make_portfolio

PD = {"Current": 0.02, "1-30": 0.2, "31-60": 0.5, "61-90": 0.8, "91-180": 1.0, "181+": 1.0}


def _features(rows, **extra):
    """(account_id, dpd, balance, limit) → a features frame on the default buckets."""
    f = pd.DataFrame(rows, columns=["account_id", "days_past_due", "balance", "credit_limit"])
    f["balance"] = f["balance"].astype(float)
    f["credit_limit"] = f["credit_limit"].astype(float)
    f["bucket"] = pd.Categorical.from_codes(
        np.searchsorted(DEFAULT_BUCKETS.lowers, f["days_past_due"], side="right") - 1,
        categories=list(DEFAULT_BUCKETS.keys), ordered=True)
    f["utilisation"] = f["balance"] / f["credit_limit"]
    for k, v in extra.items():
        f[k] = v
    return f


# --- item 10: the split by segment always sums to the total ---------------------------------

def test_blank_segment_has_its_own_row_and_the_split_sums_to_the_total():
    region = pd.Series(["东", None, "东", ""], dtype="category")  # segments are categories (ingest)
    f = _features([("A", 0, 100, 1000), ("B", 45, 900, 1000), ("C", 45, 100, 1000), ("D", 0, 50, 100)],
                  region=region)
    r = simulate_policy(f, Policy("", (Rule("cut", 50, dpd_min=31),)), Assumptions(PD, lgd=0.5, ccf=1.0))
    split = change_by_segment(r, "region").set_index("region")
    assert set(split.index) == {"东", BLANK}
    assert split.loc[BLANK, "accounts"] == 2 and split.loc["东", "accounts"] == 2
    # B (blank) cut 1000 → 900 (its balance): undrawn 100 → 0, EAD −100, EL .5 × .5 × −100 = −25
    # C (东) cut 1000 → 500: undrawn 900 → 400, EL .5 × .5 × −500 = −125
    assert split.loc[BLANK, "expected_loss_delta"] == pytest.approx(-25.0)
    assert split.loc["东", "expected_loss_delta"] == pytest.approx(-125.0)
    tot = scenario_totals(r)
    assert split["accounts"].sum() == tot["accounts"]
    assert split["expected_loss_delta"].sum() == pytest.approx(tot["delta"]["expected_loss"])
    assert split["expected_loss_before"].sum() == pytest.approx(tot["before"]["expected_loss"])


def test_segment_table_names_the_blank_row_in_the_readers_language():
    from analysis.core.view import View
    from analysis.whatif.tables import segment_table

    f = _features([("A", 0, 100, 1000), ("B", 0, 100, 1000)], region=pd.Categorical(["东", None]))
    split = change_by_segment(simulate_policy(f, NO_CHANGE, Assumptions(PD)), "region")
    for lang, text in (("zh", "（空白）"), ("en", "(blank)")):
        shown = segment_table(split, View(lang=lang), by="region", by_title="region").text_frame(lang)
        assert shown.iloc[:, 0].tolist() == ["东", text]


# --- item 10: the command line --------------------------------------------------------------

def _cli_book(tmp_path, months=("2024-01", "2024-02", "2024-03")):
    lines = ["客户编号,统计月份,逾期天数,贷款余额,授信额度,地区"]
    for m in months:
        lines += [f"A,{m},0,400,1000,东", f"B,{m},45,900,1000,", f"C,{m},0,100,500,西"]
    data = tmp_path / "book.csv"
    data.write_text("\n".join(lines) + "\n", encoding="utf-8")
    policy = tmp_path / "policy.json"
    policy.write_text('{"name": "t", "rules": [{"when": {"dpd_min": 31}, "action": "cut", "value": 50}]}',
                      encoding="utf-8")
    return data, policy


def test_cli_by_segment_keeps_blank_accounts(tmp_path, capsys):
    from analysis.__main__ import main

    data, policy = _cli_book(tmp_path)
    assert main(["whatif", str(data), "--policy", str(policy), "--json", "--by", "region",
                 "--pd", "Current=0.02", "--pd", "1-30=0.2", "--pd", "31-60=0.5", "--pd", "61-90=0.8",
                 "--pd", "91-180=1", "--pd", "181+=1", "--lgd", "0.6"]) == 0
    out = json.loads(capsys.readouterr().out)
    rows = {r["segment"]: r for r in out["by_segment"]}
    assert set(rows) == {"东", "西", "(blank)"}
    assert sum(r["accounts"] for r in rows.values()) == out["accounts"] == 3
    # B (blank region) cut to its balance 900: undrawn 100 → 0, EAD −50, EL .5 × .6 × −50 = −15
    assert rows["(blank)"]["expected_loss_delta"] == pytest.approx(-15.0)
    assert sum(r["expected_loss_delta"] for r in rows.values()) == pytest.approx(out["delta"]["expected_loss"])


@pytest.mark.parametrize("lang, words", [("en", "not in the file"), ("zh", "文件中没有")])
def test_cli_month_outside_the_file_says_so_with_the_range(tmp_path, capsys, lang, words):
    from analysis.__main__ import main

    data, policy = _cli_book(tmp_path)
    assert main(["whatif", str(data), "--policy", str(policy), "--month", "1999-01", "--lang", lang]) == 2
    err = capsys.readouterr().err
    assert words in err and "2024-01" in err and "2024-03" in err and "Traceback" not in err


def test_cli_first_month_uses_the_pages_fallback_pds(tmp_path, capsys):
    from analysis.__main__ import main

    data, policy = _cli_book(tmp_path)
    assert main(["whatif", str(data), "--policy", str(policy), "--month", "2024-01", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    # the page's stated defaults (README): 2 %, 15 %, 40 %, 65 %, 100 %, 100 %
    assert out["assumptions"]["pd_by_bucket"] == {"Current": 0.02, "1-30": 0.15, "31-60": 0.4, "61-90": 0.65,
                                                  "91-180": 1.0, "181+": 1.0}
    assert out["month"] == "2024-01"


def test_one_month_of_history_falls_back_like_the_page():
    one = make_portfolio([("a", "2024-01", 0, 1.0), ("b", "2024-01", 40, 1.0)])
    assert pd_mapping(pd_table_or_fallback(one, DEFAULT_BUCKETS)) == pd_mapping(fallback_pd(DEFAULT_BUCKETS))
