"""The two calculators of the arrangements page: card interest (信用卡利息) and the true annual
rate of an instalment plan. Each section draws into the current container (the page puts them in
tabs); the figures come from :mod:`analysis.arrangements`, the printable customer summary from
:mod:`analysis.arrangements.calculator_summary`.
"""
from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from analysis.arrangements.calculator_summary import (
    card_definitions, card_interest_summary_html, instalment_summary_html, money, percent,
)
from analysis.arrangements.card_interest import (
    MAX_DAILY_RATE, CardInterestError, CardStatement, Transaction, card_interest, quote_payments,
)
from analysis.arrangements.instalment import MAX_FEE_RATE, MAX_MONTHS, InstalmentError, instalment_plan
from ui import persist, state
from ui.i18n import lang, t
from ui.widgets import definitions, show_table

# --- card interest ------------------------------------------------------------------------------
K_CARD_STATEMENT = "arr.calc.card.statement_date"
K_CARD_DUE = "arr.calc.card.due_date"
K_CARD_NEXT = "arr.calc.card.next_statement_date"
K_CARD_TRANSACTIONS = "arr.calc.card.transactions"
K_CARD_FEES = "arr.calc.card.fees"
K_CARD_PAYMENT = "arr.calc.card.payment"
K_CARD_DAILY_RATE = "arr.calc.card.daily_rate_pct"
K_CARD_MIN_SHARE = "arr.calc.card.min_share_pct"
K_CARD_LATE_RATE = "arr.calc.card.late_rate_pct"
K_CARD_LATE_FLOOR = "arr.calc.card.late_floor"
K_CARD_METHOD = "arr.calc.card.method"
K_CARD_CUSTOMER = "arr.calc.card.customer"  # not kept: a name is personal data
K_CARD_DOWNLOAD = "arr.calc.card.download"

# --- instalment ---------------------------------------------------------------------------------
K_INST_PRINCIPAL = "arr.calc.inst.principal"
K_INST_FEE_RATE = "arr.calc.inst.fee_rate_pct"
K_INST_MONTHS = "arr.calc.inst.months"
K_INST_CUSTOMER = "arr.calc.inst.customer"
K_INST_DOWNLOAD = "arr.calc.inst.download"
K_INST_SCHEDULE = "arr.calc.inst.schedule"

#: The example a first visit starts from: a statement on the 5th, due 20 days later, purchases
#: over the month before and one refund.
DEFAULT_DATES = (date(2026, 11, 5), date(2026, 11, 25), date(2026, 12, 5))
DEFAULT_TRANSACTIONS = ((date(2026, 10, 8), 3000.0), (date(2026, 10, 20), 1500.5), (date(2026, 11, 1), -200.0))
MONEY_FORMAT = "%,.2f"


