"""The roll-rate tab: the matrix of a month pair or window, the flow chain, cure and entry rates."""
from __future__ import annotations

import streamlit as st

from analysis.aging import rates as A
from analysis.aging import tables as TB
from analysis.charts import aging as C
from analysis.core.buckets import EXIT
from analysis.core.rates import shift_month
from analysis.core.tables import MISSING, screen_values
from analysis.core.vocabulary import entry_rate_definition

from ui import memo, persist, state
from ui.aging import data as D
from ui.aging import keys as K
from ui.aging import page as P
from ui.aging import state as S
from ui.aging.accounts import DRILL_SHOW, drill_columns, drill_table
from ui.i18n import t
from ui.widgets import show_chart, show_display_table


def roll_rates(page: P.Page) -> None:
    """The roll-rate matrix of a month pair or window, the flow chain, cure and entry rates."""
    pairs = list(page.cubes.roll_months)
    if not pairs:
        st.info(t("aging.roll.none", n=len(page.months)))
        return
    chosen, label = _roll_months(page, pairs)
    v = page.view
    try:
        long = A.roll_matrix_long(page.cubes.rolls, chosen, v.measure)
        sub = page.subtitle(measure=v.measure, extra=[t("aging.roll.basis", months=label)])
        # charts from the chart cache: a rerun that changes none of their inputs rebuilds none
        picked = show_chart(memo.chart(lambda: C.chart_roll_heatmap(long, v, title_months=label, subtitle=sub, pick=True),
                                       long, v, label, sub), key=K.ROLL, pick=True)
        show_display_table(TB.roll_table(long, v, title_months=label), key=K.ROLL_TABLE)
        st.caption(t("aging.roll.exit_note"))
        if not state.presentation():
            _cell_accounts(page, chosen, picked[0] if picked else None)
        _flows(page, chosen, label, (pairs[0], pairs[-1]))
    except A.AgingError as exc:
        P.warn(exc, v)


def _cell_accounts(page: P.Page, chosen: list[str], cell: dict | None) -> None:
    """The accounts behind the roll-matrix cell the reader clicked (one month pair), masked."""
    if len(chosen) != 1:
        st.caption(t("aging.roll.drill_pair_only"))
        return
    if cell is None or not {"from_key", "to_key"} <= set(cell):
        st.caption(t("aging.roll.drill_hint"))
        return
    v, frm, to = page.view, str(cell["from_key"]), str(cell["to_key"])
    drilled = D.drill_down(page.token, page.core, state.portfolio(), chosen[0], frm, None, None, True)
    rows = A.roll_cell_rows(drilled, to)
    to_label = t("aging.roll.exit") if to == EXIT else v.buckets.label_of(to, v.lang)
    st.markdown(t("aging.roll.drill_heading", n=len(rows), frm=v.buckets.label_of(frm, v.lang), to=to_label,
                  months=f"{chosen[0]} → {S.next_month(chosen[0])}"))
    table = drill_table(rows, v.but(month=chosen[0]))
    st.dataframe(screen_values(table).head(DRILL_SHOW), hide_index=True, width="stretch", key=K.ROLL_DRILL,
                 column_config=drill_columns(table, v), placeholder=MISSING)
    st.caption(t("aging.roll.drill_clear"))


def _roll_months(page: P.Page, pairs: list[str]) -> tuple[list[str], str]:
    """The from-months the reader picked (one pair, or a window) and how to name them."""
    c = st.columns([1, 2])
    modes = ["pair", "window"]
    mode = persist.choice(c[0].radio, t("aging.roll.mode"), modes, format_func=P.options("aging.roll.mode", modes).get,
                          key=K.ROLL_MODE, default=modes[0], options=modes, horizontal=True)
    if mode == "pair":
        frm = persist.choice(c[1].selectbox, t("aging.roll.pair"), pairs[::-1], key=K.ROLL_PAIR, options=pairs,
                             default=S.default_pair(page.view.month, pairs),
                             format_func=lambda m: f"{m} → {S.next_month(m)}")
        return [frm], f"{frm} → {S.next_month(frm)}"
    start_default = pairs[max(0, len(pairs) - 6)]
    # A range slider must be given a range (value=) to be one; its start is the kept value anyway.
    window = (start_default, pairs[-1])
    rng = tuple(persist.choice(c[1].select_slider, t("aging.roll.window"), pairs, value=window, key=K.ROLL_WINDOW,
                               options=pairs, default=window)) if len(pairs) > 1 else (pairs[0], pairs[0])
    chosen = [m for m in pairs if rng[0] <= m <= rng[1]]
    return chosen, t("aging.roll.window_label", first=rng[0], last=S.next_month(rng[1]), n=len(chosen))


def _flows(page: P.Page, chosen: list[str], label: str, span: tuple[str, str]) -> None:
    """Flow-rate chain over every pair, cure rates of the chosen months, entry rates."""
    v = page.view
    everything = D.all_roll_rates(page.token, page.cubes.rolls, v.measure)
    st.subheader(t("aging.flow.heading"))
    flow = D.flow_chain(page.token, page.cubes.rolls, v.measure)
    flow_line = page.subtitle(measure=v.measure, months=span)
    show_chart(memo.chart(lambda: C.chart_flow_chain(flow, v, subtitle=flow_line), flow, v, flow_line), key=K.FLOW)
    show_display_table(TB.flow_table(flow, v), key=K.FLOW_TABLE)
    left, right = st.columns(2)
    with left:
        cure = A.cure_rates(everything, chosen)
        cure_line = page.dline(measure=v.measure, extra=[t("aging.roll.basis", months=label)])
        show_chart(memo.chart(lambda: C.chart_cure_rates(cure, v, subtitle=cure_line), cure, v, cure_line), key=K.CURE)
        show_display_table(TB.cure_table(cure, v), key=K.CURE_TABLE)
    with right:
        entry = D.entry_rates_of(page.token, page.cubes.rolls, v.measure)
        # Entry rates are dated at the month of entry: each pair's end month, as on overview and trend.
        entry_span = (shift_month(span[0], 1), shift_month(span[1], 1))
        entry_line = page.dline(measure=v.measure, months=entry_span, extra=[entry_rate_definition(v.lang)])
        show_chart(memo.chart(lambda: C.chart_entry_rates(entry, v, subtitle=entry_line), entry, v, entry_line),
                   key=K.ENTRY)
        show_display_table(TB.entry_table(entry, v), key=K.ENTRY_TABLE)
