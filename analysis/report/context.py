"""The report's working context: one month's inputs and the results its sections share.

:class:`ReportContext` cuts the data core's cubes at the report month, carries the view the
charts are drawn for and computes shared intermediate results once (the findings inputs, the
aging and transition cubes, the account rows up to the month).
"""
from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd

from analysis.core.definitions import definitions_line
from analysis.core.i18n import analysis_messages, translate
from analysis.core.rates import shift_month
from analysis.core.units import UNITS, unit_label
from analysis.core.view import View, filters_tuple
from analysis.overview.findings import FindingsInputs, gather_inputs
from analysis.provisions.settings import PD_BUCKETS, ProvisionSettings
from analysis.provisions.summary import ProvisionResult
from analysis.trend.projection import ProjectionChoice
from analysis.report.model import report_text as _t


class ReportContext:
    """The month's inputs and the shared intermediate results (computed once, on demand).

    Every aggregate is read from the data core's cubes, cut at the report month (a filter of
    the cube frames, never a copy of rows), so the report shows the numbers the pages show;
    ``rows`` (the account rows) serve only the sections that need one row per account.
    """

    def __init__(self, cubes, rows, month, lang, unit, measure, events, filters, policies, champion,
                 assumptions, warning_settings, provisions: ProvisionSettings | None = None,
                 sections: tuple[str, ...] = (), history=None, projection: ProjectionChoice | None = None):
        self.cubes, self.rows, self.month, self.lang, self.unit = cubes, rows, month, lang, unit
        self.measure, self.buckets, self.events, self.filters = measure, cubes.buckets, events, filters
        self.policies, self.champion, self.assumptions = policies, champion, assumptions
        self.ws = warning_settings
        #: The provisions page's settings (default: the analysis defaults), and the chosen sections.
        self.provision_settings = provisions if provisions is not None else ProvisionSettings()
        self.sections = tuple(sections)
        #: The rows and cubes with every month before the first of ``rows`` (the provisions'
        #: history); ``None``: ``rows`` and ``cubes`` are the whole history already.
        self.history = history
        #: How the roll-rate projection runs (the trend page's choices in the app).
        self.projection = projection if projection is not None else ProjectionChoice()
        self.prev = shift_month(month, -1)
        #: Months of the book up to the report month (later months are ignored).
        self.months = [m for m in cubes.months if m <= month]
        #: The view the charts are drawn for (what a page's ``ui.state.view(month)`` would be).
        self.view = View(lang=lang, unit=unit, measure=measure, buckets=cubes.buckets, month=month,
                         filters=filters_tuple(filters), month_range=(self.months[0], month))
        self._cache: dict[str, object] = {}

    def get(self, name: str, make: Callable[[], object]):
        """``make()``, computed once per report under ``name``."""
        if name not in self._cache:
            self._cache[name] = make()
        return self._cache[name]

    def defs(self, **kw) -> str:
        """The 口径 line of the report's measure and filters, plus ``kw``."""
        base = {"measure": self.measure, "filters": self.filters}
        base.update(kw)
        return definitions_line(self.lang, **base)

    def amount_col(self, key: str) -> str:
        """The title of an amount column, its unit named; in a book with no balances, where the
        "amounts" are numbers of accounts, its ``countonly.report.col.<key>`` title (逾期户数, not
        逾期余额（户）)."""
        if self.view.counts_only and f"countonly.report.col.{key}" in analysis_messages():
            return translate(f"countonly.report.col.{key}", self.lang)
        return translate("report.with_unit", self.lang, label=_t(f"col.{key}", self.lang),
                         unit=unit_label(self.unit, self.lang))

    def scale(self, values) -> np.ndarray:
        """Amounts in yuan → the report's unit."""
        return np.asarray(values, dtype=np.float64) / UNITS[self.unit]

    def money_col(self, key: str) -> str:
        """The title of a column of money the file itself wrote (its overdue amounts): in the
        report's unit, or in 元 in a book with no balances (its other figures are accounts)."""
        unit = "yuan" if self.view.counts_only else self.unit
        return translate("report.with_unit", self.lang, label=_t(f"col.{key}", self.lang),
                         unit=unit_label(unit, self.lang))

    def money(self, values) -> np.ndarray:
        """Money in yuan → the unit :meth:`money_col` names."""
        return np.asarray(values, dtype=np.float64) if self.view.counts_only else self.scale(values)

    def text(self, key: str, **params: object) -> str:
        """The report's text ``report.<key>``, or in a book with no balances its
        ``countonly.report.<key>`` wording when there is one (a title that would name balances)."""
        if self.view.counts_only and f"countonly.report.{key}" in analysis_messages():
            return translate(f"countonly.report.{key}", self.lang, **params)
        return _t(key, self.lang, **params)

    def inputs(self) -> FindingsInputs:
        """The overview's findings inputs of the month (gathered once, or handed in)."""
        return self.get("inputs", lambda: gather_inputs(
            self.cubes, self.month, self.measure, rows=self.account_rows(),
            warning_thresholds=self.ws["warning_thresholds"],
            warning_rule=self.ws["warning_rule"], reason_dictionary=self.ws["reason_dictionary"]))

    def aging(self) -> pd.DataFrame:
        """The aging cube up to the report month."""
        return self.get("aging_cube", lambda: until(self.cubes.aging(), "month", self.month))

    def rolls(self) -> pd.DataFrame:
        """The transition cube of the pairs that end by the report month (what was known then)."""
        return self.get("rolls", lambda: until(self.cubes.transitions(), "to_month", self.month))

    def provisions(self) -> ProvisionResult:
        """The month's provisions with the reader's settings (computed once per report)."""
        return self.get("provisions", lambda: self.provision_settings.month(
            self._history_rows(), self.month, rolls=self._own_rolls()))

    def provision_panel(self) -> pd.DataFrame:
        """ECL of every account-month up to the report month (each month with its own PD curve)."""
        def staged():
            panel = self.provision_settings.panel(self._history_rows(upto=True), rolls=self._own_rolls())
            # staged over the history, reported over the report's months
            return panel if self.history is None else panel[panel["month"].isin(self.months).to_numpy()]
        return self.get("provision_panel", staged)

    def _own_rolls(self) -> pd.DataFrame | None:
        # The cubes' transitions are those of these rows (pairs past the report month are left
        # out by the provisions themselves): reused, not registered and queried again.
        cubes = self.cubes if self.history is None else self.history[1]
        return cubes.transitions() if cubes is not None and cubes.buckets == PD_BUCKETS else None

    def account_rows(self) -> pd.DataFrame:
        """The account rows the row-level sections read (warnings, what-if, provisions, causes):
        the history when given, else ``rows``. The signals, PDs and stages look back past the
        report's first month, as on their pages."""
        return self.rows if self.history is None else self.history[0]

    def history_rolls(self) -> pd.DataFrame:
        """The transition cube of :meth:`account_rows` up to the report month (the PDs' roll rates)."""
        if self.history is None:
            return self.rolls()
        return self.get("history_rolls", lambda: until(self.history[1].transitions(), "to_month", self.month))

    def history_months(self) -> list[str]:
        """Months of :meth:`account_rows` up to the report month."""
        if self.history is None:
            return self.months
        return sorted(m for m in months_of_rows(self.history[0]) if m <= self.month)

    def _history_rows(self, upto: bool = False) -> pd.DataFrame:
        """The account rows the provisions read: :meth:`account_rows` (up to the report month with
        ``upto``)."""
        return self.rows_upto() if upto else self.account_rows()

    def rows_upto(self) -> pd.DataFrame:
        """:meth:`account_rows` up to the report month, for the analyses that read whole histories
        (the PD estimate, the provisions' panel); the other row-level sections take a month and
        never look past it."""
        return self.get("rows_upto", lambda: _upto(self.account_rows(), self.month))


def until(frame: pd.DataFrame, column: str, month: str) -> pd.DataFrame:
    """Rows of a cube frame up to ``month`` (the frame itself when nothing is later)."""
    months = frame[column].astype(str)
    later = (months > month).to_numpy()
    return frame[~later] if later.any() else frame


def months_of_rows(rows: pd.DataFrame) -> set[str]:
    """The months present in account rows, as text."""
    return set(map(str, rows["month"].unique()))  # unique first: no text copy of every row


def _upto(rows: pd.DataFrame, month: str) -> pd.DataFrame:
    """``rows`` of ``month`` and before (the rows themselves when none is later)."""
    if not len(rows) or max(months_of_rows(rows)) <= month:
        return rows
    return rows[(rows["month"].astype(str) <= month).to_numpy()]
