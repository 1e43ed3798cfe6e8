"""`.gitattributes`: which paths git hands to LFS / Xet (`filter=lfs`).

Patterns follow gitattributes(5): a pattern without a slash matches the file name at any
depth; one with a slash is anchored at the root; `**` spans directories; a trailing `/`
never matches a file (git ignores such lines for attributes); the last matching line wins.
Only `filter` is read, because that is what decides whether the Hub sees a pointer or a blob.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache

from spacemedic.space.wildmatch import Automaton, compile_fragments

LFS_POINTER_PREFIX = b"version https://git-lfs"


@dataclass(frozen=True)
class AttrRule:
    pattern: str
    line: int
    lfs: bool | None
    """True: `filter=lfs`; False: `-filter`, `!filter` or another filter; None: not set here."""
    base: str = ""
    """The folder of the `.gitattributes` file the line comes from ("" for the root)."""


@dataclass(frozen=True)
class GitAttributes:
    rules: tuple[AttrRule, ...] = ()

    def is_lfs(self, path: str) -> bool:
        """True if the last line that sets `filter` for `path` sets `filter=lfs`."""
        fast = self._fast
        if fast is not None:  # only positive root lines: one regex per file, not one per line
            names, paths = fast
            return bool(names.fullmatch(path.rsplit("/", 1)[-1]) or paths.fullmatch(path))
        verdict = False
        for rule in self.rules:
            if rule.lfs is None:
                continue
            rel = path
            if rule.base:
                if not path.startswith(rule.base + "/"):
                    continue
                rel = path[len(rule.base) + 1 :]
            if _matches(rule.pattern, rel):
                verdict = rule.lfs
        return verdict

    @cached_property
    def _fast(self) -> tuple[re.Pattern[str], re.Pattern[str]] | None:
        if any(r.lfs is False or r.base for r in self.rules):
            return None
        positive = [r.pattern for r in self.rules if r.lfs]
        compiled = [(p, _compile(p.lstrip("/") if "/" in p else p)) for p in positive]
        if not all(isinstance(c, re.Pattern) for _, c in compiled):
            return None  # a risky pattern is matched by its automaton, one line at a time
        by_name = [c.pattern for p, c in compiled if "/" not in p and isinstance(c, re.Pattern)]
        by_path = [c.pattern for p, c in compiled if "/" in p and isinstance(c, re.Pattern)]
        never = "(?!x)x"
        return (
            re.compile("|".join(f"(?:{p})" for p in by_name) or never, re.DOTALL),
            re.compile("|".join(f"(?:{p})" for p in by_path) or never, re.DOTALL),
        )

    @property
    def lfs_patterns(self) -> tuple[str, ...]:
        return tuple(r.pattern for r in self.rules if r.lfs)


def merge_gitattributes(files: list[tuple[str, str | None]]) -> GitAttributes:
    """Join (folder, text) pairs, shallowest first, so that deeper files take precedence."""
    rules: list[AttrRule] = []
    for base, text in files:
        rules.extend(AttrRule(r.pattern, r.line, r.lfs, base) for r in parse_gitattributes(text).rules)
    return GitAttributes(tuple(rules))


def parse_gitattributes(text: str | None) -> GitAttributes:
    """Parse `.gitattributes` text. Never raises; unreadable lines are skipped like git does."""
    if not text:
        return GitAttributes()
    rules: list[AttrRule] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith('"'):
            end = line.find('"', 1)
            if end < 0:
                continue
            pattern, rest = line[1:end], line[end + 1 :]
        else:
            pattern, _, rest = line.partition(" ")
            if "\t" in pattern:
                pattern, _, more = pattern.partition("\t")
                rest = more + " " + rest
        if not pattern or pattern.startswith("!") or pattern.endswith("/"):
            continue  # negative patterns and directory patterns are not allowed for attributes
        lfs: bool | None = None
        for attr in rest.split():
            if attr.startswith("filter="):
                lfs = attr[len("filter=") :] == "lfs"
            elif attr in ("-filter", "!filter"):
                lfs = False
        rules.append(AttrRule(pattern, number, lfs))
    return GitAttributes(tuple(rules))


def is_lfs_pointer(head: bytes) -> bool:
    """True if the first bytes of a file are those of a git-lfs pointer."""
    return head.startswith(LFS_POINTER_PREFIX)


def pointer_size(head: bytes) -> int | None:
    """The `size` an LFS pointer declares, or None."""
    match = re.search(rb"^size (\d{1,15})\s*$", head, re.MULTILINE)
    return int(match.group(1)) if match else None


def _matches(pattern: str, path: str) -> bool:
    if "/" not in pattern.rstrip("/"):
        name = path.rsplit("/", 1)[-1]
        return bool(_compile(pattern).fullmatch(name))
    return bool(_compile(pattern.lstrip("/")).fullmatch(path))


@lru_cache(maxsize=1024)
def _compile(pattern: str) -> re.Pattern[str] | Automaton:
    """Translate a git wildmatch pattern (with `**`) to a regex over a POSIX path (or, for a
    pattern a regex would backtrack on for long, an automaton: see `wildmatch`)."""
    out: list[str] = []
    i, n = 0, len(pattern)
    while i < n:
        c = pattern[i]
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("/**", i) and i + 3 == n:
            out.append("/.*")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif c == "*":
            out.append("[^/]*")
            i += 1
        elif c == "?":
            out.append("[^/]")
            i += 1
        elif c == "[":
            bracket = _bracket(pattern, i)
            if bracket is None:
                out.append(re.escape(c))
                i += 1
                continue
            out.append(bracket[0])
            i = bracket[1]
        elif c == "\\" and i + 1 < n:
            out.append(re.escape(pattern[i + 1]))
            i += 2
        else:
            out.append(re.escape(c))
            i += 1
    return compile_fragments(out, re.escape(pattern))


# POSIX classes wildmatch accepts inside brackets. The Hub writes `[[:space:]]` for every
# space when it tracks an uploaded file such as `my model (2).bin` with LFS.
_CLASSES = {
    "space": r"\s",
    "blank": r" \t",
    "alpha": "a-zA-Z",
    "digit": "0-9",
    "alnum": "a-zA-Z0-9",
    "upper": "A-Z",
    "lower": "a-z",
    "xdigit": "0-9A-Fa-f",
    "punct": re.escape("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"),
    "print": r"\x20-\x7e",
    "graph": r"\x21-\x7e",
    "cntrl": r"\x00-\x1f\x7f",
}


def _bracket(pattern: str, start: int) -> tuple[str, int] | None:
    """A wildmatch bracket expression at `start` as a regex class and the index after it, or
    None when it is not closed (then `[` is literal)."""
    i, n = start + 1, len(pattern)
    negate = i < n and pattern[i] in "!^"
    i += negate
    parts: list[str] = []
    first = True
    while i < n:
        c = pattern[i]
        if c == "]" and not first:
            body = "".join(parts) or "(?!x)x"
            return ("[" + ("^/" if negate else "") + body + "]" if parts else body), i + 1
        first = False
        if pattern.startswith("[:", i):
            end = pattern.find(":]", i + 2)
            name = pattern[i + 2 : end] if end > 0 else ""
            if name in _CLASSES:
                parts.append(_CLASSES[name])
                i = end + 2
                continue
        if c == "\\" and i + 1 < n:
            c = pattern[i + 1]
            i += 1
        if c == "-" and parts and i + 1 < n and pattern[i + 1] != "]":
            parts.append("-")
        else:
            parts.append(re.escape(c))
        i += 1
    return None
