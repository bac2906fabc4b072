"""Held-out message templates: the bar of issue 16 on texts written apart from the checker.

``tests/conduct/data/heldout_templates.csv`` holds collection texts as a Chinese consumer lender, a
credit-card centre and a US collection agency write them (SMS, push, call scripts, letters, e-mails,
messages to a guarantor or an emergency contact), half of them compliant. ``expected`` names the
category a breaking template breaks (``a|b`` where either rule is right, e.g. a threat to tell the
family is both a threat and shaming); empty means compliant. Rows ``cn-*`` are checked with
``--jurisdiction cn``, rows ``us-*`` with ``--jurisdiction us``.

The compliant half carries the innocent contexts a phrase list trips on: a lawsuit named truthfully
as a possible next step, credit reporting stated as the rules state it, masked data (尾号1234, 张*,
138****5678), anti-fraud notices that name the police and the courts, negations ("we will not contact
your employer"), a guarantor told of the debt he guarantees, fees the contract provides, contract,
reference and corporate account numbers.

The bar: at least 90% of the breaking templates get a finding of the expected category, and at most
10% of the compliant ones get any finding at all.
"""
from __future__ import annotations

import contextlib
import csv
import io
import json
from collections import Counter
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
CORPUS = Path(__file__).resolve().parent / "data" / "heldout_templates.csv"
CATEGORIES = ("threat", "insult", "false_legal", "impersonation", "shaming", "third_party",
              "borrow_to_repay", "extra_fee", "excess_pii", "letter_missing", "contact_time")
CHECKED = CATEGORIES[:-1]  # contact_time is a template category too, but this corpus does not plant it
MIN_RECALL, MAX_FALSE_ALARMS = 0.90, 0.10


def read_corpus() -> list[dict]:
    with CORPUS.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def jurisdiction_of(row: dict) -> str:
    return row["template_id"].split("-", 1)[0]


def expected_of(row: dict) -> set[str]:
    return set(filter(None, row["expected"].split("|")))


# ------------------------------------------------------------------------------ the corpus itself

def test_the_corpus_is_half_compliant_in_both_languages():
    rows = read_corpus()
    assert len({r["template_id"] for r in rows}) == len(rows)
    by_language = Counter((jurisdiction_of(r), bool(r["expected"])) for r in rows)
    assert by_language[("cn", False)] == by_language[("us", False)] == 30
    assert 30 <= by_language[("cn", True)] <= 34 and 30 <= by_language[("us", True)] <= 34


def test_every_category_is_planted_in_both_languages():
    rows = read_corpus()
    for jurisdiction in ("cn", "us"):
        planted = set().union(*(expected_of(r) for r in rows if jurisdiction_of(r) == jurisdiction))
        assert planted == set(CHECKED), (jurisdiction, set(CHECKED) ^ planted)


def test_letters_that_miss_elements_are_letters():
    rows = read_corpus()
    assert all(r["channel"] == "letter" for r in rows if "letter_missing" in expected_of(r))
    assert sum(r["channel"] == "letter" and not r["expected"] for r in rows) >= 8  # complete letters pass


# --------------------------------------------------------------------------------- the checker

needs_cli = pytest.mark.skipif(not (REPO / "analysis" / "cli" / "conduct.py").exists(),
                               reason="analysis/cli/conduct.py does not exist yet (issue 16)")


def _check(folder: Path, jurisdiction: str, rows: list[dict]) -> dict[str, dict]:
    """The checker's templates by id, run through the CLI on the rows without their labels."""
    from analysis.__main__ import main

    path = folder / f"templates_{jurisdiction}.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(["template_id", "stage", "channel", "recipient", "text"])
        writer.writerows([r["template_id"], r["stage"], r["channel"], r["recipient"], r["text"]] for r in rows)
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["conduct", str(path), "--jurisdiction", jurisdiction, "--json"])
    assert code == 0, err.getvalue()
    payload = json.loads(out.getvalue())
    assert payload["jurisdiction"] == jurisdiction
    return {t["template_id"]: t for t in payload["templates"]}


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    """The corpus and the checker's answer for every template (one CLI run per language; the
    output is captured here rather than with capsys, which is per test)."""
    rows = read_corpus()
    checked = {}
    for jurisdiction in ("cn", "us"):
        mine = [r for r in rows if jurisdiction_of(r) == jurisdiction]
        checked.update(_check(tmp_path_factory.mktemp(jurisdiction), jurisdiction, mine))
    return rows, checked


@needs_cli
def test_every_template_comes_back_once(results):
    rows, checked = results
    assert sorted(checked) == sorted(r["template_id"] for r in rows)


@needs_cli
def test_findings_have_the_public_shape(results):
    rows, checked = results
    texts = {r["template_id"]: r["text"] for r in rows}
    problems = []
    for template_id, template in checked.items():
        assert template["findings"] or template["passes"], f"{template_id} fails with no finding"
        for f in template["findings"]:
            missing = {"category", "rule", "source", "severity", "start", "end", "text", "suggestion"} - set(f)
            if missing or f["category"] not in CATEGORIES or not 0 <= f["start"] <= f["end"] <= len(texts[template_id]):
                problems.append((template_id, f))
            elif (f["category"] != "letter_missing" and f["end"] > f["start"]  # a missing element has no span
                  and texts[template_id][f["start"]:f["end"]] != f["text"]):
                problems.append((template_id, "highlight does not match the text", f))
    assert not problems, "\n".join(map(str, problems))


@needs_cli
def test_the_issue_bar_on_held_out_templates(results):
    rows, checked = results
    missed, false_alarms = [], []
    breaking = [r for r in rows if r["expected"]]
    compliant = [r for r in rows if not r["expected"]]
    for r in breaking:
        found = {f["category"] for f in checked[r["template_id"]]["findings"]}
        if not found & expected_of(r):
            missed.append(f"{r['template_id']} expected {r['expected']}, got {sorted(found) or 'nothing'}")
    for r in compliant:
        findings = checked[r["template_id"]]["findings"]
        if findings:
            false_alarms.append(f"{r['template_id']}: " + "; ".join(f"{f['category']}/{f['rule']} on {f['text']!r}" for f in findings))
    recall = 1 - len(missed) / len(breaking)
    false_rate = len(false_alarms) / len(compliant)
    report = (f"recall {recall:.1%} on {len(breaking)} breaking (bar ≥ {MIN_RECALL:.0%}), "
              f"false alarms {false_rate:.1%} on {len(compliant)} compliant (bar ≤ {MAX_FALSE_ALARMS:.0%})\n"
              "missed:\n  " + "\n  ".join(missed or ["none"]) + "\nfalse alarms:\n  " + "\n  ".join(false_alarms or ["none"]))
    print(report)
    assert recall >= MIN_RECALL and false_rate <= MAX_FALSE_ALARMS, report
