"""AppTest helper: wait for a forecast fitted off the script thread (:mod:`ui.trend.jobs`).

In a browser the "fitting the forecast" note polls and redraws the page when the fit is done;
AppTest runs no timed reruns, so a test that reads the forecast reruns the page itself.
"""
from __future__ import annotations

import time

#: The pending note's first characters (``ui.trend.jobs.pending_note``), in either language.
PENDING = "⏳"


def pending(at) -> bool:
    """Whether the page shows a forecast still being fitted."""
    return any(m.value.startswith(PENDING) for m in at.markdown)


def settle(at, timeout: float = 90.0):
    """Rerun ``at`` until no forecast is pending; returns ``at`` (fails after ``timeout`` seconds)."""
    deadline = time.monotonic() + timeout
    while pending(at):
        assert time.monotonic() < deadline, "the forecast was not ready in time"
        time.sleep(0.1)
        at.run()
    return at
