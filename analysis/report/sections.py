"""The report's sections: each one runs its area's analyses for the month and collects them.

A section builder takes the :class:`analysis.report.context.ReportContext` and returns a
:class:`analysis.report.model.Section`: its charts (drawn by :mod:`analysis.charts`), the
:class:`analysis.core.tables.DisplayTable` behind each, the 口径 line, up to three findings
(:mod:`analysis.overview.findings`, the sentences the overview shows) and its notes.
:func:`headline` gives the headline figures, key findings and rate trend that open the report.
"""
from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd

from analysis.aging import rates as ag
from analysis.causes.decomposition import RateChange, waterfall_table
from analysis.charts.aging import chart_bucket_mix, chart_distribution, chart_roll_heatmap
from analysis.charts.causes import chart_cause_pareto, chart_rate_waterfall
from analysis.charts.overview import chart_rate_trend, metric_label
from analysis.charts.provisions import chart_movement, chart_ratio_trend, chart_stage_ecl
from analysis.charts.trend import chart_forecast, chart_projection
from analysis.charts.warnings import chart_actions, chart_levels, chart_levels_by
from analysis.charts.whatif import chart_scenarios, chart_sensitivity
from analysis.core.definitions import definitions_line
from analysis.core.i18n import translate
from analysis.core.privacy import mask_pii
from analysis.core.tables import DisplayTable
from analysis.core.units import UNITS, format_rate, unit_label
from analysis.overview.findings import (
    Finding, finding_bucket_shift, finding_driver, finding_entry_rate, finding_forecast, finding_provisions,
    finding_rate_change, finding_top_cause, finding_warnings, finding_whatif, key_findings, reason_classifier,
    warning_levels_for, with_provisions,
)
from analysis.overview.headlines import figures_for_view, headline_figures, warned_comparable_before
from analysis.provisions import tables as prov_tables
from analysis.provisions.npl import npl_trend
from analysis.provisions.summary import assumption_parts, chart_assumption_parts, five_tier_basis
from analysis.report.context import ReportContext, months_of_rows
from analysis.report.model import TOP_ACCOUNTS, ReportChart, Section, report_text as _t
from analysis.trend.display import backtest_table, window_choices
from analysis.trend.projection import average_roll_matrix, project_balances, projected_rate_name, projection_rates
from analysis.warnings import signals as wn
from analysis.core.vocabulary import (ENTRY_RATE, TREND_RATE_METRICS, action_label, cause_label, level_label, metric_name,
                                      metric_notes)
from analysis.warnings.playbook import DEFAULT_CAUSE_RESPONSES, DEFAULT_STAGE_PLAYBOOK
from analysis.warnings.tables import level_table
from analysis.whatif import policy as whatif_policy
from analysis.whatif import tables as whatif_tables
from analysis.whatif.account_pd import HORIZON as ACCOUNT_PD_HORIZON
from analysis.whatif.account_pd import cell_outcomes, with_account_pd
from analysis.whatif.pd import estimate_pd, estimation_months, fallback_pd, pd_mapping
from analysis.whatif.policy import NO_CHANGE, Policy, Rule


def headline(ctx: ReportContext) -> tuple[DisplayTable, tuple[Finding, ...], ReportChart, DisplayTable]:
    """The report's opening: headline figures, key findings, the rate trend chart and its table."""
    lang, month, buckets, rows, ws = ctx.lang, ctx.month, ctx.buckets, ctx.account_rows(), ctx.ws
    inputs = ctx.inputs()
    warned = None
    if inputs.levels is not None:
        prev_warned = (int(warning_levels_for(rows, ctx.prev, buckets, ws["warning_thresholds"], ws["warning_rule"],
                                              ws["reason_dictionary"])["accounts"].sum())
                       if warned_comparable_before(months_of_rows(rows), month) else None)
        warned = (int(inputs.levels["accounts"].sum()), prev_warned)
    figures = figures_for_view(headline_figures(inputs.summary, month, warned), ctx.view)
    table = DisplayTable("headline", _t("headline", lang), headline_frame(figures, ctx),
                         headline_kinds(figures, ctx))
    findings = with_provisions(tuple(key_findings(inputs, buckets)), provisions_finding(ctx))
    upto = inputs.summary[inputs.summary["month"] <= month]
    rate_metrics = TREND_RATE_METRICS
    rate_defs = ctx.defs(months=(ctx.months[0], month), buckets=buckets, extra=metric_notes(rate_metrics, lang))
    chart = ReportChart("rates", chart_rate_trend(upto, ctx.view, subtitle=rate_defs, month=month, events=ctx.events))
    rates = DisplayTable("headline_rates", _t("table_title.rates", lang), pd.DataFrame({
        _t("col.month", lang): upto["month"].to_numpy(),
        **{metric_name(m, lang): upto[m].to_numpy(dtype=float) for m in rate_metrics},
    }), {_t("col.month", lang): "text", **{metric_name(m, lang): "rate" for m in rate_metrics}})
    return table, findings, chart, rates


