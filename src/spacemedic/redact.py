"""The one redaction layer. Every byte spacemedic prints or writes passes through `redact`.

Secrets are replaced by `[REDACTED:<kind>]`; the rest of the line stays readable.
"""

from __future__ import annotations

import re

# (kind, pattern). Order matters: specific token shapes before generic assignments.
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("private-key", re.compile(r"-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z ]*PRIVATE KEY-----|\Z)")),
    ("hf-token", re.compile(r"\bhf_[A-Za-z0-9]{30,}\b")),
    ("hf-oauth", re.compile(r"\bhf_oauth_[A-Za-z0-9_\-]{20,}\b")),
    ("openai-key", re.compile(r"\bsk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_\-]{20,}\b")),
    ("anthropic-key", re.compile(r"\bsk-ant-[A-Za-z0-9_\-]{20,}\b")),
    ("github-token", re.compile(r"\b(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{40,})\b")),
    ("slack-token", re.compile(r"\bxox[abprs]-[A-Za-z0-9\-]{10,}\b")),
    ("stripe-key", re.compile(r"\b[rs]k_(?:live|test)_[A-Za-z0-9]{16,}\b")),
    ("aws-access-key", re.compile(r"\b(?:AKIA|ASIA)[A-Z0-9]{16}\b")),
    ("google-api-key", re.compile(r"\bAIza[0-9A-Za-z_\-]{35}\b")),
    ("jwt", re.compile(r"\beyJ[A-Za-z0-9_\-]{8,}\.eyJ[A-Za-z0-9_\-]{8,}\.[A-Za-z0-9_\-]{8,}")),
    ("authorization", re.compile(r"(?i)(\bauthorization\s*[:=]\s*(?:bearer|token|basic)?\s*)[^\s'\"]{6,}")),
    ("url-credentials", re.compile(r"(?i)(\b[a-z][a-z0-9+.\-]*://[^\s:/@'\"]+:)[^\s@/'\"]+(@)")),
    (
        "secret-assignment",
        re.compile(
            r"(?i)(\b[A-Z0-9_]*(?:TOKEN|SECRET|PASSWORD|PASSWD|API_?KEY|ACCESS_KEY|PRIVATE_KEY|CREDENTIALS?)[A-Z0-9_]*"
            r"[\"']?\s*[:=]\s*[\"']?)(?!\[REDACTED)([^\s\"',}]{6,})"
        ),
    ),
)


def redact(text: str) -> str:
    """Replace every secret-shaped value in `text` by `[REDACTED:<kind>]`."""
    if not text:
        return text
    for kind, pattern in _PATTERNS:
        if pattern.groups >= 2 and kind != "secret-assignment":
            text = pattern.sub(lambda m, k=kind: f"{m.group(1)}[REDACTED:{k}]{m.group(2)}", text)
        elif pattern.groups >= 1 and kind in ("authorization",):
            text = pattern.sub(lambda m, k=kind: f"{m.group(1)}[REDACTED:{k}]", text)
        elif kind == "secret-assignment":
            text = pattern.sub(lambda m, k=kind: f"{m.group(1)}[REDACTED:{k}]", text)
        else:
            text = pattern.sub(f"[REDACTED:{kind}]", text)
    return text
