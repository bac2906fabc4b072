"""``python -m analysis warnings FILE``: who needs attention now, at which level, and what to do.

The JSON object (keys may be added, never renamed)::

    {"month", "levels": {"red": n, "orange": n, "yellow": n},
     "balance": {"red": 元, "orange": 元, "yellow": 元}, "accounts_total", "balance_total",
     "rule": ["Red: ...", ...], "thresholds": {...}, "unavailable": {signal: reason},
     "actions": [{"action", "label", "accounts", "balance"}],
     "model": {"auc", "ks", "n", "events" (test-month accounts, and those that worsened), "method", "test_month",
               "notes", "used"} | null,
     "backtest": {"from_month", "to_month", "levels": [{"level", "accounts", "worsened",
                  "worsened_rate", "exited"}]} | null,
     "reliability": {"trusted", "rule", "model", "flagged", "flagged_rate", "unflagged_rate", "auc", "ks",
                     "min_auc", "min_ks", "text", ...},
     "accounts": [{"account_id", "level", "signals": [keys], "action", "owner", "days_past_due",
                   "bucket", "balance", "cause"[, "customer_name", "phone", "id_number"]}]}

``accounts`` lists warned accounts, red first then by balance; personal data is always masked.
``reliability`` says whether the warnings separate good from bad on this book
(:mod:`analysis.warnings.reliability`); with ``--model``, a model below the bar is not used for the
list (``model.used`` is false).
On a dataset (a book too large to read whole) the command reads one month's accounts and adds
``"note"`` saying so: the signals that need history are then unavailable. A book with no
balances adds ``"counts_only": true`` (its balances are the counts; the text shows accounts only).
"""
from __future__ import annotations

import argparse
from dataclasses import asdict

import pandas as pd

from analysis.cli.common import CliError, rows_for
from analysis.cli.counts import with_counts_flag
from analysis.core.buckets import DEFAULT_BUCKETS
from analysis.core.i18n import translate
from analysis.core.privacy import mask_pii
from analysis.core.schema import PII_COLUMNS
from analysis.core.vocabulary import action_label, level_label
from analysis.warnings.reliability import model_passes, warning_reliability
from analysis.warnings.signals import (
    DEFAULT_RULE, LEVELS, SIGNALS, WarningError, WarningThresholds, action_summary, collection_actions,
    describe_rule, level_outcomes, level_summary, signal_availability, warning_levels, warning_signals,
)

HELP = "early-warning levels (red/orange/yellow), signals and collection actions per account (PII masked)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    d = WarningThresholds()  # defaults shown in --help are the analysis defaults, never a copy
    parser.add_argument("--month", metavar="YYYY-MM", help="month to warn on (default: the latest)")
    parser.add_argument("--rising-months", type=int, default=d.rising_months,
                        help=f"DPD rising for N months in a row (default {d.rising_months})")
    parser.add_argument("--utilisation-level", type=float, default=d.utilisation_level,
                        help=f"high utilisation from this share (default {d.utilisation_level:g})")
    parser.add_argument("--utilisation-jump", type=float, default=d.utilisation_jump,
                        help=f"utilisation jump in points as a share, 0.2 = 20 pp (default {d.utilisation_jump:g})")
    parser.add_argument("--balance-growth", type=float, default=d.balance_growth,
                        help=f"balance growth share (default {d.balance_growth:g}) ...")
    parser.add_argument("--growth-months", type=int, default=d.growth_months,
                        help=f"... over this many months (default {d.growth_months})")
    parser.add_argument("--score-drop", type=float, default=d.score_drop,
                        help=f"score drop in points (default {d.score_drop:g}) ...")
    parser.add_argument("--score-months", type=int, default=d.score_months,
                        help=f"... below the best of this many months (default {d.score_months})")
    parser.add_argument("--payment-share", type=float, default=d.payment_share,
                        help=f"underpaid when paid < share x due (default {d.payment_share:g})")
    parser.add_argument("--disable", action="append", default=[], metavar="SIGNAL", help="switch a signal off (repeatable)")
    parser.add_argument("--model", action="store_true", help="fit the warning model and use its probability as a signal")
    parser.add_argument("--model-probability", type=float, default=d.model_probability,
                        help=f"model signal from this probability (default {d.model_probability:g})")
    parser.add_argument("--limit", type=int, default=0, help="list at most this many accounts (default: all warned)")


