"""The arrangement comparison as the public JSON the CLI prints and the page downloads.

Shape (keys are added, never renamed): see :mod:`analysis.cli.arrangement`.
"""
from __future__ import annotations

from analysis.arrangements.options import Comparison, baseline_usable
from analysis.arrangements.redefault import BookRedefault


def comparison_payload(comparison: Comparison, record: dict, sens: dict) -> dict:
    """The public JSON of a comparison: the CLI prints it, the page downloads it (one shape).

    Money is rounded to the cent here, once; probabilities stay fractions.
    """
    seg = comparison.segment
    flows = comparison.cash_flows
    options = []
    for row in comparison.options.to_dict("records"):
        cash = flows[flows["name"] == row["name"]]
        options.append({
            "name": row["name"], "kind": row["kind"], "npv": round(row["npv"], 2),
            "value_vs_none": round(row["value_vs_none"], 2), "expected_loss": round(row["expected_loss"], 2),
            "cure_probability": round(row["cure_probability"], 6),
            "redefault": None if row["redefault"] != row["redefault"] else row["redefault"],
            "undiscounted": round(row["undiscounted"], 2),
            "cash_flows": [{"month": int(m), "expected": round(float(x), 2)}
                           for m, x in zip(cash["month"], cash["expected"])],
        })
    return {
        "segment": {"month": seg.month, "bucket": seg.bucket, "cause_class": seg.cause_class,
                    "account_id": seg.account_id},
        "accounts": seg.accounts, "balance": round(seg.balance, 2),
        "options": options, "best": comparison.best, "baseline_usable": baseline_usable(comparison),
        "assumptions": record,
        "sensitivity": {f: [{"value": r["value"], "name": r["name"], "npv": round(r["npv"], 2), "best": r["best"]}
                            for r in table.to_dict("records")] for f, table in sens.items()},
    }


def redefault_record(own: BookRedefault | None) -> dict:
    """Where the default re-default rates came from: ``book`` (with the estimate) or ``published``."""
    estimate = None if own is None or own.source is None else {
        "rate": own.rate, "accounts": own.accounts, "defaulted": own.defaulted, "column": own.source,
        "first_months": list(own.first_months) if own.first_months else None, "horizon_months": own.horizon}
    return {"redefault_source": "book" if own is not None and own.rate is not None else "published",
            "book_redefault": estimate}
