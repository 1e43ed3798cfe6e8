from __future__ import annotations

from typing import Iterator

from spacemedic.models import Category, Finding, Severity
from spacemedic.rules.base import Rule
from spacemedic.space.context import SpaceContext


class UnusedSuppression(Rule):
    """A `# spacemedic: ignore[CODE] reason` comment that suppresses nothing.

    What it does
    Reports inline suppressions that match no finding on the line they cover. It also
    reports a suppression that names a code no spacemedic rule has (a typo such as `SM3O1`).

    Why is this bad?
    A stale suppression hides the next real problem on that line, and tells readers a risk
    exists where it no longer does.

    Example

        # spacemedic: ignore[SM301] the port is rewritten by nginx
        CMD ["python", "app.py"]

    where SM301 no longer fires on the CMD line.

    Fix
    Remove the comment, or place it on (or directly above) the line it is meant to cover.
    """

    code = "SM900"
    name = "unused-suppression"
    category = Category.SUPPRESSION
    severity = Severity.WARNING

    def check(self, ctx: SpaceContext) -> Iterator[Finding]:
        return iter(())
