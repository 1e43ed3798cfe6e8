"""The one redaction layer. Every value from outside that spacemedic prints or writes passes here.

Secrets are replaced by `[REDACTED:<kind>]`; the rest of the line stays readable, so a support
engineer still sees *which* header, variable or URL carried a secret. `redact_counts` also says
how many of each kind were removed (for a bundle manifest: counts and kinds, never values).

How it holds on real logs:

- the rules read a normalised view of the text (`spacemedic.redact_view`): colour codes removed,
  other control characters turned into boundaries, JSON and percent escapes decoded; each match
  is mapped back and the marker replaces the original span (escapes and colours around it stay);
- a token's boundary is "not one of its own characters", not a word boundary: `id_AKIA…`,
  `ocr-ghp_…`, `hf_…-1` are all tokens;
- private keys are followed line by line, whatever prefix each line carries (BuildKit's
  `#12 0.31 `), so the body of a key is redacted, not only its BEGIN line;
- every rule is linear: names are matched once per run of name characters (possessive, checked
  by fixed-width look-behinds), no nested or lazy repetition; `bench/bench_redact.py` measures
  megabytes of adversarial text.

Rules are data: a table of (kind, pattern, group to replace). Specific token shapes come first so
they get the most precise kind; the context rules (URLs, headers, NAME=value) come last. Where
two matches overlap the earlier rule wins. Markers are never matched again: `redact` is
idempotent. The patterns compile on first use (importing this module costs nothing).
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from typing import NamedTuple

from spacemedic.redact_pem import private_key_spans
from spacemedic.redact_view import views_of

_DONE = r"(?!\[REDACTED)"  # never redact a redaction twice (idempotence)
_B = r"(?<![A-Za-z0-9])"  # a token starts where no letter or digit goes on before it
_AN = r"(?![A-Za-z0-9])"  # ... and ends where its own characters end
_W = r"(?<![A-Za-z0-9_])"  # a word start

# Names whose values are secrets: the secret word ends the name (HF_TOKEN, db_password, x-api-key),
# so `tokenizer`, `max_tokens` or `secret_name` are left alone. The name is the whole run of name
# characters (matched once, possessively); fixed-width look-behinds check how it ends.
_WORDS = ("token", "secret", "password", "passwd", "pwd", "credential", "credentials", "webhookurl", "webhook_url",
          "webhook-url") + tuple(
    f"{a}{s}key" for a in ("api", "access", "secret", "private", "auth", "session") for s in ("", "_", "-")
) + tuple(f"private{s}key{t}id" for s in ("", "_", "-") for t in ("", "_", "-"))
_ENDS_SECRET = "(?:" + "|".join(f"(?<={w})" for w in _WORDS) + ")"
_NAME_RUN = r"(?P<n>[A-Za-z0-9_.\-]{1,80}+)" + _ENDS_SECRET
_NAME = r"(?<![A-Za-z0-9_.\-$])(?<![$][{])" + _NAME_RUN
# Placeholders and references that name a secret without containing it; an ALL_CAPS_NAME is the
# name of another variable (`Missing secret: OPENAI_API_KEY`), not a value.
_NOT_A_VALUE = (
    r"(?![^\"'`\s]*(?:\.\.\.|…|\*\*\*))"  # a placeholder: hf_..., sk-…, ***
    r"(?!\$|%\(|\{\{|\$\{|<|\[REDACTED|(?:None|null|nil|true|false|True|False|undefined|"
    r"os\.environ|os\.getenv|process\.env|env\(|secrets\.)(?![A-Za-z0-9_]))"
    r"(?!(?-i:[A-Z][A-Z0-9]*+(?:_[A-Z0-9]++)++)(?![^\s\"'`,;}\])]))"
)


class Rule(NamedTuple):
    kind: str
    source: str  # the pattern, compiled by `pattern()` the first time a text passes the hints
    flags: int
    group: str  # the named group that is replaced ("v"), or "" for the whole match
    hints: tuple[str, ...]  # lowercase substrings one of which every match contains (a cheap pre-check)

    def pattern(self) -> re.Pattern[str]:
        """The compiled pattern (each is compiled once, and only when some text needs it)."""
        return _compile(self.source, self.flags)


@lru_cache(maxsize=None)
def _compile(source: str, flags: int) -> re.Pattern[str]:
    return re.compile(source, flags)


# Most text holds no secret at all; these pre-checks keep redaction of big logs fast.
_HINTS: dict[str, tuple[str, ...]] = {
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

_SPECS: tuple[tuple[str, str, str, int], ...] = (
    ("gcp-service-account", r"(?i)(?P<k>[\"']private_key_id[\"']\s*:\s*[\"'])(?P<v>[0-9a-f]{16,}+)", "v", 0),
    # Token shapes, most specific first.
    ("hf-oauth", _B + r"hf_oauth_[A-Za-z0-9_\-]{16,}+", "", 0),
    ("hf-token", _B + r"(?:hf_[A-Za-z0-9]{30,}+|api_org_[A-Za-z0-9]{30,}+)" + _AN, "", 0),
    ("anthropic-key", _B + r"sk-ant-[A-Za-z0-9_\-]{20,}+", "", 0),
    ("openai-key", _B + r"sk-(?:proj-|svcacct-|admin-|None-)?[A-Za-z0-9_\-]{20,}+", "", 0),
    ("github-token", _B + r"(?:gh[pousr]_[A-Za-z0-9]{30,}+|github_pat_[A-Za-z0-9_]{40,}+)" + _AN, "", 0),
    ("gitlab-token", _B + r"glpat-[A-Za-z0-9_\-]{20,}+", "", 0),
    ("slack-webhook", r"https://hooks\.slack\.com/(?:services|workflows)/[A-Za-z0-9_/\-]{20,}+", "", 0),
    ("slack-token", _B + r"xox[abposre]-[A-Za-z0-9\-]{10,}+", "", 0),
    ("stripe-key", _B + r"(?:[sr]k|whsec)_(?:live|test)_[A-Za-z0-9]{16,}+" + _AN, "", 0),
    ("stripe-key", _B + r"whsec_[A-Za-z0-9]{24,}+" + _AN, "", 0),
    ("aws-access-key", _B + r"(?:AKIA|ASIA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA)[A-Z0-9]{16}" + _AN, "", 0),
    ("google-api-key", _B + r"AIza[0-9A-Za-z_\-]{35}" + _AN, "", 0),
    ("google-oauth", _B + r"(?:ya29\.[0-9A-Za-z_\-]{20,}+|GOCSPX-[0-9A-Za-z_\-]{20,}+)", "", 0),
    ("api-key", _B + r"(?:gsk_[A-Za-z0-9]{40,}+|r8_[A-Za-z0-9]{30,}+|nvapi-[A-Za-z0-9_\-]{40,}+|xai-[A-Za-z0-9]{40,}+)" + _AN, "", 0),
    ("jwt", _B + r"eyJ[A-Za-z0-9_\-]{8,}+\.[A-Za-z0-9_\-]{8,}+\.[A-Za-z0-9_\-]{8,}+", "", 0),
    # Context: where a secret sits, whatever its shape. The password of a URL runs to the last `@`
    # of the authority (as URL parsers read it), however long.
    ("url-credentials", r"(?i)(?P<k>(?<![a-z0-9+.\-])[a-z][a-z0-9+.\-]{0,30}://[^\s:/@'\"<>\\]++:)" + _DONE
     + r"(?P<v>[^\s/'\"<>\\]+)(?=@)", "v", 0),
    ("url-token", r"(?i)(?P<k>[?&;#](?:access_token|refresh_token|id_token|token|api_?key|apikey|key|secret|client_secret"
     r"|password|passwd|pwd|sig|signature|auth|x-amz-signature|x-amz-credential|x-amz-security-token|hf_token)=)"
     + _DONE + r"(?P<v>[^\s&#'\"<>\\]{3,}+)", "v", 0),
    ("authorization", r"(?i)(?P<k>" + _W + r"(?:proxy-)?authorization[\"']?[ \t]*+[:=][ \t]*+[\"']?"
     r"(?:(?:bearer|token|basic|digest|bot)\s++)?)" + _DONE
     + r"(?!(?:bearer|token|basic|digest|bot)\s)(?P<v>[^\s'\",}\\]{4,}+)", "v", 0),
    ("cookie", r"(?i)(?P<k>" + _W + r"(?:set-)?cookie[\"']?[ \t]*+[:=][ \t]*+[\"']?)" + _DONE
     + r"(?P<v>[^\s'\"\\](?:[^\r\n'\"\\]*[^\s'\"\\])?)", "v", 0),
    ("bearer", r"(?P<k>" + _W + r"[Bb]earer\s++)" + _DONE
     + r"(?P<v>(?=[A-Za-z0-9._~+/\-]*[0-9])[A-Za-z0-9._~+/\-]{16,}+=*+)", "v", 0),
    # NAME=value in env files, shells, Dockerfiles, JSON, YAML, TOML, Python and CLI flags.
    ("secret-assignment", r"(?P<k>" + _NAME + r"[\"']?\]?[ \t]*+(?::=|=>|[:=])[ \t]*+(?P<q>[\"'`])?)" + _NOT_A_VALUE
     + r"(?P<v>(?(q)[^\"'`\r\n\\]{3,}+|[^\s\"'`,;}\]()\\]{4,}+))", "v", re.IGNORECASE),
    ("secret-argument", r"(?i)(?P<k>(?<![A-Za-z0-9_.\-])--" + _NAME_RUN + r"[ \t]++[\"']?)" + _NOT_A_VALUE
     + r"(?!-)(?P<v>[^\s\"'\\]{4,}+)", "v", 0),
    ("secret-assignment", r"(?im)(?P<k>^[ \t]*+(?:ENV|ARG)[ \t]++" + _NAME + r"[ \t]++)" + _NOT_A_VALUE
     + r"(?P<v>[^\s\"'\\]{4,}+)", "v", 0),
)


@lru_cache(maxsize=1)
def rules() -> tuple[Rule, ...]:
    """The rule table; each pattern compiles on its first use (most texts need few of them)."""
    return tuple(Rule(kind, pattern, flags, group, _HINTS.get(kind, ())) for kind, pattern, group, flags in _SPECS)


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


class Hit(NamedTuple):
    """One secret in the view: its kind, span, and whether it counts (a key's later lines do not)."""

    kind: str
    start: int
    end: int
    counted: bool = True


def _merge(taken: list[Hit], new: list[Hit]) -> list[Hit]:
    """`taken` plus those of `new` that overlap nothing taken (both sorted by start)."""
    if not new:
        return taken
    out: list[Hit] = []
    i = 0
    for hit in new:
        while i < len(taken) and taken[i].end <= hit.start:
            out.append(taken[i])
            i += 1
        if i < len(taken) and taken[i].start < hit.end:
            continue  # overlaps an earlier rule's match: the earlier one wins
        if out and out[-1].end > hit.start:
            continue
        out.append(hit)
    out.extend(taken[i:])
    return out


def _scan(view: str, kinds: tuple[str, ...] | None = None) -> list[Hit]:
    """Every secret in `view`, in rule order (or the order of `kinds`), overlaps resolved."""
    low = view.lower()
    table = rules()
    order: list[Rule | str] = (
        ["private-key", *table] if kinds is None
        else [r for k in kinds for r in (["private-key"] if k == "private-key" else [x for x in table if x.kind == k])]
    )
    taken: list[Hit] = []
    for rule in order:
        if isinstance(rule, str):
            if "private key" in low:
                taken = _merge(taken, [Hit("private-key", a, b, first) for a, b, first in private_key_spans(view)])
            continue
        if rule.hints and not any(h in low for h in rule.hints):
            continue
        found: list[Hit] = []
        for m in rule.pattern().finditer(view):
            if _keep(rule, m):
                continue
            start, end = m.span(rule.group) if rule.group else m.span()
            if end > start:
                found.append(Hit(rule.kind, start, end))
        taken = _merge(taken, found)
    return taken


def _join_blocks(hits: list[Hit], view: str) -> list[Hit]:
    """One marker for the lines of a key that carry no prefix (only whitespace between them)."""
    out: list[Hit] = []
    for hit in hits:
        if out and not hit.counted and out[-1].kind == hit.kind and not view[out[-1].end : hit.start].strip():
            out[-1] = Hit(hit.kind, out[-1].start, hit.end, out[-1].counted)
            continue
        out.append(hit)
    return out


class Span(NamedTuple):
    """A stretch of the original to redact: the marker's kind and the kinds of the secrets counted
    in it (none for the later lines of a key, whose first line counted)."""

    kind: str
    start: int
    end: int
    counted: tuple[str, ...]


def _spans(text: str, kinds: tuple[str, ...] | None = None) -> list[Span]:
    """Every secret in `text`, as spans of the original.

    Text with a bare `ESC [` is read in three views (`redact_view.views_of`); spans of different
    views that overlap are joined (what any view calls a secret is removed), and the join counts
    the secrets of the view that found most in it."""
    per_view: list[list[Span]] = []
    for view in views_of(text):
        found = _scan(view.view, kinds)
        if kinds is None:
            found = _join_blocks(found, view.view)
        per_view.append([Span(h.kind, view.start(h.start), view.end(h.end), (h.kind,) if h.counted else ())
                         for h in found])
    if len(per_view) == 1:
        return per_view[0]
    tagged = sorted((s.start, s.end, i, s) for i, spans in enumerate(per_view) for s in spans)
    out: list[Span] = []
    group: list[tuple[int, Span]] = []
    for start, end, i, span in tagged:
        if group and start >= max(s.end for _, s in group):
            out.append(_join(group))
            group = []
        group.append((i, span))
    if group:
        out.append(_join(group))
    return out


def _join(group: list[tuple[int, Span]]) -> Span:
    by_view: dict[int, list[str]] = {}
    for i, span in group:
        by_view.setdefault(i, []).extend(span.counted)
    counted = max(by_view.values(), key=len)
    first = group[0][1]
    return Span(counted[0] if counted else first.kind, first.start, max(s.end for _, s in group), tuple(counted))


def redact_counts(text: str) -> tuple[str, Counter[str]]:
    """Redact `text` and say how many secrets of each kind were removed (never their values)."""
    counts: Counter[str] = Counter()
    if not text:
        return text, counts
    spans = _spans(text)
    if not spans:
        return text, counts
    pieces: list[str] = []
    last = 0
    for span in spans:
        if span.start < last:
            continue
        pieces.append(text[last:span.start])
        pieces.append(f"[REDACTED:{span.kind}]")
        last = span.end
        counts.update(span.counted)
    pieces.append(text[last:])
    return "".join(pieces), counts


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
    Anthropic key is not also reported as an OpenAI key). A private key is one value, from its
    BEGIN line to the end of its body. Never raises.
    """
    if not text:
        return []
    out: list[tuple[str, int, int]] = []
    for span in _spans(text, kinds):
        if not span.counted and out and out[-1][0] == span.kind:
            out[-1] = (span.kind, out[-1][1], span.end)  # a later line of the same key
        else:
            out.append((span.kind, span.start, span.end))
    return out
