"""What-if credit-limit policies (额度策略模拟): build rules, price scenarios side by side, backtest."""
from __future__ import annotations

import math

import pandas as pd
import streamlit as st

from analysis.whatif import policy as limits
from analysis.charts.whatif import METRICS, chart_scenarios, chart_sensitivity, chart_waterfall
from analysis.core.definitions import definitions_line
from analysis.whatif.policy import PolicyError
from analysis.whatif.pd import absorbing_keys
from analysis.core.privacy import export_csv_bytes, export_xlsx_bytes
from analysis.core.schema import segment_columns
from analysis.core.units import UNITS, format_amount, format_rate, unit_label
from ui import state, whatif
from ui.i18n import lang, t
from ui.widgets import definitions, show_chart, show_table, stop_unless_rows

L = lang()
st.title(t("whatif.title"))
st.markdown(t("whatif.intro"))

stop_unless_rows()
portfolio = state.portfolio()
if "credit_limit" not in portfolio.columns or not portfolio["credit_limit"].notna().any():
    st.info(t("whatif.empty.no_limit"))
    st.page_link("pages/upload.py", label=t("whatif.empty.go_upload"), icon=":material/upload_file:")
    st.stop()

buckets = state.buckets()
token = state.data_token()
unit = state.unit()
U = unit_label(unit, L)
scale = UNITS[unit]
with st.spinner(t("whatif.spinner.features")):
    feats = whatif.features(token, portfolio, buckets)
month = str(feats["month"].iloc[0])
has_rate = "interest_rate" in feats.columns and bool(feats["interest_rate"].notna().any())
defs = definitions_line(L, buckets=buckets, month=month, filters=state.active_filters_for_definitions(),
                        extra=[t("whatif.defs.model")])
definitions(defs)
no_limit = int(feats["credit_limit"].isna().sum())
if no_limit:
    st.caption(t("whatif.note.no_limit_accounts", n=no_limit, total=len(feats)))

# --- 1 · assumptions ------------------------------------------------------------------------
st.subheader(t("whatif.section.assumptions"))
whatif.init_assumption_widgets()
with st.spinner(t("whatif.spinner.pd")):
    pd_tab = whatif.pd_table(token, portfolio, state.cubes(), buckets, st.session_state[whatif.K_PD_METHOD], L)
with st.expander(t("whatif.asm.edit"), expanded=False):
    c1, c2 = st.columns([2, 3])
    with c1:
        st.number_input(t("whatif.asm.lgd"), 0.0, 100.0, step=5.0, key=whatif.K_LGD, persist_state="session", help=t("whatif.asm.lgd_help"))
        st.number_input(t("whatif.asm.ccf"), 0.0, 100.0, step=5.0, key=whatif.K_CCF, persist_state="session", help=t("whatif.asm.ccf_help"))
        st.number_input(t("whatif.asm.draw"), 0.0, 100.0, step=5.0, key=whatif.K_DRAW, persist_state="session", help=t("whatif.asm.draw_help"))
        st.number_input(t("whatif.asm.rate"), 0.0, 100.0, step=0.5, key=whatif.K_RATE, persist_state="session", help=t("whatif.asm.rate_help"))
        if has_rate:
            st.toggle(t("whatif.asm.use_mapped"), key=whatif.K_USE_MAPPED)
        else:
            st.caption(t("whatif.asm.no_rate_column"))
        st.toggle(t("whatif.asm.paydown"), key=whatif.K_PAYDOWN, persist_state="session", help=t("whatif.asm.paydown_help"))
    with c2:
        st.selectbox(t("whatif.asm.pd_method"), ["auto", "markov", "observed"], key=whatif.K_PD_METHOD, persist_state="session",
                     format_func={m: t(f"whatif.asm.pd_method.{m}") for m in ("auto", "markov", "observed")}.get)
        editable = pd.DataFrame({
            "bucket": [whatif.bucket_label(buckets, b) for b in pd_tab["bucket"]],
            "pd": pd_tab["pd"].to_numpy() * 100.0,
            "source": pd_tab["source"].to_numpy(),
        })
        edited = st.data_editor(
            editable, key=f"{whatif.K_PD_EDITOR}_{token}_{st.session_state[whatif.K_PD_METHOD]}", hide_index=True,
            width="stretch", disabled=["bucket", "source"],
            column_config={
                "bucket": st.column_config.TextColumn(t("whatif.col.bucket")),
                "pd": st.column_config.NumberColumn(t("whatif.asm.pd_col"), min_value=0.0, max_value=100.0,
                                                    step=0.1, format="%.2f%%", required=True),
                "source": st.column_config.TextColumn(t("whatif.asm.source_col"), width="large"),
            },
        )
        st.caption(t("whatif.asm.pd_help", absorbing="/".join(whatif.bucket_label(buckets, k)
                                                               for k in absorbing_keys(buckets))))
