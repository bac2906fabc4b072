"""One call for a page, the meeting report and the CLI: the provisions of a month, and the panel.

:func:`provisions_for_month` stages the book up to the month, prices ECL with the PD curve as at
that month, and, when the previous calendar month is in the book, prices it too (with the curve as
at *that* month, so the opening allowance is what would have been reported then) for the stage
migration and the allowance movement. :func:`provisions_payload` turns the result into the CLI's
public JSON. :func:`provision_panel` gives ECL for every account-month (a curve per month) for the
NPL/coverage trend.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from analysis.aging.rates import months_of
from analysis.aging.regulatory import check_five_tier
from analysis.core.buckets import DEFAULT_BUCKETS, FIVE_TIER_CREDIT_CARD, Buckets, bucket_codes
from analysis.core.i18n import translate
from analysis.core.rates import shift_month
from analysis.core.units import format_amount, percent_text, unit_label
from analysis.provisions.ecl import EclAssumptions, expected_credit_loss, footed_allowance, stage_totals
from analysis.provisions.movement import allowance_movement, stage_migration
from analysis.provisions.npl import REFERENCE_LEVELS, classification_source, five_tier_table, npl_figures
from analysis.provisions.pd_curve import (DEFAULT_WINDOW, PdCurve, ProvisionError, book_pd_curve,
                                          book_transitions)
from analysis.provisions.staging import StagingRules, assign_stages

_ACCOUNT_COLUMNS = ("account_id", "month", "days_past_due", "balance", "credit_limit", "interest_rate", "product")


@dataclass(frozen=True)
class ProvisionResult:
    """Everything the provisions of one month consist of (unrounded; :func:`provisions_payload`
    rounds once for display).

    Attributes
    ----------
    month, previous_month : str, str or None
    accounts : DataFrame
        The month's per-account ECL table (:func:`~analysis.provisions.ecl.expected_credit_loss`)
        with ``days_past_due`` and ``sicr``/``probation`` added. The previous month's table is
        not kept (its stage migration and allowance movement are): a result lives in a session's
        cache, and 100k accounts' table is ~7 MB.
    stages : DataFrame
        :func:`~analysis.provisions.ecl.stage_totals` of the month.
    five_tier : DataFrame
    npl : dict
    migration, movement : DataFrame or None
        None without a previous month.
    curve, previous_curve : PdCurve, PdCurve or None
    rules : StagingRules
    assumptions : EclAssumptions
    buckets : Buckets
    thresholds : tuple of int
        Five-tier lower bounds.
    window : int or None
    notes : list of (key, params)
        Things the reader must know (no previous month, fallback PDs), as message keys.
    classification_source : {"file", "dpd"}
        Where ``five_tier`` and ``npl`` come from: the bank's own classes (a ``loan_class``
        column) or the DPD at ``thresholds``.
    """

    month: str
    previous_month: str | None
    accounts: pd.DataFrame
    stages: pd.DataFrame
    five_tier: pd.DataFrame
    npl: dict
    migration: pd.DataFrame | None
    movement: pd.DataFrame | None
    curve: PdCurve
    previous_curve: PdCurve | None
    rules: StagingRules
    assumptions: EclAssumptions
    buckets: Buckets
    thresholds: tuple[int, int, int, int]
    window: int | None
    notes: list = field(default_factory=list)
    classification_source: str = "dpd"

    def notes_text(self, lang: str = "en", unit: str = "yuan") -> list[str]:
        """The notes in ``lang``, amounts in ``unit`` (the page's; the CLI's JSON is in 元)."""
        return [translate(key, lang, **_amounts_in(params, unit, lang)) for key, params in self.notes]


def _amounts_in(params: dict, unit: str, lang: str) -> dict:
    """A note's parameters with its ``balance`` (元, a number) written in ``unit``, and the unit named."""
    if not isinstance(params.get("balance"), float):
        return params
    return {**params, "balance": format_amount(params["balance"], unit, 2), "unit": unit_label(unit, lang)}


