"""What-if credit-limit policies (额度策略模拟): exposure, expected loss and revenue, before and after.

A :class:`Policy` is an ordered list of :class:`Rule`. Each rule has a condition on the latest
snapshot of an account (bucket, DPD, utilisation, score, segment values, months on book,
delinquency in the last N months) and one action (cut by %, raise by %, set to an amount, freeze
to the balance, cap at a utilisation). The **first matching rule wins**; accounts no rule matches
keep their limit. Everything is vectorised over accounts with numpy masks.

The money model, stated once (the page and the README repeat it):

* **Undrawn** = ``max(limit - balance, 0)``; an account without a known limit has no undrawn.
* **EAD** (exposure at default) = ``balance + CCF × undrawn``.
* **EL** (expected loss) = ``PD(bucket) × LGD × EAD``; PD is the 12-month probability of reaching
  91+ DPD (see :mod:`analysis.whatif.pd`), 1 for accounts already there.
* **Revenue** (yearly interest) = ``rate × (balance + draw_share × undrawn)``: interest on the
  balance expected to be drawn over the year. A raise adds headroom, a share of which gets drawn;
  a cut removes headroom customers would have drawn. The balance itself is what is owed today
  and never changes; balance and limit totals reconcile with the upload.
* **Scope**: accounts in default (≥ 91 DPD) or charged off / closed (:func:`out_of_scope`) match
  no rule unless the policy says ``include_defaulted``, and earn no interest (non-accrual); the
  totals report them on their own line.
* **No forced paydown** (on by default): a cut never takes a limit below the balance (an account
  already over its limit keeps its limit).

Percentages in a policy are written as people write them: ``20`` means 20 %.
"""
from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields, replace

import numpy as np
import pandas as pd

from analysis.core.buckets import DEFAULT_BUCKETS, Buckets, bucket_codes
from analysis.core.rates import month_ordinal
from analysis.core.i18n import JSON_TOO_DEEP, MessageError, translate
from analysis.core.schema import segment_columns, usable_rates
from analysis.core.units import percent_text

ACTIONS = ("cut", "raise", "set", "freeze", "cap_utilisation")
#: Actions that take a value, and the range it must be in (inclusive bounds).
_ACTION_VALUE_RANGE = {
    "cut": (0.0, 100.0),
    "raise": (0.0, 1000.0),
    "set": (0.0, math.inf),
    "cap_utilisation": (1e-9, 100.0),
}
#: DPD thresholds the "delinquent in the last N months" condition can use.
DELINQUENCY_THRESHOLDS = (1, 31, 61, 91)
#: Days past due that count as default everywhere in what-if (PD, backtest): the IFRS 9 stage 3
#: backstop and the 次级 floor of the five-tier classification (a test keeps it equal to
#: ``analysis.aging.regulatory.IFRS9_DEFAULT[1]``).
DEFAULT_DPD = 91
POLICY_FORMAT_VERSION = 1
#: Lowest PD of an account not in default (0.03 %): the Basel II IRB floor for corporate and retail
#: PD (CRR Art. 160(1), 163(1)); see :mod:`analysis.whatif.account_pd` for the reasoning.
PD_FLOOR = 0.0003
_CONDITION_FIELDS = (
    "buckets", "dpd_min", "dpd_max", "utilisation_min", "utilisation_max", "score_min",
    "score_max", "segments", "mob_min", "mob_max", "delinquent_months", "delinquent_min_dpd",
    "clean_months",
)
_NEVER = np.inf  # months since a delinquency that never happened in the history we have


class PolicyError(MessageError):
    """A policy, an assumption or a parameter the user gave is not valid.

    ``str(exc)`` is English; :meth:`message` gives the text in the user's language.
    """



# --- policy ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Rule:
    """One rule: a condition on the latest snapshot and an action on the credit limit.

    Every condition left at ``None`` (or empty) matches everything; the conditions set are
    combined with AND. Ranges are inclusive.

    Parameters
    ----------
    action : {"cut", "raise", "set", "freeze", "cap_utilisation"}
        ``cut``/``raise`` change the limit by ``value`` % ; ``set`` sets it to ``value`` 元;
        ``freeze`` lowers it to the current balance; ``cap_utilisation`` lowers it so that the
        utilisation is at least ``value`` % (``limit ≤ balance / value%``).
    value : float, optional
        Percent (cut, raise, cap_utilisation) or amount in 元 (set); none for freeze.
    name : str
        What the rule is for, shown in tables and the waterfall.
    buckets : tuple of str
        Bucket keys of the current bucket definition (``("31-60", "61-90")``).
    dpd_min, dpd_max : int, optional
        Days past due range.
    utilisation_min, utilisation_max : float, optional
        Balance / limit in percent.
    score_min, score_max : float, optional
        Score band.
    segments : mapping of str to tuple of str
        Segment column → values (``{"product": ("信用卡",)}``).
    mob_min, mob_max : int, optional
        Months on book.
    delinquent_months : int, optional
        Reached ``delinquent_min_dpd`` days past due at least once in the last N months
        (this month included).
    delinquent_min_dpd : {1, 31, 61, 91}
    clean_months : int, optional
        Not overdue at all (DPD 0) in each of the last N months in the book.

    Examples
    --------
    >>> Rule("cut", 20, buckets=("31-60",)).describe("en")
    'bucket in 31-60 → cut 20%'
    """

    action: str
    value: float | None = None
    name: str = ""
    buckets: tuple[str, ...] = ()
    dpd_min: int | None = None
    dpd_max: int | None = None
    utilisation_min: float | None = None
    utilisation_max: float | None = None
    score_min: float | None = None
    score_max: float | None = None
    segments: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    mob_min: int | None = None
    mob_max: int | None = None
    delinquent_months: int | None = None
    delinquent_min_dpd: int = 1
    clean_months: int | None = None

    def __post_init__(self) -> None:
        # Normalise containers so two equal rules compare equal whatever the caller passed.
        object.__setattr__(self, "buckets", tuple(str(b) for b in self.buckets))
        object.__setattr__(
            self, "segments", {str(k): tuple(str(v) for v in vals) for k, vals in dict(self.segments).items()}
        )
        self.validate()

    def validate(self) -> None:
        """Raise :class:`PolicyError` when the rule cannot be applied."""
        label = self.name or self.action
        if self.action not in ACTIONS:
            raise PolicyError("whatif.err.action", rule=label, action=self.action, actions=", ".join(ACTIONS))
        if self.action == "freeze":
            if self.value is not None and not _is_nan(self.value):
                raise PolicyError("whatif.err.freeze_value", rule=label)
        else:
            lo, hi = _ACTION_VALUE_RANGE[self.action]
            if self.value is None or not _is_number(self.value) or _is_nan(self.value):
                raise PolicyError("whatif.err.value_missing", rule=label, action=self.action)
            if not (lo <= float(self.value) <= hi):
                raise PolicyError("whatif.err.value_range", rule=label, action=self.action,
                                  value=self.value, lo=_fmt(lo), hi=_fmt(hi))
        for lo_name, hi_name, minimum in (
            ("dpd_min", "dpd_max", 0), ("utilisation_min", "utilisation_max", 0),
            ("score_min", "score_max", -math.inf), ("mob_min", "mob_max", 0),
        ):
            lo, hi = getattr(self, lo_name), getattr(self, hi_name)
            for name, v in ((lo_name, lo), (hi_name, hi)):
                if v is not None and (not _is_number(v) or _is_nan(v) or v < minimum):
                    raise PolicyError("whatif.err.bound", rule=label, field=name, value=v)
            if lo is not None and hi is not None and lo > hi:
                raise PolicyError("whatif.err.range", rule=label, low=lo_name, high=hi_name, lo=lo, hi=hi)
        for name in ("delinquent_months", "clean_months"):
            v = getattr(self, name)
            if v is not None and (not _is_number(v) or _is_nan(v) or v < 1 or int(v) != v):
                raise PolicyError("whatif.err.months", rule=label, field=name, value=v)
        if self.delinquent_min_dpd not in DELINQUENCY_THRESHOLDS:
            raise PolicyError("whatif.err.delinquent_dpd", rule=label, value=self.delinquent_min_dpd,
                              allowed=", ".join(map(str, DELINQUENCY_THRESHOLDS)))
        for col, vals in self.segments.items():
            if not vals:
                raise PolicyError("whatif.err.segment_empty", rule=label, column=col)

    def conditions(self) -> dict[str, object]:
        """The conditions that are set, as JSON-ready values (percent as written)."""
        out: dict[str, object] = {}
        for name in _CONDITION_FIELDS:
            v = getattr(self, name)
            if name == "delinquent_min_dpd":
                if self.delinquent_months is not None and v != 1:
                    out[name] = int(v)
                continue
            if v is None or (isinstance(v, (tuple, dict)) and not v):
                continue
            if name == "buckets":
                v = list(v)
            elif name == "segments":
                v = {k: list(vals) for k, vals in v.items()}
            elif isinstance(v, float) and v.is_integer():
                v = int(v)
            out[name] = v
        return out

    def describe(self, lang: str = "en") -> str:
        """One line a person reads: ``bucket in 31-60 → cut 20%``."""
        parts = []
        for name, v in self.conditions().items():
            if name == "delinquent_min_dpd":
                continue
            if name == "buckets":
                parts.append(translate("whatif.cond.buckets", lang, values="/".join(v)))
            elif name == "segments":
                for col, vals in v.items():
                    parts.append(translate("whatif.cond.segment", lang, column=col, values="/".join(vals)))
            elif name == "delinquent_months":
                parts.append(translate("whatif.cond.delinquent_months", lang, n=v, dpd=self.delinquent_min_dpd))
            else:
                parts.append(translate(f"whatif.cond.{name}", lang, value=v))
        cond = translate("whatif.cond.sep", lang).join(parts) if parts else translate("whatif.cond.all", lang)
        value = "" if self.value is None else _fmt(float(self.value))
        return f"{cond} → {translate(f'whatif.action.{self.action}', lang, value=value)}"


@dataclass(frozen=True)
class Policy:
    """An ordered list of rules; the first rule an account matches decides its new limit.

    Examples
    --------
    >>> p = Policy("Tighten", (Rule("cut", 20, dpd_min=31),))
    >>> policy_from_json(policy_to_json(p)) == p
    True
    """

    name: str = ""
    rules: tuple[Rule, ...] = ()
    #: Let the rules act on accounts in default (see :func:`out_of_scope`); off by default because
    #: a bank has normally blocked those lines already, so cutting them saves nothing real.
    include_defaulted: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "rules", tuple(self.rules))
        for r in self.rules:
            if not isinstance(r, Rule):
                raise PolicyError("whatif.err.not_rule", value=type(r).__name__)
        if not isinstance(self.include_defaulted, (bool, np.bool_)):
            raise PolicyError("whatif.err.include_defaulted", value=self.include_defaulted)
        object.__setattr__(self, "include_defaulted", bool(self.include_defaulted))


NO_CHANGE = Policy("", ())

def policy_to_dict(policy: Policy) -> dict:
    """The JSON-ready form of a policy (see the README for the format)."""
    rules = []
    for r in policy.rules:
        item: dict[str, object] = {}
        if r.name:
            item["name"] = r.name
        item["when"] = r.conditions()
        item["action"] = r.action
        if r.value is not None and not _is_nan(r.value):
            v = float(r.value)
            item["value"] = int(v) if v.is_integer() else v
        rules.append(item)
    out = {"version": POLICY_FORMAT_VERSION, "name": policy.name, "rules": rules}
    if policy.include_defaulted:  # written only when set, so files saved before read the same
        out["include_defaulted"] = True
    return out


