"""What each repayment arrangement is worth: expected cash flows, NPV, expected loss, cure chance.

For a segment of overdue accounts (a bucket, optionally one cause class) or one account, the
options a collector can offer are compared with collecting as now:

* **none** (collect as now): the book's own pooled roll-rate matrix, the one the aging page shows
  for the same months and measure, as a monthly Markov chain over the overdue buckets. Going back
  to Current (or leaving the book, taken as paid off, as the what-if PDs do) is a **cure**;
  reaching the charge-off bucket (the default definition, 91+ DPD by default) is a **charge-off**,
  recovering ``recovery_rate`` of the balance ``recovery_lag`` months later.
* **grace** N months: no payment for N months (interest accrues at the contract rate, or not),
  then the account performs again, unless the arrangement fails (re-default probability).
* **instalment** over n ≤ 60 months: a monthly fee on the original principal (分期手续费) or an
  annual interest rate on the declining balance (annuity), with a re-default probability spread
  evenly over the plan (a constant monthly hazard).
* **freeze** (停息挂账): interest stops; the principal is repaid in n equal parts, re-default as
  for an instalment plan.
* **settlement**: a lump sum of (1 − discount) × balance paid in month m by the share ``take_up``
  of the accounts; the others are collected as now.

Conventions, stated on the page and in the CLI's ``assumptions``:

* A loan that performs again is worth its balance (par): its contract rate is taken to equal the
  discount rate, so the value of an arrangement comes from what it changes (delay, forgone
  interest, fees, failure), not from the loan's margin. A cured account's later risk is that of any
  performing loan, the same for every option.
* A failed arrangement (a missed payment) is charged off ``round(chargeoff_dpd / 30)`` months after
  the missed payment and recovers ``recovery_rate`` of what was outstanding, ``recovery_lag``
  months after the charge-off.
* Expected loss is what is expected to be written off (exposure at charge-off × (1 − recovery)) or
  forgiven (a settlement discount), undiscounted. NPV discounts monthly at ``discount_rate / 12``.

Every figure is per unit of balance times the segment's balance: the accounts of a segment share
one set of rates, so the segment's value is linear in its balance.
"""
from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field, replace
from functools import lru_cache

import numpy as np
import pandas as pd

from analysis.arrangements.calculator_summary import entered_rate
from analysis.core.buckets import EXIT, Buckets
from analysis.core.i18n import MessageError, json_problem
from analysis.core.rates import roll_rate_matrix

OPTION_KINDS = ("none", "grace", "instalment", "freeze", "settlement")

#: Probability that an arrangement fails (the customer defaults again), by kind. Published
#: re-default rates of modified loans run from about 20 % (payment cut by 20 % or more) to about
#: 55 % (payment unchanged or higher) within 12 months (OCC Mortgage Metrics Report, re-default at
#: 60+ DPD by change in monthly payment). A grace period returns to the full payment: the high end;
#: an instalment plan spreads the arrears: the middle; a freeze cuts the payment most: the low end.
DEFAULT_REDEFAULT = {"grace": 0.45, "instalment": 0.35, "freeze": 0.25}
#: Share of accounts offered a settlement that pay it. No published benchmark fits every book:
#: an illustration to replace with the acceptance of your own offers.
DEFAULT_TAKE_UP = 0.30
#: Longest plan the options take (the issue's and most lenders' cap for 个性化分期).
MAX_PLAN_MONTHS = 60
#: Months the chain is followed; what is still unresolved after that is counted as lost.
CHAIN_MONTHS = 1200


class ArrangementError(MessageError):
    """A segment, option or assumption the comparison cannot use; the text says what to change."""


@dataclass(frozen=True)
class ArrangementAssumptions:
    """What the comparison assumes; every figure is editable and stated beside the results.

    Parameters
    ----------
    discount_rate : float
        Annual rate the cash flows are discounted at (nominal, monthly = rate / 12).
    contract_rate : float
        Annual rate interest accrues at during a grace period with interest (the segment's
        balance-weighted ``interest_rate`` when the data has one).
    recovery_rate : float
        Share of the balance at charge-off recovered afterwards; default 1 − the what-if page's
        LGD of 45 %.
    recovery_lag : int
        Months from charge-off to the recovery cash.
    chargeoff_dpd : int
        Days past due at which an account is charged off (the default definition, 91).
    """

    discount_rate: float = 0.12
    contract_rate: float = 0.12
    recovery_rate: float = 0.55
    recovery_lag: int = 12
    chargeoff_dpd: int = 91

    def __post_init__(self) -> None:
        for name in ("discount_rate", "contract_rate"):
            _check_share(getattr(self, name), name, high=1.0)
        _check_share(self.recovery_rate, "recovery_rate")
        _check_int(self.recovery_lag, "recovery_lag", 0, 120)
        _check_int(self.chargeoff_dpd, "chargeoff_dpd", 1, 3650)

    @property
    def monthly_discount(self) -> float:
        """The one-month discount factor 1 / (1 + rate / 12)."""
        return 1.0 / (1.0 + self.discount_rate / 12.0)

    @property
    def chargeoff_delay(self) -> int:
        """Months from a missed payment to its charge-off."""
        return max(1, round(self.chargeoff_dpd / 30))


