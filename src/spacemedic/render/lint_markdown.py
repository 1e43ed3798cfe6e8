"""`--format markdown` for lint: a table per file, for PR comments and job summaries."""

from __future__ import annotations

from itertools import groupby

from spacemedic.models import Report
from spacemedic.render.words import plural


def _cell(text: str) -> str:
    from spacemedic.sanitize import one_line

    return one_line(text.replace("|", "\\|").replace("\n", " "))


def render(report: Report) -> str:
    c = report.counts()
    out = [
        "# spacemedic lint",
        "",
        f"`{report.root}` (sdk: {report.sdk or 'unknown'}): "
        f"**{plural(c['error'], 'error')}**, {plural(c['warning'], 'warning')}, {plural(c['info'], 'info')}.",
        "",
    ]
    if not report.findings:
        out += ["No findings.", ""]
    for path, group in groupby(report.findings, key=lambda f: f.path or "(repository)"):
        out += [f"## `{_cell(path)}`", "", "| line | severity | code | problem | fix |", "|---|---|---|---|---|"]
        for f in group:
            problem = _cell(f.message)
            if f.evidence:
                problem += "<br>" + "<br>".join(f"<sub>{_cell(e)}</sub>" for e in f.evidence)
            out.append(
                f"| {f.line or ''} | {f.severity.value} | `{f.code}` {f.name} | {problem} | {_cell(f.fix or '')} |"
            )
        out.append("")
    if report.unavailable:
        out += ["## Not checked", ""]
        out += [f"- `{u.source}`: {_cell(u.reason)}" for u in report.unavailable]
        out.append("")
    return "\n".join(out)