def _month_ecl(rows: pd.DataFrame, staged: pd.DataFrame, curve: PdCurve, assumptions: EclAssumptions,
               buckets: Buckets) -> pd.DataFrame:
    table = expected_credit_loss(rows, staged["stage"].to_numpy(), curve, assumptions, buckets=buckets)
    table.insert(2, "days_past_due", rows["days_past_due"].to_numpy())
    table["sicr"] = staged["sicr"].to_numpy()
    table["probation"] = staged["probation"].to_numpy()
    table["by_class"] = staged["by_class"].to_numpy()
    return table.reset_index(drop=True)


def _month_curves(portfolio, months, buckets, horizon, window, rolls) -> dict[str, PdCurve]:
    """The point-in-time PD curve of every month (roll rates up to that month only)."""
    return {m: book_pd_curve(portfolio, m, buckets=buckets, horizon=horizon, window=window, rolls=rolls)
            for m in months}


def check_month(portfolio: pd.DataFrame, month: str | None) -> tuple[str, list[str]]:
    """``(month, months)``: the month (default the latest) and the book's months, or a
    :class:`ProvisionError` naming the months there are."""
    months = months_of(portfolio) if len(portfolio) else []
    if not months:
        raise ProvisionError("provisions.err.empty")
    if month is None:
        return months[-1], months
    if str(month) not in months:
        raise ProvisionError("provisions.err.month", month=month, first=months[0], last=months[-1])
    return str(month), months


def provisions_for_month(portfolio: pd.DataFrame, month: str | None = None, *,
                         rules: StagingRules = StagingRules(), assumptions: EclAssumptions = EclAssumptions(),
                         buckets: Buckets = DEFAULT_BUCKETS, thresholds=FIVE_TIER_CREDIT_CARD,
                         window: int | None = DEFAULT_WINDOW, rolls: pd.DataFrame | None = None) -> ProvisionResult:
    """ECL by stage, five-tier classes, NPL figures, migration and movement for one month.

    Parameters
    ----------
    portfolio : DataFrame
        Canonical portfolio (all months: staging reads each account's history, the PD curve the
        roll rates up to the month). Not modified.
    month : str, optional
        ``YYYY-MM`` (default the latest).
    rules : StagingRules
    assumptions : EclAssumptions
    buckets : Buckets
        Buckets of the PD chain (default Current, 1-30, ..., 181+).
    thresholds : sequence of 4 ints
        Five-tier lower bounds (default the credit-card rule, as on the aging page).
    window : int or None
        From-months pooled into the roll-rate matrix (default 12).
    rolls : DataFrame, optional
        The book's transition cube for ``buckets`` (computed when not given).

    Returns
    -------
    ProvisionResult

    Raises
    ------
    ProvisionError
        An empty book, a month not in it, or a staging rule the data cannot serve.

    Examples
    --------
    >>> df = pd.DataFrame({"account_id": list("abab"), "month": ["2024-01"] * 2 + ["2024-02"] * 2,
    ...                    "days_past_due": [0, 0, 0, 100], "balance": [100.0, 200.0, 100.0, 200.0]})
    >>> r = provisions_for_month(df)
    >>> r.month, r.previous_month, r.stages["accounts"].tolist(), round(float(r.stages["ecl"].iloc[2]), 2)
    ('2024-02', '2024-01', [1, 0, 1], 90.0)
    """
    month, months = check_month(portfolio, month)
    thresholds = check_five_tier(thresholds)
    rolls = book_transitions(portfolio, buckets) if rolls is None else rolls
    horizon = assumptions.longest_life
    curve = book_pd_curve(portfolio, month, buckets=buckets, horizon=horizon, window=window, rolls=rolls)
    curves = (_month_curves(portfolio, months, buckets, horizon, window, rolls)
              if rules.pd_ratio is not None else None)
    notes: list = []
    if curve.source == "fallback":
        notes.append(("provisions.note.fallback_pd", {}))
    cols = [c for c in _ACCOUNT_COLUMNS if c in portfolio.columns]
    # Staging only looks back, so the whole book can be staged at once: later months do not
    # change a month's stages (and no copy of the history is needed).
    staged = assign_stages(portfolio, rules, curves=curves, buckets=buckets)
    in_month = (portfolio["month"] == month).to_numpy()
    rows = portfolio.loc[in_month, cols]
    accounts = _month_ecl(rows, staged[in_month], curve, assumptions, buckets)
    notes += _unusable_rate_notes(rows, accounts, assumptions)
    notes += _raised_by_class_notes(accounts)

    previous = shift_month(month, -1)
    prev_accounts = prev_curve = migration = movement = None
    if previous in months:
        prev_curve = book_pd_curve(portfolio, previous, buckets=buckets, horizon=horizon, window=window, rolls=rolls)
        in_prev = (portfolio["month"] == previous).to_numpy()
        prev_accounts = _month_ecl(portfolio.loc[in_prev, cols], staged[in_prev], prev_curve, assumptions, buckets)
        migration = stage_migration(prev_accounts, accounts)
        movement = allowance_movement(prev_accounts, accounts)
    else:
        previous = None
        notes.append(("provisions.note.no_previous", {"month": month, "previous": shift_month(month, -1)}))

    # the bank's own class, when the file has one, is the 五级分类 the NPL figures report
    classes = accounts.assign(loan_class=portfolio.loc[in_month, "loan_class"].to_numpy()) \
        if "loan_class" in portfolio.columns else accounts
    tiers = five_tier_table(classes, thresholds)
    stages = stage_totals(accounts)
    source = classification_source(classes)
    npl = {**npl_figures(tiers, footed_allowance(stages)), "classification_source": source}
    return ProvisionResult(month, previous, accounts, stages, tiers, npl, migration, movement, curve,
                           prev_curve, rules, assumptions, buckets, thresholds, window, notes, source)


