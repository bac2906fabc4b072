"""The arrangements page (还款安排与利息) driven like a reader: segment, cause class, one account, tabs."""
from __future__ import annotations

import json

import pandas as pd
import pytest

from analysis.arrangements import options as O
from tests.app.apptest import assert_clean, open_page
from ui.arrangements import keys as K


def _metrics(at) -> list[str]:
    return [m.value for m in at.metric]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_comparison_renders_with_the_best_option_and_its_charts(lang):
    at = open_page("arrangements", lang)
    assert_clean(at)
    assert at.title[0].value == ("还款安排与利息" if lang == "zh" else "Repayment arrangements & interest")
    assert len(_metrics(at)) == 4
    assert len(at.get("vega_lite_chart")) == 3  # values, cumulative cash, the open sensitivity tab
    verdict = [m.value for m in at.markdown if "**" in m.value and ("净现值最高" in m.value or "highest NPV" in m.value)]
    assert verdict, [m.value for m in at.markdown]


def test_another_bucket_a_cause_class_and_one_account_change_the_figures(full_sample_portfolio):
    at = open_page("arrangements", "zh")
    first = _metrics(at)
    # Set through the session (as a click does): the pickers' labels are formatted in the page's language.
    at.session_state[K.BUCKET] = "31-60"
    at.run()
    assert_clean(at)
    second = _metrics(at)
    assert second[0] != first[0]
    at.session_state[K.CAUSE_CLASS] = "unable/temporary"
    at.run()
    assert_clean(at)
    assert _metrics(at)[0] != second[0]
    assert any("暂时性困难" in s.value for s in at.subheader)
    month = max(full_sample_portfolio["month"])
    rows = full_sample_portfolio[(full_sample_portfolio["month"] == month)
                                 & full_sample_portfolio["days_past_due"].between(31, 60)]
    at.session_state[K.MODE] = "account"
    at.run()
    assert_clean(at)
    at.text_input(key=K.ACCOUNT).input(str(rows["account_id"].iloc[0])).run()
    assert_clean(at)
    balance = float(rows["balance"].iloc[0]) / 10_000  # the sample is shown in 万元
    assert _metrics(at)[0] == f"{balance:,.2f}"


def test_an_unknown_account_is_a_message_not_a_traceback():
    at = open_page("arrangements", "en", **{K.MODE: "account"})
    at.text_input(key=K.ACCOUNT).input("NO-SUCH-ACCOUNT").run()
    assert not at.exception
    assert any("NO-SUCH-ACCOUNT" in e.value for e in at.error)


@pytest.mark.parametrize("tab, lang, text", [("信用卡利息", "zh", "最低还款"), ("Instalment annual rate", "en", "13.03%")])
def test_the_calculator_tabs_render(tab, lang, text):
    at = open_page("arrangements", lang, **{K.TAB: tab})
    assert_clean(at)
    shown = " ".join(str(e.value) for e in [*at.markdown, *at.caption, *at.subheader, *at.metric])
    shown += " ".join(" ".join(map(str, df.value.columns)) for df in at.dataframe)
    assert text.lower() in shown.lower(), shown[:2000]


def test_the_options_editor_rows_round_trip():
    frame = __import__("ui.arrangements.compare", fromlist=["x"]).options_frame(O.default_options(), "en")
    from ui.arrangements.compare import options_from_frame

    assert options_from_frame(frame) == O.default_options()
    blank = pd.concat([frame, pd.DataFrame([{c: None for c in frame.columns}])], ignore_index=True)
    assert options_from_frame(blank) == O.default_options()  # an empty new row is not an option
    bad = frame.assign(months=[None, 0, 12, 36, None])
    with pytest.raises(Exception) as err:
        options_from_frame(bad)
    assert "2" in str(err.value)  # the row number


def test_presenting_shows_the_comparison_without_downloads():
    at = open_page("arrangements", "zh", presentation=True)
    assert_clean(at)
    assert not at.get("download_button")


def test_the_editor_shows_only_each_kinds_terms_and_reads_typed_text():
    from ui.arrangements.compare import options_frame, options_from_frame

    frame = options_frame(O.default_options(), "en")
    assert frame.loc[0, ["months", "fee_rate", "redefault", "discount"]].tolist() == ["", "", "", ""]  # no arrangement
    assert frame.loc[2, ["months", "fee_rate", "discount"]].tolist() == ["12", "0.6", ""]
    typed = frame.copy()
    typed.loc[2, "fee_rate"] = "０.５%"
    typed.loc[2, "redefault"] = "40"
    typed.loc[4, "months"] = "99"  # a term settlements do not read is ignored
    options = options_from_frame(typed)
    assert options[2].fee_rate == pytest.approx(0.005) and options[2].redefault == pytest.approx(0.4)
    assert options[4] == O.default_options()[4]
    typed.loc[2, "fee_rate"] = "0,6"
    assert options_from_frame(typed)[2].fee_rate == pytest.approx(0.006)
    typed.loc[2, "fee_rate"] = "abc"
    with pytest.raises(Exception, match="abc"):
        options_from_frame(typed)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_option_table_gives_every_header_the_room_it_needs(lang):
    # Streamlit's "small" (75 px) cut the headers to "名称（" and "月手续": every column is at least
    # as wide as its header at about 7 px per half-width character, plus its icons
    import unicodedata

    at = open_page("arrangements", lang)
    editor = [d for d in at.data_editor if "fee_rate" in json.loads(d.proto.columns)][0]
    columns = {k: v for k, v in json.loads(editor.proto.columns).items() if not k.startswith("_")}
    assert len(columns) >= 10
    for key, column in columns.items():
        label = column["label"]
        need = 7 * sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in label) + 40
        assert isinstance(column.get("width"), int) and column["width"] >= need, (key, label, column.get("width"))


@pytest.mark.parametrize("lang, says, not_said", [("zh", "没有哪种安排的净现值高于", "净现值最高"),
                                                  ("en", "no arrangement has a higher NPV", "has the highest NPV")])
def test_when_no_arrangement_is_best_the_verdict_says_so(monkeypatch, lang, says, not_said):
    # it read "不安排 的净现值最高，比不安排多收回 0.00 万元"
    monkeypatch.setattr(O, "default_options", lambda: (O.Option("none"), O.Option("settlement", discount=0.95, pay_by=1)))
    at = open_page("arrangements", lang)
    assert_clean(at)
    verdicts = [m.value for m in at.markdown if says in m.value]
    assert len(verdicts) == 1 and not [m.value for m in at.markdown if not_said in m.value]


@pytest.mark.parametrize("lang, says", [("zh", "无法判断哪种安排最优"), ("en", "No best arrangement can be named")])
def test_a_baseline_that_never_resolves_names_no_best_arrangement(monkeypatch, lang, says):
    # UCI Taiwan's 1-30 bucket (34 account-months of history): 100 % of "no arrangement" never
    # resolved, a warning said so, and right under it the cards read "best: instalment, +9,035 万元"
    monkeypatch.setattr(O, "baseline_usable", lambda comparison: False)
    at = open_page("arrangements", lang)
    assert not at.exception
    assert any(says in e.value for e in at.error)
    assert len(_metrics(at)) == 1  # the segment's balance only: no best option, no gain, no cure uplift
    assert not [m.value for m in at.markdown if "净现值最高" in m.value or "highest NPV" in m.value]
    assert len(at.get("vega_lite_chart")) == 3  # the options' figures stay, to check
