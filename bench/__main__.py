"""``python -m bench [NAME ...] [--scale]``: run every benchmark module (bench_*.py) and print its figures.

Each module exposes ``main()``; they share the 2.4M-row panel from ``bench.panel``. Figures are
printed, not asserted: a benchmark on a shared 2-core machine is evidence, not a test.
``core`` (``bench_core``) also generates a 24M-row book once (cached in ``DW_BENCH_CACHE``);
``--scale`` runs its 120M-row figure instead (``make bench-scale``, not in CI).
"""
from __future__ import annotations

import os
import pkgutil
import subprocess
import sys
import time
from pathlib import Path


def main(argv: list[str]) -> int:
    here = Path(__file__).parent
    env = dict(os.environ)
    if "--scale" in argv:  # bench_core's 120M-row figure (make bench-scale)
        argv = [a for a in argv if a != "--scale"]
        env["DW_BENCH_SCALE"] = "1"
    names = sorted(m.name for m in pkgutil.iter_modules([str(here)]) if m.name.startswith("bench_"))
    chosen = [n for n in names if not argv or n.removeprefix("bench_") in argv or n in argv]
    failed = []
    for name in chosen:
        print(f"\n=== {name} ===", flush=True)
        start = time.perf_counter()
        # Each benchmark in its own process: memory figures are not inflated by the previous
        # one, and one that drives the app (AppTest replaces __main__) cannot upset the next.
        code = subprocess.call([sys.executable, "-c", f"import bench.{name} as b; b.main()"], cwd=here.parent, env=env)
        if code:
            failed.append(name)
            print(f"{name} failed (exit {code})", flush=True)
        print(f"({name} took {time.perf_counter() - start:.1f} s)", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
