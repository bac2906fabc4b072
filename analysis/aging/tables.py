"""The tables behind the aging charts, as :class:`~analysis.core.tables.DisplayTable` objects.

Each builder takes the frame an :mod:`analysis.aging.rates` / :mod:`analysis.aging.regulatory` /
:mod:`analysis.aging.vintage` function returned and the reader's :class:`~analysis.core.view.View`,
and returns the table as a reader sees it: titles in the view's language, amounts in the view's
unit, rates kept as shares (``rate``) and rate changes as shares too (``pp``), so the screen,
the downloads and the report write each figure the same way. The month summary of the
distribution tab (:func:`month_figures`) lives here too: it is what the figures above those
tables say, and whether they reconcile with the book.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.aging.rates import distribution_totals
from analysis.core.rates import shift_month
from analysis.core.tables import DisplayTable, amount_places, display_table
from analysis.core.view import View
from analysis.core.vocabulary import ENTRY_RATE, entry_base_month_label, entry_month_label, metric_name, stage_label

#: Amounts of a month's book and of its distribution agree to within half a fen.
RECONCILE_TOLERANCE = 0.005


def _col(view: View, key: str, **params: object) -> str:
    return view.text(f"aging.col.{key}", **params)


def _what(view: View) -> str:
    """The base a rate is taken of: accounts, or balance in the view's unit."""
    return _col(view, "accounts") if view.measure == "count" else _col(view, "balance", unit=view.unit_label)


def _measured(view: View, values) -> tuple[str, np.ndarray]:
    """Counts as counts, amounts in the view's unit, with the kind that writes them."""
    arr = np.asarray(values, dtype=np.float64)
    return ("count", arr) if view.measure == "count" else ("amount", view.scale(arr))


def _counted(view: View, cols: list, segment: str | None = None) -> list:
    """``cols`` without the balance columns when the book has no balances: they would repeat the
    accounts and their shares (every account-month counted as 1)."""
    if not view.counts_only:
        return cols
    balance = {_col(view, "balance", unit=view.unit_label), _col(view, "balance_share")}
    if segment is not None:
        balance.add(_col(view, "balance_share_in", segment=segment))
    return [c for c in cols if c[0] not in balance]


def _overdue_amount(view: View, values) -> tuple[str, str, np.ndarray]:
    """The overdue-amount column: money the file wrote, in the view's unit; in 元 in a book with no
    balances, whose other figures are accounts (not "逾期金额（户）")."""
    money = view.but(unit="yuan") if view.counts_only else view
    return (_col(view, "overdue_amount", unit=money.unit_label), "amount",
            money.scale(np.asarray(values, dtype=np.float64)))


def _labels(view: View, keys) -> list[str]:
    return [view.buckets.label_of(str(k), view.lang) for k in keys]


@dataclass(frozen=True)
class MonthFigures:
    """The distribution tab's headline figures of one month, and whether they reconcile.

    ``count``/``balance``/``overdue_amount`` add up the bucket distribution; ``book_count`` and
    ``book_balance`` come from the month's totals cube; ``overdue_balance`` is the balance of
    accounts 1+ DPD and ``overdue_rate`` its share of the balance (NaN for an empty book);
    ``overdue_count`` counts those accounts, and :meth:`overdue_rate_by` gives the rate by either
    measure, so the card can follow the measure the page shows.
    """

    count: int
    balance: float
    overdue_amount: float | None
    overdue_balance: float
    overdue_rate: float
    book_count: int
    book_balance: float
    overdue_count: int | None = None

    def overdue_rate_by(self, measure: str) -> float:
        """The overdue (1+ DPD) rate by ``"balance"`` or by ``"count"`` (NaN when unknown or empty)."""
        if measure == "balance":
            return self.overdue_rate
        if self.overdue_count is None or not self.count:
            return float("nan")
        return self.overdue_count / self.count

    @property
    def reconciled(self) -> bool:
        """True when the distribution's totals equal the book's (to half a fen)."""
        return self.book_count == self.count and abs(self.book_balance - self.balance) < RECONCILE_TOLERANCE


