"""Contact logs: read them, check them against the contact-time, frequency and third-party rules,
and count contacts by hour × weekday.

A *contact log* is one row per contact attempt (a call placed, an SMS or push sent, a letter
posted, a visit made, an email sent). :func:`read_contact_log` turns a CSV/XLSX into the canonical
log below (headers recognised like the portfolio's, Chinese and English; rows it cannot read are
handed back with a reason, never dropped):

==================  ==================  ====================================================
column              dtype               values
==================  ==================  ====================================================
account_id          str                 the account (or loan, contract) worked
timestamp           datetime64[ns]      local time as written in the file (cells with a UTC
                                        offset on the clock most of them name)
time_known          bool                the cell gave a clock time (a date alone does not:
                                        the contact-hours check skips it)
channel             str                 ``call``, ``sms``, ``push``, ``letter``, ``visit``, ``email``
recipient           str                 ``debtor``, ``guarantor``, ``third_party``
answered            bool                a conversation took place (calls, visits)
collector           str                 "" when the log has no collector column
agency, branch,     str (optional)      who worked it, and the A/B arm
strategy
promise_amount      float64 (optional)  promise to pay (承诺金额); NaN when none
promise_date        datetime64 (opt.)   the promised date (承诺日期)
paid_amount         float64 (optional)  payment recorded on the row (还款金额)
source_row          int64               the row as the user sees it in the file
==================  ==================  ====================================================

:func:`find_breaches` applies a :class:`ContactLimits` (:func:`contact_limits` gives the China and
US defaults, each threshold with its source) with the counting convention of issue 16, so figures
from two logs or two tools are comparable:

``time_window``
    each contact (any channel but ``letter``, whose date is the posting date) at a local time
    outside ``[window_start, window_end)``: [08:00, 22:00) in China, [08:00, 21:00) in the US.
    21:59 passes, 22:00 and 07:59 do not.
``third_party``
    each contact whose recipient is a third party (any channel).
``daily_attempts``
    each account × recipient × calendar day whose *unanswered calls* exceed
    ``daily_unanswered`` (China: 6). One breach per such day, stamped with the first call over
    the limit (the 7th).
``daily_answered``
    each account × calendar day whose *answered calls* exceed ``daily_answered`` (China: 3),
    stamped with the first answered call over the limit (the 4th).
``seven_in_seven``
    each call placed when ``calls_in_period`` (7) or more calls to the same account were already
    placed in the preceding 7 days. *Preceding 7 days* means the 7 consecutive calendar days
    ending on the call's own day (days D-6 … D, as Regulation F counts "a period of seven
    consecutive days"), and *already placed* means earlier in time (same minute: earlier in the
    file). So 7 calls on Monday … Sunday allow no 8th call on Sunday, but a call on the next
    Monday is fine (Monday's call has left the window). Every call counts, answered or not, to
    any recipient of the account.
``after_conversation``
    each call placed within 7 days after an answered call to the same account. *Within 7 days*
    means on the day of the conversation (after it) or on the 6 calendar days after it (days
    C … C+6, "the date of the telephone conversation is the first day of the seven-consecutive-
    day period", 12 CFR §1006.14(b)(2)(ii)); a call on day C+7 is fine.

Calls are rows with channel ``call``; only they count for the frequency rules.
"""
from __future__ import annotations

import re
import unicodedata
from string import Formatter
from dataclasses import dataclass, field, replace  # replace: how a user edits ContactLimits (see its example)

import numpy as np
import pandas as pd
import pyarrow as pa

from analysis.core.i18n import MessageError, translate
from analysis.core.schema import SYNONYMS, normalise_header
from analysis.ingest.parsing import is_blank, parse_dates, parse_numbers
from analysis.ingest.readers import RawTable, read_table

__all__ = [
    "CHANNELS", "RECIPIENTS", "RULES", "ContactLimits", "ContactLog", "ContactsError",
    "breach_counts", "contact_heatmap", "contact_limits", "find_breaches", "map_log_columns",
    "read_contact_log",
]

CHANNELS = ("call", "sms", "push", "letter", "visit", "email")
RECIPIENTS = ("debtor", "guarantor", "third_party")
RULES = ("time_window", "daily_attempts", "daily_answered", "seven_in_seven", "after_conversation", "third_party")
REQUIRED = ("account_id", "timestamp", "channel", "recipient", "answered")
OPTIONAL_TEXT = ("collector", "agency", "branch", "strategy")
BREACH_COLUMNS = ("account_id", "collector", "timestamp", "rule", "detail")

_DAY_NS = 86_400 * 10**9
_MINUTE_NS = 60 * 10**9


class ContactsError(MessageError):
    """A contact log or a limit that cannot be used, with a message in both languages.

    Examples
    --------
    >>> ContactsError("contacts.err.empty", name="log.csv").message("en")[:14]
    'The contact lo'
    """


# --------------------------------------------------------------------------------------------
# limits


