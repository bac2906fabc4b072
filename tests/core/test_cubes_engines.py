"""Every cube is the same on every engine: the plain-pandas reference, DuckDB over the upload in
memory, DuckDB over a month-partitioned Parquet folder under a small memory limit (and Spark,
see test_spark_engine.py). Counts exact; money to 1e-9 relative (engines sum in different
orders, so never ``==`` on money)."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from analysis.core.buckets import DEFAULT_BUCKETS, M_BUCKETS, custom_buckets
from analysis.core import SourceError, book_from_parquet, book_from_portfolio
from analysis.core import cubes as cubes_module
from analysis.core.cubes import portfolio_arrow
from tests.core import reference as ref
from tests.core.panels import FILTER_RANGE, FILTER_SEGMENTS, filtered_rows, tricky_portfolio


def assert_same_frame(got: pd.DataFrame, want: pd.DataFrame) -> None:
    """Same columns, rows and labels; counts exact, money within 1e-9 relative."""
    got, want = got.reset_index(drop=True), want.reset_index(drop=True)
    assert list(got.columns) == list(want.columns)
    assert len(got) == len(want)
    for col in want.columns:
        if pd.api.types.is_float_dtype(want[col]):
            np.testing.assert_allclose(got[col].to_numpy(dtype=float), want[col].to_numpy(dtype=float),
                                       rtol=1e-9, atol=1e-9, err_msg=col)
        else:
            assert got[col].astype(str).tolist() == want[col].astype(str).tolist(), col


def write_dataset(portfolio: pd.DataFrame, root) -> None:
    """The portfolio as a month-partitioned Parquet folder, canonical names (as `convert` writes)."""
    out = portfolio.rename(columns={"行业": "industry"})
    table = pa.Table.from_pandas(out.astype({c: "str" for c in ("product", "region", "industry")}),
                                 preserve_index=False)
    pq.write_to_dataset(table, root, partition_cols=["month"])


@pytest.fixture(scope="module")
def portfolio() -> pd.DataFrame:
    return tricky_portfolio()


@pytest.fixture(scope="module", params=["memory", "parquet", "parquet-a-month-at-a-time"])
def book(request, portfolio, tmp_path_factory):
    if request.param == "memory":
        made = book_from_portfolio(portfolio.rename(columns={"行业": "industry"}))
        yield made
        made.close()
        return
    root = tmp_path_factory.mktemp("book")
    write_dataset(portfolio, root)
    made = book_from_parquet(root, memory_limit="64MB")
    assert made.month_partitioned
    with pytest.MonkeyPatch.context() as patch:
        if request.param == "parquet-a-month-at-a-time":
            # a budget below one month's rows: every month is paired with the next on its own,
            # as on a book far larger than the memory limit
            patch.setattr(cubes_module, "PAIRING_ROWS_PER_GB", 1)
        yield made
    made.close()


@pytest.fixture(scope="module")
def reference_portfolio(portfolio):
    return portfolio.rename(columns={"行业": "industry"})


BUCKETS = [DEFAULT_BUCKETS, M_BUCKETS, custom_buckets([30, 90])]
BYS = [None, "region", ["product", "industry"]]


@pytest.mark.parametrize("buckets", BUCKETS, ids=lambda b: b.name)
@pytest.mark.parametrize("by", BYS, ids=str)
def test_aging_transition_rate_cubes_match_the_reference(book, reference_portfolio, buckets, by):
    cubes = book.cubes(buckets)
    panel = ref.bucketed_panel(reference_portfolio, buckets)
    assert_same_frame(cubes.aging(by), ref.aging_cube(panel, by))
    assert_same_frame(cubes.transitions(by), ref.roll_cube(panel, by))
    assert_same_frame(cubes.rates(by), ref.rate_cube(panel, by))


@pytest.mark.parametrize("by", [None, "region"])
def test_dpd_cube_matches_the_reference(book, reference_portfolio, by):
    want = ref.dpd_cube(ref.bucketed_panel(reference_portfolio), by)
    assert_same_frame(book.cubes().dpd(by), want)


def assert_filtered_like_reference(book, portfolio) -> None:
    """The book's cubes under the test filters equal the reference cubes of the filtered rows."""
    cubes = book.cubes(DEFAULT_BUCKETS, FILTER_RANGE, FILTER_SEGMENTS)
    rows = filtered_rows(portfolio)
    panel = ref.bucketed_panel(rows)
    assert_same_frame(cubes.transitions("product"), ref.roll_cube(panel, "product"))
    assert_same_frame(cubes.aging(), ref.aging_cube(panel))
    assert cubes.months == sorted(rows["month"].unique())
    cubes.release()


def test_filters_are_cube_filters_not_copies(book, reference_portfolio):
    assert_filtered_like_reference(book, reference_portfolio)


def test_a_gap_month_and_the_last_month_are_unknown_not_exits(book, reference_portfolio):
    rolls = book.cubes().transitions()
    assert "2023-06" not in set(rolls["month"])  # 2023-07 is missing from the whole book
    assert reference_portfolio["month"].max() not in set(rolls["month"])
    exits = rolls[rolls["next_bucket"] == "exit"]
    assert (exits["next_balance"] == 0).all()


