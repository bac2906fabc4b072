"""Honest monthly forecasts: a few small models, chosen by how well they forecast the past.

:func:`forecast_series` fits ETS (additive trend, with and without damping, plus a seasonal
variant), SARIMAX with a small order grid, and two baselines (naive, seasonal naive) to a
monthly series. The model is chosen by a *rolling-origin backtest*: each candidate is refitted
on the history up to a few past months and scored on the months that followed (MASE, MAE),
so a model that merely fits the past well but forecasts badly loses.

Numerical choices worth knowing:

- rates are modelled on the logit scale and amounts on the log scale, so a rate forecast and
  its intervals stay inside [0, 1] and an amount stays positive; a zero is treated as half the
  smallest positive value seen (a log of zero does not exist);
- seasonal models need at least 24 months (two full years to tell a season from noise);
- below 6 months nothing is forecast and the result says why;
- warnings raised by statsmodels are caught and become notes on the result;
- a forecast that leaves a sane range around the history ("explodes") is replaced by the best
  baseline, and the result says so.
"""
from __future__ import annotations

import contextlib
import ctypes
import functools
import math
import re
import threading
import warnings
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from analysis.core.i18n import translate
from analysis.core.rates import month_ordinal, shift_month
from analysis.core.schema import MONTH_LABEL
from analysis.core.workers import map_in_workers
from analysis.core.units import format_amount, format_rate, unit_label

MODELS = ("ets", "ets_damped", "ets_seasonal", "sarima", "seasonal_naive", "naive")
BASELINES = ("seasonal_naive", "naive")
SEASONAL_MODELS = ("ets_seasonal", "seasonal_naive")
MIN_MONTHS = 6
SEASONAL_MIN_MONTHS = 24
SEASON = 12
MAX_HORIZON = 24
#: Backtest: the last months scored, and the refits (origins) spread over them.
BACKTEST_WINDOW = 6
BACKTEST_STEP = 2
#: A forecast whose mean moves further from the history than this many history ranges explodes.
EXPLODE_SPANS = 3.0
_Z = {80: 1.2815515655446004, 95: 1.959963984540054}
_SARIMA_GRID = (((0, 1, 1), "n"), ((1, 1, 0), "n"), ((0, 1, 1), "t"), ((1, 1, 0), "t"))
#: Backtest errors may widen a model's intervals by at most this factor.
MAX_WIDEN = 4.0


@dataclass(frozen=True)
class Note:
    """Something the reader should know about a forecast: a catalogue key and its parameters."""

    key: str
    params: dict = field(default_factory=dict)

    def text(self, lang: str) -> str:
        """The note in ``lang``."""
        params = dict(self.params)
        if "models" in params:
            params["models"] = ", ".join(model_label(m, lang) for m in params["models"])
        if "model" in params:
            params["model"] = model_label(params["model"], lang)
        return translate(self.key, lang, **params)


@dataclass(frozen=True)
class ForecastResult:
    """A forecast and the evidence behind it.

    Attributes
    ----------
    history : DataFrame
        ``month``, ``value``: the series as modelled (gaps filled, see notes); ``filled``: the
        months filled in (no data, or a rate the data cannot give) rather than observed.
    forecast : DataFrame
        ``month``, ``mean``, ``lower80``, ``upper80``, ``lower95``, ``upper95``; empty when no
        forecast was made (see ``reason``).
    backtest : DataFrame
        ``model``, ``mase``, ``mae``, ``chosen``: rolling-origin backtest of every candidate.
    model : str or None
        The model behind ``forecast``.
    notes : tuple of Note
        Warnings and choices the reader should know about.
    reason : Note or None
        Why there is no forecast (``None`` when there is one).
    is_rate : bool
    """

    history: pd.DataFrame
    forecast: pd.DataFrame
    backtest: pd.DataFrame
    model: str | None
    notes: tuple[Note, ...] = ()
    reason: Note | None = None
    is_rate: bool = True

    @property
    def ok(self) -> bool:
        """Whether a forecast was made."""
        return self.reason is None and len(self.forecast) > 0

    def chosen_backtest(self) -> dict:
        """``{"mase", "mae"}`` of the model in use (NaN when unknown)."""
        rows = self.backtest[self.backtest["model"] == self.model]
        if not len(rows):
            return {"mase": math.nan, "mae": math.nan}
        return {"mase": float(rows["mase"].iloc[0]), "mae": float(rows["mae"].iloc[0])}