def headline_frame(figures: pd.DataFrame, ctx: ReportContext) -> pd.DataFrame:
    """The headline figures, one per row, amounts in the report's unit; ``_kind`` holds each row's kind."""
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


def headline_kinds(figures: pd.DataFrame, ctx: ReportContext) -> dict[str, str]:
    """The headline table's column kinds (the figures' columns take their row's kind)."""
    # The other columns' kinds differ by row here; "_kind" carries them and the renderers read it.
    return {_t("table.metric", ctx.lang): "text", _t("table.change_pct", ctx.lang): "signed_rate"}


def _finding_list(*items: Finding | None, limit: int = 3) -> tuple[Finding, ...]:
    return tuple(f for f in items if f is not None)[:limit]


def section_aging(ctx: ReportContext) -> Section:
    lang, b = ctx.lang, ctx.buckets
    cube = ctx.aging()
    dist = ag.aging_distribution(cube, ctx.month)
    defs = ctx.defs(month=ctx.month, buckets=b)
    charts = [ReportChart("aging_distribution", chart_distribution(dist, ctx.view, subtitle=defs))]
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
        dist_table[ctx.money_col("overdue_amount")] = ctx.money(dist["overdue_amount"])
        kinds[ctx.money_col("overdue_amount")] = "amount"
    tables = [DisplayTable("aging_distribution", ctx.text("table_title.distribution", month=ctx.month), dist_table,
                           kinds)]

    mix = ag.bucket_mix(cube, ctx.measure)
    months_defs = ctx.defs(months=(ctx.months[0], ctx.month), buckets=b)
    charts.append(ReportChart("aging_mix", chart_bucket_mix(mix, ctx.view, normalize=True,
                                                            subtitle=months_defs)))
    wide = mix.assign(bucket=[b.label_of(str(k), lang) for k in mix["bucket"]]).pivot_table(
        index="month", columns="bucket", values="share", observed=False, sort=False)
    wide = wide.reindex(columns=[b.label_of(k, lang) for k in b.keys]).reset_index().rename(
        columns={"month": _t("col.month", lang)})
    tables.append(DisplayTable("aging_mix", _t("table_title.mix", lang, measure=_t(f"measure.{ctx.measure}", lang)), wide,
                              {c: ("text" if c == _t("col.month", lang) else "rate") for c in wide.columns}))

    rolls = ctx.rolls()
    notes = []
    if ctx.prev in set(rolls["month"].astype(str)):
        # The sidebar's measure, like the aging page: one matrix, one basis, said in its title and 口径.
        long = ag.roll_matrix_long(rolls, [ctx.prev], ctx.measure)
        pair = f"{ctx.prev} → {ctx.month}"
        charts.append(ReportChart("aging_roll_rates", chart_roll_heatmap(
            long, ctx.view, title_months=pair,
            subtitle=ctx.defs(months=(ctx.prev, ctx.month), buckets=b))))
        matrix = long.assign(
            from_label=[b.label_of(str(k), lang) for k in long["from_bucket"]],
            to_label=[b.label_of(str(k), lang) for k in long["to_bucket"]],
        ).pivot_table(index="from_label", columns="to_label", values="rate", observed=False, sort=False)
        order_from = [b.label_of(k, lang) for k in b.keys]
        order_to = order_from + [b.label_of("exit", lang)]
        matrix = matrix.reindex(index=order_from, columns=order_to).reset_index().rename(
            columns={"from_label": _t("col.from_bucket", lang)})
        tables.append(DisplayTable("aging_roll_rates", _t("table_title.roll", lang, pair=pair,
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


def section_trend(ctx: ReportContext) -> Section:
    lang = ctx.lang
    inputs = ctx.inputs()
    summary = inputs.summary[inputs.summary["month"] <= ctx.month]
    result = inputs.forecast
    defs = ctx.defs(months=(ctx.months[0], ctx.month), buckets=ctx.buckets, extra=metric_notes(ENTRY_RATE, lang))
    label = metric_name("dpd30_rate", lang)
    charts, tables, notes = [], [], []
    if result is not None and (result.ok or len(summary) > 1):  # one month alone is no line
        title = _t("chart.forecast" if result.ok else "chart.history", lang, metric=label)
        charts.append(ReportChart("trend_forecast", chart_forecast(
            result, ctx.view, title=title, subtitle=defs, value_title=label, is_rate=True, events=ctx.events)))
    if result is not None:
        if result.ok:
            fc = result.forecast
            tables.append(DisplayTable("trend_forecast", _t("table_title.forecast", lang, metric=label), pd.DataFrame({
                _t("col.month", lang): fc["month"].astype(str).to_numpy(),
                _t("col.forecast", lang): fc["mean"].to_numpy(),
                _t("col.lower80", lang): fc["lower80"].to_numpy(), _t("col.upper80", lang): fc["upper80"].to_numpy(),
                _t("col.lower95", lang): fc["lower95"].to_numpy(), _t("col.upper95", lang): fc["upper95"].to_numpy(),
            }), {_t("col.month", lang): "text", **{_t(f"col.{c}", lang): "rate" for c in
                                                   ("forecast", "lower80", "upper80", "lower95", "upper95")}}))
            # the page's table (MAE titled with its unit, in points), under the report's key and title
            page_table = backtest_table(result, ctx.view, is_rate=True)
            tables.append(replace(page_table, key="trend_backtest", title=_t("table_title.backtest", lang)))
            notes.extend(n.text(lang) for n in result.notes)
            notes.append(_t("note.mae_pp", lang))
        else:
            notes.append(result.reason.text(lang) if result.reason else _t("note.no_forecast", lang))
            if result.reason is not None and result.reason.key == "trend.forecast.reason.too_short" \
                    and len(ctx.history_months()) > len(ctx.months):
                # the book has the months; the report's range left them out
                notes.append(_t("note.forecast_widen", lang, n=len(ctx.months), total=len(ctx.history_months()),
                                first=ctx.history_months()[0]))
    projection = _projection(ctx)
    if projection is not None:
        proj, rates, window, edited = projection
        mode = "projection_replenish" if ctx.projection.replenish else "projection_runoff"
        extra = [_t("projection_window", lang, first=window[0], last=window[-1]), _t(mode, lang)]
        if edited:
            extra.append(_t("projection_edited", lang))
        proj_defs = definitions_line(lang, measure="count" if ctx.view.counts_only else "balance", month=ctx.month,
                                     filters=ctx.filters, buckets=ctx.buckets, extra=extra)
        charts.append(ReportChart("trend_projection", chart_projection(
            proj, ctx.view, title=ctx.text("chart.projection", n=ctx.projection.months, window=len(window)),
            subtitle=proj_defs, rates=rates)))
        cols = {_t("col.month", lang): proj["month"].astype(str).to_numpy()}
        kinds = {_t("col.month", lang): "text"}
        for key in ctx.buckets.keys:
            title = translate("report.with_unit", lang, label=ctx.buckets.label_of(key, lang),
                              unit=unit_label(ctx.unit, lang))
            cols[title], kinds[title] = ctx.scale(proj[key]), "amount"
        cols[ctx.amount_col("book_total")], kinds[ctx.amount_col("book_total")] = ctx.scale(proj["total"]), "amount"
        rate_name = projected_rate_name(ctx.buckets, lang)
        cols[rate_name], kinds[rate_name] = rates["dpd90_rate"].to_numpy(dtype=float), "rate"
        tables.append(DisplayTable("trend_projection", ctx.text("table_title.projection"), pd.DataFrame(cols), kinds))
    history = pd.DataFrame({
        _t("col.month", lang): summary["month"].to_numpy(),
        _t("col.accounts", lang): summary["accounts"].to_numpy(),
        ctx.amount_col("balance"): ctx.scale(summary["balance"]),
        ctx.amount_col("overdue_balance"): ctx.scale(summary["overdue_balance"]),
        metric_name("overdue_rate", lang): summary["overdue_rate"].to_numpy(),
        metric_name("dpd30_rate", lang): summary["dpd30_rate"].to_numpy(),
        metric_name("dpd90_rate", lang): summary["dpd90_rate"].to_numpy(),
        metric_name("entry_rate", lang): summary["entry_rate"].to_numpy(),
    })
    kinds = {_t("col.month", lang): "text", _t("col.accounts", lang): "count", ctx.amount_col("balance"): "amount",
             ctx.amount_col("overdue_balance"): "amount"}
    kinds.update({metric_name(m, lang): "rate" for m in TREND_RATE_METRICS})
    tables.insert(0, DisplayTable("trend_history", _t("table_title.history", lang), history, kinds))
    findings = _finding_list(
        finding_rate_change(inputs.summary, ctx.month, "dpd30_rate"),
        finding_forecast(result, "dpd30_rate"),
        finding_entry_rate(inputs.summary, ctx.month),
    )
    return Section("trend", _t("section.trend", lang), defs, findings, tuple(charts), tuple(tables), tuple(notes))


def _projection(ctx: ReportContext):
    """Today's bucket balances pushed forward with the pooled (or the reader's edited) roll rates,
    run as the trend page runs it (:attr:`ReportContext.projection`); ``None`` without a month pair.

    Returns ``(projected, rates, pooled months, edited)``."""
    choice = ctx.projection
    rolls = ctx.rolls()
    from_months = sorted(m for m in rolls["month"].astype(str).unique() if m < ctx.month)
    if not from_months:
        return None
    options, default = window_choices(len(from_months))
    window = choice.window if choice.window in options else default
    matrix, months, _empty = average_roll_matrix(rolls, window, "balance", end_month=from_months[-1])
    edited = (choice.matrix is not None and list(choice.matrix.index) == list(matrix.index)
              and list(choice.matrix.columns) == list(matrix.columns) and not choice.matrix.equals(matrix))
    cube = ctx.aging()
    start = cube[cube["month"] == ctx.month].groupby("bucket", observed=False)["balance"].sum()
    start.index = start.index.astype(str)
    proj = project_balances(start.reindex(list(matrix.index), fill_value=0.0), choice.matrix if edited else matrix,
                            choice.months, ctx.month, replenish=choice.replenish)
    return proj, projection_rates(proj, ctx.buckets), months, edited


def section_causes(ctx: ReportContext) -> Section:
    lang, month = ctx.lang, ctx.month
    inputs = ctx.inputs()
    charts, tables, notes = [], [], []
    defs = ctx.defs(month=month)
    if inputs.pareto is not None and len(inputs.pareto):
        pareto = inputs.pareto
        charts.append(ReportChart("causes_pareto", chart_cause_pareto(pareto, ctx.view, subtitle=defs)))
        tables.append(DisplayTable("causes_pareto", _t("table_title.pareto", lang, month=month), pd.DataFrame({
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
        seg = inputs.contributions.rename(columns={"contribution": "total_effect"})
        rates = inputs.summary.set_index("month")["dpd30_rate"]
        change = RateChange(ctx.prev, month, "dpd30_rate", ctx.measure, "driver_segment",
                            float(rates.get(ctx.prev, np.nan)), float(rates.get(month, np.nan)), seg)
        labels = {k: _t(f"waterfall.{k}", lang, month=ctx.prev if k == "start" else month)
                  for k in ("start", "end", "mix", "rate", "others")}
        steps = waterfall_table(change, labels)
        metric = metric_name("dpd30_rate", lang)
        charts.append(ReportChart("causes_waterfall", chart_rate_waterfall(
            steps, ctx.view, metric_label=metric, month_from=ctx.prev, month_to=month,
            subtitle=ctx.defs(months=(ctx.prev, month)))))
        tables.append(DisplayTable("causes_decomposition", _t("table_title.decomposition", lang), pd.DataFrame({
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


def provisions_finding(ctx: ReportContext) -> Finding | None:
    """The provisions finding of the month when the report has the provisions section (the
    section's figures, computed once), else None; None too when they cannot be computed here
    (the section then says why)."""
    if "provisions" not in ctx.sections or ctx.view.counts_only:  # no balances: nothing to provision
        return None
    try:
        result = ctx.provisions()
    except (ValueError, KeyError):  # the section notes the problem; the opening goes on without it
        return None
    return finding_provisions(result.npl, ctx.month, ctx.provision_settings.references)


def section_provisions(ctx: ReportContext) -> Section:
    """ECL by IFRS 9 stage, the five-tier classes and NPL figures, the allowance movement and
    the coverage and allowance-to-loans ratios by month against their reference levels, with
    the provisions page's settings (:attr:`ReportContext.provision_settings`)."""
    lang, view, month = ctx.lang, ctx.view, ctx.month
    if view.counts_only:
        return _without_balances(ctx, "provisions", definitions_line(lang, month=month, filters=ctx.filters))
    settings = ctx.provision_settings
    result = ctx.provisions()
    defs = definitions_line(lang, month=month, filters=ctx.filters, extra=assumption_parts(result, lang))
    chart_defs = definitions_line(lang, month=month, filters=ctx.filters, extra=chart_assumption_parts(result, lang))
    charts = [ReportChart("provisions_stages", chart_stage_ecl(result.stages, view, subtitle=[chart_defs]))]
    tables = [prov_tables.stage_table(result.stages, view, month),
              prov_tables.five_tier_display(result.five_tier, view, month),
              _npl_table(result.npl, settings.references, ctx)]
    notes = list(result.notes_text(lang, ctx.unit))
    if result.classification_source == "file":  # the bank's own classes: no DPD thresholds behind them
        notes.append(five_tier_basis("file", settings.thresholds, lang))
    else:
        notes.append(_t("note.provisions_five_tier", lang, thresholds=" / ".join(str(x) for x in settings.thresholds)))
    if result.movement is not None:
        charts.append(ReportChart("provisions_movement", chart_movement(result.movement, view, subtitle=[chart_defs])))
        tables += [prov_tables.movement_table(result.movement, view, result.previous_month, month),
                   prov_tables.migration_table(result.migration, view, result.previous_month, month)]
    monthly = npl_trend(ctx.provision_panel(), settings.thresholds)
    trend_defs = [definitions_line(lang, months=(str(monthly["month"].iloc[0]), str(monthly["month"].iloc[-1])),
                                   filters=ctx.filters)]
    for metric, key in (("coverage", "provisions_coverage"), ("provision_to_loans", "provisions_loans")):
        charts.append(ReportChart(key, chart_ratio_trend(monthly, view, metric, reference=settings.references[metric],
                                                         subtitle=trend_defs)))
    tables.append(prov_tables.trend_table(monthly, view))
    defaults_note = prov_tables.pd_defaults_note(monthly, view)
    if defaults_note:
        notes.append(defaults_note)
    findings = _finding_list(finding_provisions(result.npl, month, settings.references))
    return Section("provisions", _t("section.provisions", lang), defs, findings, tuple(charts), tuple(tables),
                   tuple(notes))


def _without_balances(ctx: ReportContext, key: str, defs: str) -> Section:
    """A money-only section of a book with no balances: it says so and what it would need,
    rather than print losses and allowances of accounts counted as 1."""
    note = translate("countonly.report.no_balances", ctx.lang, what=translate(f"countonly.needs.{key}", ctx.lang))
    return Section(key, _t(f"section.{key}", ctx.lang), defs, (), (), (), (note,))


def _npl_table(npl: dict, references, ctx: ReportContext) -> DisplayTable:
    """The month's NPL figures, each ratio beside its reference level and the gap to it (pp)."""
    lang, view = ctx.lang, ctx.view
    rows = [("npl_balance", "amount", npl["balance"], None), ("npl_ratio", "rate", npl["ratio"], None),
            ("allowance", "amount", npl["allowance"], None),
            ("coverage", "rate", npl["coverage"], references["coverage"]),
            ("provision_to_loans", "rate", npl["provision_to_loans"], references["provision_to_loans"])]
    frame = pd.DataFrame({
        _t("table.metric", lang): [view.text(f"prov.col.{key}", unit=view.unit_label) for key, *_ in rows],
        _t("table.value", lang): [float(ctx.scale(v)) if kind == "amount" else float(v) for _k, kind, v, _r in rows],
        _t("col.reference", lang): [np.nan if r is None else float(r) for *_x, r in rows],
        _t("col.gap", lang): [np.nan if r is None else float(v) - float(r) for _k, _kind, v, r in rows],
        "_kind": [kind for _k, kind, *_ in rows],
    })
    return DisplayTable("provisions_npl", _t("table_title.npl", lang, month=ctx.month), frame,
                        {_t("table.metric", lang): "text"})


def section_whatif(ctx: ReportContext) -> Section:
    lang, b = ctx.lang, ctx.buckets
    defs = ctx.defs(month=ctx.month, buckets=b)
    charts, tables, notes = [], [], []
    if ctx.view.counts_only:
        return _without_balances(ctx, "whatif", defs)
    rows = ctx.account_rows()
    if "credit_limit" not in rows.columns or rows["credit_limit"].notna().sum() == 0:
        return Section("whatif", _t("section.whatif", lang), defs, (), (), (), (_t("note.no_limit", lang),))
    # Features look back from the month and never past it: the rows need no cut.
    features = whatif_policy.snapshot_features(rows, ctx.month, b)
    if ctx.assumptions is None:
        try:
            pd_table = (estimate_pd(ctx.rows_upto(), b, rolls=ctx.history_rolls(), lang=lang)
                        if len(ctx.history_months()) > 1
                        else fallback_pd(b, lang))
        except whatif_policy.PolicyError:
            pd_table = fallback_pd(b, lang)
        assumptions = whatif_policy.Assumptions(pd_mapping(pd_table))
        notes.append(_t("note.whatif_defaults", lang, lgd=format_rate(assumptions.lgd, 0),
                        ccf=format_rate(assumptions.ccf, 0), rate=format_rate(assumptions.interest_rate, 0)))
        span = estimation_months(pd_table)  # which months the PDs came from (issue 14)
        notes.append(translate("whatif.report.pd_months", lang, first=span[0], last=span[1]) if span
                     else translate("whatif.report.pd_defaults", lang))
    else:
        assumptions = ctx.assumptions
    # Price each account at its own PD as the page and the CLI do (by default when the book has
    # more months than the horizon); the page's assumptions say whether it did.
    history = ctx.rows_upto()
    wants_accounts = assumptions.account_level if ctx.assumptions is not None else True
    if wants_accounts and history["month"].nunique() > ACCOUNT_PD_HORIZON:
        features = with_account_pd(features, cell_outcomes(history, b), assumptions.pd_by_bucket, b,
                                   floor=assumptions.pd_floor)
        assumptions = replace(assumptions, account_level=True)
        notes.append(translate("whatif.report.account_pd", lang, floor=format_rate(assumptions.pd_floor, 2)))
    elif assumptions.account_level:
        assumptions = replace(assumptions, account_level=False)
        notes.append(translate("whatif.report.bucket_pd", lang))
    policies = list(ctx.policies) if ctx.policies else whatif_policy.starter_policies(lang)
    champion = ctx.champion if 0 <= ctx.champion < len(policies) else 0
    results = [whatif_policy.simulate_policy(features, p, assumptions) for p in policies]
    unusable = whatif_policy.rate_note(results[champion], features)
    if unusable is not None:
        notes.append(translate(unusable[0], lang, **unusable[1]))
    comparison = whatif_policy.compare_scenarios(results, champion)
    charts.append(ReportChart("whatif_scenarios", chart_scenarios(comparison, ctx.view, subtitle=defs)))
    cols = {"scenario": "text", "accounts_affected": "count", "limit_total": "amount", "ead": "amount",
            "expected_loss": "amount", "revenue": "amount", "expected_loss_vs_champion": "amount",
            "revenue_vs_champion": "amount"}
    table = pd.DataFrame({
        (ctx.amount_col(c) if k == "amount" else _t(f"col.{c}", lang)):
            (ctx.scale(comparison[c]) if k == "amount" else comparison[c].to_numpy())
        for c, k in cols.items()})
    tables.append(DisplayTable("whatif_scenarios", _t("table_title.scenarios", lang), table,
                              {(ctx.amount_col(c) if k == "amount" else _t(f"col.{c}", lang)): k for c, k in cols.items()}))
    pd_rows = pd.DataFrame({_t("col.bucket", lang): [b.label_of(k, lang) for k in assumptions.pd_by_bucket],
                            _t("col.pd", lang): list(assumptions.pd_by_bucket.values())})
    tables.append(DisplayTable("whatif_pd", _t("table_title.pd", lang), pd_rows,
                              {_t("col.bucket", lang): "text", _t("col.pd", lang): "rate"}))
    targeted = next((i for i, p in enumerate(policies) if i != champion and p.rules), None)
    if targeted is not None:
        curve = whatif_policy.sensitivity_curve(features, policies[targeted], assumptions)
        charts.append(ReportChart("whatif_sensitivity", chart_sensitivity(
            curve, ctx.view, subtitle=_t("sensitivity_of", lang, name=policies[targeted].name or "–"))))
        # the page's table (accounts matched, signed changes, the trade-off), under the report's key
        page_table = whatif_tables.sensitivity_table(curve, ctx.view)
        tables.append(replace(page_table, key="whatif_sensitivity", title=_t("table_title.sensitivity", lang)))
    findings = _finding_list(finding_whatif(comparison))
    return Section("whatif", _t("section.whatif", lang), defs, findings, tuple(charts), tuple(tables), tuple(notes))


def section_warnings(ctx: ReportContext) -> Section:
    lang, b = ctx.lang, ctx.buckets
    defs = ctx.defs(month=ctx.month, buckets=b)
    rows = ctx.account_rows()
    classifier = reason_classifier(rows, ctx.ws["reason_dictionary"])
    # The signals look back from the month and never past it: the rows need no cut.
    signals = wn.warning_signals(rows, month=ctx.month, thresholds=ctx.ws["warning_thresholds"], buckets=b,
                                 classifier=classifier)
    levels = wn.warning_levels(signals, ctx.ws["warning_rule"] or wn.DEFAULT_RULE)
    summary = wn.level_summary(signals, levels)
    charts = [ReportChart("warnings_levels", chart_levels(summary, ctx.view, subtitle=defs))]
    level_names = {lv: level_label(lv, lang) for lv in wn.LEVELS}
    tables = [DisplayTable("warnings_levels", _t("table_title.levels", lang, month=ctx.month), pd.DataFrame({
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
            by, ctx.view, by=owner, by_label=owner_label, subtitle=defs, top=15,
            unassigned=_t("unassigned", lang))))
        # the table behind the chart: accounts and the balance it stacks, owners in its order
        # (largest warned balance first), as the page's table by owner reads
        warned = by[by["accounts"] > 0]
        total = warned.groupby(owner, observed=True, dropna=False)["balance"].transform("sum")
        ordered = warned.assign(_total=total.to_numpy()).sort_values("_total", ascending=False, kind="stable")
        table = level_table(ordered.drop(columns="_total"), ctx.view, by=owner, by_label=owner_label)
        tables.append(replace(table, key="warnings_by_owner", title=_t("table_title.by_owner", lang, owner=owner_label)))
    actions = wn.collection_actions(
        signals, levels, DEFAULT_STAGE_PLAYBOOK if ctx.ws["playbook"] is None else ctx.ws["playbook"],
        DEFAULT_CAUSE_RESPONSES if ctx.ws["cause_responses"] is None else ctx.ws["cause_responses"])
    if len(actions):
        acts = wn.action_summary(actions, lang)
        charts.append(ReportChart("warnings_actions", chart_actions(acts, ctx.view, subtitle=defs)))
        tables.append(DisplayTable("warnings_actions", _t("table_title.actions", lang), pd.DataFrame({
            _t("col.action", lang): acts["label"].to_numpy(),
            _t("col.accounts", lang): acts["accounts"].to_numpy(),
            ctx.amount_col("balance"): ctx.scale(acts["balance"]),
            _t("col.warned_balance_share", lang): acts["balance_share"].to_numpy(),  # of the warned balance
        }), {_t("col.action", lang): "text", _t("col.accounts", lang): "count", ctx.amount_col("balance"): "amount",
             _t("col.warned_balance_share", lang): "rate"}))
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
        tables.append(DisplayTable("warnings_accounts", _t("table_title.accounts", lang, n=min(TOP_ACCOUNTS, len(actions))),
                                  pd.DataFrame(listing), kinds))
    # The same verdict as the overview's and the warnings page's: a rule that fails its backtest
    # is said to need recalibrating instead of being counted as if it worked.
    reliability = ctx.inputs().reliability
    findings = _finding_list(finding_warnings(summary, ctx.month, reliability))
    verdict = reliability.text(lang) if reliability is not None else ""
    notes = (*([verdict] if verdict else []), _t("note.masked", lang))
    return Section("warnings", _t("section.warnings", lang), defs, findings, tuple(charts), tuple(tables), notes)
