"""Chart downloads (PNG 2× and SVG) under every chart, rendered only when the user clicks.

A page with ten charts must not render twenty images on every rerun: the buttons get a
callable as ``data`` (Streamlit's deferred download), so vl-convert runs on the click, in a
separate thread, and the page script never waits for it. The buttons sit in a small popover to
keep the page quiet.
"""
from __future__ import annotations

import json
import re

import altair as alt
import streamlit as st

from analysis.charts.export import chart_to_png, chart_to_svg, find_cjk_font, has_cjk
from ui.i18n import t

_UNSAFE = re.compile(r'[\\/:*?"<>|\s]+')


def file_stem(name: str) -> str:
    """A file-name-safe stem (Chinese kept; slashes, colons and spaces become ``_``)."""
    return _UNSAFE.sub("_", str(name)).strip("_") or "chart"


def chart_title(chart: alt.TopLevelMixin) -> str | None:
    """The chart's title text (what a downloaded file is named after), or ``None``."""
    title = getattr(chart, "title", alt.Undefined)
    # a string, a dict (analysis.charts.theme.titled) or altair's TitleParams
    text = title if isinstance(title, str) else title.get("text") if isinstance(title, dict) else getattr(title, "text", None)
    if isinstance(text, (list, tuple)):
        text = " ".join(str(x) for x in text)
    return text if isinstance(text, str) and text.strip() else None


def chart_download_buttons(chart: alt.TopLevelMixin, key: str, name: str) -> None:
    """Offer ``chart`` as a PNG (2×, for slides) and an SVG (for editing), built on click.

    Parameters
    ----------
    chart : altair chart
        The chart exactly as drawn (its title and 口径 subtitle go into the image).
    key : str
        The chart's widget key on the page; the buttons' keys derive from it.
    name : str
        File name stem.
    """
    stem = file_stem(name)
    with st.popover(t("export.download"), icon=":material/download:", type="tertiary", key=f"export_pop_{key}"):
        if find_cjk_font() is None and has_cjk(json.dumps(chart.to_dict(), ensure_ascii=False)):
            st.warning(t("export.font_missing"))
            return
        st.caption(t("export.hint"))
        st.download_button(
            t("export.png"), data=lambda: chart_to_png(chart, scale=2), file_name=f"{stem}.png",
            mime="image/png", key=f"export_png_{key}", on_click="ignore", icon=":material/image:",
            width="stretch",
        )
        st.download_button(
            t("export.svg"), data=lambda: chart_to_svg(chart).encode("utf-8"), file_name=f"{stem}.svg",
            mime="image/svg+xml", key=f"export_svg_{key}", on_click="ignore", icon=":material/polyline:",
            width="stretch",
        )
