"""The key findings of a month, written out in the reader's language.

The ONE place that turns analysis results into sentences. The overview page, the meeting report
(HTML/XLSX/PPTX) and the CLI all call these functions, so a figure is never worded twice.

Each ``finding_*`` function takes the result of an analysis function (never raw rows), checks
the condition under which its sentence is true, and returns a :class:`Finding` or ``None``.
A finding keeps its figures as numbers (``params``) and formats them only when asked for
text, in either language and any amount unit. :func:`key_findings` runs the analyses for a
month and picks the three to five findings worth a manager's attention, most important first.

Thresholds (module constants) decide when a change is worth stating:

* a rate that moved less than :data:`RATE_STEADY` (0.05 pp) "held steady";
* a bucket shift below :data:`BUCKET_SHIFT_MIN` (0.1 pp of the book) is not a finding;
* a driver is named only when one segment explains at least :data:`DRIVER_SHARE_MIN` (30 %) of
  a change of at least :data:`RATE_STEADY`, in the same direction.
"""
from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from analysis.aging.rates import bucket_mix
from analysis.causes.decomposition import decompose_rate_change
from analysis.causes.dictionary import cause_pareto, classify_reasons, overdue_causes
from analysis.causes.summary import leading_cause
from analysis.core.buckets import DEFAULT_BUCKETS, Buckets
from analysis.core.rates import shift_month
from analysis.core.schema import THIN_MONTH_SHARE
from analysis.core.tables import cell_text
from analysis.core.i18n import analysis_messages, translate
from analysis.core.units import COUNT_UNIT, format_amount, format_rate, unit_label
from analysis.core.vocabulary import TREND_RATE_METRICS, cause_label, metric_name
from analysis.overview.headlines import monthly_summary
from analysis.provisions.npl import REFERENCE_LEVELS
from analysis.trend.forecast import forecast_series
from analysis.trend.series import metric_series
from analysis.warnings.reliability import Reliability, warning_reliability
from analysis.warnings.signals import DEFAULT_RULE, level_outcomes, level_summary, warning_flags, warning_levels

if TYPE_CHECKING:  # the data core pulls in DuckDB; only the type is needed here
    from analysis.core import Cubes

#: A rate change smaller than this (0.0005 = 0.05 pp) is "steady".
RATE_STEADY = 0.0005
#: A bucket's share must move at least this much (0.1 pp) to be the "biggest bucket movement".
BUCKET_SHIFT_MIN = 0.001
#: A segment is named as the driver when it explains at least this share of the change.
DRIVER_SHARE_MIN = 0.3
#: Relative move of a forecast (2 %) below which it is "flat", as on the trend page.
FORECAST_FLAT = 0.02

#: Where each finding is explained in the app (pages/<name>.py).
PAGES = {"aging": "pages/aging.py", "trend": "pages/trend.py", "causes": "pages/causes.py",
         "whatif": "pages/whatif.py", "warnings": "pages/warnings.py", "provisions": "pages/provisions.py",
         "upload": "pages/upload.py"}

LANGS = ("zh", "en")


#: Months ahead of the findings' forecast (the overview, the report and the CLI).
FORECAST_HORIZON = 6

@dataclass(frozen=True)
class Finding:
    """One sentence worth saying in a meeting, with the figures behind it.

    Parameters
    ----------
    key : str
        Catalogue key of the sentence in ``analysis/locales/findings.py``.
    params : mapping
        The figures, unformatted (rates as shares, amounts in 元).
    kinds : mapping
        How to write each parameter: ``rate`` (3.21%), ``pp`` (0.40 pp, unsigned), ``share``
        (60%), ``amount`` (in the chosen unit, with the unit), ``count`` (1,234), ``metric``
        (a metric key, translated), ``label`` (a ``{"zh", "en"}`` dict), anything else as is.
    page : str
        The page that explains it, e.g. ``"pages/trend.py"``.
    area : str
        ``aging``, ``trend``, ``causes``, ``whatif``, ``warnings`` or ``provisions``.
    severity : int
        0 neutral or good news, 1 worth watching, 2 bad news (used for icons and order).

    Examples
    --------
    >>> f = Finding("findings.rate.up", {"metric": "dpd30_rate", "change": 0.004, "value": 0.032,
    ...             "month": "2024-06"}, {"metric": "metric", "change": "pp", "value": "rate"}, "pages/trend.py")
    >>> f.text("en")
    'DPD30+ rate rose 0.40 pp month on month to 3.20% in 2024-06.'
    """

    key: str
    params: Mapping[str, object]
    kinds: Mapping[str, str] = field(default_factory=dict)
    page: str = PAGES["trend"]
    area: str = "trend"
    severity: int = 1

    def text(self, lang: str, unit: str = "wan") -> str:
        """The sentence in ``lang`` (``"zh"``/``"en"``) with amounts in ``unit``."""
        if lang not in LANGS:
            raise ValueError("lang must be 'zh' or 'en'")
        values = {name: _format(value, self.kinds.get(name, ""), lang, unit) for name, value in self.params.items()}
        text = translate(self.text_key(unit), lang, **values)
        return text[:1].upper() + text[1:] if lang == "en" else text

    def text_key(self, unit: str = "wan") -> str:
        """The message the sentence is written with: for a count-only book (``unit`` is
        :data:`~analysis.core.units.COUNT_UNIT`) its ``countonly.`` wording when there is one, which
        leaves out the balances (they would only repeat the number of accounts)."""
        if unit == COUNT_UNIT and f"countonly.{self.key}" in analysis_messages():
            return f"countonly.{self.key}"
        return self.key

    def figures(self) -> dict[str, object]:
        """The raw figures as plain Python values (JSON-ready)."""
        return {k: (float(v) if isinstance(v, (np.floating, float)) else
                    int(v) if isinstance(v, (np.integer, int)) and not isinstance(v, bool) else v)
                for k, v in self.params.items()}

    def to_dict(self, lang: str, unit: str = "wan") -> dict:
        """``{"key", "text", "page", "area", "severity", "figures"}`` for JSON and tables."""
        return {"key": self.key, "text": self.text(lang, unit), "page": self.page, "area": self.area,
                "severity": self.severity, "figures": self.figures()}


