"""Word boundaries and negation, so a rule's phrase fires on what a text says, not on characters.

Chinese has no spaces: ``滚`` is inside ``滚动``, ``拘留`` inside ``行政拘留``. A Chinese phrase
matches only where jieba's segmentation has a word boundary at both its ends (in jieba's
*search* mode, which also lists the short words inside long ones, so ``拘留`` in ``行政拘留``
still counts while ``滚`` in ``滚动`` does not). Latin phrases match on ``\\b`` word boundaries,
case-insensitively.

A match is *negated* when a negating word governs it in the same clause: ``不在黑名单``,
``请勿告知家人``, ``我们不会上门``, "we will not contact your employer". It is not negated when
a consequence word stands between them (``不还钱就拘留``: 就; "if you do not pay we will have you
arrested": will) or when the negated word is the debtor's payment (``不还款后果自负``: the
negation is the condition, not the threat).

jieba loads its dictionary (about 1–2 s, once per process) the first time a Chinese text is
segmented, never at import: the app's start-up does not pay for it.
"""
from __future__ import annotations

import logging
import re
from functools import lru_cache

_CJK_RE = re.compile(r"[\u3400-\u9fff]")
# Clauses end at any pause; sentences only at a full stop. "." ends one only before a space
# or the end, so 12.5, a.m. and example.com stay whole.
_CLAUSE_END_RE = re.compile(r"[，,。；;！!？?：:\n…]|\.(?=\s|$)")
_SENTENCE_END_RE = re.compile(r"[。；;！!？?\n]|\.(?=\s|$)")
_WHY = frozenset({"why", "为什么", "为何", "干嘛", "怎么"})
# a question opened by a negated auxiliary proposes what it names
_EN_ASKING = frozenset({"can't", "couldn't", "won't", "wouldn't", "don't", "doesn't", "isn't", "aren't"})
_EN_CONDITION_CLAUSE_RE = re.compile(r"(?:^|,)\s*(?:if|unless|until|when|once|should)\b[^,]*\b(?:not|never|no|don't|won't|isn't|aren't|doesn't|can't|cannot|didn't)\b", re.IGNORECASE)
_EN_WORD_RE = re.compile(r"[A-Za-z]+(?:'[A-Za-z]+)?")

ZH_NEGATORS = frozenset({"不", "不会", "绝不", "决不", "绝不会", "从不", "不得", "请勿", "勿", "切勿", "不要", "无需", "不必",
                         "没有", "没", "未", "并未", "并非", "不是", "不在", "不将", "禁止", "严禁", "不再", "无", "不属于",
                         "不存在", "不可能", "不能", "不予", "杜绝", "避免",
                         # jieba keeps 不 with a one-character verb: 不爆通讯录 is 不爆 + 通讯录
                         "不爆", "不曝", "不催", "不打", "不找", "不发", "不贴", "不挂", "不传", "不晒"})
ZH_BREAKERS = frozenset({"就", "则", "便", "那么", "否则", "后果", "的话", "导致", "可能", "必须",
                         "必将", "将会", "就会", "一律", "直接", "立即", "马上", "还要"})
# A negation of the debtor's own payment is the condition of a threat, not a denial of it.
ZH_CONDITIONS = frozenset({"还", "还款", "还钱", "归还", "偿还", "结清", "付款", "缴纳", "处理", "配合", "理会", "接听",
                           "回复", "按时", "及时", "按期", "主动", "清偿", "还清", "缴清", "支付"})
EN_NEGATORS = frozenset({"not", "never", "no", "don't", "won't", "cannot", "can't", "doesn't", "isn't", "aren't",
                         "wouldn't", "shouldn't", "didn't", "nor", "neither"})
EN_BREAKERS = frozenset({"will", "would", "shall", "may", "might", "can", "could", "must", "going", "otherwise",
                         "then", "unless", "until", "we", "we'll", "you'll", "they", "but", "lead", "result", "face"})
EN_CONDITIONS = frozenset({"pay", "paid", "paying", "repay", "repaid", "respond", "resolve", "resolved", "settle", "settled",
                           "answer", "act", "received", "cleared",
                           "return", "reply", "cooperate"})


def has_cjk(text: str) -> bool:
    """Whether ``text`` holds a Chinese character.

    Examples
    --------
    >>> has_cjk("拘留"), has_cjk("arrest")
    (True, False)
    """
    return bool(_CJK_RE.search(text))


@lru_cache(maxsize=1)
def tokenizer():
    """jieba's tokenizer, loaded on first use (its dictionary takes a second or two to load).

    A private ``jieba.Tokenizer`` so the rules never change the global one other code may use.
    """
    import jieba

    jieba.setLogLevel(logging.WARNING)
    tok = jieba.Tokenizer()
    # Not tok.initialize(): it writes a cache of the dictionary (jieba.cache) under the temporary
    # directory, and the server writes nothing to disk (README, "Nothing on disk"). Built in memory
    # from the bundled dictionary instead, the same word frequencies (a second slower, once).
    with tok.get_dict_file() as dictionary:
        tok.FREQ, tok.total = tok.gen_pfdict(dictionary)
    tok.initialized = True
    return tok


@lru_cache(maxsize=8192)
def words(text: str) -> tuple[tuple[str, int, int], ...]:
    """``(word, start, end)`` of jieba's default segmentation of ``text``.

    Examples
    --------
    >>> [w for w, _, _ in words("请勿告知家人")]
    ['请勿', '告知', '家人']
    """
    return tuple(tokenizer().tokenize(text))


