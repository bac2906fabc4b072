"""The comparison tab of the arrangements page: which accounts, which options, what each is worth.

Reads the data in view (sidebar filters and month range) and the roll cube the aging page reads
(:func:`ui.aging.data.cubes`), so "collect as now" runs on the roll rates the aging page shows for
the same months and measure. Everything heavy is small here (a chain over a handful of buckets),
so the comparison is recomputed on every change; no cache is needed.
"""
from __future__ import annotations

import json
import math
import unicodedata
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from analysis.arrangements import options as O
from analysis.arrangements import tables as T
from analysis.arrangements.payload import comparison_payload, redefault_record
from analysis.arrangements.redefault import BookRedefault, book_redefault
from analysis.arrangements.segment import contract_rate, month_rows, rate_note, select_segment
from analysis.causes.dictionary import HARDSHIP_KEYS, WILLINGNESS_KEYS, overdue_causes
from analysis.charts import arrangements as C
from analysis.core.definitions import definitions_line
from analysis.core.i18n import MessageError
from analysis.core.markup import escape_markdown
from analysis.core.privacy import export_xlsx_bytes
from analysis.core.rates import shift_month
from analysis.core.view import View
from ui import persist, presentation, sharing, state
from ui.aging import data as D
from ui.arrangements import keys as K
from ui.causes import session as cause_session
from analysis.core.units import format_pp
from ui.i18n import t, t_data
from ui.widgets import definitions, show_chart, show_display_table

#: Editor columns: key → kind of value (the titles come from the page catalogue).
EDITOR_COLUMNS = ("kind", "name", "months", "accrue", "fee_rate", "rate", "redefault", "discount", "pay_by", "take_up")
PERCENT_COLUMNS = ("fee_rate", "rate", "redefault", "discount", "take_up")


@dataclass(frozen=True)
class Setup:
    """What the reader chose: the segment, the months its roll rates pool, the assumptions, options."""

    view: View
    month: str
    window: list[str]
    bucket: str | None
    cause_class: str | None
    account: str | None
    assumptions: O.ArrangementAssumptions
    options: tuple[O.Option, ...]
    rate_from_data: bool


def comparison_tab() -> None:
    """The whole comparison: the choices, then the results (or what to change)."""
    if not state.has_data() or not len(state.portfolio()):
        st.info(t("arr.page.no_data"))
        return
    rolls = D.cubes(state.data_token(), state.cubes()).rolls
    setup = _choose(rolls)
    if setup is None:
        return
    try:
        comparison, record, sens = _price(setup, rolls)
    except MessageError as exc:
        st.error(exc.markdown(setup.view.lang), icon=":material/error:")
        return
    _results(setup, comparison, record, sens)


# --- the choices --------------------------------------------------------------------------------

def _choose(rolls: pd.DataFrame) -> Setup | None:
    view = state.view()
    panel = state.portfolio()
    months = sorted(panel["month"].unique())
    pairs = [m for m in months if shift_month(m, 1) in set(months)]
    st.markdown(t("arr.page.segment_intro"))
    c1, c2, c3 = st.columns([1, 1, 2])
    month = persist.choice(c1.selectbox, t("arr.page.month"), months[::-1], key=K.MONTH, default=months[-1],
                           options=months)
    presentation.shown_choice(t("arr.page.month"), month)
    modes = ["segment", "account"]
    # Labels as dicts made in this run: a format_func calling t() later (AppTest formats outside
    # the run) would use another language than the options were drawn in.
    mode_labels = {m: t(f"arr.page.mode.{m}") for m in modes}
    mode = persist.choice(c2.radio, t("arr.page.mode"), modes, key=K.MODE, default="segment", options=modes,
                          format_func=mode_labels.get, horizontal=True)
    rows = month_rows(panel, month, view.buckets)
    bucket = cause = account = None
    if mode == "segment":
        bucket, cause = _segment_choice(c3, rows, view)
        if bucket is None:
            st.info(t("arr.page.no_overdue", month=month))
            return None
    else:
        account = c3.text_input(t("arr.page.account"), key=K.ACCOUNT, placeholder=t("arr.page.account_hint")).strip()
        if not account:
            st.info(t("arr.page.account_needed"))
            return None
    window = _window(pairs, month)
    if window is None:
        st.info(t("arr.page.no_pairs", month=month))
        return None
    assumptions, from_data = _assumptions(rows, bucket, account)
    options = _options_editor(view)
    if options is None:
        return None
    return Setup(view=view, month=month, window=window, bucket=bucket, cause_class=cause, account=account,
                 assumptions=assumptions, options=options, rate_from_data=from_data)