def _format(value: object, kind: str, lang: str, unit: str) -> str:
    if kind == "rate":
        return format_rate(float(value), 2)
    if kind == "pp":
        magnitude = f"{abs(float(value)) * 100:.2f}"
        return f"{magnitude}个百分点" if lang == "zh" else f"{magnitude} pp"
    if kind == "share":
        return format_rate(float(value), 0)
    if kind == "amount":
        sep = "" if lang == "zh" else " "
        return f"{format_amount(float(value), unit)}{sep}{unit_label(unit, lang)}"
    if kind == "signed_amount":
        sep = "" if lang == "zh" else " "
        sign = "+" if float(value) >= 0 else "-"
        return f"{sign}{format_amount(abs(float(value)), unit)}{sep}{unit_label(unit, lang)}"
    if kind == "count":
        return f"{int(value):,}"
    if kind == "number":
        return cell_text(float(value), "number", lang)
    if kind == "metric":
        return metric_name(value, lang)
    if kind == "label":
        return str(value[lang]) if isinstance(value, Mapping) else str(value)
    return str(value)


def _is_nan(value: object) -> bool:
    return value is None or (isinstance(value, (float, np.floating)) and math.isnan(value))


def _check_lang_free_month(summary: pd.DataFrame, month: str | None) -> str:
    if not isinstance(summary, pd.DataFrame) or "month" not in summary.columns:
        raise ValueError("summary must be the output of analysis.overview.headlines.monthly_summary")
    months = summary["month"].astype(str).tolist()
    if not months:
        raise ValueError("the summary has no months")
    month = month or months[-1]
    if month not in months:
        raise ValueError(f"month {month!r} is not in the data ({months[0]} to {months[-1]})")
    return month


def _value(summary: pd.DataFrame, month: str, column: str) -> float:
    rows = summary.loc[summary["month"].astype(str) == month, column]
    return float(rows.iloc[0]) if len(rows) else math.nan


# --- rates ---------------------------------------------------------------------------------

def finding_thin_month(summary: pd.DataFrame, month: str | None = None,
                       share: float = THIN_MONTH_SHARE) -> Finding | None:
    """The month holds far fewer accounts than the month before: the extract may be incomplete,
    and a rate that "fell" may only be the accounts that are missing.

    Parameters
    ----------
    summary : DataFrame
        Output of :func:`analysis.overview.headlines.monthly_summary` (``month``, ``accounts``).
    month : str, optional
        ``YYYY-MM``; default the latest month.
    share : float
        The month is thin below this share of the month before's accounts.

    Returns
    -------
    Finding or None
        ``findings.data.thin_month`` (leading the findings), or ``None`` when the month is not thin
        or the month before is not in the data.

    Examples
    --------
    >>> s = pd.DataFrame({"month": ["2024-05", "2024-06"], "accounts": [60, 1]})
    >>> finding_thin_month(s).text("en")
    'Accounts in 2024-06: 1, against 60 in 2024-05 (98.33% fewer): the extract may be incomplete, so its rate changes may only be the missing accounts; check the export before reading the month.'
    """
    month = _check_lang_free_month(summary, month)
    prev_month = shift_month(month, -1)
    now, before = _value(summary, month, "accounts"), _value(summary, prev_month, "accounts")
    if _is_nan(now) or _is_nan(before) or before <= 0 or now >= share * before:
        return None
    return Finding("findings.data.thin_month",
                   {"month": month, "accounts": int(now), "previous_month": prev_month,
                    "previous_accounts": int(before), "drop": 1 - now / before},
                   {"accounts": "count", "previous_accounts": "count", "drop": "rate"},
                   page=PAGES["upload"], area="upload", severity=2)


def finding_rate_change(summary: pd.DataFrame, month: str | None = None, metric: str = "dpd30_rate",
                        steady: float = RATE_STEADY) -> Finding | None:
    """How a delinquency rate moved month on month: rose, fell or held steady.

    Parameters
    ----------
    summary : DataFrame
        Output of :func:`analysis.overview.headlines.monthly_summary`.
    month : str, optional
        ``YYYY-MM``; default the latest month.
    metric : {"overdue_rate", "dpd30_rate", "dpd90_rate", "entry_rate"}
    steady : float
        Changes smaller than this (as a share) are "held steady".

    Returns
    -------
    Finding or None
        ``findings.rate.up`` / ``.down`` / ``.steady`` with ``value``, ``previous`` and
        ``change``; ``None`` when the month before is not in the data.

    Examples
    --------
    >>> s = pd.DataFrame({"month": ["2024-05", "2024-06"], "dpd30_rate": [0.028, 0.032]})
    >>> finding_rate_change(s).text("zh")
    'DPD30+ 逾期率环比上升0.40个百分点，2024-06 达到 3.20%。'
    """
    if metric not in TREND_RATE_METRICS:
        raise ValueError(f"unknown metric {metric!r}")
    if steady < 0:
        raise ValueError("steady must be >= 0")
    month = _check_lang_free_month(summary, month)
    if metric not in summary.columns:
        raise ValueError(f"summary has no {metric} column")
    prev_month = shift_month(month, -1)
    value, previous = _value(summary, month, metric), _value(summary, prev_month, metric)
    if _is_nan(value) or _is_nan(previous):
        return None
    change = value - previous
    direction = "up" if change >= steady else ("down" if change <= -steady else "steady")
    prefix = "findings.entry" if metric == "entry_rate" else "findings.rate"
    severity = {"up": 2, "down": 0, "steady": 0}[direction]
    return Finding(
        f"{prefix}.{direction}",
        {"metric": metric, "value": value, "previous": previous, "change": change, "month": month,
         "previous_month": prev_month},
        {"metric": "metric", "value": "rate", "previous": "rate", "change": "pp"},
        page=PAGES["aging"] if metric == "entry_rate" else PAGES["trend"],
        area="aging" if metric == "entry_rate" else "trend",
        severity=severity,
    )


def finding_entry_rate(summary: pd.DataFrame, month: str | None = None) -> Finding | None:
    """The collections entry rate (入催率) month on month; see :func:`finding_rate_change`.

    Examples
    --------
    >>> s = pd.DataFrame({"month": ["2024-05", "2024-06"], "entry_rate": [0.030, 0.0301]})
    >>> finding_entry_rate(s).key
    'findings.entry.steady'
    """
    return finding_rate_change(summary, month, "entry_rate")


