from __future__ import annotations

from typing import Iterator

from spacemedic.models import Category, Finding, Severity
from spacemedic.rules.base import Rule
from spacemedic.rules.repo._sizes import GIT_FILE_LIMIT, POINTER_MAX, human
from spacemedic.space.context import SpaceContext
from spacemedic.space.repo import FileEntry


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
            covered = attrs.is_lfs(f.path)
            if covered and blob is None:
                continue
            yield self._finding(f, blob, covered, ctx.repo.is_git)

    def _finding(self, f: FileEntry, blob: int | None, covered: bool, is_git: bool) -> Finding:
        pattern = "*" + f.suffix if f.suffix else f.path
        size = f"{f.path} ({human(f.size)})"
        if covered:
            # .gitattributes is right but git staged the content: git-lfs was not installed (or
            # the file was added before the pattern). A machine with git-lfs may push fine.
            return self.finding(
                f"{size} is covered by LFS in .gitattributes but git staged its content, not a pointer "
                "(git-lfs not installed when it was added?); a push from here is refused",
                path=f.path,
                severity=Severity.WARNING,
                evidence=(f"staged git blob: {blob} bytes", "a .gitattributes line sets filter=lfs"),
                fix=f"git lfs install && git rm --cached {f.path} && git add {f.path}",
            )
        if blob is not None:
            message = f"{size} is committed as a regular git blob, not LFS; the Hub refuses the push"
        elif is_git:
            message = f"{size} is not covered by LFS in .gitattributes; the Hub refuses the push"
        else:
            message = f"{size} is not covered by LFS in .gitattributes: a git push is refused (not hf upload)"
        return self.finding(
            message,
            path=f.path,
            severity=None if is_git else Severity.WARNING,
            evidence=(
                f"size {f.size} bytes > 10 MiB",
                f"staged git blob: {blob} bytes"
                if blob is not None
                else "no .gitattributes line tracks it with LFS",
            ),
            fix=(
                f"git lfs migrate import --include='{pattern}' (it is already in history), then push"
                if blob is not None
                else f"git lfs track '{pattern}' && git add .gitattributes {f.path}"
            ),
        )
