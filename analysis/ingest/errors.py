"""The error of the ingest steps: a file that cannot become a portfolio, said in both languages.

Its own module because both :mod:`analysis.ingest.readers` (bytes → cells) and :mod:`analysis.ingest.portfolio`
(cells → portfolio) raise it, and ``ingest`` imports ``readers``: defined here, the imports run one
way. ``from analysis.ingest.portfolio import IngestError`` keeps working.
"""
from __future__ import annotations

from analysis.core.i18n import MessageError

__all__ = ["IngestError"]


class IngestError(MessageError):
    """A file that cannot become a portfolio, with a message in both languages.

    Attributes
    ----------
    code : str
        Message key in ``analysis/locales/ingest.py`` (``"ingest.error.…"``).
    params : dict
        Values for the message's placeholders.

    Examples
    --------
    >>> IngestError("ingest.error.empty_file", name="a.csv").message("en")[:22]
    'The file “a.csv” is em'
    """
