from __future__ import annotations

from collections.abc import Iterator

from spacemedic.models import Category, Finding, Severity
from spacemedic.rules.base import Rule
from spacemedic.space.context import SpaceContext
from spacemedic.space.deps import requirements_in_use
from spacemedic.space.requirements import Kind


class RequirementUnparsable(Rule):
    """A requirements line pip cannot parse.

    What it does
    Parses every logical line of requirements.txt (and files it includes with -r) as pip does:
    options, URLs, paths and PEP 508 specifiers, with `packaging`, the parser pip vendors.
    Only the options pip accepts inside a requirements file count as options (`--upgrade` or
    `--no-cache-dir` belong to the pip command and are refused there).

    Why is this bad?
    pip stops at the first invalid line with "ERROR: Invalid requirement" and installs nothing,
    so the build fails.

    Example
        numpy=1.26.4
        pip install gradio
        --upgrade

    Fix
    Use `==` for exact pins, one requirement per line, no shell commands.
    """

    code = "SM550"
    name = "requirement-unparsable"
    category = Category.REQUIREMENTS
    severity = Severity.ERROR

    def check(self, ctx: SpaceContext) -> Iterator[Finding]:
        for reqs in requirements_in_use(ctx):
            for e in reqs.entries:
                if e.kind is not Kind.INVALID:
                    continue
                hint = (
                    " (use == for an exact version)"
                    if "=" in e.text and "==" not in e.text and "<=" not in e.text and ">=" not in e.text
                    else ""
                )
                yield self.finding(
                    f'pip cannot parse {e.text!r}{hint}: the install fails with "Invalid requirement"',
                    path=reqs.path,
                    line=e.line,
                    evidence=(e.error or "invalid",),
                    fix=(
                        "Remove the line: it is an option of the pip command, which a requirements "
                        "file does not accept."
                        if e.text.startswith("-")
                        else "Write a PEP 508 requirement such as `numpy==1.26.4`, or remove the line."
                    ),
                )
