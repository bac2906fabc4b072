"""The meeting report (会议汇报): one month, chosen sections, HTML / XLSX / PPTX.

:func:`assemble_report` runs the analyses of the other areas (aging, trend and forecast,
causes, what-if, early warning) for one month and collects, per section, its charts, the
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
what-if, causes) read the portfolio rows.

:func:`build_report` is the one-call version the CLI and the tests use. Amounts are shown in
the chosen unit (元/万元/亿元) and the unit is named in every column title; rates are shares
(formatted as %), rate changes percentage points.
"""
from __future__ import annotations

import datetime as _dt
import html
import io
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import altair as alt
import numpy as np
import pandas as pd

from analysis.core.buckets import DEFAULT_BUCKETS, Buckets
from analysis.core.rates import shift_month
from analysis.core.definitions import definitions_line
from analysis.overview.findings import Finding, FindingsInputs
from analysis.core.i18n import MessageError, translate
from analysis.overview.headlines import RISING_IS_BAD
from analysis.core.units import UNITS, format_rate, unit_label

if TYPE_CHECKING:  # the data core pulls in DuckDB; only the type is needed at import
    from analysis.core import Cubes

SECTIONS = ("aging", "trend", "causes", "whatif", "warnings")
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


class ReportError(MessageError):
    """A bad report request (unknown section, format, month...), with a message in either language."""



@dataclass(frozen=True)
class ReportTable:
    """A table behind a chart: numbers kept as numbers, headers in the report language.

    ``kinds`` maps a column title to how it is written: ``rate`` (share → %), ``amount`` (already
    in the report unit), ``count``, ``pp`` (a rate change, as a share), ``number``, ``text``.
    """

    key: str
    title: str
    frame: pd.DataFrame
    kinds: dict[str, str] = field(default_factory=dict)


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
    tables: tuple[ReportTable, ...] = ()
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
    headline: ReportTable
    findings: tuple[Finding, ...]
    overview_chart: ReportChart
    sections: tuple[Section, ...]
    generated: str
    overview_table: ReportTable | None = None


# --- parameters ------------------------------------------------------------------------------

def _t(key: str, lang: str, **params: object) -> str:
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


# --- assembling --------------------------------------------------------------------------------

class _Context:
    """The month's inputs and the shared intermediate results (computed once, on demand).

    Every aggregate is read from the data core's cubes, cut at the report month (a filter of
    the cube frames, never a copy of rows), so the report shows the numbers the pages show;
    ``rows`` (the account rows) serve only the sections that need one row per account.
    """

    def __init__(self, cubes, rows, month, lang, unit, measure, events, filters, policies, champion,
                 assumptions, warning_settings):
        self.cubes, self.rows, self.month, self.lang, self.unit = cubes, rows, month, lang, unit
        self.measure, self.buckets, self.events, self.filters = measure, cubes.buckets, events, filters
        self.policies, self.champion, self.assumptions = policies, champion, assumptions
        self.ws = warning_settings
        self.prev = shift_month(month, -1)
        #: Months of the book up to the report month (later months are ignored).
        self.months = [m for m in cubes.months if m <= month]
        self._cache: dict[str, object] = {}

    def get(self, name: str, make: Callable[[], object]):
        if name not in self._cache:
            self._cache[name] = make()
        return self._cache[name]

    def defs(self, **kw) -> str:
        base = {"measure": self.measure, "filters": self.filters}
        base.update(kw)
        return definitions_line(self.lang, **base)

    def amount_col(self, key: str) -> str:
        return translate("report.with_unit", self.lang, label=_t(f"col.{key}", self.lang),
                         unit=unit_label(self.unit, self.lang))

    def scale(self, values) -> np.ndarray:
        return np.asarray(values, dtype=np.float64) / UNITS[self.unit]

    def inputs(self) -> FindingsInputs:
        from analysis.overview.findings import gather_inputs

        return self.get("inputs", lambda: gather_inputs(
            self.cubes, self.month, self.measure, rows=self.rows, warning_thresholds=self.ws["warning_thresholds"],
            warning_rule=self.ws["warning_rule"], reason_dictionary=self.ws["reason_dictionary"]))

    def aging(self) -> pd.DataFrame:
        """The aging cube up to the report month."""
        return self.get("aging_cube", lambda: _until(self.cubes.aging(), "month", self.month))

    def rolls(self) -> pd.DataFrame:
        """The transition cube of the pairs that end by the report month (what was known then)."""
        return self.get("rolls", lambda: _until(self.cubes.transitions(), "to_month", self.month))

    def rows_upto(self) -> pd.DataFrame:
        """Account rows up to the report month, for the one analysis that reads whole histories
        (the PD estimate); the other row-level sections take a month and never look past it."""
        def cut():
            if max(_months_of_rows(self.rows)) <= self.month:
                return self.rows
            return self.rows[(self.rows["month"].astype(str) <= self.month).to_numpy()]
        return self.get("rows_upto", cut)


def _until(frame: pd.DataFrame, column: str, month: str) -> pd.DataFrame:
    """Rows of a cube frame up to ``month`` (the frame itself when nothing is later)."""
    months = frame[column].astype(str)
    later = (months > month).to_numpy()
    return frame[~later] if later.any() else frame


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
    progress: ProgressCallback | None = None,
) -> Report:
    """Run the chosen sections' analyses for ``month`` and collect them into a :class:`Report`.

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
    unit : {"yuan", "wan", "yi"}
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
    progress : callable, optional
        Called with a section key as each section starts (for a progress display).

    Returns
    -------
    Report

    Raises
    ------
    ReportError
        On a bad parameter or a month that is not in the data.
    """
    chosen = check_request(sections, lang, None, measure, unit)
    if not isinstance(portfolio, pd.DataFrame) or not len(portfolio):
        raise ReportError("report.error.empty")
    if cubes is not None and buckets is not None and buckets != cubes.buckets:
        raise ValueError("buckets differ from the cubes' bucket scheme; pass the cubes built for them")
    if cubes is not None:
        return _assemble(portfolio, cubes, chosen, month, lang, measure, unit, events, filters, data_name, policies,
                         champion, assumptions, inputs, warning_thresholds, warning_rule, reason_dictionary, playbook,
                         cause_responses, progress)
    from analysis.core import book_from_portfolio

    book = book_from_portfolio(portfolio)
    try:
        return _assemble(portfolio, book.cubes(buckets or DEFAULT_BUCKETS), chosen, month, lang, measure, unit, events,
                         filters, data_name, policies, champion, assumptions, inputs, warning_thresholds, warning_rule,
                         reason_dictionary, playbook, cause_responses, progress)
    finally:
        book.close()


