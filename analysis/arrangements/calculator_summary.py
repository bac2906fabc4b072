"""A printable page for the customer conversation: the calculators' figures and their
definitions, in the customer's language, as one self-contained HTML file (inline CSS, no script,
no external URL) that prints on one A4 page.

No personal data is needed. A customer name, when given, is masked as everywhere in the app
(:func:`analysis.core.privacy.mask_name`): the page may be printed, mailed or left on a desk.
"""
from __future__ import annotations

import html
from datetime import date

from analysis.arrangements.card_interest import CardStatement, quote_payments
from analysis.arrangements.instalment import InstalmentPlan
from analysis.core.i18n import translate
from analysis.core.privacy import mask_name

_FONTS = {
    "zh": '"Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei","PingFang SC",sans-serif',
    "en": '"Segoe UI","Helvetica Neue",Arial,"Noto Sans","Noto Sans CJK SC","Microsoft YaHei",sans-serif',
}
_CSS = """
@page{size:A4;margin:16mm 14mm}
body{color:#1F2933;margin:0;font-size:13px;line-height:1.45}
main{max-width:182mm;margin:0 auto;padding:12px}
h1{font-size:20px;margin:0 0 4px}.meta{color:#6B7785;margin:0 0 12px}
table{border-collapse:collapse;width:100%;margin:8px 0 12px;page-break-inside:auto}
tr{page-break-inside:avoid}
th,td{border:1px solid #CBD2D9;padding:4px 8px;text-align:left}th{background:#EEF2F7}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
.key td.n,.key th{font-weight:700}table.facts{width:auto;min-width:60%}td.l{white-space:nowrap}
.defs{color:#3A4450;font-size:11.5px}h2{font-size:14px;margin:14px 0 4px}
footer{color:#6B7785;font-size:11px;margin-top:16px;border-top:1px solid #CBD2D9;padding-top:6px}
"""
_NUM = ' class="n"'
_KEY = ' class="key"'


def _t(key: str, lang: str, **params: object) -> str:
    return translate(key, lang, **params)


def money(x: float) -> str:
    """``1234.5`` → ``'1,234.50'``.

    Examples
    --------
    >>> money(1234.5)
    '1,234.50'
    """
    return f"{x:,.2f}"


def percent(x: float, places: int = 2) -> str:
    """A fraction as a percentage: ``0.13034`` → ``'13.03%'``.

    Examples
    --------
    >>> percent(0.13034), percent(0.0005, 3)
    ('13.03%', '0.050%')
    """
    return f"{x:.{places}%}"


def entered_rate(x: float) -> str:
    """A rate the user typed, as typed: ``0.0005`` → ``'0.05%'``, ``0.1`` → ``'10%'``.

    Examples
    --------
    >>> entered_rate(0.0005), entered_rate(0.1), entered_rate(0.006)
    ('0.05%', '10%', '0.6%')
    """
    return f"{round(x * 100, 10):g}%"


def card_definitions(statement: CardStatement, lang: str) -> str:
    """The 口径 line of the card-interest calculator with the statement's own parameters."""
    return _t("calc.card.defs", lang, share=entered_rate(statement.min_payment_share),
              rate=entered_rate(statement.daily_rate), late_rate=entered_rate(statement.late_fee_rate),
              floor=money(statement.late_fee_floor))


def _page(title: str, lang: str, customer: str | None, today: date, body: str, defs: str) -> str:
    meta = [f"{html.escape(_t('calc.summary.prepared', lang))}: {today.isoformat()}"]
    if customer and customer.strip():
        meta.insert(0, f"{html.escape(_t('calc.summary.customer', lang))}: {html.escape(str(mask_name(customer.strip())))}")
    return (
        f'<!DOCTYPE html><html lang="{"zh-CN" if lang == "zh" else "en"}"><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title><style>body{{font-family:{_FONTS.get(lang, _FONTS['en'])}}}{_CSS}</style>"
        f"</head><body><main><h1>{html.escape(title)}</h1><p class=\"meta\">{' · '.join(meta)}</p>{body}"
        f"<h2>{html.escape(_t('calc.summary.definitions', lang))}</h2><p class=\"defs\">{html.escape(defs)}</p>"
        f"<footer>{html.escape(_t('calc.summary.footer', lang))}</footer></main></body></html>"
    )


def _pairs(rows: list[tuple[str, str]], key_rows: int = 0) -> str:
    """A two-column table of label and figure; the last ``key_rows`` rows in bold."""
    first_key = len(rows) - key_rows
    return '<table class="facts">' + "".join(
        f'<tr{_KEY if i >= first_key else ""}><th>{html.escape(k)}</th><td class="n">{html.escape(v)}</td></tr>'
        for i, (k, v) in enumerate(rows)) + "</table>"


