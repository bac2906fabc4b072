"""Why accounts are overdue: free-text reasons → stable cause categories, classes and breakdowns.

Staff type overdue reasons as they please ("客户失业，收入中断", "经营困难 资金周转不开",
"忘记还款了", "恶意拖欠 失联", "lost his job"). An editable keyword dictionary (Chinese and
English, shipped below) maps each text to one of the stable keys in :data:`CAUSE_KEYS`:

* a blank reason (missing, empty, "无", "N/A", …) is ``unknown``;
* a text matching no keyword is ``other`` and is listed as *unclassified* so the user can extend
  the dictionary;
* a text matching keywords of several categories gets the first one in :data:`CAUSE_PRIORITY`
  (wilful default and disputes first: they change what collection may do next);
* a keyword right after a negation ("非恶意", "not wilful") does not count;
* Chinese keywords match anywhere in the text; Latin ones match whole words, or word prefixes
  when they end in ``*`` (``injur*`` matches "injured" and "injury").

Classification runs once per *unique* text, so millions of account-months with a few thousand
distinct reasons classify in well under a second.

Practice classes on top of the causes (editable, :data:`DEFAULT_CAUSE_CLASSES`):
willingness (willing but unable / unwilling / able and willing but careless / unclear) and
hardship (temporary / lasting / none); and, from DPD rather than the cause, the term of the
delinquency: short-term (≤ 30 DPD), medium (31-90) and long-term (> 90 DPD).
"""
from __future__ import annotations

import io
import json
import re
import unicodedata

import numpy as np
import pandas as pd

from analysis.core.i18n import MessageError, json_problem
from analysis.core.schema import BLANK_SEGMENT, segment_columns
from analysis.core.vocabulary import CAUSE_KEYS  # the stable keys, in display order


class CausesError(MessageError):
    """A problem the user can act on; ``message(lang)`` gives it in their language.

    It is a ``ValueError``, so callers that only know "bad input" can catch that.
    """


#: When a text matches keywords of several categories, the first category here wins. Wilful
#: default and disputes go first because they decide the next step (legal action, or verifying
#: the claim before any collection); "forgot" goes last because it is often said alongside a
#: real hardship.
CAUSE_PRIORITY = (
    "wilful_default",
    "dispute",
    "force_majeure",
    "illness_accident",
    "over_indebted",
    "business_difficulty",
    "income_loss",
    "forgot",
    "other",
    "unknown",
)

