"""``python -m analysis CMD FILE``: the app's analyses, headless, for scripts and monthly batches.

Each command lives in ``analysis/cli/<cmd>.py`` and exposes ``HELP``, ``add_arguments(parser)``,
``run(args, result) -> dict`` and optionally ``render(payload) -> str`` for humans. ``result`` is
the file's ``IngestResult``, or a :class:`analysis.cli.common.BookSource` when FILE is a dataset
folder (or ``--table``/``--spark`` names a table); a command with ``LOADS_ITSELF`` (``convert``,
the calculators) reads FILE itself, or takes none. A hyphenated command lives in the module of the
same name with underscores (``card-interest`` → ``card_interest.py``).
"""
from __future__ import annotations

import argparse
import importlib
import sys

from analysis.cli.common import CliError, add_load_arguments, dump_json, first_line, is_book, load_from_args
from analysis.core import SourceError
from analysis.core.engine import engine_errors
from analysis.core.i18n import translate

COMMANDS = ("inspect", "aging", "rollrates", "forecast", "causes", "whatif", "warnings", "report", "convert",
            "arrangement", "card-interest", "instalment", "ecl", "conduct", "contacts")
#: Commands that need a file read whole for now (not a dataset or a cluster table).
FILE_ONLY: tuple[str, ...] = ()  # report reads a book's cubes and one month's rows since it takes Cubes


def _modules():
    for name in COMMANDS:
        module_name = f"analysis.cli.{name.replace('-', '_')}"  # card-interest → card_interest.py
        try:
            yield name, importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name != module_name:
                raise


def build_parser(command: str | None = None) -> tuple[argparse.ArgumentParser, dict]:
    """The parser; with ``command``, only that command's options are built (their defaults
    import the analysis modules, e.g. statsmodels for forecast: seconds a batch job need not pay)."""
    parser = argparse.ArgumentParser(prog="python -m analysis", description="Delinquency Workbench · 逾期分析工作台 (headless)")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    modules = {}
    for name, module in _modules():
        cmd = sub.add_parser(name, help=module.HELP.replace("%", "%%"), description=module.HELP)
        if command is None or name == command:
            add_load_arguments(cmd)
            module.add_arguments(cmd)
        modules[name] = module
    return parser, modules


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    parser, modules = build_parser(argv[0] if argv and argv[0] in COMMANDS else None)
    args = parser.parse_args(argv)
    module = modules[args.command]
    result = None
    try:
        if getattr(module, "LOADS_ITSELF", False):
            payload = module.run(args, None)
        else:
            result = load_from_args(args)
            if is_book(result) and args.command in FILE_ONLY:
                raise CliError(translate("dataset.error.report_needs_file", args.lang))
            payload = _run_on(module, args, result)
    except CliError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    finally:
        if is_book(result):
            result.close()
    text = dump_json(payload) if args.json or not hasattr(module, "render") else module.render(payload)
    try:
        print(text)
        sys.stdout.flush()
    except BrokenPipeError:  # `... | head` closed the pipe: not an error for the user
        sys.stdout = None
    return 0


def _run_on(module, args, result) -> dict:
    """``module.run``; on a book, the engine's errors (a damaged file, a lost cluster) become a
    message instead of a traceback."""
    if not is_book(result):
        return module.run(args, result)
    try:
        return module.run(args, result)
    except SourceError as exc:
        raise CliError(translate("dataset.error.source", args.lang, path=result.name, detail=exc.message(args.lang))) from None
    except engine_errors() as exc:  # a damaged file, a lost cluster
        raise CliError(translate("dataset.error.unreadable", args.lang, path=result.name, detail=first_line(exc))) from None


if __name__ == "__main__":
    sys.exit(main())
