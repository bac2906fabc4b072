"""IFRS 9 staging per account-month: DPD backstops, an optional SICR trigger, and probation.

The rules (:class:`StagingRules`), each editable:

* **DPD backstops** (IFRS 9 5.5.11: more than 30 DPD presumes a significant increase in credit
  risk; B5.5.37: more than 90 DPD presumes default): stage 2 from 31 DPD, stage 3 from 91 DPD, the
  aging page's :data:`analysis.aging.regulatory.IFRS9_DEFAULT` (checked by
  :func:`~analysis.aging.regulatory.check_ifrs9`).
* **Significant increase in credit risk** (optional, off by default): the book carries no score
  or PD at origination, so "since initial recognition" is measured against the account's
  **first month in the book** (its origination for accounts opened inside the file; the oldest
  evidence we have for the others). Two triggers, either moves the account to stage 2:
  ``score_drop`` (the score fell by at least that many points) and ``pd_ratio`` (the 12-month PD
  of today's bucket is at least ``k`` times the 12-month PD of the first month's bucket, and
  higher; both read off the point-in-time curve of the row's month, so the trigger never uses a
  later month's roll rates). Off by default because with bucket-based PDs the ratio mostly restates the DPD
  backstop, and score scales differ by bank: a bank sets its own cut-offs.
* **The bank's own classification** (on by default, when the book has a ``loan_class`` column,
  the 五级分类): a loan the bank classes 关注 (special mention) is at least stage 2, one it
  classes 次级/可疑/损失 (non-performing) is stage 3, whatever its DPD. The 2023 rules
  (《商业银行金融资产风险分类办法》) class credit-impaired assets at least 次级, and banks align
  stage 3 with their non-performing loans in practice: a risk manager reconciling the ECL with
  the NPL report expects a classified NPL in stage 3, not in stage 1 because it is current by DPD
  (a restructured loan kept 次级 during its observation period is the common case).
  ``class_floor=False`` stages by DPD and SICR alone.
* **Probation (cure) period**: an account moves down a stage only after it has met the lower
  stage's conditions for ``N`` consecutive calendar months; it moves down in the month after.
  Default 3 months for both 3 → 2 and 2 → 1: the minimum probation the EBA's guidelines on the
  definition of default (EBA/GL/2016/07, para. 71) set for leaving default, and the common retail
  practice for stage 2 → 1. A cured stage-3 account passes through stage 2 and serves the
  stage-2 probation too, counted from the month its stage-3 hold ends (months held in stage 3 do
  not count towards it). ``0`` = move down as soon as the conditions are met. Example with the
  defaults, DPD 95 then 0 every month: stages 3, 3, 3, 3, 2, 2, 2, 1.

Months are calendar months: a month the account is missing from the file counts as time elapsed
(nothing adverse was observed). The history before an account's first month in the file is
unknown, so its first month is staged on that month alone.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.aging.regulatory import IFRS9_DEFAULT, NPL_CLASSES, check_ifrs9
from analysis.core.buckets import DEFAULT_BUCKETS, Buckets, bucket_codes
from analysis.core.rates import month_ordinal
from analysis.provisions.pd_curve import PdCurve, ProvisionError

#: Probation months before moving down a stage (EBA/GL/2016/07 para. 71: at least 3 months).
DEFAULT_PROBATION = 3
_MAX_PROBATION = 120


@dataclass(frozen=True)
class StagingRules:
    """How accounts are staged; every field is stated in the ``assumptions`` output.

    Parameters
    ----------
    stage2_from, stage3_from : int
        Lower DPD bounds of stage 2 and stage 3 (31 and 91).
    score_drop : float, optional
        SICR: stage 2 when the score fell by at least this many points since the account's first
        month in the book (needs a ``score`` column). ``None`` = off.
    pd_ratio : float, optional
        SICR: stage 2 when today's 12-month PD is at least this multiple (> 1) of the 12-month PD
        at the account's first month in the book. ``None`` = off.
    probation_stage2 : int
        Consecutive months meeting stage 1's conditions before 2 → 1.
    probation_stage3 : int
        Consecutive months below the stage-3 backstop before 3 → 2.
    class_floor : bool
        When the book has the bank's own five-tier class (``loan_class``): 关注 is at least
        stage 2, 次级/可疑/损失 stage 3 (a class counts as evidence for the probation like DPD).

    Examples
    --------
    >>> StagingRules().describe()
    "stage 2 from 31 DPD, stage 3 from 91 DPD; probation 3 months (2→1), 3 months (3→2); no SICR trigger; the bank's class sets a floor"
    """

    stage2_from: int = IFRS9_DEFAULT[0]
    stage3_from: int = IFRS9_DEFAULT[1]
    score_drop: float | None = None
    pd_ratio: float | None = None
    probation_stage2: int = DEFAULT_PROBATION
    probation_stage3: int = DEFAULT_PROBATION
    class_floor: bool = True

    def __post_init__(self) -> None:
        s2, s3 = check_ifrs9(self.stage2_from, self.stage3_from)
        object.__setattr__(self, "stage2_from", s2)
        object.__setattr__(self, "stage3_from", s3)
        for name in ("probation_stage2", "probation_stage3"):
            v = getattr(self, name)
            if not _whole(v) or not 0 <= v <= _MAX_PROBATION:
                raise ProvisionError("provisions.err.probation", field=name, value=v, max=_MAX_PROBATION)
            object.__setattr__(self, name, int(v))
        if self.score_drop is not None and (not _number(self.score_drop) or not self.score_drop > 0):
            raise ProvisionError("provisions.err.score_drop", value=self.score_drop)
        if self.pd_ratio is not None and (not _number(self.pd_ratio) or not self.pd_ratio > 1):
            raise ProvisionError("provisions.err.pd_ratio", value=self.pd_ratio)
        object.__setattr__(self, "class_floor", bool(self.class_floor))

    def as_dict(self) -> dict[str, object]:
        """JSON-ready fields."""
        return {"stage2_from": self.stage2_from, "stage3_from": self.stage3_from,
                "score_drop": self.score_drop, "pd_ratio": self.pd_ratio,
                "probation_stage2": self.probation_stage2, "probation_stage3": self.probation_stage3,
                "class_floor": self.class_floor}

    def describe(self) -> str:
        """One line (English) for logs and the CLI's human output."""
        sicr = []
        if self.score_drop is not None:
            sicr.append(f"score down ≥ {self.score_drop:g} points")
        if self.pd_ratio is not None:
            sicr.append(f"12-month PD ≥ {self.pd_ratio:g}× first month's")
        return (f"stage 2 from {self.stage2_from} DPD, stage 3 from {self.stage3_from} DPD; probation "
                f"{self.probation_stage2} months (2→1), {self.probation_stage3} months (3→2); "
                + ("SICR: " + " or ".join(sicr) if sicr else "no SICR trigger")
                + ("; the bank's class sets a floor" if self.class_floor else "; stages by DPD and SICR only"))


