from __future__ import annotations

from collections.abc import Iterator

from spacemedic.models import Category, Finding, Severity
from spacemedic.rules.base import Rule
from spacemedic.space.context import SpaceContext
from spacemedic.space.deps import requirements_in_use
from spacemedic.space.requirements import Kind, Requirements

# Options that point pip at a place other than PyPI, where local versions can live.
_INDEX_OPTIONS = ("-i", "--index", "--extra", "-f", "--find", "--no-index")


class LocalVersionWithoutIndex(Rule):
    """A pin with a local version label (`+cpu`, `+cu118`) and no index that serves it.

    What it does
    Finds `name==X.Y+label` pins in a requirements file that names no other index or wheel
    page (`--index-url`, `--extra-index-url`, `--find-links`).

    Why is this bad?
    PyPI refuses uploads with local version labels, so no such file exists there. pip stops
    with "No matching distribution found for torch==2.1.0+cpu" and the build fails.

    Example
        torch==2.1.0+cpu

    Fix
    Add the index that serves the build above it
    (`--extra-index-url https://download.pytorch.org/whl/cpu`), or pin the plain version
    (`torch==2.1.0`).
    """

    code = "SM555"
    name = "local-version-without-index"
    category = Category.REQUIREMENTS
    severity = Severity.ERROR

    def check(self, ctx: SpaceContext) -> Iterator[Finding]:
        files = requirements_in_use(ctx)
        if any(_names_index(reqs) for reqs in files):
            return  # options apply to the whole install, whichever file carries them
        for reqs in files:
            for e in reqs.entries:
                req = e.requirement
                if req is None or req.url or req.marker is not None:
                    continue
                local = [s for s in req.specifier if s.operator in ("==", "===") and "+" in s.version]
                if not local:
                    continue
                pin = f"{req.name}{local[0]}"
                yield self.finding(
                    f"{pin} has a local version label that PyPI never serves, and no index is "
                    "named: pip finds no matching distribution",
                    path=reqs.path,
                    line=e.line,
                    severity=None if ctx.is_python_sdk else Severity.WARNING,
                    evidence=(e.text, "no --index-url, --extra-index-url or --find-links line"),
                    fix=(
                        "Add the index that serves it above the line, e.g. `--extra-index-url "
                        f"https://download.pytorch.org/whl/cpu`, or pin `{req.name}=={local[0].version.split('+')[0]}`."
                    ),
                )


def _names_index(reqs: Requirements) -> bool:
    return any(e.kind is Kind.OPTION and e.text.startswith(_INDEX_OPTIONS) for e in reqs.entries)
