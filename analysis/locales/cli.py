"""What the command line says where the upload page would offer a step (analysis.cli)."""

MESSAGES = {
    "cli.hint.no_balance": {
        "zh": "命令行中：用 --map balance=列名 指定余额列，或用 --balance-missing unit 按户数计。",
        "en": "On the command line: --map balance=HEADER, or --balance-missing unit to count accounts.",
    },
    "cli.hint.no_account": {
        "zh": "命令行中：用 --map account_id=列名 指定账户列。",
        "en": "On the command line: --map account_id=HEADER.",
    },
    "cli.hint.no_month": {
        "zh": "命令行中：用 --map snapshot_date=列名 指定日期列，或用 --snapshot-month 2024-01 给出整份文件的月份。",
        "en": "On the command line: --map snapshot_date=HEADER, or --snapshot-month 2024-01 for a file that is one month's snapshot.",
    },
    "cli.hint.reference_month": {
        "zh": "命令行中：用 --reference-month 2024-01 给出 0 所代表的月份。",
        "en": "On the command line: --reference-month 2024-01 for the month that 0 stands for.",
    },
    "cli.hint.no_dpd": {
        "zh": "命令行中：用 --map days_past_due=列名、--map due_date=列名 或 --map status_label=列名 指定。",
        "en": "On the command line: --map days_past_due=HEADER, --map due_date=HEADER or --map status_label=HEADER.",
    },
    "cli.hint.status_label": {
        "zh": "命令行中：用 --map status_label=列名 按状态标签读取，必要时用 --status-code 代码=天数 补充代码表。",
        "en": "On the command line: --map status_label=HEADER, with --status-code CODE=DPD for codes the app does not know.",
    },
    "cli.hint.map": {
        "zh": "命令行中：用 --map 字段=列名 重新指定（可用 inspect --json 查看识别出的映射）。",
        "en": "On the command line: --map FIELD=HEADER (inspect --json shows the mapping found).",
    },
}