def month_figures(dist: pd.DataFrame, rates: pd.DataFrame, month: str) -> MonthFigures:
    """Headline figures of a month: the distribution's totals beside the book's.

    Parameters
    ----------
    dist : DataFrame
        :func:`analysis.aging.rates.aging_distribution` of the month (without ``by``).
    rates : DataFrame
        ``Cubes.rates()``: per month ``count``, ``balance``, ``overdue_balance``, ...
    month : str

    Examples
    --------
    >>> d = pd.DataFrame({"count": [2, 1], "balance": [10.0, 5.0]})
    >>> r = pd.DataFrame({"month": ["2024-01"], "count": [3], "balance": [15.0], "overdue_balance": [5.0]})
    >>> f = month_figures(d, r, "2024-01")
    >>> (f.reconciled, round(f.overdue_rate, 4), f.overdue_rate_by("count"))
    (True, 0.3333, nan)
    """
    totals = distribution_totals(dist)
    book = rates.set_index("month").loc[month]
    overdue = float(book["overdue_balance"])
    balance = float(totals["balance"])
    return MonthFigures(
        count=int(totals["count"]), balance=balance, overdue_amount=totals.get("overdue_amount"),
        overdue_balance=overdue, overdue_rate=overdue / balance if balance else float("nan"),
        book_count=int(book["count"]), book_balance=float(book["balance"]),
        overdue_count=int(book["overdue_count"]) if "overdue_count" in book.index else None)


def distribution_table(dist: pd.DataFrame, view: View) -> DisplayTable:
    """Bucket rows and a total row that reconciles with the book (:func:`~analysis.aging.rates.aging_distribution`)."""
    u = view.unit_label

    def with_total(column: str) -> list:
        return [*dist[column].tolist(), dist[column].sum()]

    cols = [
        (_col(view, "bucket"), "text", [*_labels(view, dist["bucket"]), _col(view, "total")]),
        (_col(view, "accounts"), "count", [*dist["count"].tolist(), int(dist["count"].sum())]),
        (_col(view, "count_share"), "rate", with_total("count_share")),
        (_col(view, "balance", unit=u), "amount", view.scale(np.asarray(with_total("balance"), dtype=np.float64))),
        (_col(view, "balance_share"), "rate", with_total("balance_share")),
    ]
    if "overdue_amount" in dist.columns:
        cols.append(_overdue_amount(view, with_total("overdue_amount")))
    return display_table(f"aging_{view.month}", view.text("aging.chart.distribution.title", month=view.month),
                         _counted(view, cols))


def segment_table(dist: pd.DataFrame, view: View, *, by: str, by_label: str) -> DisplayTable:
    """Segment × bucket rows of :func:`~analysis.aging.rates.aging_distribution` with ``by``."""
    u = view.unit_label
    cols = [
        (by_label, "text", dist[by].astype(str).to_numpy()),
        (_col(view, "bucket"), "text", _labels(view, dist["bucket"])),
        (_col(view, "accounts"), "count", dist["count"].to_numpy()),
        (_col(view, "count_share_in", segment=by_label), "rate", dist["count_share"].to_numpy()),
        (_col(view, "balance", unit=u), "amount", view.scale(dist["balance"].to_numpy(dtype=np.float64))),
        (_col(view, "balance_share_in", segment=by_label), "rate", dist["balance_share"].to_numpy()),
    ]
    if "overdue_amount" in dist.columns:
        cols.append(_overdue_amount(view, dist["overdue_amount"]))
    return display_table(f"aging_{by}_{view.month}", by_label, _counted(view, cols, by_label))


