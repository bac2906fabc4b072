"""Every page on a book with no balances, in both languages: no money unit in any text a reader
sees (markdown, captions, alerts, metrics, widget labels and help, table headers, chart titles
and axes), the figures counted right, the measure fixed in the sidebar with its note; and a book
with balances still shows money.

The page calculators of the arrangements page (card interest, instalment rate) work on amounts
the user types in, not on the book: they keep their 元 and say they do not read the data. The
conduct page's sample collection scripts are texts that quote amounts; they are the page's own
examples, not the book's figures.
"""
from __future__ import annotations

import json
import re

import pytest

from analysis.ingest.portfolio import IngestOptions, load_portfolio
from tests.app.apptest import assert_clean, open_page
from tests.countonly.book import ACCOUNTS, OVERDUE, ROWS, balance_result, count_only_result, money_in

PAGES = ("overview", "aging", "trend", "causes", "provisions", "whatif", "warnings", "arrangements", "conduct", "report")
#: Tabs whose figures are amounts the user types in, not the book's (they say so).
CALCULATOR_TABS = {"信用卡利息", "分期年化利率", "Card interest", "Instalment APR"}
#: The money-only pages and sections, and the words that say the book has no balances.
NO_BALANCES = {"zh": "本数据没有余额列", "en": "This data has no balance column"}
#: A balance label given the count unit ("余额（户）", "Book total (accounts)"): it should name accounts.
BALANCE_IN_ACCOUNTS = re.compile(r"(余额|金额)[^（(，。；\n]{0,6}[（(]\s*户\s*[)）]|(balance|total|amount)[^(,.;\n]{0,12}\(accounts\)"
                                 r"|^按余额$|^by balance$|账户余额$|预警余额|覆盖的余额|balance under|warned balance|balance each collection"
                                 r"|逾期各分段余额|bucket balances over|\d\.\d\d（\d+ 户）|\d\.\d\d \(\d+ accounts\)", re.I)


@pytest.fixture(scope="module")
def counts():
    return count_only_result()


def _open(result, lang: str, page: str | None, tag: str):
    return open_page(page, lang, timeout=180, data_result=result, data_name="counts.csv", data_id=f"co-{tag}-{lang}")


def texts(at, with_html: bool = True) -> list[str]:
    """Every text the page shows a reader, table headers and chart titles included."""
    out = []
    for node in at._tree:
        kind = getattr(node, "type", "")
        label = getattr(node, "label", None)
        if isinstance(label, str):
            out.append(label)
        proto = getattr(node, "proto", None)
        if proto is None or not hasattr(proto, "ListFields"):
            continue
        for field, value in proto.ListFields():
            if field.name in ("body", "help", "label", "caption", "placeholder") and isinstance(value, str):
                if kind != "html" or with_html:
                    out.append(value)
            elif field.name == "spec" and isinstance(value, str):  # an altair chart: its titles
                out += _chart_titles(json.loads(value))
    for metric in at.metric:
        out += [metric.label, str(metric.value)]
    for frame in at.dataframe:
        out += [str(c) for c in frame.value.columns]
    return out


def _chart_titles(spec) -> list[str]:
    found = []
    if isinstance(spec, dict):
        for key, value in spec.items():
            if key in ("title", "subtitle", "text") and isinstance(value, (str, list)):
                found += [value] if isinstance(value, str) else [v for v in value if isinstance(v, str)]
            else:
                found += _chart_titles(value)
    elif isinstance(spec, list):
        for item in spec:
            found += _chart_titles(item)
    return found


def _tabs(at) -> list[tuple[str, str]]:
    return [(node.key, child.label) for node in at._tree
            if getattr(node, "type", None) == "tab_container" and node.key
            for child in node.children.values() if getattr(child, "type", None) == "tab"]


