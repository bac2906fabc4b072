"""Hostile text for the no-markup-from-data tests: values, a portfolio full of them, and a checker.

Every hostile value carries the word ``evil`` (and the host ``evil.example``, a reserved name
that resolves nowhere), so a link, image or element that came from data is recognisable in the
rendered output whatever the page's own text around it.

:func:`markup_problems` renders a markdown body as Streamlit's renderer would see it
(markdown-it-py: CommonMark + GFM tables, strikethrough and linkify) and adds the Streamlit and
GFM extensions markdown-it does not have (``:red[…]`` directives, ``:material/…:`` icons,
``$…$`` maths, ``www.`` and e-mail autolinks) as checks on the source.
"""
from __future__ import annotations

import csv
import io
import re

from markdown_it import MarkdownIt

from tests.conftest import REPO

HOST = "evil.example"
#: ``{i}`` makes every value unique, so a segment keeps as many values as it had.
HOSTILE = (
    "[点击核实{i}](http://evil.example/x{i})",
    "![图{i}](http://evil.example/img{i}.png)",
    "<img src=x onerror=alert(1) alt=evil{i}>",
    "<script>alert('evil{i}')</script>",
    "http://evil.example/a{i}",
    "www.evil.example/w{i}",
    ":red[evil红{i}]",
    "**evil粗体{i}**",
    "$evil公式{i}$",
    "# evil标题{i}",
    "evil{i}@evil.example",
    ":material/warning: evil图标{i}",
    "`evil代码{i}`",
)

_MD = MarkdownIt("commonmark", {"html": True, "linkify": True}).enable(["table", "strikethrough", "linkify"])
# GFM (remark-gfm) autolinks only with a scheme, "www." or an e-mail; linkify-it would also link
# bare domains with a known TLD, which Streamlit does not: those are checked on the source below.
_MD.linkify.set({"fuzzy_link": False})

# Streamlit and GFM constructs markdown-it does not parse, as they appear in an unescaped source.
_SOURCE_CHECKS = {
    "colour directive": re.compile(r"(?<!\\):[a-z][a-z0-9-]*\[evil"),
    "material icon": re.compile(r":material/warning: evil"),
    "maths": re.compile(r"(?<!\\)\$evil"),
    "www autolink": re.compile(r"www\.evil", re.IGNORECASE),
    "e-mail autolink": re.compile(r"@evil\.example"),
}
# Constructs whose first text is a hostile value's own: they were opened by the value's markup.
_OPENED_BY_DATA = {"strong_open": "evil粗体", "heading_open": "evil标题", "code_inline": "evil代码"}


def hostile(i: int) -> str:
    """The ``i``-th hostile value (cycling through :data:`HOSTILE`)."""
    return HOSTILE[i % len(HOSTILE)].format(i=i)


def _tokens(tokens):
    for token in tokens:
        yield token
        if token.children:
            yield from _tokens(token.children)


def markup_problems(body: str) -> list[str]:
    """What in a markdown ``body`` a hostile value turned into markup (empty when none).

    Examples
    --------
    >>> markup_problems("地区 [点击核实1](http://evil.example/x1)")
    ['link to http://evil.example/x1']
    >>> markup_problems(r"地区 \\[点击核实1\\](http\\://evil.example/x1)")
    []
    """
    problems = [f"{name}: {m.group(0)!r}" for name, rx in _SOURCE_CHECKS.items() for m in rx.finditer(body)]
    flat = list(_tokens(_MD.parse(body)))
    for k, token in enumerate(flat):
        if token.type == "link_open" and HOST in str(token.attrGet("href")):
            problems.append(f"link to {token.attrGet('href')}")
        elif token.type == "image" and HOST in str(token.attrGet("src")):
            problems.append(f"image from {token.attrGet('src')}")
        elif token.type in ("html_inline", "html_block") and re.search(r"evil|onerror|<script", token.content):
            problems.append(f"raw HTML {token.content!r}")
        elif token.type in _OPENED_BY_DATA:
            following = token.content if token.type == "code_inline" else next(
                (t.content for t in flat[k + 1:] if t.content), "")
            if following.startswith(_OPENED_BY_DATA[token.type]):
                problems.append(f"{token.type} around {following!r}")
    return problems


def hostile_csv(n_accounts: int = 240, extra_header: str = "![列](http://evil.example/h.png)") -> bytes:
    """The bundled sample's first ``n_accounts`` accounts with every text column made hostile.

    Account ids, region, branch, product, industry, channel, owner, customer name and an extra
    text column under a hostile header are replaced by hostile values; overdue reasons keep
    their words (so they are still classified) behind a hostile prefix.
    """
    with open(REPO / "data" / "sample" / "sample_portfolio.csv", encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    header, body = rows[0], rows[1:]
    col = {name: k for k, name in enumerate(header)}
    keep = list(dict.fromkeys(r[col["客户编号"]] for r in body))[:n_accounts]
    kept = set(keep)
    body = [r for r in body if r[col["客户编号"]] in kept]
    replaced = ("客户编号", "产品", "地区", "分行", "行业", "渠道", "客户经理", "客户姓名")
    maps: dict[str, dict[str, str]] = {}
    for offset, name in enumerate(replaced):
        values = list(dict.fromkeys(r[col[name]] for r in body))
        # Each column starts at a different hostile value, so small columns cover all kinds.
        maps[name] = {v: hostile(100 * offset + (offset + k) % len(HOSTILE) + len(HOSTILE) * k)
                      for k, v in enumerate(values)}
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header + [extra_header])
    for n, r in enumerate(body):
        r = list(r)
        for name in replaced:
            r[col[name]] = maps[name][r[col[name]]]
        reason = r[col["逾期原因"]]
        if reason:
            r[col["逾期原因"]] = f"{hostile(1000 + n % 97)} {reason}"
        writer.writerow(r + [hostile(2000 + n % 5)])
    return out.getvalue().encode("utf-8")
