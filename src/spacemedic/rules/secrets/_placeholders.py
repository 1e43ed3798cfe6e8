"""Telling a real credential from a placeholder, documentation sample or local default."""

from __future__ import annotations

import re

_MARKERS = (
    "xxxx", "your", "example", "placeholder", "dummy", "fake", "sample", "changeme", "redacted", "insert",
    "replace", "****", "....", "<", ">", "${", "{{", "$(", "%(", "todo", "secret_here", "token_here",
)  # fmt: skip
_SEQUENCES = ("abcdefgh", "12345678", "23456789", "qwertyui", "zyxwvuts", "98765432")
_PASSWORD_WORDS = frozenset(
    {"password", "passwd", "pass", "pwd", "secret", "pw", "token", "user", "changeme", "admin"}
)
_LOCAL_HOSTS = re.compile(
    r"^(?:localhost|127\.\d+\.\d+\.\d+|0\.0\.0\.0|\[::1\]|host\.docker\.internal)(?::\d+)?$", re.I
)
_PREFIX = re.compile(
    r"^(?:hf_oauth_|hf_|sk-ant-(?:api\d\d-)?|sk-(?:proj-|svcacct-|admin-)?|gh[pousr]_|github_pat_|xox[abprs]-|[rs]k_(?:live|test)_|AKIA|ASIA|AIza)"
)


def looks_fake(kind: str, value: str, text: str, end: int) -> bool:
    """True when `value` (found as `kind`, ending at `end` in `text`) is not a real credential."""
    low = value.lower()
    if any(m in low for m in _MARKERS):
        return True
    if kind == "private-key":
        body = re.sub(r"-----[A-Z ]+-----|\s", "", value)
        return len(body) < 100 or "..." in value
    if kind == "url-credentials":
        return _fake_url_password(value, text, end)
    body = _PREFIX.sub("", value)
    if any(s in body.lower() for s in _SEQUENCES):
        return True
    distinct = len(set(body))
    return distinct < max(6, len(body) // 4)


def _fake_url_password(password: str, text: str, end: int) -> bool:
    if (
        password.lower() in _PASSWORD_WORDS
        or password.startswith(("$", "%", "{"))
        or set(password) <= {"*", "x", "X"}
    ):
        return True
    host = re.match(r"@([^/\s'\"?#]+)", text[end : end + 256])
    user = re.search(r"://([^:/@\s'\"]+):$", text[max(0, end - len(password) - 128) : end - len(password)])
    if user and user.group(1) == password:
        return True  # postgres:postgres — a local default, not a secret
    return bool(host and _LOCAL_HOSTS.match(host.group(1)))
