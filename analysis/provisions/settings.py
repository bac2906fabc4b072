"""The provisions settings a reader chose, as one value the report and the overview hand around.

:class:`ProvisionSettings` bundles what :func:`analysis.provisions.summary.provisions_for_month`
and :func:`~analysis.provisions.summary.provision_panel` take besides the data (staging rules,
ECL assumptions, five-tier thresholds, the PD window) with the regulatory reference levels the
coverage and allowance-to-loans ratios are judged against. The default is the analysis
defaults, what the provisions page shows before the reader changes anything.
"""
from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field

import pandas as pd

from analysis.aging.regulatory import check_five_tier
from analysis.core.buckets import DEFAULT_BUCKETS, FIVE_TIER_CREDIT_CARD
from analysis.provisions.ecl import EclAssumptions
from analysis.provisions.npl import REFERENCE_LEVELS
from analysis.provisions.pd_curve import DEFAULT_WINDOW
from analysis.provisions.staging import StagingRules
from analysis.provisions.summary import ProvisionResult, provision_panel, provisions_for_month


def default_references() -> dict[str, float]:
    """The reference level of each ratio (coverage 150 %, allowance to loans 2.5 %).

    Examples
    --------
    >>> default_references()
    {'coverage': 1.5, 'provision_to_loans': 0.025}
    """
    return {k: float(v["value"]) for k, v in REFERENCE_LEVELS.items()}


#: The delinquency states the PD model moves accounts between: the default buckets, whatever
#: buckets the pages are drawn with (merging 31-60 with 61-90 for a simpler chart moved an
#: allowance by 3.3 %; the ecl command always used these).
PD_BUCKETS = DEFAULT_BUCKETS

@dataclass(frozen=True)
class ProvisionSettings:
    """Everything the provisions figures rest on besides the data.

    Parameters
    ----------
    rules : StagingRules
    assumptions : EclAssumptions
    thresholds : sequence of 4 ints
        Five-tier lower bounds (default the credit-card rule).
    window : int or None
        From-months pooled into the roll-rate matrix (default 12).
    references : mapping
        ``coverage`` and ``provision_to_loans`` reference levels as fractions (1.5 = 150 %).

    Examples
    --------
    >>> ProvisionSettings().references["coverage"], ProvisionSettings().thresholds
    (1.5, (1, 91, 121, 181))
    """

    rules: StagingRules = StagingRules()
    assumptions: EclAssumptions = EclAssumptions()
    thresholds: tuple[int, int, int, int] = FIVE_TIER_CREDIT_CARD
    window: int | None = DEFAULT_WINDOW
    references: Mapping[str, float] = field(default_factory=default_references)

    def __post_init__(self) -> None:
        object.__setattr__(self, "thresholds", check_five_tier(self.thresholds))
        refs = {**default_references(), **{str(k): float(v) for k, v in dict(self.references).items()}}
        object.__setattr__(self, "references", refs)

    def key(self) -> str:
        """The settings as text, for caches and the report's fingerprint.

        Examples
        --------
        >>> ProvisionSettings().key() == ProvisionSettings(window=12).key()
        True
        """
        return json.dumps({"rules": self.rules.as_dict(), "a": self.assumptions.as_dict(),
                           "tiers": list(self.thresholds), "window": self.window,
                           "refs": sorted(self.references.items())}, sort_keys=True, default=str)

    def month(self, portfolio: pd.DataFrame, month: str | None = None,
              rolls: pd.DataFrame | None = None) -> ProvisionResult:
        """:func:`~analysis.provisions.summary.provisions_for_month` with these settings, on the
        model's own delinquency states (:data:`PD_BUCKETS`; ``rolls``: the data core's transition
        cube of ``portfolio`` for them, when the caller has it)."""
        return provisions_for_month(portfolio, month, rules=self.rules, assumptions=self.assumptions,
                                    buckets=PD_BUCKETS, thresholds=self.thresholds, window=self.window, rolls=rolls)

    def panel(self, portfolio: pd.DataFrame, keep: tuple[str, ...] = (),
              rolls: pd.DataFrame | None = None) -> pd.DataFrame:
        """:func:`~analysis.provisions.summary.provision_panel` with these settings (``keep``: columns
        carried along, e.g. the segments; ``rolls`` as for :meth:`month`)."""
        return provision_panel(portfolio, rules=self.rules, assumptions=self.assumptions, buckets=PD_BUCKETS,
                               window=self.window, keep=keep, rolls=rolls)


__all__ = ["ProvisionSettings", "default_references"]
