from __future__ import annotations

from typing import Iterator

from spacemedic.models import Category, Finding, Severity
from spacemedic.rules.base import Rule
from spacemedic.rules.front_matter._reference import SDKS, closest
from spacemedic.space.context import SpaceContext


class SdkMissingOrUnknown(Rule):
    """The configuration sets no `sdk`, or one the Hub does not know.

    What it does
    Checks that the README.md YAML block sets `sdk` to one of `gradio`, `docker`, `static`
    (or the deprecated `streamlit`).

    Why is this bad?
    The sdk decides how the Space is built. Without a known one the Hub cannot build it: the
    push is refused by the metadata check or the Space stops in CONFIG_ERROR.

    Example
        ---
        title: My demo
        sdk: Gradio-4
        ---

    Fix
    Set `sdk: gradio`, `sdk: docker` or `sdk: static`.
    """

    code = "SM002"
    name = "sdk-missing-or-unknown"
    category = Category.FRONT_MATTER
    severity = Severity.ERROR

    def check(self, ctx: SpaceContext) -> Iterator[Finding]:
        fm = ctx.front_matter
        if fm.data is None:
            return  # SM001 reports a missing or unreadable block
        value = fm.get("sdk")
        if value is None:
            yield self.finding(
                "the Space configuration does not set `sdk`, so the Hub does not know how to build it",
                path="README.md",
                line=1,
                evidence=(f"keys set: {', '.join(sorted(fm.data)) or '(none)'}",),
                fix="Add `sdk: gradio`, `sdk: docker` or `sdk: static` to the README.md YAML block.",
            )
            return
        if isinstance(value, str) and value in SDKS:
            return
        if isinstance(value, str) and value.strip().lower() in SDKS:
            # The Hub's list is lower-case; whether it folds case is not documented.
            yield self.finding(
                f"`sdk: {value}` should be written `{value.strip().lower()}`: the Hub lists sdks in lower case",
                path="README.md",
                line=fm.line_of("sdk"),
                severity=Severity.WARNING,
                evidence=(f"sdk: {value!r}",),
                fix=f"Write `sdk: {value.strip().lower()}`.",
            )
            return
        guess = closest(str(value), SDKS)
        yield self.finding(
            f"`sdk: {value}` is not an sdk the Hub knows (gradio, docker, static)",
            path="README.md",
            line=fm.line_of("sdk"),
            evidence=(f"sdk: {value!r}",),
            fix=f"Did you mean `sdk: {guess}`?"
            if guess
            else "Use `sdk: gradio`, `sdk: docker` or `sdk: static`.",
        )
