"""The one fact (a book has no balances) and the unit that carries it."""
from __future__ import annotations

import pytest

from analysis.core.units import COUNT_UNIT, MONEY_UNITS, counts_only, display_unit, format_amount, unit_label
from analysis.core.view import View
from tests.countonly.book import balance_result, count_only_result


def test_the_ingest_notes_say_whether_a_book_has_balances():
    assert counts_only(count_only_result().summary["notes"])
    assert not counts_only(balance_result().summary["notes"])
    # a converted dataset's report keeps the notes as [key, params] lists
    assert counts_only({"summary_notes": [["ingest.note.balance_unit", {}]], "notes": ["No balance column"]})


def test_accounts_are_written_as_accounts():
    assert unit_label(COUNT_UNIT, "zh") == "户" and unit_label(COUNT_UNIT, "en") == "accounts"
    assert format_amount(1234.0, COUNT_UNIT) == "1,234"  # no cents, no scaling
    assert COUNT_UNIT not in MONEY_UNITS  # never offered as a money unit
    assert display_unit("wan", True) == COUNT_UNIT and display_unit("wan", False) == "wan"


@pytest.mark.parametrize("measure", ["balance", "count"])
def test_a_count_only_view_measures_by_count(measure):
    view = View(unit=COUNT_UNIT, measure=measure)
    assert view.counts_only and view.measure == "count" and view.unit_label == "户"
    assert float(view.scale(7.0)) == 7.0
    assert not View(unit="wan", measure=measure).counts_only
    assert View(unit="wan", measure=measure).measure == measure


def test_a_dataset_converted_from_a_count_only_file_says_so(tmp_path):
    from analysis.core import book_from_parquet
    from analysis.ingest.dataset import convert_to_dataset
    from analysis.ingest.portfolio import IngestOptions
    from tests.countonly.book import CSV, CSV_WITH_BALANCE

    for name, data, options, expected in (("c.csv", CSV, IngestOptions(balance_missing="unit"), True),
                                          ("b.csv", CSV_WITH_BALANCE, None, False)):
        (tmp_path / name).write_bytes(data)
        out = tmp_path / f"{name}.ds"
        convert_to_dataset(tmp_path / name, out, options=options, workers=1)
        book = book_from_parquet(out)
        try:
            assert book.counts_only is expected
        finally:
            book.close()
