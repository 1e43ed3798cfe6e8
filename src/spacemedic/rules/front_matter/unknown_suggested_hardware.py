from __future__ import annotations

from typing import Iterator

from spacemedic.models import Category, Finding, Severity
from spacemedic.rules.base import Rule
from spacemedic.rules.front_matter._reference import HARDWARE, RETIRED_HARDWARE, closest
from spacemedic.space.context import SpaceContext


class UnknownSuggestedHardware(Rule):
    """`suggested_hardware` names no hardware flavor the Hub offers.

    What it does
    Checks `suggested_hardware` against the Hub's flavor names (cpu-basic, t4-small,
    a10g-large, ...).

    Why is this bad?
    The key only suggests hardware to people who duplicate the Space; it never assigns any.
    An unknown or retired flavor gives duplicators a suggestion they cannot pick.

    Example
        suggested_hardware: t4

    Fix
    Use a flavor name such as `t4-small`, or remove the key.
    """

    code = "SM010"
    name = "unknown-suggested-hardware"
    category = Category.FRONT_MATTER
    severity = Severity.WARNING

    def check(self, ctx: SpaceContext) -> Iterator[Finding]:
        fm = ctx.front_matter
        value = fm.get("suggested_hardware")
        if value is None or (isinstance(value, str) and value.strip() in HARDWARE):
            return
        retired = isinstance(value, str) and value.strip() in RETIRED_HARDWARE
        guess = closest(str(value), HARDWARE)
        yield self.finding(
            f"`suggested_hardware: {value}` is {'a retired' if retired else 'not a known'} hardware flavor",
            path="README.md",
            line=fm.line_of("suggested_hardware"),
            evidence=(f"suggested_hardware: {value!r}",),
            fix=f"Did you mean `{guess}`?" if guess else f"Use one of: {', '.join(HARDWARE[:8])}, ...",
        )
