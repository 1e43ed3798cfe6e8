""".dockerignore, roughly as Docker reads it: one pattern a line, `#` comments, `!` re-includes,
`**` for any depth; a pattern excludes a directory and everything under it. Never raises."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from spacemedic.space.repo import SpaceRepo
from spacemedic.space.wildmatch import Automaton, compile_fragments


@dataclass(frozen=True)
class DockerIgnore:
    patterns: tuple[tuple[bool, str], ...] = ()  # (negated, pattern)

    @classmethod
    def parse(cls, text: str | None) -> DockerIgnore:
        out: list[tuple[bool, str]] = []
        for raw in (text or "").splitlines():
            line = raw.strip()
            if not line or line.startswith("#"):
                continue
            neg = line.startswith("!")
            pat = line[1:].strip() if neg else line
            pat = "/".join(p for p in pat.replace("\\", "/").split("/") if p not in ("", "."))
            if pat:
                out.append((neg, pat))
        return cls(tuple(out))

    def ignored(self, path: str) -> bool:
        """Whether `path` (POSIX, relative to the context) is excluded."""
        result = False
        for neg, pat in self.patterns:
            if _match(pat, path):
                result = not neg
        return result

    def excludes(self, source: str, repo: SpaceRepo) -> bool:
        """True when a COPY source is excluded: the path itself, or every file under it."""
        path = normalise(source)
        if not path or not self.patterns:
            return False
        if repo.has(path):
            return self.ignored(path)
        files = repo.under(path)
        return bool(files) and all(self.ignored(f.path) for f in files)


def normalise(source: str) -> str:
    """A COPY source as a path relative to the context; Docker clamps paths that leave it."""
    parts: list[str] = []
    for piece in source.replace("\\", "/").split("/"):
        if piece in ("", "."):
            continue
        if piece == "..":
            if parts:
                parts.pop()
            continue
        parts.append(piece)
    return "/".join(parts)


def _match(pattern: str, path: str) -> bool:
    matcher = _to_matcher(pattern)
    parts = path.split("/")
    # A pattern matching a parent directory excludes everything below it.
    return any(matcher.fullmatch("/".join(parts[:i])) for i in range(1, len(parts) + 1))


@lru_cache(maxsize=1024)
def _to_matcher(pattern: str) -> re.Pattern[str] | Automaton:
    """The pattern as a regex, or as an automaton when a regex could backtrack for long."""
    out = []
    i = 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        else:
            chunk = pattern[i]
            out.append("[^/]*" if chunk == "*" else "[^/]" if chunk == "?" else re.escape(chunk))
            i += 1
    return compile_fragments(out, re.escape(pattern))
