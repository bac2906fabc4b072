"""Causes (逾期原因分析): why accounts are overdue, what goes with delinquency, whether the mix
shifted, and what drove this month's change. Totals from the data-core cubes; reasons and drivers from the account rows."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from analysis.causes import dictionary as C
from analysis.causes.dictionary import CAUSE_KEYS, HARDSHIP_KEYS, WILLINGNESS_KEYS, CausesError
from analysis.charts import causes as CH
from analysis.core.rates import RATE_METRICS
from analysis.causes.decomposition import waterfall_table
from analysis.core.definitions import definitions_line
from analysis.causes.drivers import explain_odds_ratios, iv_strength
from analysis.core.i18n import translate
from analysis.core.vocabulary import ACTION_KEYS, action_label, cause_label
from analysis.core.privacy import export_xlsx_bytes
from analysis.core.units import UNITS, format_amount, format_pp, format_rate, unit_label
from ui import causes as U
from ui import state
from ui.i18n import all_messages, lang, t
from ui.widgets import definitions, show_chart, show_table, stop_unless_rows

st.title(t("causes.title"))
st.caption(t("causes.intro"))

stop_unless_rows()

LANG, MEASURE, UNIT, BUCKETS = lang(), state.measure(), state.unit(), state.buckets()
FILTERS = state.active_filters_for_definitions()
UNIT_LABEL = unit_label(UNIT, LANG)
core = state.cubes()
token = state.data_token()
accounts = U.rows(token, state.portfolio(), BUCKETS)
months = core.months
segments = state.book().segments
HAS_REASONS = U.has_reasons_cached(token, accounts)
PRESENTING = state.presentation()


def dline(**kw) -> str:
    """The 口径 line of a view: what applies to it, plus the filters of the whole page."""
    return definitions_line(LANG, filters=FILTERS, **kw)


# Format functions are also called outside the script run (e.g. by AppTest), where the session's
# language cannot be read: they use the language fixed at the top of this run.
def tr(key: str, **params) -> str:
    return translate(key, LANG, all_messages(), **params)


def seg_title(col: str | None) -> str:
    key = f"segment.{col}"
    return tr(key) if key in all_messages() else str(col)


def attr_title(col: str) -> str:
    key = f"causes.attr.{col}"
    return tr(key) if key in all_messages() else seg_title(col)


def cause_name(key: str) -> str:
    return cause_label(key, LANG)


def problem(exc: CausesError) -> None:
    st.warning(exc.message(LANG))


def pp(delta: float) -> str:
    """A rate change in pp / 个百分点; a third decimal when it is under 0.1 pp, so it never reads -0.00."""
    return format_pp(delta, LANG, 3 if abs(delta) < 0.001 else 2)


def amount(values) -> pd.Series:
    return pd.Series(values, dtype="float64") / UNITS[UNIT]


def pick_month(key: str, label: str, options: list[str], default: str) -> str:
    if st.session_state.get(key) not in options:
        st.session_state[key] = default
    return st.selectbox(label, options[::-1], key=key)


TAB_KEYS = ["reasons", "drivers", "stability", "change"] if HAS_REASONS else ["drivers", "stability", "change", "reasons"]
labels = {k: t(f"causes.tab.{k}") for k in TAB_KEYS}
if not HAS_REASONS:
    st.info(t("causes.no_reason_note"))
tabs = st.tabs([labels[k] for k in TAB_KEYS], key=U.K_TAB, on_change="rerun", default=labels[TAB_KEYS[0]])
tab = dict(zip(TAB_KEYS, tabs))


# --- reasons ----------------------------------------------------------------------------------------
def dictionary_section(detail: pd.DataFrame | None) -> None:
    """Edit, download and upload the keyword dictionary; see what is still unclassified."""
    st.subheader(t("causes.dict.title"))
    st.caption(t("causes.dict.intro"))
    message = st.session_state.pop(U.K_DICT_MESSAGE, None)
    if message:
        kind, key, params = message
        (st.success if kind == "ok" else st.warning)(t(key, **params))
    current = U.dictionary()
    if detail is not None and len(detail):
        stated = int(detail.loc[detail["cause"] != "unknown", "count"].sum())
        unclassified = detail[detail["unclassified"]]
        share = unclassified["count"].sum() / stated if stated else 0.0
        c1, c2, c3 = st.columns(3)
        c1.metric(t("causes.dict.distinct"), f"{len(detail):,}")
        c2.metric(t("causes.dict.unclassified_share"), format_rate(share, 1))
        c3.metric(t("causes.dict.keywords"), f"{len(current):,}")
        if len(unclassified):
            st.markdown(t("causes.dict.unclassified_intro"))
            examples = unclassified.head(30)
            st.dataframe(
                pd.DataFrame({t("causes.col.reason"): examples["reason"].astype(str),
                              t("causes.col.count"): examples["count"]}),
                hide_index=True, width="stretch", key="causes_unclassified_table", height=220,
            )
            quick_add(examples["reason"].astype(str).tolist())
        else:
            st.success(t("causes.dict.all_classified"))

    nonce = U.editor_nonce()
    edited = st.data_editor(
        current, num_rows="dynamic", width="stretch", hide_index=True, height=320,
        key=f"{U.K_DICT_EDITOR}_{nonce}",
        column_config={
            "category": st.column_config.SelectboxColumn(
                t("causes.col.category"), options=list(CAUSE_KEYS), required=True, format_func=cause_name),
            "keyword": st.column_config.TextColumn(t("causes.col.keyword"), required=True,
                                                   help=t("causes.dict.keyword_help")),
            "lang": st.column_config.SelectboxColumn(t("causes.col.lang"), options=["zh", "en"]),
        },
    )
    b1, b2, _ = st.columns([1, 1, 2])
    if b1.button(t("causes.dict.save"), type="primary", key="causes_dict_save"):
        try:
            state.set_reason_dictionary(C.validate_dictionary(edited))
            st.session_state[U.K_DICT_MESSAGE] = ("ok", "causes.dict.saved", {"n": len(edited)})
            U.reset_editors()
            st.rerun()
        except CausesError as exc:
            problem(exc)
    if b2.button(t("causes.dict.reset"), key="causes_dict_reset"):
        state.set_reason_dictionary(None)
        st.session_state[U.K_DICT_MESSAGE] = ("ok", "causes.dict.was_reset", {})
        U.reset_editors()
        st.rerun()
    d1, d2, d3 = st.columns([1, 1, 2])
    d1.download_button(t("causes.dict.download_csv"), data=lambda: C.dictionary_to_csv(current),
                       file_name="overdue_reason_dictionary.csv", mime="text/csv", key="causes_dict_dl_csv")
    d2.download_button(t("causes.dict.download_json"), data=lambda: C.dictionary_to_json(current),
                       file_name="overdue_reason_dictionary.json", mime="application/json", key="causes_dict_dl_json")
    uploaded = d3.file_uploader(t("causes.dict.upload"), type=["csv", "json"], key=U.K_DICT_UPLOAD,
                                help=t("causes.dict.upload_help"))
    if uploaded is not None and st.session_state.get(U.K_DICT_APPLIED) != uploaded.file_id:
        st.session_state[U.K_DICT_APPLIED] = uploaded.file_id
        try:
            table = C.dictionary_from_bytes(uploaded.getvalue(), uploaded.name)
            state.set_reason_dictionary(table)
            st.session_state[U.K_DICT_MESSAGE] = ("ok", "causes.dict.uploaded", {"n": len(table), "name": uploaded.name})
            U.reset_editors()
            st.rerun()
        except CausesError as exc:
            problem(exc)


def quick_add(examples: list[str]) -> None:
    """Turn an unclassified text into a keyword in two clicks."""
    with st.form("causes_quick_form", border=True):
        st.markdown(t("causes.quick.title"))
        q1, q2, q3 = st.columns([2, 2, 2])
        text = q1.selectbox(t("causes.quick.example"), examples, key=U.K_QUICK_TEXT)
        keyword = q2.text_input(t("causes.quick.keyword"), key=U.K_QUICK_KEYWORD, help=t("causes.quick.keyword_help"))
        category = q3.selectbox(t("causes.col.category"), [k for k in CAUSE_KEYS if k != "unknown"],
                                format_func=cause_name, key=U.K_QUICK_CATEGORY)
        if st.form_submit_button(t("causes.quick.add")):
            word = (keyword or text or "").strip()
            if not word:
                st.warning(t("causes.quick.empty"))
                return
            table = pd.concat([U.dictionary(), pd.DataFrame({"category": [category], "keyword": [word],
                                                             "lang": ["zh" if not word.isascii() else "en"]})],
                              ignore_index=True)
            try:
                state.set_reason_dictionary(C.validate_dictionary(table))
            except CausesError as exc:
                problem(exc)
                return
            st.session_state[U.K_DICT_MESSAGE] = ("ok", "causes.quick.added", {"keyword": word,
                                                                               "category": cause_name(category)})
            U.reset_editors()
            st.rerun()


def classes_editor() -> None:
    with st.expander(t("causes.classes.edit")):
        st.caption(t("causes.classes.edit_help"))
        edited = st.data_editor(
            U.class_table(), width="stretch", hide_index=True, num_rows="fixed",
            key=f"{U.K_CLASS_EDITOR}_{U.editor_nonce()}", disabled=["cause"],
            column_config={
                "cause": st.column_config.SelectboxColumn(t("causes.col.cause"), options=list(CAUSE_KEYS),
                                                          format_func=cause_name),
                "willingness": st.column_config.SelectboxColumn(
                    translate("causes.class.willingness", LANG), options=list(WILLINGNESS_KEYS), required=True,
                    format_func=lambda k: translate(f"causes.willingness.{k}", LANG)),
                "hardship": st.column_config.SelectboxColumn(
                    translate("causes.class.hardship", LANG), options=list(HARDSHIP_KEYS), required=True,
                    format_func=lambda k: translate(f"causes.hardship.{k}", LANG)),
            },
        )
        c1, c2, _ = st.columns([1, 1, 2])
        if c1.button(t("causes.classes.save"), type="primary", key="causes_classes_save"):
            try:
                U.set_class_table(edited)
                U.reset_editors()
                st.rerun()
            except CausesError as exc:
                problem(exc)
        if c2.button(t("causes.classes.reset"), key="causes_classes_reset"):
            st.session_state.pop(U.K_CLASSES, None)
            U.reset_editors()
            st.rerun()


def responses_editor() -> None:
    with st.expander(t("causes.responses.edit")):
        st.caption(t("causes.responses.edit_help"))
        current = state.cause_responses()
        table = pd.DataFrame({"cause": list(CAUSE_KEYS), "response": [current.get(k, "call") for k in CAUSE_KEYS]})
        edited = st.data_editor(
            table, width="stretch", hide_index=True, num_rows="fixed", disabled=["cause"],
            key=f"{U.K_RESP_EDITOR}_{U.editor_nonce()}",
            column_config={
                "cause": st.column_config.SelectboxColumn(t("causes.col.cause"), options=list(CAUSE_KEYS),
                                                          format_func=cause_name),
                # Actions typed on another page (not in the built-in list) stay selectable.
                "response": st.column_config.SelectboxColumn(t("causes.col.response"),
                                                             options=list(dict.fromkeys([*ACTION_KEYS, *current.values()])),
                                                             required=True,
                                                             format_func=lambda k: action_label(k, LANG)),
            },
        )
        if st.button(t("causes.responses.save"), type="primary", key="causes_responses_save"):
            state.set_cause_responses({r.cause: r.response for r in edited.itertuples(index=False) if r.response})
            U.reset_editors()
            st.rerun()


def reasons_view() -> None:
    dictionary, classes = U.dictionary(), U.class_table()
    dkey, ckey = U.table_key(dictionary), U.table_key(classes)
    try:
        with st.spinner(t("causes.classifying")):
            table = U.overdue_causes(token, dkey, ckey, accounts, dictionary, classes)
            detail = U.reason_detail(token, dkey, accounts, dictionary)
    except CausesError as exc:
        problem(exc)
        dictionary_section(None)
        return
    c1, c2 = st.columns([1, 3])
    with c1:
        month = pick_month(U.K_MONTH, t("causes.month"), months, months[-1])
    rows = table[table["month"] == month]
    book = U.book_rates(token, core).loc[month]
    if not len(rows):
        st.info(t("causes.no_overdue", month=month))
        dictionary_section(detail)
        return
    par = U.pareto(token, dkey, ckey, table, month, MEASURE)
    stated = int((rows["cause"] != "unknown").sum())
    top = par.iloc[0]
    m = st.columns(4)
    m[0].metric(t("causes.m.overdue_accounts"), f"{int(par['count'].sum()):,}",
                help=t("causes.m.overdue_accounts_help", total=f"{int(book['count']):,}"))
    m[1].metric(t("causes.m.overdue_balance", unit=UNIT_LABEL), format_amount(par["balance"].sum(), UNIT),
                help=t("causes.m.overdue_balance_help", total=format_amount(float(book["balance"]), UNIT), unit=UNIT_LABEL))
    m[2].metric(t("causes.m.top_cause"), cause_name(str(top["cause"])),
                help=t("causes.m.top_cause_help", share=format_rate(top[f"{MEASURE}_share"], 1)))
    unclassified = int(rows["unclassified"].sum())
    m[3].metric(t("causes.m.unclassified"), format_rate(unclassified / stated if stated else 0.0, 1),
                help=t("causes.m.unclassified_help"))
    definitions(dline(measure=MEASURE, month=month, buckets=BUCKETS))
    # Every cause view must add up to the month's overdue book, computed independently from the rows.
    same = (int(par["count"].sum()) == int(book["overdue_count"])
            and round(float(par["balance"].sum()), 2) == round(float(book["overdue_balance"]), 2))
    st.caption(t("causes.reconciled" if same else "causes.not_reconciled", n=f"{int(book['overdue_count']):,}",
                 balance=format_amount(float(book["overdue_balance"]), UNIT), unit=UNIT_LABEL,
                 total=f"{int(book['count']):,}"))

    # One sentence a manager can read out: the few causes behind 80 % of the overdue book.
    k = int((par["cumulative_share"] < 0.8).sum()) + 1
    lead = par.head(k)
    st.markdown(t("causes.summary", k=k, measure=t(f"causes.summary.{MEASURE}"),
                  share=format_rate(float(lead[f"{MEASURE}_share"].sum()), 1),
                  causes=t("causes.summary.sep").join(
                      f"{cause_name(str(r.cause))}（{format_rate(getattr(r, f'{MEASURE}_share'), 1)}）" if LANG == "zh"
                      else f"{cause_name(str(r.cause))} ({format_rate(getattr(r, f'{MEASURE}_share'), 1)})"
                      for r in lead.itertuples(index=False))))

    # Pareto with the response next to each cause.
    st.subheader(t("causes.pareto.title"))
    st.caption(t("causes.pareto.help"))
    if st.session_state.get(U.K_PARETO_MEASURE) not in ("balance", "count"):
        st.session_state[U.K_PARETO_MEASURE] = MEASURE
    pareto_measure = st.segmented_control(
        t("causes.pareto.measure"), ["balance", "count"], key=U.K_PARETO_MEASURE,
        format_func=lambda m: tr(f"app.sidebar.measure.{m}")) or MEASURE
    ranked = par if pareto_measure == MEASURE else U.pareto(token, dkey, ckey, table, month, pareto_measure)
    show_chart(CH.chart_cause_pareto(ranked, LANG, UNIT, pareto_measure, month,
                                     dline(measure=pareto_measure, month=month)), key="causes_pareto")
    resp = C.cause_responses(ranked, state.cause_responses())
    pareto_table = pd.DataFrame({
        t("causes.col.cause"): [cause_name(c) for c in resp["cause"]],
        t("causes.col.accounts"): resp["count"],
        t("causes.col.balance", unit=UNIT_LABEL): amount(resp["balance"]).round(2),
        t("causes.col.count_share"): (resp["count_share"] * 100).round(2),
        t("causes.col.balance_share"): (resp["balance_share"] * 100).round(2),
        t("causes.col.cumulative"): (resp["cumulative_share"] * 100).round(2),
        t("causes.col.response"): [action_label(a, LANG) for a in resp["response"]],
    })
    show_table(pareto_table, key="causes_pareto", file_name=f"causes_pareto_{month}")

    st.subheader(t("causes.responses.title"))
    st.caption(t("causes.responses.help"))
    st.dataframe(pd.DataFrame({
        t("causes.col.cause"): [cause_name(c) for c in resp["cause"]],
        t("causes.col.response"): [action_label(a, LANG) for a in resp["response"]],
        t("causes.col.accounts"): resp["count"],
        t("causes.col.balance", unit=UNIT_LABEL): amount(resp["balance"]).round(2),
    }), hide_index=True, width="stretch", key="causes_responses_table")
    if not PRESENTING:
        responses_editor()

    # Cause × bucket.
    st.subheader(t("causes.bucket.title"))
    st.caption(t("causes.bucket.help"))
    by_bucket = U.breakdown(token, dkey, ckey, table, "bucket", month)
    show_chart(CH.chart_cause_by_bucket(by_bucket, BUCKETS, LANG, MEASURE, UNIT, month,
                                        dline(measure=MEASURE, month=month, buckets=BUCKETS)), key="causes_by_bucket")
    show_table(breakdown_table(by_bucket, "bucket", lambda b: BUCKETS.label_of(str(b), LANG), t("causes.col.bucket")),
               key="causes_by_bucket", file_name=f"causes_by_bucket_{month}")

    # Cause × segment.
    st.subheader(t("causes.segment.title"))
    if segments:
        if st.session_state.get(U.K_BY) not in segments:
            st.session_state[U.K_BY] = segments[0]
        by = st.selectbox(t("causes.segment.by"), segments, format_func=seg_title, key=U.K_BY)
        by_seg = U.breakdown(token, dkey, ckey, table, by, month)
        show_chart(CH.chart_cause_by_segment(by_seg, by, LANG, MEASURE, UNIT, seg_title(by), month,
                                             dline(measure=MEASURE, month=month)), key="causes_by_segment")
        show_table(breakdown_table(by_seg, by, str, seg_title(by)), key="causes_by_segment",
                   file_name=f"causes_by_{by}_{month}")
    else:
        st.info(t("causes.segment.none"))

    # Shares over months.
    st.subheader(t("causes.trend.title"))
    if len(months) < 2:
        st.info(t("causes.trend.one_month"))
    else:
        shares = U.trend(token, dkey, ckey, table)
        show_chart(CH.chart_cause_trend(shares, LANG, MEASURE, UNIT, dline(measure=MEASURE, months=(months[0], months[-1]))),
                   key="causes_trend")
        show_table(breakdown_table(shares, "month", str, t("causes.col.month")), key="causes_trend", file_name="causes_trend")

    # Classes.
    st.subheader(t("causes.classes.title"))
    st.caption(t("causes.classes.help"))
    dims = ["willingness", "hardship", "term"]
    if st.session_state.get(U.K_CLASS_DIM) not in dims:
        st.session_state[U.K_CLASS_DIM] = dims[0]
    dim = st.segmented_control(t("causes.classes.dimension"), dims, key=U.K_CLASS_DIM,
                               format_func=lambda d: translate(f"causes.class.{d}", LANG)) or dims[0]
    cls = class_summary(rows, dim)
    show_chart(CH.chart_cause_classes(cls, dim, LANG, MEASURE, UNIT, month,
                                      dline(measure=MEASURE, month=month)), key="causes_classes")
    show_table(pd.DataFrame({
        translate(f"causes.class.{dim}", LANG): [translate(f"causes.{dim}.{k}", LANG) for k in cls["class"]],
        t("causes.col.accounts"): cls["count"],
        t("causes.col.balance", unit=UNIT_LABEL): amount(cls["balance"]).round(2),
        t("causes.col.count_share"): (cls["count_share"] * 100).round(2),
        t("causes.col.balance_share"): (cls["balance_share"] * 100).round(2),
    }), key="causes_classes", file_name=f"causes_classes_{dim}_{month}")
    if PRESENTING:
        return
    classes_editor()

    st.download_button(
        t("causes.download_xlsx"),
        data=lambda: export_xlsx_bytes({
            t("causes.sheet.pareto"): pareto_table,
            t("causes.sheet.bucket"): breakdown_table(by_bucket, "bucket", lambda b: BUCKETS.label_of(str(b), LANG),
                                                      t("causes.col.bucket")),
            t("causes.sheet.reasons"): pd.DataFrame({
                t("causes.col.reason"): detail["reason"].astype(str), t("causes.col.cause"): [cause_name(c) for c in detail["cause"]],
                t("causes.col.keyword"): detail["keyword"].astype("string").fillna(""), t("causes.col.count"): detail["count"]}),
        }, note=dline(measure=MEASURE, month=month, buckets=BUCKETS)),
        file_name=f"overdue_causes_{month}.xlsx", key="causes_xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    st.divider()
    dictionary_section(detail)


def breakdown_table(frame: pd.DataFrame, by: str, label, by_title: str) -> pd.DataFrame:
    rows = frame[frame["count"] > 0]
    return pd.DataFrame({
        by_title: [label(v) for v in rows[by]],
        t("causes.col.cause"): [cause_name(str(c)) for c in rows["cause"]],
        t("causes.col.accounts"): rows["count"].to_numpy(),
        t("causes.col.balance", unit=UNIT_LABEL): amount(rows["balance"]).round(2).to_numpy(),
        t("causes.col.count_share_in"): (rows["count_share"] * 100).round(2).to_numpy(),
        t("causes.col.balance_share_in"): (rows["balance_share"] * 100).round(2).to_numpy(),
    })


def class_summary(rows: pd.DataFrame, dim: str) -> pd.DataFrame:
    grouped = rows.groupby(dim, observed=True)
    out = pd.DataFrame({"count": grouped.size(), "balance": grouped["balance"].sum()}).reset_index()
    out = out.rename(columns={dim: "class"})
    out["class"] = out["class"].astype(str)
    out["count_share"] = out["count"] / out["count"].sum()
    out["balance_share"] = out["balance"] / out["balance"].sum() if out["balance"].sum() > 0 else 0.0
    return out


with tab["reasons"]:
    if tab["reasons"].open:
        if HAS_REASONS:
            reasons_view()
        else:
            st.info(t("causes.no_reason_detail"))
            dictionary_section(None)


# --- drivers ----------------------------------------------------------------------------------------
THRESHOLDS = {1: "1+", 31: "30+", 91: "90+"}

with tab["drivers"]:
    if tab["drivers"].open:
        st.caption(t("causes.drivers.intro"))
        c1, c2 = st.columns(2)
        with c1:
            month = pick_month(U.K_DRV_MONTH, t("causes.month"), months, months[-1])
        if st.session_state.get(U.K_DRV_THRESHOLD) not in THRESHOLDS:
            st.session_state[U.K_DRV_THRESHOLD] = 31
        threshold = c2.selectbox(t("causes.drivers.threshold"), list(THRESHOLDS), key=U.K_DRV_THRESHOLD,
                                 format_func=lambda d: tr(f"causes.drivers.threshold.{d}"))
        days = threshold - 1 if threshold > 1 else 1
        flag_label = t(f"causes.drivers.threshold.{threshold}")
        try:
            with st.spinner(t("causes.drivers.preparing")):
                frame = U.driver_frame(token, accounts, month, threshold)
        except CausesError as exc:
            problem(exc)
            frame = None
        if frame is not None:
            n_bad = int(frame["bad"].sum())
            m = st.columns(3)
            m[0].metric(t("causes.drivers.m.accounts"), f"{len(frame):,}")
            m[1].metric(t("causes.drivers.m.bad", flag=flag_label), f"{n_bad:,}")
            m[2].metric(t("causes.drivers.m.rate", flag=flag_label), format_rate(n_bad / len(frame) if len(frame) else 0))
            base_line = dline(measure="count", month=month, extra=[t("causes.drivers.flag_def", flag=flag_label)])
            definitions(base_line)

            # Segment rates with significance.
            st.subheader(t("causes.drivers.segments.title"))
            st.caption(t("causes.drivers.segments.help"))
            if segments:
                if st.session_state.get(U.K_DRV_BY) not in segments:
                    st.session_state[U.K_DRV_BY] = segments[0]
                by = st.selectbox(t("causes.segment.by"), segments, format_func=seg_title, key=U.K_DRV_BY)
                try:
                    rates, chi = U.segment_rates(token, frame, month, threshold, by)
                    show_chart(CH.chart_segment_rates(rates, LANG, seg_title(by), month, days, base_line),
                               key="causes_segment_rates")
                    if chi["p_value"] == chi["p_value"]:
                        st.caption(t("causes.drivers.chi", chi2=f"{chi['chi2']:,.1f}", dof=int(chi["dof"]),
                                     p=f"{chi['p_value']:.4f}",
                                     verdict=t("causes.drivers.chi_yes" if chi["p_value"] < 0.05 else "causes.drivers.chi_no")))
                    show_table(pd.DataFrame({
                        seg_title(by): rates["segment"],
                        t("causes.col.accounts"): rates["count"],
                        t("causes.drivers.col.bad", flag=flag_label): rates["bad"],
                        t("causes.drivers.col.rate"): (rates["rate"] * 100).round(2),
                        t("causes.drivers.col.balance_rate"): (rates["balance_rate"] * 100).round(2),
                        t("causes.drivers.col.diff"): (rates["diff"] * 100).round(2),
                        t("causes.drivers.col.p"): rates["p_value"].round(4),
                        t("causes.drivers.col.p_adj"): rates["p_adjusted"].round(4),
                        t("causes.drivers.col.verdict"): [translate(f"causes.direction.{d}", LANG) for d in rates["direction"]],
                    }), key="causes_segment_rates", file_name=f"segment_rates_{by}_{month}")
                except CausesError as exc:
                    problem(exc)
            else:
                st.info(t("causes.segment.none"))

            # IV ranking.
            st.subheader(t("causes.drivers.iv.title"))
            st.caption(t("causes.drivers.iv.help"))
            iv = None
            try:
                with st.spinner(t("causes.drivers.iv.computing")):
                    iv = U.information_value(token, frame, month, threshold)
            except CausesError as exc:
                problem(exc)
            if iv is not None and len(iv):
                names = {a: attr_title(a) for a in iv["attribute"]}
                show_chart(CH.chart_iv_ranking(iv, LANG, names, month, base_line), key="causes_iv")
                show_table(pd.DataFrame({
                    t("causes.drivers.col.attribute"): [names[a] for a in iv["attribute"]],
                    "IV": iv["iv"].round(4),
                    t("causes.drivers.col.strength"): [translate(f"causes.iv.{s}", LANG) for s in iv["strength"]],
                    t("causes.drivers.col.riskiest"): iv["riskiest_bin"],
                    t("causes.drivers.col.riskiest_rate"): (iv["riskiest_rate"] * 100).round(2),
                }), key="causes_iv", file_name=f"iv_ranking_{month}")
                if (iv["strength"] == "suspicious").any():
                    st.caption(t("causes.drivers.iv.suspicious"))
                attrs = iv["attribute"].tolist()
                if st.session_state.get(U.K_DRV_ATTR) not in attrs:
                    st.session_state[U.K_DRV_ATTR] = attrs[0]
                with st.expander(t("causes.drivers.woe.title")):
                    attr = st.selectbox(t("causes.drivers.col.attribute"), attrs, format_func=names.get,
                                        key=U.K_DRV_ATTR)
                    woe = U.woe_table(token, frame, month, threshold, attr)
                    st.dataframe(pd.DataFrame({
                        t("causes.drivers.col.bin"): woe["bin"], t("causes.col.accounts"): woe["count"],
                        t("causes.drivers.col.bad", flag=flag_label): woe["bad"],
                        t("causes.drivers.col.rate"): (woe["bad_rate"] * 100).round(2),
                        "WoE": woe["woe"].round(4), "IV": woe["iv"].round(4),
                    }), hide_index=True, width="stretch", key="causes_woe_table")

                # Logistic regression.
                st.subheader(t("causes.drivers.model.title"))
                st.caption(t("causes.drivers.model.help", flag=flag_label))
                # Default: the four strongest attributes that are not suspiciously strong (leakage).
                default = [a for a in attrs if iv_strength(float(iv.set_index("attribute").loc[a, "iv"])) != "suspicious"][:4]
                chosen = [a for a in st.session_state.get(U.K_DRV_MODEL, default) if a in attrs]
                st.session_state[U.K_DRV_MODEL] = chosen
                chosen = st.multiselect(t("causes.drivers.model.attributes"), attrs, format_func=names.get,
                                        key=U.K_DRV_MODEL)
                # A big month's fit (and statsmodels' full results) takes seconds: on request, then
                # kept on for this data while the user changes the attributes or the month.
                wanted = len(frame) <= U.LOGISTIC_AUTO_ACCOUNTS or st.session_state.get(U.K_DRV_MODEL_ON) == token
                if chosen and not wanted:
                    st.caption(t("causes.drivers.model.on_request", n=f"{len(frame):,}"))
                    if st.button(t("causes.drivers.model.run"), key="causes_fit_model", icon=":material/functions:"):
                        st.session_state[U.K_DRV_MODEL_ON] = token
                        wanted = True
                if not chosen:
                    st.info(t("causes.drivers.model.pick"))
                elif wanted:
                    try:
                        with st.spinner(t("causes.drivers.model.fitting")):
                            fit = U.logistic(token, frame, month, threshold, tuple(chosen))
                        if fit.warning:
                            st.warning(translate(fit.warning, LANG))
                        st.caption(t("causes.drivers.model.facts", n=f"{fit.n:,}", events=f"{fit.events:,}",
                                     r2=f"{fit.pseudo_r2:.3f}")
                                   + (" " + t("causes.drivers.model.sampled") if fit.sampled else "")
                                   + (" " + t("causes.drivers.model.dropped", n=f"{fit.dropped:,}") if fit.dropped else ""))
                        show_chart(CH.chart_odds_ratios(fit.table, LANG, names, days, base_line), key="causes_odds")
                        st.markdown(t("causes.drivers.model.reading"))
                        for line in explain_odds_ratios(fit, LANG, names, days)[:8]:
                            st.markdown(f"- {line}")
                        show_table(pd.DataFrame({
                            t("causes.drivers.col.attribute"): [names.get(a, a) for a in fit.table["attribute"]],
                            t("causes.drivers.col.level"): fit.table["level"],
                            t("causes.drivers.col.reference"): fit.table["reference"],
                            t("causes.drivers.col.step"): fit.table["step"],
                            t("causes.drivers.col.or"): fit.table["odds_ratio"].round(4),
                            t("causes.drivers.col.ci_low"): fit.table["ci_low"].round(4),
                            t("causes.drivers.col.ci_high"): fit.table["ci_high"].round(4),
                            t("causes.drivers.col.p"): fit.table["p_value"].round(4),
                        }), key="causes_odds", file_name=f"odds_ratios_{month}")
                    except CausesError as exc:
                        problem(exc)
            elif iv is not None:
                st.info(translate("causes.error.no_attributes", LANG))


# --- stability --------------------------------------------------------------------------------------
with tab["stability"]:
    if tab["stability"].open:
        st.caption(t("causes.psi.intro"))
        columns = (["score"] if "score" in accounts.columns and accounts["score"].notna().any() else []) + segments
        if len(months) < 2:
            st.info(t("causes.psi.one_month"))
        elif not columns:
            st.info(t("causes.psi.no_columns"))
        else:
            c1, c2, c3 = st.columns(3)
            if st.session_state.get(U.K_PSI_COLUMN) not in columns:
                st.session_state[U.K_PSI_COLUMN] = columns[0]
            column = c1.selectbox(t("causes.psi.column"), columns, format_func=attr_title, key=U.K_PSI_COLUMN)
            reference = c2.selectbox(t("causes.psi.reference"), ["previous", "first"], key=U.K_PSI_REFERENCE,
                                     format_func=lambda r: tr(f"causes.psi.reference.{r}"))
            psi_measure = c3.selectbox(t("causes.psi.measure"), ["count", "balance"], key=U.K_PSI_MEASURE,
                                       format_func=lambda m: tr(f"app.sidebar.measure.{m}"))
            try:
                with st.spinner(t("causes.psi.computing")):
                    trend_psi = U.psi_trend(token, accounts, column, reference, psi_measure)
                line = dline(measure=psi_measure, months=(months[0], months[-1]),
                             extra=[t("causes.psi.bands_def") if column == "score" else t("causes.psi.segments_def")])
                definitions(line)
                latest = trend_psi.iloc[-1]
                worst = trend_psi.loc[trend_psi["psi"].idxmax()]
                m = st.columns(3)
                m[0].metric(t("causes.psi.latest", month=latest["month"]), f"{latest['psi']:.4f}",
                            help=translate(f"causes.psi.{latest['verdict']}", LANG))
                m[1].metric(t("causes.psi.verdict"), translate(f"causes.psi.{latest['verdict']}", LANG))
                m[2].metric(t("causes.psi.max"), f"{worst['psi']:.4f}", help=str(worst["month"]))
                show_chart(CH.chart_psi_trend(trend_psi, LANG, attr_title(column), line), key="causes_psi")
                show_table(pd.DataFrame({
                    t("causes.col.month"): trend_psi["month"], t("causes.psi.col.reference"): trend_psi["reference_month"],
                    "PSI": trend_psi["psi"].round(4),
                    t("causes.psi.verdict"): [translate(f"causes.psi.{v}", LANG) for v in trend_psi["verdict"]],
                }), key="causes_psi", file_name=f"psi_{column}")
                with st.expander(t("causes.psi.detail")):
                    psi_months = trend_psi["month"].tolist()
                    pm = pick_month(U.K_PSI_MONTH, t("causes.month"), psi_months, psi_months[-1])
                    ref = trend_psi.set_index("month").loc[pm, "reference_month"]
                    detail_psi = U.psi_detail(token, accounts, column, pm, ref, psi_measure)
                    st.dataframe(pd.DataFrame({
                        t("causes.psi.col.band"): detail_psi["band"],
                        t("causes.psi.col.ref_share", month=ref): (detail_psi["reference_share"] * 100).round(2),
                        t("causes.psi.col.share", month=pm): (detail_psi["share"] * 100).round(2),
                        t("causes.psi.col.change"): (detail_psi["change"] * 100).round(2),
                        t("causes.psi.col.contribution"): detail_psi["contribution"].round(5),
                    }), hide_index=True, width="stretch", key="causes_psi_detail")
            except CausesError as exc:
                problem(exc)


# --- what drove the change --------------------------------------------------------------------------
with tab["change"]:
    if tab["change"].open:
        st.caption(t("causes.change.intro"))
        if len(months) < 2:
            st.info(t("causes.change.one_month"))
        elif not segments:
            st.info(t("causes.segment.none"))
        else:
            c1, c2, c3, c4 = st.columns(4)
            with c1:
                m_from = pick_month(U.K_CHG_FROM, t("causes.change.from"), months, months[-2])
            with c2:
                m_to = pick_month(U.K_CHG_TO, t("causes.change.to"), months, months[-1])
            if st.session_state.get(U.K_CHG_BY) not in segments:
                st.session_state[U.K_CHG_BY] = segments[0]
            by = c3.selectbox(t("causes.segment.by"), segments, format_func=seg_title, key=U.K_CHG_BY)
            if st.session_state.get(U.K_CHG_METRIC) not in RATE_METRICS:
                st.session_state[U.K_CHG_METRIC] = "dpd30_rate"
            metric = c4.selectbox(t("causes.change.metric"), list(RATE_METRICS), key=U.K_CHG_METRIC,
                                  format_func=lambda k: tr(f"causes.metric.{k}"))
            try:
                rates_cube = U.segment_rate_cube(token, core, by)
                change = U.decompose(token, rates_cube, by, m_from, m_to, metric, MEASURE)
                metric_label = t(f"causes.metric.{metric}")
                line = dline(measure=MEASURE, months=(m_from, m_to), extra=[t("causes.change.def")])
                definitions(line)
                m = st.columns(4)
                m[0].metric(t("causes.change.rate_at", month=m_from), format_rate(change.rate_from))
                m[1].metric(t("causes.change.rate_at", month=m_to), format_rate(change.rate_to),
                            delta=pp(change.change), delta_color="inverse")
                m[2].metric(t("causes.change.mix_total"), pp(change.mix_total))
                m[3].metric(t("causes.change.rate_total"), pp(change.rate_total))
                seg = change.segments
                if len(seg) and abs(change.change) > 0:
                    lead = seg.iloc[0]
                    part = "mix" if abs(lead["mix_effect"]) >= abs(lead["rate_effect"]) else "rate"
                    st.markdown(t("causes.change.summary", metric=metric_label, start=m_from, end=m_to,
                                  change=pp(change.change), mix=pp(change.mix_total),
                                  rate=pp(change.rate_total), segment=lead["segment"],
                                  effect=pp(float(lead["total_effect"])),
                                  part=t(f"causes.change.part.{part}")))
                elif len(seg):
                    st.markdown(t("causes.change.no_change", metric=metric_label, start=m_from, end=m_to))
                steps = waterfall_table(change, {
                    "start": m_from, "end": m_to, "mix": translate("causes.effect.mix", LANG),
                    "rate": translate("causes.effect.rate", LANG), "others": translate("causes.segment.other", LANG)})
                show_chart(CH.chart_rate_waterfall(steps, LANG, metric_label, m_from, m_to, line), key="causes_waterfall")
                show_table(pd.DataFrame({
                    seg_title(by): seg["segment"],
                    t("causes.change.col.weight_from", month=m_from): (seg["weight_from"] * 100).round(2),
                    t("causes.change.col.weight_to", month=m_to): (seg["weight_to"] * 100).round(2),
                    t("causes.change.col.rate_from", month=m_from): (seg["rate_from"] * 100).round(3),
                    t("causes.change.col.rate_to", month=m_to): (seg["rate_to"] * 100).round(3),
                    t("causes.change.col.mix"): (seg["mix_effect"] * 100).round(4),
                    t("causes.change.col.rate"): (seg["rate_effect"] * 100).round(4),
                    t("causes.change.col.total"): (seg["total_effect"] * 100).round(4),
                }), key="causes_waterfall", file_name=f"rate_change_{by}_{m_from}_{m_to}")
            except CausesError as exc:
                problem(exc)
