from __future__ import annotations

from collections.abc import Iterator

from spacemedic.models import Category, Finding, Severity
from spacemedic.rules.appcode._calls import imports_module, startup_calls
from spacemedic.rules.base import Rule
from spacemedic.space.context import SpaceContext


class GradioShareOnSpaces(Rule):
    """`launch(share=True)` in a Space.

    What it does
    Finds Gradio `launch(share=True)` in the files that run at start-up.

    Why is this bad?
    A share link is a tunnel for apps running on your own machine. On Spaces the app already has
    a public URL; Gradio ignores the flag there and logs a warning, so nothing breaks, but the
    line suggests the app was never adapted to run on the Hub.

    Example
        demo.launch(share=True)

    Fix
    Drop `share=True`.
    """

    code = "SM654"
    name = "gradio-share-on-spaces"
    category = Category.APP_CODE
    severity = Severity.INFO

    def check(self, ctx: SpaceContext) -> Iterator[Finding]:
        if ctx.sdk not in ("gradio", "docker"):
            return
        for path, py, call in startup_calls(ctx):
            if call.short == "launch" and ("share", True) in call.consts and imports_module(py, "gradio"):
                yield self.finding(
                    "launch(share=True): share links are not created on Spaces (Gradio ignores the flag there); "
                    "the Space URL is already public",
                    path=path, line=call.line,
                    evidence=(f"{path} line {call.line}: {call.name}(share=True)",),
                    fix="Remove share=True.",
                )
