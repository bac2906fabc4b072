"""The sections of the provisions page (拨备与不良), one function each, and their cached calls.

Everything is computed by :mod:`analysis.provisions` on the data in view (sidebar filters and month
range). The month's provisions (staging the book up to the month, ECL, migration, movement) are
cached per data token and settings; the monthly trend (every account-month priced with its own
month's PD curve) is cached the same way and, above :data:`TREND_AUTO_ROWS` account-months, runs
when the reader asks for it.
"""
from __future__ import annotations

import json
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from analysis.core.definitions import segment_name
from analysis.aging import regulatory as R
from analysis.charts import provisions as C
from analysis.core.definitions import definitions_line
from analysis.core.i18n import MessageError
from analysis.core.markup import escape_markdown
from analysis.core.privacy import export_xlsx_bytes
from analysis.core.schema import segment_columns
from analysis.core.units import format_pp, format_rate
from analysis.core.view import View
from analysis.core.vocabulary import five_tier_label
from analysis.provisions import tables as T
from analysis.provisions.ecl import EclAssumptions
from analysis.provisions.settings import ProvisionSettings
from analysis.provisions.npl import REFERENCE_LEVELS, npl_trend
from analysis.provisions.summary import (ProvisionResult, assumption_parts, chart_assumption_parts, provisions_payload,
                                         trend_rows)
from ui import persist, presentation, shared_settings, state
from ui.aging import keys as AK
from ui.i18n import lang, t
from ui.provisions import cache as PC
from ui.provisions import keys as K
from ui.provisions import settings as S
from ui.widgets import definitions, show_chart, show_display_table

#: Above this many account-months the monthly trend (~2 s at 2.4M rows) runs when asked.
TREND_AUTO_ROWS = 500_000
#: Accounts listed on screen (the download has them all).
ACCOUNTS_SHOWN = 200
PRESETS = ["credit_card", "floors_2023", "custom"]


@dataclass(frozen=True)
class Setup:
    """What the reader chose: the month, and the settings every figure rests on (read back from
    the session after the widgets are drawn: :func:`ui.provisions.settings.from_session`, the
    one reading the report and the overview use too)."""

    view: View
    month: str
    settings: ProvisionSettings
    preset: str

    rules = property(lambda self: self.settings.rules)
    assumptions = property(lambda self: self.settings.assumptions)
    thresholds = property(lambda self: self.settings.thresholds)
    window = property(lambda self: self.settings.window)
    references = property(lambda self: self.settings.references)

    def key(self) -> str:
        """The settings as text, for the cache."""
        return json.dumps({"month": self.month, "settings": self.settings.key()})


# --- the choices --------------------------------------------------------------------------------

def controls() -> Setup | None:
    """The month and the assumptions (LGD, CCF, discounting, life, PD window, staging, scenarios,
    five-tier thresholds, reference levels); None with a message when they do not fit together."""
    view = state.view()
    months = sorted(state.portfolio()["month"].unique())
    c = st.columns([1, 3])
    month = persist.choice(c[0].selectbox, t("prov.page.month"), months[::-1], key=K.MONTH, default=months[-1],
                           options=months)
    presentation.shown_choice(t("prov.page.month"), month)
    with c[1].expander(t("prov.page.assumptions"), icon=":material/tune:"):
        _ecl_inputs()
        _staging_inputs()
        _five_tier_inputs(view)
        _reference_inputs()
        try:
            settings = S.from_session()
        except MessageError as exc:
            st.error(exc.markdown(view.lang), icon=":material/error:")
            return None
    return Setup(view=view.but(month=month), month=month, settings=settings, preset=S.preset())