pd_values = pd.to_numeric(edited["pd"], errors="coerce").fillna(pd_tab["pd"] * 100.0).to_numpy() / 100.0
pd_map = {str(b): float(min(max(p, 0.0), 1.0)) for b, p in zip(pd_tab["bucket"], pd_values)}
assumptions = whatif.assumptions(pd_map, has_rate)
a_key = whatif.assumptions_key(assumptions)
pd_text = t("whatif.list_sep").join(f"{whatif.bucket_label(buckets, b)} {format_rate(p, 1)}" for b, p in pd_map.items())
edited_pd = any(abs(a - b) > 1e-12 for a, b in zip(pd_values, pd_tab["pd"]))
st.markdown(t(
    "whatif.asm.summary", lgd=format_rate(assumptions.lgd, 0), ccf=format_rate(assumptions.ccf, 0),
    draw=format_rate(assumptions.draw_share, 0), rate=format_rate(assumptions.interest_rate, 1),
    rate_source=t("whatif.asm.rate_mapped") if assumptions.use_mapped_rate else t("whatif.asm.rate_default"),
    paydown=t("whatif.asm.paydown_on") if assumptions.no_forced_paydown else t("whatif.asm.paydown_off"),
    pds=pd_text,
    pd_source=t("whatif.asm.pd_edited") if edited_pd else t(f"whatif.asm.pd_from.{pd_tab['method'].iloc[0]}"),
))

# --- 2 · scenarios and rules ----------------------------------------------------------------
st.subheader(t("whatif.section.scenarios"))
st.caption(t("whatif.sc.help"))
items = whatif.scenarios()
message = st.session_state.pop(whatif.K_MESSAGE, None)
if message:
    (st.error if message[0] == "error" else st.success)(message[1])
indices = list(range(len(items)))
# Labels as plain dicts: format functions must not read session state (AppTest calls them
# between runs, where there is none).
names = {i: whatif.name_of(item) for i, item in enumerate(items)}
c1, c2 = st.columns(2)
with c1:
    st.selectbox(t("whatif.sc.focus"), indices, key=whatif.K_FOCUS, format_func=names.get)
with c2:
    st.selectbox(t("whatif.sc.champion"), indices, key=whatif.K_CHAMPION, persist_state="session",
                 format_func=names.get, help=t("whatif.sc.champion_help"))
fi = whatif.focus()
ci = whatif.champion()
focus_item = items[fi]
presenting = state.presentation()
policy_json = limits.policy_to_json(whatif.policy_of(focus_item))
if not presenting:
    whatif.scenario_buttons(len(items))
    whatif.name_input(focus_item)
whatif.rule_list(fi, focus_item, editable=not presenting)
if not presenting:
    whatif.rule_form(fi, focus_item, buckets, feats)
    whatif.policy_files(focus_item, policy_json)

