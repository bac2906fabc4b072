"""Rule packs: what a collection message must not say, per jurisdiction, with the source of each rule.

A pack is a JSON file (``analysis/conduct/packs/cn.json``, ``us.json``) a compliance officer can
edit: each rule has an id, a ``category`` (see :data:`CATEGORIES`), a ``severity``, its
``source`` (law, regulation, industry rule, with article), the ``phrases`` and regex ``patterns``
that trigger it, where it applies (``applies_to``: channels and/or recipients), legitimate
contexts that cancel it in the same sentence (``unless``), what the sentence must also speak of
for the rule to fire (``requires``: the debt or the debtor, for a rule whose pattern names only a
channel or an act; where the debtor lives or walks, for a warning to be careful, ``出门当心``),
innocent words that contain a phrase (``innocent``), and a suggested
rewording and a description in Chinese and English.

A pack's ``lexicon`` holds named word lists (family members, community channels, lending
platforms, fee words, titles, agencies …): a pattern writes ``{family}`` where any of them may
stand, so a rule is written once as the structure of a sentence (who does what to whom) and the
lists grow without touching it. Names are lower-case letters, digits and ``_``; a regex quantifier
such as ``{0,6}`` is not a name. Rules with
``kind`` ``pii``, ``letter`` or ``night_time`` are checks written in code whose settings live in the
pack's ``thresholds`` (placeholders that pass, letter elements, quiet hours).

:func:`pack_from_json` validates a pack and says what is wrong in both languages
(:class:`PackError`); :func:`pack_to_json` writes it back (a round trip gives the same pack).
:func:`rules_table` and :func:`pack_from_table` turn a pack into a table for an editor and back.
The packs are a screening aid, not legal advice (``conduct.disclaimer``).
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

import pandas as pd

from analysis.core.i18n import MessageError, analysis_messages, json_problem, translate

CATEGORIES = ("threat", "insult", "false_legal", "impersonation", "shaming", "third_party", "borrow_to_repay",
              "extra_fee", "excess_pii", "letter_missing", "contact_time")
SEVERITIES = ("high", "medium", "low")
#: ``text``: phrases and patterns; the others are checks in code configured by the pack's thresholds.
KINDS = ("text", "pii", "letter", "night_time")
CHANNELS = ("sms", "push", "call", "letter", "email", "visit", "wechat", "ivr", "other")
RECIPIENTS = ("debtor", "guarantor", "third_party")
JURISDICTIONS = ("cn", "us")
#: Cells of :func:`rules_table` hold lists one item a line; phrases, channels and recipients may
#: also be separated by ``；`` or ``;`` (patterns only by lines: a regex may hold ``;``).
LIST_SEP = "\n"
TABLE_COLUMNS = ("rule", "category", "severity", "phrases", "patterns", "channels", "recipients", "source",
                 "suggestion", "description")


class PackError(MessageError):
    """A rule pack that cannot be used: the message names the rule and the field to fix."""


@dataclass(frozen=True)
class Rule:
    """One rule of a pack (see the module docstring for the fields).

    ``channels`` / ``recipients`` empty means every channel / recipient. ``suggestion`` and
    ``description`` map ``"zh"`` and ``"en"`` to text.
    """

    rule: str
    category: str
    severity: str
    source: str
    phrases: tuple[str, ...] = ()
    patterns: tuple[str, ...] = ()
    channels: tuple[str, ...] = ()
    recipients: tuple[str, ...] = ()
    unless: tuple[str, ...] = ()
    innocent: tuple[str, ...] = ()
    requires: tuple[str, ...] = ()
    kind: str = "text"
    negatable: bool = True
    suggestion: dict = field(default_factory=dict, hash=False, compare=True)
    description: dict = field(default_factory=dict, hash=False, compare=True)
    #: ``patterns``, ``unless`` and ``requires`` with the pack's word lists written out (what runs)
    expanded: dict = field(default_factory=dict, hash=False, compare=False, repr=False)

    def regexes(self, what: str = "patterns") -> tuple[str, ...]:
        """``patterns``, ``unless`` or ``requires`` as they run: with the pack's ``{lists}``
        written out (as written when the rule was made without a pack)."""
        return self.expanded.get(what, getattr(self, what))

    def compiled(self, what: str = "patterns", ascii_text: bool = False) -> tuple[re.Pattern, ...]:
        """:meth:`regexes` compiled, once per rule (kept beside the expanded texts: a template
        set runs every pattern of the pack on every text). ``ascii_text``: the versions for a text
        without a non-ASCII character, compiled with ``re.ASCII``, which finds the same matches
        in such a text and runs about twice as fast when case is ignored."""
        key = f"compiled:{what}:{ascii_text}"
        found = self.expanded.get(key)
        if found is None:
            flags = re.ASCII if ascii_text else 0
            found = tuple(re.compile(p, flags) for p in self.regexes(what))
            self.expanded[key] = found
        return found

    def quick_test(self, ascii_text: bool = False) -> re.Pattern | None:
        """One alternation of the patterns when they all ignore case (``(?i)``, the English
        rules), to skip a text none of them can match; ``None`` otherwise. For Chinese patterns
        one alternation is slower than the patterns one by one (each keeps re's literal fast
        path), for English ones it is faster."""
        key = f"quick:{ascii_text}"
        if key not in self.expanded:
            patterns = self.regexes("patterns")
            quick = None
            if patterns and all(p.startswith("(?i)") for p in patterns):
                flags = re.IGNORECASE | (re.ASCII if ascii_text else 0)
                try:
                    quick = re.compile("|".join(f"(?:{p[4:]})" for p in patterns), flags)
                except re.error:  # a pattern with its own global flags cannot be joined
                    quick = None
            self.expanded[key] = quick
        return self.expanded[key]

    def applies(self, channel: str | None, recipient: str | None) -> bool:
        """Whether the rule checks a text sent on ``channel`` to ``recipient`` (``None``: unknown,
        which a channel-bound rule such as the letter check does not assume)."""
        if self.channels and channel not in self.channels:
            return False
        return not self.recipients or (recipient or "debtor") in self.recipients

    def text(self, what: str, lang: str) -> str:
        """``suggestion`` or ``description`` in ``lang`` (English when that language is missing)."""
        texts = getattr(self, what)
        return texts.get(lang) or texts.get("en") or ""


@dataclass(frozen=True)
class RulePack:
    """A jurisdiction's rules and the thresholds of its coded checks."""

    jurisdiction: str
    rules: tuple[Rule, ...]
    thresholds: dict = field(default_factory=dict, hash=False)
    lexicon: dict = field(default_factory=dict, hash=False)
    name: dict = field(default_factory=dict, hash=False)
    note: dict = field(default_factory=dict, hash=False)
    version: str = ""

    def rule(self, rule_id: str) -> Rule:
        """The rule with id ``rule_id`` (KeyError if the pack has none)."""
        for r in self.rules:
            if r.rule == rule_id:
                return r
        raise KeyError(rule_id)