@dataclass(frozen=True)
class Option:
    """One arrangement a collector can offer.

    Parameters
    ----------
    kind : {"none", "grace", "instalment", "freeze", "settlement"}
    name : str
        What the reader calls it (default: made from the kind and its terms).
    months : int
        Grace length, or the number of monthly payments of a plan.
    accrue : bool
        Grace: interest accrues at the contract rate during the grace months.
    fee_rate : float
        Instalment: monthly fee on the original principal (0.006 = 0.6 % a month).
    rate : float
        Instalment: annual interest on the declining balance (an annuity); used when
        ``fee_rate`` is 0.
    redefault : float, optional
        Probability the arrangement fails; default :data:`DEFAULT_REDEFAULT` of the kind.
    discount : float
        Settlement: share of the balance forgiven.
    pay_by : int
        Settlement: month the lump sum is paid in.
    take_up : float
        Settlement: share of the accounts that pay it.
    """

    kind: str
    name: str = ""
    months: int = 0
    accrue: bool = True
    fee_rate: float = 0.0
    rate: float = 0.0
    redefault: float | None = None
    discount: float = 0.0
    pay_by: int = 1
    take_up: float = DEFAULT_TAKE_UP

    def __post_init__(self) -> None:
        if self.kind not in OPTION_KINDS:
            raise ArrangementError("arr.err.kind", kind=self.kind, kinds=", ".join(OPTION_KINDS))
        if self.kind in ("grace", "instalment", "freeze"):
            _check_int(self.months, "months", 1, MAX_PLAN_MONTHS)
        if self.redefault is not None:
            _check_share(self.redefault, "redefault")
        _check_share(self.fee_rate, "fee_rate", high=0.1)
        _check_share(self.rate, "rate", high=1.0)
        _check_share(self.discount, "discount")
        _check_share(self.take_up, "take_up")
        if self.kind == "settlement":
            _check_int(self.pay_by, "pay_by", 1, 24)

    @property
    def failure(self) -> float:
        """The re-default probability used (the kind's default when none was given)."""
        return DEFAULT_REDEFAULT.get(self.kind, 0.0) if self.redefault is None else float(self.redefault)


def default_options() -> tuple[Option, ...]:
    """The options the page and the CLI start from: one of each kind, common terms.

    Examples
    --------
    >>> [o.kind for o in default_options()]
    ['none', 'grace', 'instalment', 'freeze', 'settlement']
    """
    return (
        Option("none"),
        Option("grace", months=3, accrue=True),
        Option("instalment", months=12, fee_rate=0.006),
        Option("freeze", months=36),
        Option("settlement", discount=0.30, pay_by=1),
    )


def _check_share(value, name: str, high: float = 1.0) -> None:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) \
            or not 0.0 <= float(value) <= high:
        raise ArrangementError("arr.err.share", field=name, value=value, high=high)


def _check_int(value, name: str, low: int, high: int) -> None:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) and not (
            isinstance(value, float) and value.is_integer()) or not low <= int(value) <= high:
        raise ArrangementError("arr.err.whole", field=name, value=value, low=low, high=high)


# --- collecting as now: the book's roll rates as a chain --------------------------------------

@dataclass(frozen=True)
class CollectionChain:
    """Collecting as now: the monthly moves among overdue buckets from the book's roll rates.

    ``matrix`` is the pooled roll-rate matrix of ``months`` (flows summed, then divided: the
    matrix the aging page shows for the same months and measure). ``overdue`` are the buckets
    between Current and charge-off; ``moves`` their rows among themselves, ``cure`` the share
    going back to Current or leaving the book, ``chargeoff`` the share reaching charge-off.
    """

    matrix: pd.DataFrame
    overdue: tuple[str, ...]
    chargeoff_keys: tuple[str, ...]
    moves: np.ndarray
    cure: np.ndarray
    chargeoff: np.ndarray
    months: tuple[str, ...]
    measure: str
    assumed_rows: tuple[str, ...] = field(default=())