def _raised_by_class_notes(accounts: pd.DataFrame) -> list:
    """A note counting the accounts the bank's own class put in a higher stage than their DPD
    (and SICR) say: the ECL and the aging page's stages by DPD then differ, and the reader should
    know why."""
    raised = accounts["by_class"].to_numpy(dtype=bool) if "by_class" in accounts.columns else np.zeros(0, bool)
    if not raised.any():
        return []
    balance = float(accounts["balance"].to_numpy(dtype=np.float64)[raised].sum())
    return [("provisions.note.raised_by_class", {"n": int(raised.sum()), "balance": balance})]


def _unusable_rate_notes(rows: pd.DataFrame, accounts: pd.DataFrame, assumptions: EclAssumptions) -> list:
    """A note when some accounts give an interest rate the discounting cannot use (negative or
    above 100 % a year: 200 for 2 %, a data error): the assumed rate stands in for them."""
    if not assumptions.use_account_rate or "interest_rate" not in rows.columns:
        return []
    given = rows["interest_rate"].notna().to_numpy()
    unusable = given & ~accounts["own_rate"].to_numpy(dtype=bool)
    if not unusable.any():
        return []
    example = float(rows["interest_rate"].to_numpy(dtype=np.float64)[unusable][0])
    return [("provisions.note.rates_unusable", {"n": int(unusable.sum()), "example": percent_text(example),
                                                "rate": percent_text(assumptions.discount_rate)})]


