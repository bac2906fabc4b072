"""Probability of default per bucket from the book's own history.

PD here is the **12-month probability of reaching 91+ DPD** (the usual default definition and
the 次级 floor of the five-tier classification). Two estimates:

* **markov**: the average roll-rate matrix (:func:`analysis.core.rates.roll_rate_matrix`) as a Markov
  chain. The default buckets (lower bound ≥ 91 DPD) are made absorbing, and so is ``exit``
  (an account that left the book is assumed paid off). PD of bucket *i* is the mass in the
  default buckets after 12 steps: ``(P^12)[i, default].sum()``. Works with two months of data.
* **observed**: of the account-months in bucket *i* with 12 later months in the book, the share
  that reached 91+ DPD in one of them. Needs at least 13 months; used by ``method="auto"`` when
  every bucket has enough observations.

With custom buckets whose edges do not fall on 91 (e.g. ``61+``), the absorbing set is the
buckets whose lower bound is ≥ 91, or the last bucket when none is (it holds the 91+ accounts).
"""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from analysis.core.buckets import EXIT, Buckets
from analysis.core import book_from_portfolio
from analysis.core.rates import month_ordinal, roll_rate_matrix
from analysis.core.i18n import translate
from analysis.whatif.policy import DEFAULT_DPD, PolicyError, panel_codes

METHODS = ("auto", "markov", "observed")


def absorbing_keys(buckets: Buckets, default_dpd: int = DEFAULT_DPD) -> list[str]:
    """Bucket keys that count as default: lower bound ≥ ``default_dpd``, else the last bucket.

    Examples
    --------
    >>> from analysis.core.buckets import DEFAULT_BUCKETS, M_BUCKETS, custom_buckets
    >>> absorbing_keys(DEFAULT_BUCKETS)
    ['91-180', '181+']
    >>> absorbing_keys(M_BUCKETS)
    ['M4', 'M5', 'M6', 'M6+']
    >>> absorbing_keys(custom_buckets([30, 60]))
    ['61+']
    """
    keys = [k for k, lo in zip(buckets.keys, buckets.lowers) if lo >= default_dpd]
    return keys or [buckets.keys[-1]]


def chain_matrix(matrix: pd.DataFrame, absorbing: list[str]) -> tuple[np.ndarray, list[str]]:
    """The one-step transition matrix of the Markov chain behind :func:`markov_pd`.

    Default states in ``absorbing`` and ``exit`` (paid off) are made absorbing; a from-bucket
    nobody was observed in rolls one bucket forward (prudent). The provisions' PD term structure
    (:mod:`analysis.provisions.pd_curve`) takes powers of this same matrix.

    Returns
    -------
    (ndarray, list of str)
        The square matrix (rows sum to 1) and its state keys: the buckets, then ``"exit"`` when
        the roll-rate matrix has that column.

    Examples
    --------
    >>> m = pd.DataFrame([[0.9, 0.1, 0.0], [0.5, 0.3, 0.2], [0.0, 0.0, 1.0]],
    ...                  index=["G", "D", "B"], columns=["G", "D", "B"])
    >>> chain_matrix(m, ["B"])[0][1].tolist()
    [0.5, 0.3, 0.2]
    """
    states = list(matrix.index)
    cols = states + ([EXIT] if EXIT in matrix.columns else [])
    n = len(cols)
    p = np.zeros((n, n))
    sub = matrix.reindex(index=states, columns=cols).to_numpy(dtype=np.float64)
    for i, key in enumerate(states):
        row = sub[i]
        if key in absorbing:
            p[i, i] = 1.0
        elif np.isnan(row).any() or row.sum() <= 0:
            # No account observed in this bucket: assume it rolls one bucket forward (prudent).
            p[i, min(i + 1, len(states) - 1)] = 1.0
        else:
            p[i] = row / row.sum()
    if n > len(states):
        p[-1, -1] = 1.0  # exit is absorbing and not a default
    return p, cols