def chargeoff_keys(buckets: Buckets, chargeoff_dpd: int) -> list[str]:
    """Buckets at or past charge-off: lower bound ≥ ``chargeoff_dpd``, else the last bucket.

    Examples
    --------
    >>> from analysis.core.buckets import DEFAULT_BUCKETS
    >>> chargeoff_keys(DEFAULT_BUCKETS, 91), chargeoff_keys(DEFAULT_BUCKETS, 181)
    (['91-180', '181+'], ['181+'])
    """
    keys = [k for k, lo in zip(buckets.keys, buckets.lowers) if lo >= chargeoff_dpd]
    return keys or [buckets.keys[-1]]


def collection_chain(rolls: pd.DataFrame, buckets: Buckets, months: list[str] | None = None,
                     measure: str = "balance", chargeoff_dpd: int = 91) -> CollectionChain:
    """The no-arrangement chain from the roll cube (``Cubes.transitions()``).

    Parameters
    ----------
    rolls : DataFrame
        The roll cube of the data in view.
    buckets : Buckets
        The bucket scheme of the cube.
    months : list of str, optional
        From-months pooled (default all).
    measure : {"balance", "count"}
        Rates as shares of balance (the default: money moves) or of accounts.
    chargeoff_dpd : int
        Charge-off point (the default definition).

    Raises
    ------
    ArrangementError
        When the cube has no month pair (one month of data has no roll rates).
    """
    if rolls is None or not len(rolls) or (months is not None and not months):
        raise ArrangementError("arr.err.no_rolls")
    matrix = roll_rate_matrix(rolls, months, measure)
    keys = list(buckets.keys)
    first = keys[0]
    off = chargeoff_keys(buckets, chargeoff_dpd)
    overdue = [k for k in keys[1:] if k not in off]
    moves = np.zeros((len(overdue), len(overdue)))
    cure = np.zeros(len(overdue))
    chargeoff = np.zeros(len(overdue))
    assumed = []
    for i, key in enumerate(overdue):
        row = matrix.loc[key] if key in matrix.index else None
        if row is None or row.isna().any() or float(row.sum()) <= 0:
            # Nobody was in this bucket in the window: assume it rolls one bucket forward (prudent,
            # as the what-if PDs do), and say so.
            assumed.append(key)
            nxt = keys[keys.index(key) + 1]
            if nxt in off:
                chargeoff[i] = 1.0
            else:
                moves[i, overdue.index(nxt)] = 1.0
            continue
        cure[i] = float(row.get(first, 0.0)) + float(row.get(EXIT, 0.0))
        chargeoff[i] = float(sum(row.get(k, 0.0) for k in off))
        for j, other in enumerate(overdue):
            moves[i, j] = float(row.get(other, 0.0))
    used = tuple(sorted(set(rolls["month"]))) if months is None else tuple(months)
    return CollectionChain(matrix=matrix, overdue=tuple(overdue), chargeoff_keys=tuple(off), moves=moves,
                           cure=cure, chargeoff=chargeoff, months=used, measure=measure,
                           assumed_rows=tuple(assumed))


# --- per unit of balance: cash by month, written off, cured ------------------------------------

@dataclass(frozen=True)
class UnitOutcome:
    """One option per unit of balance: cash by month (index 0 = today), loss, cure."""

    cash: np.ndarray
    loss: float
    cure: float
    unresolved: float = 0.0


def _pad(cash: np.ndarray, month: int) -> np.ndarray:
    return cash if month < len(cash) else np.concatenate([cash, np.zeros(month + 1 - len(cash))])


def _add(cash: np.ndarray, month: int, amount: float) -> np.ndarray:
    out = _pad(cash, month).copy()
    out[month] += amount
    return out


