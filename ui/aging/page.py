"""What every tab of the aging page reads (:class:`Page`: the view with the month in view, the cubes),
the page header, and the small helpers the tabs share."""
from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from analysis.core.definitions import segment_name
from analysis.aging import rates as A
from analysis.core import Cubes
from analysis.core.definitions import definitions_line
from analysis.core.tables import DisplayTable, screen_formats
from analysis.core.view import View
from ui import persist, presentation, state
from ui.aging import data as D
from ui.aging import keys as K
from ui.i18n import t


@dataclass(frozen=True)
class Page:
    """What every section of the page reads: the view (with the month in view), the cubes."""

    view: View
    core: Cubes
    token: str
    cubes: D.AgingCubes
    segments: tuple[str, ...]

    @property
    def months(self) -> list[str]:
        return list(self.cubes.months)

    @property
    def span(self) -> tuple[str, str]:
        """First and last month of the data in view."""
        return self.cubes.months[0], self.cubes.months[-1]

    def dline(self, **kw) -> str:
        """The 口径 line of a view: what applies to it, plus the filters of the whole page."""
        return definitions_line(self.view.lang, filters=self.view.filter_dict, **kw)

    def subtitle(self, **kw) -> list[str]:
        """Chart subtitle in two lines: the view's 口径, then the bucket edges (too long for one)."""
        return [self.dline(**kw), self.view.buckets.describe(self.view.lang)]

    def seg_title(self, col: str | None) -> str:
        """A segment column's name as the reader knows it (the column itself when untranslated)."""
        if col is None:
            return t("aging.by.none")
        return segment_name(col, self.view.lang)

    def seg_labels(self) -> dict[str | None, str]:
        return {c: self.seg_title(c) for c in [None, *self.segments]}


def open_page() -> Page:
    """The session's cubes for this page (built once per data token)."""
    core = state.cubes()
    token = state.data_token()
    with st.spinner(t("aging.building")):
        cubes = D.cubes(token, core)
    return Page(view=state.view(), core=core, token=token, cubes=cubes, segments=tuple(state.book().segments))


def header(page: Page) -> Page:
    """The month picker and the definitions; returns the page with the month in its view."""
    months = page.months
    top = st.columns([1, 3])
    month = persist.choice(top[0].selectbox, t("aging.month"), months[::-1], key=K.MONTH, default=months[-1],
                           options=months, help=t("aging.month_help"))
    presentation.shown_choice(t("aging.month"), month)
    v = page.view
    if not state.presentation():  # each chart's subtitle states its definitions for the room
        with top[1].expander(t("aging.defs.title"), icon=":material/straighten:"):
            st.markdown(t("aging.defs.body", buckets=v.buckets.describe(v.lang), measure=t(f"aging.measure.{v.measure}"),
                          unit=v.unit_label, first=months[0], last=months[-1],
                          filters=page.dline() or t("aging.defs.no_filters")))
    return Page(view=v.but(month=month), core=page.core, token=page.token, cubes=page.cubes, segments=page.segments)


def options(prefix: str, keys: list[str]) -> dict[str, str]:
    """Option labels of a radio or select box, ``{key: t(prefix.key)}``."""
    # Widgets get a plain dict, not a function calling t(): the label must not depend on when
    # (or in which thread) Streamlit formats the option.
    return {k: t(f"{prefix}.{k}") for k in keys}


def warn(exc: A.AgingError, view: View) -> None:
    """An analysis error said in the reader's language, where the section would have been."""
    st.warning(exc.markdown(view.lang))


def joined(view: View, items) -> str:
    """Items listed the way the language lists them (``、`` in Chinese)."""
    return ("、" if view.lang == "zh" else ", ").join(items)


def column_config(table: DisplayTable, lang: str) -> dict:
    """Column formats of a :class:`DisplayTable` shown with ``st.dataframe`` itself (a grid the reader
    clicks, the drill-down), written as :func:`ui.widgets.show_display_table` writes them."""
    return {c: st.column_config.NumberColumn(c, format=f) for c, f in screen_formats(table, lang).items()}
