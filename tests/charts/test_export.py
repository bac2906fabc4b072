"""Chart export: PNG/SVG with Chinese glyphs, never tofu boxes; 2× PNG; explicit missing-font error."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
import textwrap

import altair as alt
import pandas as pd
import pytest

from analysis.charts import export
from analysis.charts.export import (
    CJKFontMissing, chart_to_png, chart_to_svg, export_spec, find_cjk_font, png_size, render_spec,
)
from analysis.charts.theme import house_config, titled
from tests.conftest import REPO

needs_font = pytest.mark.skipif(find_cjk_font() is None, reason="no CJK font installed (make system-deps)")


def _chart(title: str, subtitle: str = "口径：按余额；数据月份：2024-06", width: int = 240) -> alt.Chart:
    data = pd.DataFrame({"bucket": ["正常", "逾期1-30天"], "balance": [100.0, 20.0]})
    base = alt.Chart(data).mark_bar().encode(
        x=alt.X("bucket:N", title="逾期分段"), y=alt.Y("balance:Q", title="余额（万元）")
    ).properties(width=width, height=120)
    return house_config(titled(base, title, subtitle))


# A script run with the system font directories hidden (a private mount namespace), i.e. the
# CJK font deliberately missing. It reports whether our export refused, and writes what
# vl-convert draws without the font.
_NO_FONT_SCRIPT = textwrap.dedent("""
    import json, sys
    sys.path.insert(0, {repo!r})
    from analysis.charts import export
    import vl_convert as vlc
    out = {{"found": export.find_cjk_font() is not None}}
    try:
        export.chart_to_png(json.load(open(sys.argv[1])))
        out["raised"] = False
    except export.CJKFontMissing:
        out["raised"] = True
    for i, path in enumerate(sys.argv[1:]):
        open(path + ".png", "wb").write(vlc.vegalite_to_png(json.load(open(path)), scale=2))
    print(json.dumps(out))
""")


def _render_without_fonts(tmp_path, specs: list[dict]):
    unshare = shutil.which("unshare")
    if unshare is None:
        pytest.skip("unshare is not available to hide the fonts")
    script = tmp_path / "nofont.py"
    script.write_text(_NO_FONT_SCRIPT.format(repo=str(REPO)), encoding="utf-8")
    empty = tmp_path / "empty"
    empty.mkdir()
    paths = []
    for i, spec in enumerate(specs):
        path = tmp_path / f"spec{i}.json"
        path.write_text(json.dumps(spec, ensure_ascii=False), encoding="utf-8")
        paths.append(str(path))
    hide = " ".join(
        f"[ -d {d} ] && mount --bind {empty} {d};" for d in ("/usr/share/fonts", "/usr/local/share/fonts")
    )
    cmd = [unshare, "-r", "-m", "sh", "-c", f"{hide} exec {sys.executable} {script} {' '.join(paths)}"]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=120,
                          env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)})
    if proc.returncode != 0:
        pytest.skip(f"could not hide the fonts in a namespace: {proc.stderr.strip()[:200]}")
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    return result, [open(p + ".png", "rb").read() for p in paths]


@needs_font
def test_png_with_chinese_title_differs_from_the_rendering_without_the_font(tmp_path):
    chart = _chart("逾期率趋势（按余额）")
    with_font = chart_to_png(chart)
    spec = render_spec(chart)
    result, (without_font,) = _render_without_fonts(tmp_path, [spec])
    assert not result["found"]
    assert result["raised"], "exporting Chinese text without a CJK font must raise CJKFontMissing"
    assert without_font[:4] == b"\x89PNG"
    assert with_font != without_font


@needs_font
def test_different_chinese_titles_give_different_images(tmp_path):
    # With tofu every ideograph is the same .notdef box, so two titles of equal length render
    # identically; with a real font they differ. The namespace run proves the premise.
    a, b = _chart("逾期率趋势"), _chart("正常余额占")
    assert chart_to_png(a) != chart_to_png(b)
    result, (tofu_a, tofu_b) = _render_without_fonts(tmp_path, [render_spec(a), render_spec(b)])
    assert tofu_a == tofu_b


@needs_font
def test_svg_keeps_the_chinese_text_and_the_definitions_line():
    svg = chart_to_svg(_chart("各分段余额分布"))
    assert svg.lstrip().startswith("<svg")
    for text in ("各分段余额分布", "口径：按余额；数据月份：2024-06", "余额（万元）", "逾期1-30天"):
        assert text in svg


@needs_font
def test_png_is_twice_the_chart_size():
    chart = _chart("逾期率趋势")
    w1, h1 = png_size(chart_to_png(chart, scale=1))
    w2, h2 = png_size(chart_to_png(chart))  # default scale 2
    assert (w2, h2) == (2 * w1, 2 * h1)
    svg = chart_to_svg(chart)
    svg_width = float(svg.split('width="', 1)[1].split('"', 1)[0])
    assert w1 == pytest.approx(svg_width, abs=1)


def test_container_width_becomes_a_fixed_width_and_the_chart_is_untouched():
    chart = _chart("x").properties(width="container")
    spec = export_spec(chart)
    assert spec["width"] == export.EXPORT_WIDTH
    assert spec["background"] == "white"
    assert chart.to_dict()["width"] == "container"


def test_missing_cjk_font_is_an_explicit_error(monkeypatch):
    monkeypatch.setattr(export, "find_cjk_font", lambda: None)
    with pytest.raises(CJKFontMissing, match="fonts-noto-cjk"):
        chart_to_png(_chart("逾期率"))
    with pytest.raises(CJKFontMissing):
        chart_to_svg(_chart("逾期率"))
    # A chart without Chinese text does not need the font.
    english = alt.Chart(pd.DataFrame({"x": [1, 2]})).mark_bar().encode(x="x:O").properties(title="Rate")
    assert chart_to_png(english)[:4] == b"\x89PNG"


def test_font_directory_can_be_pinned(tmp_path, monkeypatch):
    found = find_cjk_font()
    if found is None:
        pytest.skip("no CJK font to copy")
    (tmp_path / "wqy-microhei.ttc").symlink_to(found[0])
    monkeypatch.setenv(export.FONT_DIR_ENV, str(tmp_path))
    export.find_cjk_font.cache_clear()
    try:
        path, family = export.find_cjk_font()
        assert path.parent == tmp_path and family == "WenQuanYi Micro Hei"
    finally:
        monkeypatch.delenv(export.FONT_DIR_ENV)
        export.find_cjk_font.cache_clear()


def test_scale_must_be_positive():
    with pytest.raises(ValueError):
        chart_to_png(_chart("x"), scale=0)


def test_png_size_rejects_other_bytes():
    with pytest.raises(ValueError):
        png_size(b"GIF89a" + b"\0" * 30)
