"""Collections performance from a contact log (and the portfolio): what each collector, agency,
branch, channel or strategy achieved, per bucket; and an A/B comparison of two strategies.

Definitions (口径), per group of log rows:

``contacts``
    rows of the log; ``accounts_worked`` the distinct accounts among them.
``contact_rate``
    answered calls / calls (calls are rows with channel ``call``).
``rpc_rate``
    right-party contact rate: answered calls with the debtor / calls.
``ptp_rate``
    promise-to-pay rate: promises / conversations, where a promise is a row with a
    ``promise_amount`` above 0 and a conversation any answered row (call or visit, any recipient).
``kept_rate``
    kept promises / promises due. A promise is *due* when its ``promise_date`` (its own day when
    blank) is on or before ``as_of`` (default the log's last day). It is *kept* when the account's
    payments add up to at least the promised amount by the promised date: from the log, the
    ``paid_amount`` of the account's rows dated from the promise's day to the promised date, both
    included (the promise's own row too); without a ``paid_amount`` column but with a portfolio,
    the portfolio's ``paid_amount`` of the account in the promised date's month.
``cure_rate``, ``roll_forward_rate``
    of the *account-months worked* (an account contacted in a month, overdue that month in the
    portfolio, and still on the book the next month): the share current the next month, and the
    share in a worse bucket the next month. Needs the portfolio; an account that leaves the book
    is not judged.
``amount_recovered``
    the sum of ``paid_amount`` on the group's rows (rounded to the cent at the end).

The bucket of a row is the account's bucket in the portfolio in the contact's month (``""`` when
the account is not in the portfolio that month).
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from analysis.conduct.contacts import ContactsError
from analysis.core.buckets import DEFAULT_BUCKETS, Buckets, bucket_codes
from analysis.core.i18n import translate

__all__ = ["StrategyComparison", "compare_strategies", "performance_table", "worked_account_months"]

#: Columns of :func:`performance_table` after the group columns, in order.
PERFORMANCE_COLUMNS = (
    "contacts", "accounts_worked", "calls", "answered_calls", "contact_rate", "right_party_calls", "rpc_rate",
    "conversations", "promises", "ptp_rate", "promises_due", "promises_kept", "kept_rate",
    "worked_overdue", "cured", "cure_rate", "rolled_forward", "roll_forward_rate", "amount_recovered",
)
#: Groups smaller than this, or an expected 2 × 2 cell under 5, make the A/B test "small".
SMALL_GROUP = 30


def _month_index(months: pd.Series) -> np.ndarray:
    text = months.astype("str")
    return (text.str[:4].astype("int64") * 12 + text.str[5:7].astype("int64") - 1).to_numpy()


def _enrich(log: pd.DataFrame, portfolio: pd.DataFrame | None, buckets: Buckets) -> pd.DataFrame:
    """The log with ``month`` (YYYY-MM), ``month_idx``, ``bucket`` (key or ""), ``bucket_idx`` and
    ``next_idx`` (-1 when unknown: not in the portfolio, or not on the book next month)."""
    out = log.reset_index(drop=True)  # positions as the index: flags and account-months line up
    # months since year 0 from the datetime64 month unit; texts once per distinct month
    months = out["timestamp"].to_numpy(dtype="datetime64[ns]").astype("datetime64[M]").astype(np.int64)
    out["month_idx"] = months + 1970 * 12
    unique, inverse = np.unique(months, return_inverse=True)
    out["month"] = pd.array(np.datetime_as_string(unique.astype("datetime64[M]"), unit="M").astype(object)[inverse], dtype="str")
    out["bucket"] = ""
    out["bucket_idx"] = -1
    out["next_idx"] = -1
    if portfolio is None:
        return out
    book = pd.DataFrame({
        "account_id": portfolio["account_id"].astype("str").to_numpy(),
        "month_idx": _month_index(portfolio["month"]),
        "idx": bucket_codes(portfolio["days_past_due"].to_numpy(), buckets).astype(np.int64),
    }).drop_duplicates(["account_id", "month_idx"])
    now = book.rename(columns={"idx": "bucket_idx"})
    nxt = book.assign(month_idx=book["month_idx"] - 1).rename(columns={"idx": "next_idx"})
    keys = pd.DataFrame({"account_id": out["account_id"].astype("str").to_numpy(), "month_idx": out["month_idx"].to_numpy()})
    found = keys.merge(now, how="left", on=["account_id", "month_idx"]).merge(nxt, how="left", on=["account_id", "month_idx"])
    bucket_idx = found["bucket_idx"].fillna(-1).to_numpy(dtype=np.int64)
    out["bucket_idx"] = bucket_idx
    out["next_idx"] = found["next_idx"].fillna(-1).to_numpy(dtype=np.int64)
    labels = np.array(list(buckets.keys) + [""], dtype=object)
    out["bucket"] = pd.array(labels[np.where(bucket_idx < 0, len(buckets), bucket_idx)].astype(str), dtype="str")
    return out


def worked_account_months(log: pd.DataFrame, portfolio: pd.DataFrame, buckets: Buckets = DEFAULT_BUCKETS) -> pd.DataFrame:
    """One row per account-month worked: its bucket that month and the next, and whether it was
    judged (overdue, on the book next month), cured or rolled forward.

    Returns
    -------
    DataFrame
        ``account_id, month, bucket, next_bucket`` ("" when unknown), ``judged, cured,
        rolled_forward`` (bool), ``first_contact`` (timestamp), ``contacts``.

    Examples
    --------
    >>> log = pd.DataFrame({"account_id": ["A", "A", "B"], "timestamp": pd.to_datetime(["2024-03-02", "2024-03-09", "2024-03-02"]),
    ...                     "channel": "call", "recipient": "debtor", "answered": False})
    >>> book = pd.DataFrame({"account_id": ["A", "A", "B", "B"], "month": ["2024-03", "2024-04"] * 2, "days_past_due": [15, 0, 40, 70]})
    >>> worked_account_months(log, book)[["account_id", "bucket", "next_bucket", "cured", "rolled_forward", "contacts"]].values.tolist()
    [['A', '1-30', 'Current', True, False, 2], ['B', '31-60', '61-90', False, True, 1]]
    """
    rows = _enrich(log, portfolio, buckets)
    rows = rows.sort_values(["account_id", "timestamp"], kind="stable")
    grouped = rows.groupby(["account_id", "month"], sort=True)
    am = grouped.agg(bucket=("bucket", "first"), bucket_idx=("bucket_idx", "first"), next_idx=("next_idx", "first"),
                     first_contact=("timestamp", "first"), contacts=("timestamp", "size")).reset_index()
    labels = np.array(list(buckets.keys) + [""], dtype=object)
    nxt = am["next_idx"].to_numpy()
    am["next_bucket"] = pd.array(labels[np.where(nxt < 0, len(buckets), nxt)].astype(str), dtype="str")
    am["judged"] = (am["bucket_idx"] >= 1) & (am["next_idx"] >= 0)
    am["cured"] = am["judged"] & (am["next_idx"] == 0)
    am["rolled_forward"] = am["judged"] & (am["next_idx"] > am["bucket_idx"])
    return am[["account_id", "month", "bucket", "next_bucket", "judged", "cured", "rolled_forward", "first_contact",
               "contacts", "bucket_idx"]]


def _ratio(num: pd.Series, den: pd.Series) -> pd.Series:
    num = num.astype("float64")
    den = den.astype("float64")
    return (num / den).where(den > 0)


def _kept_promises(rows: pd.DataFrame, portfolio: pd.DataFrame | None, as_of: pd.Timestamp) -> tuple[np.ndarray, np.ndarray]:
    """Per row: whether it holds a due promise, and whether that promise was kept (module docstring)."""
    n = len(rows)
    if "promise_amount" not in rows:
        return np.zeros(n, dtype=bool), np.zeros(n, dtype=bool)
    amount = rows["promise_amount"].to_numpy(dtype="float64")
    promise = np.nan_to_num(amount, nan=0.0) > 0
    day = rows["timestamp"].to_numpy(dtype="datetime64[ns]").astype("datetime64[D]")
    if "promise_date" in rows:
        until = rows["promise_date"].to_numpy(dtype="datetime64[ns]").astype("datetime64[D]")
        until = np.where(np.isnat(until), day, until)
    else:
        until = day
    due = promise & (until <= np.datetime64(as_of, "D"))
    kept = np.zeros(n, dtype=bool)
    if "paid_amount" in rows:
        paid = np.nan_to_num(rows["paid_amount"].to_numpy(dtype="float64"), nan=0.0)
        acc = pd.factorize(rows["account_id"].astype("str"))[0].astype(np.int64)
        dnum = day.astype(np.int64)
        order = np.lexsort((dnum, acc))
        key = acc[order] * (1 << 32) + (dnum[order] - dnum.min())
        cum = np.concatenate([[0.0], np.cumsum(paid[order])])
        idx = np.flatnonzero(due)
        lo = np.searchsorted(key, acc[idx] * (1 << 32) + (dnum[idx] - dnum.min()), side="left")
        hi = np.searchsorted(key, acc[idx] * (1 << 32) + (until[idx].astype(np.int64) - dnum.min()), side="right")
        # payments are summed in cents' worth of tolerance: 499.999999 paid against 500 is kept
        kept[idx] = cum[hi] - cum[lo] >= amount[idx] - 0.005
    elif portfolio is not None and "paid_amount" in portfolio:
        book = pd.DataFrame({"account_id": portfolio["account_id"].astype("str").to_numpy(),
                             "month": portfolio["month"].astype("str").to_numpy(),
                             "paid": portfolio["paid_amount"].to_numpy(dtype="float64")})
        book = book.groupby(["account_id", "month"], sort=False)["paid"].sum().reset_index()
        keys = pd.DataFrame({"account_id": rows["account_id"].astype("str").to_numpy(),
                             "month": pd.DatetimeIndex(until.astype("datetime64[ns]")).strftime("%Y-%m")})
        paid = keys.merge(book, how="left", on=["account_id", "month"])["paid"].fillna(0.0).to_numpy()
        kept = due & (paid >= amount - 0.005)
    else:
        return due, np.full(n, False)
    return due, kept & due


def performance_table(log: pd.DataFrame, portfolio: pd.DataFrame | None = None, by: str | list[str] | tuple = "collector",
                      buckets: Buckets = DEFAULT_BUCKETS, as_of: pd.Timestamp | str | None = None) -> pd.DataFrame:
    """Performance figures per group (module docstring for the definitions).

    Parameters
    ----------
    log : DataFrame
        A canonical contact log (:func:`analysis.conduct.contacts.read_contact_log`).
    portfolio : DataFrame, optional
        The canonical portfolio (``account_id, month, days_past_due``, optional ``paid_amount``):
        buckets, cure and roll-forward rates.
    by : str or list of str
        Log columns (``collector``, ``agency``, ``branch``, ``channel``, ``strategy``, …) and/or
        ``"bucket"`` (needs the portfolio); ``()`` for one overall row (group ``"all"``).
    buckets : Buckets
    as_of : date, optional
        Promises due up to this day are judged (default the log's last day).

    Returns
    -------
    DataFrame
        The group columns, then :data:`PERFORMANCE_COLUMNS`; rates are fractions (NaN when the
        denominator is 0); ``cure_rate``/``roll_forward_rate`` NaN and the counts 0 without a
        portfolio; ``amount_recovered`` NaN when the log has no ``paid_amount``.

    Examples
    --------
    >>> log = pd.DataFrame({"account_id": ["A", "A", "B"], "timestamp": pd.to_datetime(["2024-03-01 10:00", "2024-03-02 10:00", "2024-03-01 11:00"]),
    ...     "channel": ["call", "call", "sms"], "recipient": ["debtor", "third_party", "debtor"],
    ...     "answered": [True, True, False], "collector": ["王", "王", "李"]})
    >>> t = performance_table(log)
    >>> t[["collector", "contacts", "calls", "contact_rate", "rpc_rate"]].values.tolist()
    [['李', 1, 0, nan, nan], ['王', 2, 2, 1.0, 0.5]]
    """
    keys = [by] if isinstance(by, str) else list(by)
    if "bucket" in keys and portfolio is None:
        raise ContactsError("contacts.err.needs_portfolio")
    for key in keys:
        if key != "bucket" and key not in log.columns:
            raise ContactsError("contacts.err.group_column", column=key, columns=", ".join(map(str, log.columns)))
    rows = _enrich(log, portfolio, buckets)
    if not keys:
        rows["group"] = "all"
        keys = ["group"]
    as_of = pd.Timestamp(as_of) if as_of is not None else pd.Timestamp(rows["timestamp"].max())
    is_call = rows["channel"].to_numpy() == "call"
    answered = rows["answered"].to_numpy(dtype=bool)
    debtor = rows["recipient"].to_numpy() == "debtor"
    due, kept = _kept_promises(rows, portfolio, as_of)
    promise = (np.nan_to_num(rows["promise_amount"].to_numpy(dtype="float64"), nan=0.0) > 0
               if "promise_amount" in rows else np.zeros(len(rows), dtype=bool))
    def key_values(k):
        # buckets in their order (Current, 1-30, …), not alphabetically; "" (not in the book) last
        if k == "bucket":
            return pd.Categorical(rows[k].to_numpy(), categories=[*buckets.keys, ""], ordered=True)
        return rows[k].to_numpy()

    flags = pd.DataFrame({
        **{k: key_values(k) for k in keys},
        "account_id": rows["account_id"].to_numpy(),
        "calls": is_call, "answered_calls": is_call & answered, "right_party_calls": is_call & answered & debtor,
        "conversations": answered, "promises": promise, "promises_due": due, "promises_kept": kept,
        "paid": (np.nan_to_num(rows["paid_amount"].to_numpy(dtype="float64"), nan=0.0)
                 if "paid_amount" in rows else np.zeros(len(rows))),
    })
    grouped = flags.groupby(keys, sort=True, dropna=False, observed=True)
    table = grouped.agg(
        contacts=("account_id", "size"), accounts_worked=("account_id", "nunique"), calls=("calls", "sum"),
        answered_calls=("answered_calls", "sum"), right_party_calls=("right_party_calls", "sum"),
        conversations=("conversations", "sum"), promises=("promises", "sum"), promises_due=("promises_due", "sum"),
        promises_kept=("promises_kept", "sum"), amount_recovered=("paid", "sum"),
    )
    # account-months: each group judges an account-month it worked once, however often it called
    am = rows.assign(judged=(rows["bucket_idx"] >= 1) & (rows["next_idx"] >= 0))
    am = am.drop_duplicates(keys + ["account_id", "month_idx"])
    am = am.assign(cured=am["judged"] & (am["next_idx"] == 0), rolled=am["judged"] & (am["next_idx"] > am["bucket_idx"]))
    am = am.assign(**{k: key_values(k)[am.index.to_numpy()] for k in keys if k == "bucket"})
    outcomes = am.groupby(keys, sort=True, dropna=False, observed=True).agg(
        worked_overdue=("judged", "sum"), cured=("cured", "sum"), rolled_forward=("rolled", "sum"))
    table = table.join(outcomes)
    table["contact_rate"] = _ratio(table["answered_calls"], table["calls"])
    table["rpc_rate"] = _ratio(table["right_party_calls"], table["calls"])
    table["ptp_rate"] = _ratio(table["promises"], table["conversations"])
    has_payments = "paid_amount" in rows or (portfolio is not None and "paid_amount" in portfolio)
    table["kept_rate"] = _ratio(table["promises_kept"], table["promises_due"]) if has_payments else np.nan
    table["cure_rate"] = _ratio(table["cured"], table["worked_overdue"]) if portfolio is not None else np.nan
    table["roll_forward_rate"] = _ratio(table["rolled_forward"], table["worked_overdue"]) if portfolio is not None else np.nan
    table["amount_recovered"] = table["amount_recovered"].round(2) if "paid_amount" in rows else np.nan
    for col in ("contacts", "accounts_worked", "calls", "answered_calls", "right_party_calls", "conversations",
                "promises", "promises_due", "promises_kept", "worked_overdue", "cured", "rolled_forward"):
        table[col] = table[col].astype("int64")
    table = table.reset_index()
    if "bucket" in keys:
        table["bucket"] = table["bucket"].astype("str")
    return table[keys + list(PERFORMANCE_COLUMNS)]


# --------------------------------------------------------------------------------------------
# A/B


@dataclass(frozen=True)
class StrategyComparison:
    """Cure rates of two groups of account-months worked, a two-proportion z-test and a
    bucket-stratified Cochran–Mantel–Haenszel test.

    Attributes
    ----------
    column : str
        What the groups are (``strategy``, ``first_channel``, …).
    groups : tuple of str
        ``(a, b)``.
    n, cured : tuple of int
        Account-months judged and cured, per group.
    rates : tuple of float
    difference : float
        ``rate_a - rate_b``.
    z, p_value : float
        Two-proportion z-test (pooled variance, two-sided).
    ci : tuple of float
        Wald confidence interval of the difference at ``1 - alpha``.
    alpha : float
    by_bucket : DataFrame
        ``bucket, n_a, cured_a, rate_a, n_b, cured_b, rate_b`` per bucket of the worked month.
    cmh_odds_ratio, cmh_statistic, cmh_p_value : float
        Mantel–Haenszel pooled odds ratio (a vs b) and the CMH test of no association (no
        continuity correction), over the buckets where both groups have account-months; NaN when
        none.
    caveats : tuple of str
        Message keys (``contacts.caveat.*``) to show with the result.
    """

    column: str
    groups: tuple[str, str]
    n: tuple[int, int]
    cured: tuple[int, int]
    rates: tuple[float, float]
    difference: float
    z: float
    p_value: float
    ci: tuple[float, float]
    alpha: float
    by_bucket: pd.DataFrame = field(repr=False)
    cmh_odds_ratio: float
    cmh_statistic: float
    cmh_p_value: float
    caveats: tuple[str, ...]

    def caveat_texts(self, lang: str = "en") -> list[str]:
        """The caveats in ``lang``."""
        return [translate(k, lang, n=SMALL_GROUP) for k in self.caveats]

    def to_dict(self) -> dict:
        """A JSON-ready dict (NaN → None)."""
        def num(x):
            return None if x is None or (isinstance(x, float) and math.isnan(x)) else float(x)

        rows = []
        for rec in self.by_bucket.to_dict("records"):
            rows.append({k: (num(v) if isinstance(v, float) else (int(v) if isinstance(v, (int, np.integer)) else v))
                         for k, v in rec.items()})
        return {
            "column": self.column, "groups": list(self.groups), "n": list(self.n), "cured": list(self.cured),
            "cure_rates": [num(r) for r in self.rates], "difference": num(self.difference), "z": num(self.z),
            "p_value": num(self.p_value), "ci": [num(c) for c in self.ci], "alpha": self.alpha,
            "by_bucket": rows, "cmh_odds_ratio": num(self.cmh_odds_ratio), "cmh_statistic": num(self.cmh_statistic),
            "cmh_p_value": num(self.cmh_p_value), "caveats": list(self.caveats),
        }


def compare_strategies(log: pd.DataFrame, portfolio: pd.DataFrame, by: str = "strategy",
                       groups: tuple[str, str] | None = None, buckets: Buckets = DEFAULT_BUCKETS,
                       alpha: float = 0.05) -> StrategyComparison:
    """Compare the cure rates of two strategies (A/B).

    The unit is the account-month worked and judged (overdue that month, on the book the next;
    see :func:`worked_account_months`); its group is the value of ``by`` on its first contact of
    the month, or with ``by="first_channel"`` the channel of that first contact (SMS first vs
    call first).

    Parameters
    ----------
    log, portfolio : DataFrame
    by : str
        A log column, or ``"first_channel"``.
    groups : (str, str), optional
        The two groups; default the two largest.
    buckets : Buckets
    alpha : float
        1 - confidence of the interval.

    Raises
    ------
    ContactsError
        Without a portfolio, an unknown column, or fewer than two groups.

    Examples
    --------
    >>> stamps = pd.to_datetime(["2024-03-05"] * 4)
    >>> log = pd.DataFrame({"account_id": list("ABCD"), "timestamp": stamps, "channel": ["sms", "sms", "call", "call"],
    ...                     "recipient": "debtor", "answered": False, "strategy": ["A", "A", "B", "B"]})
    >>> book = pd.DataFrame({"account_id": list("ABCDABCD"), "month": ["2024-03"] * 4 + ["2024-04"] * 4,
    ...                      "days_past_due": [10, 10, 10, 10, 0, 40, 0, 0]})
    >>> r = compare_strategies(log, book)
    >>> r.groups, r.n, r.cured, r.rates
    (('A', 'B'), (2, 2), (1, 2), (0.5, 1.0))
    """
    # statsmodels is heavy; imported where it is used
    from statsmodels.stats.contingency_tables import StratifiedTable
    from statsmodels.stats.proportion import confint_proportions_2indep, proportions_ztest

    if portfolio is None:
        raise ContactsError("contacts.err.needs_portfolio")
    if by != "first_channel" and by not in log.columns:
        raise ContactsError("contacts.err.group_column", column=by, columns=", ".join(map(str, log.columns)))
    source = "channel" if by == "first_channel" else by
    rows = _enrich(log, portfolio, buckets).sort_values(["account_id", "timestamp"], kind="stable")
    am = rows.groupby(["account_id", "month_idx"], sort=True).agg(
        group=(source, "first"), bucket=("bucket", "first"), bucket_idx=("bucket_idx", "first"),
        next_idx=("next_idx", "first")).reset_index()
    am = am[(am["bucket_idx"] >= 1) & (am["next_idx"] >= 0)]
    am = am.assign(group=am["group"].astype("str"), cured=am["next_idx"] == 0)
    sizes = am["group"].value_counts()
    if groups is None:
        # the two largest groups, named in sorted order so A comes before B
        top = sorted(sizes.index[:2].tolist()) if len(sizes) >= 2 else []
        groups = tuple(top) if len(top) == 2 else None
    if groups is None or any(g not in sizes.index for g in groups) or groups[0] == groups[1]:
        raise ContactsError("contacts.err.groups", column=by, found=", ".join(f"{g} ({n})" for g, n in sizes.items()) or "—")
    a, b = (str(g) for g in groups)
    ga, gb = am[am["group"] == a], am[am["group"] == b]
    n = (len(ga), len(gb))
    cured = (int(ga["cured"].sum()), int(gb["cured"].sum()))
    rates = (cured[0] / n[0], cured[1] / n[1])
    if 0 < sum(cured) < sum(n):
        z, p = proportions_ztest(np.array(cured), np.array(n), alternative="two-sided")
        z, p = float(z), float(p)
    else:  # every one cured, or none: no variance, no test
        z, p = math.nan, math.nan
    low, high = confint_proportions_2indep(cured[0], n[0], cured[1], n[1], method="wald", compare="diff", alpha=alpha)

    # per bucket, in the buckets' order
    both = am[am["group"].isin([a, b])]
    table = both.groupby(["bucket_idx", "group"]).agg(n=("cured", "size"), cured=("cured", "sum")).unstack("group", fill_value=0)
    per = []
    strata = []
    for idx in table.index:
        na, nb = int(table.loc[idx, ("n", a)]) if ("n", a) in table else 0, int(table.loc[idx, ("n", b)]) if ("n", b) in table else 0
        ca, cb = int(table.loc[idx, ("cured", a)]) if ("cured", a) in table else 0, int(table.loc[idx, ("cured", b)]) if ("cured", b) in table else 0
        per.append({"bucket": buckets.keys[idx], "n_a": na, "cured_a": ca, "rate_a": ca / na if na else math.nan,
                    "n_b": nb, "cured_b": cb, "rate_b": cb / nb if nb else math.nan})
        if na and nb and 0 < ca + cb < na + nb:  # a stratum without both groups or without variation says nothing
            strata.append(np.array([[ca, na - ca], [cb, nb - cb]], dtype="float64"))
    by_bucket = pd.DataFrame(per, columns=["bucket", "n_a", "cured_a", "rate_a", "n_b", "cured_b", "rate_b"])
    if strata:
        st = StratifiedTable(strata)
        test = st.test_null_odds(correction=False)
        odds = float(st.oddsratio_pooled)
        cmh_stat, cmh_p = float(test.statistic), float(test.pvalue)
    else:
        odds = cmh_stat = cmh_p = math.nan

    caveats = ["contacts.caveat.not_randomised", "contacts.caveat.one_month"]
    mix_a = by_bucket["n_a"] / max(n[0], 1)
    mix_b = by_bucket["n_b"] / max(n[1], 1)
    if 0.5 * float(np.abs(mix_a - mix_b).sum()) >= 0.05:  # the bucket mixes differ by 5 points or more
        caveats.append("contacts.caveat.bucket_mix")
    pooled = sum(cured) / sum(n)
    expected = [n[0] * pooled, n[0] * (1 - pooled), n[1] * pooled, n[1] * (1 - pooled)]
    if min(n) < SMALL_GROUP or min(expected) < 5:
        caveats.append("contacts.caveat.small_sample")
    return StrategyComparison(
        column=by, groups=(a, b), n=n, cured=cured, rates=rates, difference=rates[0] - rates[1], z=z, p_value=p,
        ci=(float(low), float(high)), alpha=alpha, by_bucket=by_bucket, cmh_odds_ratio=odds, cmh_statistic=cmh_stat,
        cmh_p_value=cmh_p, caveats=tuple(caveats),
    )
