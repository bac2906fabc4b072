"""What the collections-conduct page keeps for the session, and what the warnings page reads.

The rule pack in use (per jurisdiction: the bundled one, one loaded from a file, or either as
edited), the templates checked (the bundled sample for the jurisdiction, or the user's file), the
template each playbook action sends, and the contact log (the user's file, or the bundled sample
while the sample portfolio is the one in use).
Uploaded files are read once and their bytes dropped (:func:`ui.upload.drop_uploaded_files`);
only the parsed tables stay, in this session's memory.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd
import streamlit as st

from analysis.conduct.contacts import ContactLog, read_contact_log
from analysis.conduct.playbook import action_templates
from analysis.conduct.rules import (LIST_SEP, RulePack, pack_from_json, pack_from_table, pack_to_json, rule_name, rule_pack,
                                   rules_table)
from analysis.conduct.templates import TemplateResult, check_templates, read_templates
from analysis.core.i18n import MessageError
from ui import persist, state
from ui.conduct import keys as K
from ui.i18n import lang, t

SAMPLE_DIR = Path(__file__).resolve().parents[2] / "data" / "sample"
SAMPLE_TEMPLATES = {"cn": SAMPLE_DIR / "templates_zh.csv", "us": SAMPLE_DIR / "templates_en.csv"}
SAMPLE_LOG = SAMPLE_DIR / "contact_log.csv"
JURISDICTIONS = ("cn", "us")


def jurisdiction() -> str:
    """The jurisdiction whose rules apply (China by default)."""
    value = st.session_state.get(K.JURISDICTION, "cn")
    return value if value in JURISDICTIONS else "cn"


# --- the rule pack ------------------------------------------------------------------------------

def editor_key(j: str, language: str | None = None) -> str:
    """The rule editor's key: one per jurisdiction and language (its texts are in that language)."""
    return f"{K.RULES_EDITOR}{j}_{language or lang()}"


def base_pack(j: str) -> RulePack:
    """The pack before this view's edits: the last one saved (loaded or edited), else the bundled one."""
    saved = st.session_state.get(K.RULES_PACK + j)
    return pack_from_json(saved) if saved else rule_pack(j)


def pack(j: str | None = None) -> RulePack:
    """The pack in use for ``j``: the saved pack with the rule editor's kept edits (never drawn here)."""
    j = j or jurisdiction()
    base = base_pack(j)
    table = persist.kept_table(editor_key(j), None)
    if table is None:
        return base
    try:
        return pack_from_table(table, base, lang())
    except MessageError:  # the editor shows what is wrong; elsewhere the last good pack applies
        return base


def save_pack(j: str, new: RulePack) -> None:
    """Keep ``new`` as the pack of ``j``; the other languages' editors restart from it."""
    st.session_state[K.RULES_PACK + j] = pack_to_json(new)
    kept = st.session_state.get(persist.K_TABLES, {})
    for other in ("zh", "en"):
        if other != lang():
            kept.pop(editor_key(j, other), None)


def reset_pack(j: str) -> None:
    """Back to the bundled pack: the saved pack and every kept edit of ``j`` go."""
    st.session_state.pop(K.RULES_PACK + j, None)
    kept = st.session_state.get(persist.K_TABLES, {})
    for other in ("zh", "en"):
        kept.pop(editor_key(j, other), None)
        st.session_state.pop(editor_key(j, other), None)


def editable_rules(j: str) -> pd.DataFrame:
    """The rules of the saved pack as the editor shows them (in the reader's language): each
    rule's name first (read only), channels and recipients as lists for a multiselect, so that
    the editor shows their names, not their codes (:func:`pack_from_table` reads either)."""
    base = base_pack(j)
    table = rules_table(base, lang())
    table.insert(0, "name", [rule_name(r, lang(), base) for r in table["rule"]])
    for column in ("channels", "recipients"):
        table[column] = [[v for v in cell.split(LIST_SEP) if v] for cell in table[column]]
    return table


# --- templates ----------------------------------------------------------------------------------

@st.cache_resource(show_spinner=False, max_entries=2)
def _sample_templates(j: str) -> pd.DataFrame:
    # identical for everyone and read-only: one copy per server
    path = SAMPLE_TEMPLATES[j]
    return read_templates(path.read_bytes(), path.name)


def templates_source() -> str:
    """``"sample"``, ``"file"`` or ``"typed"``: where the templates come from."""
    return st.session_state.get(K.TPL_SOURCE, "sample")


