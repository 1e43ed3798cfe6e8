"""Edits inside README.md's YAML block that add to a list key, written as text (never a
re-dump of the YAML, so comments, quoting and key order stay as the author wrote them)."""

from __future__ import annotations

import re

from spacemedic.fixes.edits import newline, text_edit
from spacemedic.models import Edit
from spacemedic.space.repo import SpaceRepo

_FENCE = re.compile(r"(?m)^---[ \t]*\r?$")


def add_list_item(repo: SpaceRepo, key: str, item: str) -> Edit | None:
    """Append `item` to the block list `key:` of the front matter, or add `key:` with it.

    None when the block is missing, or the key holds something other than a block list of
    `- ` items (a flow list, a scalar): editing that is not certain."""
    text = repo.text("README.md")
    fences = [m.start() for m in _FENCE.finditer(text)] if text is not None else []
    if text is None or len(fences) < 2 or fences[0] != 0:
        return None
    nl = newline(text)
    body_start, body_end = text.index("\n") + 1, fences[1]
    head = re.compile(rf"(?m)^{re.escape(key)}[ \t]*:[ \t]*(#.*)?\r?$")
    found = list(head.finditer(text, body_start, body_end))
    if not found:
        if re.search(rf"(?m)^{re.escape(key)}[ \t]*:", text[body_start:body_end]):
            return None  # the key with an inline value
        return text_edit(repo, "README.md", body_end, body_end, f"{key}:{nl}  - {item}{nl}")
    if len(found) > 1:
        return None
    at = text.index("\n", found[0].end()) + 1 if "\n" in text[found[0].end() : body_end] else body_end
    indent = None
    end = at
    for line in text[at:body_end].splitlines(keepends=True):
        m = re.match(r"([ \t]*)- ", line)
        indented = line[:1] in " \t" and bool(line.strip())
        if m is None and not (indented and (indent is not None or line.strip().startswith("#"))):
            break  # the list ends at the first line that is not an item or its continuation
        indent = indent if indent is not None else (m.group(1) if m else None)
        end += len(line)
    if indent is None:
        return None
    return text_edit(repo, "README.md", end, end, f"{indent}- {item}{nl}")
