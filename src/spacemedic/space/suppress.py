"""Inline suppressions: `# spacemedic: ignore[SM123] reason` (a reason is required).

A suppression on a line of its own applies to the next non-comment line; at the end of a
line it applies to that line. Only real `#` comments count, in the files whose comments start
with `#`: Dockerfiles, shell scripts, requirements and packages files, Python, TOML, YAML.
Python is read with `tokenize`, so the text inside a string or docstring is never a
suppression; Markdown, JSON, HTML and JavaScript have no `#` comments and are not read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePosixPath

_PATTERN = re.compile(r"#\s*spacemedic:\s*ignore\[([A-Za-z0-9_,\s-]*)\]([^\n]*)")
_HASH_COMMENT_SUFFIXES = frozenset(
    {".py", ".pyw", ".sh", ".bash", ".toml", ".cfg", ".ini", ".yaml", ".yml", ".txt", ".dockerfile", ".conf", ".in"}
)
_HASH_COMMENT_NAMES = frozenset({".gitattributes", ".dockerignore", ".gitignore", "Procfile", "Makefile"})


@dataclass(frozen=True)
class Suppression:
    path: str
    line: int
    """The line the suppression applies to."""
    comment_line: int
    codes: tuple[str, ...]
    reason: str


def has_hash_comments(path: str) -> bool:
    """True for the kinds of file whose comments start with `#` (where suppressions live)."""
    name = PurePosixPath(path).name
    suffix = PurePosixPath(path).suffix.lower()
    return name.startswith("Dockerfile") or name in _HASH_COMMENT_NAMES or suffix in _HASH_COMMENT_SUFFIXES


def parse_suppressions(path: str, text: str) -> list[Suppression]:
    """Every suppression comment in `text` (read as the kind of file `path` names). Never raises."""
    if not has_hash_comments(path):
        return []
    lines = text.splitlines()
    comments = _python_comments(text) if path.endswith((".py", ".pyw")) else None
    if comments is None:
        comments = _line_comments(lines)
    out: list[Suppression] = []
    for index, column in comments:
        match = _PATTERN.search(lines[index], column)
        if match is None:
            continue
        codes = tuple(c.strip().upper() for c in match.group(1).split(",") if c.strip())
        reason = match.group(2).strip()
        target = index
        if lines[index][:column].strip() == "":
            target = index + 1
            while target < len(lines) and (not lines[target].strip() or lines[target].lstrip().startswith("#")):
                target += 1
        out.append(Suppression(path, target + 1, index + 1, codes, reason))
    return out


def _python_comments(text: str) -> list[tuple[int, int]] | None:
    """(line index, column) of every COMMENT token, or None when the file does not tokenize."""
    if "spacemedic" not in text:
        return []
    import io
    import tokenize  # here: most repositories hold no suppression, and tokenize compiles regexes

    found: list[tuple[int, int]] = []
    try:
        for tok in tokenize.generate_tokens(io.StringIO(text).readline):
            if tok.type == tokenize.COMMENT and "spacemedic" in tok.string:
                found.append((tok.start[0] - 1, tok.start[1]))
    except (tokenize.TokenError, SyntaxError, IndentationError):
        return None  # broken Python: fall back to the line reading below
    return found


def _line_comments(lines: list[str]) -> list[tuple[int, int]]:
    """A `#` that starts a line, or follows whitespace, outside quotes on that line."""
    found: list[tuple[int, int]] = []
    for index, line in enumerate(lines):
        if "spacemedic" not in line:
            continue
        quote = ""
        for column, char in enumerate(line):
            if quote:
                if char == quote:
                    quote = ""
            elif char in "\"'":
                quote = char
            elif char == "#" and (column == 0 or line[column - 1].isspace()):
                found.append((index, column))
                break
    return found
