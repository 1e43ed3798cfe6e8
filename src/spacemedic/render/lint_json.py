"""`--format json` for lint: the documented schema `spacemedic.lint/1`.

    {"schema": "spacemedic.lint/1", "root": str, "sdk": str|null, "files_scanned": int,
     "summary": {"error": n, "warning": n, "info": n},
     "findings": [{"code", "name", "category", "severity", "path", "line", "message",
                   "evidence": [str], "fix"}],
     "unavailable": [{"source", "reason"}]}
"""

from __future__ import annotations

import json

from spacemedic.models import Report


def render(report: Report) -> str:
    return json.dumps(report.to_dict(), indent=2, ensure_ascii=False) + "\n"