# --- 3 · results ----------------------------------------------------------------------------
st.subheader(t("whatif.section.results", month=month))
results: list[limits.ScenarioResult] = []
problems: list[str] = []
with st.spinner(t("whatif.spinner.price", n=len(items))):
    for item in items:
        try:
            results.append(whatif.scenario(token, limits.policy_to_json(whatif.policy_of(item)), a_key, feats))
        except PolicyError as exc:
            problems.append(t("whatif.res.scenario_failed", name=whatif.name_of(item), error=exc.message(L)))
            results.append(None)
for p in problems:
    st.warning(p)
valid = [i for i, r in enumerate(results) if r is not None]
if results[ci] is None or results[fi] is None:
    st.info(t("whatif.res.fix_rules"))
    st.stop()

focus_res = results[fi]
tot = limits.scenario_totals(focus_res)
st.markdown(t("whatif.res.cards_title", name=whatif.name_of(focus_item)))
st.caption(t("whatif.res.book", month=month, accounts=tot["accounts"], unit=U,
             balance=format_amount(tot["before"]["balance_total"], unit),
             limit=format_amount(tot["before"]["limit_total"], unit)))
cards = st.columns(6)
cards[0].metric(t("whatif.res.affected"), f"{tot['accounts_affected']:,}",
                help=t("whatif.res.affected_help", matched=tot["accounts_matched"], total=tot["accounts"]))
for col, key, inverse in ((cards[1], "limit_total", False), (cards[2], "ead", True),
                          (cards[3], "expected_loss", True), (cards[4], "revenue", False)):
    col.metric(t(f"whatif.res.{key}", unit=U), format_amount(tot["after"][key], unit),
               delta=f"{tot['delta'][key] / scale:+,.2f}", delta_color="inverse" if inverse else "normal",
               help=t("whatif.res.before_help", value=format_amount(tot["before"][key], unit), unit=U))
ratio_after, ratio_delta = tot["after"]["el_per_revenue"], tot["delta"]["el_per_revenue"]
cards[5].metric(t("whatif.res.el_per_revenue"), "–" if math.isnan(ratio_after) else f"{ratio_after:.3f}",
                delta=None if math.isnan(ratio_delta) else f"{ratio_delta:+.3f}", delta_color="inverse",
                help=t("whatif.res.el_per_revenue_help"))

comparison = limits.compare_scenarios([results[i] for i in valid], champion=valid.index(ci))
comparison["scenario"] = [whatif.name_of(items[i]) for i in valid]
show_chart(chart_scenarios(comparison, L, unit, defs), key="whatif_scenarios", name=t("whatif.file.scenarios"))
money = ["limit_total", "ead", "expected_loss", "revenue"]
comp_view = pd.DataFrame({
    t("whatif.col.scenario"): comparison["scenario"],
    t("whatif.col.role"): [t(f"whatif.chart.role.{r}") for r in comparison["role"]],
    t("whatif.col.affected"): comparison["accounts_affected"],
    **{t(f"whatif.col.{k}", unit=U): comparison[k] / scale for k in money},
    t("whatif.col.el_per_revenue"): comparison["el_per_revenue"],
    **{t(f"whatif.col.{k}_change", unit=U): comparison[f"{k}_change"] / scale for k in money},
    **{t(f"whatif.col.{k}_vs_champion", unit=U): comparison[f"{k}_vs_champion"] / scale for k in money},
})
amount_cfg = {c: st.column_config.NumberColumn(format="accounting") for c in comp_view.columns[3:]}
amount_cfg[t("whatif.col.el_per_revenue")] = st.column_config.NumberColumn(format="%.4f")
show_table(comp_view, key="whatif_comparison", label=t("whatif.res.comparison_table"), column_config=amount_cfg,
           file_name=t("whatif.file.scenarios"))

