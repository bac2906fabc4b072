"""The warning model section: fitted at once or on request, then its validation, odds ratios and calibration."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from analysis.charts.warnings import chart_calibration, chart_warning_odds_ratios
from analysis.core.markup import escape_markdown
from analysis.core.tables import cell_text
from analysis.core.units import format_rate
from analysis.core.view import View
from analysis.warnings.reliability import Reliability, model_verdict
from analysis.warnings.tables import calibration_table, odds_table
from ui import state
from ui.i18n import t, t_data
from ui.warnings import compute
from ui.warnings.keys import K_CALIBRATION, K_FIT_MODEL, K_MODEL_REQUESTED, K_ODDS
from ui.warnings.views import segment_label, subtitle
from ui.widgets import show_chart, show_display_table


def _offer_fit(portfolio: pd.DataFrame) -> None:
    """On a large book, the button that fits the model; the page then runs again so that every
    section (the verdict at the top first) reads the fitted model."""
    st.caption(t("warnings.model.on_request", rows=f"{len(portfolio):,}"))
    if st.button(t("warnings.model.fit"), key=K_FIT_MODEL, icon=":material/model_training:"):
        st.session_state[K_MODEL_REQUESTED] = state.data_token()
        st.rerun()


def model_section(model, model_error, use_model: bool, view: View) -> None:
    """The model's out-of-time validation, its odds ratios in a chart, words and a table, and its calibration."""
    st.subheader(t("warnings.model.heading"))
    if model is None and model_error is None:
        _offer_fit(compute.rows()[0])
        return
    if model_error is not None:
        key, params = model_error
        st.info(t_data("warnings.model.unavailable", error=view.text(key, **params)))
    elif model is not None:
        _validation(model, use_model, view)
        _odds_and_calibration(model, view)


def _validation(model, use_model: bool, view: View) -> None:
    v = model.validation
    st.markdown(t("warnings.model.explain", first=v["train_first"], last=v["train_last"], test=v["test_month"],
                  to=v["test_to_month"]))
    for note in model.notes_text(view.lang):
        st.info(escape_markdown(note))
    m1, m2, m3 = st.columns(3)
    m1.metric(t("warnings.model.auc"), cell_text(v["auc"], "number", view.lang))
    m2.metric(t("warnings.model.ks"), cell_text(v["ks"], "number", view.lang))
    m3.metric(t("warnings.model.events"), t("warnings.model.events_value", events=v["events"], n=v["n"]))
    m3.caption(t("warnings.model.predicted_rate", p=format_rate(v["mean_predicted"]), o=format_rate(v["event_rate"])))
    verdict = Reliability(**model_verdict(v))
    (st.success if verdict.model_usable else st.warning)(verdict.model_text(view.lang))
    if not use_model:
        st.caption(t("warnings.model.off"))


def _odds_and_calibration(model, view: View) -> None:
    v = model.validation
    sub = [subtitle(view, month=view.month),
           t("warnings.model.definitions", method=t(f"warnings.model.method.{model.method}"), test=v["test_month"], to=v["test_to_month"])]
    names = {c: segment_label(c, view.lang) for c in model.odds_ratios["column"].unique()}
    model_module = compute.model_module()
    labels = model_module.feature_labels(model.odds_ratios, view.lang, names, view.buckets)
    show_chart(chart_warning_odds_ratios(model.odds_ratios, view, labels=labels, subtitle=sub), key=K_ODDS)
    with st.expander(t("warnings.model.words"), expanded=False):
        words = model_module.odds_ratio_words(model.odds_ratios, view.lang, names, view.buckets)
        st.markdown("\n".join(f"- {escape_markdown(w)}" for w in words))  # they name segment values
    show_display_table(odds_table(model.odds_ratios, labels, view), key=K_ODDS)
    show_chart(chart_calibration(model.calibration, view, subtitle=sub), key=K_CALIBRATION)
    show_display_table(calibration_table(model.calibration, view), key=K_CALIBRATION)
