from __future__ import annotations

import re
from typing import Any, Iterator

from spacemedic.models import Category, Finding, Severity
from spacemedic.rules.base import Rule
from spacemedic.space.context import SpaceContext

_REPO_ID = re.compile(r"^[A-Za-z0-9][\w.\-]*(/[\w.\-]+)?$")
_SHA = re.compile(r"^[0-9a-f]{40}$")


def problem(item: Any) -> str | None:
    """Why one `preload_from_hub` entry is malformed, or None."""
    if not isinstance(item, str):
        return f"{item!r} is a {type(item).__name__}, not a string"
    parts = item.split()
    if not parts:
        return "an empty entry"
    if len(parts) > 3:
        return f"{item!r} has {len(parts)} space-separated parts (at most: repo_id files sha)"
    if not _REPO_ID.match(parts[0]) or "--" in parts[0] or ".." in parts[0]:
        return f"{parts[0]!r} is not a repo id like `owner/name`"
    if len(parts) >= 2 and any(not f for f in parts[1].split(",")):
        return f"{parts[1]!r} has an empty file name (files are comma-separated, no spaces)"
    if len(parts) == 3 and not _SHA.match(parts[2]):
        return f"{parts[2]!r} is not a 40-character commit sha"
    return None


class InvalidPreloadFromHub(Rule):
    """An entry of `preload_from_hub` is not in a form the Hub reads.

    What it does
    Checks that `preload_from_hub` is a list of strings, each `repo_id`, `repo_id f1,f2` or
    `repo_id f1,f2 <40-hex sha>`.

    Why is this bad?
    The entries are downloaded at build time. A malformed entry fails the build or downloads
    nothing, and the app then fetches the model at startup (slow, and may time out).

    Example
        preload_from_hub:
          - openai/whisper-small config.json, model.safetensors

    Fix
    Separate files by commas without spaces: `openai/whisper-small config.json,model.safetensors`.
    """

    code = "SM009"
    name = "invalid-preload-from-hub"
    category = Category.FRONT_MATTER
    severity = Severity.WARNING

    def check(self, ctx: SpaceContext) -> Iterator[Finding]:
        fm = ctx.front_matter
        if fm.data is None or fm.data.get("preload_from_hub") is None:
            return
        value = fm.data["preload_from_hub"]
        items = value if isinstance(value, list) else [value] if isinstance(value, str) else None
        if items is None:
            yield self.finding(
                f"`preload_from_hub` must be a list of strings, not a {type(value).__name__}",
                path="README.md",
                line=fm.line_of("preload_from_hub"),
                evidence=(f"preload_from_hub: {value!r}"[:200],),
                fix="Write one `- owner/name [files] [sha]` entry per line.",
            )
            return
        for item in items:
            why = problem(item)
            if why:
                yield self.finding(
                    f"`preload_from_hub` entry is malformed: {why}",
                    path="README.md",
                    line=fm.line_of("preload_from_hub"),
                    evidence=(f"- {item!r}"[:200],),
                    fix=(
                        "Use `owner/name`, `owner/name file1,file2` or `owner/name file1,file2 <commit sha>`."
                    ),
                )
