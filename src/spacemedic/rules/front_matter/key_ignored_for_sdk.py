from __future__ import annotations

from typing import Iterator

from spacemedic.fixes.edits import delete_front_matter_key
from spacemedic.models import Applicability, Category, Finding, Severity
from spacemedic.rules.base import Rule
from spacemedic.space.context import SpaceContext

# key -> the sdks that read it (hf-platform.md §5).
_READ_BY: dict[str, tuple[str, ...]] = {
    "app_port": ("docker",),
    "app_file": ("gradio", "streamlit", "static"),
    "sdk_version": ("gradio", "streamlit"),
    "python_version": ("gradio", "streamlit"),
    "app_build_command": ("static",),
}


class KeyIgnoredForSdk(Rule):
    """A configuration key that the Space's sdk does not read.

    What it does
    Notes keys that have no effect for the chosen sdk: `app_port` outside Docker;
    `app_file`, `sdk_version` and `python_version` on Docker; `app_build_command` outside static.

    Why is this bad?
    It is harmless to the build, but it misleads: changing `app_port` on a Gradio Space, or
    `python_version` on a Docker Space, changes nothing. The Dockerfile decides for Docker.

    Example
        sdk: gradio
        app_port: 8080

    Fix
    Remove the key, or set the value where it is read (the Dockerfile for Docker Spaces).
    Automatic fix (unsafe: the value may have been meant for another sdk): deletes the
    key's line when it holds a one-line value.
    """

    code = "SM007"
    name = "key-ignored-for-sdk"
    category = Category.FRONT_MATTER
    severity = Severity.INFO
    fix_applicability = Applicability.UNSAFE

    def check(self, ctx: SpaceContext) -> Iterator[Finding]:
        fm = ctx.front_matter
        sdk = ctx.sdk
        if fm.data is None or sdk not in ("gradio", "streamlit", "docker", "static"):
            return
        for key, readers in _READ_BY.items():
            if key in fm.data and sdk not in readers:
                where = "the Dockerfile decides" if sdk == "docker" else f"only {'/'.join(readers)} reads it"
                yield self.finding(
                    f"`{key}` has no effect on a {sdk} Space ({where})",
                    path="README.md",
                    line=fm.line_of(key),
                    evidence=(f"sdk: {sdk}", f"{key}: {fm.data[key]!r}"),
                    fix=f"Remove `{key}`, or set it where a {sdk} Space reads it.",
                    edits=(delete_front_matter_key(ctx.repo, fm.line_of(key), key),),
                )