def _ecl_inputs() -> None:
    base = EclAssumptions()
    st.markdown(t("prov.page.asm.ecl"))
    c = st.columns(5)
    # the shared settings: not kept by Streamlit across pages (ui.shared_settings keeps them)
    shared_settings.shared_widget(c[0].number_input, t("prov.page.lgd"), K.LGD, base.lgd * 100, min_value=0.0,
                                  max_value=100.0, step=5.0, help=t("prov.page.lgd_help"))
    shared_settings.shared_widget(c[1].number_input, t("prov.page.ccf"), K.CCF, base.ccf * 100, min_value=0.0,
                                  max_value=100.0, step=5.0, help=t("prov.page.ccf_help"))
    shared_settings.shared_widget(c[2].number_input, t("prov.page.discount"), K.DISCOUNT, base.discount_rate * 100,
                                  min_value=0.0, max_value=100.0, step=0.5, help=t("prov.page.discount_help"))
    persist.choice(c[3].number_input, t("prov.page.life"), key=K.LIFE, default=base.remaining_life,
                   min_value=1, max_value=600, step=6, help=t("prov.page.life_help"))
    persist.choice(c[4].number_input, t("prov.page.window"), key=K.WINDOW, default=S.DEFAULT_WINDOW, min_value=1,
                   max_value=120, step=1, help=t("prov.page.window_help"))
    shared_settings.shared_widget(st.toggle, t("prov.page.own_rate"), K.OWN_RATE, True, help=t("prov.page.own_rate_help"))
    shared_settings.snapshot((K.LGD, K.CCF, K.DISCOUNT, K.OWN_RATE))
    st.caption(t("prov.page.shared_with_whatif"))
    _life_by_product()
    _scenario_inputs()


def _scenario_inputs() -> None:
    start = S.scenario_start()
    config = {
        "name": st.column_config.TextColumn(t("prov.page.scenario.name"), required=True),
        "weight": st.column_config.NumberColumn(t("prov.page.scenario.weight"), min_value=0.0, max_value=100.0,
                                                step=5.0, format="%.1f%%", required=True),
        "pd_multiplier": st.column_config.NumberColumn(t("prov.page.scenario.multiplier"), min_value=0.0, step=0.1,
                                                       format="%.2f", required=True),
    }
    st.caption(t("prov.page.scenario.help"))
    persist.editor(K.SCENARIOS, start, num_rows="dynamic", hide_index=True, column_config=config, width="stretch")


def _life_by_product() -> None:
    """Remaining life per product (blank: the life above), when the data has products."""
    start = S.life_start(state.portfolio())
    if start is None:
        return
    st.caption(t("prov.page.life_by_product_help"))
    config = {"product": st.column_config.TextColumn(t("prov.page.product"), disabled=True),
              "months": st.column_config.TextColumn(t("prov.page.life"))}
    persist.editor(K.LIFE_BY_PRODUCT, start, hide_index=True, column_config=config, width="stretch")


def _staging_inputs() -> None:
    st.markdown(t("prov.page.asm.staging"))
    s2_default, s3_default = R.IFRS9_DEFAULT
    c = st.columns(6)
    # The aging page's own keys: one set of stage bounds on both pages.
    persist.choice(c[0].number_input, t("aging.reg.stage2"), key=AK.IFRS9_STAGE2, shared=True, default=s2_default,
                   min_value=1, max_value=3650, step=1)
    persist.choice(c[1].number_input, t("aging.reg.stage3"), key=AK.IFRS9_STAGE3, shared=True, default=s3_default,
                   min_value=2, max_value=3650, step=1)
    persist.choice(c[2].number_input, t("prov.page.probation2"), key=K.PROBATION_2, default=3, min_value=0,
                   max_value=120, step=1, help=t("prov.page.probation_help"))
    persist.choice(c[3].number_input, t("prov.page.probation3"), key=K.PROBATION_3, default=3, min_value=0,
                   max_value=120, step=1, help=t("prov.page.probation_help"))
    has_score = "score" in state.portfolio().columns
    persist.choice(c[4].number_input, t("prov.page.score_drop"), key=K.SCORE_DROP, default=0.0, min_value=0.0,
                   step=10.0, disabled=not has_score,
                   help=t("prov.page.score_drop_help" if has_score else "prov.page.no_score"))
    persist.choice(c[5].number_input, t("prov.page.pd_ratio"), key=K.PD_RATIO, default=0.0, min_value=0.0,
                   step=0.5, help=t("prov.page.pd_ratio_help"))
    if "loan_class" in state.portfolio().columns:  # the bank's own 五级分类 is in the file
        persist.choice(st.checkbox, t("prov.page.class_floor"), key=K.CLASS_FLOOR, default=True,
                       help=t("prov.page.class_floor_help"))


