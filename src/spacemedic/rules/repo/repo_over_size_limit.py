from __future__ import annotations

import heapq
from typing import Iterator

from spacemedic.models import Category, Finding, Severity
from spacemedic.rules.base import Rule
from spacemedic.rules.repo._sizes import REPO_LIMIT, REPO_WARN, human, stored_size
from spacemedic.space.context import SpaceContext


class RepoOverSizeLimit(Rule):
    """The repository is larger than (or close to) the 1 GB Space storage limit.

    What it does
    Adds up the size of every file, counting an LFS pointer as the content it stands for,
    and, in a git checkout, the size of the local git history (`git count-objects`).

    Why is this bad?
    Space repositories are capped at 1 GB, LFS and history included. Past it, pushes fail
    with "Repository storage limit reached (Max: 1 GB)" and builds can fail with "Error
    while cloning repository". Deleting files in a new commit does not shrink the history.

    Example
    A Space holding three 400 MB checkpoints.

    Fix
    Keep weights and datasets in a model or dataset repo (or a Storage Bucket) and download
    them at startup. If the history is already bloated, start a fresh repository with only
    the current code, or rewrite history and `super_squash` it.
    """

    code = "SM101"
    name = "repo-over-size-limit"
    category = Category.REPO_SIZE
    # A warning, not an error: the limit is observed in push refusals, not documented, and
    # older Spaces far above it still build and run.
    severity = Severity.WARNING

    def check(self, ctx: SpaceContext) -> Iterator[Finding]:
        sizes = [(f.path, stored_size(ctx, f.path, f.size)) for f in ctx.repo.files if not f.is_symlink]
        total = sum(s for _, s in sizes)
        top = heapq.nlargest(5, sizes, key=lambda t: t[1])
        evidence = tuple(f"{p}: {human(s)}" for p, s in top if s > 0)
        if total > REPO_WARN:
            over = total > REPO_LIMIT
            yield self.finding(
                f"the files add up to {human(total)}, "
                + (
                    "over the 1 GB Space repository limit: a push adding to it is refused with "
                    "\"Repository storage limit reached\""
                    if over
                    else "close to the 1 GB Space repository limit"
                ),
                evidence=(f"total {total} bytes (LFS pointers counted at their content size)", *evidence),
                fix=(
                    "Move large files to a model/dataset repo or a Storage Bucket and download them "
                    "at startup."
                ),
            )
        history = ctx.git_history_bytes
        if history is not None and history > REPO_WARN:
            yield self.finding(
                f"the local git history takes {human(history)}; pushing it counts against the 1 GB limit "
                "even for files deleted since",
                severity=Severity.WARNING,
                evidence=(f"git count-objects: {history} bytes of objects",),
                fix=(
                    "Start a fresh repository from the current files, or rewrite history to drop the "
                    "large blobs."
                ),
            )
