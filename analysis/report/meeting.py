"""The meeting report (会议汇报): one month, chosen sections, HTML / XLSX / PPTX.

:func:`assemble_report` runs the analyses of the other areas (aging, trend and forecast,
causes, provisions, what-if, early warning) for one month and collects, per section, its charts, the
tables behind them, the 口径 line and the findings (written by :mod:`analysis.overview.findings`, the
same sentences the overview shows). The renderers turn that one :class:`Report` into

* **HTML** — one self-contained file: inline CSS, charts as inline SVG, no script, no CDN, no
  external URL; opens offline in any browser and prints cleanly;
* **XLSX** — a summary sheet (headline figures, findings, 口径) and one formatted sheet per table
  (title, 口径, bold header, number formats, frozen panes), personal data masked;
* **PPTX** — a title slide and one slide per section: the section's main chart (PNG 2×) and
  two or three finding bullets.

Every aggregate (distribution, mix, roll rates, delinquency and entry rates, projection) is read
from the data core's cubes (:mod:`analysis.core`), the same cubes the pages read, so the report
and the screen cannot disagree; only the sections that need one row per account (early warning,
what-if, causes, provisions) read the portfolio rows.

:func:`build_report` is the one-call version the CLI and the tests use.

The package's modules: :mod:`.model` (what a report is: :class:`Report`, :class:`Section`, the
request's check), :mod:`.context` (the month's shared inputs), :mod:`.sections` (one builder per
section), :mod:`.to_html`, :mod:`.to_xlsx`, :mod:`.to_pptx` (the renderers); this module
assembles and renders. Every table is an :class:`analysis.core.tables.DisplayTable`, written by
that module's ``cell_text`` / ``excel_format`` so the report, the screen and the downloads agree.
Amounts are shown in the chosen unit (元/万元/亿元) and the unit is named in every column title; rates are shares
(formatted as %), rate changes percentage points.
"""
from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Sequence
from dataclasses import replace

import pandas as pd

from analysis.core import Cubes, book_from_portfolio
from analysis.core.buckets import DEFAULT_BUCKETS, Buckets
from analysis.core.units import COUNT_UNIT
from analysis.core.workers import map_in_workers
from analysis.ingest.rejections import reason_label
from analysis.overview.findings import FindingsInputs
from analysis.provisions.settings import ProvisionSettings
from analysis.trend.projection import ProjectionChoice
from analysis.report import sections as build
from analysis.report.context import ReportContext
from analysis.report.model import (FORMATS, WORKER_PRELOAD, ProgressCallback, Report, ReportError, Section, check_request,
                                   report_text)
from analysis.report.to_html import render_html
from analysis.report.to_pptx import render_pptx
from analysis.report.to_xlsx import render_xlsx

#: What a section that cannot run on this data raises (the analyses' MessageError is a
#: ValueError; a column the data lacks, a KeyError): noted in the report, the rest still built.
#: Anything else is a bug and propagates.
SECTION_FAILURES = (ValueError, KeyError)


