"""Chart builders of the early-warning page: aggregated frames in, ``alt.Chart`` out.

Each builder has the house shape ``chart_x(data, view, *, subtitle=None, ...)``: a frame from
:mod:`analysis.warnings.signals` / :mod:`analysis.warnings.model` (already aggregated: per level,
per segment × level, per action, per decile), the reader's :class:`~analysis.core.view.View`
(language, amount unit) and, keyword-only, the definitions line (口径) for the subtitle. Level
colours are the theme's red / orange / yellow; amounts are scaled to the unit named in the axis
title. :func:`chart_warning_odds_ratios` draws the warning model's features (the causes page's
forest plot of attribute levels is :func:`analysis.charts.causes.chart_driver_odds_ratios`).
"""
from __future__ import annotations

import altair as alt
import numpy as np
import pandas as pd

from analysis.charts.theme import (ACCENT, LEVEL_COLOURS, NEUTRAL, house_config, level_colour_scale, pick_on,
                                   rate_axis, titled)
from analysis.core.i18n import translate
from analysis.core.tables import cell_text
from analysis.core.vocabulary import action_label, level_label
from analysis.core.view import View
from analysis.warnings.signals import LEVELS


def _t(key: str, lang: str, **params: object) -> str:
    return translate(f"warnings.chart.{key}", lang, **params)


def _level_labels(lang: str) -> list[str]:
    return [level_label(lv, lang) for lv in LEVELS]


def _balance_title(view: View) -> str:
    return _t("balance_unit", view.lang, unit=view.unit_label)


def _bar_labels(balance: np.ndarray, accounts: np.ndarray, view: View) -> list[str]:
    """What a balance bar says at its end: its length (the balance, in the unit of the axis) first,
    then the accounts it holds, named, so a count is never read off a balance axis (a book with no
    balances says its accounts once: the count unit picks the countonly wording)."""
    return [_t("bar_label", view.lang, amount=cell_text(b, "amount", view.lang), n=cell_text(int(n), "count", view.lang),
               unit=view.unit_label) for b, n in zip(balance, accounts)]


# Channels are passed to encode() as objects (alt.X("x:Q"), alt.Text(...), alt.ColorValue(...)), not as
# strings or alt.value(...): Altair turns those into channels with from_dict, which hashes the whole
# Vega-Lite schema each time (~3.5 ms a channel). The spec is the same.


def _finish(chart: alt.Chart, title: str, subtitle: str | list[str] | None) -> alt.Chart:
    return house_config(titled(chart, title, subtitle))


def chart_levels(summary: pd.DataFrame, view: View, *, subtitle: str | list[str] | None = None,
                 pick: bool = False) -> alt.Chart:
    """Balance per warning level (bars in the level colours), accounts and shares in the tooltip.

    Parameters
    ----------
    summary : DataFrame
        :func:`analysis.warnings.signals.level_summary` without ``by``.
    view : View
        Language and amount unit.
    subtitle : str or list of str, optional
        The definitions line (口径).
    pick : bool
        Clicking a bar selects its level (``level_key``) for drill-through (:func:`~analysis.charts.theme.pick_on`).
    """
    lang = view.lang
    labels = _level_labels(lang)
    data = pd.DataFrame({
        "level_key": summary["level"].astype(str).to_numpy(),
        "level": [level_label(lv, lang) for lv in summary["level"].astype(str)],
        "accounts": summary["accounts"].to_numpy(dtype=np.int64),
        "balance": view.scale(summary["balance"].to_numpy(dtype=np.float64)),
        "share": summary["balance_share"].to_numpy(dtype=np.float64),
    })
    data["label"] = _bar_labels(data["balance"].to_numpy(), data["accounts"].to_numpy(), view)
    bars = alt.Chart(data).mark_bar(cornerRadiusEnd=3).encode(
        y=alt.Y("level:N", sort=labels, title=None),
        x=alt.X("balance:Q", title=_balance_title(view)),
        color=alt.Color("level:N", scale=level_colour_scale(labels), legend=None),
        tooltip=[
            alt.Tooltip("level:N", title=_t("level", lang)),
            alt.Tooltip("accounts:Q", title=_t("accounts", lang), format=",d"),
            alt.Tooltip("balance:Q", title=_balance_title(view), format=",.2f"),
            alt.Tooltip("share:Q", title=_t("share", lang), format=".2%"),
        ],
    )
    text = bars.mark_text(align="left", dx=4, color=NEUTRAL).encode(text=alt.Text("label:N"), color=alt.ColorValue(NEUTRAL))
    if pick:
        bars, text = pick_on([bars, text], ["level_key"])
    return _finish(alt.layer(bars, text, height=150), _t("levels_title", lang, unit=view.unit_label), subtitle)