def cell_grid(dist: pd.DataFrame, view: View, *, by: str, by_label: str) -> DisplayTable:
    """Accounts per segment (rows) × bucket (columns): the grid a reader clicks to drill down.

    The segment values themselves ride along in the hidden column ``_segment`` (what a click on a
    row selects), whatever their display text.

    Examples
    --------
    >>> d = pd.DataFrame({"product": ["a", "a", "b"], "bucket": ["Current", "1-30", "Current"], "count": [3, 1, 2]})
    >>> g = cell_grid(d, View(lang="en"), by="product", by_label="Product")
    >>> g.frame.iloc[:, :3].values.tolist()
    [['a', 3, 1], ['b', 2, 0]]
    """
    wide = dist.pivot_table(index=by, columns="bucket", values="count", aggfunc="sum", observed=True)
    keys = list(view.buckets.keys)
    wide = wide.reindex(columns=keys, fill_value=0).fillna(0).astype("int64")
    cols = [(by_label, "text", wide.index.astype(str).to_numpy())]
    cols += [(view.buckets.label_of(k, view.lang), "count", wide[k].to_numpy()) for k in keys]
    cols.append(("_segment", "text", list(wide.index)))
    return display_table(f"aging_cells_{by}", by_label, cols)


def coverage_table(cov: pd.DataFrame, view: View) -> DisplayTable:
    """Accounts and balance each collection action covers (:func:`~analysis.aging.rates.stage_coverage`)."""
    return display_table(f"aging_playbook_{view.month}", view.text("aging.chart.playbook.title", month=view.month), _counted(view, [
        (_col(view, "action"), "text", cov["action_label"].to_numpy()),
        (_col(view, "min_dpd"), "count", cov["min_dpd"].to_numpy()),
        (_col(view, "max_dpd"), "count", cov["max_dpd"].to_numpy()),
        (_col(view, "accounts"), "count", cov["count"].to_numpy()),
        (_col(view, "balance", unit=view.unit_label), "amount", view.scale(cov["balance"].to_numpy(dtype=np.float64))),
        (_col(view, "balance_share"), "rate", cov["balance_share"].to_numpy()),
    ]))


def mix_table(mix: pd.DataFrame, view: View) -> DisplayTable:
    """The bucket mix per month (:func:`~analysis.aging.rates.bucket_mix`), in the view's measure."""
    kind, values = _measured(view, mix["value"])
    return display_table("aging_mix", view.text("aging.chart.mix.title"), [
        (_col(view, "month"), "text", mix["month"].astype(str).to_numpy()),
        (_col(view, "bucket"), "text", _labels(view, mix["bucket"])),
        (_what(view), kind, values),
        (_col(view, "share"), "rate", mix["share"].to_numpy()),
    ])


def rate_table(lines: pd.DataFrame, view: View) -> DisplayTable:
    """The overdue, 30+ and 90+ rates per month with their change (:func:`~analysis.aging.rates.rate_lines`)."""
    return display_table("aging_rates", view.text("aging.chart.rates.title"), [
        (_col(view, "month"), "text", lines["month"].astype(str).to_numpy()),
        (_col(view, "metric"), "text", [metric_name(m, view.lang) for m in lines["metric"]]),
        (_col(view, "rate"), "rate", lines["rate"].to_numpy()),
        (_col(view, "mom_pp"), "pp", lines["change"].to_numpy()),
    ])


def lagged_table(part: pd.DataFrame, view: View, *, metric: str, lag: int) -> DisplayTable:
    """One metric's coincident and lagged rates (:func:`~analysis.aging.rates.lagged_rates`, one metric)."""
    what = _what(view)
    kind, book = _measured(view, part["book"])
    _, book_lagged = _measured(view, part["book_lagged"])
    return display_table("aging_lagged", view.text("aging.chart.lagged.title", metric=metric_name(metric, view.lang)), [
        (_col(view, "month"), "text", part["month"].astype(str).to_numpy()),
        (_col(view, "coincident"), "rate", part["coincident"].to_numpy()),
        (_col(view, "lagged", n=lag), "rate", part["lagged"].to_numpy()),
        (_col(view, "gap_pp"), "pp", (part["lagged"] - part["coincident"]).to_numpy()),
        (_col(view, "book", what=what), kind, book),
        (_col(view, "book_lagged", what=what, n=lag), kind, book_lagged),
        (_col(view, "growth", n=lag), "rate", part["growth"].to_numpy()),
    ])


