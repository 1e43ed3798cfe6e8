"""Automatic fixes: rules attach exact edits to findings; this package turns them into new file
contents (pure), and `spacemedic.api.apply_fixes` writes them (atomically, via `space.writer`).

    rule.check -> Finding.autofix (Edits, byte offsets) -> plan_fixes (pure) -> FixPlan
               -> render_diff (pure)  |  space.writer.write_atomic (the only write)
"""

from spacemedic.fixes.plan import ChangedFile, FixPlan, plan_fixes, render_diff

__all__ = ["ChangedFile", "FixPlan", "plan_fixes", "render_diff"]
