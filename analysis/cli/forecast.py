"""``python -m analysis forecast FILE``: a delinquency metric's history and a backtested forecast.

JSON (DESIGN.md): ``{"metric", "history": [{"month", "value"}], "forecast": [{"month", "mean",
"lower", "upper"}], "model", "backtest": {"mase", "mae"}}``; ``lower``/``upper`` are the 95%
interval. Added keys: ``lower80``/``upper80`` per forecast month, ``measure``, ``segment``,
``horizon``, ``is_rate``, ``filled`` per history month (no value in the data: interpolated),
``models`` (every candidate's backtest), ``notes``, ``reason`` (why no
forecast, when there is none) and ``sentence`` (the plain-language summary). A book with no
balances adds ``"counts_only": true``: rates are by count and amounts are accounts.
"""
from __future__ import annotations

import numpy as np

from analysis.cli.common import CliError, book_of, check_segment, is_book, months_of_source
from analysis.cli.columns import left, words
from analysis.cli.counts import is_counts_only, with_counts_flag
from analysis.core.vocabulary import metric_name
from analysis.trend.forecast import MAX_HORIZON, MODELS, forecast_sentence, forecast_series
from analysis.trend.series import TREND_METRICS, is_rate_metric, metric_series, trend_table

HELP = "monthly delinquency metric with a backtested forecast and 80%/95% intervals"


def add_arguments(parser) -> None:
    parser.add_argument("--metric", default="dpd30_rate", choices=TREND_METRICS,
                        help="what to forecast (default dpd30_rate)")
    parser.add_argument("--horizon", type=int, default=6, metavar=f"1-{MAX_HORIZON}",
                        help="months to forecast (default 6)")
    parser.add_argument("--measure", choices=["balance", "count"], default="balance",
                        help="rates as shares of balance or of accounts (default balance)")
    parser.add_argument("--model", default="auto", choices=["auto", *MODELS],
                        help="auto (best rolling-origin backtest) or pin one model")
    parser.add_argument("--by", metavar="COL", help="segment column, e.g. product (with --segment)")
    parser.add_argument("--segment", metavar="VALUE", help="forecast this segment of --by only")


def _fail(lang: str, en: str, zh: str) -> CliError:
    return CliError(en if lang == "en" else zh)


