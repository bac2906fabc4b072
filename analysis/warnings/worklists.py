"""Slicing the warned accounts for the people who work them: by owner, by level, as lists.

The warnings page filters the warned accounts by level and owner, shows the first of them, and
hands out work lists per owner; the per-cause responses are edited as a small table. These are
the pure steps behind those widgets (no row is recomputed here: the accounts and their actions
come from :func:`analysis.warnings.signals.collection_actions`).
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import numpy as np
import pandas as pd

from analysis.core.tables import DisplayTable, display_table
from analysis.core.view import View
from analysis.core.vocabulary import CAUSE_KEYS, cause_label
from analysis.warnings.signals import UNASSIGNED, localise_columns

#: Who answers for a warned account, in order of preference.
OWNER_COLUMNS = ("owner", "branch")
#: The work-list choice that stands for every owner at once.
ALL_LISTS = "__all__"
#: The response of a cause nobody set.
DEFAULT_RESPONSE = "call"


def owner_column(columns: Iterable[str]) -> str | None:
    """The column that says who answers for an account (``owner``, else ``branch``), or ``None``.

    Examples
    --------
    >>> owner_column(["account_id", "branch"]), owner_column(["account_id"])
    ('branch', None)
    """
    present = set(columns)
    return next((c for c in OWNER_COLUMNS if c in present), None)


def owner_values(actions: pd.DataFrame, owner_col: str) -> pd.Series:
    """Each account's owner as text, :data:`~analysis.warnings.signals.UNASSIGNED` when nobody is named.

    Examples
    --------
    >>> owner_values(pd.DataFrame({"owner": ["A", None]}), "owner").tolist()
    ['A', '(unassigned)']
    """
    column = actions[owner_col]
    # each distinct owner made text once (not every account's): a month warns thousands of accounts
    codes, found = pd.factorize(column, use_na_sentinel=True)
    texts = np.append(pd.Series(found, dtype=object).astype(str).to_numpy(dtype=object), UNASSIGNED)
    return pd.Series(texts[codes], index=actions.index, name=column.name, dtype=str)


def owner_options(values: pd.Series) -> list[str]:
    """The owners to choose from, sorted, accounts nobody answers for last.

    Examples
    --------
    >>> owner_options(pd.Series(["B", UNASSIGNED, "A", "B"]))
    ['A', 'B', '(unassigned)']
    """
    return sorted(values.unique(), key=lambda s: (s == UNASSIGNED, s))


def filter_actions(actions: pd.DataFrame, levels: Sequence[str], owners: Sequence[str] = (),
                   owner_col: str | None = None) -> pd.DataFrame:
    """The warned accounts at the chosen levels (and owners, when some are chosen), order kept.

    Parameters
    ----------
    actions : DataFrame
        :func:`analysis.warnings.signals.collection_actions`.
    levels : sequence of str
        Levels to keep.
    owners : sequence of str
        Owners to keep (empty: every owner), as :func:`owner_values` writes them.
    owner_col : str, optional
        The owner column (:func:`owner_column`); owners are ignored without one.

    Examples
    --------
    >>> a = pd.DataFrame({"level": ["red", "yellow", "red"], "owner": ["A", "A", None]})
    >>> filter_actions(a, ["red"], ["A"], "owner").index.tolist()
    [0]
    """
    level = actions["level"]
    if isinstance(level.dtype, pd.CategoricalDtype):  # each level's text once, not each account's
        wanted = set(levels)
        keep_code = np.array([str(c) in wanted for c in level.cat.categories] + [False], dtype=bool)
        keep = keep_code[level.cat.codes.to_numpy()]  # code -1 (no level) reads the last entry: never kept
    else:
        keep = level.astype(str).isin(list(levels)).to_numpy()
    if owner_col is not None and len(owners):
        keep = keep & owner_values(actions, owner_col).isin(list(owners)).to_numpy()
    return actions[keep]


#: Kind of each work-list column on screen (the rest are text).
ACCOUNT_KINDS = {"balance": "amount", "days_past_due": "count", "n_signals": "count"}


def account_table(table: pd.DataFrame, view: View) -> DisplayTable:
    """The account list as shown: headers in the view's language, balances in its unit.

    Parameters
    ----------
    table : DataFrame
        A work list (:func:`analysis.warnings.signals.work_lists`), values already in ``view.lang``.
    view : View
        Language and amount unit.

    Examples
    --------
    >>> t = account_table(pd.DataFrame({"account_id": ["A1"], "balance": [12345.0]}), View(lang="en", unit="wan"))
    >>> t.text_frame("en").columns.tolist(), t.text_frame("en").iloc[0, 1]
    (['Account', 'Balance (CNY 10k)'], '1.23')
    """
    if view.counts_only and "balance" in table.columns:  # no balances: each account's is the 1 it counts as
        table = table.drop(columns=["balance"])
    named = localise_columns(table, view.lang)
    titles = dict(zip(table.columns, named.columns))
    if "balance" in titles:
        titles["balance"] = view.text("warnings.tcol.balance_unit", unit=view.unit_label)
    columns = []
    for column in table.columns:
        values = view.scale(table[column].to_numpy(dtype=np.float64)) if column == "balance" else table[column]
        columns.append((titles[column], ACCOUNT_KINDS.get(column, "text"), values))
    return display_table("warnings_accounts", view.text("warnings.list.table"), columns)


def pick_lists(lists: Mapping[str, pd.DataFrame], pick: str) -> dict[str, pd.DataFrame]:
    """Every owner's list (``pick`` = :data:`ALL_LISTS`) or the one owner's.

    Examples
    --------
    >>> sorted(pick_lists({"A": pd.DataFrame(), "B": pd.DataFrame()}, "B"))
    ['B']
    """
    return dict(lists) if pick == ALL_LISTS else {pick: lists[pick]}


def list_totals(lists: Mapping[str, pd.DataFrame]) -> tuple[int, float]:
    """Accounts and balance over the chosen work lists.

    Examples
    --------
    >>> list_totals({"A": pd.DataFrame({"balance": [1.0, 2.0]}), "B": pd.DataFrame({"balance": [4.0]})})
    (3, 7.0)
    """
    return sum(len(v) for v in lists.values()), sum(float(v["balance"].sum()) for v in lists.values())


def list_names(actions: pd.DataFrame, owner_col: str | None) -> list[str]:
    """The names of the work lists :func:`analysis.warnings.signals.work_lists` makes of
    ``actions`` (one per owner in ``owner_col``; one :data:`UNASSIGNED` list without an owner
    column), in its order, without making them.

    Examples
    --------
    >>> list_names(pd.DataFrame({"owner": ["B", None, "A"]}), "owner"), list_names(pd.DataFrame({"x": [1]}), None)
    (['A', 'B', '(unassigned)'], ['(unassigned)'])
    """
    if owner_col is None:
        return [UNASSIGNED] if len(actions) else []
    return _owner_lists(actions, owner_col)[1]


def _owner_lists(actions: pd.DataFrame, owner_col: str) -> tuple[np.ndarray, list[str]]:
    # Each account's list as a position in the names, and the names: owner_options(owner_values())
    # made from each distinct owner once, not from a text per account.
    codes, found = pd.factorize(actions[owner_col], use_na_sentinel=True)
    texts = np.append(pd.Series(found, dtype=object).astype(str).to_numpy(dtype=object), UNASSIGNED)  # as owner_values
    used = texts[np.unique(codes)]  # code -1 (no owner) reads the last text, UNASSIGNED
    names = sorted(set(used.tolist()), key=lambda s: (s == UNASSIGNED, s))
    position = {name: i for i, name in enumerate(names)}
    list_of_text = np.array([position.get(t, -1) for t in texts.tolist()], dtype=np.int64)
    return list_of_text[codes], names


def chosen_totals(actions: pd.DataFrame, owner_col: str | None, pick: str) -> tuple[int, float]:
    """:func:`list_totals` of the lists :func:`pick_lists` picks, from ``actions`` without making
    the lists (each list's balance summed as its own column is, in the lists' order).

    Examples
    --------
    >>> a = pd.DataFrame({"owner": ["B", None, "A"], "balance": [1.0, 2.0, 4.0]})
    >>> chosen_totals(a, "owner", ALL_LISTS), chosen_totals(a, "owner", "B"), chosen_totals(a, None, ALL_LISTS)
    ((3, 7.0), (1, 1.0), (3, 7.0))
    """
    balance = actions["balance"]
    if owner_col is None:
        if pick != ALL_LISTS and pick not in list_names(actions, owner_col):
            raise KeyError(pick)
        return len(actions), float(balance.sum()) if len(actions) else 0
    lists, names = _owner_lists(actions, owner_col)  # compared as integers, not texts
    if pick != ALL_LISTS and pick not in names:
        raise KeyError(pick)
    # Plain numbers are summed as Series.sum sums them (NaN as 0, then numpy's pairwise sum), without a Series per list.
    values = balance.to_numpy() if balance.dtype.kind in "fiu" else None
    rows = total = 0
    for i, name in enumerate(names):
        if pick not in (ALL_LISTS, name):
            continue
        mine = lists == i
        rows += int(mine.sum())
        total += float(np.nansum(values[mine]) if values is not None else balance[mine].sum())
    return rows, total


def responses_frame(current: Mapping[str, str], lang: str) -> pd.DataFrame:
    """The per-cause responses as the editor shows them: ``cause``, ``label`` (in ``lang``), ``response``.

    Examples
    --------
    >>> responses_frame({"forgot": "reminder"}, "en").iloc[3][["cause", "response"]].tolist()
    ['forgot', 'reminder']
    """
    return pd.DataFrame({
        "cause": list(CAUSE_KEYS),
        "label": [cause_label(c, lang) for c in CAUSE_KEYS],
        "response": [current.get(c, DEFAULT_RESPONSE) for c in CAUSE_KEYS],
    })


def merged_responses(current: Mapping[str, str], edited: pd.DataFrame) -> dict[str, str]:
    """The saved responses with the editor's rows laid over them (a new dict).

    Examples
    --------
    >>> merged_responses({"forgot": "call", "dispute": "verify"}, pd.DataFrame({"cause": ["forgot"], "response": ["reminder"]}))
    {'forgot': 'reminder', 'dispute': 'verify'}
    """
    return {**current, **dict(zip(edited["cause"], edited["response"]))}


__all__ = ["OWNER_COLUMNS", "ALL_LISTS", "DEFAULT_RESPONSE", "owner_column", "owner_values", "owner_options",
           "filter_actions", "ACCOUNT_KINDS", "account_table", "pick_lists", "list_totals", "list_names",
           "chosen_totals", "responses_frame",
           "merged_responses"]
