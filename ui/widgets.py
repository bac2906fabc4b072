"""Widgets every page uses the same way: charts with downloads, tables under charts, notes.

A :class:`~analysis.core.tables.DisplayTable` is shown by :func:`show_display_table`, formatted as
the report formats it (``analysis.core.tables.screen_formats``); its CSV download writes numbers,
not text (``analysis.core.tables.csv_frame``): full precision, in the unit the screen shows (rates
and points ×100, the unit in the column title), personal data masked.
"""
from __future__ import annotations

from collections.abc import Mapping
from contextlib import contextmanager
from typing import Callable

import altair as alt
import pandas as pd
import streamlit as st

from analysis.charts.theme import PICK
from analysis.core.engine import engine_errors
from analysis.core.i18n import MessageError
from analysis.core.markup import escape_markdown
from analysis.core.privacy import export_csv_bytes, mask_by_content
from analysis.core.tables import MISSING, DisplayTable, csv_frame, screen_formats, screen_values
from ui import memo, state
from ui.chart_export import chart_download_buttons, chart_title, file_stem
from ui.i18n import lang, t


#: Metric labels and the page list wrap instead of ending in "…": a long label with its unit (a
#: four-a-row card, a narrow laptop) or a long page name must still be read whole.
_HOUSE_CSS = """<style>
[data-testid="stMetricLabel"], [data-testid="stMetricLabel"] *,
[data-testid="stSidebarNavLink"] span { white-space: normal !important;
  overflow: visible !important; text-overflow: clip !important; height: auto !important; }
</style>"""


#: Streamlit writes its file uploaders' button and size line in English whatever the page's
#: language (it offers no parameter for them): on a page in another language the house writes them
#: over in that language (the accepted formats are in each uploader's own label and help).
_UPLOADER_CSS = """<style>
[data-testid="stFileUploaderDropzone"] [data-testid="stBaseButton-secondary"] [data-testid="stMarkdownContainer"] p,
[data-testid="stFileUploaderDropzoneInstructions"] span {{ font-size: 0 !important; }}
[data-testid="stFileUploaderDropzone"] [data-testid="stBaseButton-secondary"] [data-testid="stMarkdownContainer"] p::after
{{ content: "{button}"; font-size: 0.875rem; }}
[data-testid="stFileUploaderDropzoneInstructions"] span {{ white-space: normal !important; overflow: visible !important; }}
[data-testid="stFileUploaderDropzoneInstructions"] span::after {{ content: "{limit}"; font-size: 0.875rem; white-space: normal; }}
</style>"""


def house_styles() -> None:
    """The few rules the house adds to Streamlit's look on every page (see ``_HOUSE_CSS``), and
    the file uploaders' own words in the page's language (``_UPLOADER_CSS``)."""
    st.html(_HOUSE_CSS)
    if lang() != "en":
        limit = int(st.get_option("server.maxUploadSize") or 200)
        size = f"{limit // 1000} GB" if limit >= 1000 and limit % 1000 == 0 else f"{limit} MB"
        st.html(_UPLOADER_CSS.format(button=t("app.uploader.button"), limit=t("app.uploader.limit", size=size)))


def show_chart(chart: alt.TopLevelMixin, key: str, name: str | None = None, pick: bool = False) -> list[dict]:
    """Draw an altair chart full width, with PNG/SVG downloads unless presenting.

    Parameters
    ----------
    chart : altair chart built by ``analysis.charts``
    key : str
        Unique widget key on the page (also the default file name).
    name : str, optional
        File name stem for downloads.
    pick : bool
        The chart was built with a click selection (:func:`analysis.charts.theme.pick_on`): a click
        reruns the page and the clicked mark's fields are returned, for drill-through.

    Returns
    -------
    list of dict
        The picked marks' fields (empty when nothing is picked or ``pick`` is off).
    """
    if "to_dict" not in vars(chart):
        # built on this run (not kept by memo.chart): Streamlit's to_dict would check the whole
        # Vega-Lite schema on every draw; check it once per spec structure instead, as memo.chart does
        chart = memo.checked_once(chart)
    if pick:
        event = st.altair_chart(chart, width="stretch", theme=None, key=f"chart_{key}", on_select="rerun",
                                selection_mode=[PICK])
    else:
        event = st.altair_chart(chart, width="stretch", theme=None, key=f"chart_{key}")
    if not state.presentation():
        # files named after what they show, in the reader's language (not the widget's key)
        chart_download_buttons(chart, key=key, name=name or chart_title(chart) or key)
    return picked(event)


