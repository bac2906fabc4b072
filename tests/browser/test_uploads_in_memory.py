"""An upload never touches the disk: the server writes nothing under its temporary directory.

Starlette spools a multipart file over 1 MB to an unnamed file (``O_TMPFILE``) that no directory
listing shows, so the server runs with an audit hook that records every ``open`` under its
temporary directory; the test uploads the 7.5 MB sample portfolio and reads the record.
"""
from __future__ import annotations

import textwrap

from tests.browser.conftest import app_server, assert_no_error, wait_for_app
from tests.conftest import REPO

HOOK = """
import os, sys, time
_WATCH = os.path.realpath(os.environ["DW_TEST_WATCH_DIR"])
_LOG = os.environ["DW_TEST_AUDIT_LOG"]
def _hook(event, args):
    if event == "open" and args and isinstance(args[0], (str, bytes, os.PathLike)):
        try:
            path = os.path.realpath(os.fsdecode(args[0]))
        except Exception:
            return
        if path.startswith(_WATCH):
            with open(_LOG, "a") as fh:
                fh.write(f"{time.time():.3f} {path} {args[1:]!r}\\n")
sys.addaudithook(_hook)
"""


def test_an_upload_over_1mb_writes_nothing_under_the_temporary_directory(browser, tmp_path):
    watched = tmp_path / "server-tmp"
    watched.mkdir()
    hooks = tmp_path / "hooks"
    hooks.mkdir()
    (hooks / "sitecustomize.py").write_text(textwrap.dedent(HOOK))
    log = tmp_path / "audit.log"
    portfolio = REPO / "data" / "sample" / "sample_portfolio.csv"
    assert portfolio.stat().st_size > 1 << 20  # Starlette would spool it
    env = {"TMPDIR": str(watched), "DW_TEST_WATCH_DIR": str(watched), "DW_TEST_AUDIT_LOG": str(log),
           "PYTHONPATH": f"{hooks}:{REPO}"}
    with app_server(env=env, quiet=True) as (url, _):
        context = browser.new_context(locale="zh-CN", viewport={"width": 1400, "height": 1000})
        page = context.new_page()
        page.set_default_timeout(90_000)
        page.goto(f"{url}/upload")
        wait_for_app(page)
        before = log.read_text() if log.exists() else ""
        with page.expect_file_chooser() as chooser:
            page.get_by_test_id("stFileUploaderDropzone").first.get_by_test_id("stBaseButton-secondary").click()
        chooser.value.set_files(str(portfolio))
        page.get_by_text("① 文件内容").wait_for(timeout=90_000)
        wait_for_app(page)
        assert_no_error(page)
        after = log.read_text() if log.exists() else ""
        context.close()
    written = after[len(before):]
    assert written == "", f"the server opened files under its temporary directory during the upload:\n{written}"
    assert list(watched.iterdir()) == []