def test_totals_reconcile_with_the_upload(book, reference_portfolio):
    totals = book.cubes().totals()
    assert totals["rows"] == len(reference_portfolio)
    assert totals["balance"] == pytest.approx(reference_portfolio["balance"].sum(), rel=1e-12)


def test_vintage_cube_counts_each_account_once(book, reference_portfolio):
    vintage = book.cubes().vintage()
    df = reference_portfolio
    assert vintage["new_count"].sum() == df["account_id"].nunique()
    assert vintage["count"].sum() == len(df)
    bad = df[df["days_past_due"] >= 31]
    assert vintage["first_bad_count"].sum() == bad["account_id"].nunique()
    first_bad = bad.sort_values("month").groupby("account_id")["balance"].first().sum()
    assert vintage["first_bad_balance"].sum() == pytest.approx(first_bad, rel=1e-9)


def test_segment_names_that_are_not_identifiers_reach_sql_as_aliases(portfolio):
    book = book_from_portfolio(portfolio)
    try:
        got = book.cubes().aging("行业")
        want = ref.aging_cube(ref.bucketed_panel(portfolio), "行业")
        assert_same_frame(got, want)
    finally:
        book.close()


def test_duplicate_account_months_in_a_folder_keep_the_first_copy(portfolio, tmp_path):
    df = portfolio.rename(columns={"行业": "industry"})
    copy = df.iloc[:5].assign(balance=df["balance"].iloc[:5] * 10, source_row=df["source_row"].iloc[:5] + 10**6)
    write_dataset(pd.concat([df, copy], ignore_index=True), tmp_path)
    book = book_from_parquet(tmp_path, memory_limit="64MB")
    try:
        for _ in range(2):  # a book with copies is never taken for unique: each view drops them
            cubes = book.cubes()
            assert cubes.totals()["rows"] == len(df)
            assert cubes.totals()["balance"] == pytest.approx(df["balance"].sum(), rel=1e-12)
            assert cubes.duplicates_dropped == 5 and not book.unique_rows
    finally:
        book.close()


def test_a_folder_without_the_required_columns_says_which(tmp_path):
    pq.write_table(pa.table({"account_id": ["a"], "month": ["2024-01"]}), tmp_path / "x.parquet")
    with pytest.raises(SourceError, match="days_past_due") as err:
        book_from_parquet(tmp_path)
    # in the user's language, naming the columns all the same
    assert "缺少必需的列" in err.value.message("zh") and "days_past_due" in err.value.message("zh")


def test_the_upload_reaches_duckdb_without_copying_text(portfolio):
    table, aliases = portfolio_arrow(portfolio, ["product", "region", "行业"])
    assert aliases["行业"].startswith("seg_")
    assert table.num_rows == len(portfolio)


@pytest.mark.parametrize("cohort", ["month", "quarter"])
@pytest.mark.parametrize("metric", ["ever30", "dpd30"])
@pytest.mark.parametrize("measure", ["count", "balance"])
def test_vintage_triangle_from_the_cube_matches_the_row_definition(book, reference_portfolio, cohort, metric, measure):
    from analysis.aging.vintage import vintage_triangle

    got = vintage_triangle(book.cubes().vintage(), cohort, metric, measure)
    want = ref.vintage_triangle(reference_portfolio, cohort, metric, measure)
    assert_same_frame(got, want)


@pytest.mark.parametrize("threshold", [1, 7, 30, 90, 180])
@pytest.mark.parametrize("measure", ["count", "balance"])
def test_first_payment_default_from_the_cube_matches_the_row_definition(book, reference_portfolio, threshold, measure):
    from analysis.aging.rates import first_payment_default

    got = first_payment_default(book.cubes().early_mob(), threshold, measure)
    want = ref.first_payment_default(reference_portfolio, threshold, measure)
    assert_same_frame(got, want)


@pytest.mark.parametrize("month", [None, "2023-05", "2023-06"])
def test_states_are_the_reference_panel_rows(book, reference_portfolio, month):
    from analysis.core import attach_states

    panel = ref.bucketed_panel(reference_portfolio)
    rows = panel if month is None else panel[panel["month"] == month]
    got = attach_states(rows[["account_id", "month", "balance"]], book.cubes().states(month))
    for col in ("bucket", "next_bucket"):
        assert got[col].astype(str).tolist() == rows[col].astype(str).tolist()
    np.testing.assert_array_equal(got["next_dpd"].to_numpy(), rows["next_dpd"].to_numpy())
    np.testing.assert_allclose(got["next_balance"].to_numpy(), rows["next_balance"].to_numpy(), rtol=1e-12)


