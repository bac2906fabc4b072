"""Configured datasets on the upload page, through AppTest: listed beside the uploader, picked,
used by every page; a broken one is a message in the user's language, not a traceback."""
from __future__ import annotations

import os

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from analysis.core import catalog
from analysis.core.markup import escape_markdown
from tests.app.apptest import assert_clean, open_page
from tests.core.panels import tricky_portfolio

TEXT = {
    "zh": {"use": "使用此数据集", "opened": "正在使用数据集", "missing": "缺少必需的列", "no_folder": "不存在",
           "unreadable": "无法读取"},
    "en": {"use": "Use this dataset", "opened": "Using the dataset", "missing": "lacks required column",
           "no_folder": "does not exist", "unreadable": "cannot be read"},
}


def write_book(portfolio, root) -> None:
    """A month-partitioned Parquet book with canonical names, as `convert` writes one."""
    out = portfolio.rename(columns={"行业": "industry"}).astype({c: "str" for c in ("product", "region", "industry")})
    pq.write_to_dataset(pa.Table.from_pandas(out, preserve_index=False), root, partition_cols=["month"])


@pytest.fixture(scope="module")
def portfolio():
    return tricky_portfolio(n_accounts=80, n_months=10)


@pytest.fixture
def configure(monkeypatch):
    """Set the deployment's configuration for this test only (no DW_ variable leaks in from outside)."""
    for key in catalog.KEYS:
        monkeypatch.delenv(key, raising=False)

    def set_(**values):
        for key, value in values.items():
            monkeypatch.setenv(key, str(value))
    set_(DW_MEMORY_LIMIT="256MB")
    return set_


@pytest.fixture
def lake(tmp_path, portfolio):
    root = tmp_path / "lake"
    write_book(portfolio, root / "cards_2023")
    write_book(portfolio.drop(columns=["balance"]), root / "no_balance")
    # Readable, right columns, but a month no cube can read: fails at the first cube, not at open.
    write_book(portfolio.assign(month=portfolio["month"].where(portfolio["month"] != "2023-03", "2023-3x")),
               root / "odd_month")
    broken = root / "damaged" / "month=2024-01"
    broken.mkdir(parents=True)
    (broken / "part-0.parquet").write_bytes(os.urandom(2048))
    return root


def _use(at, key):
    at.selectbox(key="datasets_pick").set_value(key)
    at.run()
    at.button(key="datasets_use").click()
    at.run()
    return at


def _sidebar_text(at) -> str:
    return " ".join(str(c.value) for c in at.sidebar.caption)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_pick_a_dataset_and_every_page_uses_it(configure, lake, portfolio, lang):
    configure(DW_DATASETS_DIR=lake)
    at = open_page("upload", lang)
    assert_clean(at)
    pick = at.selectbox(key="datasets_pick")
    assert pick.options == ["cards_2023", "damaged", "no_balance", "odd_month"]  # the names; values are kind:name
    assert at.button(key="datasets_use").label == TEXT[lang]["use"]
    months = sorted(portfolio["month"].unique())
    _use(at, "parquet:cards_2023")
    assert_clean(at)
    assert at.session_state["data_name"] == "cards_2023"
    assert "data_result" not in at.session_state  # the sample's ingest result is gone, not kept beside
    assert any(TEXT[lang]["opened"] in s.value and months[0] in s.value and months[-1] in s.value
               for s in at.success)
    # The default page (AppTest draws app.py's sidebar only when the main script is the page).
    at.switch_page("app.py")
    at.run()
    assert_clean(at)
    sidebar = _sidebar_text(at)
    # Names reach markdown escaped (cards\_2023 renders as cards_2023).
    assert escape_markdown("cards_2023") in sidebar and months[0] in sidebar and months[-1] in sidebar
    # The month filter offers the book's months (2023-07 is missing from the book: not offered).
    assert list(at.sidebar.select_slider(key="filter_months").options) == months
    # The overview reads the book: its data month is the book's last month.
    assert any(months[-1] in c.value for c in at.caption)
    # Every analysis page says which figures come from the latest month's accounts only.
    note = {"zh": "最后一个月", "en": "last month of the chosen range"}[lang]
    for page in ("aging", "causes", "whatif"):
        at.switch_page(f"pages/{page}.py")
        at.run()
        assert_clean(at)
        assert any(note in c.value and months[-1] in c.value for c in at.caption), page


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_dataset_without_the_required_columns_is_a_message(configure, lake, lang):
    configure(DW_DATASETS_DIR=lake)
    at = open_page("upload", lang)
    sample_name = at.session_state["data_name"]
    _use(at, "parquet:no_balance")
    assert not at.exception
    assert any(TEXT[lang]["missing"] in e.value and "balance" in e.value for e in at.error)
    assert at.session_state["data_name"] == sample_name  # the data in use did not change


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_damaged_dataset_is_a_message(configure, lake, lang):
    configure(DW_DATASETS_DIR=lake)
    at = open_page("upload", lang)
    _use(at, "parquet:damaged")
    assert not at.exception
    assert any(TEXT[lang]["unreadable"] in e.value for e in at.error)
    at.switch_page("app.py")
    at.run()
    assert_clean(at)
    assert at.session_state["data_name"] != "damaged"  # the sample is back


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_dataset_whose_first_cube_fails_is_a_message_and_the_sample_comes_back(configure, lake, lang):
    configure(DW_DATASETS_DIR=lake)
    at = open_page("upload", lang)
    sample_name = at.session_state["data_name"]
    _use(at, "parquet:odd_month")
    assert not at.exception
    assert any(escape_markdown("odd_month") in e.value for e in at.error)
    at.switch_page("app.py")
    at.run()
    assert_clean(at)
    assert at.session_state["data_name"] == sample_name
    assert sample_name in _sidebar_text(at)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_folder_that_is_not_there_is_a_warning(configure, tmp_path, lang):
    configure(DW_DATASETS_DIR=tmp_path / "not-there")
    at = open_page("upload", lang)
    assert not at.exception
    assert any(TEXT[lang]["no_folder"] in w.value and "not-there" in w.value for w in at.warning)
    assert not [s for s in at.selectbox if s.key == "datasets_pick"]
    assert at.file_uploader  # the upload still works