def markov_pd(matrix: pd.DataFrame, absorbing: list[str], horizon: int = 12) -> pd.Series:
    """Probability of being absorbed in ``absorbing`` within ``horizon`` steps, per from-state.

    Parameters
    ----------
    matrix : DataFrame
        Roll-rate matrix: index = from-bucket keys, columns = the same keys plus ``"exit"``;
        rows sum to 1 (a NaN row means no observations: assumed to roll one bucket forward).
    absorbing : list of str
        Default states (made absorbing whatever the matrix says).
    horizon : int
        Number of monthly steps.

    Returns
    -------
    Series
        PD per from-bucket, 1 for absorbing buckets.

    Examples
    --------
    >>> m = pd.DataFrame([[0.9, 0.1, 0.0], [0.5, 0.3, 0.2], [0.0, 0.0, 1.0]],
    ...                  index=["G", "D", "B"], columns=["G", "D", "B"])
    >>> markov_pd(m, ["B"], horizon=2).round(4).tolist()
    [0.02, 0.26, 1.0]
    """
    if not 1 <= int(horizon) <= 60 or int(horizon) != horizon:
        raise PolicyError("whatif.err.pd_horizon", value=horizon)
    states = list(matrix.index)
    p, cols = chain_matrix(matrix, absorbing)
    reached = np.linalg.matrix_power(p, int(horizon))
    idx = [cols.index(k) for k in absorbing]
    pd_ = reached[: len(states)][:, idx].sum(axis=1)
    return pd.Series(np.clip(pd_, 0.0, 1.0), index=states, name="pd")


#: The per-account month grid of :func:`window_outcomes` is used up to this many cells (accounts
#: × calendar months spanned; one byte each up to 21 years); beyond, the rows are sorted instead.
_GRID_CELLS = 50_000_000


def window_outcomes(panel: pd.DataFrame, horizon: int, default_dpd: int,
                    index=None) -> tuple[np.ndarray, np.ndarray]:
    """Per row, in the panel's order: a complete ``horizon``-month window follows it (``eligible``),
    and the account reached ``default_dpd``+ DPD in one of those months (``reached``).

    ``index``: the panel's row index when the caller keeps one (see :func:`panel_codes`).

    Examples
    --------
    >>> df = pd.DataFrame({"account_id": list("aab"), "month": ["2024-01", "2024-02", "2024-01"],
    ...                    "days_past_due": [0, 95, 0]})
    >>> [x.tolist() for x in window_outcomes(df, 1, 91)]
    [[True, False, True], [True, False, False]]
    """
    mcodes, mvals, acc, n_acc = panel_codes(panel, index)
    ordinals = np.array([month_ordinal(m) for m in mvals], dtype=np.int64)
    ords = ordinals[mcodes] if len(panel) else np.zeros(0, dtype=np.int64)
    bad = panel["days_past_due"].to_numpy(dtype=np.int64) >= default_dpd
    last = int(ordinals.max()) if len(ordinals) else 0
    eligible = ords + horizon <= last
    reached = _reached_on_grid(acc, n_acc, ords, bad, horizon, ordinals) if len(panel) else None
    if reached is None:
        reached = _reached_by_sort(acc, ords, bad, horizon)
    return eligible, reached


def _reached_on_grid(acc: np.ndarray, n_acc: int, ords: np.ndarray, bad: np.ndarray, horizon: int,
                     ordinals: np.ndarray) -> np.ndarray | None:
    """``reached`` from a grid of accounts × calendar months: a running count of each account's
    default months, read at the row's month and ``horizon`` months later. No sort of the rows.

    ``None`` when an account has two rows in one month (then "a later row" is not "a later
    month": :func:`_reached_by_sort` answers as it always did) or the grid would be too large.
    """
    first, last = int(ordinals.min()), int(ordinals.max())
    width = last - first + 1
    cells = n_acc * width
    if cells > _GRID_CELLS or (len(acc) and int(acc.min()) < 0):  # -1: a missing account id
        return None
    col = ords - first
    cell = acc.astype(np.int64) * width + col
    seen = np.zeros(cells, dtype=bool)
    seen[cell] = True
    if int(np.count_nonzero(seen)) != len(cell):
        return None  # duplicate account-months
    # A running count never exceeds the months spanned: the smallest type that holds it.
    small = np.uint8 if width < 2 ** 8 else (np.uint16 if width < 2 ** 16 else np.int64)
    grid = np.zeros(cells, dtype=small)
    grid[cell[bad]] = 1
    grid = grid.reshape(n_acc, width).cumsum(axis=1, dtype=small).ravel()
    # Default months in (row's month, row's month + horizon], the grid ending at the last month.
    ahead = cell - col + np.minimum(col + int(horizon), width - 1)
    return grid[ahead] > grid[cell]


