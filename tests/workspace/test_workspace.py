"""The workspace file (analysis/workspace.py): round trip, personal data, bad files, extending."""
from __future__ import annotations

import io
import json
import zipfile

import numpy as np
import pandas as pd
import pytest

from analysis.ingest.portfolio import IngestOptions, load_portfolio
from analysis.workspace import (
    FORMAT_VERSION, WorkspaceError, extend_workspace, open_workspace, overlapping_months, save_workspace,
)

HEADER = "account_id,month,dpd,balance,product,customer_name,phone,id_number,overdue_reason\n"
JAN_FEB = (
    HEADER
    + "13800000001,2024-01,0,100.25,信用卡,张三,13812345678,110101199001011234,\n"
    + "B,2024-01,35,200.10,消费贷,李四,13912345678,110101199001015678,失业，请致电13712345678\n"
    + "13800000001,2024-02,0,90.00,信用卡,张三,13812345678,110101199001011234,\n"
    + "B,2024-02,65,205.00,消费贷,李四,13912345678,110101199001015678,失业\n"
    + "C,2024-02,-3,50,消费贷,王五,13612345678,110101199001019999,\n"  # rejected: negative DPD
)
MARCH = (
    HEADER
    + "13800000001,2024-03,0,80.50,信用卡,张三,13812345678,110101199001011234,\n"
    + "B,2024-03,95,210.00,经营贷,李四,13912345678,110101199001015678,\n"
    + "D,2024-03,0,-7,经营贷,赵六,13512345678,110101199001010000,\n"  # rejected: negative balance
)


def load(text: str, name: str = "a.csv"):
    return load_portfolio(text.encode("utf-8"), name)


SETTINGS = {"sidebar": {"unit": "wan", "measure": "count", "bucket_scheme": "custom", "bucket_edges": "30, 60",
                        "filter_months": ["2024-01", "2024-02"], "filters": {"product": ["信用卡"]}},
            "warnings": {"warnings_th_rising_months": 3, "warnings_enabled_signals": ["a", "b"]},
            "whatif": {"scenarios": [{"id": 0, "name": "基准", "policy": "{\"rules\": []}"}]}}


def tables():
    return {
        "events": pd.DataFrame({"month": pd.Series(["2024-02"], dtype="str"), "label": pd.Series(["催收外包上线"], dtype="str")}),
        "stage_playbook": pd.DataFrame({"min_dpd": [0, 31], "max_dpd": [30, None], "action": ["call", "legal"]}),
    }


# --- round trip --------------------------------------------------------------------------------

def test_round_trip_keeps_everything_exactly():
    res = load(JAN_FEB)
    data = save_workspace(res, "逾期明细 2024-02.csv", settings=SETTINGS, tables=tables(), include_personal=True,
                          created_at="2026-01-02T03:04:05+00:00")
    ws = open_workspace(data)
    pd.testing.assert_frame_equal(ws.result.portfolio, res.portfolio)  # values and dtypes
    assert ws.result.portfolio.dtypes.to_dict() == res.portfolio.dtypes.to_dict()
    assert isinstance(ws.result.portfolio["product"].dtype, pd.CategoricalDtype)
    assert list(ws.result.portfolio["product"].cat.categories) == list(res.portfolio["product"].cat.categories)
    assert ws.result.summary == res.summary
    assert ws.result.summary["rows_read"] == 5 and ws.result.summary["rows_rejected"] == 1
    assert ws.result.rejected["row"].tolist() == res.rejected["row"].tolist()
    assert ws.result.rejected["reason"].tolist() == res.rejected["reason"].tolist()
    assert list(ws.result.rejected["detail"]) == list(res.rejected["detail"])
    assert ws.settings == SETTINGS
    for name, table in tables().items():
        pd.testing.assert_frame_equal(ws.tables[name], table)
    assert ws.name == "逾期明细 2024-02.csv"
    assert ws.created_at == "2026-01-02T03:04:05+00:00"
    assert ws.format_version == FORMAT_VERSION
    assert ws.personal_data == {"included": True, "left_out": [], "masked": []}


def test_the_mapping_is_saved_as_the_mapping_file_the_upload_page_reads():
    res = load(JAN_FEB)
    with zipfile.ZipFile(io.BytesIO(save_workspace(res, "a.csv"))) as archive:
        payload = json.loads(archive.read("mapping.json"))
    assert payload["mapping"]["days_past_due"] == "dpd"
    assert payload["options"]["amount_unit"] == "yuan"


