from __future__ import annotations

from typing import Iterator

from spacemedic.models import Category, Finding, Severity
from spacemedic.rules.base import Rule
from spacemedic.rules.repo._sizes import GIT_FILE_LIMIT, POINTER_MAX, human
from spacemedic.space.context import SpaceContext


class LargeFileNotInLfs(Rule):
    """A file over 10 MiB would be pushed as a regular git blob instead of through LFS / Xet.

    What it does
    Finds files larger than 10 MiB that no `filter=lfs` line of `.gitattributes` covers. In a
    git checkout it also asks git for the staged blob: a large blob means the file is already
    committed without LFS, and rewriting `.gitattributes` alone no longer helps.

    Why is this bad?
    The Hub refuses a `git push` containing a regular file larger than 10 MiB ("Your push was
    rejected because it contains files larger than 10 MiB"), so nothing reaches the Space.
    Outside a git checkout the upload tool decides: `hf upload` sends large files through Xet
    itself, so the rule only warns there.

    Example
    A 400 MB `model.ckpt` with a `.gitattributes` that only covers `*.bin`.

    Fix
    `git lfs track "*.ckpt"` (commit `.gitattributes`), then `git rm --cached model.ckpt && git
    add model.ckpt`. If it is already in history, `git lfs migrate import --include="*.ckpt"`.
    Better: keep weights in a model repo and download them at startup.
    """

    code = "SM100"
    name = "large-file-not-in-lfs"
    category = Category.REPO_SIZE
    severity = Severity.ERROR

    def check(self, ctx: SpaceContext) -> Iterator[Finding]:
        big = [f for f in ctx.repo.files if f.size > GIT_FILE_LIMIT and not f.is_symlink]
        if not big:
            return
        attrs = ctx.gitattributes
        staged = ctx.committed_sizes([f.path for f in big]) if ctx.repo.is_git else None
        for f in big:
            blob = staged.get(f.path) if staged is not None else None
            if blob is not None and blob <= POINTER_MAX:
                continue  # git staged a pointer: the LFS filter already applies
            if blob is None and attrs.is_lfs(f.path):
                continue
            committed = blob is not None and blob > GIT_FILE_LIMIT
            pattern = "*" + f.suffix if f.suffix else f.path
            if committed:
                message = (
                    f"{f.path} ({human(f.size)}) is committed as a regular git blob; the Hub refuses the push"
                )
            elif ctx.repo.is_git:
                message = f"{f.path} ({human(f.size)}) is not covered by LFS in .gitattributes; the Hub refuses the push"
            else:
                message = (
                    f"{f.path} ({human(f.size)}) is not covered by LFS in .gitattributes: a git push is refused "
                    "(`hf upload` stores it with Xet on its own)"
                )
            yield self.finding(
                message,
                path=f.path,
                severity=None if ctx.repo.is_git else Severity.WARNING,
                evidence=(
                    f"size {f.size} bytes > 10 MiB",
                    f"staged git blob: {blob} bytes"
                    if blob is not None
                    else "no .gitattributes line tracks it with LFS",
                ),
                fix=(
                    f"git lfs migrate import --include='{pattern}' (it is already in history), then push"
                    if committed
                    else f"git lfs track '{pattern}' && git add .gitattributes {f.path}"
                ),
            )