def _reached_by_sort(acc: np.ndarray, ords: np.ndarray, bad: np.ndarray, horizon: int) -> np.ndarray:
    """``reached`` by sorting the rows by account and month: the earliest default row after each row."""
    order = np.lexsort((ords, acc))
    a, o = acc[order], ords[order]
    big = np.iinfo(np.int64).max // 4
    bad_ord = np.where(bad[order], o, big)
    # Earliest default month strictly after each row, within the account: a reverse running
    # minimum per account, shifted by one row.
    rev = pd.Series(bad_ord[::-1]).groupby(a[::-1]).cummin().to_numpy()[::-1]
    nxt = np.full(len(o), big, dtype=np.int64)
    same = np.r_[a[1:] == a[:-1], False] if len(a) else np.zeros(0, dtype=bool)
    nxt[:-1][same[:-1]] = rev[1:][same[:-1]]
    reached = np.empty(len(o), dtype=bool)
    reached[order] = (nxt - o) <= horizon
    return reached


def observed_pd(panel: pd.DataFrame, buckets: Buckets, horizon: int = 12,
                default_dpd: int = DEFAULT_DPD, outcomes: tuple[np.ndarray, np.ndarray] | None = None) -> pd.DataFrame:
    """Observed share of account-months that reached ``default_dpd``+ DPD within ``horizon`` months.

    Only account-months with ``horizon`` later months in the book count (complete windows).
    An account that leaves the book inside its window counts as not reaching default.
    ``outcomes``: :func:`window_outcomes` of ``panel`` with the same ``horizon`` and
    ``default_dpd``, when the caller already has it (the app reads it for the account PDs too).

    Returns
    -------
    DataFrame
        ``bucket``, ``pd`` (NaN when no complete window), ``observations``.

    Examples
    --------
    >>> from analysis.core.buckets import custom_buckets
    >>> df = pd.DataFrame({"account_id": list("aabb"), "month": ["2024-01", "2024-02"] * 2,
    ...                    "days_past_due": [0, 95, 0, 0], "balance": 1.0})
    >>> observed_pd(df, custom_buckets([90]), horizon=1)["pd"].tolist()  # nobody was in 1-90
    [0.5, nan, 1.0]
    """
    keys = list(buckets.keys)
    absorbing = absorbing_keys(buckets, default_dpd)
    eligible, reached = window_outcomes(panel, horizon, default_dpd) if outcomes is None else outcomes
    d = panel["days_past_due"].to_numpy(dtype=np.int64)
    codes = np.searchsorted(np.asarray(buckets.lowers), d, side="right") - 1
    n_obs = np.bincount(codes[eligible], minlength=len(keys))
    n_bad = np.bincount(codes[eligible & reached], minlength=len(keys))
    with np.errstate(invalid="ignore", divide="ignore"):
        rate = np.where(n_obs > 0, n_bad / np.maximum(n_obs, 1), np.nan)
    for k in absorbing:
        rate[keys.index(k)] = 1.0
    return pd.DataFrame({"bucket": keys, "pd": rate, "observations": n_obs.astype(np.int64)})


