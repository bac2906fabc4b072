"""The bundled synthetic portfolio: deterministic, canonical, and realistic where it matters.

The realism checks (rates, Spring Festival, the 华南 episode) run on the default parameters,
which is exactly what ``data/sample/sample_portfolio.csv`` holds.
"""
from __future__ import annotations

import re
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from analysis.core.schema import SEGMENT_COLUMNS, canonical_for
from data.sample.make_sample import (
    CSV_HEADERS,
    EPISODE_INDUSTRIES,
    EPISODE_REGION,
    SAMPLE_CSV,
    episode_months,
    festival_months,
    generate_portfolio,
    write_sample_csv,
)

CANONICAL_DTYPES = {
    "account_id": "str",
    "month": "str",
    "snapshot_date": "datetime64[ns]",
    "days_past_due": "int32",
    "balance": "float64",
    "credit_limit": "float64",
    "overdue_amount": "float64",
    "due_amount": "float64",
    "paid_amount": "float64",
    "overdue_reason": "str",
    "origination_date": "datetime64[ns]",
    "score": "float64",
    "interest_rate": "float64",
    "customer_name": "str",
    "phone": "str",
    "id_number": "str",
    "source_row": "int32",
}


@pytest.fixture(scope="module")
def book() -> pd.DataFrame:
    """The default sample, as committed."""
    return generate_portfolio()


def _monthly(df: pd.DataFrame, min_dpd: int, measure: str = "count") -> pd.Series:
    bad = df["days_past_due"] >= min_dpd
    if measure == "count":
        return bad.groupby(df["month"]).mean()
    return (df["balance"].where(bad, 0.0).groupby(df["month"]).sum()
            / df["balance"].groupby(df["month"]).sum())


# ---------------------------------------------------------------------------- determinism


def test_same_seed_gives_identical_frame():
    a = generate_portfolio(n_accounts=400, n_months=24, seed=7)
    b = generate_portfolio(n_accounts=400, n_months=24, seed=7)
    pd.testing.assert_frame_equal(a, b)


def test_other_seed_gives_other_frame():
    a = generate_portfolio(n_accounts=200, n_months=6, seed=1)
    b = generate_portfolio(n_accounts=200, n_months=6, seed=2)
    assert not a["days_past_due"].equals(b["days_past_due"]) or not a["balance"].equals(b["balance"])


def test_committed_csv_is_what_the_generator_writes(tmp_path: Path, book: pd.DataFrame):
    fresh = write_sample_csv(book, tmp_path / "sample.csv")
    assert fresh.read_bytes() == SAMPLE_CSV.read_bytes(), (
        "data/sample/sample_portfolio.csv is stale: run python -m data.sample.make_sample"
    )


def test_generation_is_fast():
    started = time.perf_counter()
    generate_portfolio()
    assert time.perf_counter() - started < 2.0


@pytest.mark.parametrize("kwargs", [{"n_accounts": 0}, {"n_months": 0}, {"start": "January"}])
def test_bad_arguments_raise(kwargs):
    with pytest.raises(ValueError):
        generate_portfolio(**kwargs)


# ---------------------------------------------------------------------------- canonical shape


def test_canonical_dtypes(book: pd.DataFrame):
    for col, dtype in CANONICAL_DTYPES.items():
        if dtype == "str":
            assert pd.api.types.is_string_dtype(book[col]), col
        else:
            assert str(book[col].dtype) == dtype, col
    for col in SEGMENT_COLUMNS:
        assert isinstance(book[col].dtype, pd.CategoricalDtype), col


def test_rows_are_unique_account_months_in_file_order(book: pd.DataFrame):
    assert not book.duplicated(["account_id", "month"]).any()
    assert book["source_row"].tolist() == list(range(2, len(book) + 2))
    assert book["month"].is_monotonic_increasing


def test_months_and_snapshot_dates(book: pd.DataFrame):
    months = sorted(book["month"].unique())
    assert len(months) >= 24
    assert months == [str(p) for p in pd.period_range(months[0], months[-1], freq="M")]
    assert (book["snapshot_date"].dt.strftime("%Y-%m") == book["month"]).all()
    assert book["snapshot_date"].dt.is_month_end.all()
    assert (book["origination_date"] <= book["snapshot_date"]).all()


