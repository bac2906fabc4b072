"""Re-default from the book's own arranged accounts: detection, the horizon rule, the threshold."""
from __future__ import annotations

import json

import pandas as pd
import pytest

from analysis.arrangements import options as O
from analysis.arrangements.redefault import arranged_rows, book_redefault


def _months(n: int, start: int = 2023) -> list[str]:
    return [f"{start + (k // 12)}-{k % 12 + 1:02d}" for k in range(n)]


def _book(accounts: int, bad: int, months: int = 16, flag_month: int = 1, label: str = "个性化分期") -> pd.DataFrame:
    rows = []
    for a in range(accounts):
        for m, month in enumerate(_months(months)):
            dpd = 95 if (a < bad and m == flag_month + 6) else (40 if m == flag_month - 1 else 0)
            rows.append((f"A{a:03d}", month, dpd, 1000.0, label if m == flag_month else "正常"))
    return pd.DataFrame(rows, columns=["account_id", "month", "days_past_due", "balance", "status_label"])


def test_the_share_that_reached_charge_off_within_twelve_months():
    out = book_redefault(_book(40, 14))
    assert (out.rate, out.accounts, out.defaulted, out.source) == (14 / 40, 40, 14, "status_label")
    assert out.first_months == ("2023-02", "2023-02")


def test_a_default_after_the_horizon_or_before_the_flag_does_not_count():
    book = _book(40, 0)
    late = (book["account_id"] == "A000") & (book["month"] == _months(16)[14])  # 13 months after the flag
    early = (book["account_id"] == "A001") & (book["month"] == _months(16)[0])
    book.loc[late | early, "days_past_due"] = 120
    assert book_redefault(book).defaulted == 0


def test_accounts_without_the_whole_horizon_are_left_out_and_few_accounts_give_no_rate():
    assert book_redefault(_book(40, 5, months=12)).accounts == 0
    thin = book_redefault(_book(12, 3))
    assert thin.rate is None and thin.accounts == 12


def test_a_flag_column_with_yes_values_is_recognised():
    book = _book(40, 4).drop(columns=["status_label"])
    book["hardship_flag"] = pd.Categorical(["N"] * len(book))
    book["hardship_flag"] = book["hardship_flag"].cat.add_categories(["Y"])
    book.loc[book["month"] == "2023-02", "hardship_flag"] = "Y"
    flags, column = arranged_rows(book)
    assert column == "hardship_flag" and flags.sum() == 40
    assert book_redefault(book).rate == pytest.approx(0.1)


def test_no_arrangement_words_means_no_estimate():
    book = _book(40, 4, label="正常")
    assert book_redefault(book).source is None


def test_the_books_rate_fills_only_the_options_left_to_default():
    opts = O.with_default_redefault(O.default_options() + (O.Option("freeze", months=12, redefault=0.5),), 0.3)
    assert [o.failure for o in opts] == [0.0, 0.3, 0.3, 0.3, 0.0, 0.5]


def test_the_cli_uses_and_reports_the_books_estimate(capsys, tmp_path):
    from analysis.__main__ import main

    path = tmp_path / "book.csv"
    _book(40, 10).to_csv(path, index=False)
    assert main(["arrangement", str(path), "--bucket", "1-30", "--month", "2023-02", "--json"]) == 2  # no one overdue
    capsys.readouterr()
    assert main(["arrangement", str(path), "--bucket", "91-180", "--month", "2023-08", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    a = out["assumptions"]
    assert a["redefault_source"] == "book" and a["book_redefault"]["rate"] == 0.25
    assert set(a["redefault"].values()) == {0.25}
