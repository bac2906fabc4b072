"""Collection playbook: which action a delinquency stage and a cause call for.

Common practice in Chinese consumer and SME lending: reminders by SMS/app in the first days,
phone calls through the first month, letters and field visits in the middle buckets, legal
action or outsourcing late. Hardship that is temporary gets a grace period or a repayment
plan; lasting hardship restructuring. The tables are defaults the user edits in the UI; keys are
stable (:data:`analysis.core.vocabulary.ACTION_KEYS`), their names are the vocabulary's
(:func:`analysis.core.vocabulary.action_label`).
"""
from __future__ import annotations

import numpy as np
import pandas as pd

#: Default stage playbook by DPD range (inclusive), independent of the bucket edges in use.
DEFAULT_STAGE_PLAYBOOK = pd.DataFrame(
    {
        "min_dpd": [0, 1, 8, 31, 61, 91],
        "max_dpd": [0, 7, 30, 60, 90, None],
        "action": ["none", "reminder", "call", "letter", "visit", "legal"],
    }
)

#: Default response per cause category (keys from the causes analysis).
DEFAULT_CAUSE_RESPONSES = {
    "income_loss": "repayment_plan",
    "business_difficulty": "restructuring",
    "illness_accident": "grace_period",
    "forgot": "reminder",
    "over_indebted": "restructuring",
    "dispute": "verify",
    "wilful_default": "legal",
    "force_majeure": "grace_period",
    "other": "call",
    "unknown": "call",
}


def stage_actions(dpd: np.ndarray | pd.Series, playbook: pd.DataFrame = DEFAULT_STAGE_PLAYBOOK) -> np.ndarray:
    """The stage action key for each DPD value (first matching range; ``"none"`` if none match).

    Examples
    --------
    >>> stage_actions([0, 3, 20, 45, 100]).tolist()
    ['none', 'reminder', 'call', 'letter', 'legal']
    """
    values = np.asarray(dpd, dtype=np.int64)
    out = np.empty(values.shape, dtype=object)
    out.fill("none")  # not np.full: it casts the string once per element
    done = np.zeros(values.shape, dtype=bool)
    for row in playbook.itertuples(index=False):
        hi = np.inf if row.max_dpd is None or pd.isna(row.max_dpd) else row.max_dpd
        hit = ~done & (values >= row.min_dpd) & (values <= hi)
        out[hit] = row.action
        done |= hit
    return out
