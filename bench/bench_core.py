"""Data-core benchmark: the CLI against plain DuckDB, cubes on a 24M-row Parquet book, convert.

Bars (issue 11), each printed beside its reference, measured in the same run:

(a) ``python -m analysis aging`` end to end on the 2.4M-row bench CSV ≤ 1.5 × a plain DuckDB
    script computing the same aggregation (latest month × bucket: accounts, balance, overdue
    amount) from the same file. Both are fresh processes timed from start to exit (interpreter
    and imports included), best of ``REPEATS``.
(b) 24M rows (1M accounts × 24 months) as a month-partitioned Parquet dataset: the aging and
    transition cubes under a 2 GB ``memory_limit`` in ≤ 20 s, peak memory ≤ 2.5 GB. Measured on
    the dataset ``convert`` writes in (c) (how a bank gets its book in), and again on the same rows
    as a Parquet folder written elsewhere, which the cubes first check for duplicates.
(c) ``python -m analysis convert`` of the same 24M rows from CSV under the same limit ≤ 60 s.
(d) ``make bench-scale`` (``DW_BENCH_SCALE=1``): 120M rows (5M accounts × 24 months), the cubes
    of (b) in ≤ 120 s under 2 GB. Not part of ``make bench``.

Peak memory is ``VmHWM`` of the measuring process (and, for ``convert``, the largest of its
worker processes: ``ru_maxrss`` of its children), read from ``/proc`` in a fresh process as
``bench_ingest`` does. The books are generated once, straight to Parquet and CSV by blocks of
100,000 accounts (never the whole book in memory), and cached in ``DW_BENCH_CACHE`` (default
``/tmp/dw-bench-core``): about 0.6 GB of Parquet and 2.4 GB of CSV for 24M rows.

Run: ``make bench`` or ``python -m bench core``. Prints figures; asserts nothing.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.dataset as ds

from bench.panel import make_bench_panel, panel_to_csv_bytes

REPEATS = 3
BLOCK = 100_000  # accounts generated at once (2.4M rows)
CACHE = Path(os.environ.get("DW_BENCH_CACHE", "/tmp/dw-bench-core"))
REPO = Path(__file__).resolve().parents[1]
BARS = {"aging_ratio": 1.5, "cubes_s": 20.0, "cubes_gb": 2.5, "convert_s": 60.0, "scale_s": 120.0}

_STATUS = r"""
def status_kb(field):
    with open("/proc/self/status") as fh:
        return next(int(l.split()[1]) for l in fh if l.startswith(field + ":"))
"""

#: (a) the reference: the same aggregation in DuckDB, straight from the CSV.
_DUCKDB_AGING = _STATUS + r"""
import json, sys, duckdb
path = sys.argv[1]
con = duckdb.connect(config={"memory_limit": "2GB"})
con.execute("SET enable_progress_bar = false")
rows = con.execute('''
    WITH t AS (
        SELECT strftime("数据日期", '%Y-%m') AS month, "逾期天数" AS dpd, "贷款余额" AS balance,
               "逾期金额" AS overdue
        FROM read_csv(?, header = true))
    SELECT CASE WHEN dpd >= 181 THEN 5 WHEN dpd >= 91 THEN 4 WHEN dpd >= 61 THEN 3
                WHEN dpd >= 31 THEN 2 WHEN dpd >= 1 THEN 1 ELSE 0 END AS bucket,
           COUNT(*) AS n, SUM(balance) AS balance, SUM(overdue) AS overdue
    FROM t WHERE month = (SELECT MAX(month) FROM t) GROUP BY 1 ORDER BY 1''', [path]).fetchall()
print(json.dumps({"rows": [[float(x) for x in r] for r in rows], "peak_mb": status_kb("VmHWM") / 1024}))
"""

#: (a) the CLI, as a user runs it (its JSON goes to a file, the peak to stdout).
_CLI = _STATUS + r"""
import json, sys
from analysis.__main__ import main
out = sys.argv[1]
with open(out, "w") as fh:
    stdout, sys.stdout = sys.stdout, fh
    code = main(sys.argv[2:])
    sys.stdout = stdout
