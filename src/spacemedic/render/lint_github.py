"""`--format github` for lint: GitHub Actions workflow commands, one annotation per finding.

    ::error file=Dockerfile,line=3,title=SM301 (app-port-mismatch)::the server listens on 8000 ...

Errors become `error`, warnings `warning`, info `notice`. Values are escaped as the runner
expects (`%`, CR and LF in the message; also `:` and `,` in properties).
"""

from __future__ import annotations

from spacemedic.models import Report, Severity

_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def render(report: Report) -> str:
    root = report.root.rstrip("/")
    lines = []
    for f in report.findings:
        props = []
        if f.path:
            props.append(f"file={_prop(f.path if root in ('', '.') else f'{root}/{f.path}')}")
            if f.line:
                props.append(f"line={f.line}")
        props.append(f"title={_prop(f'{f.code} ({f.name})')}")
        message = f.message + (f"\nfix: {f.fix}" if f.fix else "")
        lines.append(f"::{_LEVEL[f.severity]} {','.join(props)}::{_data(message)}")
    for u in report.unavailable:
        lines.append(f"::notice title={_prop('spacemedic could not check ' + u.source)}::{_data(u.reason)}")
    return "\n".join(lines) + ("\n" if lines else "")
