from __future__ import annotations

from typing import Iterator

from spacemedic.models import Category, Finding, Severity
from spacemedic.rules.base import Rule
from spacemedic.rules.front_matter._reference import DEFAULT_APP_FILE
from spacemedic.space.context import SpaceContext


class AppFileMissing(Rule):
    """The app file the Space would start does not exist in the repository.

    What it does
    For gradio, streamlit and static Spaces, checks that `app_file` (default `app.py`, or
    `index.html` for static) names a file at that exact path, with that exact case.

    Why is this bad?
    The Hub runs (or serves) exactly that file. When it is missing the Space stops in the
    NO_APP_FILE stage: "This Space is missing an app file".

    Example
        ---
        sdk: gradio
        app_file: main.py      # but the code is in src/main.py
        ---

    Fix
    Point `app_file` at the real file, relative to the repository root, or rename the file.
    """

    code = "SM004"
    name = "app-file-missing"
    category = Category.FRONT_MATTER
    severity = Severity.ERROR

    def check(self, ctx: SpaceContext) -> Iterator[Finding]:
        sdk = ctx.sdk
        fm = ctx.front_matter
        if fm.data is None or sdk not in DEFAULT_APP_FILE:
            return
        if sdk == "static" and fm.get("app_build_command"):
            return  # the file is produced by the build job, not committed
        value = fm.get("app_file")
        explicit = value is not None
        if explicit and not isinstance(value, str):
            yield self.finding(
                f"`app_file` must be a path, not {type(value).__name__} {value!r}",
                path="README.md",
                line=fm.line_of("app_file"),
                evidence=(f"app_file: {value!r}",),
                fix="Write the path as a string, e.g. `app_file: app.py`.",
            )
            return
        target = (value if isinstance(value, str) else DEFAULT_APP_FILE[sdk]).strip().lstrip("/")
        target = target[2:] if target.startswith("./") else target
        if ctx.repo.has(target):
            return
        near = [f.path for f in ctx.repo.files if f.path.lower() == target.lower() or f.name == target]
        hint = f" Found {near[0]!r}: point `app_file` there." if near else ""
        if explicit:
            yield self.finding(
                f"`app_file: {value}` does not exist in the repository, so the Space stops with NO_APP_FILE",
                path="README.md",
                line=fm.line_of("app_file"),
                evidence=(f"app_file: {value}", f"no file at {target!r}"),
                fix=f"Set `app_file` to the file the Space should run, relative to the root.{hint}",
            )
        else:
            yield self.finding(
                f"no `app_file` is set and the default {target!r} does not exist, so the Space has no "
                "app to start",
                path="README.md",
                line=fm.line_of("sdk"),
                severity=Severity.WARNING,
                evidence=(f"sdk: {sdk}", f"no file at {target!r}"),
                fix=f"Add `app_file: <path>` to the README.md YAML block.{hint}",
            )
