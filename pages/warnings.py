"""Early warning and collections (预警机制与催收策略): who needs attention now, and what to do."""
from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pandas as pd
import streamlit as st

from analysis.charts.warnings import (
    chart_actions, chart_calibration, chart_level_outcomes, chart_levels, chart_levels_by, chart_odds_ratios,
)
from analysis.core.definitions import definitions_line
from analysis.core.i18n import translate
from analysis.core.vocabulary import ACTION_KEYS, CAUSE_KEYS, action_label, cause_label, level_label
from analysis.core.privacy import mask_pii
from analysis.core.schema import segment_columns
from analysis.core.units import format_amount, format_rate, unit_label, UNITS
from analysis.warnings.signals import (
    LEVELS, SIGNALS, UNASSIGNED, WarningError, describe_rule, export_work_lists,
    localise_columns, validate_rule,
)
from ui import memo, state
from ui import warnings as uw
from ui.i18n import all_messages, lang, t
from ui.widgets import definitions, show_chart, show_table, stop_unless_rows

L = lang()
UNIT = state.unit()
UNIT_LABEL = unit_label(UNIT, L)


def tr(key: str, **params: object) -> str:
    # Like t(), but with the language fixed at this run: format_func callbacks are also called
    # outside the script run (AppTest), where session state is not readable.
    return translate(key, L, all_messages(), **params)


def seg_name(col: str) -> str:
    key = f"segment.{col}"
    return tr(key) if key in all_messages() else col


def level_name(level: str) -> str:
    return level_label(level, L)


def amount(value: float) -> str:
    return format_amount(value, UNIT)


st.title(t("warnings.title"))
st.markdown(t("warnings.intro"))

stop_unless_rows()
portfolio = state.portfolio()

uw.init_widgets()
months = state.months_in_view()
if st.session_state.get(uw.K_MONTH) not in months:
    st.session_state[uw.K_MONTH] = months[-1]
c_month, c_model = st.columns([1, 2])
with c_month:
    month = st.selectbox(t("warnings.month"), months[::-1], key=uw.K_MONTH, help=t("warnings.month_help"))
with c_model:
    st.write("")
    st.toggle(t("warnings.use_model"), key=uw.widget_key(uw.K_USE_MODEL), help=t("warnings.use_model_help"))
filters = state.active_filters_for_definitions()
definitions(definitions_line(L, month=month, filters=filters, buckets=state.buckets()))
if len(months) == 1:
    st.info(t("warnings.no_history"))

# --- thresholds and rule -----------------------------------------------------------------------
with st.expander(t("warnings.th.title"), expanded=False):
    st.multiselect(t("warnings.th.enabled"), [s for s in SIGNALS if s != "model_score"], key=uw.widget_key(uw.K_ENABLED),
                   format_func=lambda s: translate(f"warnings.signal.{s}", L), placeholder=t("warnings.knob.none"))
    col1, col2, col3 = st.columns(3)
    k = uw.THRESHOLD_KEYS
    with col1:
        st.number_input(t("warnings.th.rising_months"), 1, 12, step=1, key=uw.widget_key(k["rising_months"]))
        st.number_input(t("warnings.th.utilisation_level"), 1.0, 500.0, step=5.0, key=uw.widget_key(k["utilisation_level"]))
        st.number_input(t("warnings.th.utilisation_jump"), 1.0, 500.0, step=5.0, key=uw.widget_key(k["utilisation_jump"]))
    with col2:
        st.number_input(t("warnings.th.balance_growth"), 1.0, 10000.0, step=5.0, key=uw.widget_key(k["balance_growth"]))
        st.number_input(t("warnings.th.growth_months"), 1, 12, step=1, key=uw.widget_key(k["growth_months"]))
        st.number_input(t("warnings.th.payment_share"), 1.0, 100.0, step=5.0, key=uw.widget_key(k["payment_share"]))
    with col3:
        st.number_input(t("warnings.th.score_drop"), 1.0, 1000.0, step=5.0, key=uw.widget_key(k["score_drop"]))
        st.number_input(t("warnings.th.score_months"), 1, 12, step=1, key=uw.widget_key(k["score_months"]))
        st.number_input(t("warnings.th.model_probability"), 1.0, 100.0, step=5.0, key=uw.widget_key(k["model_probability"]))
    st.button(t("warnings.th.reset"), on_click=uw.reset_widgets, key="warnings_reset")

