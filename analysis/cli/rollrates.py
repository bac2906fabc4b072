"""``python -m analysis rollrates FILE``: the roll-rate matrix from month M-1 to month M.

JSON (DESIGN.md): ``{"from_month", "to_month", "buckets", "counts": [[...]], "rates": [[...]]}``;
rows are from-buckets, columns the to-buckets then a final ``"exit"`` column (accounts that left
the book). Added keys: ``columns``, ``measure``, ``balances`` (balance at M-1 per cell),
``window`` and ``pairs`` (the pooled from-months when ``--window`` > 1). A book with no balances
adds ``"counts_only": true`` and its measure is ``count`` (its balances are the counts).
"""
from __future__ import annotations

from analysis.cli.columns import bucket_names, left, right, width, words
from analysis.cli.common import CliError, book_of, buckets_from_arg, month_pairs, months_of_source, pick_month
from analysis.cli.counts import is_counts_only, with_counts_flag
from analysis.core.rates import roll_flow_matrix, shift_month

HELP = "roll-rate matrix month M-1 → M (default: the latest pair), exits as their own column"


def add_arguments(parser) -> None:
    parser.add_argument("--month", metavar="YYYY-MM", help="to-month M (default: the latest month with a pair)")
    parser.add_argument("--measure", choices=["count", "balance"], default="count",
                        help="rates as shares of accounts (default) or of balance at M-1")
    parser.add_argument("--window", type=month_pairs, default=1, metavar="N",
                        help="pool the N month pairs ending at M (flows summed, then divided)")
    parser.add_argument("--buckets", default="default", metavar="SCHEME",
                        help="default, m (M0-M6+) or the upper DPD edges, e.g. 30,60,90,180")


def run(args, result) -> dict:
    """The rollrates JSON for an ``IngestResult`` or a :class:`~analysis.cli.common.BookSource`.

    Only the months of the window are read: a Parquet book reads those partitions only.

    Examples
    --------
    >>> import argparse
    >>> from analysis.ingest.portfolio import load_portfolio
    >>> csv = b"id,month,dpd,balance\\nA,2024-01,0,1\\nA,2024-02,10,1\\nB,2024-01,0,1\\n"
    >>> out = run(argparse.Namespace(month=None, measure="count", window=1, buckets="default", lang="en"),
    ...           load_portfolio(csv, "a.csv"))
    >>> out["from_month"], out["counts"][0], out["rates"][0]
    ('2024-01', [0, 1, 0, 0, 0, 0, 1], [0.0, 0.5, 0.0, 0.0, 0.0, 0.0, 0.5])
    """
    lang = getattr(args, "lang", "en")
    buckets = buckets_from_arg(getattr(args, "buckets", "default"), lang)
    window = int(getattr(args, "window", 1) or 1)
    if window < 1:
        raise CliError("--window must be 1 or more" if lang == "en" else "--window 须为 1 或以上")
    months = months_of_source(result)
    present = set(months)
    # a from-month has a pair when the next calendar month is in the book (its rows roll or exit)
    from_months = [m for m in months if shift_month(m, 1) in present]
    if not from_months:
        raise CliError("roll rates need two consecutive calendar months; the file has none"
                       if lang == "en" else "迁徙率需要两个相邻的自然月数据；文件中没有")
    if args.month is None:
        to_month = shift_month(from_months[-1], 1)
    else:
        to_month = pick_month(months, args.month, lang)
    start = shift_month(to_month, -1)
    if start not in from_months:
        raise CliError((f"month {to_month} has no previous month {start} in the file, so there is no pair")
                       if lang == "en" else f"月份 {to_month} 没有上月（{start}）数据，无法配对计算迁徙率")
    pairs = [m for m in (shift_month(to_month, -k) for k in range(window, 0, -1)) if m in from_months]
    book, owned = book_of(result, (pairs[0], to_month))
    try:
        rolls = book.cubes(buckets, month_range=(pairs[0], to_month)).transitions()
    finally:
        if owned:
            book.close()
    counts = roll_flow_matrix(rolls, pairs, "count")
    balances = roll_flow_matrix(rolls, pairs, "balance")
    measure = "count" if is_counts_only(result) else args.measure  # no balances: shares of accounts
    flows = counts if measure == "count" else balances
    totals = flows.sum(axis=1)
    rates = flows.div(totals.where(totals > 0), axis=0)
    return with_counts_flag({
        "from_month": start if window == 1 else pairs[0], "to_month": to_month,
        "buckets": list(buckets.keys), "columns": list(counts.columns), "measure": measure,
        "counts": counts.astype(int).values.tolist(),
        "rates": [[None if v != v else float(v) for v in row] for row in rates.values.tolist()],
        "balances": balances.round(2).values.tolist(),
        "window": window, "pairs": pairs,
    }, result)


def render(payload: dict, lang: str = "en") -> str:
    """The matrix for people, in ``lang`` (rows: from-bucket; columns: to-bucket; n: accounts)."""
    w = words(lang)
    name = bucket_names(payload["buckets"], lang)
    cols = payload["columns"]
    pooled = w("pooled", n=len(payload["pairs"])) if len(payload.get("pairs", [])) > 1 else ""
    cw = max([width(name(c)) + 2 for c in cols] + [9])
    bw = max([width(name(k)) + 2 for k in payload["buckets"]] + [width(w("from_to")) + 2, 10])
    lines = [w("roll_title", start=payload["from_month"], end=payload["to_month"],
               measure=w(f"by_{payload['measure']}"), pooled=pooled),
             left(w("from_to"), bw) + "".join(right(name(c), cw) for c in cols) + right(w("n"), 10)]
    for key, rates, counts in zip(payload["buckets"], payload["rates"], payload["counts"]):
        cells = "".join(right(None if r is None else f"{r * 100:.1f}%", cw) for r in rates)
        lines.append(f"{left(name(key), bw)}{cells}{right(sum(counts), 10, ',')}")
    return "\n".join(lines)