def _number(v: object) -> bool:
    return isinstance(v, (int, float, np.integer, np.floating)) and not isinstance(v, bool) and v == v


def _whole(v: object) -> bool:
    return _number(v) and float(v) == int(v)  # type: ignore[arg-type]


_NEVER = -(10 ** 9)  # the last flagged month of an account whose flag never held


def _last_flagged(flag: np.ndarray, account: np.ndarray, ordinal: np.ndarray) -> np.ndarray:
    """Month ordinal of the last row (this one included) where ``flag`` holds, within the
    account; :data:`_NEVER` when it never did. Rows sorted by account then month.

    A running maximum over the whole array that cannot leak across accounts: each account's
    values are lifted by ``account * span`` and a row without the flag carries the account's
    floor, so an earlier account's maximum is always below a later account's floor.
    """
    if len(flag) == 0:
        return np.zeros(0, dtype=np.int64)
    low = int(ordinal.min())
    span = int(ordinal.max()) - low + 3
    rel = ordinal - low + 1  # ≥ 1, so 0 is the "never" floor of each account
    base = account.astype(np.int64) * span
    last = np.maximum.accumulate(base + np.where(flag, rel, 0)) - base
    return np.where(last > 0, last - 1 + low, _NEVER).astype(np.int64)


def assign_stages(portfolio: pd.DataFrame, rules: StagingRules = StagingRules(), *,
                  curve: PdCurve | None = None, curves: Mapping[str, PdCurve] | None = None,
                  buckets: Buckets = DEFAULT_BUCKETS) -> pd.DataFrame:
    """Stage of every account-month from each account's history.

    Parameters
    ----------
    portfolio : DataFrame
        Canonical portfolio: ``account_id``, ``month``, ``days_past_due``; ``score`` for the
        score trigger. Not modified.
    rules : StagingRules
    curve : PdCurve, optional
        For the ``pd_ratio`` trigger: one curve for every month (its 12-month PD by bucket).
    curves : mapping of month to PdCurve, optional
        For the ``pd_ratio`` trigger, point in time: each row compares today's bucket with its
        first month's bucket under the curve *of the row's month* (what the bank knew then), so
        a month's stages never change when later months arrive. Takes precedence over ``curve``.
    buckets : Buckets
        Buckets of ``curve`` (DPD → bucket for the PD trigger).

    Returns
    -------
    DataFrame
        Same index as ``portfolio``: ``dpd_stage`` (by the backstops alone), ``sicr`` (a trigger
        fired), ``by_class`` (the bank's class put the row in a higher stage than the same rules
        without the class floor give, probation included),
        ``stage`` (after probation), ``probation`` (held above what this month alone says).
        All int8/bool.

    Raises
    ------
    ProvisionError
        A trigger needs a column or a curve the caller did not give.

    Examples
    --------
    >>> df = pd.DataFrame({"account_id": "a", "month": [f"2024-{m:02d}" for m in range(1, 8)],
    ...                    "days_past_due": [95, 0, 0, 0, 0, 0, 0]})
    >>> assign_stages(df)["stage"].tolist()
    [3, 3, 3, 3, 2, 2, 2]
    >>> assign_stages(df.assign(days_past_due=0, loan_class="substandard"))["stage"].tolist()
    [3, 3, 3, 3, 3, 3, 3]
    """
    n = len(portfolio)
    if rules.score_drop is not None and "score" not in portfolio.columns:
        raise ProvisionError("provisions.err.no_score")
    if rules.pd_ratio is not None and curve is None and curves is None:
        raise ProvisionError("provisions.err.pd_ratio_curve")
    dpd = portfolio["days_past_due"].to_numpy(dtype=np.int64)
    dpd_stage = np.where(dpd >= rules.stage3_from, 3, np.where(dpd >= rules.stage2_from, 2, 1)).astype(np.int8)

    acc, _ = pd.factorize(portfolio["account_id"], sort=False)
    mcodes, mvals = pd.factorize(portfolio["month"], sort=True)
    ords = np.array([month_ordinal(str(m)) for m in mvals], dtype=np.int64)[mcodes] if n else np.zeros(0, np.int64)
    order = np.lexsort((ords, acc))
    a, o = acc[order], ords[order]
    first = np.r_[True, a[1:] != a[:-1]] if n else np.zeros(0, dtype=bool)
    first_pos = np.maximum.accumulate(np.where(first, np.arange(n), 0)) if n else np.zeros(0, np.int64)

    sicr = np.zeros(n, dtype=bool)
    if rules.score_drop is not None:
        score = portfolio["score"].to_numpy(dtype=np.float64)[order]
        # the first score the account has (a blank first month takes the next known one)
        known = ~np.isnan(score)
        pos = np.where(known, np.arange(n), n)
        nxt = np.minimum.accumulate(pos[::-1])[::-1]  # next known position at or after each row
        ref_pos = nxt[first_pos]
        same = (ref_pos < n) & (a[np.minimum(ref_pos, n - 1)] == a)
        ref = np.where(same, score[np.minimum(ref_pos, n - 1)], np.nan)
        with np.errstate(invalid="ignore"):
            sicr |= (ref - score) >= float(rules.score_drop)
    if rules.pd_ratio is not None:
        keys = list(buckets.keys)
        if curves is not None:
            missing = [str(m) for m in mvals if str(m) not in curves]
            if missing:
                raise ProvisionError("provisions.err.pd_ratio_curve")
            table = np.stack([curves[str(m)].pd_12m().reindex(keys).to_numpy(dtype=np.float64) for m in mvals])
        else:
            table = np.tile(curve.pd_12m().reindex(keys).to_numpy(dtype=np.float64), (max(len(mvals), 1), 1))
        bcode = bucket_codes(dpd[order], buckets).astype(np.int64)
        row_month = mcodes[order]
        now = table[row_month, bcode]
        start = table[row_month, bcode[first_pos]]
        sicr |= (now >= float(rules.pd_ratio) * start) & (now > start)

    floor = _class_floor(portfolio) if rules.class_floor else np.ones(n, dtype=np.int8)
    evidence = np.maximum(dpd_stage[order], np.where(sicr, 2, 1)).astype(np.int8)
    stage = _held_stages(np.maximum(evidence, floor[order]).astype(np.int8), a, o, rules)
    # raised by the class: above the stage the same rules give without the class floor (an
    # account that probation keeps in stage 2 anyway was not raised by its class)
    unfloored = _held_stages(evidence, a, o, rules) if rules.class_floor else stage

    out_stage = np.empty(n, dtype=np.int8)
    out_stage[order] = stage
    out_raised = np.empty(n, dtype=bool)
    out_raised[order] = stage > unfloored
    out_sicr = np.empty(n, dtype=bool)
    out_sicr[order] = sicr
    own = np.maximum(dpd_stage, np.where(out_sicr, 2, 1))
    return pd.DataFrame({
        "dpd_stage": dpd_stage, "sicr": out_sicr, "by_class": out_raised, "stage": out_stage,
        "probation": out_stage > np.maximum(own, floor),
    }, index=portfolio.index)


