"""Population stability: did the customer mix itself shift from month to month?

The population stability index (PSI) compares two distributions over the same bands:
``PSI = Σ (a − e) · ln(a / e)`` with ``e`` the reference shares and ``a`` the month's shares.
Usual verdicts: below 0.1 stable, 0.1-0.25 watch, above 0.25 shifted.

Score bands are fixed once, as deciles of the *first* month in the data, so every month is cut
the same way (bands that move with each month would hide the very shift PSI looks for).
Segments are their own bands. An empty band in one month gets a share of 0.0001 so the log
stays finite (the common convention).
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.causes.drivers import DriversError, _fmt_edge

PSI_WATCH = 0.1
PSI_SHIFT = 0.25
EPSILON = 1e-4


def psi(expected: np.ndarray | pd.Series, actual: np.ndarray | pd.Series, epsilon: float = EPSILON) -> float:
    """Population stability index between two distributions over the same bands.

    Parameters
    ----------
    expected, actual : array-like
        Counts or shares per band (normalised here), same length.
    epsilon : float
        Floor for an empty band's share.

    Raises
    ------
    CausesError
        When the lengths differ, a value is negative, or a distribution is all zero.

    Examples
    --------
    >>> round(psi([50, 50], [40, 60]), 4)  # -0.1·ln(0.8) + 0.1·ln(1.2)
    0.0405
    """
    e = np.asarray(expected, dtype=np.float64)
    a = np.asarray(actual, dtype=np.float64)
    if e.shape != a.shape or e.ndim != 1:
        raise DriversError("causes.error.psi_bands")
    if (e < 0).any() or (a < 0).any() or e.sum() <= 0 or a.sum() <= 0:
        raise DriversError("causes.error.psi_values")
    e = np.maximum(e / e.sum(), epsilon)
    a = np.maximum(a / a.sum(), epsilon)
    return float(np.sum((a - e) * np.log(a / e)))


def psi_verdict(value: float) -> str:
    """``"stable"`` (< 0.1), ``"watch"`` (0.1-0.25) or ``"shifted"`` (> 0.25); ``"unknown"`` for NaN.

    Examples
    --------
    >>> psi_verdict(0.05), psi_verdict(0.1), psi_verdict(0.3)
    ('stable', 'watch', 'shifted')
    """
    if value is None or not np.isfinite(value):
        return "unknown"
    return "stable" if value < PSI_WATCH else ("watch" if value <= PSI_SHIFT else "shifted")


def stability_bands(panel: pd.DataFrame, column: str, bins: int = 10) -> pd.Series:
    """The band of every row: deciles of the first month for numbers, the value itself for segments.

    Examples
    --------
    >>> df = pd.DataFrame({"month": ["2024-01"] * 4 + ["2024-02"], "score": [1.0, 2.0, 3.0, 4.0, 9.0]})
    >>> stability_bands(df, "score", bins=2).tolist()
    ['≤ 2.5', '≤ 2.5', '> 2.5', '> 2.5', '> 2.5']
    """
    if column not in panel.columns:
        raise DriversError("causes.error.not_column", column=str(column))
    if int(bins) < 2:
        raise DriversError("causes.error.bins")
    values = panel[column]
    if pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values):
        x = values.to_numpy(dtype=np.float64, na_value=np.nan)
        first = panel["month"].min()
        base = x[(panel["month"] == first).to_numpy() & np.isfinite(x)]
        if not len(base):
            base = x[np.isfinite(x)]
        edges = np.unique(np.quantile(base, np.linspace(0, 1, int(bins) + 1))[1:-1]) if len(base) else np.array([])
        if not len(edges):
            labels = np.where(np.isfinite(x), "all", "missing")
            return pd.Series(pd.Categorical(labels, categories=["all", "missing"]), index=panel.index)
        names = [f"≤ {_fmt_edge(edges[0])}"]
        names += [f"{_fmt_edge(a)} – {_fmt_edge(b)}" for a, b in zip(edges[:-1], edges[1:])]
        names += [f"> {_fmt_edge(edges[-1])}"]
        idx = np.searchsorted(edges, x, side="left")
        codes = np.where(np.isfinite(x), np.minimum(idx, len(names) - 1), len(names)).astype(np.int16)
        return pd.Series(pd.Categorical.from_codes(codes, categories=[*names, "missing"], ordered=True),
                         index=panel.index)
    if isinstance(values.dtype, pd.CategoricalDtype):
        # Segments arrive as categories: keep the codes instead of going through text (2.4M rows).
        if values.isna().any():
            values = values.cat.add_categories(["missing"]).fillna("missing")
        return values.cat.remove_unused_categories()
    text = values.astype("string").fillna("missing")
    return text.astype("category")


def band_distribution(panel: pd.DataFrame, column: str, bins: int = 10, measure: str = "count") -> pd.DataFrame:
    """Month × band table of counts (or balances): rows months, columns bands.

    Examples
    --------
    >>> df = pd.DataFrame({"month": ["2024-01", "2024-01", "2024-02"], "balance": [1.0, 2.0, 3.0],
    ...                    "region": ["N", "S", "S"]})
    >>> band_distribution(df, "region").values.tolist()
    [[1.0, 1.0], [0.0, 1.0]]
    """
    if measure not in ("count", "balance"):
        raise DriversError("causes.error.measure")
    bands = stability_bands(panel, column, bins)
    weight = None if measure == "count" else panel["balance"].to_numpy(dtype=np.float64)
    # One weighted bincount over (month, band) codes: far faster than a pivot on millions of rows.
    month_codes, months = pd.factorize(panel["month"].astype("str"), sort=True)
    band_codes = bands.cat.codes.to_numpy().astype(np.int64)
    n_bands = len(bands.cat.categories)
    flat = np.bincount(month_codes.astype(np.int64) * n_bands + band_codes, weights=weight,
                       minlength=len(months) * n_bands)
    table = pd.DataFrame(flat.reshape(len(months), n_bands).astype(np.float64), index=pd.Index(months, name="month"),
                         columns=pd.CategoricalIndex(bands.cat.categories, ordered=bands.cat.ordered, name="band"))
    return table.loc[:, table.sum(axis=0) > 0]


def psi_trend(panel: pd.DataFrame, column: str, reference: str = "previous", bins: int = 10,
              measure: str = "count") -> pd.DataFrame:
    """PSI of ``column`` for every month against the previous (or the first) month.

    Parameters
    ----------
    panel : DataFrame
        Canonical portfolio or bucketed panel.
    column : str
        ``score`` (or any number: banded by deciles of the first month) or a segment column.
    reference : {"previous", "first"}
        Compare with the month before, or with the first month of the data.
    bins : int
        Number of quantile bands for numbers.
    measure : {"count", "balance"}
        Shares of accounts or of balance.

    Returns
    -------
    DataFrame
        ``month``, ``reference_month``, ``psi``, ``verdict``; the first month has no reference
        and is left out.

    Examples
    --------
    >>> df = pd.DataFrame({"month": ["2024-01"] * 2 + ["2024-02"] * 2, "balance": 1.0,
    ...                    "region": ["N", "S", "S", "S"]})
    >>> psi_trend(df, "region")["verdict"].tolist()
    ['shifted']
    """
    if reference not in ("previous", "first"):
        raise DriversError("causes.error.reference")
    table = band_distribution(panel, column, bins, measure)
    months = list(table.index)
    rows = []
    for i, month in enumerate(months[1:], start=1):
        ref = months[i - 1] if reference == "previous" else months[0]
        e, a = table.loc[ref].to_numpy(), table.loc[month].to_numpy()
        value = psi(e, a) if e.sum() > 0 and a.sum() > 0 else float("nan")
        rows.append({"month": month, "reference_month": ref, "psi": value, "verdict": psi_verdict(value)})
    return pd.DataFrame(rows, columns=["month", "reference_month", "psi", "verdict"])


def psi_detail(panel: pd.DataFrame, column: str, month: str, reference_month: str, bins: int = 10,
               measure: str = "count") -> pd.DataFrame:
    """Which bands moved: reference share, month share and each band's PSI contribution.

    Returns
    -------
    DataFrame
        ``band``, ``reference_share``, ``share``, ``change`` (share − reference share) and
        ``contribution``; contributions sum to the PSI.

    Examples
    --------
    >>> df = pd.DataFrame({"month": ["2024-01"] * 2 + ["2024-02"] * 2, "balance": 1.0, "region": ["N", "S", "S", "S"]})
    >>> psi_detail(df, "region", "2024-02", "2024-01")["share"].tolist()
    [0.0, 1.0]
    """
    table = band_distribution(panel, column, bins, measure)
    for m in (month, reference_month):
        if m not in table.index:
            raise DriversError("causes.error.month_missing", month=str(m))
    e = table.loc[reference_month].to_numpy()
    a = table.loc[month].to_numpy()
    e_s, a_s = e / e.sum(), a / a.sum()
    e_f, a_f = np.maximum(e_s, EPSILON), np.maximum(a_s, EPSILON)
    return pd.DataFrame({"band": [str(c) for c in table.columns], "reference_share": e_s, "share": a_s,
                         "change": a_s - e_s, "contribution": (a_f - e_f) * np.log(a_f / e_f)})