def estimate_pd(panel: pd.DataFrame, buckets: Buckets, horizon: int = 12, method: str = "auto",
                window: int | None = 12, min_observations: int = 30, rolls: pd.DataFrame | None = None,
                lang: str = "en", monotone: bool = True,
                outcomes: tuple[np.ndarray, np.ndarray] | None = None,
                panel_months: Sequence[str] | None = None) -> pd.DataFrame:
    """PD per bucket from the book's own history, with where each figure came from.

    Parameters
    ----------
    panel : DataFrame
        Account rows (``account_id``, ``month``, ``days_past_due``, ``balance``): the observed
        windows are counted on them.
    buckets : Buckets
    horizon : int
        Months (12 for a 12-month PD).
    method : {"auto", "markov", "observed"}
        ``auto`` uses the observed rate when every non-default bucket has at least
        ``min_observations`` complete windows, the Markov chain otherwise.
    window : int, optional
        Markov: pool the roll rates of the last ``window`` from-months (``None`` = all).
    rolls : DataFrame, optional
        The transition cube of these rows for ``buckets`` (``Cubes.transitions()`` of
        :mod:`analysis.core`); built through the data core when not given.
    lang : {"zh", "en"}
        Language of the ``source`` column.
    monotone : bool
        Raise a PD that is below the previous bucket's to that PD (a later bucket is never
        safer; thin or odd history, e.g. a bucket nobody leaves, can say otherwise). Such rows
        get ``adjusted = True`` and say so in ``source``.
    outcomes : tuple of arrays, optional
        :func:`window_outcomes` of ``panel`` over ``horizon`` months to :data:`DEFAULT_DPD`, when
        the caller already has it (see :func:`observed_pd`).
    panel_months : sequence of str, optional
        The panel's distinct months, sorted, when the caller knows them (a row index): not
        read from every row again.

    Returns
    -------
    DataFrame
        ``bucket``, ``pd``, ``method`` (``markov``/``observed``/``absorbing``), ``observations``,
        ``adjusted`` (raised for monotonicity), ``source`` (a sentence saying where the figure
        came from), ``from_month`` and ``to_month`` (the months it was estimated on, outcomes
        included; ``None`` for absorbing buckets).

    Raises
    ------
    PolicyError
        With one month of data (no roll rates), a bad method or horizon.

    Examples
    --------
    >>> from analysis.core.buckets import custom_buckets
    >>> df = pd.DataFrame({"account_id": list("aabb"), "month": ["2024-01", "2024-02"] * 2,
    ...                    "days_past_due": [0, 95, 0, 0], "balance": 1.0})
    >>> b = custom_buckets([90])
    >>> estimate_pd(df, b, horizon=1, method="markov")["pd"].tolist()
    [0.5, 1.0, 1.0]
    """
    if method not in METHODS:
        raise PolicyError("whatif.err.pd_method", value=method)
    if not 1 <= int(horizon) <= 60 or int(horizon) != horizon:
        raise PolicyError("whatif.err.pd_horizon", value=horizon)
    keys = list(buckets.keys)
    absorbing = absorbing_keys(buckets)
    absorbing_text = "/".join(buckets.label_of(k, lang) for k in absorbing)
    rolls = _transitions(panel, buckets) if rolls is None else rolls
    months = sorted(map(str, panel["month"].unique())) if panel_months is None else [str(m) for m in panel_months]

    obs = None
    if method in ("auto", "observed"):
        obs = observed_pd(panel, buckets, horizon, outcomes=outcomes)
        live = obs[~obs["bucket"].isin(absorbing)]
        enough = bool((live["observations"] >= min_observations).all()) and len(live) > 0
        if method == "observed" or enough:
            out = obs.assign(method=np.where(obs["bucket"].isin(absorbing), "absorbing", "observed"))
            if out["pd"].isna().any() and method == "observed":
                # Buckets with no complete window: fall back to the chain for those only.
                chain = _markov_table(panel, buckets, horizon, window, rolls)
                fill = out["pd"].isna()
                out.loc[fill, "pd"] = chain.loc[out.loc[fill, "bucket"]].to_numpy()
                out.loc[fill, "method"] = "markov"
            return _with_months(_monotone(_with_sources(out, lang, horizon, absorbing_text, window, months),
                                          monotone, lang), months, rolls, window)
    chain = _markov_table(panel, buckets, horizon, window, rolls)
    counts = _from_counts(panel, rolls, window)
    out = pd.DataFrame({
        "bucket": keys, "pd": chain.reindex(keys).to_numpy(),
        "method": ["absorbing" if k in absorbing else "markov" for k in keys],
        "observations": [int(counts.get(k, 0)) for k in keys],
    })
    return _with_months(_monotone(_with_sources(out, lang, horizon, absorbing_text, window, months), monotone, lang),
                        months, rolls, window)


def _with_months(table: pd.DataFrame, months: list[str], rolls: pd.DataFrame, window) -> pd.DataFrame:
    """The months each PD was estimated on: ``from_month`` and ``to_month`` (outcomes included).

    Observed rates read windows starting in the first month up to ``horizon`` months before the
    last, their outcomes up to the last month; the chain reads the roll pairs of its chosen
    from-months, up to the month after the last of them. Absorbing buckets read no history.
    """
    first, last = (months[0], months[-1]) if months else (None, None)
    chain_from = chain_to = None
    try:
        _, chosen = _rolls_window(None, rolls, window)
        chain_from, chain_to = str(chosen[0]), _next_month(str(chosen[-1]))
    except PolicyError:
        pass
    spans = {"observed": (first, last), "markov": (chain_from, chain_to), "absorbing": (None, None)}
    pairs = [spans.get(m, (None, None)) for m in table["method"]]
    return table.assign(from_month=[p[0] for p in pairs], to_month=[p[1] for p in pairs])


def _next_month(month: str) -> str:
    o = month_ordinal(month) + 1
    return f"{o // 12:04d}-{o % 12 + 1:02d}"


