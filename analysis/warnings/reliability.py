"""Whether the early warnings separate good from bad on this book, in plain words.

A rule or a model that flags accounts at random still produces red, orange and yellow counts;
shown without a verdict they read as if they worked. Two checks decide:

* **the rule** (the backtest of :func:`analysis.warnings.signals.level_outcomes`): warn at the
  month before and see who worsened since. The most severe level with enough accounts (red, or
  every warned account together when red is thin) must worsen more often than the accounts with
  no warning;
* **the model** (its out-of-time validation): AUC at least :data:`MIN_AUC` and KS at least
  :data:`MIN_KS`. An AUC under 0.5 ranks the wrong way round; its KS, an absolute gap, can still
  look respectable, so the AUC decides first.

Every place that shows warnings (the warnings page, the overview, the report, the CLI) reads the
same :class:`Reliability` and says the same sentence.
"""
from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from analysis.core.i18n import translate
from analysis.core.tables import cell_text

#: Below this out-of-time AUC the model does not rank accounts usefully (0.5 is a coin toss;
#: 0.6 is the usual floor for a "weak but usable" behavioural score).
MIN_AUC = 0.60
#: Below this KS the model's score barely separates the worsened from the rest.
MIN_KS = 0.10
#: A level (or all warned accounts) needs this many accounts in the backtest to be compared.
MIN_ACCOUNTS = 30
#: The model's out-of-time AUC and KS are judged only with this many accounts that worsened and
#: this many that did not (an AUC of 0.75 on ten accounts said "the warnings work").
MIN_MODEL_EVENTS = 10

SEPARATES, FAILS, UNKNOWN = "separates", "fails", "unknown"


@dataclass(frozen=True)
class Reliability:
    """The verdict on the warnings of one book and month.

    Attributes
    ----------
    rule, model : str
        ``"separates"``, ``"fails"`` or ``"unknown"`` (no backtest / no model, or too few accounts).
    flagged, flagged_rate, flagged_accounts : str, float, int
        The backtest group compared (``"red"`` or ``"warned"``), its share of accounts that worsened
        and its size.
    unflagged_rate, unflagged_accounts : float, int
        The same for accounts with no warning.
    from_month, to_month : str
        The backtest's months.
    auc, ks : float
        The model's out-of-time AUC and KS (NaN without a model).
    """

    rule: str = UNKNOWN
    model: str = UNKNOWN
    flagged: str = "red"
    flagged_rate: float = math.nan
    flagged_accounts: int = 0
    unflagged_rate: float = math.nan
    unflagged_accounts: int = 0
    from_month: str = ""
    to_month: str = ""
    auc: float = math.nan
    ks: float = math.nan

    @property
    def trusted(self) -> bool:
        """False when the rule or the model is shown not to separate on this book."""
        return FAILS not in (self.rule, self.model)

    @property
    def model_usable(self) -> bool:
        """Whether the model's ranking may order the work lists (it passed its validation)."""
        return self.model == SEPARATES

    def rule_text(self, lang: str) -> str:
        """The backtest's verdict in one sentence (empty when there is no backtest)."""
        if not self.from_month:
            return ""
        params = {"prev": self.from_month, "month": self.to_month,
                  "group": translate(f"warnings.reliability.group.{self.flagged}", lang),
                  "flagged": cell_text(self.flagged_rate, "rate", lang),
                  "unflagged": cell_text(self.unflagged_rate, "rate", lang),
                  "n": cell_text(self.flagged_accounts, "count", lang)}
        return translate(f"warnings.reliability.rule.{self.rule}", lang, **params)

    def model_text(self, lang: str) -> str:
        """The model's verdict with its AUC and KS (empty without a model); an AUC under 0.5 is
        said to rank the wrong way round, whatever its KS (KS measures distance, not direction)."""
        if math.isnan(self.auc):
            return ""
        key = "reversed" if self.model == FAILS and self.auc < 0.5 else self.model
        return translate(f"warnings.reliability.model.{key}", lang, auc=cell_text(self.auc, "number", lang),
                         ks=cell_text(self.ks, "number", lang), min_auc=cell_text(MIN_AUC, "number", lang),
                         min_ks=cell_text(MIN_KS, "number", lang))

    def text(self, lang: str) -> str:
        """The headline sentence (the warnings are unreliable, or they separate) and both verdicts."""
        # "They work" only when nothing says "too few to tell": a model that separates while the
        # backtest cannot judge is stated as such, without the headline.
        works = SEPARATES in (self.rule, self.model) and UNKNOWN not in (self.rule, self.model)
        head = "warnings.reliability.unreliable" if not self.trusted else (
            "warnings.reliability.reliable" if works or self.rule == SEPARATES else "")
        parts = [translate(head, lang) if head else "", self.rule_text(lang), self.model_text(lang)]
        return ("" if lang == "zh" else " ").join(p for p in parts if p)

    def as_dict(self) -> dict:
        """The verdict for JSON (NaN as None)."""
        def clean(x):
            return None if isinstance(x, float) and math.isnan(x) else x
        return {"trusted": self.trusted, "rule": self.rule, "model": self.model, "flagged": self.flagged,
                "flagged_rate": clean(self.flagged_rate), "flagged_accounts": self.flagged_accounts,
                "unflagged_rate": clean(self.unflagged_rate), "unflagged_accounts": self.unflagged_accounts,
                "from_month": self.from_month or None, "to_month": self.to_month or None,
                "auc": clean(self.auc), "ks": clean(self.ks), "min_auc": MIN_AUC, "min_ks": MIN_KS}


