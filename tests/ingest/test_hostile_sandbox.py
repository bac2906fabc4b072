"""A workbook is read in a child process that may die alone: a crash, an out-of-memory abort or a
hang becomes a clear refusal (both languages) and the calling process, the server, reads on.

The child is real (multiprocessing's fork server, as in production); the misbehaving readers are
module-level functions of :mod:`tests.ingest.hostile`. The end-to-end case turns the workbook
guard off and hands the Excel reader the 2 KB workbook that declares ``A1:XFD1048576``: in
process it aborts the interpreter (a 512 GB allocation); in the child it is one refusal.
"""
from __future__ import annotations

import io
import os
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from analysis.ingest import readers
from analysis.ingest.errors import IngestError
from analysis.ingest.sandbox import SandboxLimits, run_isolated, sandbox_limits_from
from tests.ingest import hostile

FAST = SandboxLimits(memory_mb=256, seconds=60)


def _crash(target, *args, limits: SandboxLimits = FAST) -> IngestError:
    with pytest.raises(IngestError) as info:
        run_isolated(target, args, "逾期明细.xlsx", limits)
    err = info.value
    assert err.code == "ingest.error.workbook_reader_crashed"
    assert "逾期明细.xlsx" in err.message("zh") and "逾期明细.xlsx" in err.message("en")
    assert "其他用户" in err.message("zh") and "other users" in err.message("en")
    return err


def test_the_child_answers_with_its_value():
    from analysis.ingest.sandbox import start_reader_server
    assert start_reader_server() is True and start_reader_server() is True  # Linux has a fork server; idempotent
    assert run_isolated(hostile.echo, ({"rows": 3, "ipc": b"\x00" * 1000},), "a.xlsx", FAST) == {"rows": 3, "ipc": b"\x00" * 1000}


def test_allocating_past_the_memory_limit_is_a_memory_refusal_naming_the_setting():
    err = _crash(hostile.allocate, 1024)
    assert err.params["reason"].code == "ingest.error.workbook_reader_crashed.memory"
    assert "256 MB" in err.message("en") and "DW_WORKBOOK_READER_MEMORY_MB" in err.message("en")
    assert "256 MB" in err.message("zh") and "DW_WORKBOOK_READER_MEMORY_MB" in err.message("zh")
    assert run_isolated(hostile.allocate, (64,), "a.xlsx", FAST) == 64 * 1024 ** 2  # under the limit: fine


def test_an_abort_is_a_memory_refusal_and_a_segfault_names_its_signal():
    assert _crash(hostile.abort).params["reason"].code == "ingest.error.workbook_reader_crashed.memory"
    err = _crash(hostile.segfault)
    assert err.params["reason"].code == "ingest.error.workbook_reader_crashed.crash"
    assert "SIGSEGV" in err.message("en") and "SIGSEGV" in err.message("zh")


def test_a_hang_is_stopped_at_the_time_limit():
    err = _crash(hostile.hang, 30, limits=SandboxLimits(memory_mb=256, seconds=1))
    assert err.params["reason"].code == "ingest.error.workbook_reader_crashed.timeout"
    assert "DW_WORKBOOK_READER_SECONDS" in err.message("en") and "1 秒" in err.message("zh")


def test_a_refusal_in_the_child_comes_back_as_itself_and_an_unexpected_error_by_name():
    with pytest.raises(IngestError) as info:
        run_isolated(hostile.refuse, ("a.csv",), "a.csv", FAST)
    assert info.value.code == "ingest.error.empty_file" and info.value.params == {"name": "a.csv"}
    assert "KeyError" in _crash(hostile.fail).message("en")


def test_a_check_run_alongside_the_child_wins_and_ends_its_read_at_once():
    def refuse_after_the_child_started():
        raise IngestError("ingest.error.workbook_sparse", name="a.xlsx", sheet="s", cell="Z9", cells=2, rows=9, cols=26)
    start = time.perf_counter()
    with pytest.raises(IngestError) as info:
        run_isolated(hostile.hang, (30,), "a.xlsx", FAST, alongside=refuse_after_the_child_started)
    assert info.value.code == "ingest.error.workbook_sparse"
    assert time.perf_counter() - start < 4  # the child was killed, not waited for
    # a check that passes leaves the child's answer as it is; without a child it runs first
    seen = []
    assert run_isolated(hostile.echo, (7,), "a.xlsx", FAST, alongside=lambda: seen.append(1)) == 7
    assert run_isolated(hostile.echo, (8,), "a.xlsx", SandboxLimits(enabled=0), alongside=lambda: seen.append(2)) == 8
    assert seen == [1, 2]


