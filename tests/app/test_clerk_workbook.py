"""The bars of issue 13 through the upload page (AppTest), touching no widget but the file chooser
and "check and load":

- the clerk workbook (a title row, a row "单位：万元", headers ``贷款余额(万元)`` and ``授信额度(万元)``,
  a 合计 row) loads in 万元 with the unit detected and said, and the 合计 row rejected as a total row;
- twelve monthly CSV files named ``逾期明细表 2024年1月.csv`` … with no month column give the
  same panel, to the cent, as one file with a month column.
"""
from __future__ import annotations

import io
from decimal import Decimal

import openpyxl
import pytest

from tests.app.apptest import assert_clean, open_page

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADER = ["客户编号", "统计月份", "逾期天数", "贷款余额(万元)", "授信额度(万元)", "产品"]
MONTHS = ["2024-01", "2024-02", "2024-03"]
ACCOUNTS = [f"C{i:03d}" for i in range(1, 11)]


def _clerk_rows() -> list[list]:
    """10 accounts × 3 months; balances in 万元 with up to four decimals, as clerks type them."""
    rows = []
    for m, month in enumerate(MONTHS):
        for i, account in enumerate(ACCOUNTS):
            balance = Decimal(f"{12 + 3 * i}.{(37 * i + 11 * m) % 10000:04d}")  # e.g. 12.0011
            limit = Decimal(20 + 5 * i)
            dpd = (0, 0, 15, 45, 0, 95, 0, 3, 200, 0)[(i + m) % 10]
            rows.append([account, month, dpd, float(balance), float(limit), "消费贷" if i % 2 else "信用卡"])
    return rows


def _clerk_workbook(rows: list[list]) -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "明细"
    ws.append(["XX银行零售贷款逾期明细表"])
    ws.append(["单位：万元"])
    ws.append(HEADER)
    for r in rows:
        ws.append(r)
    total = sum(Decimal(str(r[3])) for r in rows)
    ws.append(["合计", None, None, float(total), float(sum(Decimal(str(r[4])) for r in rows)), None])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_clerk_workbook_loads_in_wan_with_no_step_but_check_and_load(lang):
    rows = _clerk_rows()
    at = open_page("upload", lang)
    at.file_uploader[0].set_value(("逾期明细表.xlsx", _clerk_workbook(rows), XLSX))
    at.run()
    assert_clean(at)
    # the page says where the unit came from, before anything is loaded
    unit = {"zh": "金额单位已设为万元", "en": "amounts are read as CNY 10k"}[lang]
    said = [i.value for i in at.info if unit in i.value]
    assert len(said) == 1 and ("单位：万元" in said[0] or "(万元)" in said[0]), [i.value for i in at.info]
    assert at.radio(key="upload_opt_unit").value == "wan"
    at.button(key="upload_validate").click()  # the only step
    at.run()
    assert_clean(at)
    result = at.session_state["data_result"]
    portfolio = result.portfolio
    # hand-computed: each 万元 balance × 10,000, exact in decimal, rounded to the cent once
    expected = {(r[0], r[1]): Decimal(str(r[3])) * 10000 for r in rows}
    got = {(a, m): b for a, m, b in zip(portfolio["account_id"], portfolio["month"], portfolio["balance"])}
    assert set(got) == set(expected)
    assert all(round(got[k], 2) == float(round(v, 2)) for k, v in expected.items())
    assert round(float(portfolio["balance"].sum()), 2) == float(round(sum(expected.values()), 2))
    assert sorted(set(portfolio["credit_limit"])) == [float((20 + 5 * i) * 10000) for i in range(10)]
    # the 合计 row: rejected as a total row, nothing else rejected; row 34 of the sheet (3 + 30 + 1)
    rejected = result.rejected
    assert rejected["reason"].tolist() == ["ingest.reject.total_row"]
    assert rejected["row"].tolist() == [34]
    assert result.summary["rows_accepted"] == 30


def _monthly_csv(month: int, with_month_column: bool) -> str:
    """One month's rows: 6 accounts, a balance with cents, one account leaving, one arriving."""
    lines = []
    for i in range(6):
        account = f"A{(i + month) % 9:02d}"
        balance = f"{1000 * (i + 1) + 37 * month}.{(13 * i + 7 * month) % 100:02d}"
        dpd = (0, 5, 0, 40, 0, 100)[(i + month) % 6]
        cells = [account, str(dpd), balance]
        lines.append(",".join(([f"2024-{month:02d}"] if with_month_column else []) + cells))
    return "\n".join(lines) + "\n"


def test_twelve_monthly_csv_files_give_the_one_file_panel_through_the_page():
    header = "客户编号,逾期天数,贷款余额\n"
    at = open_page("upload", "zh")
    at.file_uploader[0].set_value(("逾期明细表 全年.csv", ("统计月份," + header + "".join(
        _monthly_csv(m, True) for m in range(1, 13))).encode("utf-8"), "text/csv"))
    at.run()
    at.button(key="upload_validate").click()
    at.run()
    assert_clean(at)
    one = at.session_state["data_result"].portfolio

    at = open_page("upload", "zh")
    files = [(f"逾期明细表 2024年{m}月.csv", (header + _monthly_csv(m, False)).encode("utf-8"), "text/csv")
             for m in range(1, 13)]
    at.file_uploader[0].set_value(files)
    at.run()
    assert_clean(at)
    table = at.data_editor[0].value  # by name: 2024年10月 before 2024年1月
    assert dict(zip(table["file"], table["month"])) == {f"逾期明细表 2024年{m}月.csv": f"2024-{m:02d}" for m in range(1, 13)}
    at.button(key="upload_validate").click()
    at.run()
    assert_clean(at)
    several = at.session_state["data_result"].portfolio

    key = ["month", "account_id"]
    a = one.sort_values(key).reset_index(drop=True)
    b = several.sort_values(key).reset_index(drop=True)
    assert a[key].values.tolist() == b[key].values.tolist()
    assert len(a) == 72
    assert a["days_past_due"].tolist() == b["days_past_due"].tolist()
    assert [round(x, 2) for x in a["balance"]] == [round(x, 2) for x in b["balance"]]
    # and to the cent against the files' own text, month by month
    for m in range(1, 13):
        text_total = sum(Decimal(line.split(",")[2]) for line in _monthly_csv(m, False).splitlines())
        assert round(float(b.loc[b["month"] == f"2024-{m:02d}", "balance"].sum()), 2) == float(text_total)