print(json.dumps({"code": code, "peak_mb": status_kb("VmHWM") / 1024}))
"""

#: (b), (d): the aging and transition cubes of a Parquet book under a memory limit.
_CUBES = _STATUS + r"""
import json, sys, time
from analysis.core import book_from_parquet
path, limit = sys.argv[1], sys.argv[2]
start, cpu = time.perf_counter(), time.process_time()
book = book_from_parquet(path, memory_limit=limit)
book.engine.con.execute("SET enable_progress_bar = false")
cubes = book.cubes()
aging = cubes.aging()
t_aging = time.perf_counter() - start
transitions = cubes.transitions()
seconds = time.perf_counter() - start
print(json.dumps({"seconds": seconds, "cpu_s": time.process_time() - cpu, "aging_s": t_aging, "rows": int(aging["count"].sum()),
                  "transitions": int(transitions["count"].sum()), "cells": len(transitions),
                  "peak_mb": status_kb("VmHWM") / 1024}))
"""

#: (c): convert as the CLI runs it, with the peak of the process and of its workers.
_CONVERT = _STATUS + r"""
import json, resource, sys, time
from analysis.ingest.dataset import convert_to_dataset
if __name__ == "__main__":
    src, out, limit = sys.argv[1], sys.argv[2], sys.argv[3]
    start, cpu = time.perf_counter(), time.process_time()
    payload = convert_to_dataset(src, out, memory_limit=limit, overwrite=True)
    seconds = time.perf_counter() - start
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    workers = children.ru_maxrss / 1024
    cpu = time.process_time() - cpu + children.ru_utime + children.ru_stime
    print(json.dumps({"seconds": seconds, "cpu_s": cpu, "rows": payload["rows_accepted"], "pieces": payload["pieces"],
                      "late": payload["duplicates_across_pieces"], "timings": payload["timings"],
                      "peak_mb": status_kb("VmHWM") / 1024,
                      "worker_peak_mb": workers}))
"""


def _child(code: str, *args: str, timeout: float = 3600) -> tuple[dict, float]:
    """``(the child's last JSON line, wall seconds from start to exit)``."""
    start = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", code, *args], cwd=REPO, capture_output=True, text=True,
                         timeout=timeout, env={**os.environ, "PYTHONPATH": str(REPO)})
    wall = time.perf_counter() - start
    if out.returncode != 0:
        tail = out.stderr.strip().splitlines()[-3:] if out.stderr.strip() else ["child failed"]
        raise RuntimeError(" | ".join(tail))
    return json.loads(out.stdout.strip().splitlines()[-1]), wall


# --- the books -------------------------------------------------------------------------------

def bench_csv() -> Path:
    """The 2.4M-row bench CSV of :mod:`bench.panel` (cached)."""
    path = CACHE / "panel_2m4.csv"
    if not path.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_bytes(panel_to_csv_bytes(make_bench_panel()))
        tmp.rename(path)
    return path


def _canonical_block(frame, first_row: int):
    """A block of the bench panel under canonical names, as ``convert`` writes it."""
    n = len(frame)
    return pa.table({
        "account_id": pa.array(frame["客户编号"].astype(str), type=pa.string()),
        "snapshot_date": pa.array(frame["数据日期"].to_numpy().astype("datetime64[D]")),
        "days_past_due": pa.array(frame["逾期天数"].to_numpy(dtype=np.int64)),
        "balance": pa.array(frame["贷款余额"].to_numpy(dtype=np.float64)),
        "credit_limit": pa.array(frame["授信额度"].to_numpy(dtype=np.float64)),
        "overdue_amount": pa.array(frame["逾期金额"].to_numpy(dtype=np.float64)),
        "product": pa.array(frame["产品"].astype(str), type=pa.string()),
        "region": pa.array(frame["地区"].astype(str), type=pa.string()),
        "branch": pa.array(frame["分行"].astype(str), type=pa.string()),
        "channel": pa.array(frame["渠道"].astype(str), type=pa.string()),
        "origination_date": pa.array(frame["放款日期"].to_numpy().astype("datetime64[D]")),
        "score": pa.array(frame["信用评分"].to_numpy(dtype=np.float64)),
        "source_row": pa.array(np.arange(first_row, first_row + n, dtype=np.int64)),
        "month": pa.array(frame["数据日期"].dt.strftime("%Y-%m"), type=pa.string()),
    })