def roll_table(long: pd.DataFrame, view: View, *, title_months: str = "") -> DisplayTable:
    """The roll-rate matrix wide, with the base of each row, the way it is written on paper
    (:func:`~analysis.aging.rates.roll_matrix_long`)."""
    wide = long.pivot(index="from_bucket", columns="to_bucket", values="rate")
    base = long.groupby("from_bucket", observed=False)["base"].first().reindex(wide.index)
    cols = [(_col(view, "from_bucket"), "text", _labels(view, wide.index))]
    cols += [(view.buckets.label_of(str(k), view.lang), "rate", wide[k].to_numpy()) for k in wide.columns]
    kind, values = _measured(view, base)
    cols.append((_col(view, "base", what=_what(view)), kind, values))
    return display_table("aging_roll_rates", view.text("aging.chart.roll.title", months=title_months), cols)


def flow_table(flow: pd.DataFrame, view: View) -> DisplayTable:
    """Flow rates and their chain from Current (:func:`~analysis.aging.rates.flow_rates`)."""
    steps = [f"{view.buckets.label_of(str(a), view.lang)} → {view.buckets.label_of(str(b), view.lang)}"
             for a, b in zip(flow["from_bucket"], flow["to_bucket"])]
    return display_table("aging_flow_rates", view.text("aging.chart.flow.title"), [
        (_col(view, "month"), "text", flow["month"].astype(str).to_numpy()),
        (_col(view, "step"), "text", steps),
        (_col(view, "flow_rate"), "rate", flow["rate"].to_numpy()),
        (_col(view, "chain"), "rate", flow["chain"].to_numpy()),
    ])


def _of(view: View, key: str) -> str:
    """``回到正常：户数`` / ``Cured: Accounts``: a flow and what it counts."""
    sep = "：" if view.lang == "zh" else ": "
    return f"{_col(view, key)}{sep}{_what(view)}"


def cure_table(cure: pd.DataFrame, view: View) -> DisplayTable:
    """Cure rates per month and pooled (:func:`~analysis.aging.rates.cure_rates`)."""
    kind, cured = _measured(view, cure["cured"])
    _, base = _measured(view, cure["base"])
    months = [_col(view, "pooled") if m == "pooled" else m for m in cure["month"]]
    return display_table("aging_cure_rates", view.text("aging.chart.cure.title"), [
        (_col(view, "month"), "text", months),
        (_col(view, "bucket"), "text", _labels(view, cure["bucket"])),
        (_col(view, "cure_rate"), "rate", cure["cure_rate"].to_numpy()),
        (_of(view, "cured"), kind, cured),
        (_col(view, "base", what=_what(view)), kind, base),
    ])


def entry_table(entry: pd.DataFrame, view: View) -> DisplayTable:
    """:func:`analysis.trend.series.entry_rates` as shown: the month of entry first (the month the rate is
    dated at, as on the overview and trend pages), the month before (when the base was Current), the rate."""
    kind, entered = _measured(view, entry["entered"])
    _, base = _measured(view, entry["entry_base"])
    return display_table("aging_entry_rates", view.text("aging.chart.entry.title"), [
        (entry_month_label(view.lang), "text", entry["month"].astype(str).to_numpy()),
        (entry_base_month_label(view.lang), "text", [shift_month(str(m), -1) for m in entry["month"]]),
        (metric_name(ENTRY_RATE, view.lang), "rate", entry["entry_rate"].to_numpy()),
        (_of(view, "entered"), kind, entered),
        (_col(view, "base", what=_what(view)), kind, base),
    ])