def _segment_choice(column, rows: pd.DataFrame, view: View) -> tuple[str | None, str | None]:
    """The overdue bucket (with its accounts in the month) and, when reasons exist, a cause class."""
    counts = rows["bucket"].value_counts()
    overdue = [k for k in view.buckets.keys[1:] if counts.get(k, 0) > 0]
    if not overdue:
        return None, None
    inner = column.columns(2)
    bucket_labels = {k: t("arr.page.bucket_option", bucket=view.buckets.label_of(k, view.lang), n=int(counts.get(k, 0)))
                     for k in overdue}
    bucket = persist.choice(inner[0].selectbox, t("arr.page.bucket"), overdue, key=K.BUCKET, default=overdue[0],
                            options=overdue, format_func=bucket_labels.get)
    if "overdue_reason" not in rows.columns:
        inner[1].caption(t("arr.page.no_reasons"))
        return bucket, None
    # The dictionary and classes the reader edited on the causes page, so the classes match it.
    causes = overdue_causes(rows[rows["bucket"] == bucket], state.reason_dictionary(), cause_session.class_table())
    combos = causes.groupby(["willingness", "hardship"], observed=True)["account_id"].nunique()
    choices = [""] + [f"{w}/{h}" for (w, h) in combos.index if w in WILLINGNESS_KEYS and h in HARDSHIP_KEYS]
    labels = {"": t("arr.page.cause_all")}
    for (w, h), n in combos.items():
        labels[f"{w}/{h}"] = t("arr.page.cause_option", willingness=t(f"causes.willingness.{w}"),
                               hardship=t(f"causes.hardship.{h}"), n=int(n))
    cause = persist.choice(inner[1].selectbox, t("arr.page.cause_class"), choices, key=K.CAUSE_CLASS, default="",
                           options=choices, format_func=labels.get, help=t("arr.page.cause_help"))
    return bucket, cause or None


def _window(pairs: list[str], month: str) -> list[str] | None:
    usable = [m for m in pairs if shift_month(m, 1) <= month]
    if not usable:
        return None
    default = (usable[max(0, len(usable) - 6)], usable[-1])
    if len(usable) == 1:
        return usable
    rng = tuple(persist.choice(st.select_slider, t("arr.page.window"), usable, value=default, key=K.WINDOW,
                               options=usable, default=default, help=t("arr.page.window_help")))
    return [m for m in usable if rng[0] <= m <= rng[1]]


def _assumptions(rows: pd.DataFrame, bucket: str | None, account: str | None) -> tuple[O.ArrangementAssumptions, bool]:
    """The money assumptions, in percent as a reader types them; the contract rate from the data
    when it has one (for the accounts chosen)."""
    base = O.ArrangementAssumptions()
    chosen = rows[rows["account_id"].astype(str) == account] if account else rows[rows["bucket"] == bucket]
    data_rate = contract_rate(chosen)
    with st.expander(t("arr.page.assumptions"), icon=":material/tune:", expanded=False):
        c = st.columns(5)
        discount = persist.choice(c[0].number_input, t("arr.page.discount"), key=K.DISCOUNT,
                                  default=base.discount_rate * 100, min_value=0.0, max_value=100.0, step=0.5,
                                  help=t("arr.page.discount_help"))
        contract_default = round((data_rate if data_rate is not None else base.contract_rate) * 100, 4)
        contract = persist.choice(c[1].number_input, t("arr.page.contract"), key=K.CONTRACT, default=contract_default,
                                  min_value=0.0, max_value=100.0, step=0.5,
                                  help=t("arr.page.contract_help_data" if data_rate is not None else "arr.page.contract_help"))
        recovery = persist.choice(c[2].number_input, t("arr.page.recovery"), key=K.RECOVERY,
                                  default=base.recovery_rate * 100, min_value=0.0, max_value=100.0, step=5.0,
                                  help=t("arr.page.recovery_help"))
        lag = persist.choice(c[3].number_input, t("arr.page.lag"), key=K.LAG, default=base.recovery_lag,
                             min_value=0, max_value=120, step=1, help=t("arr.page.lag_help"))
        chargeoff = persist.choice(c[4].number_input, t("arr.page.chargeoff"), key=K.CHARGEOFF,
                                   default=base.chargeoff_dpd, min_value=1, max_value=3650, step=30,
                                   help=t("arr.page.chargeoff_help"))
        unusable = rate_note(chosen)
        if unusable is not None and math.isclose(contract, contract_default):  # the data's rate, as the CLI says it
            st.caption(t(unusable[0], **unusable[1]))
    assumptions = O.ArrangementAssumptions(discount_rate=discount / 100, contract_rate=contract / 100,
                                           recovery_rate=recovery / 100, recovery_lag=int(lag),
                                           chargeoff_dpd=int(chargeoff))
    return assumptions, data_rate is not None and math.isclose(contract, contract_default)


