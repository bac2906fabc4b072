"""IFRS 9 expected credit loss per account and by stage.

The money model, stated once (the CLI's ``assumptions`` and the page's definitions line repeat it):

* **EAD** = ``balance + CCF × max(credit_limit − balance, 0)``; an account without a known limit
  (no ``credit_limit`` column, or a blank) has EAD = balance, and so has a stage-3 account (its
  line is blocked: nothing more is drawn). EAD is held flat over the horizon:
  no amortisation schedule is in the data, and for revolving credit the CCF stands for the
  drawdown before default.
* **Stage 1** = ``Σ_{t ≤ min(12, life)} marginal PD_t × LGD × EAD × d^t`` (12-month ECL, or the
  lifetime when the remaining life is shorter: IFRS 9 Appendix A, "12-month expected credit
  losses").
* **Stage 2** = the same sum over the remaining life (lifetime ECL).
* **Stage 3** = ``LGD × EAD`` exactly: credit-impaired, PD 1, no discounting (a simplification:
  the loss is treated as incurred at the reporting date; the LGD is meant to be a discounted
  recovery figure already).
* **Discounting** at the effective interest rate: the account's ``interest_rate`` (annual,
  0.12 = 12 %) where the file has it, else :attr:`EclAssumptions.discount_rate`; compounded
  monthly (``d = 1 / (1 + r / 12)``), a default in month *t* discounted ``t`` months.
* **Remaining life**: the data has no maturity, so an assumed number of months (default 36: a
  typical consumer instalment term and the behavioural life banks often use for cards), optionally
  per ``product``.
* **Macro scenarios**: ``(name, weight, pd_multiplier)``, weights summing to 1; each scenario
  multiplies the cumulative PD (capped at 1) and ECL is the weighted sum of the scenario ECLs.
  One scenario ``("base", 1, 1)`` by default, which is the unweighted figure.

LGD (45 %: the Basel II foundation-IRB figure for senior unsecured claims), CCF (50 %) and the
fallback rate (12 %) are the what-if page's defaults (:class:`analysis.whatif.policy.Assumptions`),
so both pages price the same book the same way.
"""
from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields

import numpy as np
import pandas as pd

from analysis.core.buckets import DEFAULT_BUCKETS, Buckets, bucket_codes
from analysis.core.schema import usable_rates
from analysis.provisions.pd_curve import PdCurve, ProvisionError, check_horizon
from analysis.whatif.policy import Assumptions

_WHATIF = {f.name: f.default for f in fields(Assumptions)}
#: Months of PD in a stage-1 (12-month) ECL.
TWELVE_MONTHS = 12
#: Assumed remaining life in months when the data has no maturity.
DEFAULT_REMAINING_LIFE = 36
#: Tolerance on the scenario weights' sum (typed percentages such as 1/3 do not add to 1 exactly).
_WEIGHT_TOLERANCE = 1e-6


@dataclass(frozen=True)
class Scenario:
    """One macro scenario: a name, its probability weight, and a multiplier on the cumulative PD.

    Examples
    --------
    >>> Scenario("downside", 0.2, 1.3).as_dict()
    {'name': 'downside', 'weight': 0.2, 'pd_multiplier': 1.3}
    """

    name: str
    weight: float
    pd_multiplier: float = 1.0

    def as_dict(self) -> dict[str, object]:
        return {"name": self.name, "weight": float(self.weight), "pd_multiplier": float(self.pd_multiplier)}


BASE_SCENARIO = (Scenario("base", 1.0, 1.0),)


def check_scenarios(scenarios: Sequence[Scenario]) -> tuple[Scenario, ...]:
    """Scenarios as a tuple, or a :class:`ProvisionError` saying what to fix.

    Weights must be in [0, 1] and sum to 1; multipliers ≥ 0; names unique and not blank.

    Examples
    --------
    >>> [s.name for s in check_scenarios([Scenario("base", 0.6), Scenario("down", 0.4, 1.5)])]
    ['base', 'down']
    >>> check_scenarios([Scenario("base", 0.6)])
    Traceback (most recent call last):
    ...
    analysis.provisions.pd_curve.ProvisionError: The scenario weights add up to 0.6; they must add up to 1 (100%). Adjust the weights.
    """
    items = tuple(scenarios)
    if not items:
        raise ProvisionError("provisions.err.no_scenario")
    names = [str(s.name).strip() for s in items]
    if any(not n for n in names) or len(set(names)) != len(names):
        raise ProvisionError("provisions.err.scenario_names", names=", ".join(names))
    for s in items:
        if not _finite(s.weight) or not 0.0 <= float(s.weight) <= 1.0:
            raise ProvisionError("provisions.err.scenario_weight", name=s.name, value=s.weight)
        if not _finite(s.pd_multiplier) or float(s.pd_multiplier) < 0.0:
            raise ProvisionError("provisions.err.scenario_multiplier", name=s.name, value=s.pd_multiplier)
    total = math.fsum(float(s.weight) for s in items)
    if abs(total - 1.0) > _WEIGHT_TOLERANCE:
        raise ProvisionError("provisions.err.scenario_sum", total=round(total, 6))
    return items


