"""Choose which automatic fixes to apply and compute the new file contents. Pure: the caller
reads the current bytes (`space.writer.read_source`) and writes the result.

Conflicts: edits of two findings that overlap (or insert at the same point) cannot both be
applied in one pass. The first finding in report order wins; the other stays as a finding
(`FixPlan.conflicts`) and a later pass re-lints and offers it again on the new text.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Mapping

from spacemedic.models import Applicability, Edit, Finding, Unavailable


@dataclass(frozen=True)
class ChangedFile:
    """One file a plan changes: its bytes before and after."""

    path: str
    before: bytes
    after: bytes


@dataclass(frozen=True)
class FixPlan:
    """What applying the fixes does. `changed` is empty when there is nothing to do."""

    changed: tuple[ChangedFile, ...] = ()
    fixed: tuple[Finding, ...] = ()
    conflicts: tuple[Finding, ...] = ()
    unsafe_skipped: tuple[Finding, ...] = ()
    refused: tuple[Unavailable, ...] = ()


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _overlaps(a: Edit, b: Edit) -> bool:
    if a.path != b.path:
        return False
    if a.start == b.start:
        return True  # two insertions (or replacements) at one point: the order would be a guess
    return max(a.start, b.start) < min(a.end, b.end)


def plan_fixes(
    findings: tuple[Finding, ...] | list[Finding],
    sources: Mapping[str, bytes],
    *,
    unsafe: bool = False,
    refused: Mapping[str, str] | None = None,
) -> FixPlan:
    """Pick the fixes to apply to `sources` (path -> current bytes) and compute the results.

    `refused` maps paths that must not be written to the reason; fixes touching them are
    reported in `FixPlan.refused` and not applied.
    """
    refused = dict(refused or {})
    accepted: list[Edit] = []
    fixed: list[Finding] = []
    conflicts: list[Finding] = []
    skipped: list[Finding] = []
    for f in findings:
        auto = f.autofix
        if auto is None:
            continue
        if auto.applicability is Applicability.UNSAFE and not unsafe:
            skipped.append(f)
            continue
        if any(e.path in refused or e.path not in sources for e in auto.edits):
            continue
        if any(not 0 <= e.start <= e.end <= len(sources[e.path]) for e in auto.edits):
            refused.setdefault(auto.edits[0].path, f"{f.code}: an edit lies outside the file (it changed?)")
            continue
        fresh = [e for e in auto.edits if e not in accepted]
        if any(_overlaps(e, a) for e in fresh for a in accepted):
            conflicts.append(f)
            continue
        accepted.extend(fresh)
        fixed.append(f)
    changed = []
    for path in sorted({e.path for e in accepted}):
        before = sources[path]
        after = before
        for e in sorted((e for e in accepted if e.path == path), key=lambda e: e.start, reverse=True):
            after = after[: e.start] + e.replacement.encode("utf-8") + after[e.end :]
        if after != before:
            changed.append(ChangedFile(path, before, after))
    return FixPlan(
        changed=tuple(changed),
        fixed=tuple(fixed),
        conflicts=tuple(conflicts),
        unsafe_skipped=tuple(skipped),
        refused=tuple(Unavailable(p, why) for p, why in sorted(refused.items())),
    )


def render_diff(plan: FixPlan) -> str:
    """The unified diff of every changed file (`a/PATH` -> `b/PATH`), as `ruff --diff` prints."""
    import difflib  # only --diff pays for it

    out: list[str] = []
    for c in plan.changed:
        before = c.before.decode("utf-8", errors="replace").splitlines(keepends=True)
        after = c.after.decode("utf-8", errors="replace").splitlines(keepends=True)
        for line in difflib.unified_diff(before, after, f"a/{c.path}", f"b/{c.path}"):
            out.append(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
    return "".join(out)
