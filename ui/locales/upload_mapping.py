"""Page texts of the mapping step: suggestions with their confidence, detected units, saved mappings."""

MESSAGES = {
    # ---- suggestions and their confidence ------------------------------------------------------
    "upload.rec.title": {
        "zh": "建议映射 · 置信度（已填入 {filled} 项，待确认 {offered} 项）",
        "en": "Suggested mapping · confidence ({filled} filled in, {offered} to confirm)",
    },
    "upload.rec.col.field": {"zh": "字段", "en": "Field"},
    "upload.rec.col.header": {"zh": "文件中的列", "en": "Column in the file"},
    "upload.rec.col.confidence": {"zh": "置信度", "en": "Confidence"},
    "upload.rec.col.reason": {"zh": "依据", "en": "Based on"},
    "upload.rec.col.state": {"zh": "处理", "en": "Done"},
    "upload.rec.state.filled": {"zh": "已填入", "en": "filled in"},
    "upload.rec.state.offered": {"zh": "待确认（点按钮采用）", "en": "to confirm (use the button)"},
    "upload.rec.reason.exact": {"zh": "表头是常用名称", "en": "a known column name"},
    "upload.rec.reason.tokens": {"zh": "表头的词义", "en": "the words of the header"},
    "upload.rec.reason.fuzzy": {"zh": "相近的写法", "en": "a near spelling"},
    "upload.rec.reason.values": {"zh": "列中的数值", "en": "the column's values"},
    "upload.rec.help": {
        "zh": "建议：{header}（置信度 {pct}，依据：{reason}）",
        "en": "Suggested: {header} ({pct} confidence, from {reason})",
    },
    "upload.rec.caption": {"zh": "自动识别 · 置信度 {pct}（{reason}）", "en": "Recognised · {pct} confidence ({reason})"},
    "upload.rec.apply": {"zh": "采用建议“{header}”（置信度 {pct}）", "en": "Use the suggestion “{header}” ({pct} confidence)"},
    # ---- the money unit ---------------------------------------------------------------------------
    "upload.unit.from_header": {
        "zh": "检测到表头“{header}”，金额单位已设为{unit}。",
        "en": "The header “{header}” names the unit: amounts are read as {unit}.",
    },
    "upload.unit.from_title": {
        "zh": "检测到标题行“{header}”，金额单位已设为{unit}。",
        "en": "The title row “{header}” names the unit: amounts are read as {unit}.",
    },
    "upload.unit.suggested": {
        "zh": "余额列“{header}”的数值偏小（中位数 {median}，最大 {maximum}），可能以{unit}为单位。这只是按数值大小给出的建议，请核对后再决定。",
        "en": "The amounts in “{header}” are small (median {median}, largest {maximum}): they may be in {unit}. This is only a suggestion from their size; check before choosing.",
    },
    "upload.unit.apply": {"zh": "金额单位设为{unit}", "en": "Read amounts as {unit}"},
    "upload.unit.conflict": {
        "zh": "这些金额列的表头写明了与所选单位（{unit}）不同的单位：{columns}。请确认各列的单位。",
        "en": "These amount columns name a different unit in their header than the one chosen ({unit}): {columns}. Check each column's unit.",
    },
    "upload.opt.snapshot_from_title": {"zh": "月份取自文件的标题行：{month}", "en": "Month taken from the file's title rows: {month}"},
    "upload.opt.snapshot_from_file_name": {"zh": "月份取自文件名：{month}", "en": "Month taken from the file name: {month}"},
    "upload.unit.own": {"zh": "这些列按各自表头写明的单位读取（其余金额列按所选单位）",
                        "en": "Read these columns in the unit their header names (the other amounts in the unit chosen)"},
    # ---- extra segments suggested from the values -----------------------------------------------------
    "upload.seg.add": {"zh": "加入建议的维度：{columns}", "en": "Keep the suggested segments: {columns}"},
    "upload.seg.help": {
        "zh": "这些列只有少数几种取值（如等级、用途），适合在各页按其分组和筛选。",
        "en": "These columns hold a few repeated labels (such as grade or purpose): good for grouping and filtering on every page.",
    },
    # ---- saved and remembered mappings --------------------------------------------------------------
    "upload.saved.applied": {"zh": "已按保存的字段对应设置：", "en": "Applied from the saved mapping:"},
    "upload.saved.remembered": {
        "zh": "本文件的表头与本次会话中已对应过的文件相同，已沿用当时的字段对应和选项：",
        "en": "This file has the same headers as one mapped earlier in this session; its mapping and options were applied:",
    },
    "upload.saved.item.columns": {"zh": "字段对应 {n} 项", "en": "{n} column mappings"},
    "upload.saved.item.unit": {"zh": "金额单位 {unit}", "en": "amounts in {unit}"},
    "upload.saved.item.reference": {"zh": "相对月份基准月 {month}", "en": "reference month {month}"},
    "upload.saved.item.snapshot": {"zh": "快照月份 {month}", "en": "snapshot month {month}"},
    "upload.saved.item.balance_unit": {"zh": "无余额时每户按 1 计", "en": "no balance: each account counts as 1"},
    "upload.saved.item.negative": {"zh": "负余额：{choice}", "en": "negative balances: {choice}"},
    "upload.saved.item.extra": {"zh": "其他维度 {columns}", "en": "extra segments {columns}"},
    "upload.saved.item.date_order": {"zh": "日期顺序：{choice}", "en": "date order: {choice}"},
    "upload.saved.item.decimal": {"zh": "小数点：{choice}", "en": "decimal mark: {choice}"},
    "upload.saved.item.wide": {"zh": "按月分列的列 {n} 个", "en": "{n} one-column-per-month columns"},
    "upload.saved.item.codes": {"zh": "状态代码表 {n} 项", "en": "status-code table with {n} codes"},
    "upload.saved.missing": {
        "zh": "保存的字段对应与本文件不完全一致，本文件缺少这些列：{headers}。对应的字段已留空，请在下方选择。",
        "en": "The saved mapping does not fully fit this file; these columns are missing from it: {headers}. Their fields were left empty: choose them below.",
    },
}