@dataclass(frozen=True)
class ContactLimits:
    """The thresholds a log is checked against, and which rules apply.

    Build one with :func:`contact_limits` and change a threshold with
    ``dataclasses.replace(limits, daily_unanswered=5)``; the constructor checks the values.

    Parameters
    ----------
    jurisdiction : {"cn", "us"}
    rules : tuple of str
        The rules checked, a subset of :data:`RULES`.
    window_start, window_end : int
        Minutes after midnight; contact is allowed in ``[window_start, window_end)``.
    daily_unanswered : int
        Unanswered calls allowed per account × recipient × day.
    daily_answered : int
        Answered calls allowed per account × day.
    calls_in_period : int
        Calls allowed in ``period_days`` consecutive days (the next one breaches).
    period_days : int
        Length of the rolling calendar-day period of ``seven_in_seven``.
    quiet_days : int
        Calendar days, the conversation's day included, without calls after a conversation.
    window_channels : tuple of str
        Channels the time window applies to (letters are dated when posted, not received).
    sources : tuple of (str, str)
        ``(rule, message key)`` of each rule's source; :meth:`source` gives the text.

    Examples
    --------
    >>> limits = replace(contact_limits("cn"), daily_unanswered=5)
    >>> limits.daily_unanswered, limits.window_text()
    (5, '08:00–22:00')
    """

    jurisdiction: str
    rules: tuple[str, ...]
    window_start: int = 8 * 60
    window_end: int = 22 * 60
    daily_unanswered: int = 6
    daily_answered: int = 3
    calls_in_period: int = 7
    period_days: int = 7
    quiet_days: int = 7
    window_channels: tuple[str, ...] = ("call", "sms", "push", "visit", "email")
    sources: tuple[tuple[str, str], ...] = ()

    def __post_init__(self) -> None:
        unknown = [r for r in self.rules if r not in RULES]
        if unknown:
            raise ContactsError("contacts.err.rule", rule=", ".join(unknown), rules=", ".join(RULES))
        if not (0 <= self.window_start < self.window_end <= 24 * 60):
            raise ContactsError("contacts.err.window", start=self.window_start, end=self.window_end)
        for name in ("daily_unanswered", "daily_answered", "calls_in_period", "period_days", "quiet_days"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < (0 if name.startswith("daily") or name == "calls_in_period" else 1):
                raise ContactsError("contacts.err.limit", name=name, value=value)
        bad = [c for c in self.window_channels if c not in CHANNELS]
        if bad:
            raise ContactsError("contacts.err.channel_arg", value=", ".join(bad), channels=", ".join(CHANNELS))

    def window_text(self) -> str:
        """The allowed window as ``HH:MM–HH:MM``."""
        return f"{_hhmm(self.window_start)}–{_hhmm(self.window_end)}"

    def source(self, rule: str, lang: str = "en") -> str:
        """The source of ``rule``'s threshold, in ``lang`` ("" when none is recorded)."""
        key = dict(self.sources).get(rule)
        return translate(key, lang) if key else ""


def _hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


# China. The 22:00–08:00 quiet hours are the ones the bank-card and internet-finance industry
# collection rules state (中国互联网金融协会《互联网金融逾期债务催收自律公约（试行）》, 2018, on
# 催收时间; the bank-card industry's collection rules); the daily counts are not fixed by an
# article we can cite: they are industry practice, the defaults issue 16 sets, and editable.
CN_LIMITS = ContactLimits(
    jurisdiction="cn",
    rules=("time_window", "daily_attempts", "daily_answered", "third_party"),
    window_start=8 * 60,    # 08:00 — 自律公约 (试行) / bank-card collection rules: no contact 22:00–08:00
    window_end=22 * 60,     # 22:00 — idem, without the debtor's consent
    daily_unanswered=6,     # industry practice (issue 16 default), per account × recipient × day
    daily_answered=3,       # industry practice (issue 16 default), per account × day
    sources=(
        ("time_window", "contacts.source.cn.time_window"),
        ("daily_attempts", "contacts.source.cn.daily_attempts"),
        ("daily_answered", "contacts.source.cn.daily_answered"),
        ("third_party", "contacts.source.cn.third_party"),
    ),
)

# United States: Regulation F (12 CFR part 1006, CFPB 2020) implementing the FDCPA.
US_LIMITS = ContactLimits(
    jurisdiction="us",
    rules=("time_window", "seven_in_seven", "after_conversation", "third_party"),
    window_start=8 * 60,    # 12 CFR §1006.6(b)(1)(i): before 8 a.m. is presumed inconvenient
    window_end=21 * 60,     # 12 CFR §1006.6(b)(1)(i): after 9 p.m. is presumed inconvenient
    calls_in_period=7,      # 12 CFR §1006.14(b)(2)(i): more than 7 calls within 7 consecutive days
    period_days=7,          # idem
    quiet_days=7,           # 12 CFR §1006.14(b)(2)(ii): 7 days after a telephone conversation
    sources=(
        ("time_window", "contacts.source.us.time_window"),
        ("seven_in_seven", "contacts.source.us.seven_in_seven"),
        ("after_conversation", "contacts.source.us.after_conversation"),
        ("third_party", "contacts.source.us.third_party"),
    ),
)

_LIMITS = {"cn": CN_LIMITS, "us": US_LIMITS}


def contact_limits(jurisdiction: str = "cn") -> ContactLimits:
    """The default limits of a jurisdiction (``"cn"`` or ``"us"``).

    Raises
    ------
    ContactsError
        For any other jurisdiction.

    Examples
    --------
    >>> contact_limits("us").rules
    ('time_window', 'seven_in_seven', 'after_conversation', 'third_party')
    >>> contact_limits("cn").daily_unanswered, contact_limits("cn").daily_answered
    (6, 3)
    """
    if jurisdiction not in _LIMITS:
        raise ContactsError("contacts.err.jurisdiction", value=jurisdiction, allowed="cn, us")
    return _LIMITS[jurisdiction]


# --------------------------------------------------------------------------------------------
# reading a log

#: Header synonyms of the log, matched after :func:`analysis.core.schema.normalise_header`.
LOG_SYNONYMS: dict[str, tuple[str, ...]] = {
    "account_id": SYNONYMS["account_id"] + ("账户", "借据", "贷款账号", "客户账号"),
    "timestamp": (
        "timestamp", "contact_time", "contact_datetime", "datetime", "date_time", "time_of_contact",
        "call_time", "联系时间", "催收时间", "拨打时间", "呼叫时间", "外呼时间", "发送时间", "触达时间",
        "联系日期时间", "作业时间",
    ),
    "date": ("date", "contact_date", "call_date", "联系日期", "催收日期", "日期", "拨打日期"),
    "time": ("time", "time_of_day", "contact_hour", "联系时刻", "时间", "时刻", "拨打时刻"),
    "channel": (
        "channel", "contact_channel", "method", "contact_method", "contact_type", "action", "渠道",
        "联系方式", "催收方式", "触达方式", "联系渠道", "催收渠道", "方式", "催收手段",
    ),
    "recipient": (
        "recipient", "recipient_type", "party", "contact_party", "contacted", "relationship",
        "联系对象", "对象", "接听人", "接听对象", "联系人类型", "关系", "与债务人关系", "被联系人", "对象类型",
        "联系人关系",
    ),
    "answered": (
        "answered", "connected", "is_answered", "reached", "outcome", "result", "call_result",
        "接通", "是否接通", "接通状态", "通话状态", "是否接听", "接听", "通话结果", "联系结果", "接通情况",
    ),
    "collector": (
        "collector", "agent", "collector_id", "collector_name", "operator", "staff", "催收员",
        "催收人员", "坐席", "催收人", "作业员", "经办人", "员工", "坐席工号", "催收员工号",
    ),
    "agency": ("agency", "vendor", "collection_agency", "催收机构", "委外机构", "外包机构", "机构", "催收公司"),
    "branch": ("branch", "branch_name", "分行", "支行", "网点", "经办机构", "分支机构"),
    "strategy": ("strategy", "treatment", "arm", "test_group", "策略", "分组", "实验组", "催收策略", "策略组"),
    "promise_amount": ("promise_amount", "ptp_amount", "promised_amount", "承诺金额", "承诺还款金额", "承诺还款额"),
    "promise_date": ("promise_date", "ptp_date", "promised_date", "承诺日期", "承诺还款日期", "承诺还款日"),
    "paid_amount": (
        "paid_amount", "payment", "payment_amount", "amount_paid", "还款金额", "实还金额", "回款金额",
        "还款额", "回款",
    ),
}
_LOG_INDEX = {normalise_header(s): canonical for canonical, words in LOG_SYNONYMS.items() for s in words}

_CHANNEL_WORDS = {
    "call": ("call", "phone", "telephone", "voice", "outbound", "outbound call", "phone call", "robocall",
             "ivr", "电话", "外呼", "电催", "呼叫", "语音", "通话", "人工外呼", "智能外呼", "电话催收", "来电"),
    "sms": ("sms", "text", "text message", "message", "短信", "短讯", "短信催收", "信息"),
    "push": ("push", "app", "app push", "notification", "推送", "app推送", "站内信", "消息推送"),
    "letter": ("letter", "mail", "post", "信函", "催收函", "邮寄", "信件", "函件", "律师函"),
    "visit": ("visit", "field", "field visit", "home visit", "上门", "外访", "面访", "外催", "上门催收"),
    "email": ("email", "e-mail", "mail message", "邮件", "电子邮件"),
}
_RECIPIENT_WORDS = {
    "debtor": ("debtor", "borrower", "self", "consumer", "customer", "primary", "cardholder", "account holder",
               "本人", "借款人", "债务人", "客户本人", "持卡人", "主借款人", "客户"),
    "guarantor": ("guarantor", "co-signer", "cosigner", "surety", "担保人", "保证人", "共同借款人"),
    "third_party": ("third_party", "third party", "third-party", "other", "contact", "emergency contact",
                    "relative", "family", "spouse", "colleague", "employer", "friend", "neighbour", "neighbor",
                    "第三方", "联系人", "紧急联系人", "家属", "亲属", "家人", "配偶", "同事", "朋友", "单位",
                    "邻居", "父母", "子女"),
}
_ANSWERED_WORDS = {
    True: ("yes", "y", "true", "t", "1", "answered", "connected", "reached", "contacted", "picked up",
           "是", "接通", "已接通", "接听", "已接听", "有效接通", "成功", "通话", "已联系"),
    False: ("no", "n", "false", "f", "0", "unanswered", "not answered", "no answer", "busy", "failed",
            "voicemail", "not reached", "否", "未接通", "未接", "未接听", "无人接听", "关机", "空号", "停机",
            "拒接", "忙线", "挂断", "失败", "无应答", "未联系上"),
}


def _fold_value(value: object) -> str:
    text = unicodedata.normalize("NFKC", str(value)).strip().lower()
    return re.sub(r"\s+", " ", text)


def _vocabulary(words: dict) -> dict[str, object]:
    return {_fold_value(w): key for key, ws in words.items() for w in ws}


_CHANNELS = _vocabulary(_CHANNEL_WORDS)
_RECIPIENTS = _vocabulary(_RECIPIENT_WORDS)
_ANSWERED = _vocabulary(_ANSWERED_WORDS)


def map_log_columns(headers) -> dict[str, str]:
    """Canonical column → header of the file, for the headers recognised (the first one wins).

    Examples
    --------
    >>> map_log_columns(["借据号", "联系时间", "渠道", "联系对象", "是否接通", "催收员"])
    {'account_id': '借据号', 'timestamp': '联系时间', 'channel': '渠道', 'recipient': '联系对象', 'answered': '是否接通', 'collector': '催收员'}
    """
    mapping: dict[str, str] = {}
    for header in headers:
        canonical = _LOG_INDEX.get(normalise_header(header))
        if canonical is not None and canonical not in mapping:
            mapping[canonical] = str(header)
    return mapping


@dataclass(frozen=True)
class ContactLog:
    """A contact log read from a file.

    Attributes
    ----------
    log : DataFrame
        The canonical log (module docstring), in file order.
    rejected : DataFrame
        ``row`` (as the user sees it), ``reason`` (message key), ``column`` (the header),
        ``value`` (the cell as text): every row not in ``log``.
    mapping : dict
        Canonical column → header used.
    """

    log: pd.DataFrame
    rejected: pd.DataFrame
    mapping: dict = field(default_factory=dict)

    def rejected_report(self, lang: str = "en") -> pd.DataFrame:
        """The rejected rows with their reason in ``lang``."""
        reasons = [translate(k, lang, column=c, value=v) for k, c, v in
                   zip(self.rejected["reason"], self.rejected["column"], self.rejected["value"])]
        return pd.DataFrame({"row": self.rejected["row"].to_numpy(), "reason": pd.array(reasons, dtype="str")})


def read_contact_log(data: bytes, name: str, sheet: str | None = None) -> ContactLog:
    """Read a contact log (CSV, XLSX, XLS, …, as the portfolio upload reads them).

    Parameters
    ----------
    data : bytes
        The file's bytes.
    name : str
        The file name, for messages.
    sheet : str, optional
        Sheet of a workbook (default the first with data).

    Returns
    -------
    ContactLog

    Raises
    ------
    ContactsError
        When a required column (account, time, channel, recipient, answered) is missing, or no
        row can be read. ``IngestError`` (also a MessageError) when the file cannot be read.

    Examples
    --------
    >>> text = "借据号,联系时间,渠道,联系对象,是否接通,催收员\\nA1,2024-03-01 21:59,电话,本人,否,张三\\nA1,2024-03-01,传真,本人,否,张三\\n"
    >>> res = read_contact_log(text.encode(), "log.csv")
    >>> res.log[["account_id", "channel", "recipient", "answered"]].values.tolist()
    [['A1', 'call', 'debtor', False]]
    >>> res.rejected[["row", "reason", "value"]].values.tolist()
    [[3, 'contacts.reject.channel', '传真']]
    """
    raw = read_table(data, name, sheet)
    return build_contact_log(raw, name)


def build_contact_log(raw: RawTable, name: str = "") -> ContactLog:
    """The canonical log from cells already read (see :func:`read_contact_log`)."""
    frame = raw.frame
    mapping = map_log_columns(frame.columns)
    if "timestamp" not in mapping and "date" in mapping:
        mapping["timestamp"] = mapping["date"]  # date (+ time) columns stand for a timestamp
    elif "timestamp" not in mapping and "time" in mapping:
        mapping["timestamp"] = mapping.pop("time")  # a lone 时间 column holds the whole date and time
    else:
        mapping.pop("date", None)
        mapping.pop("time", None)
    missing = [c for c in REQUIRED if c not in mapping]
    if missing:
        raise ContactsError(
            "contacts.err.missing_columns", name=name, missing=", ".join(missing),
            found=", ".join(str(c) for c in frame.columns[:20]),
        )
    n = len(frame)
    rows = np.asarray(raw.source_rows, dtype=np.int64)
    reason = np.full(n, "", dtype=object)
    bad_column = np.full(n, "", dtype=object)

    def reject(mask: np.ndarray, key: str, canonical: str) -> None:
        fresh = mask & (reason == "")
        reason[fresh] = key
        bad_column[fresh] = mapping.get(canonical, canonical)

    cols: dict[str, object] = {}
    account = frame[mapping["account_id"]]
    account_text = _text(account)
    reject(is_blank(account), "contacts.reject.account", "account_id")
    cols["account_id"] = account_text

    stamps, stamp_bad = _timestamps(frame, mapping)
    reject(stamp_bad, "contacts.reject.timestamp", "timestamp")
    cols["timestamp"] = stamps
    # a date without a clock time is not a contact at midnight: the contact-hours check skips it
    cols["time_known"] = _times_given(frame, mapping, stamps)

    channel, channel_bad = _lookup(frame[mapping["channel"]], _CHANNELS)
    reject(channel_bad, "contacts.reject.channel", "channel")
    cols["channel"] = channel

    recipient, recipient_bad = _lookup(frame[mapping["recipient"]], _RECIPIENTS)
    reject(recipient_bad, "contacts.reject.recipient", "recipient")
    cols["recipient"] = recipient

    answered_cells = frame[mapping["answered"]]
    answered, answered_bad = _lookup(answered_cells, _ANSWERED, numeric_bools=True)
    blank = is_blank(answered_cells)
    # a blank "answered" on an SMS or a letter means nothing to answer; on a call it is unknown
    is_call = channel.to_numpy() == "call"
    reject((answered_bad & ~blank) | (blank & is_call), "contacts.reject.answered", "answered")
    cols["answered"] = np.where(blank | answered_bad, False, answered.to_numpy() == True)  # noqa: E712

    for col in OPTIONAL_TEXT:
        if col in mapping:
            values = _text(frame[mapping[col]])
            cols[col] = values.where(~is_blank(frame[mapping[col]]), "")
        elif col == "collector":
            cols[col] = pd.Series("", index=frame.index, dtype="str")
    for col in ("promise_amount", "paid_amount"):
        if col in mapping:
            values, garbage = parse_numbers(frame[mapping[col]])
            reject(garbage | (values.to_numpy() < 0), f"contacts.reject.{col}", col)
            cols[col] = values.to_numpy(dtype="float64")
    if "promise_date" in mapping:
        cells = frame[mapping["promise_date"]]
        dates = parse_dates(cells)
        reject(dates.isna().to_numpy() & ~is_blank(cells), "contacts.reject.promise_date", "promise_date")
        cols["promise_date"] = dates.to_numpy(dtype="datetime64[ns]")

    log = pd.DataFrame({k: (v.to_numpy() if isinstance(v, pd.Series) else v) for k, v in cols.items()})
    log["source_row"] = rows
    ok = reason == ""
    if not ok.any():
        first = _cell_texts(frame, mapping, bad_column[:1], np.arange(1))[0] if n else ""
        raise ContactsError("contacts.err.no_rows", name=name, rows=n, row=int(rows[0]) if n else 0,
                            column=str(bad_column[0]) if n else "", value=first)
    rejected = pd.DataFrame({
        "row": rows[~ok],
        "reason": pd.array(reason[~ok].astype(str), dtype="str"),
        "column": pd.array(bad_column[~ok].astype(str), dtype="str"),
        "value": pd.array(_cell_texts(frame, mapping, bad_column[~ok], np.flatnonzero(~ok)), dtype="str"),
    })
    log = log.loc[ok].reset_index(drop=True)
    for col in ("account_id", "channel", "recipient", *[c for c in OPTIONAL_TEXT if c in log]):
        log[col] = log[col].astype("str")
    return ContactLog(log=log, rejected=rejected, mapping=mapping)


def _text(values: pd.Series) -> pd.Series:
    """Cells as stripped text; whole floats (Excel numbers) without their ``.0``."""
    if pd.api.types.is_float_dtype(values.dtype):
        whole = values.notna() & (values % 1 == 0)
        out = values.astype("str")
        out[whole] = values[whole].astype("int64").astype("str")
        return out.str.strip()
    return values.astype("str").str.strip()


def _cell_texts(frame: pd.DataFrame, mapping: dict, headers: np.ndarray, positions: np.ndarray) -> list[str]:
    out = []
    for header, pos in zip(headers, positions):
        value = frame[header].iloc[pos] if header in frame.columns else None
        out.append("" if value is None or (isinstance(value, float) and np.isnan(value)) or value is pd.NA else str(value))
    return out


def _lookup(values: pd.Series, vocabulary: dict, numeric_bools: bool = False) -> tuple[pd.Series, np.ndarray]:
    """Each cell's canonical value (once per distinct cell); the mask of cells not understood."""
    if numeric_bools and pd.api.types.is_bool_dtype(values.dtype):
        return values.astype(object), values.isna().to_numpy()
    codes, uniques = pd.factorize(_text(values) if pd.api.types.is_numeric_dtype(values.dtype) else values,
                                  use_na_sentinel=True)
    mapped = [vocabulary.get(_fold_value(u)) for u in uniques] + [None]
    table = np.array(mapped, dtype=object)
    out = table[np.where(codes < 0, len(mapped) - 1, codes)]
    return pd.Series(out, index=values.index), np.array([v is None for v in out], dtype=bool)


_DATE_FOLD = str.maketrans({"/": "-", ".": "-", "年": "-", "月": "-", "日": " ", "T": " ", "时": ":", "点": ":", "分": " "})


def _timestamps(frame: pd.DataFrame, mapping: dict) -> tuple[np.ndarray, np.ndarray]:
    """Local timestamps (``datetime64[ns]``) and the mask of cells that are not one."""
    cells = frame[mapping["timestamp"]]
    if "time" in mapping and mapping.get("date") == mapping["timestamp"]:
        days = parse_dates(cells).to_numpy(dtype="datetime64[ns]")
        minutes, bad_time = _times_of_day(frame[mapping["time"]])
        stamps = days + (minutes * _MINUTE_NS).astype("timedelta64[ns]")
        bad = np.isnat(days) | bad_time
        return np.where(bad, np.datetime64("NaT", "ns"), stamps), bad
    if pd.api.types.is_datetime64_any_dtype(cells.dtype):
        stamps = cells.dt.tz_localize(None) if getattr(cells.dt, "tz", None) is not None else cells
        stamps = stamps.to_numpy(dtype="datetime64[ns]")
        return stamps, np.isnat(stamps)
    if pd.api.types.is_numeric_dtype(cells.dtype):  # Excel serial day numbers with a fraction
        serial = cells.to_numpy(dtype="float64", na_value=np.nan)
        ns = np.round((serial - 25569.0) * _DAY_NS / _MINUTE_NS) * _MINUTE_NS
        bad = ~np.isfinite(ns) | (serial < 1)
        stamps = np.where(bad, 0, ns).astype("int64").view("datetime64[ns]")
        return np.where(bad, np.datetime64("NaT", "ns"), stamps), bad
    # fast path, in C: ISO text (2024-03-01 21:30[:00]); only the cells it cannot read are
    # folded one distinct value at a time (2024/3/1, 2024年3月1日 8:05 …)
    text = cells.astype("str")
    stamps = _iso_local(text)
    retry = np.isnat(stamps) & ~is_blank(cells)
    if retry.any():
        codes, uniques = pd.factorize(text[retry], use_na_sentinel=True)
        folded = pd.Series([_fold_stamp(u) for u in uniques], dtype="str")
        parsed = pd.to_datetime(folded, format="ISO8601", errors="coerce").to_numpy(dtype="datetime64[ns]")
        parsed = np.append(parsed, np.datetime64("NaT", "ns"))
        stamps[retry] = parsed[np.where(codes < 0, len(parsed) - 1, codes)]
    return stamps, np.isnat(stamps)


_ZONE_RE = r"(Z|[+-]\d{2}:?\d{2})\s*$"
_CLOCK_RE = r"\d{1,2}\s*[:：时点]\s*\d{1,2}|\d{1,2}\s*[时点]|[AaPp]\.?[Mm]\b"


def _times_given(frame: pd.DataFrame, mapping: dict, stamps: np.ndarray) -> np.ndarray:
    """Whether each contact's clock time is known: a text cell must write one (``2024-07-02`` is a
    date only), and a column of dates from a workbook that are all at midnight holds none."""
    if "time" in mapping and mapping.get("date") == mapping["timestamp"]:
        return np.ones(len(frame), dtype=bool)
    cells = frame[mapping["timestamp"]]
    if pd.api.types.is_datetime64_any_dtype(cells.dtype) or pd.api.types.is_numeric_dtype(cells.dtype):
        ns = stamps[~np.isnat(stamps)].view("int64")
        midnight_only = len(ns) > 0 and not np.mod(ns, _DAY_NS).any()
        return np.full(len(frame), not midnight_only)
    return cells.astype("str").str.contains(_CLOCK_RE, regex=True, na=False).to_numpy(dtype=bool)


def _iso_local(text: pd.Series) -> np.ndarray:
    """ISO timestamps as local clock times (``datetime64[ns]``, NaT where not ISO).

    A cell with a UTC offset (``09:30+08:00``, ``01:30Z``) is read in the zone most of the file's
    offsets name: a log kept in Beijing time stays at 09:30 (converted to UTC it was a 01:30
    breach of the contact hours), and one mixing ``Z`` and ``+08:00`` is read on one clock
    (pandas refuses mixed zones). Cells without an offset are taken as written.
    """
    zones = text.str.extract(_ZONE_RE, expand=False)
    has_zone = zones.notna().to_numpy()
    if not has_zone.any():
        return pd.to_datetime(text, format="ISO8601", errors="coerce").to_numpy(dtype="datetime64[ns]")
    minutes = zones[has_zone].map(_zone_minutes)
    zone = int(minutes.mode().iloc[0])
    stamps = np.full(len(text), np.datetime64("NaT", "ns"))
    aware = pd.to_datetime(text[has_zone], format="ISO8601", utc=True, errors="coerce")
    stamps[has_zone] = (aware.dt.tz_localize(None) + pd.Timedelta(minutes=zone)).to_numpy(dtype="datetime64[ns]")
    if (~has_zone).any():
        stamps[~has_zone] = pd.to_datetime(text[~has_zone], format="ISO8601",
                                           errors="coerce").to_numpy(dtype="datetime64[ns]")
    return stamps


def _zone_minutes(zone: str) -> int:
    """``+08:00`` → 480, ``Z`` → 0."""
    if zone == "Z":
        return 0
    digits = zone[1:].replace(":", "")
    return (1 if zone[0] == "+" else -1) * (int(digits[:2]) * 60 + int(digits[2:]))


_STAMP_RE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:\s*(\d{1,2}):(\d{1,2})(?::(\d{1,2})(\.\d+)?)?)?")