def model_label(model: str, lang: str) -> str:
    """Display name of a model key.

    Examples
    --------
    >>> model_label("ets_damped", "en")
    'ETS, damped trend'
    """
    return translate(f"trend.forecast.model.{model}", lang)


# --- between fits -------------------------------------------------------------------------
_BETWEEN = threading.local()


@contextlib.contextmanager
def between_fits(hook):
    """Call ``hook()`` before each model fit that :func:`forecast_series` makes in this thread.

    A forecast is a dozen statsmodels fits of 20-40 ms each; a caller fitting in the background
    can use the hook to let a more urgent thread go first (``hook`` may block). The figures do
    not depend on it.

    Examples
    --------
    >>> calls = []
    >>> s = pd.Series([0.02, 0.021, 0.023, 0.022, 0.025, 0.026, 0.027, 0.029],
    ...               index=[f"2024-{m:02d}" for m in range(1, 9)])
    >>> with between_fits(lambda: calls.append(1)):
    ...     _ = forecast_series(s, horizon=2)
    >>> len(calls) > 0
    True
    """
    previous = getattr(_BETWEEN, "hook", None)
    _BETWEEN.hook = hook
    try:
        yield
    finally:
        _BETWEEN.hook = previous


def _before_fit() -> None:
    hook = getattr(_BETWEEN, "hook", None)
    if hook is not None:
        hook()


# --- BLAS threads -------------------------------------------------------------------------
# statsmodels multiplies many tiny matrices. OpenBLAS's thread pool then costs far more than it
# saves, and on a busy 2-core machine it made one forecast ~15x slower (7 s instead of 0.45 s).
# Fitting runs with one BLAS thread; the previous setting is restored afterwards.
_BLAS_LOCK = threading.Lock()
_BLAS_USERS = [0, []]  # active forecasts, saved thread counts
_BLAS_NAMES = (("scipy_openblas_get_num_threads64_", "scipy_openblas_set_num_threads64_"),
               ("scipy_openblas_get_num_threads", "scipy_openblas_set_num_threads"),
               ("openblas_get_num_threads64_", "openblas_set_num_threads64_"),
               ("openblas_get_num_threads", "openblas_set_num_threads"))


@functools.lru_cache(maxsize=1)
def _openblas() -> tuple:
    """(get, set) thread-count functions of every OpenBLAS loaded in this process (Linux only)."""
    try:
        with open("/proc/self/maps", encoding="utf-8") as maps:
            paths = sorted({line.split()[-1] for line in maps if "openblas" in line.lower() and ".so" in line})
    except OSError:
        return ()
    found = []
    for path in paths:
        try:
            lib = ctypes.CDLL(path)
        except OSError:
            continue
        for get, put in _BLAS_NAMES:
            if hasattr(lib, get) and hasattr(lib, put):
                found.append((getattr(lib, get), getattr(lib, put)))
                break
    return tuple(found)


@contextlib.contextmanager
def _one_blas_thread():
    # Load statsmodels (and with it scipy's own OpenBLAS) first, so both libraries are found.
    # statsmodels is imported where it is used: its time-series modules take seconds to import.
    import statsmodels.tsa.exponential_smoothing.ets  # noqa: F401
    import statsmodels.tsa.statespace.sarimax  # noqa: F401

    libs = _openblas()
    with _BLAS_LOCK:
        if _BLAS_USERS[0] == 0:
            _BLAS_USERS[1] = [get() for get, _ in libs]
            for _, put in libs:
                put(1)
        _BLAS_USERS[0] += 1
    try:
        yield
    finally:
        with _BLAS_LOCK:
            _BLAS_USERS[0] -= 1
            if _BLAS_USERS[0] == 0:
                for (_, put), n in zip(libs, _BLAS_USERS[1]):
                    put(n)


# --- input ------------------------------------------------------------------------------

def _validate(series: pd.Series, horizon: int, model: str, is_rate: bool) -> pd.Series:
    if not isinstance(series, pd.Series):
        raise ValueError("series must be a pandas Series indexed by month 'YYYY-MM'")
    if isinstance(horizon, bool) or not isinstance(horizon, (int, np.integer)) or not 1 <= horizon <= MAX_HORIZON:
        raise ValueError(f"horizon must be a whole number of months from 1 to {MAX_HORIZON}")
    if model != "auto" and model not in MODELS:
        raise ValueError(f"model must be 'auto' or one of {', '.join(MODELS)}")
    months = [str(m) for m in series.index]
    bad = [m for m in months if not MONTH_LABEL.match(m)]
    if bad:
        raise ValueError(f"series index must be months 'YYYY-MM'; got {bad[0]!r}")
    if len(set(months)) != len(months):
        raise ValueError("series index has a month twice")
    try:
        values = pd.to_numeric(pd.Series(series.to_numpy(), index=months), errors="raise").astype(float)
    except (TypeError, ValueError) as exc:
        raise ValueError("series values must be numbers") from exc
    if np.isinf(values.to_numpy()).any():
        raise ValueError("series values must be finite")
    finite = values.dropna()
    if is_rate and len(finite) and ((finite < 0).any() or (finite > 1).any()):
        raise ValueError("a rate series must lie between 0 and 1 (pass is_rate=False for amounts)")
    return values.sort_index()


