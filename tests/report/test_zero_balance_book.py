"""A book whose balances are all 0 (each account still counted): the report is written in every
format, and no chart writes a missing share as the text "null"."""
from __future__ import annotations

import re
import zipfile

import pytest

from analysis.__main__ import main
from analysis.report.pptx_charts import native_chart


def _zero_book(tmp_path):
    rows = ["account_id,month,dpd,balance"]
    rows += [f"A{i},{m},{dpd},0" for m in ("2024-05", "2024-06") for i, dpd in enumerate([0, 0, 45, 100])]
    path = tmp_path / "zero.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("fmt", ["pptx", "html"])
def test_a_report_on_a_book_of_zero_balances_is_written(tmp_path, fmt, capsys):
    out = tmp_path / f"r.{fmt}"
    assert main(["report", str(_zero_book(tmp_path)), "-o", str(out)]) == 0
    if fmt == "pptx":
        with zipfile.ZipFile(out) as deck:
            assert any(n.startswith("ppt/slides/slide") for n in deck.namelist())
    else:
        html = out.read_text(encoding="utf-8")
        assert not re.findall(r">null<", html)  # the share of a zero total is no label, not "null"


def test_a_chart_with_no_figure_to_draw_is_left_a_picture_not_a_native_chart():
    # PowerPoint refuses a chart without categories ("chart data contains no categories")
    spec = {"mark": "bar", "encoding": {"y": {"field": "b", "type": "nominal"}, "x": {"field": "v", "type": "quantitative"}}}
    assert native_chart({**spec, "data": {"values": []}}) is None
    assert native_chart({**spec, "data": {"values": [{"b": "Current", "v": 1.0}]}}) is not None