def _fold_stamp(value: object) -> str:
    """One timestamp cell as ISO text (``2024年3月2日 8:05`` → ``2024-03-02 08:05:00``); other
    text is handed on as it is, for pandas to try."""
    text = re.sub(r"\s+", " ", unicodedata.normalize("NFKC", str(value)).translate(_DATE_FOLD)).strip()
    m = _STAMP_RE.fullmatch(text)
    if not m:
        return text
    y, mo, d, h, mi, sec = (int(g) if g else 0 for g in m.groups()[:6])
    return f"{y:04d}-{mo:02d}-{d:02d} {h:02d}:{mi:02d}:{sec:02d}"


def _times_of_day(cells: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Minutes after midnight of time cells (``21:30``, ``21:30:05``, an Excel fraction of a day,
    a datetime); the mask of cells that are not a time."""
    if pd.api.types.is_datetime64_any_dtype(cells.dtype):
        minutes = (cells.dt.hour * 60 + cells.dt.minute).to_numpy(dtype="float64", na_value=np.nan)
    elif pd.api.types.is_numeric_dtype(cells.dtype):
        frac = cells.to_numpy(dtype="float64", na_value=np.nan)
        minutes = np.where((frac >= 0) & (frac < 1), np.floor(np.round(frac * 1440, 6)), np.nan)
    else:
        def one(value: object) -> float:
            if hasattr(value, "hour") and hasattr(value, "minute"):
                return float(value.hour * 60 + value.minute)
            m = re.fullmatch(r"(\d{1,2})[:：时点](\d{1,2})(?:[:：分](\d{1,2})秒?)?", unicodedata.normalize("NFKC", str(value)).strip())
            if not m or int(m.group(1)) > 23 or int(m.group(2)) > 59:
                return np.nan
            return float(int(m.group(1)) * 60 + int(m.group(2)))

        codes, uniques = pd.factorize(cells, use_na_sentinel=True)
        table = np.array([one(u) for u in uniques] + [np.nan], dtype="float64")
        minutes = table[np.where(codes < 0, len(table) - 1, codes)]
    bad = np.isnan(minutes)
    return np.where(bad, 0, minutes).astype("int64"), bad


# --------------------------------------------------------------------------------------------
# checks


def _require(log: pd.DataFrame, columns: tuple[str, ...]) -> None:
    missing = [c for c in columns if c not in log.columns]
    if missing:
        raise ContactsError("contacts.err.log_columns", missing=", ".join(missing))


def find_breaches(log: pd.DataFrame, limits: ContactLimits, lang: str = "en") -> pd.DataFrame:
    """Every breach of ``limits.rules`` in a canonical log, with the counting convention of the
    module docstring.

    Parameters
    ----------
    log : DataFrame
        A canonical log (:func:`read_contact_log`'s ``.log``); not changed.
    limits : ContactLimits
    lang : {"zh", "en"}
        Language of ``detail``.

    Returns
    -------
    DataFrame
        ``account_id, collector, timestamp`` (``YYYY-MM-DD HH:MM``), ``rule``, ``detail``, and
        ``source_row`` (the log row that breaches, or that crossed the limit), sorted by time,
        account and rule.

    Examples
    --------
    >>> log = pd.DataFrame({"account_id": ["A", "A"], "collector": ["王", "王"],
    ...     "timestamp": pd.to_datetime(["2024-03-01 21:59", "2024-03-01 22:00"]),
    ...     "channel": ["call", "sms"], "recipient": ["debtor", "third_party"], "answered": [False, False]})
    >>> find_breaches(log, contact_limits("cn"))[["timestamp", "rule"]].values.tolist()
    [['2024-03-01 22:00', 'time_window'], ['2024-03-01 22:00', 'third_party']]
    """
    _require(log, ("account_id", "timestamp", "channel", "recipient", "answered"))
    n = len(log)
    ts = log["timestamp"].to_numpy(dtype="datetime64[ns]").view("int64")
    # stable order: account, time, then file order (ties in the same minute keep the file's order)
    acc_codes, _ = pd.factorize(log["account_id"].astype("str"), sort=True)
    order = np.lexsort((np.arange(n), ts, acc_codes))
    acc = acc_codes[order]
    t = ts[order]
    day = np.floor_divide(t, _DAY_NS)
    minute = np.floor_divide(np.mod(t, _DAY_NS), _MINUTE_NS)
    # channels and recipients as small integer codes: comparisons on codes, not on strings
    channel, channel_keys = _codes(log["channel"], CHANNELS, order)
    recipient, recipient_keys = _codes(log["recipient"], RECIPIENTS, order)
    answered = log["answered"].to_numpy(dtype=bool)[order]
    is_call = channel == channel_keys.index("call")

    found: list[tuple[np.ndarray, str, np.ndarray]] = []  # (positions in sorted order, rule, details)
    rules = limits.rules
    if "time_window" in rules:
        timed = np.isin(channel, [channel_keys.index(c) for c in limits.window_channels if c in channel_keys])
        if "time_known" in log.columns:  # a date without its clock time cannot breach the hours
            timed &= log["time_known"].to_numpy(dtype=bool)[order]
        hit = timed & ((minute < limits.window_start) | (minute >= limits.window_end))
        pos = np.flatnonzero(hit)
        found.append((pos, "time_window", _details(
            "contacts.detail.time_window", lang, time=_HHMM[minute[pos]], window=limits.window_text(),
            channel=_labels("contacts.channel", channel_keys, channel[pos], lang))))
    if "third_party" in rules:
        pos = np.flatnonzero(recipient == recipient_keys.index("third_party"))
        found.append((pos, "third_party", _details(
            "contacts.detail.third_party", lang, channel=_labels("contacts.channel", channel_keys, channel[pos], lang))))
    if "daily_attempts" in rules:
        pos, counts = _over_daily(acc, day, np.flatnonzero(is_call & ~answered), limits.daily_unanswered,
                                  extra=recipient)
        found.append((pos, "daily_attempts", _details(
            "contacts.detail.daily_attempts", lang, n=counts, limit=limits.daily_unanswered,
            recipient=_labels("contacts.recipient", recipient_keys, recipient[pos], lang), day=_day_texts(day[pos]))))
    if "daily_answered" in rules:
        pos, counts = _over_daily(acc, day, np.flatnonzero(is_call & answered), limits.daily_answered)
        found.append((pos, "daily_answered", _details(
            "contacts.detail.daily_answered", lang, n=counts, limit=limits.daily_answered, day=_day_texts(day[pos]))))
    calls = np.flatnonzero(is_call)
    if "seven_in_seven" in rules and len(calls):
        pos, counts = _rolling_calls(acc[calls], day[calls], limits.period_days, limits.calls_in_period)
        pos = calls[pos]
        found.append((pos, "seven_in_seven", _details(
            "contacts.detail.seven_in_seven", lang, n=counts, days=limits.period_days,
            start=_day_texts(day[pos] - limits.period_days + 1), day=_day_texts(day[pos]), limit=limits.calls_in_period)))
    if "after_conversation" in rules and len(calls):
        pos, last = _after_conversation(acc[calls], day[calls], t[calls], answered[calls], limits.quiet_days)
        pos = calls[pos]
        when = _minute_texts(last.astype("datetime64[ns]"))
        until = _day_texts(np.floor_divide(last, _DAY_NS) + limits.quiet_days - 1)
        found.append((pos, "after_conversation", _details(
            "contacts.detail.after_conversation", lang, when=when, until=until, days=limits.quiet_days)))
    return _breach_frame(log, order, acc_codes, found)


_HHMM = np.array([f"{m // 60:02d}:{m % 60:02d}" for m in range(24 * 60)], dtype=object)


def _day_texts(days: np.ndarray) -> np.ndarray:
    """``YYYY-MM-DD`` (object array) of day numbers since 1970-01-01, formatted once per distinct day."""
    days = np.asarray(days, dtype=np.int64)
    if not len(days):
        return np.zeros(0, dtype=object)
    unique, inverse = np.unique(days, return_inverse=True)
    return np.datetime_as_string(unique.astype("datetime64[D]"), unit="D").astype(object)[inverse]


_SPACE_HHMM = np.array([" " + t for t in _HHMM], dtype=object)


def _minute_texts(stamps: np.ndarray) -> np.ndarray:
    """``YYYY-MM-DD HH:MM`` (object array) of datetimes: the day's text and the clock's, joined."""
    ns = np.asarray(stamps, dtype="datetime64[ns]").view("int64")
    return _day_texts(np.floor_divide(ns, _DAY_NS)) + _SPACE_HHMM[np.floor_divide(np.mod(ns, _DAY_NS), _MINUTE_NS)]


def _codes(values: pd.Series, known: tuple[str, ...], order: np.ndarray) -> tuple[np.ndarray, list[str]]:
    """Integer codes of a key column in ``order``, and the keys they stand for (``known`` first,
    so ``keys.index("call")`` exists even when no row is a call)."""
    codes, uniques = pd.factorize(values.astype("str"))
    keys = list(known) + [u for u in uniques if u not in known]
    remap = np.array([keys.index(u) for u in uniques], dtype=np.int64)
    return (remap[codes] if len(codes) else codes.astype(np.int64))[order], keys


def _labels(prefix: str, keys: list[str], codes: np.ndarray, lang: str) -> np.ndarray:
    """Translated labels (``call`` → 电话) of key codes."""
    table = np.array([translate(f"{prefix}.{k}", lang) for k in keys], dtype=object)
    return table[codes]


def _details(key: str, lang: str, **params) -> np.ndarray:
    """The message ``key`` for each breach: the template is split once into its literal parts and
    fields, and the fields filled column-wise (tens of thousands of breaches, no per-row format)."""
    arrays = {k: np.asarray(v) for k, v in params.items() if np.ndim(v)}
    if not arrays:  # the breaches' count comes from the arrays: a caller's bug, not the user's
        raise ValueError("_details needs at least one parameter per breach")
    n = len(next(iter(arrays.values())))
    out = np.full(n, "", dtype=object)
    for literal, name, spec, conversion in Formatter().parse(translate(key, lang)):
        if literal:
            out = out + literal
        if name is None:
            continue
        if spec or conversion:  # no template uses them; if one ever does, format it properly
            raise ValueError(f"{key}: field {name} has a format spec")
        value = params[name]
        out = out + (np.asarray(value).astype(str).astype(object) if name in arrays else str(value))
    return out


def _over_daily(acc: np.ndarray, day: np.ndarray, idx: np.ndarray, limit: int,
                extra: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """For the rows ``idx`` (sorted by account and time), the first row over ``limit`` in each
    account (× ``extra``) × day group, and the group's size."""
    if not len(idx):
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    keys = {"a": acc[idx], "d": day[idx]}
    if extra is not None:
        keys["e"] = extra[idx]
    frame = pd.DataFrame(keys)
    grouped = frame.groupby(list(keys), sort=False)
    rank = grouped.cumcount().to_numpy()
    size = grouped["a"].transform("size").to_numpy()
    hit = rank == limit  # the (limit + 1)-th row of its group: the one that crosses the limit
    return idx[hit], size[hit]


def _rolling_calls(acc: np.ndarray, day: np.ndarray, period: int, allowed: int) -> tuple[np.ndarray, np.ndarray]:
    """Calls (sorted by account and time) with ``allowed`` or more earlier calls to the same
    account on days D-period+1 … D; and how many there were."""
    # one sortable key per call: account major, day minor; the first call inside the window is
    # found by binary search, the count is the distance to it
    key = acc.astype(np.int64) * (1 << 32) + (day - day.min()).astype(np.int64)
    first = np.searchsorted(key, key - (period - 1), side="left")
    earlier = np.arange(len(key)) - first
    hit = earlier >= allowed
    return np.flatnonzero(hit), earlier[hit]


def _after_conversation(acc: np.ndarray, day: np.ndarray, t: np.ndarray, answered: np.ndarray,
                        quiet: int) -> tuple[np.ndarray, np.ndarray]:
    """Calls placed on days C … C+quiet-1 after an earlier answered call (day C) to the same
    account; and that conversation's timestamp (ns)."""
    # minutes, not nanoseconds: exact in a float, so a midnight conversation stays on its day
    conv = pd.Series(np.where(answered, np.floor_divide(t, _MINUTE_NS), np.nan))
    groups = pd.Series(acc)
    # the latest conversation strictly before each call: shift within the account, carry forward
    previous = conv.groupby(groups).shift(1).groupby(groups).ffill().to_numpy()
    has = ~np.isnan(previous)
    prev_minute = np.where(has, previous, 0).astype(np.int64)
    prev_day = np.floor_divide(prev_minute, 24 * 60)
    hit = has & (day - prev_day <= quiet - 1)
    return np.flatnonzero(hit), prev_minute[hit] * _MINUTE_NS


def _breach_frame(log: pd.DataFrame, order: np.ndarray, acc_codes: np.ndarray, found: list) -> pd.DataFrame:
    """The breaches as a frame sorted by time, account and rule: positions sorted first, then each
    text column built once (Arrow takes, not Python strings per row: text is the slow part on tens
    of thousands of breaches)."""
    empty = not found
    positions = np.zeros(0, dtype=np.int64) if empty else np.concatenate([order[p] for p, _, _ in found])
    rank = np.zeros(0, dtype=np.int64) if empty else np.concatenate(
        [np.full(len(p), RULES.index(r), dtype=np.int64) for p, r, _ in found])
    details = np.zeros(0, dtype=object) if empty else np.concatenate([d for _, _, d in found])
    stamps = log["timestamp"].to_numpy(dtype="datetime64[ns]")[positions]
    sort = np.lexsort((rank, acc_codes[positions], stamps.view("int64")))
    positions, rank, details, stamps = positions[sort], rank[sort], details[sort], stamps[sort]

    def taken(col: str) -> pd.Series:  # Arrow's take: no Python string per row
        if col not in log:
            return pd.Series(np.full(len(positions), "", dtype=object), dtype="str")
        return log[col].astype("str").take(positions).reset_index(drop=True)

    rows = log["source_row"].to_numpy()[positions] if "source_row" in log else positions + 1
    rules = pa.DictionaryArray.from_arrays(pa.array(rank, type=pa.int64()), pa.array(RULES)).dictionary_decode()
    return pd.DataFrame({
        "account_id": taken("account_id"),
        "collector": taken("collector"),
        "timestamp": pd.array(_minute_texts(stamps), dtype="str"),
        "rule": pd.array(rules, dtype="str"),
        "detail": pd.array(details.astype(object), dtype="str"),
        "source_row": rows.astype("int64"),
    })


def breach_counts(breaches: pd.DataFrame, rules: tuple[str, ...] = RULES, by: str | None = None):
    """How many breaches per rule (every rule of ``rules``, zeros included, in that order).

    Parameters
    ----------
    breaches : DataFrame
        :func:`find_breaches`' result.
    rules : tuple of str
        The rules to report, e.g. ``limits.rules``.
    by : str, optional
        A breach column (``"collector"``, ``"account_id"``): a table of that column × rule.

    Returns
    -------
    Series (``by`` None) indexed by rule, or DataFrame with one row per ``by`` value.

    Examples
    --------
    >>> b = pd.DataFrame({"rule": ["third_party", "third_party", "time_window"], "collector": ["a", "b", "a"]})
    >>> breach_counts(b, ("time_window", "third_party")).to_dict()
    {'time_window': 1, 'third_party': 2}
    >>> breach_counts(b, ("time_window", "third_party"), by="collector").values.tolist()
    [['a', 1, 1], ['b', 0, 1]]
    """
    if by is None:
        counts = breaches["rule"].value_counts()
        return pd.Series([int(counts.get(r, 0)) for r in rules], index=list(rules), name="count", dtype="int64")
    table = pd.crosstab(breaches[by], breaches["rule"]).reindex(columns=list(rules), fill_value=0)
    table = table.astype("int64").reset_index()
    table.columns.name = None
    return table


def contact_heatmap(log: pd.DataFrame, channels: tuple[str, ...] | None = None) -> pd.DataFrame:
    """Contacts by hour of day (rows 0–23) × weekday (columns 0 = Monday … 6 = Sunday).

    Examples
    --------
    >>> log = pd.DataFrame({"timestamp": pd.to_datetime(["2024-03-04 09:10", "2024-03-04 09:50", "2024-03-10 22:00"]),
    ...                     "channel": ["call", "sms", "call"]})
    >>> h = contact_heatmap(log)
    >>> int(h.loc[9, 0]), int(h.loc[22, 6]), int(h.to_numpy().sum()), h.shape
    (2, 1, 3, (24, 7))
    """
    _require(log, ("timestamp",))
    rows = log if channels is None else log[log["channel"].isin(channels)]
    ts = pd.DatetimeIndex(rows["timestamp"])
    cells = ts.hour.to_numpy() * 7 + ts.day_of_week.to_numpy()
    counts = np.bincount(cells, minlength=24 * 7).reshape(24, 7)
    out = pd.DataFrame(counts.astype("int64"), index=pd.RangeIndex(24, name="hour"), columns=pd.RangeIndex(7, name="weekday"))
    return out
