"""Helpers rules use to place an edit exactly: from a position in the text they read to byte
offsets in the file as stored. Pure functions of the repository snapshot's cached bytes.

Each returns None when it cannot be exact (the file is not strict UTF-8, the text moved, the
old text is not where the rule said); a rule then offers no automatic fix for that finding.
"""

from __future__ import annotations

from spacemedic.models import Edit
from spacemedic.space.repo import SpaceRepo


def text_edit(repo: SpaceRepo, path: str, start: int, end: int, replacement: str) -> Edit | None:
    """An edit replacing characters `start`..`end` of `repo.text(path)` with `replacement`."""
    raw = repo.raw(path)
    text = repo.text(path)
    if raw is None or text is None or not 0 <= start <= end <= len(text):
        return None
    try:
        decoded = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None  # the text was read with replacements: character positions are not bytes
    bom = len(decoded) - len(text)
    if bom < 0 or decoded[bom:] != text:
        return None
    begin = len(decoded[: bom + start].encode("utf-8"))
    stop = begin + len(text[start:end].encode("utf-8"))
    return Edit(path, begin, stop, replacement)


def line_bounds(text: str, line: int) -> tuple[int, int] | None:
    """(start, end) character offsets of 1-based `line`, without its line ending."""
    if line < 1:
        return None
    start = 0
    for _ in range(line - 1):
        nl = text.find("\n", start)
        if nl < 0:
            return None
        start = nl + 1
    end = text.find("\n", start)
    end = len(text) if end < 0 else end
    if end > start and text[end - 1] == "\r":
        end -= 1
    return start, end


def replace_in_lines(
    repo: SpaceRepo, path: str, first: int, last: int, old: str, new: str
) -> Edit | None:
    """Replace the one occurrence of `old` within lines `first`..`last` (1-based) of `path`."""
    text = repo.text(path)
    if text is None:
        return None
    top, bottom = line_bounds(text, first), line_bounds(text, last)
    if top is None or bottom is None:
        return None
    lo, hi = top[0], bottom[1]
    at = text.find(old, lo, hi)
    if at < 0 or text.find(old, at + 1, hi) >= 0:
        return None  # absent, or ambiguous: not certain which one to change
    return text_edit(repo, path, at, at + len(old), new)


def newline(text: str) -> str:
    """The line ending the file already uses, so inserted lines match it."""
    return "\r\n" if "\r\n" in text else "\n"


def find_once(text: str, pattern: str, lo: int = 0, hi: int | None = None) -> tuple[int, int] | None:
    """The span of the single match of regex `pattern` in `text[lo:hi]`; None if 0 or 2+."""
    import re

    hi = len(text) if hi is None else hi
    found = list(re.compile(pattern).finditer(text, lo, hi))
    return (found[0].start(), found[0].end()) if len(found) == 1 else None


def lines_span(text: str, first: int, last: int) -> tuple[int, int] | None:
    """(start, end) character offsets covering lines `first`..`last` (1-based, no final EOL)."""
    top, bottom = line_bounds(text, first), line_bounds(text, last)
    return (top[0], bottom[1]) if top is not None and bottom is not None else None


def replace_word(repo: SpaceRepo, path: str, first: int, last: int, word: str, new: str) -> Edit | None:
    """Replace the one occurrence of `word` (a package or project name: not part of a longer
    name) in lines `first`..`last`; None when absent or ambiguous."""
    import re

    text = repo.text(path)
    span = lines_span(text, first, last) if text is not None else None
    if text is None or span is None:
        return None
    hit = find_once(text, rf"(?<![\w.+-]){re.escape(word)}(?![\w.+-])", *span)
    return text_edit(repo, path, hit[0], hit[1], new) if hit else None


def insert_front_matter_line(repo: SpaceRepo, line: str) -> Edit | None:
    """Insert `line` as the last line of README.md's YAML block (before the closing `---`)."""
    import re

    text = repo.text("README.md")
    if text is None:
        return None
    fences = [m.start() for m in re.finditer(r"(?m)^---[ \t]*\r?$", text)]
    if len(fences) < 2 or fences[0] != 0:
        return None
    return text_edit(repo, "README.md", fences[1], fences[1], line + newline(text))


def delete_front_matter_key(repo: SpaceRepo, line: int | None, key: str) -> Edit | None:
    """Delete the README line `key: value` (with its line ending) when the key and a plain
    one-line value are all that line holds, and nothing indented continues it."""
    import re

    text = repo.text("README.md")
    bounds = line_bounds(text, line) if text is not None and line else None
    if text is None or bounds is None:
        return None
    if not re.fullmatch(rf"{re.escape(key)}[ \t]*:[ \t]*[^\s|>\[{{&*!#][^#]*(#.*)?", text[bounds[0] : bounds[1]]):
        return None
    end = text.find("\n", bounds[1])
    end = len(text) if end < 0 else end + 1
    if text[end : end + 1] in (" ", "\t"):
        return None  # a continued (multi-line) value
    return text_edit(repo, "README.md", bounds[0], end, "")


def delete_line(repo: SpaceRepo, path: str, line: int) -> Edit | None:
    """Delete 1-based `line` of `path` with its line ending (the last line: with the ending
    before it, so no blank line is left behind)."""
    text = repo.text(path)
    bounds = line_bounds(text, line) if text is not None else None
    if text is None or bounds is None:
        return None
    start, end = bounds
    if text.startswith("\r\n", end):
        end += 2
    elif text.startswith("\n", end):
        end += 1
    elif start > 0:
        start -= 2 if text[start - 2 : start] == "\r\n" else 1
    return text_edit(repo, path, start, end, "")