def collect_as_now(chain: CollectionChain, start: str, a: ArrangementAssumptions) -> UnitOutcome:
    """Per unit of balance starting in bucket ``start``: cures at par, charge-offs recover later.

    Examples
    --------
    A bucket that cures half and charges off half every month, no lag, recovery 0.4:

    >>> chain = CollectionChain(pd.DataFrame(), ("1-30",), ("31+",), np.zeros((1, 1)), np.array([0.5]),
    ...                         np.array([0.5]), (), "balance")
    >>> out = collect_as_now(chain, "1-30", ArrangementAssumptions(recovery_rate=0.4, recovery_lag=0))
    >>> out.cash.tolist(), out.loss, out.cure
    ([0.0, 0.7], 0.3, 0.5)
    """
    lag = int(a.recovery_lag)
    if start in chain.chargeoff_keys:  # already at charge-off: only the recovery is left
        return UnitOutcome(cash=_add(np.zeros(1), lag, a.recovery_rate), loss=1.0 - a.recovery_rate, cure=0.0)
    cure_by_month, off_by_month = _absorption(chain.moves.tobytes(), chain.cure.tobytes(), chain.chargeoff.tobytes(),
                                              len(chain.overdue), chain.overdue.index(start))
    cash = cure_by_month.copy()
    cash = _pad(cash, CHAIN_MONTHS + lag)
    cash[lag:lag + CHAIN_MONTHS + 1] += off_by_month * a.recovery_rate
    cured, charged = float(cure_by_month.sum()), float(off_by_month.sum())
    # Mass still overdue after CHAIN_MONTHS never resolves: lost, not silently dropped.
    unresolved = max(0.0, 1.0 - cured - charged)
    return UnitOutcome(cash=np.trim_zeros(cash, "b") if cash.any() else cash[:1],
                       loss=charged * (1.0 - a.recovery_rate) + unresolved, cure=cured, unresolved=unresolved)


@lru_cache(maxsize=64)
def _absorption(moves: bytes, cure: bytes, chargeoff: bytes, n: int, start: int) -> tuple[np.ndarray, np.ndarray]:
    """Probability of curing and of charge-off in each month 1.., starting in overdue bucket ``start``.

    Keyed on the chain's bytes: a sensitivity prices the same chain a dozen times, and only the
    money around these probabilities changes.
    """
    moves_m = np.frombuffer(moves).reshape(n, n)
    cure_v, off_v = np.frombuffer(cure), np.frombuffer(chargeoff)
    state = np.zeros(n)
    state[start] = 1.0
    cure_by_month = np.zeros(CHAIN_MONTHS + 1)
    off_by_month = np.zeros(CHAIN_MONTHS + 1)
    for month in range(1, CHAIN_MONTHS + 1):
        cure_by_month[month] = state @ cure_v
        off_by_month[month] = state @ off_v
        state = state @ moves_m
        if state.sum() < 1e-15:
            break
    cure_by_month.flags.writeable = False  # cached: shared by every caller
    off_by_month.flags.writeable = False
    return cure_by_month, off_by_month


def plan_schedule(option: Option, a: ArrangementAssumptions) -> tuple[np.ndarray, np.ndarray]:
    """Principal and interest-or-fee of each payment 1..n per unit of balance (no failure).

    Examples
    --------
    >>> p, f = plan_schedule(Option("instalment", months=4, fee_rate=0.01), ArrangementAssumptions())
    >>> p.tolist(), f.tolist()
    ([0.25, 0.25, 0.25, 0.25], [0.01, 0.01, 0.01, 0.01])
    """
    n = int(option.months)
    if option.kind == "freeze" or (option.fee_rate == 0 and option.rate == 0):
        return np.full(n, 1.0 / n), np.zeros(n)
    if option.fee_rate > 0:
        return np.full(n, 1.0 / n), np.full(n, float(option.fee_rate))
    i = option.rate / 12.0
    payment = i / (1.0 - (1.0 + i) ** -n)
    outstanding = np.empty(n)
    owed = 1.0
    principal = np.empty(n)
    for k in range(n):
        outstanding[k] = owed
        principal[k] = payment - owed * i
        owed -= principal[k]
    return principal, outstanding * i


def _plan(option: Option, a: ArrangementAssumptions, start_month: int = 0, scale: float = 1.0) -> UnitOutcome:
    """Payments 1..n after ``start_month``; failure as a constant monthly hazard over the plan."""
    principal, charge = plan_schedule(option, a)
    principal, charge = principal * scale, charge * scale
    n = len(principal)
    p = option.failure
    hazard = 1.0 - (1.0 - p) ** (1.0 / n) if p < 1 else 1.0
    alive = (1.0 - hazard) ** np.arange(n + 1)  # alive[k]: still paying after k payments
    owed_before = scale - np.concatenate([[0.0], np.cumsum(principal)[:-1]])
    delay, lag = a.chargeoff_delay, int(a.recovery_lag)
    cash = np.zeros(start_month + n + delay + lag + 1)
    cash[start_month + 1:start_month + n + 1] += alive[1:] * (principal + charge)
    fails = alive[:-1] * hazard
    for k in range(n):
        cash[start_month + k + 1 + delay + lag] += fails[k] * owed_before[k] * a.recovery_rate
    return UnitOutcome(cash=cash, loss=float((fails * owed_before).sum() * (1.0 - a.recovery_rate)),
                       cure=float(alive[-1]))


