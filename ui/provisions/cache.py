"""The provisions computed once per session, data, settings and month, for every page that shows them.

The provisions page, the overview's finding and the report page's preview all read
:func:`month_result`, so a book is staged and priced once, not once per page. Session-scoped
resources: read-only results handed back without a copy, released when the session ends like
the other pages' cubes.
"""
from __future__ import annotations

import pandas as pd

from analysis.core.schema import segment_columns
from analysis.provisions.settings import PD_BUCKETS, ProvisionSettings
from analysis.provisions.summary import ProvisionResult
from ui import sharing, state


@sharing.cache_resource(show_spinner=False, max_entries=4)
def month_result(token: str, settings_key: str, month: str, _rows: pd.DataFrame,
                 _settings: ProvisionSettings) -> ProvisionResult:
    """The month's provisions, keyed by the data token, ``settings_key`` (``ProvisionSettings.key()``)
    and month; priced on the session's own transition cube (the one the aging page shows), not a
    second registration of the rows."""
    return _settings.month(_rows, month, rolls=_session_rolls())


@sharing.cache_resource(show_spinner=False, max_entries=2)
def trend_panel(token: str, settings_key: str, _rows: pd.DataFrame, _settings: ProvisionSettings) -> pd.DataFrame:
    """Every account-month with its allowance (and the segments), for the monthly ratios."""
    return _settings.panel(_rows, keep=tuple(segment_columns(_rows)), rolls=_session_rolls())


def _session_rolls() -> pd.DataFrame | None:
    # The rows the pages hand over are state.history(): the cubes' data and segment filters, every
    # month up to the sidebar's last. Under other buckets than the model's (the sidebar's own
    # edges), the provisions compute their own.
    cubes = state.history()[1]
    return cubes.transitions() if cubes.buckets == PD_BUCKETS else None