def chart_level_outcomes(outcomes: pd.DataFrame, view: View, *, subtitle: str | list[str] | None = None) -> alt.Chart:
    """Backtest: the share of last month's accounts per level that moved to a worse bucket this month.

    Parameters
    ----------
    outcomes : DataFrame
        :func:`analysis.warnings.signals.level_outcomes` (levels and ``none``).
    view : View
        Language.
    subtitle : str or list of str, optional
        The definitions line (口径).
    """
    lang = view.lang
    keys = [str(k) for k in outcomes["level"]]
    labels = [level_label(k, lang) for k in keys]
    data = pd.DataFrame({
        "level": labels,
        "rate": outcomes["worsened_rate"].to_numpy(dtype=np.float64),
        "accounts": outcomes["accounts"].to_numpy(dtype=np.int64),
        "worsened": outcomes["worsened"].to_numpy(dtype=np.int64),
        "exited": outcomes["exited"].to_numpy(dtype=np.int64),
    })
    colours = [LEVEL_COLOURS.get(k, NEUTRAL) for k in keys]
    bars = alt.Chart(data).mark_bar(cornerRadiusEnd=3).encode(
        y=alt.Y("level:N", sort=labels, title=None),
        x=alt.X("rate:Q", title=_t("worsened_rate", lang), axis=rate_axis(data["rate"])),
        color=alt.Color("level:N", scale=alt.Scale(domain=labels, range=colours), legend=None),
        tooltip=[
            alt.Tooltip("level:N", title=_t("level", lang)),
            alt.Tooltip("accounts:Q", title=_t("accounts_before", lang), format=",d"),
            alt.Tooltip("worsened:Q", title=_t("events", lang), format=",d"),
            alt.Tooltip("rate:Q", title=_t("worsened_rate", lang), format=".2%"),
            alt.Tooltip("exited:Q", title=_t("exited", lang), format=",d"),
        ],
    )
    text = bars.mark_text(align="left", dx=4, color=NEUTRAL).encode(
        text=alt.Text("rate:Q", format=".1%"), color=alt.ColorValue(NEUTRAL))
    return _finish(alt.layer(bars, text, height=170), _t("outcomes_title", lang), subtitle)