# --- buckets -------------------------------------------------------------------------------

def finding_bucket_shift(mix: pd.DataFrame, month: str | None = None, buckets: Buckets = DEFAULT_BUCKETS,
                         measure: str = "balance", minimum: float = BUCKET_SHIFT_MIN) -> Finding | None:
    """The bucket whose share of the book moved most month on month (overdue buckets only).

    Parameters
    ----------
    mix : DataFrame
        Output of :func:`analysis.aging.rates.bucket_mix` (``month, bucket, value, share``).
    month : str, optional
        Default the latest month.
    buckets : Buckets
        For the bucket's display label.
    measure : {"balance", "count"}
        What ``mix`` was built on (stated in the sentence).
    minimum : float
        Smallest move (as a share of the book) worth stating.

    Returns
    -------
    Finding or None
        ``findings.bucket.up`` / ``.down`` with ``bucket``, ``share``, ``previous`` and
        ``change``; ``None`` without a previous month or when no overdue bucket moved by
        ``minimum``.

    Examples
    --------
    >>> mix = pd.DataFrame({"month": ["2024-05"] * 2 + ["2024-06"] * 2, "bucket": ["Current", "1-30"] * 2,
    ...                     "value": [95.0, 5.0, 93.0, 7.0], "share": [0.95, 0.05, 0.93, 0.07]})
    >>> finding_bucket_shift(mix).text("en")
    'The largest bucket movement: 1-30 rose 2.00 pp to 7.00% of balance.'
    """
    if measure not in ("balance", "count"):
        raise ValueError("measure must be 'balance' or 'count'")
    if not {"month", "bucket", "share"} <= set(mix.columns):
        raise ValueError("mix must be the output of analysis.aging.rates.bucket_mix")
    months = sorted(mix["month"].astype(str).unique())
    if not months:
        return None
    month = month or months[-1]
    prev_month = shift_month(month, -1)
    if month not in months or prev_month not in months:
        return None
    table = mix.assign(month=mix["month"].astype(str), bucket=mix["bucket"].astype(str))
    now = table[table["month"] == month].set_index("bucket")["share"]
    before = table[table["month"] == prev_month].set_index("bucket")["share"]
    first = buckets.keys[0]
    change = (now - before.reindex(now.index)).drop(first, errors="ignore").dropna()
    if not len(change) or change.abs().max() < minimum:
        return None
    bucket = str(change.abs().idxmax())
    delta = float(change[bucket])
    label = {lang: buckets.label_of(bucket, lang) if bucket in buckets.keys else bucket for lang in LANGS}
    return Finding(
        "findings.bucket.up" if delta > 0 else "findings.bucket.down",
        {"bucket": label, "bucket_key": bucket, "share": float(now[bucket]), "previous": float(before[bucket]),
         "change": delta, "month": month, "measure": {"zh": "余额" if measure == "balance" else "户数",
                                                       "en": measure}},
        {"bucket": "label", "share": "rate", "previous": "rate", "change": "pp", "measure": "label"},
        page=PAGES["aging"], area="aging", severity=1 if delta > 0 else 0,
    )


# --- drivers (mix vs rate) -------------------------------------------------------------------

def finding_driver(contributions: pd.DataFrame, total_change: float, metric: str = "dpd30_rate",
                   steady: float = RATE_STEADY, share_min: float = DRIVER_SHARE_MIN) -> Finding | None:
    """The segment that explains most of a rate's change, when one clearly does.

    Parameters
    ----------
    contributions : DataFrame
        One row per segment: ``segment`` (display text, e.g. ``"华东 / 消费贷"``) and
        ``contribution`` (its mix + rate effect on the change, as a share; the rows sum to
        ``total_change``), optionally ``mix_effect`` and ``rate_effect``.
    total_change : float
        The change of the rate between the two months (as a share).
    metric : str
    steady, share_min : float
        The change must be at least ``steady``, and the segment's contribution, in the same
        direction, at least ``share_min`` of it.

    Returns
    -------
    Finding or None
        ``findings.driver.up`` / ``.down`` with ``segment``, ``share`` (of the change) and
        ``contribution``; suffixed ``.rate`` / ``.mix`` by the dominant effect when the effects
        are given, or ``.all`` when the segment alone moved the rate more than the net change.

    Examples
    --------
    >>> c = pd.DataFrame({"segment": ["华东 / 消费贷", "华北 / 信用卡"], "contribution": [0.0024, 0.0016]})
    >>> finding_driver(c, 0.004).text("en")
    '60% of the DPD30+ rate rise comes from 华东 / 消费贷.'
    """
    if not {"segment", "contribution"} <= set(contributions.columns):
        raise ValueError("contributions needs 'segment' and 'contribution' columns")
    if _is_nan(total_change) or abs(total_change) < steady or not len(contributions):
        return None
    sign = 1.0 if total_change > 0 else -1.0
    same_way = contributions[contributions["contribution"].to_numpy(dtype=float) * sign > 0]
    if not len(same_way):
        return None
    top = same_way.loc[(same_way["contribution"].astype(float) * sign).idxmax()]
    share = float(top["contribution"]) / float(total_change)
    if share < share_min:
        return None
    params: dict[str, object] = {"metric": metric, "segment": str(top["segment"]), "share": share,
                                 "contribution": float(top["contribution"]), "total_change": float(total_change)}
    key = "findings.driver.up" if sign > 0 else "findings.driver.down"
    if share > 1 + 1e-9:  # offsetting segments: "X% of the change" would read above 100 %
        key += ".all"
    elif {"mix_effect", "rate_effect"} <= set(top.index):
        mix, rate = float(top["mix_effect"]), float(top["rate_effect"])
        params.update(mix_effect=mix, rate_effect=rate)
        key += ".rate" if abs(rate) >= abs(mix) else ".mix"
    return Finding(key, params, {"metric": "metric", "share": "share", "contribution": "pp", "total_change": "pp",
                                 "mix_effect": "pp", "rate_effect": "pp"},
                   page=PAGES["causes"], area="causes", severity=2 if sign > 0 else 0)


# --- forecast ----------------------------------------------------------------------------------