def policy_to_json(policy: Policy) -> str:
    """Serialise a policy to JSON text (UTF-8, Chinese kept readable).

    Examples
    --------
    >>> policy_to_json(Policy("p", (Rule("freeze", buckets=("61-90",)),)))
    '{"version": 1, "name": "p", "rules": [{"when": {"buckets": ["61-90"]}, "action": "freeze"}]}'
    """
    return json.dumps(policy_to_dict(policy), ensure_ascii=False)


def policy_from_dict(data: object) -> Policy:
    """Build a :class:`Policy` from its dict form, checking every field.

    Raises
    ------
    PolicyError
        Naming the rule and the field at fault.
    """
    if not isinstance(data, dict):
        raise PolicyError("whatif.err.json_shape")
    unknown = set(data) - {"version", "name", "rules", "include_defaulted"}
    if unknown:
        raise PolicyError("whatif.err.unknown_key", where="policy", keys=", ".join(sorted(map(str, unknown))))
    version = data.get("version", POLICY_FORMAT_VERSION)
    if version != POLICY_FORMAT_VERSION:
        raise PolicyError("whatif.err.version", value=version, expected=POLICY_FORMAT_VERSION)
    rules_data = data.get("rules", [])
    if not isinstance(rules_data, list):
        raise PolicyError("whatif.err.rules_list")
    rules = []
    for i, item in enumerate(rules_data, start=1):
        if not isinstance(item, dict):
            raise PolicyError("whatif.err.rule_shape", n=i)
        extra = set(item) - {"name", "when", "action", "value"}
        if extra:
            raise PolicyError("whatif.err.unknown_key", where=f"rule {i}", keys=", ".join(sorted(map(str, extra))))
        when = item.get("when", {}) or {}
        if not isinstance(when, dict):
            raise PolicyError("whatif.err.rule_shape", n=i)
        bad = set(when) - set(_CONDITION_FIELDS)
        if bad:
            raise PolicyError("whatif.err.unknown_condition", n=i, keys=", ".join(sorted(map(str, bad))),
                              allowed=", ".join(_CONDITION_FIELDS))
        if "action" not in item:
            raise PolicyError("whatif.err.no_action", n=i)
        kwargs = dict(when)
        if "buckets" in kwargs:
            if not isinstance(kwargs["buckets"], list):
                raise PolicyError("whatif.err.list_field", n=i, field="buckets")
            kwargs["buckets"] = tuple(kwargs["buckets"])
        if "segments" in kwargs:
            segs = kwargs["segments"]
            if not isinstance(segs, dict) or not all(isinstance(v, list) for v in segs.values()):
                raise PolicyError("whatif.err.list_field", n=i, field="segments")
            kwargs["segments"] = {k: tuple(v) for k, v in segs.items()}
        for k, v in kwargs.items():
            if k not in ("buckets", "segments") and not _is_number(v):
                raise PolicyError("whatif.err.bound", rule=item.get("name") or f"#{i}", field=k, value=v)
        value = item.get("value")
        if value is not None and not _is_number(value):
            raise PolicyError("whatif.err.value_missing", rule=item.get("name") or f"#{i}", action=item["action"])
        rules.append(Rule(action=str(item["action"]), value=None if value is None else float(value),
                          name=str(item.get("name", "") or ""), **kwargs))
    include = data.get("include_defaulted", False)
    if not isinstance(include, bool):
        raise PolicyError("whatif.err.include_defaulted", value=include)
    return Policy(name=str(data.get("name", "") or ""), rules=tuple(rules), include_defaulted=include)


def policy_from_json(text: str | bytes) -> Policy:
    """Parse a policy saved by :func:`policy_to_json` (or written by hand).

    Raises
    ------
    PolicyError
        When the text is not JSON or a field is wrong; the message names the rule and field.

    Examples
    --------
    >>> policy_from_json('{"rules": [{"when": {"dpd_min": 31}, "action": "cut", "value": 20}]}').rules[0].value
    20.0
    """
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise PolicyError("whatif.err.json_encoding") from None
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as exc:
        raise PolicyError("whatif.err.json_syntax", line=getattr(exc, "lineno", 1), column=getattr(exc, "colno", 1),
                          detail=getattr(exc, "msg", JSON_TOO_DEEP)) from None
    return policy_from_dict(data)


# --- assumptions ----------------------------------------------------------------------------

@dataclass(frozen=True)
class Assumptions:
    """What the money model assumes; every figure is stated on screen and editable.

    Parameters
    ----------
    pd_by_bucket : mapping of bucket key to float
        12-month probability of reaching 91+ DPD, in [0, 1].
    lgd : float
        Loss given default, in [0, 1].
    ccf : float
        Credit conversion factor: share of the undrawn limit drawn by the time of default.
    draw_share : float
        Share of the undrawn limit (headroom) customers draw within a year: what a raise adds to
        the drawn balance and a cut takes away from it.
    interest_rate : float
        Annual rate used where the portfolio has no ``interest_rate`` (0.12 = 12 %).
    use_mapped_rate : bool
        Use the portfolio's ``interest_rate`` column when present.
    no_forced_paydown : bool
        A cut never takes a limit below the balance.
    pd_floor : float
        Lowest PD of an account not in default, in [0, 1) (default :data:`PD_FLOOR`, 0.03 %).
    account_level : bool
        Price each account at its own PD (the features' ``account_pd`` column, see
        :mod:`analysis.whatif.account_pd`) instead of its bucket's.
    funding_rate : float
        Yearly cost of funding the expected drawn balance (0.025 = 2.5 %: about the one-year LPR
        of 2025, 3.0 %, less a spread for deposit funding; put your transfer-pricing rate here).
    operating_cost : float
        Yearly operating cost per account, in 元 (0 by default: the same for every scenario, it
        moves the margin's level, not its change).
    raise_draw_share : float, optional
        Share of the **new** headroom a raise creates that customers draw within a year; by
        default (``None``) the book's ``draw_share``: new headroom drawn like existing headroom.
    raise_pd_uplift : float
        Relative PD increase per unit of relative limit increase on a raised account: PD ×
        (1 + uplift × raise). Default 0.5 (a 20 % raise lifts PD by 10 %): a prudent placeholder,
        not an estimate, so that a raise is never free; calibrate it on your own past raises (the
        backtest's raised accounts) and type it over.
    """

    pd_by_bucket: Mapping[str, float]
    lgd: float = 0.45
    ccf: float = 0.5
    draw_share: float = 0.3
    interest_rate: float = 0.12
    use_mapped_rate: bool = True
    no_forced_paydown: bool = True
    pd_floor: float = PD_FLOOR
    account_level: bool = False
    funding_rate: float = 0.025
    operating_cost: float = 0.0
    raise_draw_share: float | None = None
    raise_pd_uplift: float = 0.5

    def __post_init__(self) -> None:
        object.__setattr__(self, "pd_by_bucket", {str(k): float(v) for k, v in dict(self.pd_by_bucket).items()})
        for k, v in self.pd_by_bucket.items():
            if _is_nan(v) or not 0.0 <= v <= 1.0:
                raise PolicyError("whatif.err.pd_range", bucket=k, value=v)
        for name in ("lgd", "ccf", "draw_share"):
            v = getattr(self, name)
            if not _is_number(v) or _is_nan(v) or not 0.0 <= float(v) <= 1.0:
                raise PolicyError("whatif.err.share_range", field=name, value=v)
        if not _is_number(self.interest_rate) or _is_nan(self.interest_rate) or not 0.0 <= self.interest_rate <= 1.0:
            raise PolicyError("whatif.err.rate_range", value=self.interest_rate)
        if not _is_number(self.pd_floor) or _is_nan(self.pd_floor) or not 0.0 <= self.pd_floor < 1.0:
            raise PolicyError("whatif.err.pd_floor", value=self.pd_floor)
        for name, hi in (("funding_rate", 1.0), ("raise_draw_share", 1.0), ("raise_pd_uplift", 10.0),
                         ("operating_cost", math.inf)):
            v = getattr(self, name)
            if name == "raise_draw_share" and v is None:
                continue
            if not _is_number(v) or _is_nan(v) or not 0.0 <= float(v) <= hi:
                raise PolicyError("whatif.err.economics", field=name, value=v, hi=_fmt(hi))


#: The assumptions a reader types in percent (LGD 45 for 45 %), by field name.
PERCENT_FIELDS = ("lgd", "ccf", "draw_share", "interest_rate")


def percent_defaults() -> dict[str, float]:
    """The default assumptions in percent, as a reader types them.

    Examples
    --------
    >>> percent_defaults()
    {'lgd': 45.0, 'ccf': 50.0, 'draw_share': 30.0, 'interest_rate': 12.0}
    """
    defaults = {f.name: f.default for f in fields(Assumptions)}
    # round: 0.45 * 100 is 45.00000000000001 in binary floating point
    return {name: round(float(defaults[name]) * 100.0, 9) for name in PERCENT_FIELDS}


def assumptions_from_percent(pd_by_bucket: Mapping[str, float], percents: Mapping[str, float], *,
                             use_mapped_rate: bool = True, no_forced_paydown: bool = True) -> Assumptions:
    """:class:`Assumptions` from the figures a reader typed in percent.

    Parameters
    ----------
    pd_by_bucket : mapping of bucket key to float
        PD per bucket, as a share.
    percents : mapping
        ``lgd``, ``ccf``, ``draw_share`` and ``interest_rate`` in percent.
    use_mapped_rate, no_forced_paydown : bool
        As in :class:`Assumptions`.

    Raises
    ------
    PolicyError
        When a figure is outside 0 %–100 %.

    Examples
    --------
    >>> a = assumptions_from_percent({"Current": 0.02}, {"lgd": 60, "ccf": 50, "draw_share": 30, "interest_rate": 18})
    >>> a.lgd, a.interest_rate
    (0.6, 0.18)
    """
    return Assumptions(pd_by_bucket, **{name: float(percents[name]) / 100.0 for name in PERCENT_FIELDS},
                       use_mapped_rate=bool(use_mapped_rate), no_forced_paydown=bool(no_forced_paydown))


# --- snapshot features ----------------------------------------------------------------------

def panel_codes(panel: pd.DataFrame, index=None) -> tuple[np.ndarray, list[str], np.ndarray, int]:
    """Per row its month's position in the sorted months, those months, per row an account number,
    and how many account numbers there are.

    ``index``: the row index of this very panel when the caller keeps one
    (:func:`analysis.warnings.signals.row_index`: ``months``, ``month_code``, ``account_code``,
    ``first_overdue``, ``n_rows``), so 2.4M month texts and account ids are not factorized again.
    Any numbering of the accounts serves: only which rows share an account matters.
    """
    if index is not None:
        if index.n_rows != len(panel):
            raise ValueError("index must be the row_index() of this very panel")
        return (np.asarray(index.month_code), [str(m) for m in index.months], np.asarray(index.account_code),
                len(index.first_overdue))
    mcodes, mvals = pd.factorize(panel["month"], sort=True)
    acc, accounts = pd.factorize(panel["account_id"])
    return mcodes, [str(m) for m in mvals], acc, len(accounts)


