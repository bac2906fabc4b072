"""The tables behind the early-warning figures, as :class:`~analysis.core.tables.DisplayTable` s.

Each builder takes a frame the warning analysis already aggregated (per signal, per level, per
segment × level, per action, the backtest, the model's odds ratios and calibration, the stage
playbook) and the reader's :class:`~analysis.core.view.View`, and returns the table with titles
in the view's language, amounts in its unit and rates kept as shares, so the screen and the
downloads write each figure the same way.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from analysis.core.i18n import translate
from analysis.core.tables import DisplayTable, display_table
from analysis.core.view import View
from analysis.core.vocabulary import action_label, level_label
from analysis.warnings.signals import SIGNALS, UNASSIGNED, WarningThresholds

#: The availability reason of a signal the reader switched off (not a gap in the data).
DISABLED = "warnings.unavailable.disabled"


def signal_summary(signals: pd.DataFrame) -> pd.DataFrame:
    """Accounts and balance each signal flags at the month.

    Parameters
    ----------
    signals : DataFrame
        :func:`analysis.warnings.signals.warning_signals` (one boolean column per signal, ``balance``).

    Returns
    -------
    DataFrame
        ``signal``, ``accounts``, ``balance``, one row per signal in :data:`SIGNALS` order.

    Examples
    --------
    >>> s = pd.DataFrame({**{k: [False, False] for k in SIGNALS}, "balance": [10.0, 5.0]}).assign(rolled=[True, False])
    >>> print(signal_summary(s).head(1).to_string(index=False))
    signal  accounts  balance
    rolled         1     10.0
    """
    return pd.DataFrame({
        "signal": list(SIGNALS),
        "accounts": [int(signals[s].sum()) for s in SIGNALS],
        "balance": [float(signals.loc[signals[s].to_numpy(dtype=bool), "balance"].sum()) for s in SIGNALS],
    })


def month_totals(signals: pd.DataFrame) -> tuple[int, float]:
    """Accounts and balance of the month (every account the signals looked at).

    Examples
    --------
    >>> month_totals(pd.DataFrame({"balance": [1.5, 2.0]}))
    (2, 3.5)
    """
    return len(signals), float(signals["balance"].sum())


def unavailable_signals(availability: Mapping[str, str | None]) -> dict[str, str]:
    """Signals the data cannot give (a missing column, too little history), with their reason keys.

    Signals the reader switched off are not listed: that is a choice, not a gap.

    Examples
    --------
    >>> unavailable_signals({"rolled": None, "score_drop": "warnings.unavailable.score", "wilful": DISABLED})
    {'score_drop': 'warnings.unavailable.score'}
    """
    return {s: reason for s, reason in availability.items() if reason and reason != DISABLED}


def unavailable_text(availability: Mapping[str, str | None], lang: str) -> str | None:
    """The unavailable signals and why, in one line (``None`` when every signal can be computed).

    Examples
    --------
    >>> unavailable_text({"score_drop": "warnings.unavailable.score"}, "en")
    'Score drop (needs a score column: map 信用评分 / score on upload)'
    """
    missing = unavailable_signals(availability)
    if not missing:
        return None
    sep = "；" if lang == "zh" else "; "
    return sep.join(f"{translate(f'warnings.signal.{s}', lang)} ({translate(r, lang)})" for s, r in missing.items())


def signal_table(by_signal: pd.DataFrame, availability: Mapping[str, str | None], thresholds: WarningThresholds,
                 view: View) -> DisplayTable:
    """Each signal with its definition, the accounts and balance it flags, and whether it is in use.

    Parameters
    ----------
    by_signal : DataFrame
        :func:`signal_summary`.
    availability : mapping
        Signal → reason key when it cannot be computed or is switched off, else ``None``.
    thresholds : WarningThresholds
        The thresholds in force (for the definitions).
    view : View
        Language and amount unit.
    """
    reasons = [availability.get(s) for s in by_signal["signal"]]
    return display_table("warnings_signal_table", view.text("warnings.th.signal_table"), [
        (view.text("warnings.th.col.signal"), "text", [view.text(f"warnings.signal.{s}") for s in by_signal["signal"]]),
        (view.text("warnings.th.col.definition"), "text", [thresholds.describe(s, view.lang) for s in by_signal["signal"]]),
        (view.text("warnings.th.col.accounts"), "count", by_signal["accounts"]),
        (view.text("warnings.th.col.balance", unit=view.unit_label), "amount", view.scale(by_signal["balance"])),
        (view.text("warnings.th.col.status"), "text",
         [view.text(r) if r else view.text("warnings.th.ok") for r in reasons]),
    ])


def segment_names(values: pd.Series, lang: str) -> np.ndarray:
    """Segment values as shown: accounts nobody is responsible for read "(unassigned)" in ``lang``.

    Examples
    --------
    >>> segment_names(pd.Series(["A", UNASSIGNED]), "zh").tolist()
    ['A', '（未分配）']
    """
    return values.astype(str).replace(UNASSIGNED, translate("warnings.unassigned", lang)).to_numpy()


def _accounts_balance_share(frame: pd.DataFrame, view: View, share_key: str = "warnings.tcol.balance_share"
                            ) -> list[tuple[str, str, object]]:
    """The accounts, balance (in the view's unit) and balance-share columns of a level or action summary
    (the accounts only for a book with no balances: the others would repeat them); ``share_key``
    titles the share by its base (the book's balance, or the warned balance)."""
    if view.counts_only:
        return [(view.text("warnings.tcol.accounts"), "count", frame["accounts"])]
    return [
        (view.text("warnings.tcol.accounts"), "count", frame["accounts"]),
        (view.text("warnings.tcol.balance_unit", unit=view.unit_label), "amount",
         view.scale(frame["balance"].to_numpy(dtype=np.float64))),
        (view.text(share_key), "rate", frame["balance_share"]),
    ]


def level_table(summary: pd.DataFrame, view: View, *, by: str | None = None,
                by_label: str | None = None) -> DisplayTable:
    """Accounts, balance and balance share per warning level (per segment × level with ``by``).

    Parameters
    ----------
    summary : DataFrame
        :func:`analysis.warnings.signals.level_summary` (with ``by`` when given).
    view : View
        Language and amount unit.
    by, by_label : str, optional
        The segment column and its name in the reader's language.

    Examples
    --------
    >>> s = pd.DataFrame({"level": ["red"], "accounts": [2], "balance": [30000.0], "balance_share": [0.5]})
    >>> level_table(s, View(lang="en", unit="wan")).text_frame("en").iloc[0].tolist()
    ['Red', '2', '3.00', '50.00%']
    """
    columns = []
    if by is not None:
        columns.append((by_label or by, "text", segment_names(summary[by], view.lang)))
    columns.append((view.text("warnings.tcol.level"), "text",
                    [level_label(lv, view.lang) for lv in summary["level"].astype(str)]))
    # by a segment, each row's share is of that segment's own balance: the title says so
    columns += _accounts_balance_share(summary, view, "warnings.tcol.balance_share" if by is None
                                       else "warnings.tcol.segment_balance_share")
    key = "warnings_levels" if by is None else f"warnings_levels_by_{by}"
    return display_table(key, view.text("warnings.levels.table"), columns)


def outcome_table(outcomes: pd.DataFrame, view: View) -> DisplayTable:
    """The backtest per level: last month's accounts, how many worsened, the share, exits, balance.

    Parameters
    ----------
    outcomes : DataFrame
        :func:`analysis.warnings.signals.level_outcomes`.
    view : View
        Language and amount unit.
    """
    return display_table("warnings_backtest", view.text("warnings.backtest.table"), [
        (view.text("warnings.tcol.level"), "text", [level_label(str(k), view.lang) for k in outcomes["level"]]),
        (view.text("warnings.backtest.col.accounts"), "count", outcomes["accounts"]),
        (view.text("warnings.backtest.col.worsened"), "count", outcomes["worsened"]),
        (view.text("warnings.backtest.col.rate"), "rate", outcomes["worsened_rate"]),
        (view.text("warnings.backtest.col.exited"), "count", outcomes["exited"]),
        (view.text("warnings.tcol.balance_unit", unit=view.unit_label), "amount",
         view.scale(outcomes["balance"].to_numpy(dtype=np.float64))),
    ])


def action_table(by_action: pd.DataFrame, view: View) -> DisplayTable:
    """Accounts, balance and balance share per collection action.

    Parameters
    ----------
    by_action : DataFrame
        :func:`analysis.warnings.signals.action_summary`.
    view : View
        Language and amount unit.
    """
    return display_table("warnings_actions", view.text("warnings.actions.table"), [
        (view.text("warnings.actions.col.action"), "text", [action_label(a, view.lang) for a in by_action["action"]]),
        *_accounts_balance_share(by_action, view, "warnings.tcol.warned_balance_share"),
    ])


def playbook_table(playbook: pd.DataFrame, view: View) -> DisplayTable:
    """The stage playbook in use: DPD from, DPD to (∞ when open), action.

    Examples
    --------
    >>> book = pd.DataFrame({"min_dpd": [91], "max_dpd": [None], "action": ["legal"]})
    >>> playbook_table(book, View(lang="en")).text_frame("en").iloc[0, 1]
    '∞'
    """
    upper = playbook["max_dpd"].astype(object)
    return display_table("warnings_playbook", view.text("warnings.actions.playbook"), [
        (view.text("warnings.actions.col.min_dpd"), "count", playbook["min_dpd"]),
        (view.text("warnings.actions.col.max_dpd"), "text",
         [("∞" if pd.isna(v) else f"{int(v)}") for v in upper]),
        (view.text("warnings.actions.col.action"), "text", [action_label(a, view.lang) for a in playbook["action"]]),
    ])


def odds_table(odds: pd.DataFrame, labels: Sequence[str], view: View) -> DisplayTable:
    """The model's odds ratios with their 95 % intervals and p-values, one row per feature.

    Parameters
    ----------
    odds : DataFrame
        ``WarningModel.odds_ratios``.
    labels : sequence of str
        The features in words (:func:`analysis.warnings.model.feature_labels`).
    view : View
        Language.
    """
    return display_table("warnings_odds", view.text("warnings.model.odds_table"), [
        (view.text("warnings.model.col.feature"), "text", list(labels)),
        (view.text("warnings.model.col.odds_ratio"), "number", odds["odds_ratio"]),
        (view.text("warnings.model.col.ci_low"), "number", odds["ci_low"]),
        (view.text("warnings.model.col.ci_high"), "number", odds["ci_high"]),
        (view.text("warnings.model.col.p_value"), "number", odds["p_value"]),
    ], decimals={view.text("warnings.model.col.p_value"): 4})


#: Kind of each calibration column.
CALIBRATION_KINDS = {"decile": "count", "n": "count", "min_p": "rate", "max_p": "rate", "mean_predicted": "rate",
                     "observed_rate": "rate", "events": "count"}


def calibration_table(calibration: pd.DataFrame, view: View) -> DisplayTable:
    """Predicted against observed worsening per decile of the model's score (out of time).

    Parameters
    ----------
    calibration : DataFrame
        ``WarningModel.calibration`` (``decile``, ``n``, ``min_p``, ``max_p``, ``mean_predicted``,
        ``observed_rate``, ``events``).
    view : View
        Language.
    """
    return display_table("warnings_calibration", view.text("warnings.model.calibration_table"), [
        (view.text(f"warnings.model.col.{c}"), CALIBRATION_KINDS.get(c, "number"), calibration[c])
        for c in calibration.columns
    ])


__all__ = ["DISABLED", "signal_summary", "month_totals", "unavailable_signals", "unavailable_text", "signal_table",
           "segment_names", "level_table", "outcome_table", "action_table", "playbook_table", "odds_table",
           "CALIBRATION_KINDS", "calibration_table"]
