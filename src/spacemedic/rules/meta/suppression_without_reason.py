from __future__ import annotations

from typing import Iterator

from spacemedic.models import Category, Finding, Severity
from spacemedic.rules.base import Rule
from spacemedic.space.context import SpaceContext


class SuppressionWithoutReason(Rule):
    """An inline suppression that gives no reason, which spacemedic then does not apply.

    What it does
    Reports `# spacemedic: ignore[CODE]` comments with nothing after the bracket.

    Why is this bad?
    A suppression is a decision someone made about a risk; without the reason the next
    reader cannot tell whether it still holds. spacemedic requires one and ignores the
    comment until it is there.

    Example

        RUN pip install -r requirements.txt  # spacemedic: ignore[SM502]

    Fix
    Add the reason after the bracket:

        RUN pip install -r requirements.txt  # spacemedic: ignore[SM502] pinned by constraints.txt
    """

    code = "SM901"
    name = "suppression-without-reason"
    category = Category.SUPPRESSION
    severity = Severity.WARNING

    def check(self, ctx: SpaceContext) -> Iterator[Finding]:
        return iter(())