def _regularise(values: pd.Series) -> tuple[pd.Series, np.ndarray]:
    """Trim leading/trailing gaps; fill inner calendar gaps by linear interpolation. Returns the
    series and which of its months were filled in."""
    values = values.dropna()
    if not len(values):
        return values, np.zeros(0, dtype=bool)
    first, last = values.index[0], values.index[-1]
    n = month_ordinal(last) - month_ordinal(first) + 1
    full = [shift_month(first, i) for i in range(n)]
    filled = values.reindex(full)
    missing = filled.isna().to_numpy()
    if missing.any():
        filled = filled.interpolate(method="linear")
    return filled, missing


class _Transform:
    """Logit for rates, log for positive amounts; zeros become half the smallest positive value."""

    def __init__(self, y: np.ndarray, is_rate: bool):
        self.is_rate = is_rate
        self.kind = "identity"
        self.floor = 0.0
        positive = y[y > 0]
        if is_rate:
            self.kind = "logit"
            low = 0.5 * positive.min() if len(positive) else 1e-6
            below_one = y[y < 1]
            high_gap = 0.5 * (1 - below_one.max()) if len(below_one) else 1e-6
            self.floor, self.ceil = max(low, 1e-9), 1 - max(high_gap, 1e-9)
        elif (y >= 0).all() and len(positive):
            self.kind = "log"
            self.floor = 0.5 * positive.min()
        self.clipped = bool(((y <= 0) | (is_rate & (y >= 1))).any()) and self.kind != "identity"

    def forward(self, y: np.ndarray) -> np.ndarray:
        if self.kind == "logit":
            p = np.clip(y, self.floor, self.ceil)
            return np.log(p / (1 - p))
        if self.kind == "log":
            return np.log(np.maximum(y, self.floor))
        return y.astype(float)

    def inverse(self, z: np.ndarray) -> np.ndarray:
        z = np.asarray(z, dtype=float)
        if self.kind == "logit":
            return 1 / (1 + np.exp(-np.clip(z, -50, 50)))
        if self.kind == "log":
            return np.exp(np.clip(z, -700, 700))
        return z


# --- models -----------------------------------------------------------------------------

def _as_series(z: np.ndarray) -> pd.Series:
    # ETSModel's prediction code needs a pandas index.
    return pd.Series(np.asarray(z, dtype=float))


def _ets_kwargs(model: str) -> dict:
    if model == "ets":
        return {"trend": "add"}
    if model == "ets_damped":
        return {"trend": "add", "damped_trend": True}
    return {"trend": "add", "damped_trend": True, "seasonal": "add", "seasonal_periods": SEASON}


def _fit_ets(z: np.ndarray, model: str):
    from statsmodels.tsa.exponential_smoothing.ets import ETSModel

    _before_fit()
    return ETSModel(_as_series(z), error="add", **_ets_kwargs(model)).fit(disp=False, maxiter=200)


def _fit_sarima(z: np.ndarray, spec: tuple):
    from statsmodels.tsa.statespace.sarimax import SARIMAX

    order, seasonal, trend = spec
    _before_fit()
    # concentrate_scale: one parameter fewer to search, same model; about twice as fast.
    mod = SARIMAX(_as_series(z), order=order, seasonal_order=seasonal, trend=trend, concentrate_scale=True)
    params = mod.fit(disp=False, maxiter=100, return_params=True)
    # fit() would then run the smoother and the parameters' covariance (opg): ~40 % of the time,
    # and neither the AIC nor the forecast reads them. The filter alone gives the same forecast.
    return mod.filter(params, cov_type="none")