#: The terms each kind reads; the editor leaves the others blank (and ignores them).
TERMS = {
    "none": (),
    "grace": ("months", "accrue", "redefault"),
    "instalment": ("months", "fee_rate", "rate", "redefault"),
    "freeze": ("months", "redefault"),
    "settlement": ("discount", "pay_by", "take_up"),
}


def options_frame(options: tuple[O.Option, ...], lang: str) -> pd.DataFrame:
    """Options as the editor shows them: kind as its label, shares in percent, and only the terms
    the kind reads filled in (as text: an empty cell must read as empty, not "None")."""
    labels = _kind_labels()
    rows = []
    for o in options:
        values = {"months": o.months, "fee_rate": o.fee_rate * 100, "rate": o.rate * 100,
                  "redefault": None if o.redefault is None else o.redefault * 100,
                  "discount": o.discount * 100, "pay_by": o.pay_by, "take_up": o.take_up * 100}
        row = {"kind": labels[o.kind], "name": o.name, "accrue": bool(o.accrue) if o.kind == "grace" else False}
        for column in PERCENT_COLUMNS + ("months", "pay_by"):
            value = values[column]
            row[column] = f"{round(value, 6):g}" if column in TERMS[o.kind] and value is not None else ""
        rows.append(row)
    return pd.DataFrame(rows, columns=list(EDITOR_COLUMNS))


def _kind_labels() -> dict[str, str]:
    return {k: t(f"arr.page.kind.{k}") for k in O.OPTION_KINDS}


def options_from_frame(frame: pd.DataFrame) -> tuple[O.Option, ...]:
    """The editor's rows back to options; a row with no kind is skipped (an empty new row).
    A blank term takes the option's default (for the re-default rate: the kind's default).

    Raises
    ------
    MessageError
        The first row that cannot be an option, with the row number in the message.
    """
    kinds = {label: key for key, label in _kind_labels().items()}
    out = []
    for number, row in enumerate(frame.to_dict("records"), start=1):
        label = row.get("kind")
        if not _given(label) or str(label).strip() == "":
            continue
        kind = kinds.get(str(label), str(label))
        used = TERMS.get(kind, ())
        try:
            terms = {c: _number(row.get(c), c) for c in PERCENT_COLUMNS + ("months", "pay_by") if c in used}
            out.append(O.Option(
                kind=kind, name=_text(row.get("name")),
                months=_whole(terms.get("months"), 0), accrue=bool(row.get("accrue")) if kind == "grace" and _given(row.get("accrue")) else True,
                fee_rate=_share(terms.get("fee_rate")), rate=_share(terms.get("rate")),
                redefault=_share(terms["redefault"]) if terms.get("redefault") is not None else None,
                discount=_share(terms.get("discount")), pay_by=_whole(terms.get("pay_by"), 1),
                take_up=_share(terms["take_up"]) if terms.get("take_up") is not None else O.DEFAULT_TAKE_UP))
        except MessageError as exc:
            raise MessageError("arr.err.option_row", row=number, reason=exc) from None
    return tuple(out)


def _given(value) -> bool:
    return value is not None and not (isinstance(value, float) and math.isnan(value)) and value is not pd.NA


