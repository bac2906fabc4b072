"""The report says under its subtitle what the upload's validation found: a month whose rows were
all rejected must not vanish from the meeting unsaid."""
from __future__ import annotations

import io
import json
import zipfile

import pytest

from analysis.__main__ import main


def _book(tmp_path):
    rows = ["account_id,month,dpd,balance"]
    rows += [f"A{i},2024-{m:02d},{(0, 0, 45, 100)[(i + m) % 4]},{100 + i}" for m in range(1, 6) for i in range(20)]
    rows += [f"A{i},2024-06,abc,100" for i in range(20)]  # the latest month: every row rejected
    path = tmp_path / "book.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("fmt", ["html", "xlsx", "pptx"])
def test_the_rejected_rows_are_said_in_every_format(tmp_path, capsys, fmt):
    out = tmp_path / f"r.{fmt}"
    assert main(["report", str(_book(tmp_path)), "-o", str(out), "--sections", "aging", "--json", "--lang", "en"]) == 0
    payload = json.loads(capsys.readouterr().out)
    note = payload["data_note"]
    assert note == "Validation: 120 rows read, 100 accepted, 20 rejected (DPD not a whole number: 20)."
    data = out.read_bytes()
    if fmt == "html":
        assert note in data.decode("utf-8")
    else:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            text = "".join(z.read(n).decode("utf-8", "ignore") for n in z.namelist() if n.endswith(".xml"))
        assert "20 rejected" in text


def test_a_clean_upload_says_all_rows_were_taken(tmp_path, capsys):
    path = tmp_path / "clean.csv"
    path.write_text("account_id,month,dpd,balance\nA,2024-01,0,5\nA,2024-02,40,5\n", encoding="utf-8")
    assert main(["report", str(path), "-o", str(tmp_path / "r.html"), "--sections", "aging", "--lang", "zh"]) == 0
    assert "校验：读取 2 行，全部采用。" in capsys.readouterr().out


def test_warned_accounts_have_no_change_when_last_month_has_no_history_of_its_own():
    import pandas as pd

    from analysis.report.meeting import assemble_report

    def book(months):
        return pd.DataFrame([{"account_id": f"A{i}", "month": m, "days_past_due": (0, 0, 35, 95)[(i + k) % 4],
                              "balance": 100.0 + i} for k, m in enumerate(months) for i in range(40)])

    def warned(months):
        frame = assemble_report(book(months), sections=["aging"], lang="en").headline.frame
        return frame.set_index("_metric").loc["warned_accounts", ["This month", "Previous month"]].tolist()

    now, before = warned(["2024-02", "2024-03"])  # 2024-02 has no month before: its count is not comparable
    assert now > 0 and pd.isna(before)
    now, before = warned(["2024-01", "2024-02", "2024-03"])
    assert now > 0 and before > 0
