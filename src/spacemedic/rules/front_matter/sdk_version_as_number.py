from __future__ import annotations

from typing import Iterator

from spacemedic.models import Applicability, Category, Finding, Severity
from spacemedic.rules.base import Rule
from spacemedic.rules.front_matter.python_version_as_number import quote_number
from spacemedic.space.context import SpaceContext


class SdkVersionAsNumber(Rule):
    """`sdk_version` is written as a number, so YAML may read a different release.

    What it does
    Reads `sdk_version` as written for gradio and streamlit Spaces. Unquoted, `4.40` is the
    YAML float 4.4 and `5.10` is 5.1: the rule reports an error when the number no longer
    reads as what was written, and a note when it still does (`4.36`). Full versions such as
    `4.44.1` are strings already and are left alone.

    Why is this bad?
    The Hub keeps the parsed YAML value (its API returns the number), so the version the
    build is asked for is the number, not the text: `4.40` asks for Gradio 4.4, a release
    two years older with a different API.

    Example
        sdk_version: 4.40

    Fix
    Quote it, or write the full release: `sdk_version: "4.40"` or `sdk_version: 4.40.0`.
    Automatic fix (safe): quotes the number as written.
    """

    code = "SM017"
    name = "sdk-version-as-number"
    category = Category.FRONT_MATTER
    severity = Severity.ERROR
    fix_applicability = Applicability.SAFE

    def check(self, ctx: SpaceContext) -> Iterator[Finding]:
        fm = ctx.front_matter
        if fm.data is None or "sdk_version" not in fm.data or ctx.is_docker:
            return  # docker ignores sdk_version (SM007 notes it)
        value = fm.data["sdk_version"]
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            return
        raw = fm.raw_scalars.get("sdk_version", str(value)).strip()
        line = fm.line_of("sdk_version")
        edits = (quote_number(ctx, "sdk_version", line, raw),)
        fix = f'Quote it: `sdk_version: "{raw}"` (or write the full release, e.g. `{raw}.0`).'
        if str(value) != raw:
            yield self.finding(
                f"`sdk_version: {raw}` is read as the number {value}, so the build is asked for "
                f"release {value}, not {raw}",
                path="README.md",
                line=line,
                evidence=(f"sdk_version: {raw}", f"YAML value: {value!r}"),
                fix=fix,
                edits=edits,
            )
        else:
            yield self.finding(
                f"`sdk_version: {raw}` is a YAML number; it reads right today, but a version "
                "ending in 0 (`4.40`) would not",
                path="README.md",
                line=line,
                severity=Severity.INFO,
                evidence=(f"sdk_version: {raw}",),
                fix=fix,
                edits=edits,
            )