def assemble_report(
    portfolio: pd.DataFrame,
    *,
    sections: Sequence[str],
    month: str | None = None,
    lang: str = "zh",
    buckets: Buckets | None = None,
    measure: str = "balance",
    unit: str = "wan",
    events: pd.DataFrame | None = None,
    filters: dict[str, list[str]] | None = None,
    data_name: str = "",
    policies: Sequence | None = None,
    champion: int = 0,
    assumptions=None,
    cubes: Cubes | None = None,
    inputs: FindingsInputs | None = None,
    warning_thresholds=None,
    warning_rule=None,
    reason_dictionary: pd.DataFrame | None = None,
    playbook: pd.DataFrame | None = None,
    cause_responses: dict[str, str] | None = None,
    provisions: ProvisionSettings | None = None,
    progress: ProgressCallback | None = None,
    history: tuple[pd.DataFrame, Cubes] | None = None,
    projection: ProjectionChoice | None = None,
) -> Report:
    """Run the chosen sections' analyses for ``month`` and collect them into a :class:`Report`.

    (Long only for its documented parameters: the checks here, the work in ``_assemble``.)

    Parameters
    ----------
    portfolio : DataFrame
        Canonical portfolio: the account rows behind ``cubes`` (the sidebar's filtered rows in
        the app). The sections that need one row per account (early warning, what-if, causes)
        read it; every aggregate comes from ``cubes``.
    sections : sequence of str
        Any of :data:`SECTIONS`; the headline figures and key findings always come first.
    month : str, optional
        ``YYYY-MM``; default the latest month.
    lang : {"zh", "en"}
    buckets : Buckets, optional
        The bucket scheme; default the cubes' (or the default scheme when the report builds its
        own cubes). Must match ``cubes.buckets`` when both are given.
    measure : {"balance", "count"}
        Basis of every rate, mix and roll-rate matrix in the report (the sidebar's measure).
    unit : {"yuan", "wan", "yi", "account"}
        ``"account"`` for a book with no balances (each account-month counted as 1): figures in
        accounts, the measure ``count``, and the money-only sections (provisions, what-if) say
        what they would need instead of their figures.
    events : DataFrame, optional
        Timeline events (``month``, ``label``) drawn on the trend charts.
    filters : dict, optional
        Segment filters already applied to ``portfolio`` and ``cubes`` (stated in the 口径 line).
    data_name : str
        The data's name for the title page.
    policies : sequence of analysis.whatif.policy.Policy, optional
        What-if scenarios; default today's policy against "cut limits 30 % for 31+ DPD".
    champion : int
        Position of today's policy in ``policies``.
    assumptions : analysis.whatif.policy.Assumptions, optional
        What-if assumptions; default PD per bucket from the book's own history and the
        what-if defaults.
    cubes : analysis.core.Cubes, optional
        The data core's cubes of the same data, filters and buckets (``state.cubes()`` in the
        app), so the report shows the numbers the pages show; default: built here from
        ``portfolio`` in DuckDB (and released when the report is assembled).
    inputs : FindingsInputs, optional
        Ready :func:`analysis.overview.findings.gather_inputs` of the same cubes, month and measure
        (the overview's, so the report does not forecast again).
    warning_thresholds, warning_rule : optional
        Early-warning thresholds and level rule (default: the warning module's defaults).
    reason_dictionary : DataFrame, optional
        Overdue-reason keyword dictionary (default: the shipped one).
    playbook, cause_responses : optional
        Collection playbook by DPD and response per cause (default: the shipped ones).
    provisions : analysis.provisions.settings.ProvisionSettings, optional
        The provisions section's staging rules, ECL assumptions (LGD, CCF, discounting, life,
        scenarios), PD window, five-tier thresholds and reference levels: the provisions page's
        in the app; default the analysis defaults.
    progress : callable, optional
        Called with a section key as each section starts (for a progress display).
    history : (DataFrame, Cubes), optional
        The rows and cubes of the same filters with every month before the first of
        ``portfolio`` (``ui.state.history()`` in the app): the provisions, the warnings and the
        what-if read the accounts' history, so a chart window starting late does not change them.
        Default: ``portfolio`` and ``cubes``.
    projection : analysis.trend.projection.ProjectionChoice, optional
        The roll-rate projection's window, months, mode and edited matrix (the trend page's in
        the app); default the page's defaults.

    Returns
    -------
    Report

    Raises
    ------
    ReportError
        On a bad parameter or a month that is not in the data.
    """
    chosen = check_request(sections, lang, None, measure, unit)
    if unit == COUNT_UNIT:  # a book with no balances: its balances are counts, said as accounts
        measure = "count"
    if not isinstance(portfolio, pd.DataFrame) or not len(portfolio):
        raise ReportError("report.error.empty")
    if cubes is not None and buckets is not None and buckets != cubes.buckets:
        raise ValueError("buckets differ from the cubes' bucket scheme; pass the cubes built for them")
    if cubes is not None:
        return _assemble(portfolio, cubes, chosen, month, lang, measure, unit, events, filters, data_name, policies,
                         champion, assumptions, inputs, warning_thresholds, warning_rule, reason_dictionary, playbook,
                         cause_responses, provisions, progress, history, projection)
    book = book_from_portfolio(portfolio)
    try:
        return _assemble(portfolio, book.cubes(buckets or DEFAULT_BUCKETS), chosen, month, lang, measure, unit, events,
                         filters, data_name, policies, champion, assumptions, inputs, warning_thresholds, warning_rule,
                         reason_dictionary, playbook, cause_responses, provisions, progress, history, projection)
    finally:
        book.close()


