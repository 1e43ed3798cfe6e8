from __future__ import annotations

import re
from typing import Iterator

from spacemedic.models import Category, Finding, Severity
from spacemedic.rules.base import Rule
from spacemedic.space.context import SpaceContext

_DURATION = re.compile(
    r"^(?:\d+(?:\.\d+)?\s*(?:h|m|s|hr|hrs|hours?|mins?|minutes?|secs?|seconds?)\s*)+$", re.I
)


class InvalidStartupDurationTimeout(Rule):
    """`startup_duration_timeout` is not a duration the Hub can read.

    What it does
    Checks that `startup_duration_timeout` is a string duration with units, such as `30m`,
    `1h` or `1h30m`.

    Why is this bad?
    The value decides how long the Space may take to become healthy before "Launch timed
    out". A bare number or a typo is at best ignored, leaving the 30 minute default, so a
    slow-starting Space still times out.

    Example
        startup_duration_timeout: 3600

    Fix
    Write the unit: `startup_duration_timeout: 1h`.
    """

    code = "SM008"
    name = "invalid-startup-duration-timeout"
    category = Category.FRONT_MATTER
    severity = Severity.WARNING

    def check(self, ctx: SpaceContext) -> Iterator[Finding]:
        fm = ctx.front_matter
        if fm.data is None or "startup_duration_timeout" not in fm.data:
            return
        value = fm.data["startup_duration_timeout"]
        if isinstance(value, str) and _DURATION.match(value.strip()):
            return
        yield self.finding(
            f"`startup_duration_timeout: {value!r}` is not a duration like 30m, 1h or 1h30m",
            path="README.md",
            line=fm.line_of("startup_duration_timeout"),
            evidence=(f"startup_duration_timeout: {value!r}",),
            fix="Use a number with a unit, e.g. `startup_duration_timeout: 1h`.",
        )
