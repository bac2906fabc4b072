"""Sign-in and who may unmask: off on a laptop, the organisation's sign-in and a group on a server,
and every unmask written to the audit trail (who, when, what; no data value)."""
from __future__ import annotations

import json

from streamlit.testing.v1 import AppTest

from analysis.core.audit import audit_record
from tests.app.apptest import assert_clean
from tests.conftest import REPO
from ui.i18n import all_messages
from ui.warnings.keys import K_TAB, K_UNMASK

AUTH = {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "x" * 32, "client_id": "wb",
        "client_secret": "s", "server_metadata_url": "https://idp.example/.well-known/openid-configuration"}


def _app(user: dict | None = None, group: str | None = "risk-unmask", lang: str = "zh") -> AppTest:
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=120)
    at.session_state["lang"] = lang
    at.secrets["auth"] = AUTH
    if group:
        at.secrets["DW_UNMASK_GROUP"] = group
    if user is not None:
        at.user = user
    return at


def test_with_sign_in_configured_nothing_shows_before_sign_in():
    at = _app(user={"is_logged_in": False}).run()
    assert not at.exception
    assert any("登录" in i.value for i in at.info)
    assert at.button[0].label == "登录"
    assert not at.metric and not at.dataframe  # no figure of the book before sign-in


def _unmask_toggle(at: AppTest):
    at.session_state[K_TAB] = all_messages()["warnings.tab.list"][at.session_state["lang"]]  # the account list's tab
    at.switch_page("pages/warnings.py")
    at.run()
    assert_clean(at)
    return next(tg for tg in at.toggle if tg.key == K_UNMASK)


def test_a_user_outside_the_group_cannot_unmask(tmp_path, monkeypatch):
    monkeypatch.setenv("DW_AUDIT_LOG", str(tmp_path / "audit.jsonl"))
    at = _app(user={"is_logged_in": True, "email": "clerk@bank.example", "groups": ["collections"]}).run()
    toggle = _unmask_toggle(at)
    assert toggle.disabled and toggle.value is False


def test_a_member_of_the_group_unmasks_and_it_is_recorded_without_data(tmp_path, monkeypatch):
    log = tmp_path / "audit.jsonl"
    monkeypatch.setenv("DW_AUDIT_LOG", str(log))
    at = _app(user={"is_logged_in": True, "email": "cro@bank.example", "groups": ["risk-unmask"]}).run()
    toggle = _unmask_toggle(at)
    assert not toggle.disabled
    toggle.set_value(True).run()
    assert_clean(at)
    records = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    assert len(records) == 1
    assert records[0]["user"] == "cro@bank.example" and records[0]["event"] == "unmask"
    assert set(records[0]) <= {"time", "user", "event", "where", "rows", "detail"}
    at.run()  # still on: not recorded twice
    assert len(log.read_text(encoding="utf-8").splitlines()) == 1


def test_sign_in_on_and_no_group_configured_means_nobody_unmasks():
    at = _app(user={"is_logged_in": True, "email": "cro@bank.example", "groups": ["risk-unmask"]}, group=None).run()
    assert _unmask_toggle(at).disabled


def test_an_audit_record_refuses_an_unknown_event():
    import pytest

    with pytest.raises(ValueError):
        audit_record("a", "download_everything", "x")


def test_the_runtime_requirements_carry_what_streamlits_sign_in_imports():
    # requirements.txt named Authlib but not httpx: st.login's OIDC client failed to import and
    # the sign-in button answered "Internal Server Error" (Streamlit's "auth" extra is both)
    import importlib.metadata
    import re

    from tests.conftest import REPO

    wanted = [r.split(";")[0] for r in importlib.metadata.requires("streamlit") or () if 'extra == "auth"' in r]
    named = {re.split(r"[<>=!~\[ ]", line.strip())[0].lower()
             for line in (REPO / "requirements.txt").read_text().splitlines() if line.strip() and not line.startswith("#")}
    assert wanted, "Streamlit no longer has an auth extra: see how st.login is installed now"
    missing = [w for w in wanted if re.split(r"[<>=!~\[ ]", w)[0].lower() not in named]
    assert not missing, f"requirements.txt lacks Streamlit's sign-in dependencies: {missing}"
    from authlib.integrations import starlette_client  # noqa: F401  (what st.login imports)


def test_a_secrets_file_that_cannot_be_read_shows_nothing(tmp_path):
    # a typo in secrets.toml (an unclosed quote) turned sign-in off without a word: every page
    # opened to anyone, and anyone could unmask; the app now fails closed
    import streamlit as st
    from streamlit import config

    broken = tmp_path / "secrets.toml"
    broken.write_text('DW_UNMASK_GROUP = "risk-pii-viewers\n[auth]\nredirect_uri = "http://x/oauth2callback"\n')
    before = config.get_option("secrets.files")
    config.set_option("secrets.files", [str(broken)])
    st.secrets._reset()
    try:
        for lang, words in (("zh", "无法读取"), ("en", "cannot be read")):
            at = AppTest.from_file(str(REPO / "app.py"), default_timeout=120)
            at.session_state["lang"] = lang
            at.run()
            assert not at.exception
            assert any(words in e.value for e in at.error)
            assert not at.metric and not at.dataframe and not at.toggle  # no figure, no unmask switch
    finally:
        config.set_option("secrets.files", before)
        st.secrets._reset()


def test_the_deploy_secrets_example_gives_the_unmask_group_at_the_top_level():
    # DW_UNMASK_GROUP sat below [auth] in the example, so TOML made it auth.DW_UNMASK_GROUP: copied
    # as the README says, nobody could unmask, the group's members included
    import tomllib

    example = tomllib.loads((REPO / "deploy" / "secrets.toml.example").read_text())
    assert example.get("DW_UNMASK_GROUP") and "DW_UNMASK_GROUP" not in example["auth"]
    assert set(example["auth"]) == {"redirect_uri", "cookie_secret", "client_id", "client_secret", "server_metadata_url"}


def test_an_audit_trail_that_cannot_be_written_keeps_the_data_masked(tmp_path, monkeypatch):
    # compose's audit volume was root-owned: the first unmask ended in Streamlit's redacted error
    # box; an unmask that cannot be recorded does not happen, and the user is told why
    monkeypatch.setenv("DW_AUDIT_LOG", str(tmp_path / "no-such-folder" / "audit.jsonl"))
    at = _app(user={"is_logged_in": True, "email": "cro@bank.example", "groups": ["risk-unmask"]}, lang="en").run()
    toggle = _unmask_toggle(at)
    masked = [df.value.to_dict() for df in at.dataframe]
    assert masked
    toggle.set_value(True).run()
    assert not at.exception
    assert any("audit trail" in e.value and "DW_AUDIT_LOG" in e.value for e in at.error)
    assert [df.value.to_dict() for df in at.dataframe] == masked  # the same masked list


def test_a_sign_in_configured_in_part_says_what_it_lacks():
    # without client_secret the sign-in button answered with a bare error, in English
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=120)
    at.session_state["lang"] = "zh"
    at.secrets["auth"] = {k: v for k, v in AUTH.items() if k != "client_secret"}
    at.user = {"is_logged_in": False}
    at.run()
    assert not at.exception
    assert any("auth.client_secret" in e.value and "配置不完整" in e.value for e in at.error)
    assert not at.button and not at.metric  # no sign-in button that cannot work, no figure
