"""A synthetic contact log for the bundled sample portfolio, generated deterministically, with a
few planted breaches whose exact counts are written down here (:data:`PLANTED`).

``python -m analysis.conduct.sample_log`` writes ``data/sample/contact_log.csv`` from
``data/sample/sample_portfolio.csv``; the same portfolio and seed give the same bytes (a test
checks the committed file).

What the log holds (the last :data:`MONTHS` months of the portfolio):

- every overdue account-month is worked by one of six collectors of two agencies (本行催收中心,
  华信委外), the account's collector staying the same from month to month; its branch is the
  portfolio's 分行. Strategy ``A`` (短信先行) starts the month with an SMS, ``B`` (电话先行)
  with a call; accounts 1-30 days past due get A more often (60 %) than the others (40 %), so the
  groups are *not* comparable as they stand (the stratified comparison is there for that).
- calls (2 to 4 a month by bucket) on days d0, d0+7, d0+14, d0+21 (d0 = 1…3), between 09:00
  and 19:59, to the debtor (the guarantor for one call in ten), 35 % answered; SMS between calls;
  a letter a month from 61 days past due; a visit a month from 91; promises to pay on a third of
  the answered debtor calls (promised date 3-7 days later), 55 % kept (a payment row: an SMS
  confirming it, with 还款金额), 20 % half paid.
- 2 % of current accounts get one reminder SMS a month.
- regular contacts keep every rule of both jurisdictions: one call a day at most, calls a week
  apart (so never 7 in 7 days, never within 7 days after a conversation, also across months),
  hours inside both windows, no third parties.

Planted, on top (:data:`PLANTED` counts them per jurisdiction):

- on overdue accounts (texts and visits, so no call rule moves): SMS at 22:00 (×2) and 07:59,
  a visit at 22:15 (both windows); SMS at 21:30 (×2) and 21:59 (US window only); boundary rows
  that break nothing: SMS at 08:00 and 20:59, a letter at 23:00 (letters are not timed);
  third parties: two SMS to 紧急联系人 and an answered visit to 家属.
- on six current accounts otherwise never contacted, in November 2024:
  P1 seven unanswered calls on one day (China: daily_attempts 1); P2 exactly six (none);
  P3 four answered calls on one day (China: daily_answered 1; US: after_conversation 3);
  P4 exactly three answered (China: none; US: after_conversation 2);
  P5 one call a day 4-10 Nov, then 11 Nov 09:00 (the 8th call, but in 8 days: fine) and 16:00
  (7 calls on 5-11 Nov before it: US seven_in_seven 1);
  P6 an answered call on 18 Nov 10:00, calls on 24 Nov 20:00 (day 7: US after_conversation 1)
  and 25 Nov 09:00 (day 8: fine).
"""
from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd

#: Seed of the generator.
SEED = 20241116
#: How many of the portfolio's last months the log covers.
MONTHS = 6
#: Where the bundled files live.
SAMPLE_DIR = Path(__file__).resolve().parents[2] / "data" / "sample"
SAMPLE_LOG = SAMPLE_DIR / "contact_log.csv"
SAMPLE_PORTFOLIO = SAMPLE_DIR / "sample_portfolio.csv"

#: Exact breach counts of the sample log, per jurisdiction (see the module docstring).
PLANTED = {
    "cn": {"time_window": 4, "daily_attempts": 1, "daily_answered": 1, "third_party": 3},
    "us": {"time_window": 7, "seven_in_seven": 1, "after_conversation": 6, "third_party": 3},
}

COLLECTORS = (("赵敏", "本行催收中心"), ("钱伟", "本行催收中心"), ("孙丽", "本行催收中心"),
              ("周强", "华信委外"), ("吴婷", "华信委外"), ("郑浩", "华信委外"))
#: File headers and the words the file uses, as a Chinese collections system exports them.
HEADERS = {
    "account_id": "客户编号", "timestamp": "联系时间", "channel": "渠道", "recipient": "联系对象",
    "answered": "是否接通", "collector": "催收员", "agency": "催收机构", "branch": "分行", "strategy": "策略",
    "promise_amount": "承诺金额", "promise_date": "承诺日期", "paid_amount": "还款金额",
}
CHANNEL_WORDS = {"call": "电话", "sms": "短信", "letter": "信函", "visit": "上门"}
RECIPIENT_WORDS = {"debtor": "本人", "guarantor": "担保人", "contact": "紧急联系人", "family": "家属"}


def _stamp(day: pd.Timestamp, minute: int) -> pd.Timestamp:
    return day + pd.Timedelta(minutes=int(minute))


