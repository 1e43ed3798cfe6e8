from __future__ import annotations

from typing import Iterator

from spacemedic.models import Category, Finding, Severity
from spacemedic.rules.base import Rule
from spacemedic.rules.front_matter._reference import COLORS, closest
from spacemedic.space.context import SpaceContext


class InvalidSpaceColor(Rule):
    """`colorFrom` or `colorTo` is not one of the Hub's named colours.

    What it does
    Checks `colorFrom` and `colorTo` against red, yellow, green, blue, indigo, purple, pink, gray.

    Why is this bad?
    The Hub validates the README metadata on every push and refuses the push: "Invalid
    metadata in README.md. - "colorFrom" must be one of [...]". Hex codes are not accepted.

    Example
        colorFrom: "#ff0000"
        colorTo: grey

    Fix
    Use a named colour: `colorFrom: red`, `colorTo: gray`.
    """

    code = "SM011"
    name = "invalid-space-color"
    category = Category.FRONT_MATTER
    severity = Severity.ERROR

    def check(self, ctx: SpaceContext) -> Iterator[Finding]:
        fm = ctx.front_matter
        if fm.data is None:
            return
        for key in ("colorFrom", "colorTo"):
            if key not in fm.data:
                continue
            value = fm.data[key]
            if isinstance(value, str) and value in COLORS:
                continue
            guess = closest(str(value), COLORS)
            case_only = isinstance(value, str) and value.strip().lower() in COLORS
            yield self.finding(
                f"`{key}: {value}` is not a colour the Hub accepts, so the push is refused by the "
                "metadata check"
                if not case_only
                else f"`{key}: {value}` should be lower-case; the Hub's list is lower-case",
                path="README.md",
                line=fm.line_of(key),
                severity=Severity.WARNING if case_only else None,
                evidence=(f"{key}: {value!r}", f"allowed: {', '.join(COLORS)}"),
                fix=f"Use `{key}: {guess or 'gray'}`.",
            )
