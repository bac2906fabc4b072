"""The what-if tables a reader sees, as :class:`~analysis.core.tables.DisplayTable` s.

Each builder takes one result of :mod:`analysis.whatif.policy` (amounts in 元) and the reader's
:class:`~analysis.core.view.View`, and returns the table with its column titles in the view's
language and its amounts in the view's unit (scaled here, once). How each figure is written
(percent, points, thousands separators) is left to :mod:`analysis.core.tables`, so the page, its
downloads and the report show the same digits.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd

from analysis.core.tables import DisplayTable, display_table
from analysis.core.view import View
from analysis.whatif.policy import BLANK

#: The four money figures of a scenario, in the order the tables show them.
MONEY = ("limit_total", "ead", "expected_loss", "revenue")


def _amount_title(view: View, key: str) -> str:
    return view.text(key, unit=view.unit_label)


def _delta_column(key: str) -> str:
    """``change_by_rule``/``change_by_segment`` name the limit's change ``limit_delta``."""
    return f"{key.replace('_total', '')}_delta"


def bucket_label(view: View, key: object) -> str:
    """A bucket key as the reader knows it (keys outside the scheme are shown as they are).

    Examples
    --------
    >>> bucket_label(View(lang="en"), "1-30"), bucket_label(View(lang="en"), "other")
    ('1-30', 'other')
    """
    key = str(key)
    return view.buckets.label_of(key, view.lang) if key in view.buckets.keys else key


def comparison_table(comparison: pd.DataFrame, view: View) -> DisplayTable:
    """Scenarios side by side: after, change vs today and vs the champion of each money figure.

    Parameters
    ----------
    comparison : DataFrame
        :func:`analysis.whatif.policy.compare_scenarios` (its ``scenario`` column holds the names
        the reader gave the scenarios).
    view : View
        Language and amount unit.

    Examples
    --------
    >>> c = pd.DataFrame({"scenario": ["today"], "role": ["champion"], "accounts_affected": [0],
    ...                   "el_per_revenue": [0.5], **{f"{k}{s}": [2e4] for k in MONEY
    ...                                               for s in ("", "_change", "_vs_champion")}})
    >>> comparison_table(c, View(lang="en", unit="wan")).text_frame("en").iloc[0, :4].tolist()
    ['today', 'Champion (today)', '0', '2.00']
    """
    return display_table(view.text("whatif.file.scenarios"), view.text("whatif.res.comparison_table"), [
        (view.text("whatif.col.scenario"), "text", comparison["scenario"].astype(str)),
        (view.text("whatif.col.role"), "text", [view.text(f"whatif.chart.role.{r}") for r in comparison["role"]]),
        (view.text("whatif.col.affected"), "count", comparison["accounts_affected"]),
        *[(_amount_title(view, f"whatif.col.{k}"), "amount", view.scale(comparison[k])) for k in MONEY],
        (view.text("whatif.col.el_per_revenue"), "number", comparison["el_per_revenue"]),
        *[(_amount_title(view, f"whatif.col.{k}_change"), "signed_amount", view.scale(comparison[f"{k}_change"]))
          for k in MONEY],
        *[(_amount_title(view, f"whatif.col.{k}_vs_champion"), "signed_amount",
           view.scale(comparison[f"{k}_vs_champion"])) for k in MONEY],
    ], decimals={view.text("whatif.col.el_per_revenue"): 4})


def rule_table(by_rule: pd.DataFrame, view: View) -> DisplayTable:
    """Each rule's contribution: accounts matched and changed, change of each money figure.

    Parameters
    ----------
    by_rule : DataFrame
        :func:`analysis.whatif.policy.change_by_rule`.
    view : View
        Language and amount unit.
    """
    return display_table(view.text("whatif.file.by_rule"), view.text("whatif.res.by_rule_table"), [
        (view.text("whatif.rb.rule_name"), "text", by_rule["name"]),
        (view.text("whatif.rb.rule"), "text", by_rule["description"]),
        (view.text("whatif.col.matched"), "count", by_rule["matched"]),
        *([(view.text("whatif.col.insufficient_history"), "count", by_rule["insufficient_history"])]
          if "insufficient_history" in by_rule.columns else []),
        (view.text("whatif.col.affected"), "count", by_rule["affected"]),
        *[(_amount_title(view, f"whatif.col.{k}_change"), "signed_amount", view.scale(by_rule[_delta_column(k)]))
          for k in MONEY],
    ])


