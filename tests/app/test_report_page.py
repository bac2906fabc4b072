"""AppTest of the meeting-report page: the controls build the files and offer downloads, both languages."""
from __future__ import annotations

import pytest

from tests.app.apptest import assert_clean, open_page
from ui.report import keys


def built_html(at, sections: list[str]) -> str:
    """Switch ``at`` to the report page, build ``sections`` as HTML, and return the page's HTML file."""
    at.switch_page("pages/report.py").run()
    _pills(at, keys.K_SECTIONS).set_value(sections)
    _pills(at, keys.K_FORMATS).set_value(["html"])
    at.run()
    at.button(key=keys.K_BUILD).click().run()
    assert_clean(at)
    return at.session_state[keys.K_FILES]["files"]["html"].decode("utf-8")


def _pills(at, key):
    return next(el for el in at.get("button_group") if el.key == key)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_report_page_builds_and_offers_downloads(lang):
    at = open_page("report", lang)
    assert_clean(at)
    assert at.title[0].value == ("会议汇报" if lang == "zh" else "Meeting report")
    # A preview of the month's findings is on the page before anything is built.
    assert any(("个百分点" in m.value or "持平" in m.value) if lang == "zh" else (" pp " in m.value or "steady" in m.value)
               for m in at.markdown)
    # Keep the test quick: one section, two formats.
    _pills(at, keys.K_SECTIONS).set_value(["aging"])
    _pills(at, keys.K_FORMATS).set_value(["html", "xlsx"])
    at.run()
    at.button(key=keys.K_BUILD).click().run()
    assert_clean(at)
    built = at.session_state[keys.K_FILES]
    assert set(built["files"]) == {"html", "xlsx"}
    assert built["files"]["html"].startswith(b"<!DOCTYPE html>")
    assert built["files"]["xlsx"][:2] == b"PK"
    assert built["lang"] == lang
    page = built["files"]["html"].decode("utf-8")
    assert ("账龄分布与迁徙" if lang == "zh" else "Aging and roll rates") in page
    downloads = [el for el in at.get("download_button")]
    assert len(downloads) == 2


def test_report_language_and_stale_settings():
    at = open_page("report", "zh")
    _pills(at, keys.K_SECTIONS).set_value(["warnings"])
    _pills(at, keys.K_FORMATS).set_value(["html"])
    _pills(at, keys.K_LANG).set_value("en")  # a Chinese UI can build an English report
    at.run()
    at.button(key=keys.K_BUILD).click().run()
    assert_clean(at)
    assert b"Early warning and collections" in at.session_state[keys.K_FILES]["files"]["html"]
    # Changing a setting marks the built files as stale instead of offering old files.
    at.selectbox(key=keys.K_MONTH).set_value(at.selectbox(key=keys.K_MONTH).options[-2]).run()
    assert_clean(at)
    assert any("重新生成" in i.value for i in at.info)
    assert not at.get("download_button")


def test_the_report_language_follows_the_screen_until_the_reader_picks_one():
    at = open_page("report", "zh")
    assert _pills(at, keys.K_LANG).value == "zh"
    at.session_state["lang"] = "en"  # the sidebar's language switch
    at.run()
    assert_clean(at)
    assert _pills(at, keys.K_LANG).value == "en"  # an English screen: an English report
    _pills(at, keys.K_LANG).set_value("zh").run()  # the reader wants a Chinese report all the same
    at.session_state["lang"] = "zh"
    at.run()
    at.session_state["lang"] = "en"
    at.run()
    assert_clean(at)
    assert _pills(at, keys.K_LANG).value == "zh"


def test_report_uses_the_whatif_pages_scenarios():
    at = open_page("whatif", "en")
    assert_clean(at)
    page = built_html(at, ["whatif"])
    # The what-if page's three starter scenarios, not the report's own default pair.
    for name in ("No change (today)", "Cut 31+ DPD by 30%", "Cut 31+, raise clean low-use"):
        assert name in page


@pytest.mark.parametrize("measure, basis, other", [("count", "按户数", "按余额"), ("balance", "按余额", "按户数")])
def test_report_roll_rates_follow_the_sidebar_measure(measure, basis, other):
    # Like the aging page: the workbook's roll-rate sheet is on the sidebar's basis, and its
    # title and 口径 line both say which.
    import io

    import openpyxl

    from analysis.report.to_xlsx import sheet_name

    at = open_page("report", "zh", measure=measure)
    _pills(at, keys.K_SECTIONS).set_value(["aging"])
    _pills(at, keys.K_FORMATS).set_value(["xlsx"])
    at.run()
    at.button(key=keys.K_BUILD).click().run()
    assert_clean(at)
    book = openpyxl.load_workbook(io.BytesIO(at.session_state[keys.K_FILES]["files"]["xlsx"]))
    ws = book[sheet_name("aging_roll_rates", "zh")]
    title, defs = ws.cell(row=1, column=1).value, ws.cell(row=2, column=1).value
    assert basis in title and basis in defs
    assert other not in title and other not in defs


