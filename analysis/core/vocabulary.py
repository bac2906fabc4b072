"""One vocabulary: the stable keys and the one display name (both languages) of the words every
feature shares.

A cause, a collection action, a warning level, a regulatory class or a rate is called the same
thing on every page, chart, table, report and CLI line because its name is defined here and only
here (texts in ``analysis/locales/vocabulary.py``). Keys are a public interface (the CLI's JSON
carries them): never rename one.

- cause categories: :data:`CAUSE_KEYS`, :func:`cause_label`;
- collection actions: :data:`ACTION_KEYS`, :func:`action_label` (user-typed actions shown as typed);
- warning levels: :data:`WARNING_LEVELS` (most severe first), :func:`level_label` (``"none"`` too);
- bucket words shared by every bucket scheme: the exit column :func:`exit_label`, the
  five-tier classes :data:`FIVE_TIER_KEYS` / :func:`five_tier_label`, IFRS 9 :func:`stage_label`
  (a scheme's own bucket labels live on its :class:`analysis.core.buckets.Buckets`);
- rate metrics: :data:`RATE_METRICS` (month-end delinquency rates: a share of the book),
  :data:`ENTRY_RATE` (a flow: the share of Current that became delinquent),
  :data:`TREND_RATE_METRICS` (both); amounts :data:`AMOUNT_METRICS` and the book's size
  :data:`BOOK_METRICS`; :func:`metric_name` names any of them;
- the entry rate's month convention in words: :func:`entry_rate_definition` (for the definitions
  line), :func:`metric_notes` (that line's notes for any metric), :func:`entry_month_label` and
  :func:`entry_base_month_label` (its two month columns).

This module imports nothing but :mod:`analysis.core.i18n`, so any layer may use it.
"""
from __future__ import annotations

from analysis.core.i18n import translate

#: Stable cause keys, in display order (the causes dictionary classifies into these).
CAUSE_KEYS = (
    "income_loss", "business_difficulty", "illness_accident", "forgot", "over_indebted", "dispute",
    "wilful_default", "force_majeure", "other", "unknown",
)

#: Collection actions the playbooks use, stage actions mildest first, then hardship responses.
ACTION_KEYS = (
    "none", "reminder", "call", "letter", "visit", "legal", "grace_period", "repayment_plan", "restructuring",
    "verify",
)

#: Early-warning levels, most severe first.
WARNING_LEVELS = ("red", "orange", "yellow")
#: The level key of an account no rule fired for.
NO_WARNING = "none"

#: Five-tier loan classes (五级分类), best first.
FIVE_TIER_KEYS = ("normal", "special_mention", "substandard", "doubtful", "loss")

#: Month-end delinquency rates: the share of the book (by balance or count) with DPD ≥ 1, > 30, > 90.
RATE_METRICS = ("overdue_rate", "dpd30_rate", "dpd90_rate")
#: The collections entry rate (入催率): a flow, the share of Current at *t-1* that is 1+ DPD at *t*.
ENTRY_RATE = "entry_rate"
#: Every rate a trend can follow: the month-end rates and the entry rate.
TREND_RATE_METRICS = (*RATE_METRICS, ENTRY_RATE)
#: Delinquent amounts (元): balance with DPD ≥ 1, > 30, > 90, and the file's past-due amount column.
AMOUNT_METRICS = ("overdue_balance", "dpd30_balance", "dpd90_balance", "overdue_amount")
#: The book's size and the early-warning count, as the headlines show them.
BOOK_METRICS = ("accounts", "balance", "warned_accounts")
_NAMED_METRICS = (*TREND_RATE_METRICS, *AMOUNT_METRICS, *BOOK_METRICS)


def cause_label(key: str, lang: str) -> str:
    """Display name of a cause key; a key outside :data:`CAUSE_KEYS` is shown as it is.

    Examples
    --------
    >>> cause_label("income_loss", "en"), cause_label("收入", "zh")
    ('Income loss / unemployment', '收入')
    """
    return translate(f"vocabulary.cause.{key}", lang) if key in CAUSE_KEYS else str(key)