def chart_levels_by(summary: pd.DataFrame, view: View, *, by: str, by_label: str,
                    subtitle: str | list[str] | None = None, top: int = 20, unassigned: str | None = None) -> alt.Chart:
    """Warned balance per segment (e.g. owner, branch), stacked by level, largest first.

    Parameters
    ----------
    summary : DataFrame
        :func:`analysis.warnings.signals.level_summary` with ``by``.
    view : View
        Language and amount unit.
    by, by_label : str
        The segment column and its name in the reader's language.
    subtitle : str or list of str, optional
        The definitions line (口径).
    top : int
        Keep the ``top`` segments by warned balance (the rest are summed into one bar).
    unassigned : str, optional
        What accounts without a segment are called.
    """
    lang = view.lang
    labels = _level_labels(lang)
    frame = summary.assign(_seg=summary[by].astype(str))
    if unassigned is not None:
        frame["_seg"] = frame["_seg"].replace("(unassigned)", unassigned)
    totals = frame.groupby("_seg")["balance"].sum().sort_values(ascending=False)
    if len(totals) > top:
        rest = _t("others", lang, n=len(totals) - top + 1)
        keep = set(totals.index[: top - 1])
        frame["_seg"] = frame["_seg"].where(frame["_seg"].isin(keep), rest)
        frame = frame.groupby(["_seg", "level"], observed=True, as_index=False)[["accounts", "balance"]].sum()
        totals = frame.groupby("_seg")["balance"].sum().sort_values(ascending=False)
        totals = pd.concat([totals.drop(rest), totals[[rest]]])  # "others" last, whatever its size
    data = pd.DataFrame({
        "segment": frame["_seg"].to_numpy(),
        "level": [level_label(lv, lang) for lv in frame["level"].astype(str)],
        "order": [LEVELS.index(lv) for lv in frame["level"].astype(str)],
        "accounts": frame["accounts"].to_numpy(dtype=np.int64),
        "balance": view.scale(frame["balance"].to_numpy(dtype=np.float64)),
    })
    chart = alt.Chart(data).mark_bar().encode(
        y=alt.Y("segment:N", sort=list(totals.index), title=by_label),
        x=alt.X("balance:Q", stack="zero", title=_balance_title(view)),
        color=alt.Color("level:N", scale=level_colour_scale(labels), sort=labels, title=_t("level", lang)),
        order=alt.Order("order:Q"),
        tooltip=[
            alt.Tooltip("segment:N", title=by_label),
            alt.Tooltip("level:N", title=_t("level", lang)),
            alt.Tooltip("accounts:Q", title=_t("accounts", lang), format=",d"),
            alt.Tooltip("balance:Q", title=_balance_title(view), format=",.2f"),
        ],
    ).properties(height=max(120, 26 * len(totals)))
    return _finish(chart, _t("by_title", lang, by=by_label, unit=view.unit_label), subtitle)


def chart_actions(summary: pd.DataFrame, view: View, *, subtitle: str | list[str] | None = None) -> alt.Chart:
    """Balance each collection action covers, accounts in the tooltip and as labels.

    Parameters
    ----------
    summary : DataFrame
        :func:`analysis.warnings.signals.action_summary`.
    view : View
        Language and amount unit.
    subtitle : str or list of str, optional
        The definitions line (口径).
    """
    lang = view.lang
    data = pd.DataFrame({
        "action": [action_label(a, lang) for a in summary["action"].astype(str)],
        "accounts": summary["accounts"].to_numpy(dtype=np.int64),
        "balance": view.scale(summary["balance"].to_numpy(dtype=np.float64)),
        "share": summary["balance_share"].to_numpy(dtype=np.float64),
    })
    data["label"] = _bar_labels(data["balance"].to_numpy(), data["accounts"].to_numpy(), view)
    order = list(data["action"])
    bars = alt.Chart(data).mark_bar(color=ACCENT, cornerRadiusEnd=3).encode(
        y=alt.Y("action:N", sort=order, title=None),
        x=alt.X("balance:Q", title=_balance_title(view)),
        tooltip=[
            alt.Tooltip("action:N", title=_t("action", lang)),
            alt.Tooltip("accounts:Q", title=_t("accounts", lang), format=",d"),
            alt.Tooltip("balance:Q", title=_balance_title(view), format=",.2f"),
            alt.Tooltip("share:Q", title=_t("share", lang), format=".2%"),
        ],
    )
    text = bars.mark_text(align="left", dx=4, color=NEUTRAL).encode(text=alt.Text("label:N"))
    return _finish(alt.layer(bars, text, height=max(120, 28 * len(data))), _t("actions_title", lang, unit=view.unit_label), subtitle)


