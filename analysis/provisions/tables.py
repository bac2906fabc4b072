"""The provisions tables a reader sees, as :class:`~analysis.core.tables.DisplayTable` s.

Each builder takes a piece of :class:`~analysis.provisions.summary.ProvisionResult` (amounts in 元)
and the reader's :class:`~analysis.core.view.View`; amounts are scaled here, once, so the page, its
Excel download and the meeting report show the same digits.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.core.tables import DisplayTable, amount_places, display_table
from analysis.core.view import View
from analysis.aging.regulatory import class_label


def _money(view: View, key: str) -> str:
    return view.text(f"prov.col.{key}", unit=view.unit_label)


def _ratio(num: np.ndarray, den: np.ndarray) -> np.ndarray:
    num, den = np.asarray(num, dtype=np.float64), np.asarray(den, dtype=np.float64)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(den > 0, num / np.where(den > 0, den, 1.0), np.nan)


def stage_table(stages: pd.DataFrame, view: View, month: str) -> DisplayTable:
    """One row per stage and a total row: accounts, balance, EAD, ECL and ECL ÷ balance.

    Examples
    --------
    >>> s = pd.DataFrame({"stage": [1, 2, 3], "accounts": [9, 1, 1], "balance": [900.0, 50.0, 50.0],
    ...                   "ead": [950.0, 50.0, 50.0], "ecl": [9.0, 5.0, 22.5]})
    >>> stage_table(s, View(lang="en", unit="yuan"), "2024-01").text_frame("en").iloc[-1].tolist()
    ['Total', '11', '1,000.00', '1,050.00', '36.50', '3.65%']
    """
    labels = [view.text(f"prov.stage.{int(s)}") for s in stages["stage"]] + [view.text("prov.stage.total")]
    cols = {c: np.append(stages[c].to_numpy(dtype=np.float64), stages[c].sum()) for c in ("accounts", "balance", "ead", "ecl")}
    return display_table("provisions_stages", view.text("prov.table.stages", month=month), [
        (view.text("prov.col.stage"), "text", labels),
        (view.text("prov.col.accounts"), "count", cols["accounts"]),
        (_money(view, "balance"), "amount", _footed(view, stages["balance"])),
        (_money(view, "ead"), "amount", _footed(view, stages["ead"])),
        (_money(view, "ecl"), "amount", _footed(view, stages["ecl"])),
        (view.text("prov.col.cover"), "rate", _ratio(cols["ecl"], cols["balance"])),
    ])


def _footed(view: View, values: pd.Series) -> np.ndarray:
    """The stages' amounts to the cent and their total the sum of those, as the ``ecl`` command's
    JSON has them, in the view's unit: in 元 the table foots, and the screen, the report and the
    CLI never show the same total a cent apart."""
    cents = np.round(values.to_numpy(dtype=np.float64), 2) + 0.0
    return view.scale(np.append(cents, round(float(cents.sum()), 2) + 0.0))


def five_tier_display(five_tier: pd.DataFrame, view: View, month: str) -> DisplayTable:
    """The five classes by accounts and balance, with their share of the book's balance."""
    label_col = [class_label(str(k), view.lang) for k in five_tier["class"]]  # "unclassified" too
    balance = five_tier["balance"].to_numpy(dtype=np.float64)
    return display_table("provisions_five_tier", view.text("prov.table.five_tier", month=month), [
        (view.text("prov.col.class"), "text", label_col),
        (view.text("prov.col.accounts"), "count", five_tier["accounts"].to_numpy()),
        (_money(view, "balance"), "amount", view.scale(balance)),
        (view.text("prov.col.share"), "rate", _ratio(balance, np.full(len(balance), balance.sum()))),
    ])


def _state(value, view: View) -> str:
    text = str(value)
    return view.text(f"prov.stage.{text}") if text in ("1", "2", "3") else view.text(f"provisions.state.{text}")


def migration_table(migration: pd.DataFrame, view: View, previous: str, month: str) -> DisplayTable:
    """From stage × to stage (new and exited included): accounts, balances and ECL before and after."""
    rows = migration[migration["accounts"] > 0]
    return display_table("provisions_migration", view.text("prov.table.migration", previous=previous, month=month), [
        (view.text("prov.col.from"), "text", [_state(v, view) for v in rows["from_stage"]]),
        (view.text("prov.col.to"), "text", [_state(v, view) for v in rows["to_stage"]]),
        (view.text("prov.col.accounts"), "count", rows["accounts"].to_numpy()),
        (_money(view, "balance_from"), "amount", view.scale(rows["balance_from"].to_numpy())),
        (_money(view, "balance_to"), "amount", view.scale(rows["balance_to"].to_numpy())),
        (_money(view, "ecl_from"), "amount", view.scale(rows["ecl_from"].to_numpy())),
        (_money(view, "ecl_to"), "amount", view.scale(rows["ecl_to"].to_numpy())),
    ])