def _five_tier_inputs(view: View) -> None:
    st.markdown(t("prov.page.asm.five_tier"))
    if "loan_class" in state.portfolio().columns:
        st.caption(t("prov.page.asm.five_tier_file"))  # the thresholds below no longer decide the NPL
    labels = {p: t(f"aging.preset.{p}") for p in PRESETS}
    c = st.columns([2, 1, 1, 1, 1])
    preset = persist.choice(c[0].selectbox, t("aging.reg.preset"), PRESETS, key=AK.TIER_PRESET, shared=True, default=PRESETS[0],
                            options=PRESETS, format_func=labels.get)
    base = R.FIVE_TIER_PRESETS.get(preset, R.FIVE_TIER_PRESETS["credit_card"])
    for i, n in enumerate(["special_mention", "substandard", "doubtful", "loss"]):
        persist.choice(c[i + 1].number_input, t("aging.reg.from", tier=five_tier_label(n, view.lang)),
                       min_value=1, max_value=3650, step=1, key=AK.tier_threshold(preset, n), shared=True,
                       default=int(base[i]), disabled=preset != "custom")


def _reference_inputs() -> None:
    st.markdown(t("prov.page.asm.references"))
    c = st.columns(2)
    persist.choice(c[0].number_input, t("prov.page.ref_coverage"), key=K.REF_COVERAGE,
                   default=REFERENCE_LEVELS["coverage"]["value"] * 100, min_value=0.0, max_value=1000.0,
                   step=10.0, help=t("prov.page.ref_help", source=REFERENCE_LEVELS["coverage"]["source"]))
    persist.choice(c[1].number_input, t("prov.page.ref_loans"), key=K.REF_LOANS,
                   default=REFERENCE_LEVELS["provision_to_loans"]["value"] * 100, min_value=0.0,
                   max_value=100.0, step=0.5,
                   help=t("prov.page.ref_help", source=REFERENCE_LEVELS["provision_to_loans"]["source"]))


# --- the figures --------------------------------------------------------------------------------

def compute(setup: Setup) -> ProvisionResult | None:
    """The month's provisions (cached), or None after saying what to change."""
    try:
        with st.spinner(t("prov.page.computing")):
            # the history up to the sidebar's last month: stages, probation and PDs read the
            # accounts' past, not the chart window (its first month must not change the allowance)
            return PC.month_result(state.data_token(), setup.settings.key(), setup.month, state.history()[0],
                                   setup.settings)
    except MessageError as exc:
        st.error(exc.markdown(setup.view.lang), icon=":material/error:")
        return None


def trend(setup: Setup) -> pd.DataFrame | None:
    """Every account-month with its allowance, for the monthly ratios; on a large book only once asked."""
    portfolio = state.history()[0]
    asked = st.session_state.get(K.RUN_TREND) == state.data_token()
    if len(portfolio) > TREND_AUTO_ROWS and not asked:
        if st.button(t("prov.page.run_trend", rows=f"{len(portfolio):,}"), key=f"{K.RUN_TREND}_button",
                     icon=":material/play_arrow:"):
            st.session_state[K.RUN_TREND] = state.data_token()
            st.rerun()
        return None
    try:
        with st.spinner(t("prov.page.computing_trend")):
            panel = PC.trend_panel(state.data_token(), setup.settings.key(), portfolio, setup.settings)
        # staged over the history, shown over the sidebar's months
        shown = state.months_in_view()
        return panel[panel["month"].isin(shown).to_numpy()] if shown else panel
    except MessageError as exc:
        st.error(exc.markdown(setup.view.lang), icon=":material/error:")
        return None


def dline(setup: Setup, result: ProvisionResult) -> str:
    """The definitions line: filters, then every assumption the figures rest on."""
    return definitions_line(setup.view.lang, month=setup.month, filters=setup.view.filter_dict,
                            extra=assumption_parts(result, setup.view.lang))


def chart_line(setup: Setup, result: ProvisionResult) -> str:
    """An ECL chart's subtitle: month, filters, PD source, LGD and CCF (the rest is on :func:`dline`)."""
    return definitions_line(setup.view.lang, month=setup.month, filters=setup.view.filter_dict,
                            extra=chart_assumption_parts(result, setup.view.lang))


# --- the sections -------------------------------------------------------------------------------