def provision_panel(portfolio: pd.DataFrame, *, rules: StagingRules = StagingRules(),
                    assumptions: EclAssumptions = EclAssumptions(), buckets: Buckets = DEFAULT_BUCKETS,
                    window: int | None = DEFAULT_WINDOW, rolls: pd.DataFrame | None = None,
                    keep: tuple[str, ...] = ()) -> pd.DataFrame:
    """ECL for every account-month, each month priced with its own point-in-time PD curve.

    Parameters
    ----------
    portfolio : DataFrame
    keep : tuple of str
        Extra columns of ``portfolio`` to carry (segments for :func:`~analysis.provisions.npl.npl_trend`).

    Returns
    -------
    DataFrame
        Same index as ``portfolio``: ``month`` (categorical), ``account_id``, ``stage``,
        ``bucket``, ``days_past_due``, ``balance``, ``ead``, ``life``, ``rate``, ``own_rate``,
        ``ecl``, ``pd_months`` (the from-months of roll rates behind the month's PDs; 0 for the
        prudent defaults of a month with no history), the ``keep`` columns and ``loan_class``
        when the portfolio has it.

    Examples
    --------
    >>> df = pd.DataFrame({"account_id": list("abab"), "month": ["2024-01"] * 2 + ["2024-02"] * 2,
    ...                    "days_past_due": [0, 0, 0, 100], "balance": [100.0, 200.0, 100.0, 200.0]})
    >>> provision_panel(df)["stage"].tolist()
    [1, 1, 1, 3]
    """
    if not len(portfolio):
        raise ProvisionError("provisions.err.empty")
    rolls = book_transitions(portfolio, buckets) if rolls is None else rolls
    horizon = assumptions.longest_life
    codes, months = pd.factorize(portfolio["month"], sort=True)
    curves = _month_curves(portfolio, [str(m) for m in months], buckets, horizon, window, rolls)
    stage = assign_stages(portfolio, rules, curves=curves, buckets=buckets)["stage"].to_numpy()
    # Month by month on positions: the numeric columns only (taking millions of account ids
    # per month is what would cost), the result assembled once in the portfolio's row order.
    numeric = [c for c in _ACCOUNT_COLUMNS if c in portfolio.columns and c not in ("account_id", "month")]
    base = portfolio[numeric].reset_index(drop=True)
    order = np.argsort(codes, kind="stable")
    bounds = np.searchsorted(codes[order], np.arange(len(months) + 1))
    fields = ("stage", "ead", "life", "rate", "own_rate", "ecl")
    columns = {f: None for f in fields}
    for k, m in enumerate(months):
        idx = order[bounds[k]:bounds[k + 1]]
        table = expected_credit_loss(base.take(idx), stage[idx], curves[str(m)], assumptions, buckets=buckets)
        for f in fields:
            values = table[f].to_numpy()
            if columns[f] is None:
                columns[f] = np.empty(len(portfolio), dtype=values.dtype)
            columns[f][idx] = values
    out = pd.DataFrame({"month": pd.Categorical.from_codes(codes, categories=[str(m) for m in months])},
                       index=portfolio.index)
    if "account_id" in portfolio.columns:
        out["account_id"] = portfolio["account_id"]
    out["stage"] = columns["stage"]
    out["bucket"] = pd.Categorical.from_codes(
        bucket_codes(portfolio["days_past_due"].to_numpy(), buckets).astype(np.int64),
        categories=list(buckets.keys), ordered=True)
    out["days_past_due"] = portfolio["days_past_due"]
    out["balance"] = portfolio["balance"]
    for f in fields[1:]:
        out[f] = columns[f]
    # How many from-months of roll rates priced each month (0: the prudent default PDs, for a month
    # with no history before it): the monthly NPL table says so beside its figures.
    pooled = np.array([len(curves[str(m)].months) if curves[str(m)].source == "markov" else 0 for m in months],
                      dtype=np.int64)
    out["pd_months"] = pooled[codes]
    for col in keep:
        out[col] = portfolio[col]
    if "loan_class" in portfolio.columns:
        out["loan_class"] = portfolio["loan_class"]  # the NPL trend reads the bank's own class
    return out


def _pct(x: float) -> str:
    return f"{float(x) * 100:.4g}%"