def _choose_sarima(z: np.ndarray, fitted: dict | None = None) -> tuple:
    """Pick the SARIMAX order by AIC on the data *before* the backtest window (no look-ahead).

    The grid keeps one differencing order: AIC cannot compare models fitted to differently
    differenced data, so seasonality is left to ETS with a season and to the seasonal naive.
    ``fitted``, when given, receives the chosen order's fit under ``(len(z), spec)``: the
    backtest's first origin is this very history, so it need not be fitted twice.
    """
    grid = [(order, (0, 0, 0, 0), trend) for order, trend in _SARIMA_GRID]
    best, best_aic, best_res = grid[0], math.inf, None
    for spec in grid:
        try:
            res = _fit_sarima(z, spec)
            aic = res.aic
        except (ValueError, ArithmeticError):  # incl. LinAlgError: a failed order does not compete
            continue
        if np.isfinite(aic) and aic < best_aic:
            best, best_aic, best_res = spec, aic, res
    if fitted is not None and best_res is not None:
        fitted[(len(z), best)] = best_res
    return best


def _naive(z: np.ndarray, h: int, season: int) -> tuple[np.ndarray, np.ndarray]:
    """Point forecast and the h-step standard deviation of a (seasonal) random walk."""
    steps = np.arange(1, h + 1)
    if season == 1:
        mean = np.repeat(z[-1], h)
        resid = np.diff(z)
        k = steps
    else:
        last = z[-season:]
        mean = last[(steps - 1) % season]
        resid = z[season:] - z[:-season]
        k = (steps - 1) // season + 1
    sigma = float(np.std(resid, ddof=1)) if len(resid) > 1 else 0.0
    return mean, sigma * np.sqrt(k)


def _predict(model: str, z: np.ndarray, h: int, sarima_spec: tuple | None, intervals: bool,
             fitted: dict | None = None):
    """Forecast ``h`` steps on the transformed scale: mean, and {level: (lower, upper)}.

    ``fitted``: SARIMAX fits already made, by ``(len(z), spec)`` on this series' first values.
    """
    if model in BASELINES:
        mean, sd = _naive(z, h, SEASON if model == "seasonal_naive" else 1)
        bands = {lvl: (mean - zq * sd, mean + zq * sd) for lvl, zq in _Z.items()}
        return mean, bands
    if model == "sarima":
        res = (fitted or {}).get((len(z), sarima_spec))
        if res is None:
            res = _fit_sarima(z, sarima_spec)
        pred = res.get_forecast(h)
        mean = np.asarray(pred.predicted_mean, dtype=float)
        if not intervals:
            return mean, {}
        return mean, _normal_bands(mean, pred.var_pred_mean)
    res = _fit_ets(z, model)
    if not intervals:
        return np.asarray(res.forecast(h), dtype=float), {}
    pred = res.get_prediction(start=len(z), end=len(z) + h - 1)
    mean = np.asarray(pred.predicted_mean, dtype=float)
    return mean, _normal_bands(mean, pred.var_pred_mean)


def _normal_bands(mean: np.ndarray, variance) -> dict:
    """{level: (lower, upper)}: mean ± z·sd, as statsmodels' ``conf_int`` / ``summary_frame`` compute
    them for these (additive-error, Gaussian) models, without building a DataFrame per level."""
    var = np.array(variance, dtype=float)
    var[var < 0] = np.nan
    sd = np.sqrt(var)
    return {lvl: (mean - zq * sd, mean + zq * sd) for lvl, zq in _Z.items()}


#: History a model needs at each backtest origin (ETS with a season needs two full years to start).
_MIN_TRAIN = {"ets_seasonal": 2 * SEASON, "seasonal_naive": SEASON + 1}


def _window(n: int) -> int:
    return min(BACKTEST_WINDOW, n - 4)


def months_needed(model: str) -> int:
    """Fewest months of history with which ``model`` takes part (backtest included).

    Examples
    --------
    >>> months_needed("naive"), months_needed("seasonal_naive"), months_needed("ets_seasonal")
    (6, 24, 30)
    """
    if model not in MODELS:
        raise ValueError(f"model must be one of {', '.join(MODELS)}")
    if model not in _MIN_TRAIN:
        return MIN_MONTHS
    return max(SEASONAL_MIN_MONTHS, _MIN_TRAIN[model] + BACKTEST_WINDOW)


def _candidates(n: int) -> list[str]:
    return [m for m in MODELS if n >= months_needed(m)]


