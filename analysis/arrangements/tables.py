"""The arrangement tables a reader sees, as :class:`~analysis.core.tables.DisplayTable` s.

Each builder takes a :class:`~analysis.arrangements.options.Comparison` (amounts in 元) and the
reader's :class:`~analysis.core.view.View`; amounts are scaled to the view's unit here, once, so the
page, the Excel download and the printable summary show the same digits.
"""
from __future__ import annotations

import pandas as pd

from analysis.arrangements.calculator_summary import entered_rate
from analysis.arrangements.options import Comparison, baseline_usable
from analysis.core.tables import DisplayTable, display_table
from analysis.core.view import View


def _money(view: View, key: str) -> str:
    return view.text(f"arr.col.{key}", unit=view.unit_label)


def options_table(comparison: Comparison, view: View) -> DisplayTable:
    """One row per option: NPV, value against collecting as now, expected loss, cure, re-default.

    Examples
    --------
    >>> import numpy as np
    >>> from analysis.arrangements import options as O
    >>> chain = O.CollectionChain(pd.DataFrame(), ("1-30",), ("31+",), np.zeros((1, 1)), np.array([0.5]),
    ...                           np.array([0.5]), (), "balance")
    >>> c = O.compare_options([O.Option("none")], chain, O.Segment("2024-01", "1-30", 1, 100.0),
    ...                       O.ArrangementAssumptions(discount_rate=0.0, recovery_lag=0))
    >>> options_table(c, View(lang="en", unit="yuan")).text_frame("en").iloc[0, 1:4].tolist()
    ['77.50', '0.00', '22.50']
    """
    o = comparison.options
    # over a baseline that never resolves no option is best (options.baseline_usable)
    named = comparison.best if baseline_usable(comparison) else None
    best = (o["name"] == named).map({True: view.text("arr.best_mark"), False: ""})
    return display_table("arrangement_options", view.text("arr.table.options"), [
        (view.text("arr.col.option"), "text", o["name"]),
        (_money(view, "npv"), "amount", view.scale(o["npv"])),
        (_money(view, "vs_none"), "signed_amount", view.scale(o["value_vs_none"])),
        (_money(view, "expected_loss"), "amount", view.scale(o["expected_loss"])),
        (view.text("arr.col.cure"), "rate", o["cure_probability"]),
        (view.text("arr.col.redefault"), "rate", o["redefault"]),
        (_money(view, "undiscounted"), "amount", view.scale(o["undiscounted"])),
        (view.text("arr.col.best"), "text", best),
    ])


def cash_flow_table(comparison: Comparison, view: View) -> DisplayTable:
    """Expected cash by month (rows) and option (columns), with a total row's worth in the last row.

    Months with no cash under any option are left out.
    """
    wide = comparison.cash_flows.pivot_table(index="month", columns="name", values="expected", aggfunc="sum",
                                             fill_value=0.0)
    wide = wide.reindex(columns=list(comparison.options["name"]), fill_value=0.0)
    columns = [(view.text("arr.col.month"), "count", wide.index.to_numpy())]
    columns += [(name, "amount", view.scale(wide[name].to_numpy())) for name in wide.columns]
    return display_table("arrangement_cash_flows", view.text("arr.table.cash_flows", unit=view.unit_label), columns)


def sensitivity_table(sens: pd.DataFrame, view: View, factor: str) -> DisplayTable:
    """NPV of each option (columns) at each value of the factor (rows), and the best option."""
    wide = sens.pivot_table(index="value", columns="name", values="npv", aggfunc="first", sort=False)
    names = list(dict.fromkeys(sens["name"]))
    wide = wide.reindex(columns=names)
    best = sens.groupby("value", sort=True)["best"].first()
    kind = "number" if factor == "redefault" else "rate"
    columns = [(view.text(f"arr.col.factor.{factor}"), kind, wide.index.to_numpy())]
    columns += [(name, "amount", view.scale(wide[name].to_numpy())) for name in names]
    columns += [(view.text("arr.col.best"), "text", best.reindex(wide.index).to_numpy())]
    return display_table(f"arrangement_sensitivity_{factor}",
                         view.text(f"arr.table.sensitivity.{factor}", unit=view.unit_label), columns)


def roll_rates_table(comparison: Comparison, view: View) -> DisplayTable:
    """The rows of the roll-rate matrix "collect as now" runs on: from an overdue bucket to each
    bucket (and exit), as on the aging page, plus what the chain makes of them (cure, charge-off)."""
    chain = comparison.chain
    keys = [k for k in chain.overdue if k in chain.matrix.index]
    matrix = chain.matrix.reindex(index=keys)
    columns = [(view.text("arr.col.from_bucket"), "text", [view.buckets.label_of(k, view.lang) for k in keys])]
    for col in matrix.columns:
        label = view.text("arr.col.exit") if str(col) == "exit" else view.buckets.label_of(str(col), view.lang)
        columns.append((label, "rate", matrix[col].to_numpy()))
    index = [chain.overdue.index(k) for k in keys]
    columns.append((view.text("arr.col.chain_cure"), "rate", chain.cure[index]))
    columns.append((view.text("arr.col.chain_chargeoff"), "rate", chain.chargeoff[index]))
    return display_table("arrangement_roll_rates", view.text("arr.table.roll_rates",
                                                              first=chain.months[0], last=chain.months[-1]), columns)


def assumptions_table(record: dict, view: View) -> DisplayTable:
    """Every assumption, one per row, as the download states it."""
    rows = [
        ("discount_rate", entered_rate(record["discount_rate"])),
        ("contract_rate", entered_rate(record["contract_rate"])),
        ("recovery_rate", entered_rate(record["recovery_rate"])),
        ("recovery_lag", str(record["recovery_lag"])),
        ("chargeoff_dpd", str(record["chargeoff_dpd"])),
        ("chargeoff_delay", str(record["chargeoff_delay_months"])),
        ("months", f"{record['months'][0]} … {record['months'][-1]} ({len(record['months'])})"),
        ("measure", view.text(f"arr.measure.{record['measure']}")),
        ("assumed_rows", ", ".join(record["assumed_rows"]) or "–"),
    ]
    rows += [("redefault_of", f"{name}: {entered_rate(p)}") for name, p in record["redefault"].items()]
    rows += [("take_up_of", f"{name}: {entered_rate(q)}") for name, q in record["take_up"].items()]
    return display_table("arrangement_assumptions", view.text("arr.table.assumptions"), [
        (view.text("arr.col.assumption"), "text", [view.text(f"arr.asm.{k}") for k, _ in rows]),
        (view.text("arr.col.value"), "text", [v for _, v in rows]),
    ])
