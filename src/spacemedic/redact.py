"""The one redaction layer. Every byte spacemedic prints or writes passes through `redact`.

Secrets are replaced by `[REDACTED:<kind>]`; the rest of the line stays readable, so a support
engineer still sees *which* header, variable or URL carried a secret. `redact_counts` also says
how many of each kind were removed (for a bundle manifest: counts and kinds, never values).

Rules are data: a table of (kind, pattern, group to replace). Specific token shapes come first so
they get the most precise kind; the context rules (URLs, headers, NAME=value) run last and skip
anything already redacted, which also makes `redact` idempotent.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import NamedTuple

_DONE = r"(?!\[REDACTED)"  # never redact a redaction twice (idempotence)
# A token starts where no longer word goes on, or right after a JSON escape such as `\n`.
_B = r"(?:(?<![A-Za-z0-9_\-])|(?<=\\[nrtbf]))"
_E = r"(?![A-Za-z0-9_\-])"  # token end
_W = r"(?:(?<![A-Za-z0-9_])|(?<=\\[nrtbf]))"  # a word start, also right after a JSON escape

# Names whose values are secrets: the secret word ends the name (HF_TOKEN, db_password, x-api-key),
# so `tokenizer`, `max_tokens` or `secret_name` are left alone.
_NAME = (
    r"[A-Za-z0-9_.\-]{0,60}?(?:token|secret|password|passwd|pwd|api[_\-]?key|access[_\-]?key|secret[_\-]?key"
    r"|private[_\-]?key(?:[_\-]?id)?|credentials?|auth[_\-]?key|session[_\-]?key|client[_\-]?secret|webhook[_\-]?url)"
)
# Placeholders and references that name a secret without containing it.
_NOT_A_VALUE = (
    r"(?![^\"'`\s]*(?:\.\.\.|…|\*\*\*))"  # a placeholder: hf_..., sk-…, ***
    r"(?!\$|%\(|\{\{|\$\{|<|\[REDACTED|(?:None|null|nil|true|false|True|False|undefined|"
    r"os\.environ|os\.getenv|process\.env|env\(|secrets\.)(?![A-Za-z0-9_]))"
)


class Rule(NamedTuple):
    kind: str
    pattern: re.Pattern[str]
    group: str  # the named group that is replaced ("v"), or "" for the whole match
    hints: tuple[str, ...]  # lowercase substrings one of which every match contains (a cheap pre-check)


# Most text holds no secret at all; these pre-checks keep redaction of big logs fast.
_HINTS: dict[str, tuple[str, ...]] = {
    "private-key": ("private key",),
    "gcp-service-account": ("private_key_id",),
    "hf-oauth": ("hf_oauth_",),
    "hf-token": ("hf_", "api_org_"),
    "anthropic-key": ("sk-ant-",),
    "openai-key": ("sk-",),
    "github-token": ("gh", "github_pat_"),
    "gitlab-token": ("glpat-",),
    "slack-webhook": ("hooks.slack.com",),
    "slack-token": ("xox",),
    "stripe-key": ("_live_", "_test_", "whsec_"),
    "aws-access-key": ("akia", "asia", "agpa", "aida", "aroa", "aipa", "anpa", "anva"),
    "google-api-key": ("aiza",),
    "google-oauth": ("ya29.", "gocspx-"),
    "api-key": ("gsk_", "r8_", "nvapi-", "xai-"),
    "jwt": ("eyj",),
    "url-credentials": ("://",),
    "url-token": ("=",),
    "authorization": ("authorization",),
    "cookie": ("cookie",),
    "bearer": ("bearer",),
    "secret-assignment": ("token", "secret", "passw", "pwd", "key", "credential", "webhook"),
    "secret-argument": ("--",),
}


def _r(kind: str, pattern: str, group: str = "", flags: int = 0) -> Rule:
    return Rule(kind, re.compile(pattern, flags), group, _HINTS.get(kind, ()))


RULES: tuple[Rule, ...] = (
    # Key material first: it spans lines and may contain anything.
    # Stops at the END line, or (a truncated excerpt) at the first character no PEM body contains.
    _r(
        "private-key",
        r"-----BEGIN [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----[A-Za-z0-9+/=\s\\:,\-]*?"
        r"(?:-----END [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----|(?=[^A-Za-z0-9+/=\s\\:,\-])|\Z)",
    ),
    _r("gcp-service-account", r"(?i)(?P<k>[\"']private_key_id[\"']\s*:\s*[\"'])(?P<v>[0-9a-f]{16,})", "v"),
    # Token shapes, most specific first.
    _r("hf-oauth", _B + r"hf_oauth_[A-Za-z0-9_\-]{16,}" + _E),
    _r("hf-token", _B + r"(?:hf_[A-Za-z0-9]{30,}|api_org_[A-Za-z0-9]{30,})" + _E),
    _r("anthropic-key", _B + r"sk-ant-[A-Za-z0-9_\-]{20,}" + _E),
    _r("openai-key", _B + r"sk-(?:proj-|svcacct-|admin-|None-)?[A-Za-z0-9_\-]{20,}" + _E),
    _r("github-token", _B + r"(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{40,})" + _E),
    _r("gitlab-token", _B + r"glpat-[A-Za-z0-9_\-]{20,}" + _E),
    _r("slack-webhook", r"https://hooks\.slack\.com/(?:services|workflows)/[A-Za-z0-9_/\-]{20,}"),
    _r("slack-token", _B + r"xox[abposre]-[A-Za-z0-9\-]{10,}" + _E),
    _r("stripe-key", _B + r"(?:[sr]k|whsec)_(?:live|test)_[A-Za-z0-9]{16,}" + _E),
    _r("stripe-key", _B + r"whsec_[A-Za-z0-9]{24,}" + _E),
    _r("aws-access-key", _B + r"(?:AKIA|ASIA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA)[A-Z0-9]{16}" + _E),
    _r("google-api-key", _B + r"AIza[0-9A-Za-z_\-]{35}" + _E),
    _r("google-oauth", _B + r"(?:ya29\.[0-9A-Za-z_\-]{20,}|GOCSPX-[0-9A-Za-z_\-]{20,})" + _E),
    _r("api-key", _B + r"(?:gsk_[A-Za-z0-9]{40,}|r8_[A-Za-z0-9]{30,}|nvapi-[A-Za-z0-9_\-]{40,}|xai-[A-Za-z0-9]{40,})" + _E),
    _r("jwt", _B + r"eyJ[A-Za-z0-9_\-]{8,}\.[A-Za-z0-9_\-]{8,}\.[A-Za-z0-9_\-]{8,}" + _E),
    # Context: where a secret sits, whatever its shape. Values never take a backslash, so a
    # redaction inside a JSON string never eats half of an escape sequence.
    _r("url-credentials", r"(?i)(?P<k>\b[a-z][a-z0-9+.\-]{0,30}://[^\s:/@'\"<>\\]{1,256}:)" + _DONE + r"(?P<v>[^\s@/'\"<>\\]{1,256})(?=@)", "v"),
    _r(
        "url-token",
        r"(?i)(?P<k>[?&;#](?:access_token|refresh_token|id_token|token|api_?key|apikey|key|secret|client_secret|password"
        r"|passwd|pwd|sig|signature|auth|x-amz-signature|x-amz-credential|x-amz-security-token|hf_token)=)"
        + _DONE + r"(?P<v>[^\s&#'\"<>\\]{3,})",
        "v",
    ),
    _r(
        "authorization",
        r"(?i)(?P<k>" + _W + r"(?:proxy-)?authorization\\?[\"']?[ \t]*[:=][ \t]*\\?[\"']?(?:(?:bearer|token|basic|digest|bot)\s+)?)"
        + _DONE + r"(?!(?:bearer|token|basic|digest|bot)\s)(?P<v>[^\s'\",}\\]{4,})",
        "v",
    ),
    _r("cookie", r"(?i)(?P<k>" + _W + r"(?:set-)?cookie\\?[\"']?[ \t]*[:=][ \t]*\\?[\"']?)" + _DONE + r"(?P<v>[^\s'\"\\](?:[^\r\n'\"\\]*[^\s'\"\\])?)", "v"),
    _r("bearer", r"(?P<k>" + _W + r"[Bb]earer\s+)" + _DONE + r"(?P<v>(?=[A-Za-z0-9._~+/\-]*[0-9])[A-Za-z0-9._~+/\-]{16,}=*)", "v"),
    # NAME=value in env files, shells, Dockerfiles, JSON, YAML, TOML, Python and CLI flags.
    _r(
        "secret-assignment",
        r"(?P<k>" + _W + r"(?<![$])(?<![$][{])(?:--)?(?P<n>" + _NAME + r")(?![A-Za-z0-9_])\\?[\"']?\]?[ \t]*(?::=|=>|[:=])[ \t]*\\?(?P<q>[\"'`])?)"
        + _NOT_A_VALUE
        + r"(?P<v>(?(q)[^\"'`\r\n\\]{3,}|[^\s\"'`,;}\]()\\]{4,}))",
        "v",
        re.IGNORECASE,
    ),
    _r(
        "secret-argument",
        r"(?i)(?P<k>(?:(?<![\w\-])|(?<=\\[nrt]))--(?P<n>" + _NAME + r")\s+[\"']?)" + _NOT_A_VALUE + r"(?!-)(?P<v>[^\s\"'\\]{4,})",
        "v",
    ),
    _r(
        "secret-assignment",
        r"(?im)(?P<k>(?:^|(?<=\\[nr]))[ \t]*(?:ENV|ARG)\s+(?P<n>" + _NAME + r")\s+)" + _NOT_A_VALUE + r"(?P<v>[^\s\"'\\]{4,})",
        "v",
    ),
)

_IDENTIFIER = re.compile(r"[a-z_]+|[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)+")


def _keep(rule: Rule, m: re.Match[str]) -> bool:
    """True when an assignment's value is code, not a secret (`token = get_token()`, `api_key = api_key`)."""
    if rule.kind != "secret-assignment" or m.groupdict().get("q"):
        return False
    name, value = m.group("n"), m.group("v")
    if any(c.isupper() for c in name) and not any(c.islower() for c in name):
        return False  # an env-var style NAME: whatever it holds is the secret
    tail = m.string[m.end("v") : m.end("v") + 1]
    return tail in ("(", "[", ".") or _IDENTIFIER.fullmatch(value) is not None


