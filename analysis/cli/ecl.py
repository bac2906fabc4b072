"""``python -m analysis ecl FILE``: IFRS 9 expected credit loss by stage, 五级分类 and NPL figures,
and the allowance movement from the previous month.

The JSON object is a public interface (keys may be added, never renamed)::

    {"month": "YYYY-MM",
     "stages": [{"stage": 1, "accounts", "balance", "ead", "ecl"}, ...],
     "total": {"accounts", "balance", "ead", "ecl"},
     "five_tier": [{"class": "normal" | "special_mention" | "substandard" | "doubtful" | "loss"
                             [| "unclassified"], "accounts", "balance"}],
     "npl": {"balance", "ratio", "coverage", "provision_to_loans", "reference"},
     "classification_source": "file" | "dpd",
     "movement": [{"item", "amount", "stage_1", "stage_2", "stage_3"}],
     "assumptions": {"lgd", "ccf", "pd_source", "months", "discount_rate", "scenarios", ...},
     "previous_month", "migration", "rounding_residue", "notes", "trend", "by_segment"}

Ratios are fractions (0.015 = 1.5 %); amounts are rounded to the cent once, at the end. Without
the previous calendar month in the file, ``movement`` is empty and ``notes`` says why.

``five_tier`` and ``npl`` are the bank's own classification when the file has one (a
``loan_class`` column, e.g. 五级分类): ``classification_source`` is then ``"file"`` and rows whose
cell was no class are an ``unclassified`` row (in the total, in no class); otherwise they are by
DPD at ``--five-tier`` and ``classification_source`` is ``"dpd"``.
"""
from __future__ import annotations

import argparse
import sys

from analysis.cli.columns import left, right, words
from analysis.cli.common import CliError, is_book
from analysis.cli.counts import no_balances

HELP = "IFRS 9 expected credit loss by stage, 五级分类 NPL ratio and coverage, allowance movement"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    # Defaults from their one definition (the what-if page's LGD/CCF/rate, the aging page's
    # IFRS 9 backstops, the provisions' life, window and probation), so they cannot drift apart.
    from analysis.provisions.ecl import EclAssumptions
    from analysis.provisions.pd_curve import DEFAULT_WINDOW
    from analysis.provisions.staging import StagingRules

    asm, rules = EclAssumptions(), StagingRules()
    parser.add_argument("--month", metavar="YYYY-MM", help="reporting month (default: the latest)")
    parser.add_argument("--lgd", type=float, default=asm.lgd,
                        help=f"loss given default, 0-1 (default {asm.lgd:g}, as on the what-if page)")
    parser.add_argument("--ccf", type=float, default=asm.ccf,
                        help=f"credit conversion factor on the undrawn limit, 0-1 (default {asm.ccf:g})")
    parser.add_argument("--rate", type=float, default=asm.discount_rate,
                        help=f"annual discount rate where the file has no interest rate (default {asm.discount_rate:g})")
    parser.add_argument("--ignore-mapped-rate", action="store_true", help="discount every account at --rate")
    parser.add_argument("--life", type=int, default=asm.remaining_life, metavar="MONTHS",
                        help=f"assumed remaining life in months (default {asm.remaining_life}; the data has no maturity)")
    parser.add_argument("--life-by", action="append", default=[], metavar="PRODUCT=MONTHS",
                        help="remaining life of one product, e.g. --life-by 信用卡=24 (repeatable)")
    parser.add_argument("--window", type=int, default=DEFAULT_WINDOW, metavar="N",
                        help=f"from-months pooled into the roll-rate matrix, up to the month (default {DEFAULT_WINDOW}; 0 = all)")
    parser.add_argument("--stage2-from", type=int, default=rules.stage2_from, metavar="DPD",
                        help=f"stage 2 from this DPD (default {rules.stage2_from})")
    parser.add_argument("--stage3-from", type=int, default=rules.stage3_from, metavar="DPD",
                        help=f"stage 3 from this DPD (default {rules.stage3_from})")
    parser.add_argument("--probation", type=int, default=rules.probation_stage2, metavar="MONTHS",
                        help=f"months meeting stage 1's conditions before 2 → 1 (default {rules.probation_stage2})")
    parser.add_argument("--probation-stage3", type=int, default=rules.probation_stage3, metavar="MONTHS",
                        help=f"months below the stage-3 backstop before 3 → 2 (default {rules.probation_stage3})")
    parser.add_argument("--no-class-floor", action="store_true",
                        help="stage by DPD and SICR only; by default a file's 五级分类 sets a floor "
                             "(special mention at least stage 2, substandard/doubtful/loss stage 3)")
    parser.add_argument("--score-drop", type=float, metavar="POINTS",
                        help="SICR: stage 2 when the score fell by this many points since the first month (off by default)")
    parser.add_argument("--pd-ratio", type=float, metavar="K",
                        help="SICR: stage 2 when the 12-month PD is K times the first month's (off by default)")
    parser.add_argument("--scenario", action="append", default=[], metavar="NAME:WEIGHT:MULTIPLIER",
                        help="macro scenario, e.g. --scenario base:0.6:1 --scenario downside:0.4:1.3 (weights add to 1)")
    parser.add_argument("--five-tier", default="credit_card", metavar="RULE",
                        help="credit_card (default), floors_2023, or four DPD lower bounds, e.g. 1,91,121,181")
    parser.add_argument("--by", metavar="COL", help="add NPL figures by this segment column")
    parser.add_argument("--trend", action="store_true",
                        help="add NPL ratio, allowance, coverage and provision-to-loans for every month (ECL of every month)")


