"""``python -m analysis inspect FILE``: what ingest found — mapping, months, rows, rejections."""
from __future__ import annotations

from analysis.i18n import translate

HELP = "what was found in FILE: mapping, rows read/accepted/rejected and why"


def add_arguments(parser) -> None:
    """No options beyond the shared load options (``--map``, ``--sheet``, ``--status-code`` …)."""


def run(args, result) -> dict:
    """DESIGN.md's inspect object for an ``IngestResult``.

    Examples
    --------
    >>> from analysis.ingest import load_portfolio
    >>> run(None, load_portfolio(b"id,month,dpd,balance\\nA,2024-01,0,5\\n", "a.csv"))["rows_accepted"]
    1
    """
    from analysis.ingest import inspect_json

    payload = inspect_json(result)
    if args is not None and getattr(args, "lang", "en") == "zh":
        payload["notes"] = [translate(k, "zh", **p) for k, p in result.summary.get("notes", [])]
    return payload


def render(payload: dict) -> str:
    """A short human summary (the JSON is for scripts)."""
    lines = [
        f"rows read      {payload['rows_read']:>12,}",
        f"rows accepted  {payload['rows_accepted']:>12,}",
        f"rows rejected  {payload['rows_rejected']:>12,}",
        f"accounts       {payload['accounts']:>12,}",
        f"balance total  {payload['balance_total']:>16,.2f}",
    ]
    months = payload["months"]
    if months:
        lines.append(f"months         {months[0]} … {months[-1]} ({len(months)})")
    lines.append("mapping:")
    lines += [f"  {canonical:<18} ← {header}" for canonical, header in payload["mapping"].items()]
    for note in payload.get("notes", []):
        lines.append(f"note: {note}")
    if payload.get("reasons"):
        lines.append("rejections by reason:")
        lines += [f"  {n:>10,}  {key}" for key, n in sorted(payload["reasons"].items(), key=lambda kv: -kv[1])]
    for item in payload["rejected"][:20]:
        lines.append(f"  row {item['row']}: {item['reason']}")
    if payload["rows_rejected"] > 20:
        lines.append(f"  … {payload['rows_rejected'] - 20:,} more (use --json for the first 1,000)")
    return "\n".join(lines)
