"""Credit-card interest (信用卡利息): what a customer owes next month for a payment made now.

The definitions are issue 17's, so the CLI, the page and any checker agree:

- T = Σ transaction amounts, F = fees and interest already billed, statement balance B = T + F;
- minimum payment M = min_payment_share · T + F;
- a payment goes first to F, then to the transactions, so the unpaid transactions are
  U = T − min(max(payment − F, 0), T); no interest is charged on fees;
- when payment ≥ B the interest is 0; otherwise, with r the daily rate and days(a → b) the
  calendar difference,

  - ``full`` (全额计息): Σ amountᵢ · r · days(postingᵢ → due) + U · r · days(due → next statement);
  - ``unpaid`` (按未还部分计息): Σ amountᵢ · (U / T) · r · days(postingᵢ → next statement);

- late fee = max(late_fee_rate · (M − payment), late_fee_floor) when payment < M, else 0;
- total due next = B − payment + interest + late fee;
- every amount is rounded to the cent once, at the end, half up (四舍五入: 100.005 is 100.01).

Two decisions the issue leaves open:

- Refunds (negative transaction amounts) are allowed as long as T stays ≥ 0: a refund earns
  negative interest from its posting date, as the bank's day-by-day balance does. A card never
  pays interest, so an interest that refunds would take below zero is 0.
- Payments are compared with B and M to the cent (half a cent of tolerance): B and M are shown
  rounded to the cent, and a customer who pays the figure shown has paid it. A payment above B by
  more than half a cent is an error.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, replace
from datetime import date

from analysis.core.i18n import MessageError
from analysis.core.units import fen

METHODS = ("full", "unpaid")
#: The payments a collector quotes: the whole balance, the minimum, and what the customer offers.
PAYMENT_KINDS = ("full", "minimum", "entered")
DEFAULT_DAILY_RATE = 0.0005
#: The highest daily rate taken (1 % a day, 365 % a year): card rates are about 0.05 % a day; a
#: higher figure is almost always a percentage typed as a share.
MAX_DAILY_RATE = 0.01
DEFAULT_MIN_PAYMENT_SHARE = 0.10
DEFAULT_LATE_FEE_RATE = 0.05
DEFAULT_LATE_FEE_FLOOR = 0.0
#: Figures are shown to the cent: a payment within half a cent of B or M has paid it.
_HALF_CENT = 0.005
_TRANSACTION_EXAMPLE = '{"posting_date": "YYYY-MM-DD", "amount": 123.45}'


class CardInterestError(MessageError):
    """An impossible card-interest input; ``message(lang)`` says what is wrong and how to fix it."""


@dataclass(frozen=True)
class Transaction:
    """One posted transaction: a purchase (> 0) or a refund (< 0)."""

    posting_date: date
    amount: float


@dataclass(frozen=True)
class CardStatement:
    """The calculator's input: one statement, its transactions and the payment made.

    Built from the CLI's JSON by :func:`statement_from_dict`; constructing one checks it
    (:class:`CardInterestError` for an impossible input).
    """

    statement_date: date
    due_date: date
    next_statement_date: date
    transactions: tuple[Transaction, ...]
    payment: float
    fees_and_interest: float = 0.0
    daily_rate: float = DEFAULT_DAILY_RATE
    method: str = "full"
    min_payment_share: float = DEFAULT_MIN_PAYMENT_SHARE
    late_fee_rate: float = DEFAULT_LATE_FEE_RATE
    late_fee_floor: float = DEFAULT_LATE_FEE_FLOOR

    def __post_init__(self) -> None:
        object.__setattr__(self, "transactions", tuple(self.transactions))
        _check(self)

    @property
    def transactions_total(self) -> float:
        """T, the sum of the transaction amounts."""
        return sum(t.amount for t in self.transactions)

    @property
    def balance(self) -> float:
        """B = T + F, unrounded."""
        return self.transactions_total + self.fees_and_interest

    @property
    def minimum(self) -> float:
        """M = min_payment_share · T + F, unrounded."""
        return self.min_payment_share * self.transactions_total + self.fees_and_interest


@dataclass(frozen=True)
class CardInterest:
    """What :func:`card_interest` found, every amount rounded to the cent."""

    method: str
    payment: float
    statement_balance: float
    minimum_payment: float
    transactions_total: float
    unpaid_transactions: float
    interest: float
    late_fee: float
    total_due_next: float


@dataclass(frozen=True)
class PaymentQuote:
    """One payment a collector quotes, under both interest methods."""

    kind: str  # one of PAYMENT_KINDS
    payment: float
    full: CardInterest
    unpaid: CardInterest


def _check(s: CardStatement) -> None:
    for name in ("payment", "fees_and_interest", "daily_rate", "min_payment_share", "late_fee_rate", "late_fee_floor"):
        value = getattr(s, name)
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
            raise CardInterestError("calc.err.not_number", field=name, value=value)
        if value < 0:
            raise CardInterestError("calc.err.negative", field=name, value=value)
    if s.min_payment_share > 1:
        raise CardInterestError("calc.err.share_above_one", value=s.min_payment_share)
    if s.daily_rate > MAX_DAILY_RATE:
        # 5 typed for 0.05 %: 1,825 % a year is no card's rate (a statement of 8,000 owed 2 million)
        raise CardInterestError("calc.err.daily_rate_high", value=s.daily_rate, max=f"{MAX_DAILY_RATE:.0%}",
                                meant=f"{s.daily_rate / 100:g}")
    if s.method not in METHODS:
        raise CardInterestError("calc.err.method", value=s.method)
    if s.due_date < s.statement_date:
        raise CardInterestError("calc.err.due_before_statement", due=s.due_date.isoformat(),
                                statement=s.statement_date.isoformat())
    if s.next_statement_date < s.due_date:
        raise CardInterestError("calc.err.next_before_due", next=s.next_statement_date.isoformat(),
                                due=s.due_date.isoformat())
    for i, t in enumerate(s.transactions, start=1):
        if isinstance(t.amount, bool) or not isinstance(t.amount, (int, float)) or not math.isfinite(t.amount):
            raise CardInterestError("calc.err.not_number", field=f"transactions[{i}].amount", value=t.amount)
        if t.posting_date > s.statement_date:
            raise CardInterestError("calc.err.posting_after_statement", row=i, posting=t.posting_date.isoformat(),
                                    statement=s.statement_date.isoformat())
    total = s.transactions_total
    if total < -1e-9:
        raise CardInterestError("calc.err.negative_total", total=f"{total:,.2f}")
    if s.payment > s.balance + _HALF_CENT:
        raise CardInterestError("calc.err.payment_above_balance", payment=f"{s.payment:,.2f}",
                                balance=f"{s.balance:,.2f}")


def card_interest(statement: CardStatement, method: str | None = None) -> CardInterest:
    """Interest, late fee and next month's total due for ``statement`` under ``method``.

    Parameters
    ----------
    statement : CardStatement
        The statement, its transactions and the payment made.
    method : {"full", "unpaid"}, optional
        全额计息 or 按未还部分计息; default ``statement.method``.

    Returns
    -------
    CardInterest
        Every amount rounded to the cent, once, at the end.

    Examples
    --------
    One purchase of 1,000 posted 30 days before the due date, the next statement 10 days after
    it, 0.05 % a day, 100 paid: under 全额计息 the whole 1,000 bears interest until the due date
    (15.00), the unpaid 900 after it (4.50).

    >>> s = CardStatement(date(2026, 11, 5), date(2026, 11, 25), date(2026, 12, 5),
    ...                   (Transaction(date(2026, 10, 26), 1000.0),), payment=100.0)
    >>> r = card_interest(s)
    >>> r.interest, r.late_fee, r.total_due_next
    (19.5, 0.0, 919.5)
    >>> card_interest(s, "unpaid").interest  # 900 from posting to the next statement: 900·0.0005·40
    18.0
    """
    method = statement.method if method is None else method
    if method not in METHODS:
        raise CardInterestError("calc.err.method", value=method)
    s = statement
    T, F = s.transactions_total, s.fees_and_interest
    B, M = T + F, s.minimum
    # Within half a cent above B counts as paying B (see the module docstring).
    payment = min(s.payment, B)
    U = T - min(max(payment - F, 0.0), T)
    r = s.daily_rate
    if payment >= B - _HALF_CENT:
        interest = 0.0
    elif method == "full":
        interest = sum(t.amount * r * (s.due_date - t.posting_date).days for t in s.transactions)
        interest += U * r * (s.next_statement_date - s.due_date).days
    else:
        share = U / T if T > 0 else 0.0
        interest = sum(t.amount * share * r * (s.next_statement_date - t.posting_date).days for t in s.transactions)
    interest = max(interest, 0.0)  # a refund lowers interest, never below zero
    late_fee = max(s.late_fee_rate * (M - payment), s.late_fee_floor) if payment < M - _HALF_CENT else 0.0
    total_due_next = B - payment + interest + late_fee
    return CardInterest(
        method=method, payment=fen(s.payment), statement_balance=fen(B), minimum_payment=fen(M),
        transactions_total=fen(T), unpaid_transactions=fen(U), interest=fen(interest),
        late_fee=fen(late_fee), total_due_next=fen(total_due_next),
    )


def quote_payments(statement: CardStatement) -> tuple[PaymentQuote, ...]:
    """The three payments a collector quotes — the whole balance B, the minimum M and the
    payment entered — each under both interest methods.

    Examples
    --------
    >>> s = CardStatement(date(2026, 11, 5), date(2026, 11, 25), date(2026, 12, 5),
    ...                   (Transaction(date(2026, 10, 26), 1000.0),), payment=100.0)
    >>> [(q.kind, q.payment, q.full.interest, q.unpaid.interest) for q in quote_payments(s)]
    [('full', 1000.0, 0.0, 0.0), ('minimum', 100.0, 19.5, 18.0), ('entered', 100.0, 19.5, 18.0)]
    """
    payments = {"full": statement.balance, "minimum": statement.minimum, "entered": statement.payment}
    quotes = []
    for kind in PAYMENT_KINDS:
        s = replace(statement, payment=payments[kind])
        quotes.append(PaymentQuote(kind=kind, payment=fen(payments[kind]),
                                   full=card_interest(s, "full"), unpaid=card_interest(s, "unpaid")))
    return tuple(quotes)


def statement_from_dict(data: object) -> CardStatement:
    """A :class:`CardStatement` from the CLI's JSON object.

    Required: ``statement_date``, ``due_date``, ``next_statement_date`` (``YYYY-MM-DD``),
    ``transactions`` (a list of ``{"posting_date": "YYYY-MM-DD", "amount": x}``) and ``payment``.
    Optional, with their defaults: ``fees_and_interest`` 0, ``daily_rate`` 0.0005, ``method``
    ``"full"``, ``min_payment_share`` 0.10, ``late_fee_rate`` 0.05, ``late_fee_floor`` 0.
    Unknown keys are ignored.

    Raises
    ------
    CardInterestError
        Naming the missing or unreadable field and the format it expects, or the impossible value.

    Examples
    --------
    >>> s = statement_from_dict({"statement_date": "2026-11-05", "due_date": "2026-11-25",
    ...     "next_statement_date": "2026-12-05", "payment": 0,
    ...     "transactions": [{"posting_date": "2026-10-26", "amount": 1000}]})
    >>> s.balance, s.minimum, s.method
    (1000.0, 100.0, 'full')
    """
    if not isinstance(data, dict):
        raise CardInterestError("calc.err.not_object")
    transactions = data.get("transactions")
    if transactions is None:
        raise CardInterestError("calc.err.missing", field="transactions", expected=f"[{_TRANSACTION_EXAMPLE}]")
    if not isinstance(transactions, list):
        raise CardInterestError("calc.err.transactions_list", example=_TRANSACTION_EXAMPLE)
    parsed = []
    for i, item in enumerate(transactions, start=1):
        if not isinstance(item, dict):
            raise CardInterestError("calc.err.transactions_list", example=_TRANSACTION_EXAMPLE)
        parsed.append(Transaction(_date(item, "posting_date", f"transactions[{i}]."),
                                  _number(item, "amount", prefix=f"transactions[{i}].")))
    method = data.get("method", "full")
    if not isinstance(method, str):
        raise CardInterestError("calc.err.method", value=method)
    return CardStatement(
        statement_date=_date(data, "statement_date"), due_date=_date(data, "due_date"),
        next_statement_date=_date(data, "next_statement_date"), transactions=tuple(parsed),
        payment=_number(data, "payment"), fees_and_interest=_number(data, "fees_and_interest", 0.0),
        daily_rate=_number(data, "daily_rate", DEFAULT_DAILY_RATE), method=method,
        min_payment_share=_number(data, "min_payment_share", DEFAULT_MIN_PAYMENT_SHARE),
        late_fee_rate=_number(data, "late_fee_rate", DEFAULT_LATE_FEE_RATE),
        late_fee_floor=_number(data, "late_fee_floor", DEFAULT_LATE_FEE_FLOOR),
    )


def _date(data: dict, key: str, prefix: str = "") -> date:
    value = data.get(key)
    if value is None:
        raise CardInterestError("calc.err.missing", field=prefix + key, expected="YYYY-MM-DD")
    try:
        if not isinstance(value, str):
            raise ValueError
        return date.fromisoformat(value.strip())
    except ValueError:
        raise CardInterestError("calc.err.bad_date", field=prefix + key, value=value) from None


_REQUIRED = object()


def _number(data: dict, key: str, default: object = _REQUIRED, prefix: str = "") -> float:
    value = data.get(key)
    if value is None:
        if default is _REQUIRED:
            raise CardInterestError("calc.err.missing", field=prefix + key, expected="0.00")
        return float(default)
    if isinstance(value, bool):  # JSON true/false is not an amount, though Python calls it an int
        raise CardInterestError("calc.err.not_number", field=prefix + key, value=value)
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise CardInterestError("calc.err.not_number", field=prefix + key, value=value) from None
    if not math.isfinite(number):
        raise CardInterestError("calc.err.not_number", field=prefix + key, value=value)
    return number


__all__ = [
    "MAX_DAILY_RATE", "METHODS", "PAYMENT_KINDS", "CardInterestError", "Transaction", "CardStatement", "CardInterest",
    "PaymentQuote", "card_interest", "quote_payments", "statement_from_dict",
]