def finding_forecast(result, metric: str = "dpd30_rate", flat: float = FORECAST_FLAT) -> Finding | None:
    """Where the forecast says a rate is heading, with its 80 % range.

    Parameters
    ----------
    result : analysis.trend.forecast.ForecastResult
        Output of :func:`analysis.trend.forecast.forecast_series` for a rate.
    metric : str
    flat : float
        Relative move below which the forecast is "flat".

    Returns
    -------
    Finding or None
        ``findings.forecast.up`` / ``.down`` / ``.flat`` with ``start``, ``end``, ``low``,
        ``high``, the months and the model; ``None`` when no forecast was made.

    Examples
    --------
    >>> from analysis.trend.forecast import forecast_series
    >>> s = pd.Series([0.030, 0.031, 0.032, 0.033, 0.034, 0.035, 0.036, 0.037],
    ...               index=[f"2024-{m:02d}" for m in range(1, 9)])
    >>> finding_forecast(forecast_series(s, horizon=3, model="naive")).key
    'findings.forecast.flat'
    """
    if result is None or not getattr(result, "ok", False):
        return None
    start = float(result.history["value"].iloc[-1])
    last = result.forecast.iloc[-1]
    end = float(last["mean"])
    tol = max(flat * abs(start), 5e-5)
    direction = "up" if end - start > tol else ("down" if start - end > tol else "flat")
    return Finding(
        f"findings.forecast.{direction}",
        {"metric": metric, "start": start, "end": end, "low": float(last["lower80"]), "high": float(last["upper80"]),
         "start_month": str(result.history["month"].iloc[-1]), "end_month": str(last["month"]),
         "model": str(result.model)},
        {"metric": "metric", "start": "rate", "end": "rate", "low": "rate", "high": "rate"},
        page=PAGES["trend"], area="trend", severity={"up": 2, "down": 0, "flat": 0}[direction],
    )


# --- warnings ------------------------------------------------------------------------------

def finding_warnings(levels: pd.DataFrame, month: str | None = None,
                     reliability: Reliability | None = None) -> Finding | None:
    """How many accounts are on warning now, and how many of them red; or, when the warnings do
    not separate good from bad on this book, that they need recalibrating.

    Parameters
    ----------
    levels : DataFrame
        Output of :func:`analysis.warnings.signals.level_summary` without ``by``
        (``level, accounts, balance``).
    month : str, optional
        The month the warnings are for (stated in the sentence).
    reliability : Reliability, optional
        :func:`analysis.warnings.reliability.warning_reliability` of the month. When it is not
        trusted the finding is ``findings.warnings.unreliable`` (the backtest's figures), not a count
        of warned accounts that would read as if the warnings worked.

    Returns
    -------
    Finding or None
        ``findings.warnings.unreliable`` when the warnings fail their backtest or the model fails its
        validation; else ``findings.warnings.red`` when any account is red, else
        ``findings.warnings.some``; ``None`` when nobody is warned.

    Examples
    --------
    >>> lv = pd.DataFrame({"level": ["red", "orange", "yellow"], "accounts": [3, 5, 10],
    ...                    "balance": [3e5, 2e5, 1e5]})
    >>> finding_warnings(lv, "2024-06").text("en", unit="yuan")
    '18 accounts are on early warning in 2024-06 (balance 600,000 CNY); 3 of them red (balance 300,000 CNY).'
    """
    if not {"level", "accounts", "balance"} <= set(levels.columns):
        raise ValueError("levels must be the output of analysis.warnings.signals.level_summary")
    by_level = levels.assign(level=levels["level"].astype(str)).groupby("level")[["accounts", "balance"]].sum()
    total = int(by_level["accounts"].sum())
    if reliability is not None and not reliability.trusted:
        return _unreliable_warnings(reliability, total, month)
    if total == 0:
        return None
    red = int(by_level["accounts"].get("red", 0))
    params = {"accounts": total, "balance": float(by_level["balance"].sum()), "red": red,
              "red_balance": float(by_level["balance"].get("red", 0.0)), "month": month or ""}
    return Finding("findings.warnings.red" if red else "findings.warnings.some", params,
                   {"accounts": "count", "balance": "amount", "red": "count", "red_balance": "amount"},
                   page=PAGES["warnings"], area="warnings", severity=2 if red else 1)


def _unreliable_warnings(reliability: Reliability, accounts: int, month: str | None) -> Finding:
    rule_failed = reliability.rule == "fails"
    params = {"accounts": accounts, "month": month or "", "prev": reliability.from_month,
              "to": reliability.to_month, "flagged_rate": reliability.flagged_rate,
              "unflagged_rate": reliability.unflagged_rate, "auc": reliability.auc,
              "group": {lang: translate(f"warnings.reliability.group.{reliability.flagged}", lang) for lang in LANGS}}
    return Finding("findings.warnings.unreliable_rule" if rule_failed else "findings.warnings.unreliable_model",
                   params, {"accounts": "count", "flagged_rate": "rate", "unflagged_rate": "rate", "auc": "number",
                            "group": "label"},
                   page=PAGES["warnings"], area="warnings", severity=2)


# --- what-if ------------------------------------------------------------------------------

def finding_whatif(comparison: pd.DataFrame) -> Finding | None:
    """The challenger that cuts expected loss most against the champion, and what it costs.

    Parameters
    ----------
    comparison : DataFrame
        Output of :func:`analysis.whatif.policy.compare_scenarios` (``scenario``, ``role``,
        ``accounts_affected``, ``expected_loss_vs_champion``, ``revenue_vs_champion``).

    Returns
    -------
    Finding or None
        ``findings.whatif.best`` (lower loss, lower revenue), ``.win`` (lower loss, more
        revenue) or ``.worse`` (every challenger raises the loss) with the scenario's name, ΔEL
        and Δrevenue against the champion; ``None`` when no challenger changes the loss.

    Examples
    --------
    >>> c = pd.DataFrame({"scenario": ["Today", "Tighten"], "role": ["champion", "challenger"],
    ...                   "accounts_affected": [0, 120], "expected_loss_vs_champion": [0.0, -5e5],
    ...                   "revenue_vs_champion": [0.0, -1e5]})
    >>> print(finding_whatif(c).text("en"))
    "Tighten" lowers expected loss by 50.00 CNY 10k against today's policy and costs 10.00 CNY 10k of yearly revenue (120 accounts change limit).
    """
    need = {"scenario", "role", "accounts_affected", "expected_loss_vs_champion", "revenue_vs_champion"}
    if not need <= set(comparison.columns):
        raise ValueError("comparison must be the output of analysis.whatif.policy.compare_scenarios")
    challengers = comparison[(comparison["role"] == "challenger")
                             & (comparison["expected_loss_vs_champion"].abs() > 1e-9)]
    if not len(challengers):
        return None
    best = challengers.loc[challengers["expected_loss_vs_champion"].idxmin()]
    el, rev = float(best["expected_loss_vs_champion"]), float(best["revenue_vs_champion"])
    direction = ("win" if rev > 0 else "best") if el < 0 else "worse"
    return Finding(f"findings.whatif.{direction}",
                   {"scenario": str(best["scenario"]), "el": abs(el), "revenue": abs(rev),
                    "revenue_signed": rev, "accounts": int(best["accounts_affected"])},
                   {"el": "amount", "revenue": "amount", "revenue_signed": "signed_amount", "accounts": "count"},
                   page=PAGES["whatif"], area="whatif", severity=0 if el < 0 else 1)