def snapshot_features(portfolio: pd.DataFrame, month: str | None = None,
                      buckets: Buckets = DEFAULT_BUCKETS, index=None) -> pd.DataFrame:
    """One row per account in ``month`` with everything a rule can test.

    Long because it is one vectorised pass over the rows: every feature reads the same
    factorized month and account codes, which helpers would have to pass around.

    History up to ``month`` (never after it) gives months on book and months since the last
    delinquency, so a backtest at an earlier month sees only what was known then.

    Parameters
    ----------
    portfolio : DataFrame
        Canonical portfolio (or a bucketed panel).
    month : str, optional
        ``YYYY-MM``; default the latest month.
    buckets : Buckets
    index : RowIndex, optional
        The portfolio's row index when the caller keeps one (see :func:`panel_codes`).

    Returns
    -------
    DataFrame
        ``account_id``, ``month``, ``bucket`` (ordered categorical of ``buckets.keys``),
        ``days_past_due``, ``balance``, ``credit_limit`` (NaN when unknown), ``utilisation``
        (balance / limit, NaN without a positive limit), ``mob`` (months on book: from
        ``origination_date`` when mapped, else since the first month in the book),
        ``months_since_dpd1``/``31``/``61``/``91`` (0 = this month, inf = not in the history),
        ``months_of_history`` (since the first month in the book), ``months_in_a_row`` (months in a
        row up to this one with a row of the account: what "clean for N months" needs), plus
        ``score``, ``interest_rate`` and every segment column present.

    Raises
    ------
    PolicyError
        When the month is not in the portfolio.

    Examples
    --------
    >>> df = pd.DataFrame({"account_id": ["a", "a"], "month": ["2024-01", "2024-02"],
    ...                    "days_past_due": [40, 0], "balance": [50.0, 60.0],
    ...                    "credit_limit": [100.0, 100.0]})
    >>> f = snapshot_features(df)
    >>> f[["utilisation", "months_since_dpd31", "mob"]].values.tolist()
    [[0.6, 1.0, 1.0]]
    """
    if not len(portfolio):
        raise PolicyError("whatif.err.no_rows")
    mcodes, mvals, acc_codes, n_acc = panel_codes(portfolio, index)
    latest = max(mvals)
    month = latest if month is None else str(month)
    if month not in set(mvals):
        raise PolicyError("whatif.err.month", month=month, first=min(mvals), last=latest)

    ordinals = np.array([month_ordinal(m) for m in mvals], dtype=np.int64)
    row_ord = ordinals[mcodes]
    target = month_ordinal(month)
    upto = row_ord <= target
    now = row_ord == target

    dpd_all = portfolio["days_past_due"].to_numpy(dtype=np.int64)

    if upto.all():  # the latest month: every row is history
        hist_acc, hist_ord, hist_dpd = acc_codes, row_ord, dpd_all
    else:
        hist_acc, hist_ord, hist_dpd = acc_codes[upto], row_ord[upto], dpd_all[upto]
    first_seen = np.full(n_acc, np.iinfo(np.int64).max, dtype=np.int64)
    _group_min(first_seen, hist_acc, hist_ord)
    # The delinquent rows once (few), then each threshold among them.
    late = hist_dpd >= min(DELINQUENCY_THRESHOLDS)
    late_acc, late_ord, late_dpd = hist_acc[late], hist_ord[late], hist_dpd[late]
    since = {}
    for thr in DELINQUENCY_THRESHOLDS:
        last_bad = np.full(n_acc, -1, dtype=np.int64)
        sel = late_dpd >= thr
        _group_max(last_bad, late_acc[sel], late_ord[sel])
        since[thr] = np.where(last_bad >= 0, (target - last_bad).astype(np.float64), _NEVER)

    idx = np.flatnonzero(now)
    snap = portfolio.iloc[idx]
    a = acc_codes[idx]
    balance = snap["balance"].to_numpy(dtype=np.float64)
    if "credit_limit" in snap.columns:
        limit = snap["credit_limit"].to_numpy(dtype=np.float64, na_value=np.nan)
    else:
        limit = np.full(len(snap), np.nan)
    with np.errstate(invalid="ignore", divide="ignore"):
        util = np.where(limit > 0, balance / limit, np.nan)
    history = (target - first_seen[a] + 1).astype(np.float64)
    in_a_row = _months_in_a_row(hist_acc, hist_ord, target, n_acc)[a].astype(np.float64)
    if "origination_date" in snap.columns:
        orig = pd.to_datetime(snap["origination_date"])
        orig_ord = (orig.dt.year * 12 + orig.dt.month - 1).to_numpy(dtype=np.float64, na_value=np.nan)
        mob = np.where(np.isnan(orig_ord), history - 1, target - orig_ord)
    else:
        mob = history - 1
    dpd = snap["days_past_due"].to_numpy(dtype=np.int64)
    codes = bucket_codes(dpd, buckets)
    cols: dict[str, object] = {
        "account_id": snap["account_id"].to_numpy(),
        "month": np.full(len(snap), month, dtype=object),
        "bucket": pd.Categorical.from_codes(codes, categories=list(buckets.keys), ordered=True),
        "days_past_due": dpd,
        "balance": balance,
        "credit_limit": limit,
        "utilisation": util,
        "mob": mob,
        "months_of_history": history,
        "months_in_a_row": in_a_row,
    }
    for thr in DELINQUENCY_THRESHOLDS:
        cols[f"months_since_dpd{thr}"] = since[thr][a]
    for extra in ("score", "interest_rate"):
        if extra in snap.columns:
            cols[extra] = snap[extra].to_numpy(dtype=np.float64, na_value=np.nan)
    if "status_label" in snap.columns:  # charged off / closed: out of scope (out_of_scope)
        cols["status_label"] = snap["status_label"].astype("string").to_numpy()
    for seg in segment_columns(snap):
        cols[seg] = snap[seg].to_numpy() if not isinstance(snap[seg].dtype, pd.CategoricalDtype) else snap[seg].array
    out = pd.DataFrame(cols)
    out["account_id"] = out["account_id"].astype(snap["account_id"].dtype)
    return out


def _months_in_a_row(acc: np.ndarray, ordinal: np.ndarray, target: int, n_acc: int) -> np.ndarray:
    """Per account, the calendar months in a row up to ``target`` it has a row in (0 when it has
    none at ``target``): a month missing from the file, or from the account, ends the run."""
    order = np.lexsort((-ordinal, acc))
    acc_sorted, ord_sorted = acc[order], ordinal[order]
    starts = np.flatnonzero(np.r_[True, acc_sorted[1:] != acc_sorted[:-1]]) if len(acc) else np.zeros(0, np.int64)
    position = np.arange(len(acc)) - np.repeat(starts, np.diff(np.r_[starts, len(acc)]))
    run = np.zeros(n_acc, dtype=np.int64)
    if not len(acc):
        return run
    run[acc_sorted[starts]] = np.diff(np.r_[starts, len(acc)])  # every month present, unless a gap below
    gap = ord_sorted != target - position
    np.minimum.at(run, acc_sorted[gap], position[gap])
    return run


def _group_max(out: np.ndarray, groups: np.ndarray, values: np.ndarray) -> None:
    """``out[g] = max(out[g], values)`` per group, in place (``ufunc.at`` is fast in NumPy 2)."""
    np.maximum.at(out, groups, values)


def _group_min(out: np.ndarray, groups: np.ndarray, values: np.ndarray) -> None:
    """``out[g] = min(out[g], values)`` per group, in place."""
    np.minimum.at(out, groups, values)


# --- simulation -----------------------------------------------------------------------------

@dataclass(frozen=True)
class ScenarioResult:
    """A policy applied to a snapshot under some assumptions.

    Attributes
    ----------
    name : str
    policy : Policy
    assumptions : Assumptions
    accounts : DataFrame
        One row per account: ``account_id``, ``bucket``, segment columns, ``balance``,
        ``pd``, ``rule`` (index of the matching rule, -1 for none), ``limit_before``,
        ``limit_after``, ``undrawn_before``/``after``, ``ead_before``/``after``,
        ``el_before``/``after``, ``revenue_before``/``after``, ``changed`` (bool), ``in_scope``
        (bool: not in default / charged off, see :func:`out_of_scope`), ``short_history`` (the
        rule the account missed only for insufficient history, -1 for none; see
        :func:`insufficient_history`).
    """

    name: str
    policy: Policy
    assumptions: Assumptions
    accounts: pd.DataFrame

    def totals(self) -> dict:
        """Before/after totals; see :func:`scenario_totals`."""
        return scenario_totals(self)


_TOTAL_KEYS = ("limit_total", "balance_total", "undrawn", "ead", "expected_loss", "revenue")


#: Status words meaning the line is gone (charged off, written off, closed): out of scope like default.
_CLOSED_WORDS = ("charged off", "charge-off", "charged-off", "chargeoff", "written off", "write-off",
                 "write off", "closed", "fully paid", "paid off", "核销", "呆账", "坏账", "结清", "销户")


def out_of_scope(features: pd.DataFrame, default_dpd: int = DEFAULT_DPD) -> np.ndarray:
    """Accounts a limit policy leaves alone by default: in default, charged off or closed.

    An account at or past ``default_dpd`` days (the default definition, 91 by default) or whose
    ``status_label`` says charged off / written off / closed has its line blocked already: a cut
    "saves" nothing real, and it accrues no interest (non-accrual). Such accounts are reported on
    their own line; a policy with ``include_defaulted`` acts on them deliberately.

    Examples
    --------
    >>> f = pd.DataFrame({"days_past_due": [0, 95, 10], "status_label": ["正常", None, "已核销"]})
    >>> out_of_scope(f).tolist()
    [False, True, True]
    """
    out = features["days_past_due"].to_numpy(dtype=np.int64) >= default_dpd
    if "status_label" in features.columns:
        text = features["status_label"].astype("string").str.lower()
        closed = np.zeros(len(features), dtype=bool)
        for word in _CLOSED_WORDS:
            closed |= text.str.contains(word, regex=False).fillna(False).to_numpy(dtype=bool)
        out = out | closed
    return out


def rule_masks(features: pd.DataFrame, policy: Policy) -> np.ndarray:
    """Index of the first rule each account matches (-1 for none), vectorised.

    Accounts :func:`out_of_scope` match no rule unless the policy has ``include_defaulted``.

    Raises
    ------
    PolicyError
        When a rule names a bucket, segment column or condition the data cannot answer.

    Examples
    --------
    >>> f = pd.DataFrame({"days_past_due": [0, 45], "balance": [1.0, 1.0],
    ...                   "credit_limit": [2.0, 2.0]})
    >>> rule_masks(f, Policy("", (Rule("cut", 10, dpd_min=31),))).tolist()
    [-1, 0]
    """
    return _first_rules(features, policy)[0]


def insufficient_history(features: pd.DataFrame, policy: Policy) -> np.ndarray:
    """Per account, the first rule it would have met but for a clean-history window longer than its
    history in the book (-1 for none): "insufficient history", shown as its own count.

    Only rules before the one the account matched count (a later rule never decided its limit).

    Examples
    --------
    >>> f = pd.DataFrame({"days_past_due": [0, 0], "months_since_dpd1": [np.inf, np.inf],
    ...                   "months_of_history": [24.0, 6.0]})
    >>> insufficient_history(f, Policy("", (Rule("raise", 10, clean_months=12),))).tolist()
    [-1, 0]
    """
    return _first_rules(features, policy)[1]


def _first_rules(features: pd.DataFrame, policy: Policy) -> tuple[np.ndarray, np.ndarray]:
    n = len(features)
    which = np.full(n, -1, dtype=np.int64)
    short = np.full(n, -1, dtype=np.int64)
    free = np.ones(n, dtype=bool)
    if policy.rules and not policy.include_defaulted:
        free &= ~out_of_scope(features)
    for i, rule in enumerate(policy.rules):
        met, too_short = _condition(features, rule, with_history=True)
        hit = free & met
        which[hit] = i
        free &= ~hit
        if too_short is not None:
            new_short = free & too_short & (short < 0)
            short[new_short] = i
    return which, short