def _err(exc, lang: str) -> CliError:
    return CliError(exc.message(lang))


def _scenarios(items: list[str], lang: str):
    from analysis.provisions.ecl import BASE_SCENARIO, Scenario
    from analysis.provisions.pd_curve import ProvisionError

    if not items:
        return BASE_SCENARIO
    out = []
    for item in items:
        parts = item.replace("：", ":").split(":")
        try:
            if len(parts) != 3:
                raise ValueError
            out.append(Scenario(parts[0].strip(), float(parts[1]), float(parts[2])))
        except ValueError:
            raise _err(ProvisionError("provisions.err.scenario_arg", value=item), lang) from None
    return tuple(out)


def _lives(items: list[str], lang: str) -> dict[str, int]:
    from analysis.provisions.pd_curve import ProvisionError

    out: dict[str, int] = {}
    for item in items:
        key, sep, value = item.partition("=")
        try:
            if not sep or not key.strip():
                raise ValueError
            out[key.strip()] = int(value)
        except ValueError:
            raise _err(ProvisionError("provisions.err.life_arg", value=item), lang) from None
    return out


def _five_tier(text: str, lang: str):
    from analysis.aging.regulatory import FIVE_TIER_PRESETS
    from analysis.core.i18n import MessageError
    from analysis.provisions.pd_curve import ProvisionError

    if text in FIVE_TIER_PRESETS:
        return FIVE_TIER_PRESETS[text]
    try:
        from analysis.aging.regulatory import check_five_tier
        return check_five_tier([int(p) for p in text.replace("，", ",").split(",") if p.strip()])
    except (ValueError, MessageError):
        raise _err(ProvisionError("provisions.err.five_tier_arg", value=text), lang) from None


def run(args: argparse.Namespace, result) -> dict:
    """The ecl JSON for an ``IngestResult``; a :class:`CliError` in ``args.lang`` on bad input.

    Examples
    --------
    >>> from analysis.ingest.portfolio import load_portfolio
    >>> csv = b"id,month,dpd,balance\\nA,2024-01,0,100\\nA,2024-02,100,100\\nB,2024-02,0,50\\n"
    >>> parser = argparse.ArgumentParser(); add_arguments(parser)
    >>> out = run(parser.parse_args([]), load_portfolio(csv, "a.csv"))
    >>> out["month"], out["total"]["accounts"], out["stages"][2]["ecl"]
    ('2024-02', 2, 45.0)
    """
    from analysis.core.i18n import MessageError
    from analysis.core.schema import segment_columns
    from analysis.provisions.ecl import EclAssumptions
    from analysis.provisions.npl import npl_trend
    from analysis.provisions.pd_curve import book_transitions
    from analysis.provisions.staging import StagingRules
    from analysis.provisions.summary import provision_panel, provisions_for_month, provisions_payload, trend_rows

    lang = getattr(args, "lang", "en")
    no_balances(result, "provisions", lang)
    if is_book(result):
        from analysis.core.i18n import translate
        raise CliError(translate("provisions.err.needs_file", lang))
    portfolio = result.portfolio
    by = getattr(args, "by", None)
    if by is not None and by not in segment_columns(portfolio):
        from analysis.core.i18n import translate
        raise CliError(translate("provisions.err.segment", lang, by=by,
                                 segments=", ".join(segment_columns(portfolio)) or "–"))
    try:
        assumptions = EclAssumptions(lgd=args.lgd, ccf=args.ccf, discount_rate=args.rate,
                                     use_account_rate=not args.ignore_mapped_rate, remaining_life=args.life,
                                     remaining_life_by_product=_lives(args.life_by, lang),
                                     scenarios=_scenarios(args.scenario, lang))
        rules = StagingRules(stage2_from=args.stage2_from, stage3_from=args.stage3_from,
                             score_drop=args.score_drop, pd_ratio=args.pd_ratio,
                             probation_stage2=args.probation, probation_stage3=args.probation_stage3,
                             class_floor=not getattr(args, "no_class_floor", False))
        thresholds = _five_tier(args.five_tier, lang)
        window = None if args.window == 0 else args.window
        rolls = book_transitions(portfolio)
        res = provisions_for_month(portfolio, args.month, rules=rules, assumptions=assumptions,
                                   thresholds=thresholds, window=window, rolls=rolls)
        trend = None
        by_segment = None
        if args.trend or by:
            keep = (by,) if by else ()
            panel = provision_panel(portfolio, rules=rules, assumptions=assumptions, window=window, rolls=rolls,
                                    keep=keep)
            if args.trend:
                trend = npl_trend(panel, thresholds)
            if by:
                by_segment = npl_trend(panel[panel["month"] == res.month], thresholds, by=by)
    except MessageError as exc:  # ProvisionError, AgingError: both languages in the catalogue
        raise _err(exc, lang) from None
    payload = provisions_payload(res, lang, trend)
    if by_segment is not None:
        payload["by_segment"] = trend_rows(by_segment, by)
    for note in payload.get("notes", []):
        print(f"note: {note}", file=sys.stderr)
    return payload