def _text(value) -> str:
    return str(value).strip() if _given(value) else ""


def _number(value, column: str) -> float | None:
    """A typed cell as a number (``%`` and full-width digits allowed); blank is None."""
    if not _given(value):
        return None
    text = str(value).strip().translate(str.maketrans("０１２３４５６７８９．％，", "0123456789.%,")).rstrip("%").strip()
    if not text:
        return None
    # "0,6" is a decimal comma; "1,200" or "1,200.5" a thousands separator.
    if text.count(",") == 1 and "." not in text and len(text.split(",")[1]) != 3:
        text = text.replace(",", ".")
    try:
        return float(text.replace(",", ""))
    except ValueError:
        raise MessageError("arr.err.not_number", field=t(f"arr.page.col.{column}"), value=value) from None


def _share(value) -> float:
    return float(value) / 100.0 if value is not None else 0.0


def _whole(value, default: int):
    if value is None:
        return default
    number = float(value)
    return int(number) if number.is_integer() else number


def header_width(header: str, *values: str) -> int:
    """Pixels an editor column needs to show ``header`` (and ``values``) whole: Streamlit's "small"
    (75 px) cut "名称（" and "月手续" off the option table's headers.

    About 8 px per half-width character (a CJK character counts two), plus the column's icon, its
    help mark and padding.

    Examples
    --------
    >>> header_width("月数"), header_width("月手续费率%")
    (88, 144)
    """
    text = max((header, *values), key=_display_width)
    return 8 * _display_width(text) + 56


def _display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _options_editor(view: View) -> tuple[O.Option, ...] | None:
    st.markdown(t("arr.page.options_intro"))
    start = options_frame(O.default_options(), view.lang)
    labels = list(_kind_labels().values())
    text = st.column_config.TextColumn
    config = {
        "kind": st.column_config.SelectboxColumn(t("arr.page.col.kind"), options=labels, required=True,
                                                 width=header_width(t("arr.page.col.kind"), *labels)),
        **{key: column(t(f"arr.page.col.{key}"), width=header_width(t(f"arr.page.col.{key}")),
                       help=t(f"arr.page.col.{key}_help"))
           for key, column in (("name", text), ("months", text), ("accrue", st.column_config.CheckboxColumn),
                               ("fee_rate", text), ("rate", text), ("redefault", text), ("discount", text),
                               ("pay_by", text), ("take_up", text))},
    }
    edited = persist.editor(K.OPTIONS, start, num_rows="dynamic", hide_index=True, column_config=config, width="stretch")
    try:
        options = options_from_frame(edited)
    except MessageError as exc:
        st.error(exc.markdown(view.lang), icon=":material/error:")
        return None
    if not options:
        st.info(t("arr.page.no_options"))
        return None
    st.caption(t("arr.page.redefault_source"))
    return options


# --- pricing and results -----------------------------------------------------------------------

@sharing.cache_data(show_spinner=False, max_entries=8)
def _book_redefault(token: str, chargeoff_dpd: int, _panel: pd.DataFrame) -> BookRedefault:
    """The book's own re-default after arrangements, once per data and charge-off point."""
    return book_redefault(_panel, chargeoff_dpd)


def _price(setup: Setup, rolls: pd.DataFrame):
    v = setup.view
    panel = state.portfolio()
    segment, rows = select_segment(panel, setup.month, v.buckets, bucket=setup.bucket, cause_class=setup.cause_class,
                                   account_id=setup.account, dictionary=state.reason_dictionary(),
                                   classes=cause_session.class_table())
    chain = O.collection_chain(rolls, v.buckets, setup.window, v.measure, setup.assumptions.chargeoff_dpd)
    own = _book_redefault(state.data_token(), setup.assumptions.chargeoff_dpd, panel)
    options = O.with_default_redefault(setup.options, own.rate)
    comparison = O.compare_options(options, chain, segment, setup.assumptions, v.lang)
    sens = {f: O.sensitivity(comparison, f, lang=v.lang) for f in ("redefault", "recovery")}
    record = O.assumptions_record(comparison)
    record["contract_rate_source"] = "data" if setup.rate_from_data else "assumption"
    record.update(redefault_record(own))
    return comparison, record, sens