def _assemble(rows, cubes, chosen, month, lang, measure, unit, events, filters, data_name, policies, champion,
              assumptions, inputs, warning_thresholds, warning_rule, reason_dictionary, playbook, cause_responses,
              progress) -> Report:
    from analysis.charts.overview import chart_rate_trend
    from analysis.overview.findings import key_findings
    from analysis.overview.headlines import headline_figures

    months = list(cubes.months)
    if not months:
        raise ReportError("report.error.empty")
    month = month or months[-1]
    if month not in months:
        raise ReportError("report.error.month", value=month, first=months[0], last=months[-1])
    buckets = cubes.buckets
    warning_settings = {"warning_thresholds": warning_thresholds, "warning_rule": warning_rule,
                        "reason_dictionary": reason_dictionary, "playbook": playbook,
                        "cause_responses": cause_responses}
    ctx = _Context(cubes, rows, month, lang, unit, measure, events, filters or {}, policies, champion, assumptions,
                   warning_settings)
    if inputs is not None:
        if inputs.month != month or inputs.measure != measure:
            raise ValueError("inputs were gathered for another month or measure")
        ctx._cache["inputs"] = inputs
    notify = progress or (lambda _key: None)

    notify("headline")
    inputs = ctx.inputs()
    warned_now = int(inputs.levels["accounts"].sum()) if inputs.levels is not None else None
    warned = None
    if warned_now is not None:
        from analysis.overview.findings import warning_levels_for

        prev_warned = (int(warning_levels_for(rows, ctx.prev, buckets, warning_thresholds, warning_rule,
                                              reason_dictionary)["accounts"].sum())
                       if ctx.prev in ctx.months and ctx.prev in _months_of_rows(rows) else None)
        warned = (warned_now, prev_warned)
    figures = headline_figures(inputs.summary, month, warned)
    headline = ReportTable("headline", _t("headline", lang), _headline_frame(figures, ctx),
                           _headline_kinds(figures, ctx))
    findings = tuple(key_findings(inputs, buckets))
    rate_defs = ctx.defs(months=(ctx.months[0], month), buckets=buckets)
    overview_chart = ReportChart("rates", chart_rate_trend(inputs.summary[inputs.summary["month"] <= month], lang,
                                                           month, rate_defs, events=events))

    upto = inputs.summary[inputs.summary["month"] <= month]
    rate_metrics = ("overdue_rate", "dpd30_rate", "dpd90_rate", "entry_rate")
    overview_table = ReportTable("headline_rates", _t("table_title.rates", lang), pd.DataFrame({
        _t("col.month", lang): upto["month"].to_numpy(),
        **{translate(f"report.metric.{m}", lang): upto[m].to_numpy(dtype=float) for m in rate_metrics},
    }), {_t("col.month", lang): "text", **{translate(f"report.metric.{m}", lang): "rate" for m in rate_metrics}})

    builders = {"aging": _section_aging, "trend": _section_trend, "causes": _section_causes,
                "whatif": _section_whatif, "warnings": _section_warnings}
    built = []
    for key in chosen:
        notify(key)
        try:
            built.append(builders[key](ctx))
        except ReportError:
            raise
        except Exception as exc:  # noqa: BLE001 - one section that cannot run on this data is noted, not fatal
            message = exc.message(lang) if hasattr(exc, "message") else (str(exc) or type(exc).__name__)
            built.append(Section(key, _t(f"section.{key}", lang), ctx.defs(month=month),
                                 notes=(_t("note.section_failed", lang, error=message),)))
    title = _t("doc_title", lang, month=month)
    subtitle = _t("doc_subtitle", lang, name=data_name or _t("data_unnamed", lang), month=month)
    return Report(month, lang, unit, measure, title, subtitle, ctx.defs(month=month, buckets=buckets), headline,
                  findings, overview_chart, tuple(built), _dt.datetime.now().strftime("%Y-%m-%d %H:%M"),
                  overview_table)


def _months_of_rows(rows: pd.DataFrame) -> set[str]:
    return set(map(str, rows["month"].unique()))  # unique first: no text copy of every row


def _headline_frame(figures: pd.DataFrame, ctx: _Context) -> pd.DataFrame:
    from analysis.charts.overview import metric_label

    rows = []
    for r in figures.itertuples(index=False):
        scale = UNITS[ctx.unit] if r.kind == "amount" else 1.0
        rows.append({
            _t("table.metric", ctx.lang): metric_label(r.metric, ctx.lang, ctx.unit),
            _t("table.value", ctx.lang): r.value / scale,
            _t("table.previous", ctx.lang): r.previous / scale,
            _t("table.change", ctx.lang): r.change / scale,
            _t("table.change_pct", ctx.lang): r.change_pct,
            "_kind": r.kind,
            "_metric": r.metric,
        })
    return pd.DataFrame(rows)


def _headline_kinds(figures: pd.DataFrame, ctx: _Context) -> dict[str, str]:
    # The other columns' kinds differ by row here; "_kind" carries them and the renderers read it.
    return {_t("table.metric", ctx.lang): "text", _t("table.change_pct", ctx.lang): "rate"}


# --- sections -----------------------------------------------------------------------------------

def _finding_list(*items: Finding | None, limit: int = 3) -> tuple[Finding, ...]:
    return tuple(f for f in items if f is not None)[:limit]


def _section_aging(ctx: _Context) -> Section:
    from analysis.aging import rates as ag
    from analysis.charts.aging import chart_bucket_mix, chart_distribution, chart_roll_heatmap
    from analysis.overview.findings import finding_bucket_shift, finding_entry_rate, finding_rate_change

    lang, b = ctx.lang, ctx.buckets
    cube = ctx.aging()
    dist = ag.aging_distribution(cube, ctx.month)
    defs = ctx.defs(month=ctx.month, buckets=b)
    charts = [ReportChart("aging_distribution", chart_distribution(dist, b, lang, ctx.unit, ctx.measure, ctx.month,
                                                                   subtitle=defs))]
    dist_table = pd.DataFrame({
        _t("col.bucket", lang): [b.label_of(str(k), lang) for k in dist["bucket"]],
        _t("col.accounts", lang): dist["count"].to_numpy(),
        _t("col.count_share", lang): dist["count_share"].to_numpy(),
        ctx.amount_col("balance"): ctx.scale(dist["balance"]),
        _t("col.balance_share", lang): dist["balance_share"].to_numpy(),
    })
    kinds = {_t("col.bucket", lang): "text", _t("col.accounts", lang): "count", _t("col.count_share", lang): "rate",
             ctx.amount_col("balance"): "amount", _t("col.balance_share", lang): "rate"}
    if "overdue_amount" in dist.columns:
        dist_table[ctx.amount_col("overdue_amount")] = ctx.scale(dist["overdue_amount"])
        kinds[ctx.amount_col("overdue_amount")] = "amount"
    tables = [ReportTable("aging_distribution", _t("table_title.distribution", lang, month=ctx.month), dist_table, kinds)]

    mix = ag.bucket_mix(cube, ctx.measure)
    months_defs = ctx.defs(months=(ctx.months[0], ctx.month), buckets=b)
    charts.append(ReportChart("aging_mix", chart_bucket_mix(mix, b, lang, ctx.unit, ctx.measure, normalize=True,
                                                            subtitle=months_defs)))
    wide = mix.assign(bucket=[b.label_of(str(k), lang) for k in mix["bucket"]]).pivot_table(
        index="month", columns="bucket", values="share", observed=False, sort=False)
    wide = wide.reindex(columns=[b.label_of(k, lang) for k in b.keys]).reset_index().rename(
        columns={"month": _t("col.month", lang)})
    tables.append(ReportTable("aging_mix", _t("table_title.mix", lang, measure=_t(f"measure.{ctx.measure}", lang)), wide,
                              {c: ("text" if c == _t("col.month", lang) else "rate") for c in wide.columns}))

    rolls = ctx.rolls()
    notes = []
    if ctx.prev in set(rolls["month"].astype(str)):
        # The sidebar's measure, like the aging page: one matrix, one basis, said in its title and 口径.
        long = ag.roll_matrix_long(rolls, [ctx.prev], ctx.measure)
        pair = f"{ctx.prev} → {ctx.month}"
        charts.append(ReportChart("aging_roll_rates", chart_roll_heatmap(
            long, b, lang, ctx.measure, ctx.unit, title_months=pair,
            subtitle=ctx.defs(months=(ctx.prev, ctx.month), buckets=b))))
        matrix = long.assign(
            from_label=[b.label_of(str(k), lang) for k in long["from_bucket"]],
            to_label=[b.label_of(str(k), lang) for k in long["to_bucket"]],
        ).pivot_table(index="from_label", columns="to_label", values="rate", observed=False, sort=False)
        order_from = [b.label_of(k, lang) for k in b.keys]
        order_to = order_from + [b.label_of("exit", lang)]
        matrix = matrix.reindex(index=order_from, columns=order_to).reset_index().rename(
            columns={"from_label": _t("col.from_bucket", lang)})
        tables.append(ReportTable("aging_roll_rates", _t("table_title.roll", lang, pair=pair,
                                                         basis=definitions_line(lang, measure=ctx.measure)), matrix,
                                  {c: ("text" if c == _t("col.from_bucket", lang) else "rate") for c in matrix.columns}))
    else:
        notes.append(_t("note.no_pair", lang, month=ctx.month))
    inputs = ctx.inputs()
    findings = _finding_list(
        finding_bucket_shift(inputs.mix, ctx.month, b, ctx.measure),
        finding_rate_change(inputs.summary, ctx.month, "dpd90_rate"),
        finding_entry_rate(inputs.summary, ctx.month),
    )
    return Section("aging", _t("section.aging", lang), defs, findings, tuple(charts), tuple(tables), tuple(notes))