def big_book(n_accounts: int, with_csv: bool) -> tuple[Path, Path | None]:
    """``(Parquet dataset, CSV)`` of ``n_accounts`` × 24 months, generated by blocks and cached.

    Each block is the bench panel with its own seed and account numbers; the CSV holds the same
    rows in the same order (so ``source_row`` is the CSV line).
    """
    name = f"book_{n_accounts // 1000}k"
    folder, csv = CACHE / name, CACHE / f"{name}.csv"
    done = CACHE / f"{name}.done"
    if done.exists() and (csv.exists() or not with_csv):
        return folder, (csv if with_csv else None)
    shutil.rmtree(folder, ignore_errors=True)
    CACHE.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    row = 2  # the CSV's first data line
    with open(csv, "wb") if with_csv else open(os.devnull, "wb") as out:
        for k, first in enumerate(range(0, n_accounts, BLOCK)):
            a = min(BLOCK, n_accounts - first)
            frame = make_bench_panel(a, 24, seed=1000 + k)
            ids = np.char.add("KH", np.char.zfill(np.arange(first + 1, first + a + 1).astype(str), 9))
            frame["客户编号"] = np.repeat(ids, 24)
            ds.write_dataset(_canonical_block(frame, row), folder, format="parquet", partitioning=["month"],
                             partitioning_flavor="hive", basename_template=f"part-{k:04d}-{{i}}.parquet",
                             existing_data_behavior="overwrite_or_ignore")
            if with_csv:
                data = panel_to_csv_bytes(frame)
                out.write(data if k == 0 else data[data.index(b"\n") + 1:])
            row += len(frame)
            print(f"  generated {row - 2:,} rows ({time.perf_counter() - start:.0f} s)", flush=True)
            del frame
    done.touch()
    return folder, (csv if with_csv else None)


# --- the figures -----------------------------------------------------------------------------

def _verdict(value: float, bar: float) -> str:
    return f"bar ≤ {bar:g}: {'OK' if value <= bar else 'OVER'}"


def aging_cli_vs_duckdb() -> None:
    """(a): both from the same CSV, fresh processes, best of REPEATS."""
    path = bench_csv()
    out = CACHE / "aging.json"
    ref_runs, cli_runs, ref_peak, cli_peak, ref_rows = [], [], 0.0, 0.0, None
    for _ in range(REPEATS):
        ref, wall = _child(_DUCKDB_AGING, str(path))
        ref_runs.append(wall)
        ref_peak, ref_rows = max(ref_peak, ref["peak_mb"]), ref["rows"]
        cli, wall = _child(_CLI, str(out), "aging", str(path), "--json")
        cli_runs.append(wall)
        cli_peak = max(cli_peak, cli["peak_mb"])
    payload = json.loads(out.read_text(encoding="utf-8"))
    same = ([r["count"] for r in payload["rows"]] == [int(r[1]) for r in ref_rows]
            and all(abs(r["balance"] - round(x[2], 2)) < 0.011 for r, x in zip(payload["rows"], ref_rows)))
    ratio = min(cli_runs) / min(ref_runs)
    print(f"(a) aging CLI on the {path.stat().st_size / 1e6:.0f} MB, 2.4M-row CSV, end to end (best of {REPEATS})")
    print(f"    python -m analysis aging   {min(cli_runs):6.2f} s   peak {cli_peak:6.0f} MB   runs {[round(x, 2) for x in cli_runs]}")
    print(f"    plain DuckDB script        {min(ref_runs):6.2f} s   peak {ref_peak:6.0f} MB   runs {[round(x, 2) for x in ref_runs]}")
    print(f"    ratio {ratio:.2f}× ({_verdict(ratio, BARS['aging_ratio'])}); same figures as the script: {same}")
    print("    (the CLI validates every row as the app does: ingest's rules, duplicates, rejections; "
          "the script trusts the file)", flush=True)


