"""One upload limit whatever the browser: a file over ``server.maxUploadSize`` × 10^6 bytes (what
the upload help says and what browsers on macOS and Linux apply) is refused by the page with a
message in the reader's language, even when a browser counting 2^20-byte MB let it through."""
from __future__ import annotations

import pytest
from streamlit import config

from tests.app.apptest import assert_clean, open_page

SAYS = {"zh": "超过上传上限 1 MB", "en": "more than the upload limit of 1 MB"}


@pytest.fixture
def one_mb_limit():
    before = config.get_option("server.maxUploadSize")
    config.set_option("server.maxUploadSize", 1)
    yield
    config.set_option("server.maxUploadSize", before)


def _csv(size: int) -> bytes:
    head = "account_id,month,dpd,balance\n"
    row = "A0000001,2024-01,0,1000.00\n"
    return (head + row * ((size - len(head)) // len(row) + 1)).encode()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_file_over_the_limit_is_refused_in_the_reader_s_language(one_mb_limit, lang):
    big = _csv(1_020_000)  # 1.02 × 10^6 bytes: under 1 MiB, so a Windows browser lets it through
    assert 1_000_000 < len(big) < 2**20
    at = open_page("upload", lang)
    at.file_uploader[0].set_value([("big.csv", big, "text/csv")])
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    errors = " ".join(e.value for e in at.error)
    shown = f"{-(-len(big) // 10_000) / 100:.2f} MB"  # rounded up: never reads as the limit itself
    assert "big.csv" in errors and shown in errors and SAYS[lang] in errors, errors
    assert "data_result" not in at.session_state or at.session_state["data_name"] != "big.csv"
    assert not at.data_editor  # nothing was read


def test_a_file_at_the_limit_is_read(one_mb_limit):
    at = open_page("upload", "zh")
    at.file_uploader[0].set_value([("ok.csv", _csv(900_000), "text/csv")])
    at.run()
    assert_clean(at)
    assert not at.error, [e.value for e in at.error]


def test_an_unreadable_file_leaves_no_reading_status_behind():
    at = open_page("upload", "en")
    at.file_uploader[0].set_value([("loans.xlsx", b"%PDF-1.4 not a workbook", "application/octet-stream")])
    at.run()
    assert not at.exception
    assert at.error  # the reader's message
    labels = [s.label for s in at.status] if hasattr(at, "status") else []
    assert not any(label.startswith("Reading") for label in labels), labels