# --------------------------------------------------------------------------------------------
# reading and writing


@lru_cache(maxsize=8)
def _shipped(jurisdiction: str) -> RulePack:
    text = resources.files("analysis.conduct").joinpath("packs", f"{jurisdiction}.json").read_text(encoding="utf-8")
    return pack_from_json(text)


def rule_pack(jurisdiction: str = "cn") -> RulePack:
    """The pack shipped for ``jurisdiction`` (``"cn"`` or ``"us"``).

    Raises
    ------
    PackError
        For another jurisdiction.

    Examples
    --------
    >>> pack = rule_pack("us")
    >>> pack.jurisdiction, pack.rule("us_contact_time").category
    ('us', 'contact_time')
    """
    key = str(jurisdiction).strip().lower()
    if key not in JURISDICTIONS:
        raise PackError("conduct.err.jurisdiction", value=jurisdiction, allowed=", ".join(JURISDICTIONS))
    return _shipped(key)


def _need(obj: dict, key: str, kind: type | tuple, where: str):
    value = obj.get(key)
    if not isinstance(value, kind) or (isinstance(value, str) and not value.strip()):
        raise PackError("conduct.err.pack_field", where=where, field=key)
    return value


def _strings(obj: dict, key: str, where: str) -> tuple[str, ...]:
    value = obj.get(key, [])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise PackError("conduct.err.pack_field", where=where, field=key)
    return tuple(v for v in (s.strip() for s in value) if v)


def _regex(pattern: str, where: str) -> None:
    try:
        re.compile(pattern)
    except re.error as exc:
        raise PackError("conduct.err.pack_regex", where=where, pattern=pattern, detail=str(exc)) from None


