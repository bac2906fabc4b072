"""Templates tied to playbook actions: the one each action sends, and what a work list's next actions send."""
from __future__ import annotations

import pandas as pd

from analysis.conduct.display import highlight_html
from analysis.conduct.playbook import action_templates, next_action_templates, template_in_use
from analysis.conduct.templates import Finding, TemplateResult

BAD = Finding("threat", "cn_threat", "《民法典》", "high", 0, 2, "拘留", "")


def _t(tid, action, ok=True, channel="sms"):
    return TemplateResult(tid, "text", () if ok else (BAD,), action=action, channel=channel)


def test_an_action_sends_the_chosen_template_else_the_first_that_passes_else_the_first():
    failing, passing = _t("F", "call", ok=False), _t("P", "call")
    assert template_in_use([failing, passing]).template_id == "P"
    assert template_in_use([failing, passing], chosen="F").template_id == "F"
    assert template_in_use([failing, passing], chosen="gone").template_id == "P"
    assert template_in_use([failing]).template_id == "F"
    assert template_in_use([]) is None


def test_action_templates_lists_every_action_asked_for_in_order():
    results = [_t("R1", "reminder"), _t("L1", "letter", ok=False, channel="letter"), _t("L2", "letter", channel="letter"),
               _t("X", "")]
    table = action_templates(results, {"letter": "L1"}, actions=["legal", "letter", "reminder"])
    assert table["action"].tolist() == ["legal", "letter", "reminder"]
    assert table["template_id"].tolist() == [None, "L1", "R1"]
    assert table["passes"].tolist() == [None, False, True]
    assert table["findings"].tolist() == [None, 1, 0]
    assert table["templates"].tolist() == [0, 2, 1]


def test_a_work_lists_next_actions_add_up_to_the_list():
    work = pd.DataFrame({"action": pd.Categorical(["call", "letter", "call", "legal", "call"]),
                         "balance": [100.0, 250.5, 300.25, 1000.0, 0.0]})
    in_use = action_templates([_t("C1", "call", ok=False, channel="call"), _t("L1", "letter", channel="letter")],
                              actions=["call", "letter", "legal"])
    table = next_action_templates(work, in_use)
    assert table["action"].tolist() == ["call", "legal", "letter"]  # most accounts first, then balance
    assert table["accounts"].tolist() == [3, 1, 1]
    assert table["balance"].tolist() == [400.25, 1000.0, 250.5]
    assert table["accounts"].sum() == len(work) and table["balance"].sum() == work["balance"].sum()
    assert table.set_index("action").loc["call", "passes"] is False
    assert table.set_index("action").loc["legal", "template_id"] is None
    assert next_action_templates(work.iloc[:0], in_use).empty


def test_the_marked_text_escapes_the_template_and_masks_personal_data():
    text = "<script>x</script>拘留 13812345678"
    f = Finding("false_legal", "r", "s", "high", text.index("拘留"), text.index("拘留") + 2, "拘留", "")
    html = highlight_html(text, [f], "zh")
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "13812345678" not in html and "138****5678" in html
    assert html.count("<mark") == 1
    assert "13812345678" in highlight_html(text, [f], "zh", masked=False)


def _reference_next_actions(work: pd.DataFrame, in_use: pd.DataFrame) -> pd.DataFrame:
    # What next_action_templates computed before it grouped by codes and joined row by row.
    from analysis.conduct.playbook import NEXT_ACTION_COLUMNS

    counts = (work.groupby("action", sort=False, observed=True)
              .agg(accounts=("action", "size"), balance=("balance", "sum")).reset_index())
    counts["action"] = counts["action"].astype(str)
    merged = counts.merge(in_use.drop(columns=["templates"], errors="ignore"), on="action", how="left")
    merged = merged.astype({"template_id": object, "channel": object, "passes": object, "findings": object})
    merged = merged.where(merged.notna(), None)
    out = merged.sort_values(["accounts", "balance"], ascending=False, kind="stable").reset_index(drop=True)
    out["accounts"] = out["accounts"].astype("int64")
    out["balance"] = out["balance"].astype(float)
    return out[list(NEXT_ACTION_COLUMNS)]


def test_next_actions_are_the_grouped_and_joined_table_exactly():
    import numpy as np

    rng = np.random.default_rng(7)
    names = ["call", "letter", "legal", "visit", "reminder"]
    for i in range(20):
        n = int(rng.integers(1, 80))
        work = pd.DataFrame({"action": rng.choice(names + [None], n),
                             "balance": rng.random(n) * 10.0 ** int(rng.integers(0, 9))})
        if i % 4 == 0:
            work["balance"] = 1.0  # ties: the order they came in
        if i % 5 == 0:
            work.loc[rng.random(n) < 0.2, "balance"] = np.nan
        if i % 3 == 0:
            work["action"] = pd.Categorical(work["action"], categories=["unused", *names])
        elif i % 3 == 1:
            work["action"] = work["action"].astype("str")
        if work["action"].isna().all():
            continue
        results = [_t(f"T{j}", str(rng.choice(names + [""])), ok=bool(rng.random() < 0.5)) for j in range(int(rng.integers(0, 8)))]
        asked = sorted(work["action"].dropna().astype(str).unique()) if i % 2 else list(rng.choice(names, int(rng.integers(0, 7))))
        in_use = action_templates(results, {"call": "T1"} if i % 3 == 0 else None, asked)  # repeated and absent actions too
        for use in (in_use, in_use.iloc[:0]):
            got, want = next_action_templates(work, use), _reference_next_actions(work, use)
            pd.testing.assert_frame_equal(got, want, check_exact=True)
            for column in ("template_id", "channel", "passes", "findings"):
                assert [type(v) for v in got[column]] == [type(v) for v in want[column]]
