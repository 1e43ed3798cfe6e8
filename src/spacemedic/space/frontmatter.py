"""The README.md YAML front matter: the Space's configuration as the Hub reads it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

_FENCE = re.compile(r"^---[ \t]*$")


@dataclass(frozen=True)
class FrontMatter:
    """The parsed block. `data` is None when there is no block or it does not parse.

    `error` says why it could not be read; `lines` maps each top-level key to its 1-based
    line number in README.md; `types_raw` keeps the scalar text as written (to spot
    `python_version: 3.10` read as the float 3.1).
    """

    present: bool
    data: dict[str, Any] | None
    error: str | None = None
    error_line: int | None = None
    lines: dict[str, int] = field(default_factory=dict)
    raw_scalars: dict[str, str] = field(default_factory=dict)
    block: str = ""

    def line_of(self, key: str) -> int | None:
        return self.lines.get(key)

    def get(self, key: str, default: Any = None) -> Any:
        return (self.data or {}).get(key, default)


def parse_front_matter(text: str | None) -> FrontMatter:
    """Parse the block between the first two `---` lines. Never raises."""
    if text is None:
        return FrontMatter(present=False, data=None, error="README.md is missing or unreadable")
    lines = text.splitlines()
    if not lines or not _FENCE.match(lines[0].lstrip("\ufeff")):
        return FrontMatter(present=False, data=None, error="README.md does not start with a '---' YAML block")
    end = next((i for i in range(1, len(lines)) if _FENCE.match(lines[i])), None)
    if end is None:
        return FrontMatter(present=False, data=None, error="the YAML block opened on line 1 is never closed by '---'")
    block = "\n".join(lines[1:end])
    try:
        node = yaml.compose(block, Loader=yaml.SafeLoader)
        data = yaml.safe_load(block)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else None
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        return FrontMatter(present=True, data=None, error=f"YAML does not parse: {problem}", error_line=line, block=block)
    except (ValueError, RecursionError) as exc:  # yaml can raise these on hostile input
        return FrontMatter(present=True, data=None, error=f"YAML does not parse: {exc}", block=block)
    if data is None:
        return FrontMatter(present=True, data=None, error="the YAML block is empty", error_line=1, block=block)
    if not isinstance(data, dict):
        return FrontMatter(
            present=True, data=None, error=f"the YAML block is a {type(data).__name__}, not a mapping", block=block
        )
    key_lines: dict[str, int] = {}
    raw: dict[str, str] = {}
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = str(key_node.value)
            key_lines.setdefault(key, key_node.start_mark.line + 2)
            if isinstance(value_node, yaml.ScalarNode):
                raw.setdefault(key, str(value_node.value))
    return FrontMatter(
        present=True,
        data={str(k): v for k, v in data.items()},
        lines=key_lines,
        raw_scalars=raw,
        block=block,
    )
