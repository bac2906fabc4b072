"""A printable page for the customer conversation: what the customer pays under each option.

No probabilities, values or internal figures: only what a collector may say to a customer. The
account id is shown by its last four characters only; a segment's page shows the terms per
10,000 元 owed. One self-contained HTML file (inline CSS, no script, no external URL), A4.
"""
from __future__ import annotations

import html
from datetime import date

from analysis.arrangements.calculator_summary import money
from analysis.arrangements.options import Comparison, customer_terms
from analysis.core.i18n import translate
from analysis.core.view import View

#: A segment's terms are quoted per this many 元 owed.
PER = 10_000.0

_CSS = """
@page{size:A4;margin:16mm 14mm}
body{color:#1F2933;margin:0;font-size:13px;line-height:1.45;font-family:"Noto Sans CJK SC","Source Han Sans SC",
"Microsoft YaHei","PingFang SC","Segoe UI",Arial,sans-serif}
main{max-width:182mm;margin:0 auto;padding:12px}h1{font-size:20px;margin:0 0 4px}.meta{color:#6B7785;margin:0 0 12px}
table{border-collapse:collapse;width:100%;margin:8px 0 12px}th,td{border:1px solid #CBD2D9;padding:4px 8px;text-align:left}
th{background:#EEF2F7}td.n{text-align:right;font-variant-numeric:tabular-nums}.note{color:#52606D;font-size:12px}
"""


def account_tail(account_id: str) -> str:
    """The last four characters of an account id, the rest hidden.

    Examples
    --------
    >>> account_tail("6222021234567890"), account_tail("AB1")
    ('7890', 'AB1')
    """
    return str(account_id)[-4:]


def offers_html(comparison: Comparison, view: View, today: date | None = None) -> str:
    """The options as the customer hears them, for one account or per 10,000 元 of a segment."""
    lang = view.lang
    seg = comparison.segment
    owed = seg.balance if seg.account_id else PER
    who = (translate("arr.offer.account", lang, tail=html.escape(account_tail(seg.account_id))) if seg.account_id
           else translate("arr.offer.segment", lang, n=seg.accounts, bucket=html.escape(seg.bucket), per=money(PER)))
    rows = []
    for option, name in zip(comparison.option_terms, comparison.options["name"]):
        terms = customer_terms(option, owed, comparison.assumptions)
        rows.append("<tr><td>{}</td><td>{}</td><td class=n>{}</td></tr>".format(
            html.escape(str(name)), html.escape(_pay_text(option.kind, option.months, terms, lang)),
            money(terms["total"])))
    head = "".join(f"<th>{translate(f'arr.offer.col.{c}', lang)}</th>" for c in ("option", "pay", "total"))
    title = translate("arr.offer.title", lang)
    meta = translate("arr.offer.meta", lang, who=who, balance=money(owed), date=(today or date.today()).isoformat())
    return (f"<!doctype html><html lang=\"{'zh-CN' if lang == 'zh' else 'en'}\"><head><meta charset=\"utf-8\">"
            f"<title>{html.escape(title)}</title><style>{_CSS}</style></head><body><main><h1>{html.escape(title)}</h1>"
            f"<p class=meta>{meta}</p><table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
            f"<p class=note>{html.escape(translate('arr.offer.note', lang))}</p></main></body></html>")


def _pay_text(kind: str, months: int, terms: dict, lang: str) -> str:
    if kind == "settlement":
        return translate("arr.offer.pay.lump", lang, payment=money(terms["payment"]), first=terms["first_month"])
    if kind == "grace":
        return translate("arr.offer.pay.grace", lang, n=months, first=terms["first_month"])
    if kind in ("instalment", "freeze"):
        return translate("arr.offer.pay.monthly", lang, payment=money(terms["payment"]), n=terms["months"],
                         first=terms["first_month"])
    return translate("arr.offer.pay.none", lang)
