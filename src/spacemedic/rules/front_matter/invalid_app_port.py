from __future__ import annotations

from typing import Iterator

from spacemedic.models import Category, Finding, Severity
from spacemedic.rules.base import Rule
from spacemedic.space.context import SpaceContext


class InvalidAppPort(Rule):
    """`app_port` of a Docker Space is not a port number.

    What it does
    Checks that `app_port` is an integer from 1 to 65535 (a quoted number is noted).

    Why is this bad?
    The Hub's proxy forwards visitors to `app_port`. A value that is not a port cannot be
    routed, and the Space never becomes reachable.

    Example
        app_port: http://0.0.0.0:8501

    Fix
    Write the bare number the app listens on: `app_port: 8501`.
    """

    code = "SM012"
    name = "invalid-app-port"
    category = Category.FRONT_MATTER
    severity = Severity.ERROR

    def check(self, ctx: SpaceContext) -> Iterator[Finding]:
        fm = ctx.front_matter
        if fm.data is None or "app_port" not in fm.data or not ctx.is_docker:
            return  # outside docker the key is ignored (SM007)
        value = fm.data["app_port"]
        line = fm.line_of("app_port")
        if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 65535:
            return
        if isinstance(value, str) and value.strip().isdigit() and 1 <= int(value.strip()) <= 65535:
            yield self.finding(
                f"`app_port: {value!r}` is a string; the Hub expects a number",
                path="README.md",
                line=line,
                severity=Severity.WARNING,
                evidence=(f"app_port: {value!r}",),
                fix=f"Remove the quotes: `app_port: {value.strip()}`.",
            )
            return
        yield self.finding(
            f"`app_port: {value!r}` is not a port number (1-65535), so the proxy cannot reach the app",
            path="README.md",
            line=line,
            evidence=(f"app_port: {value!r}",),
            fix="Set `app_port` to the number the app listens on, e.g. `app_port: 7860`.",
        )