def segment_table(by_segment: pd.DataFrame, view: View, *, by: str, by_title: str) -> DisplayTable:
    """The change split by bucket or by a segment column.

    Parameters
    ----------
    by_segment : DataFrame
        :func:`analysis.whatif.policy.change_by_segment` split by ``by``.
    view : View
        Language, amount unit and bucket scheme (bucket keys are shown as their labels).
    by : str
        ``"bucket"`` or the segment column.
    by_title : str
        The split's name as the reader knows it (its column title).
    """
    values = by_segment[by]
    shown = ([bucket_label(view, v) for v in values] if by == "bucket"
             else [view.text("whatif.seg.blank") if str(v) == BLANK else str(v) for v in values])
    return display_table(view.text("whatif.file.by_segment"), view.text("whatif.sheet.by_segment"), [
        (by_title, "text", shown),
        (view.text("whatif.col.accounts"), "count", by_segment["accounts"]),
        (view.text("whatif.col.affected"), "count", by_segment["affected"]),
        (_amount_title(view, "whatif.col.balance"), "amount", view.scale(by_segment["balance"])),
        *[(_amount_title(view, f"whatif.col.{k}_change"), "signed_amount", view.scale(by_segment[_delta_column(k)]))
          for k in MONEY],
        (_amount_title(view, "whatif.col.expected_loss_before"), "amount",
         view.scale(by_segment["expected_loss_before"])),
        (_amount_title(view, "whatif.col.expected_loss"), "amount", view.scale(by_segment["expected_loss_after"])),
    ])


def swap_table(swaps: pd.DataFrame, view: View) -> DisplayTable:
    """The swap set account by account: limits under champion and challenger, EL and revenue gap.

    Parameters
    ----------
    swaps : DataFrame
        :func:`analysis.whatif.policy.swap_set` (largest EL difference first).
    view : View
        Language, amount unit and bucket scheme.
    """
    return display_table(view.text("whatif.file.swap"), view.text("whatif.swap.table", n=len(swaps)), [
        (view.text("whatif.col.account"), "text", swaps["account_id"].astype(str)),
        (view.text("whatif.col.swap"), "text", [view.text(f"whatif.swap.{s}") for s in swaps["swap"]]),
        (view.text("whatif.col.bucket"), "text", [bucket_label(view, b) for b in swaps["bucket"]]),
        (_amount_title(view, "whatif.col.balance"), "amount", view.scale(swaps["balance"])),
        (view.text("whatif.col.pd"), "rate", swaps["pd"]),
        (_amount_title(view, "whatif.col.limit_before"), "amount", view.scale(swaps["limit_before"])),
        (_amount_title(view, "whatif.col.limit_champion"), "amount", view.scale(swaps["limit_a"])),
        (_amount_title(view, "whatif.col.limit_challenger"), "amount", view.scale(swaps["limit_b"])),
        (_amount_title(view, "whatif.col.el_delta"), "signed_amount", view.scale(swaps["el_delta"])),
        (_amount_title(view, "whatif.col.revenue_delta"), "signed_amount", view.scale(swaps["revenue_delta"])),
    ])