def test_amount_invariants(book: pd.DataFrame):
    dpd, bal, od = book["days_past_due"], book["balance"], book["overdue_amount"]
    assert (dpd >= 0).all() and (bal >= 0).all() and (od >= 0).all()
    assert (od <= bal).all()
    assert (od[dpd == 0] == 0).all()
    assert (od[dpd > 0] > 0).mean() > 0.99
    late = dpd > 0
    assert (book.loc[late, "paid_amount"] <= book.loc[late, "due_amount"]).all()
    assert (book.loc[late, "paid_amount"] < book.loc[late, "due_amount"]).mean() > 0.99
    for col in ("balance", "credit_limit", "overdue_amount", "due_amount", "paid_amount"):
        assert np.allclose(book[col], book[col].round(2)), col
    assert book["score"].between(300, 850).all()
    assert book["interest_rate"].between(0.03, 0.25).all()


def test_dpd_follows_the_bucket_path(book: pd.DataFrame):
    """Month to month an account's DPD resets to 0, holds, or moves by exactly 30 days."""
    df = book.sort_values(["account_id", "month"])
    same = df["account_id"].eq(df["account_id"].shift())
    prev, now = df["days_past_due"].shift()[same], df["days_past_due"][same]
    step = now - prev
    ok = (now == 0) | (prev == 0) | step.isin([-30, 0, 30])
    assert ok.all()
    assert ((prev > 0) & (step == 30)).sum() > 100  # plenty of roll-forwards
    assert ((prev > 0) & (now == 0)).sum() > 100    # and cures


def test_book_grows_and_churns(book: pd.DataFrame):
    first = book.groupby("account_id")["month"].min()
    last = book.groupby("account_id")["month"].max()
    months = sorted(book["month"].unique())
    assert (first > months[0]).mean() > 0.3     # opened in the window
    assert (last < months[-1]).mean() > 0.15    # paid off, matured or written off
    sizes = book.groupby("month").size()
    assert sizes.iloc[-1] > sizes.iloc[0]


def test_products_differ(book: pd.DataFrame):
    by = book.groupby("product", observed=True)
    assert set(by.groups) == {"信用卡", "消费贷", "经营贷"}
    accounts = book.drop_duplicates("account_id").groupby("product", observed=True)
    assert (accounts["credit_limit"].nunique() > 50).all()
    assert (accounts["interest_rate"].nunique()[["消费贷", "经营贷"]] > 10).all()
    assert by["credit_limit"].median()["经营贷"] > by["credit_limit"].median()["消费贷"] > \
        by["credit_limit"].median()["信用卡"]
    assert by["interest_rate"].median()["信用卡"] > by["interest_rate"].median()["经营贷"]
    bad = (book["days_past_due"] > 30).groupby(book["product"], observed=True).mean()
    assert bad["消费贷"] > bad["经营贷"]


def test_owners_belong_to_one_branch(book: pd.DataFrame):
    branches_per_owner = book.groupby("owner", observed=True)["branch"].nunique()
    assert (branches_per_owner == 1).all()
    assert 15 <= len(branches_per_owner) <= 25


# ---------------------------------------------------------------------------- realism


def test_yearly_dpd30_rate_is_plausible(book: pd.DataFrame):
    for measure in ("count", "balance"):
        rates = _monthly(book, 31, measure)
        yearly = rates.groupby(rates.index.str[:4]).mean()
        assert yearly.between(0.01, 0.10).all(), (measure, yearly.to_dict())


def test_score_is_lower_for_delinquent_accounts(book: pd.DataFrame):
    late = book["days_past_due"] > 30
    assert book.loc[late, "score"].mean() < book.loc[~late, "score"].mean() - 80


def test_spring_festival_months_sit_above_their_year(book: pd.DataFrame):
    overdue = _monthly(book, 1)
    for year, months in pd.Series(festival_months()).groupby(lambda i: festival_months()[i][:4]):
        in_year = overdue[overdue.index.str.startswith(year)]
        assert overdue[list(months)].mean() > in_year.mean() * 1.03, year