def _finite(v: object) -> bool:
    return isinstance(v, (int, float, np.integer, np.floating)) and not isinstance(v, bool) and math.isfinite(v)


@dataclass(frozen=True)
class EclAssumptions:
    """What the ECL assumes; every field is stated in the output.

    Parameters
    ----------
    lgd : float
        Loss given default, 0-1 (0.45, the what-if page's default).
    ccf : float
        Credit conversion factor on the undrawn limit, 0-1 (0.5, the what-if page's default).
    discount_rate : float
        Annual effective interest rate where the account has none (0.12, the what-if page's).
    use_account_rate : bool
        Discount at the account's own ``interest_rate`` when the file has it.
    remaining_life : int
        Assumed remaining life in months (36).
    remaining_life_by_product : mapping of str to int
        Remaining life per ``product`` value; other products take ``remaining_life``.
    scenarios : sequence of Scenario
        Macro scenarios, weights summing to 1 (default one base scenario).

    Examples
    --------
    >>> EclAssumptions().lgd, EclAssumptions().ccf
    (0.45, 0.5)
    """

    lgd: float = _WHATIF["lgd"]
    ccf: float = _WHATIF["ccf"]
    discount_rate: float = _WHATIF["interest_rate"]
    use_account_rate: bool = True
    remaining_life: int = DEFAULT_REMAINING_LIFE
    remaining_life_by_product: Mapping[str, int] = field(default_factory=dict)
    scenarios: tuple[Scenario, ...] = BASE_SCENARIO

    def __post_init__(self) -> None:
        for name in ("lgd", "ccf"):
            v = getattr(self, name)
            if not _finite(v) or not 0.0 <= float(v) <= 1.0:
                raise ProvisionError("provisions.err.share", field=name, value=v)
        if not _finite(self.discount_rate) or not 0.0 <= float(self.discount_rate) <= 1.0:
            raise ProvisionError("provisions.err.rate", value=self.discount_rate)
        object.__setattr__(self, "remaining_life", check_horizon(self.remaining_life))
        object.__setattr__(self, "remaining_life_by_product",
                           {str(k): check_horizon(v) for k, v in dict(self.remaining_life_by_product).items()})
        object.__setattr__(self, "scenarios", check_scenarios(self.scenarios))

    @property
    def longest_life(self) -> int:
        """The longest remaining life any account can get (the PD curve must reach it)."""
        return max([self.remaining_life, TWELVE_MONTHS, *self.remaining_life_by_product.values()])

    def as_dict(self) -> dict[str, object]:
        """JSON-ready fields."""
        return {"lgd": float(self.lgd), "ccf": float(self.ccf), "discount_rate": float(self.discount_rate),
                "use_account_rate": bool(self.use_account_rate), "remaining_life": self.remaining_life,
                "remaining_life_by_product": dict(self.remaining_life_by_product),
                "scenarios": [s.as_dict() for s in self.scenarios]}


def exposure_at_default(balance, credit_limit=None, ccf: float = _WHATIF["ccf"]) -> np.ndarray:
    """EAD = balance + CCF × max(limit − balance, 0); balance alone where the limit is unknown.

    Examples
    --------
    >>> exposure_at_default([100.0, 100.0, 100.0], [300.0, 50.0, float("nan")], 0.5).tolist()
    [200.0, 100.0, 100.0]
    """
    bal = np.asarray(balance, dtype=np.float64)
    if credit_limit is None:
        return bal.copy()
    limit = np.asarray(credit_limit, dtype=np.float64)
    undrawn = np.where(np.isnan(limit), 0.0, np.maximum(limit - bal, 0.0))
    return bal + float(ccf) * undrawn