def _grace(option: Option, a: ArrangementAssumptions) -> UnitOutcome:
    n = int(option.months)
    owed = (1.0 + a.contract_rate / 12.0) ** n if option.accrue else 1.0
    p = option.failure
    delay, lag = a.chargeoff_delay, int(a.recovery_lag)
    cash = np.zeros(n + 1 + delay + lag + 1)
    cash[n] += (1.0 - p) * owed  # performing again: worth its balance
    cash[n + 1 + delay + lag] += p * owed * a.recovery_rate  # the first payment after grace missed
    return UnitOutcome(cash=cash, loss=p * owed * (1.0 - a.recovery_rate), cure=1.0 - p)


def _settlement(option: Option, a: ArrangementAssumptions, now: UnitOutcome) -> UnitOutcome:
    q = float(option.take_up)
    cash = _add(now.cash * (1.0 - q), int(option.pay_by), q * (1.0 - option.discount))
    return UnitOutcome(cash=cash, loss=q * option.discount + (1.0 - q) * now.loss, cure=q + (1.0 - q) * now.cure)


def unit_outcome(option: Option, chain: CollectionChain, start: str, a: ArrangementAssumptions) -> UnitOutcome:
    """One option per unit of balance for accounts in bucket ``start``."""
    if option.kind == "none":
        return collect_as_now(chain, start, a)
    if option.kind == "grace":
        return _grace(option, a)
    if option.kind == "settlement":
        return _settlement(option, a, collect_as_now(chain, start, a))
    return _plan(option, a)


def npv(cash: np.ndarray, a: ArrangementAssumptions) -> float:
    """Σ cash_t / (1 + r/12)^t.

    Examples
    --------
    >>> round(npv(np.array([0.0, 101.0]), ArrangementAssumptions(discount_rate=0.12)), 6)
    100.0
    """
    return float((np.asarray(cash) * a.monthly_discount ** np.arange(len(cash))).sum())


# --- the comparison ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Segment:
    """The accounts an arrangement is priced for (a bucket, a cause class, or one account)."""

    month: str
    bucket: str
    accounts: int
    balance: float
    cause_class: str | None = None
    account_id: str | None = None


@dataclass(frozen=True)
class Comparison:
    """Every option priced for one segment.

    ``options``: ``name, kind, npv, value_vs_none, expected_loss, cure_probability, redefault,
    undiscounted`` (money in the data's unit, unrounded); ``cash_flows``: ``name, month, expected``
    (months 1.. with any cash); ``best``: the name with the highest NPV.
    """

    segment: Segment
    options: pd.DataFrame
    cash_flows: pd.DataFrame
    best: str
    assumptions: ArrangementAssumptions
    chain: CollectionChain
    option_terms: tuple[Option, ...]
    #: Share of the balance "collect as now" never resolves (never cures nor charges off in the
    #: chain): counted as lost, and worth a warning when it is more than a trace.
    unresolved: float = 0.0


def option_name(option: Option, lang: str = "en") -> str:
    """The option's own name, else one made from its kind and terms.

    Examples
    --------
    >>> option_name(Option("instalment", months=12, fee_rate=0.006))
    'Instalments, 12 months, fee 0.6%/month'
    >>> option_name(Option("grace", months=3, accrue=False), "zh")
    '宽限期 3 个月（不计息）'
    """
    from analysis.core.i18n import translate  # the catalogue is loaded on first use

    if option.name:
        return option.name
    if option.kind == "instalment":
        terms = (translate("arr.name.fee", lang, fee=entered_rate(option.fee_rate)) if option.fee_rate > 0
                 else translate("arr.name.rate", lang, rate=entered_rate(option.rate)))
        return translate("arr.name.instalment", lang, n=option.months, terms=terms)
    if option.kind == "grace":
        key = "arr.name.grace_accrue" if option.accrue else "arr.name.grace_free"
        return translate(key, lang, n=option.months)
    if option.kind == "freeze":
        return translate("arr.name.freeze", lang, n=option.months)
    if option.kind == "settlement":
        return translate("arr.name.settlement", lang, discount=entered_rate(option.discount), m=option.pay_by)
    return translate("arr.name.none", lang)