def _condition(f: pd.DataFrame, rule: Rule, with_history: bool = False):
    """The rule's condition per account; with ``with_history`` also the accounts that meet every
    condition but have less history in the book than the clean-history window (None when the rule
    has no such window)."""
    n = len(f)
    label = rule.name or rule.action
    mask = np.ones(n, dtype=bool)
    short = None
    if rule.buckets:
        if "bucket" not in f.columns:
            raise PolicyError("whatif.err.no_column", rule=label, column="bucket")
        cats = [str(c) for c in f["bucket"].cat.categories]
        unknown = [b for b in rule.buckets if b not in cats]
        if unknown:
            raise PolicyError("whatif.err.bucket", rule=label, buckets=", ".join(unknown), known=", ".join(cats))
        allowed = np.isin(np.asarray(cats, dtype=object), list(rule.buckets))
        codes = f["bucket"].cat.codes.to_numpy()
        mask &= (codes >= 0) & allowed[codes]
    _range(mask, f, rule, "days_past_due", rule.dpd_min, rule.dpd_max, 1.0)
    _range(mask, f, rule, "utilisation", rule.utilisation_min, rule.utilisation_max, 0.01)
    _range(mask, f, rule, "score", rule.score_min, rule.score_max, 1.0)
    _range(mask, f, rule, "mob", rule.mob_min, rule.mob_max, 1.0)
    if rule.delinquent_months is not None:
        col = f"months_since_dpd{rule.delinquent_min_dpd}"
        _need(f, col, label)
        mask &= f[col].to_numpy(dtype=np.float64) < rule.delinquent_months
    if rule.clean_months is not None:
        _need(f, "months_since_dpd1", label)
        # Clean means DPD 0 in each of the last N months *observed*: an account with fewer months
        # in the book, or a month missing among them (its own or the file's), has not shown N
        # clean months, it has insufficient history.
        seen = "months_in_a_row" if "months_in_a_row" in f.columns else "months_of_history"
        _need(f, seen, label)
        long_enough = f[seen].to_numpy(dtype=np.float64) >= rule.clean_months
        clean_seen = f["months_since_dpd1"].to_numpy(dtype=np.float64) >= rule.clean_months
        clean = (clean_seen, long_enough)  # applied last, so `short` meets every other condition
    else:
        clean = None
    for col, values in rule.segments.items():
        if col not in f.columns:
            raise PolicyError("whatif.err.segment", rule=label, column=col)
        s = f[col]
        if isinstance(s.dtype, pd.CategoricalDtype):
            cats = np.asarray([str(c) for c in s.cat.categories], dtype=object)
            allowed = np.isin(cats, list(values))
            codes = s.cat.codes.to_numpy()
            mask &= (codes >= 0) & allowed[codes]
        else:
            mask &= s.astype("string").isin(list(values)).fillna(False).to_numpy(dtype=bool)
    if clean is not None:
        short = mask & clean[0] & ~clean[1]
        mask = mask & clean[0] & clean[1]
    return (mask, short) if with_history else mask


def _need(f: pd.DataFrame, col: str, label: str) -> None:
    if col not in f.columns:
        raise PolicyError("whatif.err.no_column", rule=label, column=col)


def _range(mask: np.ndarray, f: pd.DataFrame, rule: Rule, col: str, lo, hi, scale: float) -> None:
    if lo is None and hi is None:
        return
    _need(f, col, rule.name or rule.action)
    # NaN (no limit → no utilisation, no score) never satisfies a range: comparisons are False.
    v = f[col].to_numpy(dtype=np.float64, na_value=np.nan)
    # Utilisation is stored as a share but written in percent; compare with a tolerance so
    # "utilisation ≤ 30" keeps an account at exactly 30 %.
    eps = 1e-9
    if lo is not None:
        mask &= v >= lo * scale - eps
    if hi is not None:
        mask &= v <= hi * scale + eps


def apply_rules(features: pd.DataFrame, policy: Policy, no_forced_paydown: bool = True,
                which: np.ndarray | None = None) -> np.ndarray:
    """New credit limit per account (NaN stays NaN: an unknown limit is never changed).

    Examples
    --------
    >>> f = pd.DataFrame({"days_past_due": [0, 45], "balance": [50.0, 90.0],
    ...                   "credit_limit": [100.0, 100.0]})
    >>> apply_rules(f, Policy("", (Rule("cut", 50, dpd_min=31),))).tolist()
    [100.0, 90.0]
    """
    limit = _limits(features)
    balance = features["balance"].to_numpy(dtype=np.float64)
    if which is None:
        which = rule_masks(features, policy)
    new = limit.copy()
    for i, rule in enumerate(policy.rules):
        hit = which == i
        if not hit.any():
            continue
        new[hit] = _act(rule, limit[hit], balance[hit])
    return _finish(limit, new, balance, no_forced_paydown)


def _act(rule: Rule, limit: np.ndarray, balance: np.ndarray) -> np.ndarray:
    v = None if rule.value is None else float(rule.value)
    if rule.action == "cut":
        return limit * (1.0 - v / 100.0)
    if rule.action == "raise":
        return limit * (1.0 + v / 100.0)
    if rule.action == "set":
        return np.where(np.isnan(limit), np.nan, v)
    if rule.action == "freeze":
        return np.minimum(limit, balance)
    # cap_utilisation: utilisation = balance / limit ≥ v %  ⇔  limit ≤ balance / v %
    return np.minimum(limit, balance / (v / 100.0))


def _finish(limit: np.ndarray, new: np.ndarray, balance: np.ndarray, no_forced_paydown: bool) -> np.ndarray:
    new = np.maximum(new, 0.0)  # NaN propagates: unknown limits stay unknown
    if no_forced_paydown:
        # A cut stops at the balance; an account already over its limit keeps that limit.
        floor = np.minimum(limit, balance)
        new = np.where(new < limit, np.maximum(new, floor), new)
    return new


def _limits(features: pd.DataFrame) -> np.ndarray:
    if "credit_limit" not in features.columns:
        raise PolicyError("whatif.err.no_limit")
    return features["credit_limit"].to_numpy(dtype=np.float64, na_value=np.nan)


def _pd_per_account(features: pd.DataFrame, assumptions: Assumptions) -> np.ndarray:
    if assumptions.account_level and "account_pd" in features.columns:
        pd_ = features["account_pd"].to_numpy(dtype=np.float64)
    else:
        cats = [str(c) for c in features["bucket"].cat.categories]
        missing = [c for c in cats if c not in assumptions.pd_by_bucket]
        if missing:
            raise PolicyError("whatif.err.pd_missing", buckets=", ".join(missing))
        table = np.array([assumptions.pd_by_bucket[c] for c in cats], dtype=np.float64)
        codes = features["bucket"].cat.codes.to_numpy()
        pd_ = np.where(codes >= 0, table[np.clip(codes, 0, None)], np.nan)
    # The floor: no account short of default is ever free of risk (a bucket nobody left in the
    # window would otherwise price raises at zero loss).
    return np.where(pd_ < 1.0, np.maximum(pd_, assumptions.pd_floor), pd_)


def _rates(features: pd.DataFrame, assumptions: Assumptions, scope_out: np.ndarray | None = None) -> np.ndarray:
    default = np.full(len(features), assumptions.interest_rate)
    mapped = _mapped_rates(features, assumptions)
    # a blank, negative or above-100 % rate (18 typed for 18 %): the assumed rate, as the ECL discounts it
    rate = default if mapped is None else np.where(usable_rates(mapped), mapped, default)
    # Non-accrual: a loan in default (or charged off) earns no interest, whatever its rate.
    return np.where(out_of_scope(features) if scope_out is None else scope_out, 0.0, rate)


def _mapped_rates(features: pd.DataFrame, assumptions: Assumptions) -> np.ndarray | None:
    """The accounts' own annual rates when the assumptions use them, else ``None``."""
    if not assumptions.use_mapped_rate or "interest_rate" not in features.columns:
        return None
    return features["interest_rate"].to_numpy(dtype=np.float64, na_value=np.nan)


def _rates_replaced(features: pd.DataFrame, assumptions: Assumptions, scope_out: np.ndarray) -> np.ndarray:
    """Accounts whose own rate is given but unusable (negative, above 100 %): the assumption
    prices them instead (``scope_out``: the accounts in default, :func:`out_of_scope`)."""
    mapped = _mapped_rates(features, assumptions)
    if mapped is None:
        return np.zeros(len(features), dtype=bool)
    # a loan in default earns nothing whatever its rate (non-accrual): none of its revenue is priced
    return ~np.isnan(mapped) & ~usable_rates(mapped) & ~scope_out


def rate_note(result: ScenarioResult, features: pd.DataFrame) -> tuple[str, dict] | None:
    r"""``("whatif.note.rates_unusable", params)`` when some accounts' own annual rate cannot be
    used (negative or above 100 %: ``18`` typed for 18 % among fractions) and the assumed rate
    priced their revenue in ``result`` instead; else ``None``. ``features`` is the snapshot the
    result was priced on (its rows in the result's order): the rate quoted as the example.

    Examples
    --------
    >>> f = pd.DataFrame({"account_id": ["a", "b"], "balance": [50.0, 80.0], "credit_limit": [100.0, 100.0],
    ...                   "bucket": pd.Categorical(["Current"] * 2), "days_past_due": [0, 0],
    ...                   "interest_rate": [0.12, 18.0]})
    >>> r = simulate_policy(f, Policy("none", ()), Assumptions({"Current": 0.02}))
    >>> rate_note(r, f)
    ('whatif.note.rates_unusable', {'n': 1, 'example': '1800%', 'rate': '12%'})
    >>> r.accounts["rate"].tolist()
    [0.12, 0.12]
    """
    if "rate_replaced" not in result.accounts.columns:
        return None
    replaced = result.accounts["rate_replaced"].to_numpy(dtype=bool)
    if not replaced.any():
        return None
    example = float(features["interest_rate"].to_numpy(dtype=np.float64, na_value=np.nan)[replaced][0])
    return ("whatif.note.rates_unusable", {"n": int(replaced.sum()), "example": percent_text(example),
                                           "rate": percent_text(result.assumptions.interest_rate)})


def _money(balance, limit, pd_, rate, assumptions, blocked=None):
    undrawn = np.where(np.isnan(limit), 0.0, np.maximum(limit - balance, 0.0))
    if blocked is not None:
        # A line in default, charged off or closed is blocked: its headroom cannot be drawn (for a
        # repaid instalment loan the "limit" is the amount lent), so its exposure is its balance.
        undrawn = np.where(blocked, 0.0, undrawn)
    ead = balance + assumptions.ccf * undrawn
    el = pd_ * assumptions.lgd * ead
    # Interest on the balance expected to be drawn over the year: today's balance plus the share
    # of the headroom customers draw. Pricing today's book the same way as the policy's keeps
    # every account's revenue ≥ 0 (a cut on an unused card forgoes drawing, it does not turn
    # revenue negative).
    revenue = rate * (balance + assumptions.draw_share * undrawn)
    return undrawn, ead, el, revenue