def test_episode_is_visible_in_the_affected_segment(book: pd.DataFrame):
    seg = book[(book["region"] == EPISODE_REGION) & book["industry"].isin(EPISODE_INDUSTRIES)]
    rest = book.drop(seg.index)
    episode = episode_months()
    lagged = [str(pd.Period(m, freq="M") + 1) for m in episode]   # DPD 31+ trails entry a month
    seg_rate, rest_rate = _monthly(seg, 31), _monthly(rest, 31)
    before = [m for m in seg_rate.index if m < episode[0]]
    assert seg_rate[lagged].mean() > 2 * seg_rate[before].mean()
    assert seg_rate[lagged].mean() > 1.5 * rest_rate[lagged].mean()
    # then it recovers: the last quarter is well below the worst quarter
    worst = seg_rate[seg_rate.index >= episode[0]].rolling(3).mean().max()
    assert seg_rate.iloc[-3:].mean() < 0.75 * worst


def test_reasons_for_overdue_rows(book: pd.DataFrame):
    reason = book["overdue_reason"]
    late = book["days_past_due"] > 0
    assert reason[late].notna().mean() > 0.8
    assert reason[late].isna().any()                 # some blanks, as staff leave them
    assert reason[~late].isna().mean() > 0.98        # current rows rarely carry a note
    texts = set(reason.dropna())
    assert len(texts) > 80
    assert {"忘记还款了", "资金周转困难", "恶意拖欠 失联"} <= texts
    assert any(t.isascii() and t.strip() for t in texts)   # a few written in English


def test_fake_personal_data_looks_real(book: pd.DataFrame):
    people = book.drop_duplicates("account_id")
    assert people["phone"].str.fullmatch(r"1[358]\d{9}").all()
    assert people["customer_name"].str.fullmatch(r"[\u4e00-\u9fff]{2,3}").all()
    ids = people["id_number"]
    assert ids.str.fullmatch(r"\d{17}[\dX]").all()
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    for one in ids.iloc[:200]:
        total = sum(int(c) * w for c, w in zip(one[:17], weights))
        assert one[17] == "10X98765432"[total % 11]
    birth = pd.to_datetime(ids.str[6:14], format="%Y%m%d")
    age = (people["origination_date"] - birth).dt.days / 365.25
    assert age.between(18, 70).all()


# ---------------------------------------------------------------------------- the CSV


def test_csv_headers_are_known_synonyms(tmp_path: Path):
    path = write_sample_csv(generate_portfolio(n_accounts=50, n_months=3), tmp_path / "s.csv")
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    headers = raw.decode("utf-8-sig").splitlines()[0].split(",")
    mapped = {h: canonical_for(h) for h in headers}
    assert None not in mapped.values(), mapped
    assert len(set(mapped.values())) == len(headers)
    assert {canonical_for(h): c for c, h in CSV_HEADERS.items()} == {c: c for c in CSV_HEADERS}


def test_csv_reads_back(tmp_path: Path):
    frame = generate_portfolio(n_accounts=120, n_months=4)
    path = write_sample_csv(frame, tmp_path / "s.csv")
    back = pd.read_csv(path, encoding="utf-8-sig", dtype=str, keep_default_na=False)
    assert len(back) == len(frame)
    assert back["数据日期"].str.fullmatch(r"\d{4}-\d{2}-\d{2}").all()
    assert back["客户编号"].tolist() == frame["account_id"].tolist()
    np.testing.assert_allclose(back["贷款余额"].astype(float), frame["balance"])
    assert (back["逾期原因"] == "").sum() == frame["overdue_reason"].isna().sum()


def test_committed_csv_is_small():
    assert SAMPLE_CSV.stat().st_size < 12_000_000
    assert re.match(r"^\ufeff客户编号,", SAMPLE_CSV.read_text(encoding="utf-8")[:10])


def test_committed_csv_ingests_to_the_generated_frame(book: pd.DataFrame):
    """What the app loads from the bundled file is exactly the generator's canonical frame."""
    from analysis.ingest.portfolio import load_portfolio

    loaded = load_portfolio(SAMPLE_CSV.read_bytes(), SAMPLE_CSV.name)
    assert len(loaded.portfolio) == len(book)
    got = loaded.portfolio.reset_index(drop=True)
    for col in book.columns:
        pd.testing.assert_series_equal(
            got[col], book[col].reset_index(drop=True), check_categorical=False, obj=col,
        )