def _assemble(rows, cubes, chosen, month, lang, measure, unit, events, filters, data_name, policies, champion,
              assumptions, inputs, warning_thresholds, warning_rule, reason_dictionary, playbook, cause_responses,
              provisions, progress, history=None, projection=None) -> Report:
    months = list(cubes.months)
    if not months:
        raise ReportError("report.error.empty")
    month = month or months[-1]
    if month not in months:
        raise ReportError("report.error.month", value=month, first=months[0], last=months[-1])
    warning_settings = {"warning_thresholds": warning_thresholds, "warning_rule": warning_rule,
                        "reason_dictionary": reason_dictionary, "playbook": playbook,
                        "cause_responses": cause_responses}
    ctx = ReportContext(cubes, rows, month, lang, unit, measure, events, filters or {}, policies, champion,
                        assumptions, warning_settings, provisions=provisions, sections=chosen, history=history,
                        projection=projection)
    if inputs is not None:
        if inputs.month != month or inputs.measure != measure:
            raise ValueError("inputs were gathered for another month or measure")
        ctx.get("inputs", lambda: inputs)
    notify = progress or (lambda _key: None)

    notify("headline")
    headline, findings, overview_chart, overview_table = build.headline(ctx)
    built = []
    for key in chosen:
        notify(key)
        built.append(_section(ctx, key))
    title = report_text("doc_title", lang, month=month)
    subtitle = report_text("doc_subtitle", lang, name=data_name or report_text("data_unnamed", lang), month=month)
    return Report(month, lang, unit, measure, title, subtitle, ctx.defs(month=month, buckets=cubes.buckets), headline,
                  findings, overview_chart, tuple(built), _dt.datetime.now().strftime("%Y-%m-%d %H:%M"),
                  overview_table)


def _counted(section: Section, ctx: ReportContext) -> Section:
    """A section of a book with no balances without its balance columns where the table also
    counts accounts (they would repeat the accounts and their shares), and its other "amounts",
    which are numbers of accounts, written as whole numbers; money the file wrote itself (its
    overdue amounts, in 元) stays money."""
    if not ctx.view.counts_only:
        return section
    accounts = report_text("col.accounts", ctx.lang)
    balance = {ctx.amount_col("balance"), report_text("col.balance_share", ctx.lang)}
    money = {ctx.money_col("overdue_amount")}
    tables = []
    for table in section.tables:
        drop = [c for c in table.frame.columns if c in balance] if accounts in table.frame.columns else []
        kinds = {k: ("count" if v == "amount" and k not in money else v) for k, v in table.kinds.items() if k not in drop}
        tables.append(replace(table, frame=table.frame.drop(columns=drop), kinds=kinds))
    return replace(section, tables=tuple(tables))


def _section(ctx: ReportContext, key: str) -> Section:
    """One section, or, when it cannot run on this data, the section with a note saying why."""
    # Looked up at call time, so a test can stand a failing builder in for one section.
    builder = getattr(build, f"section_{key}")
    try:
        return _counted(builder(ctx), ctx)
    except ReportError:
        raise
    except SECTION_FAILURES as exc:
        message = exc.message(ctx.lang) if hasattr(exc, "message") else (str(exc) or type(exc).__name__)
        return Section(key, report_text(f"section.{key}", ctx.lang), ctx.defs(month=ctx.month),
                       notes=(report_text("note.section_failed", ctx.lang, error=message),))


RENDERERS = {"html": render_html, "xlsx": render_xlsx, "pptx": render_pptx}


def data_note(summary: dict | None, lang: str) -> str:
    """The validation in one line: rows read, accepted and rejected, with the main reasons.

    Parameters
    ----------
    summary : dict or None
        An ingest summary (``rows_read``, ``rows_accepted``, ``rows_rejected``, ``reasons``);
        ``None`` or an empty one (a dataset read where it lies) gives ``""``.

    Examples
    --------
    >>> data_note({"rows_read": 360, "rows_accepted": 300, "rows_rejected": 60,
    ...            "reasons": {"ingest.reject.bad_dpd": 60}}, "en")
    'Validation: 360 rows read, 300 accepted, 60 rejected (DPD not a whole number: 60).'
    >>> data_note({"rows_read": 10, "rows_accepted": 10, "rows_rejected": 0, "reasons": {}}, "zh")
    '校验：读取 10 行，全部采用。'
    """
    if not summary or "rows_read" not in summary:
        return ""
    read, accepted, rejected = (int(summary.get(k) or 0) for k in ("rows_read", "rows_accepted", "rows_rejected"))
    if not rejected:
        return report_text("data_note_all", lang, read=f"{read:,}")
    reasons = sorted((summary.get("reasons") or {}).items(), key=lambda kv: -kv[1])
    listed = ("；" if lang == "zh" else "; ").join(
        f"{reason_label(key, lang)}{'：' if lang == 'zh' else ': '}{n:,}" for key, n in reasons[:3])
    more = len(reasons) - 3
    if more > 0:
        listed += report_text("data_note_more", lang, n=more)
    return report_text("data_note", lang, read=f"{read:,}", accepted=f"{accepted:,}", rejected=f"{rejected:,}",
                       reasons=listed)


