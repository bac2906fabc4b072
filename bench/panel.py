"""A big synthetic monthly panel for benchmarks: 100,000 accounts × 24 months = 2.4M rows.

Fully vectorised (one NumPy step per month, never per account), deterministic for a seed, with
the Chinese headers a bank export has, so it goes through ingest's synonym mapping like a real
file. Other benchmarks reuse it: ``from bench.panel import make_bench_panel``.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv

#: The headers, in file order (12 columns).
HEADERS = ("客户编号", "数据日期", "逾期天数", "贷款余额", "授信额度", "逾期金额",
           "产品", "地区", "分行", "渠道", "放款日期", "信用评分")

_PRODUCTS = np.array(["信用卡", "消费贷", "经营贷"])
_REGIONS = np.array(["华东", "华南", "华北", "华中", "西南", "西北", "东北"])
_BRANCHES = np.array(["上海分行", "杭州分行", "广州分行", "深圳分行", "北京分行", "武汉分行",
                      "成都分行", "西安分行", "沈阳分行", "南京分行"])
_CHANNELS = np.array(["线下网点", "手机银行", "第三方平台", "电销"])


def make_bench_panel(n_accounts: int = 100_000, n_months: int = 24, seed: int = 0,
                     start: str = "2023-01") -> pd.DataFrame:
    """The benchmark panel: one row per account per month, sorted by account then month.

    DPD follows a simple roll model (each month an account cures, stays, rolls forward one
    30-day bucket, or newly misses a payment), balances amortise, limits and segments are fixed
    per account.

    Parameters
    ----------
    n_accounts, n_months : int
        Panel size (defaults: 2.4M rows).
    seed : int
        NumPy seed; the same seed gives the same frame.
    start : str
        First month ``YYYY-MM``.

    Returns
    -------
    DataFrame
        Columns :data:`HEADERS`; dates as ``datetime64[ns]`` (数据日期 at month end), numbers typed.

    Examples
    --------
    >>> df = make_bench_panel(n_accounts=3, n_months=2)
    >>> df.shape, df["客户编号"].iloc[0]
    ((6, 12), 'KH00000001')
    """
    rng = np.random.default_rng(seed)
    a, m = n_accounts, n_months
    limit = np.round(rng.choice([5_000, 10_000, 20_000, 50_000, 100_000, 200_000], size=a)
                     * rng.uniform(0.5, 1.5, size=a), -2)
    risk = rng.beta(1.2, 30.0, size=a)  # monthly probability of missing a payment
    months_end = pd.date_range(pd.Period(start, freq="M").end_time.normalize(), periods=m, freq="ME")

    dpd = np.zeros((a, m), dtype=np.int64)
    balance = np.zeros((a, m), dtype=np.float64)
    bal = limit * rng.uniform(0.2, 0.95, size=a)
    state = np.zeros(a, dtype=np.int64)  # 0 = current, k = k payments missed
    for t in range(m):
        u = rng.random(a)
        late = state > 0
        cure = late & (u < 0.35)
        roll = late & ~cure & (u < 0.35 + 0.45)
        new = ~late & (u < risk)
        state = np.where(cure, 0, np.where(roll, np.minimum(state + 1, 12), np.where(new, 1, state)))
        day_in_bucket = rng.integers(0, 30, size=a)
        dpd[:, t] = np.where(state > 0, (state - 1) * 30 + 1 + day_in_bucket, 0)
        bal = np.where(state == 0, bal * rng.uniform(0.93, 1.02, size=a), bal * 1.01)
        balance[:, t] = np.round(np.minimum(bal, limit * 1.2), 2)

    overdue = np.round(np.where(dpd > 0, balance * np.minimum(dpd / 180.0, 1.0), 0.0), 2)
    acc = np.char.add("KH", np.char.zfill(np.arange(1, a + 1).astype(str), 8))
    orig = pd.Timestamp(start) - pd.to_timedelta(rng.integers(30, 3650, size=a), unit="D")
    score = np.clip(np.round(720 - 2500 * risk + rng.normal(0, 30, size=a)), 300, 900).astype(np.int64)
    frame = pd.DataFrame({
        "客户编号": pd.array(np.repeat(acc, m), dtype="str"),
        "数据日期": np.tile(months_end.values.astype("datetime64[ns]"), a),
        "逾期天数": dpd.ravel(),
        "贷款余额": balance.ravel(),
        "授信额度": np.repeat(limit, m),
        "逾期金额": overdue.ravel(),
        "产品": pd.array(np.repeat(_PRODUCTS[rng.integers(0, len(_PRODUCTS), size=a)], m), dtype="str"),
        "地区": pd.array(np.repeat(_REGIONS[rng.integers(0, len(_REGIONS), size=a)], m), dtype="str"),
        "分行": pd.array(np.repeat(_BRANCHES[rng.integers(0, len(_BRANCHES), size=a)], m), dtype="str"),
        "渠道": pd.array(np.repeat(_CHANNELS[rng.integers(0, len(_CHANNELS), size=a)], m), dtype="str"),
        "放款日期": np.repeat(np.asarray(orig, dtype="datetime64[ns]"), m),
        "信用评分": np.repeat(score, m),
    })
    return frame


def panel_to_csv_bytes(frame: pd.DataFrame, encoding: str = "utf-8") -> bytes:
    """CSV bytes the way a core system exports them (dates as ``YYYY-MM-DD``), fast via Arrow.

    Examples
    --------
    >>> panel_to_csv_bytes(make_bench_panel(1, 1)).decode().splitlines()[0][:9]
    '客户编号,数据日期'
    """
    table = pa.Table.from_pandas(frame, preserve_index=False)
    for name in ("数据日期", "放款日期"):
        i = table.schema.get_field_index(name)
        table = table.set_column(i, name, table.column(name).cast(pa.date32()))
    sink = pa.BufferOutputStream()
    # the header unquoted, as core systems write it (Arrow quotes header names)
    sink.write(",".join(table.schema.names).encode("utf-8") + b"\n")
    pacsv.write_csv(table, sink, pacsv.WriteOptions(include_header=False, quoting_style="none"))
    data = sink.getvalue().to_pybytes()
    if encoding.lower().replace("-", "") not in ("utf8",):
        data = data.decode("utf-8").encode(encoding)
    return data
