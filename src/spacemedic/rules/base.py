"""The rule interface. One rule per module; its class docstring is its documentation.

A rule's docstring has four sections, in this order, each a heading line followed by text:

    What it does
    Why is this bad?
    Example
    Fix

`spacemedic explain CODE` prints it and a test checks every rule has all four.
"""

from __future__ import annotations

import re
from typing import ClassVar, Iterator

from spacemedic.models import Applicability, Autofix, Category, Edit, Finding, Severity
from spacemedic.space.context import SpaceContext

SECTIONS = ("What it does", "Why is this bad?", "Example", "Fix")


MAX_MESSAGE = 1000
MAX_EVIDENCE_LINE = 500
MAX_EVIDENCE_LINES = 20
"""Evidence quotes the repository: a 100,000-character Dockerfile line is shown, not printed whole."""


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 12] + " […clipped]"


class Rule:
    """Base class. Subclasses set the class attributes and implement `check`."""

    code: ClassVar[str]
    name: ClassVar[str]
    category: ClassVar[Category]
    severity: ClassVar[Severity]
    fix_applicability: ClassVar[Applicability | None] = None
    """The kind of automatic fix the rule offers (None: its fix is words only). A rule that
    sets it passes `edits=` to `finding()` where it is certain, and nothing where it is not."""

    def check(self, ctx: SpaceContext) -> Iterator[Finding]:
        raise NotImplementedError

    def finding(
        self,
        message: str,
        *,
        path: str | None = None,
        line: int | None = None,
        evidence: tuple[str, ...] | list[str] = (),
        fix: str | None = None,
        severity: Severity | None = None,
        category: Category | None = None,
        edits: tuple[Edit | None, ...] | list[Edit | None] = (),
    ) -> Finding:
        # An edit the rule could not place exactly comes as None: then no automatic fix at all.
        exact = tuple(e for e in edits if e is not None)
        autofix = None
        if exact and len(exact) == len(edits) and self.fix_applicability is not None:
            autofix = Autofix(self.fix_applicability, exact)
        return Finding(
            code=self.code,
            name=self.name,
            category=category or self.category,
            severity=severity or self.severity,
            message=_clip(message, MAX_MESSAGE),
            path=path,
            line=line,
            evidence=tuple(_clip(e, MAX_EVIDENCE_LINE) for e in tuple(evidence)[:MAX_EVIDENCE_LINES]),
            fix=fix,
            autofix=autofix,
        )

    @classmethod
    def doc(cls) -> str:
        import inspect  # only `explain`, `rules` and SARIF read the docs: lint does not pay for it

        return inspect.cleandoc(cls.__doc__ or "")

    @classmethod
    def doc_sections(cls) -> dict[str, str]:
        """The docstring split into its sections (missing ones are absent)."""
        import textwrap

        text = cls.doc()
        positions = []
        for title in SECTIONS:
            m = re.search(rf"^{re.escape(title)}\s*$", text, re.MULTILINE)
            if m:
                positions.append((m.start(), m.end(), title))
        positions.sort()
        out: dict[str, str] = {}
        for i, (_, end, title) in enumerate(positions):
            stop = positions[i + 1][0] if i + 1 < len(positions) else len(text)
            # dedent, not strip: an indented example keeps its first line's indentation
            out[title] = textwrap.dedent(text[end:stop].strip("\n")).rstrip()
        return out

    @classmethod
    def summary(cls) -> str:
        sections = cls.doc_sections()
        first = sections.get("What it does", cls.doc()).strip().split("\n\n")[0]
        return " ".join(first.split())