def _section_trend(ctx: _Context) -> Section:
    from analysis.charts.trend import chart_forecast
    from analysis.overview.findings import finding_entry_rate, finding_forecast, finding_rate_change

    lang = ctx.lang
    inputs = ctx.inputs()
    summary = inputs.summary[inputs.summary["month"] <= ctx.month]
    result = inputs.forecast
    defs = ctx.defs(months=(ctx.months[0], ctx.month), buckets=ctx.buckets)
    label = translate("report.metric.dpd30_rate", lang)
    charts, tables, notes = [], [], []
    if result is not None:
        charts.append(ReportChart("trend_forecast", chart_forecast(
            result.history, result.forecast, title=_t("chart.forecast", lang, metric=label), subtitle=defs,
            value_title=label, is_rate=True, unit=ctx.unit, lang=lang, events=ctx.events)))
        if result.ok:
            fc = result.forecast
            tables.append(ReportTable("trend_forecast", _t("table_title.forecast", lang, metric=label), pd.DataFrame({
                _t("col.month", lang): fc["month"].astype(str).to_numpy(),
                _t("col.forecast", lang): fc["mean"].to_numpy(),
                _t("col.lower80", lang): fc["lower80"].to_numpy(), _t("col.upper80", lang): fc["upper80"].to_numpy(),
                _t("col.lower95", lang): fc["lower95"].to_numpy(), _t("col.upper95", lang): fc["upper95"].to_numpy(),
            }), {_t("col.month", lang): "text", **{_t(f"col.{c}", lang): "rate" for c in
                                                   ("forecast", "lower80", "upper80", "lower95", "upper95")}}))
            bt = result.backtest
            from analysis.trend.forecast import model_label

            tables.append(ReportTable("trend_backtest", _t("table_title.backtest", lang), pd.DataFrame({
                _t("col.model", lang): [model_label(m, lang) + (" ✓" if c else "") for m, c in zip(bt["model"], bt["chosen"])],
                "MASE": bt["mase"].to_numpy(dtype=float), "MAE": bt["mae"].to_numpy(dtype=float) * 100,
            }), {_t("col.model", lang): "text", "MASE": "number", "MAE": "number"}))
            notes.extend(n.text(lang) for n in result.notes)
            notes.append(_t("note.mae_pp", lang))
        else:
            notes.append(result.reason.text(lang) if result.reason else _t("note.no_forecast", lang))
    projection = _projection(ctx)
    if projection is not None:
        from analysis.charts.trend import chart_projection

        proj, rates, window = projection
        proj_defs = definitions_line(lang, measure="balance", month=ctx.month, filters=ctx.filters, buckets=ctx.buckets,
                                     extra=[_t("projection_window", lang, first=window[0], last=window[-1])])
        charts.append(ReportChart("trend_projection", chart_projection(
            proj, ctx.buckets, title=_t("chart.projection", lang), subtitle=proj_defs, unit=ctx.unit, lang=lang,
            rates=rates)))
        cols = {_t("col.month", lang): proj["month"].astype(str).to_numpy()}
        kinds = {_t("col.month", lang): "text"}
        for key in ctx.buckets.keys:
            title = translate("report.with_unit", lang, label=ctx.buckets.label_of(key, lang),
                              unit=unit_label(ctx.unit, lang))
            cols[title], kinds[title] = ctx.scale(proj[key]), "amount"
        cols[ctx.amount_col("book_total")], kinds[ctx.amount_col("book_total")] = ctx.scale(proj["total"]), "amount"
        cols[translate("report.metric.dpd90_rate", lang)] = rates["dpd90_rate"].to_numpy(dtype=float)
        kinds[translate("report.metric.dpd90_rate", lang)] = "rate"
        tables.append(ReportTable("trend_projection", _t("table_title.projection", lang), pd.DataFrame(cols), kinds))
    history = pd.DataFrame({
        _t("col.month", lang): summary["month"].to_numpy(),
        _t("col.accounts", lang): summary["accounts"].to_numpy(),
        ctx.amount_col("balance"): ctx.scale(summary["balance"]),
        ctx.amount_col("overdue_balance"): ctx.scale(summary["overdue_balance"]),
        translate("report.metric.overdue_rate", lang): summary["overdue_rate"].to_numpy(),
        translate("report.metric.dpd30_rate", lang): summary["dpd30_rate"].to_numpy(),
        translate("report.metric.dpd90_rate", lang): summary["dpd90_rate"].to_numpy(),
        translate("report.metric.entry_rate", lang): summary["entry_rate"].to_numpy(),
    })
    kinds = {_t("col.month", lang): "text", _t("col.accounts", lang): "count", ctx.amount_col("balance"): "amount",
             ctx.amount_col("overdue_balance"): "amount"}
    kinds.update({translate(f"report.metric.{m}", lang): "rate" for m in ("overdue_rate", "dpd30_rate", "dpd90_rate",
                                                                          "entry_rate")})
    tables.insert(0, ReportTable("trend_history", _t("table_title.history", lang), history, kinds))
    findings = _finding_list(
        finding_rate_change(inputs.summary, ctx.month, "dpd30_rate"),
        finding_forecast(result, "dpd30_rate"),
        finding_entry_rate(inputs.summary, ctx.month),
    )
    return Section("trend", _t("section.trend", lang), defs, findings, tuple(charts), tuple(tables), tuple(notes))


