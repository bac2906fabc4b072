"""What the server does with borrower data before our script sees it.

Streamlit 1.67 serves uploads through Starlette, whose multipart parser keeps each file in a
``SpooledTemporaryFile`` that rolls over to a file in the temporary directory once it passes
1 MB (``MultiPartParser.spool_max_size``): every real portfolio touched the disk on its way in.
Raising the threshold above the largest upload the server accepts keeps the bytes in memory
from the socket to the upload store, which is where they are dropped once loaded
(:func:`ui.upload.drop_uploaded_files`).
"""
from __future__ import annotations

import streamlit as st

#: Multipart framing around a file (boundaries, headers): a few hundred bytes; generous.
_FRAMING_BYTES = 1 << 20


def keep_uploads_in_memory() -> int:
    """Keep uploaded files in memory whatever their size; returns the spool threshold in bytes.

    Idempotent (runs at the top of every script run, before any upload can arrive: the file
    chooser is drawn by a run). A server without Starlette's parser is left alone.
    """
    try:
        from starlette.formparsers import MultiPartParser
    except ImportError:  # another server backend: nothing of ours to set
        return 0
    limit_mb = st.get_option("server.maxUploadSize") or 200
    threshold = int(limit_mb) * 1024 * 1024 + _FRAMING_BYTES
    if MultiPartParser.spool_max_size < threshold:
        MultiPartParser.spool_max_size = threshold
    return MultiPartParser.spool_max_size