def test_released_cubes_drop_their_relations_and_rebuild_on_demand(portfolio):
    book = book_from_portfolio(portfolio)
    try:
        cubes = book.cubes()
        first = cubes.aging()
        cubes.release()
        names = {r[0] for r in book.engine.con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
        assert not any(n.startswith("bucketed_") for n in names)
        assert_same_frame(cubes.aging("region").groupby(["month", "bucket"], observed=True)[["count"]].sum()
                          .reset_index().astype({"bucket": str}),
                          first.astype({"bucket": str})[["month", "bucket", "count"]])
    finally:
        book.close()


def test_a_converted_folder_is_read_by_its_month_folders_and_trusted_unique(portfolio, tmp_path):
    df = portfolio.rename(columns={"行业": "industry"})
    write_dataset(df, tmp_path)
    (tmp_path / "_report.json").write_text("{}", encoding="utf-8")
    pq.write_table(pa.table({"row": [3], "reason": ["duplicate"]}), tmp_path / "_rejected.parquet")
    book = book_from_parquet(tmp_path, memory_limit="64MB")
    try:
        assert book.unique_rows
        assert book.cubes().totals()["rows"] == len(df)
    finally:
        book.close()


@pytest.mark.parametrize("filtered", [False, True])
def test_states_in_row_order_line_up_with_the_rows_they_were_built_from(reference_portfolio, filtered):
    rows = filtered_rows(reference_portfolio) if filtered else reference_portfolio
    book = book_from_portfolio(reference_portfolio)
    try:
        cubes = book.cubes(DEFAULT_BUCKETS, *((FILTER_RANGE, FILTER_SEGMENTS) if filtered else (None, None)))
        got = cubes.states_in_row_order()
    finally:
        book.close()
    want = ref.bucketed_panel(rows)
    for col in ("bucket", "next_bucket"):
        assert got[col].astype(str).tolist() == want[col].astype(str).tolist()
    np.testing.assert_array_equal(got["next_dpd"].to_numpy(), want["next_dpd"].to_numpy())


def test_only_a_book_from_memory_knows_its_row_order(portfolio, tmp_path):
    write_dataset(portfolio, tmp_path)
    book = book_from_parquet(tmp_path, memory_limit="64MB")
    try:
        with pytest.raises(SourceError, match="row order"):
            book.cubes().states_in_row_order()
    finally:
        book.close()


def test_one_months_states_are_the_whole_books_states_of_that_month(book, reference_portfolio):
    # states(month) pairs only that month and the next (not the whole book): every month of the
    # reference book, its first and last (next month unknown) included, must give the same rows
    whole = book.cubes().states().sort_values(["month", "account_id"]).reset_index(drop=True)
    for month in sorted(reference_portfolio["month"].unique()):
        one = book.cubes().states(month).sort_values("account_id").reset_index(drop=True)
        expected = whole[whole["month"] == month].reset_index(drop=True)
        pd.testing.assert_frame_equal(one, expected, check_categorical=True)


@pytest.mark.parametrize("rows_per_gb, spans", [(1, 1), (10**9, 0)])
def test_a_month_partitioned_folder_pairs_its_months_in_spans_that_fit_the_memory_limit(portfolio, tmp_path,
                                                                                         monkeypatch, rows_per_gb,
                                                                                         spans):
    # spans == 1: one span per month that has a next month; 0: one span per run of consecutive months
    write_dataset(portfolio.rename(columns={"行业": "industry"}), tmp_path)
    monkeypatch.setattr(cubes_module, "PAIRING_ROWS_PER_GB", rows_per_gb)
    book = book_from_parquet(tmp_path, memory_limit="64MB")
    try:
        cubes = book.cubes()
        got = cubes._spans()
        months = sorted({cubes_module.month_index(m) for m in portfolio["month"].unique()})
        paired = [m for m in months if m + 1 in months]
        assert [m for a, b in got for m in range(a, b + 1)] == paired
        if spans:
            assert all(a == b for a, b in got)
        else:  # the gap month splits the book into two runs
            assert len(got) == 2
    finally:
        book.close()


def test_memory_limits_read_as_gb():
    assert cubes_module.memory_gb("64MB") == pytest.approx(0.064)
    assert cubes_module.memory_gb("1.5GiB") == pytest.approx(1.5)
    assert cubes_module.memory_gb("lots") == 2.0


def test_a_folder_found_without_duplicates_is_not_scanned_again_for_each_filter(portfolio, tmp_path, monkeypatch):
    write_dataset(portfolio.rename(columns={"行业": "industry"}), tmp_path)
    book = book_from_parquet(tmp_path, memory_limit="64MB")
    scans = []
    real = cubes_module.Cubes._duplicate_count
    monkeypatch.setattr(cubes_module.Cubes, "_duplicate_count", lambda self, b: scans.append(b) or real(self, b))
    try:
        assert not book.unique_rows
        book.cubes(DEFAULT_BUCKETS, FILTER_RANGE).totals()  # a filtered view proves nothing of the rest
        assert len(scans) == 1 and not book.unique_rows
        book.cubes().totals()  # the whole book: checked once, and found unique
        assert len(scans) == 2 and book.unique_rows
        book.cubes(DEFAULT_BUCKETS, FILTER_RANGE, FILTER_SEGMENTS).totals()
        assert len(scans) == 2
    finally:
        book.close()