def card_interest_section() -> None:
    """The card-interest calculator: inputs, the statement balance and minimum, the three
    payments under both methods, the definitions line and the customer summary download."""
    st.subheader(t("calc.page.card.title"))
    st.caption(t("calc.page.card.intro"))
    d1, d2, d3 = st.columns(3)
    statement_date = persist.choice(d1.date_input, t("calc.page.card.statement_date"), key=K_CARD_STATEMENT,
                                    default=DEFAULT_DATES[0])
    due_date = persist.choice(d2.date_input, t("calc.page.card.due_date"), key=K_CARD_DUE, default=DEFAULT_DATES[1])
    next_date = persist.choice(d3.date_input, t("calc.page.card.next_statement_date"), key=K_CARD_NEXT,
                               default=DEFAULT_DATES[2])
    rows = _transactions_editor()
    a1, a2 = st.columns(2)
    fees = persist.choice(a1.number_input, t("calc.page.card.fees"), key=K_CARD_FEES, default=0.0,
                          min_value=0.0, step=10.0, format="%.2f", help=t("calc.page.card.fees_help"))
    payment = persist.choice(a2.number_input, t("calc.page.card.payment"), key=K_CARD_PAYMENT, default=500.0,
                             min_value=0.0, step=100.0, format="%.2f")
    r1, r2, r3, r4 = st.columns(4)
    daily_pct = persist.choice(r1.number_input, t("calc.page.card.daily_rate"), key=K_CARD_DAILY_RATE, default=0.05,
                               min_value=0.0, max_value=MAX_DAILY_RATE * 100, step=0.005, format="%.4f")
    share_pct = persist.choice(r2.number_input, t("calc.page.card.min_share"), key=K_CARD_MIN_SHARE, default=10.0,
                               min_value=0.0, max_value=100.0, step=1.0, format="%.2f")
    late_pct = persist.choice(r3.number_input, t("calc.page.card.late_rate"), key=K_CARD_LATE_RATE, default=5.0,
                              min_value=0.0, step=1.0, format="%.2f")
    floor = persist.choice(r4.number_input, t("calc.page.card.late_floor"), key=K_CARD_LATE_FLOOR, default=0.0,
                           min_value=0.0, step=1.0, format="%.2f")
    method = persist.choice(st.radio, t("calc.page.card.method"), ["full", "unpaid"], key=K_CARD_METHOD,
                            default="full", options=["full", "unpaid"], horizontal=True,
                            format_func={m: t(f"calc.method.{m}") for m in ("full", "unpaid")}.get)
    st.caption(f":material/info: {t('calc.page.card.defaults_note')}")
    try:
        transactions = _transactions(rows)
    except _RowError as exc:
        st.error(t("calc.page.card.err_row", row=exc.row))
        return
    try:
        statement = CardStatement(
            statement_date=_as_date(statement_date, "statement_date"), due_date=_as_date(due_date, "due_date"),
            next_statement_date=_as_date(next_date, "next_statement_date"), transactions=transactions,
            payment=float(payment),
            fees_and_interest=float(fees), daily_rate=float(daily_pct) / 100, method=method,
            min_payment_share=float(share_pct) / 100, late_fee_rate=float(late_pct) / 100,
            late_fee_floor=float(floor),
        )
        chosen = card_interest(statement)
        quotes = quote_payments(statement)
    except CardInterestError as exc:
        st.error(exc.markdown(lang()))
        return
    m1, m2, m3, m4 = st.columns(4)
    m1.metric(t("calc.page.card.balance"), money(chosen.statement_balance))
    m2.metric(t("calc.page.card.minimum"), money(chosen.minimum_payment))
    m3.metric(t("calc.page.card.interest"), money(chosen.interest), help=t(f"calc.method.{method}"))
    m4.metric(t("calc.page.card.due_next"), money(chosen.total_due_next), help=t(f"calc.method.{method}"))
    st.markdown(f"**{t('calc.page.card.table_title')}**")
    table = quote_table(quotes)
    st.dataframe(table, hide_index=True, width="stretch",
                 column_config={c: st.column_config.NumberColumn(c, format=MONEY_FORMAT) for c in table.columns[1:]})
    definitions(card_definitions(statement, lang()))
    _summary_download(K_CARD_CUSTOMER, K_CARD_DOWNLOAD, t("calc.page.card.summary_file"),
                      lambda customer: card_interest_summary_html(statement, lang(), customer=customer))


def quote_table(quotes) -> pd.DataFrame:
    """The three payments as the page shows them: one row each, interest under both methods,
    the late fee and what is due next under both methods (column titles in the session language)."""
    full, unpaid = t("calc.method.short.full"), t("calc.method.short.unpaid")
    return pd.DataFrame({
        t("calc.page.card.col_kind"): [t(f"calc.kind.{q.kind}") for q in quotes],
        t("calc.page.card.col_payment"): [q.payment for q in quotes],
        t("calc.page.card.col_interest", method=full): [q.full.interest for q in quotes],
        t("calc.page.card.col_interest", method=unpaid): [q.unpaid.interest for q in quotes],
        t("calc.page.card.col_late_fee"): [q.full.late_fee for q in quotes],
        t("calc.page.card.col_due_next", method=full): [q.full.total_due_next for q in quotes],
        t("calc.page.card.col_due_next", method=unpaid): [q.unpaid.total_due_next for q in quotes],
    })


def _transactions_editor() -> pd.DataFrame:
    """The transactions table as edited (the example on a first visit)."""
    start = pd.DataFrame({"posting_date": pd.to_datetime([d for d, _ in DEFAULT_TRANSACTIONS]),
                          "amount": [a for _, a in DEFAULT_TRANSACTIONS]})
    if not state.presentation():
        st.markdown(t("calc.page.card.transactions"))
    return persist.editor(
        K_CARD_TRANSACTIONS, start, num_rows="dynamic", hide_index=True, width="stretch",
        column_config={
            "posting_date": st.column_config.DateColumn(t("calc.page.card.col_posting"), format="YYYY-MM-DD"),
            "amount": st.column_config.NumberColumn(t("calc.page.card.col_amount"), format=MONEY_FORMAT, step=0.01),
        },
    )


class _RowError(Exception):
    """A transaction row with a date and no amount, or the other way round."""

    def __init__(self, row: int) -> None:
        super().__init__(row)
        self.row = row


