from __future__ import annotations

from collections.abc import Iterator

from spacemedic.fixes.edits import delete_line, line_bounds
from spacemedic.models import Applicability, Category, Edit, Finding, Severity
from spacemedic.rules.base import Rule
from spacemedic.space.context import SpaceContext
from spacemedic.space.deps import requirements_in_use
from spacemedic.space.requirements import Entry, Kind

# Options of the pip command that only change how pip runs, not what it installs: a line of
# nothing else is dropped by the automatic fix. Others (`--no-deps`, `--user`, `--target`)
# change the result, and a flag after a requirement is the author's to move.
_HOW_PIP_RUNS = frozenset({
    "--no-cache-dir", "--upgrade", "-U", "--quiet", "-q", "-qq", "--verbose", "-v",
    "--disable-pip-version-check", "--no-warn-script-location", "--force-reinstall",
    "--no-input", "--progress-bar=off", "--root-user-action=ignore",
})


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

    Automatic fix (safe): deletes a line that holds only options of the pip command which
    change how pip runs and not what it installs (`--no-cache-dir`, `--upgrade`, `-q`, ...).
    """

    code = "SM550"
    name = "requirement-unparsable"
    category = Category.REQUIREMENTS
    severity = Severity.ERROR
    fix_applicability = Applicability.SAFE

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
                    edits=(_drop_option_line(ctx, reqs.path, e),),
                )


def _drop_option_line(ctx: SpaceContext, path: str, e: Entry) -> Edit | None:
    words = e.text.split()
    if not words or not all(w in _HOW_PIP_RUNS for w in words):
        return None
    text = ctx.repo.text(path)
    bounds = line_bounds(text, e.line) if text is not None else None
    if text is None or bounds is None or text[bounds[0] : bounds[1]].split("#")[0].split() != words:
        return None  # the entry spans lines (a `\\` continuation): not this simple case
    return delete_line(ctx.repo, path, e.line)
