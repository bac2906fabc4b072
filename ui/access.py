"""Who may come in, and who may see personal data unmasked.

Off on a laptop: without an ``[auth]`` section in ``.streamlit/secrets.toml`` nobody signs in and
anyone at the machine may unmask (as before). On a server, configure Streamlit's OIDC sign-in
(``[auth]``: ``redirect_uri``, ``cookie_secret``, ``client_id``, ``client_secret``,
``server_metadata_url``) and every page asks for the organisation's sign-in first. Unmasking
personal data, on screen or in a download, is then limited to the members of
``DW_UNMASK_GROUP`` (a claim of the identity token, ``groups`` unless ``DW_UNMASK_CLAIM`` names
another); nobody may unmask when sign-in is on and no group is configured. Every unmask and every
unmasked export is written to the audit trail (:mod:`analysis.core.audit`).
"""
from __future__ import annotations

import os

import streamlit as st
from streamlit.errors import StreamlitSecretNotFoundError

from analysis.core.audit import AuditUnwritable, audit_record, write_audit
from ui.i18n import lang, t

K_AUDITED = "access_audited"  # widget keys whose switch-on was recorded this session


def _secret(key: str, default=None):
    if key in os.environ:
        return os.environ[key]
    try:
        return st.secrets.get(key, default)
    except Exception:  # no secrets file: nothing configured
        return default


def sign_in_configured() -> bool:
    """True when the deployer configured OIDC sign-in (``[auth]`` in the secrets)."""
    try:
        return "auth" in st.secrets
    except Exception:  # no secrets file at all
        return False


def signed_in() -> bool:
    return bool(st.user.get("is_logged_in", False))


def secrets_unreadable() -> bool:
    """A secrets file is there but cannot be read (a typo in it): whether it configures sign-in is
    unknown, so the app must not open as if it did not (anyone in, anyone unmasking)."""
    try:
        "auth" in st.secrets  # noqa: B015  (parses the files, raising when one cannot be read)
        return False
    except (StreamlitSecretNotFoundError, OSError):  # OSError: a file there that we may not open
        paths = st.get_option("secrets.files") or []
        return any(os.path.isfile(os.path.expanduser(str(path))) for path in paths)


#: What Streamlit's sign-in needs under [auth], and under the provider's own table (or [auth]
#: itself for the one default provider).
_AUTH_KEYS = ("redirect_uri", "cookie_secret")
_PROVIDER_KEYS = ("client_id", "client_secret", "server_metadata_url")


def missing_auth_settings(auth, provider: str | None = None) -> list[str]:
    """The settings an ``[auth]`` section lacks for Streamlit's sign-in (``auth.x`` names).

    Examples
    --------
    >>> missing_auth_settings({"redirect_uri": "https://x/oauth2callback", "client_id": "wb"})
    ['auth.cookie_secret', 'auth.client_secret', 'auth.server_metadata_url']
    >>> missing_auth_settings({"redirect_uri": "r", "cookie_secret": "c", "idp": {"client_id": "i"}}, "idp")
    ['auth.idp.client_secret', 'auth.idp.server_metadata_url']
    """
    auth = dict(auth or {})
    table, prefix = (dict(auth.get(provider) or {}), f"auth.{provider}.") if provider else (auth, "auth.")
    return [f"auth.{k}" for k in _AUTH_KEYS if not auth.get(k)] + \
        [prefix + k for k in _PROVIDER_KEYS if not table.get(k)]


def require_sign_in() -> None:
    """With sign-in configured, stop every page until the user has signed in; with a secrets file
    that cannot be read, stop every page (it may configure sign-in: fail closed, not open)."""
    if secrets_unreadable():
        st.title(t("app.title"))
        st.error(t("access.secrets_unreadable"), icon=":material/lock:")
        st.stop()
    if not sign_in_configured() or signed_in():
        return
    missing = missing_auth_settings(st.secrets.get("auth", {}), _secret("DW_AUTH_PROVIDER"))
    if missing:  # st.login would fail with a bare error: say what the administrator must add
        st.title(t("app.title"))
        st.error(t("access.auth_incomplete", missing=", ".join(missing)), icon=":material/lock:")
        st.stop()
    st.title(t("app.title"))
    st.info(t("access.sign_in_needed"), icon=":material/lock:")
    provider = _secret("DW_AUTH_PROVIDER")
    if st.button(t("access.sign_in"), type="primary", icon=":material/login:"):
        st.login(provider) if provider else st.login()
    st.stop()


def user_name() -> str:
    """Who is using the app, for the audit trail (``local`` without sign-in)."""
    if not sign_in_configured():
        return "local"
    return str(st.user.get("email") or st.user.get("sub") or "unknown")


def may_unmask() -> bool:
    """Whether this user may see personal data unmasked."""
    if not sign_in_configured():
        return True
    group = _secret("DW_UNMASK_GROUP")
    if not group or not signed_in():
        return False
    claim = st.user.get(_secret("DW_UNMASK_CLAIM", "groups"))
    members = claim if isinstance(claim, (list, tuple)) else str(claim or "").replace(",", " ").split()
    return str(group) in {str(m) for m in members}


def audit(event: str, where: str, rows: int | None = None, detail: str = "") -> None:
    """Record an event of :data:`analysis.core.audit.EVENTS` (no data value ever goes in).

    Raises
    ------
    analysis.core.audit.AuditUnwritable
        When ``DW_AUDIT_LOG`` cannot be written: an unmask that cannot be recorded does not happen.
    """
    write_audit(audit_record(user_name(), event, where, rows=rows, detail=detail), _secret("DW_AUDIT_LOG"))


def unmask_switch(widget, label: str, key: str, where: str, **kwargs) -> bool:
    """An unmask checkbox or toggle that only allowed users can switch on; switching it on is
    recorded once per switch-on. Returns whether the data is shown unmasked."""
    if not may_unmask():
        st.session_state.pop(key, None)  # a switch-on kept from before the rule applied does not count
        widget(label, key=key, value=False, disabled=True, help=t("access.unmask_not_allowed"))
        return False
    on = bool(widget(label, key=key, **kwargs))
    audited = st.session_state.setdefault(K_AUDITED, set())
    if on and key not in audited:
        try:
            audit("unmask", where)
        except AuditUnwritable as exc:  # fail closed: the data stays masked, and the user is told why
            st.error(exc.markdown(lang()), icon=":material/lock:")
            return False
        audited.add(key)
    elif not on:
        audited.discard(key)
    return on


def audited_export(data: bytes, file_name: str, rows: int | None = None) -> bytes:
    """``data`` of an unmasked download, recorded as it is handed over."""
    audit("export_unmasked", file_name, rows=rows)
    return data
