from __future__ import annotations

from collections.abc import Iterator

from packaging.specifiers import InvalidSpecifier, SpecifierSet
from packaging.version import InvalidVersion, Version

from spacemedic.models import Category, Finding, Severity
from spacemedic.rules.base import Rule
from spacemedic.rules.requirements.catalogue import REMOVED_APIS, Removal
from spacemedic.space.context import SpaceContext
from spacemedic.space.deps import python_files, requirements_in_use, startup_files
from spacemedic.space.pyscan import PyFile
from spacemedic.space.requirements import Entry

# Substrings a file must contain to possibly use a catalogued API (cheap pre-filter).
# Short names (np.int, gr.inputs) are only ever reached through a dot.
NEEDLES = tuple(
    sorted(
        {
            (lambda last: last if len(last) > 7 else "." + last)(p.rsplit(".", 1)[-1])
            for r in REMOVED_APIS
            for p in r.prefixes
        }
        | {r.kwarg for r in REMOVED_APIS if r.kwarg}
    )
)


def _just_before(version: str) -> Version:
    v = Version(version)
    major, minor = v.release[0], v.release[1] if len(v.release) > 1 else 0
    return Version(f"{major}.{minor - 1}.9999") if minor else Version(f"{max(major - 1, 0)}.9999")


def allowed(spec: SpecifierSet, removal: Removal) -> tuple[bool, bool]:
    """(admits a release that has the API, admits a release without it)."""
    new = Version(removal.removed_in)
    probes_new = [new, Version(f"{new.release[0] + 1}.0"), Version(f"{new.release[0] + 50}.0")]
    probes_old = [_just_before(removal.removed_in), Version("0.0.1")]
    for s in spec:  # the versions the specifiers name are the interesting edges
        try:
            v = Version(s.version.rstrip(".*"))
        except InvalidVersion:
            continue
        (probes_new if v >= new else probes_old).append(v)
    return (
        any(spec.contains(p, prereleases=True) for p in probes_old),
        any(spec.contains(p, prereleases=True) for p in probes_new),
    )


def _uses(py: PyFile, removal: Removal) -> int | None:
    if removal.kwarg and removal.call:
        for call in py.calls:
            if call.short == removal.call and call.has_kwarg(removal.kwarg):
                return call.line
        return None
    names = list(py.imports) + list(py.references)
    for name, line in names:
        if any(name == p or name.startswith(p + ".") for p in removal.prefixes):
            return line
    return None


def _imports(py: PyFile, distribution: str) -> bool:
    top = {"huggingface-hub": "huggingface_hub", "pillow": "PIL"}.get(distribution, distribution)
    return any(m.split(".")[0] == top for m, _ in py.imports)


class RemovedApiInDependency(Rule):
    """The code uses an API that a newer release of an unpinned dependency removed.

    What it does
    Scans the Python files with `ast` for uses of APIs listed in a catalogue of removals
    (`moviepy.editor` in moviepy 2, `launch(enable_queue=...)` in gradio 4,
    `huggingface_hub.cached_download` in 0.26, `np.float` in NumPy 1.24, `Image.ANTIALIAS` in
    Pillow 10, ...), then checks which versions requirements.txt (or `sdk_version`, for gradio)
    allows.

    Why is this bad?
    An unpinned requirement installs the newest release at every rebuild. The Space that worked
    last month crashes at start-up with ImportError, AttributeError or TypeError after a rebuild.

    Example
        # requirements.txt
        moviepy
        # app.py
        from moviepy.editor import VideoFileClip

    Fix
    Either pin the last release that has the API (`moviepy<2`), or move the code to the
    replacement the finding names.
    """

    code = "SM553"
    name = "removed-api-in-dependency"
    category = Category.REQUIREMENTS
    severity = Severity.WARNING

    def check(self, ctx: SpaceContext) -> Iterator[Finding]:
        if ctx.sdk not in ("gradio", "streamlit", "docker"):
            return
        reqs = requirements_in_use(ctx)
        pins = {name: (r.path, e) for r in reqs for name, e in r.by_name().items()}
        files = python_files(ctx, NEEDLES)
        for removal in REMOVED_APIS:
            hit = next(
                (
                    (p, line)
                    for p, py in files.items()
                    if (line := _uses(py, removal)) is not None and _imports(py, removal.distribution)
                ),
                None,
            )
            if hit is None:
                continue
            path, line = hit
            spec, source = self._spec(ctx, removal, pins)
            if spec is None:
                continue
            try:
                has_old, has_new = allowed(spec, removal)
            except (InvalidVersion, InvalidSpecifier):
                continue
            if not has_new:
                continue
            # Certain only when the code runs: the file is the entry point or imported from it.
            pinned_new = not has_old and path in startup_files(ctx)
            verdict = (
                f"{source} only allows {removal.distribution} {removal.removed_in} or later, which removed it"
                if not has_old
                else f"{source} allows {removal.distribution} {removal.removed_in}+, where it was removed; the next rebuild installs it"
            )
            yield self.finding(
                f"{removal.what} is used here but {verdict}",
                path=path,
                line=line,
                severity=Severity.ERROR if pinned_new else None,
                evidence=(
                    f"removed in {removal.distribution} {removal.removed_in}",
                    f"source: {removal.source}",
                    f"constraint: {source}",
                ),
                fix=f"Use {removal.replacement}, or pin `{removal.distribution}<{removal.removed_in}`.",
            )

    def _spec(
        self, ctx: SpaceContext, removal: Removal, pins: dict[str, tuple[str, Entry]]
    ) -> tuple[SpecifierSet | None, str]:
        if removal.distribution == "gradio" and ctx.sdk == "gradio":
            version = ctx.front_matter.get("sdk_version")
            if version is not None:
                try:
                    return SpecifierSet(f"=={str(version).strip()}"), f"sdk_version {version}"
                except InvalidSpecifier:
                    return None, ""
        if removal.distribution in pins:
            path, entry = pins[removal.distribution]
            req = entry.requirement
            if req is None:
                return None, ""  # a URL or path install: version unknown
            text = str(req.specifier) or "any version"
            return req.specifier, f"{path} line {entry.line} ({removal.distribution} {text})"
        df = ctx.dockerfile
        if (
            ctx.sdk == "docker"
            and df is not None
            and removal.distribution.split("-")[0].lower() in df.text.lower()
        ):
            return None, ""  # installed by a Dockerfile step we do not resolve
        return SpecifierSet(), f"no pin on {removal.distribution} (any version)"