def test_nothing_configured_no_section(configure):
    at = open_page("upload", "en")
    assert_clean(at)
    assert not [s for s in at.selectbox if s.key == "datasets_pick"]
    assert not [b for b in at.button if b.key == "datasets_use"]
    assert "Or use a configured dataset" not in [h.value for h in at.subheader]


def test_a_duckdb_table_from_secrets(configure, tmp_path, portfolio):
    import duckdb

    db = tmp_path / "warehouse.duckdb"
    frame = portfolio.rename(columns={"行业": "industry"}).astype({c: "str" for c in ("product", "region", "industry")})
    con = duckdb.connect(str(db))
    con.register("frame", frame)
    con.execute("CREATE TABLE book AS SELECT * FROM frame")
    con.close()
    from streamlit.testing.v1 import AppTest

    from tests.conftest import REPO

    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=90)
    at.secrets["DW_DUCKDB_FILE"] = str(db)
    at.session_state["lang"] = "en"
    at.run()
    at.switch_page("pages/upload.py")
    at.run()
    assert_clean(at)
    _use(at, "duckdb:book")
    assert_clean(at)
    assert at.session_state["data_name"] == "book"
    at.switch_page("app.py")
    at.run()
    assert_clean(at)
    assert "book" in _sidebar_text(at)


def test_a_month_range_ending_early_narrows_a_dataset_instead_of_emptying_it(configure, lake, portfolio):
    # the row-level pages read the latest month's rows, which a range ending before it filtered
    # away: every page said "no rows match"; they read the range's last month now, and the aging
    # page's check line gives the whole book's rows and balance, not one month's
    configure(DW_DATASETS_DIR=lake)
    at = _use(open_page("upload", "en"), "parquet:cards_2023")
    months = sorted(portfolio["month"].unique())
    at.session_state["filter_months"] = (months[0], months[-3])
    for page in ("aging", "whatif", "causes"):
        at.switch_page(f"pages/{page}.py")
        at.run()
        assert_clean(at)
        text = " ".join(str(c.value) for c in [*at.caption, *at.info, *at.warning])
        assert "No rows match" not in text, page
        assert any("last month of the chosen range" in c.value and months[-3] in c.value for c in at.caption), page
    at.switch_page("pages/aging.py")
    at.run()
    check = next(c.value for c in at.caption if "all months, before filters" in c.value)
    assert f"{len(portfolio):,} accepted rows" in check
    assert f"{portfolio['balance'].sum():,.2f}" in check


