from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from packaging.specifiers import InvalidSpecifier, SpecifierSet
from packaging.version import InvalidVersion, Version

from spacemedic.fixes.requirements import add_upper_bound
from spacemedic.models import Applicability, Category, Edit, Finding, Severity
from spacemedic.rules.base import Rule
from spacemedic.rules.requirements.catalogue import HOLDERS, IMPLIED_PINS, REMOVED_APIS, WIDELY_CAPPED, Removal
from spacemedic.space.context import SpaceContext
from spacemedic.space.deps import python_files, requirements_in_use, runs_app_code, startup_files
from spacemedic.space.pins import Pin, pins
from spacemedic.space.pyscan import PyFile

# Substrings a file must contain to possibly use a catalogued API (cheap pre-filter).
# Short names (np.int, gr.inputs) are only ever reached through a dot.
NEEDLES = tuple(
    sorted(
        {
            (lambda last: last if len(last) > 7 else "." + last)(p.rsplit(".", 1)[-1])
            for r in REMOVED_APIS
            for p in r.prefixes
        }
        | {k for r in REMOVED_APIS for k in r.kwargs}
        | {"." + c for r in REMOVED_APIS if not r.kwargs for c in r.calls}
    )
)
_TOP_MODULE = {"huggingface-hub": "huggingface_hub", "pillow": "PIL"}


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


@dataclass(frozen=True)
class Use:
    path: str
    line: int
    at_startup: bool  # runs when the app starts, outside any try/version check


def _uses(py: PyFile, removal: Removal) -> list[tuple[int, bool]]:
    """(line, runs at start-up) of each use in one file."""
    out: list[tuple[int, bool]] = []
    if removal.calls:
        for call in py.calls:
            if call.short not in removal.calls:
                continue
            if removal.kwargs and not any(call.has_kwarg(k) for k in removal.kwargs):
                continue
            if call.line not in py.guarded_lines:  # a try/except or version check handles it
                out.append((call.line, call.startup))
        return out
    for name, line in list(py.imports) + list(py.references):
        if line in py.guarded_lines:
            continue
        if any(name == p or name.startswith(p + ".") for p in removal.prefixes):
            out.append((line, line in py.startup_lines))
    return out


def _imports(py: PyFile, distribution: str) -> bool:
    top = _TOP_MODULE.get(distribution, distribution)
    return any(m.split(".")[0] == top for m, _ in py.imports)


def _find_use(ctx: SpaceContext, files: dict[str, PyFile], removal: Removal) -> Use | None:
    started = set(startup_files(ctx))
    best: Use | None = None
    for path, py in files.items():
        if not _imports(py, removal.distribution):
            continue
        for line, at_startup in _uses(py, removal):
            use = Use(path, line, at_startup and path in started)
            if best is None or (use.at_startup and not best.at_startup):
                best = use
    return best


