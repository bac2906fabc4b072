"""Stage migration between two months and the allowance movement table (IFRS 7.35H shape).

Both take the per-account ECL tables of two months (:func:`analysis.provisions.ecl.expected_credit_loss`
with ``account_id``). Accounts are matched by ``account_id``:

* **new**: in the closing month only (originated or purchased during the month);
* **exited**: in the opening month only. One that left from stage 1 or 2 is **derecognised**
  (repaid, sold); one that left from stage 3 is a **write-off** (the book does not say which
  stage-3 exits were recoveries: the usual retail reading of a defaulted account leaving the
  book);
* **continuing**: in both.

The movement table, per stage column and in total:

* ``opening``: ECL at the opening month, by the opening stage;
* ``transfer_to_stage_k``: the *opening* ECL of continuing accounts that changed stage, moved
  out of their old stage's column into stage *k*'s (each row nets to zero in total; the usual
  presentation, which leaves the change in amount to remeasurement);
* ``new``: closing ECL of new accounts; ``derecognised`` and ``write_offs``: minus the opening
  ECL of exited accounts;
* ``remeasurement``: closing minus opening ECL of continuing accounts, in the closing stage's
  column (changes in PD, exposure, stage horizon and the PD curve itself);
* ``closing``: ECL at the closing month, by the closing stage.

Computed on unrounded values, where opening + flows = closing exactly. The figures shown are
rounded to the cent: opening and closing per stage as the stage tables of the two months show
them, transfers and the other flows each rounded, remeasurement set so the column adds up (it
carries the rounding residue, at most a few cents, reported in ``table.attrs["rounding_residue"]``),
and the total column the sum of the stage columns as shown (a table that foots and cross-foots).
"""
from __future__ import annotations

import numpy as np
import pandas as pd

MOVEMENT_ITEMS = ("opening", "transfer_to_stage_1", "transfer_to_stage_2", "transfer_to_stage_3", "new",
                  "derecognised", "write_offs", "remeasurement", "closing")
STAGE_COLUMNS = ("stage_1", "stage_2", "stage_3")
FROM_STATES = ("1", "2", "3", "new")
TO_STATES = ("1", "2", "3", "exited")


def _match(previous: pd.DataFrame, current: pd.DataFrame) -> pd.DataFrame:
    left = previous[["account_id", "stage", "balance", "ecl"]].rename(
        columns={"stage": "from_stage", "balance": "balance_from", "ecl": "ecl_from"})
    right = current[["account_id", "stage", "balance", "ecl"]].rename(
        columns={"stage": "to_stage", "balance": "balance_to", "ecl": "ecl_to"})
    for side, name in ((left, "previous"), (right, "current")):
        if side["account_id"].duplicated().any():
            raise ValueError(f"{name}: one row per account expected")
    both = left.merge(right, on="account_id", how="outer", sort=False)
    for col in ("balance_from", "ecl_from", "balance_to", "ecl_to"):
        both[col] = both[col].astype(np.float64).fillna(0.0)
    return both


def stage_migration(previous: pd.DataFrame, current: pd.DataFrame) -> pd.DataFrame:
    """Accounts and balances from stage × to stage, with new and exited accounts.

    Parameters
    ----------
    previous, current : DataFrame
        One row per account: ``account_id``, ``stage``, ``balance``, ``ecl``.

    Returns
    -------
    DataFrame
        One row per (``from_stage`` in 1, 2, 3, new) × (``to_stage`` in 1, 2, 3, exited), the
        new → exited cell left out: ``accounts``, ``balance_from`` (at the opening month),
        ``balance_to`` (at the closing month), ``ecl_from``, ``ecl_to``. Stages as text keys.

    Examples
    --------
    >>> prev = pd.DataFrame({"account_id": ["a", "b"], "stage": [1, 2], "balance": [10.0, 20.0], "ecl": [0.1, 2.0]})
    >>> curr = pd.DataFrame({"account_id": ["a", "c"], "stage": [2, 1], "balance": [9.0, 5.0], "ecl": [0.9, 0.05]})
    >>> m = stage_migration(prev, curr)
    >>> m[m["accounts"] > 0][["from_stage", "to_stage", "accounts"]].values.tolist()
    [['1', '2', 1], ['2', 'exited', 1], ['new', '1', 1]]
    """
    both = _match(previous, current)
    src = np.where(both["from_stage"].isna(), "new", both["from_stage"].fillna(0).astype(int).astype(str))
    dst = np.where(both["to_stage"].isna(), "exited", both["to_stage"].fillna(0).astype(int).astype(str))
    work = both.assign(from_stage=src, to_stage=dst)
    grid = pd.MultiIndex.from_tuples([(f, t) for f in FROM_STATES for t in TO_STATES
                                      if not (f == "new" and t == "exited")], names=["from_stage", "to_stage"])
    sums = work.groupby(["from_stage", "to_stage"])[["balance_from", "balance_to", "ecl_from", "ecl_to"]].sum()
    counts = work.groupby(["from_stage", "to_stage"]).size().rename("accounts")
    out = pd.concat([counts, sums], axis=1).reindex(grid, fill_value=0).reset_index()
    out["accounts"] = out["accounts"].astype(np.int64)
    return out[["from_stage", "to_stage", "accounts", "balance_from", "balance_to", "ecl_from", "ecl_to"]]


