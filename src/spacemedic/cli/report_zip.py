"""`report --bundle out.zip`: the referral letter with the test results attached.

Every member passes through the redaction layer on its way into the archive; manifest.json says
how many values of each kind were removed (counts and kinds, never values).
"""

from __future__ import annotations

import json
import re
import zipfile
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from spacemedic.redact import redact_counts

if TYPE_CHECKING:
    from spacemedic.hub.bundle import Bundle
    from spacemedic.models import Diagnosis, Report, Signals
    from spacemedic.render.report_facts import ReportFacts

MANIFEST_SCHEMA = "spacemedic.report-bundle/1"
_MARKER = re.compile(r"\[REDACTED:([a-z0-9\-]+)\]")


def _evidence(bundle: Bundle | None, signals: Signals, diagnosis: Diagnosis, facts: ReportFacts) -> dict[str, Any]:
    if bundle is not None:
        source: dict[str, Any] = bundle.to_dict()
    else:
        o = signals.observations
        source = {"id": signals.id, "runtime_stage": signals.runtime_stage, "error_message": signals.error_message,
                  "config": signals.config, "abuse": dict(signals.abuse) if signals.abuse else None,
                  "observations": {k: getattr(getattr(o, k), "value", getattr(o, k)) for k in o.__dataclass_fields__}}
    return {"schema": "spacemedic.evidence/1", "source": source, "facts": facts.to_dict(), "diagnosis": diagnosis.to_dict()}


def members(*, report_md: str, bundle: Bundle | None, signals: Signals, diagnosis: Diagnosis,
            facts: ReportFacts, lint: Report | None) -> dict[str, str]:
    """The archive's files as text, before redaction."""
    out = {"report.md": report_md,
           "evidence.json": json.dumps(_evidence(bundle, signals, diagnosis, facts), indent=2, ensure_ascii=False) + "\n"}
    build = bundle.build_log.text if bundle and bundle.build_log else signals.build_log
    run = bundle.run_log.text if bundle and bundle.run_log else signals.run_log
    if build:
        out["logs/build.log"] = build if build.endswith("\n") else build + "\n"
    if run:
        out["logs/run.log"] = run if run.endswith("\n") else run + "\n"
    if lint is not None:
        from spacemedic.render import lint_json

        out["lint.json"] = lint_json.render(lint)
    return out


def write_report_zip(path: Path, *, force: bool = False, inputs: tuple[Path | None, ...] = (),
                     **parts: Any) -> dict[str, Any]:
    """Write the archive atomically (never over an input or, without `force`, an existing file)."""
    import io

    from spacemedic.cli.safe_write import write_bytes
    from spacemedic.sanitize import terminal

    files = members(**parts)
    manifest: dict[str, Any] = {"schema": MANIFEST_SCHEMA, "files": {}, "redacted": {}}
    total: Counter[str] = Counter()
    clean: dict[str, str] = {}
    for name, text in files.items():
        redacted = terminal(redact_counts(text)[0])
        # Count every marker, also those placed earlier (collect redacts before it saves a bundle).
        kinds = Counter(_MARKER.findall(redacted))
        clean[name] = redacted
        manifest["files"][name] = {"bytes": len(redacted.encode("utf-8")), "redacted": dict(sorted(kinds.items()))}
        total.update(kinds)
    manifest["redacted"] = dict(sorted(total.items()))
    manifest["note"] = "Values that looked like secrets were replaced by [REDACTED:<kind>]; only kinds and counts are listed."
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, text in clean.items():
            zf.writestr(name, text.encode("utf-8", errors="replace"))
        zf.writestr("manifest.json", json.dumps(manifest, indent=2) + "\n")
    write_bytes(path, buffer.getvalue(), force=force, inputs=inputs)
    return manifest
