"""Edits on one Dockerfile line, shared by the Dockerfile rules' automatic fixes.

A trailing `# comment` after an instruction is moved to its own line above it (Dockerfiles
have whole-line comments only); the scan honours quotes and backslash escapes, so a `#`
inside `"#ff0000"` or a URL fragment (`page#section`, no blank before it) is not a comment.
"""

from __future__ import annotations

from spacemedic.fixes.edits import line_bounds, newline, text_edit
from spacemedic.models import Edit
from spacemedic.space.repo import SpaceRepo


def trailing_comment_at(line: str) -> int | None:
    """Index of the `#` that starts a trailing comment in `line` (after a blank, outside
    quotes), or None. The line's first word (the instruction) is never a comment."""
    quote = ""
    escaped = False
    for i, ch in enumerate(line):
        if escaped:
            escaped = False
            continue
        if ch == "\\" and quote != "'":
            escaped = True
        elif quote:
            if ch == quote:
                quote = ""
        elif ch in "\"'":
            quote = ch
        elif ch == "#" and i > 0 and line[i - 1] in " \t" and line[:i].strip():
            return i
    return None


def move_comment_above(repo: SpaceRepo, path: str, line_no: int) -> Edit | None:
    """`ENV A=1  # why` -> `# why` on its own line, then `ENV A=1` (same indentation)."""
    text = repo.text(path)
    bounds = line_bounds(text, line_no) if text is not None else None
    if text is None or bounds is None:
        return None
    line = text[bounds[0] : bounds[1]]
    at = trailing_comment_at(line)
    if at is None or line.rstrip().endswith("\\"):
        return None
    indent = line[: len(line) - len(line.lstrip())]
    comment, code = line[at:].rstrip(), line[:at].rstrip()
    return text_edit(repo, path, bounds[0], bounds[1], f"{indent}{comment}{newline(text)}{code}")


def insert_lines_before(repo: SpaceRepo, path: str, line_no: int, lines: tuple[str, ...]) -> Edit | None:
    """Insert whole `lines` before 1-based `line_no`, in the file's own line ending."""
    text = repo.text(path)
    bounds = line_bounds(text, line_no) if text is not None else None
    if text is None or bounds is None:
        return None
    nl = newline(text)
    return text_edit(repo, path, bounds[0], bounds[0], "".join(f"{line}{nl}" for line in lines))
