"""Generate the bundled synthetic portfolio: a Chinese retail/SME loan book, month by month.

The book is simulated, not sampled: every account lives through a monthly Markov chain over
delinquency buckets (Current → 1-30 → 31-60 → … → 181+ → written off), with roll and cure
probabilities that depend on product, score, industry, channel, months on book, the Spring
Festival, a regional deterioration episode and the *driver* behind each delinquency spell (the
same driver picks the free-text overdue reason, so reasons and behaviour agree). Amounts follow
the state: missed instalments stop amortisation, card balances accrue interest and fees.

Everything is vectorised over accounts; the only Python loop is over months. The same arguments
give an identical frame (one ``numpy.random.Generator`` seeded once, draws in a fixed order).

Run ``python -m data.sample.make_sample`` (or ``python data/sample/make_sample.py``) to
regenerate ``data/sample/sample_portfolio.csv``; ``data/sample/README.md`` explains the model.
"""
from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd

DEFAULT_ACCOUNTS = 3000
DEFAULT_MONTHS = 24
DEFAULT_START = "2023-01"
DEFAULT_SEED = 20240131
SAMPLE_CSV = Path(__file__).resolve().with_name("sample_portfolio.csv")

# --------------------------------------------------------------------------------------------
# Segments
# --------------------------------------------------------------------------------------------
PRODUCTS = ("信用卡", "消费贷", "经营贷")
PRODUCT_WEIGHTS = (0.50, 0.32, 0.18)

REGIONS = ("华东", "华南", "华北", "华中", "西南", "西北", "东北")
REGION_WEIGHTS = (0.30, 0.22, 0.16, 0.12, 0.10, 0.05, 0.05)

#: branch → (region, weight within region, ID-card area code of the city, managers)
BRANCHES: dict[str, tuple[str, float, str, tuple[str, ...]]] = {
    "上海分行": ("华东", 0.36, "310115", ("陈志强", "李婷")),
    "杭州分行": ("华东", 0.26, "330106", ("王磊", "张丽娟")),
    "南京分行": ("华东", 0.20, "320106", ("刘洋",)),
    "苏州分行": ("华东", 0.18, "320506", ("赵敏",)),
    "深圳分行": ("华南", 0.42, "440305", ("黄俊杰", "周静")),
    "广州分行": ("华南", 0.38, "440106", ("吴海峰", "徐晓燕")),
    "佛山分行": ("华南", 0.20, "440604", ("孙鹏",)),
    "北京分行": ("华北", 0.55, "110105", ("马丽", "朱建华")),
    "天津分行": ("华北", 0.25, "120104", ("胡晓东",)),
    "石家庄分行": ("华北", 0.20, "130102", ("郭雪梅",)),
    "武汉分行": ("华中", 0.45, "420106", ("何志伟",)),
    "长沙分行": ("华中", 0.30, "430104", ("高远",)),
    "郑州分行": ("华中", 0.25, "410105", ("林芳",)),
    "成都分行": ("西南", 0.55, "510107", ("罗斌",)),
    "重庆分行": ("西南", 0.45, "500103", ("郑秀英",)),
    "西安分行": ("西北", 1.00, "610113", ("梁振华",)),
    "沈阳分行": ("东北", 0.60, "210102", ("宋佳",)),
    "哈尔滨分行": ("东北", 0.40, "230103", ("韩冬",)),
}
BRANCH_NAMES = tuple(BRANCHES)
OWNERS = tuple(m for _, _, _, ms in BRANCHES.values() for m in ms)

INDUSTRIES = ("制造业", "批发零售", "住宿餐饮", "建筑业", "交通运输", "信息技术", "农林牧渔", "其他")
_INDUSTRY_BASE = np.array([0.17, 0.20, 0.10, 0.10, 0.08, 0.10, 0.06, 0.19])
#: per-region tilt of the industry mix (multiplied into the base, then normalised)
_INDUSTRY_TILT = {
    "华东": (1.3, 1.0, 0.9, 0.9, 1.0, 1.4, 0.5, 1.0),
    "华南": (1.0, 1.8, 2.0, 0.8, 1.0, 1.1, 0.5, 0.8),
    "华北": (0.9, 1.0, 1.0, 1.2, 1.1, 1.2, 0.7, 1.0),
    "华中": (1.1, 1.0, 1.0, 1.2, 1.1, 0.8, 1.2, 1.0),
    "西南": (0.9, 1.0, 1.2, 1.2, 1.0, 0.7, 1.5, 1.0),
    "西北": (0.8, 0.9, 1.0, 1.3, 1.1, 0.5, 2.0, 1.0),
    "东北": (1.2, 0.9, 1.0, 1.1, 1.0, 0.5, 2.0, 1.0),
}
#: relative propensity to fall behind, by industry
INDUSTRY_RISK = np.array([1.00, 1.15, 1.30, 1.30, 1.10, 0.80, 1.20, 1.00])

CHANNELS = ("线下网点", "手机银行", "互联网合作", "电销")
#: channel mix per product
_CHANNEL_WEIGHTS = np.array([
    [0.30, 0.35, 0.20, 0.15],   # 信用卡
    [0.25, 0.30, 0.35, 0.10],   # 消费贷
    [0.75, 0.12, 0.08, 0.05],   # 经营贷
])
CHANNEL_RISK = np.array([0.90, 0.95, 1.45, 1.15])

