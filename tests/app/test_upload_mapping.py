"""The mapping step through AppTest: units detected and said, suggestions with their confidence,
saved mappings restoring everything they hold, the same layout again needing nothing."""
from __future__ import annotations

import json

import pytest

from tests.app.apptest import assert_clean, open_page

# A clerk's workbook exported as CSV: title row, 万元 headers, Chinese names the synonym table lacks.
WAN = (
    "XX银行贷款台账\n"
    "借据号,数据日期,逾期天数,贷款余额(万元),授信额度(万元),所属地区,所属分行\n"
    "A001,2024-01-31,0,18.25,30,华东,上海分行\n"
    "A002,2024-01-31,35,2.5,5,华南,广州分行\n"
    "A001,2024-02-29,0,17.5,30,华东,上海分行\n"
    "A002,2024-02-29,65,2.5,5,华南,广州分行\n"
).encode("utf-8")

TEXT = {
    "zh": {"unit_said": "检测到表头“贷款余额(万元)”，金额单位已设为万元", "applied": "已按保存的字段对应设置",
           "missing": "本文件缺少这些列", "confidence": "置信度", "use": "采用建议", "remembered": "已沿用当时的字段对应"},
    "en": {"unit_said": "The header “贷款余额(万元)” names the unit: amounts are read as CNY 10k",
           "applied": "Applied from the saved mapping", "missing": "these columns are missing from it",
           "confidence": "confidence", "use": "Use the suggestion", "remembered": "its mapping and options were applied"},
}


def _upload(at, name, data):
    at.file_uploader[0].set_value((name, data, "text/csv"))
    at.run()
    return at


def _mapping_uploader(at):
    return next(u for u in at.file_uploader if str(u.key).startswith("upload_mapping_file_"))


def _texts(elements) -> list[str]:
    return [e.value for e in elements]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_wan_headers_set_the_unit_and_say_so(lang):
    at = _upload(open_page("upload", lang), "台账.csv", WAN)
    assert_clean(at)
    assert at.radio(key="upload_opt_unit").value == "wan"
    assert any(TEXT[lang]["unit_said"] in m for m in _texts(at.info)), _texts(at.info)
    # the Chinese headers outside the synonym table were recognised
    assert at.selectbox(key="upload_map_region").value == "所属地区"
    assert at.selectbox(key="upload_map_branch").value == "所属分行"
    assert at.selectbox(key="upload_map_credit_limit").value == "授信额度(万元)"
    at.button(key="upload_validate").click()
    at.run()
    assert_clean(at)
    portfolio = at.session_state["data_result"].portfolio
    assert portfolio["balance"].sum() == pytest.approx((18.25 + 2.5 + 17.5 + 2.5) * 10_000)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_header_naming_another_unit_is_flagged(lang):
    data = WAN.replace("授信额度(万元)".encode(), "授信额度(元)".encode())
    at = _upload(open_page("upload", lang), "台账.csv", data)
    assert at.radio(key="upload_opt_unit").value == "wan"
    assert any("授信额度(元)" in w for w in _texts(at.warning)), _texts(at.warning)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_confidence_shown_and_low_guess_offered_not_applied(lang):
    # "col3" holds months but its header says nothing: offered with one click, not filled in.
    rows = "".join(f"L{i},2024-0{1 + i % 3}-28,{i % 4 * 30},{1000 + i}.5\n" for i in range(12))
    data = ("Loan Number,col3,Days Delinquent,Outstanding Principal\n" + rows).encode()
    at = _upload(open_page("upload", lang), "tape.csv", data)
    assert_clean(at)
    assert at.selectbox(key="upload_map_balance").value == "Outstanding Principal"
    assert at.selectbox(key="upload_map_snapshot_date").value == "—"
    tables = [d.value for d in at.dataframe
              if any(TEXT[lang]["confidence"].lower() == str(c).lower() for c in d.value.columns)]
    assert len(tables) == 1
    rows = {r[1]: r[2] for r in tables[0].itertuples(index=False)}  # header -> confidence
    assert rows["Outstanding Principal"] == "93%"  # read from its words
    assert rows["col3"] == "50%"  # from its values only
    offer = at.button(key="upload_rec_use_snapshot_date")
    assert TEXT[lang]["use"] in offer.label and "col3" in offer.label
    offer.click()
    at.run()
    assert at.selectbox(key="upload_map_snapshot_date").value == "col3"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_saved_mapping_restores_options_and_lists_them(lang):
    saved = {
        "format": "delinquency-workbench/mapping", "version": 1,
        "mapping": {"account_id": "借据号", "snapshot_date": "数据日期", "days_past_due": "逾期天数",
                    "balance": "贷款余额(万元)", "industry": "所属行业"},
        "options": {"amount_unit": "yi", "reference_month": "2024-02", "negative_balance": "zero",
                    "extra_segments": ["所属分行"], "status_codes": None, "wide": None},
    }
    at = _upload(open_page("upload", lang), "台账.csv", WAN)
    _mapping_uploader(at).set_value(("mapping.json", json.dumps(saved, ensure_ascii=False).encode(), "application/json"))
    at.run()
    assert not at.exception
    assert at.radio(key="upload_opt_unit").value == "yi"  # the saved choice, not the header's
    assert at.text_input(key="upload_opt_reference").value == "2024-02"
    assert at.radio(key="upload_opt_negative").value == "zero"
    assert at.multiselect(key="upload_opt_extra").value == ["所属分行"]
    success = " ".join(_texts(at.success))
    assert TEXT[lang]["applied"] in success and "2024-02" in success and "所属分行" in success
    assert any(TEXT[lang]["missing"] in w and "所属行业" in w for w in _texts(at.warning))
    # the saved unit differs from the header's: flagged before loading
    assert any("贷款余额(万元)" in w for w in _texts(at.warning))