def chart_calibration(calibration: pd.DataFrame, view: View, *, subtitle: str | list[str] | None = None) -> alt.Chart:
    """Predicted against observed rate of worsening per decile, with the diagonal of perfect calibration.

    Parameters
    ----------
    calibration : DataFrame
        ``WarningModel.calibration``.
    view : View
        Language.
    subtitle : str or list of str, optional
        The definitions line (口径).
    """
    lang = view.lang
    data = pd.DataFrame({
        "decile": calibration["decile"].to_numpy(dtype=np.int64),
        "predicted": calibration["mean_predicted"].to_numpy(dtype=np.float64),
        "observed": calibration["observed_rate"].to_numpy(dtype=np.float64),
        "n": calibration["n"].to_numpy(dtype=np.int64),
        "events": calibration["events"].to_numpy(dtype=np.int64),
    })
    top = float(max(data["predicted"].max(), data["observed"].max(), 0.01)) if len(data) else 1.0
    diag = alt.Chart(pd.DataFrame({"x": [0.0, top], "y": [0.0, top]})).mark_line(
        strokeDash=[4, 4], color=NEUTRAL).encode(x=alt.X("x:Q"), y=alt.Y("y:Q"))
    points = alt.Chart(data).mark_line(point=alt.OverlayMarkDef(size=60, filled=True), color=ACCENT).encode(
        x=alt.X("predicted:Q", title=_t("predicted", lang), axis=rate_axis([0.0, top])),
        y=alt.Y("observed:Q", title=_t("observed", lang), axis=rate_axis([0.0, top])),
        tooltip=[
            alt.Tooltip("decile:Q", title=_t("decile", lang)),
            alt.Tooltip("n:Q", title=_t("accounts", lang), format=",d"),
            alt.Tooltip("events:Q", title=_t("events", lang), format=",d"),
            alt.Tooltip("predicted:Q", title=_t("predicted", lang), format=".2%"),
            alt.Tooltip("observed:Q", title=_t("observed", lang), format=".2%"),
        ],
    )
    return _finish(alt.layer(diag, points, height=300), _t("calibration_title", lang), subtitle)


def chart_warning_odds_ratios(odds: pd.DataFrame, view: View, *, labels: list[str],
                              subtitle: str | list[str] | None = None) -> alt.Chart:
    """The warning model's odds ratio per feature, with its 95 % interval on a log axis (a forest
    plot), 1 marked.

    Parameters
    ----------
    odds : DataFrame
        ``WarningModel.odds_ratios``.
    labels : list of str
        The feature names in words, one per row of ``odds`` (see ``feature_label``).
    """
    lang = view.lang
    data = pd.DataFrame({
        "feature": labels,
        "ratio": odds["odds_ratio"].to_numpy(dtype=np.float64),
        "low": odds["ci_low"].to_numpy(dtype=np.float64),
        "high": odds["ci_high"].to_numpy(dtype=np.float64),
        "direction": np.where(odds["odds_ratio"] >= 1, _t("raises", lang), _t("lowers", lang)),
    })
    clip = (1e-3, 1e3)  # keep a runaway interval from flattening every other feature
    data[["ratio", "low", "high"]] = data[["ratio", "low", "high"]].clip(*clip)
    order = list(data.sort_values("ratio", ascending=False)["feature"])
    base = alt.Chart(data).encode(y=alt.Y("feature:N", sort=order, title=None, axis=alt.Axis(labelLimit=360)))
    tooltip = [
        alt.Tooltip("feature:N", title=_t("feature", lang)),
        alt.Tooltip("ratio:Q", title=_t("odds_ratio", lang), format=".2f"),
        alt.Tooltip("low:Q", title=_t("ci_low", lang), format=".2f"),
        alt.Tooltip("high:Q", title=_t("ci_high", lang), format=".2f"),
    ]
    scale = alt.Scale(type="log", domain=[max(float(data["low"].min()), clip[0]) if len(data) else 0.1,
                                          min(float(data["high"].max()), clip[1]) if len(data) else 10])
    rules = base.mark_rule(color=NEUTRAL).encode(x=alt.X("low:Q", scale=scale, title=_t("odds_ratio_axis", lang)),
                                                  x2=alt.X2("high:Q"), tooltip=tooltip)
    colour = alt.Scale(domain=[_t("raises", lang), _t("lowers", lang)], range=["#D64545", ACCENT])
    points = base.mark_point(filled=True, size=70).encode(
        x=alt.X("ratio:Q", scale=scale), color=alt.Color("direction:N", scale=colour, title=None), tooltip=tooltip)
    one = alt.Chart(pd.DataFrame({"x": [1.0]})).mark_rule(strokeDash=[4, 4], color="#3A4450").encode(x=alt.X("x:Q"))
    chart = alt.layer(rules, points, height=max(160, 22 * len(data)))
    chart += one  # in place, as rules + points + one layered (the first two's data stays on top)
    return _finish(chart, _t("odds_title", lang), subtitle)


__all__ = ["chart_levels", "chart_level_outcomes", "chart_levels_by", "chart_actions", "chart_calibration", "chart_warning_odds_ratios"]