# --------------------------------------------------------------------------------------------
# The Markov chain
# --------------------------------------------------------------------------------------------
#: monthly probability that a Current account misses a payment, before multipliers
BASE_ENTRY = np.array([0.0095, 0.0080, 0.0065])
#: monthly probability that a Current account pays off / closes and leaves the book
BASE_PAYOFF = np.array([0.003, 0.012, 0.008])

#: baseline transitions from a delinquent state, by months behind k (1 = 1-30 … 7 = 181+):
#: (cure to Current, back one bucket, stay in bucket, roll forward); rows sum to 1.
#: In 181+ "roll" means another month unpaid; the write-off hazard comes first.
BASE_ROLL = np.array([
    # cure  back  stay  roll
    [0.00, 0.00, 1.00, 0.00],  # k = 0 (unused: see BASE_ENTRY)
    [0.66, 0.00, 0.15, 0.19],  # 1-30
    [0.26, 0.08, 0.10, 0.56],  # 31-60
    [0.12, 0.05, 0.10, 0.73],  # 61-90
    [0.05, 0.02, 0.08, 0.85],  # 91-120
    [0.04, 0.02, 0.08, 0.86],  # 121-150
    [0.03, 0.02, 0.08, 0.87],  # 151-180
    [0.015, 0.00, 0.00, 0.985],  # 181+
])
#: monthly write-off hazard in 181+ (written-off accounts leave the book); forced after 360 days
WRITE_OFF = 0.38
#: months the chain runs before the window so the first month starts from its own bucket mix
BURN_IN = 12
MAX_MONTHS_BEHIND = 13

#: Chinese New Year (the first day of the Spring Festival), 2015-2035
SPRING_FESTIVAL = {
    2015: "2015-02-19", 2016: "2016-02-08", 2017: "2017-01-28", 2018: "2018-02-16",
    2019: "2019-02-05", 2020: "2020-01-25", 2021: "2021-02-12", 2022: "2022-02-01",
    2023: "2023-01-22", 2024: "2024-02-10", 2025: "2025-01-29", 2026: "2026-02-17",
    2027: "2027-02-06", 2028: "2028-01-26", 2029: "2029-02-13", 2030: "2030-02-03",
    2031: "2031-01-23", 2032: "2032-02-11", 2033: "2033-01-31", 2034: "2034-02-19",
    2035: "2035-02-08",
}
#: entry multiplier in the festival month and the month after
FESTIVAL_ENTRY = (2.4, 1.8)

#: the deterioration episode: these industries in this region, for EPISODE_LENGTH months
EPISODE_REGION = "华南"
EPISODE_INDUSTRIES = ("住宿餐饮", "批发零售")
EPISODE_LENGTH = 4
_EPISODE_ENTRY = (3.5, 6.0, 6.5, 5.0)
_EPISODE_AFTER = (2.0, 1.6, 1.45, 1.4)   # then _EPISODE_TAIL: a partial recovery
_EPISODE_TAIL = 1.35

# --------------------------------------------------------------------------------------------
# Drivers and the reasons staff type for them
# --------------------------------------------------------------------------------------------
DRIVERS = ("forgot", "liquidity", "income", "business", "over_indebted", "malicious",
           "illness", "dispute", "wage_delay", "disaster", "other")
_DRIVER_BASE = np.array([0.20, 0.16, 0.11, 0.08, 0.10, 0.05, 0.07, 0.04, 0.05, 0.02, 0.12])
_DRIVER_CURE = np.array([1.55, 1.15, 0.60, 0.70, 0.55, 0.05, 0.90, 1.10, 1.35, 0.85, 1.00])
_DRIVER_ROLL = np.array([0.30, 0.80, 1.15, 1.10, 1.20, 1.45, 1.00, 0.60, 0.70, 1.00, 1.00])

REASONS: dict[str, tuple[str, ...]] = {
    "forgot": ("忘记还款了", "客户称忘记还款日", "忘记还款", "忘了还款日期", "客户出差忘记还款",
               "绑定卡余额不足 客户不知情", "客户说记错还款日了", "forgot to pay"),
    "liquidity": ("资金周转困难", "资金紧张", "短期资金周转", "周转不开，承诺月底还",
                  "资金周转不灵", "临时资金紧张 下月还清", "钱压在货上了"),
    "income": ("客户失业，收入中断", "失业", "公司裁员 暂无收入", "收入下降", "降薪 收入减少",
               "工作不稳定 收入低", "lost job", "客户待业在家"),
    "business": ("经营困难 资金周转不开", "生意不好", "经营不善", "店铺客流减少，营业额下降",
                 "下游回款慢", "订单减少 经营困难", "生意亏损", "应收账款收不回来"),
    "over_indebted": ("多头借贷 负债过高", "以贷养贷", "多平台借款 还款压力大", "负债率高",
                      "信用卡套现 多头负债", "网贷太多还不上"),
    "malicious": ("恶意拖欠 失联", "电话无人接听，疑似失联", "拒不还款", "失联", "换号失联",
                  "有还款能力但拒绝还款", "态度恶劣 拒绝沟通", "人已跑路"),
    "illness": ("住院治疗", "家人生病住院", "本人生病", "客户车祸受伤住院", "父亲重病 花销大",
                "手术 无法工作", "hospitalized"),
    "dispute": ("对账单有争议", "对利息有异议", "对滞纳金有异议 要求减免", "投诉中 暂停还款",
                "认为多扣了年费", "dispute on fees"),
    "wage_delay": ("工资延迟发放", "工资拖欠", "年底工资未结", "工程款未结 工资没发",
                   "单位欠薪", "工资还没发"),
    "disaster": ("疫情影响停工", "暴雨受灾", "台风影响 店铺停业", "洪水 厂房被淹",
                 "暴雨 店面进水停业"),
    "other": ("其他", "见附件", "详见系统备注", "客户说下周还", "？", "已联系", "待核实",
              "同上", "离婚纠纷", "被骗 钱被骗走了", "出国了", "客户在外地", "1", "无",
              "担保人代偿中", "家里拆迁 等补偿款", "服刑中"),
}
_LOST_CONTACT = ("电话无人接听，疑似失联", "失联", "多次催收无果 失联", "电话停机")

