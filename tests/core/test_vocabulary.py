"""One vocabulary: every shared word has one key set and one label per language, used everywhere."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from analysis.core import vocabulary as V
from analysis.core.i18n import LANGS, analysis_messages

ROOT = Path(__file__).resolve().parents[2]
CODE = [p for d in ("analysis", "ui", "pages", "bench") for p in (ROOT / d).rglob("*.py")] + [ROOT / "app.py"]

#: Catalogue prefixes the vocabulary replaced: nothing may name (or define) them again.
RETIRED = ("causes.cause.", "warnings.cause.", "warnings.level.")


@pytest.mark.parametrize("lang", LANGS)
def test_every_key_has_a_label(lang):
    messages = analysis_messages()
    groups = {"cause": V.CAUSE_KEYS, "action": V.ACTION_KEYS, "level": (*V.WARNING_LEVELS, V.NO_WARNING),
              "five_tier": V.FIVE_TIER_KEYS, "metric": V.TREND_RATE_METRICS}
    for group, keys in groups.items():
        for key in keys:
            assert messages[f"vocabulary.{group}.{key}"][lang].strip()
    labels = [V.cause_label(k, lang) for k in V.CAUSE_KEYS]
    assert len(set(labels)) == len(labels), "two causes share a name"


def test_labels_and_unknown_keys():
    assert V.cause_label("income_loss", "en") == "Income loss / unemployment"
    assert V.cause_label("my own", "zh") == "my own"
    assert V.action_label("legal", "en") == "Legal action / outsourcing"
    assert V.action_label("ring twice", "zh") == "ring twice"
    assert V.level_label("orange", "zh") == "橙色预警"
    assert V.level_label("none", "zh") == "无预警"
    assert V.five_tier_label("doubtful", "en") == "Doubtful"
    assert V.stage_label(3, "zh") == "第3阶段"
    assert V.exit_label("en") == "Exit"
    with pytest.raises(ValueError):
        V.metric_label("dpd30_balance", "en")
    with pytest.raises(ValueError):
        V.five_tier_label("bad", "en")


def test_features_use_the_vocabulary_keys():
    from analysis.causes import dictionary
    from analysis.warnings import playbook, signals

    assert dictionary.CAUSE_KEYS is V.CAUSE_KEYS and signals.CAUSE_KEYS is V.CAUSE_KEYS
    assert signals.LEVELS is V.WARNING_LEVELS
    assert set(playbook.DEFAULT_CAUSE_RESPONSES) == set(V.CAUSE_KEYS)
    assert set(playbook.DEFAULT_CAUSE_RESPONSES.values()) <= set(V.ACTION_KEYS)
    assert set(playbook.DEFAULT_STAGE_PLAYBOOK["action"]) <= set(V.ACTION_KEYS)
    assert set(signals.ESCALATION) | set(signals.RELIEF_ACTIONS) <= set(V.ACTION_KEYS)
    assert not hasattr(playbook, "ACTION_LABELS")


def test_no_code_names_a_retired_key():
    # A retired key would silently show the key itself (translate falls back to it).
    pattern = re.compile("|".join(re.escape(p) for p in RETIRED))
    hits = [f"{p.relative_to(ROOT)}:{i}" for p in CODE if p.exists()
            for i, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1) if pattern.search(line)]
    assert not hits, f"use analysis.core.vocabulary instead: {hits}"


def test_findings_do_not_import_the_chart_layer():
    text = (ROOT / "analysis" / "overview" / "findings.py").read_text(encoding="utf-8")
    assert "analysis.charts" not in text