_KEYWORDS: dict[str, dict[str, tuple[str, ...]]] = {
    "income_loss": {
        "zh": ("失业", "下岗", "裁员", "被辞退", "辞退", "离职", "待业", "无业", "找工作", "没有工作", "没工作",
               "收入下降", "收入减少", "收入中断", "收入不稳定", "没有收入", "无收入", "降薪", "减薪", "工资拖欠",
               "拖欠工资", "欠薪", "工资未发", "工资没发", "停工", "停薪", "工作变动", "换工作", "失去工作", "收入降低",
               "收入低", "工资延迟", "工资未结", "工资还没发", "工资未到账", "发不出工资"),
        "en": ("unemploy*", "lost job", "lost his job", "lost her job", "lost their job", "job loss", "laid off",
               "layoff*", "redundan*", "fired", "income drop", "income fell", "reduced income", "income loss",
               "lower income", "pay cut", "salary cut", "salary delay", "wages unpaid", "unpaid wages",
               "no income", "out of work", "between jobs"),
    },
    "business_difficulty": {
        "zh": ("经营困难", "经营不善", "经营亏损", "生意", "亏损", "资金周转", "周转不开", "周转困难", "周转不灵",
               "资金紧张", "资金链", "回款慢", "回款困难", "货款未回", "应收账款", "账款未收回", "订单减少", "停产",
               "倒闭", "关门", "歇业", "破产", "店铺", "门店", "企业困难", "公司困难", "现金流", "下游拖欠",
               "项目款", "工程款", "压货", "压在货上", "库存积压"),
        "en": ("business", "cash flow", "cashflow", "liquidity", "working capital", "slow sales", "sales down",
               "orders down", "lost customer", "customer not paying", "receivable*", "shop closed", "store closed",
               "bankrupt*", "insolven*", "company closed", "loss-making"),
    },
    "illness_accident": {
        "zh": ("生病", "患病", "疾病", "重病", "大病", "住院", "手术", "治疗", "病故", "去世", "死亡", "身故",
               "意外", "车祸", "受伤", "伤残", "工伤", "癌", "医疗费", "医药费", "看病", "病重", "身体原因",
               # 医疗 alone would take 医疗器械生意亏损 (a business) for an illness
               "医疗支出", "医疗开支", "医疗花费", "医疗开销", "医药开支"),
        "en": ("ill", "illness", "sick*", "hospital*", "surgery", "operation", "medical", "disease", "cancer",
               "injur*", "accident*", "disabled", "disability", "passed away", "deceased", "death", "died"),
    },
    "forgot": {
        "zh": ("忘记", "忘了", "遗忘", "疏忽", "大意", "记错", "没注意", "未注意", "不知道还款日", "还款日错",
               "出差", "卡余额不足", "扣款失败", "代扣失败", "绑定卡", "换卡", "银行卡问题", "转账延迟", "系统原因"),
        "en": ("forgot", "forget*", "overlook*", "oversight", "missed the due date", "wrong due date", "travel",
               "autopay fail", "direct debit fail", "debit failed", "card expired", "changed bank", "transfer delay",
               "payment delay", "technical issue"),
    },
    "over_indebted": {
        "zh": ("多头借贷", "多头", "负债过重", "负债过高", "负债高", "债务过重", "以贷养贷", "借新还旧", "网贷",
               "信用卡套现", "其他贷款", "多家机构", "多平台", "多个平台", "多家平台", "债务缠身", "还不过来", "负担过重", "杠杆", "负债率高", "负债率过高"),
        "en": ("over indebted", "overindebted", "too many loans", "multiple loans",
               "multiple lenders", "too much debt", "heavy debt", "debt burden", "other loans", "overleveraged",
               "over-leveraged", "borrowed elsewhere"),
    },
    "dispute": {
        "zh": ("争议", "纠纷", "异议", "投诉", "不认可", "不认账", "对账", "账单有误", "金额有误", "质量问题",
               "服务问题", "合同纠纷", "诉讼中", "未收到货", "退货", "扯皮", "要求减免", "认为不应还", "多扣", "乱收费"),
        "en": ("disput*", "disagree*", "complain*", "contest*", "billing error", "wrong amount",
               "not received", "defective", "quality issue", "refund", "chargeback", "claims not owed"),
    },
    "wilful_default": {
        "zh": ("恶意", "失联", "联系不上", "无法联系", "拒接", "拒绝还款", "拒不还款", "拒还", "不愿还", "不想还",
               "赖账", "逃债", "逃废债", "跑路", "欺诈", "骗贷", "诈骗", "老赖", "故意拖欠", "有钱不还", "转移财产",
               "空号", "停机", "搬家不告知", "拒绝沟通", "避而不见"),
        "en": ("wilful*", "willful*", "fraud*", "refuses to pay", "refused to pay", "refusal", "won't pay",
               "will not pay", "unwilling", "skip*", "abscond*", "unreachable", "cannot be reached",
               "can't reach", "no contact", "lost contact", "disappeared", "strategic default"),
    },
    "force_majeure": {
        "zh": ("不可抗力", "自然灾害", "灾害", "地震", "洪水", "洪灾", "水灾", "台风", "火灾", "暴雨", "干旱", "旱灾",
               "冰雹", "雪灾", "疫情", "封控", "隔离", "战争", "政策原因"),
        "en": ("force majeure", "natural disaster", "disaster", "earthquake*", "flood*", "typhoon*", "hurricane",
               "fire", "drought", "storm*", "pandemic", "covid*", "lockdown*", "quarantin*", "war"),
    },
    "other": {
        "zh": ("其他", "其它"),
        "en": ("other", "misc"),
    },
    "unknown": {
        "zh": ("原因不明", "原因未知", "不详", "未说明", "未填写", "待核实", "待确认"),
        "en": ("unknown", "not stated", "not given", "to be confirmed", "tbc"),
    },
}


def default_dictionary() -> pd.DataFrame:
    """The keyword dictionary shipped with the app (a new frame each call).

    Returns
    -------
    DataFrame
        Columns ``category`` (a key of :data:`CAUSE_KEYS`), ``keyword`` and ``lang``
        (``"zh"`` or ``"en"``; informative only, every keyword is tried on every text).

    Examples
    --------
    >>> d = default_dictionary()
    >>> list(d.columns), bool((d["category"] == "forgot").any())
    (['category', 'keyword', 'lang'], True)
    """
    rows = [(cat, kw, lang) for cat, by_lang in _KEYWORDS.items() for lang, words in by_lang.items() for kw in words]
    # Stored the way matching sees it (lower case, punctuation as spaces), so what the user
    # edits and downloads is exactly what is matched.
    return validate_dictionary(pd.DataFrame(rows, columns=["category", "keyword", "lang"]))


#: Texts that mean "no reason given" when they are the whole reason.
BLANK_MARKERS = frozenset({
    "", "无", "没有", "暂无", "空", "-", "--", "—", "/", "\\", ".", "0", "na", "n/a", "n.a.", "nan", "none",
    "null", "nil", "?", "？", "无备注", "无原因",
})

