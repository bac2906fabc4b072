"""Buttons in a quarter-width column show their whole label (the browser tour, round 2).

Streamlit cuts a button's label with "…" when it is wider than its column: "Customer sheet
(printabl…", "Download the pack (JS…", "Back to the bundled ru…", "Restore the shipped dicti…".
A button in a narrow column has a short label (the longer wording in its help) and fills its
column (``width="stretch"``).
"""
from __future__ import annotations

import ast
import pathlib

import pytest

from ui.i18n import all_messages

REPO = pathlib.Path(__file__).resolve().parents[2]

#: (file, message key of a button placed in a column a quarter of the page wide)
NARROW = [
    ("ui/arrangements/compare.py", "arr.page.download_summary"),
    ("ui/conduct/rules_view.py", "cdp.rules.download"),
    ("ui/conduct/rules_view.py", "cdp.rules.reset"),
    ("ui/causes/editors.py", "causes.dict.reset"),
]
#: What a quarter of the page (about 200 px at 1280) holds beside a button's icon, in characters
#: (a CJK character counts two).
MOST = 16


def _width(text: str) -> int:
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


@pytest.mark.parametrize("path, key", NARROW)
def test_a_narrow_button_has_a_short_label_a_help_and_fills_its_column(path, key):
    messages = all_messages()
    for lang in ("zh", "en"):
        assert _width(messages[key][lang]) <= MOST, (key, lang, messages[key][lang])
    calls = [node for node in ast.walk(ast.parse((REPO / path).read_text()))
             if isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Call)
             and node.args[0].args and isinstance(node.args[0].args[0], ast.Constant) and node.args[0].args[0].value == key]
    assert calls, f"{key} is a button label in {path}"
    for call in calls:
        kwargs = {k.arg: k.value for k in call.keywords}
        assert "help" in kwargs, key
        assert isinstance(kwargs.get("width"), ast.Constant) and kwargs["width"].value == "stretch", key