def movement_flows(previous: pd.DataFrame, current: pd.DataFrame) -> pd.DataFrame:
    """The movement table unrounded: ``item`` × ``stage_1, stage_2, stage_3, total``.

    Examples
    --------
    >>> prev = pd.DataFrame({"account_id": ["a", "b"], "stage": [1, 3], "balance": 1.0, "ecl": [1.0, 5.0]})
    >>> curr = pd.DataFrame({"account_id": ["a"], "stage": [2], "balance": 1.0, "ecl": [3.0]})
    >>> movement_flows(prev, curr).set_index("item")["total"].tolist()
    [6.0, 0.0, 0.0, 0.0, 0.0, 0.0, -5.0, 2.0, 3.0]
    """
    both = _match(previous, current)
    table = np.zeros((len(MOVEMENT_ITEMS), 3))
    row = {item: i for i, item in enumerate(MOVEMENT_ITEMS)}
    fs = both["from_stage"].to_numpy(dtype=np.float64)
    ts = both["to_stage"].to_numpy(dtype=np.float64)
    e0, e1 = both["ecl_from"].to_numpy(), both["ecl_to"].to_numpy()
    cont = ~np.isnan(fs) & ~np.isnan(ts)
    for k in (1, 2, 3):
        c = k - 1
        table[row["opening"], c] = e0[fs == k].sum()
        table[row["closing"], c] = e1[ts == k].sum()
        table[row["new"], c] = e1[np.isnan(fs) & (ts == k)].sum()
        gone = np.isnan(ts) & (fs == k)
        table[row["write_offs" if k == 3 else "derecognised"], c] = -e0[gone].sum()
        table[row["remeasurement"], c] = (e1 - e0)[cont & (ts == k)].sum()
        for j in (1, 2, 3):
            if j == k:
                continue
            moved = e0[cont & (fs == j) & (ts == k)].sum()
            table[row[f"transfer_to_stage_{k}"], c] += moved
            table[row[f"transfer_to_stage_{k}"], j - 1] -= moved
    out = pd.DataFrame(table, columns=list(STAGE_COLUMNS))
    out.insert(0, "item", list(MOVEMENT_ITEMS))
    out["total"] = table.sum(axis=1)
    return out


def allowance_movement(previous: pd.DataFrame, current: pd.DataFrame) -> pd.DataFrame:
    """The allowance movement table rounded to the cent, adding up exactly.

    Parameters
    ----------
    previous, current : DataFrame
        Per-account ECL tables of the opening and the closing month (``account_id``, ``stage``,
        ``balance``, ``ecl``).

    Returns
    -------
    DataFrame
        ``item`` (:data:`MOVEMENT_ITEMS`), ``stage_1``, ``stage_2``, ``stage_3``, ``total``; in
        every column opening + the flows = closing to the cent. ``attrs["rounding_residue"]``:
        per column, what remeasurement carries beyond its own rounding.

    Examples
    --------
    >>> prev = pd.DataFrame({"account_id": ["a", "b"], "stage": [1, 1], "balance": 1.0, "ecl": [0.004, 0.004]})
    >>> curr = pd.DataFrame({"account_id": ["a", "b"], "stage": [1, 1], "balance": 1.0, "ecl": [0.004, 0.004]})
    >>> t = allowance_movement(prev, curr).set_index("item")
    >>> float(t.loc["opening", "total"]), float(t.loc["remeasurement", "total"]), float(t.loc["closing", "total"])
    (0.01, 0.0, 0.01)
    """
    raw = movement_flows(previous, current)
    row = {item: i for i, item in enumerate(MOVEMENT_ITEMS)}
    values = raw[list(STAGE_COLUMNS)].to_numpy(dtype=np.float64)
    out = np.zeros_like(values)
    # opening and closing exactly as the stage tables of the two months show them
    prev_by_stage = [previous.loc[np.asarray(previous["stage"]) == k, "ecl"].sum() for k in (1, 2, 3)]
    curr_by_stage = [current.loc[np.asarray(current["stage"]) == k, "ecl"].sum() for k in (1, 2, 3)]
    out[row["opening"]] = np.round(prev_by_stage, 2)
    out[row["closing"]] = np.round(curr_by_stage, 2)
    for item in ("new", "derecognised", "write_offs"):
        out[row[item]] = np.round(values[row[item]], 2)
    # transfers: each cell of the from-stages rounded, the receiving cell their sum (row nets to 0)
    both = _match(previous, current)
    fs, ts, e0 = both["from_stage"].to_numpy(np.float64), both["to_stage"].to_numpy(np.float64), both["ecl_from"].to_numpy()
    for k in (1, 2, 3):
        r = row[f"transfer_to_stage_{k}"]
        for j in (1, 2, 3):
            if j != k:
                moved = round(float(e0[(fs == j) & (ts == k)].sum()), 2)
                out[r, j - 1] -= moved
                out[r, k - 1] += moved
    flows = [row[i] for i in MOVEMENT_ITEMS if i not in ("remeasurement", "closing")]
    remeasure = out[row["closing"]] - out[flows].sum(axis=0)
    residue = remeasure - np.round(values[row["remeasurement"]], 2)
    out[row["remeasurement"]] = remeasure
    out = np.round(out, 2) + 0.0
    table = pd.DataFrame(out, columns=list(STAGE_COLUMNS))
    table.insert(0, "item", list(MOVEMENT_ITEMS))
    table["total"] = np.round(out.sum(axis=1), 2) + 0.0
    table.attrs["rounding_residue"] = {col: round(float(v), 2) + 0.0
                                       for col, v in zip((*STAGE_COLUMNS, "total"), (*residue, residue.sum()))}
    return table


__all__ = ["FROM_STATES", "MOVEMENT_ITEMS", "STAGE_COLUMNS", "TO_STATES", "allowance_movement",
           "movement_flows", "stage_migration"]
