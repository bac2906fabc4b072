"""Presentation mode: the room sees the charts and findings, one section at a time.

A projector shows about 1280 × 720 to a room; the back row must read the figures. In this mode
pages draw no controls (their choices are kept, :mod:`ui.persist`, and the page shows its charts
at those choices), the sidebar is folded away, charts and figures are enlarged, a bar steps
through the page's sections and on through the pages (buttons, or the ← → and PageUp / PageDown keys,
which a presenter's clicker sends), and a button on top leads out of the mode. The CSS
below also hides what only makes sense at a desk (downloads, popovers, expanders with tables,
links, the toolbar) and, as a safety net, any input a page still draws.
"""
from __future__ import annotations

from collections.abc import Callable, Collection, Sequence

import streamlit as st

from analysis.core.markup import escape_markdown
from ui import persist, state
from ui.i18n import t

K_EXIT = "present_exit"
K_NEIGHBOURS = "present_neighbours"  # (previous page, next page) of the page being presented
K_OPEN = "present_open"  # the page a stepper button asked for (switched to by the next run)

_CSS = """
<style>
/* the sidebar folds away: the room needs the whole width (the bar on top leads out) */
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stExpandSidebarButton"],
[data-testid="stSidebarCollapseButton"] { display: none !important; }
/* more room for content */
[data-testid="stMainBlockContainer"] { padding-top: 2.2rem !important; padding-left: 2.2rem !important;
  padding-right: 2.2rem !important; max-width: 100% !important; }
[data-testid="stToolbar"], [data-testid="stDecoration"], [data-testid="stHeader"] { display: none !important; }
/* figures the back row can read (metric rules last and more specific: they win over text) */
[data-testid="stMarkdownContainer"] p, [data-testid="stMarkdownContainer"] li { font-size: 1.35rem !important;
  line-height: 1.55 !important; }
div[data-testid="stMetric"] [data-testid="stMetricValue"],
div[data-testid="stMetric"] [data-testid="stMetricValue"] div,
div[data-testid="stMetric"] [data-testid="stMetricValue"] p { font-size: 3.1rem !important; line-height: 1.15 !important; }
div[data-testid="stMetric"] [data-testid="stMetricLabel"] p { font-size: 1.3rem !important; }
div[data-testid="stMetric"] [data-testid="stMetricDelta"] div,
div[data-testid="stMetric"] [data-testid="stMetricDelta"] p { font-size: 1.2rem !important; }
[data-testid="stCaptionContainer"] p { font-size: 1.05rem !important; }
h1 { font-size: 2.8rem !important; }
h2, h3 { font-size: 2rem !important; }
/* charts: scale the whole drawing (text and height included), not just the canvas; charts inside
   columns (side-by-side charts) grow less so they still fit */
[data-testid="stVegaLiteChart"] { zoom: 1.5; width: calc(100% / 1.5) !important; }
[data-testid="stColumn"] [data-testid="stVegaLiteChart"] { zoom: 1.15; width: calc(100% / 1.15) !important; }
/* the PageUp / PageDown twins of the stepper buttons: keys only, never seen */
[data-testid="stElementContainer"][class*="_pgkey_"] { display: none !important; }
/* desk-only elements */
[data-testid="stExpander"], [data-testid="stDownloadButton"], [data-testid="stPopover"],
[data-testid="stPageLink"], [data-testid="stElementToolbar"] { display: none !important; }
/* safety net: an input a page still draws is not shown (pages draw none: ui.persist.choice) */
[data-testid="stMain"] [data-testid="stElementContainer"]:has([data-testid="stSelectbox"], [data-testid="stMultiSelect"],
  [data-testid="stNumberInput"], [data-testid="stTextInput"], [data-testid="stTextArea"], [data-testid="stCheckbox"],
  [data-testid="stRadio"], [data-testid="stSlider"], [data-testid="stButtonGroup"], [data-testid="stDateInput"],
  [data-testid="stFileUploader"]) { display: none !important; }
</style>
"""


def apply(current, deck: Sequence) -> None:
    """While presenting: the styles, and the way out of the mode at the top of every page.

    ``deck`` lists the presented pages (``st.Page``) in order; ``current``, the page running (one
    of them, as ``st.navigation`` returned it), steps on to its neighbours past its first and
    last sections. The sidebar's settings survive being hidden because its widgets persist their
    state for the session (``persist_state="session"`` in ui/sidebar.py).
    """
    if not state.presentation():
        return
    at = next((i for i, page in enumerate(deck) if page is current), None)
    st.session_state[K_NEIGHBOURS] = (
        deck[at - 1] if at is not None and at > 0 else None,
        deck[at + 1] if at is not None and at + 1 < len(deck) else None)
    st.html(_CSS)
    st.columns([5, 1])[1].button(t("app.present.exit"), key=K_EXIT, on_click=_exit, icon=":material/close_fullscreen:",
                                 width="stretch")