#: A keyword directly preceded by one of these is negated ("非恶意拖欠", "not wilful") and ignored.
_NEGATIONS_ZH = ("非", "不是", "并非", "没有", "无", "否认", "排除")
_NEGATIONS_EN = ("not ", "no ", "non-", "non ", "never ", "denies ")
_BETWEEN_ZH = " \t\u3000\"'“”‘’「」『』《》"
_ASCII_WORD = re.compile(r"[a-z0-9]")


def _fold(text: str) -> str:
    # NFKC folds full-width letters and punctuation (ＡＢＣ，（）) into their usual forms.
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text).strip().lower())


def _normalise(text: str) -> str:
    # Punctuation becomes a space so "lost，job" and "lost job" read the same; "*" survives as
    # the prefix marker of dictionary keywords.
    return re.sub(r"[^\w*]+", " ", _fold(text)).strip()


def validate_dictionary(dictionary: pd.DataFrame) -> pd.DataFrame:
    """Check and tidy a user-edited dictionary.

    Blank rows are dropped, keywords are normalised (full-width → half-width, lower case,
    spaces collapsed), duplicate (category, keyword) pairs removed, ``lang`` filled in.

    Raises
    ------
    CausesError
        When a column is missing, a category is not one of :data:`CAUSE_KEYS`, or the same
        keyword points at two different categories.

    Examples
    --------
    >>> validate_dictionary(pd.DataFrame({"category": ["forgot"], "keyword": [" 忘记 "]}))["keyword"].tolist()
    ['忘记']
    """
    if not isinstance(dictionary, pd.DataFrame):
        raise CausesError("causes.error.dict_columns", columns="category, keyword")
    missing = {"category", "keyword"} - set(dictionary.columns)
    if missing:
        raise CausesError("causes.error.dict_columns", columns=", ".join(sorted(missing)))
    cat = dictionary["category"].astype("string").str.strip()
    kw = dictionary["keyword"].astype("string").map(lambda s: _normalise(s) if isinstance(s, str) else s,
                                                     na_action="ignore")
    keep = kw.notna() & (kw.fillna("") != "") & cat.notna() & (cat.fillna("") != "")
    cat, kw = cat[keep], kw[keep]
    bad = sorted(set(cat) - set(CAUSE_KEYS))
    if bad:
        raise CausesError("causes.error.dict_category", values=", ".join(map(str, bad[:5])),
                          keys=", ".join(CAUSE_KEYS))
    if "lang" in dictionary.columns:
        lang = dictionary["lang"].astype("string")[keep].fillna("")
    else:
        lang = pd.Series("", index=kw.index, dtype="string")
    auto = np.where(kw.str.contains(r"[\u4e00-\u9fff]", regex=True), "zh", "en")
    lang = lang.where(lang.isin(["zh", "en"]), pd.Series(auto, index=kw.index))
    out = pd.DataFrame({"category": cat.to_numpy(), "keyword": kw.to_numpy(), "lang": lang.to_numpy()})
    out = out.drop_duplicates(["category", "keyword"]).reset_index(drop=True)
    clash = out.groupby("keyword")["category"].nunique()
    clash = clash[clash > 1]
    if len(clash):
        raise CausesError("causes.error.dict_clash", keywords=", ".join(map(str, clash.index[:5])))
    return out.astype({"category": "str", "keyword": "str", "lang": "str"})


def _compiled(dictionary: pd.DataFrame | None) -> list[tuple[str, list[str]]]:
    table = default_dictionary() if dictionary is None else dictionary
    table = validate_dictionary(table)
    out = []
    for cat in CAUSE_PRIORITY:
        # Longer keywords first so the reported match is the most specific one.
        words = sorted(table.loc[table["category"] == cat, "keyword"], key=len, reverse=True)
        if words:
            out.append((cat, words))
    return out


def _hit(text: str, keyword: str) -> bool:
    # Latin keywords match whole words ("ill" must not match "bill", "fire" not "fired"); a
    # trailing "*" makes them a word prefix ("injur*" matches injured, injury). Chinese has no
    # word boundaries, so Chinese keywords match anywhere.
    prefix = keyword.endswith("*")
    word = keyword.rstrip("*")
    if not word:
        return False
    latin = word.isascii()
    start = text.find(word)
    while start >= 0:
        end = start + len(word)
        # a space, a full-width space or a quote between 非 and its word is still 非 that word
        negated = (text[:start].endswith(_NEGATIONS_EN) if latin
                   else text[:start].rstrip(_BETWEEN_ZH).endswith(_NEGATIONS_ZH))
        boundary = not latin or (
            (start == 0 or not _ASCII_WORD.match(text[start - 1]))
            and (prefix or end == len(text) or not _ASCII_WORD.match(text[end]))
        )
        if boundary and not negated:
            return True
        start = text.find(word, start + 1)
    return False