def test_saved_status_codes_restore_the_code_table():
    data = ("客户编号,统计月份,逾期状态,贷款余额\nA,2024-01,M1,100\nB,2024-01,Z9,200\nC,2024-01,M2,300\n").encode()
    saved = {"mapping": {"account_id": "客户编号", "snapshot_date": "统计月份", "status_label": "逾期状态",
                         "balance": "贷款余额"},
             "options": {"status_codes": {"M1": 20, "Z9": 200}}}
    at = _upload(open_page("upload", "zh"), "s.csv", data)
    _mapping_uploader(at).set_value(("m.json", json.dumps(saved).encode(), "application/json"))
    at.run()
    assert not at.exception
    table = at.data_editor(key="upload_codes_editor").value
    codes = dict(zip(table["code"], table["dpd"]))
    assert codes["M1"] == 20 and codes["Z9"] == 200
    assert codes["M2"] == 45  # a code the saved table did not know keeps its suggestion (M2: 31-60 days, midpoint)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_same_layout_next_month_needs_no_step(lang):
    at = _upload(open_page("upload", lang), "2024-01.csv", WAN)
    at.radio(key="upload_opt_negative").set_value("zero")
    at.run()
    at.button(key="upload_validate").click()
    at.run()
    assert_clean(at)
    next_month = WAN.replace(b"2024-01-31", b"2024-03-31").replace(b"2024-02-29", b"2024-04-30")
    _upload(at, "2024-03.csv", next_month)
    assert_clean(at)
    assert at.radio(key="upload_opt_negative").value == "zero"  # the option chosen last time
    assert at.radio(key="upload_opt_unit").value == "wan"
    assert any(TEXT[lang]["remembered"] in s for s in _texts(at.success))
    at.button(key="upload_validate").click()
    at.run()
    assert_clean(at)
    assert at.session_state["data_name"] == "2024-03.csv"


def test_saved_wide_months_are_restored():
    data = ("ID,LIMIT_BAL,PAY_0,PAY_2,BILL_AMT1,BILL_AMT2\n1,20000,0,-1,3913,3102\n2,120000,2,0,2682,1725\n").encode()
    saved = {"mapping": {"account_id": "ID", "credit_limit": "LIMIT_BAL"},
             "options": {"reference_month": "2024-06",
                         "wide": {"status_label": {"PAY_0": "2024-06", "PAY_2": "2024-05"},
                                  "balance": {"BILL_AMT1": "2024-06", "BILL_AMT2": "2024-04"}}}}
    at = _upload(open_page("upload", "en"), "uci.csv", data)
    _mapping_uploader(at).set_value(("m.json", json.dumps(saved).encode(), "application/json"))
    at.run()
    assert not at.exception
    table = at.data_editor(key="upload_wide_editor").value
    assert dict(zip(table["header"], table["month"])) == {
        "PAY_0": "2024-06", "PAY_2": "2024-05", "BILL_AMT1": "2024-06", "BILL_AMT2": "2024-04"}
    assert any("2" in s and "one-column-per-month" in s for s in _texts(at.success))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_low_cardinality_text_offered_as_segments(lang):
    rows = "".join(f"L{i},2024-01,{i % 3 * 30},{1000 + i},{('car', 'home', 'study')[i % 3]}\n" for i in range(24))
    at = _upload(open_page("upload", lang), "p.csv", ("id,month,dpd,balance,purpose\n" + rows).encode())
    assert_clean(at)
    offer = at.button(key="upload_seg_add")
    assert "purpose" in offer.label
    offer.click()
    at.run()
    assert at.multiselect(key="upload_opt_extra").value == ["purpose"]


def test_saved_mapping_json_holds_everything_the_page_restores():
    from analysis.ingest.portfolio import IngestOptions, WideSpec, mapping_from_json, mapping_to_json

    options = IngestOptions(amount_unit="wan", snapshot_month="2024-01", reference_month="2024-02",
                            status_codes={"M1": 15, "X": None}, balance_missing="unit", negative_balance="zero",
                            wide=WideSpec({"balance": {"B1": "2024-01", "B2": "2024-02"}}),
                            extra_segments=("grade",), date_order="dmy", decimal_comma=True)
    mapping, back = mapping_from_json(mapping_to_json({"account_id": "借据号"}, options))
    assert mapping == {"account_id": "借据号"} and back == options


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_field_help_names_the_field_in_the_screens_language(lang):
    at = _upload(open_page("upload", lang), "台账.csv", WAN)
    help_text = at.selectbox(key="upload_map_balance").help
    if lang == "zh":
        assert help_text.startswith("标准字段：") and "balance" not in help_text
    else:
        assert help_text.startswith("Canonical column: balance")
