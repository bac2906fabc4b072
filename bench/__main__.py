"""``python -m bench [NAME ...] [--scale]``: run every benchmark module (bench_*.py) and print its figures.

Each module exposes ``main()``; they share the 2.4M-row panel from ``bench.panel``. Figures are
printed, not asserted: a benchmark on a shared 2-core machine is evidence, not a test.
``core`` (``bench_core``) also generates a 24M-row book once (cached in ``DW_BENCH_CACHE``);
``--scale`` runs its 120M-row figure instead (``make bench-scale``, not in CI).

``python -m bench loadtest [--sessions N] [--rows R] [--settle S]`` (``make loadtest``) is listed
here but never run with the others: N concurrent browser sessions take many minutes and the
whole machine (``bench/loadtest.py``). ``python -m bench --help`` lists every name.
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
    names = sorted(m.name for m in pkgutil.iter_modules([str(here)]) if m.name.startswith("bench_"))
    if argv[:1] == ["loadtest"]:  # its own arguments; not one of the benches run by default
        from bench import loadtest

        return loadtest.main(argv[1:])
    if "-h" in argv or "--help" in argv:
        print(__doc__.strip())
        print("\nbenches (all of them without a name): " + ", ".join(n.removeprefix("bench_") for n in names))
        print("not run by default: loadtest (python -m bench loadtest --help)")
        return 0
    env = dict(os.environ)
    if "--scale" in argv:  # bench_core's 120M-row figure (make bench-scale)
        argv = [a for a in argv if a != "--scale"]
        env["DW_BENCH_SCALE"] = "1"
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