def _match_one(text: object, compiled: list[tuple[str, list[str]]]) -> tuple[str, str | None]:
    if not isinstance(text, str):
        return "unknown", None
    if _fold(text) in BLANK_MARKERS:
        return "unknown", None
    norm = _normalise(text)
    if not norm:
        return "unknown", None
    for cat, words in compiled:
        for kw in words:
            if _hit(norm, kw):
                return cat, kw
    return "other", None


def classify_detail(reasons: pd.Series, dictionary: pd.DataFrame | None = None) -> pd.DataFrame:
    """Each distinct reason text with its cause, the keyword that decided it and how often it occurs.

    Parameters
    ----------
    reasons : Series
        Free-text reasons (missing allowed).
    dictionary : DataFrame, optional
        Keyword dictionary (``category``, ``keyword``); default :func:`default_dictionary`.

    Returns
    -------
    DataFrame
        ``reason``, ``cause``, ``keyword`` (missing when nothing matched), ``unclassified``
        (text that matched no keyword) and ``count``, most frequent first.

    Examples
    --------
    >>> classify_detail(pd.Series(["忘记还款了", "忘记还款了", "天知道"]))[["cause", "count"]].values.tolist()
    [['forgot', 2], ['other', 1]]
    """
    codes, uniques = pd.factorize(pd.Series(reasons).astype("string"), use_na_sentinel=True)
    compiled = _compiled(dictionary)
    matched = [_match_one(u, compiled) for u in uniques]
    counts = np.bincount(codes[codes >= 0], minlength=len(uniques))
    out = pd.DataFrame({
        "reason": pd.Series(list(uniques), dtype="string"),
        "cause": [m[0] for m in matched],
        "keyword": pd.Series([m[1] for m in matched], dtype="string"),
        "count": counts.astype(np.int64),
    })
    out["unclassified"] = (out["cause"] == "other") & out["keyword"].isna()
    out = out[["reason", "cause", "keyword", "unclassified", "count"]]
    return out.sort_values(["count", "reason"], ascending=[False, True], kind="stable").reset_index(drop=True)


def classify_reasons(reasons: pd.Series, dictionary: pd.DataFrame | None = None) -> pd.Categorical:
    """Map free-text overdue reasons to cause keys, vectorised per unique text.

    Parameters
    ----------
    reasons : Series
        Free-text reasons as staff wrote them; missing or blank → ``unknown``.
    dictionary : DataFrame, optional
        Keyword dictionary (``category``, ``keyword``[, ``lang``]); default the shipped one.

    Returns
    -------
    Categorical
        One cause per input row, categories :data:`CAUSE_KEYS` in that order. A text matching
        no keyword is ``other`` (see :func:`unclassified_reasons`).

    Raises
    ------
    CausesError
        When the dictionary is malformed (see :func:`validate_dictionary`).

    Examples
    --------
    >>> list(classify_reasons(pd.Series(["客户失业，收入中断", "恶意拖欠 失联", None, "hospitalised after accident"])))
    ['income_loss', 'wilful_default', 'unknown', 'illness_accident']
    """
    cause_codes, _ = _classify_codes(reasons, dictionary)
    return pd.Categorical.from_codes(cause_codes, categories=list(CAUSE_KEYS))


def _classify_codes(reasons: pd.Series, dictionary: pd.DataFrame | None) -> tuple[np.ndarray, np.ndarray]:
    """Cause code per row and whether the row's text matched no keyword, one match per unique text."""
    codes, uniques = pd.factorize(pd.Series(reasons).astype("string"), use_na_sentinel=True)
    compiled = _compiled(dictionary)
    key_index = {k: i for i, k in enumerate(CAUSE_KEYS)}
    matched = [_match_one(u, compiled) for u in uniques]
    # factorize marks missing values with -1, which indexes the trailing "unknown" entry.
    lookup = np.array([key_index[m[0]] for m in matched] + [key_index["unknown"]], dtype=np.int8)
    unmatched = np.array([m[0] == "other" and m[1] is None for m in matched] + [False], dtype=bool)
    return lookup[codes], unmatched[codes]


def unclassified_reasons(reasons: pd.Series, dictionary: pd.DataFrame | None = None, limit: int = 50) -> pd.DataFrame:
    """The most frequent texts that matched no keyword (``reason``, ``count``, ``share``).

    ``share`` is the share of all non-blank reasons. Use it to extend the dictionary.

    Examples
    --------
    >>> unclassified_reasons(pd.Series(["忘记还款", "天知道", "天知道"]))["reason"].tolist()
    ['天知道']
    """
    if limit < 0:
        raise CausesError("causes.error.limit")
    detail = classify_detail(reasons, dictionary)
    stated = detail.loc[detail["cause"] != "unknown", "count"].sum()
    out = detail.loc[detail["unclassified"], ["reason", "count"]].head(limit).reset_index(drop=True)
    out["share"] = out["count"] / stated if stated else np.nan
    return out


