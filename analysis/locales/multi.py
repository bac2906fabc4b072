"""Several monthly files read together (analysis.ingest.multi): errors, notes, rejections."""

MESSAGES = {
    "multi.error.same_name": {
        "zh": "有两个文件都叫“{name}”。校验报告按文件名指出被拒绝的行，请给其中一个改名后再一起上传。",
        "en": "Two files are both called “{name}”. The validation report names rejected rows by file, so rename one of them and upload them again.",
    },
    "multi.error.unknown_file": {
        "zh": "没有名为“{name}”的文件；本次的文件有：{files}。",
        "en": "There is no file called “{name}”; the files are: {files}.",
    },
    "multi.error.bad_month": {
        "zh": "文件“{name}”的月份“{value}”不是月份。请写成 2024-01 这样的年-月。",
        "en": "The month “{value}” given for “{name}” is not a month. Write it as year-month, such as 2024-01.",
    },
    "multi.error.no_month": {
        "zh": "无法判断这些文件各属于哪个月份：{files}。文件中没有日期列，标题行和文件名里也没有月份。请在文件表中填写月份，或在文件名中写上月份（如“逾期明细 2024年1月.xlsx”）。",
        "en": "Cannot tell which month these files hold: {files}. They have no date column, and neither a title row nor the file name names a month. Type the month in the file table, or put the month in the file name (such as “loans 2024-01.xlsx”).",
    },
    "multi.precheck.no_month": {
        "zh": "文件“{name}”未找到月份：没有日期列，标题行和文件名里也没有月份。请在第①步文件表的“月份”列中填写，如 2024-01。",
        "en": "No month was found for “{name}”: it has no date column, and neither its title row nor its name names a month. Type it in the Month column of the file table in step ①, such as 2024-01.",
    },
    "multi.precheck.missing_headers": {
        "zh": "文件“{name}”没有映射中使用的列：{headers}（文件“{first}”有）。请按同一模板重新导出该文件，或在第②步不映射这些列。",
        "en": "“{name}” lacks columns the mapping uses: {headers} (“{first}” has them). Export that file again with the same layout, or leave those columns unmapped in step ②.",
    },
    "multi.precheck.units_differ": {
        "zh": "这些文件标题中写明的金额单位不同：{files}。一次上传的文件按同一单位读取：请分批上传单位相同的文件，或在 Excel 中统一单位后再上传。",
        "en": "The files' titles name different money units: {files}. Files uploaded together are read in one unit: upload files of the same unit together, or make the units the same in Excel first.",
    },
    "multi.error.units_differ": {
        "zh": "这些文件标题中写明的金额单位不同：{files}。几个文件一起读取时按同一单位换算，混在一起会使部分月份差 1 万倍：请分批读取单位相同的文件，或在 Excel 中统一单位。",
        "en": "The files' titles name different money units: {files}. Files read together are converted with one unit, so mixing them would put some months 10,000 times off: read files of the same unit together, or make the units the same in Excel.",
    },
    "multi.hint.file_month": {
        "zh": "命令行中可用 --file-month 文件名=2024-01 给出月份。",
        "en": "On the command line, give it with --file-month NAME=2024-01.",
    },
    "multi.error.missing_headers": {
        "zh": "文件“{name}”没有映射中使用的列：{headers}（文件“{first}”有）。所有文件须使用同一套表头：请从系统按同一模板重新导出该文件，或不映射这些列。",
        "en": "“{name}” lacks columns the mapping uses: {headers} (“{first}” has them). All files need the same headers: export that file again with the same layout, or leave those columns unmapped.",
    },
    "multi.error.cli_book": {
        "zh": "几个文件一起读取时，每个都须是数据文件（CSV、Excel、Parquet）；数据集文件夹、.duckdb 文件、--table 和 --spark 一次只能用一个。",
        "en": "When several files are read together each must be a data file (CSV, Excel, Parquet); a dataset folder, a .duckdb file, --table and --spark take one source at a time.",
    },
    "multi.error.cli_snapshot": {
        "zh": "--snapshot-month 只适用于单个文件；几个文件时每个文件的月份来自日期列、标题行或文件名，也可用 --file-month 文件名=2024-01 指定。",
        "en": "--snapshot-month is for a single file; with several files each file's month comes from its date column, title row or name, or from --file-month NAME=2024-01.",
    },
    "multi.error.one_file_command": {
        "zh": "该命令一次只读取一个文件，收到了 {n} 个：{files}。",
        "en": "This command reads one file at a time; it was given {n}: {files}.",
    },
    "multi.note.files": {
        "zh": "共读取 {n} 个文件（{first} … {last}），按月份先后合并为一张表；同一账户同一月份出现在两个文件中时保留靠前文件中的行",
        "en": "{n} files read ({first} … {last}) and combined in month order into one table; an account-month in two files keeps the earlier file's row",
    },
    "multi.note.month_conflict": {
        "zh": "文件“{name}”的标题或文件名显示为 {named}，但其日期列“{column}”中的月份是 {months}；已按日期列处理，请确认文件无误",
        "en": "“{name}” is named or titled {named} but its date column “{column}” holds {months}; the date column was used, check that the file is the right one",
    },
    "multi.note.headers_differ": {
        "zh": "文件“{name}”的表头与第一个文件“{first}”不同：缺少 {missing}；多出 {extra}（缺少的列在该文件中为空）",
        "en": "“{name}” has different headers from the first file “{first}”: missing {missing}; extra {extra} (a missing column is empty in that file)",
    },
    # the short label the rejections summary groups by (analysis.ingest.rejections.reason_label)
    "rejections.reason.duplicate_across_files": {
        "zh": "跨文件重复（同一账户同一月份在靠前的文件中已有）",
        "en": "duplicate account-month across files (an earlier file has it)",
    },
    "multi.reject.duplicate_across_files": {
        "zh": "同一账户同一月份重复，已保留文件“{first_file}”第 {first_row} 行",
        "en": "duplicate account-month; row {first_row} of “{first_file}” was kept",
    },
}
