"""What-if benchmark: a limit policy on the 2.4M-row panel (100,000 accounts in the latest month).

Bar (issues 6 and 14): one scenario evaluates in ≤ 0.5 s (bucket or account-level PD); the two
11-point sensitivity curves in ≤ 2 s. Both
run on the snapshot features, which the app builds once per upload (cached), so that step and
the PD estimate are timed separately; the PD estimate's roll rates come from the data core's
transition cube (:mod:`analysis.core`, DuckDB), shared with the other pages. Figures are the best
of three runs.

Run: ``make bench`` or ``python -m bench whatif``. Prints figures; asserts nothing. A quick smoke
run on a small panel: ``python -c "import bench.bench_whatif as b; b.main(5_000)"``.
"""
from __future__ import annotations

import time
from dataclasses import replace

import pandas as pd

from analysis.core.buckets import DEFAULT_BUCKETS
from analysis.whatif.policy import (
    Assumptions, Policy, Rule, backtest_policy, change_by_rule, change_by_segment, scenario_totals,
    sensitivity_curves, simulate_policy, snapshot_features,
)
from analysis.whatif.account_pd import cell_outcomes, with_account_pd
from analysis.whatif.compare import compare_policies
from analysis.whatif.pd import estimate_pd, pd_mapping
from analysis.core.schema import canonical_for
from bench.bench_aging import open_book
from bench.panel import make_bench_panel
from bench.timing import best_of

POLICY = Policy("bench", (
    Rule("freeze", name="61+ freeze", dpd_min=61),
    Rule("cut", 30, name="31-60 cut", dpd_min=31, dpd_max=60),
    Rule("cap_utilisation", 80, name="recently late", delinquent_months=6),
    Rule("raise", 10, name="clean, low use", buckets=("Current",), utilisation_max=30, clean_months=12,
         mob_min=12, score_min=650),
    Rule("cut", 15, name="消费贷 high use", segments={"product": ("消费贷",)}, utilisation_min=90),
))


def canonical_bench_portfolio(n_accounts: int = 100_000, n_months: int = 24) -> pd.DataFrame:
    """The bench panel under canonical names, as ingest would hand it over (segments as category)."""
    raw = make_bench_panel(n_accounts, n_months)
    df = raw.rename(columns={h: canonical_for(h) for h in raw.columns})
    df["month"] = df["snapshot_date"].dt.strftime("%Y-%m")
    for col in ("product", "region", "branch", "channel"):
        df[col] = df[col].astype("category")
    df["score"] = df["score"].astype("float64")
    return df


def main(n_accounts: int = 100_000, n_months: int = 24) -> None:
    start = time.perf_counter()
    portfolio = canonical_bench_portfolio(n_accounts, n_months)
    print(f"panel: {len(portfolio):,} rows, {portfolio['account_id'].nunique():,} accounts "
          f"(built in {time.perf_counter() - start:.1f} s)")

    t_feat, feats = best_of(lambda: snapshot_features(portfolio), repeat=1)
    print(f"snapshot features (once per upload, cached): {t_feat:.2f} s for {len(feats):,} accounts")

    start = time.perf_counter()
    book = open_book(portfolio)
    t_upload = time.perf_counter() - start
    try:
        start = time.perf_counter()
        rolls = book.cubes(DEFAULT_BUCKETS).transitions()
        t_rolls = time.perf_counter() - start
    finally:
        book.close()
    t_pd, table = best_of(lambda: estimate_pd(portfolio, DEFAULT_BUCKETS, method="auto", rolls=rolls), repeat=1)
    print(f"upload to DuckDB {t_upload:.2f} s + panel and transition cube in DuckDB {t_rolls:.2f} s "
          f"(shared, cached); PD estimate on them: {t_pd:.2f} s "
          f"({', '.join(f'{b} {p:.3f}' for b, p in pd_mapping(table).items())})")

    t_cells, cells = best_of(lambda: cell_outcomes(portfolio, DEFAULT_BUCKETS), repeat=1)
    print(f"account-level PD cells (bucket × score band × utilisation band, once per upload, cached): "
          f"{t_cells:.2f} s, {len(cells)} cells from {int(cells['n'].sum()):,} complete 12-month windows")
    t_apd, feats_pd = best_of(lambda: with_account_pd(feats, cells, pd_mapping(table), DEFAULT_BUCKETS))
    print(f"account PDs on the snapshot (per PD edit, cached): {t_apd:.3f} s")

    asm = Assumptions(pd_mapping(table))
    t_sim, result = best_of(lambda: simulate_policy(feats, POLICY, asm))
    tot = scenario_totals(result)
    print(f"one scenario, bucket PD (5 rules, {len(feats):,} accounts): {t_sim:.3f} s   [bar 0.5 s] "
          f"affected {tot['accounts_affected']:,}, ΔEL {tot['delta']['expected_loss']:,.0f}, "
          f"Δrevenue {tot['delta']['revenue']:,.0f}, Δmargin {tot['delta']['risk_adjusted_margin']:,.0f}")
    asm_acc = replace(asm, account_level=True)
    t_sim_acc, result_acc = best_of(lambda: simulate_policy(feats_pd, POLICY, asm_acc))
    tot_acc = scenario_totals(result_acc)
    print(f"one scenario, account-level PD: {t_sim_acc:.3f} s   [bar 0.5 s] "
          f"ΔEL {tot_acc['delta']['expected_loss']:,.0f}, out of scope {tot_acc['accounts_out_of_scope']:,}, "
          f"insufficient history {tot_acc['accounts_insufficient_history']:,}")
    t_sim = max(t_sim, t_sim_acc)
    t_all, _ = best_of(lambda: (scenario_totals(simulate_policy(feats, POLICY, asm)),
                              change_by_segment(simulate_policy(feats, POLICY, asm), "product"),
                              change_by_rule(simulate_policy(feats, POLICY, asm))))
    print(f"scenario + totals + by-segment + by-rule (3 simulations): {t_all:.3f} s")
    t_curve, curve = best_of(lambda: sensitivity_curves(feats, POLICY, asm))
    n_cut = int(curve.loc[curve["direction"] == "cut", "accounts"].iloc[0])
    n_raise = int(curve.loc[curve["direction"] == "raise", "accounts"].iloc[0])
    print(f"sensitivity curves (2 × 11 points, {n_cut:,} cut and {n_raise:,} raised): {t_curve:.3f} s   [bar 2 s]")
    months = sorted(portfolio["month"].unique())
    t_bt, bt = best_of(lambda: backtest_policy(portfolio, POLICY, months[-13], horizon=12), repeat=1)
    print(f"backtest at {months[-13]} over 12 months (cached per month in the app): {t_bt:.2f} s")
    champion = Policy("champion", (Rule("cut", 20, dpd_min=31),))
    t_cmp, _ = best_of(lambda: compare_policies(portfolio, feats, champion, POLICY, asm), repeat=1)
    print(f"champion vs challenger with swap-group bad rates, both curves and backtest (--compare, Excel): {t_cmp:.2f} s")
    verdict = "PASS" if t_sim <= 0.5 and t_curve <= 2.0 else "FAIL"
    print(f"bar: scenario {t_sim:.3f} s ≤ 0.5 s, curve {t_curve:.3f} s ≤ 2 s → {verdict}")


if __name__ == "__main__":
    main()