def _bilingual(obj: dict, key: str, where: str) -> dict:
    value = obj.get(key)
    if not isinstance(value, dict) or not all(isinstance(value.get(lang), str) and value[lang].strip() for lang in ("zh", "en")):
        raise PackError("conduct.err.pack_bilingual", where=where, field=key)
    return {"zh": value["zh"], "en": value["en"]}


_LIST_REF_RE = re.compile(r"(?<!\\)\{([a-z][a-z0-9_]*)\}")


def _check_lexicon(obj: object) -> dict[str, tuple[str, ...]]:
    if obj is None:
        return {}
    if not isinstance(obj, dict):
        raise PackError("conduct.err.pack_field", where="lexicon", field="lexicon")
    out = {}
    for name, words in obj.items():
        if not isinstance(name, str) or not re.fullmatch(r"[a-z][a-z0-9_]*", name):
            raise PackError("conduct.err.pack_field", where="lexicon", field=str(name))
        listed = _strings(obj, name, "lexicon")
        if not listed:
            raise PackError("conduct.err.pack_field", where="lexicon", field=name)
        out[name] = listed
    return out


def expand(pattern: str, lexicon: dict, where: str = "") -> str:
    """``pattern`` with each ``{name}`` of a word list written out as a non-capturing
    alternation (longest words first, so 微信群 wins over 群; words are literal text).

    Raises
    ------
    PackError
        For a ``{name}`` the lexicon does not have.

    Examples
    --------
    >>> expand("(告诉|通知)(你|您)的?{family}", {"family": ["父母", "家人", "老婆"]})
    '(告诉|通知)(你|您)的?(?:父母|家人|老婆)'
    """
    def word_list(m: re.Match) -> str:
        words_ = lexicon.get(m.group(1))
        if words_ is None:
            raise PackError("conduct.err.pack_regex", where=where, pattern=pattern,
                            detail=f"no word list {m.group(0)} in the lexicon")
        return "(?:" + "|".join(re.escape(w) for w in sorted(words_, key=len, reverse=True)) + ")"

    return _LIST_REF_RE.sub(word_list, pattern)


def _rule_from_dict(obj: object, index: int, lexicon: dict | None = None) -> Rule:
    if not isinstance(obj, dict):
        raise PackError("conduct.err.pack_field", where=f"rules[{index}]", field="rule")
    rule_id = _need(obj, "rule", str, f"rules[{index}]").strip()
    where = rule_id
    category = _need(obj, "category", str, where)
    if category not in CATEGORIES:
        raise PackError("conduct.err.pack_category", rule=rule_id, value=category, allowed=", ".join(CATEGORIES))
    severity = _need(obj, "severity", str, where)
    if severity not in SEVERITIES:
        raise PackError("conduct.err.pack_severity", rule=rule_id, value=severity, allowed=", ".join(SEVERITIES))
    kind = obj.get("kind", "text")
    if kind not in KINDS:
        raise PackError("conduct.err.pack_kind", rule=rule_id, value=kind, allowed=", ".join(KINDS))
    phrases, patterns = _strings(obj, "phrases", where), _strings(obj, "patterns", where)
    unless, innocent = _strings(obj, "unless", where), _strings(obj, "innocent", where)
    requires = _strings(obj, "requires", where)
    lexicon = lexicon or {}
    expanded = {what: tuple(expand(p, lexicon, where) for p in listed)
                for what, listed in (("patterns", patterns), ("unless", unless), ("requires", requires))}
    for pattern in expanded["patterns"] + expanded["unless"] + expanded["requires"]:
        _regex(pattern, where)
    if kind == "text" and not phrases and not patterns:
        raise PackError("conduct.err.pack_empty_rule", rule=rule_id)
    applies = obj.get("applies_to", {}) or {}
    if not isinstance(applies, dict):
        raise PackError("conduct.err.pack_field", where=where, field="applies_to")
    channels = _strings(applies, "channels", f"{where}.applies_to")
    recipients = _strings(applies, "recipients", f"{where}.applies_to")
    for value in channels:
        if value not in CHANNELS:
            raise PackError("conduct.err.pack_channel", rule=rule_id, value=value, allowed=", ".join(CHANNELS))
    for value in recipients:
        if value not in RECIPIENTS:
            raise PackError("conduct.err.pack_recipient", rule=rule_id, value=value, allowed=", ".join(RECIPIENTS))
    negatable = obj.get("negatable", True)
    if not isinstance(negatable, bool):
        raise PackError("conduct.err.pack_field", where=where, field="negatable")
    return Rule(rule=rule_id, category=category, severity=severity, source=_need(obj, "source", str, where).strip(),
                phrases=phrases, patterns=patterns, channels=channels, recipients=recipients, unless=unless,
                innocent=innocent, requires=requires, kind=kind, negatable=negatable,
                suggestion=_bilingual(obj, "suggestion", where), description=_bilingual(obj, "description", where),
                expanded=expanded)