def _backtest(y: np.ndarray, tf: _Transform, horizon: int, models: list[str],
              sarima_spec: tuple | None, fitted: dict | None = None) -> tuple[pd.DataFrame, list[str], dict[str, float]]:
    """Rolling-origin backtest on the original scale.

    Returns the table, the models that failed, and per model its track record on the modelling
    scale: the factor by which its own intervals were too narrow (root mean square of the
    standardised errors, at least 1) and the root mean square error at each step ahead
    (steps the window cannot score are extrapolated like a random walk, ∝ √h).
    """
    n = len(y)
    window = _window(n)
    origins = list(range(n - window, n, BACKTEST_STEP))
    diffs = np.abs(np.diff(y))
    scale = float(diffs.mean()) if len(diffs) else 0.0
    z = tf.forward(y)
    rows, failed, widen = [], [], {}
    for model in models:
        errors, standardised, by_step = [], [], [[] for _ in range(horizon)]
        try:
            for o in origins:
                if o < _MIN_TRAIN.get(model, 4):
                    raise ValueError("too little history for this model at this origin")
                h = min(horizon, n - o)
                with warnings.catch_warnings(record=True):
                    warnings.simplefilter("ignore")
                    mean, bands = _predict(model, z[:o], h, sarima_spec, intervals=True, fitted=fitted)
                pred = tf.inverse(mean)
                if not np.isfinite(pred).all():
                    raise ValueError("non-finite forecast")
                errors.append(np.abs(pred - y[o:o + h]))
                lo, hi = bands[95]
                sd = (np.asarray(hi) - np.asarray(lo)) / (2 * _Z[95])
                ok = np.isfinite(sd) & (sd > 0)
                standardised.append(((z[o:o + h] - mean) / np.where(ok, sd, 1.0))[ok])
                for step, e in enumerate(z[o:o + h] - mean):
                    by_step[step].append(float(e))
        except (ValueError, ArithmeticError):  # incl. LinAlgError: an unfittable model does not compete
            failed.append(model)
            continue
        err = np.concatenate(errors)
        mae = float(err.mean())
        rows.append({"model": model, "mase": mae / scale if scale > 0 else math.nan, "mae": mae})
        zs = np.concatenate(standardised) if standardised else np.array([])
        k = float(np.clip(np.sqrt(np.mean(zs ** 2)), 1.0, MAX_WIDEN)) if len(zs) else 1.0
        rmse = np.full(horizon, np.nan)
        for step, errs in enumerate(by_step):
            if errs:
                rmse[step] = math.sqrt(float(np.mean(np.square(errs))))
        known = np.flatnonzero(np.isfinite(rmse))
        if len(known):
            last = known[-1]
            for step in range(last + 1, horizon):
                rmse[step] = rmse[last] * math.sqrt((step + 1) / (last + 1))
        widen[model] = (k, np.nan_to_num(rmse, nan=0.0))
    table = pd.DataFrame(rows, columns=["model", "mase", "mae"])
    return table, failed, widen


def _exploded(mean: np.ndarray, y: np.ndarray) -> bool:
    if not np.isfinite(mean).all():
        return True
    span = max(float(np.ptp(y)), 0.1 * abs(float(np.mean(y))), 1e-12)
    return bool((mean > y.max() + EXPLODE_SPANS * span).any() or (mean < y.min() - EXPLODE_SPANS * span).any())


def _empty_forecast() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series([], dtype=float) for c in
                         ("mean", "lower80", "upper80", "lower95", "upper95")}).assign(
        month=pd.Series([], dtype=str))[["month", "mean", "lower80", "upper80", "lower95", "upper95"]]


def _empty_backtest() -> pd.DataFrame:
    return pd.DataFrame({"model": pd.Series([], dtype=str), "mase": pd.Series([], dtype=float),
                         "mae": pd.Series([], dtype=float), "chosen": pd.Series([], dtype=bool)})


# --- public -----------------------------------------------------------------------------

def forecast_series(series: pd.Series, horizon: int = 6, model: str = "auto",
                    is_rate: bool = True) -> ForecastResult:
    """Forecast a monthly series with intervals, choosing the model by backtest.

    Parameters
    ----------
    series : Series
        Values indexed by month ``"YYYY-MM"``. Inner missing months are filled by linear
        interpolation (noted); leading and trailing missing values are dropped.
    horizon : int
        Months to forecast, 1 to 24.
    model : str
        ``"auto"`` (best backtest MASE) or one of :data:`MODELS` to pin it. A pinned model that
        cannot run on this series (e.g. seasonal with < 24 months) falls back to ``"auto"``.
    is_rate : bool
        True for a share in [0, 1] (modelled on the logit scale), False for an amount.

    Returns
    -------
    ForecastResult

    Raises
    ------
    ValueError
        On a bad parameter: not a Series, months not ``YYYY-MM``, horizon outside 1-24, unknown
        model, a rate outside [0, 1].

    Examples
    --------
    >>> s = pd.Series([0.030, 0.031, 0.032, 0.033, 0.034, 0.035, 0.036, 0.037],
    ...               index=[f"2024-{m:02d}" for m in range(1, 9)])
    >>> res = forecast_series(s, horizon=3)
    >>> res.forecast["month"].tolist()
    ['2024-09', '2024-10', '2024-11']
    >>> bool(((res.forecast["lower95"] >= 0) & (res.forecast["upper95"] <= 1)).all())
    True
    """
    with _one_blas_thread():
        return _forecast_series(series, horizon, model, is_rate)


