"""``python -m analysis conduct TEMPLATES``: collection message templates checked against a rule pack.

TEMPLATES is a CSV/XLSX of templates (``template_id``/模板编号, ``stage``/阶段, ``action``,
``channel``/渠道, ``recipient``/对象, ``text``/内容/话术; only the text is required). The rules are
the shipped pack of ``--jurisdiction`` (cn by default, or us) or an edited pack ``--rules PACK.json``.

JSON (a public interface: keys are added, never renamed)::

    {"jurisdiction": "cn", "templates": [{"template_id", "passes", "findings": [{"category", "rule",
     "source", "severity", "start", "end", "text", "suggestion", "text_masked"}], "stage", "action",
     "channel", "recipient"}], "checked", "failing", "by_category", "disclaimer"}

``text`` is ``template[start:end]``; a letter's missing element has ``start == end == 0`` and its
name as ``text``. The check is a screening aid, not legal advice (``disclaimer``).
"""
from __future__ import annotations

import argparse
from pathlib import Path

from analysis.cli.columns import left, words
from analysis.cli.common import CliError
from analysis.core.i18n import MessageError, translate

HELP = "check collection message templates (SMS, push, call scripts, letters) against the conduct rules of China or the US"
#: FILE is a template list, not a portfolio: the dispatcher must not load it.
LOADS_ITSELF = True


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--jurisdiction", choices=["cn", "us"], default="cn",
                        help="rule pack: cn (China, default) or us (FDCPA / Regulation F)")
    parser.add_argument("--rules", metavar="PACK.json", help="an edited rule pack instead of the shipped one")


def _read(path_text: str | None, lang: str, what: str) -> tuple[bytes, str]:
    if not path_text:
        raise CliError("give the template file: python -m analysis conduct TEMPLATES.csv"
                       if lang == "en" else "请指定模板文件：python -m analysis conduct 模板.csv")
    path = Path(path_text)
    if not path.is_file():
        raise CliError(f"{what} not found: {path}" if lang == "en" else f"找不到文件：{path}")
    try:
        return path.read_bytes(), path.name
    except OSError as exc:
        raise CliError(f"cannot read {path}: {exc.strerror}" if lang == "en" else f"无法读取 {path}：{exc.strerror}") from None


def run(args: argparse.Namespace, result=None) -> dict:
    """Check the templates in ``args.file``; :class:`CliError` in ``args.lang`` on bad input."""
    from analysis.conduct.rules import pack_from_json, rule_pack
    from analysis.conduct.templates import check_templates, read_templates, templates_payload

    lang = getattr(args, "lang", "en")
    data, name = _read(args.file, lang, "template file")
    try:
        if getattr(args, "rules", None):
            pack_bytes, _ = _read(args.rules, lang, "rule pack")
            pack = pack_from_json(pack_bytes)
        else:
            pack = rule_pack(getattr(args, "jurisdiction", "cn") or "cn")
        frame = read_templates(data, name, sheet=getattr(args, "sheet", None))
    except MessageError as exc:
        raise CliError(exc.message(lang)) from None
    payload = templates_payload(check_templates(frame, pack, lang), pack.jurisdiction, lang=lang)
    blank = list(frame.attrs.get("blank_rows", []))
    if blank:
        payload["blank_rows"] = blank
        payload["blank_note"] = translate("conduct.note.blank_rows", lang, n=len(blank),
                                          rows=", ".join(map(str, blank[:10])))
    return payload


def render(payload: dict, lang: str = "en") -> str:
    """A short report in ``lang``: one line per template, its findings indented under it."""
    w = words(lang)
    lines = [w("conduct_title", checked=payload["checked"], jurisdiction=payload["jurisdiction"], failing=payload["failing"])]
    for t in payload["templates"]:
        mark = left(w("ok") if t["passes"] else w("fail"), 4)
        lines.append(f"{mark} {t['template_id']}" + (f" [{t['channel']}]" if t.get("channel") else ""))
        for f in t["findings"]:
            where = f"{f['start']}-{f['end']}" if f["end"] > f["start"] else w("missing")
            lines.append(f"       {f['severity']:<6} {f['category']:<15} {f['rule']:<28} {left(where, 9)} {f['text_masked']!r}")
            lines.append("              " + w("source", text=f["source"]))
    if payload.get("blank_note"):
        lines.append(payload["blank_note"])
    lines.append(payload["disclaimer"])
    return "\n".join(lines)