def run(args: argparse.Namespace, result) -> dict:
    """Compute signals, levels and actions; raise :class:`CliError` (in ``args.lang``) on bad input."""
    lang = getattr(args, "lang", "en")
    portfolio, note = rows_for(result, args.month, lang)
    try:
        thresholds = _thresholds(args)
        scores, model_info = _model_scores(portfolio, args.month, lang) if args.model else (None, None)
        if model_info is not None and not model_passes(model_info):
            scores = None  # a model that does not separate on this book must not order the lists
        signals = warning_signals(portfolio, args.month, thresholds, DEFAULT_BUCKETS, scores=scores)
        levels = warning_levels(signals, DEFAULT_RULE)
        actions = collection_actions(signals, levels)
        unavailable = signal_availability(portfolio, thresholds, scores=scores, month=args.month)
        try:
            outcomes = level_outcomes(portfolio, args.month, thresholds, DEFAULT_RULE, DEFAULT_BUCKETS)
        except WarningError:  # no month before: the backtest is simply absent
            outcomes = None
    except WarningError as exc:
        raise CliError(exc.message(lang)) from None

    reliability = warning_reliability(outcomes, model_info)
    if model_info is not None:
        model_info = {**model_info, "used": scores is not None}
    summary = level_summary(signals, levels).set_index("level")
    listed = actions if args.limit <= 0 else actions.head(args.limit)
    return with_counts_flag({
        "month": str(signals["month"].iloc[0]) if len(signals) else args.month,
        "levels": {lv: int(summary.loc[lv, "accounts"]) for lv in LEVELS},
        "balance": {lv: round(float(summary.loc[lv, "balance"]), 2) for lv in LEVELS},
        "accounts_total": int(len(signals)),
        "balance_total": round(float(signals["balance"].sum()), 2),
        "rule": describe_rule(DEFAULT_RULE, lang),
        "thresholds": {k: (list(v) if isinstance(v, tuple) else v) for k, v in asdict(thresholds).items()},
        "unavailable": {s: r.rsplit(".", 1)[-1] for s, r in unavailable.items() if r},
        "actions": [{"action": r.action, "label": action_label(r.action, lang), "accounts": int(r.accounts),
                     "balance": round(float(r.balance), 2)} for r in action_summary(actions).itertuples(index=False)],
        "model": model_info,
        "backtest": None if outcomes is None else {
            "from_month": str(outcomes["from_month"].iloc[0]), "to_month": str(outcomes["to_month"].iloc[0]),
            "levels": [{"level": r.level, "accounts": int(r.accounts), "worsened": int(r.worsened),
                        "worsened_rate": r.worsened_rate, "exited": int(r.exited)}
                       for r in outcomes.itertuples(index=False)],
        },
        "reliability": {**reliability.as_dict(), "text": reliability.text(lang)},
        "accounts": _account_items(listed),
        **({"note": note} if note else {}),
    }, result)


def _thresholds(args: argparse.Namespace) -> WarningThresholds:
    """The signal thresholds from the command line (WarningError when one is out of range)."""
    return WarningThresholds(
        rising_months=args.rising_months, utilisation_level=args.utilisation_level,
        utilisation_jump=args.utilisation_jump, balance_growth=args.balance_growth,
        growth_months=args.growth_months, score_drop=args.score_drop, score_months=args.score_months,
        payment_share=args.payment_share, model_probability=args.model_probability,
        disabled=tuple(args.disable),
    )