def _dline(setup: Setup, comparison: O.Comparison) -> str:
    a = setup.assumptions
    chain = comparison.chain
    extra = [t("arr.page.defs", first=chain.months[0], last=shift_month(chain.months[-1], 1), n=len(chain.months),
               measure=t(f"arr.page.measure.{chain.measure}"), discount=f"{a.discount_rate * 100:g}",
               recovery=f"{a.recovery_rate * 100:g}", lag=a.recovery_lag, dpd=a.chargeoff_dpd)]
    return definitions_line(setup.view.lang, filters=setup.view.filter_dict, extra=extra)


def _results(setup: Setup, comparison: O.Comparison, record: dict, sens: dict) -> None:
    v = setup.view
    seg = comparison.segment
    table = comparison.options
    best = table.set_index("name").loc[comparison.best]
    none = table.iloc[0]
    st.subheader(t("arr.page.results", who=_who(setup, seg)))  # _who escapes the account id
    dline = _dline(setup, comparison)
    definitions(dline)
    for warning in O.comparison_warnings(comparison, v.lang):
        st.warning(warning, icon=":material/warning:")
    _redefault_note(record)
    if comparison.chain.assumed_rows:
        st.caption(t("arr.page.assumed_rows", buckets=", ".join(comparison.chain.assumed_rows)))
    m = st.columns(4)
    m[0].metric(t("arr.page.card.segment", unit=v.unit_label), f"{v.scale(seg.balance):,.2f}",
                help=t("arr.page.card.segment_help", n=seg.accounts))
    usable = O.baseline_usable(comparison)
    if not usable:  # a gain over a baseline that never resolves is no gain
        st.error(t("arr.page.verdict_unusable", share=f"{comparison.unresolved * 100:.0f}%"), icon=":material/block:")
    else:
        _best_cards_and_verdict(m, comparison, best, none, v)
    subtitle = [dline]
    show_chart(C.chart_option_values(table, v, best=comparison.best if usable else "", subtitle=subtitle),
               key=K.VALUES_CHART)
    show_display_table(T.options_table(comparison, v), key=K.TABLE_OPTIONS)
    show_chart(C.chart_cumulative_cash(comparison.cash_flows, list(table["name"]), v, subtitle=subtitle),
               key=K.CASH_CHART)
    show_display_table(T.cash_flow_table(comparison, v), key=K.TABLE_CASH)
    st.markdown(t("arr.page.sensitivity"))
    (tab_r, open_r), (tab_c, open_c) = presentation.tabs(K.SENS_TAB, [t("arr.page.sens.redefault"),
                                                                      t("arr.page.sens.recovery")])
    for tab, is_open, factor, key in ((tab_r, open_r, "redefault", K.SENS_REDEFAULT),
                                      (tab_c, open_c, "recovery", K.SENS_RECOVERY)):
        with tab:
            if is_open:
                _sensitivity(sens[factor], v, factor, key, dline, usable)
    show_display_table(T.roll_rates_table(comparison, v), key=K.TABLE_ROLLS, label=t("arr.page.rolls_used"))
    _downloads(setup, comparison, record, sens)


def _best_cards_and_verdict(m, comparison: O.Comparison, best, none, v) -> None:
    """The best option's three cards and the sentence that names it."""
    best_kind = str(best["kind"])
    # An option's name comes from the user's options file; a metric's value is markdown too.
    m[1].metric(t("arr.page.card.best"),
                escape_markdown(comparison.best) if len(comparison.best) < 14 else t(f"arr.page.kind.{best_kind}"),
                help=escape_markdown(comparison.best))
    m[2].metric(t("arr.page.card.gain", unit=v.unit_label), f"{v.scale(best['value_vs_none']):+,.2f}")
    m[3].metric(t("arr.page.card.cure"), f"{best['cure_probability'] * 100:.1f}%",
                format_pp(best["cure_probability"] - none["cure_probability"], v.lang),
                help=t("arr.page.card.cure_help"))
    if best_kind == "none":  # "no arrangement has the highest NPV, 0.00 more than no arrangement" said nothing
        st.markdown(t("arr.page.verdict_none", none=f"{v.scale(none['npv']):,.2f}", unit=v.unit_label))
    else:
        st.markdown(t_data("arr.page.verdict", best=comparison.best, gain=f"{v.scale(best['value_vs_none']):,.2f}",
                           unit=v.unit_label, none=f"{v.scale(none['npv']):,.2f}"))


