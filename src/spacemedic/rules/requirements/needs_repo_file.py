from __future__ import annotations

from collections.abc import Iterator

from spacemedic.models import Category, Finding, Severity
from spacemedic.rules.base import Rule
from spacemedic.space.context import SpaceContext
from spacemedic.space.deps import requirement_files
from spacemedic.space.requirements import Entry, Kind

_VCS = ("git+", "hg+", "svn+", "bzr+")


class RequirementNeedsRepoFile(Rule):
    """requirements.txt of a Gradio or Streamlit Space reads another file of the repository.

    What it does
    In `sdk: gradio` / `sdk: streamlit` Spaces, finds `-r other.txt`, `-c constraints.txt`,
    local paths (`./wheels/pkg.whl`, `.`, `-e .`) and `file:` URLs in requirements.txt.

    Why is this bad?
    The Hub's generated build mounts requirements.txt alone into a temporary directory and
    runs pip there, before the repository is copied in. Every other file is missing at that
    moment: pip stops with "Could not open requirements file" or "does not exist".

    Example
        -r requirements-base.txt
        ./wheels/mypkg-0.1-py3-none-any.whl

    Fix
    Write the requirements themselves into requirements.txt. For a wheel of your own, host it
    (a model or dataset repo, a release page) and use `mypkg @ https://.../mypkg.whl`.
    """

    code = "SM556"
    name = "requirement-needs-repo-file"
    category = Category.REQUIREMENTS
    severity = Severity.ERROR

    def check(self, ctx: SpaceContext) -> Iterator[Finding]:
        if not ctx.is_python_sdk:
            return  # a Dockerfile decides what is copied before pip runs
        files = requirement_files(ctx)
        if not files or files[0].path != "requirements.txt":
            return
        for e in files[0].entries:
            what = _repo_file(ctx, e)
            if what is None:
                continue
            yield self.finding(
                f"requirements.txt line {e.line} needs {what}, but the Hub installs requirements.txt "
                "on its own, before the repository is copied: pip cannot find it",
                path="requirements.txt",
                line=e.line,
                evidence=(e.text, "build step: pip install -r <tmpdir>/requirements.txt"),
                fix=(
                    "Copy the requirements of that file into requirements.txt."
                    if e.kind in (Kind.INCLUDE, Kind.CONSTRAINT)
                    else "Install it from a URL (`name @ https://.../file.whl`) or from PyPI instead of a path."
                ),
            )


def _repo_file(ctx: SpaceContext, e: Entry) -> str | None:
    """What repository file the entry needs, or None when it needs none."""
    if e.kind is Kind.INCLUDE:
        return f"the file {e.target!r}"
    if e.kind is Kind.CONSTRAINT:
        return f"the constraints file {e.target!r}"
    if e.kind is Kind.PATH:
        return f"the local path {e.target!r}"
    if e.kind is Kind.EDITABLE and e.target and not e.target.startswith(_VCS) and "://" not in e.target:
        return f"the local project {e.target.split()[0]!r}"
    url = e.requirement.url if e.requirement is not None else e.target if e.kind is Kind.URL else ""
    if url and url.lower().startswith("file:"):
        base = url.rstrip("/").rsplit("/", 1)[-1]
        if any(f.name == base for f in ctx.repo.files):  # else SM554 reports a foreign machine's path
            return f"the local file {url!r}"
    return None
