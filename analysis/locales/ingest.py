"""What the ingest layer tells the user: errors (what is wrong, what to do), row rejections, notes."""
from analysis.locales.recognise import FILE_UNIT_NAMES

MESSAGES = {
    # ---- errors: the file cannot become a portfolio ----------------------------------------
    "ingest.error.empty_file": {
        "zh": "文件“{name}”是空的（没有任何内容）。请重新从系统导出，确认文件里有表头和数据后再上传。",
        "en": "The file “{name}” is empty. Export it again from your system and check it has a header and data before uploading.",
    },
    "ingest.error.unknown_format": {
        "zh": "无法识别文件“{name}”的格式。支持：CSV/TSV 文本（UTF-8、GBK、GB18030）、Excel（.xlsx/.xls）、Parquet。请在 Excel 中“另存为” .xlsx 或 CSV（UTF-8）后再上传。",
        "en": "The format of “{name}” is not recognised. Supported: CSV/TSV text (UTF-8, GBK, GB18030), Excel (.xlsx/.xls) and Parquet. Save it from Excel as .xlsx or CSV (UTF-8) and upload again.",
    },
    "ingest.error.format_pdf": {
        "zh": "文件“{name}”是 PDF 文档，不是数据表格，无法读取其中的数字。请从业务系统导出 Excel（.xlsx）或 CSV 明细后上传；如果手上只有 PDF，请先用 Excel 或 WPS 把表格转换为 .xlsx。",
        "en": "“{name}” is a PDF document, not a data table: its numbers cannot be read. Export the detail from your system as Excel (.xlsx) or CSV and upload that; if you only have the PDF, convert its table to .xlsx in Excel or WPS first.",
    },
    "ingest.error.format_image": {
        "zh": "文件“{name}”是一张图片（{kind}），不是数据表格。截图或扫描件里的数字无法读取，请从业务系统导出 Excel（.xlsx）或 CSV 明细后上传。",
        "en": "“{name}” is an image ({kind}), not a data table. Numbers in a screenshot or scan cannot be read: export the detail from your system as Excel (.xlsx) or CSV and upload that.",
    },
    "ingest.error.format_archive": {
        "zh": "文件“{name}”是压缩包（{kind}），不是数据表格。请先解压，再上传其中的 CSV 或 Excel（.xlsx/.xls）文件。",
        "en": "“{name}” is a compressed archive ({kind}), not a data table. Unpack it first and upload the CSV or Excel (.xlsx/.xls) file inside.",
    },
    "ingest.error.format_document": {
        "zh": "文件“{name}”是文档（{kind}），不是数据表格。请把其中的表格复制到 Excel，“另存为” .xlsx 后上传，或从业务系统直接导出 Excel/CSV 明细。",
        "en": "“{name}” is a document ({kind}), not a data table. Copy its table into Excel and save it as .xlsx, or export the detail from your system as Excel or CSV.",
    },
    "ingest.error.format_ods": {
        "zh": "文件“{name}”是 {kind} 电子表格，暂不支持。请在 WPS、LibreOffice 或 Excel 中打开并“另存为” .xlsx 后上传。",
        "en": "“{name}” is an {kind} spreadsheet, which is not supported. Open it in WPS, LibreOffice or Excel, save it as .xlsx and upload that.",
    },
    "ingest.error.format_json": {
        "zh": "文件“{name}”是 JSON 数据，不是表格文件。请从业务系统导出 CSV 或 Excel（.xlsx）明细后上传，或先把 JSON 转换为表格。",
        "en": "“{name}” holds JSON data, not a table. Export the detail from your system as CSV or Excel (.xlsx), or convert the JSON to a table first.",
    },
    "ingest.error.format_binary": {
        "zh": "文件“{name}”是程序文件（{kind}），不是数据表格。请上传 CSV、Excel（.xlsx/.xls）或 Parquet 格式的明细表。",
        "en": "“{name}” is a program file ({kind}), not a data table. Upload the detail as CSV, Excel (.xlsx/.xls) or Parquet.",
    },
    "ingest.error.encoding": {
        "zh": "文件“{name}”既不是 UTF-8 也不是 GBK/GB18030 编码，无法可靠读取中文。请在 Excel 中“另存为 → CSV UTF-8（逗号分隔）”，或直接上传 .xlsx。",
        "en": "“{name}” is neither UTF-8 nor GBK/GB18030 text, so it cannot be read reliably. In Excel use “Save as → CSV UTF-8 (comma delimited)”, or upload the .xlsx directly.",
    },
    "ingest.error.workbook_sparse": {
        "zh": "工作表“{sheet}”（文件“{name}”）的数据区域从第 1 行一直延伸到单元格 {cell}（{rows:,} 行 × {cols:,} 列），但其中只有 {cells:,} 个单元格有内容，通常是远处误留了一个单元格。读取它会占用大量内存，因此未读取。请在 Excel 中按 Ctrl+End 找到 {cell}，删除多余的行和列后保存，再上传。",
        "en": "Sheet “{sheet}” of “{name}” spans up to cell {cell} ({rows:,} rows × {cols:,} columns) but only {cells:,} cells hold anything, usually a stray cell far away. Reading it would take a great deal of memory, so it was not read. In Excel press Ctrl+End to find {cell}, delete the extra rows and columns, save, and upload again.",
    },
    "ingest.error.workbook_range_too_large": {
        "zh": "工作表“{sheet}”（文件“{name}”）的范围为 {rows:,} 行 × {cols:,} 列，共 {cells:,} 个单元格，超过本服务器一次可读取的 {limit:,} 个单元格。请删除不需要的列，或另存为 CSV（UTF-8）后上传；更大的账簿请由管理员配置为数据集（见说明“大型账簿”）。",
        "en": "Sheet “{sheet}” of “{name}” spans {rows:,} rows × {cols:,} columns, {cells:,} cells, more than the {limit:,} cells this server reads at once. Delete the columns you do not need, or save it as CSV (UTF-8) and upload that; larger books are set up as a dataset by your administrator (README, “Large books”).",
    },
    "ingest.error.workbook_unpacked_too_large": {
        "zh": "文件“{name}”解压后有 {size_mb:,} MB，超过本服务器的上限 {limit_mb:,} MB，因此未读取。请另存为 CSV（UTF-8）后上传，或请管理员将其配置为数据集。",
        "en": "“{name}” unpacks to {size_mb:,} MB, more than this server’s limit of {limit_mb:,} MB, so it was not read. Save it as CSV (UTF-8) and upload that, or ask your administrator to set it up as a dataset.",
    },
    "ingest.error.workbook_bomb": {
        "zh": "文件“{name}”中的“{part}”压缩后只有 {packed_kb:,} KB，解压后却有 {size_mb:,} MB，这不是正常的 Excel 文件（疑似“压缩炸弹”），因此未读取。请从原系统重新导出。",
        "en": "Part “{part}” of “{name}” is {packed_kb:,} KB packed but {size_mb:,} MB unpacked, which no ordinary Excel file does (it looks like a zip bomb), so it was not read. Export the file again from its source system.",
    },
    "ingest.error.workbook_doctype": {
        "zh": "文件“{name}”中的“{part}”含有文档类型声明（DOCTYPE），Excel 从不写入这种内容，可能是恶意文件，因此未读取。请在 Excel 中打开并另存为 .xlsx 后再上传。",
        "en": "Part “{part}” of “{name}” holds a document type declaration (DOCTYPE), which Excel never writes and hostile files use, so it was not read. Open it in Excel, save it as .xlsx and upload again.",
    },
    "ingest.error.upload_too_large": {
        "zh": "文件“{name}”有 {size_mb:,} MB，超过上传上限 {limit_mb:,} MB（1 MB 按 1,000,000 字节计），因此未读取。请按月份拆分为多个文件后一起上传，或另存为 CSV（UTF-8）；更大的账簿请由管理员配置为数据集。",
        "en": "“{name}” is {size_mb:,} MB, more than the upload limit of {limit_mb:,} MB (1 MB counted as 1,000,000 bytes), so it was not read. Split it into one file per month and upload them together, or save it as CSV (UTF-8); larger books are set up as a dataset by your administrator.",
    },
    "ingest.error.long_rows": {
        "zh": "文件“{name}”中有 {rows:,} 行每行超过 {row_kb} KB，合计约 {size_mb:,} MB 文字，超过本服务器对长行合计 {limit_mb} MB 的上限；正常的贷款明细每行只有几百字节（这样的文件可能已损坏或是恶意文件），读取它会占用数 GB 内存，因此未读取。请删去这些长文本后重新导出再上传。",
        "en": "“{name}” holds {rows:,} rows longer than {row_kb} KB each, about {size_mb:,} MB of text together, more than this server’s {limit_mb} MB for long rows; a loan-level row is a few hundred bytes (the file may be damaged or hostile), and reading it would take gigabytes of memory, so it was not read. Delete those long texts, export again and upload that.",
    },
    "ingest.error.parquet_row_too_long": {
        "zh": "文件“{name}”第 {row:,} 行的内容展开后有 {size:,} 字节，超过本服务器单行上限 {limit:,} 字节，不像正常的表格行，因此未读取。请从原系统重新导出；如确需读取这样的长行，请管理员调高 DW_MAX_CSV_LINE_BYTES。",
        "en": "Row {row:,} of “{name}” holds {size:,} bytes of text once decoded, more than this server’s limit of {limit:,} bytes for one row; no table row is that long, so it was not read. Export it again from its source system; if such rows are genuine, your administrator can raise DW_MAX_CSV_LINE_BYTES.",
    },
    "ingest.error.csv_line_too_long": {
        "zh": "文件“{name}”第 {line:,} 行有 {size:,} 字节，超过本服务器单行上限 {limit:,} 字节，不像正常的表格行（可能缺少换行符，或不是表格文件），因此未读取。请从原系统重新导出为 CSV 或 .xlsx；如确需读取这样的长行，请管理员调高 DW_MAX_CSV_LINE_BYTES。",
        "en": "Line {line:,} of “{name}” is {size:,} bytes, more than this server’s limit of {limit:,} bytes for one line; no table row is that long (line breaks may be missing, or it is not a table), so it was not read. Export it again as CSV or .xlsx from its source system; if such lines are genuine, your administrator can raise DW_MAX_CSV_LINE_BYTES.",
    },
    "ingest.error.csv_record_too_long": {
        "zh": "文件“{name}”中有一条记录超过 {limit:,} 字节，通常是某个引号（\"）没有闭合，使后面的许多行被当作同一个单元格，因此未读取。请在 Excel 中打开检查带引号的单元格，或重新导出为 CSV（UTF-8）或 .xlsx 后上传。",
        "en": "A record of “{name}” runs past {limit:,} bytes, usually because a quote (\") is never closed and the lines after it become one cell, so it was not read. Check the quoted cells in Excel, or export it again as CSV (UTF-8) or .xlsx and upload that.",
    },
    "ingest.error.csv_unclosed_quote": {
        "zh": "文件“{name}”第 {line:,} 行有一个引号（\"）没有在单元格结尾闭合，其后的 {lines:,} 行整行被读进了同一个单元格，这些行会因此丢失，所以未读取。请在文本编辑器中检查该行的引号（删除多余的引号，或补上闭合的引号），或从原系统重新导出为 CSV（UTF-8）或 .xlsx 后上传。",
        "en": "Line {line:,} of “{name}” opens a quote (\") that is not closed at the end of its cell, so the {lines:,} lines after it were read as that one cell and their rows would be lost; it was not read. Check the quotes on that line in a text editor (delete the stray quote or close it), or export it again as CSV (UTF-8) or .xlsx and upload that.",
    },
    "ingest.error.html_too_large": {
        "zh": "文件“{name}”是网页格式（HTML）的表格，有 {size_mb:,} MB，超过本服务器读取网页表格的上限 {limit_mb:,} MB（解析网页表格约需文件 30 倍的内存），因此未读取。请在 Excel 中打开后“另存为” .xlsx 或 CSV（UTF-8）再上传；如确需读取，请管理员调高 DW_MAX_HTML_BYTES。",
        "en": "“{name}” is a table saved as a web page (HTML), {size_mb:,} MB, more than this server’s limit of {limit_mb:,} MB for such tables (parsing one takes about 30 times the file in memory), so it was not read. Open it in Excel and save it as .xlsx or CSV (UTF-8), then upload that; if it must be read as it is, your administrator can raise DW_MAX_HTML_BYTES.",
    },
    "ingest.error.fixed_width": {
        "zh": "文件“{name}”的各列是用空格对齐的（定长格式，如“{header}”），没有逗号、制表符等分隔符，无法分列读取。请从源系统导出为 CSV，或在 Excel 中用“数据 → 分列 → 固定宽度”拆分后另存为 CSV（UTF-8）上传。",
        "en": "The columns of “{name}” are lined up with spaces (a fixed-width report: “{header}”), with no comma, tab or other delimiter between them, so they cannot be told apart. Export it as CSV from the source system, or split it in Excel (Data → Text to Columns → Fixed width) and save it as CSV (UTF-8).",
    },
    "ingest.error.parquet_expands": {
        "zh": "Parquet 文件“{name}”只有 {size_kb:,} KB，读入后却要展开为约 {size_mb:,} MB（超过文件大小的 {ratio:,} 倍），正常导出的数据不会这样（多为同一内容重复了成千上万次），因此未读取。请从原系统重新导出。",
        "en": "The Parquet file “{name}” is {size_kb:,} KB but would take about {size_mb:,} MB once read, more than {ratio:,} times its size; no ordinary export does that (it is mostly one content repeated thousands of times), so it was not read. Export it again from its source system.",
    },
    "ingest.error.workbook_expands": {
        "zh": "工作簿“{name}”只有 {size_kb:,} KB，读入后的单元格内容却有约 {size_mb:,} MB（超过文件大小的 {ratio:,} 倍），正常的表格不会这样（多为同一段长文字被成千上万个单元格引用），因此未读取。请从原系统重新导出，或删除该长文字后另存为 CSV（UTF-8）上传。",
        "en": "The workbook “{name}” is {size_kb:,} KB but its cells hold about {size_mb:,} MB once read, more than {ratio:,} times its size; no ordinary table does that (it is mostly one long text that thousands of cells point at), so it was not read. Export it again from its source system, or delete that text and save it as CSV (UTF-8).",
    },
    "ingest.note.dpd_and_due_date_differ": {
        "zh": "逾期天数取自“{column}”；按“{due}”到月末计算的天数与它在 {n:,} 行（共 {of:,} 行两者都有）相差超过 1 天。若“{column}”是账龄（自开票或放款日起的天数）而不是逾期天数，请在映射中取消它，逾期天数即按“{due}”计算。",
        "en": "Days past due are taken from “{column}”; the days from “{due}” to the month's end differ from it by more than a day in {n:,} of the {of:,} rows that have both. If “{column}” is an age (days since the invoice or the loan) rather than days past due, unmap it and the days past due are counted from “{due}”.",
    },
    "ingest.note.negative_amount_empty": {
        "zh": "“{column}”有 {n:,} 行为负数（例如：{examples}），该金额不可能小于零，已按空值读取（这些行的其他数据照常使用）。请在源系统中核对。",
        "en": "“{column}” is negative in {n:,} row(s) (e.g. {examples}); it cannot be below zero, so those cells were read as empty (the rest of those rows is used as usual). Check them in the source system.",
    },
    "ingest.note.dates_as_numbers": {
        "zh": "工作簿把以下列设成了日期格式：{columns}。这些列应为数字（逾期天数或金额），已按 Excel 实际保存的数字读取。请在 Excel 中把它们设为“数值”格式，以免下次混淆。",
        "en": "The workbook formats these columns as dates: {columns}. They hold numbers (days past due or amounts), so the numbers Excel stores were read. Set them to Number in Excel to avoid the mix-up next time.",
    },
    "ingest.note.nul_blocks_removed": {
        "zh": "文件从第 {line:,} 行起夹有 {n:,} 个空字节（NUL，多为传输或存储时的填充），已去掉后照常读取。请核对该行附近的数据是否完整。",
        "en": "From line {line:,} on, the file holds {n:,} NUL bytes (padding written in transfer or storage, most likely); they were removed and the rest read as usual. Check that the rows around that line are complete.",
    },
    "ingest.error.html_spans_too_large": {
        "zh": "网页文件“{name}”中的表格只写了 {written:,} 个单元格，但合并单元格（rowspan/colspan）会把它展开到超过 {limit:,} 个单元格，正常的导出不会这样，因此未读取。请从原系统导出为 Excel 或 CSV。",
        "en": "The table in “{name}” writes {written:,} cells, but its merged cells (rowspan/colspan) spread it over more than {limit:,}; no ordinary export does that, so it was not read. Export it from the source system as Excel or CSV.",
    },
    "ingest.note.html_tables_joined": {
        "zh": "网页文件中有 {n} 个表头相同的表格，已按页面顺序上下合并读取（每个表格自己的表头行会被识别为重复表头并单独列出）。",
        "en": "The page holds {n} tables with the same header; they were read one under the other, in page order (each table's own header row is set aside as a repeated header).",
    },
    "ingest.note.html_tables_left_out": {
        "zh": "网页文件中另有 {n} 个表头不同的表格（共 {rows:,} 行）未读取：只读取了最大的表格。如需这些数据，请分别导出。",
        "en": "{n} other table(s) on the page ({rows:,} rows) have a different header and were not read: only the largest table was. Export them separately if you need them.",
    },
    "ingest.error.parquet_rows_per_byte": {
        "zh": "Parquet 文件“{name}”只有 {size_kb:,} KB，却声明有 {rows:,} 行，每 20 行还占不到一个字节：这是同一行重复了成千上万次，不是真实的账簿，因此未读取。请从原系统重新导出。",
        "en": "The Parquet file “{name}” is {size_kb:,} KB yet declares {rows:,} rows, less than a byte for every 20 rows: that is one row repeated thousands of times, not a book, so it was not read. Export it again from its source system.",
    },
    "ingest.note.parquet_nested_skipped": {
        "zh": "以下列的值是嵌套结构（struct、list 或 map），没有哪个字段能使用，因此未读取：{columns}。",
        "en": "These columns hold nested values (struct, list or map), which no field can use, so they were not read: {columns}.",
    },
    "ingest.note.utc_local_midnights": {
        "zh": "“{column}”的时间以 UTC 存储（Spark、Hive 的 TIMESTAMP 即如此），且每个值都是 {zone} 的零点：已按 {zone} 的日期读取，月份与原系统一致。",
        "en": "“{column}” is stored as UTC instants (as Spark and Hive store a TIMESTAMP), each one midnight at {zone}: read as dates at {zone}, so the months are the source system's.",
    },
    "ingest.note.utc_read_in_zone": {
        "zh": "“{column}”的时间以 UTC 存储，已按本服务器配置的时区 {zone} 换算为日期和月份。",
        "en": "“{column}” is stored as UTC instants and was read as dates in {zone}, the time zone this server is configured for.",
    },
    "ingest.note.utc_read_as_utc": {
        "zh": "“{column}”的时间以 UTC 存储，已按 UTC 的日期归入月份。若原系统在其他时区（如北京时间），月初、月末附近的记录可能归入相邻月份：请管理员设置 DW_TIMEZONE（如 Asia/Shanghai），或导出为日期。",
        "en": "“{column}” is stored as UTC instants and was read as dates in UTC. If the source system keeps another time zone, records near a month's start or end may fall in the next or previous month: ask your administrator to set DW_TIMEZONE (e.g. Asia/Shanghai), or export the column as dates.",
    },
    "ingest.error.parquet_too_many_rows": {
        "zh": "Parquet 文件“{name}”声明有 {rows:,} 行，超过本服务器一次可读取的 {limit:,} 行，因此未读取。请按月份拆分后一起上传；更大的账簿请由管理员配置为数据集（见说明“大型账簿”），或调高 DW_MAX_CSV_ROWS。",
        "en": "The Parquet file “{name}” declares {rows:,} rows, more than the {limit:,} this server reads at once, so it was not read. Split it by month and upload the files together; larger books are set up as a dataset by your administrator (README, “Large books”), who can also raise DW_MAX_CSV_ROWS.",
    },
    "ingest.error.too_many_columns": {
        "zh": "文件“{name}”有一行多达 {cols:,} 列，超过本服务器可读取的 {limit:,} 列，因此未读取。明细表通常只有几十列：请删除不需要的列（或远处误填的单元格），并确认分隔符正确；如确需更多列，请管理员调高 DW_MAX_COLUMNS。",
        "en": "A row of “{name}” has {cols:,} columns, more than the {limit:,} this server reads, so it was not read. A loan-level table has tens of columns: delete the ones you do not need (or a stray cell far to the right) and check the delimiter; if the columns are genuine, your administrator can raise DW_MAX_COLUMNS.",
    },
    "ingest.error.csv_too_many_rows": {
        "zh": "文件“{name}”有 {lines:,} 行（含表头和空行），超过本服务器一次可读取的 {limit:,} 行，因此未读取。请删除空行，或按月份拆分为多个文件后一起上传；更大的账簿请由管理员配置为数据集（见说明“大型账簿”），或调高 DW_MAX_CSV_ROWS。",
        "en": "“{name}” has {lines:,} lines (header and empty lines included), more than the {limit:,} this server reads at once, so it was not read. Delete empty lines, or split it into one file per month and upload them together; larger books are set up as a dataset by your administrator (README, “Large books”), who can also raise DW_MAX_CSV_ROWS.",
    },
    "ingest.error.csv_empty_lines": {
        "zh": "文件“{name}”中有约 {n:,} 个空行，且含带引号的内容，无法既跳过空行又保留准确的行号，因此未读取。请在文本编辑器或 Excel 中删除空行后再上传。",
        "en": "“{name}” holds about {n:,} empty lines among quoted values, so the empty lines cannot be skipped while keeping exact line numbers; it was not read. Delete the empty lines in a text editor or Excel and upload again.",
    },
    "ingest.error.workbook_damaged_memory": {
        "zh": "文件“{name}”只有 {size_kb:,} KB，Excel 读取程序读它时却用尽了 {limit_mb:,} MB 内存并被中止：文件已损坏（内部结构循环引用或声明了不可能的大小）。其他用户和本页面不受影响。请在 Excel 中打开（如能打开）并“另存为” .xlsx 或 CSV（UTF-8），或从原系统重新导出。",
        "en": "“{name}” is only {size_kb:,} KB, yet reading it ran the Excel reader out of its {limit_mb:,} MB and it was stopped: the file is damaged (its structure points in circles or declares impossible sizes). Other users and this page are not affected. Open it in Excel if it opens and save it as .xlsx or CSV (UTF-8), or export it again from its source system.",
    },
    "ingest.error.workbook_reader_crashed": {
        "zh": "读取文件“{name}”时，Excel 读取程序{reason}，已被中止；其他用户和本页面不受影响。请在 Excel 中打开并“另存为” .xlsx 或 CSV（UTF-8）后再上传；如果文件确实很大，请删除不需要的列或按月份拆分。",
        "en": "Reading “{name}”, the Excel reader {reason} and was stopped; other users and this page are not affected. Open it in Excel and save it as .xlsx or CSV (UTF-8), then upload again; if the file really is that large, delete the columns you do not need or split it by month.",
    },
    "ingest.error.workbook_reader_crashed.memory": {
        "zh": "超出了内存上限（{limit_mb:,} MB，管理员可通过 DW_WORKBOOK_READER_MEMORY_MB 调整）",
        "en": "ran past its memory limit ({limit_mb:,} MB; your administrator sets it with DW_WORKBOOK_READER_MEMORY_MB)",
    },
    "ingest.error.workbook_reader_crashed.timeout": {
        "zh": "超过了时间上限（{seconds:,} 秒，管理员可通过 DW_WORKBOOK_READER_SECONDS 调整）",
        "en": "ran past its time limit ({seconds:,} seconds; your administrator sets it with DW_WORKBOOK_READER_SECONDS)",
    },
    "ingest.error.workbook_reader_crashed.crash": {
        "zh": "意外退出（{detail}）",
        "en": "stopped unexpectedly ({detail})",
    },
    "ingest.error.workbook_shared_strings": {
        "zh": "文件“{name}”中的“{part}”声明有 {declared:,} 个不同文本，超过该部分实际能容纳或本服务器可读取的 {limit:,} 个；正常的 Excel 文件不会这样（可能已损坏或是恶意文件），读取它会占用大量内存，因此未读取。请在 Excel 中打开并另存为 .xlsx，或另存为 CSV（UTF-8）后上传。",
        "en": "Part “{part}” of “{name}” declares {declared:,} distinct texts, more than it can hold or this server reads ({limit:,}); no ordinary Excel file does that (it may be damaged or hostile), and reading it would take a great deal of memory, so it was not read. Open it in Excel and save it as .xlsx, or save it as CSV (UTF-8), and upload that.",
    },
    "ingest.error.workbook_damaged_repeated_row": {
        "zh": "文件“{name}”的工作表“{sheet}”中第 {detail} 行出现了两次（文件已损坏，或由不规范的程序生成），读取时会合并或丢掉其中的行，因此未读取。请在 Excel 中打开并另存为 .xlsx，或另存为 CSV（UTF-8）后上传。",
        "en": "Row {detail} of sheet “{sheet}” in “{name}” appears twice (the file is damaged, or was written by a non-standard program); reading it would merge or drop rows, so it was not read. Open it in Excel and save it as .xlsx, or save it as CSV (UTF-8), and upload that.",
    },
    "ingest.error.workbook_damaged_string_index": {
        "zh": "文件“{name}”的工作表“{sheet}”中有文本单元格指向不存在的共享文本（“{detail}”不是序号；文件已损坏，或由不规范的程序生成），读取时会显示成别的文字，因此未读取。请在 Excel 中打开并另存为 .xlsx，或另存为 CSV（UTF-8）后上传。",
        "en": "A text cell of sheet “{sheet}” in “{name}” points at no shared text (“{detail}” is no index: the file is damaged, or was written by a non-standard program); it would read as some other text, so the file was not read. Open it in Excel and save it as .xlsx, or save it as CSV (UTF-8), and upload that.",
    },
    "ingest.error.workbook_damaged_sheet_data": {
        "zh": "文件“{name}”的工作表“{sheet}”有 {detail} 个数据区（正常文件只有一个；文件已损坏，或由不规范的程序生成），读取时只会读到第一个，因此未读取。请在 Excel 中打开并另存为 .xlsx，或另存为 CSV（UTF-8）后上传。",
        "en": "Sheet “{sheet}” in “{name}” has {detail} data sections where a workbook has one (the file is damaged, or was written by a non-standard program); a reader takes the first only, so it was not read. Open it in Excel and save it as .xlsx, or save it as CSV (UTF-8), and upload that.",
    },
    "ingest.note.unnamed_last_column": {
        "zh": "每行都比表头多一列：最后一列没有列名（常见于导出时漏写的备注列），已作为“{column}”单独读入，没有并入前一列。",
        "en": "Every row holds one cell more than the header names: the last column has no name (often a remarks column an export left unnamed), so it is read as “{column}” of its own, not joined onto the column before it.",
    },
    "ingest.error.workbook_damaged_odd_attributes": {
        "zh": "文件“{name}”的工作表“{sheet}”中单元格或行的写法不规范（如“{detail}”：属性用了单引号、等号两边有空格或标签过长；Excel 不会这样写），本服务器无法在读取前核对这些行列，读取时可能错位或占用大量内存，因此未读取。请在 Excel 中打开并另存为 .xlsx，或另存为 CSV（UTF-8）后上传。",
        "en": "Cells or rows of sheet “{sheet}” in “{name}” are written in a way no spreadsheet program writes them (e.g. “{detail}”: attributes in single quotes, spaces around “=”, or an overlong tag); this server cannot check those rows and columns before reading, and reading them could misplace rows or take a great deal of memory, so it was not read. Open it in Excel and save it as .xlsx, or save it as CSV (UTF-8), and upload that.",
    },
    "ingest.error.workbook_long_text": {
        "zh": "文件“{name}”中有一段文字连同其格式标记长达 {size:,} 字节，超过本服务器单个单元格上限 {limit:,} 字节；正常表格的单元格不会这么长（可能已损坏或是恶意文件），每个引用它的单元格都会复制一份、占用大量内存，因此未读取。请删去这段文字后另存为 .xlsx 或 CSV（UTF-8）再上传；如确需读取，请管理员调高 DW_MAX_CSV_LINE_BYTES。",
        "en": "“{name}” holds a text of {size:,} bytes with its formatting markup, more than this server’s limit of {limit:,} bytes for one cell; no table cell is that long (the file may be damaged or hostile), and every cell that points at it would take its own copy, a great deal of memory, so it was not read. Delete that text and save as .xlsx or CSV (UTF-8), then upload again; if such texts are genuine, your administrator can raise DW_MAX_CSV_LINE_BYTES.",
    },
    "ingest.error.unreadable_workbook": {
        "zh": "文件“{name}”看起来是 Excel 工作簿，但无法打开（可能已损坏、加密，或只是改了扩展名）。请在 Excel 中打开并“另存为” .xlsx 后再上传。",
        "en": "“{name}” looks like an Excel workbook but cannot be opened (damaged, password-protected, or just renamed). Open it in Excel, save it as .xlsx and upload again.",
    },
    "ingest.error.workbook_number_format": {
        "zh": "工作簿“{name}”的样式中有超过 {chars:,} 个字符的数字格式（Excel 本身最多允许 {limit} 个），读取它会耗时很久，因此未读取。请在 Excel 中打开，把数据复制到新工作簿后另存为 .xlsx 或 CSV（UTF-8），再上传。",
        "en": "The styles of “{name}” hold a number format longer than {chars:,} characters (Excel itself allows {limit}); reading it would take very long, so the workbook was not read. Open it in Excel, copy the data into a new workbook and save it as .xlsx or CSV (UTF-8), then upload again.",
    },
    "ingest.error.workbook_cell_unreadable": {
        "zh": "工作簿“{name}”中有单元格的值超出了 Excel 读取器能表示的范围，无法读取（常见原因：日期格式的单元格里是负数或极大的数字）。请在 Excel 中找到并更正这样的单元格，或“另存为”CSV（UTF-8）后再上传。",
        "en": "A cell of “{name}” holds a value outside what the Excel reader can represent, so the workbook cannot be read (usually a date-formatted cell holding a negative or very large number). Find and correct that cell in Excel, or save the sheet as CSV (UTF-8), then upload again.",
    },
    "ingest.error.unreadable_parquet": {
        "zh": "文件“{name}”是 Parquet 格式，但无法读取（可能已损坏）。请重新导出。",
        "en": "“{name}” is a Parquet file but cannot be read (it may be damaged). Please export it again.",
    },
    "ingest.error.no_such_sheet": {
        "zh": "文件“{name}”中没有名为“{sheet}”的工作表。可选的工作表：{sheets}。",
        "en": "“{name}” has no sheet called “{sheet}”. Available sheets: {sheets}.",
    },
    "ingest.error.no_data_rows": {
        "zh": "文件“{name}”只有表头（第 {header_row} 行），下面没有数据行。请确认导出时包含了数据。",
        "en": "“{name}” has a header (row {header_row}) but no data rows under it. Check that the export included the data.",
    },
    "ingest.error.workbook_only_charts": {
        "zh": "“{name}”中的 {sheets} 是图表，不是数据表格，工作簿里没有可读取的明细。请上传含逐户明细的工作表（图表所用的数据通常在另一个文件或另一张工作表中）。",
        "en": "In “{name}”, {sheets} is a chart, not a table of data, and the workbook has no sheet of rows to read. Upload the sheet with one row per account (a chart's data is usually in another file or on another sheet).",
    },
    "ingest.error.sheet_is_chart": {
        "zh": "“{name}”中的工作表“{sheet}”是图表，不是数据表格。请选择含逐户明细的工作表：{sheets}",
        "en": "Sheet “{sheet}” of “{name}” is a chart, not a table of data. Choose the sheet with one row per account: {sheets}",
    },
    "ingest.error.unknown_header": {
        "zh": "映射中的列“{header}”（用于 {canonical}）在文件中不存在。请在映射步骤重新选择该列。",
        "en": "The column “{header}” mapped to {canonical} is not in the file. Choose the column again in the mapping step.",
    },
    "ingest.error.same_header": {
        "zh": "列“{header}”同时对应了多个字段（{fields}）：一列只能对应一个字段。请在映射步骤为其中一个另选一列（命令行：--map 字段=列名；不要某字段：--map 字段=）。",
        "en": "The column “{header}” is mapped to more than one field ({fields}): a column can stand for one field only. Choose another column for one of them in the mapping step (on the command line: --map FIELD=HEADER, or --map FIELD= to leave a field out).",
    },
    "ingest.error.no_account": {
        "zh": "没有找到账户编号列（如 客户编号、账户号、合同号、借据号、loan_id）。请在映射步骤指定哪一列是账户编号。文件中的列：{columns}",
        "en": "No account id column was found (e.g. 客户编号, account number, contract no, loan_id). Choose which column identifies the account in the mapping step. Columns in the file: {columns}",
    },
    "ingest.error.no_month": {
        "zh": "没有找到统计日期/月份列（如 统计日期、数据日期、月份、as_of）。请指定日期列；如果整个文件是同一个月的快照，请选择该快照月份。文件中的列：{columns}",
        "en": "No snapshot date or month column was found (e.g. 统计日期, month, as_of). Map the date column, or, if the whole file is one month's snapshot, choose that snapshot month. Columns in the file: {columns}",
    },
    "ingest.error.need_reference_month": {
        "zh": "列“{column}”是相对月份（0 = 当月，-1 = 上月……），需要一个参照月份才能换算成日历月。请选择“0”对应的月份（YYYY-MM）。",
        "en": "The column “{column}” holds relative months (0 = this month, -1 = last month, …). Choose the calendar month that 0 stands for (YYYY-MM) so they can become calendar months.",
    },
    "ingest.error.full_width_commas": {
        "zh": "这份文件用全角逗号“，”分隔各列（{columns}），但有的行“，”的个数与表头不同，多半是某个值里也有“，”，因此无法按列读取。请在 Excel 中另存为 CSV（逗号分隔），或把分隔用的“，”换成英文逗号“,”并给含“，”的值加引号。",
        "en": "This file separates its cells with the full-width comma ， ({columns}), but some lines have a different number of them, most likely a ， inside a value, so the columns cannot be told apart. Save it from Excel as CSV (comma delimited), or replace the separating ， with , and quote the values that hold a ，.",
    },
    "ingest.error.no_header_found": {
        "zh": "没有找到表头：文件中的列名（{columns}）没有一个是已知的列名。表头可能在前 {rows} 行之后，上方有说明行或看似空白的行：请删除表头上方的这些行后重新上传；如果只是列名不同，请在映射步骤中为逾期天数、账户、月份和余额指定列。",
        "en": "No header found: not one of the file's column names ({columns}) is a known one. The header may be below the first {rows} rows, under notes or rows that look blank: delete the rows above the header and upload again; if the names are simply unfamiliar, map days past due, account, month and balance in the mapping step.",
    },
    "ingest.error.no_dpd": {
        "zh": "文件里没有可以得出逾期天数的列。逾期分析需要以下之一：逾期天数（DPD）列；应还日期/到期日列（结合统计月份计算天数）；或逾期状态/账龄标签列（如 M1、1-30天、Current、Late (16-30 days)）。请在映射步骤指定其中一列；如果文件里确实没有（例如只有申请信息和好/坏标记），需要先从系统导出包含还款或逾期状态的数据。文件中的列：{columns}",
        "en": "Nothing in this file gives days past due. Delinquency analysis needs one of: a DPD (days past due) column; a due date column (days are counted to the snapshot month end); or a status/bucket label column (e.g. M1, 1-30天, Current, Late (16-30 days)). Map one of them in the mapping step; if the file truly has none (e.g. application data with a good/bad flag only), export repayment or delinquency status from your system first. Columns in the file: {columns}",
    },
    "ingest.error.header_rows_unjoined": {
        "zh": "文件里没有读到可以得出逾期天数的列：合并单元格显示第 {first}–{last} 行是一个多行表头，但这几行未能合为每列一个列名（超过 4 行，或上下层的合并没有对齐），其中的列名被当作了数据，逾期天数可能就在其中。请把表头整理为一行（每列一个列名）或不超过 4 行、逐层对齐的合并表头后再上传。读到的列：{columns}",
        "en": "No column giving days past due was read: merged cells show a header over rows {first}–{last}, but those rows could not be joined into one name per column (more than 4 rows, or levels whose merges do not line up), so names in them were read as data, and the days past due may be among them. Make the header one row (one name per column), or merged levels of at most 4 rows that line up, and upload again. Columns read: {columns}",
    },
    "ingest.error.bucket_columns": {
        "zh": "这是一张按账龄分段列示金额的汇总表（{columns}）：每行是一个客户，各分段的金额分列，没有每户的逾期天数或账龄，逾期分析无法逐户读取。请从系统导出明细：每行一张发票/一笔借据及其到期日（或逾期天数、账龄标签）和未还金额，再上传。",
        "en": "This is an aging summary with an amount per bucket in columns ({columns}): each row is a customer with its balance split across the buckets, so no account has a days-past-due figure or bucket of its own, and delinquency analysis cannot read it account by account. Export the detail from your system instead: one row per invoice or loan with its due date (or days past due, or bucket label) and the amount outstanding, and upload that.",
    },
    "ingest.error.no_balance": {
        "zh": "没有找到余额列（如 贷款余额、欠款余额、outstanding）。请指定余额列；如果文件里没有余额，可以选择“按户数计”（每个账户月计为 1）。文件中的列：{columns}",
        "en": "No balance column was found (e.g. 贷款余额, outstanding, balance). Map the balance column, or, if the file has no balances, choose “count accounts” (each account-month counts as 1). Columns in the file: {columns}",
    },
    "ingest.error.month_garbage": {
        "zh": "日期/月份列“{column}”中没有一个值能识别为日期（例如：{examples}）。支持 2024-01-31、2024/1/31、2024年1月、202401、Jan-2024 和 Excel 日期。请检查是否选错了列。",
        "en": "Not one value in the date/month column “{column}” is a date (e.g. {examples}). Supported: 2024-01-31, 2024/1/31, 2024年1月, 202401, Jan-2024 and Excel dates. Check that the right column is mapped.",
    },
    "ingest.error.amount_column_not_finite": {
        "zh": "金额列“{column}”里没有一个可用的金额：所有值都是空值、无穷大或超过 100 万亿元（例如：{examples}）。请检查是否选错了列，或源系统导出时是否出错。",
        "en": "The amount column “{column}” holds no usable amount: every value is empty, infinite or above 100 trillion yuan (e.g. {examples}). Check that the right column is mapped, or whether the export went wrong.",
    },
    "ingest.error.amount_column_text": {
        "zh": "金额列“{column}”里全是文字、没有数字（例如：{examples}）。请检查是否选错了列。",
        "en": "The amount column “{column}” holds only text, no numbers (e.g. {examples}). Check that the right column is mapped.",
    },
    "ingest.error.dpd_column_text": {
        "zh": "逾期天数列“{column}”里没有一个数字（例如：{examples}）。如果它是状态标签（如 M1、1-30天），请把它映射为“逾期状态”而不是“逾期天数”。",
        "en": "The DPD column “{column}” holds no numbers at all (e.g. {examples}). If it holds status labels (M1, 1-30天, …), map it as the status label instead of days past due.",
    },
    "ingest.error.bad_option": {
        "zh": "设置“{option}”的值“{value}”无效。",
        "en": "The setting “{option}” has an invalid value “{value}”.",
    },
    "ingest.error.bad_mapping_file": {
        "zh": "映射文件无法读取（不是本工具保存的 JSON）。请重新在上传页面保存映射。",
        "en": "The mapping file cannot be read (it is not a JSON saved by this app). Save the mapping again on the upload page.",
    },
    # ---- row rejections ----------------------------------------------------------------------
    "ingest.reject.total_row": {
        "zh": "合计/小计行（“{value}”），不是账户数据",
        "en": "total/subtotal row (“{value}”), not an account",
    },
    "ingest.error.ids_scientific": {
        "zh": "账户编号列“{column}”中的编号被 Excel 转成了科学计数法（如 {example}），后几位已经丢失，无法区分不同账户。请在 Excel 中把该列设为“文本”后重新导出（或从系统直接导出 CSV）。",
        "en": "The ids in “{column}” were turned into scientific notation by Excel (e.g. {example}): their last digits are lost and the accounts cannot be told apart. Set that column to Text in Excel and export again (or export the CSV from the system directly).",
    },
    "ingest.note.side_by_side": {
        "zh": "表格中有 {n} 块并排的数据（第 {columns} 列，表头相同），已按上下顺序合并读取，共 {rows} 行。",
        "en": "The sheet holds {n} tables side by side (columns {columns}, with the same headers); they were read one under the other, {rows} rows in all.",
    },
    "ingest.reject.header_row": {
        "zh": "表格中间重复的表头或字段代码行（“{value}”），不是账户数据",
        "en": "a header or field-code row repeated inside the table (“{value}”), not an account",
    },
    "ingest.error.ids_rounded": {
        "zh": "账户编号列“{column}”在工作簿中存成了数字，而且超过 15 位（如 {example}）：Excel 只保留 15 位有效数字，后几位已经丢失，不同的卡号会变成同一个号码。请在导出或 Excel 中把该列设为“文本”后重新导出（或从系统直接导出 CSV）。",
        "en": "The ids in “{column}” are stored in the workbook as numbers of more than 15 digits (e.g. {example}): Excel keeps 15 significant digits, so the last digits are lost and different card numbers become one. Set that column to Text in the export or in Excel and export again (or export the CSV from the system directly).",
    },
    "ingest.error.ids_rounded_parquet": {
        "zh": "账户编号列“{column}”在 Parquet 文件中存成了浮点数，而且超过 15 位（如 {example}）：浮点数只能精确保存约 15 位数字，后几位已经丢失，不同的编号会变成同一个号码。请在导出时把该列写成字符串（string）或整数（int64）后重新导出。",
        "en": "The ids in “{column}” are stored in the Parquet file as floating-point numbers of more than 15 digits (e.g. {example}): a float holds about 15 exact digits, so the last digits are lost and different ids become one. Write that column as string or int64 in the export and export again.",
    },
    "ingest.reject.note_row": {
        "zh": "表格下方的说明行（“{value}”），不是账户数据",
        "en": "a note under the table (“{value}”), not an account",
    },
    "ingest.reject.missing_account": {
        "zh": "账户编号为空",
        "en": "account id is missing",
    },
    "ingest.reject.missing_month": {
        "zh": "“{column}”为空，无法确定月份",
        "en": "“{column}” is empty, so the month is unknown",
    },
    "ingest.reject.placeholder_month": {
        "zh": "“{column}”的值“{value}”早于 1950 年：多为表示“无日期”的占位值（如 1900-01-01）或录入错误，不是数据月份",
        "en": "“{column}” value “{value}” is before 1950: a placeholder for \"no date\" (1900-01-01) or a typo, not the month of a snapshot",
    },
    "ingest.reject.bad_month": {
        "zh": "“{column}”的值“{value}”不是可识别的日期",
        "en": "“{column}” value “{value}” is not a date",
    },
    "ingest.reject.bad_dpd": {
        "zh": "逾期天数“{column}”的值“{value}”不是整数",
        "en": "DPD “{column}” value “{value}” is not a whole number",
    },
    "ingest.reject.missing_dpd": {
        "zh": "逾期天数“{column}”为空",
        "en": "DPD “{column}” is empty",
    },
    "ingest.reject.dpd_over_a_century": {
        "zh": "逾期天数“{column}”为 {value}，超过 100 年：可能是误粘贴的日期（Excel 日期序号如 45322 即 2024-01-31）或录入错误",
        "en": "DPD “{column}” is {value}, more than 100 years: a date pasted into the column (Excel's serial 45322 is 2024-01-31) or a typo",
    },
    "ingest.reject.negative_dpd": {
        "zh": "逾期天数“{column}”为负数（{value}）",
        "en": "DPD “{column}” is negative ({value})",
    },
    "ingest.reject.bad_due_date": {
        "zh": "应还日期“{column}”的值“{value}”不是可识别的日期",
        "en": "due date “{column}” value “{value}” is not a date",
    },
    "ingest.reject.closed": {
        "zh": "状态“{value}”表示已结清/关闭，不计入在贷余额",
        "en": "status “{value}” means the account is closed (paid off), not on the book",
    },
    "ingest.reject.no_loan": {
        "zh": "状态“{value}”表示当月无贷款",
        "en": "status “{value}” means no loan that month",
    },
    "ingest.reject.excluded_status": {
        "zh": "状态“{value}”在代码表中设为“排除”",
        "en": "status “{value}” is set to “exclude” in the code table",
    },
    "ingest.reject.unknown_status": {
        "zh": "状态“{value}”不在代码表中（请在代码表里为它指定逾期天数）",
        "en": "status “{value}” is not in the code table (give it a DPD in the code table)",
    },
    "ingest.reject.missing_balance": {
        "zh": "余额“{column}”为空",
        "en": "balance “{column}” is empty",
    },
    "ingest.reject.bad_amount": {
        "zh": "金额列“{column}”的值“{value}”不是数字",
        "en": "amount column “{column}” value “{value}” is not a number",
    },
    "ingest.reject.amount_too_large": {
        "zh": "金额列“{column}”的值“{value}”超过 100 万亿元（1e14），不是一笔贷款的金额：请检查该单元格（可能是编号粘贴进了金额列，或单位选错）",
        "en": "amount column “{column}” value “{value}” is above 100 trillion yuan (1e14), not a loan's amount: check the cell (an ID pasted into the amount column, or the wrong unit)",
    },
    "ingest.reject.negative_balance": {
        "zh": "余额“{column}”为负数（{value}）",
        "en": "balance “{column}” is negative ({value})",
    },
    "ingest.reject.duplicate": {
        "zh": "同一账户同一月份重复，已保留第 {first_row} 行",
        "en": "duplicate account-month; row {first_row} was kept",
    },
    # ---- notes: what was done, for the validation report --------------------------------------
    "ingest.note.external_links": {
        "zh": "工作簿中的公式链接了其他文件（{files}）：已按本文件上次保存时的值读取，未打开这些文件",
        "en": "Formulas in the workbook link to other files ({files}): values were read as last saved in this file; the linked files were not opened",
    },
    "ingest.note.error_values_empty": {
        "zh": "工作表中有 Excel 错误值 {values}：这些单元格按空值读取（与 #N/A 相同），所在行按缺失值处理",
        "en": "The sheet holds the Excel error values {values}: those cells were read as empty (as #N/A is), and their rows checked as missing that value",
    },
    "ingest.note.huge_numbers_as_text": {
        "zh": "工作表中有 {n} 个数字大到 Excel 读取器无法按日期读取（例如日期格式单元格里的 -1E+13）：已按文本读取，所在行若用到该值将按无法识别的值处理",
        "en": "{n} cell(s) of the sheet hold a number too large for the Excel reader to read as a date (such as -1E+13 in a date-formatted cell): read as text, and a row that uses one is rejected as holding a value that cannot be read",
    },
    "ingest.note.formulas_not_computed": {
        "zh": "工作表中有 {n} 个公式单元格没有保存计算结果（文件由程序生成、未在 Excel 中打开过），读取时为空值。请在 Excel 中打开该文件并保存一次，再上传",
        "en": "{n} formula cell(s) of the sheet were saved without their results (the file was written by a program and never opened in Excel), so they read as empty. Open the file in Excel, save it once and upload it again",
    },
    "ingest.note.hidden_sheet_read": {
        "zh": "数据读取自隐藏的工作表“{sheet}”（可见的工作表中没有可用的数据列）",
        "en": "The data was read from the hidden sheet “{sheet}” (no visible sheet holds usable columns)",
    },
    "ingest.note.hidden_sheets": {
        "zh": "已跳过隐藏的工作表：{names}",
        "en": "Hidden sheets skipped: {names}",
    },
    "ingest.note.sheet_chosen": {
        "zh": "读取工作表“{sheet}”（可选：{sheets}）",
        "en": "Read sheet “{sheet}” (available: {sheets})",
    },
    "ingest.note.month_sheets": {
        "zh": "这个工作簿有 {n} 个按月份命名的工作表，只读取了“{sheet}”一个月。要读取全部月份，请把各月工作表另存为单独的文件后一起上传（命令行：把各文件一起传入）",
        "en": "This workbook has {n} sheets named after months and only “{sheet}” was read, one month. To read every month, save each month's sheet as its own file and upload them together (command line: pass the files together)",
    },
    "ingest.note.month_blocks": {
        "zh": "工作表上下叠放了 {n} 个月的表格（{months}），每个表格上方的标题写明其月份：各行按所在表格的月份读取，重复的表头和标题行不作为数据",
        "en": "The sheet holds {n} months' tables one under the other ({months}), each under a title naming its month: each row takes its table's month, and the repeated headers and titles are not data",
    },
    "ingest.note.part_sheets": {
        "zh": "这个工作簿有 {n} 个按分行/地区命名的工作表，只读取了“{sheet}”一个，其余分行的账户不在其中。要读取全部，请把各工作表另存为单独的文件后一起上传（命令行：把各文件一起传入），或在一张表中合并后加一列分行",
        "en": "This workbook has {n} sheets named after branches or regions and only “{sheet}” was read: the other branches' accounts are not in it. To read them all, save each sheet as its own file and upload them together (command line: pass the files together), or combine them on one sheet with a branch column",
    },
    "ingest.note.title_rows_skipped": {
        "zh": "表头在第 {header_row} 行，上方 {n} 行标题已跳过",
        "en": "Header found on row {header_row}; {n} title row(s) above it skipped",
    },
    "ingest.note.two_row_header": {
        "zh": "表头占第 {first}–{second} 行（两行表头）：合并的上层表头与其下的列名已合为一个列名（{columns}），数据从第 {second} 行之后的一行开始",
        "en": "The header spans rows {first}–{second} (a header over two rows): each merged upper heading was joined with the column names under it ({columns}), and the data starts on the row after row {second}",
    },
    "ingest.note.stacked_header": {
        "zh": "表头占第 {first}–{last} 行（{n} 行表头）：每列的各层合并表头与其下的列名已自上而下合为一个列名（{columns}），数据从第 {last} 行之后的一行开始",
        "en": "The header spans rows {first}–{last} (a header over {n} rows): each column's merged headings were joined top down with the name under them ({columns}), and the data starts on the row after row {last}",
    },
    "ingest.note.header_rows_unjoined": {
        "zh": "合并单元格显示表头占第 {first}–{last} 行，但这几行未能合为每列一个列名（超过 4 行，或上下层的合并没有对齐）：第 {data} 行起按数据读取，其中表头的文字不是数据，请核对列名与被拒绝的行",
        "en": "Merged cells show a header over rows {first}–{last}, but those rows could not be joined into one name per column (more than 4 rows, or levels whose merges do not line up): rows from {data} on were read as data, header text included; check the column names and the rejected rows",
    },
    "ingest.note.sub_columns_contested": {
        "zh": "合并表头下的“{columns}”都可作为{field_label}，未自动选用其中一列：请在映射中选择（命令行：--map {field}=列名）",
        "en": "“{columns}”, under one merged heading, could each be the {field_label}, so none was applied: choose one in the mapping (command line: --map {field}=HEADER)",
    },
    "ingest.note.sub_column_alone": {
        "zh": "“{column}”作为{field_label}读入，同一合并表头下的“{others}”未计入：该金额只是其中这一部分。若应取合计，请在映射中改选（命令行：--map {field}=列名）",
        "en": "“{column}” was read as the {field_label}, and “{others}” under the same merged heading was not counted: the amount is that part alone. If the total is meant, choose it in the mapping (command line: --map {field}=HEADER)",
    },
    "ingest.note.merged_cells_filled": {
        "zh": "表格中有合并单元格（{columns}）：合并区域覆盖的每一行都已填入该区域左上角的值，与 Excel 中看到的一致",
        "en": "The table has merged cells ({columns}): every row a merged range covers was given the range's value (its top-left cell's), as Excel shows it",
    },
    "ingest.note.units_row": {
        "zh": "第 {row} 行是表头下的单位行，已并入表头（{columns}），不作为数据行",
        "en": "Row {row} is a units row under the header: it was read as part of the header ({columns}), not as data",
    },
    "ingest.note.merged_amounts_once": {
        "zh": "金额列（{columns}）有跨多行的合并单元格：合并的金额是这几行共同的一个数（例如客户余额合并在其各笔借据上），只计入合并区域的第一行，其余行记为 0，所以总额与表格一致；每笔借据各自的金额文件中没有",
        "en": "Amount columns ({columns}) have cells merged over several rows: a merged amount is one figure for those rows together (a customer's balance over its loans, say), so it is counted once, on the range's first row, and the other rows get 0; the total is the sheet's, and each row's own amount is not in the file",
    },
    "ingest.note.not_legacy_lines": {
        "zh": "文件是 {encoding} 编码，但有 {n:,} 行（第 {lines} 行）含有不是 {encoding} 的字节：这些字符显示为 �，其余内容照常读取。请核对这些行；如需准确，请在原系统中重新导出",
        "en": "The file is {encoding}, but {n:,} line(s) ({lines}) hold bytes that are not: those characters show as �, and the rest was read as it is. Check those lines; export the file again to have them right",
    },
    "ingest.note.not_utf8_lines": {
        "zh": "文件是 UTF-8 编码，但有 {n:,} 行（第 {lines} 行）不是 UTF-8（可能是从其他系统粘贴或追加的 GBK 内容）：这些行已按 GBK/GB18030 读取，其余内容照常读取。请核对这些行；如需稳妥，请在原系统中以 UTF-8 重新导出",
        "en": "The file is UTF-8, but {n:,} line(s) ({lines}) are not (text pasted or appended from a GBK system, perhaps): those lines were read as GBK/GB18030 and the rest as it is. Check those lines; to be safe, export the file again as UTF-8",
    },
    "ingest.note.encoding": {
        "zh": "文件编码：{encoding}",
        "en": "File encoding: {encoding}",
    },
    "ingest.note.thousands_rejoined": {
        "zh": "{n} 行的金额带千位分隔符却未加引号（如 12,000），使该行多出单元格；已按千位分隔符读回（12000），各列对齐。行号：{examples}。导出时请给金额加引号或去掉千位分隔符。",
        "en": "{n} row(s) wrote an amount with a thousands separator and no quotes (12,000), which split it into extra cells; read back as one number (12000), the columns aligned. Lines: {examples}. Quote amounts, or export them without thousands separators.",
    },
    "ingest.note.ragged_rows": {
        "zh": "{n} 行的列数与表头不一致，已按表头对齐（缺的补空，多出的并入最后一列），请核对这些行，如第 {examples} 行：值中含未加引号的逗号会使其后各列错位",
        "en": "{n} row(s) had a different number of cells than the header; aligned to the header (missing cells empty, extra cells joined into the last column). Check them, e.g. line(s) {examples}: an unquoted comma inside a value shifts the cells after it",
    },
    "ingest.note.balance_unit": {
        "zh": "文件没有余额列：每个账户月按 1 计（按户数分析）",
        "en": "No balance column: every account-month counts as 1 (analysis by count)",
    },
    **{f"ingest.note.column_unit.{unit}": {
        "zh": f"“{{column}}”的表头写明了自己的单位，按{zh}读取（其他金额列按所选单位）",
        "en": f"“{{column}}” names its own unit in its header: read as {en} (the other amounts in the unit chosen)",
    } for unit, (zh, en) in FILE_UNIT_NAMES.items()},
    "ingest.note.dpd_words_current": {
        "zh": "“{column}”中有 {n} 行写的是“正常”“未逾期”等文字，按逾期 0 天读取",
        "en": "{n} row(s) of “{column}” say “current” / “not overdue” in words: read as 0 days past due",
    },
    "ingest.note.wide_amount_repeated": {
        "zh": "“{column}”每个账户只有一个值（不是按月的列）：{months} 个月都用这一数值，各月的余额合计并不是当月的实际余额",
        "en": "“{column}” holds one figure per account, not one per month: all {months} months repeat it, so the months' totals are not each month's own",
    },
    "ingest.note.dpd_negative_current": {
        "zh": "“{column}”有 {n} 行为负数（该列按“当前日期减应还日期”计算，负数表示尚未到期），按未逾期（0 天）读取",
        "en": "{n} row(s) of “{column}” are negative (the column counts today minus the due date: a negative is not yet due): read as not overdue (0 days)",
    },
    "ingest.note.dpd_blank_current": {
        "zh": "“{column}”有 {n} 行为空，而该列没有写 0 的行：判断为只在逾期时填写天数，空白按未逾期（0 天）读取。若空白表示缺失，请在文件中把未逾期的行填为 0",
        "en": "{n} row(s) of “{column}” are blank and the column never writes 0: read as an export that fills the days only for overdue loans, blanks as not overdue (0 days). If a blank means unknown, write 0 for the loans that are not overdue",
    },
    "ingest.note.month_from_title": {
        "zh": "文件没有日期列：按标题行写明的月份 {month} 读取（整份文件为该月的快照）。如不对，请指定快照月份",
        "en": "The file has no date column: read as the month its title rows name, {month} (the whole file is that month's snapshot). If that is wrong, give the snapshot month",
    },
    "ingest.note.month_from_file_name": {
        "zh": "文件没有日期列：按文件名中的月份 {month} 读取（整份文件为该月的快照）。如不对，请指定快照月份",
        "en": "The file has no date column: read as the month its name holds, {month} (the whole file is that month's snapshot). If that is wrong, give the snapshot month",
    },
    "ingest.note.dash_zero": {
        "zh": "“{column}”有 {n} 行只写了“-”（Excel 会计格式的 0），按余额 0 读取",
        "en": "{n} row(s) of “{column}” hold only a dash (Excel's accounting format for 0): read as a balance of 0",
    },
    "ingest.note.many_duplicates": {
        "zh": "有 {n} 行与前面的行账户和月份相同，已作为重复行拒绝。“{column}”可能不是一笔贷款的编号（例如客户号，一个客户有多笔贷款）：如文件中有借据号或贷款编号，请把它映射为账户",
        "en": "{n} row(s) repeat an account-month of an earlier row and were rejected as repeats. “{column}” may not identify one loan (a customer number, with several loans per customer): if the file has a loan or note number, map that as the account",
    },
    "ingest.note.ids_invisible_characters": {
        "zh": "“{column}”中有 {n} 个编号含不可见字符（零宽空格、BOM、方向标记等），已删除这些字符，使同一账户在各月保持一致",
        "en": "{n} id(s) in “{column}” held invisible characters (zero-width space, BOM, direction marks); they were removed, so an account stays one account across months",
    },
    "ingest.note.ids_unwrapped": {
        "zh": "“{column}”中有编号带有 Excel 保留前导零的写法（如 =\"00123\"、'00123）或小数形式（如 1001.0），已按其中的编号读取，使同一账户在各月保持一致",
        "en": "Ids in “{column}” were written the way exports keep leading zeros from Excel (=\"00123\", '00123) or as a decimal (1001.0): read as the id inside, so an account stays one account across months",
    },
    "ingest.note.amount_unit_wan": {
        "zh": "金额按万元读取，已换算为元（×10,000）",
        "en": "Amounts read in CNY 10k and converted to CNY (×10,000)",
    },
    "ingest.note.amount_unit_thousand": {
        "zh": "金额按千元读取，已换算为元（×1,000）",
        "en": "Amounts read in CNY thousands and converted to CNY (×1,000)",
    },
    "ingest.note.amount_unit_yi": {
        "zh": "金额按亿元读取，已换算为元（×100,000,000）",
        "en": "Amounts read in CNY 100m and converted to CNY (×100,000,000)",
    },
    "ingest.note.negative_zeroed": {
        "zh": "{n} 个负余额（合计 {amount}）按 0 计入",
        "en": "{n} negative balance(s) (total {amount}) counted as 0",
    },
    "ingest.note.wide": {
        "zh": "宽表已转换为长表：{columns} 列 × {months} 个月 → {rows:,} 个账户月",
        "en": "Wide layout reshaped: {columns} columns over {months} months → {rows:,} account-months",
    },
    "ingest.note.relative_months": {
        "zh": "“{column}”为相对月份，0 对应 {reference_month}",
        "en": "“{column}” holds relative months; 0 is {reference_month}",
    },
    "ingest.note.snapshot_month": {
        "zh": "文件没有日期列：所有行按 {month} 的快照处理",
        "en": "No date column: every row is treated as the {month} snapshot",
    },
    "ingest.note.dpd_from_due_date": {
        "zh": "逾期天数由应还日期“{column}”计算至统计月末（空的应还日期按未逾期计）",
        "en": "DPD computed from due date “{column}” to the snapshot month end (an empty due date counts as not overdue)",
    },
    "ingest.note.dpd_from_status": {
        "zh": "逾期天数由状态列“{column}”按代码表换算（区间取中点）",
        "en": "DPD derived from status column “{column}” through the code table (ranges at their midpoint)",
    },
    "ingest.note.dpd_from_class": {
        "zh": "文件没有逾期天数、应还日期或逾期状态：逾期天数由五级分类“{column}”按代表值换算（正常 0、关注 45、次级 135、可疑 270、损失 361 天），只是估计；监管分类以文件的五级分类为准",
        "en": "The file has no DPD, due date or delinquency status: DPD is derived from the five-tier classification “{column}” at representative values (normal 0, special mention 45, substandard 135, doubtful 270, loss 361 days), an estimate only; the regulatory classification is the file's own",
    },
    "ingest.note.loan_class_unknown": {
        "zh": "五级分类列“{column}”有 {n} 行的值不是五级分类（如 {examples}）：这些行保留，但不计入任何类别，监管分类中列为“未分类”",
        "en": "Not a five-tier class: {n} row(s) in the classification column “{column}” (e.g. {examples}); the rows are kept but belong to no class, and the regulatory view lists them as “unclassified”",
    },
    "ingest.note.rate_percent": {
        "zh": "利率列“{column}”按百分数读取（14.07 → 14.07%）",
        "en": "Rate column “{column}” read as percent (14.07 → 14.07%)",
    },
    "ingest.note.numbers_garbage": {
        "zh": "列“{column}”有 {n} 个值不是数字，按空值处理",
        "en": "Not numbers, left empty: {n} value(s) in “{column}”",
    },
    "ingest.note.dates_garbage": {
        "zh": "列“{column}”有 {n} 个值不是日期，按空值处理",
        "en": "Not dates, left empty: {n} value(s) in “{column}”",
    },
    "ingest.note.day_first": {
        "zh": "列“{column}”的日期是“日/月/年”顺序（如 {example}，日大于 12），已按日/月/年读取",
        "en": "Dates in “{column}” are day-first (e.g. {example}: the day is above 12); read as day/month/year",
    },
    "ingest.note.date_order_ambiguous": {
        "zh": "列“{column}”的日期（如 {example}）既可读作“月/日/年”也可读作“日/月/年”：已按月/日/年读取。如果应是日/月/年，请在选项中把“日期顺序”改为“日/月/年”（命令行：--date-order dmy）",
        "en": "Dates in “{column}” (e.g. {example}) read either month-first or day-first: read as month/day/year. If they are day/month/year, choose “day/month/year” under the date order option (command line: --date-order dmy)",
    },
    "ingest.note.decimal_comma": {
        "zh": "列“{column}”的数字用逗号作小数点、用点或空格分隔千位（如 {example}），已按此读取",
        "en": "Numbers in “{column}” use a decimal comma, with dots or spaces between thousands (e.g. {example}); read that way",
    },
    "ingest.note.decimal_marks_mixed": {
        "zh": "“{column}”列中小数点与小数逗号两种写法都有（如 {example}）：按多数单元格的写法读取，另一种写法的单元格无法确定数值（12,5 是 12.5 还是 125？），这些行按“不是数字”拒绝，请在原系统中统一格式后重新导出",
        "en": "“{column}” mixes a decimal dot and a decimal comma (such as {example}): it was read the way most cells show, and cells written the other way cannot be read for sure (is 12,5 12.5 or 125?), so their rows are rejected as not a number; export the column in one format",
    },
    "ingest.note.decimal_comma_ambiguous": {
        "zh": "列“{column}”的数字（如 {example}）中的逗号可能是千位分隔符，也可能是小数点：已按千位分隔符读取。如果逗号是小数点，请在选项中把“小数点”改为“逗号”（命令行：--decimal-comma yes）",
        "en": "The commas in “{column}” (e.g. {example}) may separate thousands or mark decimals: read as thousands separators. If the comma is the decimal mark, choose “comma” under the decimal mark option (command line: --decimal-comma yes)",
    },
    "ingest.note.decimal_dot_ambiguous": {
        "zh": "列“{column}”中带点的数字都像 {example}（点后恰好三位）：点可能是小数点，也可能是千位分隔符（欧洲格式，{example} 即一千多）。已按小数点读取。如果点是千位分隔符，请在选项中把“小数点”改为“逗号”（命令行：--decimal-comma yes）",
        "en": "Every dotted number in “{column}” looks like {example} (three digits after the dot): the dot may mark decimals or separate thousands (the European way, where {example} is over a thousand). Read as a decimal dot. If the dot separates thousands, choose “comma” under the decimal mark option (command line: --decimal-comma yes)",
    },
    "ingest.note.thin_month": {
        "zh": "{month} 只有 {accounts} 个账户月，上月有 {previous_accounts} 个：这个月的数据可能导出不完整，比率的变化可能只是缺失的账户造成的",
        "en": "{month} has {accounts} account-month(s) against {previous_accounts} the month before: its extract may be incomplete, and its rate changes may only be the missing accounts",
    },
    "ingest.note.wide_reference": {
        "zh": "识别为 UCI 台湾信用卡数据布局：PAY_0/BILL_AMT1 对应 {month}",
        "en": "UCI Taiwan credit-card layout recognised: PAY_0/BILL_AMT1 is {month}",
    },
}
