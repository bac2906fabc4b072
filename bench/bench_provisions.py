"""Provisions and arrangements benchmark on the 2.4M-row panel (100,000 accounts × 24 months).

Bars: ECL for the panel's month ≤ 2 s in-process (issue 18); one arrangement comparison with both
sensitivities well under a second (issue 17 sets no bar; the page recomputes it on every change).
The transition cube comes from the data core (DuckDB), as on the pages, and is timed on its own.

Run: ``make bench`` or ``python -m bench provisions``. Prints figures; asserts nothing. A quick
smoke run: ``python -c "import bench.bench_provisions as b; b.main(5_000)"``.
"""
from __future__ import annotations

import time

from analysis.arrangements import options as O
from analysis.arrangements.segment import select_segment
from analysis.core.buckets import DEFAULT_BUCKETS
from analysis.provisions.ecl import EclAssumptions, Scenario, expected_credit_loss
from analysis.provisions.pd_curve import book_pd_curve
from analysis.provisions.staging import assign_stages
from analysis.provisions.summary import provision_panel, provisions_for_month
from bench.bench_aging import open_book
from bench.bench_whatif import canonical_bench_portfolio
from bench.timing import best_of


def _line(name: str, seconds: float, bar: float | None = None) -> None:
    verdict = "" if bar is None else (f"  (bar ≤ {bar:g} s: " + ("met" if seconds <= bar else "NOT met") + ")")
    print(f"{name:<62}{seconds:8.2f} s{verdict}", flush=True)


def main(n_accounts: int = 100_000, n_months: int = 24) -> None:
    start = time.perf_counter()
    portfolio = canonical_bench_portfolio(n_accounts, n_months)
    month = sorted(portfolio["month"].unique())[-1]
    print(f"panel: {len(portfolio):,} rows (built in {time.perf_counter() - start:.1f} s)")
    book = open_book(portfolio)
    t_rolls, rolls = best_of(lambda: book.cubes(DEFAULT_BUCKETS).transitions(), repeat=1)
    _line("transition cube (DuckDB, shared with the aging page)", t_rolls)

    a = EclAssumptions()
    curve = book_pd_curve(portfolio, month, rolls=rolls, horizon=a.longest_life)
    staged = assign_stages(portfolio)
    rows = (portfolio["month"] == month).to_numpy()
    accounts = portfolio.loc[rows]
    stage = staged.loc[rows, "stage"].to_numpy()
    t_ecl, _ = best_of(lambda: expected_credit_loss(accounts, stage, curve, a), repeat=3)
    _line(f"ECL of {len(accounts):,} accounts, one scenario", t_ecl, 2.0)
    three = EclAssumptions(scenarios=(Scenario("base", 0.6), Scenario("up", 0.1, 0.8), Scenario("down", 0.3, 1.4)))
    t_ecl3, _ = best_of(lambda: expected_credit_loss(accounts, stage, curve, three), repeat=3)
    _line("ECL, three weighted scenarios", t_ecl3, 2.0)
    t_stage, _ = best_of(lambda: assign_stages(portfolio), repeat=1)
    _line(f"staging every account-month ({len(portfolio):,} rows)", t_stage)
    t_month, _ = best_of(lambda: provisions_for_month(portfolio, month, rolls=rolls), repeat=1)
    _line("provisions page: the month (staging, ECL, movement, migration)", t_month)
    t_panel, _ = best_of(lambda: provision_panel(portfolio, rolls=rolls), repeat=1)
    _line("provisions page: every month (ratio trend)", t_panel)

    pairs = sorted(rolls["month"].unique())
    chain = O.collection_chain(rolls, DEFAULT_BUCKETS, pairs[-6:])
    t_seg, (segment, _) = best_of(lambda: select_segment(portfolio, month, DEFAULT_BUCKETS, bucket="31-60"), repeat=3)
    _line(f"arrangements: the segment ({segment.accounts:,} accounts in 31-60)", t_seg)

    def compare():
        c = O.compare_options(O.default_options(), chain, segment, O.ArrangementAssumptions())
        return c, [O.sensitivity(c, f) for f in ("redefault", "recovery")]
    t_cmp, _ = best_of(compare, repeat=3)
    _line("arrangements: five options and both sensitivities", t_cmp)
    book.close()
