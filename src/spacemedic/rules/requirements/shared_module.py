from __future__ import annotations

from collections.abc import Iterator

from spacemedic.fixes.edits import delete_line, line_bounds
from spacemedic.models import Applicability, Category, Edit, Finding, Severity
from spacemedic.rules.base import Rule
from spacemedic.rules.requirements.catalogue import SHARED_MODULES
from spacemedic.space.context import SpaceContext
from spacemedic.space.deps import requirements_in_use
from spacemedic.space.requirements import Entry


class ModuleFromTwoDistributions(Rule):
    """Two requirements install the same Python module.

    What it does
    Looks requirements up in a table of distributions that ship the same import package
    (`opencv-python` and `opencv-python-headless` both install `cv2`).

    Why is this bad?
    pip installs both into the same directory; the one written last wins, file by file. The
    result depends on install order: the GUI build of OpenCV then needs libGL, which the slim
    image does not have ("ImportError: libGL.so.1"), or the GPU runtime is silently replaced by
    the CPU one.

    Example
        opencv-python
        opencv-python-headless

    Fix
    Keep one of them (on Spaces: `opencv-python-headless`).

    Automatic fix (unsafe), for OpenCV only, when exactly the GUI build and its headless twin
    are listed (`opencv-python` + `opencv-python-headless`, or the two `-contrib-` builds):
    deletes the GUI build's line, since a Space has no display. Unsafe: code that opens windows
    (`cv2.imshow`) then fails instead of silently needing libGL. Other pairs (CPU or GPU
    builds) depend on the hardware and get no edit.
    """

    code = "SM551"
    name = "module-from-two-distributions"
    category = Category.REQUIREMENTS
    severity = Severity.WARNING
    fix_applicability = Applicability.UNSAFE

    def check(self, ctx: SpaceContext) -> Iterator[Finding]:
        entries: dict[str, tuple[str, Entry]] = {}
        for reqs in requirements_in_use(ctx):
            for name, e in reqs.by_name().items():
                entries.setdefault(name, (reqs.path, e))
        for module, dists in SHARED_MODULES.items():
            present = [d for d in dists if d in entries]
            if len(present) < 2:
                continue
            path, entry = entries[present[1]]
            yield self.finding(
                f"{' and '.join(present)} all install the module '{module}': whichever pip writes last wins",
                path=path,
                line=entry.line,
                evidence=tuple(
                    f"{entries[d][0]}:{entries[d][1].line}: {entries[d][1].text}" for d in present
                ),
                fix=f"Keep only one of {', '.join(present)}.",
                edits=(_drop_gui_opencv(ctx, present, entries),),
            )


_HEADLESS_TWINS = {"opencv-python": "opencv-python-headless", "opencv-contrib-python": "opencv-contrib-python-headless"}


def _drop_gui_opencv(ctx: SpaceContext, present: list[str], entries: dict[str, tuple[str, Entry]]) -> Edit | None:
    pair = [(gui, headless) for gui, headless in _HEADLESS_TWINS.items() if set(present) == {gui, headless}]
    if not pair:
        return None
    path, entry = entries[pair[0][0]]
    text = ctx.repo.text(path)
    bounds = line_bounds(text, entry.line) if text is not None else None
    if text is None or bounds is None or text[bounds[0] : bounds[1]].split(" #")[0].strip() != entry.text.strip():
        return None  # the requirement shares its line or continues on the next
    return delete_line(ctx.repo, path, entry.line)
