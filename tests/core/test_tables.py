"""The one display-table layer: a figure reads the same on screen, in the report and in downloads."""
from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

from analysis.core.tables import (
    KINDS, STYLES, DisplayTable, cell_text, csv_frame, display_table, excel_format, excel_value, screen_format,
    screen_formats, screen_values,
)

NUMERIC = [k for k in KINDS if k != "text"]


def test_every_numeric_kind_is_described_once():
    assert set(STYLES) == set(NUMERIC)


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("kind", NUMERIC)
def test_negatives_have_a_minus_sign_and_thousands_are_grouped(kind, lang):
    big = -12345.678 if STYLES[kind].unit == "" else -123.45678  # shares ×100 → -12,345.68
    text = cell_text(big, kind, lang)
    assert text.startswith("-") and "(" not in text and "12,34" in text
    excel = excel_format(kind, lang)
    positive, negative, *zero = excel.split(";")
    assert zero == ([positive.lstrip("+")] if STYLES[kind].signed else [])  # no sign on a zero change
    assert negative.startswith("-") and "(" not in excel and "#,##0" in positive
    assert ("+" in positive) == STYLES[kind].signed == ("+" in screen_format(kind, lang))
    assert "," in screen_format(kind, lang)


@pytest.mark.parametrize("kind, value, zh, en", [
    ("count", 22969, "22,969", "22,969"),
    ("signed_count", 12, "+12", "+12"),
    ("amount", 1234.5, "1,234.50", "1,234.50"),
    ("signed_amount", -0.5, "-0.50", "-0.50"),
    ("rate", 0.0312, "3.12%", "3.12%"),
    ("pp", 0.004, "+0.40个百分点", "+0.40 pp"),
    ("pp", -0.0, "0.00个百分点", "0.00 pp"),  # a negative zero is no change, and no change has no sign
    ("pp", 0.00004, "0.00个百分点", "0.00 pp"),  # nor has a change that rounds to nothing
    ("signed_amount", -0.004, "0.00", "0.00"),
    ("number", 1.23456, "1.235", "1.235"),
    ("text", "M1", "M1", "M1"),
    ("rate", None, "–", "–"),
    ("amount", float("nan"), "–", "–"),
])
def test_cell_text(kind, value, zh, en):
    assert cell_text(value, kind, "zh") == zh
    assert cell_text(value, kind, "en") == en


@pytest.mark.parametrize("kind, zh, en", [
    ("count", "%,d", "%,d"),
    ("signed_count", "%+,d", "%+,d"),
    ("amount", "%,.2f", "%,.2f"),
    ("signed_amount", "%+,.2f", "%+,.2f"),
    ("rate", "%,.2f%%", "%,.2f%%"),
    ("pp", "%+,.2f个百分点", "%+,.2f pp"),
    ("number", "%,.3f", "%,.3f"),
    ("text", None, None),
])
def test_screen_format(kind, zh, en):
    assert screen_format(kind, "zh") == zh and screen_format(kind, "en") == en


def _printf(fmt: str, value: float) -> str:
    """The printf subset Streamlit's NumberColumn uses (sprintf-js: flags ``+`` and ``,``)."""
    match = re.fullmatch(r"%(\+?)(,?)(?:\.(\d+))?([df])(.*)", fmt)
    sign, group, places, conv, rest = match.groups()
    spec = f"{sign}{group}" + ("d" if conv == "d" else f".{places}f")
    number = int(value) if conv == "d" else value
    return format(number, spec) + rest.replace("%%", "%")


@pytest.mark.parametrize("kind", NUMERIC)
@pytest.mark.parametrize("value", [0.0312, -1234.5678, 98765])
def test_screen_prints_the_digits_of_cell_text(kind, value):
    # screen_values × screen_format must print what cell_text writes (the browser test checks
    # that Streamlit's sprintf does render these formats).
    table = display_table("t", "T", [("x", kind, [value])])
    shown = screen_values(table)["x"].iloc[0]
    for lang in ("zh", "en"):
        expected = cell_text(value, kind, lang)
        if STYLES[kind].integer:
            expected = cell_text(int(value), kind, lang)
            shown = int(value)
        if STYLES[kind].signed and expected.lstrip("-")[:1] == "0" and not any(ch in "123456789" for ch in expected):
            # Streamlit's printf cannot drop the sign of a zero: the screen table prints "+0"
            # where the text says "0" (a change of exactly nothing).
            expected = "+" + expected
        assert _printf(screen_format(kind, lang), shown) == expected