def rule_verdict(outcomes: pd.DataFrame | None) -> dict:
    """The backtest's verdict: does the most severe level worsen more often than no warning?

    Parameters
    ----------
    outcomes : DataFrame or None
        :func:`analysis.warnings.signals.level_outcomes` (``level``, ``accounts``, ``worsened``,
        ``from_month``, ``to_month``), or None when there is no month before.

    Returns
    -------
    dict
        The :class:`Reliability` fields of the rule (``rule``, ``flagged``, ``flagged_rate`` ...).

    Examples
    --------
    >>> out = pd.DataFrame({"level": ["red", "orange", "yellow", "none"], "accounts": [40, 0, 0, 400],
    ...                     "worsened": [4, 0, 0, 60], "from_month": "2024-01", "to_month": "2024-02"})
    >>> v = rule_verdict(out); v["rule"], v["flagged"], round(v["flagged_rate"], 2), round(v["unflagged_rate"], 2)
    ('fails', 'red', 0.1, 0.15)
    """
    if outcomes is None or not len(outcomes):
        return {"rule": UNKNOWN}
    by = outcomes.set_index(outcomes["level"].astype(str))
    months = {"from_month": str(outcomes["from_month"].iloc[0]), "to_month": str(outcomes["to_month"].iloc[0])}
    warned = by.drop(index="none", errors="ignore")
    red_n = int(by["accounts"].get("red", 0))
    flagged = "red" if red_n >= MIN_ACCOUNTS else "warned"
    f_n = red_n if flagged == "red" else int(warned["accounts"].sum())
    f_worse = int(by["worsened"].get("red", 0)) if flagged == "red" else int(warned["worsened"].sum())
    u_n, u_worse = int(by["accounts"].get("none", 0)), int(by["worsened"].get("none", 0))
    f_rate = f_worse / f_n if f_n else math.nan
    u_rate = u_worse / u_n if u_n else math.nan
    if f_n < MIN_ACCOUNTS or u_n < MIN_ACCOUNTS or f_worse + u_worse == 0:
        verdict = UNKNOWN
    else:
        verdict = SEPARATES if f_rate > u_rate else FAILS
    return {"rule": verdict, "flagged": flagged, "flagged_rate": f_rate, "flagged_accounts": f_n,
            "unflagged_rate": u_rate, "unflagged_accounts": u_n, **months}


def model_verdict(validation: Mapping | None) -> dict:
    """The model's verdict from its out-of-time ``validation`` (``auc``, ``ks``), or unknown.

    Examples
    --------
    >>> model_verdict({"auc": 0.41, "ks": 0.24})["model"], model_verdict({"auc": 0.9, "ks": 0.6})["model"]
    ('fails', 'separates')
    >>> model_verdict({"auc": 0.75, "ks": 0.5, "n": 10, "events": 4})["model"]  # ten accounts cannot tell
    'unknown'

    """
    if not validation:
        return {"model": UNKNOWN}
    auc, ks = float(validation.get("auc", math.nan)), float(validation.get("ks", math.nan))
    if math.isnan(auc) or math.isnan(ks):
        return {"model": UNKNOWN, "auc": auc, "ks": ks}
    n, events = validation.get("n"), validation.get("events")
    if n is not None and events is not None and min(int(events), int(n) - int(events)) < MIN_MODEL_EVENTS:
        return {"model": UNKNOWN, "auc": auc, "ks": ks}
    return {"model": SEPARATES if auc >= MIN_AUC and ks >= MIN_KS else FAILS, "auc": auc, "ks": ks}


def model_passes(validation: Mapping | None) -> bool:
    """Whether a model with this out-of-time ``validation`` may order the lists.

    Examples
    --------
    >>> model_passes({"auc": 0.9, "ks": 0.6}), model_passes({"auc": 0.41, "ks": 0.24}), model_passes(None)
    (True, False, False)
    """
    return model_verdict(validation)["model"] == SEPARATES


def warning_reliability(outcomes: pd.DataFrame | None, validation: Mapping | None = None) -> Reliability:
    """The verdict on a book's warnings from the rule's backtest and, if fitted, the model's validation.

    Parameters
    ----------
    outcomes : DataFrame or None
        :func:`analysis.warnings.signals.level_outcomes` of the month (None: no month before).
    validation : mapping, optional
        ``WarningModel.validation`` (``auc``, ``ks``) when a model was fitted.

    Examples
    --------
    >>> out = pd.DataFrame({"level": ["red", "orange", "yellow", "none"], "accounts": [65, 16, 161, 1656],
    ...                     "worsened": [25, 5, 7, 24], "from_month": "2024-11", "to_month": "2024-12"})
    >>> r = warning_reliability(out, {"auc": 0.90, "ks": 0.61})
    >>> r.trusted, r.model_usable
    (True, True)
    >>> warning_reliability(out, {"auc": 0.41, "ks": 0.24}).text("en")  # doctest: +NORMALIZE_WHITESPACE
    'The early warnings do not separate good from bad on this book: recalibrate them before using the lists.
    Backtest 2024-11 → 2024-12: 38.46% of red accounts worsened against 1.45% of accounts with no warning.
    The model ranks the wrong way round (out-of-time AUC 0.410, below 0.5: accounts it rates riskier
    worsened less often; KS 0.240 says the groups differ, not in which direction; it needs AUC ≥ 0.600
    and KS ≥ 0.100): its probabilities are not used for the lists.'
    """
    return Reliability(**{**rule_verdict(outcomes), **model_verdict(validation)})


__all__ = ["MIN_ACCOUNTS", "MIN_AUC", "MIN_KS", "Reliability", "model_passes", "model_verdict", "rule_verdict", "warning_reliability"]