_HHMM_RE = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")


def _check_thresholds(thresholds: object, rules: tuple[Rule, ...]) -> dict:
    if not isinstance(thresholds, dict):
        raise PackError("conduct.err.pack_field", where="thresholds", field="thresholds")
    kinds = {r.kind for r in rules}
    if "night_time" in kinds:
        quiet = _need(thresholds, "quiet_hours", dict, "thresholds")
        for key in ("start", "end"):
            value = quiet.get(key)
            if not isinstance(value, str) or not _HHMM_RE.match(value.strip()):
                raise PackError("conduct.err.pack_time", field=f"quiet_hours.{key}", value=value)
        for key in ("contact_words", "inbound_words"):
            _regex(_need(thresholds, key, str, "thresholds"), f"thresholds.{key}")
        _strings(thresholds, "night_words", "thresholds")
    if "letter" in kinds:
        letter = _need(thresholds, "letter", dict, "thresholds")
        elements = _need(letter, "elements", list, "thresholds.letter")
        if not elements:
            raise PackError("conduct.err.pack_field", where="thresholds.letter", field="elements")
        for i, element in enumerate(elements):
            where = f"thresholds.letter.elements[{i}]"
            if not isinstance(element, dict):
                raise PackError("conduct.err.pack_field", where=where, field="id")
            _need(element, "id", str, where)
            _bilingual(element, "name", where)
            patterns = _strings(element, "patterns", where)
            if not patterns:
                raise PackError("conduct.err.pack_field", where=where, field="patterns")
            for pattern in patterns:
                _regex(pattern, where)
    if "pii" in kinds:
        pii = _need(thresholds, "pii", dict, "thresholds")
        for key in ("placeholder", "placeholder_pass", "placeholder_flag", "own_contact_cues"):
            _regex(_need(pii, key, str, "thresholds.pii"), f"thresholds.pii.{key}")
        _strings(pii, "kinds", "thresholds.pii")
    return thresholds


def pack_from_dict(obj: object) -> RulePack:
    """A :class:`RulePack` from the parsed JSON of a pack, validated.

    Raises
    ------
    PackError
        Naming what is wrong: a missing field, an unknown category or severity, a regex that
        does not compile, a duplicate rule id, a rule with nothing to match.
    """
    if not isinstance(obj, dict) or not isinstance(obj.get("rules"), list) or not isinstance(obj.get("jurisdiction"), str):
        raise PackError("conduct.err.pack_shape")
    lexicon = _check_lexicon(obj.get("lexicon"))
    rules = tuple(_rule_from_dict(r, i, lexicon) for i, r in enumerate(obj["rules"]))
    if not rules:
        raise PackError("conduct.err.pack_shape")
    seen: set[str] = set()
    for r in rules:
        if r.rule in seen:
            raise PackError("conduct.err.pack_duplicate", rule=r.rule)
        seen.add(r.rule)
    thresholds = _check_thresholds(obj.get("thresholds", {}), rules)
    name = obj.get("name") if isinstance(obj.get("name"), dict) else {}
    note = obj.get("note") if isinstance(obj.get("note"), dict) else {}
    return RulePack(jurisdiction=obj["jurisdiction"].strip().lower(), rules=rules, thresholds=thresholds,
                    lexicon={k: list(v) for k, v in lexicon.items()}, name=dict(name), note=dict(note), version=str(obj.get("version", "")))


def pack_from_json(text: str | bytes) -> RulePack:
    """Read and validate a rule pack from its JSON text.

    Raises
    ------
    PackError
        When the text is not JSON or the pack is not valid (the message says where).

    Examples
    --------
    >>> pack_from_json("{}")
    Traceback (most recent call last):
    ...
    analysis.conduct.rules.PackError: The rule pack must be a JSON object with "jurisdiction" and a non-empty list "rules".
    """
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise PackError("conduct.err.pack_json", detail="not UTF-8 text") from None
    try:
        obj = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as exc:
        raise PackError("conduct.err.pack_json", detail=json_problem(exc)) from None
    return pack_from_dict(obj)