#: spells whose note the staff left blank
BLANK_REASON_SHARE = 0.09

# --------------------------------------------------------------------------------------------
# Personal data (all fake)
# --------------------------------------------------------------------------------------------
_SURNAMES = tuple("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢")
_MALE = tuple("伟强磊军勇杰涛斌超明刚平辉鹏华飞鑫波宇浩凯健俊帆旭宁龙林峰建国志文海东晨洋")
_FEMALE = tuple("芳娜敏静丽艳娟霞秀玲燕婷雪慧颖琳倩佳欣怡梅莉萍红晶薇瑶丹蕾月琴悦")
_HOMETOWNS = ("411302", "341202", "511602", "430602", "360702", "421002", "450102", "370102",
              "130102", "610113", "510107", "320506")
_MOBILE_PREFIXES = np.array([130, 131, 132, 133, 135, 136, 137, 138, 139, 150, 151, 152, 153,
                             155, 156, 157, 158, 159, 180, 181, 182, 183, 185, 186, 187, 188, 189])
_ID_WEIGHTS = np.array([7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2])
_ID_CHECK = np.array(list("10X98765432"))


def _pick(rng: np.random.Generator, weights: np.ndarray) -> np.ndarray:
    """One category index per row of a (n, k) weight matrix (rows need not be normalised)."""
    cum = np.cumsum(weights, axis=1)
    u = rng.random(len(weights)) * cum[:, -1]
    return np.minimum((u[:, None] >= cum).sum(axis=1), weights.shape[1] - 1)


def _months(start: str, n_months: int) -> pd.PeriodIndex:
    return pd.period_range(pd.Period(start, freq="M"), periods=n_months, freq="M")


def festival_months(start: str = DEFAULT_START, n_months: int = DEFAULT_MONTHS) -> list[str]:
    """The ``YYYY-MM`` months in the window whose delinquency the Spring Festival lifts.

    The month holding Chinese New Year and the month after it.

    Examples
    --------
    >>> festival_months("2023-01", 24)
    ['2023-01', '2023-02', '2024-02', '2024-03']
    """
    window = {str(p) for p in _months(start, n_months)}
    out = []
    for day in SPRING_FESTIVAL.values():
        p = pd.Period(day, freq="M")
        out += [str(m) for m in (p, p + 1) if str(m) in window]
    return sorted(out)


def episode_months(start: str = DEFAULT_START, n_months: int = DEFAULT_MONTHS) -> list[str]:
    """The ``YYYY-MM`` months of the deterioration episode (a quarter of the way into the window).

    Examples
    --------
    >>> episode_months("2023-01", 24)
    ['2023-07', '2023-08', '2023-09', '2023-10']
    """
    months = _months(start, n_months)
    first = _episode_start(n_months)
    return [str(m) for m in months[first:first + EPISODE_LENGTH]]


def _episode_start(n_months: int) -> int:
    return max(1, round(n_months / 4))


def _episode_curve(n_months: int) -> np.ndarray:
    """Entry multiplier for the affected segment in each month of the window."""
    curve = np.ones(n_months)
    first = _episode_start(n_months)
    shape = np.array(_EPISODE_ENTRY + _EPISODE_AFTER)
    for i, m in enumerate(range(first, n_months)):
        curve[m] = shape[i] if i < len(shape) else _EPISODE_TAIL
    return curve


def _reason_table() -> tuple:
    """Phrases in driver order, each driver's first phrase and phrase count, and the typing
    variants (how staff mangle the same note) with their frequencies."""
    noise = (
        lambda s: s,
        lambda s: s + "。",
        lambda s: s.replace("，", ",").replace(" ", "，"),
        lambda s: s + "（电催）",
        lambda s: s if s.startswith("客户") or s.isascii() else "客户称" + s,
        lambda s: s + "（已催收）",
        lambda s: s.replace("，", " ").replace(" ", "  "),
    )
    #: how often each variant is typed
    noise_weights = np.array([0.62, 0.09, 0.08, 0.06, 0.06, 0.04, 0.05])
    texts, first, count = [], [], []
    for driver in DRIVERS:
        first.append(len(texts))
        count.append(len(REASONS[driver]))
        texts.extend(REASONS[driver])
    return np.array(texts, dtype=object), np.array(first), np.array(count), noise, noise_weights


_PHRASES, _PHRASE_FIRST, _PHRASE_COUNT, _NOISE, _NOISE_WEIGHTS = _reason_table()


