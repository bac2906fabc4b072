"""Several-files problems listed before the build (analysis.ingest.multi.set_problems), agreeing with build_combined."""
from __future__ import annotations

import pytest

from analysis.ingest.errors import IngestError
from analysis.ingest.multi import build_combined, combine, date_header_of, describe_files, read_files, set_problems
from analysis.ingest.portfolio import IngestOptions

HEADER = "客户编号,逾期天数,贷款余额,产品"
MAPPING = {"account_id": "客户编号", "days_past_due": "逾期天数", "balance": "贷款余额"}


def _multi(files: dict[str, str]):
    raws = read_files([(text.encode("utf-8"), name) for name, text in files.items()])
    return combine(raws, describe_files(raws, date_header_of(raws, MAPPING)), date_header_of(raws, MAPPING),
                   allow_missing=True)


def _raised(multi, mapping, options=IngestOptions()) -> str | None:
    try:
        build_combined(multi, mapping, options)
    except IngestError as exc:
        return exc.key
    return None


def test_a_good_set_has_no_problem_and_builds():
    multi = _multi({"2024-01.csv": f"{HEADER}\nA,0,1,x\n", "2024-02.csv": f"{HEADER}\nA,0,2,x\n"})
    assert set_problems(multi, MAPPING) == []
    assert _raised(multi, MAPPING) is None


def test_every_file_without_a_month_is_listed_one_by_one_naming_the_file():
    multi = _multi({"2024-01.csv": f"{HEADER}\nA,0,1,x\n", "latest.csv": f"{HEADER}\nA,0,2,x\n",
                    "copy.csv": f"{HEADER}\nB,0,2,x\n"})
    found = set_problems(multi, MAPPING)
    assert [(p.key, p.params["name"]) for p in found] == [("multi.precheck.no_month", "copy.csv"),
                                                         ("multi.precheck.no_month", "latest.csv")]
    # the first listed is what the build raises, and each message names its file and what to do
    assert found[0].raises == _raised(multi, MAPPING) == "multi.error.no_month"
    assert "copy.csv" in found[0].message("en") and "Month column" in found[0].message("en")
    assert "latest.csv" in found[1].message("zh") and "“月份”列" in found[1].message("zh")


def test_a_mapped_header_missing_from_files_is_listed_per_file_with_what_it_lacks():
    multi = _multi({"2024-01.csv": f"{HEADER}\nA,0,1,x\n", "2024-02.csv": "客户编号,逾期天数\nA,0\n",
                    "2024-03.csv": "客户编号,逾期天数,贷款余额\nA,0,3\n"})
    options = IngestOptions(extra_segments=("产品",))
    found = set_problems(multi, MAPPING, options)
    assert [(p.key, p.params["name"], p.params["headers"]) for p in found] == [
        ("multi.precheck.missing_headers", "2024-02.csv", ("产品", "贷款余额")),
        ("multi.precheck.missing_headers", "2024-03.csv", ("产品",))]
    assert all(p.params["first"] == "2024-01.csv" for p in found)
    assert found[0].raises == _raised(multi, MAPPING, options) == "multi.error.missing_headers"
    # unmapping them (the page's "—") clears the list and the build goes ahead
    counts = IngestOptions(balance_missing="unit")
    assert set_problems(multi, {**MAPPING, "balance": ""}, counts) == []
    assert _raised(multi, {**MAPPING, "balance": ""}, counts) is None


def test_a_date_column_some_files_lack_is_not_a_missing_header():
    """The month column stands in for the date column in files whose month came from the name,
    as in build_combined: not a missing header."""
    mapping = {**MAPPING, "snapshot_date": "统计日期"}
    raws = read_files([("统计日期,客户编号,逾期天数,贷款余额\n2024-01-31,A,0,1\n".encode(), "a.csv"),
                       ("客户编号,逾期天数,贷款余额,统计日期\nA,0,2,\n".encode(), "loans_202402.csv"),
                       ("客户编号,逾期天数,贷款余额\nA,0,3\n".encode(), "loans_202403.csv")])
    multi = combine(raws, describe_files(raws, "统计日期"), "统计日期", allow_missing=True)
    assert set_problems(multi, mapping) == []
    assert _raised(multi, mapping) is None


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_markdown_escapes_a_file_name(lang):
    multi = _multi({"2024-01.csv": f"{HEADER}\nA,0,1,x\n", "*latest*.csv": f"{HEADER}\nA,0,2,x\n"})
    (problem,) = set_problems(multi, MAPPING)
    assert "*latest*.csv" in problem.message(lang) and "*latest*.csv" not in problem.markdown(lang)
