from __future__ import annotations

import re
from typing import Iterator

from spacemedic.fixes.edits import find_once, line_bounds, text_edit
from spacemedic.models import Applicability, Category, Edit, Finding, Severity
from spacemedic.rules.base import Rule
from spacemedic.space.context import SpaceContext

_VALID = re.compile(r"^3\.\d{1,2}(\.\d{1,3})?$")


class PythonVersionAsNumber(Rule):
    """`python_version` is written as a number, or is not a `3.x` version.

    What it does
    Reads `python_version` as written. Unquoted, `3.10` is the YAML float 3.1; the rule
    reports it as an error when the number no longer reads as what was written, and as a
    note when it still does (`3.12`). Other values that are not `3.x` / `3.x.y` are warned.

    Why is this bad?
    The Hub receives the parsed value. `python_version: 3.10` asks for Python 3.1, which does
    not exist, and the build fails.

    Example
        python_version: 3.10

    Fix
    Quote it: `python_version: "3.10"`. Automatic fix (safe): quotes the number as written.
    """

    code = "SM006"
    name = "python-version-as-number"
    category = Category.FRONT_MATTER
    severity = Severity.ERROR
    fix_applicability = Applicability.SAFE

    def check(self, ctx: SpaceContext) -> Iterator[Finding]:
        fm = ctx.front_matter
        if fm.data is None or "python_version" not in fm.data or ctx.is_docker:
            return  # docker ignores python_version (SM007 notes it)
        value = fm.data["python_version"]
        raw = fm.raw_scalars.get("python_version", str(value))
        line = fm.line_of("python_version")
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            quoted = (quote_number(ctx, "python_version", line, raw.strip()),)
            if str(value) != raw.strip():
                yield self.finding(
                    f"`python_version: {raw}` is read as the number {value}, so the Hub is asked for "
                    f"Python {value}",
                    path="README.md",
                    line=line,
                    evidence=(f"python_version: {raw}", f"YAML value: {value!r}"),
                    fix=f'Quote it: `python_version: "{raw.strip()}"`.',
                    edits=quoted,
                )
            else:
                yield self.finding(
                    f"`python_version: {raw}` is a YAML number; it reads right today but `3.10`-style "
                    "values would not",
                    path="README.md",
                    line=line,
                    severity=Severity.INFO,
                    evidence=(f"python_version: {raw}",),
                    fix=f'Quote it: `python_version: "{raw.strip()}"`.',
                    edits=quoted,
                )
            return
        if not isinstance(value, str) or not _VALID.match(value.strip()):
            yield self.finding(
                f'`python_version: {value!r}` is not a Python 3 version like "3.10" or "3.10.14"',
                path="README.md",
                line=line,
                severity=Severity.WARNING,
                evidence=(f"python_version: {value!r}",),
                fix='Use a quoted `3.x` or `3.x.y` version, e.g. `python_version: "3.10"`.',
            )


def quote_number(ctx: SpaceContext, key: str, line: int | None, raw: str) -> Edit | None:
    """Quote the number on the key's own line, exactly as written (comments kept)."""
    text = ctx.repo.text("README.md")
    bounds = line_bounds(text, line) if text is not None and line else None
    if text is None or bounds is None:
        return None
    hit = find_once(text, rf"(?m)^[ \t]*{re.escape(key)}[ \t]*:[ \t]*{re.escape(raw)}(?=[ \t]*(#.*)?$)", *bounds)
    if hit is None:
        return None
    return text_edit(ctx.repo, "README.md", hit[1] - len(raw), hit[1], f'"{raw}"')