# --------------------------------------------------------------------------------------------
# The generator
# --------------------------------------------------------------------------------------------
def generate_portfolio(
    n_accounts: int = DEFAULT_ACCOUNTS,
    n_months: int = DEFAULT_MONTHS,
    start: str = DEFAULT_START,
    seed: int = DEFAULT_SEED,
) -> pd.DataFrame:
    """Simulate a canonical portfolio: one row per account per month-end snapshot.

    Parameters
    ----------
    n_accounts : int
        Distinct accounts in the result: about half are on the book at ``start``, the rest are
        opened during the window (more each month, so the book grows while others pay off,
        mature or are written off).
    n_months : int
        Monthly snapshots, ``start`` included.
    start : str
        First month, ``"YYYY-MM"``.
    seed : int
        Seed of the one random generator; the same arguments give an identical frame.

    Returns
    -------
    DataFrame
        Canonical columns (see ``analysis.core.schema``) sorted by month then account, with
        ``source_row`` numbering the rows as :func:`write_sample_csv` writes them.

    Raises
    ------
    ValueError
        When ``n_accounts`` or ``n_months`` is not positive or ``start`` is not a month.

    Examples
    --------
    >>> df = generate_portfolio(n_accounts=50, n_months=3)
    >>> sorted(df["month"].unique())
    ['2023-01', '2023-02', '2023-03']
    >>> bool((df["days_past_due"] >= 0).all())
    True
    """
    if int(n_accounts) < 1 or int(n_months) < 1:
        raise ValueError("n_accounts and n_months must be positive")
    try:
        months = _months(start, int(n_months))
    except (ValueError, TypeError) as exc:
        raise ValueError(f"start must be a month like '2023-01', got {start!r}") from exc
    n, T = int(n_accounts), int(n_months)
    rng = np.random.default_rng(seed)

    acc = _draw_accounts(rng, n, T)
    panel = _simulate(rng, acc, T, months)
    return _assemble(rng, acc, panel, months)


def _draw_accounts(rng: np.random.Generator, n: int, T: int) -> dict:
    """Static account attributes: segments, score, limits, terms, origination."""
    product = rng.choice(3, size=n, p=PRODUCT_WEIGHTS)
    region = rng.choice(len(REGIONS), size=n, p=REGION_WEIGHTS)

    branch = np.empty(n, dtype=np.int64)
    for r, name in enumerate(REGIONS):
        idx = np.flatnonzero(region == r)
        ids = [i for i, b in enumerate(BRANCH_NAMES) if BRANCHES[b][0] == name]
        w = np.array([BRANCHES[BRANCH_NAMES[i]][1] for i in ids])
        branch[idx] = np.array(ids)[rng.choice(len(ids), size=len(idx), p=w / w.sum())]
    owner_of = []   # branch → owner indices
    k = 0
    for b in BRANCH_NAMES:
        owner_of.append(list(range(k, k + len(BRANCHES[b][3]))))
        k += len(BRANCHES[b][3])
    n_owners = np.array([len(o) for o in owner_of])
    first_owner = np.array([o[0] for o in owner_of])
    owner = first_owner[branch] + np.floor(rng.random(n) * n_owners[branch]).astype(np.int64)

    tilt = np.array([_INDUSTRY_TILT[r] for r in REGIONS]) * _INDUSTRY_BASE
    industry = _pick(rng, tilt[region])
    channel = _pick(rng, _CHANNEL_WEIGHTS[product])

    base_mean = np.array([680.0, 645.0, 670.0])[product] - 30.0 * (channel == 2)
    score = np.clip(rng.normal(base_mean, 60.0), 320, 840)

    # Origination: about half on the book at the start, the rest opened in the window, more
    # of them towards its end.
    existing = rng.random(n) < 0.52
    term = np.where(
        product == 0, 0,
        np.where(product == 1,
                 rng.choice([12, 24, 36], size=n, p=[0.30, 0.35, 0.35]),
                 rng.choice([12, 24, 36], size=n, p=[0.45, 0.30, 0.25])),
    )
    card_age = rng.integers(1, 97, size=n)
    loan_age = np.floor(rng.random(n) * np.maximum(term - 1, 1)).astype(np.int64) + 1
    age_at_start = np.where(product == 0, card_age, loan_age)      # months before the window
    growth = 1.0 + 1.0 * np.arange(T) / max(T - 1, 1)
    open_month = np.where(existing, -age_at_start, rng.choice(T, size=n, p=growth / growth.sum()))
    order = np.lexsort((rng.random(n), open_month))                 # account ids in opening order
    open_day = rng.integers(1, 29, size=n)

    # Amounts: card limits with score; loan principals lognormal by product.
    card_limit = np.round(np.exp(rng.normal(np.log(28000) + (score - 660) / 160, 0.55)), -3)
    card_limit = np.clip(card_limit, 3000, 300000)
    principal = np.where(
        product == 1,
        np.round(np.exp(rng.normal(np.log(80000), 0.6, n)), -3).clip(10000, 500000),
        np.round(np.exp(rng.normal(np.log(280000), 0.6, n)), -4).clip(50000, 3000000),
    )
    rate = np.select(
        [product == 0, product == 1],
        [np.where(rng.random(n) < 0.9, 0.1825, 0.1350),
         np.clip(0.075 + (700 - score) / 1000 * 0.25 + 0.05 * (channel == 2)
                 + rng.normal(0, 0.01, n), 0.0385, 0.24)],
        np.clip(0.042 + (700 - score) / 1000 * 0.08 + rng.normal(0, 0.006, n), 0.0345, 0.085),
    )
    rate = np.where(product == 0, rate, np.round(rate / 0.0005) * 0.0005)
    limit = np.where(product == 0, card_limit, principal)
    mrate = rate / 12
    with np.errstate(divide="ignore", invalid="ignore"):
        instalment = np.where(product == 0, 0.0,
                              principal * mrate / (1 - (1 + mrate) ** -np.maximum(term, 1)))
    util = np.clip(rng.beta(1.6, 2.4, size=n), 0.03, 1.0)

    risk = (np.exp(-(score - 660) / 70.0) * INDUSTRY_RISK[industry] * CHANNEL_RISK[channel])
    episode = (region == REGIONS.index(EPISODE_REGION)) & np.isin(
        industry, [INDUSTRIES.index(i) for i in EPISODE_INDUSTRIES])

    fields = dict(product=product, region=region, branch=branch, owner=owner, industry=industry,
                  channel=channel, score=score, term=term, open_month=open_month,
                  open_day=open_day, limit=limit, rate=rate, instalment=instalment, util=util,
                  risk=risk, episode=episode, existing=existing, due_day=np.clip(open_day, 1, 27))
    return {key: value[order] for key, value in fields.items()}