def _priced(balance, limit, new, pd_, rate, assumptions, blocked=None):
    """Before and after of one set of accounts: the model of the module text, with a raised line's
    own draw-down and PD uplift and the funding cost of the expected drawn balance. ``blocked``
    marks the lines that can no longer be drawn (:func:`out_of_scope`): no headroom, EAD = balance.

    Returns a dict of arrays: ``undrawn_/ead_/el_/revenue_/funding_ before/after`` and
    ``pd_after``.
    """
    und_b, ead_b, el_b, rev_b = _money(balance, limit, pd_, rate, assumptions, blocked)
    und_a, ead_a, el_a, rev_a = _money(balance, new, pd_, rate, assumptions, blocked)
    drawn_b = balance + assumptions.draw_share * und_b
    drawn_a = balance + assumptions.draw_share * und_a
    pd_a = pd_
    raised = np.nan_to_num(new, nan=0.0) > np.nan_to_num(limit, nan=np.inf) + 1e-9
    if raised.any():
        # New headroom is drawn at its own share, and a bigger line makes default likelier.
        added = np.where(raised, np.maximum(und_a - und_b, 0.0), 0.0)
        share = assumptions.draw_share if assumptions.raise_draw_share is None else assumptions.raise_draw_share
        extra = (share - assumptions.draw_share) * added
        rev_a = rev_a + rate * extra
        drawn_a = drawn_a + extra
        # A limit of a few cents raised to thousands grows without bound (inf): such a line's PD
        # goes to 1, while a PD of 0 stays 0 (0 × inf would be NaN).
        with np.errstate(invalid="ignore", divide="ignore", over="ignore"):
            growth = np.minimum(np.where(raised & (limit > 0), new / limit - 1.0, 0.0), np.finfo(float).max)
            uplifted = np.minimum(pd_ * (1.0 + assumptions.raise_pd_uplift * growth), 1.0)
        pd_a = np.where(raised & (pd_ > 0.0) & (pd_ < 1.0), uplifted, pd_)
        el_a = pd_a * assumptions.lgd * ead_a
    return {"undrawn_before": und_b, "undrawn_after": und_a, "ead_before": ead_b, "ead_after": ead_a,
            "el_before": el_b, "el_after": el_a, "revenue_before": rev_b, "revenue_after": rev_a,
            "funding_before": assumptions.funding_rate * drawn_b, "funding_after": assumptions.funding_rate * drawn_a,
            "pd_after": pd_a}


def simulate_policy(features: pd.DataFrame, policy: Policy, assumptions: Assumptions,
                    name: str | None = None) -> ScenarioResult:
    """Apply ``policy`` to a snapshot and price it: limit, EAD, EL and revenue before and after.

    Parameters
    ----------
    features : DataFrame
        Output of :func:`snapshot_features` (at least ``account_id``, ``bucket``, ``balance``,
        ``credit_limit`` and the columns the rules test).
    policy : Policy
    assumptions : Assumptions
    name : str, optional
        Scenario name (default the policy's name).

    Returns
    -------
    ScenarioResult

    Raises
    ------
    PolicyError
        When the data has no credit limits, a rule tests something the data lacks, or a
        bucket has no PD.

    Examples
    --------
    >>> f = pd.DataFrame({"account_id": ["a", "b"], "balance": [50.0, 80.0],
    ...                   "credit_limit": [100.0, 100.0],
    ...                   "bucket": pd.Categorical(["Current", "31-60"], ["Current", "31-60"]),
    ...                   "days_past_due": [0, 40]})
    >>> a = Assumptions({"Current": 0.02, "31-60": 0.4}, lgd=0.5, ccf=1.0)
    >>> r = simulate_policy(f, Policy("cut", (Rule("cut", 100, buckets=("31-60",)),)), a)
    >>> r.accounts["el_after"].round(4).tolist()
    [1.0, 16.0]
    """
    if not isinstance(policy, Policy):
        raise PolicyError("whatif.err.not_policy")
    limit = _limits(features)
    balance = features["balance"].to_numpy(dtype=np.float64)
    pd_ = _pd_per_account(features, assumptions)
    scope_out = out_of_scope(features)
    rate = _rates(features, assumptions, scope_out)
    which, short = _first_rules(features, policy)
    new = apply_rules(features, policy, assumptions.no_forced_paydown, which=which)
    # The lines the policy leaves alone are blocked (no headroom); a policy that acts on them
    # says their lines can still be drawn and cut, and prices them so.
    m = _priced(balance, limit, new, pd_, rate, assumptions, None if policy.include_defaulted else scope_out)
    opex = np.full(len(balance), float(assumptions.operating_cost))
    margin_b = m["revenue_before"] - m["funding_before"] - m["el_before"] - opex
    margin_a = m["revenue_after"] - m["funding_after"] - m["el_after"] - opex
    changed = ~(np.isclose(new, limit, rtol=0.0, atol=1e-9) | (np.isnan(new) & np.isnan(limit)))
    keep = ["account_id", "bucket", "days_past_due", *segment_columns(features)]
    cols = {c: features[c] for c in keep if c in features.columns}
    frame = pd.DataFrame(cols).reset_index(drop=True).assign(
        balance=balance, pd=pd_, pd_after=m["pd_after"], rate=rate, rule=which, limit_before=limit, limit_after=new,
        undrawn_before=m["undrawn_before"], undrawn_after=m["undrawn_after"], ead_before=m["ead_before"],
        ead_after=m["ead_after"], el_before=m["el_before"], el_after=m["el_after"],
        revenue_before=m["revenue_before"], revenue_after=m["revenue_after"],
        funding_before=m["funding_before"], funding_after=m["funding_after"], operating_cost=opex,
        margin_before=margin_b, margin_after=margin_a, changed=changed,
        in_scope=~scope_out, short_history=short, rate_replaced=_rates_replaced(features, assumptions, scope_out),
    )
    return ScenarioResult(policy.name if name is None else name, policy, assumptions, frame)


def scenario_totals(result: ScenarioResult) -> dict:
    """Totals before and after, their change, and EL per unit of revenue.

    Returns
    -------
    dict
        ``{"scenario", "accounts", "accounts_matched", "accounts_affected", "accounts_without_limit",
        "accounts_out_of_scope", "accounts_insufficient_history", "accounts_rate_replaced", "out_of_scope": {accounts, included, balance_total, limit_total,
        undrawn, ead, expected_loss, expected_loss_delta}, "before": {limit_total, balance_total,
        undrawn, ead, expected_loss, revenue, el_per_revenue}, "after": {...}, "delta": {...}}``.
        ``out_of_scope`` is the line of accounts in default / charged off (:func:`out_of_scope`),
        their figures before the policy, and ``included`` whether the policy acted on them.
    """
    a = result.accounts
    out = {"scenario": result.name, "accounts": int(len(a)),
           "accounts_matched": int((a["rule"] >= 0).sum()),
           "accounts_affected": int(a["changed"].sum()),
           "accounts_without_limit": int(a["limit_before"].isna().sum())}
    # Accounts in default / charged off, on their own line (before the policy: what they carry).
    out_mask = ~a["in_scope"].to_numpy(dtype=bool) if "in_scope" in a.columns else np.zeros(len(a), dtype=bool)
    out["accounts_out_of_scope"] = int(out_mask.sum())
    out["accounts_insufficient_history"] = (int((a["short_history"] >= 0).sum()) if "short_history" in a.columns
                                            else 0)
    out["accounts_rate_replaced"] = int(a["rate_replaced"].sum()) if "rate_replaced" in a.columns else 0
    out["out_of_scope"] = {
        "accounts": int(out_mask.sum()), "included": bool(result.policy.include_defaulted),
        "balance_total": float(a["balance"].to_numpy()[out_mask].sum()),
        "limit_total": float(np.nansum(a["limit_before"].to_numpy()[out_mask])),
        "undrawn": float(a["undrawn_before"].to_numpy()[out_mask].sum()),
        "ead": float(a["ead_before"].to_numpy()[out_mask].sum()),
        "expected_loss": float(a["el_before"].to_numpy()[out_mask].sum()),
        "expected_loss_delta": float((a["el_after"] - a["el_before"]).to_numpy()[out_mask].sum()),
    }
    for side in ("before", "after"):
        out[side] = {
            "limit_total": float(np.nansum(a[f"limit_{side}"].to_numpy())),
            "balance_total": float(a["balance"].sum()),
            "undrawn": float(a[f"undrawn_{side}"].sum()),
            "ead": float(a[f"ead_{side}"].sum()),
            "expected_loss": float(a[f"el_{side}"].sum()),
            "revenue": float(a[f"revenue_{side}"].sum()),
        }
        if f"margin_{side}" in a.columns:
            out[side]["funding_cost"] = float(a[f"funding_{side}"].sum())
            out[side]["operating_cost"] = float(a["operating_cost"].sum())
            out[side]["risk_adjusted_margin"] = float(a[f"margin_{side}"].sum())
        rev = out[side]["revenue"]
        out[side]["el_per_revenue"] = out[side]["expected_loss"] / rev if rev > 0 else math.nan
    # Deltas from per-account differences, so an untouched account contributes exactly 0.
    out["delta"] = {
        "limit_total": float(np.nansum((a["limit_after"] - a["limit_before"]).to_numpy())),
        "balance_total": 0.0,
        "undrawn": float((a["undrawn_after"] - a["undrawn_before"]).sum()),
        "ead": float((a["ead_after"] - a["ead_before"]).sum()),
        "expected_loss": float((a["el_after"] - a["el_before"]).sum()),
        "revenue": float((a["revenue_after"] - a["revenue_before"]).sum()),
        "el_per_revenue": out["after"]["el_per_revenue"] - out["before"]["el_per_revenue"],
    }
    if "margin_after" in a.columns:
        out["delta"]["funding_cost"] = float((a["funding_after"] - a["funding_before"]).sum())
        out["delta"]["operating_cost"] = 0.0
        out["delta"]["risk_adjusted_margin"] = float((a["margin_after"] - a["margin_before"]).sum())
    return out


_DELTA_COLS = {
    "limit": ("limit_before", "limit_after"),
    "ead": ("ead_before", "ead_after"),
    "expected_loss": ("el_before", "el_after"),
    "revenue": ("revenue_before", "revenue_after"),
    "risk_adjusted_margin": ("margin_before", "margin_after"),
}


def change_by_segment(result: ScenarioResult, by: str = "bucket") -> pd.DataFrame:
    """The change split by a segment (or ``bucket``): accounts, affected, before/after/Δ.

    Rows sum to the scenario totals; every segment value appears, unaffected ones with Δ 0, and
    accounts whose segment is blank form their own :data:`BLANK` row (``"(blank)"``).

    Examples
    --------
    >>> f = pd.DataFrame({"account_id": ["a"], "balance": [50.0], "credit_limit": [100.0],
    ...                   "bucket": pd.Categorical(["Current"]), "days_past_due": [0]})
    >>> r = simulate_policy(f, NO_CHANGE, Assumptions({"Current": 0.01}))
    >>> change_by_segment(r)["expected_loss_delta"].tolist()
    [0.0]
    """
    a = result.accounts
    if by not in a.columns:
        raise PolicyError("whatif.err.segment", rule="-", column=by)
    work = pd.DataFrame({by: _with_blank(a[by]), "accounts": 1, "affected": a["changed"].astype(np.int64),
                         "balance": a["balance"]})
    for name, (b, af) in _DELTA_COLS.items():
        work[f"{name}_before"] = a[b].fillna(0.0) if name == "limit" else a[b]
        work[f"{name}_after"] = a[af].fillna(0.0) if name == "limit" else a[af]
        work[f"{name}_delta"] = (a[af] - a[b]).fillna(0.0)
    out = work.groupby(by, observed=False, sort=True).sum(numeric_only=True).reset_index()
    return out


#: The segment value of accounts whose segment is blank, so a split always sums to the total.
BLANK = "(blank)"


def _with_blank(values: pd.Series) -> pd.Series:
    """A segment column with blanks (NaN, empty text) as :data:`BLANK`: group-bys drop NaN keys."""
    if isinstance(values.dtype, pd.CategoricalDtype):
        # Blank categories found among the categories, not by turning each account's into text.
        empty = np.array([isinstance(c, str) and c.strip() == "" for c in values.cat.categories] + [False])
        codes = values.cat.codes.to_numpy()
        blank = (codes < 0) | empty[codes]
        if not blank.any():
            return values
        cats = [c for c in values.cat.categories if str(c).strip() != ""]
        out = pd.Categorical(values.astype(object).where(~blank, BLANK), categories=[*cats, BLANK],
                             ordered=values.cat.ordered)
        return pd.Series(out, index=values.index, name=values.name)
    text = values.astype("string")
    blank = (values.isna() | (text.str.strip() == "").fillna(True)).to_numpy(dtype=bool)
    if not blank.any():
        return values
    # as text: a numeric code column with blanks would otherwise mix numbers and text when sorted
    return text.where(~blank, BLANK)