def scenario_marginals(curve: PdCurve, scenarios: Sequence[Scenario]) -> np.ndarray:
    """Marginal PD per scenario: ``(n_scenarios, horizon, n_buckets)``, from the cumulative PD
    times the scenario's multiplier, capped at 1.

    Examples
    --------
    >>> from analysis.provisions.pd_curve import pd_term_structure
    >>> c = pd_term_structure(pd.DataFrame([[0.9, 0.1], [0.0, 1.0]], index=["G", "B"], columns=["G", "B"]), ["B"], 2)
    >>> scenario_marginals(c, [Scenario("x", 1.0, 2.0)])[0, :, 0].round(4).tolist()
    [0.2, 0.18]
    """
    cum = curve.cumulative[None, :, :] * np.array([float(s.pd_multiplier) for s in scenarios])[:, None, None]
    return np.diff(np.minimum(cum, 1.0), axis=1)


def _discounted_sums(coef: np.ndarray, d: np.ndarray) -> np.ndarray:
    """``Σ_t coef[t-1] · d^t`` for every account (Horner's rule, one pass per month)."""
    acc = np.zeros_like(d)
    for c in coef[::-1]:
        acc = (acc + c) * d
    return acc


def expected_credit_loss(accounts: pd.DataFrame, stage, curve: PdCurve,
                         assumptions: EclAssumptions = EclAssumptions(), *,
                         buckets: Buckets = DEFAULT_BUCKETS) -> pd.DataFrame:
    """ECL per account for one month.

    Parameters
    ----------
    accounts : DataFrame
        One row per account: ``days_past_due``, ``balance``; optional ``account_id``,
        ``credit_limit``, ``interest_rate``, ``product``. Not modified.
    stage : array-like of int
        IFRS 9 stage (1, 2, 3) per row (:func:`analysis.provisions.staging.assign_stages`).
    curve : PdCurve
        PD term structure over ``buckets`` reaching at least the longest remaining life.
    assumptions : EclAssumptions
    buckets : Buckets

    Returns
    -------
    DataFrame
        Same index: ``account_id`` (when given), ``stage``, ``bucket``, ``balance``, ``ead``,
        ``life`` (months of PD summed), ``rate`` (annual discount rate used), ``own_rate`` (the
        account's own rate was used), ``ecl``
        (scenario-weighted), and one ``ecl:<name>`` column per scenario when there are several.

    Examples
    --------
    >>> from analysis.provisions.pd_curve import fallback_curve
    >>> acc = pd.DataFrame({"days_past_due": [0, 100], "balance": [1000.0, 500.0]})
    >>> out = expected_credit_loss(acc, [1, 3], fallback_curve(horizon=36))
    >>> float(out["ecl"].iloc[1])  # stage 3: LGD × EAD
    225.0
    """
    stage = np.asarray(stage, dtype=np.int8)
    n = len(accounts)
    if len(stage) != n:
        raise ValueError(f"{len(stage)} stages for {n} accounts")
    if curve.horizon < assumptions.longest_life:
        raise ProvisionError("provisions.err.curve_horizon", months=assumptions.longest_life, horizon=curve.horizon)
    if list(curve.buckets) != list(buckets.keys):
        raise ValueError("the PD curve was built on other buckets")
    balance = accounts["balance"].to_numpy(dtype=np.float64)
    limit = accounts["credit_limit"].to_numpy(dtype=np.float64) if "credit_limit" in accounts.columns else None
    # A credit-impaired (stage 3) account's line is blocked: nothing more is drawn, its exposure is
    # its balance (a charged-off loan with no balance carries no loss from its old limit).
    ead = np.where(stage == 3, balance, exposure_at_default(balance, limit, assumptions.ccf))
    bcode = bucket_codes(accounts["days_past_due"].to_numpy(), buckets).astype(np.int64)

    rate = np.full(n, float(assumptions.discount_rate))
    if assumptions.use_account_rate and "interest_rate" in accounts.columns:
        own = accounts["interest_rate"].to_numpy(dtype=np.float64)
        usable = usable_rates(own)  # a blank, negative or above-100 % rate: the assumption instead
        rate = np.where(usable, own, rate)
    else:
        usable = np.zeros(n, dtype=bool)
    d = 1.0 / (1.0 + rate / 12.0)

    life = np.full(n, assumptions.remaining_life, dtype=np.int64)
    if assumptions.remaining_life_by_product and "product" in accounts.columns:
        product = accounts["product"].astype("string").to_numpy(dtype=object, na_value=None)
        for name, months in assumptions.remaining_life_by_product.items():
            life[product == name] = months
    horizon = np.where(stage == 1, np.minimum(life, TWELVE_MONTHS), life)
    horizon = np.where(stage >= 3, 0, horizon)

    scenarios = assumptions.scenarios
    marg = scenario_marginals(curve, scenarios)  # (s, T, b)
    weights = np.array([float(s.weight) for s in scenarios])
    lgd_ead = float(assumptions.lgd) * ead
    per_scenario = np.zeros((len(scenarios), n)) if len(scenarios) > 1 else None
    factor = np.zeros(n)  # Σ_t weighted marginal PD · d^t, per account
    # Accounts sharing a bucket and a horizon share the PD coefficients: one Horner pass each.
    key = bcode * (curve.horizon + 1) + horizon
    order = np.argsort(key, kind="stable")
    sorted_key = key[order]
    cuts = np.flatnonzero(np.r_[True, sorted_key[1:] != sorted_key[:-1]]) if n else np.zeros(0, np.int64)
    for start, stop in zip(cuts, np.r_[cuts[1:], n]):
        rows = order[start:stop]
        b, h = divmod(int(sorted_key[start]), curve.horizon + 1)
        if h == 0:
            continue  # stage 3: handled below
        coef = marg[:, :h, b]
        dd = d[rows]
        factor[rows] = _discounted_sums(weights @ coef, dd)
        if per_scenario is not None:
            for s in range(len(scenarios)):
                per_scenario[s, rows] = _discounted_sums(coef[s], dd)
    impaired = stage >= 3
    ecl = np.where(impaired, lgd_ead, lgd_ead * factor)

    out = pd.DataFrame(index=accounts.index)
    if "account_id" in accounts.columns:
        # the column itself, same index: no round trip of millions of strings through numpy
        out["account_id"] = accounts["account_id"]
    out["stage"] = stage
    out["bucket"] = pd.Categorical.from_codes(bcode, categories=list(buckets.keys), ordered=True)
    out["balance"] = balance
    out["ead"] = ead
    out["life"] = horizon
    out["rate"] = rate
    out["own_rate"] = usable
    out["ecl"] = ecl
    if per_scenario is not None:
        for s, sc in enumerate(scenarios):
            out[f"ecl:{sc.name}"] = np.where(impaired, lgd_ead, lgd_ead * per_scenario[s])
    return out