def cubes_on_parquet(folder: Path, rows_label: str, bar_s: float, limit: str = "2GB") -> dict:
    """(b), (d): aging + transition cubes in a fresh process."""
    size = sum(p.stat().st_size for p in folder.rglob("*.parquet")) / 1e9
    res, wall = _child(_CUBES, str(folder), limit)
    print(f"    aging + transition cubes   {res['seconds']:6.2f} s   (aging {res['aging_s']:.2f} s; CPU {res['cpu_s']:.1f} s; process {wall:.1f} s) "
          f"peak {res['peak_mb']:6.0f} MB   [{_verdict(res['seconds'], bar_s)}; peak {_verdict(res['peak_mb'] / 1024, BARS['cubes_gb'])} GB]")
    print(f"    {rows_label}: {res['rows']:,} account-months, {res['transitions']:,} transitions in {res['cells']:,} cells; "
          f"{size:.2f} GB of Parquet; memory_limit {limit}", flush=True)
    return res


def convert_csv(csv: Path, limit: str = "2GB") -> Path:
    """(c): the CSV of the same rows into a dataset; the dataset's folder (the caller removes it)."""
    out = CACHE / "converted"
    res, wall = _child(_CONVERT, str(csv), str(out), limit)
    print(f"    convert {csv.stat().st_size / 1e9:.2f} GB CSV       {res['seconds']:6.2f} s   (CPU {res['cpu_s']:.0f} s; process {wall:.1f} s) "
          f"peak {res['peak_mb']:6.0f} MB, largest worker {res['worker_peak_mb']:.0f} MB   [{_verdict(res['seconds'], BARS['convert_s'])}]")
    t = res["timings"]
    print(f"    {res['rows']:,} rows accepted in {res['pieces']} pieces by {t['workers']} worker processes "
          f"({t['pieces_s']:.1f} s), duplicates across pieces checked in {t['duplicates_s']:.1f} s ({res['late']} found), "
          f"report (accounts, rejected rows) {t['report_s']:.1f} s", flush=True)
    return out


def main() -> None:
    scale = os.environ.get("DW_BENCH_SCALE") == "1"
    print(f"cache: {CACHE} (DW_BENCH_CACHE); {os.cpu_count()} cores seen, "
          f"{len(os.sched_getaffinity(0))} usable; load average {os.getloadavg()[0]:.1f} "
          "(others' work slows every figure: compare CPU seconds too)", flush=True)
    if not scale:
        aging_cli_vs_duckdb()
        print("(c)+(b) 24M rows: 1M accounts × 24 months", flush=True)
        folder, csv = big_book(1_000_000, with_csv=True)
        # A bank's way in: convert the export once, then every command reads the dataset.
        converted = convert_csv(csv)
        try:
            cubes_on_parquet(converted, "24M-row dataset written by convert", BARS["cubes_s"])
        finally:
            shutil.rmtree(converted, ignore_errors=True)
        # The same rows as a Parquet folder from elsewhere (a data lake): no validation report,
        # so the cubes first check it for duplicate account-months.
        cubes_on_parquet(folder, "the same rows as a foreign Parquet folder (checked for duplicates first)",
                         BARS["cubes_s"])
    else:
        print("(d) 120M rows: 5M accounts × 24 months (make bench-scale)", flush=True)
        folder, _ = big_book(5_000_000, with_csv=False)
        cubes_on_parquet(folder, "120M-row Parquet dataset", BARS["scale_s"])


if __name__ == "__main__":
    main()
