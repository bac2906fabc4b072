"""``python -m analysis whatif FILE --policy POLICY.json``: a limit policy priced on the latest snapshot.

The JSON object (keys may be added, never renamed)::

    {"scenario", "month", "accounts", "accounts_matched", "accounts_affected",
     "accounts_without_limit", "accounts_out_of_scope", "accounts_insufficient_history",
     "accounts_rate_replaced", "notes" (sentences for people, in --lang),
     "out_of_scope": {"accounts", "included", "balance_total", "limit_total", "undrawn", "ead",
                      "expected_loss", "expected_loss_delta"},
     "before": {"limit_total", "balance_total", "undrawn", "ead", "expected_loss", "revenue",
                "el_per_revenue", "funding_cost", "operating_cost", "risk_adjusted_margin"},
     "after": {...}, "delta": {...},
     "by_segment": [{"by", "segment", "accounts", "affected", "limit_delta", "ead_delta",
                     "expected_loss_delta", "revenue_delta", ...}],
     "by_rule": [{"rule", "name", "description", "matched", "insufficient_history", "affected", ...}],
     "assumptions": {"pd_by_bucket", "pd_method", "lgd", "ccf", "draw_share", "interest_rate",
                     "use_mapped_rate", "no_forced_paydown", "include_defaulted", "pd_sources",
                     "pd_months": {"from", "to"} or null (stated defaults), "pd_horizon_months",
                     "pd_floor", "pd_level" ("account"/"bucket"), "funding_rate", "operating_cost",
                     "raise_draw_share", "raise_pd_uplift",
                     "account_pd": {"cells", "windows", "credibility_k", "uses_score", "uses_utilisation",
                                    "score_edges", "utilisation_edges", "from", "to", "horizon_months"}}}

With ``--compare CHALLENGER.json`` (``--policy`` is then the champion) it adds::

    {"challenger": {"scenario", "accounts_matched", "accounts_affected", "accounts_out_of_scope",
                    "accounts_insufficient_history", "before", "after", "delta"},
     "comparison": [{"scenario", "role", ...compare_scenarios columns}],
     "swap_set": {"groups": [{"swap" (swap_in/swap_out/both_differ), "accounts", "balance", "limit_delta",
                              "ead_a", "ead_b", "el_a", "el_b", "el_delta", "revenue_delta",
                              "accounts_then", "went_bad", "bad_rate"}],
                  "history": {"month", "window_end", "months_observed", "horizon", "bad_dpd"} or null},
     "sensitivity": {"cut": [{"pct", "cut_pct", "accounts", "limit_delta", "ead_delta",
                              "expected_loss_delta", "revenue_delta", "risk_adjusted_margin_delta",
                              "el_saved_per_revenue_lost", "el_per_revenue_change"}], "raise": [...]},
     "backtest": {"month", "window_end", "months_observed", "bad_dpd", "outcomes": [...],
                  "summary": {...}, "by_bucket": [...]} or null}
"""
from __future__ import annotations

import argparse
from dataclasses import replace
from pathlib import Path

from analysis.cli.columns import left, right, words
from analysis.cli.common import CliError, is_book, rows_for
from analysis.cli.counts import no_balances
from analysis.core.units import fen