def scenario_name(name: str, lang: str) -> str:
    """A scenario's name as shown: the default scenario's in ``lang`` (it is named in the language
    the page was in when the table was made), any other as the user typed it.

    Examples
    --------
    >>> scenario_name("基准", "en"), scenario_name("base", "zh"), scenario_name("下行", "en")
    ('base', '基准', '下行')
    """
    defaults = {translate("provisions.scenario.base", code) for code in ("zh", "en")}
    return translate("provisions.scenario.base", lang) if str(name).strip() in defaults else str(name)


def assumption_parts(result: ProvisionResult, lang: str = "en") -> list[str]:
    """What every provisions figure assumes, as parts of the definitions line (口径): PD source and
    months, LGD and CCF, discount rate, remaining life, scenario weights, staging rules.

    Hand them to :func:`analysis.core.definitions.definitions_line` as ``extra``.

    Examples
    --------
    >>> df = pd.DataFrame({"account_id": ["a"], "month": ["2024-01"], "days_past_due": [0], "balance": [1.0]})
    >>> assumption_parts(provisions_for_month(df), "en")[1]
    'LGD 45%, CCF 50% (on the undrawn limit)'
    """
    a, r = result.assumptions, result.rules
    sep = "、" if lang == "zh" else ", "
    by = ""
    if a.remaining_life_by_product:
        by = (("；" if lang == "zh" else "; ")
              + sep.join(f"{k} {v}" + (" 个月" if lang == "zh" else " months")
                         for k, v in a.remaining_life_by_product.items()))
    sicr = []
    if r.score_drop is not None:
        sicr.append(translate("provisions.assume.sicr_score", lang, points=f"{r.score_drop:g}"))
    if r.pd_ratio is not None:
        sicr.append(translate("provisions.assume.sicr_pd", lang, k=f"{r.pd_ratio:g}"))
    sicr_text = (translate("provisions.assume.sicr", lang, items=sep.join(sicr)) if sicr
                 else translate("provisions.assume.sicr_none", lang))
    # "× PD 1" read as a probability of default of 1; the multiplier is the scenario's stress on the PD
    scenarios = sep.join(translate("provisions.assume.scenario", lang, name=scenario_name(s.name, lang),
                                   weight=_pct(s.weight), k=f"{s.pd_multiplier:g}") for s in a.scenarios)
    return [
        result.curve.describe(lang),
        translate("provisions.assume.lgd_ccf", lang, lgd=_pct(a.lgd), ccf=_pct(a.ccf)),
        translate("provisions.assume.rate_own" if a.use_account_rate else "provisions.assume.rate_flat", lang,
                  rate=_pct(a.discount_rate)),
        translate("provisions.assume.life", lang, months=a.remaining_life, by=by),
        translate("provisions.assume.scenarios", lang, items=scenarios),
        translate("provisions.assume.staging", lang, s2=r.stage2_from, s3=r.stage3_from, p2=r.probation_stage2,
                  p3=r.probation_stage3, sicr=sicr_text) + _class_floor_text(result, lang),
        five_tier_basis(result.classification_source, result.thresholds, lang),
    ]


def _class_floor_text(result: ProvisionResult, lang: str) -> str:
    """What the bank's own class does to the stages, for a book that has one."""
    if result.classification_source != "file":
        return ""
    key = "provisions.assume.class_floor" if result.rules.class_floor else "provisions.assume.class_floor_off"
    return ("；" if lang == "zh" else "; ") + translate(key, lang)


def chart_assumption_parts(result: ProvisionResult, lang: str = "en") -> list[str]:
    """The assumptions an ECL chart carries in its subtitle: the PD source, LGD and CCF.

    A chart taken into a meeting keeps what its bars are made of; the rest of
    :func:`assumption_parts` (discounting, life, scenarios, staging, five-tier basis) is on the
    page's and the report's definitions line, and would wrap a chart's subtitle over ten lines.

    Examples
    --------
    >>> df = pd.DataFrame({"account_id": ["a"], "month": ["2024-01"], "days_past_due": [0], "balance": [1.0]})
    >>> chart_assumption_parts(provisions_for_month(df), "en")[1]
    'LGD 45%, CCF 50% (on the undrawn limit)'
    """
    return assumption_parts(result, lang)[:2]


