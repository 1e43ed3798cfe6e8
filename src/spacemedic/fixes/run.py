"""`lint --fix` as a loop: lint, apply the fixes, lint again, until nothing more changes.

Looping makes `--fix` idempotent: a fix that lost a conflict in one pass is offered again on
the new text in the next, so a second `--fix` finds nothing left to do. Passes are bounded.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from spacemedic.fixes.plan import FixPlan
from spacemedic.models import Applicability, Finding, Report, Unavailable

MAX_PASSES = 4


@dataclass(frozen=True)
class FixRun:
    """The outcome of `lint --fix`: the findings fixed, the report after the last pass, the
    files written and those refused."""

    report: Report
    fixed: tuple[Finding, ...]
    changed: tuple[str, ...]
    refused: tuple[Unavailable, ...]

    @property
    def unsafe_remaining(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.report.fixes if f.autofix and f.autofix.applicability is Applicability.UNSAFE)

    def summary(self, unsafe: bool) -> str:
        """`Fixed N findings (M remaining; K more with --unsafe-fixes)`."""
        n, m = len(self.fixed), len(self.report.findings)
        more = "" if unsafe else f"; {len(self.unsafe_remaining)} more with --unsafe-fixes"
        return f"Fixed {n} finding{'s' if n != 1 else ''} ({m} remaining{more})"


def fix_repeatedly(lint: Callable[[], Report], apply: Callable[[Report], FixPlan]) -> FixRun:
    """Alternate `lint()` and `apply(report)` until a pass changes nothing."""
    report = lint()
    fixed: list[Finding] = []
    changed: list[str] = []
    refused: dict[str, Unavailable] = {}
    for _ in range(MAX_PASSES):
        plan = apply(report)
        for u in plan.refused:
            refused.setdefault(u.source, u)
        if not plan.changed:
            break
        fixed.extend(plan.fixed)
        changed.extend(c.path for c in plan.changed if c.path not in changed)
        report = lint()
    return FixRun(report, tuple(fixed), tuple(changed), tuple(refused.values()))
