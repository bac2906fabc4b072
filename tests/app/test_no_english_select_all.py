"""Streamlit's multiselect heads its options with "Select all", in English on the Chinese screen
too; every multiselect of the app turns it off (choosing none is "all" where it matters)."""
from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_every_multiselect_turns_off_its_english_select_all():
    calls = []
    for path in [*ROOT.glob("ui/**/*.py"), *ROOT.glob("pages/*.py"), ROOT / "app.py"]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "multiselect":
                kwargs = {k.arg: k.value for k in node.keywords}
                ok = isinstance(kwargs.get("select_all"), ast.Constant) and kwargs["select_all"].value is False
                calls.append((f"{path.relative_to(ROOT)}:{node.lineno}", ok))
    assert calls and all(ok for _, ok in calls), [where for where, ok in calls if not ok]