def swap_summary_table(summary: pd.DataFrame, view: View, bad_rates: Mapping[str, object] | None = None) -> DisplayTable:
    """The three swap groups: accounts, balance, EAD and EL under each scenario, the EL and revenue
    gap, and each group's historical bad rate when ``bad_rates`` is given.

    Parameters
    ----------
    summary : DataFrame
        :func:`analysis.whatif.policy.swap_summary`.
    view : View
        Language and amount unit.
    bad_rates : dict, optional
        :func:`analysis.whatif.policy.swap_bad_rates` (its table, one row per group).

    Examples
    --------
    >>> s = pd.DataFrame({"swap": ["swap_in"], "accounts": [2], "balance": [3e4], "ead_a": [1.0], "ead_b": [1.0],
    ...                   "el_a": [0.0], "el_b": [0.0], "el_delta": [-1e4], "revenue_delta": [0.0]})
    >>> swap_summary_table(s, View(lang="en")).text_frame("en").iloc[0, :2].tolist()
    ['Swap-in', '2']
    """
    columns = [
        (view.text("whatif.col.swap_group"), "text", [view.text(f"whatif.swap.{g}") for g in summary["swap"]]),
        (view.text("whatif.col.accounts"), "count", summary["accounts"]),
        (_amount_title(view, "whatif.col.balance"), "amount", view.scale(summary["balance"])),
        *[(_amount_title(view, f"whatif.col.{k}"), "amount", view.scale(summary[c]))
          for k, c in (("ead_champion", "ead_a"), ("ead_challenger", "ead_b"), ("el_champion", "el_a"),
                       ("el_challenger", "el_b"))],
        (_amount_title(view, "whatif.col.el_delta"), "signed_amount", view.scale(summary["el_delta"])),
        (_amount_title(view, "whatif.col.revenue_delta"), "signed_amount", view.scale(summary["revenue_delta"])),
    ]
    if bad_rates is not None:
        bt = bad_rates["table"].set_index("swap").reindex(summary["swap"])
        columns += [(view.text("whatif.col.accounts_then"), "count", bt["accounts"].to_numpy()),
                    (view.text("whatif.col.went_bad"), "count", bt["went_bad"].to_numpy()),
                    (view.text("whatif.col.bad_rate"), "rate", bt["bad_rate"].to_numpy())]
    return display_table(view.text("whatif.file.swap_summary"), view.text("whatif.swap.summary_title"), columns)


def swap_figures(summary: pd.DataFrame, view: View) -> dict[str, dict[str, object]]:
    """Swap-in and swap-out in the view's unit: ``{swap: {"accounts", "balance", "el_delta", "revenue_delta"}}``.

    Parameters
    ----------
    summary : DataFrame
        :func:`analysis.whatif.policy.swap_summary`.
    view : View
        Amount unit.

    Examples
    --------
    >>> s = pd.DataFrame({"swap": ["swap_in"], "accounts": [2], "balance": [3e4], "el_delta": [-1e4],
    ...                   "revenue_delta": [0.0]})
    >>> swap_figures(s, View(unit="wan"))["swap_in"]["el_delta"]
    -1.0
    """
    return {str(row["swap"]): {"accounts": int(row["accounts"]),
                               **{k: float(view.scale(row[k])) for k in ("balance", "el_delta", "revenue_delta")}}
            for row in summary.to_dict("records")}


def sensitivity_table(curve: pd.DataFrame, view: View) -> DisplayTable:
    """One sensitivity curve point by point: the cut (or raise), accounts, changes and the EL/revenue trade.

    Parameters
    ----------
    curve : DataFrame
        :func:`analysis.whatif.policy.sensitivity_curve` (``cut_pct`` in percent).
    view : View
        Language and amount unit.
    """
    changes = (("limit_total_change", "limit_delta"), ("ead_change", "ead_delta"),
               ("expected_loss_change", "expected_loss_delta"), ("revenue_change", "revenue_delta"))
    raising = "direction" in curve.columns and len(curve) and (curve["direction"] == "raise").all()
    ratio = ((view.text("whatif.col.el_per_revenue_change"), "number", curve["el_per_revenue_change"]) if raising
             else (view.text("whatif.col.ratio"), "number", curve["el_saved_per_revenue_lost"]))
    return display_table(view.text("whatif.file.sensitivity"), view.text("whatif.tab.sensitivity"), [
        (view.text("whatif.col.raise" if raising else "whatif.col.cut"), "rate", curve["cut_pct"] / 100.0),
        # the accounts the rule reaches, some of them held where they are: not the comparison's
        # "accounts affected" (UCI: 2,989 matched, 2,614 whose limit changed)
        (view.text("whatif.col.matched"), "count", curve["accounts"]),
        *[(_amount_title(view, f"whatif.col.{key}"), "signed_amount", view.scale(curve[col])) for key, col in changes],
        ratio,
    ])


