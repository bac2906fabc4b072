"""``python -m analysis inspect FILE``: what ingest found — mapping, months, rows, rejections.

On a dataset folder it prints the validation report ``convert`` wrote (``_report.json``), or,
for a book without one (a warehouse table), the rows, months, accounts and balance summed where
the book lies; ``"note"`` says which.
"""
from __future__ import annotations

from analysis.cli.columns import left, right, width, words
from analysis.cli.common import is_book
from analysis.cli.counts import is_counts_only
from analysis.core.i18n import translate
from analysis.ingest.portfolio import cents, inspect_json
from analysis.ingest.rejections import example_text, rejections_json, relabel

#: DESIGN.md's inspect keys, then the ones added since (never renamed).
INSPECT_KEYS = ("rows_read", "rows_accepted", "rows_rejected", "mapping", "months", "accounts", "balance_total",
                "rejected", "reasons", "notes", "balance_read", "balance_rejected", "rejections_by_reason")

HELP = "what was found in FILE: mapping, rows read/accepted/rejected and why"


def add_arguments(parser) -> None:
    """No options beyond the shared load options (``--map``, ``--sheet``, ``--status-code`` …)."""


def run(args, result) -> dict:
    """DESIGN.md's inspect object for an ``IngestResult``.

    Examples
    --------
    >>> from analysis.ingest.portfolio import load_portfolio
    >>> run(None, load_portfolio(b"id,month,dpd,balance\\nA,2024-01,0,5\\n", "a.csv"))["rows_accepted"]
    1
    """
    if is_book(result):
        return _counted(_book(args, result), result)
    lang = getattr(args, "lang", "en") if args is not None else "en"
    payload = _counted(inspect_json(result, lang), result)
    if lang == "zh":
        payload["notes"] = [translate(k, "zh", **p) for k, p in result.summary.get("notes", [])]
    # one line per reason key (count, balance where known, first three rows), not per message
    payload["rejections_by_reason"] = rejections_json(result, lang)
    if "files" in result.summary:  # several files read together: which file each row is from
        payload["files"] = result.summary["files"]
        for item, name in zip(payload["rejected"], result.rejected["file"]):
            item["file"] = str(name)
    return payload


def _counted(payload: dict, result) -> dict:
    """``"counts_only": true`` for data with no balances: its balance totals are accounts."""
    if is_counts_only(result):
        payload["counts_only"] = True
    return payload


def _book(args, source) -> dict:
    """The conversion report of a dataset, or the book's own totals."""
    lang = getattr(args, "lang", "en") if args is not None else "en"
    report = source.report
    if report is not None:
        payload = {k: report[k] for k in INSPECT_KEYS if k in report}
        if lang == "zh":
            payload["notes"] = [translate(k, "zh", **p) for k, p in report.get("summary_notes", [])]
            if "rejections_by_reason" in payload:
                payload["rejections_by_reason"] = relabel(payload["rejections_by_reason"], "zh")
        payload["note"] = translate("dataset.note.report_of_dataset", lang, path=source.name)
        return payload
    # the book as every cube counts it: a repeated account-month once (the first copy), the
    # copies counted apart (a plain SUM over the files added them in)
    totals = source.book.cubes().book_totals()
    read = source.book.engine.query("SELECT COUNT(*) AS n, SUM(balance) AS balance FROM src")
    n, copies = totals["rows"], totals["duplicates"]
    balance_read = cents(float(read["balance"].iloc[0] or 0.0))
    columns = [c for c in source.book.engine.columns() if c != "month_idx"]
    return {"rows_read": int(read["n"].iloc[0]), "rows_accepted": n, "rows_rejected": copies,
            "mapping": {c: c for c in columns}, "months": source.months(), "accounts": totals["accounts"],
            "balance_total": cents(totals["balance"]), "rejected": [],
            "reasons": {"ingest.reject.duplicate": copies} if copies else {}, "notes": [],
            "balance_read": balance_read, "balance_rejected": cents(balance_read - cents(totals["balance"])),
            "rejections_by_reason": [], "note": translate("dataset.note.no_report", lang, path=source.name)}


#: Where a file's month came from, for the Chinese text (the JSON and English keep the keys).
_SOURCES_ZH = {"date_column": "日期列", "title": "标题行", "file_name": "文件名", "user": "手工指定", "none": "未知"}


def render(payload: dict, lang: str = "en") -> str:
    """A short human summary in ``lang`` (the JSON is for scripts)."""
    w = words(lang)
    lw = max(width(w(k)) for k in ("rows_read", "rows_accepted", "rows_rejected", "accounts", "balance_total",
                                    "months", "file")) + 2
    lines = [
        left(w("rows_read"), lw) + right(payload["rows_read"], 12, ","),
        left(w("rows_accepted"), lw) + right(payload["rows_accepted"], 12, ","),
        left(w("rows_rejected"), lw) + right(payload["rows_rejected"], 12, ","),
        left(w("accounts"), lw) + right(payload["accounts"], 12, ","),
        (left(w("balance_total"), lw) + right(payload["balance_total"], 16, ",.2f") if not payload.get("counts_only")
         else left(w("balance"), lw) + w("no_balance")),
    ]
    months = payload["months"]
    if months:
        lines.append(left(w("months"), lw) + f"{months[0]} … {months[-1]} ({len(months)})")
    for f in payload.get("files", []):
        months = f.get("months") or []
        # a file whose date column spans months has no one month: its range, not "?"
        shown = f["month"] or (f"{months[0]} … {months[-1]}" if months else "?")
        source = f["month_source"] if lang == "en" else _SOURCES_ZH.get(f["month_source"], f["month_source"])
        lines.append(left(w("file"), lw) + w("file_line", file=f["file"], rows=f"{f['rows']:,}", month=shown,
                                              source=source))
    lines.append(w("mapping") + w("colon"))
    lines += [f"  {canonical:<18} ← {header}" for canonical, header in payload["mapping"].items()]
    for note in payload.get("notes", []):
        lines.append(w("note", text=note))
    if payload.get("rejections_by_reason"):
        lines.append(w("by_reason") + w("colon"))
        for item in payload["rejections_by_reason"]:
            balance = "" if item["balance"] is None else "  " + w("balance_of", value=f"{item['balance']:,.2f}")
            examples = w("list_sep").join(example_text(e, lang) for e in item["examples"])
            lines.append(f"  {right(item['rows'], 10, ',')}  {item['label']}{balance}  ({w('for_example', items=examples)})")
    elif payload.get("reasons"):
        lines.append(w("by_reason") + w("colon"))
        lines += [f"  {right(n, 10, ',')}  {key}" for key, n in sorted(payload["reasons"].items(), key=lambda kv: -kv[1])]
    if payload.get("note"):
        lines.append(w("note", text=payload["note"]))
    for item in payload["rejected"][:20]:
        where = (w("file_row", file=item["file"], row=item["row"]) if "file" in item else w("row", row=item["row"]))
        lines.append(f"  {where}: {item['reason']}")
    if payload["rows_rejected"] > 20:
        lines.append("  " + w("more_rejected", n=f"{payload['rows_rejected'] - 20:,}"))
    return "\n".join(lines)