def _history(series: pd.Series, horizon: int, model: str, is_rate: bool,
             notes: list[Note]) -> tuple[pd.Series, pd.DataFrame, int]:
    """The months to model, the history frame shown and how many of its months were filled in,
    after validating and regularising."""
    values = _validate(series, horizon, model, is_rate)
    values, missing = _regularise(values)
    n_filled = int(missing.sum())
    history = pd.DataFrame({"month": pd.Series(values.index, dtype=str), "value": values.to_numpy(dtype=float),
                            "filled": missing})
    if n_filled:
        notes.append(Note("trend.forecast.note.gaps", {"n": n_filled}))
    if is_rate and len(values) and values.iloc[0] == 0 and (values > 0).any():
        # A book that starts at exactly 0% is seasoning (a new product, a generator's burn-in):
        # on the logit scale that start is a cliff that would dominate every model. Model from
        # the first non-zero month when enough months remain.
        first = int(np.argmax(values.to_numpy() > 0))
        if len(values) - first >= MIN_MONTHS:
            values = values.iloc[first:]
            history = history.iloc[first:].reset_index(drop=True)
            notes.append(Note("trend.forecast.note.leading_zeros", {"n": first, "month": str(values.index[0])}))
    return values, history, n_filled


def _forecast_series(series: pd.Series, horizon: int, model: str, is_rate: bool) -> ForecastResult:
    """Validate, pick a model by backtest, predict, and widen the intervals to the track record."""
    notes: list[Note] = []
    values, history, n_filled = _history(series, horizon, model, is_rate, notes)
    n = len(values)
    observed = n - n_filled  # months filled in are the model's guess, not data
    if observed < MIN_MONTHS:
        return ForecastResult(history, _empty_forecast(), _empty_backtest(), None, tuple(notes),
                              Note("trend.forecast.reason.too_short", {"n": observed, "min": MIN_MONTHS}), is_rate)
    if n_filled > observed:
        return ForecastResult(history, _empty_forecast(), _empty_backtest(), None, tuple(notes),
                              Note("trend.forecast.reason.too_gappy", {"n": n_filled, "months": n}), is_rate)
    y = values.to_numpy(dtype=float)
    months = [shift_month(values.index[-1], k) for k in range(1, horizon + 1)]

    if np.ptp(y) == 0:
        # Nothing moves: any model would say "the same", and its interval would be zero width.
        const = np.repeat(y[-1], horizon)
        fc = pd.DataFrame({"month": months, "mean": const, "lower80": const, "upper80": const,
                           "lower95": const, "upper95": const})
        bt = pd.DataFrame({"model": ["naive"], "mase": [math.nan], "mae": [0.0], "chosen": [True]})
        notes.append(Note("trend.forecast.note.constant"))
        return ForecastResult(history, fc, bt, "naive", tuple(notes), None, is_rate)

    tf = _Transform(y, is_rate)
    if tf.clipped:
        notes.append(Note("trend.forecast.note.zeros"))
    candidates = _candidates(n)
    if n < SEASONAL_MIN_MONTHS:
        notes.append(Note("trend.forecast.note.no_seasonal", {"n": n, "min": SEASONAL_MIN_MONTHS}))
    if model != "auto" and model not in candidates:
        notes.append(Note("trend.forecast.note.pinned_unavailable", {"model": model, "min": months_needed(model)}))
        model = "auto"

    z = tf.forward(y)
    window = _window(n)
    # record=True: statsmodels re-enables its own warnings inside fit(); recording swallows them.
    with warnings.catch_warnings(record=True):
        warnings.simplefilter("ignore")
        fitted: dict = {}  # the chosen order's fit on the history before the window = first origin
        sarima_spec = _choose_sarima(z[: n - window], fitted) if "sarima" in candidates else None
    table, failed, widen = _backtest(y, tf, horizon, candidates, sarima_spec, fitted)
    if failed:
        notes.append(Note("trend.forecast.note.failed", {"models": failed}))

    chosen, mean, bands = _predict_first_that_works(model, table, failed, z, y, tf, horizon, sarima_spec, notes)
    fc = _forecast_frame(months, mean, bands, widen.get(chosen, (1.0, np.zeros(horizon))), tf, y, is_rate, notes)
    table = table.assign(chosen=table["model"] == chosen).sort_values(
        ["mase", "mae"], kind="stable", na_position="last").reset_index(drop=True)
    if chosen not in table["model"].tolist():
        table = pd.concat([table, pd.DataFrame({"model": [chosen], "mase": [math.nan], "mae": [math.nan],
                                                "chosen": [True]})], ignore_index=True)
    return ForecastResult(history, fc, table, chosen, tuple(notes), None, is_rate)


