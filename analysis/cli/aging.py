"""``python -m analysis aging FILE``: the bucket distribution of a month, optionally by segment.

FILE may be a dataset folder (or a table): the month's aging cube is computed where the book
lies (one month's partition, out of core), never reading the book into pandas.

JSON (DESIGN.md): ``{"month", "buckets", "rows": [{"bucket", "count", "balance", "count_share",
"balance_share"[, by-column]}]}`` plus ``measure``, ``by``, ``totals`` and, when the file has
it, ``overdue_amount`` per row. A book with no balances (``--balance-missing unit``) adds
``"counts_only": true``: its balances are the counts, its measure is ``count``, and the text
shows accounts only.

A book with the bank's own five-tier classification (a ``loan_class`` column, e.g. 五级分类) adds
``"classification_source": "file"``, ``"five_tier": [{"class", "count", "balance", "count_share",
"balance_share"}]`` (the file's classes of the month; ``unclassified`` when some rows have none)
and ``"npl": {"ratio", "ratio_count"}`` (次级 + 可疑 + 损失 of the whole month, by balance and by count).
"""
from __future__ import annotations

from analysis.cli.columns import bucket_names, left, right, width, words
from analysis.core.vocabulary import five_tier_label
from analysis.aging.rates import aging_distribution, distribution_totals
from analysis.aging.regulatory import NPL_CLASSES, file_class_distribution
from analysis.cli.counts import is_counts_only
from analysis.cli.common import book_of, buckets_from_arg, check_segment, months_of_source, pick_month

HELP = "distribution by delinquency bucket for a month (count, balance, shares), optionally by a segment"


def add_arguments(parser) -> None:
    parser.add_argument("--month", metavar="YYYY-MM", help="month to show (default: the latest)")
    parser.add_argument("--by", metavar="COL", help="segment column, e.g. product, region, branch")
    parser.add_argument("--measure", choices=["balance", "count"], default="balance",
                        help="basis of the 'share' field (both shares are always given)")
    parser.add_argument("--buckets", default="default", metavar="SCHEME",
                        help="default, m (M0-M6+) or the upper DPD edges, e.g. 30,60,90,180")


def run(args, result) -> dict:
    """The aging JSON for an ``IngestResult`` or a :class:`~analysis.cli.common.BookSource`.

    Examples
    --------
    >>> import argparse
    >>> from analysis.ingest.portfolio import load_portfolio
    >>> res = load_portfolio(b"id,month,dpd,balance\\nA,2024-01,0,30\\nB,2024-01,45,10\\n", "a.csv")
    >>> out = run(argparse.Namespace(month=None, by=None, measure="balance", buckets="default", lang="en"), res)
    >>> [(r["bucket"], r["balance_share"]) for r in out["rows"] if r["count"]]
    [('Current', 0.75), ('31-60', 0.25)]
    """
    lang = getattr(args, "lang", "en")
    buckets = buckets_from_arg(getattr(args, "buckets", "default"), lang)
    month = pick_month(months_of_source(result), args.month, lang)
    by = args.by
    check_segment(result, by, lang)
    book, owned = book_of(result, (month, month))
    try:
        # one month's cube: a Parquet book reads that month's partition only
        cubes = book.cubes(buckets, month_range=(month, month))
        dist = aging_distribution(cubes.aging(by), month, by)
        classes = file_class_distribution(cubes.classes(), month, lang) if book.has_loan_class else None
    finally:
        if owned:
            book.close()
    counts = is_counts_only(result)
    measure = "count" if counts else args.measure  # no balances: the balance shares are the count shares
    rows = []
    for rec in dist.to_dict("records"):
        row = {"bucket": str(rec["bucket"]), "count": int(rec["count"]), "balance": round(float(rec["balance"]), 2),
               "count_share": rec["count_share"], "balance_share": rec["balance_share"],
               "share": rec[f"{measure}_share"]}
        if "overdue_amount" in rec:
            row["overdue_amount"] = round(float(rec["overdue_amount"]), 2)
        if by is not None:
            row[by] = str(rec[by])
        rows.append(row)
    totals = distribution_totals(dist)
    totals = {k: (round(v, 2) if k != "count" else v) for k, v in totals.items()}
    payload = {"month": month, "buckets": list(buckets.keys), "measure": measure, "by": by,
               "rows": rows, "totals": totals}
    if counts:
        payload["counts_only"] = True
    if classes is not None:
        payload.update(_file_classes(classes))
    return payload


