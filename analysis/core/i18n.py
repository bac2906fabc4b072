"""Translation without Streamlit: catalogues are plain dicts ``key -> {"zh": ..., "en": ...}``.

Text the analysis layer itself emits (ingest problems, findings, category names) lives in
``analysis/locales/<area>.py``; page text lives in ``ui/locales/<area>.py``. Every module in
those packages exposes ``MESSAGES``; keys are prefixed with the area (``ingest.``, ``aging.``)
so two areas can never collide. A test checks both languages have every key and the same
``{placeholders}``.
"""
from __future__ import annotations

import importlib
import json
import pkgutil
import re
from types import ModuleType

from analysis import locales
from analysis.core.markup import escape_params
from analysis.core.units import COUNT_UNIT, UNIT_LABELS

LANGS = ("zh", "en")


def collect_messages(package: ModuleType) -> dict[str, dict[str, str]]:
    """Merge ``MESSAGES`` from every module of a locales package.

    Raises
    ------
    ValueError
        When two modules define the same key.
    """
    merged: dict[str, dict[str, str]] = {}
    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{package.__name__}.{info.name}")
        for key, texts in getattr(module, "MESSAGES", {}).items():
            if key in merged:
                raise ValueError(f"message key {key!r} defined twice ({info.name})")
            merged[key] = texts
    return merged


_ANALYSIS_MESSAGES: dict[str, dict[str, str]] | None = None


def analysis_messages() -> dict[str, dict[str, str]]:
    """All catalogues under ``analysis/locales`` (loaded once)."""
    global _ANALYSIS_MESSAGES
    if _ANALYSIS_MESSAGES is None:
        _ANALYSIS_MESSAGES = collect_messages(locales)
    return _ANALYSIS_MESSAGES


def translate(key: str, lang: str, catalogue: dict[str, dict[str, str]] | None = None, **params: object) -> str:
    """Text for ``key`` in ``lang`` with ``params`` formatted in; the key itself if unknown.

    Examples
    --------
    >>> translate("x", "en", {"x": {"zh": "共{n}行", "en": "{n} rows"}}, n=3)
    '3 rows'

    A text given the count unit (a book with no balances) reads as its ``countonly.<key>``
    wording when the catalogue has one, so that "余额（户）" becomes "户数（户）":

    >>> cat = {"b": {"zh": "余额（{unit}）"}, "countonly.b": {"zh": "户数（{unit}）"}}
    >>> translate("b", "zh", cat, unit="户"), translate("b", "zh", cat, unit="万元")
    ('户数（户）', '余额（万元）')

    A list or tuple is written as a list in ``lang`` (``、`` between items in Chinese, ``, `` in English):

    >>> translate("m", "en", {"m": {"en": "missing {cols}"}}, cols=("客户经理", "产品类型"))
    'missing 客户经理, 产品类型'

    ``{field_label}`` is the name of the canonical field ``field`` in ``lang``:

    >>> cat = {"n": {"zh": "{field_label}（--map {field}=列名）"}, "precheck.field.balance": {"zh": "余额"}}
    >>> translate("n", "zh", cat, field="balance")
    '余额（--map balance=列名）'
    """
    messages = analysis_messages() if catalogue is None else catalogue
    if params.get("unit") == UNIT_LABELS.get(lang, UNIT_LABELS["en"])[COUNT_UNIT] and f"countonly.{key}" in messages:
        key = f"countonly.{key}"
    texts = messages.get(key)
    if texts is None:
        return key
    text = texts.get(lang) or texts.get("en") or key
    if any(isinstance(v, (list, tuple)) for v in params.values()):
        params = {k: list_text(v, lang) if isinstance(v, (list, tuple)) else v for k, v in params.items()}
    if "{field_label}" in text and "field" in params and "field_label" not in params:
        # a note stores the canonical code (the command line's --map needs it); prose names the field
        params = {**params, "field_label": translate(f"precheck.field.{params['field']}", lang, messages)}
    if params and "(s)" in text:
        text = _plurals(text, params)
    return text.format(**params) if params else text


#: Between the items of a list written in a sentence, by language.
LIST_SEPARATORS = {"zh": "、", "en": ", "}


def list_text(items, lang: str) -> str:
    """``items`` as a list in a sentence of ``lang``.

    Examples
    --------
    >>> list_text(["公开羞辱", "辱骂"], "zh"), list_text(["Public shaming", "Insult"], "en")
    ('公开羞辱、辱骂', 'Public shaming, Insult')
    """
    return LIST_SEPARATORS.get(lang, ", ").join(str(i) for i in items)


def shortened(items, limit: int) -> tuple[str, ...]:
    """The first ``limit`` of ``items`` as a list parameter, the last marked "…" when some are left out.

    Examples
    --------
    >>> shortened(["a", "b", "c"], 2), shortened(["a", "b"], 2)
    (('a', 'b…'), ('a', 'b'))
    """
    kept = tuple(str(i) for i in list(items)[:limit])
    return kept[:-1] + (kept[-1] + "…",) if len(items) > limit and kept else kept


