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
RETIRED = ("causes.cause.", "warnings.cause.", "warnings.level.", "aging.five_tier.", "aging.metric.",
           "aging.stage\"", "report.metric.", "trend.metric.", "findings.metric.", "causes.metric.",
           "aging.col.entry_rate", "aging.chart.entry_rate", "trend.chart.dpd90_rate")


@pytest.mark.parametrize("lang", LANGS)
def test_every_key_has_a_label(lang):
    messages = analysis_messages()
    groups = {"cause": V.CAUSE_KEYS, "action": V.ACTION_KEYS, "level": (*V.WARNING_LEVELS, V.NO_WARNING),
              "five_tier": V.FIVE_TIER_KEYS,
              "metric": (*V.TREND_RATE_METRICS, *V.AMOUNT_METRICS, *V.BOOK_METRICS)}
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
    assert V.metric_name("dpd30_balance", "en") == "DPD30+ balance"
    with pytest.raises(ValueError):
        V.metric_name("dpd30", "en")
    with pytest.raises(ValueError):
        V.five_tier_label("bad", "en")


def test_rate_metrics_one_definition():
    from analysis.core import rates
    from analysis.trend import series

    assert V.RATE_METRICS == ("overdue_rate", "dpd30_rate", "dpd90_rate")
    assert V.TREND_RATE_METRICS == (*V.RATE_METRICS, V.ENTRY_RATE)
    assert not hasattr(rates, "RATE_METRICS"), "one definition: the vocabulary's"
    assert series.TREND_RATE_METRICS is V.TREND_RATE_METRICS
    assert not hasattr(series, "RATE_METRICS"), "the trend's four rates go by TREND_RATE_METRICS"


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


def test_one_odds_ratio_chart_name_each():
    from analysis.charts import causes, warnings

    assert not hasattr(causes, "chart_odds_ratios") and not hasattr(warnings, "chart_odds_ratios")
    assert callable(causes.chart_driver_odds_ratios) and callable(warnings.chart_warning_odds_ratios)


def test_findings_do_not_import_the_chart_layer():
    text = (ROOT / "analysis" / "overview" / "findings.py").read_text(encoding="utf-8")
    assert "analysis.charts" not in text


def test_one_entry_rate_one_month(cubes_of):
    """The aging table, the trend table and the overview summary date the same 入催率 at the same month."""
    import pandas as pd

    from analysis.aging.tables import entry_table
    from analysis.core.view import View
    from analysis.overview.headlines import monthly_summary
    from analysis.trend.series import entry_rates, trend_table

    df = pd.DataFrame({"account_id": list("abcd") * 2, "month": ["2024-01"] * 4 + ["2024-02"] * 4,
                       "days_past_due": [0, 0, 0, 0, 5, 0, 40, 0], "balance": [1.0] * 8})
    cubes = cubes_of(df)
    entry = entry_rates(cubes.transitions(), "count")
    assert entry[["month", "entry_rate"]].values.tolist() == [["2024-02", 0.5]]
    trend = trend_table(cubes.rates(), cubes.transitions(), "count").set_index("month")["entry_rate"]
    assert trend["2024-02"] == 0.5 and pd.isna(trend["2024-01"])
    summary = monthly_summary(cubes, "count").set_index("month")["entry_rate"]
    assert summary["2024-02"] == 0.5
    shown = entry_table(entry, View(lang="en", measure="count")).frame
    assert list(shown.columns[:2]) == [V.entry_month_label("en"), V.entry_base_month_label("en")]
    assert shown.iloc[0, :2].tolist() == ["2024-02", "2024-01"]
    assert "month of entry" in V.entry_rate_definition("en")


def test_warning_odds_chart_has_the_house_shape():
    import pandas as pd

    from analysis.charts.warnings import chart_warning_odds_ratios
    from analysis.core.view import View

    odds = pd.DataFrame({"odds_ratio": [1.5, 0.8], "ci_low": [1.2, 0.6], "ci_high": [1.9, 1.0]})
    spec = chart_warning_odds_ratios(odds, View(lang="zh"), labels=["a", "b"], subtitle="口径").to_dict()
    assert "config" in spec and spec["title"]["subtitle"] == "口径"