def five_tier_basis(source: str, thresholds, lang: str = "en") -> str:
    """The 口径 of the 五级分类 and NPL figures: the bank's own classes, or the DPD at ``thresholds``.

    Examples
    --------
    >>> five_tier_basis("file", (1, 91, 121, 181), "en")
    "five-tier classes and NPL: the bank's own classification in the file"
    >>> five_tier_basis("dpd", (1, 91, 121, 181), "zh")
    '五级分类与不良：按逾期天数（关注 ≥1 天、次级 ≥91 天、可疑 ≥121 天、损失 ≥181 天）'
    """
    if source == "file":
        return translate("provisions.assume.five_tier_file", lang)
    sm, sub, dbt, loss = (int(x) for x in thresholds)
    return translate("provisions.assume.five_tier_dpd", lang, sm=sm, sub=sub, dbt=dbt, loss=loss)


# --- the CLI's public JSON ---------------------------------------------------------------------

def trend_rows(trend: pd.DataFrame, by: str | None = None) -> list[dict]:
    """:func:`~analysis.provisions.npl.npl_trend` as JSON rows (amounts to the cent, ratios as
    fractions, a segment under ``segment`` with ``by`` naming its column, and ``pd_months`` when
    the trend has it: the from-months of roll rates behind the month's PDs, 0 for the defaults).

    Examples
    --------
    >>> t = pd.DataFrame({"month": ["2024-01"], "accounts": [2], "balance": [100.0], "npl_balance": [10.0],
    ...                   "allowance": [5.5], "npl_ratio": [0.1], "coverage": [0.55], "provision_to_loans": [0.055]})
    >>> trend_rows(t)[0]["coverage"]
    0.55
    """
    rows = []
    for row in trend.to_dict("records"):
        item = {"month": str(row["month"])}
        if by:
            item.update({"by": by, "segment": str(row[by])})
        item["accounts"] = int(row["accounts"])
        for k in ("balance", "npl_balance", "allowance"):
            item[k] = round(float(row[k]), 2) + 0.0
        for k in ("npl_ratio", "coverage", "provision_to_loans"):
            item[k] = float(row[k])
        if "pd_months" in row:  # from-months of roll rates behind the month's PDs; 0: the defaults
            item["pd_months"] = int(row["pd_months"])
        rows.append(item)
    return rows


def _amounts(frame: pd.DataFrame, columns: tuple[str, ...]) -> dict[str, np.ndarray]:
    return {c: np.round(frame[c].to_numpy(dtype=np.float64), 2) + 0.0 for c in columns}


