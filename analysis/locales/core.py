"""Messages of the data core (analysis.core): a source that cannot be read as a monthly book."""

MESSAGES = {
    "core.missing_columns": {
        "zh": "缺少必需的列：{missing}。需要标准列名 {required}（`python -m analysis convert` 会这样写出）。",
        "en": "the source lacks column(s) {missing}; it needs {required} (canonical names, as `convert` writes them)",
    },
    "core.out_of_memory": {
        "zh": "这一步的计算需要的内存超过了上限 {limit}。内存中的数据（上传的文件、读入的文件）从不写入磁盘，所以无法临时借用磁盘。"
              "请缩小月份范围或分组筛选后再试，或调高 DW_MEMORY_LIMIT（由部署人员设置）。更大的账本请先用 "
              "`python -m analysis convert` 转成数据集，再从数据集打开。",
        "en": "This step needs more memory than the limit of {limit}. Data held in memory (an upload, a file) is never "
              "written to disk, so it cannot borrow disk space. Narrow the months or segments and try again, or raise "
              "DW_MEMORY_LIMIT (whoever deploys the app). For a larger book, convert it into a dataset first with "
              "`python -m analysis convert` and open the dataset.",
    },
    "core.out_of_memory_spilling": {
        "zh": "这一步的计算即使借用磁盘临时空间，需要的内存仍超过了上限 {limit}：对这份数据来说上限太小。"
              "请缩小月份范围或分组筛选后再试，或请部署人员调高 DW_MEMORY_LIMIT（命令行用 --memory-limit）。",
        "en": "This step needs more memory than the limit of {limit}, even spilling to disk: the limit is too small "
              "for this book. Narrow the months or segments and try again, or have whoever deploys the app raise "
              "DW_MEMORY_LIMIT (--memory-limit on the command line).",
    },
    "core.audit_unwritable": {
        "zh": "审计日志（{path}）无法写入，查看完整个人信息的操作无法记录，因此数据仍按脱敏显示。请联系管理员检查 DW_AUDIT_LOG 的路径和写入权限。",
        "en": "The audit trail ({path}) cannot be written, so viewing personal data in full cannot be recorded and the data stays masked. Ask the administrator to check DW_AUDIT_LOG's path and write permission.",
    },
    "core.unknown_segments": {
        "zh": "没有这些分组列：{unknown}；这份数据的分组列是 {known}。",
        "en": "unknown segment column(s) {unknown}; the book has {known}",
    },
    "core.duplicates_without_order": {
        "zh": "有 {extra} 个账户月份出现不止一次，而数据没有 source_row 列，无法判断哪一条在前。"
              "请用 `python -m analysis convert` 转换原始文件（保留第一条，其余列入拒收行），或在数据中加入 source_row。",
        "en": "{extra} account-months appear more than once and the source has no source_row column to tell "
              "which copy came first; convert the original file with `python -m analysis convert` (the first "
              "copy is kept, the others are listed as rejected) or add source_row",
    },
    "core.not_a_month": {
        "zh": "不是月份：{month}（应为 YYYY-MM）",
        "en": "not a month: {month} (it looks like YYYY-MM)",
    },
    "core.row_order_unknown": {
        "zh": "只有从内存中的上传数据建立的账簿才知道原文件的行序；大数据集请按月读取账户行。",
        "en": "row order is known only for a book built from a frame in memory; read a large book's accounts one month at a time",
    },
    "core.spark.not_a_table_name": {
        "zh": "不是规范的表名：{name}（只能有字母、数字和下划线，形如 表 或 库.表；Parquet 路径需含 /）",
        "en": "not a plain table name: {name} (letters, digits and _, as table or db.table; a Parquet path has a /)",
    },
    "core.spark.not_a_url": {
        "zh": "不是 Spark Connect 地址：{url}（形如 sc://主机:15002）",
        "en": "not a Spark Connect URL: {url} (it looks like sc://host:15002)",
    },
    "core.spark.bad_url": {
        "zh": "无法使用 Spark Connect 地址 {url}：{detail}",
        "en": "cannot use the Spark Connect URL {url}: {detail}",
    },
    "core.spark.no_answer": {
        "zh": "{url} 上的 Spark Connect 服务没有响应：{detail}。请确认服务已启动、地址和端口正确、网络可达。",
        "en": "the Spark Connect server at {url} does not answer: {detail}. Check that it runs, the host and port, and the network.",
    },
    "core.spark.no_table": {
        "zh": "Spark 集群上没有可读的表 {table}：{detail}",
        "en": "the Spark cluster has no readable table {table}: {detail}",
    },
    "core.spark.no_parquet": {
        "zh": "Spark 集群无法读取 {path} 处的 Parquet：{detail}",
        "en": "the Spark cluster cannot read Parquet at {path}: {detail}",
    },
}
