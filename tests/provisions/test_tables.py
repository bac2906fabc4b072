"""The provisions tables as shown: each stage to the cent and the total their sum."""
from __future__ import annotations

import pandas as pd

from analysis.core.view import View
from analysis.provisions.tables import stage_table


def test_the_stage_table_foots_to_the_cent_as_the_ecl_command_totals():
    # stages of 108,349.18 + 37,126.60 + 28,693.82 read a total of 174,169.61 on screen (the sum
    # of the unrounded stages) and 174,169.60 in `ecl --json`
    stages = pd.DataFrame({"stage": [1, 2, 3], "accounts": [1, 1, 1], "balance": [1.004, 1.004, 1.004],
                           "ead": [1.004, 1.004, 1.004], "ecl": [0.004, 0.004, 0.004]})
    frame = stage_table(stages, View(lang="en", unit="yuan"), "2024-01").text_frame("en")
    ecl = [c for c in frame.columns if c.startswith("ECL")][0]
    assert frame[ecl].tolist()[-1] == "0.00" and frame.iloc[-1, 2] == "3.00"


def test_the_allowance_is_the_footed_stage_total_in_the_npl_figures_and_the_monthly_trend():
    # three accounts, one per stage, each carrying 0.004 of ECL: the stage table shows 0.00 three
    # times and a total of 0.00, so the allowance card, the coverage and the trend must too (they
    # carried the unrounded 0.012, a cent apart on the sample: 3,114,012.68 against .67)
    from analysis.provisions.ecl import footed_allowance
    from analysis.provisions.npl import npl_trend

    panel = pd.DataFrame({"month": ["2024-01"] * 3, "stage": [1, 2, 3], "days_past_due": [0, 40, 100],
                          "balance": [10.0, 10.0, 10.0], "ecl": [0.004, 0.004, 0.004]})
    assert footed_allowance(panel) == 0.0
    trend = npl_trend(panel)
    assert trend["allowance"].tolist() == [0.0] and trend["coverage"].tolist() == [0.0]
    rounded_up = panel.assign(ecl=[0.006, 0.006, 0.006])  # each stage 0.01: three cents, not 0.02
    assert footed_allowance(rounded_up) == 0.03 and npl_trend(rounded_up)["allowance"].tolist() == [0.03]


def test_the_movement_reads_as_a_reconciliation_with_one_number_of_decimals():
    # The report showed "+1,234.56" as the opening allowance and a stage column of small transfers
    # in three decimals beside columns in two: a reconciliation writes balances and increases plain,
    # a decrease with its minus, and the whole table in one number of places, enough for the
    # figures that matter (a transfer of a few fen beside balances of millions does not set them).
    from analysis.provisions.movement import MOVEMENT_ITEMS
    from analysis.provisions.tables import movement_table

    def table(transfer: float):
        n = len(MOVEMENT_ITEMS)
        movement = pd.DataFrame({"item": list(MOVEMENT_ITEMS), "stage_1": [100.0] + [0.0] * (n - 2) + [100.0],
                                 "stage_2": [30.0] + [0.0] * (n - 2) + [30.0], "stage_3": [5.0] + [0.0] * (n - 2) + [5.0]})
        movement.loc[1, ["stage_1", "stage_2"]] = [-transfer, transfer]
        movement.loc[n - 1, ["stage_1", "stage_2"]] = [100.0 - transfer, 30.0 + transfer]
        movement["total"] = movement[["stage_1", "stage_2", "stage_3"]].sum(axis=1)
        return movement_table(movement, View(lang="en", unit="yuan"), "2024-01", "2024-02").text_frame("en")

    frame = table(0.02)  # 2 fen beside balances of 100 yuan: shown, in three places everywhere
    numbers = frame.iloc[:, 1:]
    assert not numbers.apply(lambda col: col.str.startswith("+")).any().any()
    assert frame.iloc[0, 1] == "100.000" and frame.iloc[-1, 1] == "99.980"
    assert frame.iloc[1, 1] == "-0.020" and frame.iloc[1, 2] == "0.020"
    assert {len(cell.rsplit(".", 1)[1]) for cell in numbers.to_numpy().ravel()} == {3}
    tiny = table(0.000012)  # a thousandth of a fen: the balances keep their two places
    assert tiny.iloc[0, 1] == "100.00" and {len(c.rsplit(".", 1)[1]) for c in tiny.iloc[:, 1:].to_numpy().ravel()} == {2}


def test_a_month_priced_on_the_default_pds_says_so_beside_its_figures():
    # The book's first month has no roll rates before it: its allowance came from the prudent
    # default PDs (UCI: coverage 2,684.55 % against 468.10 % the next month) while the report's
    # definitions said every month used the book's roll rates.
    from analysis.provisions.npl import npl_trend
    from analysis.provisions.summary import provision_panel
    from analysis.provisions.tables import pd_defaults_note, trend_table

    months = ["2024-01", "2024-02", "2024-03"]
    df = pd.DataFrame({"account_id": list("abcd") * 3, "month": [m for m in months for _ in range(4)],
                       "days_past_due": [0, 0, 40, 100, 0, 10, 70, 130, 0, 0, 100, 160],
                       "balance": [100.0, 200.0, 50.0, 80.0] * 3})
    panel = provision_panel(df)
    assert panel.groupby("month", observed=True)["pd_months"].max().tolist() == [0, 1, 2]
    monthly = npl_trend(panel)
    assert monthly["pd_months"].tolist() == [0, 1, 2]
    for lang, first, later in (("zh", "缺省值（无迁徙历史）", "2个月迁徙"), ("en", "defaults (no roll history)", "2 months of rolls")):
        view = View(lang=lang, unit="yuan")
        frame = trend_table(monthly, view).text_frame(lang)
        assert frame.iloc[:, -1].tolist()[0] == first and frame.iloc[:, -1].tolist()[-1] == later
        note = pd_defaults_note(monthly, view)
        assert note.startswith("2024-01") and "2024-02" not in note
    assert pd_defaults_note(monthly.iloc[1:], View(lang="en")) is None