def _exit() -> None:
    st.session_state[state.K_PRESENTATION] = False


def tabs(key: str, labels: Sequence[str], desk_only: Collection[int] = ()) -> list[tuple[object, bool]]:
    """Tabs at the desk; while presenting, the open tab's section alone, with previous/next.

    Returns one ``(container, open)`` pair per label: draw a section into its container when
    ``open`` (only the open tab runs). The open tab is kept for the session (:func:`ui.persist.tab`)
    and presenting starts on it; ``desk_only`` tabs (account lists to work through) are skipped
    while presenting.
    """
    labels = list(labels)
    index = persist.tab(key, labels)
    if not state.presentation():
        return [(tab, bool(tab.open)) for tab in st.tabs(labels, key=key, on_change="rerun")]
    shown = [i for i in range(len(labels)) if i not in desk_only] or list(range(len(labels)))
    if index not in shown:
        index = shown[0]
        persist.set_tab(key, labels, index)
    _stepper(key, [labels[i] for i in shown], shown.index(index),
             lambda at: persist.set_tab(key, labels, shown[at]))
    return [(st.container(), i == index) for i in range(len(labels))]


def sections(key: str, labels: dict[str, str]) -> Callable[[str], bool]:
    """The page's sections: at the desk all of them; while presenting one at a time, with previous/next.

    Returns ``shows(name)``: whether to draw section ``name`` on this run.

    Examples
    --------
    ``shows = presentation.sections("present_trend", {"forecast": ..., "projection": ...})``, then
    ``if shows("forecast"): ...`` around each section.
    """
    if not state.presentation():
        return lambda name: True
    names = list(labels)
    index = st.session_state.get(key, 0)
    index = index if 0 <= index < len(names) else 0
    _stepper(key, list(labels.values()), index, lambda at: _go_to(key, at))
    return lambda name: name == names[index]


def _go_to(key: str, index: int) -> None:
    st.session_state[key] = index


def _stepper(key: str, labels: list[str], index: int, go: Callable[[int], None]) -> None:
    """Previous / where we are / next; the ← and → keys press the buttons (a presenter's clicker
    sends them too when set to arrow keys). Before the first section and after the last, they
    open the previous or next page of the deck (see :func:`apply`)."""
    target = st.session_state.pop(K_OPEN, None)
    if target is not None:  # asked for by a button's callback: one click, one step
        st.switch_page(target)
    before, after = st.session_state.get(K_NEIGHBOURS) or (None, None)
    prev, where, nxt = st.columns([1, 4, 1], vertical_alignment="center")
    first, last = index == 0, index == len(labels) - 1
    prev.button(t("app.present.previous_page" if first else "app.present.previous"), key=f"{key}_previous",
                on_click=_open if first else go, args=(before,) if first else (index - 1,),
                disabled=first and before is None, icon=":material/arrow_back:", shortcut="Left", width="stretch")
    where.markdown(t("app.present.position", n=index + 1, total=len(labels), section=labels[index]))
    nxt.button(t("app.present.next_page" if last else "app.present.next"), key=f"{key}_next",
               on_click=_open if last else go, args=(after,) if last else (index + 1,),
               disabled=last and after is None, icon=":material/arrow_forward:", shortcut="Right", width="stretch")
    # A presenter's clicker usually sends PageUp / PageDown: hidden twins of the two buttons take
    # those keys (a button has one shortcut).
    prev.button("PageUp", key=f"{key}_pgkey_previous", on_click=_open if first else go,
                args=(before,) if first else (index - 1,), disabled=first and before is None, shortcut="PageUp")
    nxt.button("PageDown", key=f"{key}_pgkey_next", on_click=_open if last else go,
               args=(after,) if last else (index + 1,), disabled=last and after is None, shortcut="PageDown")


def _open(page) -> None:
    st.session_state[K_OPEN] = page


def page_stepper(key: str, title: str) -> None:
    """While presenting a page of one section (the overview, the report's findings): previous and
    next page, so that the ← → keys go on through the deck."""
    sections(key, {"page": title})


def shown_choice(label: str, value: str) -> None:
    """While presenting, a choice the page made at the desk, said in a caption (e.g. the month)."""
    if state.presentation():
        st.caption(t("app.present.choice", label=label, value=escape_markdown(value)))
