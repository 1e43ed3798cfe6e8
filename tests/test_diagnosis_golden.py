"""Golden files for every diagnose output format. Update on purpose only:
SPACEMEDIC_UPDATE_GOLDEN=1 pytest tests/test_diagnosis_golden.py"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from spacemedic.models import Observations, Outcome, Signals
from spacemedic.render import diagnosis_human, diagnosis_json, diagnosis_markdown
from spacemedic.triage import diagnose

GOLDEN = Path(__file__).parent / "golden"
SIGNALS = Signals(
    id="owner/launch-timeout",
    runtime_stage="RUNTIME_ERROR",
    error_message="Launch timed out, workload was not healthy after 30 min",
    run_log="===== Application Startup at 2024-09-11 23:33:10 =====\nINFO:     Uvicorn running on http://0.0.0.0:8000",
    observations=Observations(sdk="docker", restart=Outcome.NO_EFFECT, stage_duration_minutes=45),
)
RENDERERS = {
    "diagnosis.json": lambda d: diagnosis_json.render(d),
    "diagnosis.md": lambda d: diagnosis_markdown.render(d),
    "diagnosis.txt": lambda d: diagnosis_human.render(d, color=False),
}


@pytest.mark.parametrize("name", sorted(RENDERERS))
def test_golden(name: str) -> None:
    text = RENDERERS[name](diagnose(SIGNALS))
    path = GOLDEN / name
    if os.environ.get("SPACEMEDIC_UPDATE_GOLDEN") or not path.exists():
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")