def _held_stages(raw: np.ndarray, a: np.ndarray, o: np.ndarray, rules: StagingRules) -> np.ndarray:
    """Stages after probation of the rows in account-then-month order, from each row's stage on its
    own evidence ``raw`` (``a`` account codes, ``o`` month ordinals, both in that order)."""
    last3 = _last_flagged(raw >= 3, a, o)
    held3 = o - last3 <= rules.probation_stage3
    # Stage-2 probation starts when the stage-3 hold ends (observed or not: a gap in the file
    # counts as time elapsed), or at the last month that was stage 2 on its own evidence.
    end3 = np.where(last3 == _NEVER, _NEVER, last3 + rules.probation_stage3)
    last2 = np.maximum(_last_flagged(raw >= 2, a, o), end3)
    return np.where(held3, 3, np.where(o - last2 <= rules.probation_stage2, 2, 1)).astype(np.int8)


#: The least stage the bank's own class allows (classes not listed, and rows without one: 1).
CLASS_FLOOR_STAGE = {"special_mention": 2, **{c: 3 for c in NPL_CLASSES}}


def _class_floor(portfolio: pd.DataFrame) -> np.ndarray:
    """Per row, the least stage its ``loan_class`` allows (1 without the column)."""
    if "loan_class" not in portfolio.columns:
        return np.ones(len(portfolio), dtype=np.int8)
    classes = portfolio["loan_class"].astype("object")
    return classes.map(CLASS_FLOOR_STAGE).fillna(1).to_numpy(dtype=np.int8)


__all__ = ["CLASS_FLOOR_STAGE", "DEFAULT_PROBATION", "StagingRules", "assign_stages"]