def _file_classes(classes) -> dict:
    """The keys a book with the bank's own classification adds: its classes and NPL ratio."""
    rows = [{"class": str(r["tier"]), "count": int(r["count"]), "balance": round(float(r["balance"]), 2),
             "count_share": float(r["count_share"]), "balance_share": float(r["balance_share"])}
            for r in classes.to_dict("records")]
    npl = classes[classes["tier"].isin(NPL_CLASSES)]
    total_count, total_balance = classes["count"].sum(), classes["balance"].sum()
    return {"classification_source": "file", "five_tier": rows, "npl": {
        "ratio": float(npl["balance"].sum() / total_balance) if total_balance else float("nan"),
        "ratio_count": float(npl["count"].sum() / total_count) if total_count else float("nan")}}


def render(payload: dict, lang: str = "en") -> str:
    """A plain table for people (accounts only when the book has no balances), in ``lang``."""
    by = payload.get("by")
    w = words(lang)
    label = bucket_names(payload["buckets"], lang)
    bw = max([width(label(r["bucket"])) + 2 for r in payload["rows"]] + [10])
    if payload.get("counts_only"):
        return _render_counts(payload, by, w, label, bw)
    head = (left(w("bucket"), bw) + (left(by, 16) if by else "") + right(w("count"), 10) + right(w("share"), 9)
            + right(w("balance"), 20) + right(w("share"), 9))
    lines = [w("aging_title", month=payload["month"]), head]
    for r in payload["rows"]:
        seg = left(r[by], 16) if by else ""
        lines.append(f"{left(label(r['bucket']), bw)}{seg}{right(r['count'], 10, ',')}{right(_pct(r['count_share']), 9)}"
                     f"{right(r['balance'], 20, ',.2f')}{right(_pct(r['balance_share']), 9)}")
    tot = payload["totals"]
    lines.append(left(w("total"), bw) + (" " * 16 if by else "") + f"{right(tot['count'], 10, ',')}{'':>9}"
                 f"{right(tot['balance'], 20, ',.2f')}")
    if payload.get("classification_source") == "file":
        lines += ["", w("five_tier_file"),
                  left(w("class"), 18) + right(w("count"), 10) + right(w("share"), 9) + right(w("balance"), 20)
                  + right(w("share"), 9)]
        lines += [f"{left(_class_name(r['class'], lang), 18)}"
                  f"{right(r['count'], 10, ',')}{right(_pct(r['count_share']), 9)}{right(r['balance'], 20, ',.2f')}"
                  f"{right(_pct(r['balance_share']), 9)}" for r in payload["five_tier"]]
        lines.append(w("npl_line", balance=_pct(payload["npl"]["ratio"]), count=_pct(payload["npl"]["ratio_count"])))
    return "\n".join(lines)


def _render_counts(payload: dict, by: str | None, w, label, bw: int) -> str:
    lines = [w("aging_title_counts", month=payload["month"]),
             left(w("bucket"), bw) + (left(by, 16) if by else "") + right(w("accounts"), 10) + right(w("share"), 9)]
    for r in payload["rows"]:
        seg = left(r[by], 16) if by else ""
        lines.append(f"{left(label(r['bucket']), bw)}{seg}{right(r['count'], 10, ',')}{right(_pct(r['count_share']), 9)}")
    lines.append(left(w("total"), bw) + (" " * 16 if by else "") + f"{right(payload['totals']['count'], 10, ',')}")
    return "\n".join(lines)


def _class_name(key: str, lang: str) -> str:
    """A five-tier class for the text table (the key in English, as before)."""
    if lang == "en":
        return key
    return words(lang)("unclassified") if key == "unclassified" else five_tier_label(key, lang)


def _pct(value) -> str:
    return "–" if value is None or value != value else f"{value * 100:.2f}%"