def _projection(ctx: _Context, window: int = 3, horizon: int = 6):
    """Today's bucket balances pushed forward with the last quarter's average roll rates (run-off)."""
    from analysis.trend.projection import average_roll_matrix, project_balances, projection_rates

    rolls = ctx.rolls()
    from_months = sorted(m for m in rolls["month"].astype(str).unique() if m < ctx.month)
    if not from_months:
        return None
    matrix, months, _empty = average_roll_matrix(rolls, window, "balance", end_month=from_months[-1])
    cube = ctx.aging()
    start = cube[cube["month"] == ctx.month].groupby("bucket", observed=False)["balance"].sum()
    start.index = start.index.astype(str)
    proj = project_balances(start.reindex(list(matrix.index), fill_value=0.0), matrix, horizon, ctx.month)
    return proj, projection_rates(proj, ctx.buckets), months


def _section_causes(ctx: _Context) -> Section:
    from analysis.overview.findings import finding_driver, finding_top_cause

    lang, month = ctx.lang, ctx.month
    inputs = ctx.inputs()
    charts, tables, notes = [], [], []
    defs = ctx.defs(month=month)
    if inputs.pareto is not None and len(inputs.pareto):
        from analysis.charts.causes import cause_label, chart_cause_pareto

        pareto = inputs.pareto
        charts.append(ReportChart("causes_pareto", chart_cause_pareto(pareto, lang, ctx.unit, ctx.measure, month,
                                                                      subtitle=defs)))
        tables.append(ReportTable("causes_pareto", _t("table_title.pareto", lang, month=month), pd.DataFrame({
            _t("col.cause", lang): [cause_label(str(c), lang) for c in pareto["cause"]],
            _t("col.accounts", lang): pareto["count"].to_numpy(),
            _t("col.count_share", lang): pareto["count_share"].to_numpy(),
            ctx.amount_col("overdue_balance"): ctx.scale(pareto["balance"]),
            _t("col.balance_share", lang): pareto["balance_share"].to_numpy(),
            _t("col.cumulative_share", lang): pareto["cumulative_share"].to_numpy(),
        }), {_t("col.cause", lang): "text", _t("col.accounts", lang): "count", _t("col.count_share", lang): "rate",
             ctx.amount_col("overdue_balance"): "amount", _t("col.balance_share", lang): "rate",
             _t("col.cumulative_share", lang): "rate"}))
    else:
        notes.append(_t("note.no_reason", lang))
    if inputs.contributions is not None:
        from analysis.charts.causes import chart_rate_waterfall
        from analysis.causes.decomposition import RateChange, waterfall_table

        seg = inputs.contributions.rename(columns={"contribution": "total_effect"})
        rates = inputs.summary.set_index("month")["dpd30_rate"]
        change = RateChange(ctx.prev, month, "dpd30_rate", ctx.measure, "driver_segment",
                            float(rates.get(ctx.prev, np.nan)), float(rates.get(month, np.nan)), seg)
        labels = {k: _t(f"waterfall.{k}", lang, month=ctx.prev if k == "start" else month)
                  for k in ("start", "end", "mix", "rate", "others")}
        steps = waterfall_table(change, labels)
        metric = translate("report.metric.dpd30_rate", lang)
        charts.append(ReportChart("causes_waterfall", chart_rate_waterfall(
            steps, lang, metric, ctx.prev, month, subtitle=ctx.defs(months=(ctx.prev, month)))))
        tables.append(ReportTable("causes_decomposition", _t("table_title.decomposition", lang), pd.DataFrame({
            _t("col.segment", lang): seg["segment"].to_numpy(),
            _t("col.weight_from", lang): seg["weight_from"].to_numpy(), _t("col.weight_to", lang): seg["weight_to"].to_numpy(),
            _t("col.rate_from", lang): seg["rate_from"].to_numpy(), _t("col.rate_to", lang): seg["rate_to"].to_numpy(),
            _t("col.mix_effect", lang): seg["mix_effect"].to_numpy(), _t("col.rate_effect", lang): seg["rate_effect"].to_numpy(),
            _t("col.total_effect", lang): seg["total_effect"].to_numpy(),
        }), {_t("col.segment", lang): "text", **{_t(f"col.{c}", lang): "rate" for c in
                                                 ("weight_from", "weight_to", "rate_from", "rate_to")},
             **{_t(f"col.{c}", lang): "pp" for c in ("mix_effect", "rate_effect", "total_effect")}}))
    else:
        notes.append(_t("note.no_driver", lang))
    findings = _finding_list(
        finding_driver(inputs.contributions, inputs.total_change, "dpd30_rate")
        if inputs.contributions is not None else None,
        finding_top_cause(inputs.pareto, ctx.measure, month) if inputs.pareto is not None else None,
    )
    return Section("causes", _t("section.causes", lang), defs, findings, tuple(charts), tuple(tables), tuple(notes))


def default_policies(lang: str = "zh") -> list:
    """Today's policy (no change) and one common challenger: cut limits 30 % for accounts 31+ DPD.

    Used when the caller has no scenarios of its own (the CLI without ``--policy``).
    """
    from analysis.whatif.policy import NO_CHANGE, Policy, Rule

    return [Policy(_t("whatif.champion", lang), NO_CHANGE.rules),
            Policy(_t("whatif.tighten", lang), (Rule("cut", 30, dpd_min=31),))]