def compare_options(options: tuple[Option, ...] | list[Option], chain: CollectionChain, segment: Segment,
                    assumptions: ArrangementAssumptions, lang: str = "en") -> Comparison:
    """Price every option for ``segment`` and name the best (highest NPV).

    "Collect as now" is always priced (added first when missing): every other option's value is
    stated relative to it.

    Raises
    ------
    ArrangementError
        When the segment's bucket is Current (nothing to arrange), or two options share a name.
    """
    if segment.bucket not in chain.overdue and segment.bucket not in chain.chargeoff_keys:
        raise ArrangementError("arr.err.current_bucket", bucket=segment.bucket)
    terms = tuple(options)
    if not any(o.kind == "none" for o in terms):
        terms = (Option("none"),) + terms
    names = [option_name(o, lang) for o in terms]
    duplicated = sorted({n for n in names if names.count(n) > 1})
    if duplicated:
        raise ArrangementError("arr.err.duplicate_name", names=", ".join(duplicated))
    rows, flows = [], []
    unresolved = 0.0
    for option, name in zip(terms, names):
        unit = unit_outcome(option, chain, segment.bucket, assumptions)
        if option.kind == "none":
            unresolved = unit.unresolved
        scale = float(segment.balance)
        rows.append({"name": name, "kind": option.kind, "npv": npv(unit.cash, assumptions) * scale,
                     "expected_loss": unit.loss * scale, "cure_probability": unit.cure,
                     "redefault": option.failure if option.kind in DEFAULT_REDEFAULT else None,
                     "undiscounted": float(unit.cash.sum()) * scale})
        # Months whose expected cash is below a millionth of a cent per unit are left out of the
        # list (the chain's tail); the totals keep them.
        months = np.flatnonzero(unit.cash[1:] > 1e-8) + 1
        flows.append(pd.DataFrame({"name": name, "month": months, "expected": unit.cash[months] * scale}))
    table = pd.DataFrame(rows)
    none_npv = float(table.loc[table["kind"] == "none", "npv"].iloc[0])
    table.insert(3, "value_vs_none", table["npv"] - none_npv)
    best = str(table.loc[table["npv"].idxmax(), "name"])
    return Comparison(segment=segment, options=table, cash_flows=pd.concat(flows, ignore_index=True), best=best,
                      assumptions=assumptions, chain=chain, option_terms=terms, unresolved=unresolved)


#: "Collect as now" leaving more than this share unresolved gets a warning (the chain is stuck).
UNRESOLVED_WARNING = 0.01
#: Past this share never resolved, "no arrangement" is no baseline: a gain over it is the chain's
#: gap, not an arrangement's worth, and no option is called best (UCI Taiwan's 1-30 bucket, 34
#: account-months in five months of roll rates: 100 % stuck, "instalment +9,035 万元").
UNRESOLVED_UNUSABLE = 0.5


def baseline_usable(comparison: Comparison) -> bool:
    """Whether "no arrangement" resolves enough of the balance for a best option to be named.

    Examples
    --------
    >>> chain = CollectionChain(pd.DataFrame(), ("1-30",), ("31+",), np.array([[1.0]]), np.array([0.0]),
    ...                         np.array([0.0]), ("2024-01",), "balance")
    >>> baseline_usable(compare_options([Option("none")], chain, Segment("2024-02", "1-30", 1, 10.0),
    ...                                 ArrangementAssumptions()))
    False
    """
    return comparison.unresolved <= UNRESOLVED_UNUSABLE


def stuck_buckets(chain: CollectionChain) -> list[str]:
    """Overdue buckets the chain never leaves (stay ≥ 99.9 % every month): their roll rates are
    not evidence of how collection ends, and "collect as now" cannot resolve them.

    Examples
    --------
    >>> chain = CollectionChain(pd.DataFrame(), ("1-30", "31-60"), ("61+",), np.array([[1.0, 0.0], [0.1, 0.5]]),
    ...                         np.array([0.0, 0.2]), np.array([0.0, 0.2]), (), "balance")
    >>> stuck_buckets(chain)
    ['1-30']
    """
    return [key for i, key in enumerate(chain.overdue) if chain.moves[i, i] >= 0.999]


def comparison_warnings(comparison: Comparison, lang: str = "en") -> list[str]:
    """What the reader must know before trusting the figures (in ``lang``): a stuck chain.

    Examples
    --------
    >>> chain = CollectionChain(pd.DataFrame(), ("1-30",), ("31+",), np.array([[1.0]]), np.array([0.0]),
    ...                         np.array([0.0]), ("2024-01",), "balance")
    >>> c = compare_options([Option("none")], chain, Segment("2024-02", "1-30", 1, 10.0), ArrangementAssumptions())
    >>> comparison_warnings(c)[0][:40]
    'Collecting as now never resolves 100.0% '
    """
    from analysis.core.i18n import translate

    if comparison.unresolved <= UNRESOLVED_WARNING:
        return []
    stuck = stuck_buckets(comparison.chain)
    return [translate("arr.warn.unresolved", lang, share=f"{comparison.unresolved * 100:.1f}%",
                      buckets=", ".join(stuck) or "–", first=comparison.chain.months[0],
                      last=comparison.chain.months[-1])]


