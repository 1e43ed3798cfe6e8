"""The human format for lint: findings grouped by file, colour only when asked (a TTY).

Plain text is built directly; `rich` is imported only to colour a terminal's output.
"""

from __future__ import annotations

from itertools import groupby
from typing import Callable

from spacemedic.models import Report, Severity
from spacemedic.render.words import plural, severity_counts

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def _styler(color: bool) -> Callable[[str, str], str]:
    if not color:
        return lambda text, _style: text
    from rich.markup import escape

    return lambda text, style: f"[{style}]{escape(text)}[/]" if style else escape(text)


def _indented(label: str, text: str, s: Callable[[str, str], str], style: str) -> list[str]:
    """`label text`, with the text's own later lines kept and indented under it (multi-line fixes)."""
    first, *rest = text.split("\n") or [""]
    pad = " " * (10 + len(label) + 1)
    return [f"          {s(label, style)} {s(first, '')}"] + [f"{pad}{s(line, '')}" if line.strip() else "" for line in rest]


def render(report: Report, *, color: bool = False, width: int = 100) -> str:
    s = _styler(color)
    lines: list[str] = []
    for path, group in groupby(report.findings, key=lambda f: f.path or "(repository)"):
        lines.append(s(path, "bold"))
        for f in group:
            where = f"{f.line}:" if f.line else ""
            severity = s(f"{f.severity.value:<7}", _STYLE[f.severity])
            lines.append(f"  {where:<6}{severity} {s(f.code, 'bold')} {s(f.message, '')} {s(f'({f.name})', 'dim')}")
            for e in f.evidence:
                lines += _indented("evidence:", e, s, "dim")
            if f.fix:
                lines += _indented("fix:", f.fix, s, "green")
        lines.append("")
    for u in report.unavailable:
        lines.append(f"{s('not checked', 'yellow')} {s(u.source, '')}: {s(u.reason, '')}")
    if report.findings or report.unavailable:
        lines.append("")
    summary = severity_counts(report.counts()) if report.findings else "no problems found"
    files = plural(report.files_scanned, "file")
    lines.append(f"{s('spacemedic', 'bold')}: {summary} in {files} (sdk: {s(report.sdk or 'unknown', '')})")
    text = "\n".join(lines) + "\n"
    if not color:
        return text
    import io

    from rich.console import Console

    buf = io.StringIO()
    Console(file=buf, force_terminal=True, width=width, highlight=False, soft_wrap=True).print(text, end="")
    return buf.getvalue()
