"""The provisions page's settings read from the session, without drawing a widget.

The meeting report and the overview price the book the way the reader set it up on the provisions
page: :func:`current` reads the page's session keys (:mod:`ui.provisions.keys`, and the aging page's
five-tier and stage keys it shares) with the page's own defaults, so before a visit there it gives
the analysis defaults. The page itself still draws its widgets in :mod:`ui.provisions.views`.
"""
from __future__ import annotations

import pandas as pd
import streamlit as st

from analysis.aging import regulatory as R
from analysis.core.i18n import MessageError
from analysis.provisions.ecl import EclAssumptions, Scenario
from analysis.provisions.settings import ProvisionSettings, default_references
from analysis.provisions.staging import StagingRules
from ui import persist, shared_settings, state
from ui.aging import keys as AK
from ui.i18n import t
from ui.provisions import keys as K

#: The page's default PD window (its number input starts here).
DEFAULT_WINDOW = 12
_TIERS = ("special_mention", "substandard", "doubtful", "loss")


#: The provisions page's widget key → the shared setting's name.
_SETTING = {v: k for k, v in shared_settings.PROVISIONS_KEYS.items()}


def _value(key: str, default):
    """The session's value under ``key`` (the widget's), or the widget's default."""
    value = st.session_state.get(key)
    if value is None:  # the page not drawn yet this session: the setting as the what-if page left it
        value = shared_settings.value(_SETTING.get(key, key), None)
    return default if value is None else value


def scenarios_of(table: pd.DataFrame) -> tuple[Scenario, ...]:
    """The scenario editor's rows (weights in %) as scenarios, blanks as values the check refuses.

    Examples
    --------
    >>> scenarios_of(pd.DataFrame({"name": ["base", "down"], "weight": [70.0, 30.0], "pd_multiplier": [1.0, 1.5]}))
    (Scenario(name='base', weight=0.7, pd_multiplier=1.0), Scenario(name='down', weight=0.3, pd_multiplier=1.5))
    """
    rows = table.dropna(how="all")
    return tuple(Scenario(str(r["name"]) if pd.notna(r["name"]) else "",
                          float(r["weight"]) / 100 if pd.notna(r["weight"]) else -1.0,
                          float(r["pd_multiplier"]) if pd.notna(r["pd_multiplier"]) else -1.0)
                 for r in rows.to_dict("records"))


def scenario_start() -> pd.DataFrame:
    """The scenario editor's starting table: one base scenario (its name in the UI language)."""
    return pd.DataFrame({"name": [t("prov.page.scenario.base")], "weight": [100.0], "pd_multiplier": [1.0]})


def life_start(portfolio: pd.DataFrame) -> pd.DataFrame | None:
    """The per-product remaining-life editor's starting table (every product blank), or None
    without a product column."""
    if "product" not in portfolio.columns:
        return None
    products = sorted(str(p) for p in portfolio["product"].dropna().unique())
    if not products:  # only blank products under the filters: nothing to give a life to
        return None
    # Text, not numbers: a blank cell must read as blank, not "None".
    return pd.DataFrame({"product": products, "months": [""] * len(products)})


def life_by_product(table: pd.DataFrame) -> dict[str, int]:
    """The editor's filled rows as ``{product: months}`` (blank rows take the general life).

    Raises
    ------
    MessageError
        A cell that is not a whole number of months from 1 to 600, naming the product.

    Examples
    --------
    >>> life_by_product(pd.DataFrame({"product": ["信用卡", "房贷"], "months": ["24", ""]}))
    {'信用卡': 24}
    """
    out = {}
    for product, months in zip(table["product"], table["months"]):
        text = "" if months is None or (isinstance(months, float) and months != months) else str(months).strip()
        if not text:
            continue
        try:
            value = float(text)
        except ValueError:
            value = float("nan")
        if not value.is_integer() or not 1 <= value <= 600:
            raise MessageError("prov.err.life_by_product", product=product, value=text)
        out[str(product)] = int(value)
    return out


def _assumptions() -> EclAssumptions:
    base = EclAssumptions()
    kept = persist.kept_table(K.SCENARIOS, scenario_start())
    life_table = life_start(state.portfolio())
    by_product = {} if life_table is None else life_by_product(persist.kept_table(K.LIFE_BY_PRODUCT, life_table))
    return EclAssumptions(lgd=float(_value(K.LGD, base.lgd * 100)) / 100, ccf=float(_value(K.CCF, base.ccf * 100)) / 100,
                          discount_rate=float(_value(K.DISCOUNT, base.discount_rate * 100)) / 100,
                          use_account_rate=bool(_value(K.OWN_RATE, True)),
                          remaining_life=int(_value(K.LIFE, base.remaining_life)),
                          remaining_life_by_product=by_product, scenarios=scenarios_of(kept))


def _rules(has_score: bool) -> StagingRules:
    s2_default, s3_default = R.IFRS9_DEFAULT
    drop = float(_value(K.SCORE_DROP, 0.0))
    ratio = float(_value(K.PD_RATIO, 0.0))
    return StagingRules(stage2_from=int(_value(AK.IFRS9_STAGE2, s2_default)),
                        stage3_from=int(_value(AK.IFRS9_STAGE3, s3_default)),
                        probation_stage2=int(_value(K.PROBATION_2, 3)), probation_stage3=int(_value(K.PROBATION_3, 3)),
                        score_drop=drop if has_score and drop > 0 else None, pd_ratio=ratio if ratio > 0 else None,
                        class_floor=bool(_value(K.CLASS_FLOOR, True)))


def _thresholds() -> tuple[int, int, int, int]:
    chosen = preset()
    base = R.FIVE_TIER_PRESETS.get(chosen, R.FIVE_TIER_PRESETS["credit_card"])
    return R.check_five_tier([int(_value(AK.tier_threshold(chosen, n), int(base[i]))) for i, n in enumerate(_TIERS)])


def _references() -> dict[str, float]:
    refs = default_references()
    return {"coverage": float(_value(K.REF_COVERAGE, refs["coverage"] * 100)) / 100,
            "provision_to_loans": float(_value(K.REF_LOANS, refs["provision_to_loans"] * 100)) / 100}


def from_session() -> ProvisionSettings:
    """The provisions settings as the session holds them (the page's defaults where unset).

    Raises
    ------
    MessageError
        When they do not fit together (scenario weights, a product's life, a staging rule); the
        provisions page shows the message.
    """
    return ProvisionSettings(rules=_rules("score" in state.portfolio().columns), assumptions=_assumptions(),
                             thresholds=_thresholds(), window=int(_value(K.WINDOW, DEFAULT_WINDOW)),
                             references=_references())


def preset() -> str:
    """The five-tier rule chosen (a key of :data:`analysis.aging.regulatory.FIVE_TIER_PRESETS` or ``custom``)."""
    return str(_value(AK.TIER_PRESET, "credit_card"))


def current() -> ProvisionSettings | None:
    """The provisions settings the reader chose on the provisions page (the defaults before a
    visit); None when they do not fit together (the page says what to fix; the caller then
    uses the defaults or leaves the provisions out)."""
    try:
        return from_session()
    except (MessageError, ValueError, TypeError):
        return None