def test_the_overview_of_another_month_says_a_datasets_rows_are_one_months(configure, lake, portfolio):
    # it said "Month 2023-05 is not in the data" for a dataset that has it
    configure(DW_DATASETS_DIR=lake)
    at = _use(open_page("upload", "en"), "parquet:cards_2023")
    months = sorted(portfolio["month"].unique())
    at.switch_page("pages/overview.py")
    at.run()
    at.selectbox(key="overview_month").set_value(months[-3]).run()
    assert_clean(at)
    captions = " ".join(c.value for c in at.caption)
    assert "is not in the data" not in captions
    assert f"are for {months[-1]} only" in captions and f"end the sidebar's month range at {months[-3]}" in captions


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_refresh_opens_the_dataset_again_with_its_settings(configure, lake, portfolio, lang):
    # a refresh said the data was lost and to upload the file again, for a dataset the deployer
    # configured: the address now keeps its key (none of its rows), and a refresh opens it again
    from streamlit.testing.v1 import AppTest

    from tests.conftest import REPO
    from ui.continuity import MARKER

    configure(DW_DATASETS_DIR=lake)
    at = _use(open_page("upload", lang), "parquet:cards_2023")
    months = sorted(portfolio["month"].unique())
    at.switch_page("app.py")  # app.py keeps the session's data under a token in the address
    at.run()
    at.sidebar.select_slider(key="filter_months").set_value((months[1], months[-2])).run()
    product = sorted(portfolio["product"].astype(str).unique())[0]
    at.sidebar.multiselect(key="filter_seg_product").set_value([product]).run()
    assert_clean(at)
    token = at.query_params[MARKER]
    token = token[0] if isinstance(token, list) else token
    assert len(token) >= 43

    again = AppTest.from_file(str(REPO / "app.py"), default_timeout=90)
    again.session_state["lang"] = lang
    again.query_params[MARKER] = token
    again.run()
    assert_clean(again)
    assert again.session_state["data_name"] == "cards_2023" and "data_result" not in again.session_state
    assert tuple(again.session_state["filter_months"]) == (months[1], months[-2])
    assert list(again.session_state["filter_seg_product"]) == [product]
    assert list(again.sidebar.select_slider(key="filter_months").value) == [months[1], months[-2]]
    lost = {"zh": "不在本会话", "en": "no longer in this session"}[lang]
    assert not any(lost in w.value for w in again.warning)
    assert any("cards" in toast.value for toast in again.toast)


def test_a_parquet_book_and_a_duckdb_table_of_one_name_can_be_told_apart(configure, lake, portfolio, tmp_path):
    # both were listed as "cards_2023": Streamlit picks by the text shown, so choosing the
    # Parquet book opened the DuckDB table (other months)
    import duckdb

    db = tmp_path / "warehouse.duckdb"
    frame = portfolio[portfolio["month"] >= "2024-01"].rename(columns={"行业": "industry"}) \
        .astype({c: "str" for c in ("product", "region", "industry")})
    con = duckdb.connect(str(db))
    con.register("frame", frame)
    con.execute("CREATE TABLE cards_2023 AS SELECT * FROM frame")
    con.close()
    configure(DW_DATASETS_DIR=lake, DW_DUCKDB_FILE=db)
    at = open_page("upload", "en")
    assert_clean(at)
    pick = at.selectbox(key="datasets_pick")
    assert len(set(pick.options)) == len(pick.options)
    assert "cards_2023 · Parquet dataset" in pick.options and "cards_2023 · DuckDB table" in pick.options
    assert "damaged" in pick.options  # a name of its own stays as it is
    _use(at, "parquet:cards_2023")
    assert at.session_state["datasets_in_use"] == "parquet:cards_2023"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_memory_limit_too_small_is_named_not_blamed_on_the_data(configure, lake, lang):
    # at DW_MEMORY_LIMIT=1MB the first cube ran out of memory, and the message said days past due
    # or balances "may not be numbers"
    configure(DW_DATASETS_DIR=lake, DW_MEMORY_LIMIT="1MB")
    at = _use(open_page("upload", lang), "parquet:cards_2023")
    assert not at.exception
    shown = " ".join(e.value for e in at.error)
    assert "DW_MEMORY_LIMIT" in shown and "1MB" in shown
    assert {"zh": "不是数字", "en": "may not be numbers"}[lang] not in shown
    assert "data_result" in at.session_state or at.session_state.get("data_id") in (None, "sample")


def test_a_spill_folder_that_cannot_be_made_is_said_on_the_upload_page(configure, lake):
    configure(DW_DATASETS_DIR=lake, DW_TEMP_DIR="/proc/no-such-folder/spill")
    at = open_page("upload", "en")
    assert_clean(at)
    assert any("DW_TEMP_DIR" in w.value and "/proc/no-such-folder/spill" in w.value for w in at.warning)


def test_a_bad_memory_setting_is_logged_for_the_deployer_without_datasets(configure, caplog):
    # With no dataset configured nothing on screen shows the setting (review #6, deployer #18 of
    # session 23): uploads quietly ran at 2 GB. The server's log says it once per process.
    from ui import deployment

    configure(DW_MEMORY_LIMIT="lots")
    deployment.log_settings_problems.clear()
    with caplog.at_level("WARNING", logger="ui.deployment"):
        lines = deployment.log_settings_problems()
        deployment.log_settings_problems()  # the second call is the cached one: logged once
    deployment.log_settings_problems.clear()
    assert len(lines) == 1 and "DW_MEMORY_LIMIT" in lines[0] and "lots" in lines[0]
    assert [r.getMessage() for r in caplog.records] == [f"deployment setting: {lines[0]}"]
    configure(DW_MEMORY_LIMIT="2GB")
    assert deployment.log_settings_problems() == ()
    deployment.log_settings_problems.clear()