def vintage_table(tri: pd.DataFrame, view: View, *, metric: str) -> DisplayTable:
    """Cohort × MOB wide, with the cohort's accounts (:func:`~analysis.aging.vintage.vintage_triangle`)."""
    wide = tri.pivot(index="cohort", columns="mob", values="value")
    accounts = tri.groupby("cohort")["accounts"].max().reindex(wide.index)
    cols = [(_col(view, "cohort"), "text", wide.index.astype(str).to_numpy()),
            (_col(view, "accounts"), "count", accounts.to_numpy())]
    cols += [(f"MOB{int(mob)}", "rate", wide[mob].to_numpy()) for mob in wide.columns]
    return display_table(f"aging_vintage_{metric}", view.text(f"aging.chart.vintage.{metric}"), cols)


def fpd_table(fpd: pd.DataFrame, view: View, *, threshold: int) -> DisplayTable:
    """First-payment default per cohort (:func:`~analysis.aging.rates.first_payment_default`).

    Its accounts are those still on the book at the month the first instalment is judged (not a
    vintage's accounts at origination): the column says at which months on book."""
    mobs = fpd["observation_mob"].dropna().unique() if "observation_mob" in fpd.columns else []
    accounts = _col(view, "accounts_at_mob", mob=int(mobs[0])) if len(mobs) == 1 else _col(view, "accounts")
    return display_table(f"aging_fpd{threshold}", view.text("aging.chart.fpd.title", n=threshold), _counted(view, [
        (_col(view, "cohort"), "text", fpd["cohort"].astype(str).to_numpy()),
        (accounts, "count", fpd["accounts"].to_numpy()),
        (_col(view, "fpd_accounts"), "count", fpd["fpd_accounts"].to_numpy()),
        (_col(view, "balance", unit=view.unit_label), "amount", view.scale(fpd["balance"].to_numpy(dtype=np.float64))),
        (_col(view, "fpd_rate"), "rate", fpd["fpd_rate"].to_numpy()),
    ]))


def class_table(dist: pd.DataFrame, view: View, *, key: str, name: str, labels) -> DisplayTable:
    """A regulatory class distribution (five-tier or IFRS 9 stage) with its DPD ranges.

    Parameters
    ----------
    dist : DataFrame
        :func:`~analysis.aging.regulatory.five_tier_distribution` or
        :func:`~analysis.aging.regulatory.ifrs9_distribution`.
    key, name : str
        The table's file-name stem and the title of its first column.
    labels : sequence of str
        The class names, one per row.
    """
    return display_table(key, name, _counted(view, [
        (name, "text", list(labels)),
        (_col(view, "dpd_range"), "text", dist["dpd_range"].to_numpy()),
        (_col(view, "accounts"), "count", dist["count"].to_numpy()),
        (_col(view, "count_share"), "rate", dist["count_share"].to_numpy()),
        (_col(view, "balance", unit=view.unit_label), "amount", view.scale(dist["balance"].to_numpy(dtype=np.float64))),
        (_col(view, "balance_share"), "rate", dist["balance_share"].to_numpy()),
    ]))


def five_tier_table(tiers: pd.DataFrame, view: View) -> DisplayTable:
    """:func:`class_table` of the five-tier classes."""
    return class_table(tiers, view, key=f"aging_five_tier_{view.month}", name=_col(view, "tier"),
                       labels=tiers["label"])


def ifrs9_table(stages: pd.DataFrame, view: View) -> DisplayTable:
    """:func:`class_table` of the IFRS 9 stages."""
    return class_table(stages, view, key=f"aging_ifrs9_{view.month}", name=_col(view, "stage"),
                       labels=[stage_label(int(s), view.lang) for s in stages["stage"]])


