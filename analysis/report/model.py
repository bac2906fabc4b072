"""What a meeting report is: its sections, charts and tables, and the request it answers.

:class:`Report` holds everything a rendered report shows (renderers only lay it out); each
:class:`Section` carries its charts (:class:`ReportChart`), the tables behind them
(:class:`analysis.core.tables.DisplayTable`, the one table of the screen, the downloads and the
report), its 口径 line, findings and notes. :func:`check_request` validates a request's
parameters; :func:`report_text` reads the report's texts.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import altair as alt
import pandas as pd

from analysis.core.i18n import MessageError, translate
from analysis.core.tables import DisplayTable, cell_text
from analysis.core.units import UNITS
from analysis.overview.findings import Finding

SECTIONS = ("aging", "trend", "causes", "provisions", "whatif", "warnings")
FORMATS = ("html", "xlsx", "pptx")
MIME_TYPES = {
    "html": "text/html",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
}
#: Tables longer than this fold under a "show" toggle in the HTML.
FOLD_ROWS = 12
#: Accounts listed in the warning section's table (the full work lists live on the warnings page).
TOP_ACCOUNTS = 20

ProgressCallback = Callable[[str], None]


#: Modules a worker process needs to render a report (imported once by the fork server; named
#: here, not in ``meeting``, so the app can start the fork server without importing the renderers).
WORKER_PRELOAD = ("analysis.report.meeting",)


class ReportError(MessageError):
    """A bad report request (unknown section, format, month...), with a message in either language."""



@dataclass(frozen=True)
class ReportChart:
    """A chart of a section and the file-name stem it is exported under."""

    key: str
    chart: alt.TopLevelMixin


@dataclass(frozen=True)
class Section:
    """One section of the report."""

    key: str
    title: str
    definitions: str
    findings: tuple[Finding, ...] = ()
    charts: tuple[ReportChart, ...] = ()
    tables: tuple[DisplayTable, ...] = ()
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Report:
    """Everything a rendered report shows; renderers only lay it out."""

    month: str
    lang: str
    unit: str
    measure: str
    title: str
    subtitle: str
    definitions: str
    headline: DisplayTable
    findings: tuple[Finding, ...]
    overview_chart: ReportChart
    sections: tuple[Section, ...]
    generated: str
    overview_table: DisplayTable | None = None
    #: What the upload's validation found (rows read, accepted, rejected and why), under the
    #: subtitle: a month whose rows were all rejected must not vanish from the report unsaid.
    data_note: str = ""


# --- parameters ------------------------------------------------------------------------------

def report_text(key: str, lang: str, **params: object) -> str:
    """The report's text ``report.<key>`` in ``lang``."""
    return translate(f"report.{key}", lang, **params)


def check_request(sections: Sequence[str], lang: str, fmt: str | None = None, measure: str = "balance",
                  unit: str = "wan") -> tuple[str, ...]:
    """Validate the report parameters; returns the sections in report order.

    Raises
    ------
    ReportError
        On an unknown section, language, format, measure or unit, or no section at all.

    Examples
    --------
    >>> check_request(["warnings", "aging"], "zh")
    ('aging', 'warnings')
    """
    if lang not in ("zh", "en"):
        raise ReportError("report.error.lang", value=lang)
    if fmt is not None and fmt not in FORMATS:
        raise ReportError("report.error.format", value=fmt, allowed=", ".join(FORMATS))
    if measure not in ("balance", "count"):
        raise ReportError("report.error.measure", value=measure)
    if unit not in UNITS:
        raise ReportError("report.error.unit", value=unit)
    if isinstance(sections, str):
        sections = [sections]
    unknown = [s for s in sections if s not in SECTIONS]
    if unknown:
        raise ReportError("report.error.section", value=", ".join(map(str, unknown)), allowed=", ".join(SECTIONS))
    chosen = tuple(s for s in SECTIONS if s in set(sections))
    if not chosen:
        raise ReportError("report.error.no_section")
    return chosen


def file_name(month: str, lang: str, fmt: str) -> str:
    """The download's file name.

    Examples
    --------
    >>> file_name("2024-06", "zh", "html"), file_name("2024-06", "en", "pptx")
    ('逾期分析汇报_2024-06.html', 'delinquency_report_2024-06.pptx')
    """
    stem = "逾期分析汇报" if lang == "zh" else "delinquency_report"
    return f"{stem}_{month}.{fmt}"


def size_kb(data: bytes) -> str:
    """A file's size in KB for a button label.

    Examples
    --------
    >>> size_kb(b"x" * 4_000_000)
    '3,906'
    """
    return f"{len(data) / 1024:,.0f}"


# --- rendering: shared helpers --------------------------------------------------------------------

#: The headline table's change column is signed, and a rate's change is in percentage points.
CHANGE_KINDS = {"rate": "pp", "amount": "signed_amount", "count": "signed_count"}


def cell_kind(table: DisplayTable, row: pd.Series, column: str) -> str:
    """How one cell of ``table`` is written.

    The column's kind; in the headline table (one figure per row, each row's kind in its hidden
    ``_kind`` column) the row's kind, signed in the change column (the fourth).
    """
    if column in table.kinds:
        return table.kinds[column]
    if "_kind" in row.index:
        kind = str(row["_kind"])
        return CHANGE_KINDS.get(kind, kind) if column == table.frame.columns[3] else kind
    return "text"


def text_frame(table: DisplayTable, lang: str) -> pd.DataFrame:
    """The shown cells as text, the way the HTML and the slides print them (:func:`cell_text`)."""
    cols = table.shown_columns
    rows = [[cell_text(row[c], cell_kind(table, row, c), lang, table.places(c)) for c in cols]
            for _, row in table.frame.iterrows()]
    return pd.DataFrame(rows, columns=cols)


def lead_findings(section: Section, n: int = 3) -> list[Finding]:
    """The first ``n`` findings of a section (a slide's bullets)."""
    return list(section.findings[:n])
