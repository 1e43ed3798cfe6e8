from __future__ import annotations

import re
from collections.abc import Iterator

from spacemedic.fixes.edits import find_once, lines_span, text_edit
from spacemedic.models import Applicability, Category, Edit, Finding, Severity
from spacemedic.rules.base import Rule
from spacemedic.space.context import SpaceContext


class EnvSpacedEquals(Rule):
    """An ENV instruction has spaces around `=`.

    What it does
    Finds `ENV KEY = value` and `ENV KEY= value`.

    Why is this bad?
    Docker reads `ENV KEY = value` in the old `ENV KEY value` form, so KEY gets the value
    "= value" (a port of "= 7860" breaks every program that reads it). `ENV KEY= value` is
    rejected by the build: "value" is a second word without `=`.

    Example
        ENV PORT = 7860

    Fix
    No spaces around `=`: `ENV PORT=7860`. Automatic fix (safe) when the value is one word
    without quotes.
    """

    code = "SM402"
    name = "dockerfile-env-spaced-equals"
    category = Category.DOCKERFILE
    severity = Severity.WARNING
    fix_applicability = Applicability.SAFE

    def check(self, ctx: SpaceContext) -> Iterator[Finding]:
        df = ctx.dockerfile
        if df is None or df.error:
            return
        for instr in df.instructions:
            if instr.keyword != "ENV":
                continue
            value = instr.value.strip()
            m = re.match(r"^([A-Za-z_][A-Za-z0-9_]*)\s+=\s*(.*)$", value)
            if m:
                yield self.finding(
                    f"ENV {m.group(1)} is set to {('= ' + m.group(2)).strip()!r}: the spaced '=' is read as part of the value",
                    path=df.path,
                    line=instr.start_line,
                    evidence=(instr.raw.strip(),),
                    fix=f"Write ENV {m.group(1)}={m.group(2).strip()}",
                    edits=(_join(ctx, instr.start_line, instr.end_line, m.group(1), m.group(2)),),
                )
                continue
            m = re.match(r"^([A-Za-z_][A-Za-z0-9_]*)=\s+(\S.*)$", value)
            if m and "=" not in m.group(2).split()[0]:
                yield self.finding(
                    f'ENV {m.group(1)}= is followed by a space: the build rejects it ("can\'t find = in {m.group(2).split()[0]!r}")',
                    path=df.path,
                    line=instr.start_line,
                    evidence=(instr.raw.strip(),),
                    severity=Severity.ERROR,
                    fix=f"Write ENV {m.group(1)}={m.group(2).strip()} (quote the value if it has spaces)",
                    edits=(_join(ctx, instr.start_line, instr.end_line, m.group(1), m.group(2)),),
                )


def _join(ctx: SpaceContext, first: int, last: int, key: str, value: str) -> Edit | None:
    """`KEY = value` -> `KEY=value`, only for one bare word (a value with spaces needs quotes,
    which is a choice for the author)."""
    value = value.strip()
    if first != last or not re.fullmatch(r"[^\s\"'\\#$]+", value):
        return None
    text = ctx.repo.text("Dockerfile")
    span = lines_span(text, first, last) if text is not None else None
    if text is None or span is None:
        return None
    hit = find_once(text, rf"(?<=\s){re.escape(key)}[ \t]*=[ \t]*{re.escape(value)}(?=[ \t]*$)", *span)
    return text_edit(ctx.repo, "Dockerfile", hit[0], hit[1], f"{key}={value}") if hit else None
