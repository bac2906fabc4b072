"""Templates tied to the collection playbook: which message each action sends, and whether it passes.

A template file's ``action`` column names the playbook action it serves (the keys of
:data:`analysis.core.vocabulary.ACTION_KEYS`: ``reminder``, ``call``, ``letter``, ``visit``,
``legal``, …). Several templates may serve one action; the one in use is the reader's choice, or
else the first that passes the checks, or else the first. The warnings page then shows, for each
owner's work list, the next action, how many accounts it reaches, and the template it sends.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from analysis.conduct.templates import TemplateResult

#: Columns of :func:`action_templates`.
ACTION_TEMPLATE_COLUMNS = ("action", "template_id", "channel", "passes", "findings", "templates")
#: Columns of :func:`next_action_templates`.
NEXT_ACTION_COLUMNS = ("action", "accounts", "balance", "template_id", "channel", "passes", "findings")


def templates_by_action(results: Sequence[TemplateResult]) -> dict[str, list[TemplateResult]]:
    """The checked templates grouped by the action they serve, in file order (no action: left out).

    Examples
    --------
    >>> r = [TemplateResult("A", "x", (), action="call"), TemplateResult("B", "y", (), action=""),
    ...      TemplateResult("C", "z", (), action="call")]
    >>> {k: [t.template_id for t in v] for k, v in templates_by_action(r).items()}
    {'call': ['A', 'C']}
    """
    out: dict[str, list[TemplateResult]] = {}
    for r in results:
        if r.action:
            out.setdefault(r.action, []).append(r)
    return out


def template_in_use(candidates: Sequence[TemplateResult], chosen: str | None = None) -> TemplateResult | None:
    """The template an action sends: ``chosen`` when it is among ``candidates``, else the first that
    passes, else the first (``None`` without candidates).

    Examples
    --------
    >>> bad = TemplateResult("A", "x", (object(),), action="call")
    >>> good = TemplateResult("B", "y", (), action="call")
    >>> template_in_use([bad, good]).template_id, template_in_use([bad, good], "A").template_id
    ('B', 'A')
    """
    if not candidates:
        return None
    by_id = {c.template_id: c for c in candidates}
    if chosen is not None and chosen in by_id:
        return by_id[chosen]
    return next((c for c in candidates if c.passes), candidates[0])


def action_templates(results: Sequence[TemplateResult], chosen: Mapping[str, str] | None = None,
                     actions: Sequence[str] | None = None) -> pd.DataFrame:
    """One row per action: the template in use, its channel, whether it passes, its findings'
    count and how many templates serve the action.

    Parameters
    ----------
    results : sequence of TemplateResult
        Checked templates (:func:`analysis.conduct.templates.check_templates`).
    chosen : mapping, optional
        Action → template id the reader picked.
    actions : sequence of str, optional
        The actions to list, in this order (an action without a template gets an empty row);
        default the actions the templates serve, in file order.

    Examples
    --------
    >>> r = [TemplateResult("S1", "x", (), action="reminder", channel="sms")]
    >>> action_templates(r, actions=["reminder", "legal"])[["action", "template_id", "passes"]].values.tolist()
    [['reminder', 'S1', True], ['legal', None, None]]
    """
    groups = templates_by_action(results)
    chosen = chosen or {}
    rows = []
    for action in (list(actions) if actions is not None else list(groups)):
        use = template_in_use(groups.get(action, []), chosen.get(action))
        rows.append({"action": action, "template_id": use.template_id if use else None,
                     "channel": use.channel if use else None, "passes": use.passes if use else None,
                     "findings": len(use.findings) if use else None, "templates": len(groups.get(action, []))})
    return pd.DataFrame(rows, columns=list(ACTION_TEMPLATE_COLUMNS), dtype=object)


def next_action_templates(actions: pd.DataFrame, in_use: pd.DataFrame) -> pd.DataFrame:
    """For a work list (one row per account with its next ``action`` and ``balance``): the
    accounts and balance per action, and the template each action sends.

    Parameters
    ----------
    actions : DataFrame
        ``action`` (key) and ``balance`` per account (the warnings page's work list).
    in_use : DataFrame
        :func:`action_templates`.

    Returns
    -------
    DataFrame
        :data:`NEXT_ACTION_COLUMNS`, most accounts first; an action without a template has an
        empty ``template_id`` (the page says "no template").

    Examples
    --------
    >>> work = pd.DataFrame({"action": ["call", "call", "letter"], "balance": [1.0, 2.0, 4.0]})
    >>> use = pd.DataFrame({"action": ["call"], "template_id": ["C1"], "channel": ["call"], "passes": [False],
    ...                     "findings": [2], "templates": [1]})
    >>> next_action_templates(work, use)[["action", "accounts", "balance", "template_id"]].values.tolist()
    [['call', 2, 3.0, 'C1'], ['letter', 1, 4.0, None]]
    """
    return templates_per_action(action_counts(actions), in_use)


def action_counts(actions: pd.DataFrame) -> pd.DataFrame:
    """Accounts and balance per next action of a work list, actions as text in first-seen order.

    The row work of :func:`next_action_templates`, kept apart so a page can keep it per list
    while the templates in use change (:func:`templates_per_action` adds them).

    Parameters
    ----------
    actions : DataFrame
        ``action`` (key) and ``balance`` per account.

    Returns
    -------
    DataFrame
        ``action``, ``accounts``, ``balance``; empty (no columns) for an empty list.

    Examples
    --------
    >>> work = pd.DataFrame({"action": ["call", "letter", "call"], "balance": [1.0, 4.0, 2.0]})
    >>> action_counts(work).values.tolist()
    [['call', 2, 3.0], ['letter', 1, 4.0]]
    """
    if not len(actions):
        return pd.DataFrame()
    # Grouped by integer codes, not by the texts (a month warns thousands of accounts): the same
    # groups in the same first-seen order, each balance summed by the same groupby sum, in row order.
    codes, found = pd.factorize(actions["action"], use_na_sentinel=True)
    balance = actions["balance"]
    known = codes >= 0  # an account without an action is in no group, as in a groupby
    if not known.all():
        codes, balance = codes[known], balance[known]
    accounts = np.bincount(codes, minlength=len(found))
    sums = balance.groupby(codes, sort=True).sum().reindex(range(len(found)), fill_value=0.0)
    present = accounts > 0  # a categorical's unused categories are not found: only observed ones
    return pd.DataFrame({
        "action": pd.Series(np.asarray(found, dtype=object)[present]).astype(str),
        "accounts": accounts[present].astype("int64"),
        "balance": sums.to_numpy(dtype=float)[present],
    })


def templates_per_action(counts: pd.DataFrame, in_use: pd.DataFrame) -> pd.DataFrame:
    """:func:`next_action_templates` of a list's :func:`action_counts`: each action's template, most accounts first.

    Examples
    --------
    >>> counts = pd.DataFrame({"action": ["letter", "call"], "accounts": [1, 2], "balance": [4.0, 3.0]})
    >>> use = pd.DataFrame({"action": ["call"], "template_id": ["C1"], "channel": ["call"], "passes": [True],
    ...                     "findings": [0], "templates": [1]})
    >>> templates_per_action(counts, use)[["action", "accounts", "template_id"]].values.tolist()
    [['call', 2, 'C1'], ['letter', 1, None]]
    """
    if not len(counts):
        return pd.DataFrame(columns=list(NEXT_ACTION_COLUMNS))
    # A left join of a few actions on a few templates, row by row (pandas' merge, casts and sort
    # cost ~25 ms on tables this small): every template row of an action, in order; none: empty.
    extra = list(NEXT_ACTION_COLUMNS[3:])  # template_id, channel, passes, findings
    by_action: dict[str, list[tuple]] = {}
    for row in in_use[["action", *extra]].itertuples(index=False, name=None):
        by_action.setdefault(row[0], []).append(tuple(None if _missing(v) else v for v in row[1:]))
    rows = [(action, n, b, *match)
            for action, n, b in zip(counts["action"], counts["accounts"].to_numpy(), counts["balance"].to_numpy(dtype=float))
            for match in by_action.get(action, [(None,) * len(extra)])]
    # most accounts, then most balance first (an unknown balance last); ties keep their order
    rows.sort(key=lambda r: (-r[1], r[2] != r[2], 0.0 if r[2] != r[2] else -r[2]))
    # the join's key column: the counts' own type, or object once it met templates of another type
    key_type = counts["action"].dtype
    if len(in_use) and in_use["action"].dtype != key_type:
        key_type = object
    out = pd.DataFrame({
        "action": pd.Series([r[0] for r in rows], dtype=object).astype(key_type),
        "accounts": np.array([r[1] for r in rows], dtype="int64"),
        "balance": np.array([r[2] for r in rows], dtype=float),
    })
    for i, column in enumerate(extra):
        out[column] = pd.Series([r[3 + i] for r in rows], dtype=object)
    return out


def _missing(value: object) -> bool:
    return value is None or (pd.api.types.is_scalar(value) and bool(pd.isna(value)))
