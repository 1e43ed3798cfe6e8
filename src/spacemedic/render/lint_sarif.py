"""`--format sarif`: SARIF 2.1.0 for GitHub code scanning, with each rule's help text."""

from __future__ import annotations

import json
from typing import Any

from spacemedic import __version__
from spacemedic.models import Report, Severity
from spacemedic.rules.registry import ALL_RULES

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
HELP_URI = "https://github.com/spacemedic/spacemedic/blob/main/docs/rules.md#{code}"


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
        "properties": {"category": rule.category.value, "tags": [rule.category.value]},
    }


def render(report: Report) -> str:
    rules = list(ALL_RULES)
    index = {r.code: i for i, r in enumerate(rules)}
    results = []
    for f in report.findings:
        result: dict[str, Any] = {
            "ruleId": f.code,
            "level": _LEVEL[f.severity],
            "message": {"text": f.message + "".join(f"\nevidence: {e}" for e in f.evidence)},
            "properties": {"category": f.category.value, "fix": f.fix, "evidence": list(f.evidence)},
        }
        if f.code in index:
            result["ruleIndex"] = index[f.code]
        location: dict[str, Any] = {"artifactLocation": {"uri": f.path or "README.md"}}
        if f.line:
            location["region"] = {"startLine": f.line}
        result["locations"] = [{"physicalLocation": location}]
        results.append(result)
    notifications = [
        {"level": "warning", "message": {"text": f"not checked: {u.source}: {u.reason}"}} for u in report.unavailable
    ]
    doc = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "spacemedic",
                        "version": __version__,
                        "informationUri": "https://github.com/spacemedic/spacemedic",
                        "rules": [_rule(r) for r in rules],
                    }
                },
                "invocations": [{"executionSuccessful": True, "toolExecutionNotifications": notifications}],
                "results": results,
            }
        ],
    }
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
