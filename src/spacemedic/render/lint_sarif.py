"""`--format sarif`: SARIF 2.1.0 for GitHub code scanning, with each rule's help text.

Validated in tests against the official OASIS schema (sarif-schema-2.1.0.json, errata01).
Artifact URIs are what GitHub resolves against the checkout: when the linted folder was given
as a relative path (`spacemedic lint examples/x`), each URI is prefixed with it; when it was
absolute, URIs stay relative to it and `originalUriBaseIds` records where `SRCROOT` is.
"""

from __future__ import annotations

import json
import posixpath
from pathlib import PurePath
from typing import Any

from spacemedic import __version__
from spacemedic.models import Finding, Report, Severity
from spacemedic.rules.registry import ALL_RULES

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
# GitHub ranks alerts by this property (0.0-10.0); only errors read as "high".
_SECURITY_SEVERITY = {Severity.ERROR: "7.0", Severity.WARNING: "4.0", Severity.INFO: "1.0"}
# A result needs a location for code scanning; repository-wide findings point at the Space card.
_FALLBACK_PATH = "README.md"


def _rule(rule: Any) -> dict[str, Any]:
    sections = rule.doc_sections()
    text = "\n\n".join(f"{k}\n{v}" for k, v in sections.items())
    md = "\n\n".join(f"**{k}**\n\n{v}" for k, v in sections.items())
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary()},
        "fullDescription": {"text": sections.get("Why is this bad?", rule.summary())},
        "help": {"text": text, "markdown": md},
        "defaultConfiguration": {"level": _LEVEL[rule.severity]},
        "properties": {
            "category": rule.category.value,
            "tags": ["spacemedic", rule.category.value],
            "fix": rule.fix_applicability.value if rule.fix_applicability else None,
        },
    }


def _base(root: str) -> tuple[str, dict[str, Any]]:
    """(prefix for relative URIs, originalUriBaseIds) for the root as the user gave it."""
    path = PurePath(root)
    if path.is_absolute():
        return "", {"SRCROOT": {"uri": path.as_uri().rstrip("/") + "/"}}
    prefix = posixpath.normpath(path.as_posix())
    return ("" if prefix in (".", "") else prefix), {}


def _location(finding: Finding, prefix: str, absolute: bool) -> dict[str, Any]:
    rel = finding.path or _FALLBACK_PATH
    from urllib.parse import quote

    # surrogateescape: a file name that is not UTF-8 is percent-encoded byte for byte.
    uri = quote(posixpath.join(prefix, rel) if prefix else rel, errors="surrogateescape")
    artifact: dict[str, Any] = {"uri": uri}
    if absolute:
        artifact["uriBaseId"] = "SRCROOT"
    physical: dict[str, Any] = {"artifactLocation": artifact}
    if finding.line and finding.line > 0:
        physical["region"] = {"startLine": finding.line}
    return {"physicalLocation": physical}


def _fix(finding: Finding, prefix: str, absolute: bool) -> dict[str, Any]:
    """SARIF `fix`: one artifactChange per file, byte regions (the offsets of `Edit`)."""
    assert finding.autofix is not None
    changes = []
    for path in dict.fromkeys(e.path for e in finding.autofix.edits):
        from urllib.parse import quote

        artifact: dict[str, Any] = {"uri": quote(posixpath.join(prefix, path) if prefix else path,
                                                 errors="surrogateescape")}
        if absolute:
            artifact["uriBaseId"] = "SRCROOT"
        replacements = [
            {
                "deletedRegion": {"byteOffset": e.start, "byteLength": e.end - e.start},
                "insertedContent": {"text": e.replacement},
            }
            for e in finding.autofix.edits
            if e.path == path
        ]
        changes.append({"artifactLocation": artifact, "replacements": replacements})
    return {
        "description": {"text": f"{finding.fix or finding.message} ({finding.autofix.applicability.value} fix)"},
        "artifactChanges": changes,
        "properties": {"applicability": finding.autofix.applicability.value},
    }


def _message(finding: Finding) -> str:
    parts = [finding.message]
    parts += [f"evidence: {e}" for e in finding.evidence]
    if finding.fix:
        parts.append(f"fix: {finding.fix}")
    return "\n".join(parts)


def render(report: Report) -> str:
    """The SARIF document, already redacted where the text came from outside (results, notifications,
    paths); the rule help under tool.driver is spacemedic's own text and is left as written, so the
    CLI prints this document without a second redaction pass."""
    from spacemedic.redact import redact_obj

    rules = list(ALL_RULES)
    index = {r.code: i for i, r in enumerate(rules)}
    prefix, base_ids = _base(report.root)
    results = []
    for f in report.findings:
        result: dict[str, Any] = {"ruleId": f.code}
        if f.code in index:
            result["ruleIndex"] = index[f.code]
        result.update(
            {
                "level": _LEVEL[f.severity],
                "message": {"text": _message(f)},
                "locations": [_location(f, prefix, bool(base_ids))],
                "properties": {
                    "category": f.category.value,
                    "severity": f.severity.value,
                    "evidence": list(f.evidence),
                    "fix": f.fix,
                    "security-severity": _SECURITY_SEVERITY[f.severity],
                },
            }
        )
        if f.autofix is not None:
            result["fixes"] = [_fix(f, prefix, bool(base_ids))]
        results.append(result)
    notifications = [
        {
            "level": "warning",
            "message": {"text": f"could not check {u.source}: {u.reason}"},
            "descriptor": {"id": "could-not-check"},
            "properties": {"source": u.source, "reason": u.reason},
        }
        for u in report.unavailable
    ]
    invocation: dict[str, Any] = {"executionSuccessful": True}
    if notifications:
        invocation["toolExecutionNotifications"] = redact_obj(notifications)
    run: dict[str, Any] = {
        "tool": {
            "driver": {"name": "spacemedic", "version": __version__, "rules": [_rule(r) for r in rules]}
        },
        "invocations": [invocation],
        "results": redact_obj(results),
        "columnKind": "unicodeCodePoints",
        "properties": redact_obj({"sdk": report.sdk, "filesScanned": report.files_scanned}),
    }
    if base_ids:
        run["originalUriBaseIds"] = redact_obj(base_ids)
    doc = {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