def _rule_to_dict(rule: Rule) -> dict:
    out = {"rule": rule.rule, "category": rule.category, "severity": rule.severity, "source": rule.source}
    if rule.kind != "text":
        out["kind"] = rule.kind
    out.update(phrases=list(rule.phrases), patterns=list(rule.patterns), unless=list(rule.unless),
               innocent=list(rule.innocent))
    if rule.requires:
        out["requires"] = list(rule.requires)
    applies = {k: list(v) for k, v in (("channels", rule.channels), ("recipients", rule.recipients)) if v}
    if applies:
        out["applies_to"] = applies
    if not rule.negatable:
        out["negatable"] = False
    out.update(suggestion=dict(rule.suggestion), description=dict(rule.description))
    return out


def pack_to_dict(pack: RulePack) -> dict:
    """The JSON-ready dict of a pack (the shape of ``packs/*.json``)."""
    out = {"jurisdiction": pack.jurisdiction, "name": dict(pack.name), "version": pack.version,
           "note": dict(pack.note), "thresholds": pack.thresholds}
    if pack.lexicon:
        out["lexicon"] = {k: list(v) for k, v in pack.lexicon.items()}
    out["rules"] = [_rule_to_dict(r) for r in pack.rules]
    return out


def pack_to_json(pack: RulePack) -> str:
    """The pack as UTF-8-ready JSON text (Chinese kept readable), one rule field per line.

    Examples
    --------
    >>> pack = rule_pack("cn")
    >>> pack_from_json(pack_to_json(pack)) == pack
    True
    """
    return json.dumps(pack_to_dict(pack), ensure_ascii=False, indent=1)


# --------------------------------------------------------------------------------------------
# names for the reader


def rule_name(rule_id: str, lang: str = "zh", pack: RulePack | None = None) -> str:
    """The rule's name in ``lang``: the catalogue's (``conduct.rule.<id>``) for a shipped rule,
    else the description the rule carries in ``pack`` (a rule the user added), else the id. A
    letter's finding (``cn_letter_missing.amount``) adds the missing element's name.

    Examples
    --------
    >>> rule_name("cn_insult", "zh"), rule_name("cn_insult", "en")
    ('侮辱谩骂', 'Insults and abuse')
    >>> rule_name("cn_letter_missing.amount", "zh")
    '催收函缺少必备内容：欠款金额'
    >>> rule_name("my_rule", "en")
    'my_rule'
    """
    base, _, element = rule_id.partition(".")
    if pack is None and base.split("_", 1)[0] in JURISDICTIONS:  # a shipped rule's own pack
        pack = rule_pack(base.split("_", 1)[0])
    key = f"conduct.rule.{base}"
    if key in analysis_messages():
        name = translate(key, lang)
    else:
        try:
            name = (pack.rule(base).text("description", lang) if pack is not None else "") or base
        except KeyError:
            name = base
    if not element:
        return name
    elements = ((pack.thresholds if pack is not None else {}).get("letter") or {}).get("elements") or []
    found = next((e["name"].get(lang) or e["name"].get("en") for e in elements if e.get("id") == element), element)
    return f"{name}：{found}" if lang == "zh" else f"{name}: {found}"


def list_name(name: str, lang: str = "zh") -> str:
    """A word list's name in ``lang`` (``conduct.list.<name>``; the name itself for a list the
    user added).

    Examples
    --------
    >>> list_name("caution", "zh"), list_name("caution", "en")
    ('提醒“当心”的说法', 'warnings to be careful')
    """
    key = f"conduct.list.{name}"
    return translate(key, lang) if key in analysis_messages() else name


def lexicon_table(pack: RulePack, lang: str = "zh") -> pd.DataFrame:
    """The pack's word lists, one row each: how a pattern refers to it (``{caution}``), its
    name in ``lang``, and its words (one line), for the reader of a pattern such as ``{caution}``.

    Examples
    --------
    >>> table = lexicon_table(rule_pack("cn"), "zh")
    >>> table.loc[table["ref"] == "{caution}", "name"].item()
    '提醒“当心”的说法'
    """
    sep = "、" if lang == "zh" else ", "
    rows = [{"ref": "{" + name + "}", "name": list_name(name, lang), "words": sep.join(words)}
            for name, words in pack.lexicon.items()]
    return pd.DataFrame(rows, columns=["ref", "name", "words"])


