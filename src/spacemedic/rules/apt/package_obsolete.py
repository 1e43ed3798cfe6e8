from __future__ import annotations

import re

from collections.abc import Iterator, Mapping

from spacemedic.fixes.edits import replace_word
from spacemedic.models import Applicability, Category, Finding, Severity
from spacemedic.rules.apt.obsolete_table import BY_NAME, Obsolete
from spacemedic.rules.base import Rule
from spacemedic.space.apt import apt_commands
from spacemedic.space.baseimage import HF_SDK_IMAGE, Release, resolve_release
from spacemedic.space.context import SpaceContext
from spacemedic.space.deps import packages_txt


def gone_in(entry: Obsolete, release: Release, version: float | None = None) -> bool:
    removed = entry.debian if release.distro == "debian" else entry.ubuntu
    v = release.version if version is None else version
    return removed is not None and v >= removed - 1e-6


class AptPackageObsolete(Rule):
    """An apt package that no longer exists in the base image's release.

    What it does
    Works out the Linux release of the image (from the FROM tag, or the Hub's Debian 12 SDK
    image for packages.txt) and looks each requested package up in a table of packages that
    were removed or renamed, with the release they disappeared in.

    Why is this bad?
    apt-get stops with "E: Package 'libgl1-mesa-glx' has no installation candidate" (exit code
    100) and the build fails. This is the classic "worked last month": a floating tag such as
    python:3.11-slim moved to a newer Debian release on rebuild.

    Example
        FROM python:3.11-slim
        RUN apt-get update && apt-get install -y libgl1-mesa-glx

    Fix
    Install the replacement the finding names (for libgl1-mesa-glx: `libgl1 libglx-mesa0`), or
    pin the base image to an older release tag on purpose. Automatic fix (safe): replaces the
    package name with its successors, in the RUN step or packages.txt.
    """

    code = "SM500"
    name = "apt-package-obsolete"
    category = Category.APT
    severity = Severity.ERROR
    fix_applicability = Applicability.SAFE

    def check(self, ctx: SpaceContext) -> Iterator[Finding]:
        words = packages_txt(ctx)
        if words and ctx.sdk in ("gradio", "streamlit"):
            distro, version, code, note = HF_SDK_IMAGE
            release = Release(distro, version, code, "inferred", note)
            for w in words:
                entry = BY_NAME.get(w.name)
                if entry and w.problem is None and gone_in(entry, release):
                    yield self._finding(ctx, entry, release, "packages.txt", w.line, w.word)
        df = ctx.dockerfile
        if df is None or df.error or not ctx.is_docker:
            return
        final = resolve_release(df.base_image)
        if words and final is not None and "packages.txt" in df.text:
            for w in words:
                entry = BY_NAME.get(w.name)
                if entry and w.problem is None and gone_in(entry, final):
                    yield self._finding(ctx, entry, final, "packages.txt", w.line, w.word)
        for stage in df.stages:
            chain_base = stage.base
            parent = next(
                (s for s in df.stages[: stage.index] if s.name and s.name.lower() == chain_base.lower()), None
            )
            while parent is not None:
                chain_base = parent.base
                parent = next(
                    (s for s in df.stages[: parent.index] if s.name and s.name.lower() == chain_base.lower()),
                    None,
                )
            resolved = resolve_release(
                _substitute_from(chain_base, stage.instructions[0].args if stage.instructions else {})
            )
            if resolved is None:
                continue
            extra_sources = False
            for instr in stage.instructions:
                if instr.keyword != "RUN":
                    continue
                # A step that adds an apt repository may bring the package back.
                extra_sources = extra_sources or _EXTRA_SOURCES.search(instr.value) is not None
                for cmd in apt_commands(instr.value):
                    if cmd.subcommand != "install":
                        continue
                    hedge = _hedge(instr.value, cmd.text, extra_sources)
                    for pkg in cmd.packages:
                        entry = BY_NAME.get(pkg.split("=")[0].split(":")[0])
                        if entry and gone_in(entry, resolved):
                            yield self._finding(ctx, entry, resolved, df.path, instr.start_line, pkg, hedge, instr.end_line)

    def _finding(self, ctx: SpaceContext, entry: Obsolete, release: Release, path: str, line: int, word: str,
                 hedge: str = "", last: int | None = None) -> Finding:
        # A floating tag that only recently moved: builds made before the move still run, the
        # next rebuild fails. Certain only when even the older release lacks the package.
        certain = (release.oldest is None or gone_in(entry, release, release.oldest)) and not hedge
        when = "apt-get fails" if release.oldest is None or gone_in(entry, release, release.oldest) else (
            "the next rebuild fails")
        return self.finding(
            f"apt package {entry.package} does not exist in {release.distro} {release.codename}: {when} with "
            f'"has no installation candidate"' + (f" ({hedge})" if hedge else ""),
            path=path,
            line=line,
            severity=None if certain else Severity.WARNING,
            evidence=(f"requested: {word}", f"base: {release.describe()}", f"source: {entry.source}"),
            fix=f"Replace {entry.package} with {entry.replacement}.",
            edits=(replace_word(ctx.repo, path, line, last or line, word, entry.replacement)
                   if word == entry.package and _PACKAGES.fullmatch(entry.replacement) else None,),
        )


# A replacement the fix can write: package names only (some entries explain instead).
_PACKAGES = re.compile(r"[a-z0-9][a-z0-9+.-]+( [a-z0-9][a-z0-9+.-]+)*")
_EXTRA_SOURCES = re.compile(r"sources\.list|add-apt-repository|/etc/apt/preferences")


def _hedge(run: str, command: str, extra_sources: bool) -> str:
    """Why a missing package may not fail the build: an `||` fallback after the install, or an
    apt repository the Dockerfile adds."""
    at = run.find(command)
    # `a && install && b || fallback`: any `||` later in the same list catches the failure.
    rest = re.split(r"[;\n]", run[at + len(command):], maxsplit=1)[0] if at >= 0 else ""
    if "||" in rest:
        return "but the `||` after it lets the build go on"
    if extra_sources:
        return "unless the apt repository the Dockerfile adds provides it"
    return ""


def _substitute_from(base: str, args: Mapping[str, str]) -> str:
    import re

    return re.sub(r"\$\{?([A-Za-z_]\w*)\}?", lambda m: args.get(m.group(1), m.group(0)), base)
