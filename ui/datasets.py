"""The datasets the deployer configured, on the upload page: pick one and every page reads it.

Configuration: :mod:`ui.deployment`. When nothing is configured the section is not drawn.
Opening a book shows its progress in ``st.status``: Spark takes seconds to start, and the first
cube over a large book is the slow step.
"""
from __future__ import annotations

from collections import Counter

import streamlit as st

from analysis.core import SourceError, catalog
from analysis.core.engine import EngineMemoryError, engine_errors
from analysis.core.markup import escape_markdown
from ui import deployment, state, upload
from ui.i18n import lang, t, t_data

K_PICK = "datasets_pick"          # the dataset chosen in the select box (its key, kind:name)
K_IN_USE = "datasets_in_use"      # key of the dataset in use, set when it opened
K_OPENED = "datasets_opened"      # (name, months) of the dataset just opened: the success line
_KIND_KEYS = {"parquet": "datasets.kind.parquet", "duckdb": "datasets.kind.duckdb", "spark": "datasets.kind.spark"}


@st.cache_resource(ttl=30, max_entries=4, show_spinner=False)
def _listing(cfg: catalog.CatalogConfig):
    # Shared by every session (the configuration is the deployment's); a DuckDB file is opened
    # to list its tables, so list at most every 30 s. Errors travel as (key, params): plain data.
    found, problems = catalog.list_datasets(cfg)
    return found, [(p.key, p.params) for p in problems]


def format_size(size: int | None) -> str:
    """Bytes as ``1.2 GB`` / ``350 MB`` / ``12 KB`` (``""`` when unknown).

    Examples
    --------
    >>> format_size(1_234_567_890), format_size(350 * 1024**2), format_size(None)
    ('1.1 GB', '350 MB', '')
    """
    if size is None:
        return ""
    for unit, scale in (("TB", 1024**4), ("GB", 1024**3), ("MB", 1024**2), ("KB", 1024)):
        if size >= scale:
            value = size / scale
            return f"{value:.1f} {unit}" if value < 10 else f"{value:.0f} {unit}"
    return f"{size} B"


def describe(dataset: catalog.Dataset) -> str:
    """One line about a dataset: its kind, months, size or rows, in the session's language."""
    parts = [t(_KIND_KEYS[dataset.kind])]
    if dataset.months:
        parts.append(t("datasets.months", n=len(dataset.months), first=dataset.months[0], last=dataset.months[-1]))
    if dataset.size_bytes is not None:
        parts.append(format_size(dataset.size_bytes))
    if dataset.rows is not None:
        parts.append(t("datasets.rows", rows=dataset.rows))
    return " · ".join(parts)


def section(cfg: catalog.CatalogConfig) -> None:
    """The datasets section: the configured books, a select box and the button that uses one."""
    st.subheader(t("datasets.title"))
    st.caption(t("datasets.intro"))
    found, problems = _listing(cfg)
    for key, params in problems:
        st.warning(t_data(key, **params))  # they name folders and files of the configuration
    opened = st.session_state.pop(K_OPENED, None)
    if opened is not None:
        name, months = opened
        st.success(t_data("datasets.opened", name=name, n=len(months), first=months[0], last=months[-1])
                   if months else t_data("datasets.opened_empty", name=name))
    if not found:
        if not problems:
            st.info(t("datasets.none"))
        return
    by_key = {d.key: d for d in found}
    using = in_use()
    if st.session_state.get(K_PICK) not in by_key:
        st.session_state[K_PICK] = using if using in by_key else next(iter(by_key))
    # format_func gets a plain dict: AppTest calls it again outside the script run.
    labels = pick_labels(found)
    choice = st.selectbox(t("datasets.pick"), list(by_key), format_func=labels.__getitem__, key=K_PICK)
    st.caption(describe(by_key[choice]))
    if using == choice:
        st.caption(t("datasets.in_use"))
    if st.button(t("datasets.use"), key="datasets_use", type="primary", disabled=using == choice):
        use(cfg, by_key[choice])


def pick_labels(found: list[catalog.Dataset]) -> dict[str, str]:
    """Each dataset's name in the select box; a name two sources share (a Parquet folder and a
    DuckDB table both called ``book``) carries its kind, so the two can be told apart (Streamlit
    also picks by the text shown: of two equal ones, the same one whichever was clicked)."""
    names = Counter(d.name for d in found)
    return {d.key: d.name if names[d.name] == 1 else f"{d.name} · {t(_KIND_KEYS[d.kind])}" for d in found}


def _fail(status, message: str) -> None:
    status.update(label=t("datasets.failed"), state="error", expanded=True)
    st.error(message)


def use(cfg: catalog.CatalogConfig, dataset: catalog.Dataset) -> None:
    """Open ``dataset`` and make it the session's data; progress and errors are shown in place."""
    months = opened(cfg, dataset)
    if months is not None:
        st.session_state[K_OPENED] = (dataset.name, months)
        st.rerun()


def reopen(key: str) -> bool:
    """Open the configured dataset ``key`` again (a refresh of a page that showed it): progress and
    errors in place, as on the upload page. False when it failed, or is no longer configured."""
    cfg = deployment.config()
    found, _ = _listing(cfg)
    dataset = next((d for d in found if d.key == key), None)
    return dataset is not None and opened(cfg, dataset) is not None


def in_use() -> str | None:
    """The key of the configured dataset in use (``None`` for an upload or the sample)."""
    return st.session_state.get(K_IN_USE) if state.is_dataset() else None


def opened(cfg: catalog.CatalogConfig, dataset: catalog.Dataset) -> list[str] | None:
    """Open ``dataset`` and make it the session's data: its months, or ``None`` when that failed
    (progress and errors are shown in place)."""
    with st.status(t_data("datasets.opening", name=dataset.name), expanded=True) as status:
        # Spark's steps ("connecting to sc://…", task counts) go into this box while it is open.
        # The engine keeps the callable for later queries, which run in other script runs where
        # this box is gone: from then on it says nothing.
        live = [True]

        def progress(message: str) -> None:
            if live[0]:
                status.write(escape_markdown(message))  # Spark's own words: paths, table names

        try:
            book = catalog.open_book(cfg, dataset.key, progress=progress)
        except catalog.CatalogError as exc:
            return _fail(status, exc.markdown(lang()))
        status.update(label=t_data("datasets.computing", name=dataset.name))
        state.set_dataset(book, dataset.name)
        try:
            # The first cube over the book (the sidebar needs its months): run it here, under
            # the progress box, so a type problem deep in the data shows as a message.
            months = state.months_available()
        except SourceError as exc:
            state.drop_dataset()
            return _fail(status, t("datasets.not_readable", name=escape_markdown(dataset.name), error=exc.markdown(lang())))
        except EngineMemoryError as exc:  # the limit, not the data: say so, go back to the sample
            state.drop_dataset()
            return _fail(status, t("datasets.not_computed", name=escape_markdown(dataset.name), error=exc.markdown(lang())))
        except engine_errors() as exc:  # DuckDB/Spark errors on bad values: say so, go back to the sample
            state.drop_dataset()
            return _fail(status, t_data("datasets.not_readable", name=dataset.name, error=type(exc).__name__))
        live[0] = False
        status.update(label=t_data("datasets.ready", name=dataset.name), state="complete", expanded=False)
    upload.forget_report()  # the last upload's report is not about this data
    st.session_state[K_IN_USE] = dataset.key
    return list(months)
