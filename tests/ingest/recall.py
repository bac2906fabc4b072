"""How the recall tests score a list of ``(header, expected field or None)``: the field applied
is the one :func:`header_field` gives with confidence ``CONFIDENT`` or more."""
from __future__ import annotations

from analysis.ingest.recognise import CONFIDENT, header_field


def confident(header: str) -> str | None:
    """The field applied to ``header`` by itself, or ``None`` (nothing, or only a suggestion)."""
    found = header_field(header)
    return found[0] if found is not None and found[1] >= CONFIDENT else None


def missed(cases: list[tuple[str, str | None]]) -> tuple[float, list]:
    """``(recall over the named headers, the named headers not applied to their field)``."""
    named = [(h, e) for h, e in cases if e is not None]
    out = [(h, e, header_field(h)) for h, e in named if confident(h) != e]
    return 1 - len(out) / len(named), out


def wrong(cases: list[tuple[str, str | None]]) -> list:
    """Headers applied to a field they are not (a header that must stay unmapped included)."""
    return [(h, e, confident(h)) for h, e in cases if confident(h) not in (None, e)]
