"""The forecast command on books whose rate never moves or does not exist."""
from __future__ import annotations

import pytest

from analysis.__main__ import main


def _book(tmp_path, dpds, balance):
    rows = ["account_id,month,dpd,balance"]
    rows += [f"A{i},2024-{m:02d},{dpd},{balance}" for m in range(1, 7) for i, dpd in enumerate(dpds)]
    path = tmp_path / "book.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return str(path)


def test_a_rate_that_never_moved_prints_no_mase_rather_than_nan(tmp_path, capsys):
    assert main(["forecast", _book(tmp_path, [0] * 10, 1000)]) == 0
    out = capsys.readouterr().out
    assert "MASE –" in out and "nan" not in out.lower()


@pytest.mark.parametrize("lang, words", [("en", "--measure count"), ("zh", "余额全部为 0")])
def test_a_book_of_zero_balances_is_told_to_forecast_by_accounts_not_that_months_are_few(tmp_path, capsys, lang, words):
    assert main(["forecast", _book(tmp_path, [0, 0, 45, 100, 0, 10], 0), "--lang", lang]) == 2
    err = capsys.readouterr().err
    assert words in err and "6" not in err.split("error:")[-1][:20]
    assert main(["forecast", _book(tmp_path, [0, 0, 45, 100, 0, 10], 0), "--measure", "count"]) == 0