def change_by_rule(result: ScenarioResult, lang: str = "en") -> pd.DataFrame:
    """Contribution of each rule to the change (rules partition the accounts, so Δs add up).

    Returns
    -------
    DataFrame
        ``rule`` (index), ``name``, ``description``, ``matched``, ``insufficient_history``
        (accounts the rule missed only because their history in the book is shorter than its
        clean-history window), ``affected``, ``balance`` and
        ``limit_delta``, ``ead_delta``, ``expected_loss_delta``, ``revenue_delta``; one row per
        rule in policy order, unmatched rules included with zeros.
    """
    a = result.accounts
    rows = []
    for i, rule in enumerate(result.policy.rules):
        hit = (a["rule"] == i).to_numpy()
        sub = a[hit]
        rows.append({
            "rule": i, "name": rule.name or translate("whatif.rule_n", lang, n=i + 1),
            "description": rule.describe(lang), "matched": int(hit.sum()),
            "insufficient_history": int((a["short_history"] == i).sum()) if "short_history" in a.columns else 0,
            "affected": int(sub["changed"].sum()), "balance": float(sub["balance"].sum()),
            **{f"{k}_delta": float(np.nansum((sub[af] - sub[b]).to_numpy())) for k, (b, af) in _DELTA_COLS.items()},
        })
    cols = ["rule", "name", "description", "matched", "insufficient_history", "affected", "balance",
            *[f"{k}_delta" for k in _DELTA_COLS]]
    return pd.DataFrame(rows, columns=cols)


def compare_scenarios(results: Sequence[ScenarioResult], champion: int = 0,
                      totals: Sequence[dict] | None = None) -> pd.DataFrame:
    """Several scenarios side by side, each also measured against the champion.

    Parameters
    ----------
    results : sequence of ScenarioResult
        Scenarios on the same snapshot and accounts.
    champion : int
        Position of the champion (today's policy).
    totals : sequence of dict, optional
        :func:`scenario_totals` of each result, when the caller already has them (the app keeps
        them per scenario); computed here when omitted.

    Returns
    -------
    DataFrame
        One row per scenario: ``scenario``, ``role`` (``champion``/``challenger``),
        ``accounts_affected``, ``limit_total``, ``ead``, ``expected_loss``, ``revenue``,
        ``el_per_revenue`` (after the policy), the change vs the book today (``*_change``)
        and vs the champion (``*_vs_champion``); ``risk_adjusted_margin`` (after), its
        ``_change`` and ``_vs_champion``.
    """
    if not results:
        raise PolicyError("whatif.err.no_scenarios")
    if not 0 <= champion < len(results):
        raise PolicyError("whatif.err.champion", n=len(results))
    base = results[champion].accounts
    for r in results:
        if len(r.accounts) != len(base) or not r.accounts["account_id"].equals(base["account_id"]):
            raise PolicyError("whatif.err.same_book")
    if totals is None:
        totals = [scenario_totals(r) for r in results]
    elif len(totals) != len(results):
        raise ValueError("totals must have one entry per result")
    champ = totals[champion]["after"]
    rows = []
    for i, (r, tot) in enumerate(zip(results, totals)):
        row = {"scenario": r.name, "role": "champion" if i == champion else "challenger",
               "accounts_affected": tot["accounts_affected"]}
        for k in ("limit_total", "ead", "expected_loss", "revenue", "el_per_revenue"):
            row[k] = tot["after"][k]
        for k in ("limit_total", "ead", "expected_loss", "revenue"):
            row[f"{k}_change"] = tot["delta"][k]
        for k in ("limit_total", "ead", "expected_loss", "revenue", "el_per_revenue"):
            row[f"{k}_vs_champion"] = tot["after"][k] - champ[k]
        if "risk_adjusted_margin" in tot["after"]:
            row["risk_adjusted_margin"] = tot["after"]["risk_adjusted_margin"]
            row["risk_adjusted_margin_change"] = tot["delta"]["risk_adjusted_margin"]
            row["risk_adjusted_margin_vs_champion"] = tot["after"]["risk_adjusted_margin"] - champ["risk_adjusted_margin"]
        rows.append(row)
    return pd.DataFrame(rows)


#: The swap set's groups: only the challenger changes the limit, only the champion does, both do
#: but to different limits.
SWAP_GROUPS = ("swap_in", "swap_out", "both_differ")


def _swap_groups(limit_a: np.ndarray, changed_a: np.ndarray, limit_b: np.ndarray, changed_b: np.ndarray) -> np.ndarray:
    """Group code per account (index into :data:`SWAP_GROUPS`, -1 when both scenarios agree)."""
    differ = ~(np.isclose(limit_a, limit_b, rtol=0.0, atol=1e-9) | (np.isnan(limit_a) & np.isnan(limit_b)))
    return np.select([changed_b & ~changed_a, changed_a & ~changed_b, changed_a & changed_b & differ],
                     [0, 1, 2], default=-1)


def swap_set(a: ScenarioResult, b: ScenarioResult) -> pd.DataFrame:
    """Accounts the two scenarios treat differently, in three groups.

    ``swap_in`` = changed by ``b`` only (e.g. the challenger), ``swap_out`` = changed by ``a``
    only, ``both_differ`` = changed by both, to different limits. Sorted by the larger
    expected-loss change first.

    Returns
    -------
    DataFrame
        ``account_id``, ``swap`` (one of :data:`SWAP_GROUPS`), ``bucket``, segment columns,
        ``balance``, ``pd``, ``limit_before``, ``limit_a``, ``limit_b``, ``ead_a``, ``ead_b``,
        ``el_before``, ``el_a``, ``el_b``, ``el_delta`` (b − a), ``revenue_delta`` (b − a).

    Examples
    --------
    >>> f = pd.DataFrame({"account_id": ["x", "y"], "balance": [10.0, 10.0],
    ...                   "credit_limit": [100.0, 100.0], "days_past_due": [0, 45],
    ...                   "bucket": pd.Categorical(["Current", "31-60"], ["Current", "31-60"])})
    >>> asm = Assumptions({"Current": 0.01, "31-60": 0.3})
    >>> champ = simulate_policy(f, NO_CHANGE, asm, "today")
    >>> chall = simulate_policy(f, Policy("c", (Rule("cut", 20, dpd_min=31),)), asm)
    >>> swap_set(champ, chall)[["account_id", "swap"]].values.tolist()
    [['y', 'swap_in']]
    """
    x, y = a.accounts, b.accounts
    if len(x) != len(y) or not x["account_id"].equals(y["account_id"]):
        raise PolicyError("whatif.err.same_book")
    group = _swap_groups(x["limit_after"].to_numpy(dtype=np.float64), x["changed"].to_numpy(dtype=bool),
                         y["limit_after"].to_numpy(dtype=np.float64), y["changed"].to_numpy(dtype=bool))
    pick = group >= 0
    keep = [c for c in ["account_id", "bucket", "days_past_due", *segment_columns(x), "balance", "pd",
                        "limit_before"] if c in x.columns]
    out = x.loc[pick, keep].copy()
    out.insert(1, "swap", np.asarray(SWAP_GROUPS, dtype=object)[group[pick]])
    out["limit_a"] = x.loc[pick, "limit_after"].to_numpy()
    out["limit_b"] = y.loc[pick, "limit_after"].to_numpy()
    out["ead_a"] = x.loc[pick, "ead_after"].to_numpy()
    out["ead_b"] = y.loc[pick, "ead_after"].to_numpy()
    out["el_before"] = x.loc[pick, "el_before"].to_numpy()
    out["el_a"] = x.loc[pick, "el_after"].to_numpy()
    out["el_b"] = y.loc[pick, "el_after"].to_numpy()
    out["el_delta"] = out["el_b"] - out["el_a"]
    out["revenue_delta"] = y.loc[pick, "revenue_after"].to_numpy() - x.loc[pick, "revenue_after"].to_numpy()
    order = np.argsort(-np.abs(out["el_delta"].to_numpy()), kind="stable")
    return out.iloc[order].reset_index(drop=True)


def swap_summary(swaps: pd.DataFrame) -> pd.DataFrame:
    """Accounts, balance, EAD, EL and their changes per swap group (all three rows always present).

    Returns
    -------
    DataFrame
        ``swap``, ``accounts``, ``balance``, ``limit_delta``, ``ead_a``, ``ead_b``, ``el_a``,
        ``el_b``, ``el_delta``, ``revenue_delta`` (b − a, i.e. challenger − champion).
    """
    rows = []
    for key in SWAP_GROUPS:
        sub = swaps[swaps["swap"] == key]
        rows.append({"swap": key, "accounts": int(len(sub)), "balance": float(sub["balance"].sum()),
                     "limit_delta": float(np.nansum((sub["limit_b"] - sub["limit_a"]).to_numpy())),
                     **{k: float(sub[k].sum()) if k in sub.columns else math.nan
                        for k in ("ead_a", "ead_b", "el_a", "el_b")},
                     "el_delta": float(sub["el_delta"].sum()), "revenue_delta": float(sub["revenue_delta"].sum())})
    return pd.DataFrame(rows)


def swap_bad_rates(portfolio: pd.DataFrame, champion: Policy, challenger: Policy, month: str,
                   horizon: int = 12, buckets: Buckets = DEFAULT_BUCKETS, no_forced_paydown: bool = True,
                   bad_dpd: int = DEFAULT_DPD) -> dict:
    """Each swap group's historical bad rate: both policies applied at an earlier ``month``, the
    accounts followed for up to ``horizon`` months in the data.

    Only accounts not already bad at ``month`` count; an account went bad when it reached
    ``bad_dpd``+ DPD in a later month of the window.

    Returns
    -------
    dict
        ``{"month", "window_end", "months_observed", "horizon", "bad_dpd", "table": DataFrame}``;
        the table has one row per group of :data:`SWAP_GROUPS`: ``swap``, ``accounts``,
        ``went_bad``, ``bad_rate`` (NaN for an empty group). ``months_observed < horizon`` when
        the data ends before the window does.

    Examples
    --------
    >>> df = pd.DataFrame({"account_id": ["a", "b", "a", "b"], "month": ["2024-01"] * 2 + ["2024-02"] * 2,
    ...                    "days_past_due": [40, 0, 95, 0], "balance": [50.0] * 4, "credit_limit": [100.0] * 4})
    >>> out = swap_bad_rates(df, NO_CHANGE, Policy("", (Rule("cut", 10, dpd_min=31),)), "2024-01")
    >>> out["table"].set_index("swap").loc["swap_in", ["accounts", "went_bad"]].tolist()
    [1, 1]
    """
    feats, went_bad, end, start = _followed(portfolio, month, horizon, buckets, bad_dpd)
    live = feats["days_past_due"].to_numpy() < bad_dpd
    limit = _limits(feats)
    new_a = apply_rules(feats, champion, no_forced_paydown)
    new_b = apply_rules(feats, challenger, no_forced_paydown)

    def changed(new):
        return ~(np.isclose(new, limit, rtol=0.0, atol=1e-9) | (np.isnan(new) & np.isnan(limit)))

    group = _swap_groups(new_a, changed(new_a), new_b, changed(new_b))
    rows = []
    for code, key in enumerate(SWAP_GROUPS):
        m = (group == code) & live
        n, bad = int(m.sum()), int((m & went_bad).sum())
        rows.append({"swap": key, "accounts": n, "went_bad": bad, "bad_rate": bad / n if n else math.nan})
    return {"month": month, "window_end": _month_str(end), "months_observed": int(end - start),
            "horizon": int(horizon), "bad_dpd": int(bad_dpd), "table": pd.DataFrame(rows)}