def _predict_first_that_works(model: str, table: pd.DataFrame, failed: list, z: np.ndarray, y: np.ndarray,
                              tf: _Transform, horizon: int, sarima_spec, notes: list[Note]):
    """The pinned model, or the backtest's best, falling back down the ranking when one fails or explodes."""
    ranked = table.sort_values(["mase", "mae"], kind="stable", na_position="last")
    if model == "auto":
        order = ranked["model"].tolist()
        if not order:
            order = ["naive"]
    else:
        order = [model] + [m for m in ranked["model"] if m != model]
    baselines = [m for m in ranked["model"] if m in BASELINES] or ["naive"]

    chosen, mean, bands, caught = None, None, None, []
    for candidate in order:
        with warnings.catch_warnings(record=True) as record:
            warnings.simplefilter("always")
            try:
                mean, bands = _predict(candidate, z, horizon, sarima_spec, intervals=True)
            except (ValueError, ArithmeticError):  # incl. LinAlgError: try the next candidate
                if candidate not in failed:
                    notes.append(Note("trend.forecast.note.failed", {"models": [candidate]}))
                continue
        values_mean = tf.inverse(mean)
        if candidate not in BASELINES and _exploded(values_mean, y):
            fallback = baselines[0]
            notes.append(Note("trend.forecast.note.exploded", {"model": candidate, "fallback": fallback}))
            with warnings.catch_warnings(record=True):
                warnings.simplefilter("ignore")
                mean, bands = _predict(fallback, z, horizon, sarima_spec, intervals=True)
            chosen = fallback
            break
        chosen, caught = candidate, [str(w.message) for w in record]
        break
    if chosen is None:  # every model failed: the random walk always works
        chosen = "naive"
        with warnings.catch_warnings(record=True):
            mean, bands = _predict("naive", z, horizon, None, intervals=True)
    if caught:
        notes.append(Note("trend.forecast.note.warnings", {"model": chosen, "n": len(caught)}))
    if model == "auto":
        notes.append(Note("trend.forecast.note.auto", {"model": chosen}))
    return chosen, mean, bands


def _forecast_frame(months: list[str], mean: np.ndarray, bands: dict, widen: tuple, tf: _Transform,
                    y: np.ndarray, is_rate: bool, notes: list[Note]) -> pd.DataFrame:
    """The forecast table on the data's scale, intervals at least as wide as the backtest's misses."""
    k, rmse = widen
    lo95, hi95 = bands[95]
    sd_model = np.maximum((np.asarray(hi95) - np.asarray(lo95)) / (2 * _Z[95]), 0.0)
    # A model's own intervals ignore parameter and model uncertainty. Make them at least as wide
    # as its track record: the backtest's standardised misses (k) and its error at each step.
    sd = np.maximum(k * sd_model, np.minimum(rmse, MAX_WIDEN * np.maximum(sd_model, 1e-12)))
    if (sd > 1.05 * sd_model).any():
        ratio = float(np.max(sd / np.where(sd_model > 0, sd_model, np.inf)))
        bands = {lvl: (mean - zq * sd, mean + zq * sd) for lvl, zq in _Z.items()}
        if np.isfinite(ratio) and ratio > 1.05:
            notes.append(Note("trend.forecast.note.widened", {"factor": f"{ratio:.1f}"}))
    fc = pd.DataFrame({"month": months, "mean": tf.inverse(mean)})
    for lvl, (lo, hi) in bands.items():
        lo_v, hi_v = tf.inverse(lo), tf.inverse(hi)
        fc[f"lower{lvl}"] = np.minimum(lo_v, fc["mean"].to_numpy())
        fc[f"upper{lvl}"] = np.maximum(hi_v, fc["mean"].to_numpy())
    if tf.kind == "identity" and not is_rate and (y >= 0).all():
        fc[["mean", "lower80", "upper80", "lower95", "upper95"]] = fc[
            ["mean", "lower80", "upper80", "lower95", "upper95"]].clip(lower=0)
    return fc[["month", "mean", "lower80", "upper80", "lower95", "upper95"]]


