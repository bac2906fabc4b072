"""A checked template as the page and the exports show it: its text with the findings marked.

The text is the user's (and a template's placeholders may be filled with real data), so every
piece is HTML-escaped and personal data in it is masked unless the reader unmasks; the marks are
the only markup.
"""
from __future__ import annotations

import html
from collections.abc import Sequence

from analysis.conduct.rules import RulePack, rule_name
from analysis.conduct.templates import Finding, highlight_segments, masked_piece
from analysis.core.i18n import translate

#: Background of a marked piece, by severity.
MARK_COLOURS = {"high": "#F8D0D0", "medium": "#FCE3C4", "low": "#FFF3BF"}


def highlight_html(text: str, findings: Sequence[Finding], lang: str = "zh", *, masked: bool = True,
                   pack: RulePack | None = None) -> str:
    """``text`` as HTML with every finding's span marked (its category and rule name in the tooltip).

    Parameters
    ----------
    text : str
        The template.
    findings : sequence of Finding
        Its findings (:func:`analysis.conduct.templates.check_text`).
    lang : {"zh", "en"}
        Language of the tooltips.
    masked : bool
        Mask phone, ID and card numbers, e-mails and names in slots (default).
    pack : RulePack, optional
        The pack the findings come from, to name a rule the user added (:func:`rule_name`).

    Examples
    --------
    >>> f = Finding("insult", "cn_insult", "s", "high", 2, 4, "老赖", "")
    >>> highlight_html("你个老赖<b>", [f], "en")
    '你个<mark style="background:#F8D0D0" title="Insult or obscenity · Insults and abuse">老赖</mark>&lt;b&gt;'
    >>> highlight_html("请致电13812345678", [])
    '请致电138****5678'
    """
    out, pos = [], 0
    for piece, hit in highlight_segments(text, list(findings)):
        start, end = pos, pos + len(piece)
        pos = end
        shown = masked_piece(text, start, end) if masked else piece
        escaped = html.escape(shown).replace("\n", "<br>")
        if hit is None:
            out.append(escaped)
            continue
        category = translate(f"conduct.category.{hit.category}", lang)
        title = html.escape(f"{category} · {rule_name(hit.rule, lang, pack)}", quote=True)
        colour = MARK_COLOURS.get(hit.severity, MARK_COLOURS["low"])
        out.append(f'<mark style="background:{colour}" title="{title}">{escaped}</mark>')
    return "".join(out)