#: "{n} row(s)", "{k} title row(s)": a count placeholder, up to two words, then "(s)".
_COUNTED = re.compile(r"(\{(\w+)(?::[^}]*)?\}(?:\s+[A-Za-z-]+){1,2}?)\(s\)")


def _plurals(text: str, params: dict) -> str:
    """``"{n} file(s)"`` as "1 file" or "3 files" for the count it follows; other "(s)" stay.

    Examples
    --------
    >>> _plurals("{n} problem(s) and {k} reason(s)", {"n": 1, "k": 2})
    '{n} problem and {k} reasons'
    """
    def pick(match: re.Match) -> str:
        count = params.get(match.group(2))
        if not isinstance(count, (int, float)) or isinstance(count, bool):
            return match.group(0)
        return match.group(1) + ("" if count == 1 else "s")

    return _COUNTED.sub(pick, text)


#: Characters of one text parameter shown in a message (the rest is cut to "…"): room for the
#: column list of a wide file (a message naming the 56 columns it has), not for a hostile cell.
MESSAGE_PARAM_CHARS = 4000


def _shortened(value: object) -> object:
    """``value``, or its first :data:`MESSAGE_PARAM_CHARS` characters and "…" when it is longer
    text; a list's items as far as they fit in as many, the last cut to "…".

    Examples
    --------
    >>> _shortened(("x" * 3000, "y" * 3000))[1][-3:], len(_shortened(("x" * 3000, "y" * 3000))[1])
    ('yy…', 1001)
    """
    if isinstance(value, str) and len(value) > MESSAGE_PARAM_CHARS:
        return value[:MESSAGE_PARAM_CHARS] + "…"
    if isinstance(value, (list, tuple)) and sum(len(str(v)) for v in value) > MESSAGE_PARAM_CHARS:
        kept, room = [], MESSAGE_PARAM_CHARS
        for item in map(str, value):
            if len(item) > room:  # a list of many short items cut as one of a few long ones
                kept.append(item[:room] + "…")
                break
            kept.append(item)
            room -= len(item)
        return tuple(kept)
    return value


class MessageError(ValueError):
    """An error whose text lives in a catalogue: ``message(lang)`` for the user, English ``str()``.

    The analysis modules raise subclasses (``IngestError``, ``AgingError`` ...) so the pages and
    the CLI can show every problem in the user's language without a traceback.

    Examples
    --------
    >>> MessageError("no.such.key").message("zh")
    'no.such.key'
    """

    def __init__(self, key: str, **params: object) -> None:
        self.key = key
        # a parameter from a hostile file (a header cell of ten million characters) is cut, so
        # the message stays a message
        self.params = {k: _shortened(v) for k, v in params.items()}
        super().__init__(translate(key, "en", **self.params))

    @property
    def code(self) -> str:
        """The message key (the name ingest callers know it by)."""
        return self.key

    def message(self, lang: str = "en") -> str:
        """The message in ``lang`` (``"zh"`` or ``"en"``); a parameter that is itself a
        ``MessageError`` (the reason underneath) is given in the same language."""
        params = {k: v.message(lang) if isinstance(v, MessageError) else v for k, v in self.params.items()}
        return translate(self.key, lang, **params)

    def markdown(self, lang: str = "en") -> str:
        """:meth:`message` for Streamlit markdown: every string parameter (a column, a value, a
        file name from the user's data) escaped so it shows as text, never as a link or image.

        Examples
        --------
        >>> MessageError("x").markdown("en")
        'x'
        """
        params = escape_params({k: v for k, v in self.params.items() if not isinstance(v, MessageError)})
        params.update({k: v.markdown(lang) for k, v in self.params.items() if isinstance(v, MessageError)})
        return translate(self.key, lang, **params)

    def __reduce__(self):
        # Pickled by key and parameters (an exception pickles its ``args`` by default, which
        # here is the English text): the error a worker process raised reaches the page whole.
        return (_rebuild_message_error, (type(self), self.key, self.params))


def _rebuild_message_error(cls: type, key: str, params: dict) -> MessageError:
    error = cls.__new__(cls)
    MessageError.__init__(error, key, **params)
    return error


#: What a JSON reader says of a document nested deeper than Python's parser goes.
JSON_TOO_DEEP = "nested too deeply"


def json_problem(exc: Exception) -> str:
    """Where and why a JSON document did not parse, for a message's detail: the decoder's line,
    column and reason, or that it is nested too deeply (Python's parser then raises
    ``RecursionError``, which has no position).

    Examples
    --------
    >>> import json
    >>> try:
    ...     json.loads("[1,")
    ... except json.JSONDecodeError as exc:
    ...     json_problem(exc)
    'line 1, column 4: Expecting value'
    >>> json_problem(RecursionError())
    'nested too deeply'
    """
    if isinstance(exc, json.JSONDecodeError):
        return f"line {exc.lineno}, column {exc.colno}: {exc.msg}"
    return JSON_TOO_DEEP
