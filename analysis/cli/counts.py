"""Whether the data a command reads has no balances (a file loaded with ``--balance-missing
unit``, or a dataset ``convert`` wrote from one): its "balances" are accounts, each
account-month counted as 1, and the commands say so (``"counts_only": true`` in the JSON, counts
in the text) instead of printing them as money.

Not a command: :data:`analysis.__main__.COMMANDS` names the commands.
"""
from __future__ import annotations

from analysis.core.i18n import translate
from analysis.core.units import counts_only


def is_counts_only(result) -> bool:
    """For an ``IngestResult`` (its summary's notes) or a
    :class:`~analysis.cli.common.BookSource` (the book's flag, else its conversion report).

    Examples
    --------
    >>> from analysis.ingest.portfolio import IngestOptions, load_portfolio
    >>> res = load_portfolio(b"id,month,dpd\\nA,2024-01,0\\n", "a.csv", options=IngestOptions(balance_missing="unit"))
    >>> is_counts_only(res)
    True
    """
    book = getattr(result, "book", None)
    if book is not None:
        return bool(getattr(book, "counts_only", False)) or counts_only(getattr(result, "report", None) or {})
    summary = getattr(result, "summary", None)
    return counts_only(summary.get("notes") or ()) if isinstance(summary, dict) else False


def with_counts_flag(payload: dict, result) -> dict:
    """``payload`` plus ``"counts_only": true`` when the data has no balances (a new dict; the key is
    absent otherwise, as in the other commands' JSON).

    Examples
    --------
    >>> from analysis.ingest.portfolio import IngestOptions, load_portfolio
    >>> res = load_portfolio(b"id,month,dpd\\nA,2024-01,0\\n", "a.csv", options=IngestOptions(balance_missing="unit"))
    >>> with_counts_flag({"month": "2024-01"}, res)
    {'month': '2024-01', 'counts_only': True}
    """
    return {**payload, "counts_only": True} if is_counts_only(result) else dict(payload)


def no_balances(result, what: str, lang: str) -> None:
    """Stop a money-only command (``ecl``, ``whatif``) on data with no balances, saying what it
    needs, rather than print losses of accounts counted as 1.

    Raises
    ------
    CliError
        When :func:`is_counts_only`; ``what`` names a ``countonly.needs.<what>`` text.
    """
    if result is not None and is_counts_only(result):
        from analysis.cli.common import CliError  # the shared loader pulls in ingest; only on this path

        raise CliError(translate("countonly.cli.no_balances", lang, what=translate(f"countonly.needs.{what}", lang)))