def file_class_table(dist: pd.DataFrame, view: View) -> DisplayTable:
    """The bank's own classes as the file gives them (:func:`~analysis.aging.regulatory.file_class_distribution`)."""
    return display_table(f"aging_file_class_{view.month}", view.text("aging.chart.file_class.title", month=view.month),
                         _counted(view, [
        (_col(view, "file_class"), "text", dist["label"].astype(str).tolist()),
        (_col(view, "accounts"), "count", dist["count"].to_numpy()),
        (_col(view, "count_share"), "rate", dist["count_share"].to_numpy()),
        (_col(view, "balance", unit=view.unit_label), "amount", view.scale(dist["balance"].to_numpy(dtype=np.float64))),
        (_col(view, "balance_share"), "rate", dist["balance_share"].to_numpy()),
    ]))


def class_comparison_table(comparison: pd.DataFrame, view: View, measure: str) -> DisplayTable:
    """The file's class (rows) × the class by DPD (columns) in accounts or balance, with totals
    (:func:`~analysis.aging.regulatory.class_comparison`): cells right of the diagonal are balance
    the bank classifies better than its DPD does.

    Parameters
    ----------
    measure : {"count", "balance"}
    """
    what = _col(view, "accounts") if measure == "count" else _col(view, "balance", unit=view.unit_label)
    kind = "count" if measure == "count" else "amount"
    files = list(dict.fromkeys(comparison["file_tier"]))
    dpds = list(dict.fromkeys(comparison["dpd_tier"]))
    grid = comparison.pivot(index="file_tier", columns="dpd_tier", values=measure).reindex(index=files, columns=dpds)
    values = grid.to_numpy(dtype=np.float64)
    scale = (lambda a: a) if measure == "count" else view.scale
    file_labels = dict(zip(comparison["file_tier"], comparison["file_label"]))
    dpd_labels = dict(zip(comparison["dpd_tier"], comparison["dpd_label"]))
    cols = [(_col(view, "file_class"), "text", [file_labels[f] for f in files])]
    cols += [(_col(view, "dpd_class", tier=dpd_labels[d]), kind, scale(values[:, j])) for j, d in enumerate(dpds)]
    cols.append((_col(view, "total"), kind, scale(values.sum(axis=1))))
    title = view.text("aging.chart.compare.title", month=view.month, what=what)
    # one matrix, one number of decimals (each column's own would differ with its smallest cell)
    places = {} if kind == "count" else dict.fromkeys([c[0] for c in cols[1:]], amount_places(scale(values.ravel())))
    return display_table(f"aging_class_compare_{measure}_{view.month}", title, cols, decimals=places)


def class_gaps_table(gaps: pd.DataFrame, view: View) -> DisplayTable:
    """Same, worse, better than the DPD class (:func:`~analysis.aging.regulatory.class_gaps`)."""
    return display_table(f"aging_class_gaps_{view.month}", view.text("aging.chart.gaps.title", month=view.month),
                         _counted(view, [
        (_col(view, "relation"), "text", [_col(view, f"relation.{r}") for r in gaps["relation"]]),
        (_col(view, "accounts"), "count", gaps["count"].to_numpy()),
        (_col(view, "count_share"), "rate", gaps["count_share"].to_numpy()),
        (_col(view, "balance", unit=view.unit_label), "amount", view.scale(gaps["balance"].to_numpy(dtype=np.float64))),
        (_col(view, "balance_share"), "rate", gaps["balance_share"].to_numpy()),
    ]))


def npl_table(trend: pd.DataFrame, view: View, *, source: str = "dpd") -> DisplayTable:
    """The non-performing ratio and special-mention share per month
    (:func:`~analysis.aging.regulatory.five_tier_trend`; ``source="file"``: ``file_class_trend``)."""
    key, title = ("aging_npl_ratio", "npl.title") if source == "dpd" else ("aging_file_npl_ratio", "file_npl.title")
    return display_table(key, view.text(f"aging.chart.{title}"), [
        (_col(view, "month"), "text", trend["month"].astype(str).to_numpy()),
        (_col(view, "npl_ratio"), "rate", trend["npl_ratio"].to_numpy()),
        (_col(view, "sm_ratio"), "rate", trend["special_mention_ratio"].to_numpy()),
    ])