#: Modules a worker process needs for a forecast (imported once by the fork server).
WORKER_PRELOAD = ("analysis.trend.forecast", "statsmodels.tsa.exponential_smoothing.ets",
                  "statsmodels.tsa.statespace.sarimax")


def _forecast_one(args: tuple) -> ForecastResult:
    series, horizon, model, is_rate = args
    return forecast_series(series, horizon=horizon, model=model, is_rate=is_rate)


def forecast_many(series: dict[str, pd.Series], horizon: int = 6, model: str = "auto",
                  is_rate: bool = True, workers: int = 2) -> dict[str, ForecastResult]:
    """Forecast several series (e.g. one per segment), in parallel processes when it pays.

    Parameters
    ----------
    series : dict of str → Series
        As for :func:`forecast_series`.
    horizon, model, is_rate
        As for :func:`forecast_series`; the same for every series.
    workers : int
        1 = in this process; more = in the server's worker processes (:mod:`analysis.core.workers`,
        as many as ``DW_WORKER_PROCESSES`` says). Fewer than 4 series always run in-process: the
        round trip to a worker costs more than it saves.

    Returns
    -------
    dict of str → ForecastResult, in the order given.

    Examples
    --------
    >>> s = pd.Series([0.02, 0.021, 0.022, 0.024, 0.023, 0.025, 0.026],
    ...               index=[f"2024-{m:02d}" for m in range(1, 8)])
    >>> sorted(forecast_many({"a": s, "b": s}, horizon=2, workers=1))
    ['a', 'b']
    """
    if isinstance(workers, bool) or not isinstance(workers, int) or workers < 1:
        raise ValueError("workers must be a positive whole number")
    for s in series.values():  # fail fast on bad parameters, before any process starts
        _validate(s, horizon, model, is_rate)
    keys = list(series)
    jobs = [(series[k], horizon, model, is_rate) for k in keys]
    if workers == 1 or len(jobs) < 4:
        return {k: _forecast_one(j) for k, j in zip(keys, jobs)}
    # the process-wide worker pool (analysis.core.workers), not a pool started per call
    results = map_in_workers(_forecast_one, [(job,) for job in jobs], preload=WORKER_PRELOAD)
    return dict(zip(keys, results))


def forecast_sentence(result: ForecastResult, lang: str, metric_label: str, unit: str = "yuan") -> str:
    """One plain sentence a manager can read out: where the metric is heading and how sure we are.

    Parameters
    ----------
    result : ForecastResult
    lang : {"zh", "en"}
    metric_label : str
        The metric's name in ``lang`` (e.g. "DPD30+ rate").
    unit : str
        Display unit for amounts (``"yuan"``, ``"wan"``, ``"yi"``).

    Examples
    --------
    >>> s = pd.Series([0.03] * 5 + [0.031, 0.032, 0.033], index=[f"2024-{m:02d}" for m in range(1, 9)])
    >>> forecast_sentence(forecast_series(s, horizon=2, model="naive"), "en", "DPD30+").startswith("DPD30+ is expected")
    True
    """
    if lang not in ("zh", "en"):
        raise ValueError("lang must be 'zh' or 'en'")
    if not result.ok:
        reason = result.reason or Note("trend.forecast.reason.none")
        return reason.text(lang)
    start, start_month = float(result.history["value"].iloc[-1]), str(result.history["month"].iloc[-1])
    last = result.forecast.iloc[-1]
    end, end_month = float(last["mean"]), str(last["month"])

    if result.is_rate:
        def fmt(v: float) -> str:
            return format_rate(v, 1 if max(abs(start), abs(end)) >= 0.01 else 2)
        tol = max(0.02 * abs(start), 5e-5)
    else:
        def fmt(v: float) -> str:
            return f"{format_amount(v, unit)} {unit_label(unit, lang)}"
        tol = max(0.02 * abs(start), 1e-9)
    direction = "rise" if end - start > tol else ("fall" if start - end > tol else "flat")
    return translate(f"trend.forecast.sentence.{direction}", lang, metric=metric_label, start=fmt(start),
                     start_month=start_month, end=fmt(end), end_month=end_month,
                     low=fmt(float(last["lower80"])), high=fmt(float(last["upper80"])))
