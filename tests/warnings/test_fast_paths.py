"""The faster level summaries and categoricals give the very frames the old code gave.

``old_level_summary`` is :func:`analysis.warnings.signals.level_summary` before it grouped on
integer codes (it compared every account's level and segment as text).
"""
from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

from analysis.warnings import signals as S
from analysis.warnings.signals import LEVELS, UNASSIGNED


def old_level_summary(signals, levels, by=None):
    keys = [] if by is None else [by]
    with warnings.catch_warnings():  # a value outside the levels: missing, with a deprecation warning
        warnings.simplefilter("ignore")
        level = pd.Categorical(np.asarray(levels.astype(object)), categories=list(LEVELS))
    work = pd.DataFrame({"level": level, "balance": signals["balance"].to_numpy(dtype=np.float64)})
    if by is not None:
        work[by] = signals[by].astype(object).where(signals[by].notna(), UNASSIGNED).astype(str).to_numpy()
    totals = work.groupby(keys, sort=True)["balance"].sum() if by else pd.Series({None: work["balance"].sum()})
    warned = work[work["level"].notna()]
    g = warned.groupby([*keys, "level"], observed=False, sort=True)
    out = g["balance"].agg(accounts="size", balance="sum").reset_index()
    if by is not None:
        full = pd.MultiIndex.from_product([totals.index, list(LEVELS)], names=[by, "level"])
        out = out.set_index([by, "level"]).reindex(full, fill_value=0).reset_index()
        denom = out[by].map(totals).to_numpy(dtype=np.float64)
    else:
        out = out.set_index("level").reindex(list(LEVELS), fill_value=0).reset_index()
        denom = np.full(len(out), float(totals.iloc[0]))
    out["level"] = pd.Categorical(out["level"], categories=list(LEVELS))
    out["accounts"] = out["accounts"].astype(np.int64)
    out["balance"] = out["balance"].astype(np.float64)
    with np.errstate(invalid="ignore", divide="ignore"):
        out["balance_share"] = np.where(denom > 0, out["balance"] / denom, np.nan)
    return out


def _frame(n: int = 20_000) -> tuple[pd.DataFrame, pd.Series]:
    rng = np.random.default_rng(1)
    levels = pd.Series(rng.choice(["red", "orange", "yellow", None, "pink"], n), dtype=object)
    frame = pd.DataFrame({
        "balance": rng.gamma(2, 1000, n).round(2),
        "branch": pd.Series(rng.choice(["华东", "华南", "B", "a", None], n)).astype("category"),
        "owner": pd.Series(rng.choice(["王", "李", UNASSIGNED, None], n), dtype="str"),
        "num": rng.choice([1.0, 2.5, np.nan, 10.0], n),
        "obj": pd.Series(rng.choice([1, "1", "x", None], n), dtype=object),
        "full": rng.choice(["x", "y"], n),
    })
    return frame, levels


@pytest.mark.parametrize("by", [None, "branch", "owner", "num", "obj", "full"])
@pytest.mark.parametrize("kind", ["object", "str", "categorical"])
def test_level_summary_is_the_old_one(by, kind):
    frame, levels = _frame()
    if kind == "str":
        levels = levels.astype("str")
    elif kind == "categorical":
        flags = {s: np.random.default_rng(2).random(len(frame)) < 0.2 for s in S.SIGNALS}
        levels = S.warning_levels(frame.assign(**flags, days_past_due=np.arange(len(frame)) % 90))
    pd.testing.assert_frame_equal(S.level_summary(frame, levels, by), old_level_summary(frame, levels, by),
                                  check_exact=True)


def test_signal_causes_are_categories_as_before():
    df = pd.DataFrame({"account_id": list("aabbcc"), "month": ["2024-01", "2024-02"] * 3,
                       "days_past_due": [0, 40, 0, 0, 10, 35], "balance": [1.0] * 6,
                       "overdue_reason": [None, "失业", None, "恶意拖欠", "生病住院", ""]})
    out = S.warning_signals(df)
    causes = out["cause"].astype(object)
    expected = pd.Categorical(np.asarray(causes), categories=list(dict.fromkeys([*S.CAUSE_KEYS, *pd.unique(causes)])))
    pd.testing.assert_series_equal(out["cause"], pd.Series(expected, name="cause"))
    assert out["cause"].cat.categories[: len(S.CAUSE_KEYS)].tolist() == list(S.CAUSE_KEYS)


@pytest.mark.parametrize("owner_col", ["owner", "branch", None])
def test_work_list_names_and_totals_without_making_the_lists(owner_col):
    from analysis.warnings.worklists import ALL_LISTS, chosen_totals, list_names, list_totals, pick_lists

    rng = np.random.default_rng(3)
    n = 5_000
    actions = pd.DataFrame({
        "account_id": [f"KH{i:08d}" for i in range(n)], "level": rng.choice(list(LEVELS), n),
        "balance": rng.gamma(2, 1000, n).round(2), "action": rng.choice(["call", "letter"], n),
        "owner": pd.Series(rng.choice(["王伟", "李娜", "Zed", None], n), dtype="str"),
        "branch": pd.Series(rng.choice(["华东", "华南", None], n)).astype("category"),
    })
    if owner_col is None:
        actions = actions.drop(columns=["owner", "branch"])
        lists = {k: v.drop(columns="_list") for k, v in S.work_lists(actions.assign(_list=UNASSIGNED), by="_list").items()}
    else:
        lists = S.work_lists(actions, by=owner_col)
    assert list_names(actions, owner_col) == list(lists)
    for pick in [ALL_LISTS, *lists]:
        assert chosen_totals(actions, owner_col, pick) == list_totals(pick_lists(lists, pick))


