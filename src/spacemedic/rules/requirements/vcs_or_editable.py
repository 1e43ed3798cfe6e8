from __future__ import annotations

import re
from collections.abc import Iterator

from spacemedic.models import Category, Finding, Severity
from spacemedic.rules.base import Rule
from spacemedic.space.context import SpaceContext
from spacemedic.space.deps import requirements_in_use
from spacemedic.space.requirements import Kind

_PINNED_REF = re.compile(r"@[0-9a-f]{7,40}($|[#&])|@v?\d[\w.\-]*($|[#&])")


class RequirementVcsOrEditable(Rule):
    """A requirement installs from a Git branch or in editable mode.

    What it does
    Notes `git+https://...` requirements that do not pin a commit or tag, and `-e` installs.

    Why is this bad?
    Every rebuild installs whatever the branch holds that day, so a Space that worked can break
    with no change in its own repository. Editable installs of VCS URLs also need git in the
    image and clone at build time.

    Example
        git+https://github.com/openai/whisper.git

    Fix
    Pin a commit: `git+https://github.com/openai/whisper.git@<commit-sha>`, or use a release
    from PyPI.
    """

    code = "SM552"
    name = "requirement-vcs-or-editable"
    category = Category.REQUIREMENTS
    severity = Severity.INFO

    def check(self, ctx: SpaceContext) -> Iterator[Finding]:
        for reqs in requirements_in_use(ctx):
            for e in reqs.entries:
                url = e.target
                if e.kind is Kind.EDITABLE:
                    what = "an editable install"
                elif e.is_vcs and not _PINNED_REF.search(url.split("://", 1)[-1]):
                    what = "a VCS install of the branch head"
                else:
                    continue
                yield self.finding(
                    f"{e.text!r} is {what}: each rebuild may install different code",
                    path=reqs.path,
                    line=e.line,
                    evidence=(e.text,),
                    fix="Pin a commit or tag (`...git@<sha>`), or use a released version from PyPI.",
                )
