"""Personal data found by its content in any free text, and masked.

The columns of a portfolio say which cells are personal data (``analysis.core.privacy``); free
text does not: a collection template, a note, a comment can carry a phone number, an ID number,
a card number or a full name anywhere. This module finds them by what they look like and by the
checks they carry, so ordinary numbers are left alone:

- ``phone``: a mainland mobile number ``1[3-9]`` + 9 digits, also written ``138 1234 5678``,
  ``138-1234-5678``, ``+86 13812345678`` / ``0086…``; not inside a longer run of digits.
- ``id_number``: an 18-character resident ID (GB 11643-1999): a region code of a real province
  (GB/T 2260), a real birth date, and the ISO 7064 MOD 11-2 check digit (``0``–``9`` or ``X``);
  or a 15-digit ID of the old form (region, ``YYMMDD`` birth date that exists, 3-digit sequence)
  written after a label such as 身份证/证件: it has no check digit, and 15 digits alone are as
  often a bank account.
- ``card``: 13–19 digits (single spaces or dashes allowed between them) that start like a payment
  card (UnionPay 62, Visa 4, Mastercard 51–55 / 2221–2720, Amex 34/37, JCB 35, Diners 30/36/38,
  Discover 60/64/65) and pass the Luhn check.
- ``ssn``: a US social security number written ``123-45-6789`` (area not 000, 666 or 9xx).
- ``email``: an e-mail address.
- ``name``: a full name where a name slot is evident: after ``尊敬的``, ``亲爱的``, ``借款人``,
  ``姓名：``, ``客户``, ``致：`` … (a known surname and one or two given characters); a surname and
  one or two given characters right before 先生/女士/小姐 at the start of a sentence or after a
  pause or a bracket (``王建国先生，…``, ``【某某金融】刘晓燕女士您好``), or elsewhere when jieba
  cuts them as whole words (``提醒周志强先生``, not ``请向王先生``); ``Dear``, ``Attn:``,
  ``Borrower:`` … followed by two or three capitalised words; ``Mr.``/``Ms.``/``Mrs.``/``Dr.``
  followed by a first and a last name. A surname alone (``张先生``, "Mr. Smith") or a masked name
  (``张*丰``) is not a full name.

Amounts (``12,345.67``), dates (``2024-01-31``), contract numbers (``20240131000123``) are not
personal data unless they pass one of the checks above.

:func:`mask_text` masks what :func:`find_pii` finds the way ``analysis.core.privacy`` masks
columns (``138****5678``, ``110101********1234``, ``张*丰``); a card keeps its last 4 digits.
:func:`mask_series` does the same over a Series, touching only the cells that can hold any.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from datetime import date

import numpy as np
import pandas as pd

from analysis.core.privacy import mask_id_number, mask_name

KINDS = ("phone", "id_number", "card", "ssn", "email", "name")


@dataclass(frozen=True)
class PiiSpan:
    """One piece of personal data in a text: ``text[start:end]`` is it."""

    kind: str
    start: int
    end: int
    text: str


# A digit or Latin letter next to a number means the number is part of a longer code.
_B = r"(?<![0-9A-Za-z])"
_A = r"(?![0-9A-Za-z])"

_PHONE_RE = re.compile(_B + r"(?:(?:\+|00)86[\s-]?|86-)?1[3-9]\d(?:[ -]?\d{4}){2}(?![0-9])")
# A landline: an area code written apart (021-62345678, (010) 6234 5678) or run together
# (02162345678), only where a phone word comes just before it (_PHONE_WORD_RE): without one,
# 0101-2024-0001 is a product or batch code, and any number may start with 0.
_LANDLINE_RE = re.compile(_B + r"(?:(?:\+|00)86[\s-]?)?(?:\(0\d{2,3}\)\s?|0\d{2,3}[\s-]?)\d{3,4}[\s-]?\d{4}(?![0-9])")
_PHONE_WORD_RE = re.compile(r"(?:电话|座机|固话|手机|联系方式|tel|phone|call)\W{0,3}$", re.IGNORECASE)
_ID18_RE = re.compile(_B + r"[1-8]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[0-9Xx]" + _A)
_ID15_RE = re.compile(_B + r"[1-8]\d{5}\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}" + _A)
_CARD_RE = re.compile(_B + r"\d(?:[ -]?\d){12,18}" + _A)
_SSN_RE = re.compile(r"(?<![0-9-])(?!000|666|9\d\d)\d{3}-(?!00)\d{2}-(?!0000)\d{4}(?![0-9-])")
_EMAIL_RE = re.compile(r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")

# GB/T 2260 province codes: the first two digits of every resident ID (71 Taiwan, 81/82 HK/Macao)
_PROVINCES = frozenset("11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 50 51 52 53 54 61 62 63 64 65 71 81 82 83".split())
_ID_LABEL_RE = re.compile(r"身份证|证件|身份号|公民身份|\bID\b|identity", re.IGNORECASE)
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"

# Card issuer prefixes (ISO/IEC 7812 IIN ranges of the networks seen in China and the US).
_CARD_PREFIX_RE = re.compile(r"^(?:62|4|5[1-5]|2(?:22[1-9]|2[3-9]\d|[3-6]\d\d|7[01]\d|720)|3[47]|35|3[068]|6[045])")

_COMPOUND_SURNAMES = ("欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙",
                      "宇文", "司徒", "夏侯", "令狐", "澹台", "端木", "南宫", "独孤")
# Common single-character surnames; characters that are mostly ordinary words after 尊敬的/客户
# (信, 国, 都, 和, 全, 安, 文, 公, 元, 万, 明, 平 …) are left out on purpose.
_SURNAMES = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁"
    "任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫阎段雷侯龙史陶黎贺顾毛郝龚邵钱严覃武戴莫孔"
    "向汤常温康施牛樊葛邢齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕"
    "季裴霍涂苗谷盛曲翁冉骆蓝游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳穆农卓古吉缪简车项连芦麦褚娄窦"
    "戚岑景党宫费卜冷晏席卫米柏宗瞿桂佟臧闵苟邬边卞姬师仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩佘池查麻苑"
    "迟邝官封谈匡鞠惠荆乐冀郁胥南班储栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻厉伊仝郜阚花权强帅屠豆朴盖练廉禹"
    "井祖漆巴丰支卿狄计索宣晋初门云容敬扈晁芮阙浦戈伏鹿薄邸雍辜羊裘亓修邰赫杭况宿鲜印逯隆茹诸战慕危"
)
# Characters that end a name or show the slot holds a word, not a name; titles end it too
# (王小明 is a name, 王小姐 a surname and a title).
_NOT_GIVEN = set("先生女士同志您你的于在为是已将请客户用卡会员贷款额银行司业务账单信息期还借欠逾催收经理总"
                 "工师老哥姐局处科主董律医院所部门中心平台公网店人者家属亲友单位领导同事朋友及和与或等报刊")
_TITLES = ("小姐", "先生", "女士", "同志", "老师", "经理", "总监", "阿姨", "叔叔")
_AFTER_NAME = set("先女小同老总经，,：:！!、 \t\n您你（(。；;于在已将的及和与")
_NAME_CUE_ZH = re.compile(r"(?:尊敬的|亲爱的|借款人|债务人|持卡人|担保人|客户|姓名|户名|致)[:：]?\s*")
_NAME_EN = re.compile(r"\b(?:Dear|Attn:?|Attention:?|To:|Consumer:|Borrower:|Debtor:|Name:|Cardholder:|Customer:)"
                      r"[ \t]+((?:[A-Z][a-z'\-]+[ \t]+){1,2}[A-Z][a-z'\-]+)\b")
# 王建国先生 at the head of a sentence or after a pause: the title shows the slot without a cue word
_NAME_TITLE_ZH = re.compile(r"(?:^|(?<=[，,。！!？?；;：:\s】\]」』）)]))(?=[\u4e00-\u9fff]{2,4}(?:先生|女士|小姐))")
_HONORIFIC_EN = re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.?[ \t]+([A-Z][a-z'\-]+[ \t]+[A-Z][a-z'\-]+)\b")
_EN_NOT_NAME = {"Please", "Thank", "Thanks", "We", "This", "You", "If", "As", "Hello", "Hi", "Re", "Regarding",
                "Valued", "Customer", "Customers", "Account", "Sir", "Madam", "Borrower", "Member", "Cardholder",
                "Client", "Friend", "Team", "Mr", "Mrs", "Ms", "Miss", "Dr", "Consumer", "Holder", "Debtor",
                "Resident", "Current", "The", "Our", "Your", "To", "Whom", "It", "Sirs", "Collections", "Department"}

#: Text without a long digit run, an ``@`` or a name cue holds no personal data: a cheap first test.
CANDIDATE_RE = (r"\d{7}|\d[ -]\d{4}|\d{3}-\d{2}-\d{4}|@|(?:尊敬的|亲爱的|借款人|债务人|持卡人|担保人|客户|姓名|户名|致)[:：]?\s*["
                  + "".join(sorted(_SURNAMES | {s[0] for s in _COMPOUND_SURNAMES})) + "]"
                  r"|(?:Dear|Attn|Attention|To:|Consumer:|Borrower:|Debtor:|Name:|Cardholder:|Customer:)\s+[A-Z]"
                  r"|先生|女士|小姐|\b(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.?\s+[A-Z][a-z'\-]+\s+[A-Z]")


def id_check_digit(first17: str) -> str:
    """The GB 11643-1999 check character of an 18-character ID from its first 17 digits.

    Examples
    --------
    >>> id_check_digit("11010519491231002")
    'X'
    """
    total = sum(int(d) * w for d, w in zip(first17, _ID_WEIGHTS))
    return _ID_CHECK[total % 11]


def luhn_valid(digits: str) -> bool:
    """Whether a digit string passes the Luhn (mod 10) check that card numbers carry.

    Examples
    --------
    >>> luhn_valid("4111111111111111"), luhn_valid("4111111111111112")
    (True, False)
    """
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2 == 1:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def _real_date(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def _valid_id18(text: str) -> bool:
    if text[:2] not in _PROVINCES:
        return False
    if not _real_date(int(text[6:10]), int(text[10:12]), int(text[12:14])):
        return False
    return id_check_digit(text[:17]) == text[17].upper()


def _valid_id15(text: str) -> bool:
    return text[:2] in _PROVINCES and _real_date(1900 + int(text[6:8]), int(text[8:10]), int(text[10:12]))


def _zh_names(text: str):
    cues = sorted([m.end() for m in _NAME_CUE_ZH.finditer(text)] + [m.start() for m in _NAME_TITLE_ZH.finditer(text)])
    found = set()
    for start in dict.fromkeys(cues):
        window = text[start:start + 4]
        surname = next((s for s in _COMPOUND_SURNAMES if window.startswith(s)), None)
        if surname is None:
            if not window or window[0] not in _SURNAMES:
                continue
            surname = window[0]
        given = ""
        for i, ch in enumerate(window[len(surname):]):
            at = start + len(surname) + i
            if (not ("\u4e00" <= ch <= "\u9fff") or ch in _NOT_GIVEN or len(given) == 2
                    or text.startswith(_TITLES, at)):
                break
            given += ch
        end = start + len(surname) + len(given)
        # a name is followed by a title or a pause (张三丰先生，); 华夏银行, 花呗用户 are words
        if given and (end == len(text) or text[end] in _AFTER_NAME):
            found.add(start)
            yield start, end
    yield from _titled_names(text, found)


_HONORIFIC_ZH_RE = re.compile(r"先生|女士|小姐")
_PAUSES = set("，,。！!？?；;：: \t\n】]」』）)")
# with the title right after, only function words show the piece is not a name (志 of 同志 may be)
_NOT_GIVEN_TITLED = set("的您你在是将已请和与及等为于也都就还给向对把被让由从客户位名")


def _titled_names(text: str, seen: set):
    """Full names right before 先生/女士/小姐 (提醒周志强先生, 何志伟先生，): after a pause, or
    else starting where one of jieba's words starts, and ending where one ends, so 请向王先生
    (向 + 王先生) is not 向王; a given name may hold characters the cue-led check refuses (志)."""
    titles = [m.start() for m in _HONORIFIC_ZH_RE.finditer(text)]
    if not titles:
        return
    from analysis.conduct.segment import words  # jieba loads only for texts that need it

    tokens = words(text)
    starts, ends = {s for _w, s, _e in tokens}, {e for _w, _s, e in tokens}
    for title in titles:
        for length in (4, 3, 2):
            start = title - length
            if start < 0 or start in seen or title not in ends:
                continue
            if not (start == 0 or text[start - 1] in _PAUSES or start in starts):
                continue
            piece = text[start:title]
            surname = next((c for c in _COMPOUND_SURNAMES if piece.startswith(c)), piece[0])
            given = piece[len(surname):]
            if (surname not in _SURNAMES and surname not in _COMPOUND_SURNAMES) or not 1 <= len(given) <= 2:
                continue
            if any(not ("\u4e00" <= ch <= "\u9fff") or ch in _NOT_GIVEN_TITLED for ch in given):
                continue
            yield start, title
            break


def _en_names(text: str):
    for m in list(_NAME_EN.finditer(text)) + list(_HONORIFIC_EN.finditer(text)):
        words = m.group(1).split()
        if words[0] in _EN_NOT_NAME or words[-1] in _EN_NOT_NAME:
            continue
        yield m.start(1), m.end(1)


def _candidates(text: str):
    """``(start, end, kind, priority)`` for every check-passing candidate; overlaps resolved later."""
    for m in _ID18_RE.finditer(text):
        if _valid_id18(m.group()):
            yield m.start(), m.end(), "id_number", 0
    for m in _ID15_RE.finditer(text):
        if _valid_id15(m.group()) and _ID_LABEL_RE.search(text[max(0, m.start() - 10):m.start()]):
            yield m.start(), m.end(), "id_number", 1
    for m in _CARD_RE.finditer(text):
        digits = re.sub(r"[ -]", "", m.group())
        if 13 <= len(digits) <= 19 and _CARD_PREFIX_RE.match(digits) and luhn_valid(digits):
            yield m.start(), m.end(), "card", 2
    for m in _PHONE_RE.finditer(text):
        yield m.start(), m.end(), "phone", 3
    for m in _LANDLINE_RE.finditer(text):
        if _PHONE_WORD_RE.search(text, max(0, m.start() - 12), m.start()):
            yield m.start(), m.end(), "phone", 3
    for m in _SSN_RE.finditer(text):
        yield m.start(), m.end(), "ssn", 4
    for m in _EMAIL_RE.finditer(text):
        yield m.start(), m.end(), "email", 5
    for start, end in _zh_names(text):
        yield start, end, "name", 6
    for start, end in _en_names(text):
        yield start, end, "name", 6


#: Full-width ASCII (２３：００, １３８…, typed by Chinese input methods) and the ideographic space
#: as their half-width characters: one character for one, so positions in the folded text are
#: positions in the original.
_HALF_WIDTH = {**{0xFF01 + i: 0x21 + i for i in range(0x5E)}, 0x3000: 0x20}


def half_width(text: str) -> str:
    """``text`` with full-width letters, digits and punctuation as half-width ones, same length.

    Examples
    --------
    >>> half_width("２３：００ 致电１３８１２３４５６７８")
    '23:00 致电13812345678'
    """
    return text.translate(_HALF_WIDTH)


def find_pii(text: str) -> list[PiiSpan]:
    """Every piece of personal data in ``text``, in reading order, without overlaps.

    When two candidates overlap (a card-like run that is also an ID number) the stronger check
    wins: ID number, then card, then phone.

    Parameters
    ----------
    text : str
        Any text; anything else (``None``, NaN) has none.

    Returns
    -------
    list of PiiSpan

    Examples
    --------
    >>> [(s.kind, s.text) for s in find_pii("尊敬的张三丰先生，请致电13812345678")]
    [('name', '张三丰'), ('phone', '13812345678')]
    >>> find_pii("金额 12,345.67 元，2024-01-31，合同号 20240131000123")
    []

    Digits typed full width are read as digits (the span keeps the text as written):

    >>> [(s.kind, s.text) for s in find_pii("请致电１３８１２３４５６７８")]
    [('phone', '１３８１２３４５６７８')]
    """
    if not isinstance(text, str) or not text:
        return []
    found = sorted(_candidates(half_width(text)), key=lambda c: (c[3], c[0]))
    taken: list[tuple[int, int, str]] = []
    for start, end, kind, _ in found:
        if all(end <= s or start >= e for s, e, _k in taken):
            taken.append((start, end, kind))
    return [PiiSpan(kind, s, e, text[s:e]) for s, e, kind in sorted(taken)]


def _mask_digits(piece: str, keep_head: int, keep_tail: int) -> str:
    """Star the digits of ``piece`` except the first ``keep_head`` and last ``keep_tail``;
    separators and letters stay where they are."""
    positions = [i for i, ch in enumerate(piece) if ch.isdigit() or ch in "Xx"]
    hidden = positions[keep_head:len(positions) - keep_tail] if keep_tail else positions[keep_head:]
    chars = list(piece)
    for i in hidden:
        chars[i] = "*"
    return "".join(chars)


def mask_span(span: PiiSpan) -> str:
    """The masked form of one span (as ``analysis.core.privacy`` masks the same kind of column).

    Examples
    --------
    >>> mask_span(PiiSpan("phone", 0, 13, "138-1234-5678"))
    '138-****-5678'
    >>> mask_span(PiiSpan("card", 0, 19, "6222 0212 3456 7894"))
    '**** **** **** 7894'
    """
    text = span.text
    if span.kind == "phone":
        head = re.match(r"(?:(?:\+|00)86[\s-]?|86-)?\(?", text).end()
        return text[:head] + _mask_digits(text[head:], 3, 4)
    if span.kind == "id_number":
        return mask_id_number(text)
    if span.kind in ("card", "ssn"):
        return _mask_digits(text, 0, 4)
    if span.kind == "email":
        local, _, domain = text.partition("@")
        return local[:1] + "***@" + domain
    return mask_name(text)


def mask_text(text: str) -> str:
    """``text`` with every piece of personal data masked; other characters untouched.

    Examples
    --------
    >>> mask_text("尊敬的张三丰先生，身份证11010519491231002X，卡号6222021234567894")
    '尊敬的张*丰先生，身份证110105********002X，卡号************7894'
    >>> mask_text("Dear John Smith, call 555-0100")
    'Dear J*** S****, call 555-0100'
    """
    if not isinstance(text, str):
        return text
    spans = find_pii(text)
    if not spans:
        return text
    out, pos = [], 0
    for span in spans:
        out.append(text[pos:span.start])
        out.append(mask_span(span))
        pos = span.end
    out.append(text[pos:])
    return "".join(out)


#: Every piece :func:`find_pii` reports starts from a match of one of these (a number of one of the
#: kinds, an e-mail, a Chinese name cue or title, an English cue or honorific): a text none of them
#: matches has none, so :func:`mask_series` skips it without the full parse (an account number
#: such as ``KH00000001`` passes :data:`CANDIDATE_RE`, seven digits, but is no number of any kind).
_ANY_PIECE = re.compile("|".join(f"(?:{r.pattern})" for r in (
    _ID18_RE, _ID15_RE, _CARD_RE, _PHONE_RE, _LANDLINE_RE, _SSN_RE, _EMAIL_RE, _NAME_CUE_ZH, _HONORIFIC_ZH_RE, _NAME_EN,
    _HONORIFIC_EN)))
_CANDIDATE = re.compile(CANDIDATE_RE)
#: Texts up to this long (account numbers, codes, labels: the same ones every month) have their
#: verdict remembered, at most :data:`_REMEMBERED` of them; longer free text is scanned each time.
_SHORT, _REMEMBERED = 40, 100_000


def _masked(value: str) -> str | None:
    """``value`` masked, or ``None`` when it holds no personal data."""
    read = half_width(value)
    if _CANDIDATE.search(read) and _ANY_PIECE.search(read):
        text = mask_text(value)
        if text != value:
            return text
    return None


_masked_short = lru_cache(maxsize=_REMEMBERED)(_masked)


def mask_series(series: pd.Series) -> pd.Series:
    """A copy of a text Series with personal data masked in every cell (the input untouched).

    Only cells that can hold personal data (a run of digits, an ``@``, a name cue) are parsed,
    and each distinct text once, so a column of a million short notes costs one factorisation
    plus one regular-expression test per distinct text and the parse of the few candidates.

    Examples
    --------
    >>> mask_series(pd.Series(["请致电13812345678", "无"])).tolist()
    ['请致电138****5678', '无']
    """
    out = series.copy()
    if not len(series):
        return out
    codes, uniques = pd.factorize(series, use_na_sentinel=True)
    masked = {}
    for i, value in enumerate(uniques.tolist() if hasattr(uniques, "tolist") else list(uniques)):
        # cells that are not text are never changed (mask_text returns them as they are)
        if isinstance(value, str):
            text = _masked_short(value) if len(value) <= _SHORT else _masked(value)
            if text is not None:
                masked[i] = text
    if not masked:
        return out
    lookup = np.full(len(uniques), None, dtype=object)
    for i, text in masked.items():
        lookup[i] = text
    hit = np.zeros(len(uniques) + 1, dtype=bool)  # the last slot: missing cells (code -1)
    hit[list(masked)] = True
    rows = np.flatnonzero(hit[codes])
    out.iloc[rows] = lookup[codes[rows]]
    return out