# The tables behind the breakdown tab (also in the Excel download), for the split chosen there.
by_options = ["bucket", *segment_columns(feats)]
by = st.session_state.get("whatif_by") if st.session_state.get("whatif_by") in by_options else "bucket"
by_rule = limits.change_by_rule(focus_res, L)
rule_view = pd.DataFrame({
    t("whatif.rb.rule_name"): by_rule["name"], t("whatif.rb.rule"): by_rule["description"],
    t("whatif.col.matched"): by_rule["matched"], t("whatif.col.affected"): by_rule["affected"],
    **{t(f"whatif.col.{k}_change", unit=U): by_rule[f"{k.replace('_total', '')}_delta"] / scale for k in money},
})
seg = limits.change_by_segment(focus_res, by)
seg_view = pd.DataFrame({
    whatif.segment_title(by): [whatif.bucket_label(buckets, v) if by == "bucket" else str(v) for v in seg[by]],
    t("whatif.col.accounts"): seg["accounts"], t("whatif.col.affected"): seg["affected"],
    t("whatif.col.balance", unit=U): seg["balance"] / scale,
    **{t(f"whatif.col.{k}_change", unit=U): seg[f"{k.replace('_total', '')}_delta"] / scale for k in money},
    t("whatif.col.expected_loss_before", unit=U): seg["expected_loss_before"] / scale,
    t("whatif.col.expected_loss", unit=U): seg["expected_loss_after"] / scale,
})

# Tabs render only when open: the backtest follows every account through history.
tab_break, tab_swap, tab_sens, tab_bt = st.tabs(
    [t("whatif.tab.breakdown"), t("whatif.tab.swap"), t("whatif.tab.sensitivity"), t("whatif.tab.backtest")],
    key="whatif_tab", on_change="rerun")

with tab_break:
    if tab_break.open:
        m1, m2 = st.columns(2)
        metric = m1.selectbox(t("whatif.res.metric"), list(METRICS), key="whatif_metric",
                              format_func={m: t(f"whatif.chart.metric.{m}") for m in METRICS}.get)
        m2.selectbox(t("whatif.res.by"), by_options, key="whatif_by",
                     format_func={c: whatif.segment_title(c) for c in by_options}.get)
        before_key = {"limit": "limit_total"}.get(metric, metric)
        show_chart(chart_waterfall(by_rule, tot["before"][before_key], metric, L, unit, defs,
                                   scenario=whatif.name_of(focus_item)),
                   key="whatif_waterfall", name=t("whatif.file.waterfall"))
        show_table(rule_view, key="whatif_by_rule", label=t("whatif.res.by_rule_table"),
                   column_config={c: st.column_config.NumberColumn(format="accounting") for c in rule_view.columns[4:]})
        st.markdown(t("whatif.res.by_segment_title", by=whatif.segment_title(by), name=whatif.name_of(focus_item)))
        seg_cfg = {c: st.column_config.NumberColumn(format="accounting") for c in seg_view.columns[3:]}
        st.dataframe(seg_view, hide_index=True, width="stretch", key="whatif_by_segment", column_config=seg_cfg)

