"""Charts as files: PNG (2× for slides) and SVG, rendered server-side with vl-convert.

Chinese titles, axis labels and 口径 lines must come out as glyphs, not as empty boxes
("tofu"). vl-convert draws text with the fonts it can see; a chart whose text contains CJK
characters is therefore only rendered after a CJK font has been found on this machine and its
directory registered with :func:`vl_convert.register_font_directory`. When no CJK font exists
the export fails with :class:`CJKFontMissing` and a message saying how to install one, instead
of silently handing a manager a slide full of boxes.

A font directory can be pinned with the ``DW_CJK_FONT_DIR`` environment variable (useful on
servers and CI images with fonts in unusual places).
"""
from __future__ import annotations

import functools
import json
import os
import re
import struct
import threading
from pathlib import Path

import altair as alt

from analysis.charts.theme import FONT

#: Environment variable naming an extra directory to search for a CJK font first.
FONT_DIR_ENV = "DW_CJK_FONT_DIR"

#: Width given to charts that ask for their container's width (``width="container"``):
#: there is no container when rendering to a file; 760 px fits a 16:9 slide at 2×.
EXPORT_WIDTH = 760

# File-name patterns of common CJK fonts → the family name to ask for. Order = preference
# (sans before serif: charts read better in a sans face).
_FONT_PATTERNS: tuple[tuple[str, str], ...] = (
    (r"notosanscjk.*\.(ttc|otf|ttf)$", "Noto Sans CJK SC"),
    (r"notosanssc.*\.(ttc|otf|ttf)$", "Noto Sans SC"),
    (r"sourcehansans.*\.(ttc|otf|ttf)$", "Source Han Sans SC"),
    (r"wqy-microhei\.(ttc|ttf)$", "WenQuanYi Micro Hei"),
    (r"wqy-zenhei\.(ttc|ttf)$", "WenQuanYi Zen Hei"),
    (r"msyh\.(ttc|ttf)$", "Microsoft YaHei"),
    (r"pingfang.*\.(ttc|otf|ttf)$", "PingFang SC"),
    (r"simhei\.ttf$", "SimHei"),
    (r"notoserifcjk.*\.(ttc|otf|ttf)$", "Noto Serif CJK SC"),
    (r"simsun\.(ttc|ttf)$", "SimSun"),
)

_SYSTEM_FONT_DIRS = (
    "/usr/share/fonts",
    "/usr/local/share/fonts",
    "~/.local/share/fonts",
    "~/.fonts",
    "/Library/Fonts",
    "/System/Library/Fonts",
    "~/Library/Fonts",
    "C:/Windows/Fonts",
)

_CJK_RE = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")
_REGISTER_LOCK = threading.Lock()
_registered: set[str] = set()


class CJKFontMissing(RuntimeError):
    """No Chinese-capable font was found, so the chart's Chinese text would render as boxes."""

    def __init__(self, searched: list[str]):
        self.searched = searched
        super().__init__(
            "No CJK font found for chart export (Chinese text would render as empty boxes). "
            "Install one, e.g. `apt-get install fonts-noto-cjk` (Debian/Ubuntu) or Noto Sans CJK SC / "
            f"Source Han Sans, or set {FONT_DIR_ENV} to a directory holding such a font. "
            f"Searched: {', '.join(searched) or '(nothing)'}"
        )


def _search_dirs() -> list[Path]:
    dirs = []
    pinned = os.environ.get(FONT_DIR_ENV)
    if pinned:
        dirs.append(Path(pinned).expanduser())
    dirs.extend(Path(d).expanduser() for d in _SYSTEM_FONT_DIRS)
    return dirs


@functools.cache
def find_cjk_font() -> tuple[Path, str] | None:
    """The best CJK font file on this machine and the family name to ask for, or ``None``.

    Looks in ``$DW_CJK_FONT_DIR`` first, then the usual system and user font directories
    (Linux, macOS, Windows). The result is cached for the process.

    Examples
    --------
    >>> found = find_cjk_font()
    >>> found is None or found[0].is_file()
    True
    """
    patterns = [(re.compile(p, re.IGNORECASE), family) for p, family in _FONT_PATTERNS]
    best: tuple[int, Path, str] | None = None
    pinned = os.environ.get(FONT_DIR_ENV)
    for root in _search_dirs():
        if not root.is_dir():
            continue
        for dirpath, _dirs, files in os.walk(root):
            for name in files:
                for rank, (pattern, family) in enumerate(patterns):
                    if pattern.search(name):
                        if best is None or rank < best[0]:
                            best = (rank, Path(dirpath) / name, family)
                        break
        # A directory the user pinned wins outright; otherwise stop at the preferred face.
        if best is not None and (best[0] == 0 or (pinned and root == Path(pinned).expanduser())):
            break
    return None if best is None else (best[1], best[2])


def ensure_cjk_font() -> str:
    """Register the CJK font's directory with vl-convert (once) and return its family name.

    Raises
    ------
    CJKFontMissing
        When no CJK font is installed.
    """
    found = find_cjk_font()
    if found is None:
        raise CJKFontMissing([str(d) for d in _search_dirs()])
    path, family = found
    directory = str(path.parent.resolve())
    with _REGISTER_LOCK:
        if directory not in _registered:
            import vl_convert as vlc  # heavy (a bundled JS engine): loaded on the first export only

            vlc.register_font_directory(directory)
            _registered.add(directory)
    return family


