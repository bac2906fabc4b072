"""The data core: one cube definition (SQL text) run by an engine; every figure reads its cubes.

Also the shared ground every feature stands on: :mod:`.buckets` (bucket schemes, DPD → bucket),
:mod:`.rates` (month arithmetic, rates and roll matrices read off the cubes), :mod:`.units`
(元/万元/亿元 and number formats), :mod:`.i18n` (translation without Streamlit),
:mod:`.definitions` (the 口径 line), :mod:`.vocabulary` (the one name of every shared word: causes,
actions, warning levels, five-tier classes, rate metrics, the entry rate's 口径), :mod:`.schema`
(canonical columns and header synonyms), :mod:`.privacy` (masking and spreadsheet-safe exports),
:mod:`.markup` (data values as text in Streamlit markdown and HTML, never as links or images).

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