def provisions_payload(result: ProvisionResult, lang: str = "en", trend: pd.DataFrame | None = None) -> dict:
    """The ``ecl`` command's JSON object (a public interface: keys may be added, never renamed).

    Money is rounded to the cent once, here: each stage's figure is rounded and the total is the
    sum of the stage figures as shown (so the table foots; it can differ from rounding the
    unrounded total by a cent); ratios are unrounded fractions.

    Examples
    --------
    >>> df = pd.DataFrame({"account_id": ["a"], "month": ["2024-01"], "days_past_due": [100], "balance": [10.0]})
    >>> p = provisions_payload(provisions_for_month(df))
    >>> p["total"], p["movement"]
    ({'accounts': 1, 'balance': 10.0, 'ead': 10.0, 'ecl': 4.5}, [])
    """
    st = result.stages
    parts = _amounts(st, ("balance", "ead", "ecl"))
    stages = [{"stage": int(s), "accounts": int(n), "balance": float(b), "ead": float(e), "ecl": float(x)}
              for s, n, b, e, x in zip(st["stage"], st["accounts"], parts["balance"], parts["ead"], parts["ecl"])]
    total = {"accounts": int(st["accounts"].sum()),
             **{k: round(float(parts[k].sum()), 2) + 0.0 for k in ("balance", "ead", "ecl")}}
    tier_bal = np.round(result.five_tier["balance"].to_numpy(dtype=np.float64), 2) + 0.0
    five_tier = [{"class": c, "accounts": int(n), "balance": float(b)}
                 for c, n, b in zip(result.five_tier["class"], result.five_tier["accounts"], tier_bal)]
    npl = dict(result.npl)
    npl_out = {"balance": round(npl["balance"], 2) + 0.0, "ratio": npl["ratio"], "coverage": npl["coverage"],
               "provision_to_loans": npl["provision_to_loans"],
               "reference": {k: v["value"] for k, v in REFERENCE_LEVELS.items()}}
    movement = []
    if result.movement is not None:
        for row in result.movement.to_dict("records"):
            movement.append({"item": row["item"], "amount": row["total"],
                             **{k: row[k] for k in ("stage_1", "stage_2", "stage_3")}})
    a = result.assumptions
    own_rate = int(result.accounts["own_rate"].sum())
    scenarios = [s.as_dict() for s in a.scenarios]
    if len(a.scenarios) > 1:
        for item in scenarios:
            item["ecl"] = round(float(result.accounts[f"ecl:{item['name']}"].sum()), 2) + 0.0
    else:
        scenarios[0]["ecl"] = total["ecl"]
    assumptions = {
        "lgd": float(a.lgd), "ccf": float(a.ccf), "pd_source": result.curve.source,
        "months": list(result.curve.months), "discount_rate": float(a.discount_rate), "scenarios": scenarios,
        "pd_source_text": result.curve.describe(lang),
        "default_definition": list(result.curve.default_keys), "window": result.window,
        "previous_months": list(result.previous_curve.months) if result.previous_curve is not None else None,
        "discount_rate_source": translate("provisions.assume.rate_own" if a.use_account_rate
                                          else "provisions.assume.rate_flat", lang, rate=_pct(a.discount_rate)),
        "accounts_with_own_rate": own_rate,
        "remaining_life": a.remaining_life, "remaining_life_by_product": dict(a.remaining_life_by_product),
        "staging": result.rules.as_dict(), "five_tier_thresholds": list(result.thresholds),
        # added: accounts whose stage the bank's own class raised above their DPD and SICR
        "accounts_raised_by_class": int(result.accounts["by_class"].sum()) if "by_class" in result.accounts else 0,
        "rounding": translate("provisions.assume.rounding", lang),
        "definitions": assumption_parts(result, lang),
    }
    payload = {
        "month": result.month, "stages": stages, "total": total, "five_tier": five_tier, "npl": npl_out,
        "movement": movement, "assumptions": assumptions, "previous_month": result.previous_month,
        # added: "file" when five_tier and npl are the bank's own classification, "dpd" when by DPD
        "classification_source": result.classification_source,
    }
    if result.movement is not None:
        payload["rounding_residue"] = dict(result.movement.attrs.get("rounding_residue", {}))
    if result.migration is not None:
        mig = result.migration
        payload["migration"] = [
            {"from": f, "to": t, "accounts": int(n), "balance_from": round(float(b0), 2) + 0.0,
             "balance_to": round(float(b1), 2) + 0.0}
            for f, t, n, b0, b1 in zip(mig["from_stage"], mig["to_stage"], mig["accounts"],
                                       mig["balance_from"], mig["balance_to"])]
    if trend is not None:
        payload["trend"] = trend_rows(trend)
    notes = result.notes_text(lang)
    if notes:
        payload["notes"] = notes
    return payload


__all__ = ["ProvisionResult", "assumption_parts", "chart_assumption_parts", "check_month", "five_tier_basis", "provision_panel",
           "provisions_for_month", "provisions_payload", "trend_rows"]
