"""Work-list exports: no raw phone or ID number unless unmasked on purpose; formulas neutralised."""
from __future__ import annotations

import csv
import io
import re
import zipfile

import pandas as pd
import pytest

from analysis.warnings.playbook import DEFAULT_CAUSE_RESPONSES
from analysis.warnings.signals import (
    UNASSIGNED, collection_actions, export_work_lists, level_summary, warning_levels, warning_signals, work_lists,
)

NOTE = "含未脱敏个人信息 / contains unmasked personal data"


def _xlsx_text(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return "".join(z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".xml"))


def _csv_rows(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf"), "CSV must be utf-8-sig for Excel"
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


@pytest.fixture(scope="module")
def warned(sample_portfolio):
    s = warning_signals(sample_portfolio)
    acts = collection_actions(s, warning_levels(s))
    assert len(acts) > 10 and {"phone", "id_number", "customer_name"} <= set(acts.columns)
    return acts


def _raw_numbers(frame: pd.DataFrame) -> list[str]:
    raw = [str(v) for col in ("phone", "id_number") for v in frame[col].dropna()]
    assert raw and all(len(v) >= 11 for v in raw)
    return raw


@pytest.mark.parametrize("lang", ["zh", "en", None])
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_masked_exports_hold_no_raw_phone_or_id(warned, fmt, lang):
    lists = work_lists(warned, lang=lang)
    data = export_work_lists(lists, fmt, lang=lang)
    text = data.decode("utf-8-sig") if fmt == "csv" else _xlsx_text(data)
    leaked = [v for v in _raw_numbers(warned) if v in text]
    assert not leaked, leaked[:3]
    assert not re.search(r"1[3-9]\d{9}", text), "an 11-digit mobile number survived"
    assert re.search(r"1\d\d\*{4}\d{4}", text), "masked phones should be there"
    assert NOTE not in text


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_unmasking_is_explicit_and_noted_in_the_file(warned, fmt):
    lists = work_lists(warned, lang="zh")
    with pytest.raises(ValueError):
        export_work_lists(lists, fmt, masked=False)  # no note, no unmasked file
    data = export_work_lists(lists, fmt, masked=False, note=NOTE, lang="zh")
    text = data.decode("utf-8-sig") if fmt == "csv" else _xlsx_text(data)
    assert NOTE in text
    assert sum(v in text for v in _raw_numbers(warned)) == len(_raw_numbers(warned))
    if fmt == "csv":
        assert _csv_rows(data)[0][0].startswith("# ")


def test_every_warned_account_is_exported_once(warned):
    lists = work_lists(warned)
    rows = _csv_rows(export_work_lists(lists, "csv"))
    assert len(rows) - 1 == len(warned)
    assert sorted(r[0] for r in rows[1:]) == sorted(warned["account_id"].astype(str))
    balance_col = rows[0].index("balance")
    assert sum(float(r[balance_col]) for r in rows[1:]) == pytest.approx(warned["balance"].sum(), abs=0.005)


def test_xlsx_has_one_sheet_per_owner_with_safe_names(warned):
    acts = warned.copy()
    owners = acts["owner"].astype(object).to_numpy().copy()
    owners[0] = "华东/一部:[催收]*?"
    owners[1] = "x" * 40
    acts["owner"] = owners
    lists = work_lists(acts, lang="en")
    summary = level_summary(acts, acts["level"], by="owner")
    data = export_work_lists(lists, "xlsx", summary=summary, summary_name="Summary")
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        workbook = z.read("xl/workbook.xml").decode("utf-8")
    names = re.findall(r'<sheet name="([^"]+)"', workbook)
    assert names[0] == "Summary" and len(names) == len(lists) + 1
    assert all(len(n) <= 31 and not set(n) & set("[]:*?/\\") for n in names)
    assert len({n.lower() for n in names}) == len(names)


INJECTIONS = ["=1+1", "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "=HYPERLINK(\"http://x\")"]


def _injected(warned: pd.DataFrame) -> pd.DataFrame:
    s = warned.head(len(INJECTIONS)).copy()
    s["account_id"] = INJECTIONS
    s["owner"] = pd.Categorical(INJECTIONS[::-1])
    s["branch"] = pd.Categorical(INJECTIONS)
    s["customer_name"] = INJECTIONS
    return s


@pytest.mark.parametrize("masked", [True, False])
def test_formula_injection_is_neutralised_in_csv(warned, masked):
    s = _injected(warned)
    data = export_work_lists(work_lists(s), "csv", masked=masked, note=None if masked else NOTE)
    rows = _csv_rows(data)
    if not masked:
        rows = rows[1:]
    header = rows[0]
    for col in ("account_id", "owner", "branch", "customer_name"):
        cells = [r[header.index(col)] for r in rows[1:]]
        assert all(not c.startswith(("=", "+", "-", "@")) for c in cells), (col, cells)
        assert all(c.startswith("'") for c in cells), (col, cells)
    assert sorted(r[header.index("account_id")] for r in rows[1:]) == sorted("'" + v for v in INJECTIONS)


@pytest.mark.parametrize("masked", [True, False])
def test_formula_injection_is_neutralised_in_xlsx(warned, masked):
    s = _injected(warned)
    data = export_work_lists(work_lists(s, lang="zh"), "xlsx", masked=masked, note=None if masked else NOTE, lang="zh")
    text = _xlsx_text(data)
    assert "<f>" not in text and "<f " not in text, "a cell was written as a formula"
    for value in ("=1+1", "-2+3", "@SUM(A1)"):
        assert f"&apos;{value}" in text or f"'{value}" in text
    assert re.search(r"<t[^>]*>=1\+1</t>", text) is None


def test_user_typed_action_cannot_inject(warned):
    s = warned.head(3).copy().assign(cause=pd.Categorical(["dispute"] * 3))
    responses = {**DEFAULT_CAUSE_RESPONSES, "dispute": "=cmd()"}
    acts = collection_actions(s, s["level"], cause_responses=responses)
    rows = _csv_rows(export_work_lists(work_lists(acts, lang="en"), "csv"))
    col = rows[0].index("action")
    assert {r[col] for r in rows[1:]} == {"'=cmd()"}


def test_unassigned_owner_gets_its_own_list(warned):
    acts = warned.copy()
    acts["owner"] = acts["owner"].astype(object)
    acts.loc[acts.index[:2], "owner"] = None
    lists = work_lists(acts)
    assert UNASSIGNED in lists and len(lists[UNASSIGNED]) == 2
    with pytest.raises(ValueError):
        export_work_lists(lists, "pdf")


def test_cli_json_is_masked_and_reconciles(sample_portfolio, tmp_path, capsys):
    import json

    from analysis.__main__ import main
    from data.sample.make_sample import write_sample_csv

    path = write_sample_csv(sample_portfolio, tmp_path / "book.csv")
    assert main(["warnings", str(path), "--json"]) == 0
    out = capsys.readouterr().out
    payload = json.loads(out)
    latest = sample_portfolio[sample_portfolio["month"] == sample_portfolio["month"].max()]
    leaked = [v for v in _raw_numbers(latest) if v in out]
    assert not leaked, leaked[:3]
    assert set(payload["levels"]) == {"red", "orange", "yellow"}
    assert sum(payload["levels"].values()) == len(payload["accounts"])
    assert payload["accounts_total"] == len(latest)
    assert payload["balance_total"] == pytest.approx(latest["balance"].sum(), abs=0.01)
    first = payload["accounts"][0]
    assert {"account_id", "level", "signals", "action", "owner"} <= set(first)
    assert first["level"] == "red" and isinstance(first["signals"], list)
    rates = {r["level"]: r["worsened_rate"] for r in payload["backtest"]["levels"]}
    assert rates["red"] > rates["none"]  # the rule ranks risk on the sample
    # the human rendering, in the chosen language, masked too
    assert main(["warnings", str(path), "--lang", "zh"]) == 0
    text = capsys.readouterr().out
    assert "预警：" in text and "回测" in text
    assert not [v for v in _raw_numbers(latest) if v in text]
    assert main(["warnings", str(path), "--rising-months", "0"]) == 2
    assert "rising_months" in capsys.readouterr().err