def _festival_curve(months: pd.PeriodIndex) -> np.ndarray:
    """Entry multiplier of the Spring Festival for each month (1 outside the festival)."""
    new_year = {pd.Period(d, freq="M") for d in SPRING_FESTIVAL.values()}
    curve = np.ones(len(months))
    for t, m in enumerate(months):
        if m in new_year:
            curve[t] = FESTIVAL_ENTRY[0]
        elif m - 1 in new_year:
            curve[t] = FESTIVAL_ENTRY[1]
    return curve


def _simulate(rng: np.random.Generator, acc: dict, T: int, months: pd.PeriodIndex) -> dict:
    """Run the monthly chain; return (T, n) arrays of the recorded state and amounts.

    The accounts already on the book run BURN_IN months before the window so the first month
    starts from the chain's own mix of buckets rather than from a guess (an account written off
    during the burn-in is replaced by a fresh one under the same id).
    """
    n = len(acc["product"])
    product, term, inst = acc["product"], acc["term"], acc["instalment"]
    is_card = product == 0
    B = BURN_IN
    ext = pd.period_range(months[0] - B, periods=B + T, freq="M")
    days_in = ext.days_in_month.to_numpy()
    festival = _festival_curve(ext)
    episode_curve = np.concatenate([np.ones(B), _episode_curve(T)])
    # a slowly worsening macro backdrop over the window
    drift = np.concatenate([np.ones(B), 1.0 + 0.25 * np.arange(T) / max(T - 1, 1)])
    D_MAL, D_DISPUTE = DRIVERS.index("malicious"), DRIVERS.index("dispute")

    k = np.zeros(n, dtype=np.int64)
    driver = np.full(n, -1, dtype=np.int64)
    phrase = np.full(n, -1, dtype=np.int64)
    offset = np.ones(n, dtype=np.int64)
    alive = acc["existing"].copy()
    paid_count = np.zeros(n, dtype=np.int64)
    util = acc["util"].copy()
    card_bal = np.where(is_card, acc["limit"] * util, 0.0)

    out = {name: np.zeros((T, n), dtype=dt) for name, dt in (
        ("alive", bool), ("dpd", np.int64), ("balance", np.float64), ("overdue", np.float64),
        ("due", np.float64), ("paid", np.float64), ("score", np.float64), ("phrase", np.int64))}

    for step in range(B + T):
        t = step - B                                  # month index in the window (< 0: burn-in)
        burn = t < 0
        if t == 0:
            # Loans start the window with the instalments their age and arrears imply.
            mob0 = np.where(acc["existing"], -acc["open_month"], 0)
            paid_count = np.where(is_card, 0, np.clip(mob0 - k, 0, np.maximum(term - 2, 0)))
            card_bal = np.where(is_card & (k > 0), card_bal * (1 + 0.03 * k), card_bal)
        opened = acc["open_month"] == t
        prev_alive = alive.copy()
        u = rng.random(n)
        u2 = rng.random(n)
        mob = t - acc["open_month"]
        mob_factor = np.clip(0.25 + mob / 8.0, 0.25, 1.0) * np.where(mob > 30, 0.85, 1.0)
        mob_factor = np.where(mob >= 0, mob_factor, 0.0)
        mult = (acc["risk"] * mob_factor * festival[step] * drift[step]
                * np.where(acc["episode"], episode_curve[step], 1.0))
        stress = festival[step] > 1.0
        ep_now = acc["episode"] & (episode_curve[step] > 1.0)

        # ---- Current accounts: pay off and leave, miss a payment, or carry on.
        cur = prev_alive & (k == 0)
        dq = prev_alive & (k > 0)
        matured = (~is_card) & (paid_count >= term - 1)
        payoff = cur & ((u2 < BASE_PAYOFF[product]) | matured)
        written_off = dq & (k >= 7) & ((u2 < WRITE_OFF) | (k >= MAX_MONTHS_BEHIND))
        if t == 0:
            payoff[:] = False       # every account in the result shows up at least once
            written_off[:] = False
        p_in = np.minimum(BASE_ENTRY[product] * mult, 0.35)
        enters = cur & ~payoff & (u < p_in)
        stays = cur & ~payoff & ~enters

        # ---- Delinquent accounts: cure, pay something (back a bucket / stay), or roll on.
        kk = np.minimum(k, 7)
        d = np.maximum(driver, 0)
        sev = np.maximum(mult, 0.3) ** 0.3 * np.where(ep_now, 1.25, 1.0) * np.where(stress, 1.15, 1.0)
        cure = BASE_ROLL[kk, 0] * _DRIVER_CURE[d] / sev * np.where(ep_now, 0.75, 1.0)
        back = BASE_ROLL[kk, 1] * _DRIVER_CURE[d] / sev
        roll = BASE_ROLL[kk, 3] * _DRIVER_ROLL[d] * sev
        stay = BASE_ROLL[kk, 2] * np.where(d == D_DISPUTE, 2.0, 1.0)
        total = cure + back + stay + roll
        c1 = cure / total
        c2 = c1 + back / total
        c3 = c2 + stay / total
        live_dq = dq & ~written_off
        cures = live_dq & (u < c1)
        backs = live_dq & (u >= c1) & (u < c2)
        holds = live_dq & (u >= c2) & (u < c3)
        rolls = live_dq & (u >= c3)

        # ---- What was due this month and what came in (before the state moves).
        min_pay = np.where(is_card, np.maximum(card_bal * 0.1, np.minimum(card_bal, 100.0)), inst)
        due = np.where(prev_alive & ~opened, min_pay * (k + 1), 0.0)
        partial = np.where(u2 < 0.65, 0.0, rng.random(n) * 0.9) * min_pay
        revolver = min_pay + rng.random(n) ** 2 * np.maximum(card_bal - min_pay, 0)
        paid = np.select(
            [stays, enters, cures, backs, holds, rolls],
            [np.where(is_card, revolver, min_pay), partial, due, 2 * min_pay, min_pay, partial],
            0.0,
        )

        # ---- Move the state.
        new_k = k.copy()
        new_k[enters] = 1
        new_k[cures] = 0
        new_k[backs] -= 1
        new_k[rolls] += 1
        if burn:
            new_k[written_off] = 0      # the slot goes to a fresh account
            alive = prev_alive
        else:
            alive = (prev_alive & ~payoff & ~written_off) | opened
        paid_now = np.select([stays, cures, backs, holds], [1, k + 1, 2, 1], 0)
        # a loan k instalments behind has at least k instalments left to pay
        paid_count = np.clip(paid_count + np.where(is_card, 0, paid_now), 0,
                             np.maximum(term - new_k, 0))
        cured = dq & (new_k == 0)
        new_k = np.where(opened, 0, new_k)

        # New spells: days past due counted from the due day; a driver and a note.
        offset = np.where(enters, np.clip(days_in[step] - acc["due_day"], 1, 30), offset)
        if enters.any():
            driver = np.where(enters, _draw_driver(rng, acc, stress, ep_now), driver)
            phrase = np.where(enters, _draw_phrase(rng, driver), phrase)
        # Notes go stale: some long-unpaid cases become "lost contact".
        lost = (new_k >= 4) & rolls & (driver != D_MAL) & (rng.random(n) < 0.05)
        if lost.any():
            driver = np.where(lost, D_MAL, driver)
            phrase = np.where(lost, _lost_contact_phrase(rng, n), phrase)
        keep_note = cured & (rng.random(n) < 0.10)     # staff forget to clear a cured case
        shown = np.where((new_k > 0) | keep_note, phrase, -1)
        driver = np.where(new_k == 0, -1, driver)
        k = new_k
        if burn:
            continue

        # ---- Balances.
        util = np.clip(0.7 * util + 0.3 * acc["util"] + rng.normal(0, 0.05, n), 0.03, 1.0)
        grow = card_bal * (1 + acc["rate"] / 12) + 0.05 * min_pay
        card_bal = np.where(k > 0, np.minimum(grow, acc["limit"] * 1.25), acc["limit"] * util)
        card_bal = np.where(opened & is_card, acc["limit"] * util * 0.5, card_bal)
        mrate = acc["rate"] / 12
        with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
            g = (1 + mrate) ** np.maximum(term, 1)
            gp = (1 + mrate) ** paid_count
            loan_bal = np.where(is_card, 0.0, acc["limit"] * (g - gp) / (g - 1))
        balance = np.where(is_card, card_bal, np.clip(loan_bal, 0, None))
        overdue = np.where(k > 0, np.minimum(min_pay * k * 1.02, balance), 0.0)
        overdue = np.where(k > 0, np.maximum(overdue, np.minimum(balance, 1.0)), 0.0)
        dpd = np.where(k > 0, offset + 30 * (k - 1), 0)
        noise = rng.normal(0, 6, n)
        score_t = np.clip(np.round(acc["score"] - 28 * np.minimum(k, 6) + noise), 300, 850)

        out["alive"][t] = alive
        out["dpd"][t] = dpd
        out["balance"][t] = balance
        out["overdue"][t] = overdue
        out["due"][t] = np.where(alive, due, 0.0)
        out["paid"][t] = np.where(alive, paid, 0.0)
        out["score"][t] = score_t
        out["phrase"][t] = shown
    return out


