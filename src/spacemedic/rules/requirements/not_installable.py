from __future__ import annotations

from collections.abc import Iterator

from spacemedic.fixes.edits import replace_word
from spacemedic.models import Applicability, Category, Finding, Severity
from spacemedic.rules.base import Rule
from spacemedic.space.context import SpaceContext
from spacemedic.space.deps import requirements_in_use

# Import names written as requirements. None of them installs from PyPI: `sklearn` and
# `skimage` are placeholder projects whose build stops on purpose, `PIL` and `cv2` have no
# distribution at all. Value: (the distribution to install, what pip says).
NOT_INSTALLABLE = {
    "sklearn": ("scikit-learn", "The 'sklearn' PyPI package is deprecated, use 'scikit-learn'"),
    "skimage": ("scikit-image", "the 'skimage' placeholder stops its build with an error"),
    "pil": ("Pillow", "No matching distribution found for PIL"),
    "cv2": ("opencv-python-headless", "No matching distribution found for cv2"),
}


class RequirementNotInstallable(Rule):
    """requirements.txt names an import (`sklearn`, `cv2`, `PIL`) instead of its distribution.

    What it does
    Finds requirements whose name is a module name that PyPI does not serve as an
    installable project: `sklearn`, `skimage`, `PIL`, `cv2`.

    Why is this bad?
    `sklearn` and `skimage` are placeholders whose build fails on purpose ("The 'sklearn'
    PyPI package is deprecated, use 'scikit-learn'"); `PIL` and `cv2` do not exist ("No
    matching distribution found"). pip stops and the build fails.

    Example
        sklearn
        cv2

    Fix
    Name the distribution: `scikit-learn`, `scikit-image`, `Pillow`, `opencv-python-headless`.
    Automatic fix (safe): renames the requirement; its version specifier and markers stay.
    """

    code = "SM557"
    name = "requirement-not-installable"
    category = Category.REQUIREMENTS
    severity = Severity.ERROR
    fix_applicability = Applicability.SAFE

    def check(self, ctx: SpaceContext) -> Iterator[Finding]:
        for reqs in requirements_in_use(ctx):
            for e in reqs.entries:
                req = e.requirement
                if req is None or req.url or req.marker is not None or e.name not in NOT_INSTALLABLE:
                    continue
                dist, said = NOT_INSTALLABLE[e.name]
                yield self.finding(
                    f"`{req.name}` is an import name, not an installable project: pip fails ({said})",
                    path=reqs.path,
                    line=e.line,
                    severity=None if ctx.is_python_sdk else Severity.WARNING,
                    evidence=(e.text,),
                    fix=f"Write `{dist}{req.specifier}` instead; the import stays `import {req.name}`.",
                    edits=(replace_word(ctx.repo, reqs.path, e.line, e.line, req.name, dist),),
                )