def _section_whatif(ctx: _Context) -> Section:
    from analysis.whatif import policy as limits
    from analysis.charts.whatif import chart_scenarios, chart_sensitivity
    from analysis.overview.findings import finding_whatif
    from analysis.whatif.pd import estimate_pd, fallback_pd, pd_mapping

    lang, b = ctx.lang, ctx.buckets
    defs = ctx.defs(month=ctx.month, buckets=b)
    charts, tables, notes = [], [], []
    if "credit_limit" not in ctx.rows.columns or ctx.rows["credit_limit"].notna().sum() == 0:
        return Section("whatif", _t("section.whatif", lang), defs, (), (), (), (_t("note.no_limit", lang),))
    # Features look back from the month and never past it: the rows need no cut.
    features = limits.snapshot_features(ctx.rows, ctx.month, b)
    if ctx.assumptions is None:
        try:
            pd_table = (estimate_pd(ctx.rows_upto(), b, rolls=ctx.rolls(), lang=lang) if len(ctx.months) > 1
                        else fallback_pd(b, lang))
        except limits.PolicyError:
            pd_table = fallback_pd(b, lang)
        assumptions = limits.Assumptions(pd_mapping(pd_table))
        notes.append(_t("note.whatif_defaults", lang, lgd=format_rate(assumptions.lgd, 0),
                        ccf=format_rate(assumptions.ccf, 0), rate=format_rate(assumptions.interest_rate, 0)))
    else:
        assumptions = ctx.assumptions
    policies = list(ctx.policies) if ctx.policies else default_policies(lang)
    champion = ctx.champion if 0 <= ctx.champion < len(policies) else 0
    results = [limits.simulate_policy(features, p, assumptions) for p in policies]
    comparison = limits.compare_scenarios(results, champion)
    charts.append(ReportChart("whatif_scenarios", chart_scenarios(comparison, lang, ctx.unit, subtitle=defs)))
    cols = {"scenario": "text", "accounts_affected": "count", "limit_total": "amount", "ead": "amount",
            "expected_loss": "amount", "revenue": "amount", "expected_loss_vs_champion": "amount",
            "revenue_vs_champion": "amount"}
    table = pd.DataFrame({
        (ctx.amount_col(c) if k == "amount" else _t(f"col.{c}", lang)):
            (ctx.scale(comparison[c]) if k == "amount" else comparison[c].to_numpy())
        for c, k in cols.items()})
    tables.append(ReportTable("whatif_scenarios", _t("table_title.scenarios", lang), table,
                              {(ctx.amount_col(c) if k == "amount" else _t(f"col.{c}", lang)): k for c, k in cols.items()}))
    pd_rows = pd.DataFrame({_t("col.bucket", lang): [b.label_of(k, lang) for k in assumptions.pd_by_bucket],
                            _t("col.pd", lang): list(assumptions.pd_by_bucket.values())})
    tables.append(ReportTable("whatif_pd", _t("table_title.pd", lang), pd_rows,
                              {_t("col.bucket", lang): "text", _t("col.pd", lang): "rate"}))
    targeted = next((i for i, p in enumerate(policies) if i != champion and p.rules), None)
    if targeted is not None:
        curve = limits.sensitivity_curve(features, policies[targeted], assumptions)
        charts.append(ReportChart("whatif_sensitivity", chart_sensitivity(
            curve, lang, ctx.unit, subtitle=_t("sensitivity_of", lang, name=policies[targeted].name or "–"))))
        tables.append(ReportTable("whatif_sensitivity", _t("table_title.sensitivity", lang), pd.DataFrame({
            _t("col.cut_pct", lang): curve["cut_pct"].to_numpy() / 100.0,
            _t("col.accounts", lang): curve["accounts"].to_numpy(),
            ctx.amount_col("el_delta"): ctx.scale(curve["expected_loss_delta"]),
            ctx.amount_col("revenue_delta"): ctx.scale(curve["revenue_delta"]),
        }), {_t("col.cut_pct", lang): "rate", _t("col.accounts", lang): "count", ctx.amount_col("el_delta"): "amount",
             ctx.amount_col("revenue_delta"): "amount"}))
    findings = _finding_list(finding_whatif(comparison))
    return Section("whatif", _t("section.whatif", lang), defs, findings, tuple(charts), tuple(tables), tuple(notes))


def _section_warnings(ctx: _Context) -> Section:
    from analysis.warnings import signals as wn
    from analysis.charts.warnings import chart_actions, chart_levels, chart_levels_by
    from analysis.overview.findings import finding_warnings
    from analysis.warnings.playbook import action_label
    from analysis.core.privacy import mask_pii

    lang, b = ctx.lang, ctx.buckets
    defs = ctx.defs(month=ctx.month, buckets=b)
    classifier = None
    if ctx.ws["reason_dictionary"] is not None and "overdue_reason" in ctx.rows.columns:
        from analysis.causes.dictionary import classify_reasons

        dictionary = ctx.ws["reason_dictionary"]

        def classifier(reasons):
            return classify_reasons(reasons, dictionary)
    # The signals look back from the month and never past it: the rows need no cut.
    signals = wn.warning_signals(ctx.rows, month=ctx.month, thresholds=ctx.ws["warning_thresholds"], buckets=b,
                                 classifier=classifier)
    levels = wn.warning_levels(signals, ctx.ws["warning_rule"] or wn.DEFAULT_RULE)
    summary = wn.level_summary(signals, levels)
    charts = [ReportChart("warnings_levels", chart_levels(summary, lang, ctx.unit, subtitle=defs))]
    level_names = {lv: translate(f"warnings.level.{lv}", lang) for lv in wn.LEVELS}
    tables = [ReportTable("warnings_levels", _t("table_title.levels", lang, month=ctx.month), pd.DataFrame({
        _t("col.level", lang): [level_names[str(lv)] for lv in summary["level"]],
        _t("col.accounts", lang): summary["accounts"].to_numpy(),
        ctx.amount_col("balance"): ctx.scale(summary["balance"]),
        _t("col.balance_share", lang): summary["balance_share"].to_numpy(),
    }), {_t("col.level", lang): "text", _t("col.accounts", lang): "count", ctx.amount_col("balance"): "amount",
         _t("col.balance_share", lang): "rate"})]
    owner = next((c for c in ("owner", "branch") if c in signals.columns), None)
    if owner is not None:
        by = wn.level_summary(signals, levels, by=owner)
        owner_label = _t(f"col.{owner}", lang)
        charts.append(ReportChart("warnings_by_owner", chart_levels_by(
            by, owner, owner_label, lang, ctx.unit, subtitle=defs, top=15,
            unassigned=_t("unassigned", lang))))
        wide = by.assign(level=[level_names[str(lv)] for lv in by["level"]]).pivot_table(
            index=owner, columns="level", values="accounts", observed=False, sort=False, aggfunc="sum")
        wide = wide.reindex(columns=list(level_names.values())).fillna(0).astype(np.int64)
        wide = wide[wide.sum(axis=1) > 0].sort_values(list(level_names.values()), ascending=False).reset_index()
        wide = wide.rename(columns={owner: owner_label})
        tables.append(ReportTable("warnings_by_owner", _t("table_title.by_owner", lang, owner=owner_label), wide,
                                  {c: ("text" if c == owner_label else "count") for c in wide.columns}))
    from analysis.warnings.playbook import DEFAULT_CAUSE_RESPONSES, DEFAULT_STAGE_PLAYBOOK

    actions = wn.collection_actions(
        signals, levels, DEFAULT_STAGE_PLAYBOOK if ctx.ws["playbook"] is None else ctx.ws["playbook"],
        DEFAULT_CAUSE_RESPONSES if ctx.ws["cause_responses"] is None else ctx.ws["cause_responses"])
    if len(actions):
        acts = wn.action_summary(actions, lang)
        charts.append(ReportChart("warnings_actions", chart_actions(acts, lang, ctx.unit, subtitle=defs)))
        tables.append(ReportTable("warnings_actions", _t("table_title.actions", lang), pd.DataFrame({
            _t("col.action", lang): acts["label"].to_numpy(),
            _t("col.accounts", lang): acts["accounts"].to_numpy(),
            ctx.amount_col("balance"): ctx.scale(acts["balance"]),
            _t("col.balance_share", lang): acts["balance_share"].to_numpy(),
        }), {_t("col.action", lang): "text", _t("col.accounts", lang): "count", ctx.amount_col("balance"): "amount",
             _t("col.balance_share", lang): "rate"}))
        top = mask_pii(actions.head(TOP_ACCOUNTS))
        cols = {"account_id": "text", "customer_name": "text", "phone": "text", "level": "text", "days_past_due": "count",
                "balance": "amount", "signals": "text", "action": "text", owner or "owner": "text"}
        listing = {}
        kinds = {}
        for c, k in cols.items():
            if c not in top.columns:
                continue
            title = ctx.amount_col(c) if k == "amount" else _t(f"col.{c}", lang)
            if c == "level":
                values = [level_names.get(str(v), str(v)) for v in top[c]]
            elif c == "signals":
                values = wn.signal_names(top, lang).to_numpy()
            elif c == "action":
                values = [action_label(str(v), lang) for v in top[c]]
            elif k == "amount":
                values = ctx.scale(top[c])
            else:
                values = top[c].astype(object).to_numpy()
            listing[title], kinds[title] = values, k
        tables.append(ReportTable("warnings_accounts", _t("table_title.accounts", lang, n=min(TOP_ACCOUNTS, len(actions))),
                                  pd.DataFrame(listing), kinds))
    findings = _finding_list(finding_warnings(summary, ctx.month))
    notes = (_t("note.masked", lang),)
    return Section("warnings", _t("section.warnings", lang), defs, findings, tuple(charts), tuple(tables), notes)


