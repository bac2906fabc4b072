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
import inspect
import sys

from analysis import __version__
from analysis.cli.common import CliError, add_load_arguments, dump_json, first_line, is_book, load_from_args
from analysis.core import SourceError
from analysis.core.engine import EngineMemoryError, engine_errors
from analysis.core.i18n import translate

COMMANDS = ("inspect", "aging", "rollrates", "forecast", "causes", "whatif", "warnings", "report", "convert",
            "arrangement", "card-interest", "instalment", "ecl", "conduct", "contacts")
#: Commands that need a file read whole for now (not a dataset or a cluster table).
FILE_ONLY: tuple[str, ...] = ()  # report reads a book's cubes and one month's rows since it takes Cubes


def _module(name: str):
    """The command's module, or ``None`` when it is not there (a command still being built)."""
    module_name = f"analysis.cli.{name.replace('-', '_')}"  # card-interest → card_interest.py
    try:
        return importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name != module_name:
            raise
        return None


def _modules():
    for name in COMMANDS:
        module = _module(name)
        if module is not None:
            yield name, module


def build_parser(command: str | None = None) -> tuple[argparse.ArgumentParser, dict]:
    """The parser; with ``command``, only that command's module is imported and its options built
    (importing every command's module costs a batch job ~0.3 s, their defaults seconds more)."""
    parser = argparse.ArgumentParser(prog="python -m analysis", description="Delinquency Workbench · 逾期分析工作台 (headless)")
    parser.add_argument("--version", action="version", version=f"Delinquency Workbench {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    modules = {}
    if command is not None:
        module = _module(command)
        if module is not None:
            cmd = sub.add_parser(command, help=module.HELP.replace("%", "%%"), description=module.HELP)
            add_load_arguments(cmd)
            module.add_arguments(cmd)
            modules[command] = module
        return parser, modules
    for name, module in _modules():
        sub.add_parser(name, help=module.HELP.replace("%", "%%"), description=module.HELP)
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
            if args.command not in ("inspect", "convert", "report"):  # they state the validation themselves
                _say_rejections(result, args.lang)
            payload = _run_on(module, args, result)
            if args.command != "inspect":  # inspect counts them as rejected duplicates itself
                _say_book_duplicates(result, args.lang)
    except CliError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return exc.code
    except EngineMemoryError as exc:  # a book out of memory (DW_MEMORY_LIMIT, or --memory-limit on a dataset)
        print(f"error: {exc.message(getattr(args, 'lang', 'en'))}", file=sys.stderr)
        return 2
    finally:
        if is_book(result):
            result.close()
    text = dump_json(payload) if args.json or not hasattr(module, "render") else _render(module, payload, args)
    try:
        print(text)
        sys.stdout.flush()
    except BrokenPipeError:  # `... | head` closed the pipe: not an error for the user
        sys.stdout = None
    return 0


def _say_book_duplicates(result, lang: str) -> None:
    """On stderr, when the cubes of a folder or a warehouse table met repeated account-months:
    they counted the first copy of each (by ``source_row``) and left the others out."""
    book = getattr(result, "book", None)
    if book is not None and getattr(book, "duplicates_seen", 0):
        from analysis.core.i18n import translate

        print(f"note: {translate('dataset.note.book_duplicates', lang, n=book.duplicates_seen)}", file=sys.stderr)


def _say_rejections(result, lang: str) -> None:
    """On stderr, when the file had rows it could not use: the figures that follow leave them out,
    and a script's reader should know (the JSON on stdout is unchanged)."""
    # a converted dataset keeps its validation report beside its months (BookSource.report)
    summary = getattr(result, "summary", None) or getattr(result, "report", None) or {}
    if not summary.get("rows_rejected"):
        return
    from analysis.report.meeting import data_note  # only when there is something to say

    print(f"note: {data_note(summary, lang)}", file=sys.stderr)


def _render(module, payload: dict, args) -> str:
    """The command's text for people, in ``--lang`` when its ``render`` takes a language."""
    if "lang" in inspect.signature(module.render).parameters:
        return module.render(payload, lang=getattr(args, "lang", "en"))
    return module.render(payload)


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