def templates() -> tuple[str, pd.DataFrame]:
    """The template file in use (name, frame): the user's file when one is loaded and chosen,
    else the bundled sample for the jurisdiction."""
    loaded = st.session_state.get(K.TPL_FILE)
    if loaded is not None and templates_source() == "file":
        return loaded
    j = jurisdiction()
    # named as the reader knows it ("示例话术"), not by the bundled file's name
    return t("cdp.tpl.source.sample"), _sample_templates(j)


def set_templates(name: str, frame: pd.DataFrame) -> None:
    st.session_state[K.TPL_FILE] = (name, frame)


def _frame_key(frame: pd.DataFrame) -> str:
    return hashlib.sha1(pd.util.hash_pandas_object(frame, index=True).to_numpy().tobytes()).hexdigest()


@st.cache_data(scope="session", max_entries=6, show_spinner=False)
def _checked(frame_key: str, pack_json: str, language: str, _frame: pd.DataFrame, _pack: RulePack) -> list[TemplateResult]:
    return check_templates(_frame, _pack, language)


def checked_templates(j: str | None = None) -> list[TemplateResult]:
    """The templates in use, checked against the pack in use (computed once per file, pack and language)."""
    j = j or jurisdiction()
    _, frame = templates()
    in_use = pack(j)
    return _checked(_frame_key(frame), pack_to_json(in_use), lang(), frame, in_use)


def chosen_templates() -> dict[str, str]:
    """Action → the template id the reader picked for it on this page."""
    prefix = K.TPL_CHOICE
    return {k[len(prefix):]: v for k, v in st.session_state.items() if str(k).startswith(prefix) and v}


def templates_in_use(actions: list[str] | None = None) -> pd.DataFrame:
    """Per playbook action, the template it sends and whether it passes
    (:func:`analysis.conduct.playbook.action_templates`), for this page and the warnings page."""
    return action_templates(checked_templates(), chosen_templates(), actions)


def templates_label() -> str:
    """The name of the template set in use (file name, or the sample's)."""
    return templates()[0]


# --- the contact log ----------------------------------------------------------------------------

@st.cache_resource(show_spinner=False, max_entries=1)
def _sample_log() -> ContactLog:
    return read_contact_log(SAMPLE_LOG.read_bytes(), SAMPLE_LOG.name)


def own_portfolio() -> bool:
    """True when the portfolio in use is the user's (an upload or a configured dataset), not the sample."""
    return state.has_data() and not state.showing_sample()


def log_source() -> str:
    """``"sample"`` or ``"file"``; always ``"file"`` beside the user's own portfolio."""
    if own_portfolio():
        return "file"
    return st.session_state.get(K.LOG_SOURCE, "sample")


def contact_log() -> tuple[str, ContactLog] | None:
    """The contact log in use (name, log): the user's file when chosen (the only one beside the
    user's own portfolio), else the sample's; ``None`` when a file is needed and none is loaded.

    The sample log is the synthetic contacts of the sample portfolio: checked beside a real book it
    would show breaches and collection results of accounts that do not exist.
    """
    loaded = st.session_state.get(K.LOG_FILE)
    if log_source() == "file":
        return loaded
    return t("cdp.log.source.sample"), _sample_log()


def log_is_sample() -> bool:
    """True when the log in use is the bundled sample's (only ever beside the sample portfolio)."""
    return log_source() == "sample"


def set_contact_log(name: str, log: ContactLog) -> None:
    st.session_state[K.LOG_FILE] = (name, log)


@st.cache_data(scope="session", max_entries=8, show_spinner=False)
def _share_found(log_key: str, book_key: str, _log: pd.DataFrame, _book: pd.DataFrame) -> float:
    accounts = pd.Index(_log["account_id"].astype(str).unique())
    return float(accounts.isin(pd.Index(_book["account_id"].astype(str).unique())).mean()) if len(accounts) else 0.0


def share_in_book(log_key: str, log: pd.DataFrame) -> float | None:
    """The share of the log's accounts found in the portfolio in use (once per log and book), or
    ``None`` when there is no account-level portfolio to look in (none loaded, or a configured
    dataset, whose account rows are not fetched for this)."""
    if not state.has_data() or state.is_dataset():
        return None
    book = state.full_portfolio()
    if not len(book) or "account_id" not in book:
        return None
    return _share_found(log_key, st.session_state.get(state.K_ID), log, book)
