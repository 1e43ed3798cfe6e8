from __future__ import annotations

from typing import Iterator

from spacemedic.models import Category, Finding, Severity
from spacemedic.rules.base import Rule
from spacemedic.space.context import SpaceContext


class MissingFrontMatter(Rule):
    """The README.md has no YAML configuration block, or the block does not parse.

    What it does
    Checks that README.md exists at the root of the Space and starts with a `---` YAML block
    that parses as a mapping.

    Why is this bad?
    The Hub reads the Space's configuration (sdk, app file, port, hardware hints) from this
    block. Without it the Space stops in the CONFIG_ERROR stage with "Missing configuration in
    README", and nothing is built.

    Example
    A README.md that starts with a heading, or a block with a tab-indented key:

        # My demo
        This Space does things.

    Fix
    Start README.md with a block such as:

        ---
        title: My demo
        sdk: gradio
        app_file: app.py
        ---
    """

    code = "SM001"
    name = "missing-front-matter"
    category = Category.FRONT_MATTER
    severity = Severity.ERROR

    def check(self, ctx: SpaceContext) -> Iterator[Finding]:
        fm = ctx.front_matter
        if ctx.readme_path is None:
            yield self.finding(
                "README.md is missing: the Hub reads the Space configuration from its YAML block",
                path="README.md",
                evidence=("no README.md at the repository root",),
                fix="Add README.md starting with a '---' YAML block that sets at least `sdk`.",
            )
            return
        if fm.data is None:
            yield self.finding(
                f"the Space configuration cannot be read: {fm.error}",
                path="README.md",
                line=fm.error_line or 1,
                evidence=(fm.error or "unreadable",),
                fix="Start README.md with a '---' YAML block (a mapping) closed by '---'.",
            )