with st.expander(t("warnings.knob.title"), expanded=False):
    for col, lv in zip(st.columns(3), LEVELS):
        keys = uw.RULE_KEYS[lv]
        with col:
            st.markdown(f"**{level_name(lv)}**")
            st.number_input(t("warnings.knob.count"), 0, len(SIGNALS), step=1, key=uw.widget_key(keys["count"]))
            st.multiselect(t("warnings.knob.signals"), list(SIGNALS), key=uw.widget_key(keys["signals"]),
                           format_func=lambda s: translate(f"warnings.signal.{s}", L), placeholder=t("warnings.knob.none"))
            st.number_input(t("warnings.knob.rolled_dpd"), 0, 3650, step=1, key=uw.widget_key(keys["rolled_dpd"]))

try:
    thresholds = uw.thresholds_from_widgets()
    rule = validate_rule(uw.rule_from_widgets())
except WarningError as exc:
    st.warning(t("warnings.settings_error", error=exc.message(L)))
    st.stop()

use_model = bool(st.session_state.get(uw.K_USE_MODEL))
try:
    res, model, model_error, settings = uw.compute(month, thresholds, rule, use_model)
except WarningError as exc:
    st.warning(t("warnings.settings_error", error=exc.message(L)))
    st.stop()
signals, actions = res.signals, res.actions

st.subheader(t("warnings.knob.heading"))
st.markdown("\n".join(f"- {line}" for line in describe_rule(rule, L)))
st.caption(translate("warnings.rule.first_match", L))
unavailable = {s: r for s, r in res.availability.items() if r and r != "warnings.unavailable.disabled"}
if unavailable:
    items = ("；" if L == "zh" else "; ").join(
        f"{translate(f'warnings.signal.{s}', L)} ({translate(r, L)})" for s, r in unavailable.items())
    st.caption(t("warnings.th.unavailable", items=items))

with st.expander(t("warnings.th.signal_table"), expanded=False):
    rows = []
    for s, n, bal in res.by_signal[["signal", "accounts", "balance"]].itertuples(index=False):
        reason = res.availability.get(s)
        rows.append({
            t("warnings.th.col.signal"): translate(f"warnings.signal.{s}", L),
            t("warnings.th.col.definition"): thresholds.describe(s, L),
            t("warnings.th.col.accounts"): n,
            t("warnings.th.col.balance", unit=UNIT_LABEL): bal / UNITS[UNIT],
            t("warnings.th.col.status"): translate(reason, L) if reason else t("warnings.th.ok"),
        })
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch", key="warnings_signal_table",
                 column_config={t("warnings.th.col.balance", unit=UNIT_LABEL): st.column_config.NumberColumn(format="%,.2f")})

# --- level summary -----------------------------------------------------------------------------
st.subheader(t("warnings.levels.heading"))
total_balance = float(signals["balance"].sum())
st.caption(t("warnings.metric.total", n=len(signals), amount=amount(total_balance), unit=UNIT_LABEL,
             warned=len(actions)))
summary = res.summary.set_index("level")
# Material icons in the level colours (emoji depend on the viewer's fonts; icons ship with Streamlit)
DOTS = {lv: f":{lv}[:material/warning:]" for lv in LEVELS}
for col, lv in zip(st.columns(3), LEVELS):
    with col:
        st.metric(f"{DOTS[lv]} {level_name(lv)}", t("warnings.metric.accounts", n=int(summary.loc[lv, "accounts"])),
                  border=True, help=describe_rule(rule, L)[LEVELS.index(lv)])
        st.caption(t("warnings.metric.balance", amount=amount(float(summary.loc[lv, "balance"])), unit=UNIT_LABEL,
                     share=format_rate(float(summary.loc[lv, "balance_share"]))))
