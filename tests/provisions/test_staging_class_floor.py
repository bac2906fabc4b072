"""The bank's own 五级分类 sets a floor on the IFRS 9 stage: 关注 at least stage 2, 次级/可疑/损失
stage 3, even when current by DPD; off with ``class_floor=False`` (page checkbox, ``--no-class-floor``)."""
from __future__ import annotations

import json

import pandas as pd
import pytest

from analysis.__main__ import main
from analysis.provisions.staging import StagingRules, assign_stages
from analysis.provisions.summary import assumption_parts, provisions_for_month, provisions_payload
from tests.aging.test_regulatory_loan_class import classed_csv, classed_result

#: June of the hand-made book (tests/aging/test_regulatory_loan_class.py): A2 (0 DPD, 关注) and
#: A7 (10 DPD, 可疑) are raised by their class; A3 (45 DPD) and A4 (100 DPD) are already where
#: their DPD puts them; A8's class (待定) is none.
JUNE_STAGES = {"A1": 1, "A2": 2, "A3": 2, "A4": 3, "A5": 3, "A6": 3, "A7": 3, "A8": 1}


def _history(classes: list[str | None], dpd: list[int] | None = None) -> pd.DataFrame:
    n = len(classes)
    return pd.DataFrame({"account_id": "a", "month": [f"2024-{m:02d}" for m in range(1, n + 1)],
                         "days_past_due": dpd or [0] * n, "balance": 100.0, "loan_class": classes})


def test_the_class_floor_raises_the_stage_and_says_so():
    frame = pd.DataFrame({"account_id": list("abcdef"), "month": "2024-01",
                          "days_past_due": [0, 0, 0, 0, 120, 0],
                          "loan_class": ["normal", "special_mention", "substandard", "loss", "substandard", None]})
    out = assign_stages(frame)
    assert out["stage"].tolist() == [1, 2, 3, 3, 3, 1]
    # the 120-DPD loan is stage 3 by its DPD: the class did not raise it
    assert out["by_class"].tolist() == [False, True, True, True, False, False]
    assert not out["probation"].any()  # a floor is this month's evidence, not a probation hold
    off = assign_stages(frame, StagingRules(class_floor=False))
    assert off["stage"].tolist() == [1, 1, 1, 1, 3, 1] and not off["by_class"].any()
    # the input is not modified, and a book without classes is staged as before
    assert "stage" not in frame.columns
    assert assign_stages(frame.drop(columns="loan_class"))["stage"].tolist() == [1, 1, 1, 1, 3, 1]


def test_an_upgraded_loan_serves_the_probation_like_one_cured_by_dpd():
    # 次级 for two months, then 正常: held in stage 3 for 3 months, then stage 2 for 3 more
    out = assign_stages(_history(["substandard"] * 2 + ["normal"] * 7))
    assert out["stage"].tolist() == [3, 3, 3, 3, 3, 2, 2, 2, 1]
    assert out["probation"].tolist() == [False] * 2 + [True] * 6 + [False]
    # the same path by DPD gives the same stages: a class is evidence like a DPD
    by_dpd = assign_stages(_history([None] * 9, [100, 100] + [0] * 7))
    assert by_dpd["stage"].tolist() == out["stage"].tolist()


def test_rules_say_the_floor_in_json_and_text():
    assert StagingRules().as_dict()["class_floor"] is True
    assert StagingRules(class_floor=False).as_dict()["class_floor"] is False
    assert "class sets a floor" in StagingRules().describe()


@pytest.fixture(scope="module")
def portfolio() -> pd.DataFrame:
    return classed_result().portfolio


