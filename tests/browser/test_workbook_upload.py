"""Workbooks through the real file chooser: the Excel reader runs in its sandboxed child under the
Streamlit server (multiprocessing's fork server there), the guard in the server beside it.

A workbook made here with a title row loads with every row; the 2 KB sheet declaring
``A1:XFD1048576`` (which once aborted the whole server) is refused with the message that names the
stray cell, and the same server then loads the good workbook again.
"""
from __future__ import annotations

import io

import pandas as pd

from tests.browser.conftest import assert_no_error, upload_and_load, wait_for_app
from tests.ingest import hostile

ACCOUNTS, MONTHS = 400, ("2024-01-31", "2024-02-29", "2024-03-31")
ROWS = ACCOUNTS * len(MONTHS)


def _workbook(path) -> None:
    """A clerk's workbook: a title row above the header, one row per account and month."""
    frame = pd.DataFrame({
        "客户编号": [f"KH{a:05d}" for _ in MONTHS for a in range(ACCOUNTS)],
        "数据日期": pd.to_datetime([m for m in MONTHS for _ in range(ACCOUNTS)]),
        "逾期天数": [(a * 7 + k) % 95 for k in range(len(MONTHS)) for a in range(ACCOUNTS)],
        "贷款余额(元)": [1000 + a * 0.5 for _ in MONTHS for a in range(ACCOUNTS)],
    })
    out = io.BytesIO()
    with pd.ExcelWriter(out, engine="xlsxwriter") as xw:
        frame.to_excel(xw, sheet_name="明细", index=False, startrow=1)
        xw.sheets["明细"].write(0, 0, "XX银行逾期明细表 2024年一季度")
    path.write_bytes(out.getvalue())


def test_a_workbook_loads_and_a_hostile_one_is_refused_by_the_same_server(page, server_url, tmp_path):
    good = tmp_path / "逾期明细 2024Q1.xlsx"
    _workbook(good)
    bad = tmp_path / "坏表.xlsx"
    bad.write_bytes(hostile.sparse("XFD1048576"))

    page.goto(f"{server_url}/upload")
    wait_for_app(page)
    with page.expect_file_chooser() as chooser:
        page.get_by_test_id("stFileUploaderDropzone").first.get_by_test_id("stBaseButton-secondary").click()
    chooser.value.set_files(str(bad))
    page.get_by_text("Ctrl+End").first.wait_for(timeout=90_000)
    wait_for_app(page)
    assert_no_error(page)
    assert "XFD1048576" in page.inner_text('[data-testid="stApp"]')

    page.goto(f"{server_url}/upload")  # the server reads on: a fresh page, a good workbook
    wait_for_app(page)
    upload_and_load(page, good)
    assert_no_error(page)
    text = page.inner_text('[data-testid="stApp"]')
    assert "逾期明细 2024Q1.xlsx" in text and f"{ROWS:,}" in text