HELP = "price a credit-limit policy (JSON) on the latest snapshot: EAD, expected loss, revenue before/after"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--policy", required=True, metavar="POLICY.json",
                        help="the policy saved from the what-if page (or written by hand; see the README)")
    parser.add_argument("--compare", metavar="CHALLENGER.json",
                        help="a second policy: --policy is the champion, this the challenger; adds the comparison, "
                             "the swap set in three groups with their historical bad rates, both sensitivity "
                             "curves and the challenger's backtest")
    parser.add_argument("--month", metavar="YYYY-MM", help="snapshot month (default: the latest)")
    parser.add_argument("--by", default="bucket", metavar="COL",
                        help="split the change by this segment column (default: bucket)")
    parser.add_argument("--lgd", type=float, default=0.45, help="loss given default, 0-1 (default 0.45)")
    parser.add_argument("--ccf", type=float, default=0.5, help="credit conversion factor on undrawn limit, 0-1 (default 0.5)")
    parser.add_argument("--draw-share", type=float, default=0.3,
                        help="share of undrawn limit (headroom) drawn within a year, 0-1 (default 0.3)")
    parser.add_argument("--rate", type=float, default=0.12,
                        help="annual interest rate where the file has none (default 0.12)")
    parser.add_argument("--funding-rate", type=float, default=0.025,
                        help="yearly funding cost of the expected drawn balance (default 0.025; your FTP rate)")
    parser.add_argument("--operating-cost", type=float, default=0.0,
                        help="yearly operating cost per account in CNY (default 0)")
    parser.add_argument("--raise-draw-share", type=float, default=None,
                        help="share of a raise's new headroom drawn within a year (default: --draw-share)")
    parser.add_argument("--raise-pd-uplift", type=float, default=0.5,
                        help="raised account's PD × (1 + uplift × raise); default 0.5, a prudent placeholder")
    parser.add_argument("--ignore-mapped-rate", action="store_true", help="use --rate even where the file has rates")
    parser.add_argument("--allow-forced-paydown", action="store_true",
                        help="let cuts take a limit below the balance (default: never)")
    parser.add_argument("--include-defaulted", action="store_true",
                        help="let the rules act on accounts in default (91+ DPD) or charged off; by default "
                             "their lines count as blocked, they earn no interest and are reported apart")
    parser.add_argument("--pd-method", choices=["auto", "markov", "observed"], default="auto",
                        help="how PD per bucket is estimated from the file's history (default auto)")
    parser.add_argument("--pd-level", choices=["account", "bucket"], default="account",
                        help="account: bucket × score band × utilisation band from the file's history, shrunk "
                             "toward the bucket PD where cells are thin (needs 13+ months; else bucket); "
                             "bucket: one PD per bucket (default account)")
    parser.add_argument("--pd-floor", type=float, default=0.0003,
                        help="lowest PD of an account not in default (default 0.0003 = 0.03%%, the Basel II IRB floor)")
    parser.add_argument("--pd", action="append", default=[], metavar="BUCKET=PD",
                        help="override the PD of a bucket, e.g. --pd Current=0.03 (repeatable)")


