"""The warning settings as a reader types them: thresholds in percent, the level rule as three knobs.

The warnings page asks for shares in percent (90, not 0.9) and states the level rule as three
knobs per level ("at least n signals", "any one of these signals alone", "rolled into DPD ≥ x").
These functions translate between those inputs and :class:`~analysis.warnings.signals.WarningThresholds`
and the rule of :class:`~analysis.warnings.signals.Clause` tuples, both ways, so the page holds
plain values and the conversion is tested here.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping

from analysis.warnings.signals import DEFAULT_RULE, LEVELS, SIGNALS, Clause, WarningThresholds

#: The thresholds a reader edits, in the order the page lists them.
THRESHOLD_NAMES = ("rising_months", "utilisation_level", "utilisation_jump", "balance_growth", "growth_months",
                   "score_drop", "score_months", "payment_share", "model_probability")
#: Thresholds typed in percent (the analysis keeps shares).
PERCENT_THRESHOLDS = ("utilisation_level", "utilisation_jump", "balance_growth", "payment_share", "model_probability")
#: Thresholds that count months (typed as whole numbers).
MONTH_THRESHOLDS = ("rising_months", "growth_months", "score_months")
#: The model signal is switched by its own toggle, not in the list of signals in use.
MODEL_SIGNAL = "model_score"
#: Signals the reader switches on and off in the list (every signal but the model's).
SWITCHABLE_SIGNALS = tuple(s for s in SIGNALS if s != MODEL_SIGNAL)
#: The knobs of one level.
KNOBS = ("count", "signals", "rolled_dpd")


def threshold_inputs(thresholds: WarningThresholds | None = None) -> dict[str, float | int]:
    """Each threshold as the reader types it (percentages for shares).

    Examples
    --------
    >>> threshold_inputs()["utilisation_level"], threshold_inputs()["rising_months"]
    (90.0, 2)
    """
    thresholds = WarningThresholds() if thresholds is None else thresholds
    out: dict[str, float | int] = {}
    for name in THRESHOLD_NAMES:
        value = getattr(thresholds, name)
        out[name] = round(value * 100, 4) if name in PERCENT_THRESHOLDS else value
    return out


def thresholds_from_inputs(values: Mapping[str, float | int], enabled: Iterable[str],
                           use_model: bool) -> WarningThresholds:
    """The thresholds from typed values, the signals in use and the model toggle.

    Parameters
    ----------
    values : mapping
        Threshold name → typed value (percent for :data:`PERCENT_THRESHOLDS`).
    enabled : iterable of str
        Signals switched on (the model signal is added when ``use_model``).
    use_model : bool
        Whether the model's prediction counts as a signal.

    Raises
    ------
    WarningError
        When a value is out of range (the message names it, in both languages).

    Examples
    --------
    >>> th = thresholds_from_inputs({**threshold_inputs(), "utilisation_level": 50.0}, ["rolled"], False)
    >>> th.utilisation_level, "model_score" in th.disabled, "rolled" in th.disabled
    (0.5, True, False)
    """
    typed = {}
    for name in THRESHOLD_NAMES:
        raw = values[name]
        typed[name] = raw / 100 if name in PERCENT_THRESHOLDS else raw
    for name in MONTH_THRESHOLDS:
        typed[name] = int(typed[name])
    on = set(enabled) | ({MODEL_SIGNAL} if use_model else set())
    return WarningThresholds(**typed, disabled=tuple(s for s in SIGNALS if s not in on))


def rule_knobs(rule: Mapping[str, tuple[Clause, ...]] | None = None) -> dict[str, dict]:
    """A rule expressed in the page's three knobs per level (the default rule when ``None``).

    Only clauses the knobs can state are read: a plain signal count, a single signal alone, and
    ``rolled`` with a DPD floor.

    Examples
    --------
    >>> rule_knobs()["red"]
    {'count': 3, 'signals': ['wilful'], 'rolled_dpd': 61}
    """
    rule = DEFAULT_RULE if rule is None else rule
    out = {}
    for level, clauses in rule.items():
        count = next((c.min_count for c in clauses if not c.signals and c.min_count), 0)
        alone = [c.signals[0] for c in clauses if len(c.signals) == 1 and not c.min_dpd and not c.min_count]
        rolled = next((c.min_dpd for c in clauses if c.signals == ("rolled",) and c.min_dpd), 0)
        # "rolled" alone is listed last, as the page shows the knobs
        signals = [s for s in alone if s != "rolled"] + (["rolled"] if "rolled" in alone else [])
        out[level] = {"count": count, "signals": signals, "rolled_dpd": rolled}
    return out


def rule_from_knobs(knobs: Mapping[str, Mapping[str, object]]) -> dict[str, tuple[Clause, ...]]:
    """The level rule from the knobs: rolled into DPD ≥ x, any listed signal alone, ≥ n signals.

    A knob at 0 (or an empty list) adds no clause; a level without clauses is never reached.

    Examples
    --------
    >>> rule = rule_from_knobs(rule_knobs())
    >>> rule["orange"]
    (Clause(signals=('rolled',), min_dpd=0, min_count=0), Clause(signals=(), min_dpd=0, min_count=2))
    """
    rule = {}
    for level in LEVELS:
        level_knobs = knobs.get(level, {})
        clauses = []
        rolled_dpd = int(level_knobs.get("rolled_dpd") or 0)
        if rolled_dpd:
            clauses.append(Clause(signals=("rolled",), min_dpd=rolled_dpd))
        for signal in level_knobs.get("signals") or []:
            clauses.append(Clause(signals=(signal,)))
        count = int(level_knobs.get("count") or 0)
        if count:
            clauses.append(Clause(min_count=count))
        rule[level] = tuple(clauses)
    return rule


__all__ = ["THRESHOLD_NAMES", "PERCENT_THRESHOLDS", "MONTH_THRESHOLDS", "MODEL_SIGNAL", "SWITCHABLE_SIGNALS", "KNOBS",
           "threshold_inputs", "thresholds_from_inputs", "rule_knobs", "rule_from_knobs"]
