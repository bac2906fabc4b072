"""Delinquency buckets: definitions, DPD → bucket, five-tier class and IFRS 9 stage.

A :class:`Buckets` is an ordered list of lower DPD bounds starting at 0; bucket *i* holds
``lowers[i] <= dpd < lowers[i+1]``. Keys are stable English strings used everywhere in data;
labels are what people read.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.core.vocabulary import FIVE_TIER_KEYS, exit_label

EXIT = "exit"


@dataclass(frozen=True)
class Buckets:
    """An ordered set of DPD buckets.

    Parameters
    ----------
    lowers : tuple of int
        Lower DPD bound of each bucket, strictly increasing, starting at 0.
    keys : tuple of str
        Stable key per bucket (``"Current"``, ``"1-30"``, ...).
    labels_zh, labels_en : tuple of str
        Display labels.
    name : str
        ``"default"``, ``"m"`` or ``"custom"``.
    """

    lowers: tuple[int, ...]
    keys: tuple[str, ...]
    labels_zh: tuple[str, ...]
    labels_en: tuple[str, ...]
    name: str = "custom"

    def __post_init__(self) -> None:
        n = len(self.lowers)
        if n < 2 or self.lowers[0] != 0:
            raise ValueError("buckets need at least two bounds, the first being 0")
        if any(b <= a for a, b in zip(self.lowers, self.lowers[1:])):
            raise ValueError("bucket bounds must be strictly increasing")
        if not (len(self.keys) == len(self.labels_zh) == len(self.labels_en) == n):
            raise ValueError("one key and one label per bucket")

    def __len__(self) -> int:
        return len(self.lowers)

    def labels(self, lang: str) -> tuple[str, ...]:
        """Display labels in ``lang`` (``"zh"`` or ``"en"``)."""
        return self.labels_zh if lang == "zh" else self.labels_en

    def label_of(self, key: str, lang: str) -> str:
        """The display label of one bucket key (``"exit"`` included)."""
        if key == EXIT:
            return exit_label(lang)
        return self.labels(lang)[self.keys.index(key)]

    def upper_of(self, i: int) -> int | None:
        """Upper DPD bound (inclusive) of bucket ``i``; ``None`` for the last, open bucket."""
        return self.lowers[i + 1] - 1 if i + 1 < len(self.lowers) else None

    def overdue_keys(self, min_dpd: int = 1) -> list[str]:
        """Keys of the buckets whose whole range is at or above ``min_dpd``."""
        return [k for k, lo in zip(self.keys, self.lowers) if lo >= min_dpd]

    def describe(self, lang: str) -> str:
        """One line stating the edges, for definition (口径) lines."""
        parts = []
        for i, key in enumerate(self.keys):
            lo, hi = self.lowers[i], self.upper_of(i)
            rng = f"{lo}" if hi == lo else (f"{lo}-{hi}" if hi is not None else f"≥{lo}")
            parts.append(f"{self.labels(lang)[i]} ({rng})")
        return ("DPD 分段：" if lang == "zh" else "DPD buckets: ") + ", ".join(parts)


DEFAULT_BUCKETS = Buckets(
    lowers=(0, 1, 31, 61, 91, 181),
    keys=("Current", "1-30", "31-60", "61-90", "91-180", "181+"),
    labels_zh=("正常", "逾期1-30天", "逾期31-60天", "逾期61-90天", "逾期91-180天", "逾期180天以上"),
    labels_en=("Current", "1-30", "31-60", "61-90", "91-180", "181+"),
    name="default",
)

M_BUCKETS = Buckets(
    lowers=(0, 1, 31, 61, 91, 121, 151, 181),
    keys=("M0", "M1", "M2", "M3", "M4", "M5", "M6", "M6+"),
    labels_zh=("M0 正常", "M1 (1-30天)", "M2 (31-60天)", "M3 (61-90天)", "M4 (91-120天)",
               "M5 (121-150天)", "M6 (151-180天)", "M6+ (180天以上)"),
    labels_en=("M0 Current", "M1 (1-30)", "M2 (31-60)", "M3 (61-90)", "M4 (91-120)",
               "M5 (121-150)", "M6 (151-180)", "M6+ (181+)"),
    name="m",
)


def custom_buckets(upper_edges: list[int] | tuple[int, ...]) -> Buckets:
    """Build buckets from the inclusive upper DPD edges a user types, e.g. ``[30, 60, 90]``.

    Gives Current (0), 1-30, 31-60, 61-90 and 91+.

    Raises
    ------
    ValueError
        When the edges are not positive and strictly increasing.

    Examples
    --------
    >>> custom_buckets([30, 90]).keys
    ('Current', '1-30', '31-90', '91+')
    >>> custom_buckets([30, 60, 90, 180]).labels("zh")[-1] == DEFAULT_BUCKETS.labels("zh")[-1]
    True
    """
    edges = [int(e) for e in upper_edges]
    if not edges or edges[0] < 1 or any(b <= a for a, b in zip(edges, edges[1:])):
        raise ValueError("edges must be positive whole numbers in increasing order")
    lowers = [0, 1] + [e + 1 for e in edges]
    keys = ["Current"]
    for lo, nxt in zip(lowers[1:], lowers[2:]):
        keys.append(f"{lo}-{nxt - 1}")
    keys.append(f"{lowers[-1]}+")
    # "逾期180天以上" is how the standard scheme and the banks name DPD ≥ 181: the last bucket says
    # the days it is above, not its first day, so the same edges read the same in every scheme.
    zh = ["正常"] + [f"逾期{k}天" for k in keys[1:-1]] + [f"逾期{edges[-1]}天以上"]
    return Buckets(tuple(lowers), tuple(keys), tuple(zh), tuple(keys), name="custom")


def bucket_codes(dpd: np.ndarray | pd.Series, buckets: Buckets = DEFAULT_BUCKETS) -> np.ndarray:
    """Bucket index (int8) per DPD value; vectorised with ``searchsorted``.

    Examples
    --------
    >>> bucket_codes(np.array([0, 1, 30, 31, 400])).tolist()
    [0, 1, 1, 2, 5]
    """
    values = np.asarray(dpd, dtype=np.int64)
    return (np.searchsorted(np.asarray(buckets.lowers), values, side="right") - 1).astype(np.int8)


def assign_buckets(dpd: np.ndarray | pd.Series, buckets: Buckets = DEFAULT_BUCKETS) -> pd.Categorical:
    """DPD → ordered categorical of bucket keys.

    Examples
    --------
    >>> list(assign_buckets([0, 45]))
    ['Current', '31-60']
    """
    return pd.Categorical.from_codes(
        bucket_codes(dpd, buckets), categories=list(buckets.keys), ordered=True
    )


# --- regulatory classes -------------------------------------------------------------------

#: Lower DPD bound of 关注/次级/可疑/损失. Credit-card rule: 关注 1-90, 次级 91-120,
#: 可疑 121-180, 损失 > 180.
FIVE_TIER_CREDIT_CARD = (1, 91, 121, 181)
#: 2023 金融资产风险分类办法 floors: any overdue ≥ 关注, > 90 ≥ 次级, > 270 ≥ 可疑, > 360 损失.
FIVE_TIER_2023 = (1, 91, 271, 361)


def five_tier_class(dpd: np.ndarray | pd.Series, thresholds: tuple[int, int, int, int] = FIVE_TIER_CREDIT_CARD) -> pd.Categorical:
    """Five-tier loan class (五级分类) from DPD with the given lower bounds of tiers 2-5.

    Examples
    --------
    >>> list(five_tier_class([0, 90, 91, 200]))
    ['normal', 'special_mention', 'substandard', 'loss']
    """
    lowers = np.array((0, *thresholds))
    if np.any(np.diff(lowers) <= 0):
        raise ValueError("five-tier thresholds must be increasing and above 0")
    codes = np.searchsorted(lowers, np.asarray(dpd, dtype=np.int64), side="right") - 1
    return pd.Categorical.from_codes(codes, categories=list(FIVE_TIER_KEYS), ordered=True)


IFRS9_STAGES = (1, 2, 3)


def ifrs9_stage(dpd: np.ndarray | pd.Series, stage2_from: int = 31, stage3_from: int = 91) -> np.ndarray:
    """IFRS 9 stage by DPD backstops: 1 (≤ 30), 2 (31-90), 3 (> 90) by default.

    Examples
    --------
    >>> ifrs9_stage([0, 30, 31, 91]).tolist()
    [1, 1, 2, 3]
    """
    values = np.asarray(dpd, dtype=np.int64)
    return np.where(values >= stage3_from, 3, np.where(values >= stage2_from, 2, 1)).astype(np.int8)
