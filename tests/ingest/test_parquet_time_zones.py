"""Parquet timestamps stored as UTC instants (what Spark and Hive write for a TIMESTAMP) fall in
the month of the wall clock where the book is kept, not of UTC, and the user is told how."""
from __future__ import annotations

import datetime as dt
import io
import zoneinfo

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from analysis.ingest.dataset import convert_to_dataset
from analysis.ingest.portfolio import load_portfolio

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
#: Local snapshot dates on both sides of a month's turn.
LOCAL = [dt.datetime(2024, 2, 1), dt.datetime(2024, 2, 29), dt.datetime(2024, 3, 1), dt.datetime(2024, 1, 31)]
BEIJING_MONTHS = {"A1": "2024-02", "A2": "2024-02", "A3": "2024-03", "A4": "2024-01"}


def _parquet(instants, tz="UTC") -> bytes:
    table = pa.table({"账户": [f"A{i}" for i in range(1, len(instants) + 1)],
                      "日期": pa.array(instants, type=pa.timestamp("us", tz=tz)),
                      "余额": [100.0] * len(instants), "逾期天数": [0] * len(instants)})
    buf = io.BytesIO()
    pq.write_table(table, buf)
    return buf.getvalue()


def _utc(local, zone=SHANGHAI):
    return [d.replace(tzinfo=zone).astimezone(dt.timezone.utc) for d in local]


def _months_and_notes(data: bytes):
    result = load_portfolio(data, "book.parquet")
    months = dict(zip(result.portfolio["account_id"].astype(str), result.portfolio["month"].astype(str)))
    return months, {k: p for k, p in result.summary["notes"] if k.startswith("ingest.note.utc_")}


def test_local_midnights_stored_in_utc_fall_in_their_local_month(monkeypatch):
    monkeypatch.delenv("DW_TIMEZONE", raising=False)
    months, notes = _months_and_notes(_parquet(_utc(LOCAL)))
    assert months == BEIJING_MONTHS  # by UTC, A1 and A3 were a month early
    assert notes == {"ingest.note.utc_local_midnights": {"column": "日期", "zone": "UTC+08:00"}}


def test_a_western_book_is_read_at_its_own_midnight(monkeypatch):
    monkeypatch.delenv("DW_TIMEZONE", raising=False)
    new_york = zoneinfo.ZoneInfo("America/New_York")
    winter = [dt.datetime(2024, 1, 31), dt.datetime(2024, 2, 1)]  # one offset (−05:00) throughout
    months, notes = _months_and_notes(_parquet(_utc(winter, new_york)))
    assert months == {"A1": "2024-01", "A2": "2024-02"}
    assert notes["ingest.note.utc_local_midnights"]["zone"] == "UTC-05:00"


def test_utc_midnights_are_left_as_they_are_without_a_word(monkeypatch):
    monkeypatch.delenv("DW_TIMEZONE", raising=False)
    months, notes = _months_and_notes(_parquet(LOCAL))
    assert months == BEIJING_MONTHS and notes == {}


def test_times_of_day_that_differ_are_read_in_the_configured_zone_or_in_utc_with_a_note(monkeypatch):
    instants = [dt.datetime(2024, 1, 31, 17, 30), dt.datetime(2024, 2, 10, 3, 0)]  # Beijing: 02-01 01:30, 02-10 11:00
    monkeypatch.delenv("DW_TIMEZONE", raising=False)
    months, notes = _months_and_notes(_parquet(instants))
    assert months == {"A1": "2024-01", "A2": "2024-02"}
    assert list(notes) == ["ingest.note.utc_read_as_utc"]
    monkeypatch.setenv("DW_TIMEZONE", "Asia/Shanghai")
    months, notes = _months_and_notes(_parquet(instants))
    assert months == {"A1": "2024-02", "A2": "2024-02"}
    assert notes == {"ingest.note.utc_read_in_zone": {"column": "日期", "zone": "Asia/Shanghai"}}


def test_a_zone_that_is_not_one_is_ignored(monkeypatch):
    monkeypatch.setenv("DW_TIMEZONE", "Mars/Olympus")
    months, _ = _months_and_notes(_parquet([dt.datetime(2024, 1, 31, 17, 30), dt.datetime(2024, 2, 10, 3)]))
    assert months == {"A1": "2024-01", "A2": "2024-02"}


def test_a_named_zone_is_the_writers_wall_clock(monkeypatch):
    monkeypatch.setenv("DW_TIMEZONE", "America/New_York")  # the column says where it is: that wins
    months, notes = _months_and_notes(_parquet(_utc(LOCAL), tz="Asia/Shanghai"))
    assert months == BEIJING_MONTHS and notes == {}