def with_data_note(report: Report, summary: dict | None) -> Report:
    """``report`` with :func:`data_note` of ``summary`` under its subtitle."""
    return replace(report, data_note=data_note(summary, report.lang))


def render_report(report: Report, fmt: str) -> bytes:
    """Render an assembled report as ``html``, ``xlsx`` or ``pptx`` bytes."""
    if fmt not in FORMATS:
        raise ReportError("report.error.format", value=fmt, allowed=", ".join(FORMATS))
    return RENDERERS[fmt](report)


def render_reports(report: Report, formats: Sequence[str],
                   on_done: Callable[[str], None] | None = None) -> dict[str, bytes]:
    """Render ``report`` in each of ``formats``, side by side in worker processes.

    Rendering is GIL-bound Python and vl-convert (~7 s of CPU for the sample's HTML): in a
    server, run in the server's own process it makes every other user's page wait, and it
    uses one core. The worker processes (:mod:`analysis.core.workers`) render the formats in
    parallel on the other cores; where none can start, the formats are rendered here, one by one.

    Parameters
    ----------
    report : Report
        An assembled report (pickled to the workers).
    formats : sequence of str
        Any of :data:`FORMATS`.
    on_done : callable, optional
        Called with each format as its file is ready, in the order they finish.

    Returns
    -------
    dict
        ``{format: bytes}`` in the order of ``formats``; the same bytes :func:`render_report` gives.

    Raises
    ------
    ReportError
        An unknown format (before anything is rendered), or a renderer's own refusal.
    """
    formats = list(formats)
    for fmt in formats:
        if fmt not in FORMATS:
            raise ReportError("report.error.format", value=fmt, allowed=", ".join(FORMATS))
    done = None if on_done is None else (lambda i: on_done(formats[i]))
    files = map_in_workers(render_report, [(report, fmt) for fmt in formats], preload=WORKER_PRELOAD, on_done=done)
    return dict(zip(formats, files))


def build_report(portfolio: pd.DataFrame, *, sections: Sequence[str], month: str | None = None, lang: str = "zh",
                 buckets: Buckets | None = None, measure: str = "balance", unit: str = "wan",
                 events: pd.DataFrame | None = None, fmt: str = "html", cubes: Cubes | None = None,
                 **options) -> bytes:
    """Build the meeting report for ``month`` in one call: analyses, findings, then the file.

    Parameters
    ----------
    portfolio : DataFrame
        Canonical portfolio (the account rows behind ``cubes``).
    sections : sequence of str
        Any of :data:`SECTIONS` (``aging``, ``trend``, ``causes``, ``provisions``, ``whatif``, ``warnings``).
    month : str, optional
        ``YYYY-MM``; default the latest month.
    lang : {"zh", "en"}
    buckets : Buckets, optional
        Default the cubes' scheme (or the default scheme without cubes).
    measure : {"balance", "count"}
    unit : {"yuan", "wan", "yi"}
    events : DataFrame, optional
        Timeline events for the trend charts.
    fmt : {"html", "xlsx", "pptx"}
    cubes : analysis.core.Cubes, optional
        The data core's cubes of the same data, filters and buckets (``state.cubes()`` in the
        app, ``book_from_portfolio(portfolio).cubes(buckets)`` in the CLI); default: built here.
    **options
        Passed to :func:`assemble_report` (``filters``, ``data_name``, ``policies``,
        ``champion``, ``assumptions``, ``inputs``, ``warning_thresholds``, ``warning_rule``,
        ``reason_dictionary``, ``playbook``, ``cause_responses``, ``provisions``, ``progress``).

    Returns
    -------
    bytes

    Examples
    --------
    >>> df = pd.DataFrame({"account_id": ["a", "b", "a", "b"], "month": ["2024-01"] * 2 + ["2024-02"] * 2,
    ...                    "days_past_due": [0, 40, 0, 70], "balance": [100.0, 50.0, 90.0, 50.0]})
    >>> build_report(df, sections=["aging"], lang="en")[:15]
    b'<!DOCTYPE html>'
    >>> from analysis.core import book_from_portfolio
    >>> b"by count" in build_report(df, sections=["aging"], lang="en", measure="count",
    ...                             cubes=book_from_portfolio(df).cubes())
    True
    """
    check_request(sections, lang, fmt, measure, unit)
    report = assemble_report(portfolio, sections=sections, month=month, lang=lang, buckets=buckets, measure=measure,
                             unit=unit, events=events, cubes=cubes, **options)
    return render_report(report, fmt)
