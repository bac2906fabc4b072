"""The data core: one cube definition (SQL text) run by an engine; every figure reads its cubes.

Public API: :class:`Book` (a source registered in an engine), :class:`Cubes` (the cubes of one
book for a bucket scheme and filters), :func:`book_from_portfolio` (an upload, in DuckDB),
:func:`book_from_parquet` (a Parquet folder, in DuckDB out of core), :class:`DuckDBEngine`,
:data:`RATE_THRESHOLDS`, :class:`SourceError`.
"""
from analysis.core.cubes import (RATE_THRESHOLDS, Book, Cubes, SourceError, attach_states, book_from_columns,
                                 book_from_parquet, book_from_portfolio, month_label)
from analysis.core.engine import DuckDBEngine

__all__ = ["Book", "Cubes", "attach_states", "DuckDBEngine", "RATE_THRESHOLDS", "SourceError", "book_from_columns",
           "book_from_parquet", "book_from_portfolio", "month_label"]