@pytest.mark.parametrize("chunk_bytes", [64, 64 * 1000])
def test_a_converted_dataset_reads_the_zone_as_the_upload_does(tmp_path, monkeypatch, chunk_bytes):
    monkeypatch.delenv("DW_TIMEZONE", raising=False)
    # the first piece (one row at chunk_bytes=64) is a local midnight; a later one is not
    instants = _utc(LOCAL) + [dt.datetime(2024, 3, 5, 9, 0)]
    path = tmp_path / "book.parquet"
    path.write_bytes(_parquet(instants))
    payload = convert_to_dataset(path, tmp_path / "out", chunk_bytes=chunk_bytes)
    whole = load_portfolio(path.read_bytes(), path.name)
    assert payload["months"] == sorted(whole.portfolio["month"].astype(str).unique().tolist())
    assert [k for k, _ in whole.summary["notes"] if k.startswith("ingest.note.utc_")] == ["ingest.note.utc_read_as_utc"]
    assert any("was read as dates in UTC" in note for note in payload["notes"])  # the report says it too


def test_noon_utc_is_a_date_stored_as_an_instant_not_a_far_east_midnight(monkeypatch):
    # 2024-01-31T12:00Z was read as New Zealand's midnight, 2024-02-01: a month-end book moved a month
    monkeypatch.delenv("DW_TIMEZONE", raising=False)
    months, notes = _months_and_notes(_parquet([dt.datetime(2024, 1, 31, 12), dt.datetime(2024, 2, 29, 12)]))
    assert months == {"A1": "2024-01", "A2": "2024-02"} and "ingest.note.utc_local_midnights" not in notes


def test_the_configured_zone_beats_the_guess(monkeypatch):
    monkeypatch.setenv("DW_TIMEZONE", "UTC")  # the administrator knows the book is kept in UTC
    months, notes = _months_and_notes(_parquet(_utc(LOCAL)))
    assert months["A1"] == "2024-01" and "ingest.note.utc_local_midnights" not in notes


#: Month-end and month-start midnights on both sides of the daylight-saving changes.
SEASONS = [dt.datetime(2024, 1, 31), dt.datetime(2024, 4, 1), dt.datetime(2024, 6, 30), dt.datetime(2024, 11, 1)]
SEASON_MONTHS = {"A1": "2024-01", "A2": "2024-04", "A3": "2024-06", "A4": "2024-11"}


@pytest.mark.parametrize("zone, offsets", [("Europe/Berlin", "UTC+01:00/+02:00"),
                                           ("America/New_York", "UTC-05:00/-04:00"),
                                           ("Europe/London", "UTC+00:00/+01:00")])
def test_a_book_kept_where_clocks_change_is_read_at_each_dates_own_midnight(monkeypatch, zone, offsets):
    # a year of a European book has two times of day (23:00 and 22:00 UTC): it was read in UTC,
    # and every summer month-start fell into the month before
    monkeypatch.delenv("DW_TIMEZONE", raising=False)
    months, notes = _months_and_notes(_parquet(_utc(SEASONS, zoneinfo.ZoneInfo(zone))))
    assert months == SEASON_MONTHS
    assert notes == {"ingest.note.utc_local_midnights": {"column": "日期", "zone": offsets}}


def test_two_times_of_day_and_a_third_are_no_daylight_saving(monkeypatch):
    monkeypatch.delenv("DW_TIMEZONE", raising=False)
    instants = _utc(SEASONS, zoneinfo.ZoneInfo("Europe/Berlin")) + [dt.datetime(2024, 12, 5, 9, 30)]
    months, notes = _months_and_notes(_parquet(instants))
    assert months["A2"] == "2024-03" and list(notes) == ["ingest.note.utc_read_as_utc"]  # UTC, and said


def test_a_converted_dataset_finds_the_summer_offset_in_a_later_piece(tmp_path, monkeypatch):
    monkeypatch.delenv("DW_TIMEZONE", raising=False)
    path = tmp_path / "book.parquet"
    path.write_bytes(_parquet(_utc(SEASONS, zoneinfo.ZoneInfo("Europe/Berlin"))))
    payload = convert_to_dataset(path, tmp_path / "out", chunk_bytes=64)  # one row a piece: winter first
    assert payload["months"] == sorted(SEASON_MONTHS.values())


def test_a_utc_book_with_one_stray_late_value_is_no_daylight_saving_book(monkeypatch):
    # UTC midnights and a single 23:00 read as London (00:00 winter, 23:00 summer): the stray value
    # moved a day (a month, at a month's end) with a note naming a zone the book is not kept in
    monkeypatch.delenv("DW_TIMEZONE", raising=False)
    instants = [dt.datetime(2024, m, 28) for m in range(1, 13)] * 3 + [dt.datetime(2024, 1, 31, 23)]
    months, notes = _months_and_notes(_parquet(instants))
    assert months[f"A{len(instants)}"] == "2024-01" and list(notes) == ["ingest.note.utc_read_as_utc"]