def stage_totals(table: pd.DataFrame) -> pd.DataFrame:
    """Accounts, balance, EAD and ECL per stage (always three rows), unrounded.

    Examples
    --------
    >>> t = pd.DataFrame({"stage": [1, 1, 3], "balance": [1.0, 2.0, 3.0], "ead": [1.0, 2.0, 3.0],
    ...                   "ecl": [0.1, 0.2, 1.35]})
    >>> stage_totals(t)["accounts"].tolist()
    [2, 0, 1]
    """
    codes = np.asarray(table["stage"], dtype=np.int64) - 1
    out = pd.DataFrame({"stage": [1, 2, 3],
                        "accounts": np.bincount(codes, minlength=3).astype(np.int64)})
    for col in ("balance", "ead", "ecl"):
        out[col] = np.bincount(codes, weights=table[col].to_numpy(dtype=np.float64), minlength=3)
    with np.errstate(invalid="ignore", divide="ignore"):
        out["coverage"] = np.where(out["ead"] > 0, out["ecl"] / out["ead"].where(out["ead"] > 0, 1.0), np.nan)
    return out


def footed_allowance(stages: pd.DataFrame) -> float:
    """The allowance as the ECL-by-stage table shows it: each stage's ECL rounded to the cent,
    then added, so every view of the allowance (cards, report, NPL figures, CLI) is the one the
    table foots to (the unrounded total can be a cent off it).

    Examples
    --------
    >>> footed_allowance(pd.DataFrame({"stage": [1, 2, 3], "ecl": [1.004, 2.004, 3.004]}))
    6.0
    """
    return round(float(np.round(stages["ecl"].to_numpy(dtype=np.float64), 2).sum()), 2) + 0.0


__all__ = ["BASE_SCENARIO", "DEFAULT_REMAINING_LIFE", "EclAssumptions", "Scenario", "TWELVE_MONTHS",
           "check_scenarios", "expected_credit_loss", "exposure_at_default", "footed_allowance",
           "scenario_marginals", "stage_totals"]