def _class_name(key: str, lang: str) -> str:
    from analysis.core.i18n import translate
    from analysis.core.vocabulary import five_tier_label

    return translate("cli.w.unclassified", lang) if key == "unclassified" else five_tier_label(key, lang)


def _money(x: float) -> str:
    return f"{x:,.2f}"


def _pct(x) -> str:
    return "–" if x is None or x != x else f"{x * 100:.2f}%"


def render(payload: dict, lang: str = "en") -> str:
    """Tables for people, in ``lang``; ``--json`` is for scripts."""
    from analysis.core.i18n import translate
    from analysis.core.vocabulary import stage_label

    w = words(lang)
    en = lang == "en"  # English keeps the keys scripts have read: stage 1, special_mention, opening
    lines = [w("ecl_title", month=payload["month"]),
             left(w("stage"), 8) + right(w("accounts"), 10) + right(w("balance"), 18) + right("EAD", 18)
             + right("ECL", 16) + right("ECL/EAD", 9)]
    for row in [*payload["stages"], {"stage": "total", **payload["total"]}]:
        cover = row["ecl"] / row["ead"] if row["ead"] else float("nan")
        name = w("total") if row["stage"] == "total" else (str(row["stage"]) if en else stage_label(int(row["stage"]), lang))
        lines.append(f"{left(name, 8)}{right(row['accounts'], 10, ',')}{right(_money(row['balance']), 18)}"
                     f"{right(_money(row['ead']), 18)}{right(_money(row['ecl']), 16)}{right(_pct(cover), 9)}")
    source = w("classes_file" if payload.get("classification_source") == "file" else "classes_dpd")
    lines += ["", left(w("five_tier"), 20) + right(w("accounts"), 10) + right(w("balance"), 18) + f"   ({source})"]
    lines += [f"{left(row['class'] if en else _class_name(row['class'], lang), 20)}"
              f"{right(row['accounts'], 10, ',')}{right(_money(row['balance']), 18)}" for row in payload["five_tier"]]
    npl, ref = payload["npl"], payload["npl"].get("reference", {})
    lines += ["", w("npl_summary", balance=_money(npl["balance"]), ratio=_pct(npl["ratio"]), coverage=_pct(npl["coverage"]),
                    coverage_ref=_pct(ref.get("coverage")), loans=_pct(npl["provision_to_loans"]),
                    loans_ref=_pct(ref.get("provision_to_loans")))]
    iw = 22 if en else 26
    if payload["movement"]:
        lines += ["", w("movement_title", start=payload["previous_month"], end=payload["month"]),
                  left("", iw) + "".join(right(f"stage {k}" if en else stage_label(k, lang), 15) for k in (1, 2, 3))
                  + right(w("total"), 16)]
        for row in payload["movement"]:
            item = row["item"] if en else translate(f"provisions.item.{row['item']}", lang)
            lines.append(f"{left(item, iw)}"
                         f"{right(_money(row['stage_1']), 15)}{right(_money(row['stage_2']), 15)}"
                         f"{right(_money(row['stage_3']), 15)}{right(_money(row['amount']), 16)}")
    a = payload["assumptions"]
    scen = ", ".join(f"{s['name']} {s['weight']:g}×PD·{s['pd_multiplier']:g}" for s in a["scenarios"])
    lines += ["", w("ecl_assumptions", lgd=f"{a['lgd']:g}", ccf=f"{a['ccf']:g}", life=a["remaining_life"], scenarios=scen),
              a["pd_source_text"], a["discount_rate_source"]]
    lines += [w("note", text=n) for n in payload.get("notes", [])]
    return "\n".join(lines)