def _draw_driver(rng, acc, stress, ep_now) -> np.ndarray:
    """A driver for every account (the caller keeps those starting a spell this month)."""
    n = len(acc["product"])
    w = np.tile(_DRIVER_BASE, (n, 1))
    D = DRIVERS.index
    biz = acc["product"] == 2
    w[biz, D("business")] *= 3.0
    w[biz, D("income")] *= 0.3
    w[biz, D("dispute")] *= 0.3
    w[acc["product"] == 0, D("dispute")] *= 1.8
    online = acc["channel"] == 2
    w[online, D("over_indebted")] *= 2.0
    low = acc["score"] < 580
    w[low, D("malicious")] *= 2.2
    w[low, D("over_indebted")] *= 1.5
    if stress:
        w[:, D("wage_delay")] *= 3.0
        w[:, D("liquidity")] *= 1.5
        w[:, D("forgot")] *= 1.4
    w[ep_now, D("business")] *= 5.0
    w[ep_now, D("disaster")] *= 10.0
    w[ep_now, D("liquidity")] *= 2.0
    return _pick(rng, w)


def _draw_phrase(rng: np.random.Generator, driver: np.ndarray) -> np.ndarray:
    """Index into the phrase × variant table for each driver (-1 = blank note)."""
    d = np.maximum(driver, 0)
    n = len(driver)
    which = _PHRASE_FIRST[d] + np.floor(rng.random(n) * _PHRASE_COUNT[d]).astype(np.int64)
    variant = rng.choice(len(_NOISE), size=n, p=_NOISE_WEIGHTS)
    idx = which * len(_NOISE) + variant
    blank = rng.random(n) < BLANK_REASON_SHARE
    return np.where((driver < 0) | blank, -1, idx)


