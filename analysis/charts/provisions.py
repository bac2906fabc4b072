"""Chart builders of the provisions page: ECL by stage, the allowance movement as a bridge, and the
NPL ratio, coverage and provision-to-loans over time against their regulatory reference levels.

House shape ``chart_x(data, view, *, subtitle=None)``: frames from :mod:`analysis.provisions`
(amounts in 元) scaled to the view's unit and named in the axis title; tooltips carry the figures.
"""
from __future__ import annotations

import altair as alt
import numpy as np
import pandas as pd

from analysis.charts.theme import ACCENT, NEUTRAL, house_config, month_axis, rate_axis, titled
from analysis.core.i18n import translate
from analysis.core.tables import amount_places, cell_text
from analysis.core.view import View

GOOD = "#4C9F70"
BAD = "#D64545"
STAGE_COLOURS = ("#4C9F70", "#F2994A", "#D64545")
REFERENCE = "#6B1D1D"


def _t(key: str, lang: str, **params: object) -> str:
    return translate(f"prov.chart.{key}", lang, **params)


def stage_label(stage: int, lang: str) -> str:
    """``1`` → "第一阶段" / "Stage 1"."""
    return translate(f"prov.stage.{int(stage)}", lang)


def chart_stage_ecl(stages: pd.DataFrame, view: View, *, subtitle=None) -> alt.Chart:
    """ECL of each stage as bars, labelled with the amount and the stage's coverage (ECL ÷ balance).

    Examples
    --------
    >>> s = pd.DataFrame({"stage": [1, 2, 3], "accounts": [9, 1, 1], "balance": [900.0, 50.0, 50.0],
    ...                   "ead": [950.0, 50.0, 50.0], "ecl": [9.0, 5.0, 22.5]})
    >>> chart_stage_ecl(s, View(lang="en", unit="yuan")).to_dict()["title"]["text"]
    'Expected credit loss by IFRS 9 stage'
    """
    lang = view.lang
    unit = view.unit_label
    ecl = stages["ecl"].to_numpy(dtype=np.float64)
    balance = stages["balance"].to_numpy(dtype=np.float64)
    with np.errstate(invalid="ignore", divide="ignore"):
        cover = np.where(balance > 0, ecl / np.where(balance > 0, balance, 1.0), np.nan)
    scaled = view.scale(ecl)
    places = amount_places(scaled)
    data = pd.DataFrame({
        "stage": [stage_label(s, lang) for s in stages["stage"]], "ecl": scaled,
        "balance": view.scale(balance), "accounts": stages["accounts"].to_numpy(), "cover": cover,
        "label": [f"{cell_text(e, 'amount', lang, places)}（{cell_text(c, 'rate', lang)}）" if lang == "zh"
                  else f"{cell_text(e, 'amount', lang, places)} ({cell_text(c, 'rate', lang)})"
                  for e, c in zip(scaled, cover)],
    })
    order = list(data["stage"])
    base = alt.Chart(data).encode(
        x=alt.X("stage:N", sort=order, title=None, axis=alt.Axis(labelAngle=0)),
        y=alt.Y("ecl:Q", title=_t("ecl_axis", lang, unit=unit)),
    )
    bars = base.mark_bar().encode(
        color=alt.Color("stage:N", sort=order, scale=alt.Scale(domain=order, range=list(STAGE_COLOURS)), legend=None),
        tooltip=[alt.Tooltip("stage:N", title=_t("stage", lang)),
                 alt.Tooltip("accounts:Q", title=_t("accounts", lang), format=","),
                 alt.Tooltip("balance:Q", title=_t("balance", lang, unit=unit), format=",.2f"),
                 alt.Tooltip("ecl:Q", title=_t("ecl", lang, unit=unit), format=",.2f"),
                 alt.Tooltip("cover:Q", title=_t("cover", lang), format=".2%")],
    )
    labels = base.mark_text(dy=-8, color="#3A4450").encode(text=alt.Text("label:N"))
    return house_config(titled(alt.layer(bars, labels, height=300), _t("stage_title", lang), subtitle))