with tab_swap:
    if tab_swap.open:
        challengers = [i for i in valid if i != ci]
        if not challengers:
            st.info(t("whatif.swap.need_two"))
        else:
            # Follow the scenario being edited when it changes; otherwise keep the user's pick.
            followed = st.session_state.get("whatif_swap_followed")
            if st.session_state.get("whatif_swap_with") not in challengers or (fi != followed and fi in challengers):
                st.session_state["whatif_swap_with"] = fi if fi in challengers else challengers[0]
            st.session_state["whatif_swap_followed"] = fi
            other = st.selectbox(t("whatif.swap.with", champion=whatif.name_of(items[ci])), challengers,
                                 key="whatif_swap_with", format_func=names.get)
            st.caption(t("whatif.swap.help"))
            swaps = limits.swap_set(results[ci], results[other])
            summary = limits.swap_summary(swaps).set_index("swap")
            s1, s2 = st.columns(2)
            for col, key in ((s1, "swap_in"), (s2, "swap_out")):
                row = summary.loc[key]
                col.metric(t(f"whatif.swap.{key}"), f"{int(row['accounts']):,}",
                           help=t(f"whatif.swap.{key}_help"))
                col.caption(t("whatif.swap.figures", balance=format_amount(row["balance"], unit), unit=U,
                              el=f"{row['el_delta'] / scale:+,.2f}", revenue=f"{row['revenue_delta'] / scale:+,.2f}"))
            swap_view = pd.DataFrame({
                t("whatif.col.account"): swaps["account_id"],
                t("whatif.col.swap"): [t(f"whatif.swap.{s}") for s in swaps["swap"]],
                t("whatif.col.bucket"): [whatif.bucket_label(buckets, b) for b in swaps["bucket"]],
                t("whatif.col.balance", unit=U): swaps["balance"] / scale,
                t("whatif.col.pd"): swaps["pd"],
                t("whatif.col.limit_before", unit=U): swaps["limit_before"] / scale,
                t("whatif.col.limit_champion", unit=U): swaps["limit_a"] / scale,
                t("whatif.col.limit_challenger", unit=U): swaps["limit_b"] / scale,
                t("whatif.col.el_delta", unit=U): swaps["el_delta"] / scale,
                t("whatif.col.revenue_delta", unit=U): swaps["revenue_delta"] / scale,
            })
            cfg = {c: st.column_config.NumberColumn(format="accounting") for c in swap_view.columns[3:]}
            cfg[t("whatif.col.pd")] = st.column_config.NumberColumn(format="percent")
            # Account rows: show the largest movers on screen, every account in the download.
            with st.expander(t("whatif.swap.table", n=len(swap_view)), expanded=False):
                if len(swap_view) > whatif.SWAP_ROWS_SHOWN:
                    st.caption(t("whatif.swap.top", shown=whatif.SWAP_ROWS_SHOWN, n=len(swap_view)))
                st.dataframe(swap_view.head(whatif.SWAP_ROWS_SHOWN), hide_index=True, width="stretch",
                             column_config=cfg, key="whatif_swap_table")
                st.download_button(t("widgets.download_csv"), data=lambda: export_csv_bytes(swap_view),
                                   file_name=f"{t('whatif.file.swap')}.csv", mime="text/csv", key="whatif_swap_csv")

with tab_sens:
    if tab_sens.open:
        if not focus_res.policy.rules:
            st.info(t("whatif.sens.no_rules", name=whatif.name_of(focus_item)))
        else:
            st.caption(t("whatif.sens.help", name=whatif.name_of(focus_item)))
            curve = whatif.sensitivity(token, limits.policy_to_json(whatif.policy_of(focus_item)), a_key, feats)
            if curve["accounts"].iloc[0] == 0:
                st.info(t("whatif.sens.nobody"))
            else:
                show_chart(chart_sensitivity(curve, L, unit, defs), key="whatif_sensitivity",
                           name=t("whatif.file.sensitivity"))
                curve_view = pd.DataFrame({
                    t("whatif.col.cut"): curve["cut_pct"] / 100.0, t("whatif.col.accounts"): curve["accounts"],
                    t("whatif.col.limit_total_change", unit=U): curve["limit_delta"] / scale,
                    t("whatif.col.ead_change", unit=U): curve["ead_delta"] / scale,
                    t("whatif.col.expected_loss_change", unit=U): curve["expected_loss_delta"] / scale,
                    t("whatif.col.revenue_change", unit=U): curve["revenue_delta"] / scale,
                    t("whatif.col.ratio"): curve["el_saved_per_revenue_lost"],
                })
                cfg = {c: st.column_config.NumberColumn(format="accounting") for c in curve_view.columns[2:]}
                cfg[t("whatif.col.cut")] = st.column_config.NumberColumn(format="percent")
                cfg[t("whatif.col.ratio")] = st.column_config.NumberColumn(format="%.3f")
                show_table(curve_view, key="whatif_sensitivity_table", column_config=cfg,
                           file_name=t("whatif.file.sensitivity"))