def unclassified_share(reasons: pd.Series, dictionary: pd.DataFrame | None = None) -> float:
    """Share of non-blank reasons that matched no keyword (NaN when there are none).

    Examples
    --------
    >>> unclassified_share(pd.Series(["忘记还款", "天知道", None]))
    0.5
    """
    detail = classify_detail(reasons, dictionary)
    stated = detail.loc[detail["cause"] != "unknown", "count"].sum()
    return float(detail.loc[detail["unclassified"], "count"].sum() / stated) if stated else float("nan")


# --- dictionary files -------------------------------------------------------------------

def add_keyword(dictionary: pd.DataFrame, category: str, keyword: str) -> pd.DataFrame:
    """The dictionary with one more keyword (a new table; check it with :func:`validate_dictionary`).

    The keyword's language is guessed from its letters: any non-ASCII character makes it ``zh``.

    Examples
    --------
    >>> d = pd.DataFrame({"category": ["forgot"], "keyword": ["忘记"], "lang": ["zh"]})
    >>> add_keyword(d, "dispute", "complaint")[["keyword", "lang"]].values.tolist()
    [['忘记', 'zh'], ['complaint', 'en']]
    """
    row = pd.DataFrame({"category": [category], "keyword": [keyword], "lang": ["en" if keyword.isascii() else "zh"]})
    return pd.concat([dictionary, row], ignore_index=True)


def dictionary_to_csv(dictionary: pd.DataFrame) -> bytes:
    """The dictionary as a CSV Excel opens correctly (UTF-8 with BOM)."""
    return validate_dictionary(dictionary).to_csv(index=False).encode("utf-8-sig")


def dictionary_to_json(dictionary: pd.DataFrame) -> bytes:
    """The dictionary as JSON: ``{"category": ["keyword", ...], ...}`` in :data:`CAUSE_KEYS` order."""
    table = validate_dictionary(dictionary)
    payload = {cat: table.loc[table["category"] == cat, "keyword"].tolist() for cat in CAUSE_KEYS
               if (table["category"] == cat).any()}
    return json.dumps(payload, ensure_ascii=False, indent=2).encode("utf-8")


def dictionary_from_bytes(data: bytes, filename: str) -> pd.DataFrame:
    """Read a dictionary saved by :func:`dictionary_to_csv` or :func:`dictionary_to_json`.

    CSV needs the columns ``category`` and ``keyword`` (UTF-8, UTF-8 with BOM or GBK). JSON is
    either ``{category: [keywords]}`` or a list of ``{"category", "keyword"}`` records.

    Raises
    ------
    CausesError
        When the file cannot be read or does not describe a valid dictionary.

    Examples
    --------
    >>> dictionary_from_bytes('{"forgot": ["忘记"]}'.encode(), "d.json")["keyword"].tolist()
    ['忘记']
    """
    name = str(filename).lower()
    text = None
    for enc in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(enc)
            break
        except UnicodeDecodeError:
            continue
    if text is None:
        raise CausesError("causes.error.dict_encoding")
    if name.endswith(".json"):
        try:
            payload = json.loads(text)
        except (json.JSONDecodeError, RecursionError) as exc:
            raise CausesError("causes.error.dict_json", detail=json_problem(exc)) from None
        if isinstance(payload, dict):
            rows = []
            for cat, words in payload.items():
                if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
                    raise CausesError("causes.error.dict_json_shape")  # null or {"a": 1} are no keywords
                rows += [(cat, w) for w in words]
            frame = pd.DataFrame(rows, columns=["category", "keyword"])
        elif isinstance(payload, list):
            frame = pd.DataFrame(payload)
        else:
            raise CausesError("causes.error.dict_json_shape")
    elif name.endswith((".csv", ".txt")):
        try:
            frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
        except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
            raise CausesError("causes.error.dict_csv", detail=str(exc)) from None
        frame.columns = [str(c).strip().lower() for c in frame.columns]
    else:
        raise CausesError("causes.error.dict_ext")
    if len(frame) > MAX_KEYWORDS:  # each reason is matched against every keyword
        raise CausesError("causes.error.dict_too_big", n=len(frame), limit=MAX_KEYWORDS)
    dictionary = validate_dictionary(frame)
    if dictionary.empty:  # it would replace the dictionary in use with one that finds nothing
        raise CausesError("causes.error.dict_empty")
    return dictionary


#: Keywords an uploaded dictionary may hold: a million took a minute to classify 213 reasons.
MAX_KEYWORDS = 20_000


# --- classes ----------------------------------------------------------------------------

