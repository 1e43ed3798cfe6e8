from __future__ import annotations

from collections.abc import Iterator

from spacemedic.models import Category, Finding, Severity
from spacemedic.rules.base import Rule
from spacemedic.space.context import SpaceContext
from spacemedic.space.deps import packages_txt


class PackagesTxtInvalidLine(Rule):
    """packages.txt has a comment or a word that is not a Debian package name.

    What it does
    Reads packages.txt the way the Hub's build does (`xargs -r -a packages.txt apt-get install
    -y`): every word of every line is an argument of apt-get. Flags comment lines and words that
    cannot be package names (upper case, punctuation, `pip install ...`).

    Why is this bad?
    There are no comments in packages.txt: `# for opencv` hands `#`, `for` and `opencv` to
    apt-get, which stops with "E: Unable to locate package" and the build fails.

    Example
        # for opencv
        libGL1

    Fix
    Keep one lower-case Debian package name per line and nothing else; put notes in README.md.
    """

    code = "SM501"
    name = "packages-txt-invalid-line"
    category = Category.APT
    severity = Severity.ERROR

    def check(self, ctx: SpaceContext) -> Iterator[Finding]:
        if not (ctx.is_python_sdk or (ctx.is_docker and _dockerfile_reads_packages_txt(ctx))):
            return  # static Spaces and Docker Spaces that never read it: the Hub ignores the file
        for word in packages_txt(ctx) or []:
            if word.problem is None:
                continue
            yield self.finding(
                f"packages.txt line {word.line}: {word.word!r} is passed to apt-get install as is ({word.problem}); "
                'the build fails with "Unable to locate package"',
                path="packages.txt",
                line=word.line,
                evidence=(word.word,),
                fix="Remove the line (packages.txt has no comments) or write the lower-case Debian package name.",
            )


def _dockerfile_reads_packages_txt(ctx: SpaceContext) -> bool:
    df = ctx.dockerfile
    return df is not None and "packages.txt" in df.text