@pytest.mark.parametrize("kind, decimals, zh", [
    ("rate", None, "#,##0.00%;-#,##0.00%"),
    ("rate", 1, "#,##0.0%;-#,##0.0%"),
    ("pp", None, '+#,##0.00"个百分点";-#,##0.00"个百分点";#,##0.00"个百分点"'),
    ("amount", 4, "#,##0.0000;-#,##0.0000"),
    ("count", None, "#,##0;-#,##0"),
    ("signed_count", None, "+#,##0;-#,##0;#,##0"),
    ("signed_rate", None, "+#,##0.00%;-#,##0.00%;#,##0.00%"),
    ("text", None, None),
])
def test_excel_format(kind, decimals, zh):
    assert excel_format(kind, "zh", decimals) == zh
    assert excel_format("pp", "en") == '+#,##0.00" pp";-#,##0.00" pp";#,##0.00" pp"'


def test_excel_values_are_numbers_points_in_points():
    assert excel_value(0.004, "pp") == pytest.approx(0.4)
    assert excel_value(0.0312, "rate") == 0.0312  # Excel's % multiplies a rate itself
    assert excel_value(np.nan, "amount") is None and excel_value("x", "text") is None
    assert excel_value(np.int64(7), "count") == 7.0


def test_a_change_that_shows_as_nothing_is_held_as_nothing_in_excel():
    # Excel picks the format's section by the value held: 0.0025 个百分点 read "+0.00个百分点" in the
    # report's workbook (17 cells of 变动归因), where the HTML reads "0.00个百分点".
    assert excel_value(0.000025, "pp") == 0.0 and cell_text(0.000025, "pp", "zh") == "0.00个百分点"
    assert excel_value(-0.004, "signed_amount") == 0.0 and excel_value(-0.004, "signed_amount", 3) == -0.004
    assert excel_value(0.00004, "signed_rate") == 0.0 and excel_value(0.0004, "signed_rate") == 0.0004
    assert excel_value(0.000025, "rate") == 0.000025  # a level, not a change: kept as it is
    assert cell_text(0.0211, "signed_rate", "zh") == "+2.11%" and cell_text(-0.15, "signed_rate", "en") == "-15.00%"


def test_decimals_override_a_kinds_default():
    table = display_table("t", "T", [("亿元", "amount", [1.23456])], decimals={"亿元": 4})
    assert table.text_frame("zh")["亿元"].tolist() == ["1.2346"]
    assert screen_formats(table, "zh") == {"亿元": "%,.4f"}


def test_csv_frame_writes_numbers_in_the_screens_units_and_names_them():
    frame = pd.DataFrame({"桶": ["M0", "M1"], "_hidden": [1, 2], "户数": [10, 2000], "占比": [0.0312, 0.5],
                          "变动": [0.004, -0.001]})
    before = frame.copy()
    table = DisplayTable("t", "T", frame, {"户数": "count", "占比": "rate", "变动": "pp"})
    out = csv_frame(table, "zh")
    assert list(out.columns) == ["桶", "户数", "占比 (%)", "变动 (个百分点)"]
    assert out["占比 (%)"].tolist() == [3.12, 50.0] and out["变动 (个百分点)"].tolist() == [0.4, -0.1]
    assert out["户数"].tolist() == [10, 2000]
    assert all(pd.api.types.is_numeric_dtype(out[c]) for c in out.columns[1:])
    assert list(csv_frame(table, "en").columns)[2:] == ["占比 (%)", "变动 (pp)"]
    pd.testing.assert_frame_equal(frame, before)


def test_unknown_kinds_are_refused():
    with pytest.raises(ValueError):
        DisplayTable("t", "T", pd.DataFrame({"x": [1]}), {"x": "percent"})
    with pytest.raises(ValueError):
        cell_text(1, "percent", "zh")


def test_amount_columns_get_the_places_their_smallest_figure_needs():
    # In 亿元 a loss table of 0.00 / 0.01 hides every difference: the places follow the figures.
    from analysis.core.tables import amount_places

    table = display_table("t", "T", [("EL", "amount", [0.3612, 0.3489]), ("Δ", "signed_amount", [-0.0123, 0.0]),
                                     ("Book", "amount", [153_738.13, 1.5])], decimals={"Book": 1})
    assert [table.places(c) for c in ("EL", "Δ", "Book")] == [2, 3, 1]
    assert table.text_frame("zh").to_dict("list") == {"EL": ["0.36", "0.35"], "Δ": ["-0.012", "0.000"],
                                                     "Book": ["153,738.1", "1.5"]}
    assert screen_formats(table, "en") == {"EL": "%,.2f", "Δ": "%+,.3f", "Book": "%,.1f"}
    assert amount_places([0.00002]) == 6 and amount_places([]) == 2
