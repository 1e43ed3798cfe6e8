"""`--format json` for lint: the documented schema `spacemedic.lint/2`.

    {"schema": "spacemedic.lint/2", "root": str, "sdk": str|null, "files_scanned": int,
     "summary": {"error": n, "warning": n, "info": n},
     "findings": [{"code", "name", "category", "severity", "path", "line", "message",
                   "evidence": [str],
                   "fix": {"message": str|null, "applicability": "safe"|"unsafe"|null,
                           "edits": [{"path", "start", "end", "replacement"}]}}],
     "unavailable": [{"source", "reason"}]}

Version 2 changed `fix` from the text to this object (the text is `fix.message`). Edit
offsets are byte offsets into the file as stored, end exclusive (see `models.Edit`).
"""

from __future__ import annotations

import json

from spacemedic.models import Report


def render(report: Report) -> str:
    return json.dumps(report.to_dict(), indent=2, ensure_ascii=False) + "\n"
