"""Streamlit's file uploader writes its button and size line in English whatever the page's
language; on a Chinese page the house writes them in Chinese."""
from __future__ import annotations

from tests.browser.conftest import wait_for_app

_AFTER = """() => {
  const button = document.querySelector('[data-testid="stFileUploaderDropzone"] [data-testid="stBaseButton-secondary"] p');
  const line = document.querySelector('[data-testid="stFileUploaderDropzoneInstructions"] span');
  return [getComputedStyle(button, '::after').content, getComputedStyle(line, '::after').content,
          getComputedStyle(button).fontSize, getComputedStyle(line).fontSize];
}"""


def test_the_uploader_speaks_chinese_on_a_chinese_page(page, server_url):
    page.goto(f"{server_url}/upload")
    wait_for_app(page)
    button, line, button_size, line_size = page.evaluate(_AFTER)
    assert button == '"选择文件"' and "单个文件不超过" in line
    assert button_size == line_size == "0px"  # Streamlit's English words are not shown