def backtest_table(backtest: Mapping[str, object], view: View) -> DisplayTable:
    """What happened next to the accounts a policy would have cut or raised, by outcome.

    Parameters
    ----------
    backtest : dict
        :func:`analysis.whatif.policy.backtest_policy`.
    view : View
        Language and amount unit.
    """
    tb = backtest["table"]
    amounts = ("balance", "undrawn_before", "undrawn_removed", "undrawn_added")
    titles = {"balance": "whatif.col.balance", **{k: f"whatif.bt.{k}" for k in amounts[1:]}}
    return display_table(view.text("whatif.file.backtest"), view.text("whatif.tab.backtest"), [
        (view.text("whatif.bt.outcome"), "text", [view.text(f"whatif.bt.{o}") for o in tb["outcome"]]),
        (view.text("whatif.col.accounts"), "count", tb["accounts"]),
        (view.text("whatif.bt.cut"), "count", tb["accounts_cut"]),
        (view.text("whatif.bt.raised"), "count", tb["accounts_raised"]),
        *[(_amount_title(view, titles[k]), "amount", view.scale(tb[k])) for k in amounts],
        (view.text("whatif.bt.share_removed"), "rate", tb["share_removed"]),
    ])


def calibration_table(calibration: pd.DataFrame, view: View) -> DisplayTable:
    """Predicted vs observed 12-month default rate by bucket and utilisation band.

    Parameters
    ----------
    calibration : DataFrame
        :func:`analysis.whatif.account_pd.calibration_table` (bands as codes).
    view : View
        Language and bucket scheme.

    Examples
    --------
    >>> c = pd.DataFrame({"bucket": ["Current"], "band": [0], "windows": [40], "predicted": [0.02],
    ...                   "observed": [0.025], "gap": [-0.005]})
    >>> calibration_table(c, View(lang="en")).text_frame("en").iloc[0, :3].tolist()
    ['Current', 'under 30%', '40']
    """
    bands = [view.text(f"whatif.band.util.{int(b)}" if int(b) >= 0 else "whatif.band.na") for b in calibration["band"]]
    return display_table(view.text("whatif.file.calibration"), view.text("whatif.calibration.title"), [
        (view.text("whatif.col.bucket"), "text", [bucket_label(view, b) for b in calibration["bucket"]]),
        (view.text("whatif.col.util_band"), "text", bands),
        (view.text("whatif.col.windows"), "count", calibration["windows"]),
        (view.text("whatif.col.predicted"), "rate", calibration["predicted"]),
        (view.text("whatif.col.observed"), "rate", calibration["observed"]),
        (view.text("whatif.col.gap"), "pp", calibration["gap"]),
    ])


def backtest_bucket_table(by_bucket: pd.DataFrame, view: View) -> DisplayTable:
    """Cut vs not cut within each bucket: accounts and later bad rate of each (mix-adjusted view).

    Parameters
    ----------
    by_bucket : DataFrame
        ``backtest_policy(...)["by_bucket"]``.
    view : View
        Language and bucket scheme.
    """
    return display_table(view.text("whatif.file.backtest_bucket"), view.text("whatif.bt.by_bucket_title"), [
        (view.text("whatif.col.bucket"), "text", [bucket_label(view, b) for b in by_bucket["bucket"]]),
        (view.text("whatif.bt.accounts_cut"), "count", by_bucket["accounts_cut"]),
        (view.text("whatif.bt.bad_rate_cut"), "rate", by_bucket["bad_rate_cut"]),
        (view.text("whatif.bt.accounts_not_cut"), "count", by_bucket["accounts_not_cut"]),
        (view.text("whatif.bt.bad_rate_not_cut"), "rate", by_bucket["bad_rate_not_cut"]),
    ])


def assumptions_table(pd_by_bucket: Mapping[str, float], sources: Sequence[str], view: View) -> DisplayTable:
    """The PD used per bucket and where it came from.

    Examples
    --------
    >>> t = assumptions_table({"Current": 0.02}, ["default"], View(lang="en"))
    >>> t.text_frame("en").iloc[0].tolist()
    ['Current', '2.00%', 'default']
    """
    return display_table(view.text("whatif.file.assumptions"), view.text("whatif.sheet.assumptions"), [
        (view.text("whatif.col.bucket"), "text", [bucket_label(view, b) for b in pd_by_bucket]),
        (view.text("whatif.col.pd"), "rate", list(pd_by_bucket.values())),
        (view.text("whatif.asm.source_col"), "text", list(sources)),
    ])
