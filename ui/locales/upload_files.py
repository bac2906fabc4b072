"""Text of the upload page's several-files step: the per-file table and its months."""

MESSAGES = {
    "upload.files.label": {"zh": "选择文件（可多选：每月一个文件时一次全部选上）",
                           "en": "Choose files (several at once: one file per month, all together)"},
    "upload.files.help": {
        "zh": "每个文件最大约 1 GB。多个文件须为同一模板导出（表头相同），可混合 CSV 与 Excel；每个文件的月份取自日期列、标题行（如“2024年1月”）或文件名（如“逾期明细 2024-01.xlsx”）。",
        "en": "Up to about 1 GB each. Several files must be exports of the same layout (same headers); CSV and Excel may be mixed. Each file's month comes from its date column, a title row (such as “2024年1月”) or its name (such as “loans 2024-01.xlsx”).",
    },
    "upload.files.reading": {"zh": "正在读取 {n} 个文件…", "en": "Reading {n} files…"},
    "upload.files.reading_one": {"zh": "正在读取第 {i}/{n} 个文件：{name}", "en": "Reading file {i} of {n}: {name}"},
    "upload.files.read_done": {"zh": "已读取 {n} 个文件，共 {rows:,} 行", "en": "Read {n} files, {rows:,} rows in all"},
    "upload.files.failed": {"zh": "读取文件时出错", "en": "A file could not be read"},
    "upload.files.intro": {
        "zh": "共 {n} 个文件、{rows:,} 行，将按月份先后合并为一张表，并使用同一套字段对应。请核对每个文件的月份：取自标题行或文件名的月份是推断的，可直接修改。",
        "en": "{n} files, {rows:,} rows, combined in month order into one table with one mapping. Check each file's month: a month taken from a title row or a file name is a guess and can be changed here.",
    },
    "upload.files.col.file": {"zh": "文件", "en": "File"},
    "upload.files.col.rows": {"zh": "行数", "en": "Rows"},
    "upload.files.col.month": {"zh": "月份", "en": "Month"},
    "upload.files.col.month_help": {
        "zh": "写成 2024-01 这样的年-月；改动后按新月份重新排序，无需重新上传。月份取自日期列的文件一般无需修改：若修改，该文件所有行都按此处的月份处理。",
        "en": "Year-month such as 2024-01; a change re-orders the files without uploading them again. A month from the date column rarely needs a change: if changed, every row of that file takes the month typed here.",
    },
    "upload.files.col.source": {"zh": "月份来源", "en": "Month from"},
    "upload.files.col.note": {"zh": "提示", "en": "Note"},
    "upload.files.source.date_column": {"zh": "日期列", "en": "date column"},
    "upload.files.source.title": {"zh": "标题行（推断）", "en": "title row (a guess)"},
    "upload.files.source.file_name": {"zh": "文件名（推断）", "en": "file name (a guess)"},
    "upload.files.source.user": {"zh": "手动填写", "en": "typed here"},
    "upload.files.source.none": {"zh": "未找到，请填写", "en": "not found: type it"},
    "upload.files.months_list": {"zh": "日期列含 {first} 至 {last} 共 {n} 个月", "en": "date column holds {n} months, {first} to {last}"},
    "upload.files.conflict": {"zh": "名称/标题为 {named}，与日期列不符", "en": "named {named}, the date column disagrees"},
    "upload.files.missing": {"zh": "缺少列：{headers}", "en": "lacks: {headers}"},
    "upload.files.extra": {"zh": "多出列：{headers}", "en": "extra: {headers}"},
    "upload.files.same_month": {
        "zh": "有几个文件是同一个月（{month}：{files}）。同一账户在两个文件中出现时保留靠前文件的行，其余记为重复并在校验报告中列出。",
        "en": "Several files are the same month ({month}: {files}). An account in two of them keeps the earlier file's row; the others are reported as duplicates.",
    },
}
