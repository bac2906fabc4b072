"""What opening, saving and extending a workspace file tells the user (analysis/workspace.py)."""

MESSAGES = {
    "workspace.error.not_workspace": {
        "zh": "此文件不是工作区文件（工作区文件由本工具的“保存工作区”生成，扩展名为 .dwb）。若要分析一份数据文件，请在上方上传数据；若要打开工作区，请选择之前保存的 .dwb 文件。",
        "en": "This file is not a workspace file (a workspace is made by this tool's “Save workspace” and ends in .dwb). To analyse a data file, upload it above; to open a workspace, choose a .dwb file saved earlier.",
    },
    "workspace.error.corrupt": {
        "zh": "工作区文件已损坏或被修改（“{part}”部分无法读取或与保存时不一致），未打开。请使用原始保存的文件，或重新上传数据后再保存一次。",
        "en": "The workspace file is damaged or was altered (its part “{part}” cannot be read or differs from what was saved), so it was not opened. Use the file as it was saved, or upload the data again and save a new workspace.",
    },
    "workspace.error.newer": {
        "zh": "此工作区由更新版本的工具保存（工作区格式第 {version} 版，应用版本 {app_version}），当前版本只能打开第 {supported} 版及以前的格式。请升级本工具后再打开，或请同事用当前版本重新保存。",
        "en": "This workspace was saved by a newer version of the tool (workspace format {version}, app version {app_version}); this version opens format {supported} and older. Update the tool, or ask a colleague to save it again with this version.",
    },
    "workspace.error.counts_then_balances": {
        "zh": "当前数据没有余额列（每户按 1 计），新文件有余额：两者不能追加成一段历史，否则各月有的是户数、有的是金额，所有比率和合计都会混在一起。未追加。请选择“替换当前数据”改用新文件，或用有余额列的各月文件重新建立历史。",
        "en": "The data in use has no balance column (each account counted as 1) and the new file has balances: they cannot make one history, since some months would hold accounts and others money, mixing every rate and total. Nothing was added. Choose \"replaces the data in use\" to use the new file, or rebuild the history from monthly files that have balances.",
    },
    "workspace.error.balances_then_counts": {
        "zh": "当前数据有余额，新文件没有余额列（每户按 1 计）：两者不能追加成一段历史，否则各月有的是金额、有的是户数。未追加。请上传带余额列的该月文件（在第②步映射余额列）。",
        "en": "The data in use has balances and the new file has no balance column (each account counted as 1): they cannot make one history, since some months would hold money and others accounts. Nothing was added. Upload that month's file with its balance column (map it in step ②).",
    },
    "workspace.error.overlap": {
        "zh": "新文件包含当前数据中已有的 {n} 个月份：{months}。未追加。",
        "en": "The new file holds {n} month(s) the data in use already has: {months}. Nothing was added.",
    },
}
