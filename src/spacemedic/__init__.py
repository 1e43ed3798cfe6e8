"""spacemedic: why is my Hugging Face Space stuck, and what do I do about it.

Library entry points (each returns a frozen value; see `spacemedic.models`):

    spacemedic.lint(path) -> Report                        (.fixes: findings with an automatic fix)
    spacemedic.apply_fixes(report, unsafe=False) -> FixPlan (the changed files; writes unless write=False)
    spacemedic.collect("owner/space") -> Bundle            (read-only, time-boxed)
    spacemedic.diagnose("owner/space") -> Diagnosis         (or diagnose(bundle=...))
    spacemedic.contract(path) -> ResolvedContract
    spacemedic.report("owner/space") -> SupportReport       (render with spacemedic.render.report)
    spacemedic.fix("owner/space", execute=False) -> FixOutcome  (the plan; execute=True acts)
"""

from __future__ import annotations

TYPE_CHECKING = False  # not `typing`: `import spacemedic` stays cheap

__version__ = "0.1.0"

__all__ = [
    "Bucket",
    "Category",
    "Confidence",
    "Diagnosis",
    "Finding",
    "Hypothesis",
    "Report",
    "Severity",
    "Unavailable",
    "__version__",
    "apply_fixes",
    "collect",
    "contract",
    "diagnose",
    "diagnose_file",
    "fix",
    "lint",
    "report",
]

if TYPE_CHECKING:
    from typing import Any

    from spacemedic.api import apply_fixes, collect, contract, diagnose, diagnose_file, fix, lint, report
    from spacemedic.models import (
        Bucket,
        Category,
        Confidence,
        Diagnosis,
        Finding,
        Hypothesis,
        Report,
        Severity,
        Unavailable,
    )


def __getattr__(name: str) -> Any:
    # Lazy: `spacemedic --version` must not pay for the rules, rich or huggingface_hub.
    if name in {"lint", "diagnose", "diagnose_file", "collect", "contract", "report", "fix", "apply_fixes"}:
        from spacemedic import api

        return getattr(api, name)
    if name in __all__:
        from spacemedic import models

        return getattr(models, name)
    raise AttributeError(f"module 'spacemedic' has no attribute {name!r}")


def __dir__() -> list[str]:
    # The lazy attributes are public API: list them, as `dir()` does for ordinary ones.
    return sorted(set(__all__) | {name for name in globals() if name.startswith("__")})