def test_a_small_hostile_sheet_is_refused_before_any_child_starts(monkeypatch):
    monkeypatch.setattr(readers, "run_isolated", lambda *a, **k: pytest.fail("a child was started"))
    with pytest.raises(IngestError) as info:
        readers.read_table(hostile.sparse("XFD1048576"), "逾期明细.xlsx")
    assert info.value.code in ("ingest.error.workbook_sparse", "ingest.error.workbook_range_too_large")


def test_a_big_sheets_cell_count_runs_beside_the_childs_read(monkeypatch):
    seen = []

    def spy(target, args, filename, limits, alongside=None, **kwargs):
        seen.append(alongside)
        return run_isolated(target, args, filename, limits, alongside=alongside, **kwargs)
    monkeypatch.setattr(readers, "run_isolated", spy)
    monkeypatch.setattr(readers, "CELLS_CHECK_BESIDE_BYTES", 0)  # every sheet counts as big
    raw = readers.read_table(hostile.lying_dimension("A1:D2", rows=20), "book.xlsx")
    assert raw.frame["账户"].tolist()[-1] == "A00020" and seen and seen[0] is not None
    monkeypatch.setattr(readers, "CELLS_CHECK_BESIDE_BYTES", 8 << 20)
    seen.clear()
    readers.read_table(hostile.lying_dimension("A1:D2", rows=20), "book.xlsx")
    assert seen == [None]  # a small sheet: counted before the child starts


def test_the_reader_that_aborts_on_a_2kb_workbook_costs_one_read_not_the_process(monkeypatch):
    # the guard off: the reader meets it (the parts "check" says the sheet is small)
    monkeypatch.setattr(readers, "check_xlsx_parts", lambda *a, **k: 0)
    monkeypatch.setattr(readers, "check_xlsx_cells", lambda *a, **k: None)
    monkeypatch.setenv("DW_WORKBOOK_READER_MEMORY_MB", "1024")
    with pytest.raises(IngestError) as info:
        readers.read_table(hostile.sparse("XFD1048576"), "逾期明细.xlsx")
    # a 2 KB file that takes the reader past 1 GB is damaged (or made to be), and is called so
    assert info.value.code == "ingest.error.workbook_damaged_memory"
    assert "1,024 MB" in info.value.message("en")
    # and this process reads on
    raw = readers.read_table(hostile.lying_dimension("A1:D2", rows=20), "book.xlsx")
    assert raw.frame["账户"].tolist()[-1] == "A00020"


def test_an_out_of_memory_error_in_arrow_is_not_taken_for_a_damaged_sheet(monkeypatch):
    # Arrow's MemoryError is also an ArrowException, which the reader treats as a damaged sheet
    def no_memory(*args, **kwargs):
        import pyarrow as pa
        raise pa.ArrowMemoryError("malloc of size 64 failed")
    monkeypatch.setattr(readers, "_read_sheet", no_memory)
    with pytest.raises(MemoryError):
        readers._read_workbook(hostile.lying_dimension("A1:D2"), "a.xlsx", None, "xlsx",
                               readers._xlsx_sheet_info(hostile.lying_dimension("A1:D2")))


def _workbook() -> bytes:
    """Titles above the header, dates, amounts with cents, text ids with leading zeros, an empty
    column, an empty row and a hidden second sheet."""
    n = 500
    frame = pd.DataFrame({"客户编号": [f"{i:08d}" for i in range(n)],
                          "统计日期": pd.date_range("2024-01-31", periods=n, freq="D"),
                          "贷款余额": np.round(np.arange(n) * 1234.56 + 0.01, 2), "逾期天数": np.arange(n) % 120,
                          "备注": [None] * n})
    frame.loc[10, :] = None
    out = io.BytesIO()
    with pd.ExcelWriter(out, engine="xlsxwriter") as xw:
        frame.to_excel(xw, sheet_name="明细", index=False, startrow=2)
        xw.sheets["明细"].write(0, 0, "XX银行逾期明细表 2024年")
        pd.DataFrame({"x": [1]}).to_excel(xw, sheet_name="隐藏", index=False)
        xw.sheets["隐藏"].hide()
    return out.getvalue()


