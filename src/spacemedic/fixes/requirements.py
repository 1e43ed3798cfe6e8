"""Edits on one requirements.txt line: add a version bound to a requirement as written."""

from __future__ import annotations

from packaging.requirements import InvalidRequirement, Requirement

from spacemedic.fixes.edits import line_bounds, text_edit
from spacemedic.models import Edit
from spacemedic.space.repo import SpaceRepo


def add_upper_bound(repo: SpaceRepo, path: str, line: int, name: str, below: str) -> Edit | None:
    """`name` / `name>=1.0 ; marker  # why` -> `name<below` / `name>=1.0,<below ; marker  # why`.

    Only on a line that holds that one requirement, without options, hashes or a `\\`
    continuation, whose specifier has no upper bound yet."""
    text = repo.text(path)
    bounds = line_bounds(text, line) if text is not None else None
    if text is None or bounds is None:
        return None
    raw = text[bounds[0] : bounds[1]]
    code = raw.split(" #", 1)[0].split("\t#", 1)[0]
    requirement = code.split(";", 1)[0].rstrip()
    if not requirement.strip() or requirement.rstrip().endswith("\\") or " -" in requirement or "@" in requirement:
        return None
    try:
        req = Requirement(requirement.strip())
    except InvalidRequirement:
        return None
    if req.name.lower().replace("_", "-") != name.lower().replace("_", "-"):
        return None
    if any(s.operator in ("<", "<=", "==", "===", "~=") for s in req.specifier):
        return None  # already bounded: whether to tighten it is the author's call
    at = bounds[0] + len(requirement)
    return text_edit(repo, path, at, at, f",<{below}" if len(req.specifier) else f"<{below}")