def headline(setup: Setup, result: ProvisionResult) -> None:
    """Four cards (allowance, NPL ratio, coverage, allowance to loans) and one sentence."""
    v = setup.view
    npl = result.npl
    refs = setup.references
    on_dataset = state.dataset_month() is not None
    for (key, params), note in zip(result.notes, result.notes_text(v.lang, v.unit)):
        if on_dataset and key == "provisions.note.no_previous":
            # a dataset hands over one month's rows: last month is in it, just not read
            note = t("prov.page.dataset_no_movement", month=params["month"], previous=params["previous"])
        st.info(escape_markdown(note), icon=":material/info:")
    m = st.columns(4)
    m[0].metric(t("prov.page.card.allowance", unit=v.unit_label), f"{v.scale(npl['allowance']):,.2f}",
                help=t("prov.page.card.allowance_help"))
    m[1].metric(t("prov.page.card.npl_ratio"), _pct(npl["ratio"]),
                help=t("prov.page.card.npl_help", balance=f"{v.scale(npl['balance']):,.2f}", unit=v.unit_label))
    m[2].metric(t("prov.page.card.coverage"), _pct(npl["coverage"]),
                _gap(npl["coverage"], refs["coverage"], v.lang), delta_color="normal",
                help=t("prov.page.card.against", ref=_pct(refs["coverage"])))
    m[3].metric(t("prov.page.card.loans"), _pct(npl["provision_to_loans"]),
                _gap(npl["provision_to_loans"], refs["provision_to_loans"], v.lang), delta_color="normal",
                help=t("prov.page.card.against", ref=_pct(refs["provision_to_loans"])))
    st.markdown(_verdict(setup, result))
    definitions(dline(setup, result))


def _pct(x: float) -> str:
    return format_rate(x)  # the house's: thousands separators ("4,262.10%"), "–" when missing


def _gap(value: float, reference: float, lang: str) -> str | None:
    # only the signed points: a card at 1280 px cuts a longer delta; the help says "vs the reference"
    if value != value:
        return None
    return format_pp(value - reference, lang)


def _verdict(setup: Setup, result: ProvisionResult) -> str:
    npl, refs, v = result.npl, setup.references, setup.view
    below = [t(f"prov.page.metric.{k}") for k in ("coverage", "provision_to_loans")
             if npl[k] == npl[k] and npl[k] < refs[k]]
    key = "prov.page.verdict.below" if below else "prov.page.verdict.ok"
    return t(key, month=setup.month, allowance=f"{v.scale(npl['allowance']):,.2f}", unit=v.unit_label,
             ratio=_pct(npl["ratio"]), coverage=_pct(npl["coverage"]), loans=_pct(npl["provision_to_loans"]),
             below="、".join(below) if v.lang == "zh" else ", ".join(below))


def stages_section(setup: Setup, result: ProvisionResult) -> None:
    v = setup.view
    sub = [chart_line(setup, result)]
    show_chart(C.chart_stage_ecl(result.stages, v, subtitle=sub), key=K.STAGE_CHART)
    show_display_table(T.stage_table(result.stages, v, setup.month), key=K.STAGE_TABLE)
    st.caption(t("prov.page.stages_note"))
    table = T.account_table(result.accounts, v, setup.month)
    show_display_table(table.__class__(table.key, table.title, table.frame.head(ACCOUNTS_SHOWN), table.kinds,
                                       table.decimals), key=K.ACCOUNTS_TABLE,
                       label=t("prov.page.accounts", n=f"{min(ACCOUNTS_SHOWN, len(table.frame)):,}",
                                 total=f"{len(table.frame):,}"))


def movement_section(setup: Setup, result: ProvisionResult) -> None:
    v = setup.view
    if result.movement is None:
        st.info(t("prov.page.no_movement", month=setup.month), icon=":material/info:")
        return
    sub = [chart_line(setup, result)]
    show_chart(C.chart_movement(result.movement, v, subtitle=sub), key=K.MOVEMENT_CHART)
    show_display_table(T.movement_table(result.movement, v, result.previous_month, setup.month), key=K.MOVEMENT_TABLE)
    st.caption(t("prov.page.movement_note"))
    show_display_table(T.migration_table(result.migration, v, result.previous_month, setup.month),
                       key=K.MIGRATION_TABLE)