def estimation_months(table: pd.DataFrame) -> tuple[str, str] | None:
    """First and last month the PDs of a table were estimated on (``None`` for stated defaults).

    Examples
    --------
    >>> estimation_months(pd.DataFrame({"from_month": ["2023-01", None], "to_month": ["2024-12", None]}))
    ('2023-01', '2024-12')
    """
    if "from_month" not in table.columns:
        return None
    lo = [m for m in table["from_month"] if isinstance(m, str)]
    hi = [m for m in table["to_month"] if isinstance(m, str)]
    return (min(lo), max(hi)) if lo and hi else None


def _monotone(table: pd.DataFrame, on: bool, lang: str) -> pd.DataFrame:
    raw = table["pd"].to_numpy(dtype=np.float64)
    if not on:
        return table.assign(adjusted=False)
    filled = np.where(np.isnan(raw), -np.inf, raw)
    fixed = np.maximum.accumulate(filled)
    adjusted = fixed > filled + 1e-15
    out = table.assign(pd=np.where(np.isinf(fixed), np.nan, fixed), adjusted=adjusted)
    note = translate("whatif.pd_source.adjusted", lang)
    out["source"] = [f"{src}{note}" if adj else src for src, adj in zip(out["source"], adjusted)]
    return out


def _transitions(portfolio: pd.DataFrame, buckets: Buckets) -> pd.DataFrame:
    # The data core's transition cube of these rows: one definition, never a second group-by.
    book = book_from_portfolio(portfolio)
    try:
        return book.cubes(buckets).transitions()
    finally:
        book.close()


def _rolls_window(panel, rolls, window):
    months = sorted(rolls["month"].unique().tolist())
    if not months:
        raise PolicyError("whatif.err.pd_no_history")
    chosen = months if window is None else months[-int(window):]
    return rolls, chosen


def _markov_table(panel, buckets, horizon, window, rolls) -> pd.Series:
    rolls, chosen = _rolls_window(panel, rolls, window)
    matrix = roll_rate_matrix(rolls, chosen, measure="count")
    return markov_pd(matrix, absorbing_keys(buckets), horizon)


def _from_counts(panel, rolls, window) -> pd.Series:
    rolls, chosen = _rolls_window(panel, rolls, window)
    sub = rolls[rolls["month"].isin(chosen)]
    return sub.groupby("bucket", observed=False)["count"].sum()


def _with_sources(out: pd.DataFrame, lang: str, horizon: int, absorbing_text: str, window,
                  months_seen: list[str]) -> pd.DataFrame:
    n_months = len(months_seen) - 1
    months = n_months if window is None else min(int(window), n_months)
    sources = []
    for row in out.itertuples(index=False):
        if row.method == "absorbing":
            sources.append(translate("whatif.pd_source.absorbing", lang, absorbing=absorbing_text))
        elif row.method == "observed":
            sources.append(translate("whatif.pd_source.observed", lang, n=int(row.observations),
                                     horizon=horizon, absorbing=absorbing_text))
        else:
            sources.append(translate("whatif.pd_source.markov", lang, months=months, horizon=horizon,
                                     absorbing=absorbing_text))
    return out.assign(pd=out["pd"].astype(float), source=sources).reset_index(drop=True)


#: Prudent starting points by the bucket's lower DPD bound, for a book without history to learn
#: from (a single snapshot). Stated on screen as defaults and meant to be overwritten.
_FALLBACK_BY_LOWER = ((0, 0.02), (1, 0.15), (31, 0.40), (61, 0.65))


def fallback_pd(buckets: Buckets, lang: str = "en") -> pd.DataFrame:
    """Default PDs by bucket when the book has one month only (same columns as :func:`estimate_pd`).

    Examples
    --------
    >>> from analysis.core.buckets import DEFAULT_BUCKETS
    >>> fallback_pd(DEFAULT_BUCKETS)["pd"].tolist()
    [0.02, 0.15, 0.4, 0.65, 1.0, 1.0]
    """
    absorbing = absorbing_keys(buckets)
    rows = []
    for key, lo in zip(buckets.keys, buckets.lowers):
        if key in absorbing:
            rows.append((key, 1.0, "absorbing"))
        else:
            value = [p for bound, p in _FALLBACK_BY_LOWER if lo >= bound][-1]
            rows.append((key, value, "default"))
    out = pd.DataFrame(rows, columns=["bucket", "pd", "method"]).assign(observations=0, from_month=None, to_month=None)
    text = "/".join(buckets.label_of(k, lang) for k in absorbing)
    out["source"] = [translate("whatif.pd_source.absorbing", lang, absorbing=text) if m == "absorbing"
                     else translate("whatif.pd_source.default", lang) for m in out["method"]]
    return out


