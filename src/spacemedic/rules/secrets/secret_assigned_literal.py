from __future__ import annotations

import ast
import re
from collections.abc import Iterator

from spacemedic.models import Category, Finding, Severity
from spacemedic.rules.base import Rule
from spacemedic.redact import find_secrets
from spacemedic.rules.secrets._placeholders import looks_fake
from spacemedic.rules.secrets.hardcoded_secret import _is_test_or_sample
from spacemedic.space.context import SpaceContext
from spacemedic.space.deps import python_paths

_SECRET_NAME = re.compile(
    r"(?i)(?:^|_)(?:secret|password|passwd|pwd|token|api_?key|apikey|access_?key|private_?key|auth_?key|client_?secret)(?:$|_)"
)
_NOT_SECRET_NAME = re.compile(r"(?i)(?:_(?:name|names|path|file|url|env|var|header|type|len|length|limit|count|id)$|^max_|tokens?_(?:per|limit))")
_WORDS = re.compile(r"(?i)secret|passw|pwd|token|api_?key|access_?key|private_?key|auth_?key")
_ENV_LINE = re.compile(r"^\s*ENV\s+([A-Za-z_][A-Za-z0-9_]*)[= ]\s*(\S+)", re.MULTILINE)
MAX_FILES = 200
PER_SPACE = 10


def _credential_like(value: str) -> bool:
    """A literal that could be a credential: long enough, one word, not a placeholder."""
    v = value.strip()
    if len(v) < 8 or " " in v or v != value or v.startswith(("$", "{", "%", "os.", "http://", "https://", "/")):
        return False
    if find_secrets(v):
        return False  # a recognised token format: SM200 reports it
    return not looks_fake("assigned", v, v, len(v))


class SecretAssignedLiteral(Rule):
    """A variable named like a credential is given a literal value in the code.

    What it does
    Finds assignments such as `OPENAI_API_KEY = "..."`, `password = "..."` or `ENV HF_TOKEN=...`
    in Python files and the Dockerfile, where the name says secret, password, token or API key
    and the value is a literal that does not look like a placeholder. Reads from the
    environment, empty strings and placeholders (`"your-key-here"`, `"xxxx"`) are not reported.
    The value is never shown.

    Why is this bad?
    A public Space's files are public: the credential can be copied by anyone, and providers
    revoke keys they find in public repositories, which then breaks the Space. Even in a private
    Space it ends up in the git history.

    Example
        OPENAI_API_KEY = "sk-live-..."

    Fix
    Revoke the credential, remove it from the history, add it as a Space secret and read it with
    `os.environ["OPENAI_API_KEY"]`.
    """

    code = "SM201"
    name = "secret-assigned-literal"
    category = Category.SECRET
    severity = Severity.WARNING

    def check(self, ctx: SpaceContext) -> Iterator[Finding]:
        found = 0
        for path in python_paths(ctx)[:MAX_FILES]:
            if _is_test_or_sample(path):
                continue
            text = ctx.repo.text(path)
            if not text or not _WORDS.search(text):
                continue
            for name, line in _python_literals(text):
                yield self._finding(path, line, name)
                found += 1
                if found >= PER_SPACE:
                    return
        df = ctx.dockerfile
        if df is not None:
            for m in _ENV_LINE.finditer(df.text):
                name, value = m.group(1), m.group(2).strip("'\"")
                if _is_secret_name(name) and _credential_like(value):
                    yield self._finding("Dockerfile", df.text.count("\n", 0, m.start()) + 1, name)

    def _finding(self, path: str, line: int, name: str) -> Finding:
        return self.finding(
            f"`{name}` is given a literal value in {path} (value not shown): a credential in the files of a "
            "Space is readable by anyone who can see the Space",
            path=path, line=line,
            evidence=(f"{path} line {line}: {name} = <redacted literal>",),
            fix=f"Revoke it, store it as a Space secret and read it with os.environ[{name!r}].",
        )


def _is_secret_name(name: str) -> bool:
    return bool(_SECRET_NAME.search(name)) and not _NOT_SECRET_NAME.search(name)


def _python_literals(text: str) -> Iterator[tuple[str, int]]:
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return
    for node in ast.walk(tree):
        targets: list[ast.expr] = []
        value: ast.expr | None = None
        if isinstance(node, ast.Assign):
            targets, value = node.targets, node.value
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            targets, value = [node.target], node.value
        elif isinstance(node, ast.keyword) and node.arg:
            if _is_secret_name(node.arg) and _literal_secret(node.value):
                yield node.arg, getattr(node.value, "lineno", 0)
            continue
        if value is None or not _literal_secret(value):
            continue
        for t in targets:
            name = t.id if isinstance(t, ast.Name) else t.attr if isinstance(t, ast.Attribute) else None
            if name and _is_secret_name(name):
                yield name, getattr(node, "lineno", 0)


def _literal_secret(value: ast.expr) -> bool:
    return isinstance(value, ast.Constant) and isinstance(value.value, str) and _credential_like(value.value)