# --- causes --------------------------------------------------------------------------------

def finding_top_cause(pareto: pd.DataFrame, measure: str = "balance", month: str | None = None) -> Finding | None:
    """The leading overdue cause and its share.

    Parameters
    ----------
    pareto : DataFrame
        Output of :func:`analysis.causes.dictionary.cause_pareto` (``cause``, ``count_share``,
        ``balance_share``), ranked.
    measure : {"balance", "count"}

    Returns
    -------
    Finding or None
        ``findings.cause.top`` with ``cause``, ``share``; ``None`` when no overdue account has a
        named cause (:func:`analysis.causes.summary.leading_cause`: blank and unmatched reasons
        name none).

    Examples
    --------
    >>> p = pd.DataFrame({"cause": ["unknown", "forgot"], "count_share": [0.7, 0.3],
    ...                   "balance_share": [0.6, 0.4]})
    >>> finding_top_cause(p).text("en")
    'The leading overdue cause is "Forgot / oversight", 40% of overdue balance.'
    """
    if measure not in ("balance", "count"):
        raise ValueError("measure must be 'balance' or 'count'")
    col = f"{measure}_share"
    top = leading_cause(pareto, measure)
    if top is None:
        return None
    cause = str(top["cause"])
    label = {lang: cause_label(cause, lang) for lang in LANGS}
    return Finding("findings.cause.top",
                   {"cause": label, "cause_key": cause, "share": float(top[col]), "month": month or "",
                    "measure": {"zh": "逾期余额" if measure == "balance" else "逾期户数",
                                "en": "overdue balance" if measure == "balance" else "overdue accounts"}},
                   {"cause": "label", "share": "share", "measure": "label"},
                   page=PAGES["causes"], area="causes", severity=1)


# --- provisions --------------------------------------------------------------------------------

#: The ratios judged against a regulatory reference level, in the order a sentence names them.
PROVISION_RATIOS = ("coverage", "provision_to_loans")


def _level(value: float) -> dict[str, str]:
    """A reference level as typed (150%, 2.5%): the regulation's own figure, not a measured rate."""
    text = f"{float(value) * 100:g}%"
    return {"zh": text, "en": text}


def finding_provisions(npl: Mapping[str, float], month: str,
                       references: Mapping[str, float] | None = None) -> Finding | None:
    """The month's allowance, NPL ratio and coverage against the regulatory reference levels.

    Parameters
    ----------
    npl : mapping
        ``ProvisionResult.npl`` of :func:`analysis.provisions.summary.provisions_for_month`:
        ``allowance``, ``ratio`` (NPL ratio), ``coverage`` (allowance ÷ NPL balance),
        ``provision_to_loans`` (allowance ÷ total balance), ``total_balance``; fractions, amounts in 元;
        ``classification_source`` ``"file"`` when the NPL is by the bank's own classification (said).
    month : str
    references : mapping, optional
        ``coverage`` and ``provision_to_loans`` reference levels as fractions (default
        :data:`analysis.provisions.npl.REFERENCE_LEVELS`: 150 % and 2.5 %).

    Returns
    -------
    Finding or None
        ``findings.provisions.ok`` (severity 0) when both ratios reach their reference, else
        ``findings.provisions.below`` (severity 2) naming the one(s) below; a book without NPLs has
        no coverage ratio and is judged on allowance to loans alone (``.no_npl``). ``None`` for
        a book with no balance.

    Examples
    --------
    >>> npl = {"allowance": 300.0, "ratio": 0.01, "coverage": 3.0, "provision_to_loans": 0.03,
    ...        "total_balance": 10_000.0}
    >>> f = finding_provisions(npl, "2024-06")
    >>> f.severity, f.text("en", unit="yuan")
    (0, 'The allowance for 2024-06 is 300 CNY; NPL ratio 1.00%, coverage 300.00% and allowance to loans 3.00%, both at or above their reference levels (150%, 2.5%).')
    """
    refs = {k: float(v["value"]) for k, v in REFERENCE_LEVELS.items()}
    refs.update({k: float(v) for k, v in (references or {}).items() if k in refs})
    total, allowance = npl.get("total_balance", math.nan), npl.get("allowance", math.nan)
    if _is_nan(total) or float(total) <= 0 or _is_nan(allowance):
        return None
    # No NPL: coverage has no denominator; only allowance to loans can fall short.
    judged = [k for k in PROVISION_RATIOS if not _is_nan(npl.get(k))]
    below = [k for k in judged if float(npl[k]) < refs[k]]
    params: dict[str, object] = {
        "month": month, "allowance": float(allowance), "ratio": float(npl["ratio"]),
        "loans": float(npl["provision_to_loans"]),
        "ref_coverage": _level(refs["coverage"]), "ref_loans": _level(refs["provision_to_loans"]),
        "below_keys": ",".join(below),
        # the bank's own 五级分类 is said; the DPD classes are the default the sentence always meant
        "basis": {lang: (translate("findings.provisions.basis.file", lang)
                         if npl.get("classification_source") == "file" else "") for lang in LANGS},
    }
    kinds = {"allowance": "amount", "ratio": "rate", "coverage": "rate", "loans": "rate", "ref_coverage": "label",
             "ref_loans": "label", "below": "label", "basis": "label"}
    if "coverage" in judged:
        params["coverage"] = float(npl["coverage"])
        key = "findings.provisions.below" if below else "findings.provisions.ok"
    else:
        key = "findings.provisions.no_npl.below" if below else "findings.provisions.no_npl.ok"
    if below:
        which = "both" if len(below) == 2 else below[0]
        params["below"] = {lang: translate(f"findings.provisions.which.{which}", lang) for lang in LANGS}
    return Finding(key, params, kinds, page=PAGES["provisions"], area="provisions", severity=2 if below else 0)