@pytest.mark.parametrize("fmt", ["xlsx", "xls"])
def test_a_workbook_read_in_the_child_is_exactly_the_one_read_in_process(monkeypatch, fmt):
    if fmt == "xls":  # a genuine BIFF .xls shipped with statsmodels (nothing here writes .xls)
        import statsmodels
        path = (Path(statsmodels.__file__).parent / "tsa" / "statespace" / "tests" / "results"
                / "frbny_nowcast" / "Nowcasting" / "data" / "US" / "2016-07-29.xls")
        if not path.exists():
            pytest.skip("no legacy .xls sample available")
        data = path.read_bytes()
    else:
        data = _workbook()
    monkeypatch.setenv("DW_WORKBOOK_SANDBOX", "0")
    here = readers.read_table(data, f"a.{fmt}")
    monkeypatch.setenv("DW_WORKBOOK_SANDBOX", "1")
    there = readers.read_table(data, f"a.{fmt}")
    pd.testing.assert_frame_equal(here.frame, there.frame)
    assert here.source_rows.tolist() == there.source_rows.tolist()
    assert {k: v for k, v in here.__dict__.items() if k not in ("frame", "source_rows")} == \
        {k: v for k, v in there.__dict__.items() if k not in ("frame", "source_rows")}
    if fmt == "xlsx":
        assert there.header_row == 3 and there.hidden_sheets == ("隐藏",) and len(there.frame) == 499


def test_limits_come_from_the_environment_and_zero_reads_in_process():
    limits = sandbox_limits_from({"DW_WORKBOOK_READER_MEMORY_MB": "2_048", "DW_WORKBOOK_READER_SECONDS": "90",
                                  "DW_WORKBOOK_SANDBOX": "0"})
    assert (limits.memory_mb, limits.seconds, limits.enabled) == (2048, 90, 0)
    assert run_isolated(os.getpid, (), "a.xlsx", limits) == os.getpid()
    assert run_isolated(os.getpid, (), "a.xlsx", FAST) != os.getpid()


def test_without_a_fork_server_the_child_is_spawned(monkeypatch):
    import multiprocessing

    from analysis.ingest import sandbox
    monkeypatch.setattr(sandbox, "_context", lambda: multiprocessing.get_context("spawn"))
    assert run_isolated(hostile.echo, ("逾期",), "a.xlsx", FAST) == "逾期"
    assert _crash(hostile.allocate, 1024).params["reason"].code == "ingest.error.workbook_reader_crashed.memory"


def test_a_page_script_as_main_is_not_re_run_in_the_child(monkeypatch, tmp_path):
    """Under Streamlit ``__main__`` is the page script (a module with a file and no spec):
    multiprocessing would re-run it in the child, which then dies drawing the app outside a
    session (the clerk's workbook upload failed with 'exit code 1'). The child starts without it."""
    import sys
    import types

    script = tmp_path / "app.py"
    marker = tmp_path / "ran"
    script.write_text(f"open({str(marker)!r}, 'w').write('x')\nraise SystemExit(1)\n", encoding="utf-8")
    page = types.ModuleType("__main__")
    page.__file__ = str(script)
    monkeypatch.setitem(sys.modules, "__main__", page)
    monkeypatch.setenv("DW_WORKBOOK_SANDBOX", "1")
    raw = readers.read_table(_workbook(), "逾期明细 2024年.xlsx")
    assert len(raw.frame) == 499
    assert not marker.exists()
    assert sys.modules["__main__"] is page  # put back after the child started


def test_a_small_file_that_runs_the_reader_out_of_memory_is_called_damaged():
    # a 30 KB .xls whose sector chain loops was told "if the file really is that large, split it"
    with pytest.raises(IngestError) as info:
        run_isolated(hostile.allocate, (1024,), "loop.xls", FAST, file_bytes=30_208)
    err = info.value
    assert err.code == "ingest.error.workbook_damaged_memory" and err.params["size_kb"] == 29
    assert "damaged" in err.message("en") and "损坏" in err.message("zh") and "large" not in err.message("en")
    big = _crash_sized(2 * 1024 ** 2 * 256 // 100 + 1)  # over a hundredth of the limit: its size may be why
    assert big.code == "ingest.error.workbook_reader_crashed"


def _crash_sized(file_bytes: int) -> IngestError:
    with pytest.raises(IngestError) as info:
        run_isolated(hostile.allocate, (1024,), "big.xls", FAST, file_bytes=file_bytes)
    return info.value