def sensitivity(comparison: Comparison, factor: str, values: list[float] | None = None,
                lang: str = "en") -> pd.DataFrame:
    """NPV of every option as one assumption moves, and which option is best at each value.

    Parameters
    ----------
    factor : {"redefault", "recovery"}
        ``redefault`` scales every arrangement's re-default probability by the values (capped at
        1; collecting as now does not change); ``recovery`` sets the recovery rate for all.
    values : list of float, optional
        Default: multipliers 0, 0.5, 1, 1.5, 2 or recovery rates 0, 0.1, …, 0.8.

    Returns
    -------
    DataFrame
        ``value, name, npv, best`` (``best`` the winning name at that value).
    """
    if factor not in ("redefault", "recovery"):
        raise ArrangementError("arr.err.factor", factor=factor)
    if values is None:
        values = [0.0, 0.5, 1.0, 1.5, 2.0] if factor == "redefault" else [round(0.1 * k, 1) for k in range(9)]
    frames = []
    for value in values:
        if factor == "redefault":
            terms = tuple(replace(o, redefault=min(1.0, o.failure * value), name=n)
                          if o.kind in DEFAULT_REDEFAULT else replace(o, name=n)
                          for o, n in zip(comparison.option_terms, comparison.options["name"]))
            a = comparison.assumptions
        else:
            terms = tuple(replace(o, name=n) for o, n in zip(comparison.option_terms, comparison.options["name"]))
            a = replace(comparison.assumptions, recovery_rate=float(value))
        priced = compare_options(terms, comparison.chain, comparison.segment, a, lang)
        frames.append(priced.options[["name", "npv"]].assign(value=float(value), best=priced.best))
    return pd.concat(frames, ignore_index=True)[["value", "name", "npv", "best"]]


def assumptions_record(comparison: Comparison) -> dict:
    """What the comparison assumed, as the CLI and the download state it.

    Keys: the :class:`ArrangementAssumptions` fields, ``chargeoff_delay_months``, ``months``
    (pooled from-months), ``measure``, ``chargeoff_buckets``, ``roll_rates`` (the chain's rows:
    bucket → {to-bucket: rate}), ``assumed_rows`` (buckets with no observations, rolled forward),
    ``redefault`` (per option name), ``take_up`` (settlements).
    """
    chain = comparison.chain
    rows = {key: {str(c): _float(v) for c, v in chain.matrix.loc[key].items()}
            for key in (*chain.overdue, *chain.chargeoff_keys) if key in chain.matrix.index}
    terms = dict(zip(comparison.options["name"], comparison.option_terms))
    return {
        **asdict(comparison.assumptions),
        "chargeoff_delay_months": comparison.assumptions.chargeoff_delay,
        "months": list(chain.months), "measure": chain.measure,
        "chargeoff_buckets": list(chain.chargeoff_keys), "roll_rates": rows,
        "assumed_rows": list(chain.assumed_rows),
        "redefault": {n: o.failure for n, o in terms.items() if o.kind in DEFAULT_REDEFAULT},
        "take_up": {n: o.take_up for n, o in terms.items() if o.kind == "settlement"},
    }


def _float(v) -> float | None:
    return None if v != v else float(v)


# --- options as JSON (the CLI's --options, the page's download/upload) -----------------------

def options_from_json(data: bytes | str | dict | list, base: ArrangementAssumptions | None = None
                      ) -> tuple[tuple[Option, ...], ArrangementAssumptions]:
    """``{"assumptions": {...}, "options": [{"kind": ..., ...}, ...]}`` (or the list alone).

    Assumptions not in the file keep ``base`` (default :class:`ArrangementAssumptions`); options
    not in the file are :func:`default_options`.

    Raises
    ------
    ArrangementError
        Unreadable JSON, an unknown field (the message lists the known ones), a value out of range.

    Examples
    --------
    >>> opts, a = options_from_json('{"assumptions": {"recovery_rate": 0.2}, "options": [{"kind": "freeze", "months": 24}]}')
    >>> [o.kind for o in opts], a.recovery_rate
    (['freeze'], 0.2)
    """
    import json

    base = base or ArrangementAssumptions()
    try:
        payload = json.loads(data) if isinstance(data, (bytes, str)) else data
    except (ValueError, UnicodeDecodeError, RecursionError) as exc:
        raise ArrangementError("arr.err.options_file", detail=json_problem(exc) if not isinstance(exc, UnicodeDecodeError)
                               else "not UTF-8 text") from None
    if isinstance(payload, list):
        payload = {"options": payload}
    if not isinstance(payload, dict):
        raise ArrangementError("arr.err.options_file", detail=type(payload).__name__)
    known_a = {f for f in ArrangementAssumptions.__dataclass_fields__}
    known_o = {f for f in Option.__dataclass_fields__}
    given_a = payload.get("assumptions") or {}
    _known_fields(given_a, known_a)
    assumptions = replace(base, **given_a)
    raw = payload.get("options")
    if raw is None:
        return default_options(), assumptions
    if not isinstance(raw, list) or not all(isinstance(o, dict) for o in raw):
        raise ArrangementError("arr.err.options_file", detail="options")
    for item in raw:
        _known_fields(item, known_o)
    return tuple(Option(**item) for item in raw), assumptions