with tab_bt:
    if tab_bt.open:
        bt_months = limits.backtest_months(portfolio)
        if not bt_months or not focus_res.policy.rules:
            st.info(t("whatif.bt.no_history") if not bt_months
                    else t("whatif.sens.no_rules", name=whatif.name_of(focus_item)))
        else:
            c1, c2 = st.columns([3, 1])
            horizon = c2.number_input(t("whatif.bt.horizon"), min_value=1, max_value=36, value=12, step=1,
                                      key="whatif_bt_horizon")
            default_month = bt_months[max(0, len(bt_months) - 12)]
            if st.session_state.get("whatif_bt_month") not in bt_months:
                st.session_state["whatif_bt_month"] = default_month
            if len(bt_months) > 1:
                bt_month = c1.select_slider(t("whatif.bt.month"), options=bt_months, key="whatif_bt_month")
            else:
                bt_month = bt_months[0]
                c1.caption(t("whatif.bt.only_month", month=bt_month))
            with st.spinner(t("whatif.spinner.backtest", month=bt_month)):
                try:
                    bt = whatif.backtest(token, limits.policy_to_json(whatif.policy_of(focus_item)), bt_month,
                                         int(horizon), assumptions.no_forced_paydown, portfolio, buckets)
                except PolicyError as exc:
                    st.warning(exc.message(L))
                    bt = None
            if bt is not None:
                sm = bt["summary"]
                st.markdown(t("whatif.bt.summary", month=bt["month"], end=bt["window_end"], n=bt["months_observed"],
                              name=whatif.name_of(focus_item), bad_share=format_rate(sm["bad_share_of_removed"], 1),
                              bad_cut=format_rate(sm["bad_rate_cut"], 1),
                              bad_not=format_rate(sm["bad_rate_not_cut"], 1)))
                if bt["months_observed"] < int(horizon):
                    st.caption(t("whatif.bt.short_window", n=bt["months_observed"], horizon=int(horizon)))
                tb = bt["table"]
                bt_view = pd.DataFrame({
                    t("whatif.bt.outcome"): [t(f"whatif.bt.{o}") for o in tb["outcome"]],
                    t("whatif.col.accounts"): tb["accounts"], t("whatif.bt.cut"): tb["accounts_cut"],
                    t("whatif.bt.raised"): tb["accounts_raised"],
                    t("whatif.col.balance", unit=U): tb["balance"] / scale,
                    t("whatif.bt.undrawn_before", unit=U): tb["undrawn_before"] / scale,
                    t("whatif.bt.undrawn_removed", unit=U): tb["undrawn_removed"] / scale,
                    t("whatif.bt.undrawn_added", unit=U): tb["undrawn_added"] / scale,
                    t("whatif.bt.share_removed"): tb["share_removed"],
                })
                cfg = {c: st.column_config.NumberColumn(format="accounting") for c in bt_view.columns[4:8]}
                cfg[t("whatif.bt.share_removed")] = st.column_config.NumberColumn(format="percent")
                st.dataframe(bt_view, hide_index=True, width="stretch", column_config=cfg, key="whatif_backtest")
                st.caption(t("whatif.bt.definitions", dpd=91))

# --- download -------------------------------------------------------------------------------
st.download_button(
    t("whatif.download_xlsx"),
    data=lambda: export_xlsx_bytes({
        t("whatif.sheet.scenarios"): comp_view,
        t("whatif.sheet.by_rule"): rule_view,
        t("whatif.sheet.by_segment"): seg_view,
        t("whatif.sheet.assumptions"): pd.DataFrame({
            t("whatif.col.bucket"): [whatif.bucket_label(buckets, b) for b in pd_map],
            t("whatif.col.pd"): list(pd_map.values()), t("whatif.asm.source_col"): pd_tab["source"].tolist(),
        }),
        t("whatif.sheet.policy"): pd.DataFrame({"policy.json": [policy_json]}),
    }, note=defs),
    file_name=f"{t('whatif.file.results')}_{month}.xlsx",
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    key="whatif_download_xlsx", icon=":material/table_view:",
)
