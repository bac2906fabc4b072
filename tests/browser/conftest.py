"""A live app server and Debian's chromium driven by Playwright.

Browser downloads do not work here, so Playwright launches the system chromium through
``executable_path``. Without chromium the tests skip with the reason, except under CI=true,
where a missing browser is a failure (``make test`` installs it).
"""
from __future__ import annotations

import contextlib
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import REPO

SCREENSHOTS = Path(os.environ.get("SCREENSHOT_DIR", "/tmp/delinquency-screenshots"))
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
]


#: xdist groups of the tests on the shared server (``server_url``): two groups, so that the two
#: workers of ``make test`` each drive half of them against a server of their own (one app server
#: is session-scoped per worker process). Tests that start their own server need no group.
SHARED_SERVER_GROUPS = ("browser-a", "browser-b")


@pytest.hookimpl(tryfirst=True)  # before xdist's worker turns the marks into group names
def pytest_collection_modifyitems(items):
    shared = 0
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)
            if "server_url" in getattr(item, "fixturenames", ()):
                # Alternate in collection order: the Chinese and English page tests split evenly.
                item.add_marker(pytest.mark.xdist_group(SHARED_SERVER_GROUPS[shared % 2]))
                shared += 1


def _chromium() -> str | None:
    for name in ("chromium", "chromium-browser"):
        path = shutil.which(name)
        if path:
            return path
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def browser():
    path = _chromium()
    if path is None:
        if os.environ.get("CI") == "true":
            pytest.fail("chromium is missing under CI=true: `make test` should have installed it")
        pytest.skip("Debian chromium is not installed (apt-get install chromium); browser tests skipped")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=path, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


@contextlib.contextmanager
def app_server(extra_args: tuple[str, ...] = (), env: dict | None = None, start_within: float = 60,
               quiet: bool = False, script: Path | None = None, port: int | None = None):
    """Start ``streamlit run app.py`` on a free loopback port; yield ``(url, process)``; stop it.

    ``quiet`` discards the server's output (a long test must not fill an unread pipe); ``script``
    runs another page than ``app.py`` (a small test page); ``port`` a fixed one (a restart on the
    same address).
    """
    port = port or _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(script or REPO / "app.py"), "--server.port", str(port),
         "--server.headless", "true", "--server.address", "127.0.0.1", *extra_args],
        cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO), **(env or {})},
        stdout=subprocess.DEVNULL if quiet else subprocess.PIPE, stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + start_within
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    break
        except OSError:
            time.sleep(0.5)
    else:
        proc.kill()
        said = "" if quiet else proc.stdout.read().decode(errors="replace")[-3000:]
        pytest.fail(f"the app server did not start within {start_within:.0f} s:\n{said}")
    try:
        yield url, proc
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


@contextlib.contextmanager
def running_app():
    """Start ``streamlit run app.py`` on a free loopback port; yield its URL; stop it."""
    with app_server() as (url, _):
        yield url


@pytest.fixture(scope="session")
def server_url():
    with running_app() as url:
        yield url


@pytest.fixture
def page(browser, server_url):
    context = browser.new_context(locale="zh-CN", viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    pg = context.new_page()
    pg.set_default_timeout(60_000)
    yield pg
    context.close()


_SETTLED = """() => {
    const app = document.querySelector('[data-testid="stApp"]');
    return app && app.getAttribute('data-test-script-state') === 'notRunning'
        && !document.querySelector('[data-testid="stSkeleton"]')
        && !!document.querySelector('[data-testid="stMain"] [data-testid="stElementContainer"]');
}"""


def wait_for_app(pg) -> None:
    """Wait until Streamlit has finished running the script and drawn what it sent.

    Before the websocket's first run the app also says ``notRunning`` over an empty page, so a
    settled page must have drawn at least one element, and must still be settled a moment later
    (vega-embed draws charts after the run ends; a rerun may start right after the first).
    """
    pg.wait_for_selector('[data-testid="stApp"]')
    for _ in range(3):
        pg.wait_for_function(_SETTLED, timeout=90_000)
        pg.wait_for_timeout(800)
        if pg.evaluate(_SETTLED):
            return


def shot(pg, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    pg.screenshot(path=str(path), full_page=True)
    return path


def assert_no_error(pg) -> None:
    text = pg.inner_text('[data-testid="stApp"]')
    assert "Traceback" not in text
    assert not pg.query_selector('[data-testid="stException"]'), "an exception box is on the page"


def upload_and_load(pg, path) -> None:
    """Upload ``path`` through the upload page's real file chooser, press 校验并载入 and wait until
    the data is loaded (the address carries the new data's token)."""
    with pg.expect_file_chooser() as chooser:
        pg.get_by_test_id("stFileUploaderDropzone").first.get_by_test_id("stBaseButton-secondary").click()
    chooser.value.set_files(str(path))
    pg.locator(".st-key-upload_validate button").wait_for(timeout=60_000)
    wait_for_app(pg)
    pg.locator(".st-key-upload_validate button").click()
    pg.wait_for_url(re.compile(r"[?&]d=[A-Za-z0-9_-]{43}"), timeout=60_000)
    wait_for_app(pg)