# --------------------------------------------------------------------------------------------
# the editor's table


def rules_table(pack: RulePack, lang: str = "zh") -> pd.DataFrame:
    """One row per rule, for a data editor: lists one item a line, texts in ``lang``.

    Columns are :data:`TABLE_COLUMNS` (canonical names; the page translates the headers).

    Examples
    --------
    >>> table = rules_table(rule_pack("cn"), "en")
    >>> list(table.columns) == list(TABLE_COLUMNS), table.loc[0, "category"]
    (True, 'threat')
    """
    rows = [{"rule": r.rule, "category": r.category, "severity": r.severity,
             "phrases": LIST_SEP.join(r.phrases), "patterns": LIST_SEP.join(r.patterns),
             "channels": LIST_SEP.join(r.channels), "recipients": LIST_SEP.join(r.recipients),
             "source": r.source, "suggestion": r.text("suggestion", lang), "description": r.text("description", lang)}
            for r in pack.rules]
    return pd.DataFrame(rows, columns=list(TABLE_COLUMNS))


def _cell_list(value: object, allow_semicolons: bool) -> list[str]:
    if value is None or (isinstance(value, float) and value != value) or value is pd.NA:
        return []
    if not isinstance(value, str) and hasattr(value, "__iter__"):  # a multiselect cell: its items
        return [p.strip() for p in (_cell_text(v) for v in value) if p.strip()]
    text = str(value)
    parts = re.split(r"[\n；;]" if allow_semicolons else r"\n", text)
    return [p.strip() for p in parts if p.strip()]


def _cell_text(value: object) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return ""
    return str(value).strip()


def pack_from_table(table: pd.DataFrame, base_pack: RulePack, lang: str = "zh") -> RulePack:
    """The pack an edited :func:`rules_table` describes.

    Rows keep, from the rule of the same id in ``base_pack``, what the table does not show (the
    other language's texts, ``unless``, ``requires``, ``innocent``, ``kind``); a new rule id is a new phrase rule
    whose texts are copied to both languages. The thresholds and the lexicon come from ``base_pack``.

    Raises
    ------
    PackError
        As :func:`pack_from_json` for what the edit broke (a missing id, an unknown category, a
        regex that does not compile …).

    Examples
    --------
    >>> base = rule_pack("cn")
    >>> table = rules_table(base, "zh")
    >>> table.loc[table["rule"] == "cn_insult", "phrases"] += "\\n窝囊废"
    >>> "窝囊废" in pack_from_table(table, base, "zh").rule("cn_insult").phrases
    True
    """
    missing = [c for c in ("rule", "category", "severity", "phrases", "patterns", "source") if c not in table.columns]
    if missing:
        raise PackError("conduct.err.table_columns", columns=", ".join(missing))
    base = {r.rule: r for r in base_pack.rules}
    rules = []
    for i, row in enumerate(table.to_dict("records")):
        rule_id = _cell_text(row.get("rule"))
        if not rule_id:
            raise PackError("conduct.err.pack_field", where=f"row {i + 1}", field="rule")
        old = _rule_to_dict(base[rule_id]) if rule_id in base else {"unless": [], "innocent": []}
        obj = dict(old)
        obj.update(rule=rule_id, category=_cell_text(row.get("category")), severity=_cell_text(row.get("severity")),
                   source=_cell_text(row.get("source")),
                   phrases=_cell_list(row.get("phrases"), True), patterns=_cell_list(row.get("patterns"), False))
        applies = {k: _cell_list(row.get(k), True) for k in ("channels", "recipients") if k in table.columns}
        if applies:
            obj["applies_to"] = {k: v for k, v in applies.items() if v}
        for what in ("suggestion", "description"):
            if what in table.columns and _cell_text(row.get(what)):
                texts = dict(old.get(what) or {})
                texts[lang] = _cell_text(row.get(what))
                for other in ("zh", "en"):
                    texts.setdefault(other, texts[lang])
                obj[what] = texts
        rules.append(obj)
    out = pack_to_dict(base_pack)
    out["rules"] = rules
    return pack_from_dict(out)
