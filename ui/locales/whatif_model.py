"""Page text of the what-if credit-risk model (issue 14): scope, history, swap groups, PD estimation."""

MESSAGES = {
    "whatif.sc.include_defaulted": {"zh": "规则也作用于已违约/已核销账户", "en": "Let the rules act on accounts in default / charged off"},
    "whatif.sc.include_defaulted_help": {
        "zh": "默认不勾选：逾期 91 天及以上（违约定义）或已核销、已结清的账户，银行通常已冻结其额度，压降不会真正减少损失，"
              "且不计利息收入（停止计息）；它们在结果中单列一行。勾选后本方案的规则也会调整它们的额度。",
        "en": "Off by default: accounts at 91+ DPD (the default definition) or charged off / closed normally have their "
              "lines blocked already, so cutting them saves nothing real, and they accrue no interest (non-accrual); "
              "they are reported on their own line. Tick to let this scenario's rules change their limits too.",
    },
    "whatif.res.out_of_scope": {
        "zh": "另有 {n:,} 户已违约（逾期 91 天及以上）或已核销：不在额度调整范围内、不计利息收入，"
              "余额 {balance} {unit}，预期损失 {el} {unit}（已计入上面的合计，不随策略变化）。",
        "en": "A further {n:,} accounts are in default (91+ DPD) or charged off: outside the limit actions and earning "
              "no interest; balance {balance} {unit}, expected loss {el} {unit} (in the totals above, unchanged by the policy).",
    },
    "whatif.res.out_of_scope_included": {
        "zh": "本方案的规则也作用于 {n:,} 户已违约或已核销账户（余额 {balance} {unit}，预期损失 {el} {unit}），"
              "其预期损失变动 {el_delta} {unit}；这部分“节省”多半已因额度冻结而实现。",
        "en": "This scenario's rules also act on {n:,} accounts in default or charged off (balance {balance} {unit}, "
              "expected loss {el} {unit}); their expected loss changes by {el_delta} {unit}, a saving their blocked "
              "lines have mostly realised already.",
    },
    "whatif.res.insufficient_history": {
        "zh": "{n:,} 户因在数据中的月数少于规则要求的“连续正常”月数而未被命中（历史不足），见规则贡献表的“历史不足户数”。",
        "en": "{n:,} accounts were not matched because they have fewer months in the book than a rule's clean-history "
              "window (insufficient history); see 'Insufficient history' in the rule table.",
    },
    "whatif.sens.help_two": {
        "zh": "压降与提额分开测算：“{name}”压降（或冻结、封顶）的客群统一压降 0%–50%，提额的客群统一提额 0%–50%，其余账户不变。",
        "en": "Cuts and raises are scaled separately: the accounts '{name}' lowers (cut, freeze, cap) are cut by "
              "0%–50%, the accounts it raises are raised by 0%–50%; everyone else unchanged.",
    },
    "whatif.sens.no_cut": {"zh": "本方案没有压降的客群。", "en": "This scenario lowers no account's limit."},
    "whatif.sens.no_raise": {"zh": "本方案没有提额的客群。", "en": "This scenario raises no account's limit."},
    "whatif.swap.help_three": {
        "zh": "换入：只有挑战者调整额度的账户；换出：只有冠军调整的账户；两者都调整但额度不同的账户单列一组。",
        "en": "Swap-in: accounts only the challenger changes; swap-out: only the champion; accounts both change "
              "to different limits are a group of their own.",
    },
    "whatif.swap.both_differ_help": {"zh": "冠军与挑战者都调整、但调整后额度不同的账户数。",
                                     "en": "Accounts both scenarios change, to different limits."},
    "whatif.swap.history": {
        "zh": "历史坏账率：两个方案都在 {month} 应用，跟踪至 {end}（{n} 个月），期间逾期达到 {dpd} 天及以上的账户占比（当时未违约的账户）。",
        "en": "Historical bad rate: both scenarios applied at {month} and the accounts (not in default then) "
              "followed to {end} ({n} months); the share that reached {dpd}+ DPD.",
    },
    "whatif.swap.no_history": {"zh": "数据只有一个月，无法计算各组的历史坏账率。",
                               "en": "With a single month there is no history to give each group's bad rate."},
    "whatif.note.history": {
        "zh": "快照为侧边栏区间的最后一个月 {end}，并沿用侧边栏的维度筛选；违约概率、迁徙率、账龄和“连续正常/近期逾期”条件读取 {end} 之前的全部历史（自 {first} 起），不受侧边栏起始月份影响。",
        "en": "The snapshot is the last month of the sidebar's range, {end}, with the sidebar's segment filters; PDs, "
              "roll rates, months on book and the clean / recently-late conditions read all history before it "
              "(from {first}), whatever the sidebar's first month.",
    },
    "whatif.asm.months": {
        "zh": "违约概率口径：12 个月内逾期达到 91 天及以上的概率；估计所用月份 {first} 至 {last}（含观察结果的月份）。",
        "en": "PD: probability of reaching 91+ DPD within 12 months, estimated on the months {first} to {last} "
              "(outcome months included).",
    },
    "whatif.asm.months_none": {
        "zh": "违约概率口径：12 个月内逾期达到 91 天及以上的概率；数据只有一个月，使用缺省值，未从历史估计。",
        "en": "PD: probability of reaching 91+ DPD within 12 months; with a single month these are stated defaults, "
              "not estimated from history.",
    },
    "whatif.asm.pd_account": {"zh": "账户级违约概率（分段 × 评分档 × 使用率档）", "en": "Account-level PD (bucket × score band × utilisation band)"},
    "whatif.asm.pd_account_help": {
        "zh": "每个账户取其所在格（逾期分段 × 评分档 × 额度使用率档）过去 12 个月的实际违约率，样本少的格向分段违约概率收缩"
              "（权重 n/(n+100)，n 为该格的观察窗口数）。需要至少 13 个月的数据；否则按分段。",
        "en": "Each account gets the observed 12-month default rate of its cell (bucket × score band × utilisation band), "
              "shrunk toward the bucket PD where the cell is thin (weight n/(n+100), n = windows observed in the cell). "
              "Needs 13+ months of data; otherwise by bucket.",
    },
    "whatif.asm.pd_floor": {"zh": "违约概率下限（%）", "en": "PD floor (%)"},
    "whatif.asm.pd_floor_help": {
        "zh": "未违约账户的违约概率不低于此值。缺省 0.03%：巴塞尔 II 内部评级法对公司与零售违约概率的下限；"
              "巴塞尔 III 最终方案为 0.05%（循环零售 0.10%）。",
        "en": "No account short of default gets a lower PD. Default 0.03%: the Basel II IRB floor for corporate and "
              "retail PD; the Basel III final reforms use 0.05% (0.10% for revolving retail).",
    },
    "whatif.asm.score_bands": {"zh": "{n} 个评分档", "en": "{n} score bands"},
    "whatif.asm.util_bands": {"zh": "4 个使用率档", "en": "4 utilisation bands"},
    "whatif.asm.pd_level_account": {
        "zh": "违约概率按账户：{cells}，{first} 至 {last} 的 {windows:,} 个 12 个月观察窗口；样本少的格向分段收缩（k = {k}）；下限 {floor}。",
        "en": "PD per account: {cells}, from {windows:,} 12-month windows in {first} to {last}; thin cells shrunk toward "
              "the bucket (k = {k}); floor {floor}.",
    },
    "whatif.asm.pd_level_bucket": {"zh": "违约概率按分段；下限 {floor}。", "en": "PD per bucket; floor {floor}."},
    "whatif.asm.pd_level_bucket_short": {
        "zh": "违约概率按分段（账户级需要至少 13 个月的数据）；下限 {floor}。",
        "en": "PD per bucket (account-level needs 13+ months of data); floor {floor}.",
    },
    "whatif.asm.funding": {"zh": "资金成本率（%/年）", "en": "Funding rate (% a year)"},
    "whatif.asm.funding_help": {
        "zh": "预计用信余额的年资金成本。缺省 2.5%：约为 2025 年一年期 LPR（3.0%）减去存款资金的利差；请换成本行的内部资金转移价格（FTP）。",
        "en": "Yearly cost of funding the expected drawn balance. Default 2.5%: about the 2025 one-year LPR (3.0%) less "
              "a deposit-funding spread; put your own transfer-pricing (FTP) rate here.",
    },
    "whatif.asm.opex": {"zh": "每户年运营成本（元）", "en": "Operating cost per account (CNY a year)"},
    "whatif.asm.opex_help": {"zh": "可选；各方案相同，只影响收益水平，不影响方案间差异。",
                             "en": "Optional; the same in every scenario, it moves the margin's level, not the differences."},
    "whatif.asm.raise_draw": {"zh": "提额新增额度的用信比例（%）", "en": "Share of a raise's new headroom drawn (%)"},
    "whatif.asm.raise_draw_help": {
        "zh": "提额后新增的未用额度一年内被使用的比例；缺省与上面的未用额度用信比例相同。",
        "en": "Share of the headroom a raise adds that customers draw within a year; by default the same as the draw share above.",
    },
    "whatif.asm.uplift": {"zh": "提额的违约概率上浮系数", "en": "PD uplift of a raise"},
    "whatif.asm.uplift_help": {
        "zh": "提额账户的违约概率 × (1 + 系数 × 提额幅度)。缺省 0.5（提额 20% 则违约概率上浮 10%）：这是审慎的占位假设而非估计，"
              "用于保证提额不是“免费”的；请用本行以往提额账户的表现（回测）校准后改写。",
        "en": "A raised account's PD × (1 + uplift × raise). Default 0.5 (a 20% raise lifts PD by 10%): a prudent "
              "placeholder, not an estimate, so that a raise is never free; calibrate it on your own past raises "
              "(the backtest) and type it over.",
    },
    "whatif.res.margin": {
        "zh": "风险调整后收益（利息收入 − 资金成本 − 预期损失 − 运营成本，资金成本率 {funding}，提额违约概率上浮系数 {uplift}）：{before} → {after} {unit}（{delta}）。",
        "en": "Risk-adjusted margin (interest − funding at {funding} − expected loss − operating cost; PD uplift of a "
              "raise {uplift}): {before} → {after} {unit} ({delta}).",
    },
    "whatif.bt.more": {
        "zh": "离开数据 {left:,} 户（结清 {paid:,}、销户 {closed:,}、核销 {charged:,}、原因不明 {unknown:,}；其中最后一次出现时逾期 31 天及以上 {late:,} 户）。"
              "在两组都有账户的逾期分段内，按压降账户的分段结构加权后，未压降账户坏账率为 {same_mix}（压降账户 {bad_cut}）。"
              "此后违约的账户从决策月到首次违约共新增用信 {drawn} {unit}，其中超出策略后额度的部分 {above} {unit}。"
              "预测损失 {predicted} {unit}，实际损失（LGD × 违约时余额）{realised} {unit}。",
        "en": "{left:,} accounts left the book (paid off {paid:,}, closed {closed:,}, charged off {charged:,}, unknown "
              "{unknown:,}; {late:,} of them last seen at 31+ DPD). Within the buckets holding both groups, at the cut "
              "accounts' bucket mix, the not-cut bad rate is {same_mix} (cut: {bad_cut}). The accounts that went bad drew {drawn} {unit} more between the decision "
              "and their first default month, {above} {unit} of it above the limit the policy would have set. "
              "Predicted loss {predicted} {unit}; realised (LGD × balance at default) {realised} {unit}.",
    },
    "whatif.sheet.swap_groups": {"zh": "换入换出分组", "en": "Swap groups"},
    "whatif.sheet.sensitivity_cut": {"zh": "敏感性_压降", "en": "Sensitivity cuts"},
    "whatif.sheet.sensitivity_raise": {"zh": "敏感性_提额", "en": "Sensitivity raises"},
    "whatif.sheet.backtest": {"zh": "回测", "en": "Backtest"},
    "whatif.sheet.backtest_bucket": {"zh": "回测_分段对比", "en": "Backtest by bucket"},
}
