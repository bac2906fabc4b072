"""Contact-log times as a collections team writes them: with a UTC offset, or a date only."""
from __future__ import annotations

from analysis.conduct.contacts import contact_limits, find_breaches, read_contact_log

HEADER = "客户编号,联系时间,渠道,联系对象,是否接通,催收员\n"


def _breaches(rows: str):
    log = read_contact_log((HEADER + rows).encode("utf-8"), "log.csv")
    return log, find_breaches(log.log, contact_limits("cn"))


def test_beijing_time_with_its_offset_stays_on_the_beijing_clock():
    log, breaches = _breaches("A,2024-07-01T09:30:00+08:00,电话,本人,是,周强\nB,2024-07-01T12:30:00+08:00,电话,本人,是,周强\n")
    assert [f"{t:%H:%M}" for t in log.log["timestamp"]] == ["09:30", "12:30"]
    assert breaches.empty  # converted to UTC these were 01:30 and 04:30: two false breaches


def test_mixed_offsets_are_read_on_one_clock_not_refused():
    log, breaches = _breaches("A,2024-07-01T01:30:00Z,电话,本人,是,周强\nB,2024-07-01T09:30:00+08:00,电话,本人,是,周强\n"
                              "C,2024-07-01T23:30:00+08:00,电话,本人,是,周强\n")
    # most cells say +08:00: 01:30Z is 09:30 there
    assert [f"{t:%H:%M}" for t in log.log["timestamp"]] == ["09:30", "09:30", "23:30"]
    assert breaches["rule"].tolist() == ["time_window"]


def test_a_date_without_a_time_is_not_a_contact_at_midnight():
    log, breaches = _breaches("A,2024-07-02,电话,本人,是,周强\nB,2024-07-02 23:10,电话,本人,是,周强\n")
    assert log.log["time_known"].tolist() == [False, True]
    assert breaches["account_id"].tolist() == ["B"]


def test_a_template_the_rules_cannot_read_is_not_passed_as_clean():
    from analysis.conduct.rules import rule_pack
    from analysis.conduct.templates import check_text

    english = "You deadbeat pay now or we will tell your employer and your family."
    findings = check_text(english, rule_pack("cn"), lang="en")
    assert [f.rule for f in findings] == ["language_mismatch"] and "cannot" in findings[0].suggestion
    assert [f.rule for f in check_text("你这种老赖，小心你的家人", rule_pack("us"))][:1] == ["language_mismatch"]
    # a Chinese template with an English placeholder is read as Chinese
    assert "language_mismatch" not in [f.rule for f in check_text("尊敬的{name}，您的账单已逾期，请尽快还款。", rule_pack("cn"))]


def test_a_log_of_which_no_row_reads_names_a_row_and_its_cell():
    import pytest

    from analysis.conduct.contacts import ContactsError

    with pytest.raises(ContactsError) as info:
        read_contact_log((HEADER + "A,someday,电话,本人,是,周强\n").encode("utf-8"), "log.csv")
    assert "row 2" in info.value.message("en") and "someday" in info.value.message("zh")


def test_the_cli_says_when_no_account_of_the_log_is_in_the_portfolio(tmp_path, capsys):
    from analysis.__main__ import main

    log = tmp_path / "log.csv"
    log.write_text(HEADER + "ZZ1,2024-07-01 10:00,电话,本人,是,周强\n", encoding="utf-8")
    book = tmp_path / "book.csv"
    book.write_text("account_id,month,dpd,balance\nA1,2024-06,0,5\n", encoding="utf-8")
    assert main(["contacts", str(log), "--portfolio", str(book), "--json"]) == 0
    import json

    assert json.loads(capsys.readouterr().out)["accounts_in_portfolio"] == 0
    assert main(["contacts", str(log), "--portfolio", str(book)]) == 0
    assert "None of the log's accounts" in capsys.readouterr().out


def test_a_template_row_without_text_is_named_not_dropped(tmp_path, capsys):
    from analysis.__main__ import main

    path = tmp_path / "t.csv"
    path.write_text("template_id,channel,text\nT1,sms,您的账单已逾期，请尽快还款。\nT2,sms,\n", encoding="utf-8")
    assert main(["conduct", str(path), "--jurisdiction", "cn"]) == 0
    out = capsys.readouterr().out
    assert "1 templates checked" in out and "1 row have no template text" in out and "row 3" in out