# --- rendering: shared helpers --------------------------------------------------------------------

def _cell_text(value: object, kind: str, lang: str) -> str:
    if value is None or (isinstance(value, (float, np.floating)) and np.isnan(value)):
        return "–"
    if kind == "rate":
        return format_rate(float(value), 2)
    if kind == "pp":
        text = f"{float(value) * 100:+.2f}"
        return f"{text}个百分点" if lang == "zh" else f"{text} pp"
    if kind == "amount":
        return f"{float(value):,.2f}"
    if kind == "signed_amount":
        return f"{float(value):+,.2f}"
    if kind == "count":
        return f"{int(round(float(value))):,}"
    if kind == "signed_count":
        return f"{int(round(float(value))):+,}"
    if kind == "number":
        return f"{float(value):,.3f}"
    return str(value)


def _row_kind(table: ReportTable, row: pd.Series, column: str) -> str:
    if column in table.kinds:
        return table.kinds[column]
    if "_kind" in row.index:  # the headline table: one kind per row; the change is signed
        kind = str(row["_kind"])
        if column == table.frame.columns[3]:
            return {"rate": "pp", "amount": "signed_amount", "count": "signed_count"}.get(kind, kind)
        return kind
    return "text"


def _display_frame(table: ReportTable, lang: str) -> pd.DataFrame:
    """The table as text, the way it is printed in HTML and slides."""
    cols = [c for c in table.frame.columns if not str(c).startswith("_")]
    rows = []
    for _, row in table.frame.iterrows():
        rows.append([_cell_text(row[c], _row_kind(table, row, c), lang) for c in cols])
    return pd.DataFrame(rows, columns=cols)


def _section_lead(section: Section, n: int = 3) -> list[str]:
    return [f for f in section.findings][:n]


# --- HTML --------------------------------------------------------------------------------------

#: Body fonts: a Latin face first for English (narrow quotes and digits), CJK faces for Chinese.
_FONTS = {
    "zh": '"Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei","PingFang SC",sans-serif',
    "en": '"Segoe UI","Helvetica Neue",Arial,"Noto Sans","Noto Sans CJK SC","Microsoft YaHei",sans-serif',
}
_CSS = """
body{color:#1F2933;margin:0;background:#F5F7FA}
main{max-width:1080px;margin:0 auto;padding:32px 40px;background:#fff}
h1{font-size:28px;margin:0 0 4px}h2{font-size:21px;border-bottom:2px solid #2F5D8A;padding-bottom:4px;margin-top:40px}
h3{font-size:15px;margin:22px 0 6px;color:#3A4450}
.sub{color:#6B7785;margin:0 0 16px}.defs{color:#6B7785;font-size:12px;margin:4px 0 12px}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(190px,1fr));gap:10px;margin:12px 0}
.card{border:1px solid #E4E7EB;border-radius:8px;padding:10px 12px}
.card .l{font-size:12px;color:#6B7785}.card .v{font-size:22px;font-weight:600;margin:2px 0}
.card .d{font-size:12px;color:#6B7785}.up{color:#B83232}.down{color:#2E7D4F}
ul.findings{padding-left:20px}ul.findings li{margin:6px 0;line-height:1.5}
.sev2::marker{color:#D64545}.sev1::marker{color:#F2994A}.sev0::marker{color:#4C9F70}
figure{margin:14px 0;overflow-x:auto}figure svg{max-width:100%;height:auto}
table{border-collapse:collapse;font-size:12px;margin:6px 0 14px}
th,td{border:1px solid #E4E7EB;padding:4px 8px}th{background:#EEF2F7;text-align:left}
td.n{text-align:right;font-variant-numeric:tabular-nums}
details summary{cursor:pointer;color:#2F5D8A;font-size:13px}
.note{font-size:12px;color:#6B7785}
footer{color:#9AA5B1;font-size:11px;margin-top:40px}
nav.toc{font-size:13px;margin:0 0 8px}nav.toc a{color:#2F5D8A;text-decoration:none}
@media print{body{background:#fff}main{padding:0}details{display:block}details>*{display:block}}
"""


