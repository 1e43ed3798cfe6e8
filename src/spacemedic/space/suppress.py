"""Inline suppressions: `# spacemedic: ignore[SM123] reason` (a reason is required).

A suppression on a line of its own applies to the next non-comment line; at the end of a
line it applies to that line. In any file whose comments start with `#`: Dockerfiles,
shell scripts, requirements and packages files, Python, TOML, YAML.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_PATTERN = re.compile(r"#\s*spacemedic:\s*ignore\[([A-Za-z0-9_,\s-]*)\]([^\n]*)")


@dataclass(frozen=True)
class Suppression:
    path: str
    line: int
    """The line the suppression applies to."""
    comment_line: int
    codes: tuple[str, ...]
    reason: str


def parse_suppressions(path: str, text: str) -> list[Suppression]:
    """Every suppression comment in `text`. Never raises."""
    out: list[Suppression] = []
    lines = text.splitlines()
    for index, line in enumerate(lines):
        if "spacemedic" not in line:
            continue
        match = _PATTERN.search(line)
        if match is None:
            continue
        codes = tuple(c.strip().upper() for c in match.group(1).split(",") if c.strip())
        reason = match.group(2).strip()
        target = index
        if line[: match.start()].strip() == "":
            target = index + 1
            while target < len(lines) and (not lines[target].strip() or lines[target].lstrip().startswith("#")):
                target += 1
        out.append(Suppression(path, target + 1, index + 1, codes, reason))
    return out