def action_label(action: str, lang: str) -> str:
    """Display name of an action key; unknown keys (user-typed actions) are shown as typed.

    Examples
    --------
    >>> action_label("letter", "zh"), action_label("ring twice", "en")
    ('催收函', 'ring twice')
    """
    return translate(f"vocabulary.action.{action}", lang) if action in ACTION_KEYS else str(action)


def level_label(level: str, lang: str) -> str:
    """Display name of a warning level (``"none"`` included); anything else is shown as it is.

    Examples
    --------
    >>> level_label("red", "zh"), level_label("none", "en")
    ('红色预警', 'No warning')
    """
    if level in WARNING_LEVELS or level == NO_WARNING:
        return translate(f"vocabulary.level.{level}", lang)
    return str(level)


def five_tier_label(key: str, lang: str) -> str:
    """Display name of a five-tier class key.

    Examples
    --------
    >>> five_tier_label("substandard", "zh")
    '次级'
    """
    if key not in FIVE_TIER_KEYS:
        raise ValueError(f"five-tier class must be one of {', '.join(FIVE_TIER_KEYS)}")
    return translate(f"vocabulary.five_tier.{key}", lang)


def stage_label(stage: int, lang: str) -> str:
    """Display name of an IFRS 9 stage.

    Examples
    --------
    >>> stage_label(2, "en")
    'Stage 2'
    """
    return translate("vocabulary.stage", lang, n=int(stage))


def exit_label(lang: str) -> str:
    """Name of the roll-rate column of accounts that left the book (paid off, written off, sold).

    Examples
    --------
    >>> exit_label("zh")
    '结清/退出'
    """
    return translate("vocabulary.bucket.exit", lang)


def metric_name(metric: str, lang: str) -> str:
    """Display name of a metric: a rate, an amount or a book size (:data:`TREND_RATE_METRICS`,
    :data:`AMOUNT_METRICS`, :data:`BOOK_METRICS`).

    Examples
    --------
    >>> metric_name("dpd30_rate", "en")
    'DPD30+ rate'
    """
    if metric not in _NAMED_METRICS:
        raise ValueError(f"metric must be one of {', '.join(_NAMED_METRICS)}")
    return translate(f"vocabulary.metric.{metric}", lang)


def entry_month_label(lang: str) -> str:
    """Title of the column holding the month an entry rate is dated at (the month of entry).

    Examples
    --------
    >>> entry_month_label("zh")
    '入催月份'
    """
    return translate("vocabulary.entry_rate.month", lang)


def entry_base_month_label(lang: str) -> str:
    """Title of the column holding the month before the month of entry (the base was Current then).

    Examples
    --------
    >>> entry_base_month_label("en")
    'Current in (month before)'
    """
    return translate("vocabulary.entry_rate.base_month", lang)


def metric_notes(metrics: str | tuple[str, ...] | list[str], lang: str) -> list[str]:
    """What a definitions line must add for these metrics: the entry rate's month convention.

    Examples
    --------
    >>> metric_notes("dpd30_rate", "en")
    []
    >>> len(metric_notes(("dpd30_rate", "entry_rate"), "zh"))
    1
    """
    shown = (metrics,) if isinstance(metrics, str) else tuple(metrics)
    return [entry_rate_definition(lang)] if ENTRY_RATE in shown else []


def entry_rate_definition(lang: str) -> str:
    """The entry rate's 口径 in words, for the definitions line wherever the entry rate is shown.

    The one convention (:func:`analysis.trend.series.entry_rates`): the rate is dated at the
    month the accounts entered delinquency, the end month *t* of the transition *t-1* → *t*.

    Examples
    --------
    >>> entry_rate_definition("en").split(":")[0]
    'entry rate dated at the month of entry t'
    """
    return translate("vocabulary.entry_rate.definition", lang)


__all__ = [
    "ACTION_KEYS", "AMOUNT_METRICS", "BOOK_METRICS", "CAUSE_KEYS", "ENTRY_RATE", "FIVE_TIER_KEYS", "NO_WARNING",
    "RATE_METRICS", "TREND_RATE_METRICS", "WARNING_LEVELS", "action_label", "cause_label", "entry_base_month_label",
    "entry_month_label", "entry_rate_definition", "exit_label", "five_tier_label", "level_label", "metric_name",
    "metric_notes", "stage_label",
]