def _metric(at, label: str) -> str:
    values = [m.value for m in at.metric if m.label == label]
    assert values, (label, [m.label for m in at.metric])
    return values[0]


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("page", PAGES)
def test_no_money_unit_on_the_page(counts, page, lang):
    at = _open(counts, lang, page, page)
    assert_clean(at)
    seen = []
    for key, label in [(None, None), *_tabs(at)]:
        if key is not None:
            at.session_state[key] = label
            at.run()
            assert_clean(at)
        if label in CALCULATOR_TABS:
            # the calculators keep their 元 (typed-in amounts) and say they do not read the book
            assert any(("不读取当前数据" if lang == "zh" else "does not read the data") in s for s in texts(at))
            continue
        shown = texts(at, with_html=page != "conduct")
        seen += shown
        assert not money_in(shown), (page, label, money_in(shown))
        clumsy = [x for x in shown if BALANCE_IN_ACCOUNTS.search(x)]
        assert not clumsy, (page, label, clumsy)
    if page in ("provisions", "whatif", "arrangements"):
        assert any(NO_BALANCES[lang] in s for s in seen), page


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_overview_counts_accounts(counts, lang):
    at = _open(counts, lang, "overview", "overview")
    assert_clean(at)
    en = lang == "en"
    assert _metric(at, "Accounts" if en else "账户数") == str(ACCOUNTS)
    assert _metric(at, "Overdue accounts (1+ DPD)" if en else "逾期户数（1天以上）") == str(OVERDUE)
    assert _metric(at, "DPD30+ rate" if en else "DPD30+ 逾期率") == "50.00%"
    assert _metric(at, "DPD90+ rate" if en else "DPD90+ 逾期率") == "25.00%"
    labels = [m.label for m in at.metric]
    assert not [x for x in labels if ("Balance" if en else "余额") in x], labels  # no balance card
    assert not money_in(texts(at))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_aging_page_counts_and_reconciles_in_accounts(counts, lang):
    at = _open(counts, lang, "aging", "aging")
    assert_clean(at)
    en = lang == "en"
    assert _metric(at, "Accounts" if en else "账户数") == str(ACCOUNTS)
    assert _metric(at, "Overdue accounts (1+ DPD)" if en else "逾期户数（1天以上）") == str(OVERDUE)
    captions = [c.value for c in at.caption]
    check = [c for c in captions if ("Check:" if en else "核对：") in c]
    assert check and f"{ROWS:,}" in check[0] and (f"{ACCOUNTS:,} accounts" if en else f"{ACCOUNTS:,} 户") in check[0]
    assert not money_in(texts(at))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_measure_is_fixed_to_accounts_with_a_note(counts, lang):
    at = _open(counts, lang, None, "sidebar")
    assert_clean(at)
    fixed = at.sidebar.selectbox(key="measure_fixed")
    assert fixed.disabled and fixed.options == [("By count" if lang == "en" else "按户数")]
    assert not [b for b in at.sidebar.selectbox if b.key in ("unit", "measure")]  # no unit to choose
    note = "no balance column" if lang == "en" else "没有余额列"
    assert any(note in c.value for c in at.sidebar.caption)
    # whatever the user chose for a book with balances, the measure is count
    at = open_page(None, lang, timeout=180, data_result=counts, data_name="counts.csv", data_id=f"co-m-{lang}",
                   measure="balance", unit="yi")
    assert_clean(at)
    assert not money_in(texts(at))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_book_with_balances_still_shows_money(lang):
    at = _open(balance_result(), lang, None, "money")  # the overview, sidebar drawn
    assert_clean(at)
    assert money_in([m.label for m in at.metric])  # 贷款余额（万元） / Balance (CNY 10k)
    assert [b for b in at.sidebar.selectbox if b.key == "unit"] and [b for b in at.sidebar.selectbox if b.key == "measure"]
    assert not [b for b in at.sidebar.selectbox if b.key == "measure_fixed"]
    at.switch_page("pages/provisions.py")
    at.run()
    assert not any(NO_BALANCES[lang] in s for s in texts(at))


def test_a_dataset_converted_from_a_count_only_file_speaks_in_accounts(tmp_path):
    from analysis.core import book_from_parquet
    from analysis.ingest.dataset import convert_to_dataset
    from analysis.ingest.portfolio import IngestOptions
    from tests.countonly.book import CSV

    (tmp_path / "counts.csv").write_bytes(CSV)
    convert_to_dataset(tmp_path / "counts.csv", tmp_path / "ds", options=IngestOptions(balance_missing="unit"), workers=1)
    book = book_from_parquet(tmp_path / "ds")
    at = open_page(None, "zh", timeout=180, data_book=book, data_name="ds", data_id="dataset-countonly")
    assert_clean(at)
    assert at.sidebar.selectbox(key="measure_fixed").disabled
    assert _metric(at, "逾期户数（1天以上）") == str(OVERDUE)
    assert not money_in(texts(at))


@pytest.mark.parametrize("lang, overdue", [("zh", "逾期户数（1天以上）"), ("en", "Overdue accounts (1+ DPD)")])
def test_the_trend_series_of_amounts_are_named_as_accounts(counts, lang, overdue):
    at = _open(counts, lang, "trend", "trend-names")
    assert_clean(at)
    options = at.selectbox(key="trend_metric").options
    assert overdue in options and not [o for o in options if ("余额" if lang == "zh" else "balance") in o], options


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_files_own_overdue_amount_is_a_card_in_yuan_on_the_aging_page(lang):
    """A count-only book whose file wrote overdue amounts showed them in the aging table and the
    report, but no card beside the counts (the book with balances has one)."""
    text = "account_id,month,dpd,overdue_amount\nA,2024-03,35,1234.56\nB,2024-03,0,\nC,2024-03,100,50\n"
    result = load_portfolio(text.encode(), "amounts.csv", options=IngestOptions(balance_missing="unit"))
    at = open_page("aging", lang, timeout=180, data_result=result, data_name="amounts.csv", data_id=f"co-amt-{lang}")
    assert_clean(at)
    assert _metric(at, "Overdue amount (CNY)" if lang == "en" else "逾期金额（元）") == "1,284.56"