def test_the_input_is_not_changed():
    res = load(JAN_FEB)
    before = res.portfolio.copy()
    save_workspace(res, "a.csv")
    pd.testing.assert_frame_equal(res.portfolio, before)


# --- personal data -----------------------------------------------------------------------------

def test_personal_data_is_left_out_by_default():
    res = load(JAN_FEB)
    ws = open_workspace(save_workspace(res, "a.csv"))
    out = ws.result.portfolio
    assert not {"customer_name", "phone", "id_number"} & set(out.columns)
    # a phone number inside a note is masked; the note itself is kept
    assert out["overdue_reason"].dropna().tolist() == ["失业，请致电137****5678", "失业"]
    # the account id links months: kept as it is even when it looks like a phone number
    assert out["account_id"].tolist() == res.portfolio["account_id"].tolist()
    assert out["balance"].tolist() == res.portfolio["balance"].tolist()
    assert ws.personal_data == {"included": False, "left_out": ["customer_name", "phone", "id_number"],
                                "masked": ["overdue_reason"]}
    # nowhere in the file: every table and text inside, decompressed
    with zipfile.ZipFile(io.BytesIO(save_workspace(res, "a.csv"))) as archive:
        inside = "".join(pd.read_parquet(io.BytesIO(archive.read(n))).to_csv() if n.endswith(".parquet")
                         else archive.read(n).decode("utf-8") for n in archive.namelist())
    assert "13912345678" not in inside and "李四" not in inside and "110101199001011234" not in inside


def test_a_column_of_names_found_by_content_is_masked():
    names = ["张伟", "王芳", "李娜", "刘洋", "陈静", "杨磊", "赵敏", "黄勇", "周杰", "吴刚",
             "徐丽", "孙涛", "胡军", "朱琳", "高峰", "林霞", "何平", "郭强", "马超", "罗兰", "梁宏"]
    rows = "".join(f"A{i},2024-01,0,10,{n}\n" for i, n in enumerate(names))
    res = load_portfolio(("account_id,month,dpd,balance,联系人\n" + rows).encode(), "a.csv",
                         options=IngestOptions(extra_segments=("联系人",)))
    assert "联系人" in res.portfolio.columns
    ws = open_workspace(save_workspace(res, "a.csv"))
    assert "联系人" in ws.personal_data["masked"]
    assert not set(names) & set(ws.result.portfolio["联系人"].astype(str))


def test_rejected_details_lose_personal_data_too():
    bad = HEADER + "A,2024-01,电话13812345678,5,卡,张三,13812345678,110101199001011234,\n"
    res = load(bad + "B,2024-01,0,5,卡,李四,13912345678,110101199001015678,\n")
    assert "13812345678" in json.dumps(list(res.rejected["detail"]), ensure_ascii=False)
    ws = open_workspace(save_workspace(res, "a.csv"))
    assert "13812345678" not in json.dumps(list(ws.result.rejected["detail"]), ensure_ascii=False)
    ws_all = open_workspace(save_workspace(res, "a.csv", include_personal=True))
    assert list(ws_all.result.rejected["detail"]) == list(res.rejected["detail"])


def test_a_workspace_without_personal_data_keeps_none_in_its_name_settings_or_rejections():
    phone = "13912345678"
    rows = "".join(f"A{i},2024-01,{i},{100 + i},{phone},北京\n" for i in range(30))
    csv = ("account_id,month,dpd,balance,phone,branch\n" + rows
           + f"A97,2024-01,5,10,{phone},{phone}\nA99,2024-01,abc{phone},5,{phone},北京\n").encode()
    res = load_portfolio(csv, f"客户{phone}.csv")
    settings = {"sidebar": {"filters": {"branch": [phone, "北京"], "phone": [phone]}}, "unit": "wan"}
    data = save_workspace(res, f"客户{phone}.csv", settings=settings)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for member in archive.namelist():
            blob = archive.read(member)
            text = pd.read_parquet(io.BytesIO(blob)).to_csv() if member.endswith(".parquet") else blob.decode()
            assert phone not in text, member
    ws = open_workspace(data)
    assert ws.name == "客户139****5678.csv"
    # the filter value is written as the panel's value is, so the filter still finds its rows
    chosen = ws.settings["sidebar"]["filters"]["branch"]
    assert chosen == ["139****5678", "北京"] and "139****5678" in set(ws.result.portfolio["branch"].astype(str))
    assert ws.settings["sidebar"]["filters"]["phone"] == ["139****5678"] and ws.settings["unit"] == "wan"
    kept = open_workspace(save_workspace(res, f"客户{phone}.csv", settings=settings, include_personal=True))
    assert kept.name == f"客户{phone}.csv" and kept.settings == settings