def test_owner_values_are_the_old_texts():
    from analysis.warnings.worklists import owner_values

    def old(actions, owner_col):  # owner_values before it made each distinct owner text once
        values = actions[owner_col].astype(object)
        return values.where(values.notna(), UNASSIGNED).astype(str)

    rng = np.random.default_rng(0)
    n = 3000
    frame = pd.DataFrame({
        "owner": pd.Series(rng.choice(["王", "李", None, UNASSIGNED], n), dtype="str"),
        "branch": pd.Series(rng.choice(["华东", None], n)).astype("category"),
        "num": rng.choice([1.0, np.nan, 2.5], n),
        "obj": pd.Series(rng.choice([1, "1", None, 2.0], n), dtype=object),
    }, index=np.arange(n)[::-1] * 2)
    for col in frame.columns:
        pd.testing.assert_series_equal(owner_values(frame, col), old(frame, col))
        pd.testing.assert_series_equal(owner_values(frame.iloc[:0], col), old(frame.iloc[:0], col))


def test_list_names_and_totals_are_the_old_ones_exactly():
    from analysis.warnings.worklists import ALL_LISTS, chosen_totals, list_names, owner_options, owner_values

    def old_names(actions, owner_col):  # before the names were made from each distinct owner once
        if owner_col is None:
            return [UNASSIGNED] if len(actions) else []
        return owner_options(owner_values(actions, owner_col))

    def old_totals(actions, owner_col, pick):  # before the lists were compared by position, summed without a Series each
        names = old_names(actions, owner_col)
        if pick != ALL_LISTS and pick not in names:
            raise KeyError(pick)
        balance = actions["balance"]
        if owner_col is None:
            return len(actions), float(balance.sum()) if len(actions) else 0
        codes, found = pd.factorize(owner_values(actions, owner_col))
        code_of = {name: i for i, name in enumerate(found)}
        rows = total = 0
        for name in (names if pick == ALL_LISTS else [pick]):
            mine = codes == code_of[name]
            rows += int(mine.sum())
            total += float(balance[mine].sum())
        return rows, total

    def outcome(fn, *args):
        try:
            return fn(*args)
        except KeyError:
            return "KeyError"

    rng = np.random.default_rng(11)
    for i in range(12):
        n = int(rng.integers(0, 600))
        frame = pd.DataFrame({
            "balance": rng.gamma(2, 1000, n) * 10.0 ** int(rng.integers(-2, 7)),
            "owner": pd.Series(rng.choice(["王", "李", None, UNASSIGNED, "Zed"], n), dtype="str"),
            "branch": pd.Series(rng.choice(["华东", None, "华南"], n)).astype("category"),
            "num": rng.choice([1.0, np.nan, 2.5], n),
            "obj": pd.Series(rng.choice([1, "1", None, 2.0], n), dtype=object),
        }, index=np.arange(n)[::-1] * 2)
        if i % 3 == 0:
            frame.loc[frame.index[rng.random(n) < 0.1], "balance"] = np.nan
        if i % 4 == 1:
            frame["balance"] = rng.integers(0, 10_000, n)
        for col in ("owner", "branch", "num", "obj", None):
            names = old_names(frame, col)
            assert list_names(frame, col) == names
            for pick in [ALL_LISTS, *names, "nobody"]:
                got, want = outcome(chosen_totals, frame, col, pick), outcome(old_totals, frame, col, pick)
                assert got == want
                assert [type(v) for v in got] == [type(v) for v in want]  # ints stay ints, sums are floats


def test_filter_actions_keeps_the_rows_the_text_comparison_kept():
    from analysis.warnings.worklists import filter_actions, owner_values

    def old(actions, levels, owners=(), owner_col=None):  # before levels were compared by category code
        keep = actions["level"].astype(str).isin(list(levels)).to_numpy()
        if owner_col is not None and len(owners):
            keep = keep & owner_values(actions, owner_col).isin(list(owners)).to_numpy()
        return actions[keep]

    rng = np.random.default_rng(2)
    for i in range(12):
        n = int(rng.integers(0, 300))
        lv = rng.choice([*LEVELS, None], n)
        frame = pd.DataFrame({"level": pd.Categorical(lv, categories=list(LEVELS)) if i % 3 else pd.Series(lv, dtype=object),
                              "owner": rng.choice(["A", "B", None], n)}, index=np.arange(n)[::-1])
        for levels in (["red"], list(LEVELS), [], ["nan"], ["red", "nan"], ("yellow",)):
            for owners in ((), ["A"], [UNASSIGNED]):
                pd.testing.assert_frame_equal(filter_actions(frame, levels, owners, "owner"), old(frame, levels, owners, "owner"))


@pytest.mark.parametrize("by", [None, "branch", "owner"])
def test_level_summary_of_no_accounts_or_no_warnings_is_the_old_one(by):
    frame, levels = _frame(200)
    for f, lv in ((frame.iloc[:0], levels.iloc[:0]), (frame, pd.Series([None] * len(frame), dtype=object))):
        pd.testing.assert_frame_equal(S.level_summary(f, lv, by), old_level_summary(f, lv, by), check_exact=True)