def movement_table(movement: pd.DataFrame, view: View, previous: str, month: str) -> DisplayTable:
    """The allowance movement, IFRS 7 style: items as rows, stages and the total as columns.

    Written as a reconciliation is: plain amounts, a decrease with its minus and no ``+`` on an
    increase (the opening and closing balances are no changes), and one number of decimals for
    the whole table, enough for every figure above a ten-thousandth of the largest, so a column of
    small transfers does not show more places than its neighbours.
    """
    columns = [(view.text("prov.col.item"), "text", [view.text(f"provisions.item.{i}") for i in movement["item"]])]
    figures = [(view.text(f"prov.stage.{stage}"), view.scale(movement[f"stage_{stage}"].to_numpy(dtype=np.float64)))
               for stage in (1, 2, 3)]
    figures.append((view.text("prov.stage.total"), view.scale(movement["total"].to_numpy(dtype=np.float64))))
    values = np.concatenate([values for _, values in figures])
    # places enough for the figures that matter beside the balances: a transfer of a few fen in
    # 万元 would otherwise put every cell, the opening balance too, at six decimals
    biggest = float(np.nanmax(np.abs(values))) if np.isfinite(values).any() else 0.0
    places = amount_places(values[np.abs(values) >= biggest * 1e-4])
    columns += [(title, "amount", values) for title, values in figures]
    return display_table("provisions_movement", view.text("prov.table.movement", previous=previous, month=month), columns,
                         decimals={title: places for title, _ in figures})


def trend_table(trend: pd.DataFrame, view: View, by: str | None = None, title: str | None = None) -> DisplayTable:
    """NPL balance, allowance and the three ratios by month (and segment when ``by`` is given)."""
    columns = [(view.text("prov.col.month"), "text", trend["month"].astype(str).to_numpy())]
    if by is not None:
        columns.append((view.text("prov.col.segment"), "text", trend[by].astype(str).to_numpy()))
    columns += [
        (view.text("prov.col.accounts"), "count", trend["accounts"].to_numpy()),
        (_money(view, "balance"), "amount", view.scale(trend["balance"].to_numpy(dtype=np.float64))),
        (_money(view, "npl_balance"), "amount", view.scale(trend["npl_balance"].to_numpy(dtype=np.float64))),
        (_money(view, "allowance"), "amount", view.scale(trend["allowance"].to_numpy(dtype=np.float64))),
        (view.text("prov.col.npl_ratio"), "rate", trend["npl_ratio"].to_numpy()),
        (view.text("prov.col.coverage"), "rate", trend["coverage"].to_numpy()),
        (view.text("prov.col.provision_to_loans"), "rate", trend["provision_to_loans"].to_numpy()),
    ]
    if by is None and "pd_months" in trend.columns:  # what priced each month's allowance
        columns.append((view.text("prov.col.pd_basis"), "text", [pd_basis(n, view) for n in trend["pd_months"]]))
    key = "provisions_trend" if by is None else f"provisions_by_{by}"
    return display_table(key, title or view.text("prov.table.trend"), columns)


def pd_basis(pooled: int, view: View) -> str:
    """What a month's PDs came from: ``n`` from-months of the book's roll rates, or the defaults.

    Examples
    --------
    >>> pd_basis(12, View(lang="zh")), pd_basis(0, View(lang="en"))
    ('12个月迁徙', 'defaults (no roll history)')
    """
    return view.text("prov.pd_basis.months", n=int(pooled)) if int(pooled) > 0 else view.text("prov.pd_basis.defaults")


def pd_defaults_note(trend: pd.DataFrame, view: View) -> str | None:
    """The note under the monthly NPL figures when some months were priced on the default PDs
    (no roll-rate history before them: the book's first month), else ``None``.

    Their coverage is not comparable with the months after (the UCI book's first month read
    2,684.55 % against 468.10 % the next), and the chart would show it as a spike.
    """
    if "pd_months" not in trend.columns:
        return None
    months = trend.loc[trend["pd_months"].to_numpy() == 0, "month"].astype(str).unique().tolist()
    return view.text("prov.note.pd_defaults", months=", ".join(months)) if months else None


def account_table(accounts: pd.DataFrame, view: View, month: str) -> DisplayTable:
    """Per-account ECL, largest first (what an auditor samples)."""
    rows = accounts.sort_values("ecl", ascending=False, kind="stable")
    yes = view.text("prov.yes")
    return display_table("provisions_accounts", view.text("prov.table.accounts", month=month), [
        (view.text("prov.col.account"), "text", rows["account_id"].astype(str).to_numpy()),
        (view.text("prov.col.stage"), "text", [view.text(f"prov.stage.{int(s)}") for s in rows["stage"]]),
        (view.text("prov.col.dpd"), "count", rows["days_past_due"].to_numpy()),
        (_money(view, "balance"), "amount", view.scale(rows["balance"].to_numpy(dtype=np.float64))),
        (_money(view, "ead"), "amount", view.scale(rows["ead"].to_numpy(dtype=np.float64))),
        (_money(view, "ecl"), "amount", view.scale(rows["ecl"].to_numpy(dtype=np.float64))),
        (view.text("prov.col.sicr"), "text", np.where(rows["sicr"].to_numpy(dtype=bool), yes, "")
         if "sicr" in rows.columns else [""] * len(rows)),
        (view.text("prov.col.probation"), "text", np.where(rows["probation"].to_numpy(dtype=bool), yes, "")
         if "probation" in rows.columns else [""] * len(rows)),
        *_class_column(rows, view, yes),
    ])


def _class_column(rows: pd.DataFrame, view: View, yes: str) -> list:
    """The "raised by the bank's class" column, for a book whose class raised some stage."""
    if "by_class" not in rows.columns or not rows["by_class"].to_numpy(dtype=bool).any():
        return []
    return [(view.text("prov.col.by_class"), "text", np.where(rows["by_class"].to_numpy(dtype=bool), yes, ""))]