def card_interest_summary_html(statement: CardStatement, lang: str, customer: str | None = None,
                               today: date | None = None) -> str:
    """The card-interest figures for the customer: the statement, then what full, minimum and
    the entered payment each leave to pay next month, under both interest methods.

    Examples
    --------
    >>> from analysis.arrangements.card_interest import Transaction
    >>> s = CardStatement(date(2026, 11, 5), date(2026, 11, 25), date(2026, 12, 5),
    ...                   (Transaction(date(2026, 10, 26), 1000.0),), payment=100.0)
    >>> page = card_interest_summary_html(s, "en", customer="Wang Xiaoming", today=date(2026, 11, 20))
    >>> "W*** X*******" in page and "Wang" not in page, "919.50" in page
    (True, True)
    """
    today = today or date.today()
    quotes = quote_payments(statement)
    first = quotes[0].full
    facts = _pairs([
        (_t("calc.summary.statement_date", lang), statement.statement_date.isoformat()),
        (_t("calc.summary.due_date", lang), statement.due_date.isoformat()),
        (_t("calc.summary.next_statement_date", lang), statement.next_statement_date.isoformat()),
        (_t("calc.summary.balance", lang), money(first.statement_balance)),
        (_t("calc.summary.minimum", lang), money(first.minimum_payment)),
        (_t("calc.summary.daily_rate", lang), entered_rate(statement.daily_rate)),
    ])
    full_name, unpaid_name = _t("calc.method.short.full", lang), _t("calc.method.short.unpaid", lang)
    heads = [_t("calc.summary.payment_kind", lang), _t("calc.summary.payment", lang),
             _t("calc.summary.interest_method", lang, method=full_name),
             _t("calc.summary.interest_method", lang, method=unpaid_name), _t("calc.summary.late_fee", lang),
             _t("calc.summary.due_next_method", lang, method=full_name),
             _t("calc.summary.due_next_method", lang, method=unpaid_name)]
    head = "".join(f"<th{_NUM if i else ''}>{html.escape(h)}</th>" for i, h in enumerate(heads))
    rows = []
    for q in quotes:
        cells = [money(q.payment), money(q.full.interest), money(q.unpaid.interest), money(q.full.late_fee),
                 money(q.full.total_due_next), money(q.unpaid.total_due_next)]
        rows.append(f"<tr><td class=\"l\">{html.escape(_t(f'calc.kind.{q.kind}', lang))}</td>"
                    + "".join(f'<td class="n">{c}</td>' for c in cells) + "</tr>")
    table = f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    return _page(_t("calc.summary.card_title", lang), lang, customer, today, facts + table,
                 card_definitions(statement, lang))


def instalment_summary_html(plan: InstalmentPlan, lang: str, customer: str | None = None,
                            today: date | None = None) -> str:
    """The instalment plan for the customer: the terms, the true annual rate beside the nominal
    fee rate with why they differ, and the month-by-month schedule.

    Examples
    --------
    >>> from analysis.arrangements.instalment import instalment_plan
    >>> page = instalment_summary_html(instalment_plan(12_000, 0.006, 12), "zh", today=date(2026, 11, 20))
    >>> "13.03%" in page and "7.20%" in page and "1,072.00" in page
    True
    """
    today = today or date.today()
    facts = _pairs([
        (_t("calc.summary.principal", lang), money(plan.principal)),
        (_t("calc.summary.months", lang), str(plan.months)),
        (_t("calc.summary.fee_rate", lang), entered_rate(plan.fee_rate)),
        (_t("calc.summary.monthly_payment", lang), money(plan.payment)),
        (_t("calc.summary.total_fee", lang), money(plan.total_fee)),
        (_t("calc.summary.fee_rate_annual", lang), percent(plan.fee_rate_nominal_annual)),
        (_t("calc.summary.apr_nominal", lang), percent(plan.apr_nominal)),
        (_t("calc.summary.apr_effective", lang), percent(plan.apr_effective)),
    ], key_rows=2)
    why = f"<p>{html.escape(_t('calc.inst.why', lang))}</p>"
    heads = [_t("calc.summary.month", lang), _t("calc.summary.sched_payment", lang),
             _t("calc.summary.sched_principal", lang), _t("calc.summary.sched_fee", lang)]
    head = "".join(f'<th class="n">{html.escape(h)}</th>' for h in heads)
    rows = "".join(f'<tr><td class="n">{m.month}</td><td class="n">{money(m.payment)}</td>'
                   f'<td class="n">{money(m.principal)}</td><td class="n">{money(m.fee)}</td></tr>'
                   for m in plan.schedule)
    table = f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"
    return _page(_t("calc.summary.inst_title", lang), lang, customer, today, facts + why + table,
                 _t("calc.inst.defs", lang))


__all__ = ["money", "percent", "entered_rate", "card_definitions", "card_interest_summary_html",
           "instalment_summary_html"]
