"""Trend & forecast benchmark on the 2.4M-row panel (100,000 accounts × 24 months).

Bars (issue 4): forecast with model selection for the whole book ≤ 2 s; for 20 segments ≤ 10 s
on this 2-core machine. The trend table (row work, once per upload × filters) is timed on its own,
as are the roll-rate projection and the vintage completion the page draws beside the forecast.
Forecast figures are the best of three runs (the first run of a process also pays the imports).

Run: ``make bench`` or ``python -m bench trend``. Prints figures; asserts nothing.
"""
from __future__ import annotations

import time

import pandas as pd

from analysis import forecast as F
from analysis import trend as T
from analysis.cube import bucketed_panel, roll_cube
from analysis.projection import average_roll_matrix, project_balances, projection_rates, roll_rate_loss
from analysis.vintage import vintage_triangle
from analysis.vintage_completion import backtest_vintages, complete_vintages
from bench.bench_aging import canonical_portfolio
from bench.timing import best_of

BARS = {"book": 2.0, "segments": 10.0}
N_SEGMENTS = 20




def _line(name: str, seconds: float, bar: float | None = None) -> None:
    verdict = "" if bar is None else f"  (bar ≤ {bar:.0f} s: {'OK' if seconds <= bar else 'OVER'})"
    print(f"  {name:<52} {seconds * 1000:8.0f} ms{verdict}", flush=True)


def segment_series(table: pd.DataFrame, keys: list[str], metric: str, n: int) -> dict[str, pd.Series]:
    """The ``n`` largest segments (latest balance) of a multi-column trend table, one series each."""
    last = table[table["month"] == table["month"].max()]
    sizes = last.groupby(keys, observed=True)["balance"].sum().sort_values(ascending=False)
    out = {}
    for combo in sizes.index[:n]:
        combo = combo if isinstance(combo, tuple) else (combo,)
        mask = pd.Series(True, index=table.index)
        for col, value in zip(keys, combo):
            mask &= table[col] == value
        rows = table[mask]
        out["/".join(map(str, combo))] = pd.Series(rows[metric].to_numpy(float), index=rows["month"].astype(str).to_numpy())
    return out


def main() -> None:
    start = time.perf_counter()
    portfolio = canonical_portfolio()
    panel = bucketed_panel(portfolio)
    print(f"panel: {len(panel):,} rows, {panel['month'].nunique()} months (built in {time.perf_counter() - start:.1f} s)")

    t_table, table = best_of(lambda: T.trend_table(panel, "balance"), 2)
    _line("trend table, whole book (once per upload × filters)", t_table)
    series = T.metric_series(table, "dpd30_rate")
    F.forecast_series(series, horizon=6)  # imports statsmodels once, outside the timing
    t_book, res = best_of(lambda: F.forecast_series(series, horizon=6))
    _line("forecast dpd30_rate, whole book, model selection", t_book, BARS["book"])
    print(f"    chosen: {res.model}; backtest MASE {res.chosen_backtest()['mase']:.2f}; "
          f"{F.forecast_sentence(res, 'en', 'DPD30+')}")
    amounts = T.metric_series(table, "dpd30_balance")
    t_amount, _ = best_of(lambda: F.forecast_series(amounts, horizon=12, is_rate=False))
    _line("forecast dpd30_balance, 12 months", t_amount)

    keys = ["product", "region"]
    t_seg_table, seg_table = best_of(lambda: T.trend_table(panel, "balance", keys), 2)
    _line(f"trend table by {'×'.join(keys)}", t_seg_table)
    segs = segment_series(seg_table, keys, "dpd30_rate", N_SEGMENTS)
    t_serial, _ = best_of(lambda: F.forecast_many(segs, horizon=6, workers=1), 1)
    _line(f"{len(segs)} segment forecasts, 1 process", t_serial)
    t_first, _ = best_of(lambda: F.forecast_many(segs, horizon=6, workers=2), 1)
    _line(f"{len(segs)} segment forecasts, 2 processes (first: starts the pool)", t_first)
    t_par, _ = best_of(lambda: F.forecast_many(segs, horizon=6, workers=2), 2)
    _line(f"{len(segs)} segment forecasts, 2 processes (warm)", t_par, BARS["segments"])

    t_rolls, rolls = best_of(lambda: roll_cube(panel), 2)
    _line("roll cube (once per upload × filters)", t_rolls)
    last = panel[panel["month"] == panel["month"].max()]
    start_bal = last.groupby("bucket", observed=False)["balance"].sum()
    start_bal.index = start_bal.index.astype(str)

    def project():
        matrix, _, _ = average_roll_matrix(rolls, 3, "balance")
        out = project_balances(start_bal, matrix, 12, str(panel["month"].max()), replenish=True)
        from analysis.buckets import DEFAULT_BUCKETS

        return projection_rates(out, DEFAULT_BUCKETS), roll_rate_loss(start_bal, matrix)

    t_proj, (rates, loss) = best_of(project)
    _line("roll-rate projection 12 months + loss forecast (widget change)", t_proj)
    print(f"    DPD90+ {rates['dpd90_rate'].iloc[0]:.2%} → {rates['dpd90_rate'].iloc[-1]:.2%}; "
          f"expected loss {loss['expected_loss'].sum():,.0f} of {loss['balance'].sum():,.0f}")

    t_tri, tri = best_of(lambda: vintage_triangle(panel, cohort="month", metric="ever30", measure="balance"), 1)
    _line("vintage triangle (monthly cohorts, ever30)", t_tri)
    t_done, _ = best_of(lambda: (complete_vintages(tri), backtest_vintages(tri, lookback=6)))
    _line("vintage completion + backtest (widget change)", t_done)


if __name__ == "__main__":
    main()