def generate_contact_log(portfolio: pd.DataFrame, seed: int = SEED, months: int = MONTHS) -> pd.DataFrame:
    """The sample log as a frame (English column names; channel and recipient as keys, ``answered``
    as the file writes it: 是/否/blank), sorted by time then account. :func:`log_csv_text` turns
    it into the file.

    Parameters
    ----------
    portfolio : DataFrame
        The canonical sample portfolio (``load_portfolio`` of ``sample_portfolio.csv``).
    seed : int
    months : int
        How many of the last months to cover (the planted accounts need 2024-11 among them).

    Raises
    ------
    ValueError
        When the portfolio cannot hold the planted rows (no 2024-11 with 13 overdue accounts and
        6 accounts current throughout).

    Examples
    --------
    >>> from data.sample.make_sample import generate_portfolio
    >>> log = generate_contact_log(generate_portfolio())
    >>> sorted(log["channel"].unique()), sorted(log["recipient"].unique())
    (['call', 'letter', 'sms', 'visit'], ['contact', 'debtor', 'family', 'guarantor'])
    """
    rng = np.random.default_rng(seed)
    book = portfolio[["account_id", "month", "days_past_due", "overdue_amount", "branch"]].copy()
    book["account_id"] = book["account_id"].astype("str")
    book["branch"] = book["branch"].astype("str")
    window = sorted(book["month"].astype("str").unique())[-months:]
    book = book[book["month"].isin(window)].sort_values(["month", "account_id"], kind="stable")
    accounts = sorted(book["account_id"].unique())
    collector_of = {a: int(rng.integers(len(COLLECTORS))) for a in accounts}
    rows: list[dict] = []

    def add(account, when, channel, recipient, answered, c, branch, strategy, promise=None, promise_date=None, paid=None):
        name, agency = COLLECTORS[c]
        rows.append({"account_id": account, "timestamp": when, "channel": channel, "recipient": recipient,
                     "answered": answered, "collector": name, "agency": agency, "branch": branch, "strategy": strategy,
                     "promise_amount": promise, "promise_date": promise_date, "paid_amount": paid})

    ever_overdue = set(book.loc[book["days_past_due"] > 0, "account_id"])
    always_current = [a for a in accounts if a not in ever_overdue
                      and book.loc[book["account_id"] == a, "month"].nunique() == len(window)]
    planted_accounts = always_current[:6]
    strategy_of: dict[str, str] = {}
    for rec in book.itertuples(index=False):
        account, month, dpd = rec.account_id, str(rec.month), int(rec.days_past_due)
        start = pd.Timestamp(f"{month}-01")
        c = collector_of[account]
        if dpd == 0:
            if account not in planted_accounts and rng.random() < 0.02:
                add(account, _stamp(start + pd.Timedelta(days=int(rng.integers(0, 25))), rng.integers(600, 1080)),
                    "sms", "debtor", "", c, rec.branch, "")
            continue
        if account not in strategy_of:
            strategy_of[account] = "A" if rng.random() < (0.6 if dpd <= 30 else 0.4) else "B"
        strategy = strategy_of[account]
        n_calls = 2 if dpd <= 30 else (3 if dpd <= 60 else 4)
        d0 = int(rng.integers(0, 3))  # the 1st to the 3rd
        overdue = float(rec.overdue_amount) if np.isfinite(rec.overdue_amount) else 0.0
        for k in range(n_calls):
            day = start + pd.Timedelta(days=d0 + 7 * k)
            if k == 0 and strategy == "A":
                add(account, _stamp(day, rng.integers(540, 600)), "sms", "debtor", "", c, rec.branch, strategy)
                minute = rng.integers(840, 1140)  # the call after the SMS, 14:00-18:59
            elif k == 0:
                minute = rng.integers(540, 720)   # call first, 09:00-11:59
            else:
                minute = rng.integers(540, 1200)  # 09:00-19:59
            recipient = "guarantor" if rng.random() < 0.1 else "debtor"
            answered = bool(rng.random() < 0.35)
            when = _stamp(day, minute)
            promise = promise_date = None
            if answered and recipient == "debtor" and overdue >= 100 and rng.random() < 1 / 3:
                promise = float(max(100.0, np.floor(overdue * rng.uniform(0.3, 1.0) / 100) * 100))
                promise_date = day + pd.Timedelta(days=int(rng.integers(3, 8)))
            add(account, when, "call", recipient, "是" if answered else "否", c, rec.branch, strategy, promise, promise_date)
            if promise is not None:
                draw = rng.random()
                if draw < 0.75:  # 55 % kept in full, 20 % half paid, 25 % nothing
                    paid = promise if draw < 0.55 else round(promise / 2, 2)
                    pay_day = day + pd.Timedelta(days=int(rng.integers(1, (promise_date - day).days + 1)))
                    add(account, _stamp(pay_day, rng.integers(600, 1080)), "sms", "debtor", "", c, rec.branch,
                        strategy, paid=paid)
            if k == 0 and strategy == "B":
                add(account, _stamp(day + pd.Timedelta(days=1), rng.integers(540, 1080)), "sms", "debtor", "", c,
                    rec.branch, strategy)
            elif k > 0 and rng.random() < 0.5:
                add(account, _stamp(day + pd.Timedelta(days=3), rng.integers(540, 1080)), "sms", "debtor", "", c,
                    rec.branch, strategy)
        if dpd > 60:
            add(account, _stamp(start + pd.Timedelta(days=d0 + 4), 600), "letter", "debtor", "", c, rec.branch, strategy)
        if dpd > 90:
            add(account, _stamp(start + pd.Timedelta(days=d0 + 11), rng.integers(600, 960)), "visit", "debtor",
                "是" if rng.random() < 0.5 else "否", c, rec.branch, strategy)

    _plant(book, rows, planted_accounts, collector_of, strategy_of, add)
    log = pd.DataFrame(rows)
    log = log.sort_values(["timestamp", "account_id"], kind="stable").reset_index(drop=True)
    return log