@lru_cache(maxsize=8192)
def boundaries(text: str) -> tuple[frozenset, frozenset]:
    """``(starts, ends)``: the offsets where a word starts and where one ends, in jieba's search
    mode (long words also yield the dictionary words inside them)."""
    starts, ends = set(), set()
    for _w, s, e in tokenizer().tokenize(text, mode="search"):
        starts.add(s)
        ends.add(e)
    return frozenset(starts), frozenset(ends)


@lru_cache(maxsize=4096)
def _latin_phrase_re(phrase: str) -> re.Pattern:
    body = r"\s+".join(re.escape(part) for part in phrase.split())
    head = r"\b" if re.match(r"\w", phrase) else ""
    tail = r"\b" if re.search(r"\w$", phrase) else ""
    return re.compile(head + body + tail, re.IGNORECASE)


def find_phrase(text: str, phrase: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each whole-word occurrence of ``phrase`` in ``text``.

    Examples
    --------
    >>> find_phrase("请勿在滚动屏幕时操作", "滚"), find_phrase("行政拘留", "拘留")
    ([], [(2, 4)])
    >>> find_phrase("You are a Deadbeat. deadbeats", "deadbeat")
    [(10, 18)]
    """
    if not phrase:
        return []
    if not has_cjk(phrase):
        return [(m.start(), m.end()) for m in _latin_phrase_re(phrase).finditer(text)]
    out, pos = [], text.find(phrase)
    if pos < 0:
        return out
    starts, ends = boundaries(text)
    while pos >= 0:
        end = pos + len(phrase)
        if pos in starts and end in ends:
            out.append((pos, end))
        pos = text.find(phrase, pos + 1)
    return out


def _span_of(text: str, pos: int, end_re: re.Pattern) -> tuple[int, int]:
    start = 0
    for m in end_re.finditer(text, 0, pos):
        start = m.end()
    nxt = end_re.search(text, pos)
    return start, (nxt.start() if nxt else len(text))


def clause(text: str, pos: int) -> tuple[int, int]:
    """``(start, end)`` of the clause (between pauses: ，。；！？, . ; ! ?) holding ``pos``.

    Examples
    --------
    >>> clause("如不还款，将立即拘留。谢谢", 8)
    (5, 10)
    """
    return _span_of(text, pos, _CLAUSE_END_RE)


def sentence(text: str, pos: int) -> tuple[int, int]:
    """``(start, end)`` of the sentence (between full stops, not commas) holding ``pos``."""
    return _span_of(text, pos, _SENTENCE_END_RE)


def negated(text: str, start: int) -> bool:
    """Whether the words starting at ``start`` are denied by a negation before them in their clause.

    Examples
    --------
    >>> t = "我们不会将您的情况告知家人"
    >>> negated(t, t.index("告知"))
    True
    >>> t = "不还钱就拘留"
    >>> negated(t, t.index("拘留"))
    False
    >>> t = "要不要我们在群里帮你宣传一下"
    >>> negated(t, t.index("在"))
    False
    >>> t = "We will not contact your employer. If you do not pay we will sue."
    >>> negated(t, t.index("employer")), negated(t, t.index("sue"))
    (True, False)
    """
    c_start, _ = clause(text, start)
    if has_cjk(text[c_start:start]):
        tokens = [w for w, _s, _e in words(text[c_start:start]) if w.strip()]
        negators, breakers, conditions, reach = ZH_NEGATORS, ZH_BREAKERS, ZH_CONDITIONS, 8
    else:
        # English lists run over commas ("never claim to be the police, a court or an agency"):
        # the scope is the sentence, a consequence word still ends it
        s_start, _ = sentence(text, start)
        head = text[s_start:start]
        if "," in head and _EN_CONDITION_CLAUSE_RE.search(head[:head.rfind(",")]):
            # "if this isn't paid by Monday, your employer will be told": the negation is the
            # condition's, the clause after the comma is the consequence
            s_start += head.rfind(",") + 1
        tokens = [w.lower() for w in _EN_WORD_RE.findall(text[s_start:start])]
        negators, breakers, conditions, reach = EN_NEGATORS, EN_BREAKERS, EN_CONDITIONS, 12
    last = max((i for i, w in enumerate(tokens) if w in negators), default=None)
    if last is None or (last > 0 and tokens[last - 1] in _WHY):
        return False  # "why don't you borrow …", 为什么不去借: a suggestion, not a denial
    if last == 0 and tokens[0] in _EN_ASKING and text[sentence(text, start)[1]:][:1] == "?":
        return False  # "can't a friend lend you the money?": a suggestion asked, not a denial
    if last > 0 and tokens[last][:1] in ("不", "没") and tokens[last][1:] == tokens[last - 1]:
        return False  # 要不要我们…, 是不是: a question (A-not-A), not a denial
    between = tokens[last + 1:]
    if len(between) > reach or any(w in breakers for w in between):
        return False
    return not (between and between[0] in conditions)


def inside_any(text: str, start: int, end: int, words_: tuple[str, ...]) -> bool:
    """Whether ``text[start:end]`` lies inside an occurrence of one of ``words_`` (an innocent
    word that contains the phrase: ``曝光度`` for ``曝光``, "collection agency" for …).

    Examples
    --------
    >>> inside_any("提升品牌曝光度", 4, 6, ("曝光度",)), inside_any("将曝光您", 1, 3, ("曝光度",))
    (True, False)
    """
    lowered = text.lower()
    for word in words_:
        w = word.lower()
        pos = lowered.find(w, max(0, end - len(w)))
        while 0 <= pos <= start:
            if pos + len(w) >= end:
                return True
            pos = lowered.find(w, pos + 1)
    return False
