from __future__ import annotations

from typing import Iterator

from spacemedic.models import Category, Finding, Severity
from spacemedic.rules.base import Rule
from spacemedic.rules.front_matter._reference import SHORT_DESCRIPTION_MAX
from spacemedic.space.context import SpaceContext


class ShortDescriptionTooLong(Rule):
    """`short_description` is longer than the Hub allows.

    What it does
    Checks that `short_description` has at most 60 characters.

    Why is this bad?
    The Hub verifies the README metadata on push and refuses it: "short_description" length
    must be less than or equal to 60 characters long.

    Example
        short_description: An interactive demo of retrieval-augmented generation over PDFs

    Fix
    Shorten it to 60 characters or fewer; put the rest in the README body.
    """

    code = "SM016"
    name = "short-description-too-long"
    category = Category.FRONT_MATTER
    severity = Severity.ERROR

    def check(self, ctx: SpaceContext) -> Iterator[Finding]:
        value = ctx.front_matter.get("short_description")
        if value is None or len(str(value)) <= SHORT_DESCRIPTION_MAX:
            return
        yield self.finding(
            f"`short_description` has {len(str(value))} characters; the Hub refuses pushes above "
            f"{SHORT_DESCRIPTION_MAX}",
            path="README.md",
            line=ctx.front_matter.line_of("short_description"),
            evidence=(f"{len(str(value))} > {SHORT_DESCRIPTION_MAX} characters",),
            fix=f"Shorten `short_description` to at most {SHORT_DESCRIPTION_MAX} characters.",
        )