SENSITIVITY_CUTS = tuple(float(x) for x in np.linspace(0, 50, 11))
#: The two directions a policy moves limits in; each gets its own sensitivity curve.
DIRECTIONS = ("cut", "raise")


def policy_direction(features: pd.DataFrame, policy: Policy, which: np.ndarray | None = None) -> np.ndarray:
    """Per account: ``"raise"`` when its rule raises the limit (a ``raise``, or a ``set`` above the
    limit), ``"cut"`` when it lowers or holds it (``cut``, ``freeze``, ``cap_utilisation``, a
    ``set`` at or below the limit), ``""`` when no rule matches.

    Examples
    --------
    >>> f = pd.DataFrame({"days_past_due": [0, 45, 5], "balance": [1.0] * 3, "credit_limit": [10.0] * 3})
    >>> p = Policy("", (Rule("cut", 10, dpd_min=31), Rule("set", 20, dpd_max=0)))
    >>> policy_direction(f, p).tolist()
    ['raise', 'cut', '']
    """
    which = rule_masks(features, policy) if which is None else which
    limit = _limits(features)
    out = np.full(len(features), "", dtype=object)
    for i, rule in enumerate(policy.rules):
        hit = which == i
        if rule.action == "raise":
            up = hit
        elif rule.action == "set":
            up = hit & (float(rule.value) > np.nan_to_num(limit, nan=np.inf))
        else:
            up = np.zeros(len(features), dtype=bool)
        out[hit] = "cut"
        out[up] = "raise"
    return out


def sensitivity_curve(features: pd.DataFrame, policy: Policy, assumptions: Assumptions,
                      cuts: Sequence[float] = SENSITIVITY_CUTS, rule: int | None = None,
                      direction: str = "cut") -> pd.DataFrame:
    """ΔEL and Δrevenue when the targeted group's limits are cut (or raised) by each percentage.

    The targeted group is the accounts ``policy`` moves in ``direction`` (see
    :func:`policy_direction`; any rule, or only rule ``rule``); every other account keeps its
    limit, so the cuts are scaled without the raises and the other way round. One vectorised pass
    per point.

    Parameters
    ----------
    direction : {"cut", "raise"}
        ``cut``: the accounts the policy lowers (or holds), cut by each percentage; ``raise``: the
        accounts it raises, raised by each percentage.

    Returns
    -------
    DataFrame
        ``direction``, ``pct`` (the percentage applied), ``cut_pct`` (the same figure, its first
        name), ``accounts``, ``limit_delta``, ``ead_delta``, ``expected_loss_delta``,
        ``revenue_delta``, ``el_saved_per_revenue_lost`` (−ΔEL / −Δrevenue for cuts, NaN at 0 %
        and for raises) and ``el_per_revenue_change`` (ΔEL / Δrevenue, either direction).

    Examples
    --------
    >>> f = pd.DataFrame({"account_id": ["a"], "balance": [0.0], "credit_limit": [100.0],
    ...                   "bucket": pd.Categorical(["Current"]), "days_past_due": [0]})
    >>> asm = Assumptions({"Current": 0.1}, lgd=1.0, ccf=1.0)
    >>> sensitivity_curve(f, Policy("", (Rule("cut", 10),)), asm, cuts=[0, 50])["expected_loss_delta"].tolist()
    [0.0, -5.0]
    >>> # a 50 % raise: EAD 100 → 150 at PD .1 × (1 + .5 × 50 %) = .125 (the PD uplift): 18.75 − 10
    >>> sensitivity_curve(f, Policy("", (Rule("raise", 10),)), asm, cuts=[50], direction="raise")["expected_loss_delta"].tolist()
    [8.75]
    """
    cuts = [float(c) for c in cuts]
    if not cuts or any(_is_nan(c) or not 0 <= c <= 100 for c in cuts):
        raise PolicyError("whatif.err.cuts")
    if direction not in DIRECTIONS:
        raise PolicyError("whatif.err.direction", value=direction)
    which = rule_masks(features, policy)
    if rule is not None:
        if not 0 <= rule < len(policy.rules):
            raise PolicyError("whatif.err.rule_index", n=len(policy.rules))
        target = which == rule
    else:
        target = which >= 0
    target &= policy_direction(features, policy, which) == direction
    limit = _limits(features)
    balance = features["balance"].to_numpy(dtype=np.float64)
    pd_ = _pd_per_account(features, assumptions)
    scope_out = out_of_scope(features)
    rate = _rates(features, assumptions, scope_out)
    lim_t, bal_t, pd_t, rate_t = limit[target], balance[target], pd_[target], rate[target]
    sign = -1.0 if direction == "cut" else 1.0
    rows = []
    for c in cuts:
        new = _finish(lim_t, lim_t * (1.0 + sign * c / 100.0), bal_t, assumptions.no_forced_paydown)
        m = _priced(bal_t, lim_t, new, pd_t, rate_t, assumptions, None if policy.include_defaulted else scope_out[target])
        ead_a, ead_b = m["ead_after"], m["ead_before"]
        d_el = float((m["el_after"] - m["el_before"]).sum())
        d_rev = float((m["revenue_after"] - m["revenue_before"]).sum())
        d_margin = float(((m["revenue_after"] - m["funding_after"] - m["el_after"])
                          - (m["revenue_before"] - m["funding_before"] - m["el_before"])).sum())
        rows.append({"direction": direction, "pct": c, "cut_pct": c, "accounts": int(target.sum()),
                     "limit_delta": float(np.nansum(new - lim_t)), "ead_delta": float((ead_a - ead_b).sum()),
                     "expected_loss_delta": d_el, "revenue_delta": d_rev, "risk_adjusted_margin_delta": d_margin,
                     "el_saved_per_revenue_lost": (d_el / d_rev) if d_rev < 0 and direction == "cut" else math.nan,
                     "el_per_revenue_change": (d_el / d_rev) if d_rev != 0 else math.nan})
    return pd.DataFrame(rows)


def sensitivity_curves(features: pd.DataFrame, policy: Policy, assumptions: Assumptions,
                       points: Sequence[float] = SENSITIVITY_CUTS) -> pd.DataFrame:
    """Both curves, cuts then raises (:func:`sensitivity_curve` per direction), one frame."""
    return pd.concat([sensitivity_curve(features, policy, assumptions, points, direction=d) for d in DIRECTIONS],
                     ignore_index=True)


# --- backtest -------------------------------------------------------------------------------

BACKTEST_OUTCOMES = ("went_bad", "stayed_good", "left_book", "already_bad")
#: Why an account left the book, when its last row's status says so.
LEFT_REASONS = ("paid_off", "closed", "charged_off", "unknown")
_LEFT_WORDS = {"paid_off": ("fully paid", "paid off", "结清", "已还清", "settled"),
               "closed": ("closed", "销户", "关闭"),
               "charged_off": ("charged off", "charge-off", "written off", "write-off", "核销", "呆账", "坏账")}


def backtest_policy(portfolio: pd.DataFrame, policy: Policy, month: str, horizon: int = 12,
                    buckets: Buckets = DEFAULT_BUCKETS, no_forced_paydown: bool = True,
                    bad_dpd: int = DEFAULT_DPD, assumptions: Assumptions | None = None) -> dict:
    """Apply ``policy`` at an earlier ``month`` and see whom it would have hit.

    Long because its docstring and golden example are; the body is one pass over the window.

    Each account in ``month`` is followed for up to ``horizon`` months: **went bad** if it
    reached ``bad_dpd``+ DPD in any later month of the window, **left the book** if it was last
    seen before the window's end without going bad (split by why — paid off, closed, charged off,
    unknown — when the last row's ``status_label`` says), **stayed good** otherwise, **already
    bad** if it was ``bad_dpd``+ at ``month``. The policy sees only history up to ``month``.

    Returns
    -------
    dict
        ``{"month", "window_end", "months_observed", "bad_dpd", "table": DataFrame}`` where the table has
        one row per outcome: ``outcome``, ``accounts``, ``accounts_cut`` (limit lowered),
        ``accounts_raised``, ``balance``, ``undrawn_before``, ``undrawn_removed``,
        ``undrawn_added``, ``share_removed`` (of that group's undrawn). ``"summary"``:
        ``bad_rate_cut``, ``bad_rate_not_cut``, ``bad_rate_not_cut_same_mix`` (the not-cut rate
        reweighted to the cut accounts' bucket mix, over the buckets holding both groups) beside
        ``bad_rate_cut_same_buckets`` (the cut accounts' rate over those buckets), ``bad_share_of_removed``,
        ``removed_good_per_bad``, ``left_book``, ``left_by_reason`` (``LEFT_REASONS``),
        ``left_last_seen_31plus``, ``drawn_before_default`` (balance the bad accounts added
        between the decision and their first default month), ``drawn_before_default_cut``,
        ``drawn_above_new_limit`` (of it, above the limit the policy would have set) and, with
        ``assumptions``, ``predicted_loss``/``realised_loss`` (LGD × balance at default) and
        ``predicted_bad_accounts``/``realised_bad_accounts``. ``"by_bucket"``: cut vs not cut
        per bucket.

    Raises
    ------
    PolicyError
        When the month is unknown, is the last month (nothing to observe) or the data has no
        credit limits.

    Examples
    --------
    >>> df = pd.DataFrame({"account_id": ["a", "b", "a", "b"], "month": ["2024-01"] * 2 + ["2024-02"] * 2,
    ...                    "days_past_due": [40, 40, 95, 0], "balance": [50.0] * 4,
    ...                    "credit_limit": [100.0] * 4})
    >>> bt = backtest_policy(df, Policy("", (Rule("cut", 100, dpd_min=31),)), "2024-01")
    >>> bt["table"].set_index("outcome")["undrawn_removed"].tolist()
    [50.0, 50.0, 0.0, 0.0]
    """
    feats, went_bad, end, start, trail = _followed(portfolio, month, horizon, buckets, bad_dpd, detail=True)
    already = feats["days_past_due"].to_numpy() >= bad_dpd
    left = ~went_bad & ~already & (trail["last_seen"] < end)
    outcome = np.where(already, 3, np.where(went_bad, 0, np.where(left, 2, 1)))

    limit = feats["credit_limit"].to_numpy(dtype=np.float64)
    balance = feats["balance"].to_numpy(dtype=np.float64)
    new = apply_rules(feats, policy, no_forced_paydown)
    und_b = np.where(np.isnan(limit), 0.0, np.maximum(limit - balance, 0.0))
    und_a = np.where(np.isnan(new), 0.0, np.maximum(new - balance, 0.0))
    removed = np.maximum(und_b - und_a, 0.0)
    added = np.maximum(und_a - und_b, 0.0)
    cut = new < limit - 1e-9
    raised = new > limit + 1e-9
    rows = []
    for code, key in enumerate(BACKTEST_OUTCOMES):
        m = outcome == code
        ub = float(und_b[m].sum())
        rows.append({"outcome": key, "accounts": int(m.sum()), "accounts_cut": int((cut & m).sum()),
                     "accounts_raised": int((raised & m).sum()), "balance": float(balance[m].sum()),
                     "undrawn_before": ub, "undrawn_removed": float(removed[m].sum()),
                     "undrawn_added": float(added[m].sum()),
                     "share_removed": float(removed[m].sum()) / ub if ub > 0 else math.nan})
    table = pd.DataFrame(rows)
    live = ~already
    n_cut, n_not = int((cut & live).sum()), int((~cut & live).sum())
    removed_live = float(removed[live].sum())
    by_bucket = _cut_vs_not_by_bucket(feats, live, cut, went_bad)
    # Balance the bad accounts drew between the decision and their first default month, and how
    # much of it lay above the limit the policy would have set (what the cut could have stopped).
    bal_def = trail["balance_at_default"]
    drawn = np.where(went_bad & live, np.maximum(bal_def - balance, 0.0), 0.0)
    above_new = np.where(went_bad & live & cut, np.maximum(bal_def - np.maximum(new, balance), 0.0), 0.0)
    summary = {
        "bad_rate_cut": float((went_bad & cut & live).sum()) / n_cut if n_cut else math.nan,
        "bad_rate_not_cut": float((went_bad & ~cut & live).sum()) / n_not if n_not else math.nan,
        "bad_rate_not_cut_same_mix": _same_mix(by_bucket)[1],
        # the cut accounts' own rate over the same buckets (where both groups exist), to set beside it
        "bad_rate_cut_same_buckets": _same_mix(by_bucket)[0],
        "bad_share_of_removed": float(removed[live & went_bad].sum()) / removed_live if removed_live > 0 else math.nan,
        "removed_good_per_bad": (float(removed[live & ~went_bad].sum()) / float(removed[live & went_bad].sum())
                                 if removed[live & went_bad].sum() > 0 else math.nan),
        "left_book": int(left.sum()),
        "left_by_reason": {r: int((left & (trail["left_reason"] == r)).sum()) for r in LEFT_REASONS},
        "left_last_seen_31plus": int((left & (trail["last_dpd"] >= 31)).sum()),
        "drawn_before_default": float(drawn.sum()),
        "drawn_before_default_cut": float(drawn[cut].sum()),
        "drawn_above_new_limit": float(above_new.sum()),
    }
    if assumptions is not None:
        # Predicted: EL at the start month under the assumptions; realised: LGD × the balance at
        # the first default month, for the accounts that went bad (same LGD, so the two compare).
        pd_ = _pd_per_account(feats, assumptions)
        ead = balance + assumptions.ccf * und_b
        summary["predicted_loss"] = float((pd_ * assumptions.lgd * ead)[live].sum())
        summary["realised_loss"] = float((assumptions.lgd * np.where(went_bad & live, bal_def, 0.0)).sum())
        summary["predicted_bad_accounts"] = float(pd_[live].sum())
        summary["realised_bad_accounts"] = int((went_bad & live).sum())
    return {"month": month, "window_end": _month_str(end), "months_observed": int(end - start),
            "bad_dpd": int(bad_dpd), "table": table, "summary": summary, "by_bucket": by_bucket}