def chart_movement(movement: pd.DataFrame, view: View, *, subtitle=None) -> alt.Chart:
    """The allowance from opening to closing: each movement item a step (IFRS 7 reconciliation).

    Parameters
    ----------
    movement : DataFrame
        ``item, ..., total`` (:func:`analysis.provisions.movement.allowance_movement`); the first
        row is ``opening``, the last ``closing``.
    """
    lang = view.lang
    unit = view.unit_label
    # A transfer moves an account's opening allowance from one stage's column to another's: in the
    # total it nets to zero, and three bars of 0.00 read as "migration changed nothing". The
    # stage table beside the chart shows them; the chart says where they went.
    kept = movement[~movement["item"].astype(str).str.startswith("transfer_to_stage_")]
    items = [str(i) for i in kept["item"]]
    totals = kept["total"].to_numpy(dtype=np.float64)
    subtitle = [*([subtitle] if isinstance(subtitle, str) else list(subtitle or [])), _t("movement_transfers", lang)]
    steps, level = [], 0.0
    for item, amount in zip(items, totals):
        if item in ("opening", "closing"):
            steps.append((item, 0.0, amount, "total", amount))
            level = amount
        else:
            steps.append((item, level, level + amount, "up" if amount > 0 else ("down" if amount < 0 else "flat"), amount))
            level += amount
    data = pd.DataFrame(steps, columns=["item", "start", "end", "kind", "amount"])
    for col in ("start", "end", "amount"):
        data[col] = view.scale(data[col].to_numpy())
    places = amount_places(data["amount"])
    data["step"] = [translate(f"provisions.item.{i}", lang) for i in data["item"]]
    data["label"] = [cell_text(a, "amount" if k == "total" else "signed_amount", lang, places)
                     for a, k in zip(data["amount"], data["kind"])]
    data["kind_label"] = [_t(f"kind.{k}", lang) for k in data["kind"]]
    kinds = ["total", "up", "down", "flat"]
    colours = {"total": ACCENT, "up": BAD, "down": GOOD, "flat": NEUTRAL}
    order = list(data["step"])
    base = alt.Chart(data).encode(x=alt.X("step:N", sort=order, title=None, axis=alt.Axis(labelAngle=-30, labelLimit=220)))
    bars = base.mark_bar().encode(
        y=alt.Y("start:Q", title=_t("allowance_axis", lang, unit=unit)), y2=alt.Y2("end:Q"),
        color=alt.Color("kind_label:N", title=None, scale=alt.Scale(domain=[_t(f"kind.{k}", lang) for k in kinds],
                                                                    range=[colours[k] for k in kinds])),
        tooltip=[alt.Tooltip("step:N", title=_t("item", lang)),
                 alt.Tooltip("amount:Q", title=_t("amount", lang, unit=unit), format=",.2f")],
    )
    labels = base.mark_text(dy=-8, color="#3A4450").encode(y=alt.Y("end:Q"), text=alt.Text("label:N"))
    return house_config(titled(alt.layer(bars, labels, height=320), _t("movement_title", lang), subtitle))


def chart_ratio_trend(trend: pd.DataFrame, view: View, metric: str, *, reference: float | None = None,
                      subtitle=None) -> alt.Chart:
    """One ratio by month (``npl_ratio``, ``coverage`` or ``provision_to_loans``) with its
    regulatory reference level as a dashed rule.

    Examples
    --------
    >>> tr = pd.DataFrame({"month": ["2024-01", "2024-02"], "coverage": [1.6, 1.4]})
    >>> spec = chart_ratio_trend(tr, View(lang="en"), "coverage", reference=1.5).to_dict()
    >>> spec["title"]["text"]
    'Coverage ratio (allowance ÷ NPL) by month'
    """
    lang = view.lang
    data = pd.DataFrame({"month": trend["month"].astype(str), "value": trend[metric].to_numpy(dtype=np.float64)})
    line = alt.Chart(data).mark_line(point=True, color=ACCENT).encode(
        x=alt.X("month:O", title=None, axis=month_axis()),
        y=alt.Y("value:Q", title=_t(f"metric.{metric}", lang), axis=rate_axis(np.r_[data["value"].to_numpy(), [] if reference is None else [reference]])),
        tooltip=[alt.Tooltip("month:O", title=_t("month", lang)),
                 alt.Tooltip("value:Q", title=_t(f"metric.{metric}", lang), format=".2%")],
    )
    layers = [line]
    if reference is not None:
        ref = pd.DataFrame({"value": [reference], "label": [_t("reference", lang, value=f"{reference * 100:g}%")]})
        layers.append(alt.Chart(ref).mark_rule(strokeDash=[6, 4], color=REFERENCE).encode(y=alt.Y("value:Q")))
        layers.append(alt.Chart(ref).mark_text(align="left", dx=4, dy=-6, color=REFERENCE).encode(
            y=alt.Y("value:Q"), text=alt.Text("label:N"), x=alt.XValue(0)))
    return house_config(titled(alt.layer(*layers, height=260), _t(f"trend_title.{metric}", lang), subtitle))
