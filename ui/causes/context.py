"""What every causes view reads: the view context, the data, and the page's wording helpers.

Built once per run by :func:`causes_page`. Its text helpers use the language fixed at the top of
the run, because Streamlit also calls format functions outside the script run (e.g. in AppTest),
where the session's language cannot be read.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from analysis.core.definitions import segment_name
from analysis.causes.dictionary import CausesError
from analysis.core import Cubes
from analysis.core.definitions import definitions_line
from analysis.core.i18n import translate
from analysis.core.tables import unit_suffix
from analysis.core.units import format_pp
from analysis.core.view import View
from analysis.core.vocabulary import cause_label
from ui import persist, state
from ui.causes import cached
from ui.i18n import all_messages

#: The tabs, reasons first when the data says why accounts are overdue.
TABS_WITH_REASONS = ("reasons", "drivers", "stability", "change")
TABS_WITHOUT_REASONS = ("drivers", "stability", "change", "reasons")


@dataclass(frozen=True)
class CausesPage:
    """One run of the causes page: how the reader looks (``view``) and what there is to look at."""

    view: View
    token: str
    core: Cubes
    accounts: pd.DataFrame
    months: list[str]
    segments: list[str]
    has_reasons: bool
    presenting: bool

    @property
    def tabs(self) -> tuple[str, ...]:
        return TABS_WITH_REASONS if self.has_reasons else TABS_WITHOUT_REASONS

    def tr(self, key: str, **params) -> str:
        """Page or analysis text in the run's language."""
        return translate(key, self.view.lang, all_messages(), **params)

    def cause_name(self, key: str) -> str:
        return cause_label(key, self.view.lang)

    def seg_title(self, col: str | None) -> str:
        return segment_name(col, self.view.lang)

    def attr_title(self, col: str) -> str:
        key = f"causes.attr.{col}"
        return self.tr(key) if key in all_messages() else self.seg_title(col)

    def dline(self, **kw) -> str:
        """The 口径 line of a view: what applies to it, plus the filters of the whole page."""
        return definitions_line(self.view.lang, filters=self.view.filter_dict, **kw)

    def pp(self, delta: float) -> str:
        """A rate change in pp / 个百分点; a third decimal under 0.1 pp, so it never reads -0.00."""
        return format_pp(delta, self.view.lang, 3 if abs(delta) < 0.001 else 2)

    def pp_number(self, delta: float) -> str:
        """:meth:`pp` without its unit, for a card whose label names the unit."""
        return self.pp(delta).removesuffix(unit_suffix("pp", self.view.lang))

    def problem(self, exc: CausesError) -> None:
        st.warning(exc.markdown(self.view.lang))

    def pick_month(self, key: str, label: str, options: list[str], default: str) -> str:
        """A month selector, latest first, that keeps the reader's month while the data has it."""
        return persist.choice(st.selectbox, label, options[::-1], key=key, default=default, options=options)

    def pick_segment(self, key: str, where=st) -> str | None:
        """A segment selector (in ``where``); ``None``, and why, when the data has no segment column."""
        if not self.segments:
            st.info(self.tr("causes.segment.none"))
            return None
        return persist.choice(where.selectbox, self.tr("causes.segment.by"), self.segments, format_func=self.seg_title,
                              key=key, default=self.segments[0], options=self.segments)


def causes_page() -> CausesPage:
    """The page's context for this run (the rows and their reason check are cached per data)."""
    token = state.data_token()
    accounts = cached.rows(token, state.portfolio(), state.buckets())
    core = state.cubes()
    return CausesPage(view=state.view(), token=token, core=core, accounts=accounts, months=list(core.months),
                      segments=list(state.book().segments), has_reasons=cached.has_reasons_cached(token, accounts),
                      presenting=state.presentation())