WILLINGNESS_KEYS = ("unable", "unwilling", "careless", "unclear")
HARDSHIP_KEYS = ("temporary", "lasting", "none", "unclear")
TERM_KEYS = ("short", "medium", "long")

#: Cause → practice classes. Editable in the UI; the keys are stable, labels translated.
DEFAULT_CAUSE_CLASSES = pd.DataFrame({
    "cause": list(CAUSE_KEYS),
    "willingness": ["unable", "unable", "unable", "careless", "unable", "unclear", "unwilling", "unable",
                    "unclear", "unclear"],
    "hardship": ["temporary", "temporary", "temporary", "none", "lasting", "none", "none", "temporary",
                 "unclear", "unclear"],
})


def validate_cause_classes(classes: pd.DataFrame) -> pd.DataFrame:
    """Check an edited cause → class table; causes missing from it become ``unclear``.

    Raises
    ------
    CausesError
        When columns are missing or a value is not one of the class keys.

    Examples
    --------
    >>> validate_cause_classes(DEFAULT_CAUSE_CLASSES.head(1)).shape
    (10, 3)
    """
    need = {"cause", "willingness", "hardship"}
    if not isinstance(classes, pd.DataFrame) or need - set(classes.columns):
        raise CausesError("causes.error.class_columns")
    table = classes[["cause", "willingness", "hardship"]].astype("string")
    bad_cause = set(table["cause"].dropna()) - set(CAUSE_KEYS)
    bad_will = set(table["willingness"].dropna()) - set(WILLINGNESS_KEYS)
    bad_hard = set(table["hardship"].dropna()) - set(HARDSHIP_KEYS)
    if bad_cause or bad_will or bad_hard:
        raise CausesError("causes.error.class_values",
                          values=", ".join(sorted(map(str, bad_cause | bad_will | bad_hard))))
    table = table.dropna(subset=["cause"]).drop_duplicates("cause", keep="last").set_index("cause")
    table = table.reindex(list(CAUSE_KEYS)).fillna("unclear")
    return table.reset_index().astype("str")


def term_class(days_past_due: pd.Series | np.ndarray) -> pd.Categorical:
    """Short-term (1-30 DPD), medium (31-90) or long-term (> 90 DPD) delinquency.

    Examples
    --------
    >>> list(term_class([5, 30, 31, 91]))
    ['short', 'short', 'medium', 'long']
    """
    dpd = np.asarray(days_past_due, dtype=np.int64)
    codes = np.where(dpd > 90, 2, np.where(dpd > 30, 1, 0)).astype(np.int8)
    return pd.Categorical.from_codes(codes, categories=list(TERM_KEYS), ordered=True)


# --- the overdue table and its breakdowns -------------------------------------------------

def overdue_causes(
    panel: pd.DataFrame,
    dictionary: pd.DataFrame | None = None,
    classes: pd.DataFrame | None = None,
    min_dpd: int = 1,
) -> pd.DataFrame:
    """The overdue account-months with their cause and classes (the input of every breakdown).

    Parameters
    ----------
    panel : DataFrame
        Canonical portfolio or bucketed panel with ``overdue_reason``.
    dictionary : DataFrame, optional
        Keyword dictionary; default the shipped one.
    classes : DataFrame, optional
        Cause → class table; default :data:`DEFAULT_CAUSE_CLASSES`.
    min_dpd : int
        Accounts at or above this DPD are overdue (default 1).

    Returns
    -------
    DataFrame
        ``month``, ``account_id``, ``days_past_due``, ``balance``, ``bucket`` (when the panel
        has it), the segment columns, ``overdue_reason``, ``cause`` (categorical of
        :data:`CAUSE_KEYS`), ``unclassified`` (the text matched no keyword), ``willingness``,
        ``hardship`` and ``term`` (categoricals).

    Raises
    ------
    CausesError
        When the panel has no ``overdue_reason`` column or ``min_dpd`` < 1.

    Examples
    --------
    >>> df = pd.DataFrame({"account_id": ["a", "b"], "month": ["2024-01"] * 2, "days_past_due": [0, 40],
    ...                    "balance": [1.0, 2.0], "overdue_reason": [None, "住院"]})
    >>> overdue_causes(df)["cause"].tolist()
    ['illness_accident']
    """
    if "overdue_reason" not in panel.columns:
        raise CausesError("causes.error.no_reason")
    if int(min_dpd) < 1:
        raise CausesError("causes.error.min_dpd")
    table = validate_cause_classes(DEFAULT_CAUSE_CLASSES if classes is None else classes)
    keep = ["month", "account_id", "days_past_due", "balance"]
    keep += [c for c in ("bucket",) if c in panel.columns]
    keep += [c for c in segment_columns(panel) if c not in keep]
    rows = panel.loc[panel["days_past_due"].to_numpy() >= int(min_dpd), keep + ["overdue_reason"]]
    codes, unmatched = _classify_codes(rows["overdue_reason"], dictionary)
    cause = pd.Categorical.from_codes(codes, categories=list(CAUSE_KEYS))
    lookup = table.set_index("cause").reindex(list(CAUSE_KEYS))
    will_codes = np.array([WILLINGNESS_KEYS.index(v) for v in lookup["willingness"]], dtype=np.int8)
    hard_codes = np.array([HARDSHIP_KEYS.index(v) for v in lookup["hardship"]], dtype=np.int8)
    return rows.assign(
        cause=cause,
        unclassified=unmatched,
        willingness=pd.Categorical.from_codes(will_codes[codes], categories=list(WILLINGNESS_KEYS)),
        hardship=pd.Categorical.from_codes(hard_codes[codes], categories=list(HARDSHIP_KEYS)),
        term=term_class(rows["days_past_due"]),
    ).reset_index(drop=True)


