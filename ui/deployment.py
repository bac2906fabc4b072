"""What the person deploying the app configured: environment variables first, then top-level keys
of ``.streamlit/secrets.toml`` (read by :func:`analysis.core.catalog.config_from`): the datasets
offered on the upload page, and the memory DuckDB may use for a book."""
from __future__ import annotations

import logging
import os

import streamlit as st
from streamlit.errors import StreamlitSecretNotFoundError

from analysis.core import catalog
from analysis.core.cubes import in_memory_limit

LOGGER = logging.getLogger(__name__)


def _secrets() -> dict:
    # A deployment without secrets.toml is normal: st.secrets raises then, so ask first.
    try:
        return st.secrets.to_dict() if st.secrets.load_if_toml_exists() else {}
    except StreamlitSecretNotFoundError:  # an unreadable secrets file must not take the upload page down
        return {}


def config() -> catalog.CatalogConfig:
    """The deployment's configuration (environment first, then secrets)."""
    return catalog.config_from(os.environ, _secrets())


def upload_memory_limit() -> str:
    """DuckDB's memory limit for an uploaded book: ``DW_MEMORY_LIMIT`` (environment or secrets),
    or the default when that is not a size (the datasets section says so; an upload must still
    open)."""
    configured = config().memory_limit
    limit = in_memory_limit({"DW_MEMORY_LIMIT": configured})
    if limit != configured:
        # said in the server's log: with no dataset configured no page shows the setting
        LOGGER.warning("DW_MEMORY_LIMIT %r is not a memory size (such as 2GB): uploads use %s", configured, limit)
    return limit


@st.cache_resource(show_spinner=False)
def log_settings_problems() -> tuple[str, ...]:
    """Once per server process: what is wrong with the memory settings (a ``DW_MEMORY_LIMIT`` that
    is no size, a ``DW_TEMP_DIR`` that cannot be written), in the server's log.

    The datasets section says it to users too, but only when datasets are configured, and then
    to a reader who cannot change it; the person who deploys reads the log. Returns the lines
    logged (English).
    """
    lines = tuple(problem.message("en") for problem in catalog.settings_problems(config()))
    for line in lines:
        LOGGER.warning("deployment setting: %s", line)
    return lines