# --- the month's key findings ------------------------------------------------------------------

#: Order in which findings are offered when more than ``limit`` hold: the headline rate, what
#: drove it, who needs attention, where it is heading, then the supporting detail.
PRIORITY = ("thin_month", "rate_dpd30", "driver", "warnings", "forecast", "entry", "bucket", "cause", "rate_dpd90")


@dataclass(frozen=True)
class FindingsInputs:
    """The analysis results the findings of one month are written from (any may be missing).

    Build it with :func:`gather_inputs`; the report reuses the same results for its tables, so
    the sentences and the tables cannot disagree.
    """

    month: str
    measure: str
    summary: pd.DataFrame
    mix: pd.DataFrame | None = None
    forecast: object | None = None
    levels: pd.DataFrame | None = None
    pareto: pd.DataFrame | None = None
    contributions: pd.DataFrame | None = None
    total_change: float | None = None
    #: Optional analyses that failed on this data: ``(area, {lang: message})``; their findings are left out.
    problems: tuple[tuple[str, dict[str, str]], ...] = ()
    #: The warning rule's backtest (:func:`analysis.warnings.signals.level_outcomes`) of the month.
    outcomes: pd.DataFrame | None = None

    @property
    def reliability(self) -> Reliability | None:
        """Whether the warnings separate on this book (from the backtest); None without warnings."""
        return None if self.levels is None else warning_reliability(self.outcomes)


def _optional(area: str, problems: list, fn, *args, **kwargs):
    """Run one optional analysis; a failure leaves its findings out and is reported, not raised.

    The headline rates come from the cubes and always work; a forecast, warning, cause or
    driver analysis that cannot run on an unusual file must not take the overview down with it.
    """
    try:
        return fn(*args, **kwargs)
    except (ValueError, KeyError) as exc:  # data it cannot run on (MessageError is a ValueError); bugs propagate
        # in both languages: the page shows the one it is drawn in (the English text on a zh page was a bug)
        messages = ({lang: exc.message(lang) for lang in ("zh", "en")} if hasattr(exc, "message")
                    else {"zh": str(exc), "en": str(exc)})
        problems.append((area, {lang: text or type(exc).__name__ for lang, text in messages.items()}))
        return None


def gather_inputs(cubes: Cubes, month: str | None = None, measure: str = "balance", *,
                  rows: pd.DataFrame | None = None, forecast: bool = True, warnings: bool = True,
                  causes: bool = True, drivers: bool = True, horizon: int = FORECAST_HORIZON, warning_thresholds=None,
                  warning_rule=None, reason_dictionary: pd.DataFrame | None = None,
                  summary: pd.DataFrame | None = None, index=None, levels: pd.DataFrame | None = None,
                  forecaster=None, outcomes: pd.DataFrame | None = None,
                  mix: pd.DataFrame | None = None) -> FindingsInputs:
    """Run the analyses behind the findings of ``month`` (each optional: the forecast takes a second or two).

    Every aggregate comes from the data core's cubes (the same the pages read); only the
    warnings and the causes, which need one row per account, read ``rows``.
    (Long only for its documented parameters; each analysis is one call to its feature.)

    Parameters
    ----------
    cubes : analysis.core.Cubes
        The cubes of the data, filters and buckets in use (``state.cubes()`` in the app,
        ``book_from_portfolio(df).cubes(buckets)`` elsewhere); the bucket scheme is theirs.
    month : str, optional
        Default the latest month of the cubes.
    measure : {"balance", "count"}
    rows : DataFrame, optional
        The account rows behind the cubes (the filtered canonical portfolio, at least the months
        the warnings look back over). Without them the warnings and causes are left out.
    forecast, warnings, causes, drivers : bool
        Which optional analyses to run. Causes need an ``overdue_reason`` column; drivers need
        a segment column and the month before.
    horizon : int
        Forecast horizon in months.
    warning_thresholds, warning_rule : optional
        :class:`analysis.warnings.signals.WarningThresholds` and level rule (default: the warning
        module's defaults), so the findings count the same warned accounts as the warnings page.
    reason_dictionary : DataFrame, optional
        The keyword dictionary the user edited on the causes page (default: the shipped one).
    summary : DataFrame, optional
        A ready :func:`analysis.overview.headlines.monthly_summary` of ``cubes`` by ``measure``.
    index : analysis.warnings.signals.RowIndex, optional
        :func:`analysis.warnings.signals.row_index` of ``rows``, when the caller keeps one (the app does):
        the warnings and causes then read only the month's rows.
    levels : DataFrame, optional
        A ready :func:`warning_levels_for` of ``rows`` at ``month`` with these warning settings
        (the app caches them per month); computed here when omitted.
    outcomes : DataFrame, optional
        A ready :func:`warning_outcomes_for` of the month (the app caches it); computed here when
        omitted. It decides whether the warning finding counts the warned accounts or says the
        warnings need recalibrating (:mod:`analysis.warnings.reliability`).
    mix : DataFrame, optional
        A ready :func:`analysis.aging.rates.bucket_mix` of ``cubes.aging()`` by ``measure`` (every
        month: the same for any ``month``; the app keeps it per data); computed here when omitted.
    forecaster : callable, optional
        ``forecaster(series, horizon) -> ForecastResult`` for the DPD30+ rate series up to
        ``month`` (default :func:`analysis.trend.forecast.forecast_series` of a rate); lets a caller
        reuse a fit it already has for the same series.

    Returns
    -------
    FindingsInputs

    Examples
    --------
    >>> from analysis.core import book_from_portfolio
    >>> df = pd.DataFrame({"account_id": ["a", "b"] * 2, "month": ["2024-01"] * 2 + ["2024-02"] * 2,
    ...                    "days_past_due": [0, 0, 0, 40], "balance": [100.0, 100.0, 100.0, 100.0]})
    >>> got = gather_inputs(book_from_portfolio(df).cubes(), forecast=False, drivers=False)
    >>> got.month, got.summary["dpd30_rate"].tolist(), got.levels is None
    ('2024-02', [0.0, 0.5], True)
    """
    if measure not in ("balance", "count"):
        raise ValueError("measure must be 'balance' or 'count'")
    summary = monthly_summary(cubes, measure) if summary is None else summary
    month = _check_lang_free_month(summary, month)
    upto = summary[summary["month"] <= month]
    mix = bucket_mix(cubes.aging(), measure) if mix is None else mix
    buckets = cubes.buckets
    problems: list[tuple[str, dict[str, str]]] = []
    fc = _optional("trend", problems, forecast_for, upto, "dpd30_rate", horizon, forecaster) if forecast else None
    if not warnings or rows is None:
        levels = None
    elif levels is None:
        levels = _optional("warnings", problems, warning_levels_for, rows, month, buckets, warning_thresholds,
                           warning_rule, reason_dictionary, index)
    if levels is not None and outcomes is None:
        outcomes = warning_outcomes_for(rows, month, buckets, warning_thresholds, warning_rule, reason_dictionary,
                                        index)
    pareto = None
    if causes and rows is not None and "overdue_reason" in rows.columns:
        def _pareto():
            at = (rows.iloc[index.month_rows[index.months.index(month)]]
                  if index is not None and month in index.months else rows[rows["month"] == month])
            return cause_pareto(overdue_causes(at, reason_dictionary), month=month, measure=measure)

        pareto = _optional("causes", problems, _pareto)
    contributions, total = (None, None)
    if drivers:
        contributions, total = _optional("causes", problems, driver_contributions, cubes, month, measure) or (None, None)
    return FindingsInputs(month, measure, summary, mix, fc, levels, pareto, contributions, total, tuple(problems),
                          outcomes=outcomes)


