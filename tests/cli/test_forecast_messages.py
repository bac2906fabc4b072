"""What the forecast command says when a rate has no base: the true reason, not another one."""
from __future__ import annotations

from tests.cli.books import run_cli


def test_an_entry_rate_without_current_accounts_says_so_not_that_balances_are_zero(tmp_path, capsys):
    # a segment that never has a Current account has no entry-rate base; it was told "every
    # balance in these months is 0 … use --measure count", though its balances were 6,765–8,034
    path = tmp_path / "solo.csv"
    path.write_text("account_id,month,dpd,balance,region\n"
                    "S,2024-01,60,7546.40,SOLO\nS,2024-02,90,8034.29,SOLO\nS,2024-03,120,6820.78,SOLO\n"
                    "S,2024-04,150,6765.27,SOLO\nT,2024-01,0,100,R1\nT,2024-02,0,100,R1\nT,2024-03,5,100,R1\n"
                    "T,2024-04,0,100,R1\n", encoding="utf-8")
    for lang, words in (("en", "no month of this selection has accounts in Current"), ("zh", "无法计算入催率")):
        code, _, err = run_cli(capsys, "forecast", str(path), "--metric", "entry_rate", "--measure", "balance",
                               "--by", "region", "--segment", "SOLO", "--json", "--lang", lang)
        assert code != 0 and words in err and "0" not in err.replace("2024", "")
