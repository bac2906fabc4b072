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