def _html_table(table: ReportTable, lang: str) -> str:
    shown = _display_frame(table, lang)
    kinds = [table.kinds.get(c, "text") for c in shown.columns]
    head = "".join(f"<th>{html.escape(str(c))}</th>" for c in shown.columns)
    body = []
    for _, row in shown.iterrows():
        cells = []
        for c, k in zip(shown.columns, kinds):
            cls = ' class="n"' if k != "text" or _looks_numeric(row[c]) else ""
            cells.append(f"<td{cls}>{html.escape(str(row[c]))}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def _looks_numeric(text: str) -> bool:
    return bool(re.fullmatch(r"[+\-–]?[\d,.]+(%| pp|个百分点)?", str(text)))


def _svg(chart: alt.TopLevelMixin, prefix: str) -> str:
    """Inline SVG of a chart; its ids (clip paths, gradients) prefixed so charts sharing one
    HTML page cannot resolve each other's ``url(#id)``."""
    from analysis.charts.export import chart_to_svg

    svg = re.sub(r"^<\?xml[^>]*>\s*", "", chart_to_svg(chart))
    svg = re.sub(r'\bid="([^"]+)"', lambda m: f'id="{prefix}-{m.group(1)}"', svg)
    svg = re.sub(r"url\(#([^)]+)\)", lambda m: f"url(#{prefix}-{m.group(1)})", svg)
    return re.sub(r'href="#([^"]+)"', lambda m: f'href="#{prefix}-{m.group(1)}"', svg)


def _cards(report: Report) -> str:
    frame = report.headline.frame
    cols = list(frame.columns)
    out = []
    for _, row in frame.iterrows():
        kind = str(row["_kind"])
        value = _cell_text(row[cols[1]], kind, report.lang)
        change = row[cols[3]]
        if change is None or (isinstance(change, float) and np.isnan(change)):
            delta = ""
        else:
            if kind == "rate":
                delta = _cell_text(change, "pp", report.lang)
            else:
                pct = row[cols[4]]
                delta = (f"{float(change):+,.2f}" if kind == "amount" else f"{int(change):+,}")
                if pct == pct and pct is not None:
                    delta += f" ({float(pct) * 100:+.1f}%)"
            bad = str(row["_metric"]) in RISING_IS_BAD
            cls = ("up" if float(change) > 0 else "down") if bad else "flat"
            delta = f'<span class="{cls}">{html.escape(delta)}</span> {html.escape(_t("mom", report.lang))}'
        out.append(f'<div class="card"><div class="l">{html.escape(str(row[cols[0]]))}</div>'
                   f'<div class="v">{html.escape(value)}</div><div class="d">{delta}</div></div>')
    return '<div class="cards">' + "".join(out) + "</div>"


def render_html(report: Report) -> bytes:
    """The report as one self-contained HTML file (inline CSS and SVG; no script, no external URL).

    Returns
    -------
    bytes
        UTF-8 HTML.
    """
    lang, unit = report.lang, report.unit
    parts = [
        "<!DOCTYPE html>", f'<html lang="{"zh-CN" if lang == "zh" else "en"}"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width,initial-scale=1">',
        f"<title>{html.escape(report.title)}</title><style>{_CSS}body{{font-family:{_FONTS[lang]}}}</style>"
        "</head><body><main>",
        f"<h1>{html.escape(report.title)}</h1><p class=\"sub\">{html.escape(report.subtitle)}</p>",
        f'<p class="defs">{html.escape(_t("defs_label", lang))}{html.escape(report.definitions)}</p>',
        _toc(report),
        f'<section id="headline"><h2>{html.escape(_t("headline", lang))}</h2>', _cards(report),
        f"<h3>{html.escape(_t('key_findings', lang))}</h3>", _findings_html(report.findings, lang, unit),
        f"<figure>{_svg(report.overview_chart.chart, 'c-rates')}</figure>",
        f"<details><summary>{html.escape(report.headline.title)}</summary>{_html_table(report.headline, lang)}</details>",
        (f"<details><summary>{html.escape(report.overview_table.title)}</summary>"
         f"{_html_table(report.overview_table, lang)}</details>" if report.overview_table is not None else ""),
        "</section>",
    ]
    for section in report.sections:
        parts.append(f'<section id="{section.key}"><h2>{html.escape(section.title)}</h2>')
        parts.append(f'<p class="defs">{html.escape(_t("defs_label", lang))}{html.escape(section.definitions)}</p>')
        if section.findings:
            parts.append(_findings_html(section.findings, lang, unit))
        for chart in section.charts:
            parts.append(f'<figure id="chart-{chart.key}">{_svg(chart.chart, "c-" + chart.key)}</figure>')
        for table in section.tables:
            if len(table.frame) > FOLD_ROWS:  # long tables fold away; they are all in the XLSX too
                parts.append(f"<h3>{html.escape(table.title)}</h3><details><summary>"
                             f"{html.escape(_t('show_rows', lang, n=len(table.frame)))}</summary>"
                             f"{_html_table(table, lang)}</details>")
            else:
                parts.append(f"<h3>{html.escape(table.title)}</h3>{_html_table(table, lang)}")
        for note in section.notes:
            parts.append(f'<p class="note">{html.escape(note)}</p>')
        parts.append("</section>")
    parts.append(f"<footer>{html.escape(_t('footer', lang, generated=report.generated))}</footer>")
    parts.append("</main></body></html>")
    return "\n".join(parts).encode("utf-8")


def _toc(report: Report) -> str:
    items = [("headline", _t("headline", report.lang))] + [(sec.key, sec.title) for sec in report.sections]
    links = " · ".join(f'<a href="#{key}">{html.escape(title)}</a>' for key, title in items)
    return f'<nav class="toc">{links}</nav>'


def _findings_html(findings: Sequence[Finding], lang: str, unit: str) -> str:
    if not findings:
        return f'<p class="note">{html.escape(_t("no_findings", lang))}</p>'
    items = "".join(f'<li class="sev{f.severity}">{html.escape(f.text(lang, unit))}</li>' for f in findings)
    return f'<ul class="findings">{items}</ul>'


# --- XLSX ------------------------------------------------------------------------------------------

def sheet_name(table_key: str, lang: str) -> str:
    """The worksheet name of a table (≤ 31 characters, no ``[]:*?/\\``).

    Examples
    --------
    >>> sheet_name("aging_distribution", "en")
    'Aging distribution'
    """
    name = translate(f"report.sheet.{table_key}", lang)
    return re.sub(r"[\[\]:*?/\\]", "_", name)[:31]


def render_xlsx(report: Report) -> bytes:
    """The report as a workbook: a summary sheet, then one formatted sheet per table.

    Numbers stay numbers (formatted: thousands separators, %, pp), amounts are in the report's
    unit (named in the column title), headers are bold, panes are frozen below the header and
    right of the first column, personal data is masked and no text cell can run as a formula.
    """
    import xlsxwriter

    from analysis.core.privacy import mask_pii, neutralise_cell

    lang = report.lang
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False,
                                        "nan_inf_to_errors": False})
    f_title = book.add_format({"bold": True, "font_size": 14})
    f_defs = book.add_format({"italic": True, "font_color": "#6B7785"})
    f_head = book.add_format({"bold": True, "bg_color": "#EEF2F7", "border": 1, "text_wrap": True, "valign": "top"})
    fmts = {
        "rate": book.add_format({"num_format": "0.00%", "border": 1}),
        "pp": book.add_format({"num_format": '+0.00" pp";-0.00" pp";0.00" pp"' if lang == "en"
                               else '+0.00"个百分点";-0.00"个百分点";0.00"个百分点"', "border": 1}),
        "amount": book.add_format({"num_format": "#,##0.00", "border": 1}),
        "count": book.add_format({"num_format": "#,##0", "border": 1}),
        "signed_amount": book.add_format({"num_format": "+#,##0.00;-#,##0.00;0.00", "border": 1}),
        "signed_count": book.add_format({"num_format": "+#,##0;-#,##0;0", "border": 1}),
        "number": book.add_format({"num_format": "#,##0.000", "border": 1}),
        "text": book.add_format({"border": 1}),
    }

    def write_value(ws, r, c, value, kind):
        if kind == "pp" and isinstance(value, (int, float, np.floating)) and not np.isnan(value):
            ws.write_number(r, c, float(value) * 100, fmts["pp"])
        elif kind != "text" and isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(value, bool):
            if np.isnan(float(value)):
                ws.write_blank(r, c, None, fmts[kind])
            else:
                ws.write_number(r, c, float(value), fmts[kind])
        elif value is None or (isinstance(value, float) and np.isnan(value)):
            ws.write_blank(r, c, None, fmts["text"])
        else:
            ws.write_string(r, c, str(neutralise_cell(str(value))), fmts["text"])

    # Summary sheet: headline figures, findings, definitions.
    ws = book.add_worksheet(sheet_name("summary", lang))
    ws.write_string(0, 0, report.title, f_title)
    ws.write_string(1, 0, report.subtitle, f_defs)
    ws.write_string(2, 0, report.definitions, f_defs)
    head = [c for c in report.headline.frame.columns if not str(c).startswith("_")]
    for c, name in enumerate(head):
        ws.write_string(4, c, str(name), f_head)
    for r, (_, row) in enumerate(report.headline.frame.iterrows(), start=5):
        kind = str(row["_kind"])
        for c, name in enumerate(head):
            k = "text" if c == 0 else ("rate" if c == 4 else kind)
            if c == 3:  # the change: signed, a rate's in percentage points
                k = {"rate": "pp", "amount": "signed_amount", "count": "signed_count"}.get(kind, kind)
            write_value(ws, r, c, row[name], k)
    r = 6 + len(report.headline.frame)
    ws.write_string(r, 0, _t("key_findings", lang), f_title)
    for i, finding in enumerate(report.findings, start=1):
        ws.write_string(r + i, 0, f"{i}. {finding.text(lang, report.unit)}")
    ws.set_column(0, 0, 34)
    ws.set_column(1, len(head), 16)
    ws.freeze_panes(5, 1)

    used = {sheet_name("summary", lang)}
    groups = [(_t("headline", lang), report.definitions, [report.overview_table] if report.overview_table else [])]
    groups += [(section.title, section.definitions, list(section.tables)) for section in report.sections]
    for group_title, group_defs, tables in groups:
        for table in tables:
            name = sheet_name(table.key, lang)
            while name in used:
                name = name[:28] + f"_{len(used)}"
            used.add(name)
            ws = book.add_worksheet(name)
            frame = mask_pii(table.frame)
            ws.write_string(0, 0, f"{group_title} · {table.title}", f_title)
            ws.write_string(1, 0, group_defs, f_defs)
            for c, col in enumerate(frame.columns):
                ws.write_string(3, c, str(neutralise_cell(str(col))), f_head)
                kind = table.kinds.get(col, "text")
                width = max([len(str(col))] + [len(_cell_text(v, kind, lang)) for v in frame[col].head(200)])
                ws.set_column(c, c, min(max(width * (1.6 if lang == "zh" else 1.1) + 2, 10), 48))
            for r, row in enumerate(frame.itertuples(index=False), start=4):
                for c, col in enumerate(frame.columns):
                    write_value(ws, r, c, row[c], table.kinds.get(col, "text"))
            ws.freeze_panes(4, 1)
            ws.set_landscape()
            ws.fit_to_pages(1, 0)  # one page wide when printed
            ws.repeat_rows(3)
    book.close()
    return buffer.getvalue()


