"""The human format for lint: findings grouped by file, colour only when asked (a TTY).

Plain text is built directly; `rich` is imported only to colour a terminal's output. Text from
the repository (paths, messages, evidence) goes through the one sanitiser: one line each, no
controls, no markup; a multi-line fix keeps its lines, each indented under the first.
"""

from __future__ import annotations

from itertools import groupby
from typing import Callable

from spacemedic.models import Report, Severity
from spacemedic.render.words import plural, severity_counts

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}

Styler = Callable[[str, str], str]


def _styler(color: bool) -> Styler:
    """`s(text, style)`: `text` on one line, made safe, and styled when colour is on."""
    from spacemedic.sanitize import one_line

    if not color:
        return lambda text, _style: one_line(text)
    from spacemedic.sanitize import markup

    return lambda text, style: f"[{style}]{markup(text, single_line=True)}[/]" if style else markup(text, single_line=True)


def _indented(label: str, text: str, s: Styler, style: str) -> list[str]:
    """`label text`, with the text's own later lines kept and indented under it (multi-line fixes)."""
    first, *rest = text.replace("\r\n", "\n").split("\n")
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
                lines.append(f"          {s('evidence:', 'dim')} {s(e, '')}")
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
    Console(file=buf, force_terminal=True, width=width, highlight=False, soft_wrap=True, emoji=False).print(text, end="")
    return buf.getvalue()
