from __future__ import annotations

from collections.abc import Iterator

from packaging.specifiers import InvalidSpecifier
from packaging.version import InvalidVersion, Version

from spacemedic.models import Category, Finding, Severity
from spacemedic.rules.base import Rule
from spacemedic.space.context import SpaceContext
from spacemedic.space.deps import requirements_in_use


class SdkVersionConflictsWithRequirements(Rule):
    """requirements.txt pins the SDK package to a version other than `sdk_version`.

    What it does
    For gradio and streamlit Spaces, compares `sdk_version` in README.md with the gradio or
    streamlit requirement in requirements.txt.

    Why is this bad?
    The Hub installs the SDK at `sdk_version` itself, after requirements.txt, so the pin in
    requirements.txt is replaced and the app runs on a version its author did not test (code
    written for gradio 3 failing on 4), while pip reports a dependency conflict in the build log.

    Example
        # README.md
        sdk_version: 4.44.0
        # requirements.txt
        gradio==3.50.2

    Fix
    Set the version in one place: change `sdk_version`, and remove gradio from requirements.txt.
    """

    code = "SM050"
    name = "sdk-version-conflicts-with-requirements"
    category = Category.FRONT_MATTER
    severity = Severity.WARNING

    def check(self, ctx: SpaceContext) -> Iterator[Finding]:
        if ctx.sdk not in ("gradio", "streamlit"):
            return
        raw = ctx.front_matter.get("sdk_version")
        if raw is None:
            return
        try:
            version = Version(str(raw).strip())
        except InvalidVersion:
            return
        for reqs in requirements_in_use(ctx):
            for name, entry in reqs.by_name().items():
                req = entry.requirement
                if name != ctx.sdk or req is None or not str(req.specifier):
                    continue
                if req.marker is not None:
                    continue
                try:
                    ok = req.specifier.contains(version, prereleases=True)
                except InvalidSpecifier:
                    continue
                if ok:
                    continue
                yield self.finding(
                    f"requirements.txt asks for {req.name}{req.specifier} but sdk_version is {raw}: the Hub installs "
                    f"{ctx.sdk}=={raw} and your pin is overridden",
                    path=reqs.path,
                    line=entry.line,
                    evidence=(
                        f"README.md line {ctx.front_matter.line_of('sdk_version')}: sdk_version: {raw}",
                        f"{reqs.path}:{entry.line}: {entry.text}",
                    ),
                    fix=f"Set sdk_version to the version you tested and remove {ctx.sdk} from requirements.txt.",
                )
