"""``python -m analysis ecl``: the issue's JSON shape, the options, and errors in both languages."""
from __future__ import annotations

import json

import pytest

from tests.cli.books import run_cli
from tests.conftest import REPO

SAMPLE = str(REPO / "data" / "sample" / "sample_portfolio.csv")
TIERS = ["normal", "special_mention", "substandard", "doubtful", "loss"]
ITEMS = ["opening", "transfer_to_stage_1", "transfer_to_stage_2", "transfer_to_stage_3", "new",
         "derecognised", "write_offs", "remeasurement", "closing"]


@pytest.fixture
def small(tmp_path):
    rows = ["客户编号,统计月份,逾期天数,贷款余额,授信额度,年利率"]
    for month, dpds in (("2024-01", (0, 40, 0)), ("2024-02", (0, 95, 10)), ("2024-03", (0, 125, 0))):
        rows += [f"A,{month},{dpds[0]},400,1000,0.12", f"B,{month},{dpds[1]},900,1000,0.18",
                 f"C,{month},{dpds[2]},100,,"]
    path = tmp_path / "book.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return str(path)


def test_the_json_has_exactly_the_issues_shape(capsys):
    code, out, err = run_cli(capsys, "ecl", SAMPLE, "--json")
    assert code == 0, err
    assert {"month", "stages", "total", "five_tier", "npl", "movement", "assumptions"} <= set(out)
    assert out["month"] == "2024-12"
    assert [s["stage"] for s in out["stages"]] == [1, 2, 3]
    for s in out["stages"]:
        assert {"stage", "accounts", "balance", "ead", "ecl"} <= set(s)
        assert isinstance(s["accounts"], int) and all(isinstance(s[k], float) for k in ("balance", "ead", "ecl"))
    assert set(out["total"]) == {"accounts", "balance", "ead", "ecl"}
    assert [t["class"] for t in out["five_tier"]] == TIERS
    assert all(set(t) == {"class", "accounts", "balance"} for t in out["five_tier"])
    assert {"balance", "ratio", "coverage", "provision_to_loans"} <= set(out["npl"])
    assert 0 < out["npl"]["ratio"] < 1 and 0 < out["npl"]["provision_to_loans"] < 1  # fractions
    assert [m["item"] for m in out["movement"]] == ITEMS
    assert all(isinstance(m["amount"], float) for m in out["movement"])
    a = out["assumptions"]
    assert {"lgd", "ccf", "pd_source", "months", "discount_rate", "scenarios"} <= set(a)
    assert (a["lgd"], a["ccf"], a["discount_rate"], a["pd_source"]) == (0.45, 0.5, 0.12, "markov")
    assert a["months"] == ["2023-12"] + [f"2024-{m:02d}" for m in range(1, 12)]
    assert a["scenarios"][0]["name"] == "base" and a["scenarios"][0]["weight"] == 1.0
    # identities on the printed figures
    assert round(sum(s["ecl"] for s in out["stages"]), 2) == out["total"]["ecl"]
    assert round(sum(m["amount"] for m in out["movement"][:-1]), 2) == out["movement"][-1]["amount"]


def test_options_reach_the_figures(capsys, small):
    code, base, err = run_cli(capsys, "ecl", small, "--json")
    assert code == 0, err
    # B (stage 3 in March, its line blocked: EAD = balance): 0.45 × 900; with --lgd 0.6 --ccf 0
    assert base["stages"][2] == {"stage": 3, "accounts": 1, "balance": 900.0, "ead": 900.0, "ecl": 405.0}
    code, out, _ = run_cli(capsys, "ecl", small, "--json", "--lgd", "0.6", "--ccf", "0")
    assert out["stages"][2]["ecl"] == 540.0 and out["assumptions"]["lgd"] == 0.6
    # C has no limit: EAD = balance; its 10 DPD in February keeps it in stage 1
    assert base["total"]["ead"] == 400 + 0.5 * 600 + 900 + 100
    code, out, _ = run_cli(capsys, "ecl", small, "--json", "--month", "2024-02")
    assert out["month"] == "2024-02" and out["previous_month"] == "2024-01"
    assert out["assumptions"]["months"] == ["2024-01"]  # point in time: nothing after February
    code, out, _ = run_cli(capsys, "ecl", small, "--json", "--window", "1", "--ignore-mapped-rate", "--rate", "0.05")
    assert out["assumptions"]["months"] == ["2024-02"] and out["assumptions"]["accounts_with_own_rate"] == 0
    assert out["assumptions"]["discount_rate"] == 0.05


def test_weighted_scenarios_on_the_sample(capsys):
    code, out, err = run_cli(capsys, "ecl", SAMPLE, "--json", "--scenario", "base:0.7:1", "--scenario", "down:0.3:2")
    assert code == 0, err
    assert [s["name"] for s in out["assumptions"]["scenarios"]] == ["base", "down"]
    down, basis = out["assumptions"]["scenarios"][1]["ecl"], out["assumptions"]["scenarios"][0]["ecl"]
    assert down > basis and out["total"]["ecl"] == pytest.approx(0.7 * basis + 0.3 * down, abs=0.02)