def test_month_stages_notes_and_definitions_follow_the_files_classes(portfolio):
    result = provisions_for_month(portfolio, "2024-06")
    stages = dict(zip(result.accounts["account_id"], result.accounts["stage"]))
    assert stages == JUNE_STAGES
    payload = provisions_payload(result, lang="zh")
    assert payload["assumptions"]["accounts_raised_by_class"] == 2
    assert payload["assumptions"]["staging"]["class_floor"] is True
    assert any("2 个账户（余额 640.00 元）" in n and "五级分类" in n for n in payload["notes"]), payload["notes"]
    staging_zh = [p for p in assumption_parts(result, "zh") if p.startswith("阶段划分")][0]
    assert "关注类至少第二阶段" in staging_zh
    staging_en = [p for p in assumption_parts(result, "en") if p.startswith("staging")][0]
    assert "special mention at least stage 2" in staging_en

    off = provisions_for_month(portfolio, "2024-06", rules=StagingRules(class_floor=False))
    assert dict(zip(off.accounts["account_id"], off.accounts["stage"]))["A7"] == 1
    assert off.accounts["ecl"].sum() < result.accounts["ecl"].sum()  # stage 3 at 10 DPD costs more
    assert not any("五级分类" in n for n in provisions_payload(off, lang="zh").get("notes", []))
    assert "not by the bank's own classes" in [p for p in assumption_parts(off, "en") if p.startswith("staging")][0]
    # a book without classes says nothing about them
    plain = provisions_for_month(portfolio.drop(columns="loan_class"), "2024-06")
    assert "class" not in [p for p in assumption_parts(plain, "en") if p.startswith("staging")][0]


def test_the_cli_stages_by_class_unless_told_not_to(tmp_path, capsys):
    path = tmp_path / "classed.csv"
    path.write_bytes(classed_csv())
    assert main(["ecl", str(path), "--json"]) == 0
    on = json.loads(capsys.readouterr().out)
    assert main(["ecl", str(path), "--json", "--no-class-floor"]) == 0
    off = json.loads(capsys.readouterr().out)
    count = lambda payload, stage: next(s["accounts"] for s in payload["stages"] if s["stage"] == stage)  # noqa: E731
    assert (count(on, 3), count(off, 3)) == (4, 3)
    assert on["assumptions"]["accounts_raised_by_class"] == 2 and off["assumptions"]["accounts_raised_by_class"] == 0
    assert off["assumptions"]["staging"]["class_floor"] is False


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_page_offers_the_floor_only_for_a_book_with_classes(lang):
    from tests.app.apptest import assert_clean, open_page
    from ui.provisions import keys as PK

    label = {"zh": "按行内五级分类设阶段下限", "en": "The bank's own classes set a floor on the stage"}[lang]
    note = {"zh": "因行内五级分类", "en": "because of the bank's own class"}[lang]
    at = open_page("provisions", lang, data_result=classed_result(), data_name="classed.csv", data_id="classed-floor")
    assert_clean(at)
    box = [c for c in at.checkbox if c.label == label]
    assert box and box[0].value is True
    assert any(note in c.value for c in [*at.caption, *at.info, *at.markdown]), "the note names the raised accounts"
    off = open_page("provisions", lang, data_result=classed_result(), data_name="classed.csv", data_id="classed-floor",
                    **{PK.CLASS_FLOOR: False})
    assert_clean(off)
    assert not any(note in c.value for c in [*off.caption, *off.info, *off.markdown])
    sample = open_page("provisions", lang)
    assert not [c for c in sample.checkbox if c.label == label]  # the sample has no 五级分类 column


def test_an_account_probation_holds_in_stage_2_anyway_is_not_raised_by_its_class():
    # a: 35 DPD in January, cured in February, 关注 both months: probation keeps February in stage 2
    # with or without the class floor; b: current and 关注, raised to stage 2 by its class alone
    frame = pd.DataFrame({"account_id": ["a", "a", "b", "b"], "month": ["2024-01", "2024-02"] * 2,
                          "days_past_due": [35, 0, 0, 0], "balance": [100.0, 100.0, 50.0, 50.0],
                          "loan_class": ["special_mention"] * 4})
    out = assign_stages(frame)
    assert out["stage"].tolist() == [2, 2, 2, 2]
    assert out["by_class"].tolist() == [False, False, True, True]


def test_the_raised_by_class_note_is_in_the_pages_unit(portfolio):
    result = provisions_for_month(portfolio, "2024-06")
    balance = next(p["balance"] for k, p in result.notes if k == "provisions.note.raised_by_class")
    zh = next(n for n in result.notes_text("zh", "wan") if "行内五级分类" in n)
    assert f"余额 {balance / 1e4:,.2f} 万元" in zh
    assert f"balance {balance:,.2f} CNY" in next(n for n in result.notes_text("en") if "own class" in n)
