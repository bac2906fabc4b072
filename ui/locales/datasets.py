"""Text of the configured-datasets section of the upload page."""

MESSAGES = {
    "datasets.title": {"zh": "或使用已配置的数据集", "en": "Or use a configured dataset"},
    "datasets.intro": {
        "zh": "大型组合不必通过浏览器上传：部署人员配置的数据集（Parquet 文件夹、DuckDB 数据库或 Spark 表）在服务器上直接分析，不占用本次会话的内存。",
        "en": "Large books need no browser upload: the datasets configured by whoever deploys the app (Parquet folders, a DuckDB database, Spark tables) are analysed where they are, without loading them into this session.",
    },
    "datasets.pick": {"zh": "数据集", "en": "Dataset"},
    "datasets.use": {"zh": "使用此数据集", "en": "Use this dataset"},
    "datasets.in_use": {"zh": "✓ 当前正在使用该数据集。", "en": "✓ This dataset is in use."},
    "datasets.none": {"zh": "配置的位置中还没有数据集。", "en": "There are no datasets in the configured locations yet."},
    "datasets.kind.parquet": {"zh": "Parquet 数据集", "en": "Parquet dataset"},
    "datasets.kind.duckdb": {"zh": "DuckDB 表", "en": "DuckDB table"},
    "datasets.kind.spark": {"zh": "Spark 表", "en": "Spark table"},
    "datasets.months": {"zh": "{n} 个月（{first} 至 {last}）", "en": "{n} months ({first} to {last})"},
    "datasets.rows": {"zh": "约 {rows:,} 行", "en": "about {rows:,} rows"},
    "datasets.opening": {"zh": "正在打开“{name}”…", "en": "Opening “{name}”…"},
    "datasets.computing": {"zh": "正在计算“{name}”的月度汇总（大型数据集需要几秒钟）…", "en": "Computing the monthly figures of “{name}” (a few seconds on a large book)…"},
    "datasets.ready": {"zh": "“{name}”已就绪", "en": "“{name}” is ready"},
    "datasets.failed": {"zh": "无法使用该数据集", "en": "This dataset cannot be used"},
    "datasets.opened": {
        "zh": "正在使用数据集“{name}”：{n} 个月（{first} 至 {last}），所有页面已切换到这份数据。",
        "en": "Using the dataset “{name}”: {n} months ({first} to {last}); every page now uses this data.",
    },
    "datasets.opened_empty": {"zh": "正在使用数据集“{name}”，但其中没有任何月份的数据。", "en": "Using the dataset “{name}”, but it holds no month of data."},
    "datasets.not_computed": {
        "zh": "数据集“{name}”无法计算：{error} 已改回示例组合。",
        "en": "“{name}” could not be computed: {error} The sample portfolio is back in use.",
    },
    "datasets.not_readable": {
        "zh": "数据集“{name}”的数据无法计算（{error}），可能有不是数字的逾期天数或余额。已改回示例组合。",
        "en": "The data of “{name}” could not be computed ({error}): days past due or balances may not be numbers. The sample portfolio is back in use.",
    },
    "datasets.sidebar_rows": {"zh": "{rows:,} 行 · {first} 至 {last}", "en": "{rows:,} rows · {first} to {last}"},
}
