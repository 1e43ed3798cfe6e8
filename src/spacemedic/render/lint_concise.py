"""`--format concise` for lint: one `path:line:col: CODE message` line per finding.

Clickable in editors and terminals, greppable, as ruff's concise output. The path is joined to
the linted root as given on the command line, so it resolves from where spacemedic ran; a
finding about the whole repository points at the root itself. Columns are not tracked: 1.
"""

from __future__ import annotations

from spacemedic.models import Finding, Report
from spacemedic.render.words import plural, severity_counts


def location(report: Report, finding: Finding) -> str:
    """`root/path:line:1`, or the root alone for repository-wide findings."""
    root = report.root.rstrip("/") or "/"
    path = finding.path
    full = root if not path else (path if root in (".", "") else f"{root}/{path}")
    return f"{full}:{finding.line or 1}:1"


def render(report: Report, *, summary: bool = True) -> str:
    lines = [f"{location(report, f)}: {f.code} [{f.severity.value}] {' '.join(f.message.split())}" for f in report.findings]
    lines += [f"{report.root}: not checked: {u.source}: {u.reason}" for u in report.unavailable]
    if summary:
        files = plural(report.files_scanned, "file")
        lines.append(f"{severity_counts(report.counts())} in {files}" if report.findings else f"no problems found in {files}")
    return "\n".join(lines) + ("\n" if lines else "")