def _redefault_note(record: dict) -> None:
    """Say whether the default re-default rates are the book's own or the published ones."""
    own = record.get("book_redefault")
    if record.get("redefault_source") == "book":
        st.caption(t_data("arr.page.book_redefault", rate=f"{own['rate'] * 100:.1f}", n=own["accounts"], k=own["defaulted"],
                     column=own["column"], first=own["first_months"][0], last=own["first_months"][1],
                     horizon=own["horizon_months"]))
    elif own is not None:
        st.caption(t_data("arr.page.book_redefault_thin", n=own["accounts"], column=own["column"]))


def _who(setup: Setup, seg: O.Segment) -> str:
    v = setup.view
    if seg.account_id:
        return t_data("arr.page.who.account", account=seg.account_id, bucket=v.buckets.label_of(seg.bucket, v.lang),
                 month=seg.month)
    if seg.cause_class:
        w, h = (seg.cause_class.split("/") + [None])[:2]
        cause = " · ".join(t(f"causes.{dim}.{key}") for dim, key in (("willingness", w), ("hardship", h)) if key)
        return t("arr.page.who.cause", bucket=v.buckets.label_of(seg.bucket, v.lang), cause=cause, month=seg.month)
    return t("arr.page.who.bucket", bucket=v.buckets.label_of(seg.bucket, v.lang), month=seg.month)


def _sensitivity(sens: pd.DataFrame, v: View, factor: str, key: str, dline: str, usable: bool = True) -> None:
    winners = list(dict.fromkeys(sens.sort_values("value")["best"]))
    text = (t_data("arr.page.sens.stable", best=winners[0]) if len(winners) == 1
            else t("arr.page.sens.changes", winners=" → ".join(escape_markdown(w) for w in winners)))
    if usable:  # over a baseline that never resolves no option is best, at any value
        st.markdown(text)
    show_chart(C.chart_sensitivity(sens, v, factor, subtitle=[dline]), key=key)
    show_display_table(T.sensitivity_table(sens, v, factor), key=f"{key}_table")


def _downloads(setup: Setup, comparison: O.Comparison, record: dict, sens: dict) -> None:
    if state.presentation():
        return
    v = setup.view
    sheets = [T.options_table(comparison, v), T.cash_flow_table(comparison, v),
              T.sensitivity_table(sens["redefault"], v, "redefault"), T.sensitivity_table(sens["recovery"], v, "recovery"),
              T.roll_rates_table(comparison, v), T.assumptions_table(record, v)]
    frames = {t(f"arr.page.sheet.{i}"): table.frame[table.shown_columns] for i, table in enumerate(sheets)}
    stem = f"{t('arr.page.file')}_{comparison.segment.month}"
    c = st.columns(4)
    c[0].download_button(t("arr.page.download_xlsx"), data=lambda: export_xlsx_bytes(frames, note=_dline(setup, comparison)),
                         file_name=f"{stem}.xlsx", key=K.DOWNLOAD_XLSX, icon=":material/table_view:", width="stretch",
                         mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    body = comparison_payload(comparison, record, sens)
    c[1].download_button(t("arr.page.download_json"), data=json.dumps(body, ensure_ascii=False, default=str),
                         file_name=f"{stem}.json", mime="application/json", key=K.DOWNLOAD_JSON,
                         icon=":material/data_object:", help=t("arr.page.download_json_help"), width="stretch")
    c[2].download_button(t("arr.page.download_options"), data=O.options_to_json(setup.options, setup.assumptions),
                         file_name=f"{t('arr.page.options_file')}.json", mime="application/json",
                         key=K.DOWNLOAD_OPTIONS, icon=":material/save:", help=t("arr.page.download_options_help"),
                         width="stretch")
    from analysis.arrangements.offer_summary import offers_html

    c[3].download_button(t("arr.page.download_summary"), data=offers_html(comparison, v).encode("utf-8"),
                         file_name=f"{t('arr.page.summary_file')}.html", mime="text/html", key=K.DOWNLOAD_SUMMARY,
                         icon=":material/print:", help=t("arr.page.download_summary_help"), width="stretch")