def has_cjk(text: str) -> bool:
    """True when ``text`` contains Chinese/Japanese/Korean ideographs or full-width punctuation.

    Examples
    --------
    >>> has_cjk("逾期率"), has_cjk("DPD30+ rate")
    (True, False)
    """
    return bool(_CJK_RE.search(text))


def _with_font(value: object, family: str) -> object:
    # Put the installed family first wherever the house font stack is named, so the renderer
    # asks for a font that is really there (e.g. WenQuanYi on a machine without Noto).
    if isinstance(value, dict):
        return {k: _with_font(v, family) for k, v in value.items()}
    if isinstance(value, list):
        return [_with_font(v, family) for v in value]
    if isinstance(value, str) and value == FONT and not value.startswith(family):
        return f"{family}, {value}"
    return value


def export_spec(chart: alt.TopLevelMixin | dict) -> dict:
    """The Vega-Lite spec to render: fixed widths instead of ``"container"``, house font present.

    Parameters
    ----------
    chart : altair chart or Vega-Lite dict

    Returns
    -------
    dict
        A new spec (the chart is not modified).

    Examples
    --------
    >>> import pandas as pd
    >>> c = alt.Chart(pd.DataFrame({"x": [1]})).mark_point().encode(x="x").properties(width="container")
    >>> export_spec(c)["width"]
    760
    """
    spec = chart if isinstance(chart, dict) else chart.to_dict()
    spec = json.loads(json.dumps(spec))  # a deep copy we are free to edit

    def fix(node: object) -> None:
        if isinstance(node, dict):
            if node.get("width") == "container":
                node["width"] = EXPORT_WIDTH
            if node.get("height") == "container":
                node["height"] = 320
            for v in node.values():
                fix(v)
        elif isinstance(node, list):
            for v in node:
                fix(v)

    fix(spec)
    # On a page a chart without a width stretches to its column; in a file there is no column,
    # and a fit-x chart would shrink to Vega-Lite's default and squeeze its plot to nothing.
    composite = any(k in spec for k in ("hconcat", "vconcat", "concat", "facet", "repeat"))
    if not composite and "width" not in spec:
        spec["width"] = EXPORT_WIDTH
    spec.setdefault("background", "white")
    spec.setdefault("config", {}).setdefault("font", FONT)
    return spec


def render_spec(chart: alt.TopLevelMixin | dict) -> dict:
    """:func:`export_spec` with the installed CJK family first in every font stack.

    Raises
    ------
    CJKFontMissing
        When the chart contains CJK text and no CJK font is installed. Charts without CJK text
        render with whatever fonts exist.
    """
    spec = export_spec(chart)
    if find_cjk_font() is not None:
        return _with_font(spec, ensure_cjk_font())
    if has_cjk(json.dumps(spec, ensure_ascii=False)):
        ensure_cjk_font()  # raises CJKFontMissing with the directories searched
    return spec


def chart_to_png(chart: alt.TopLevelMixin | dict, scale: float = 2) -> bytes:
    """Render a chart to PNG bytes, ``scale`` × its size (2 = sharp on slides and retina screens).

    Parameters
    ----------
    chart : altair chart or Vega-Lite dict
    scale : float, default 2
        Pixel multiplier; must be positive.

    Raises
    ------
    ValueError
        When ``scale`` is not positive.
    CJKFontMissing
        When the chart has Chinese text and no CJK font is installed.

    Examples
    --------
    >>> import pandas as pd
    >>> c = alt.Chart(pd.DataFrame({"x": [1]})).mark_point().encode(x="x")
    >>> chart_to_png(c)[:4]
    b'\\x89PNG'
    """
    if not scale or scale <= 0:
        raise ValueError("scale must be positive")
    import vl_convert as vlc  # heavy (a bundled JS engine): loaded on the first export, not at page import

    return vlc.vegalite_to_png(render_spec(chart), scale=float(scale))


def chart_to_svg(chart: alt.TopLevelMixin | dict) -> str:
    """Render a chart to an SVG document (text stays text, so it is searchable and editable).

    Raises
    ------
    CJKFontMissing
        When the chart has Chinese text and no CJK font is installed (the layout of the text is
        measured with the font, so the SVG needs it too).

    Examples
    --------
    >>> import pandas as pd
    >>> c = alt.Chart(pd.DataFrame({"x": [1]})).mark_point().encode(x="x").properties(title="逾期率")
    >>> "逾期率" in chart_to_svg(c)
    True
    """
    import vl_convert as vlc  # heavy (a bundled JS engine): loaded on the first export, not at page import

    return vlc.vegalite_to_svg(render_spec(chart))


def png_size(png: bytes) -> tuple[int, int]:
    """(width, height) in pixels from a PNG header.

    Examples
    --------
    >>> import pandas as pd
    >>> c = alt.Chart(pd.DataFrame({"x": [1]})).mark_point().encode(x="x").properties(width=100, height=50)
    >>> w1, _ = png_size(chart_to_png(c, scale=1)); w2, _ = png_size(chart_to_png(c, scale=2))
    >>> w2 == 2 * w1
    True
    """
    if png[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG")
    width, height = struct.unpack(">II", png[16:24])
    return int(width), int(height)


__all__ = [
    "CJKFontMissing", "FONT_DIR_ENV", "chart_to_png", "chart_to_svg", "ensure_cjk_font", "export_spec",
    "find_cjk_font", "has_cjk", "png_size", "render_spec",
]