subtitle = definitions_line(L, month=month, filters=filters, buckets=state.buckets(), measure="balance")
show_chart(memo.chart(lambda: chart_levels(res.summary, L, UNIT, subtitle), "levels", res.summary, L, UNIT, subtitle),
           key="warnings_levels")


def level_table(frame: pd.DataFrame, by: str | None = None) -> pd.DataFrame:
    out = pd.DataFrame({
        t("warnings.tcol.level"): [level_name(lv) for lv in frame["level"].astype(str)],
        t("warnings.tcol.accounts"): frame["accounts"].to_numpy(),
        t("warnings.tcol.balance_unit", unit=UNIT_LABEL): frame["balance"].to_numpy() / UNITS[UNIT],
        t("warnings.tcol.balance_share"): frame["balance_share"].to_numpy() * 100,
    })
    if by is not None:
        names = frame[by].astype(str).replace(UNASSIGNED, translate("warnings.unassigned", L))
        out.insert(0, seg_name(by), names.to_numpy())
    return out


AMOUNT_CFG = {
    t("warnings.tcol.balance_unit", unit=UNIT_LABEL): st.column_config.NumberColumn(format="%,.2f"),
    t("warnings.tcol.balance_share"): st.column_config.NumberColumn(format="%.2f%%"),
}
show_table(level_table(res.summary), key="warnings_levels", label=t("warnings.levels.table"), column_config=AMOUNT_CFG)

st.markdown(f"**{t('warnings.backtest.heading')}**")
if res.outcomes is None:
    st.caption(t("warnings.backtest.none"))
else:
    out = res.outcomes
    st.caption(t("warnings.backtest.explain", prev=out["from_month"].iloc[0], month=out["to_month"].iloc[0]))
    back_sub = definitions_line(L, months=(out["from_month"].iloc[0], out["to_month"].iloc[0]), filters=filters,
                                buckets=state.buckets(), measure="count")
    show_chart(memo.chart(lambda: chart_level_outcomes(out, L, back_sub), "outcomes", out, L, back_sub),
               key="warnings_backtest")
    show_table(pd.DataFrame({
        t("warnings.tcol.level"): [level_name(k) for k in out["level"]],
        t("warnings.backtest.col.accounts"): out["accounts"].to_numpy(),
        t("warnings.backtest.col.worsened"): out["worsened"].to_numpy(),
        t("warnings.backtest.col.rate"): out["worsened_rate"].to_numpy() * 100,
        t("warnings.backtest.col.exited"): out["exited"].to_numpy(),
        t("warnings.tcol.balance_unit", unit=UNIT_LABEL): out["balance"].to_numpy() / UNITS[UNIT],
    }), key="warnings_backtest", column_config={
        t("warnings.backtest.col.rate"): st.column_config.NumberColumn(format="%.2f%%"),
        t("warnings.tcol.balance_unit", unit=UNIT_LABEL): st.column_config.NumberColumn(format="%,.2f")})

# --- by owner / branch / segment ---------------------------------------------------------------
st.subheader(t("warnings.by.heading"))
segments = segment_columns(signals)
if not segments:
    st.info(t("warnings.by.none"))
else:
    default_by = next((c for c in ("owner", "branch") if c in segments), segments[0])
    if st.session_state.get(uw.K_BY) not in segments:
        st.session_state[uw.K_BY] = default_by
    by = st.selectbox(t("warnings.by.select"), segments, key=uw.K_BY, format_func=seg_name)
    by_summary = uw.summary_by(state.data_token(), month, settings, by, signals)
    unassigned = translate("warnings.unassigned", L)
    show_chart(memo.chart(lambda: chart_levels_by(by_summary, by, seg_name(by), L, UNIT, subtitle, top=15,
                                                  unassigned=unassigned),
                          "levels_by", by_summary, by, seg_name(by), L, UNIT, subtitle, unassigned), key="warnings_by")
    show_table(level_table(by_summary, by), key="warnings_by", column_config=AMOUNT_CFG)

