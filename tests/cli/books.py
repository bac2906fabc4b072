"""A small bank export with the traps a conversion must keep: a title row, a 合计 total row, bad
rows, duplicate account-months far apart in the file (so they fall in different pieces), a ragged
row, GBK text; and helpers to run the CLI and compare its JSON."""
from __future__ import annotations

import json
import math

import numpy as np

HEADER = "客户编号,数据日期,逾期天数,贷款余额,逾期金额,产品,地区"
MONTHS = [f"2024-{m:02d}" for m in range(1, 10)]  # nine months: enough history for a forecast


def book_text(n_accounts: int = 24, seed: int = 7) -> str:
    """The export as text (encode it as GBK to write it)."""
    rng = np.random.default_rng(seed)
    lines = ["XX银行 个贷逾期明细表（2024年）", HEADER]
    for k, month in enumerate(MONTHS):
        end = {"02": 29, "04": 30, "06": 30, "09": 30}.get(month[5:], 31)
        for i in range(n_accounts):
            if (i % 7 == 3 and k > 5) or (i % 5 == 4 and k < 2):  # exits and late starts
                continue
            dpd = int(rng.choice([0, 0, 0, 0, 5, 20, 45, 75, 120, 200]))
            balance = round(float(rng.uniform(100, 5000)), 2)
            overdue = round(balance * min(dpd / 180, 1.0), 2) if dpd else 0
            product = "信用卡" if i % 3 else "消费贷"
            region = ["华东", "华南", "华北"][i % 3 if i % 2 else (i + 1) % 3]
            lines.append(f"KH{i:04d},{month}-{end},{dpd},{balance},{overdue},{product},{region}")
    body = lines[2:]
    # traps, in file order: a bad DPD, a missing account, a ragged row, and two duplicates whose
    # first copies sit in the first months (other pieces when the pieces are small)
    body.insert(5, "KH0001,2024-01-31,abc,100,0,信用卡,华东")
    body.insert(40, ",2024-02-29,0,100,0,信用卡,华东")
    body.insert(60, "KH0002,2024-03-31,0,5")
    body.append("KH0000,2024-01-31,0,777.77,0,消费贷,华南")        # late copy: KH0000 2024-01 is in
    body.append("KH0006,2024-01-31,10,123.45,0,消费贷,华东")       # late copy of KH0006 2024-01
    body.append("KH0006,2024-01-31,15,1.00,0,消费贷,华东")         # and a third copy
    body.append("合计,,,99999999.99,,,")
    return "\n".join(lines[:2] + body) + "\n"


def run_cli(capsys, *argv: str):
    """``(exit code, JSON or None, stderr)`` of ``python -m analysis ARGV``."""
    from analysis.__main__ import main

    code = main(list(argv))
    out = capsys.readouterr()
    payload = json.loads(out.out) if code == 0 and "--json" in argv else None
    return code, payload, out.err


def assert_same(left, right, path: str = "$", rel: float = 1e-9) -> None:
    """JSON values equal: integers and text exactly, floats to ``rel`` (sums differ in the last
    bits between engines and between pieces)."""
    if isinstance(left, bool) or isinstance(right, bool) or left is None or right is None:
        assert left == right, f"{path}: {left!r} != {right!r}"
    elif isinstance(left, float) or isinstance(right, float):
        assert isinstance(left, (int, float)) and isinstance(right, (int, float)), f"{path}: {left!r} vs {right!r}"
        assert math.isclose(left, right, rel_tol=rel, abs_tol=1e-9), f"{path}: {left!r} != {right!r}"
    elif isinstance(left, dict):
        assert isinstance(right, dict) and set(left) == set(right), f"{path}: keys {sorted(left)} != {sorted(right)}"
        for key in left:
            assert_same(left[key], right[key], f"{path}.{key}", rel)
    elif isinstance(left, list):
        assert isinstance(right, list) and len(left) == len(right), f"{path}: lengths {len(left)} != {len(right)}"
        for i, (a, b) in enumerate(zip(left, right)):
            assert_same(a, b, f"{path}[{i}]", rel)
    else:
        assert left == right, f"{path}: {left!r} != {right!r}"
