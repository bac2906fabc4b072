"""Messages about the datasets a deployment configures (analysis.core.catalog)."""

MESSAGES = {
    "catalog.no_folder": {
        "zh": "配置的数据集文件夹不存在或不是文件夹：{path}。请检查 DW_DATASETS_DIR。",
        "en": "The configured datasets folder does not exist or is not a folder: {path}. Check DW_DATASETS_DIR.",
    },
    "catalog.no_file": {
        "zh": "配置的 DuckDB 数据库文件不存在：{path}。请检查 DW_DUCKDB_FILE。",
        "en": "The configured DuckDB database file does not exist: {path}. Check DW_DUCKDB_FILE.",
    },
    "catalog.bad_database": {
        "zh": "无法以只读方式打开 DuckDB 数据库 {path}（{detail}）：它可能不是 DuckDB 文件，或正被其他程序写入。",
        "en": "Cannot open the DuckDB database {path} read-only ({detail}): it may not be a DuckDB file, or another program is writing to it.",
    },
    "catalog.unreadable": {
        "zh": "无法读取配置的数据集位置（{detail}）：请检查路径和读取权限。",
        "en": "Cannot read the configured dataset location ({detail}): check the path and the read permissions.",
    },
    "catalog.not_found": {
        "zh": "没有名为“{name}”的已配置数据集（可能已被移走）。",
        "en": "There is no configured dataset named “{name}” (it may have been moved).",
    },
    "catalog.missing_columns": {
        "zh": "数据集“{name}”缺少必需的列：{missing}。数据集需要标准列名 {required}（`python -m analysis convert` 会这样写出）。",
        "en": "The dataset “{name}” lacks required column(s): {missing}. A dataset needs the canonical columns {required} (as `python -m analysis convert` writes them).",
    },
    "catalog.not_numeric": {
        "zh": "数据集“{name}”的 {column} 列不是数字（类型为 {type}）：逾期天数和余额必须是数值列。",
        "en": "The column {column} of the dataset “{name}” is not a number (its type is {type}): days past due and balance must be numeric columns.",
    },
    "catalog.bad_partition": {
        "zh": "数据集“{name}”中的分区文件夹“{folder}”不是月份：月份分区应写作 month=2024-01（年-月）。请改名或移走该文件夹。",
        "en": "The partition folder “{folder}” of the dataset “{name}” does not name a month: month partitions are written month=2024-01 (year-month). Rename or move that folder.",
    },
    "catalog.partition_mismatch": {
        "zh": "数据集“{name}”中，分区“{folder}”里的文件 {file} 含有 {months} 的数据：数据日期与所在月份分区不一致，直接汇总会把这些行算错月份。请把文件放到正确的月份分区，或用 `python -m analysis convert` 重新生成数据集。",
        "en": "In the dataset “{name}”, the file {file} in the partition “{folder}” holds rows of {months}: its dates disagree with its month partition, and summing them would count those rows in the wrong month. Move the file to its month's partition, or rebuild the dataset with `python -m analysis convert`.",
    },
    "catalog.not_a_book": {
        "zh": "数据集“{name}”不是可分析的组合：需要标准列名 account_id、month、days_past_due、balance。",
        "en": "The dataset “{name}” is not a portfolio the workbench can read: it needs the canonical columns account_id, month, days_past_due, balance.",
    },
    "catalog.bad_parquet": {
        "zh": "数据集“{name}”中有无法读取的 Parquet 文件（{detail}）：文件可能已损坏或仍在写入。",
        "en": "The dataset “{name}” holds Parquet files that cannot be read ({detail}): a file may be damaged or still being written.",
    },
    "catalog.bad_temp_dir": {
        "zh": "DW_TEMP_DIR 指定的临时文件夹“{path}”无法创建或写入：超过内存上限的数据集在需要借用磁盘时会计算失败。请改为可写的文件夹。",
        "en": "DW_TEMP_DIR names the folder “{path}”, which cannot be created or written: a dataset larger than the memory limit will fail when it needs to spill to disk. Point it at a writable folder.",
    },
    "catalog.bad_memory_limit": {
        "zh": "DW_MEMORY_LIMIT 的值“{value}”不是内存大小（例如 2GB、512MB）。",
        "en": "DW_MEMORY_LIMIT is “{value}”, which is not a memory size (such as 2GB or 512MB).",
    },
    "catalog.spark_missing": {
        "zh": "此部署未安装 Spark 连接组件（pyspark-client），暂时无法使用 Spark 表。请联系部署人员，或改用 Parquet 数据集。",
        "en": "This deployment does not have the Spark Connect client (pyspark-client) installed, so Spark tables cannot be used yet. Ask whoever deploys the app, or use a Parquet dataset.",
    },
    "catalog.spark_failed": {
        "zh": "Spark（{url}）无法打开“{name}”：{detail}。集群可能未启动，或表不存在、缺少必需的列。",
        "en": "Spark ({url}) could not open “{name}”: {detail}. The cluster may not be running, or the table is missing or lacks required columns.",
    },
    "catalog.spark_unreachable": {
        "zh": "暂时连不上 Spark 集群 {url}（{detail}）：集群可能未启动，或表不存在。请稍后再试或联系部署人员。",
        "en": "Cannot reach the Spark cluster at {url} right now ({detail}): it may not be running, or the table is not there. Try again later or ask whoever deploys the app.",
    },
}