def _month_rows(causes: pd.DataFrame, month: str | None) -> pd.DataFrame:
    if month is None:
        return causes
    if not isinstance(month, str) or not re.fullmatch(r"\d{4}-\d{2}", month):
        raise CausesError("causes.error.month_format", month=str(month))
    return causes[causes["month"] == month]


def _shares(out: pd.DataFrame, within: list[str] | None = None) -> pd.DataFrame:
    if within:
        tot_c = out.groupby(within, observed=True)["count"].transform("sum")
        tot_b = out.groupby(within, observed=True)["balance"].transform("sum")
    else:
        tot_c, tot_b = out["count"].sum(), out["balance"].sum()
    with np.errstate(invalid="ignore", divide="ignore"):
        return out.assign(
            count_share=np.where(tot_c > 0, out["count"] / tot_c, np.nan),
            balance_share=np.where(tot_b > 0, out["balance"] / tot_b, np.nan),
        )


def cause_pareto(causes: pd.DataFrame, month: str | None = None, measure: str = "balance") -> pd.DataFrame:
    """Causes ranked by ``measure`` with shares and cumulative shares (a Pareto table).

    Parameters
    ----------
    causes : DataFrame
        Output of :func:`overdue_causes`.
    month : str, optional
        ``YYYY-MM``; default every month in ``causes`` pooled.
    measure : {"balance", "count"}
        What to rank and accumulate by.

    Returns
    -------
    DataFrame
        ``cause``, ``count``, ``balance``, ``count_share``, ``balance_share``,
        ``cumulative_share`` (of ``measure``); only causes that occur. Counts sum to the
        overdue account-months of the month.

    Examples
    --------
    >>> df = pd.DataFrame({"month": ["2024-01"] * 3, "days_past_due": [5, 5, 40], "balance": [1.0, 1.0, 5.0],
    ...                    "cause": pd.Categorical(["forgot", "forgot", "dispute"], categories=CAUSE_KEYS)})
    >>> cause_pareto(df)[["cause", "count"]].values.tolist()
    [['dispute', 1], ['forgot', 2]]
    """
    if measure not in ("balance", "count"):
        raise CausesError("causes.error.measure")
    rows = _month_rows(causes, month)
    grouped = rows.groupby("cause", observed=True)
    out = pd.DataFrame({"count": grouped.size().astype(np.int64), "balance": grouped["balance"].sum()})
    out = out.reset_index()
    out["cause"] = out["cause"].astype("str")
    out = _shares(out)
    other = "balance" if measure == "count" else "count"
    out = out.sort_values([measure, other, "cause"], ascending=[False, False, True], kind="stable")
    out["cumulative_share"] = out[f"{measure}_share"].cumsum()
    return out.reset_index(drop=True)


def cause_breakdown(causes: pd.DataFrame, by: str, month: str | None = None) -> pd.DataFrame:
    """Cause × ``by`` (a bucket, segment or class column): counts, balances and cause mix within each group.

    Every cause × group combination is present (zeros kept), so a heatmap has no holes.

    Returns
    -------
    DataFrame
        ``by``, ``cause``, ``count``, ``balance``, ``count_share`` and ``balance_share`` (the
        cause's share within its ``by`` group).

    Raises
    ------
    CausesError
        When ``by`` is not a column of ``causes``.

    Examples
    --------
    >>> df = pd.DataFrame({"month": ["2024-01"] * 2, "balance": [1.0, 3.0], "region": ["N", "N"],
    ...                    "cause": pd.Categorical(["forgot", "dispute"], categories=CAUSE_KEYS)})
    >>> cause_breakdown(df, "region").query("count > 0")["balance_share"].tolist()
    [0.25, 0.75]

    A blank segment is a group of its own, "—", so the split adds up to the month:

    >>> cause_breakdown(df.assign(region=["N", None]), "region").query("count > 0")["region"].tolist()
    ['N', '—']
    """
    if by not in causes.columns or by in ("cause", "balance", "month"):
        raise CausesError("causes.error.not_column", column=str(by))
    rows = _month_rows(causes, month)
    if rows[by].isna().any():  # a blank segment is a group of its own ("—", last), so the split adds up
        rows = rows.assign(**{by: _blank_as_segment(rows[by])})
    grouped = rows.groupby([by, "cause"], observed=False)
    out = pd.DataFrame({"count": grouped.size().astype(np.int64), "balance": grouped["balance"].sum()})
    out = out.reset_index()
    if isinstance(rows[by].dtype, pd.CategoricalDtype):
        present = rows[by].dropna().unique()
        out = out[out[by].isin(present)]
    return _shares(out.reset_index(drop=True), [by])