def _known_fields(given, known: set[str]) -> None:
    if not isinstance(given, dict):
        raise ArrangementError("arr.err.options_file", detail=str(given))
    unknown = sorted(set(given) - known)
    if unknown:
        detail = MessageError("arr.err.unknown_field", fields=", ".join(unknown), known=", ".join(sorted(known)))
        raise ArrangementError("arr.err.options_file", detail=detail)


def options_to_json(options: tuple[Option, ...], assumptions: ArrangementAssumptions) -> bytes:
    """The inverse of :func:`options_from_json` (what the page downloads and the CLI reads)."""
    import json

    return json.dumps({"assumptions": asdict(assumptions), "options": [asdict(o) for o in options]},
                      ensure_ascii=False, indent=2).encode("utf-8")


def roll_window(months: list[str], pairs: list[str], month: str, window: int = 6) -> list[str]:
    """The from-months whose rates price "collect as now" for ``month``: the last ``window`` pairs
    ending at or before ``month`` (the aging page's default window is the last six).

    Examples
    --------
    >>> roll_window(["2024-01", "2024-02", "2024-03"], ["2024-01", "2024-02"], "2024-03", 6)
    ['2024-01', '2024-02']
    >>> roll_window(["2024-01", "2024-02", "2024-03"], ["2024-01", "2024-02"], "2024-02", 1)
    ['2024-01']
    """
    from analysis.core.rates import shift_month

    usable = [m for m in pairs if shift_month(m, 1) <= month]
    if not usable:
        raise ArrangementError("arr.err.no_rolls")
    return usable[-max(1, int(window)):]


def customer_terms(option: Option, balance: float, a: ArrangementAssumptions) -> dict:
    """What the customer pays under an option, as a collector quotes it (no probabilities).

    Returns
    -------
    dict
        ``months`` (payments), ``payment`` (the regular monthly payment, None when there is none),
        ``first_month`` (month of the first payment), ``total`` (everything paid), all unrounded.

    Examples
    --------
    >>> customer_terms(Option("instalment", months=10, fee_rate=0.01), 1000.0, ArrangementAssumptions())
    {'months': 10, 'payment': 110.0, 'first_month': 1, 'total': 1100.0}
    >>> customer_terms(Option("settlement", discount=0.3, pay_by=2), 1000.0, ArrangementAssumptions())
    {'months': 1, 'payment': 700.0, 'first_month': 2, 'total': 700.0}
    """
    if option.kind == "settlement":
        lump = balance * (1.0 - option.discount)
        return {"months": 1, "payment": lump, "first_month": int(option.pay_by), "total": lump}
    if option.kind == "grace":
        owed = balance * ((1.0 + a.contract_rate / 12.0) ** option.months if option.accrue else 1.0)
        return {"months": 0, "payment": None, "first_month": int(option.months) + 1, "total": owed}
    if option.kind in ("instalment", "freeze"):
        principal, charge = plan_schedule(option, a)
        payments = (principal + charge) * balance
        regular = float(payments[0])
        return {"months": int(option.months), "payment": regular, "first_month": 1, "total": float(payments.sum())}
    return {"months": 0, "payment": None, "first_month": None, "total": balance}


def with_default_redefault(options: tuple[Option, ...], rate: float | None) -> tuple[Option, ...]:
    """Options whose re-default was left to the default get ``rate`` (the book's own estimate);
    options with a stated rate keep it. ``rate`` None leaves every option as it is.

    Examples
    --------
    >>> opts = with_default_redefault((Option("none"), Option("freeze", months=6), Option("grace", months=1, redefault=0.5)), 0.2)
    >>> [o.failure for o in opts]
    [0.0, 0.2, 0.5]
    """
    if rate is None:
        return tuple(options)
    return tuple(replace(o, redefault=float(rate)) if o.kind in DEFAULT_REDEFAULT and o.redefault is None else o
                 for o in options)