def _lost_contact_phrase(rng: np.random.Generator, n: int) -> np.ndarray:
    j = rng.integers(0, len(_LOST_CONTACT), size=n)
    return len(_PHRASES) * len(_NOISE) + j * len(_NOISE)


def _reason_texts() -> np.ndarray:
    texts = [f(p) for p in list(_PHRASES) for f in _NOISE]
    texts += [f(p) for p in _LOST_CONTACT for f in _NOISE]
    return np.array(texts, dtype=object)


def _people(rng: np.random.Generator, acc: dict, months: pd.PeriodIndex) -> dict:
    """Fake names, mobile numbers and ID numbers, one per account."""
    n = len(acc["product"])
    male = rng.random(n) < 0.55
    surname = np.array(_SURNAMES, dtype=object)[
        np.minimum((rng.pareto(1.2, n) * 6).astype(np.int64), len(_SURNAMES) - 1)]
    pool_m, pool_f = np.array(_MALE, dtype=object), np.array(_FEMALE, dtype=object)
    c1 = np.where(male, pool_m[rng.integers(0, len(_MALE), n)],
                  pool_f[rng.integers(0, len(_FEMALE), n)])
    c2 = np.where(male, pool_m[rng.integers(0, len(_MALE), n)],
                  pool_f[rng.integers(0, len(_FEMALE), n)])
    two = rng.random(n) < 0.72
    name = surname + c1 + np.where(two, c2, "")

    phone_num = (_MOBILE_PREFIXES[rng.integers(0, len(_MOBILE_PREFIXES), n)].astype(np.int64)
                 * 100_000_000 + rng.integers(0, 100_000_000, n))
    phone = phone_num.astype(str).astype(object)

    local = np.array([BRANCHES[b][2] for b in BRANCH_NAMES])[acc["branch"]]
    away = np.array(_HOMETOWNS)[rng.integers(0, len(_HOMETOWNS), n)]
    area = np.where(rng.random(n) < 0.75, local, away)
    open_date = _open_dates(acc, months)
    min_age = np.where(acc["product"] == 2, 26, 20)
    age_days = ((min_age + rng.random(n) * 38) * 365.25).astype("timedelta64[D]")
    birth = (open_date.astype("datetime64[D]") - age_days)
    ymd = pd.DatetimeIndex(birth).strftime("%Y%m%d").to_numpy(dtype=object)
    seq = rng.integers(0, 50, n) * 20 + rng.integers(0, 10, n) // 2 * 2 + np.where(male, 1, 0)
    body = area.astype(object) + ymd + np.char.zfill(seq.astype(str), 3).astype(object)
    digits = np.frombuffer("".join(body).encode("ascii"), dtype=np.uint8).reshape(n, 17) - 48
    check = _ID_CHECK[(digits.astype(np.int64) @ _ID_WEIGHTS) % 11]
    return {"customer_name": name, "phone": phone, "id_number": body + check.astype(object)}


def _open_dates(acc: dict, months: pd.PeriodIndex) -> np.ndarray:
    first = months[0].to_timestamp().to_datetime64().astype("datetime64[M]")
    month_start = first + acc["open_month"].astype("timedelta64[M]")
    return month_start.astype("datetime64[D]") + (acc["open_day"] - 1).astype("timedelta64[D]")