def npl_section(setup: Setup, result: ProvisionResult, panel: pd.DataFrame | None) -> pd.DataFrame | None:
    """The month's five classes, then the ratios by month against the reference levels."""
    v = setup.view
    show_display_table(T.five_tier_display(result.five_tier, v, setup.month), key=K.FIVE_TIER_TABLE)
    if "loan_class" in state.portfolio().columns:  # the bank's own classes, not the DPD rule (npl.classification_source)
        st.caption(t("prov.page.five_tier_note_file"))
    else:
        st.caption(t("prov.page.five_tier_note", preset=t(f"aging.reg.short.{setup.preset}"),
                     thresholds=" / ".join(str(x) for x in setup.thresholds)))
    if panel is None:
        return None
    monthly = npl_trend(panel, setup.thresholds)
    sub = [definitions_line(v.lang, months=(str(monthly["month"].iloc[0]), str(monthly["month"].iloc[-1])),
                            filters=v.filter_dict)]
    left, right = st.columns(2)
    with left:
        show_chart(C.chart_ratio_trend(monthly, v, "coverage", reference=setup.references["coverage"], subtitle=sub),
                   key=K.COVERAGE_CHART)
    with right:
        show_chart(C.chart_ratio_trend(monthly, v, "provision_to_loans",
                                       reference=setup.references["provision_to_loans"], subtitle=sub), key=K.LOANS_CHART)
    show_chart(C.chart_ratio_trend(monthly, v, "npl_ratio", subtitle=sub), key=K.NPL_CHART)
    show_display_table(T.trend_table(monthly, v), key=K.TREND_TABLE)
    defaults_note = T.pd_defaults_note(monthly, v)
    if defaults_note:
        st.caption(defaults_note)
    return monthly


def segment_section(setup: Setup, panel: pd.DataFrame | None) -> tuple[str, pd.DataFrame] | None:
    """NPL and allowance of the month by one segment column."""
    v = setup.view
    segments = [c for c in segment_columns(state.portfolio())]
    if not segments:
        st.info(t("prov.page.no_segments"))
        return None
    if panel is None:
        st.info(t("prov.page.segment_needs_trend"))
        return None
    labels = {c: segment_name(c, lang()) for c in segments}
    by = persist.choice(st.selectbox, t("prov.page.segment"), segments, key=K.SEGMENT, default=segments[0],
                        options=segments, format_func=labels.get)
    month_rows = panel[panel["month"].astype(str) == setup.month]
    table = npl_trend(month_rows, setup.thresholds, by=by)
    show_display_table(T.trend_table(table, v, by=by, title=v.text("prov.table.by_segment", segment=labels[by],
                                                                    month=setup.month)), key=K.SEGMENT_TABLE)
    return by, table


def downloads(setup: Setup, result: ProvisionResult, monthly: pd.DataFrame | None) -> None:
    """Every table in one workbook, and the CLI's JSON."""
    if state.presentation():
        return
    v = setup.view
    sheets = [T.stage_table(result.stages, v, setup.month), T.five_tier_display(result.five_tier, v, setup.month)]
    if result.movement is not None:
        sheets += [T.movement_table(result.movement, v, result.previous_month, setup.month),
                   T.migration_table(result.migration, v, result.previous_month, setup.month)]
    if monthly is not None:
        sheets.append(T.trend_table(monthly, v))
    sheets.append(T.account_table(result.accounts, v, setup.month))
    frames = {t(f"prov.page.sheet.{table.key}"): table.frame[table.shown_columns] for table in sheets}
    stem = f"{t('prov.page.file')}_{setup.month}"
    c = st.columns(2)
    c[0].download_button(t("prov.page.download_xlsx"), data=lambda: export_xlsx_bytes(frames, note=dline(setup, result)),
                         file_name=f"{stem}.xlsx", key=K.DOWNLOAD_XLSX, icon=":material/table_view:",
                         mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    body = provisions_payload(result, v.lang, monthly)
    if monthly is not None:
        body["trend"] = trend_rows(monthly)
    c[1].download_button(t("prov.page.download_json"), data=json.dumps(body, ensure_ascii=False, default=str),
                         file_name=f"{stem}.json", mime="application/json", key=K.DOWNLOAD_JSON,
                         icon=":material/data_object:", help=t("prov.page.download_json_help"))
