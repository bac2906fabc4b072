"""``python -m analysis CMD FILE``: the app's analyses, headless, for scripts and monthly batches.

Each command lives in ``analysis/cli/<cmd>.py`` and exposes ``HELP``, ``add_arguments(parser)``,
``run(args, result) -> dict`` and optionally ``render(payload) -> str`` for humans.
"""
from __future__ import annotations

import argparse
import importlib
import sys

from analysis.cli.common import CliError, add_load_arguments, dump_json, load_from_args

COMMANDS = ("inspect", "aging", "rollrates", "forecast", "causes", "whatif", "warnings", "report")


def _modules():
    for name in COMMANDS:
        try:
            yield name, importlib.import_module(f"analysis.cli.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"analysis.cli.{name}":
                raise


def build_parser() -> tuple[argparse.ArgumentParser, dict]:
    parser = argparse.ArgumentParser(prog="python -m analysis", description="Delinquency Workbench · 逾期分析工作台 (headless)")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    modules = {}
    for name, module in _modules():
        cmd = sub.add_parser(name, help=module.HELP, description=module.HELP)
        add_load_arguments(cmd)
        module.add_arguments(cmd)
        modules[name] = module
    return parser, modules


def main(argv: list[str] | None = None) -> int:
    parser, modules = build_parser()
    args = parser.parse_args(argv)
    module = modules[args.command]
    try:
        result = load_from_args(args)
        payload = module.run(args, result)
    except CliError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    text = dump_json(payload) if args.json or not hasattr(module, "render") else module.render(payload)
    try:
        print(text)
        sys.stdout.flush()
    except BrokenPipeError:  # `... | head` closed the pipe: not an error for the user
        sys.stdout = None
    return 0


if __name__ == "__main__":
    sys.exit(main())