def forecast_for(summary: pd.DataFrame, metric: str = "dpd30_rate", horizon: int = FORECAST_HORIZON,
                 forecaster=None):
    """:func:`analysis.trend.forecast.forecast_series` of one summary metric (history as given).

    ``forecaster(series, horizon)``, when given, replaces the fit (e.g. a cached one).
    """
    series = metric_series(summary, metric)
    if forecaster is not None:
        return forecaster(series, horizon)
    return forecast_series(series, horizon=horizon, is_rate=True)


def reason_classifier(rows: pd.DataFrame, dictionary: pd.DataFrame | None):
    """The wilful-default signal's reason classifier for ``dictionary``, or None (the signals' own
    default) when there is no dictionary or the rows have no written reasons."""
    if dictionary is None or "overdue_reason" not in rows.columns:
        return None
    return lambda reasons: classify_reasons(reasons, dictionary)


def warning_signals_for(rows: pd.DataFrame, month: str, buckets: Buckets = DEFAULT_BUCKETS, thresholds=None,
                        dictionary: pd.DataFrame | None = None, index=None) -> pd.DataFrame:
    """The signals of ``month`` with the reason dictionary's classifier (no model scores): what
    :func:`warning_levels_for` and :func:`warning_outcomes_for` read, for a caller that keeps them
    per month.

    :func:`analysis.warnings.signals.warning_flags`: :func:`analysis.warnings.signals.warning_signals`'
    rows with only the columns the levels and the backtest read (the month's DPD, balance and
    flags), so the same counts without copying every account's ids and segments (5x faster on
    100k accounts; the overview counts two months on every change of month).
    """
    return warning_flags(rows, month=month, thresholds=thresholds, buckets=buckets,
                         classifier=reason_classifier(rows, dictionary), index=index)


def warning_levels_for(rows: pd.DataFrame, month: str, buckets: Buckets = DEFAULT_BUCKETS, thresholds=None,
                       rule=None, dictionary: pd.DataFrame | None = None, index=None,
                       signals: pd.DataFrame | None = None) -> pd.DataFrame:
    """Accounts and balance per warning level at ``month`` (default thresholds and rule unless given).

    ``rows`` are account rows (the canonical portfolio); the signals look back from ``month``
    and never after it, so a book with later months gives the same answer. ``index`` is the
    :func:`analysis.warnings.signals.row_index` of ``rows`` when the caller keeps one;
    ``signals`` the :func:`warning_signals_for` of ``month`` with the same settings, when kept.
    """
    if signals is None:
        signals = warning_signals_for(rows, month, buckets, thresholds, dictionary, index)
    return level_summary(signals, warning_levels(signals, rule or DEFAULT_RULE))


def warning_outcomes_for(rows: pd.DataFrame, month: str, buckets: Buckets = DEFAULT_BUCKETS, thresholds=None,
                         rule=None, dictionary: pd.DataFrame | None = None, index=None,
                         prev_signals: pd.DataFrame | None = None) -> pd.DataFrame | None:
    """The warning rule's backtest into ``month`` (:func:`analysis.warnings.signals.level_outcomes`)
    with the same settings as :func:`warning_levels_for`; None when the month before is not in the
    rows or the backtest cannot run on them. ``prev_signals``: the :func:`warning_signals_for` of
    the month before with the same settings, when the caller keeps them."""
    classifier = reason_classifier(rows, dictionary)
    try:
        return level_outcomes(rows, month, thresholds, rule or DEFAULT_RULE, buckets, classifier, index=index,
                              prev_signals=prev_signals)
    except (ValueError, KeyError):  # no month before (WarningError), or rows it cannot read: no verdict
        return None


def driver_contributions(cubes: Cubes, month: str, measure: str = "balance",
                         by: list[str] | None = None) -> tuple[pd.DataFrame | None, float | None]:
    """Per-segment contribution to the month-on-month change of ``dpd30_rate`` (mix + rate effect).

    Uses :func:`analysis.causes.decomposition.decompose_rate_change` (midpoint shift-share) on the
    two months of the rate cube ``cubes.rates(by)``, over the cross of region × product when
    both exist (else the first usable segment, see :data:`DRIVER_SEGMENTS`). Returns
    ``(segments, total_change)``: the ``segments`` frame has ``segment``, ``mix_effect``,
    ``rate_effect`` and ``contribution`` (their sum); or ``(None, None)`` when there is no
    previous month or no usable segment column.

    Examples
    --------
    >>> from analysis.core import book_from_portfolio
    >>> df = pd.DataFrame({"account_id": ["a", "b"] * 2, "month": ["2024-01"] * 2 + ["2024-02"] * 2,
    ...                    "days_past_due": [0, 0, 0, 40], "balance": [100.0] * 4,
    ...                    "region": pd.Categorical(["east", "west"] * 2)})
    >>> table, total = driver_contributions(book_from_portfolio(df).cubes(), "2024-02", by=["region"])
    >>> total, table.set_index("segment")["contribution"].sort_index().to_dict()
    (0.5, {'east': 0.0, 'west': 0.5})
    """
    return _decompose(cubes, month, measure, by)


