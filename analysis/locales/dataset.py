"""What converting a file to a Parquet dataset, and reading one, tells the user."""

MESSAGES = {
    "dataset.error.exists": {
        "zh": "输出文件夹 {path} 已存在且不为空。请换一个文件夹，或加 --overwrite 覆盖。",
        "en": "The output folder {path} already exists and is not empty. Choose another folder, or add --overwrite to replace it.",
    },
    "dataset.note.book_duplicates": {
        "zh": "所读月份中有重复的账户-月份（{n:,} 份重复记录）：每个只计第一份（按 source_row），其余未计入。",
        "en": "Duplicate account-months in the months read (extra copies: {n:,}): the first copy of each (by source_row) was counted, the others left out.",
    },
    "dataset.error.cannot_write": {
        "zh": "无法写入输出文件夹 {path}（{detail}）。请确认该位置可写、空间足够，或换一个文件夹。",
        "en": "The output folder {path} cannot be written ({detail}). Check that the place is writable and has room, or choose another folder.",
    },
    "dataset.error.same_path": {
        "zh": "输出文件夹不能是输入文件本身或其所在位置：{path}。",
        "en": "The output folder cannot be the input file itself: {path}.",
    },
    "dataset.error.not_found": {
        "zh": "找不到 {path}。",
        "en": "{path} was not found.",
    },
    "dataset.error.no_parquet": {
        "zh": "文件夹 {path} 中没有 Parquet 文件。请先用 `python -m analysis convert 文件 --out {path}` 生成数据集。",
        "en": "The folder {path} holds no Parquet files. Make one with `python -m analysis convert FILE --out {path}`.",
    },
    "dataset.error.source": {
        "zh": "无法把 {path} 读作账户月度数据：{detail}",
        "en": "{path} cannot be read as a monthly account book: {detail}",
    },
    "dataset.error.unreadable": {
        "zh": "读取 {path} 时出错：{detail}",
        "en": "Reading {path} failed: {detail}",
    },
    "dataset.error.no_rows": {
        "zh": "数据集中没有数据行。",
        "en": "The dataset has no rows.",
    },
    "dataset.error.nothing_accepted": {
        "zh": "{path}：文件中没有一行通过校验，数据集没有数据。每行被拒绝的原因见 {path}/_rejected.csv；修正后重新运行 convert。",
        "en": "{path}: no row of the file passed validation, so the dataset holds no data. Each row's reason is in {path}/_rejected.csv; fix the file and run convert again.",
    },
    "dataset.error.no_month": {
        "zh": "数据集中没有月份 {month}；可用月份：{first} 至 {last}。",
        "en": "Month {month} is not in the dataset; months available: {first} … {last}.",
    },
    "dataset.note.one_month": {
        "zh": "数据集模式：本分析只使用 {month} 一个月的 {rows} 个账户（需要逐户数据的分析不读取整本账簿）。需要历史的信号（连续上升、增长、回溯检验）在此不可用。",
        "en": "Dataset: this analysis ran on the {rows:,} accounts of {month} only (analyses that need one row per account do not read the whole book). Signals that need history (rising, growth, backtest) are unavailable here.",
    },
    "dataset.note.duplicates_dropped": {
        "zh": "{month} 有 {n} 个重复的账户月份：按 source_row 保留第一条。",
        "en": "{month} has {n} duplicate account-months: the first copy (by source_row) was kept.",
    },
    "dataset.note.report_of_dataset": {
        "zh": "这是数据集 {path} 转换时的校验报告。",
        "en": "This is the validation report written when the dataset {path} was converted.",
    },
    "dataset.note.no_report": {
        "zh": "数据集 {path} 没有转换报告（_report.json）：以下是从数据本身汇总的行数、月份与余额，没有被拒行信息。",
        "en": "The dataset {path} has no conversion report (_report.json): rows, months and balance below are summed from the data itself; there is no list of rejected rows.",
    },
    "dataset.note.whole_file": {
        "zh": "该文件无法分块流式转换（{why}），已整体读入后转换。",
        "en": "This file could not be streamed in pieces ({why}); it was read whole, then converted.",
    },
    "dataset.error.report_needs_file": {
        "zh": "会议报告暂时需要一个文件（CSV/Excel/Parquet 文件），还不能直接读取数据集或 Spark 表。请对较小的文件运行 report，或先用 aging、rollrates、forecast 查看数据集。",
        "en": "The meeting report needs a file (CSV/Excel/Parquet) for now; it cannot read a dataset or a Spark table yet. Run report on a file, or use aging, rollrates and forecast on the dataset.",
    },
    "dataset.error.spark_unavailable": {
        "zh": "此版本无法连接 Spark（{detail}）。请安装 pyspark-client，或改用 Parquet 文件夹。",
        "en": "Spark is not available in this installation ({detail}). Install pyspark-client, or point the command at a Parquet folder instead.",
    },
    "dataset.error.spark_needs_source": {
        "zh": "--spark 需要 --table 表名，或一个集群上的 Parquet 路径作为 FILE。",
        "en": "--spark needs --table NAME, or a Parquet path on the cluster as FILE.",
    },
    "dataset.error.table_needs_duckdb": {
        "zh": "--table 需要一个 .duckdb 数据库文件作为 FILE（或配合 --spark 使用）。",
        "en": "--table needs a .duckdb database file as FILE (or --spark).",
    },
    "dataset.error.needs_file": {
        "zh": "请给出文件（或数据集文件夹）。",
        "en": "Give a FILE (or a dataset folder).",
    },
}