def run(args: argparse.Namespace, result) -> dict:
    """Price the policy; raise :class:`CliError` with a message in ``args.lang`` on bad input."""
    # Imported here, not at the top: analysis/__main__.py imports every command's module to build
    # its parser, and only the command that runs should pay for the analysis modules.
    from analysis.core.buckets import DEFAULT_BUCKETS
    from analysis.whatif.policy import (
        Assumptions, PolicyError, change_by_rule, change_by_segment, policy_from_json,
        rate_note, scenario_totals, simulate_policy, snapshot_features,
    )
    from analysis.core.i18n import translate
    from analysis.whatif.compare import compare_policies
    from analysis.whatif.account_pd import CREDIBILITY_K, HORIZON, UTIL_EDGES, cell_outcomes, with_account_pd
    from analysis.whatif.pd import estimation_months, pd_mapping, pd_table_or_fallback

    lang = getattr(args, "lang", "en")
    no_balances(result, "whatif", lang)
    path = Path(args.policy)
    if not path.is_file():
        raise CliError(f"policy file not found: {path}" if lang == "en" else f"找不到策略文件：{path}")
    portfolio, note = rows_for(result, args.month, lang)
    if args.month is not None and not is_book(result):
        _check_month(portfolio, args.month, lang)
    try:
        policy = policy_from_json(path.read_bytes())
        if args.include_defaulted:
            policy = replace(policy, include_defaulted=True)
        if "credit_limit" not in portfolio.columns:
            raise PolicyError("whatif.err.no_limit")
        buckets = DEFAULT_BUCKETS
        overrides = _pd_overrides(args.pd, lang)
        pd_table = None
        if set(overrides) >= set(buckets.keys):
            pds = {k: overrides[k] for k in buckets.keys}
            method = "manual"
        else:
            rolls = None
            if is_book(result):
                # one month's rows, but the roll rates of the whole book up to it (its cube)
                month = str(portfolio["month"].iloc[0]) if len(portfolio) else None
                months = [m for m in result.months() if month is None or m <= month]
                rolls = result.book.cubes(buckets, month_range=(months[0], months[-1])).transitions()
                history, n_months = portfolio, len(months)
            else:
                history = portfolio if args.month is None else portfolio[portfolio["month"] <= args.month]
                n_months = None
            # the first month of a file gets the page's stated defaults, not a refusal
            pd_table = pd_table_or_fallback(history, buckets, method=args.pd_method, lang=lang, rolls=rolls,
                                            months=n_months)
            pds = {**pd_mapping(pd_table), **overrides}
            method = ",".join(sorted(set(pd_table["method"])))
        features = snapshot_features(portfolio, args.month, buckets)
        # Account-level PD needs the file's own history (a book hands over one month's rows).
        history = portfolio if args.month is None else portfolio[portfolio["month"] <= args.month]
        cells = None
        if args.pd_level == "account" and not is_book(result) and history["month"].nunique() > HORIZON:
            cells = cell_outcomes(history, buckets)
            features = with_account_pd(features, cells, pds, buckets, floor=args.pd_floor)
        assumptions = Assumptions(pds, lgd=args.lgd, ccf=args.ccf, draw_share=args.draw_share,
                                  interest_rate=args.rate, use_mapped_rate=not args.ignore_mapped_rate,
                                  no_forced_paydown=not args.allow_forced_paydown, pd_floor=args.pd_floor,
                                  account_level=cells is not None, funding_rate=args.funding_rate,
                                  operating_cost=args.operating_cost, raise_draw_share=args.raise_draw_share,
                                  raise_pd_uplift=args.raise_pd_uplift)
        scenario = simulate_policy(features, policy, assumptions, name=policy.name or path.stem)
        totals = scenario_totals(scenario)
        by_segment = change_by_segment(scenario, args.by)
        by_rule = change_by_rule(scenario, lang)
        compared = None
        if args.compare:
            challenger = _read_policy(Path(args.compare), lang)
            if args.include_defaulted:
                challenger = replace(challenger, include_defaulted=True)
            challenger = replace(challenger, name=challenger.name or Path(args.compare).stem)
            compared = compare_policies(history, features, replace(policy, name=totals["scenario"]), challenger,
                                        assumptions, buckets)
    except PolicyError as exc:
        raise CliError(exc.message(lang)) from None
    payload = {"scenario": totals["scenario"], "month": str(features["month"].iloc[0]) if len(features) else None,
               **{k: totals[k] for k in ("accounts", "accounts_matched", "accounts_affected", "accounts_without_limit",
                                         "accounts_out_of_scope", "accounts_insufficient_history",
                                         "accounts_rate_replaced")},
               "before": totals["before"], "after": totals["after"], "delta": totals["delta"],
               "out_of_scope": totals["out_of_scope"]}
    unusable = rate_note(scenario, features)
    payload["notes"] = [] if unusable is None else [translate(unusable[0], lang, **unusable[1])]
    payload["by_segment"] = [
        {"by": args.by, "segment": str(row[args.by]), **{k: row[k] for k in by_segment.columns if k != args.by}}
        for row in by_segment.to_dict("records")
    ]
    payload["by_rule"] = by_rule.to_dict("records")
    payload["assumptions"] = {
        "pd_by_bucket": assumptions.pd_by_bucket, "pd_method": method, "lgd": assumptions.lgd,
        "ccf": assumptions.ccf, "draw_share": assumptions.draw_share,
        "interest_rate": assumptions.interest_rate, "use_mapped_rate": assumptions.use_mapped_rate,
        "no_forced_paydown": assumptions.no_forced_paydown, "include_defaulted": policy.include_defaulted,
        "pd_floor": assumptions.pd_floor, "pd_level": "account" if cells is not None else "bucket",
        "funding_rate": assumptions.funding_rate, "operating_cost": assumptions.operating_cost,
        "raise_draw_share": (assumptions.draw_share if assumptions.raise_draw_share is None
                             else assumptions.raise_draw_share),
        "raise_pd_uplift": assumptions.raise_pd_uplift,
    }
    if cells is not None:
        payload["assumptions"]["account_pd"] = {
            "cells": int(len(cells)), "windows": int(cells["n"].sum()), "credibility_k": CREDIBILITY_K,
            "uses_score": bool(cells.attrs["uses_score"]), "uses_utilisation": bool(cells.attrs["uses_util"]),
            "score_edges": cells.attrs["score_edges"], "utilisation_edges": list(UTIL_EDGES),
            "from": cells.attrs["from_month"], "to": cells.attrs["to_month"], "horizon_months": HORIZON,
        }
    if pd_table is not None:
        payload["assumptions"]["pd_sources"] = dict(zip(pd_table["bucket"], pd_table["source"]))
        span = estimation_months(pd_table)
        payload["assumptions"]["pd_months"] = None if span is None else {"from": span[0], "to": span[1]}
        payload["assumptions"]["pd_horizon_months"] = 12
    if compared is not None:
        payload.update(_comparison_payload(compared))
    if note:
        payload["note"] = note
    return _cents(payload)


def _read_policy(path: Path, lang: str):
    from analysis.whatif.policy import policy_from_json

    if not path.is_file():
        raise CliError(f"policy file not found: {path}" if lang == "en" else f"找不到策略文件：{path}")
    return policy_from_json(path.read_bytes())