# --- PPTX --------------------------------------------------------------------------------------------

def render_pptx(report: Report) -> bytes:
    """The report as a 16:9 deck: a title slide, then one slide per section (chart + 2-3 findings)."""
    from pptx import Presentation
    from pptx.dml.color import RGBColor
    from pptx.util import Emu, Inches, Pt

    from analysis.charts.export import chart_to_png, png_size

    lang, unit = report.lang, report.unit
    deck = Presentation()
    deck.slide_width, deck.slide_height = Inches(13.333), Inches(7.5)
    grey, accent = RGBColor(0x6B, 0x77, 0x85), RGBColor(0x2F, 0x5D, 0x8A)
    font = "Microsoft YaHei" if lang == "zh" else "Calibri"

    def text_box(slide, left, top, width, height, lines, size, colour=None, bold=False, bullets=False):
        box = slide.shapes.add_textbox(left, top, width, height)
        frame = box.text_frame
        frame.word_wrap = True
        for i, line in enumerate(lines):
            para = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
            para.text = ("• " if bullets else "") + line
            para.space_after = Pt(6)
            for run in para.runs:
                run.font.size, run.font.bold, run.font.name = Pt(size), bold, font
                if colour is not None:
                    run.font.color.rgb = colour
        return box

    # Title slide: title, data and month, the headline figures in one line each, the 口径.
    slide = deck.slides.add_slide(deck.slide_layouts[6])
    text_box(slide, Inches(0.8), Inches(1.2), Inches(11.7), Inches(1.2), [report.title], 36, accent, bold=True)
    text_box(slide, Inches(0.8), Inches(2.3), Inches(11.7), Inches(0.6), [report.subtitle], 18, grey)
    shown = _display_frame(report.headline, lang)
    lines = [f"{row.iloc[0]}：{row.iloc[1]}（{_t('mom', lang)} {row.iloc[3]}）" if lang == "zh"
             else f"{row.iloc[0]}: {row.iloc[1]} ({row.iloc[3]} {_t('mom', lang)})" for _, row in shown.iterrows()]
    text_box(slide, Inches(0.8), Inches(3.1), Inches(6.2), Inches(3.4), lines, 14)
    text_box(slide, Inches(7.2), Inches(3.1), Inches(5.4), Inches(3.4),
             [f.text(lang, unit) for f in report.findings[:3]], 14, bullets=True)
    text_box(slide, Inches(0.8), Inches(6.7), Inches(11.7), Inches(0.5), [report.definitions], 10, grey)

    for section in report.sections:
        slide = deck.slides.add_slide(deck.slide_layouts[6])
        text_box(slide, Inches(0.6), Inches(0.3), Inches(12), Inches(0.8), [section.title], 28, accent, bold=True)
        bullets = [f.text(lang, unit) for f in _section_lead(section)] or list(section.notes[:2]) or [_t("no_findings", lang)]
        if section.charts:
            png = chart_to_png(section.charts[0].chart, scale=2)
            w, h = png_size(png)
            max_w, max_h = Inches(8.2), Inches(5.6)
            ratio = min(max_w / w, max_h / h)
            slide.shapes.add_picture(io.BytesIO(png), Inches(0.5), Inches(1.3), Emu(int(w * ratio)), Emu(int(h * ratio)))
            text_box(slide, Inches(8.9), Inches(1.4), Inches(4.1), Inches(5.2), bullets, 15, bullets=True)
        else:
            text_box(slide, Inches(0.8), Inches(1.5), Inches(11.5), Inches(5), bullets, 18, bullets=True)
        text_box(slide, Inches(0.6), Inches(6.95), Inches(12.2), Inches(0.4), [section.definitions], 10, grey)
        # Speaker notes: every finding and note of the section, for the person presenting.
        slide.notes_slide.notes_text_frame.text = "\n".join(
            [f.text(lang, unit) for f in section.findings] + list(section.notes) + [section.definitions])
    buffer = io.BytesIO()
    deck.save(buffer)
    return buffer.getvalue()


RENDERERS = {"html": render_html, "xlsx": render_xlsx, "pptx": render_pptx}


def render_report(report: Report, fmt: str) -> bytes:
    """Render an assembled report as ``html``, ``xlsx`` or ``pptx`` bytes."""
    if fmt not in FORMATS:
        raise ReportError("report.error.format", value=fmt, allowed=", ".join(FORMATS))
    return RENDERERS[fmt](report)


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
        Any of :data:`SECTIONS` (``aging``, ``trend``, ``causes``, ``whatif``, ``warnings``).
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
        ``reason_dictionary``, ``playbook``, ``cause_responses``, ``progress``).

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


__all__ = [
    "FORMATS", "MIME_TYPES", "Report", "ReportChart", "ReportError", "ReportTable", "SECTIONS", "Section",
    "assemble_report", "build_report", "check_request", "default_policies", "render_html", "render_pptx",
    "render_report", "render_xlsx", "sheet_name",
]
