"""Templates tied to the collection playbook: which message each action sends, and whether it passes.

A template file's ``action`` column names the playbook action it serves (the keys of
:data:`analysis.core.vocabulary.ACTION_KEYS`: ``reminder``, ``call``, ``letter``, ``visit``,
``legal``, …). Several templates may serve one action; the one in use is the reader's choice, or
else the first that passes the checks, or else the first. The warnings page then shows, for each
owner's work list, the next action, how many accounts it reaches, and the template it sends.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence

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
    if not len(actions):
        return pd.DataFrame(columns=list(NEXT_ACTION_COLUMNS))
    counts = (actions.groupby("action", sort=False, observed=True)
              .agg(accounts=("action", "size"), balance=("balance", "sum")).reset_index())
    counts["action"] = counts["action"].astype(str)
    merged = counts.merge(in_use.drop(columns=["templates"], errors="ignore"), on="action", how="left")
    merged = merged.astype({"template_id": object, "channel": object, "passes": object, "findings": object})
    merged = merged.where(merged.notna(), None)
    out = merged.sort_values(["accounts", "balance"], ascending=False, kind="stable").reset_index(drop=True)
    out["accounts"] = out["accounts"].astype("int64")
    out["balance"] = out["balance"].astype(float)
    return out[list(NEXT_ACTION_COLUMNS)]
