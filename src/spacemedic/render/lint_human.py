"""The human format for lint: findings grouped by file, colour only when asked (a TTY)."""

from __future__ import annotations

import io
from itertools import groupby

from spacemedic.models import Report, Severity

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def render(report: Report, *, color: bool = False, width: int = 100) -> str:
    from rich.console import Console

    from spacemedic.sanitize import markup

    def escape(text: str) -> str:  # outside text: one line, no controls, no markup
        return markup(text, single_line=True)

    buf = io.StringIO()
    con = Console(file=buf, force_terminal=color, no_color=not color, width=width, highlight=False, soft_wrap=True,
                  emoji=False)
    for path, group in groupby(report.findings, key=lambda f: f.path or "(repository)"):
        con.print(f"[bold]{escape(path)}[/bold]")
        for f in group:
            where = f"{f.line}:" if f.line else ""
            con.print(
                f"  {where:<6}[{_STYLE[f.severity]}]{f.severity.value:<7}[/] [bold]{f.code}[/bold] "
                f"{escape(f.message)} [dim]({f.name})[/dim]"
            )
            for e in f.evidence:
                con.print(f"          [dim]evidence:[/dim] {escape(e)}")
            if f.fix:
                con.print(f"          [green]fix:[/green] {markup(f.fix)}")
        con.print()
    for u in report.unavailable:
        con.print(f"[yellow]not checked[/yellow] {escape(u.source)}: {escape(u.reason)}")
    c = report.counts()
    if report.findings or report.unavailable:
        con.print()
    summary = f"{c['error']} error(s), {c['warning']} warning(s), {c['info']} info"
    if not report.findings:
        summary = "no problems found"
    con.print(f"[bold]spacemedic[/bold]: {summary} in {report.files_scanned} file(s) (sdk: {report.sdk or 'unknown'})")
    return buf.getvalue()
