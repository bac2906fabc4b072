"""The class cube (month × the bank's own 五级分类 × DPD) is the same on every engine as the
plain-pandas definition: the upload in memory, a month-partitioned Parquet folder; with and
without the sidebar filters; rows without a class kept as a missing class, not dropped."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from analysis.core import book_from_parquet, book_from_portfolio
from analysis.core.buckets import DEFAULT_BUCKETS
from analysis.core.vocabulary import FIVE_TIER_KEYS
from tests.core.panels import FILTER_RANGE, FILTER_SEGMENTS, filtered_rows, tricky_portfolio


def classed_portfolio() -> pd.DataFrame:
    """``tricky_portfolio`` with a class per row that mostly follows the DPD, sometimes worse,
    sometimes better, and sometimes no class at all (a cell that was not one)."""
    df = tricky_portfolio().rename(columns={"行业": "industry"})
    rng = np.random.default_rng(11)
    dpd = df["days_past_due"].to_numpy()
    tier = np.select([dpd > 180, dpd > 120, dpd > 90, dpd > 0], [4, 3, 2, 1], 0)
    tier = np.clip(tier + rng.choice([-1, 0, 0, 0, 1], size=len(df)), 0, 4)
    tier[rng.random(len(df)) < 0.05] = -1
    df["loan_class"] = pd.Categorical.from_codes(tier, categories=list(FIVE_TIER_KEYS), ordered=True)
    return df


def reference_classes(rows: pd.DataFrame) -> pd.DataFrame:
    """Count and balance per month × class × DPD value, by pandas (the definition)."""
    work = rows.assign(loan_class=rows["loan_class"].astype("object"))
    grouped = work.groupby(["month", "loan_class", "days_past_due"], dropna=False, sort=False)
    out = grouped.agg(count=("balance", "size"), balance=("balance", "sum")).reset_index()
    out["loan_class"] = pd.Categorical(out["loan_class"].where(out["loan_class"].notna(), None),
                                       categories=list(FIVE_TIER_KEYS), ordered=True)
    return out.sort_values(["month", "loan_class", "days_past_due"], kind="stable",
                           na_position="last").reset_index(drop=True)


def assert_same(got: pd.DataFrame, want: pd.DataFrame) -> None:
    assert list(got.columns) == ["month", "loan_class", "days_past_due", "count", "balance"]
    assert len(got) == len(want)
    for col in ("month", "loan_class", "days_past_due", "count"):
        assert got[col].astype(str).tolist() == want[col].astype(str).tolist(), col
    np.testing.assert_allclose(got["balance"].to_numpy(), want["balance"].to_numpy(), rtol=1e-9, atol=1e-9)


@pytest.fixture(scope="module")
def portfolio() -> pd.DataFrame:
    return classed_portfolio()


@pytest.fixture(scope="module", params=["memory", "parquet"])
def book(request, portfolio, tmp_path_factory):
    if request.param == "memory":
        made = book_from_portfolio(portfolio)
    else:
        root = tmp_path_factory.mktemp("classed")
        # as `convert` writes it: categories as text, the month as the folder
        out = portfolio.astype({c: "str" for c in ("product", "region", "industry")})
        out["loan_class"] = portfolio["loan_class"].astype("object")
        pq.write_to_dataset(pa.Table.from_pandas(out, preserve_index=False), root, partition_cols=["month"])
        made = book_from_parquet(root, memory_limit="64MB")
    yield made
    made.close()


def test_class_cube_matches_the_reference(book, portfolio):
    assert book.has_loan_class
    got = book.cubes().classes()
    assert isinstance(got["loan_class"].dtype, pd.CategoricalDtype) and got["loan_class"].cat.ordered
    assert_same(got, reference_classes(portfolio))


def test_class_cube_under_the_filters(book, portfolio):
    cubes = book.cubes(DEFAULT_BUCKETS, FILTER_RANGE, FILTER_SEGMENTS)
    assert_same(cubes.classes(), reference_classes(filtered_rows(portfolio)))
    cubes.release()


def test_class_cube_reconciles_with_the_book(book):
    cubes = book.cubes()
    classes, rates = cubes.classes(), cubes.rates()
    assert int(classes["count"].sum()) == int(rates["count"].sum())
    assert classes["balance"].sum() == pytest.approx(rates["balance"].sum(), rel=1e-9)
    assert classes["loan_class"].isna().any()  # rows without a class are kept, as missing


def test_a_book_without_a_class_has_no_class_cube(portfolio):
    made = book_from_portfolio(portfolio.drop(columns="loan_class"))
    try:
        assert not made.has_loan_class
        assert made.cubes().classes().shape == (0, 0)
    finally:
        made.close()