def _blank_as_segment(values: pd.Series) -> pd.Series:
    """``values`` with blanks as :data:`BLANK_SEGMENT`, the last category of a categorical."""
    if isinstance(values.dtype, pd.CategoricalDtype):
        cats = [c for c in values.cat.categories if c != BLANK_SEGMENT]
        return values.cat.set_categories([*cats, BLANK_SEGMENT]).fillna(BLANK_SEGMENT)
    text = values.astype("string").fillna(BLANK_SEGMENT).astype(str)
    cats = sorted(set(text.unique()) - {BLANK_SEGMENT})
    return pd.Series(pd.Categorical(text, categories=[*cats, BLANK_SEGMENT]), index=values.index)


def cause_trend(causes: pd.DataFrame) -> pd.DataFrame:
    """Cause mix per month: ``month``, ``cause``, ``count``, ``balance`` and shares within the month.

    Examples
    --------
    >>> df = pd.DataFrame({"month": ["2024-01", "2024-02"], "balance": [1.0, 3.0],
    ...                    "cause": pd.Categorical(["forgot", "forgot"], categories=CAUSE_KEYS)})
    >>> cause_trend(df).query("cause == 'forgot'")["count_share"].tolist()
    [1.0, 1.0]
    """
    grouped = causes.groupby(["month", "cause"], observed=False)
    out = pd.DataFrame({"count": grouped.size().astype(np.int64), "balance": grouped["balance"].sum()}).reset_index()
    out = out[out["month"].isin(causes["month"].unique())]
    out["month"] = out["month"].astype("str")
    return _shares(out.sort_values(["month", "cause"]).reset_index(drop=True), ["month"])


def class_summary(causes: pd.DataFrame, dimension: str) -> pd.DataFrame:
    """The overdue book by class: accounts, balance and shares per willingness, hardship or term class.

    Parameters
    ----------
    causes : DataFrame
        :func:`overdue_causes`, usually of one month.
    dimension : {"willingness", "hardship", "term"}
        The class column.

    Returns
    -------
    DataFrame
        ``class`` (the class key, as text), ``count``, ``balance``, ``count_share``,
        ``balance_share`` (0 when the balance adds up to nothing); classes that occur, in their
        key order.

    Raises
    ------
    CausesError
        When ``dimension`` is not a class column of ``causes``.

    Examples
    --------
    >>> df = pd.DataFrame({"balance": [1.0, 3.0, 4.0],
    ...                    "term": pd.Categorical(["short", "long", "long"], categories=list(TERM_KEYS))})
    >>> class_summary(df, "term")[["class", "count", "balance_share"]].values.tolist()
    [['short', 1, 0.125], ['long', 2, 0.875]]
    """
    if dimension not in ("willingness", "hardship", "term") or dimension not in causes.columns:
        raise CausesError("causes.error.not_column", column=str(dimension))
    grouped = causes.groupby(dimension, observed=True)
    out = pd.DataFrame({"count": grouped.size(), "balance": grouped["balance"].sum()}).reset_index()
    out = out.rename(columns={dimension: "class"})
    out["class"] = out["class"].astype(str)
    shares = _shares(out)
    return shares.assign(balance_share=shares["balance_share"].fillna(0.0))


def cause_responses(pareto: pd.DataFrame, responses: dict[str, str]) -> pd.DataFrame:
    """The Pareto table with each cause's typical response (action key) next to it.

    Causes missing from ``responses`` get ``"call"`` (a phone call to find out more).

    Examples
    --------
    >>> p = pd.DataFrame({"cause": ["forgot"], "count": [3], "balance": [10.0]})
    >>> cause_responses(p, {"forgot": "reminder"})["response"].tolist()
    ['reminder']
    """
    if not isinstance(responses, dict):
        raise CausesError("causes.error.responses")
    return pareto.assign(response=[responses.get(c, "call") for c in pareto["cause"]])