def test_trend_and_segments(capsys):
    code, out, err = run_cli(capsys, "ecl", SAMPLE, "--json", "--trend", "--by", "product", "--month", "2024-06")
    assert code == 0, err
    assert [t["month"] for t in out["trend"]][:2] == ["2023-01", "2023-02"] and len(out["trend"]) == 24
    june = next(t for t in out["trend"] if t["month"] == "2024-06")
    assert june["npl_ratio"] == pytest.approx(out["npl"]["ratio"])
    assert june["coverage"] == pytest.approx(out["npl"]["coverage"])
    assert {r["by"] for r in out["by_segment"]} == {"product"}
    assert round(sum(r["balance"] for r in out["by_segment"]), 2) == out["total"]["balance"]


def test_the_human_output(capsys, small):
    from analysis.__main__ import main

    assert main(["ecl", small]) == 0
    text = capsys.readouterr().out
    assert "IFRS 9 expected credit loss, 2024-03" in text and "405.00" in text
    assert "allowance movement 2024-02 → 2024-03" in text and "LGD 0.45, CCF 0.5" in text


@pytest.mark.parametrize("lang, words", [("en", "not in the data"), ("zh", "数据中没有月份")])
def test_a_month_not_in_the_file(capsys, small, lang, words):
    code, _, err = run_cli(capsys, "ecl", small, "--month", "2030-01", "--lang", lang, "--json")
    assert code == 2 and words in err and "2024-01" in err and "Traceback" not in err


@pytest.mark.parametrize("lang, words", [("en", "between 0 and 1"), ("zh", "应在 0 到 1 之间")])
@pytest.mark.parametrize("option", [["--lgd", "1.5"], ["--ccf", "-0.2"]])
def test_a_share_outside_0_1(capsys, small, lang, words, option):
    code, _, err = run_cli(capsys, "ecl", small, *option, "--lang", lang, "--json")
    assert code == 2 and words in err


@pytest.mark.parametrize("lang, words", [("en", "add up to 0.9"), ("zh", "合计为 0.9")])
def test_scenario_weights_must_add_to_1(capsys, small, lang, words):
    code, _, err = run_cli(capsys, "ecl", small, "--scenario", "a:0.5:1", "--scenario", "b:0.4:2", "--lang", lang)
    assert code == 2 and words in err


@pytest.mark.parametrize("args", [["--scenario", "a:0.5"], ["--life-by", "card"], ["--five-tier", "1,2"],
                                  ["--life", "0"], ["--probation", "-1"], ["--stage2-from", "100"],
                                  ["--by", "nope"], ["--score-drop", "20"]])
def test_bad_options_are_refused_politely(capsys, small, args):
    for lang in ("en", "zh"):
        code, _, err = run_cli(capsys, "ecl", small, *args, "--lang", lang)
        assert code == 2 and err.startswith("error: ") and "Traceback" not in err


@pytest.mark.parametrize("lang, words", [("en", "previous month (2024-02)"), ("zh", "上月（2024-02）")])
def test_a_single_month_says_so_and_still_gives_the_stages(capsys, tmp_path, lang, words):
    path = tmp_path / "one.csv"
    path.write_text("id,month,dpd,balance\nA,2024-03,0,100\nB,2024-03,100,50\n", encoding="utf-8")
    code, out, err = run_cli(capsys, "ecl", str(path), "--json", "--lang", lang)
    assert code == 0 and words in err
    assert out["movement"] == [] and out["stages"][2]["ecl"] == 22.5 and out["total"]["accounts"] == 2
    assert any(words in n for n in out["notes"]) and out["assumptions"]["pd_source"] == "fallback"


def test_a_dataset_folder_is_refused_for_now(capsys, tmp_path, small):
    from analysis.__main__ import main

    folder = tmp_path / "ds"
    assert main(["convert", small, "--out", str(folder), "--quiet"]) == 0
    capsys.readouterr()
    code, _, err = run_cli(capsys, "ecl", str(folder), "--lang", "zh")
    assert code == 2 and "ecl 目前需要" in err


def test_ecl_trend_says_what_priced_each_month(tmp_path, capsys):
    # The page and the report say the first month was priced on the default PDs; the JSON said
    # nothing (review #6): each month's row carries pd_months, 0 for the defaults.
    from analysis.__main__ import main

    rows = ["account_id,month,dpd,balance"]
    for m, ds in {"2024-01": [0, 0, 40, 100], "2024-02": [0, 10, 70, 130], "2024-03": [0, 0, 100, 160]}.items():
        rows += [f"{a},{m},{d},{b}" for a, d, b in zip("abcd", ds, (100, 200, 50, 80))]
    path = tmp_path / "book.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    assert main(["ecl", str(path), "--trend", "--json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert [r["pd_months"] for r in payload["trend"]] == [0, 1, 2]