def run(args, result) -> dict:
    """The forecast JSON for an ``IngestResult`` or a :class:`~analysis.cli.common.BookSource`
    (whose rate and transition cubes are computed where the book lies).

    Examples
    --------
    >>> import argparse
    >>> from analysis.ingest.portfolio import load_portfolio
    >>> rows = "".join(f"A,2024-{m:02d},{0 if m % 3 else 40},100\\nB,2024-{m:02d},0,300\\n" for m in range(1, 10))
    >>> res = load_portfolio(("id,month,dpd,balance\\n" + rows).encode(), "a.csv")
    >>> ns = argparse.Namespace(metric="dpd30_rate", horizon=2, measure="balance", model="naive",
    ...                         by=None, segment=None, lang="en")
    >>> out = run(ns, res)
    >>> [f["month"] for f in out["forecast"]], out["model"]
    (['2024-10', '2024-11'], 'naive')
    """
    lang = getattr(args, "lang", "en")
    if not 1 <= args.horizon <= MAX_HORIZON:
        raise _fail(lang, f"--horizon must be between 1 and {MAX_HORIZON} months",
                    f"--horizon 须在 1 到 {MAX_HORIZON} 个月之间")
    if not months_of_source(result):
        raise _fail(lang, "the file has no accepted rows", "文件中没有可用的数据行")
    columns = result.book.engine.columns() if is_book(result) else list(result.portfolio.columns)
    if args.metric == "overdue_amount" and "overdue_amount" not in columns:
        raise _fail(lang, "the file has no overdue amount column (逾期金额); map one with --map overdue_amount=HEADER",
                    "文件中没有逾期金额列；可用 --map overdue_amount=列名 指定")
    if (args.by is None) != (args.segment is None):
        raise _fail(lang, "--by and --segment go together", "--by 与 --segment 需同时使用")
    if args.by is not None and args.by not in columns:
        raise _fail(lang, f"no column {args.by!r} in the file", f"文件中没有列 {args.by!r}")

    check_segment(result, args.by, lang)  # the cubes group by segment columns only
    measure = "count" if is_counts_only(result) else args.measure  # no balances: rates by count
    book, owned = book_of(result)
    try:
        cubes = book.cubes()
        table = trend_table(cubes.rates(args.by), cubes.transitions(args.by), measure, args.by)
    finally:
        if owned:
            book.close()
    if args.by is not None:
        values = sorted(table[args.by].astype(str).unique())
        if args.segment not in values:
            raise _fail(lang, f"segment {args.segment!r} not found; values of {args.by}: {', '.join(values[:20])}",
                        f"没有细分 {args.segment!r}；{args.by} 的取值：{'、'.join(values[:20])}")
    series = metric_series(table, args.metric, args.by, args.segment)
    is_rate = is_rate_metric(args.metric)
    if is_rate and len(series) and not np.isfinite(np.asarray(series, dtype=float)).any():
        # no month has the rate's base: the rate does not exist (not "too few months")
        if args.metric == "entry_rate":  # its base is what is Current at t, not the book
            raise _fail(lang, "no month of this selection has accounts in Current, the ones that can enter "
                              "collections, so the entry rate cannot be computed",
                        "所选范围内没有任何一个月有正常（未逾期）账户，即没有可以入催的账户，无法计算入催率")
        if measure == "balance":  # every month's balance is 0
            raise _fail(lang, "every balance in these months is 0, so a rate by balance cannot be computed; "
                              "forecast the rate by accounts with --measure count",
                        "这些月份的余额全部为 0，无法按余额计算比率；请用 --measure count 按户数预测")

    res = forecast_series(series, horizon=args.horizon, model=args.model, is_rate=is_rate)
    label = metric_name(args.metric, lang)
    return with_counts_flag({
        "metric": args.metric,
        "measure": measure,
        "segment": None if args.by is None else {"by": args.by, "value": args.segment},
        "horizon": args.horizon,
        "is_rate": is_rate,
        # "filled": a month the data has no value for, interpolated for the model (added key)
        "history": [{"month": m, "value": float(v), "filled": bool(f)}
                    for m, v, f in zip(res.history["month"], res.history["value"], res.history["filled"])],
        "forecast": [{"month": r.month, "mean": float(r.mean), "lower": float(r.lower95), "upper": float(r.upper95),
                      "lower80": float(r.lower80), "upper80": float(r.upper80)}
                     for r in res.forecast.itertuples(index=False)],
        "model": res.model,
        "backtest": res.chosen_backtest(),
        "models": [{"model": r.model, "mase": float(r.mase), "mae": float(r.mae)}
                   for r in res.backtest.itertuples(index=False)],
        "notes": [n.text(lang) for n in res.notes],
        "reason": res.reason.text(lang) if res.reason else None,
        "sentence": forecast_sentence(res, lang, label),
    }, result)


def render(payload: dict, lang: str = "en") -> str:
    """A short human reading of the JSON, in ``lang``."""
    w = words(lang)
    lines = [payload["sentence"]]
    if payload["forecast"]:
        pct = payload["is_rate"]

        def fmt(v: float) -> str:
            return f"{v * 100:6.2f}%" if pct else f"{v:,.2f}"

        mase = payload["backtest"].get("mase")
        # no MASE when the series never moved (the naive error it is scaled by is zero)
        shown = "–" if mase is None or mase != mase else f"{mase:.2f}"
        lines.append(w("model_line", model=payload["model"], mase=shown))
        lines.append(left(w("month"), 10) + left(w("mean"), 10) + w("range95"))
        for f in payload["forecast"]:
            lines.append(f"{f['month']}  {fmt(f['mean'])}  {fmt(f['lower'])} – {fmt(f['upper'])}")
    lines += [w("note", text=n) for n in payload["notes"]]
    return "\n".join(lines)