def _transactions(rows: pd.DataFrame) -> tuple[Transaction, ...]:
    """The editor's rows as transactions; blank rows are skipped, a half-filled one is an error."""
    out = []
    dates = pd.to_datetime(rows["posting_date"], errors="coerce") if len(rows) else []
    amounts = pd.to_numeric(rows["amount"], errors="coerce") if len(rows) else []
    for i, (d, a) in enumerate(zip(dates, amounts), start=1):
        if pd.isna(d) and pd.isna(a):
            continue
        if pd.isna(d) or pd.isna(a):
            raise _RowError(i)
        out.append(Transaction(d.date(), float(a)))
    return tuple(out)


def _as_date(value, field: str) -> date:
    if value is None:  # a cleared date input
        raise CardInterestError("calc.err.missing", field=t(f"calc.page.card.{field}"), expected="YYYY-MM-DD")
    return value


# --- instalment ---------------------------------------------------------------------------------

def instalment_section() -> None:
    """The instalment calculator: principal, monthly fee rate and months; the payment, the true
    annual rate beside the nominal fee rate with why they differ, the schedule and the customer
    summary download."""
    st.subheader(t("calc.page.inst.title"))
    st.caption(t("calc.page.inst.intro"))
    c1, c2, c3 = st.columns(3)
    principal = persist.choice(c1.number_input, t("calc.page.inst.principal"), key=K_INST_PRINCIPAL,
                               default=12000.0, min_value=0.0, step=1000.0, format="%.2f")
    fee_pct = persist.choice(c2.number_input, t("calc.page.inst.fee_rate"), key=K_INST_FEE_RATE, default=0.6,
                             min_value=0.0, max_value=MAX_FEE_RATE * 100, step=0.05, format="%.3f")
    months = persist.choice(c3.number_input, t("calc.page.inst.months"), key=K_INST_MONTHS, default=12,
                            min_value=1, max_value=MAX_MONTHS, step=1)
    try:
        plan = instalment_plan(float(principal), float(fee_pct) / 100, int(months))
    except InstalmentError as exc:
        st.error(exc.markdown(lang()))
        return
    m1, m2, m3, m4 = st.columns(4)
    last = plan.schedule[-1].payment
    m1.metric(t("calc.page.inst.payment"), money(plan.payment),
              delta=None if last == plan.payment else t("calc.page.inst.last_payment", amount=money(last)),
              delta_color="off")
    m2.metric(t("calc.page.inst.fee_annual"), percent(plan.fee_rate_nominal_annual))
    times = (f"{plan.apr_nominal / plan.fee_rate_nominal_annual:.2f}" if plan.fee_rate_nominal_annual > 0 else None)
    m3.metric(t("calc.page.inst.apr_nominal"), percent(plan.apr_nominal),
              delta=None if times is None else t("calc.page.inst.vs_fee", times=times), delta_color="off")
    m4.metric(t("calc.page.inst.apr_effective"), percent(plan.apr_effective))
    st.markdown(t("calc.inst.why"))
    definitions(t("calc.inst.defs"))
    schedule = schedule_table(plan)
    show_table(schedule, key=K_INST_SCHEDULE, label=t("calc.page.inst.schedule"), expanded=True,
               column_config={c: st.column_config.NumberColumn(c, format=MONEY_FORMAT) for c in schedule.columns[1:]},
               file_name=t("calc.page.inst.summary_file"))
    _summary_download(K_INST_CUSTOMER, K_INST_DOWNLOAD, t("calc.page.inst.summary_file"),
                      lambda customer: instalment_summary_html(plan, lang(), customer=customer))


def schedule_table(plan) -> pd.DataFrame:
    """The schedule with column titles in the session language."""
    return pd.DataFrame({
        t("calc.page.inst.col_month"): [m.month for m in plan.schedule],
        t("calc.page.inst.col_payment"): [m.payment for m in plan.schedule],
        t("calc.page.inst.col_principal"): [m.principal for m in plan.schedule],
        t("calc.page.inst.col_fee"): [m.fee for m in plan.schedule],
    })


# --- both ---------------------------------------------------------------------------------------

def _summary_download(customer_key: str, button_key: str, file_stem: str, build) -> None:
    """An optional customer name (printed masked) and the download of the one-page summary."""
    if state.presentation():
        return
    s1, s2 = st.columns([2, 3], vertical_alignment="bottom")
    customer = s1.text_input(t("calc.page.customer"), key=customer_key)
    s2.download_button(t("calc.page.download_summary"), data=build(customer).encode("utf-8"),
                       file_name=f"{file_stem}.html", mime="text/html", key=button_key,
                       help=t("calc.page.download_help"), icon=":material/print:")


__all__ = ["card_interest_section", "instalment_section", "quote_table", "schedule_table"]
