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
    # Bounded repeats: an unbounded scheme made this quadratic (16 s on 40 kB of "a.a.a.").
    ("url-credentials", re.compile(r"(?i)(\b[a-z][a-z0-9+.\-]{0,31}://[^\s:/@'\"]{1,256}:)[^\s@/'\"]{1,256}(@)")),
    (
        "secret-assignment",
        re.compile(
            r"(?i)(\b[A-Z0-9_]{0,64}(?:TOKEN|SECRET|PASSWORD|PASSWD|API_?KEY|ACCESS_KEY|PRIVATE_KEY|CREDENTIALS?)[A-Z0-9_]{0,64}"
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


# Kinds whose shape alone says "credential" (generic `PASSWORD=` assignments and JWTs are left
# to `redact`: a JWT is often a public anon key, and assignments are mostly env lookups).
TOKEN_KINDS = (
    "private-key",
    "hf-oauth",
    "hf-token",
    "anthropic-key",
    "openai-key",
    "github-token",
    "slack-token",
    "stripe-key",
    "aws-access-key",
    "google-api-key",
    "url-credentials",
)

# Cheap substrings that must be present for a kind to match at all (skips most regex work).
_HINTS: dict[str, tuple[str, ...]] = {
    "private-key": ("PRIVATE KEY",),
    "hf-oauth": ("hf_oauth_",),
    "hf-token": ("hf_",),
    "anthropic-key": ("sk-ant-",),
    "openai-key": ("sk-",),
    "github-token": ("ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"),
    "slack-token": ("xox",),
    "stripe-key": ("k_live_", "k_test_"),
    "aws-access-key": ("AKIA", "ASIA"),
    "google-api-key": ("AIza",),
    "url-credentials": ("://",),
}


def find_secrets(text: str, kinds: tuple[str, ...] = TOKEN_KINDS) -> list[tuple[str, int, int]]:
    """Every secret-shaped value in `text` as (kind, start, end) of the value itself.

    Overlaps are resolved in the order of `kinds` (the more specific shape wins, e.g. an
    Anthropic key is not also reported as an OpenAI key). Never raises.
    """
    if not text:
        return []
    table = dict(_PATTERNS)
    taken: list[tuple[str, int, int]] = []
    for kind in kinds:
        pattern = table.get(kind)
        if pattern is None or not any(h in text for h in _HINTS.get(kind, ("",))):
            continue
        for match in pattern.finditer(text):
            if kind == "url-credentials":
                start, end = match.end(1), match.start(2)
            elif pattern.groups >= 2:
                start, end = match.start(2), match.end(2)
            elif pattern.groups == 1:
                start, end = match.end(1), match.end()
            else:
                start, end = match.start(), match.end()
            if end <= start or any(s < end and start < e for _, s, e in taken):
                continue
            taken.append((kind, start, end))
    taken.sort(key=lambda t: t[1])
    return taken