# --- model ------------------------------------------------------------------------------------
st.subheader(t("warnings.model.heading"))
if model is None and model_error is None:
    # A large book trains the model when asked (then for every month shown in this session).
    wanted = not uw.model_on_request(portfolio) or st.session_state.get(uw.K_MODEL_REQUESTED) == state.data_token()
    if not wanted:
        st.caption(t("warnings.model.on_request", rows=f"{len(portfolio):,}"))
        if st.button(t("warnings.model.fit"), key="warnings_fit_model", icon=":material/model_training:"):
            st.session_state[uw.K_MODEL_REQUESTED] = state.data_token()
            wanted = True
    if wanted:
        with st.spinner(t("warnings.spinner.model")):
            model, model_error = uw.fit_model(state.data_token(), month, portfolio, state.buckets())
if model_error is not None:
    st.info(t("warnings.model.unavailable", error=translate(model_error[0], L, **model_error[1])))
elif model is not None:
    v = model.validation
    st.markdown(t("warnings.model.explain", first=v["train_first"], last=v["train_last"], test=v["test_month"],
                  to=v["test_to_month"]))
    for note in model.notes_text(L):
        st.info(note)
    m1, m2, m3 = st.columns(3)
    m1.metric(t("warnings.model.auc"), f"{v['auc']:.3f}" if v["auc"] == v["auc"] else "–")
    m2.metric(t("warnings.model.ks"), f"{v['ks']:.3f}" if v["ks"] == v["ks"] else "–")
    m3.metric(t("warnings.model.events"), t("warnings.model.events_value", events=v["events"], n=v["n"]))
    m3.caption(t("warnings.model.predicted_rate", p=format_rate(v["mean_predicted"]), o=format_rate(v["event_rate"])))
    if not use_model:
        st.caption(t("warnings.model.off"))
    model_sub = [definitions_line(L, month=month, filters=filters, buckets=state.buckets()),
                 t("warnings.model.definitions", method=model.method, test=v["test_month"], to=v["test_to_month"])]
    seg_names = {c: seg_name(c) for c in model.odds_ratios["column"].unique()}
    from analysis.warnings.model import feature_label, odds_ratio_words

    labels = [feature_label(r, L, seg_names, state.buckets()) for _, r in model.odds_ratios.iterrows()]
    show_chart(chart_odds_ratios(model.odds_ratios, labels, L, model_sub), key="warnings_odds")
    with st.expander(t("warnings.model.words"), expanded=False):
        st.markdown("\n".join(f"- {w}" for w in odds_ratio_words(model.odds_ratios, L, seg_names, state.buckets())))
    odds_table = pd.DataFrame({
        t("warnings.model.col.feature"): labels,
        t("warnings.model.col.odds_ratio"): model.odds_ratios["odds_ratio"].to_numpy(),
        t("warnings.model.col.ci_low"): model.odds_ratios["ci_low"].to_numpy(),
        t("warnings.model.col.ci_high"): model.odds_ratios["ci_high"].to_numpy(),
        t("warnings.model.col.p_value"): model.odds_ratios["p_value"].to_numpy(),
    })
    show_table(odds_table, key="warnings_odds", label=t("warnings.model.odds_table"))
    show_chart(chart_calibration(model.calibration, L, model_sub), key="warnings_calibration")
    cal = model.calibration.rename(columns={c: t(f"warnings.model.col.{c}") for c in model.calibration.columns})
    show_table(cal, key="warnings_calibration", label=t("warnings.model.calibration_table"))