@pytest.mark.parametrize("lang, name", [("zh", "拨备与不良"), ("en", "Provisions and NPL")])
def test_report_page_lists_the_provisions_section(lang, name):
    at = open_page("report", lang)
    assert_clean(at)
    pills = _pills(at, keys.K_SECTIONS)
    # After causes, like the report's sections; chosen by default like every section.
    assert pills.options.index(name) == 3
    assert pills.value.index("provisions") == pills.value.index("causes") + 1


def test_report_uses_the_provisions_pages_settings():
    from ui.aging import keys as aging_keys
    from ui.provisions import keys as prov_keys

    at = open_page("provisions", "en")
    assert_clean(at)
    at.number_input(key=prov_keys.LGD).set_value(60.0).run()
    at.selectbox(key=aging_keys.TIER_PRESET).set_value("floors_2023").run()  # 次级 from 91, 可疑 271, 损失 361
    assert_clean(at)
    at.switch_page("pages/report.py").run()
    _pills(at, keys.K_SECTIONS).set_value(["provisions"])
    _pills(at, keys.K_FORMATS).set_value(["html"])
    at.run()
    at.button(key=keys.K_BUILD).click().run()
    assert_clean(at)
    page = at.session_state[keys.K_FILES]["files"]["html"].decode("utf-8")
    assert "Provisions and NPL" in page
    assert "LGD 60%" in page and "LGD 45%" not in page
    assert "1 / 91 / 271 / 361" in page and "1 / 91 / 121 / 181" not in page


def test_preview_ranks_the_provisions_finding_as_the_report_does():
    # A coverage reference of 1,000 % (as if typed on the provisions page): a ratio below its
    # reference is the second key finding of the preview, and leaves with the section.
    from ui.provisions import keys as prov_keys

    at = open_page("report", "en", **{prov_keys.REF_COVERAGE: 1000.0})
    assert_clean(at)
    preview = next(md.value for md in at.markdown if md.value.startswith("- "))
    lines = preview.split("\n")
    assert lines[1].startswith("- The allowance for") and "coverage is below its reference" in lines[1]
    _pills(at, keys.K_SECTIONS).set_value(["aging"])
    at.run()
    assert_clean(at)
    assert not [md.value for md in at.markdown if "The allowance for" in md.value]


def test_invalid_provisions_settings_are_said_not_silently_replaced():
    import pandas as pd

    from ui.provisions import keys as PK

    bad = pd.DataFrame({"name": ["base", "down"], "weight": [60.0, 30.0], "pd_multiplier": [1.0, 1.5]})
    at = open_page("report", "en", persist_tables={PK.SCENARIOS: (bad, bad)})
    assert not at.exception
    assert any("provisions page's settings" in w.value for w in at.warning)


def test_report_prices_the_whatif_with_the_pages_assumptions():
    # Streamlit keeps a what-if assumption widget's value for its page only: the report built
    # after a visit priced with the defaults (LGD 45 % where the page said 60 %, its PD floor) and
    # at bucket PDs where the page priced each account at its own
    from ui.whatif import keys as whatif_keys

    at = open_page("whatif", "en")
    at.number_input(key=whatif_keys.K_LGD).set_value(60.0).run()
    at.number_input(key=whatif_keys.K_PD_FLOOR).set_value(1.5).run()
    assert_clean(at)
    page = built_html(at, ["whatif"])
    assert at.session_state[whatif_keys.K_LGD] == 60.0  # what the report's pricing read
    assert "floored at 1.50%" in page and "Each account is priced at its cell" in page
    assert "prices each bucket's PD" not in page


def test_a_whatif_assumption_changed_after_the_build_makes_the_files_stale():
    # the built files were kept under a key that left out the funding rate, the PD floor and
    # other assumptions the report prices with: the old files were offered as current
    from ui.whatif import keys as whatif_keys

    at = open_page("whatif", "zh")
    built_html(at, ["whatif"])
    assert at.get("download_button")
    at.switch_page("pages/whatif.py").run()  # there and back, nothing changed: still current
    at.switch_page("pages/report.py").run()
    assert_clean(at)
    assert at.get("download_button") and not any("重新生成" in i.value for i in at.info)
    at.switch_page("pages/whatif.py").run()
    at.number_input(key=whatif_keys.K_FUNDING).set_value(6.0).run()
    at.switch_page("pages/report.py").run()
    assert_clean(at)
    assert any("重新生成" in i.value for i in at.info) and not at.get("download_button")