def _plant(book, rows, planted_accounts, collector_of, strategy_of, add) -> None:
    """The planted breaches and boundary rows of the module docstring."""
    nov = book[book["month"] == "2024-11"]
    overdue = sorted(nov.loc[nov["days_past_due"] > 0, "account_id"])
    if len(overdue) < 13 or len(planted_accounts) < 6:
        raise ValueError("the planted breaches need 2024-11 with 13 overdue accounts and 6 accounts current "
                         "in every month: generate the log for the bundled sample portfolio")
    branch = dict(zip(nov["account_id"], nov["branch"]))
    day = pd.Timestamp("2024-11-20")  # texts and visits only: whatever else happens that day, no call rule moves

    def on(i, hhmm, channel="sms", recipient="debtor", answered=""):
        account = overdue[i]
        h, m = map(int, hhmm.split(":"))
        add(account, _stamp(day, h * 60 + m), channel, recipient, answered, collector_of[account], branch[account],
            strategy_of.get(account, ""))

    on(0, "22:00")
    on(1, "22:00")
    on(2, "07:59")
    on(3, "22:15", "visit", "debtor", "否")
    on(4, "21:30")
    on(5, "21:30")
    on(6, "21:59")
    on(7, "08:00")   # boundary: fine everywhere
    on(8, "20:59")   # boundary: fine everywhere
    on(9, "23:00", "letter")  # letters are not timed
    on(10, "10:30", "sms", "contact")
    on(11, "11:30", "sms", "contact")
    on(12, "15:00", "visit", "family", "是")

    p1, p2, p3, p4, p5, p6 = planted_accounts

    def calls(account, stamps, answered):
        for s in stamps:
            when = pd.Timestamp(s)
            add(account, when, "call", "debtor", "是" if answered else "否", collector_of[account],
                branch.get(account, ""), "")

    calls(p1, [f"2024-11-12 {h:02d}:00" for h in range(9, 16)], False)          # 7 unanswered
    calls(p2, [f"2024-11-13 {h:02d}:00" for h in range(9, 15)], False)          # exactly 6
    calls(p3, [f"2024-11-14 {h:02d}:00" for h in (9, 11, 13, 15)], True)        # 4 answered
    calls(p4, [f"2024-11-15 {h:02d}:00" for h in (9, 12, 15)], True)            # exactly 3
    calls(p5, [f"2024-11-{d:02d} 10:00" for d in range(4, 11)] + ["2024-11-11 09:00", "2024-11-11 16:00"], False)
    calls(p6, ["2024-11-18 10:00"], True)
    calls(p6, ["2024-11-24 20:00", "2024-11-25 09:00"], False)


def log_csv_text(log: pd.DataFrame) -> str:
    """The log as the file's text: Chinese headers and words, ``YYYY-MM-DD HH:MM``, amounts with
    two decimals, blanks as empty cells."""
    out = pd.DataFrame({
        HEADERS["account_id"]: log["account_id"],
        HEADERS["timestamp"]: pd.DatetimeIndex(log["timestamp"]).strftime("%Y-%m-%d %H:%M"),
        HEADERS["channel"]: log["channel"].map(CHANNEL_WORDS),
        HEADERS["recipient"]: log["recipient"].map(RECIPIENT_WORDS),
        HEADERS["answered"]: log["answered"],
        HEADERS["collector"]: log["collector"],
        HEADERS["agency"]: log["agency"],
        HEADERS["branch"]: log["branch"],
        HEADERS["strategy"]: log["strategy"],
        HEADERS["promise_amount"]: [f"{v:.2f}" if v is not None and np.isfinite(v) else "" for v in log["promise_amount"]],
        HEADERS["promise_date"]: [v.strftime("%Y-%m-%d") if isinstance(v, pd.Timestamp) and not pd.isna(v) else ""
                                  for v in log["promise_date"]],
        HEADERS["paid_amount"]: [f"{v:.2f}" if v is not None and np.isfinite(v) else "" for v in log["paid_amount"]],
    })
    return out.to_csv(index=False, lineterminator="\n")


def write_sample_log(path: str | Path = SAMPLE_LOG, portfolio_path: str | Path = SAMPLE_PORTFOLIO) -> Path:
    """Generate the log for the bundled portfolio and write it (UTF-8 with BOM, as the portfolio)."""
    from analysis.ingest.portfolio import load_portfolio

    portfolio = load_portfolio(Path(portfolio_path).read_bytes(), Path(portfolio_path).name).portfolio
    path = Path(path)
    path.write_bytes(b"\xef\xbb\xbf" + log_csv_text(generate_contact_log(portfolio)).encode("utf-8"))
    return path


if __name__ == "__main__":
    target = write_sample_log(*(sys.argv[1:2] or []))
    print(f"wrote {target} ({target.stat().st_size:,} bytes)")
