"""Timing for the benchmarks: the best of a few runs, on a machine others share."""
from __future__ import annotations

import time


def best_of(fn, repeat: int = 3) -> tuple[float, object]:
    """Seconds of the fastest of ``repeat`` calls of ``fn``, and the last result.

    The minimum is the figure least disturbed by other work on a shared machine.
    """
    best, out = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - start)
    return best, out