def picked(event) -> list[dict]:
    """The fields of the marks a chart selection event picked (``[]`` without a selection)."""
    # Without on_select Streamlit returns the element itself, not an event.
    selection = event.get("selection") if isinstance(event, Mapping) else None
    points = selection.get(PICK) if isinstance(selection, Mapping) else None
    points = points or []
    return [dict(p) for p in points if isinstance(p, dict)]


def show_table(frame: pd.DataFrame, key: str, label: str | None = None, expanded: bool = False,
               column_config: dict | None = None, file_name: str | None = None,
               csv: Callable[[], pd.DataFrame] | None = None) -> None:
    """The table behind a chart, collapsed under it, with a CSV download (PII masked).

    ``label`` is plain text (shown literally, never as markdown).

    ``csv`` builds what the download writes when it differs from the frame shown (default
    ``frame``); it runs only when the button is clicked, so a rerun does not pay for it.
    """
    if state.presentation():  # the room reads the chart; tables and downloads are desk work
        return
    # A table's title names segments and columns from the file: shown as text, not markdown.
    with st.expander(escape_markdown(label) if label else t("widgets.table"), expanded=expanded):
        # free text in a table (overdue reasons, notes) may hold a phone or an ID number: masked by content
        shown = mask_by_content(frame, not_names=frozenset(frame.columns))
        # a missing figure reads "–", as in the report, not Streamlit's "None"
        st.dataframe(shown, hide_index=True, width="stretch", column_config=column_config, key=f"table_{key}",
                     placeholder=MISSING)
        st.download_button(
            t("widgets.download_csv"),
            data=lambda: export_csv_bytes(frame if csv is None else csv()),  # built only when clicked
            file_name=f"{file_stem(file_name or label or key)}.csv",
            mime="text/csv",
            key=f"dl_csv_{key}",
        )


def show_display_table(table: DisplayTable, key: str | None = None, label: str | None = None,
                       expanded: bool = False) -> None:
    """A :class:`~analysis.core.tables.DisplayTable` on screen, formatted as the report formats it.

    Its CSV download holds numbers (:func:`analysis.core.tables.csv_frame`).
    """
    L = lang()
    config = {c: st.column_config.NumberColumn(c, format=f) for c, f in screen_formats(table, L).items()}
    show_table(screen_values(table), key=key or table.key, label=label or table.title, expanded=expanded,
               column_config=config, file_name=table.title or table.key, csv=lambda: csv_frame(table, L))


def definitions(text: str) -> None:
    """The 口径 line under a heading (plain text: it names the filters' segment values)."""
    st.caption(f":material/straighten: {escape_markdown(text)}")


def stop_unless_rows() -> None:
    """Stop the page with an explanation when there is no data, or the filters leave no rows.

    Every analysis page starts with this, so the empty states read the same everywhere.
    """
    if not state.has_data():
        st.info(t("app.no_data"))
        st.page_link("pages/upload.py", label=t("app.go_upload"), icon=":material/upload_file:")
        st.stop()
    if not len(state.portfolio()):
        st.info(t("app.no_rows"))
        st.stop()
    note = state.rows_note()
    if note:  # a large dataset: say which figures come from one month's accounts
        st.caption(f":material/info: {note}")


@contextmanager
def problems_said():
    """Around a page: a problem it did not catch that has a message of its own (an uploaded book
    that needs more memory than the limit, a Spark cluster that stopped answering) is shown in the
    user's language, where Streamlit would show a bare error box.

    An engine's own error is named by its kind only: its text can quote a value of the data.
    """
    try:
        yield
    except MessageError as exc:
        st.error(exc.markdown(lang()), icon=":material/error:")
    except engine_errors() as exc:
        st.error(t("app.error", error=type(exc).__name__), icon=":material/error:")