def redact_counts(text: str) -> tuple[str, Counter[str]]:
    """Redact `text` and say how many secrets of each kind were removed (never their values)."""
    counts: Counter[str] = Counter()
    if not text:
        return text, counts
    low = text.lower()
    for rule in RULES:
        if rule.hints and not any(h in low for h in rule.hints):
            continue

        def replace(m: re.Match[str], rule: Rule = rule) -> str:
            if _keep(rule, m):
                return m.group(0)
            counts[rule.kind] += 1
            marker = f"[REDACTED:{rule.kind}]"
            if not rule.group:
                return marker
            start, end = m.span(rule.group)
            return m.string[m.start() : start] + marker + m.string[end : m.end()]

        before = sum(counts.values())
        text = rule.pattern.sub(replace, text)
        if sum(counts.values()) != before:
            low = text.lower()
    return text, counts


def redact(text: str) -> str:
    """Replace every secret-shaped value in `text` by `[REDACTED:<kind>]`."""
    return redact_counts(text)[0]


def redact_obj(value: object) -> object:
    """Redact every string inside a JSON-like value (dict keys stay as they are)."""
    if isinstance(value, str):
        return redact(value)
    if isinstance(value, dict):
        return {k: redact_obj(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [redact_obj(v) for v in value]
    return value


# Kinds whose shape alone says "credential" (used by the lint rule SM200: generic NAME=value
# assignments and JWTs are left to `redact`, since a JWT is often a public anon key and most
# assignments in code are environment lookups).
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


def find_secrets(text: str, kinds: tuple[str, ...] = TOKEN_KINDS) -> list[tuple[str, int, int]]:
    """Every secret-shaped value in `text` as (kind, start, end) of the value itself.

    Overlaps are resolved in the order of `kinds` (the more specific shape wins, e.g. an
    Anthropic key is not also reported as an OpenAI key). Never raises.
    """
    if not text:
        return []
    low = text.lower()
    taken: list[tuple[str, int, int]] = []
    for kind in kinds:
        for rule in (r for r in RULES if r.kind == kind):
            if rule.hints and not any(h in low for h in rule.hints):
                continue
            for match in rule.pattern.finditer(text):
                start, end = match.span(rule.group) if rule.group else match.span()
                if end <= start or any(s < end and start < e for _, s, e in taken):
                    continue
                taken.append((kind, start, end))
    taken.sort(key=lambda t: t[1])
    return taken