# --- account list ------------------------------------------------------------------------------
st.subheader(t("warnings.list.heading"))
if not len(actions):
    st.info(t("warnings.list.empty"))
else:
    owner_col = "owner" if "owner" in actions.columns else ("branch" if "branch" in actions.columns else None)
    f1, f2 = st.columns(2)
    with f1:
        chosen_levels = st.multiselect(t("warnings.list.levels"), list(LEVELS), default=list(LEVELS),
                                       format_func=level_name, key=uw.K_LEVEL_FILTER)
    owners_all: list[str] = []
    if owner_col:
        owner_values = actions[owner_col].astype(object).where(actions[owner_col].notna(), UNASSIGNED).astype(str)
        owners_all = sorted(owner_values.unique(), key=lambda s: (s == UNASSIGNED, s))
        with f2:
            chosen_owners = st.multiselect(
                t("warnings.list.owners"), owners_all, key=uw.K_OWNER_FILTER, placeholder=t("warnings.list.all"),
                format_func=lambda s: translate("warnings.unassigned", L) if s == UNASSIGNED else s)
    unmask = st.toggle(t("warnings.list.unmask"), key=uw.K_UNMASK)
    if unmask:
        st.warning(t("warnings.list.unmask_warning"), icon=":material/visibility:")
    keep = actions["level"].astype(str).isin(chosen_levels).to_numpy()
    if owner_col and st.session_state.get(uw.K_OWNER_FILTER):
        keep &= owner_values.isin(st.session_state[uw.K_OWNER_FILTER]).to_numpy()
    shown = actions[keep]
    if not len(shown):
        st.info(t("warnings.list.empty_filter"))
    else:
        limit = 2000
        table = uw.account_list(state.data_token(), month, settings, tuple(chosen_levels),
                                tuple(st.session_state.get(uw.K_OWNER_FILTER) or ()) if owner_col else (), L, limit,
                                shown, state.buckets())
        if not unmask:
            table = mask_pii(table)
        if "balance" in table.columns:
            table["balance"] = table["balance"] / UNITS[UNIT]
        table = localise_columns(table, L).rename(columns={
            translate("warnings.col.balance", L): t("warnings.tcol.balance_unit", unit=UNIT_LABEL)})
        st.dataframe(table, hide_index=True, width="stretch", key="warnings_accounts",
                     column_config={t("warnings.tcol.balance_unit", unit=UNIT_LABEL): st.column_config.NumberColumn(format="%,.2f")})
        st.caption(t("warnings.list.shown", shown=min(limit, len(shown)), total=len(shown)))

# --- collection actions ------------------------------------------------------------------------
st.subheader(t("warnings.actions.heading"))
st.markdown(t("warnings.actions.explain"))
if len(actions):
    acts = res.by_action
    show_chart(memo.chart(lambda: chart_actions(acts, L, UNIT, subtitle), "actions", acts, L, UNIT, subtitle),
               key="warnings_actions")
    acts_table = pd.DataFrame({
        t("warnings.actions.col.action"): [action_label(a, L) for a in acts["action"]],
        t("warnings.tcol.accounts"): acts["accounts"].to_numpy(),
        t("warnings.tcol.balance_unit", unit=UNIT_LABEL): acts["balance"].to_numpy() / UNITS[UNIT],
        t("warnings.tcol.balance_share"): acts["balance_share"].to_numpy() * 100,
    })
    show_table(acts_table, key="warnings_actions", column_config=AMOUNT_CFG)
if "overdue_reason" not in portfolio.columns:
    st.caption(t("warnings.actions.no_causes"))