def _model_scores(portfolio: pd.DataFrame, month: str | None, lang: str) -> tuple:
    """``(scores, model_info)`` of the warning model fitted on the months up to ``month``."""
    # The model module imports statsmodels (seconds): only --model pays for it.
    from analysis.warnings.model import fit_warning_model

    history = portfolio if month is None else portfolio[portfolio["month"] <= month]
    model = fit_warning_model(history, DEFAULT_BUCKETS, score_month=month)
    v = model.validation
    # n and events: the verdict needs them (ten worsened accounts or fewer cannot judge a model)
    return model.scores, {"auc": v["auc"], "ks": v["ks"], "n": v.get("n"), "events": v.get("events"),
                          "method": model.method, "test_month": v["test_month"],
                          "notes": model.notes_text(lang)}


def _account_items(listed: pd.DataFrame) -> list[dict]:
    """One JSON object per listed account, personal data masked."""
    pii = [c for c in PII_COLUMNS if c in listed.columns]
    masked = mask_pii(listed[["account_id", *pii]]) if pii else listed[["account_id"]]
    owner_col = "owner" if "owner" in listed.columns else ("branch" if "branch" in listed.columns else None)
    accounts = []
    flags = listed[list(SIGNALS)].to_numpy(dtype=bool)
    for i, row in enumerate(listed.itertuples(index=False)):
        item = {
            "account_id": str(row.account_id),
            "level": str(row.level),
            "signals": [s for s, on in zip(SIGNALS, flags[i]) if on],
            "action": str(row.action),
            "owner": None if owner_col is None or _missing(getattr(row, owner_col)) else str(getattr(row, owner_col)),
            "days_past_due": int(row.days_past_due),
            "bucket": str(row.bucket),
            "balance": round(float(row.balance), 2),
            "cause": str(row.cause),
        }
        for col in pii:
            value = masked[col].iloc[i]
            item[col] = None if _missing(value) else str(value)
        accounts.append(item)
    return accounts


def _missing(value) -> bool:
    return value is None or bool(pd.isna(value))


def render(payload: dict) -> str:
    """A short text report for people reading a terminal (in the language of the rule lines)."""
    lang = "zh" if payload["rule"] and any("\u4e00" <= ch <= "\u9fff" for ch in payload["rule"][0]) else "en"
    sep = "，" if lang == "zh" else ", "
    levels = sep.join(f"{level_label(k, lang)} {v:,}" for k, v in payload["levels"].items())
    lines = [translate("warnings.cli.header", lang, month=payload["month"], levels=levels)]
    lines += [f"  {line}" for line in payload["rule"]]
    lines.append(translate("warnings.cli.actions", lang) + ("；" if lang == "zh" else "; ").join(
        f"{a['label']} {a['accounts']:,}" + ("" if payload.get("counts_only") else f" ({a['balance']:,.2f})")
        for a in payload["actions"]))
    if payload.get("backtest"):
        bt = payload["backtest"]
        shown = [r for r in bt["levels"] if r["worsened_rate"] is not None and r["worsened_rate"] == r["worsened_rate"]]
        rates = sep.join(level_label(r["level"], lang) + f" {r['worsened_rate']:.1%}" for r in shown)
        lines.append(translate("warnings.cli.backtest", lang, prev=bt["from_month"], month=bt["to_month"], rates=rates))
    if payload.get("model"):
        m = payload["model"]
        lines.append(translate("warnings.cli.model", lang, method=m["method"], auc=f"{m['auc']:.3f}", ks=f"{m['ks']:.3f}",
                               month=m["test_month"]))
    if payload.get("reliability", {}).get("text"):
        lines.append(payload["reliability"]["text"])
    for a in payload["accounts"][:20]:
        lines.append(f"  {a['level']:<7}{a['account_id']:<16}{a['action']:<16}{a['owner'] or '-':<10}{','.join(a['signals'])}")
    if len(payload["accounts"]) > 20:
        lines.append(translate("warnings.cli.more", lang, n=len(payload["accounts"]) - 20))
    return "\n".join(lines)
