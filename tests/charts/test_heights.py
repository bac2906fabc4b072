"""Every bar-per-category chart is as tall as its categories need, on screen as in the export.

On screen, Streamlit sizes a chart without its own ``autosize`` as "fit": the title, subtitle,
axis labels and legend are squeezed into the height the builder set, and a chart of one or two
bars came out 10-20 px high. Each builder here is rendered with 1, 2 and 30 categories: its spec
must size as ``fit-x`` (the height is the plot's own), the plot must be at least
:data:`MIN_PLOT` px high and give each category at least :data:`MIN_STEP` px, and the rendered PNG
must be at least that tall too.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.charts import causes as CC
from analysis.charts import conduct as CD
from analysis.charts import warnings as CW
from analysis.charts.export import chart_to_png, png_size
from analysis.core.view import View
from analysis.core.vocabulary import ACTION_KEYS, CAUSE_KEYS
from analysis.warnings.signals import LEVELS

MIN_PLOT = 120  # px: the smallest plot anyone can read a bar off
MIN_STEP = 16   # px per category: labels of 12 px type must not print over each other
VIEW = View(lang="zh", unit="wan", month="2024-06")


def _names(n: int) -> list[str]:
    return [f"类别{i:02d}" for i in range(n)]


def iv_ranking(n):
    iv = pd.DataFrame({"attribute": _names(n), "iv": np.linspace(0.5, 0.01, n), "strength": "weak",
                       "riskiest_bin": "x", "riskiest_rate": 0.1})
    return CC.chart_iv_ranking(iv, VIEW, subtitle="口径")


def driver_forest(n):
    table = pd.DataFrame({"attribute": _names(n), "level": "", "reference": "", "step": 1.0,
                          "odds_ratio": np.linspace(0.5, 2.0, n), "ci_low": 0.4, "ci_high": 2.5, "p_value": 0.01})
    return CC.chart_driver_odds_ratios(table, VIEW, subtitle="口径")


def cause_by_segment(n):
    rows = [{"product": seg, "cause": cause, "count": 3, "balance": 100.0, "balance_share": 0.5, "count_share": 0.5}
            for seg in _names(n) for cause in CAUSE_KEYS[:2]]
    return CC.chart_cause_by_segment(pd.DataFrame(rows), VIEW, by="product", by_label="产品", subtitle="口径")


def levels_by(n):
    rows = [{"owner": seg, "level": lv, "accounts": 2, "balance": 1000.0 * (i + 1)}
            for i, seg in enumerate(_names(n)) for lv in LEVELS]
    return CW.chart_levels_by(pd.DataFrame(rows), VIEW, by="owner", by_label="客户经理", subtitle="口径", top=40)


def actions(n):
    keys = [ACTION_KEYS[i % len(ACTION_KEYS)] if i < len(ACTION_KEYS) else f"动作{i}" for i in range(n)]
    summary = pd.DataFrame({"action": keys, "accounts": 5, "balance": 1000.0, "balance_share": 1.0 / n})
    return CW.chart_actions(summary, VIEW, subtitle="口径")


def warning_forest(n):
    odds = pd.DataFrame({"odds_ratio": np.linspace(0.5, 2.0, n), "ci_low": 0.4, "ci_high": 2.5})
    return CW.chart_warning_odds_ratios(odds, VIEW, labels=_names(n), subtitle="口径")


def conduct_findings(n):
    cats = ["threat", "insult", "false_legal", "impersonation", "shaming", "third_party", "borrow_to_repay",
            "extra_fee", "excess_pii", "letter_missing", "contact_time"]
    counts = pd.DataFrame({"category": [cats[i % len(cats)] if i < len(cats) else f"类别{i}" for i in range(n)],
                           "findings": np.arange(n) + 1, "templates": 1})
    return CD.chart_findings_by_category(counts, VIEW, subtitle="口径")


def conduct_breaches(n):
    return CD.chart_breaches_by_rule(pd.DataFrame({"rule": _names(n), "breaches": np.arange(n)}), VIEW, subtitle="口径")


def conduct_rates(n):
    table = pd.DataFrame({"group": _names(n), "rate": np.linspace(0.1, 0.9, n), "n": 10})
    return CD.chart_group_rates(table, VIEW, group_label="催收员", rate="contact_rate", subtitle="口径")


BUILDERS = [iv_ranking, driver_forest, cause_by_segment, levels_by, actions, warning_forest, conduct_findings,
            conduct_breaches, conduct_rates]


def _plot_height(spec: dict) -> float:
    return float(spec.get("height") or max(_plot_height(layer) for layer in spec.get("layer", [{}])))


@pytest.mark.parametrize("n", [1, 2, 30])
@pytest.mark.parametrize("builder", BUILDERS, ids=lambda b: b.__name__)
def test_a_chart_is_as_tall_as_its_categories_need(builder, n):
    chart = builder(n)
    spec = chart.to_dict()
    assert spec.get("autosize", {}).get("type") == "fit-x", "the height must be the plot's, not the whole chart's"
    height = _plot_height(spec)
    assert height >= MIN_PLOT
    assert height >= MIN_STEP * n
    if n != 2:  # rendering is slow-ish: the smallest and the largest
        _, png_height = png_size(chart_to_png(chart, scale=1))
        assert png_height >= height


def _max_args(text: str) -> str:
    """The inside of the ``max(...)`` ``text`` starts with (parentheses matched)."""
    depth = 0
    for i, ch in enumerate(text):
        depth += ch == "("
        depth -= ch == ")"
        if depth == 0 and ch == ")":
            return text[4:i]
    return text[4:]


def _source_heights():
    """Every ``height=`` a chart builder sets in analysis/charts, as (file, line, smallest value)."""
    import pathlib
    import re
    charts = pathlib.Path(__file__).resolve().parents[2] / "analysis" / "charts"
    found = []
    for path in sorted(charts.glob("*.py")):
        for no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.lstrip().startswith(">>>"):  # a docstring example, not a builder
                continue
            for m in re.finditer(r"\bheight(?::\s*int)?\s*=\s*(max\(|\d+(?:\s*\*\s*\d+)?)", line):
                if re.search(r"mark_\w+\([^()]*$", line[:m.start()]):  # a bar's thickness, not the plot
                    continue
                if m.group(1) == "max(":  # max(floor, step * n): the floor is its term without a product
                    args = _max_args(line[m.start(1):])
                    floor = [int(x) for x in re.findall(r"(?<![\w*.])(?<!\*\s)(\d+)(?!\s*\*)(?![\w.])", args)]
                    found.append((path.name, no, max(floor) if floor else 0))
                else:
                    found.append((path.name, no, eval(m.group(1))))  # a literal like 24 * 22
    return found


def test_no_chart_builder_sets_a_plot_lower_than_the_minimum():
    # Builders not rendered above (every other chart): their plot height, or the floor of their
    # max(floor, step * n), is at least MIN_PLOT, so 1 or 2 categories never give a sliver.
    heights = _source_heights()
    assert len(heights) > 30
    low = [(f, no, h) for f, no, h in heights if h < MIN_PLOT]
    assert not low, f"plots lower than {MIN_PLOT} px: {low}"


def test_the_scenario_comparison_is_tall_enough_with_one_scenario():
    from analysis.charts.whatif import chart_scenarios
    row = {f"{m}{s}": 1000.0 for m in ("ead", "expected_loss", "revenue") for s in ("", "_change", "_vs_champion")}
    comparison = pd.DataFrame([{"scenario": "现行策略", "role": "champion", **row}])
    spec = chart_scenarios(comparison, VIEW).to_dict()
    assert spec["spec"]["height"] >= MIN_PLOT