# --- bad files ---------------------------------------------------------------------------------

def _rezip(data: bytes, change) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members = {n: archive.read(n) for n in archive.namelist()}
    change(members)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, body in members.items():
            archive.writestr(name, body)
    return out.getvalue()


def _zip(**members) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, body in members.items():
            archive.writestr(name, body)
    return out.getvalue()


@pytest.mark.parametrize("data", [
    b"", JAN_FEB.encode(), b"%PDF-1.4 junk", _zip(**{"a.txt": "x"}),
    _zip(**{"manifest.json": json.dumps({"format": "something/else", "format_version": 1})}),
    _zip(**{"manifest.json": "not json"}),
], ids=["empty", "csv", "pdf", "foreign-zip", "foreign-manifest", "bad-manifest"])
def test_a_file_that_is_not_a_workspace_says_so(data):
    with pytest.raises(WorkspaceError) as err:
        open_workspace(data)
    assert err.value.key in ("workspace.error.not_workspace", "workspace.error.corrupt")
    zh, en = err.value.message("zh"), err.value.message("en")
    assert "工作区" in zh and "workspace" in en and zh != en


def test_a_truncated_file_is_refused_with_a_message():
    data = save_workspace(load(JAN_FEB), "a.csv")
    with pytest.raises(WorkspaceError) as err:
        open_workspace(data[: len(data) // 2])
    assert err.value.key in ("workspace.error.not_workspace", "workspace.error.corrupt")


def test_an_altered_part_is_found():
    data = save_workspace(load(JAN_FEB), "a.csv")

    def alter(members):
        summary = json.loads(members["summary.json"])
        summary["balance_accepted"] = 1.0
        members["summary.json"] = json.dumps(summary).encode()

    with pytest.raises(WorkspaceError) as err:
        open_workspace(_rezip(data, alter))
    assert err.value.key == "workspace.error.corrupt"
    assert "summary.json" in err.value.message("zh") and "summary.json" in err.value.message("en")


def test_a_missing_part_is_found():
    data = save_workspace(load(JAN_FEB), "a.csv")
    with pytest.raises(WorkspaceError) as err:
        open_workspace(_rezip(data, lambda m: m.pop("portfolio.parquet")))
    assert err.value.key == "workspace.error.corrupt"


def test_a_newer_format_says_so():
    data = save_workspace(load(JAN_FEB), "a.csv")

    def newer(members):
        manifest = json.loads(members["manifest.json"])
        manifest["format_version"] = FORMAT_VERSION + 1
        manifest["app_version"] = "9.9"
        members["manifest.json"] = json.dumps(manifest).encode()

    with pytest.raises(WorkspaceError) as err:
        open_workspace(_rezip(data, newer))
    assert err.value.key == "workspace.error.newer"
    assert str(FORMAT_VERSION + 1) in err.value.message("en") and "9.9" in err.value.message("zh")
    assert "newer" in err.value.message("en") and "更新" in err.value.message("zh")


# --- extending ---------------------------------------------------------------------------------

def test_extend_by_one_month_reconciles():
    old, new = load(JAN_FEB), load(MARCH, "2024-03.csv")
    out = extend_workspace(old, new, new_name="2024-03.csv")
    s = out.summary
    assert s["months"] == ["2024-01", "2024-02", "2024-03"]
    # by hand: 4 + 2 rows accepted; 1 + 1 rejected; 5 + 3 read
    assert (s["rows_read"], s["rows_accepted"], s["rows_rejected"]) == (8, 6, 2)
    assert len(out.portfolio) == 6
    assert s["balance_accepted"] == pytest.approx(100.25 + 200.10 + 90.00 + 205.00 + 80.50 + 210.00, abs=1e-9)
    assert s["balance_rejected"] == pytest.approx(50 + -7, abs=1e-9)
    assert s["balance_read"] == pytest.approx(s["balance_accepted"] + s["balance_rejected"], abs=1e-9)
    assert out.portfolio["balance"].sum() == pytest.approx(s["balance_accepted"], abs=1e-9)
    assert s["accounts"] == 2
    a, b = old.summary["reasons"], new.summary["reasons"]
    assert s["reasons"] == {k: a.get(k, 0) + b.get(k, 0) for k in {*a, *b}}
    assert sum(s["reasons"].values()) == 2
    assert len(out.rejected) == 2 and out.rejected["position"].tolist() == [0, 1]
    assert s["replaced"] == {"months": [], "rows": 0, "balance": 0.0}
    assert s["extended"][-1]["name"] == "2024-03.csv" and s["extended"][-1]["months"] == ["2024-03"]
    # one panel: sorted by month, dtypes kept, the new product category joined to the old ones
    assert out.portfolio["month"].tolist() == ["2024-01"] * 2 + ["2024-02"] * 2 + ["2024-03"] * 2
    assert out.portfolio.dtypes.to_dict() == old.portfolio.dtypes.to_dict() | {"product": out.portfolio["product"].dtype}
    assert isinstance(out.portfolio["product"].dtype, pd.CategoricalDtype)
    assert out.portfolio["product"].astype(str).tolist() == ["信用卡", "消费贷", "信用卡", "消费贷", "信用卡", "经营贷"]
    assert str(out.portfolio["month"].dtype) == str(old.portfolio["month"].dtype)


def test_extend_then_save_and_open_keeps_the_longer_history():
    old = open_workspace(save_workspace(load(JAN_FEB), "a.csv", include_personal=True)).result
    out = extend_workspace(old, load(MARCH, "b.csv"))
    again = open_workspace(save_workspace(out, "a.csv + b.csv", include_personal=True)).result
    pd.testing.assert_frame_equal(again.portfolio, out.portfolio)
    assert again.summary["months"] == ["2024-01", "2024-02", "2024-03"]


def test_overlapping_months_are_replaced_by_the_new_file():
    old = load(JAN_FEB)
    feb_again = HEADER + "13800000001,2024-02,0,91.00,信用卡,张三,,,\nB,2024-02,65,206.00,消费贷,李四,,,\n"
    new = load(feb_again + MARCH[len(HEADER):], "corrected.csv")
    assert overlapping_months(old, new) == ["2024-02"]
    out = extend_workspace(old, new)
    feb = out.portfolio[out.portfolio["month"] == "2024-02"]
    assert sorted(feb["balance"].tolist()) == [91.0, 206.0]  # the new file's, not the old 90 and 205
    assert out.summary["months"] == ["2024-01", "2024-02", "2024-03"]
    assert out.summary["replaced"]["months"] == ["2024-02"]
    assert out.summary["replaced"]["rows"] == 2
    assert out.summary["replaced"]["balance"] == pytest.approx(90.0 + 205.0, abs=1e-9)
    # old 4 accepted − 2 replaced + new 4 accepted
    assert out.summary["rows_accepted"] == 6 == len(out.portfolio)
    assert out.summary["balance_accepted"] == pytest.approx(out.portfolio["balance"].sum(), abs=1e-9)
    assert out.summary["rows_read"] == out.summary["rows_accepted"] + out.summary["rows_rejected"]
    assert not out.portfolio.duplicated(["account_id", "month"]).any()


def test_overlap_can_be_refused_with_the_months_named():
    old = load(JAN_FEB)
    with pytest.raises(WorkspaceError) as err:
        extend_workspace(old, load(JAN_FEB), on_overlap="refuse")
    assert err.value.key == "workspace.error.overlap"
    assert "2024-01" in err.value.message("zh") and "2024-02" in err.value.message("en")


def test_extending_does_not_change_either_input():
    old, new = load(JAN_FEB), load(MARCH)
    before_old, before_new = old.portfolio.copy(), new.portfolio.copy()
    extend_workspace(old, new)
    pd.testing.assert_frame_equal(old.portfolio, before_old)
    pd.testing.assert_frame_equal(new.portfolio, before_new)


def test_a_segment_the_new_file_lacks_stays_for_the_old_months():
    old = load(JAN_FEB)
    new = load("account_id,month,dpd,balance\nB,2024-03,0,1.5\n")
    out = extend_workspace(old, new)
    march = out.portfolio[out.portfolio["month"] == "2024-03"]
    assert march["product"].isna().all() and isinstance(out.portfolio["product"].dtype, pd.CategoricalDtype)
    assert out.portfolio.loc[out.portfolio["month"] == "2024-01", "product"].astype(str).tolist() == ["信用卡", "消费贷"]
    assert np.isclose(out.summary["balance_accepted"], old.summary["balance_accepted"] + 1.5)


def _forged(data: bytes, change) -> bytes:
    """``data`` with ``change(members)`` applied and the manifest's digests written to match: an
    edit made by someone who knows the format (the digests find only accidents)."""
    import hashlib

    def forge(members):
        change(members)
        manifest = json.loads(members["manifest.json"])
        manifest["members"] = {name: hashlib.sha256(body).hexdigest() for name, body in members.items()
                               if name != "manifest.json"}
        members["manifest.json"] = json.dumps(manifest).encode()

    return _rezip(data, forge)


def _parquet_bytes(frame: pd.DataFrame) -> bytes:
    out = io.BytesIO()
    frame.to_parquet(out, index=False)
    return out.getvalue()


def _panel(members) -> pd.DataFrame:
    return pd.read_parquet(io.BytesIO(members["portfolio.parquet"]))


def _set_panel(members, frame: pd.DataFrame) -> None:
    members["portfolio.parquet"] = _parquet_bytes(frame)


@pytest.mark.parametrize("how", ["duplicate rows", "infinite balance", "month 0000-00", "no account", "text balance"])
def test_a_forged_panel_ingest_could_not_have_accepted_is_refused(how):
    # duplicated account-months doubled the aging, silently
    data = save_workspace(load(JAN_FEB), "a.csv")

    def change(members):
        panel = _panel(members)
        if how == "duplicate rows":
            panel = pd.concat([panel.iloc[:1], panel.iloc[:-1]], ignore_index=True)
        elif how == "infinite balance":
            panel.loc[0, "balance"] = np.inf
        elif how == "month 0000-00":
            panel["month"] = panel["month"].astype(object)
            panel.loc[0, "month"] = "0000-00"
        elif how == "no account":
            panel["account_id"] = panel["account_id"].astype(object)
            panel.loc[0, "account_id"] = None
        else:  # text that is no number (numbers written as text are restored exactly, as saved)
            panel["balance"] = panel["balance"].astype(str)
            panel.loc[0, "balance"] = "abc"
        _set_panel(members, panel)

    with pytest.raises(WorkspaceError) as err:
        open_workspace(_forged(data, change))
    assert err.value.key == "workspace.error.corrupt"


def test_a_manifest_dtype_that_would_change_values_is_refused():
    # int8 for the balance wrapped 14,668.77 to 76
    data = save_workspace(load(JAN_FEB), "a.csv")

    def change(members):
        manifest = json.loads(members["manifest.json"])
        manifest["dtypes"]["balance"] = "int8"
        members["manifest.json"] = json.dumps(manifest).encode()

    with pytest.raises(WorkspaceError):
        open_workspace(_forged(data, change))


def test_personal_columns_put_back_into_a_file_saved_without_them_are_refused():
    res = load(JAN_FEB)
    data = save_workspace(res, "a.csv")  # personal data left out by default

    def change(members):
        panel = _panel(members)
        _set_panel(members, panel.assign(phone="13812345678"))

    with pytest.raises(WorkspaceError):
        open_workspace(_forged(data, change))


@pytest.mark.parametrize("part, body", [
    ("settings.json", "[" * 100_000 + "]" * 100_000), ("summary.json", "[1, 2, 3]"), ("summary.json", "null"),
])
def test_a_part_of_a_shape_the_app_never_writes_is_refused_not_raised(part, body):
    data = save_workspace(load(JAN_FEB), "a.csv")
    with pytest.raises(WorkspaceError) as err:
        open_workspace(_forged(data, lambda m: m.__setitem__(part, body.encode())))
    assert err.value.key == "workspace.error.corrupt"


def test_a_panel_that_inflates_beyond_the_file_is_refused_before_it_is_read():
    data = save_workspace(load(JAN_FEB), "a.csv")
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(out, "w") as zout:
        for info in zin.infolist():
            if info.filename == "portfolio.parquet":
                zout.writestr(info.filename, b"\0" * (80 << 20), compress_type=zipfile.ZIP_DEFLATED)
            else:
                zout.writestr(info, zin.read(info))
    with pytest.raises(WorkspaceError) as err:
        open_workspace(out.getvalue())
    assert err.value.params["part"] == "portfolio.parquet"