def _cut_vs_not_by_bucket(feats: pd.DataFrame, live: np.ndarray, cut: np.ndarray, went_bad: np.ndarray) -> pd.DataFrame:
    """Bad rate of cut and not-cut accounts within each bucket (accounts not in default at the start)."""
    codes = feats["bucket"].cat.codes.to_numpy()
    rows = []
    for i, key in enumerate(feats["bucket"].cat.categories):
        m = live & (codes == i)
        nc, nn = int((m & cut).sum()), int((m & ~cut).sum())
        if not (nc or nn):
            continue
        bc, bn = int((m & cut & went_bad).sum()), int((m & ~cut & went_bad).sum())
        rows.append({"bucket": str(key), "accounts_cut": nc, "bad_cut": bc,
                     "bad_rate_cut": bc / nc if nc else math.nan, "accounts_not_cut": nn, "bad_not_cut": bn,
                     "bad_rate_not_cut": bn / nn if nn else math.nan})
    return pd.DataFrame(rows, columns=["bucket", "accounts_cut", "bad_cut", "bad_rate_cut", "accounts_not_cut",
                                       "bad_not_cut", "bad_rate_not_cut"])


def _same_mix(by_bucket: pd.DataFrame) -> tuple[float, float]:
    """Over the buckets holding both groups: the cut accounts' bad rate, and the not-cut bad rate
    reweighted to the cut accounts' bucket mix (a comparison free of bucket mix)."""
    both = by_bucket[(by_bucket["accounts_cut"] > 0) & (by_bucket["accounts_not_cut"] > 0)]
    weight = both["accounts_cut"].to_numpy(dtype=np.float64)
    if weight.sum() <= 0:
        return math.nan, math.nan
    cut_rate = float(both["bad_cut"].sum() / weight.sum())
    return cut_rate, float((weight * both["bad_rate_not_cut"].to_numpy()).sum() / weight.sum())


def _followed(portfolio: pd.DataFrame, month: str, horizon: int, buckets: Buckets, bad_dpd: int,
              detail: bool = False):
    """The snapshot at ``month`` and, per account, whether it reached ``bad_dpd``+ in the window;
    with ``detail`` also where each account was last seen in the window and why it left."""
    if horizon < 1 or int(horizon) != horizon:
        raise PolicyError("whatif.err.horizon", value=horizon)
    if "credit_limit" not in portfolio.columns:
        raise PolicyError("whatif.err.no_limit")
    feats = snapshot_features(portfolio, month, buckets)
    start = month_ordinal(month)
    mcodes, mvals = pd.factorize(portfolio["month"], sort=True)
    ordinals = np.array([month_ordinal(str(m)) for m in mvals], dtype=np.int64)
    last = int(ordinals.max())
    if last <= start:
        raise PolicyError("whatif.err.backtest_last", month=month)
    end = min(start + int(horizon), last)
    row_ord = ordinals[mcodes]
    window = (row_ord > start) & (row_ord <= end)
    bad_rows = window & (portfolio["days_past_due"].to_numpy(dtype=np.int64) >= bad_dpd)
    went_bad_ids = portfolio["account_id"][bad_rows].unique()
    went_bad = np.asarray(pd.Index(went_bad_ids).get_indexer(feats["account_id"]) >= 0)
    if not detail:
        return feats, went_bad, end, start
    return feats, went_bad, end, start, _trail(portfolio, feats, row_ord, window, bad_rows, start)


def _trail(portfolio, feats, row_ord, window, bad_rows, start) -> dict:
    """Per snapshot account: last month seen in the window (the start when never), DPD and status
    there, why it left, and the balance at its first default month (NaN when none)."""
    ids = pd.Index(feats["account_id"])
    n = len(ids)
    sub = np.flatnonzero(window)
    pos = ids.get_indexer(portfolio["account_id"].to_numpy()[sub])
    ok = pos >= 0
    sub, pos = sub[ok], pos[ok]
    last_seen = np.full(n, start, dtype=np.int64)
    np.maximum.at(last_seen, pos, row_ord[sub])
    # the row of each account's last month seen (rows per account-month are unique after ingest)
    at_last = row_ord[sub] == last_seen[pos]
    last_row = np.full(n, -1, dtype=np.int64)
    last_row[pos[at_last]] = sub[at_last]
    dpd = portfolio["days_past_due"].to_numpy(dtype=np.int64)
    last_dpd = np.where(last_row >= 0, dpd[np.clip(last_row, 0, None)], feats["days_past_due"].to_numpy())
    reason = np.full(n, "unknown", dtype=object)
    if "status_label" in portfolio.columns:
        text = portfolio["status_label"].astype("string").str.lower().to_numpy(dtype=object, na_value="")
        labels = np.where(last_row >= 0, text[np.clip(last_row, 0, None)], "")
        for key in ("charged_off", "closed", "paid_off"):  # most specific last: "closed (fully paid)"
            hit = np.array([any(w in str(x) for w in _LEFT_WORDS[key]) for x in labels], dtype=bool)
            reason[hit] = key
    bsub = np.flatnonzero(bad_rows)
    bpos = ids.get_indexer(portfolio["account_id"].to_numpy()[bsub])
    okb = bpos >= 0
    bsub, bpos = bsub[okb], bpos[okb]
    first_bad = np.full(n, np.iinfo(np.int64).max, dtype=np.int64)
    np.minimum.at(first_bad, bpos, row_ord[bsub])
    at_first = row_ord[bsub] == first_bad[bpos]
    bal_def = np.full(n, np.nan)
    bal_def[bpos[at_first]] = portfolio["balance"].to_numpy(dtype=np.float64)[bsub[at_first]]
    return {"last_seen": last_seen, "last_dpd": last_dpd, "left_reason": reason, "balance_at_default": bal_def}


def backtest_months(portfolio: pd.DataFrame, min_forward: int = 1) -> list[str]:
    """Months a backtest can start from (at least ``min_forward`` later months in the book)."""
    months = sorted(map(str, portfolio["month"].unique()))
    if not months:
        return []
    last = month_ordinal(months[-1])
    return [m for m in months if last - month_ordinal(m) >= min_forward]


# --- helpers --------------------------------------------------------------------------------

def with_cut(policy: Policy, pct: float) -> Policy:
    """The same targeting with every rule turned into a cut of ``pct`` % (for curves and tests)."""
    return replace(policy, rules=tuple(replace(r, action="cut", value=float(pct)) for r in policy.rules))


def _month_str(ordinal: int) -> str:
    return f"{ordinal // 12:04d}-{ordinal % 12 + 1:02d}"


def _is_number(v: object) -> bool:
    return isinstance(v, (int, float, np.integer, np.floating)) and not isinstance(v, bool)


def _is_nan(v: object) -> bool:
    try:
        return math.isnan(float(v))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False


def _fmt(v: float) -> str:
    if math.isinf(v):
        return "∞"
    return str(int(v)) if float(v).is_integer() else f"{v:g}"


__all__ = [
    "panel_codes",
    "ACTIONS", "Assumptions", "BACKTEST_OUTCOMES", "BLANK", "LEFT_REASONS", "DEFAULT_DPD", "NO_CHANGE", "PD_FLOOR", "PERCENT_FIELDS", "Policy", "PolicyError", "Rule",
    "DIRECTIONS", "SENSITIVITY_CUTS", "SWAP_GROUPS", "swap_bad_rates", "ScenarioResult", "policy_direction", "sensitivity_curves", "apply_rules", "insufficient_history", "out_of_scope", "assumptions_from_percent", "backtest_months", "backtest_policy",
    "change_by_rule", "change_by_segment", "compare_scenarios", "percent_defaults", "policy_from_dict", "policy_from_json",
    "policy_to_dict", "policy_to_json", "rate_note", "rule_masks", "scenario_totals", "sensitivity_curve",
    "simulate_policy", "snapshot_features", "swap_set", "swap_summary", "with_cut",
]


#: The scenarios a what-if starts from, which the meeting report also prices when it is given none
#: (the page's, so a report built before the page was opened shows the same three): today's
#: policy as champion and two common challengers, by DPD ranges so any bucket scheme takes them.
#: Each is named by the catalogue's ``whatif.sc.default.<key>``.
STARTER_SCENARIOS = (
    ("champion", NO_CHANGE),
    ("tighten", Policy("", (Rule("cut", 30, dpd_min=31),))),
    ("grow", Policy("", (Rule("cut", 30, dpd_min=31),
                         Rule("raise", 10, dpd_max=0, utilisation_max=30, clean_months=6)))),
)


def starter_policies(lang: str = "zh") -> list[Policy]:
    """:data:`STARTER_SCENARIOS` named in ``lang``, champion first.

    Examples
    --------
    >>> [p.name for p in starter_policies("en")]
    ['No change (today)', 'Cut 31+ DPD by 30%', 'Cut 31+, raise clean low-use']
    """
    return [Policy(translate(f"whatif.sc.default.{key}", lang), policy.rules) for key, policy in STARTER_SCENARIOS]