#: At most this many key findings open the overview and the meeting report.
KEY_FINDINGS = 5


def key_findings(inputs: FindingsInputs, buckets: Buckets = DEFAULT_BUCKETS, limit: int = KEY_FINDINGS) -> list[Finding]:
    """The findings that hold for the month, most important first, at most ``limit``.

    Parameters
    ----------
    inputs : FindingsInputs
        From :func:`gather_inputs`.
    buckets : Buckets
    limit : int
        At most this many (3-5 reads well in a meeting).

    Examples
    --------
    >>> s = pd.DataFrame({"month": ["2024-05", "2024-06"], "dpd30_rate": [0.028, 0.032],
    ...                   "dpd90_rate": [0.01, 0.01], "entry_rate": [0.02, 0.0202]})
    >>> [f.key for f in key_findings(FindingsInputs("2024-06", "balance", s))]
    ['findings.rate.up', 'findings.entry.steady', 'findings.rate.steady']
    """
    if limit < 1:
        raise ValueError("limit must be at least 1")
    month, found = inputs.month, {}
    if "accounts" in inputs.summary.columns:
        found["thin_month"] = finding_thin_month(inputs.summary, month)
    found["rate_dpd30"] = finding_rate_change(inputs.summary, month, "dpd30_rate")
    if inputs.contributions is not None and inputs.total_change is not None:
        found["driver"] = finding_driver(inputs.contributions, inputs.total_change, "dpd30_rate")
    if inputs.levels is not None:
        found["warnings"] = finding_warnings(inputs.levels, month, inputs.reliability)
    found["forecast"] = finding_forecast(inputs.forecast, "dpd30_rate")
    if "entry_rate" in inputs.summary.columns:
        found["entry"] = finding_entry_rate(inputs.summary, month)
    if inputs.mix is not None:
        found["bucket"] = finding_bucket_shift(inputs.mix, month, buckets, inputs.measure)
    if inputs.pareto is not None:
        found["cause"] = finding_top_cause(inputs.pareto, inputs.measure, month)
    if "dpd90_rate" in inputs.summary.columns:
        found["rate_dpd90"] = finding_rate_change(inputs.summary, month, "dpd90_rate")
    ordered = [found[name] for name in PRIORITY if found.get(name) is not None]
    return ordered[:limit]


__all__ = [
    "BUCKET_SHIFT_MIN", "DRIVER_SHARE_MIN", "FORECAST_FLAT", "Finding", "PAGES", "RATE_STEADY",
    "finding_bucket_shift", "finding_driver", "finding_entry_rate", "finding_forecast", "finding_rate_change",
    "finding_thin_month", "THIN_MONTH_SHARE",
    "finding_provisions", "finding_top_cause", "finding_warnings", "finding_whatif", "FindingsInputs", "PRIORITY", "driver_contributions",
    "forecast_for", "gather_inputs", "key_findings", "reason_classifier", "warning_levels_for", "warning_outcomes_for",
]


#: Segment columns tried for the driver, as pairs first ("华东 / 消费贷"), then alone.
DRIVER_SEGMENTS = (("region", "product"), ("branch", "product"), ("product",), ("region",), ("channel",),
                   ("branch",), ("industry",))
#: A cross of segments with more cells than this is too fine to name a driver.
DRIVER_MAX_CELLS = 60


def _driver_by(cubes: Cubes) -> list[str] | None:
    segments = set(cubes.book.segments)
    for combo in DRIVER_SEGMENTS:
        if all(c in segments for c in combo):
            cells = cubes.rates(list(combo))[list(combo)].drop_duplicates().shape[0]
            if 1 < cells <= DRIVER_MAX_CELLS:
                return list(combo)
    return None


def _segment_text(values: pd.Series) -> pd.Series:
    # Accounts without a segment value are a segment of their own, named as the decomposition names it.
    return values.astype("string").fillna("—")


def _decompose(cubes: Cubes, month: str, measure: str, by: list[str] | None):
    prev = shift_month(month, -1)
    months = set(cubes.months)
    if prev not in months or month not in months:
        return None, None
    by = by or _driver_by(cubes)
    if not by:
        return None, None
    rates = cubes.rates(by)
    cube = rates[rates["month"].isin([prev, month])]
    # One combined segment label ("华东 / 消费贷") so the decomposition runs on the cross.
    label = _segment_text(cube[by[0]])
    for col in by[1:]:
        label = label + " / " + _segment_text(cube[col])
    change = decompose_rate_change(cube.assign(driver_segment=label.to_numpy()), "driver_segment", prev, month,
                                   "dpd30_rate", measure)
    table = change.segments.rename(columns={"total_effect": "contribution"})
    return table, float(change.change)


def with_provisions(found: tuple[Finding, ...], provision: Finding | None,
                    limit: int = KEY_FINDINGS) -> tuple[Finding, ...]:
    """The key findings with the provisions one: a ratio below its reference ranks after the
    headline rate (it is what the meeting must act on); good news joins only when there is room.

    Examples
    --------
    >>> a, b = (Finding(k, {}) for k in ("findings.rate.up", "findings.entry.up"))
    >>> p = Finding("findings.provisions.below", {}, severity=2)
    >>> [f.key for f in with_provisions((a, b), p, limit=2)]
    ['findings.rate.up', 'findings.provisions.below']
    >>> with_provisions((a, b), Finding("findings.provisions.ok", {}, severity=0), limit=2) == (a, b)
    True
    """
    if provision is None:
        return found
    if provision.severity >= 2:
        return (*found[:1], provision, *found[1:])[:limit]
    return (*found, provision) if len(found) < limit else found
