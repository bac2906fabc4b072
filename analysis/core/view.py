"""The view context: how the reader asked to see the figures, in one frozen object.

Every chart builder and every analysis wrapper that formats or labels takes one :class:`View`
instead of loose ``lang``/``unit``/``measure``/``buckets`` parameters, so the same figure is
labelled the same way on the screen, in the downloads and in the report. The pages build it once
per run from the sidebar (``ui.state.view()``); the report and the CLI build it from their
arguments.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace

from analysis.core.buckets import DEFAULT_BUCKETS, Buckets
from analysis.core.i18n import translate
from analysis.core.units import COUNT_UNIT, UNITS, scale_amount, unit_label

LANGS = ("zh", "en")
MEASURES = ("count", "balance")


@dataclass(frozen=True)
class View:
    """Language, amount unit, measure, bucket scheme, filters and month of one reading.

    Parameters
    ----------
    lang : {"zh", "en"}
        Language of every label.
    unit : {"yuan", "wan", "yi", "account"}
        Unit amounts are shown in (元/万元/亿元); ``"account"`` for a count-only book (no balance
        column, each account-month counted as 1: see :attr:`counts_only`).
    measure : {"count", "balance"}
        Whether shares and rates are by number of accounts or by balance; always ``"count"``
        for a count-only book (its balances are counts).
    buckets : Buckets
        The bucket scheme in use.
    month : str or None
        The month being read (``YYYY-MM``), when one month is.
    filters : tuple of (column, tuple of values)
        Segment filters in force, sorted by column, for the definitions line.
    month_range : tuple of two str or None
        First and last month in view, when the reader narrowed it.
    """

    lang: str = "zh"
    unit: str = "wan"
    measure: str = "balance"
    buckets: Buckets = field(default=DEFAULT_BUCKETS)
    month: str | None = None
    filters: tuple[tuple[str, tuple[str, ...]], ...] = ()
    month_range: tuple[str, str] | None = None

    def __post_init__(self) -> None:
        if self.lang not in LANGS:
            raise ValueError(f"lang must be one of {LANGS}, not {self.lang!r}")
        if self.unit not in UNITS:
            raise ValueError(f"unit must be one of {tuple(UNITS)}, not {self.unit!r}")
        if self.measure not in MEASURES:
            raise ValueError(f"measure must be one of {MEASURES}, not {self.measure!r}")
        if self.unit == COUNT_UNIT and self.measure != "count":
            # Numerically the same (every balance is 1); the wording must say accounts.
            object.__setattr__(self, "measure", "count")

    @property
    def counts_only(self) -> bool:
        """True for a book with no balances (each account-month counted as 1): figures are
        accounts, and money-only analyses (losses, provisions, interest) have nothing to show.

        Examples
        --------
        >>> View(unit="account").counts_only, View(unit="account").measure, View().counts_only
        (True, 'count', False)
        """
        return self.unit == COUNT_UNIT

    def but(self, **changes) -> "View":
        """The same view with some fields changed (``view.but(month="2024-06")``)."""
        return replace(self, **changes)

    @property
    def unit_label(self) -> str:
        """The amount unit in the view's language: ``万元`` / ``CNY 10k``."""
        return unit_label(self.unit, self.lang)

    @property
    def filter_dict(self) -> dict[str, list[str]]:
        """The segment filters as the definitions line and the cubes take them."""
        return {column: list(values) for column, values in self.filters}

    def scale(self, amount):
        """An amount (or an array of amounts) in 元 expressed in the view's unit."""
        return scale_amount(amount, self.unit)

    def text(self, key: str, **params) -> str:
        """An analysis-catalogue text in the view's language."""
        return translate(key, self.lang, **params)


def filters_tuple(filters: dict[str, list[str]] | None) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Segment filters as the hashable, ordered form a :class:`View` keeps.

    Examples
    --------
    >>> filters_tuple({"region": ["b", "a"], "product": ["x"]})
    (('product', ('x',)), ('region', ('a', 'b')))
    """
    return tuple(sorted((str(col), tuple(sorted(map(str, values)))) for col, values in (filters or {}).items()))