def _comparison_payload(c) -> dict:
    """The ``--compare`` keys: challenger totals, comparison, swap groups, both curves, backtest."""
    from analysis.whatif.policy import scenario_totals

    tot = scenario_totals(c.challenger)
    out = {
        "challenger": {k: tot[k] for k in ("scenario", "accounts_matched", "accounts_affected", "accounts_out_of_scope",
                                           "accounts_insufficient_history", "before", "after", "delta")},
        "comparison": c.comparison.to_dict("records"),
        "swap_set": {"groups": c.swap_groups.to_dict("records"),
                     "history": None if c.swap_history is None else
                     {k: c.swap_history[k] for k in ("month", "window_end", "months_observed", "horizon", "bad_dpd")}},
        "sensitivity": {d: c.sensitivity[c.sensitivity["direction"] == d].drop(columns="direction").to_dict("records")
                        for d in ("cut", "raise")},
        "backtest": None,
    }
    if c.backtest is not None:
        bt = c.backtest
        out["backtest"] = {"month": bt["month"], "window_end": bt["window_end"], "months_observed": bt["months_observed"],
                           "bad_dpd": bt["bad_dpd"], "outcomes": bt["table"].to_dict("records"),
                           "summary": bt["summary"], "by_bucket": bt["by_bucket"].to_dict("records")}
    return out


_RATIOS = {"bad_rate", "bad_rate_cut", "bad_rate_not_cut", "bad_rate_not_cut_same_mix", "bad_rate_cut_same_buckets",
           "bad_share_of_removed",
           "removed_good_per_bad", "share_removed", "el_saved_per_revenue_lost", "el_per_revenue_change",
           "predicted_bad_accounts", "el_per_revenue_vs_champion", "funding_rate", "raise_draw_share", "raise_pd_uplift", "account_pd", "pd_floor", "pd_horizon_months", "included", "el_per_revenue", "pd", "pd_by_bucket", "lgd", "ccf", "draw_share", "interest_rate", "assumptions"}


def _cents(value, key: str = ""):
    """Amounts to the cent (sums of floats carry noise like 0.599999994); ratios untouched."""
    if key in _RATIOS:
        return value
    if isinstance(value, dict):
        return {k: _cents(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_cents(v, key) for v in value]
    if isinstance(value, float) and value == value and abs(value) != float("inf"):
        # half up, as every amount (a change of 12.825 between 5,661.00 and 5,673.825 is 12.83,
        # as after - before shows; round() gave 12.82)
        return fen(value)
    return value


def _check_month(portfolio, month: str, lang: str) -> None:
    """A month outside the file is named as such, with the file's range (not a PD refusal)."""
    from analysis.core.i18n import translate

    months = sorted(map(str, portfolio["month"].unique()))
    if months and month not in months:
        raise CliError(translate("whatif.err.month_not_in_file", lang, month=month, first=months[0], last=months[-1]))


def _pd_overrides(items: list[str], lang: str) -> dict[str, float]:
    out = {}
    for item in items:
        key, sep, value = item.partition("=")
        try:
            if not sep:
                raise ValueError
            out[key.strip()] = float(value)
        except ValueError:
            raise CliError(f"--pd takes BUCKET=PD, got {item!r}" if lang == "en"
                           else f"--pd 的格式应为 分段=违约概率，收到 {item!r}") from None
    return out


def render(payload: dict, lang: str = "en") -> str:
    """A short table for people, in ``lang``; ``--json`` is for scripts."""
    w = words(lang)
    b, a, d = payload["before"], payload["after"], payload["delta"]
    lines = [left(w("scenario"), 15) + f"{payload['scenario']}  ({w('month_of', month=payload['month'])})",
             left(w("accounts"), 15) + w("whatif_accounts", accounts=f"{payload['accounts']:,}",
                                         matched=f"{payload['accounts_matched']:,}",
                                         affected=f"{payload['accounts_affected']:,}"),
             left("", 16) + right(w("before"), 18) + right(w("after"), 18) + right(w("change"), 16)]
    for key in ("limit_total", "balance_total", "ead", "expected_loss", "revenue"):
        lines.append(f"{left(w('wi_' + key), 16)}{right(b[key], 18, ',.2f')}{right(a[key], 18, ',.2f')}{right(d[key], 16, '+,.2f')}")
    lines.append(f"{left(w('el_per_revenue'), 16)}{right(b['el_per_revenue'], 18, '.4f')}{right(a['el_per_revenue'], 18, '.4f')}"
                 f"{right(d['el_per_revenue'], 16, '+.4f')}")
    lines.append(w("by_rule") + w("colon"))
    for r in payload["by_rule"]:
        lines.append(f"  {r['name']}: {r['description']}  " + w("rule_line", matched=f"{r['matched']:,}",
                                                                  el=f"{r['expected_loss_delta']:+,.2f}",
                                                                  revenue=f"{r['revenue_delta']:+,.2f}"))
    lines += payload.get("notes", [])
    return "\n".join(lines)