class RemovedApiInDependency(Rule):
    """The code uses an API that the release the build installs has removed (a time bomb).

    What it does
    Scans the Python files with `ast` for uses of APIs listed in a sourced catalogue of removals
    (`moviepy.editor` in moviepy 2, `launch(enable_queue=...)` in Gradio 4, `gr.Blocks(css=...)`
    in Gradio 6, `np.NaN` in NumPy 2, `pydantic.BaseSettings` in pydantic 2, `langchain.chains`
    in LangChain 1.0, `Image.ANTIALIAS` in Pillow 10, `st.experimental_rerun` in Streamlit 1.37,
    `DataFrame.append` in pandas 2, `diffusers.utils.randn_tensor` in diffusers 0.21, ...), then joins
    every constraint on that package: requirements and constraint files,
    `pip install` in the Dockerfile, `sdk_version`, and the pins the SDK's own Gradio brings.

    Why is this bad?
    An unpinned or loosely bounded requirement installs the newest release at every build, and
    every push rebuilds. The Space that worked last month crashes at start-up with ImportError,
    AttributeError or TypeError. It is an error when the use runs at start-up and nothing in the
    Space holds the package back; a warning when something might (another requirement's old
    pin), when only something else keeps it working (the SDK's Gradio), or when the use only
    runs later (in an event handler).

    Example
        # requirements.txt
        moviepy
        # app.py
        from moviepy.editor import VideoFileClip

    Fix
    Pin the last release that has the API (`moviepy<2`), or move the code to the replacement the
    finding names.

    Automatic fix (unsafe), when nothing else holds the package back and one requirements line
    names it without an upper bound: adds `<` the release that removed the API, from the
    catalogue (`moviepy` -> `moviepy<2.0`, `numpy>=1.20` -> `numpy>=1.20,<2.0`). Unsafe: it
    freezes the package below that release (and its security fixes) instead of moving the
    code, and may clash with another requirement that needs the newer release.
    """

    code = "SM553"
    name = "removed-api-in-dependency"
    category = Category.REQUIREMENTS
    severity = Severity.WARNING
    fix_applicability = Applicability.UNSAFE

    def check(self, ctx: SpaceContext) -> Iterator[Finding]:
        if not runs_app_code(ctx):
            return
        files = python_files(ctx, NEEDLES)
        if not files:
            return
        named = pins(ctx)
        for removal in REMOVED_APIS:
            use = _find_use(ctx, files, removal)
            if use is None:
                continue
            finding = self._judge(ctx, removal, use, named)
            if finding is not None:
                yield finding

    def _judge(self, ctx: SpaceContext, removal: Removal, use: Use, named: dict[str, Pin]) -> Finding | None:
        got = self._spec(ctx, removal, named)
        if got is None:
            return None
        spec, source = got
        implied, implied_why = self._implied(ctx, removal, named)
        try:
            has_old, has_new = allowed(spec, removal)
            eff_old, eff_new = allowed(spec & implied, removal) if implied_why else (has_old, has_new)
        except (InvalidVersion, InvalidSpecifier):
            return None
        dist, cut = removal.distribution, removal.removed_in
        keep = f"{dist}<{cut}"
        evidence = [f"removed in {dist} {cut}", f"source: {removal.source}", f"constraint: {source}"]
        if implied_why:
            evidence.append(f"also: {implied_why}")
        where = f"{use.path} line {use.line}"
        if not eff_new:
            if not has_new:
                return None  # the Space's own pin keeps a release that has it
            return self.finding(
                f"{removal.what} is used at {where}; {source} would allow {dist} {cut}+ (which removed it), "
                f"but {implied_why} keeps an older release for now",
                path=use.path, line=use.line, severity=Severity.WARNING, evidence=tuple(evidence),
                fix=f"Pin `{keep}` yourself, or use {removal.replacement}: the Space breaks as soon as that other pin moves.",
            )
        if not eff_old:
            verdict = f"{source} only allows {dist} {cut} or later, which removed it"
            if implied_why and has_old:
                verdict = f"{implied_why}, and {dist} {cut} removed it"
            certain = use.path in startup_files(ctx)
            return self.finding(
                f"{removal.what} is used here but {verdict}",
                path=use.path, line=use.line, severity=Severity.ERROR if certain else None,
                evidence=tuple(evidence),
                fix=f"Use {removal.replacement}" + ("" if implied_why and has_old else f", or pin `{keep}`") + ".",
            )
        holders = self._holders(removal, named)
        if use.at_startup and not holders:
            return self.finding(
                f"{removal.what} is used at start-up; the build installs the newest {dist} ({source}), and "
                f"{dist} {cut} removed it, so the Space crashes on its next rebuild (every push rebuilds)",
                path=use.path, line=use.line, severity=Severity.ERROR, evidence=tuple(evidence),
                fix=f"Pin `{keep}` (the bound that keeps it working), or use {removal.replacement}.",
                edits=(_bound(ctx, removal, named),),
            )
        why = (
            f"; {', '.join(holders[:3])} may hold {dist} back, so this is not certain"
            if holders
            else "; it runs only when that code is reached, not at start-up"
        )
        return self.finding(
            f"{removal.what} is used here but {source} allows {dist} {cut}+, where it was removed{why}",
            path=use.path, line=use.line, evidence=tuple(evidence),
            fix=f"Use {removal.replacement}, or pin `{keep}`.",
            edits=(None if holders else _bound(ctx, removal, named),),
        )

    def _spec(self, ctx: SpaceContext, removal: Removal, named: dict[str, Pin]) -> tuple[SpecifierSet, str] | None:
        dist = removal.distribution
        sdk_pin = self._sdk_version(ctx, dist)
        if sdk_pin is not None:
            return sdk_pin
        pin = named.get(dist)
        if pin is not None:
            return (pin.spec, pin.where) if pin.spec is not None else None  # version unknown
        df = ctx.dockerfile
        if ctx.sdk == "docker" and df is not None and dist.split("-")[0].lower() in df.text.lower():
            return None  # installed by a Dockerfile step we do not resolve
        return SpecifierSet(), f"nothing in the Space pins {dist}"

    @staticmethod
    def _sdk_version(ctx: SpaceContext, dist: str) -> tuple[SpecifierSet, str] | None:
        if dist != ctx.sdk or dist not in ("gradio", "streamlit"):
            return None
        version = ctx.front_matter.get("sdk_version")
        if version is None:
            return None
        try:
            return SpecifierSet(f"=={str(version).strip()}"), f"sdk_version {version}"
        except InvalidSpecifier:
            return None

    def _implied(self, ctx: SpaceContext, removal: Removal, named: dict[str, Pin]) -> tuple[SpecifierSet, str]:
        """Pins that come with the SDK's Gradio (or a pinned gradio requirement)."""
        spec, why = SpecifierSet(), ""
        for ip in IMPLIED_PINS:
            if ip.distribution != removal.distribution:
                continue
            version = self._exact_version(ctx, ip.by, named)
            if version is None or not SpecifierSet(ip.when).contains(version, prereleases=True):
                continue
            spec &= SpecifierSet(ip.spec)
            why = f"{ip.by} {version} requires {ip.distribution}{ip.spec} ({ip.source})"
        return spec, why

    def _exact_version(self, ctx: SpaceContext, dist: str, named: dict[str, Pin]) -> Version | None:
        got = self._sdk_version(ctx, dist)
        spec = got[0] if got else (named[dist].spec if dist in named else None)
        if spec is None:
            return None
        exact = [s for s in spec if s.operator in ("==", "===")]
        try:
            return Version(exact[0].version) if len(exact) == 1 and "*" not in exact[0].version else None
        except InvalidVersion:
            return None

    @staticmethod
    def _holders(removal: Removal, named: dict[str, Pin]) -> list[str]:
        """Other requirements pinned to an old release that may cap this package."""
        dist = removal.distribution
        known = HOLDERS.get(dist)
        out = []
        for name, pin in named.items():
            if name == dist or pin.spec is None:
                if name != dist and pin.spec is None and dist in WIDELY_CAPPED:
                    out.append(name)
                continue
            capped = any(s.operator in ("==", "===", "<", "<=", "~=") for s in pin.spec)
            if capped and (dist in WIDELY_CAPPED or known is None or name in known):
                out.append(name)
        return out


def _bound(ctx: SpaceContext, removal: Removal, named: dict[str, Pin]) -> Edit | None:
    """`<removed_in` on the one requirements line that names the package."""
    pin = named.get(removal.distribution)
    if pin is None or pin.places != 1:
        return None  # not named (adding a line is a guess at where) or named in several places
    for reqs in requirements_in_use(ctx):
        for e in reqs.entries:
            if e.name == removal.distribution and e.requirement is not None:
                return add_upper_bound(ctx.repo, reqs.path, e.line, e.requirement.name, removal.removed_in)
    return None
