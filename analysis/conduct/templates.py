"""Check collection message templates (SMS, push, call scripts, letters) against a rule pack.

Each finding names the category, the rule and its source, the severity, where it is in the text
(``start``/``end``, character offsets) and a suggested rewording. How a rule matches:

- phrases match whole words only (:mod:`analysis.conduct.segment`: jieba boundaries for Chinese,
  ``\\b`` for English), patterns are regular expressions written as the structure of a sentence
  with the pack's word lists (``(去|到)(你|您)的?{hometown}``: any home-town word); a match inside
  an ``innocent`` word, in a sentence with an ``unless`` context or without what the rule
  ``requires`` (a post in a group chat about the debtor or the debt), or under a negation
  (``请勿告知家人``, "we will not contact your employer") is not a finding;
- ``excess_pii`` finds personal data by content (:mod:`analysis.conduct.textpii`) and by the
  names of placeholders (``{full_name}``, ``{id_number}`` fail; ``{name_masked}``,
  ``尾号{last4}`` pass); a full name is expected in a letter and passes there; a mobile number right
  after 致电/客服/热线 … is the lender's own and passes;
- ``contact_time`` finds a time in the quiet hours (cn 22:00–8:00, us 9 p.m.–8 a.m.) in a clause
  that proposes contact (``我们将在晚上11点再次致电``); a payment deadline (``23:59前还款``), the end
  of an opening-hours range (``8:00-22:00``) and the customer's own calls (``致电客服``) pass;
- ``letter_missing``: a letter (channel ``letter``) must state each element of the pack
  (borrower, amount, reason and basis, how to dispute, the lender's contact). The US pack checks
  the validation information (Reg F §1006.34); the debt-collector disclosure (FDCPA §1692e(11),
  "this is an attempt to collect a debt") binds third-party collectors, and a lender's own letter
  need not, and should not, call itself one, so it is not required. The amount is a sum of money (a number with 元/￥/人民币 or $, or
  the amount's placeholder), not the word 欠款 or "balance" alone. Each missing element is one finding with ``start == end == 0`` (it
  is nowhere in the text), ``rule`` = ``<rule id>.<element id>`` and ``text`` = the element's
  name in the chosen language.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from analysis.conduct import segment
from analysis.conduct.rules import CHANNELS, Rule, RulePack, rule_name
from analysis.conduct.textpii import CANDIDATE_RE, find_pii, half_width, mask_span, mask_text
from analysis.core.i18n import MessageError, translate

#: Canonical template columns and the headers recognised for them (compared without case,
#: spaces, ``_`` and ``-``).
COLUMN_ALIASES = {
    "template_id": ("template_id", "templateid", "id", "code", "template_code", "模板编号", "模板id", "模板ID",
                    "编号", "模板代码", "话术编号"),
    "stage": ("stage", "bucket", "stage_bucket", "dpd_bucket", "阶段", "催收阶段", "账龄", "逾期阶段", "桶"),
    "action": ("action", "playbook_action", "处置动作", "动作", "策略动作"),
    "channel": ("channel", "medium", "渠道", "方式", "触达渠道", "发送渠道"),
    "recipient": ("recipient", "audience", "to", "target", "对象", "接收对象", "发送对象", "接收人"),
    "text": ("text", "content", "body", "message", "script", "template", "template_text", "内容", "话术", "文本", "模板",
             "模板内容", "短信内容", "正文"),
}
CHANNEL_ALIASES = {
    "sms": ("sms", "text", "textmessage", "短信", "短讯", "信息", "手机短信"),
    "push": ("push", "app", "apppush", "notification", "inapp", "推送", "app推送", "站内信", "消息推送", "通知"),
    "call": ("call", "phone", "voice", "callscript", "telephone", "script", "电话", "外呼", "话术", "电催", "电话话术", "人工外呼"),
    "letter": ("letter", "mail", "post", "collectionletter", "validationnotice", "信函", "函", "函件", "催收函", "信件", "邮寄",
               "律师函", "告知函", "纸质函件"),
    "email": ("email", "e-mail", "mail_electronic", "邮件", "电子邮件", "邮箱"),
    "visit": ("visit", "fieldvisit", "doorstep", "上门", "外访", "上门拜访"),
    "wechat": ("wechat", "微信", "企业微信", "公众号"),
    "ivr": ("ivr", "robocall", "voicemail", "语音", "智能语音", "机器人外呼", "语音留言"),
    "other": ("other", "其他", "其它"),
}
RECIPIENT_ALIASES = {
    "debtor": ("debtor", "borrower", "consumer", "customer", "cardholder", "self", "本人", "借款人", "债务人", "客户", "持卡人"),
    "guarantor": ("guarantor", "cosigner", "co-signer", "coborrower", "担保人", "保证人", "共同借款人"),
    "third_party": ("third_party", "thirdparty", "third", "contact", "emergencycontact", "relative", "family", "employer",
                    "reference", "friend", "colleague", "第三方", "第三人", "联系人", "紧急联系人", "亲属", "家属", "家人",
                    "单位", "同事", "朋友"),
}
TEXT_COLUMNS = ("template_id", "stage", "action", "channel", "recipient", "text")
FINDINGS_COLUMNS = ("template_id", "stage", "action", "channel", "recipient", "category", "category_name", "rule_name",
                    "rule", "severity", "excerpt", "source", "suggestion")
_SEVERITY_RANK = {"high": 0, "medium": 1, "low": 2}


class TemplateError(MessageError):
    """A template file that cannot be checked: the message says what is missing and how to fix it."""


@dataclass(frozen=True)
class Finding:
    """One problem in a text: ``text[start:end]`` breaks ``rule`` (``start == end == 0`` for an
    element a letter lacks; ``text`` is then the element's name)."""

    category: str
    rule: str
    source: str
    severity: str
    start: int
    end: int
    text: str
    suggestion: str


@dataclass(frozen=True)
class TemplateResult:
    """A checked template: its fields as read, and its findings in reading order."""

    template_id: str
    text: str
    findings: tuple[Finding, ...]
    stage: str = ""
    action: str = ""
    channel: str = ""
    recipient: str = "debtor"

    @property
    def passes(self) -> bool:
        """No finding at all."""
        return not self.findings


# --------------------------------------------------------------------------------------------
# reading a template file


def _key(text: object) -> str:
    return re.sub(r"[\s_\-]+", "", str(text)).lower()


_COLUMN_LOOKUP = {_key(alias): canonical for canonical, aliases in COLUMN_ALIASES.items() for alias in aliases}
_CHANNEL_LOOKUP = {_key(alias): canonical for canonical, aliases in CHANNEL_ALIASES.items() for alias in aliases}
_RECIPIENT_LOOKUP = {_key(alias): canonical for canonical, aliases in RECIPIENT_ALIASES.items() for alias in aliases}


def normalise_channel(value: object) -> str:
    """The canonical channel (:data:`analysis.conduct.rules.CHANNELS`) of a cell; ``""`` when
    empty, ``"other"`` when not recognised.

    Examples
    --------
    >>> normalise_channel("短信"), normalise_channel("Letter"), normalise_channel("催收函"), normalise_channel("fax")
    ('sms', 'letter', 'letter', 'other')
    """
    if value is None or value is pd.NA or (isinstance(value, float) and value != value) or not str(value).strip():
        return ""
    return _CHANNEL_LOOKUP.get(_key(value), "other")


def normalise_recipient(value: object) -> str | None:
    """``debtor``, ``guarantor`` or ``third_party`` for a cell (empty → ``debtor``); ``None`` when
    not recognised.

    Examples
    --------
    >>> normalise_recipient("紧急联系人"), normalise_recipient(""), normalise_recipient("Guarantor")
    ('third_party', 'debtor', 'guarantor')
    """
    if value is None or value is pd.NA or (isinstance(value, float) and value != value) or not str(value).strip():
        return "debtor"
    return _RECIPIENT_LOOKUP.get(_key(value))


def _cell(value: object) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return ""
    text = str(value).strip()
    return text[:-2] if re.fullmatch(r"\d+\.0", text) else text  # Excel reads ids as floats


def read_templates(data: bytes, name: str, sheet: str | None = None) -> pd.DataFrame:
    """Read a template file (CSV in UTF-8/GBK, XLSX, XLS) into the canonical columns.

    Headers are recognised in English and Chinese (:data:`COLUMN_ALIASES`); only the text column
    is required. ``sheet`` picks a workbook's sheet (default the first with data). Without a ``template_id`` the row number is the id; channels and recipients are
    normalised (:func:`normalise_channel`, :func:`normalise_recipient`).

    Returns
    -------
    DataFrame
        Columns :data:`TEXT_COLUMNS`, one row per template with text, all strings.

    Raises
    ------
    TemplateError
        An unreadable file, no text column, no text at all, repeated ids, an unknown recipient.

    Examples
    --------
    >>> csv = "模板编号,渠道,内容\\nT1,短信,您的账单已逾期，请尽快还款。\\n".encode("utf-8")
    >>> read_templates(csv, "t.csv")[["template_id", "channel", "recipient"]].values.tolist()
    [['T1', 'sms', 'debtor']]
    """
    from analysis.ingest.errors import IngestError
    from analysis.ingest.readers import read_table

    try:
        raw = read_table(data, name, sheet=sheet)
    except IngestError as exc:
        raise TemplateError("conduct.err.templates_unreadable", name=name, detail=exc) from None
    frame = raw.frame
    columns: dict[str, str] = {}
    for header in frame.columns:
        canonical = _COLUMN_LOOKUP.get(_key(header))
        if canonical and canonical not in columns:
            columns[canonical] = header
    if "text" not in columns:
        raise TemplateError("conduct.err.templates_columns", name=name, missing="text (内容/话术)",
                            found=", ".join(map(str, frame.columns)))
    rows, blank = [], []
    for i, record in enumerate(frame.to_dict("records")):
        text = _cell(record.get(columns["text"]))
        row_number = int(raw.source_rows[i]) if len(raw.source_rows) > i else i + 2
        if not text:
            blank.append(row_number)  # nothing to check, but not dropped without a word
            continue
        recipient = normalise_recipient(record.get(columns["recipient"])) if "recipient" in columns else "debtor"
        if recipient is None:
            raise TemplateError("conduct.err.unknown_recipient", row=row_number, value=_cell(record.get(columns["recipient"])))
        rows.append({
            "template_id": _cell(record.get(columns["template_id"])) if "template_id" in columns else "",
            "stage": _cell(record.get(columns["stage"])) if "stage" in columns else "",
            "action": _cell(record.get(columns["action"])).lower() if "action" in columns else "",
            "channel": normalise_channel(record.get(columns["channel"])) if "channel" in columns else "",
            "recipient": recipient,
            "text": text,
            "_row": row_number,
        })
    if not rows:
        raise TemplateError("conduct.err.templates_empty", name=name)
    out = pd.DataFrame(rows)
    missing_id = out["template_id"] == ""
    out.loc[missing_id, "template_id"] = out.loc[missing_id, "_row"].map(lambda r: f"row{r}")
    repeated = out["template_id"][out["template_id"].duplicated()].unique().tolist()
    if repeated:
        raise TemplateError("conduct.err.templates_duplicate_id", name=name, ids=", ".join(map(str, repeated[:10])))
    checked = out[list(TEXT_COLUMNS)].astype(str).reset_index(drop=True)
    checked.attrs["blank_rows"] = blank  # rows without a text, for the note that says so
    return checked


# --------------------------------------------------------------------------------------------
# matching


@lru_cache(maxsize=4096)
def _compiled(pattern: str) -> re.Pattern:
    return re.compile(pattern)


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if out and s < out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def _unless(text: str, start: int, rule: Rule) -> bool:
    unless = rule.compiled("unless")
    if not unless:
        return False
    s, e = segment.sentence(text, start)
    piece = text[s:e]
    return any(regex.search(piece) for regex in unless)


def _lacks_required(text: str, start: int, end: int, rule: Rule) -> bool:
    """Whether the sentence holding the match speaks of none of what ``requires`` names (a post
    in a village group is shaming only when it is about the debtor or the debt)."""
    requires = rule.compiled("requires")
    if not requires:
        return False
    s, _ = segment.sentence(text, start)
    _, e = segment.sentence(text, max(start, end - 1))
    piece = text[s:e]
    return not any(regex.search(piece) for regex in requires)


def _lowered(rule: Rule) -> tuple[tuple[str, str], ...]:
    """The rule's phrases with their lower-case forms, kept beside its compiled patterns (an
    lru_cache would hash the whole tuple of phrases on every call)."""
    found = rule.expanded.get("lowered_phrases")
    if found is None:
        found = rule.expanded["lowered_phrases"] = tuple((p, p.lower()) for p in rule.phrases)
    return found


@lru_cache(maxsize=64)
def _lower(text: str) -> str:
    return text.lower()


def _text_spans(text: str, rule: Rule) -> list[tuple[int, int]]:
    # most phrases do not occur in most texts: a substring test first, word boundaries after
    lowered = _lower(text)
    spans = [span for phrase, low in _lowered(rule) if low in lowered
             for span in segment.find_phrase(text, phrase)]
    # Chinese patterns run one by one (each keeps re's literal fast path, which one alternation of
    # all of them loses); English ones first as one alternation (Rule.quick_test)
    ascii_text = text.isascii()
    quick = rule.quick_test(ascii_text)
    if quick is None or quick.search(text):
        spans += [(m.start(), m.end()) for regex in rule.compiled("patterns", ascii_text) for m in regex.finditer(text)
                  if m.end() > m.start()]
    kept = []
    for s, e in _merge(spans):
        if rule.innocent and segment.inside_any(text, s, e, rule.innocent):
            continue
        if rule.negatable and segment.negated(text, s):
            continue
        if _unless(text, s, rule) or _lacks_required(text, s, e, rule):
            continue
        kept.append((s, e))
    return kept


_OWN_NUMBER_WINDOW = 12
_PII_CANDIDATE = re.compile(CANDIDATE_RE)
_MASKED_BEFORE = re.compile(r"(尾号|后四位|后4位|末四位|末4位|ending in|ends in|last four|last 4)\s*[:：]?\s*$", re.IGNORECASE)
_NAME_PLACEHOLDER = re.compile(r"name|姓名|全名", re.IGNORECASE)


def _pii_spans(text: str, rule: Rule, pack: RulePack, channel: str | None) -> list[tuple[int, int]]:
    settings = pack.thresholds.get("pii", {})
    kinds = set(settings.get("kinds", ()))
    names_exempt = channel in set(settings.get("name_exempt_channels", ()))
    own_cues = _compiled(settings["own_contact_cues"])
    spans = []
    for span in (find_pii(text) if _PII_CANDIDATE.search(text) else ()):
        if span.kind not in kinds or (span.kind == "name" and names_exempt):
            continue
        if span.kind == "phone" and own_cues.search(text[max(0, span.start - _OWN_NUMBER_WINDOW):span.start]):
            continue  # the lender's own number after 致电/客服/call us
        spans.append((span.start, span.end))
    passing, flagged = _compiled(settings["placeholder_pass"]), _compiled(settings["placeholder_flag"])
    for m in _compiled(settings["placeholder"]).finditer(text):
        name = next((g for g in m.groups() if g), "")
        if not name or passing.search(name) or not flagged.search(name):
            continue
        if _MASKED_BEFORE.search(text[max(0, m.start() - 12):m.start()]):
            continue
        if names_exempt and _NAME_PLACEHOLDER.search(name):
            continue
        spans.append((m.start(), m.end()))
    return _merge(spans)


_ZH_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_EVENING = ("下午", "傍晚", "晚上", "晚间", "夜里", "夜间", "今晚", "明晚", "当晚", "今夜", "晚", "夜")
_ZH_PREFIX = r"(凌晨|早上|早晨|清晨|上午|中午|下午|傍晚|晚上|晚间|夜里|夜间|深夜|半夜|今晚|明晚|当晚|今夜|晚|夜)?\s*"
_ZH_TIME_RE = re.compile(_ZH_PREFIX + r"(\d{1,2}|[零一二两三四五六七八九十]{1,3})\s*[点點时時](?:\s*(半|一刻|三刻|(\d{1,2}|[零一二三四五六七八九十]{1,3})\s*分))?")
_HHMM_RE = re.compile(_ZH_PREFIX + r"(?<![\d:：])([01]?\d|2[0-3])[:：]([0-5]\d)(?![\d:：])")
#: Day-part words after which 12 o'clock is midnight, not noon.
_NIGHT_TWELVE = ("晚上", "晚间", "夜里", "夜间", "深夜", "半夜", "今晚", "明晚", "当晚", "今夜", "晚", "夜", "凌晨")
_EN_HOURS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve")
_EN_MINUTES = {"fifteen": 15, "thirty": 30, "forty five": 45}
#: A time in words with the part of the day that makes it evening or night ("nine thirty tonight").
_EN_WORD_TIME_RE = re.compile(
    r"\b(" + "|".join(_EN_HOURS) + r")(?:\s+(o'?clock|fifteen|thirty|forty[- ]five))?"
    r"(?:\s+o'?clock)?\s+(tonight|this evening|in the evening|at night|p\.?m\b\.?)", re.IGNORECASE)
_EN_TIME_RE = re.compile(r"\b(1[0-2]|0?[1-9])(?::([0-5]\d))?\s*(a\.?m\b\.?|p\.?m\b\.?)", re.IGNORECASE)
_RANGE_BEFORE = re.compile(r"(-|–|—|~|～|至|到|\bto|\buntil|\btill|\bthrough)\s*$", re.IGNORECASE)


def _zh_int(text: str) -> int:
    if text.isdigit():
        return int(text)
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (_ZH_DIGITS.get(tens, 1) if tens else 1) * 10 + (_ZH_DIGITS.get(ones, 0) if ones else 0)
    return _ZH_DIGITS.get(text, 0)


def _clock(prefix: str | None, hour: int, minute: int) -> int:
    """Minutes after midnight of a Chinese time with its day-part word (晚上11点 → 23:00; 夜里12点
    and 凌晨12点 are midnight)."""
    if prefix in _NIGHT_TWELVE and hour == 12:
        hour = 0
    elif prefix in _EVENING and hour < 12:
        hour += 12
    elif prefix in ("中午",) and hour < 6:
        hour += 12
    return (hour % 24) * 60 + minute


def _times(text: str) -> list[tuple[int, int, int]]:
    """``(start, end, minutes after midnight)`` of every clock time written in the text."""
    found: list[tuple[int, int, int]] = []
    for m in _EN_TIME_RE.finditer(text):
        hour, minute = int(m.group(1)) % 12, int(m.group(2) or 0)
        if m.group(3).lower().startswith("p"):
            hour += 12
        found.append((m.start(), m.end(), hour * 60 + minute))
    for m in _EN_WORD_TIME_RE.finditer(text):
        hour = _EN_HOURS.index(m.group(1).lower()) + 1
        minute = _EN_MINUTES.get((m.group(2) or "").lower().replace("-", " "), 0)
        # twelve tonight or at night is midnight; any other hour of the evening is p.m.
        midnight = hour == 12 and m.group(3).lower() in ("tonight", "at night")
        found.append((m.start(), m.end(), minute if midnight else (hour % 12 + 12) * 60 + minute))
    for m in _HHMM_RE.finditer(text):
        found.append((m.start(), m.end(), _clock(m.group(1), int(m.group(2)), int(m.group(3)))))
    for m in _ZH_TIME_RE.finditer(text):
        hour = _zh_int(m.group(2))
        extra = m.group(3)
        minute = 30 if extra == "半" else 15 if extra == "一刻" else 45 if extra == "三刻" else _zh_int(m.group(4)) if m.group(4) else 0
        if hour <= 24 and minute < 60:
            found.append((m.start(), m.end(), _clock(m.group(1), hour, minute)))
    kept: list[tuple[int, int, int]] = []
    for s, e, minutes in found:  # the first reading of a piece of text wins (12 p.m. over 12)
        if all(e <= ks or s >= ke for ks, ke, _ in kept):
            kept.append((s, e, minutes))
    return kept


def _minutes(hhmm: str) -> int:
    h, m = hhmm.strip().split(":")
    return int(h) * 60 + int(m)


def _quiet(minutes: int, start: int, end: int) -> bool:
    return minutes >= start or minutes < end if start > end else start <= minutes < end


def _proposes_contact(text: str, pos: int, contact: re.Pattern, inbound: re.Pattern) -> bool:
    c_start, c_end = segment.clause(text, pos)
    s_start, s_end = segment.sentence(text, pos)
    if inbound.search(text[s_start:s_end]):
        return False  # the customer's calls to the lender, opening hours
    if contact.search(text[c_start:c_end]):
        return True
    # a time standing alone before a comma (今晚11点，我们将致电您) belongs to the next clause
    if c_end - c_start <= 8 and c_end < len(text):
        n_start, n_end = segment.clause(text, c_end + 1)
        return bool(contact.search(text[n_start:n_end]))
    return False


_TIME_CANDIDATE = re.compile(r"\d|[点點时時]|\b(?:tonight|evening|at night|p\.?m)\b", re.IGNORECASE)


def _night_spans(text: str, pack: RulePack) -> list[tuple[int, int]]:
    t = pack.thresholds
    words_ = t.get("night_words", ())
    if not _TIME_CANDIDATE.search(text) and not any(w.lower() in text.lower() for w in words_):
        return []
    start, end = _minutes(t["quiet_hours"]["start"]), _minutes(t["quiet_hours"]["end"])
    contact, inbound = _compiled("(?i)" + t["contact_words"]), _compiled("(?i)" + t["inbound_words"])
    spans = []
    for s, e, minutes in _times(text):
        if not _quiet(minutes, start, end):
            continue
        if minutes == start and _RANGE_BEFORE.search(text[max(0, s - 8):s]):
            continue  # "8:00-22:00": the window's own end
        if _proposes_contact(text, s, contact, inbound) and not segment.negated(text, s):
            spans.append((s, e))
    for word in words_:
        for s, e in segment.find_phrase(text, word):
            if _proposes_contact(text, s, contact, inbound) and not segment.negated(text, s):
                spans.append((s, e))
    return _merge(spans)


def _letter_findings(text: str, rule: Rule, pack: RulePack, lang: str) -> list[Finding]:
    out = []
    for element in pack.thresholds["letter"]["elements"]:
        if any(_compiled(p).search(text) for p in element["patterns"]):
            continue
        name = element["name"].get(lang) or element["name"]["en"]
        suggestion = translate("conduct.finding.letter_missing", lang, element=name) + " " + rule.text("suggestion", lang)
        out.append(Finding(rule.category, f"{rule.rule}.{element['id']}", rule.source, rule.severity, 0, 0, name, suggestion))
    return out


def check_text(text: str, pack: RulePack, *, channel: str | None = None, recipient: str = "debtor",
               lang: str = "zh") -> list[Finding]:
    """Every finding of ``pack`` in one message text, in reading order.

    Parameters
    ----------
    text : str
        The template as written (placeholders included).
    pack : RulePack
        :func:`analysis.conduct.rules.rule_pack` or an edited pack.
    channel : str, optional
        Canonical channel (``sms``, ``call``, ``letter`` …) or a name :func:`normalise_channel`
        knows; the letter check runs only for ``letter``.
    recipient : str
        ``debtor`` (default), ``guarantor`` or ``third_party`` (a message for a contact, relative
        or employer must not reveal the debt).
    lang : str
        Language of the suggestions and of the letter elements' names.

    Examples
    --------
    >>> from analysis.conduct.rules import rule_pack
    >>> [(f.category, f.text) for f in check_text("再不还钱就让你坐牢，老赖！", rule_pack("cn"))]
    [('false_legal', '坐牢'), ('insult', '老赖')]
    >>> check_text("如有争议可向法院起诉，我们不会将您的情况告知家人。", rule_pack("cn"))
    []
    >>> [(f.category, f.text) for f in check_text("我们将于２３：００再次致电", rule_pack("cn"))]
    [('contact_time', '２３：００')]
    """
    if not isinstance(text, str) or not text.strip():
        return []
    if channel is not None and channel not in CHANNELS:
        channel = normalise_channel(channel) or None
    # read with full-width digits and punctuation as half-width (２３：００ is 23:00), one character
    # for one, so a finding's span is the same in the text as written
    read = half_width(text)
    found: list[Finding] = list(_language_findings(read, pack, lang))
    for rule in pack.rules:
        if not rule.applies(channel, recipient):
            continue
        if rule.kind == "letter":
            found.extend(_letter_findings(read, rule, pack, lang))
            continue
        if rule.kind == "pii":
            spans = _pii_spans(read, rule, pack, channel)
        elif rule.kind == "night_time":
            spans = _night_spans(read, pack)
        else:
            spans = _text_spans(read, rule)
        if spans:
            suggestion = rule.text("suggestion", lang)
            found.extend(Finding(rule.category, rule.rule, rule.source, rule.severity, s, e, text[s:e], suggestion)
                         for s, e in spans)
    return sorted(found, key=lambda f: (f.start, f.end, _SEVERITY_RANK.get(f.severity, 9), f.rule))


#: The language each shipped pack's patterns read.
_PACK_SCRIPTS = {"cn": "zh", "us": "en"}
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_LATIN_WORD = re.compile(r"(?<![{\w])[A-Za-z]{2,}(?![\w}])")


def _language_findings(text: str, pack: RulePack, lang: str) -> list[Finding]:
    """A template the pack cannot read (English under the China rules, Chinese under the US
    rules) is not clean: none of its patterns could match. Said as a finding, so it is not
    passed as "ok"; words in placeholders (``{name}``) do not count."""
    script = _PACK_SCRIPTS.get(pack.jurisdiction)
    if script is None:
        return []
    cjk, latin = len(_CJK.findall(text)), len(_LATIN_WORD.findall(text))
    unread = (cjk == 0 and latin >= 3) if script == "zh" else (latin == 0 and cjk >= 3)
    if not unread:
        return []
    return [Finding("language", "language_mismatch", translate(f"conduct.language.source.{script}", lang), "high",
                    0, 0, translate(f"conduct.language.name.{script}", lang),
                    translate("conduct.language.suggestion", lang))]


def check_templates(frame: pd.DataFrame, pack: RulePack, lang: str = "zh") -> list[TemplateResult]:
    """Check every template of a :func:`read_templates` frame (or any frame with a ``text``
    column and optionally the other :data:`TEXT_COLUMNS`). A template without a channel whose
    ``action`` is the playbook's ``call``, ``letter`` or ``visit`` is checked as that channel.

    Examples
    --------
    >>> from analysis.conduct.rules import rule_pack
    >>> frame = pd.DataFrame({"template_id": ["A", "B"], "channel": ["sms", "sms"],
    ...                       "text": ["您的账单已逾期，请尽快还款。", "再不还就曝光你"]})
    >>> [(r.template_id, r.passes) for r in check_templates(frame, rule_pack("cn"))]
    [('A', True), ('B', False)]
    """
    out = []
    for i, row in enumerate(frame.to_dict("records")):
        text = _cell(row.get("text"))
        action = _cell(row.get("action")).lower()
        # without a channel, a template tied to the playbook's call, letter or visit is one
        channel = normalise_channel(row.get("channel")) or (action if action in ("call", "letter", "visit") else None)
        recipient = normalise_recipient(row.get("recipient")) or "debtor"
        findings = check_text(text, pack, channel=channel, recipient=recipient, lang=lang)
        out.append(TemplateResult(template_id=_cell(row.get("template_id")) or str(i + 1), text=text,
                                  findings=tuple(findings), stage=_cell(row.get("stage")),
                                  action=action, channel=channel or "", recipient=recipient))
    return out


# --------------------------------------------------------------------------------------------
# what the CLI, the page and the exports show


def templates_payload(results: list[TemplateResult], jurisdiction: str, *, lang: str = "zh") -> dict:
    """The CLI's JSON (a public interface: keys are added, never renamed).

    ``{"jurisdiction", "templates": [{"template_id", "passes", "findings": [{"category", "rule",
    "source", "severity", "start", "end", "text", "suggestion", "text_masked"}], "stage", "action",
    "channel", "recipient"}], "checked", "failing", "by_category", "disclaimer"}``.

    ``start``/``end`` count Unicode code points (Python string indices). A finding's ``text`` is
    exactly ``template[start:end]`` (what to highlight: the user's own template);
    ``text_masked`` is the same with personal data masked (:func:`masked_piece`), which is what
    exports show.
    """
    templates, by_category = [], {}
    for r in results:
        for f in r.findings:
            by_category[f.category] = by_category.get(f.category, 0) + 1
        templates.append({
            "template_id": r.template_id, "passes": r.passes,
            "findings": [{"category": f.category, "rule": f.rule, "source": f.source, "severity": f.severity,
                          "start": f.start, "end": f.end, "text": f.text, "suggestion": f.suggestion,
                          "text_masked": masked_piece(r.text, f.start, f.end) if f.end > f.start else f.text}
                         for f in r.findings],
            "stage": r.stage, "action": r.action, "channel": r.channel, "recipient": r.recipient,
        })
    return {"jurisdiction": jurisdiction, "templates": templates, "checked": len(results),
            "failing": sum(not r.passes for r in results), "by_category": dict(sorted(by_category.items())),
            "disclaimer": translate("conduct.disclaimer", lang)}


def masked_piece(text: str, start: int, end: int) -> str:
    """``text[start:end]`` with the personal data found in the whole ``text`` masked (a name is
    only recognised in its slot, ``尊敬的张三丰先生``, so the piece alone is not enough).

    Examples
    --------
    >>> masked_piece("尊敬的张三丰先生", 3, 6)
    '张*丰'
    """
    out, pos = [], start
    for span in find_pii(text):
        a, b = max(span.start, start), min(span.end, end)
        if a >= b:
            continue
        masked = mask_span(span)
        # a span cut by the excerpt's edge is masked too: its part of the masked form (masks keep
        # the length, except an e-mail's, which is starred out)
        part = masked[a - span.start:b - span.start] if len(masked) == len(span.text) else "*" * (b - a)
        out += [text[pos:a], part if (a, b) != (span.start, span.end) else masked]
        pos = b
    out.append(text[pos:end])
    return mask_text("".join(out))


def _excerpt(text: str, finding: Finding, masked: bool, width: int = 12) -> str:
    if finding.start == finding.end:
        return finding.text
    s, e = max(0, finding.start - width), min(len(text), finding.end + width)
    piece = masked_piece(text, s, e) if masked else text[s:e]
    return ("…" if s > 0 else "") + piece + ("…" if e < len(text) else "")


def findings_table(results: list[TemplateResult], lang: str = "zh", *, masked: bool = True,
                   pack: RulePack | None = None) -> pd.DataFrame:
    """One row per finding, for the screen and the export (columns :data:`FINDINGS_COLUMNS`;
    headers translate with ``conduct.col.<column>``).

    ``excerpt`` is the finding with a little context either side, masked by default; severity,
    category name and rule name are in ``lang`` (``category`` keeps the key, ``rule`` the rule's
    id, which the pack file and the CLI use). ``pack``: the pack the results were checked with,
    to name a rule the user added (by its description; see :func:`rule_name`).

    Examples
    --------
    >>> from analysis.conduct.rules import rule_pack
    >>> r = check_templates(pd.DataFrame({"text": ["尊敬的张三丰先生，请还款"]}), rule_pack("cn"))
    >>> findings_table(r, "en")[["category", "rule_name", "excerpt"]].values.tolist()
    [['excess_pii', 'Personal data beyond the minimum', '尊敬的张*丰先生，请还款']]
    """
    rows = []
    for r in results:
        for f in r.findings:
            excerpt = _excerpt(r.text, f, masked)
            rows.append({"template_id": r.template_id, "stage": r.stage, "action": r.action, "channel": r.channel,
                         "recipient": r.recipient, "category": f.category,
                         "category_name": translate(f"conduct.category.{f.category}", lang),
                         "rule_name": rule_name(f.rule, lang, pack), "rule": f.rule,
                         "severity": translate(f"conduct.severity.{f.severity}", lang),
                         "excerpt": excerpt, "source": f.source,
                         "suggestion": f.suggestion})
    return pd.DataFrame(rows, columns=list(FINDINGS_COLUMNS))


def highlight_segments(text: str, findings: list[Finding]) -> list[tuple[str, Finding | None]]:
    """The text cut into pieces, each with the finding that covers it (or ``None``), for a page
    to render with its own escaping. Where findings overlap, the more severe (then the earlier)
    one colours the piece; findings without a span (a letter's missing element) are left out.
    Joining the pieces gives ``text`` back.

    Examples
    --------
    >>> f = Finding("insult", "r", "s", "high", 2, 4, "老赖", "")
    >>> [(piece, hit is not None) for piece, hit in highlight_segments("你个老赖！", [f])]
    [('你个', False), ('老赖', True), ('！', False)]
    """
    spans = [f for f in findings if f.end > f.start]
    cuts = sorted({0, len(text)} | {f.start for f in spans} | {f.end for f in spans})
    pieces: list[tuple[str, Finding | None]] = []
    for a, b in zip(cuts, cuts[1:]):
        if a >= b:
            continue
        covering = [f for f in spans if f.start <= a and f.end >= b]
        hit = min(covering, key=lambda f: (_SEVERITY_RANK.get(f.severity, 9), f.start)) if covering else None
        if pieces and pieces[-1][1] is hit:
            pieces[-1] = (pieces[-1][0] + text[a:b], hit)
        else:
            pieces.append((text[a:b], hit))
    return pieces