with st.expander(t("warnings.actions.playbook"), expanded=False):
    book = state.stage_playbook()
    st.dataframe(pd.DataFrame({
        t("warnings.actions.col.min_dpd"): book["min_dpd"].to_numpy(),
        t("warnings.actions.col.max_dpd"): book["max_dpd"].astype(object).where(book["max_dpd"].notna(), "∞").astype(str).to_numpy(),
        t("warnings.actions.col.action"): [action_label(a, L) for a in book["action"]],
    }), hide_index=True, width="stretch", key="warnings_playbook")
    if (Path(__file__).parent / "aging.py").exists():
        st.page_link("pages/aging.py", label=t("aging.title"), icon=":material/stacked_bar_chart:")

with st.expander(t("warnings.actions.responses"), expanded=False):
    current = state.cause_responses()
    options = list(ACTION_KEYS)
    editor_in = pd.DataFrame({
        "cause": list(CAUSE_KEYS),
        "label": [cause_label(c, L) for c in CAUSE_KEYS],
        "response": [current.get(c, "call") for c in CAUSE_KEYS],
    })
    edited = st.data_editor(
        editor_in, hide_index=True, width="stretch", key=uw.K_RESPONSES_EDITOR, disabled=["cause", "label"],
        column_order=["label", "response"],
        column_config={
            "label": st.column_config.TextColumn(t("warnings.actions.col.cause")),
            "response": st.column_config.SelectboxColumn(t("warnings.actions.col.response"), options=options,
                                                         required=True, format_func=lambda a: action_label(a, L)),
        },
    )
    if st.button(t("warnings.actions.save_responses"), key="warnings_save_responses"):
        state.set_cause_responses({**current, **dict(zip(edited["cause"], edited["response"]))})
        st.success(t("warnings.actions.saved"))
        st.rerun()

# --- work lists --------------------------------------------------------------------------------
st.subheader(t("warnings.lists.heading"))
if len(actions):
    owner_col = "owner" if "owner" in actions.columns else ("branch" if "branch" in actions.columns else None)
    lists = uw.lists_for(state.data_token(), month, settings, owner_col, L, actions, state.buckets())
    choices = ["__all__", *lists]
    pick = st.selectbox(t("warnings.lists.owner"), choices, key=uw.K_LIST_OWNER,
                        format_func=lambda s: tr("warnings.lists.all") if s == "__all__" else (
                            translate("warnings.unassigned", L) if s == UNASSIGNED else s))
    chosen = lists if pick == "__all__" else {pick: lists[pick]}
    n_rows = sum(len(v) for v in chosen.values())
    bal = sum(float(v["balance"].sum()) for v in chosen.values())
    st.caption(t("warnings.lists.count", n=n_rows, amount=amount(bal), unit=UNIT_LABEL))
    unmask_export = st.checkbox(t("warnings.lists.unmask"), key=uw.K_UNMASK_EXPORT, value=False)
    note = None
    if unmask_export:
        st.warning(t("warnings.lists.unmask_warning"), icon=":material/warning:")
        note = t("warnings.lists.note", month=month, when=datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"))
    summary_sheet = None
    if pick == "__all__" and owner_col is not None:
        summary_sheet = level_table(uw.summary_by(state.data_token(), month, settings, owner_col, signals), owner_col)
    stem = f"{t('warnings.lists.file')}_{month}" + ("" if pick == "__all__" else f"_{pick}")
    d1, d2 = st.columns(2)
    with d1:
        st.download_button(
            t("warnings.lists.xlsx"),
            data=lambda: export_work_lists(chosen, "xlsx", masked=not unmask_export, note=note, summary=summary_sheet,
                                           summary_name=t("warnings.lists.summary_sheet"), lang=L),
            file_name=f"{stem}.xlsx", key="warnings_dl_xlsx", icon=":material/download:",
            mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    with d2:
        st.download_button(
            t("warnings.lists.csv"),
            data=lambda: export_work_lists(chosen, "csv", masked=not unmask_export, note=note, lang=L),
            file_name=f"{stem}.csv", mime="text/csv", key="warnings_dl_csv", icon=":material/download:",
        )
    st.caption(t("warnings.lists.masked_note"))
else:
    st.caption(t("warnings.lists.empty"))