def pd_table_or_fallback(panel: pd.DataFrame, buckets: Buckets, method: str = "auto", lang: str = "en",
                         rolls: pd.DataFrame | None = None, months: int | None = None,
                         outcomes: tuple[np.ndarray, np.ndarray] | None = None,
                         panel_months: Sequence[str] | None = None) -> pd.DataFrame:
    """PD per bucket from the history, or :func:`fallback_pd` when there is none to learn from.

    The one rule the page, the command line and the report share, so the first month of a file
    gets the same stated defaults everywhere.

    Parameters
    ----------
    panel : DataFrame
        Account rows up to the snapshot month.
    buckets : Buckets
    method : {"auto", "markov", "observed"}
    lang : {"zh", "en"}
    rolls : DataFrame, optional
        Transition cube of ``panel`` (see :func:`estimate_pd`).
    months : int, optional
        Number of months in the history when the caller knows it (a book's cubes); counted on
        ``panel`` otherwise.
    outcomes : tuple of arrays, optional
        :func:`window_outcomes` of ``panel`` over 12 months to :data:`DEFAULT_DPD` (see
        :func:`estimate_pd`).
    panel_months : sequence of str, optional
        The panel's distinct months, sorted, when the caller knows them (see :func:`estimate_pd`).

    Examples
    --------
    >>> from analysis.core.buckets import DEFAULT_BUCKETS
    >>> one = pd.DataFrame({"account_id": ["a"], "month": ["2024-01"], "days_past_due": [0], "balance": [1.0]})
    >>> pd_table_or_fallback(one, DEFAULT_BUCKETS)["method"].tolist()[:2]
    ['default', 'default']
    """
    n_months = int(panel["month"].nunique()) if months is None else int(months)
    if n_months < 2:
        return fallback_pd(buckets, lang)
    try:
        return estimate_pd(panel, buckets, method=method, lang=lang, rolls=rolls, outcomes=outcomes,
                           panel_months=panel_months)
    except PolicyError as exc:
        if exc.key != "whatif.err.pd_no_history":
            raise
        return fallback_pd(buckets, lang)


def pd_mapping(table: pd.DataFrame) -> dict[str, float]:
    """``{bucket: pd}`` from an :func:`estimate_pd` table (the form ``Assumptions`` takes)."""
    return {str(b): float(p) for b, p in zip(table["bucket"], table["pd"])}


def apply_pd_edits(table: pd.DataFrame, edited_percent: Sequence[object]) -> tuple[dict[str, float], bool]:
    """PD per bucket after the reader typed over the estimates, and whether anything changed.

    Parameters
    ----------
    table : DataFrame
        :func:`estimate_pd` or :func:`fallback_pd` (``bucket`` and ``pd`` as a share).
    edited_percent : sequence
        The PDs as the reader sees them, in percent, one per row of ``table``; a blank or
        unreadable cell keeps the estimate.

    Returns
    -------
    (dict, bool)
        ``{bucket: pd}`` with every PD clipped to [0, 1] (a PD outside it is a typo, and
        ``Assumptions`` would refuse it), and ``True`` when any figure differs from the estimate.

    Examples
    --------
    >>> table = pd.DataFrame({"bucket": ["Current", "1-30"], "pd": [0.02, 0.15]})
    >>> apply_pd_edits(table, [2.0, None])
    ({'Current': 0.02, '1-30': 0.15}, False)
    >>> apply_pd_edits(table, [2.0, 130.0])
    ({'Current': 0.02, '1-30': 1.0}, True)
    """
    estimate = table["pd"].to_numpy(dtype=np.float64)
    if len(edited_percent) != len(estimate):
        raise ValueError(f"{len(edited_percent)} edited PDs for {len(estimate)} buckets")
    typed = pd.to_numeric(pd.Series(list(edited_percent), dtype=object), errors="coerce").to_numpy(dtype=np.float64)
    shares = np.where(np.isnan(typed), estimate * 100.0, typed) / 100.0
    mapping = {str(b): float(min(max(p, 0.0), 1.0)) for b, p in zip(table["bucket"], shares)}
    edited = bool(np.any(np.abs(shares - estimate) > 1e-12))
    return mapping, edited


__all__ = ["DEFAULT_DPD", "METHODS", "absorbing_keys", "apply_pd_edits", "estimation_months", "chain_matrix", "estimate_pd", "fallback_pd", "markov_pd", "observed_pd", "panel_codes", "pd_mapping", "pd_table_or_fallback", "window_outcomes"]
