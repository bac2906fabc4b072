"""Page texts of the workspace (ui/workspace.py), the sample banner and the refresh restore (ui/continuity.py)."""

MESSAGES = {
    "ws.title": {"zh": "工作区", "en": "Workspace"},
    "ws.intro": {
        "zh": "工作区文件保存当前数据和全部设置（单位、口径、账龄分组、筛选、预警设置、策略情景、时间轴事件、原因词典）。下个月打开它，再上传新月份的文件即可接续历史。",
        "en": "A workspace file keeps the data in use and every setting (unit, measure, buckets, filters, warning settings, what-if scenarios, timeline events, cause dictionary). Next month, open it and upload the new month's file to extend the history.",
    },
    "ws.save.title": {"zh": "保存工作区", "en": "Save workspace"},
    "ws.save.needs_data": {"zh": "载入您自己的数据后即可保存工作区（示例数据无需保存）。",
                           "en": "Load your own data first; the sample needs no saving."},
    "ws.save.pii": {
        "zh": "包含个人信息（姓名、手机号、证件号）",
        "en": "Include personal data (names, phone and ID numbers)",
    },
    "ws.save.pii_note": {
        "zh": "勾选后文件含客户姓名、手机号、证件号及备注中的电话和证件号，可识别到具体借款人，须按本行数据安全规定保管和传送。",
        "en": "Ticked, the file holds customer names, phone and ID numbers, and those found in notes: it identifies borrowers and must be kept and sent as your bank's data-protection rules require.",
    },
    "ws.save.pii_help": {
        "zh": "不勾选时：姓名、手机号、证件号列不写入文件，其他文字列中的电话和证件号被遮盖。各页的数字不受影响；预警名单等处将没有姓名和电话。账号保留，用于衔接各月。",
        "en": "Unticked: the name, phone and ID-number columns are not written, and phone and ID numbers in other text are masked. No figure on any page changes; lists such as the warning list will have no names or phones. Account ids are kept: they link the months.",
    },
    "ws.save.prepare": {"zh": "生成工作区文件", "en": "Prepare the workspace file"},
    "ws.save.preparing": {"zh": "正在生成工作区文件…", "en": "Preparing the workspace file…"},
    "ws.save.download": {"zh": "下载工作区文件", "en": "Download the workspace file"},
    "ws.save.ready": {"zh": "{name}（{size}，{pii}）", "en": "{name} ({size}, {pii})"},
    "ws.save.with_pii": {"zh": "含个人信息", "en": "personal data included"},
    "ws.save.without_pii": {"zh": "不含个人信息", "en": "no personal data"},
    "ws.open.title": {"zh": "打开工作区", "en": "Open workspace"},
    "ws.open.label": {"zh": "选择之前保存的工作区文件（.dwb）", "en": "Choose a workspace file saved earlier (.dwb)"},
    "ws.open.help": {"zh": "打开后，当前数据和设置会被工作区中的内容替换。",
                     "en": "Opening replaces the data and settings in use with the workspace's."},
    "ws.open.opening": {"zh": "正在打开工作区“{name}”…", "en": "Opening the workspace “{name}”…"},
    "ws.opened": {
        "zh": "已打开工作区“{name}”（保存于 {saved}）：{rows:,} 行，{months} 个月（{first} 至 {last}）；已恢复侧栏设置、预警设置、{scenarios} 个策略情景、{events} 个时间轴事件、处置方案和原因词典。",
        "en": "Opened the workspace “{name}” (saved {saved}): {rows:,} row(s), {months} month(s) ({first} to {last}); restored the sidebar settings, warning settings, {scenarios} what-if scenario(s), {events} timeline event(s), the playbooks and the cause dictionary.",
    },
    "ws.opened.with_pii": {"zh": "文件含个人信息。", "en": "The file includes personal data."},
    "ws.opened.without_pii": {"zh": "文件不含个人信息（姓名、电话、证件号在保存时已去除）。",
                              "en": "The file holds no personal data (names, phones and ID numbers were left out when it was saved)."},
    "ws.extended": {
        "zh": "已将“{name}”追加到当前数据（新增月份：{added}）：现共 {rows:,} 行，{months} 个月（{first} 至 {last}）。",
        "en": "Added “{name}” to the data in use (months added: {added}): now {rows:,} row(s), {months} month(s) ({first} to {last}).",
    },
    "ws.extended.none_added": {
        "zh": "已用“{name}”更新当前数据（没有新增月份）：现共 {rows:,} 行，{months} 个月（{first} 至 {last}）。",
        "en": "Updated the data in use with “{name}” (no month added): now {rows:,} row(s), {months} month(s) ({first} to {last}).",
    },
    "ws.extended.filters_cleared": {
        "zh": "侧边栏的筛选（月份范围、分组）已重置为全部数据，以便看到新增的月份；需要时请重新设置。",
        "en": "The sidebar's filters (month range, segments) were reset to the whole data so the new month shows; set them again if you need them.",
    },
    "ws.extended.missing_segments": {
        "zh": "新文件没有这些分组列：{columns}。新增月份的这些分组显示为“—”，按这些分组筛选会漏掉新增月份。",
        "en": "The new file has no {columns} column: the added months show “—” there, and a filter on it leaves them out.",
    },
    "ws.extended.replaced": {
        "zh": "新文件中的 {months} 在当前数据里已存在：这些月份原有的 {rows:,} 行已被新文件的数据替换（以新导出的为准）。",
        "en": "{months} were already in the data in use: those months' {rows:,} earlier rows were replaced by the new file's (the newer export wins).",
    },
    "ws.next.label": {"zh": "下一次上传的文件", "en": "The next file you upload"},
    "ws.next.replace": {"zh": "替换当前数据", "en": "replaces the data in use"},
    "ws.next.extend": {"zh": "追加到当前数据（延长历史）", "en": "is added to the data in use (extends the history)"},
    "ws.next.help": {
        "zh": "追加：新文件的月份接在现有历史之后；若新文件含有已存在的月份，以新文件为准替换这些月份，并在页面上说明。",
        "en": "Added: the new file's months follow the history in use; a month both have is replaced by the new file's rows, and the page says so.",
    },
    "ws.sample.body": {
        "zh": "当前显示的是{sample}，不是真实业务数据，所有数字仅作演示。要分析您自己的组合：在“上传数据”页上传逾期明细文件，或打开之前保存的工作区。",
        "en": "You are looking at the {sample}, not real business data: every figure is for demonstration only. To analyse your own portfolio, upload your delinquency file or open a saved workspace on the Upload page.",
    },
    "ws.sample.link": {"zh": "上传数据或打开工作区", "en": "Upload data or open a workspace"},
    "ws.sample.small": {"zh": "示例数据（模拟），非真实业务数字", "en": "Sample data (synthetic), not real figures"},
    "ws.restored": {"zh": "已恢复本会话的数据“{name}”。", "en": "Restored this session's data “{name}”."},
    "ws.expired.body": {
        "zh": "您之前载入的数据已超过 {minutes} 分钟未使用（或服务器需要腾出内存），已从服务器内存中清除（出于安全，数据从不写入磁盘）。现在各页显示的是{sample}。请打开工作区文件或重新上传数据。",
        "en": "The data you loaded was not used for more than {minutes} minutes (or the server needed the memory) and has been cleared from the server's memory (for safety it is never written to disk). Every page now shows the {sample}. Open your workspace file or upload the data again.",
    },
}
