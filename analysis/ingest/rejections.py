"""Rejected rows summarised by reason: one line per reason, not per rejected value.

``IngestResult.rejected`` holds one row per rejected row with its reason key and the values that
make its message (``余额“BILL_AMT6”为负数（-18）``). Counting the formatted messages splits one
reason into as many groups as there are values; :func:`rejections_by_reason` counts the keys
instead and says, for each, how many rows, their balance where it is known, the columns
involved and the first three rows with the offending value. The full list stays in
``IngestResult.rejected_report`` for download.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.conduct.textpii import mask_series
from analysis.core.i18n import analysis_messages, translate
from analysis.ingest.parsing import parse_amounts_with_garbage
from analysis.ingest.portfolio import IngestResult

__all__ = ["EXAMPLES", "example_text", "merge_rejections", "reason_label", "rejections_by_reason",
           "rejections_json", "rejections_line", "relabel"]

#: Example rows kept per reason.
EXAMPLES = 3


def rejections_by_reason(result: IngestResult) -> pd.DataFrame:
    """One row per rejection reason, most rows first.

    Parameters
    ----------
    result : IngestResult
        From :func:`~analysis.ingest.portfolio.build_portfolio` (compacted or not).

    Returns
    -------
    DataFrame
        ``reason`` (message key), ``rows`` (int), ``balance`` (sum in 元 of the rows whose balance
        is known, NaN when none is: a missing or unreadable balance, no balance column, or a
        wide file's row whose month is not known), ``balance_rows`` (rows it sums), ``columns``
        (list of the headers named, in order of first row), ``examples`` (list of up to
        :data:`EXAMPLES` dicts ``row, column, value``, and ``file`` when several files were read
        together: the first rows, personal data masked).

    Examples
    --------
    >>> from analysis.ingest.portfolio import load_portfolio
    >>> res = load_portfolio(b"id,month,dpd,balance\\nA,2024-01,0,-5\\nB,2024-01,0,-7\\n", "a.csv")
    >>> s = rejections_by_reason(res)
    >>> s[["reason", "rows", "balance"]].values.tolist()
    [['ingest.reject.negative_balance', 2, -12.0]]
    >>> s["examples"][0]
    [{'row': 2, 'column': 'balance', 'value': '-5'}, {'row': 3, 'column': 'balance', 'value': '-7'}]
    """
    rej = result.rejected
    columns = ["reason", "rows", "balance", "balance_rows", "columns", "examples"]
    if not len(rej):
        return pd.DataFrame({c: pd.Series([], dtype=object) for c in columns}).astype(
            {"rows": "int64", "balance": "float64", "balance_rows": "int64"})
    details = [d if isinstance(d, dict) else {} for d in rej["detail"]]
    headers = np.asarray([str(d.get("column", "")) for d in details], dtype=object)
    balance = _row_balances(result, headers)
    files = rej["file"].astype(str).to_numpy() if "file" in rej.columns else None  # several files read together
    frame = pd.DataFrame({"reason": rej["reason"].astype(str).to_numpy(), "row": rej["row"].to_numpy(),
                          "column": headers, "balance": balance, "i": np.arange(len(rej))})
    # the first rows of each reason as the user counts them (a wide file's rows come month by month)
    frame = frame.sort_values(["row", "i"], kind="stable")
    out = []
    for reason, group in frame.groupby("reason", sort=False):
        known = np.isfinite(group["balance"].to_numpy())
        first = group.iloc[:EXAMPLES]
        examples = [{"row": int(r), "column": str(c), "value": str(details[i].get("value", ""))}
                    for r, c, i in zip(first["row"], first["column"], first["i"])]
        if files is not None:
            for example, i in zip(examples, first["i"]):
                example["file"] = str(files[i])
        out.append({
            "reason": reason,
            "rows": int(len(group)),
            "balance": float(group["balance"].to_numpy()[known].sum()) if known.any() else np.nan,
            "balance_rows": int(known.sum()),
            "columns": [c for c in pd.unique(group["column"]) if c],
            "examples": examples,
        })
    # most rows first; a tie goes to the reason met first in the file (so pieces merge the same way)
    out.sort(key=lambda d: (-d["rows"], d["examples"][0]["row"]))
    _mask_examples(out)
    return pd.DataFrame(out, columns=columns)


def _mask_examples(lines: list[dict]) -> None:
    """Mask personal data in the example values (a phone in a balance column stays hidden)."""
    values = pd.Series([e["value"] for line in lines for e in line["examples"]], dtype="string")
    if not len(values):
        return
    masked = iter(mask_series(values).fillna("").tolist())
    for line in lines:
        for example in line["examples"]:
            example["value"] = next(masked)


def _row_balances(result: IngestResult, headers: np.ndarray) -> np.ndarray:
    """Each rejected row's balance in 元 (NaN where unknown), read from the file's cells."""
    n = len(result.rejected)
    summary = result.summary
    mapping = summary.get("mapping") or {}
    options = summary.get("options") or {}
    unit = options.get("amount_unit", "yuan")
    wide = options.get("wide") or {}
    raw = result.raw
    out = np.full(n, np.nan)
    if raw is None:
        return out
    positions = result.rejected["position"].to_numpy()
    frame = raw.frame
    if "balance" in wide:
        # a wide file: a row is an account-month; its month comes from the month column it names
        month_of = {h: m for cols in wide.values() for h, m in cols.items()}
        balance_of = {m: h for h, m in wide["balance"].items()}
        balance_header = np.asarray([balance_of.get(month_of.get(h), "") for h in headers], dtype=object)
        for header in pd.unique(balance_header):
            if not header or header not in frame.columns:
                continue
            sel = np.flatnonzero(balance_header == header)
            out[sel] = _amounts(frame[header].iloc[positions[sel]], unit)
    elif mapping.get("balance") in frame.columns:
        out[:] = _amounts(frame[mapping["balance"]].iloc[positions], unit)
    return out


def _amounts(cells: pd.Series, unit: str) -> np.ndarray:
    """Cells as 元, as the build reads them (NaN for what is not a number)."""
    values, _ = parse_amounts_with_garbage(cells.reset_index(drop=True), unit)
    return values.to_numpy(dtype="float64")


def reason_label(key: str, lang: str, detail: dict | None = None) -> str:
    """A reason in a few words (``"负余额"``); a reason without a label is its first row's message.

    Examples
    --------
    >>> reason_label("ingest.reject.negative_balance", "zh"), reason_label("ingest.reject.duplicate", "en")
    ('负余额', 'duplicate account-month')
    """
    label_key = _label_key(key)
    if label_key in analysis_messages():
        return translate(label_key, lang)
    return translate(key, lang, **(detail or {}))


def _label_key(key: str) -> str:
    return "rejections.reason." + key.rsplit(".", 1)[-1]


def relabel(lines: list[dict], lang: str) -> list[dict]:
    """:func:`rejections_json` lines with their labels in ``lang`` (a stored report's, written in
    English); a reason without a short label keeps the label it has."""
    return [{**line, "label": translate(_label_key(line["reason"]), lang)}
            if _label_key(line["reason"]) in analysis_messages() else line for line in lines]


def example_text(example: dict, lang: str) -> str:
    """One example row for the reader: ``第 12 行（BILL_AMT6）：-18`` / ``row 12 (BILL_AMT6): -18``.

    Examples
    --------
    >>> example_text({"row": 12, "column": "余额", "value": "-18"}, "en")
    'row 12 (余额): -18'
    >>> example_text({"row": 3, "column": "", "value": ""}, "zh")
    '第 3 行'
    """
    key = "rejections.example" + ("_column" if example.get("column") else "") + ("_value" if example.get("value") else "")
    text = translate(key, lang, row=example["row"], column=example.get("column", ""), value=example.get("value", ""))
    return translate("rejections.in_file", lang, file=example["file"], text=text) if example.get("file") else text


def rejections_json(result: IngestResult, lang: str = "en") -> list[dict]:
    """:func:`rejections_by_reason` as plain JSON values (the CLI's ``rejections_by_reason``).

    Examples
    --------
    >>> from analysis.ingest.portfolio import load_portfolio
    >>> res = load_portfolio(b"id,month,dpd,balance\\n,2024-01,0,5\\n", "a.csv")
    >>> rejections_json(res)[0]["label"], rejections_json(res)[0]["balance"]
    ('account id missing', 5.0)
    """
    summary = rejections_by_reason(result)
    out = []
    for line in summary.to_dict("records"):
        first = result.rejected.loc[result.rejected["reason"] == line["reason"], "detail"].iloc[0]
        balance = line["balance"]
        out.append({
            "reason": line["reason"],
            "label": reason_label(line["reason"], lang, first if isinstance(first, dict) else {}),
            "rows": line["rows"],
            "balance": None if pd.isna(balance) else round(float(balance), 2),
            "balance_rows": line["balance_rows"],
            "columns": list(line["columns"]),
            "examples": list(line["examples"]),
        })
    return out


def rejections_line(reason: str, rows, column: str, values, balances, lang: str = "en") -> dict:
    """One :func:`rejections_json` line from rejected rows given one by one (``rows`` in the
    file's numbering, their ``values`` and ``balances`` in 元), e.g. duplicates found after the
    pieces of a large file were validated (:mod:`analysis.ingest.dataset`)."""
    order = np.argsort(np.asarray(rows, dtype=np.int64), kind="stable")
    rows = np.asarray(rows, dtype=np.int64)[order]
    values = [str(v) for v in np.asarray(values, dtype=object)[order][:EXAMPLES]]
    balances = np.asarray(balances, dtype="float64")
    known = np.isfinite(balances)
    masked = mask_series(pd.Series(values, dtype="string")).fillna("").tolist() if values else []
    return {
        "reason": reason,
        "label": reason_label(reason, lang),
        "rows": int(len(rows)),
        "balance": round(float(balances[known].sum()), 2) if known.any() else None,
        "balance_rows": int(known.sum()),
        "columns": [column] if column and len(rows) else [],
        "examples": [{"row": int(r), "column": column, "value": v} for r, v in zip(rows[:EXAMPLES], masked)],
    }


def merge_rejections(parts) -> list[dict]:
    """:func:`rejections_json` lines of several parts of one file (rows numbered in the file) as
    the lines of the whole: counts and balances added, columns joined, the first three rows kept.

    Examples
    --------
    >>> a = [{"reason": "r", "label": "R", "rows": 2, "balance": 5.0, "balance_rows": 2, "columns": ["x"],
    ...       "examples": [{"row": 2, "column": "x", "value": "1"}, {"row": 9, "column": "x", "value": "4"}]}]
    >>> b = [{"reason": "r", "label": "R", "rows": 1, "balance": None, "balance_rows": 0, "columns": ["y"],
    ...       "examples": [{"row": 5, "column": "y", "value": ""}]}]
    >>> m = merge_rejections([a, b])[0]
    >>> m["rows"], m["balance"], m["columns"], [e["row"] for e in m["examples"]]
    (3, 5.0, ['x', 'y'], [2, 5, 9])
    """
    merged: dict[str, dict] = {}
    sums: dict[str, float] = {}
    for part in parts:
        for line in part:
            key = line["reason"]
            if key not in merged:
                merged[key] = {**line, "columns": list(line["columns"]), "examples": list(line["examples"])}
                sums[key] = line["balance"] or 0.0
                continue
            m = merged[key]
            m["rows"] += line["rows"]
            m["balance_rows"] += line["balance_rows"]
            sums[key] += line["balance"] or 0.0
            m["columns"] += [c for c in line["columns"] if c not in m["columns"]]
            m["examples"] = sorted(m["examples"] + list(line["examples"]), key=lambda e: e["row"])[:EXAMPLES]
    out = []
    for key, m in merged.items():
        m["balance"] = round(sums[key], 2) if m["balance_rows"] else None
        out.append(m)
    out.sort(key=lambda d: (-d["rows"], d["examples"][0]["row"] if d["examples"] else 0))
    return out