def _assemble(rng: np.random.Generator, acc: dict, out: dict, months: pd.PeriodIndex) -> pd.DataFrame:
    t_idx, a_idx = np.nonzero(out["alive"])          # row-major: by month, then account
    n = len(acc["product"])
    people = _people(rng, acc, months)
    ids = np.char.add("KH", np.char.zfill(np.arange(1, n + 1).astype(str), 8)).astype(object)
    month_str = np.array([str(m) for m in months], dtype=object)
    month_end = months.to_timestamp(how="end").normalize().as_unit("ns").to_numpy()
    texts = _reason_texts()
    ph = out["phrase"][t_idx, a_idx]
    reason = np.where(ph >= 0, texts[np.maximum(ph, 0)], None)

    def cat(codes: np.ndarray, labels: tuple[str, ...]) -> pd.Categorical:
        return pd.Categorical.from_codes(codes, categories=list(labels))

    def cents(x: np.ndarray) -> np.ndarray:
        return np.round(x, 2)

    balance = cents(out["balance"][t_idx, a_idx])
    frame = pd.DataFrame({
        "account_id": pd.array(ids[a_idx], dtype="str"),
        "month": pd.array(month_str[t_idx], dtype="str"),
        "snapshot_date": month_end[t_idx],
        "days_past_due": out["dpd"][t_idx, a_idx].astype(np.int32),  # as ingest keeps it
        "balance": balance,
        "credit_limit": cents(acc["limit"][a_idx].astype(np.float64)),
        "overdue_amount": np.minimum(cents(out["overdue"][t_idx, a_idx]), balance),
        "due_amount": cents(out["due"][t_idx, a_idx]),
        "paid_amount": cents(out["paid"][t_idx, a_idx]),
        "overdue_reason": pd.array(reason, dtype="str"),
        "product": cat(acc["product"][a_idx], PRODUCTS),
        "region": cat(acc["region"][a_idx], REGIONS),
        "branch": cat(acc["branch"][a_idx], BRANCH_NAMES),
        "industry": cat(acc["industry"][a_idx], INDUSTRIES),
        "channel": cat(acc["channel"][a_idx], CHANNELS),
        "owner": cat(acc["owner"][a_idx], OWNERS),
        "origination_date": _open_dates(acc, months).astype("datetime64[ns]")[a_idx],
        "score": out["score"][t_idx, a_idx].astype(np.float64),
        "interest_rate": np.round(acc["rate"][a_idx], 4),
        "customer_name": pd.array(people["customer_name"][a_idx], dtype="str"),
        "phone": pd.array(people["phone"][a_idx], dtype="str"),
        "id_number": pd.array(people["id_number"][a_idx], dtype="str"),
    })
    frame["source_row"] = np.arange(2, len(frame) + 2, dtype=np.int32)  # as ingest keeps it
    return frame


# --------------------------------------------------------------------------------------------
# The CSV a core system would export
# --------------------------------------------------------------------------------------------
#: canonical column → the Chinese header written to the CSV (each a synonym in analysis.core.schema)
CSV_HEADERS = {
    "account_id": "客户编号",
    "snapshot_date": "数据日期",
    "days_past_due": "逾期天数",
    "balance": "贷款余额",
    "credit_limit": "授信额度",
    "overdue_amount": "逾期金额",
    "due_amount": "应还金额",
    "paid_amount": "实还金额",
    "overdue_reason": "逾期原因",
    "product": "产品",
    "region": "地区",
    "branch": "分行",
    "industry": "行业",
    "channel": "渠道",
    "owner": "客户经理",
    "origination_date": "放款日期",
    "score": "信用评分",
    "interest_rate": "年利率",
    "customer_name": "客户姓名",
    "phone": "手机号",
    "id_number": "身份证号",
}


def write_sample_csv(portfolio: pd.DataFrame, path: str | Path) -> Path:
    """Write a portfolio as a Chinese core system exports it: Chinese headers, UTF-8 with BOM.

    Dates as ``2024-01-31``, amounts with two decimals, scores as whole numbers, the annual
    rate as a fraction (``0.1825``), blank reasons as empty cells. Rows in frame order, so
    ``source_row`` is the line number in the file.

    Examples
    --------
    >>> import tempfile, os
    >>> p = write_sample_csv(generate_portfolio(20, 2), os.path.join(tempfile.mkdtemp(), "s.csv"))
    >>> p.read_bytes()[:3] == b"\\xef\\xbb\\xbf"
    True
    """
    path = Path(path)
    out = pd.DataFrame(index=portfolio.index)
    for col, header in CSV_HEADERS.items():
        if col not in portfolio.columns:
            continue
        s = portfolio[col]
        if col in ("snapshot_date", "origination_date"):
            s = s.dt.strftime("%Y-%m-%d")
        elif col in ("balance", "credit_limit", "overdue_amount", "due_amount", "paid_amount"):
            s = s.map("{:.2f}".format)
        elif col == "score":
            s = s.round().astype("Int64")
        elif col == "interest_rate":
            s = s.map("{:.4f}".format)
        out[header] = s
    out.to_csv(path, index=False, encoding="utf-8-sig", lineterminator="\n")
    return path


def main(argv: list[str] | None = None) -> int:
    """Regenerate ``data/sample/sample_portfolio.csv`` with the default parameters."""
    import time

    t0 = time.perf_counter()
    frame = generate_portfolio()
    t1 = time.perf_counter()
    path = write_sample_csv(frame, SAMPLE_CSV)
    print(f"{len(frame):,} rows, {frame['account_id'].nunique():,} accounts, "
          f"{frame['month'].nunique()} months → {path} ({path.stat().st_size / 1e6:.1f} MB); "
          f"generated in {t1 - t0:.2f} s")
    return 0


if __name__ == "__main__":
    if __package__ in (None, ""):
        sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    sys.exit(main())
