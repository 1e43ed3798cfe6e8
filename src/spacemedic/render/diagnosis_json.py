"""`--format json|jsonl` for diagnose: the documented schema `spacemedic.diagnosis/1`.

    {"schema": "spacemedic.diagnosis/1", "id": str|null, "stage": str|null,
     "minutes_in_stage": float|null, "facts": [str],
     "hypotheses": [{"bucket", "likelihood", "confidence", "hf_side", "summary",
                     "evidence_for": [str], "evidence_against": [str], "path": [str],
                     "next_steps": [str], "avoid": [str],
                     "direct_evidence": bool}],   # most likely first; false = only the stage's base rate
     "unavailable": [{"source", "reason"}]}

jsonl: one such object per line (one per input case); an unreadable input line becomes
{"id": null, "error": "..."} on its line.
"""

from __future__ import annotations

import json
from typing import Sequence

from spacemedic.models import Diagnosis


def render(diagnosis: Diagnosis) -> str:
    return json.dumps(diagnosis.to_dict(), indent=2, ensure_ascii=False) + "\n"


def render_many(diagnoses: Sequence[Diagnosis]) -> str:
    if len(diagnoses) == 1:
        return render(diagnoses[0])
    return json.dumps([d.to_dict() for d in diagnoses], indent=2, ensure_ascii=False) + "\n"


def render_line(diagnosis: Diagnosis) -> str:
    return json.dumps(diagnosis.to_dict(), ensure_ascii=False, separators=(",", ":"))


def render_error_line(line: int | None, message: str) -> str:
    return json.dumps({"id": None, "line": line, "error": message}, ensure_ascii=False)
