from __future__ import annotations

import json
import re
from collections.abc import Iterator

from spacemedic.jsonbound import loads as bounded_loads
from spacemedic.models import Category, Finding, Severity
from spacemedic.rules.base import Rule
from spacemedic.space.context import SpaceContext

# `RUN [ -f x ] && ...` and `RUN [ "$A" = "b" ]` are shell tests, not exec form: only a
# bracketed list (commas, or one quoted word) is meant as JSON.
_SINGLE = re.compile(r"^\[\s*['\"\u2018\u201c][^'\"\u2018\u2019\u201c\u201d]*['\"\u2019\u201d]\s*\]$")


_TRAILING_COMMENT = re.compile(r"^\[\s*[\"'].*\]\s+#")


def _meant_as_json(value: str) -> bool:
    if _TRAILING_COMMENT.match(value):
        return True  # `CMD ["python", "app.py"]  # start` is no longer JSON
    if not (value.startswith("[") and value.endswith("]")):
        return False
    return "," in value or bool(_SINGLE.match(value)) or value.replace(" ", "") == "[]"


class ExecFormInvalidJson(Rule):
    """A CMD, ENTRYPOINT or RUN looks like exec form (`[...]`) but is not valid JSON.

    What it does
    Parses the bracketed form of CMD, ENTRYPOINT, RUN, SHELL and HEALTHCHECK as JSON, the way
    Docker does: a list of double-quoted strings.

    Why is this bad?
    When the text is not a JSON array of strings Docker does not complain: it runs the whole
    text through `/bin/sh -c`. `CMD ['python', 'app.py']` then starts a shell that fails with
    "[python,: not found" and the Space never becomes healthy; a RUN fails the build.

    Example
        CMD ['python', 'app.py']

    Fix
    Use double quotes and commas: `CMD ["python", "app.py"]`.
    """

    code = "SM401"
    name = "dockerfile-exec-form-invalid-json"
    category = Category.DOCKERFILE
    severity = Severity.ERROR

    def check(self, ctx: SpaceContext) -> Iterator[Finding]:
        df = ctx.dockerfile
        if df is None or df.error:
            return
        for instr in df.instructions:
            if instr.keyword not in ("CMD", "ENTRYPOINT", "RUN", "SHELL"):
                continue
            value = instr.value.strip()
            if not _meant_as_json(value) or "\n" in value:
                continue
            problem = _json_problem(value)
            if problem is None:
                continue
            when = "at build time" if instr.keyword == "RUN" else "when the container starts"
            yield self.finding(
                f"{instr.keyword} is not valid JSON ({problem}), so Docker runs it through /bin/sh -c "
                f"as one string and it fails {when}",
                path=df.path,
                line=instr.start_line,
                evidence=(instr.raw.strip(),),
                fix=f"Write it as a JSON array of double-quoted strings: {_suggest(instr.keyword, value)}",
            )


def _json_problem(value: str) -> str | None:
    if _TRAILING_COMMENT.match(value):
        return "a '#' comment after the closing bracket"
    try:
        parsed = bounded_loads(value)
    except ValueError as exc:
        if "'" in value or "\u2018" in value or "\u201c" in value:
            return "single or typographic quotes"
        return str(exc).split(":")[0]
    if not isinstance(parsed, list) or not all(isinstance(x, str) for x in parsed):
        return "every element must be a string"
    return None


def _suggest(keyword: str, value: str) -> str:
    inner = value.strip().split("]", 1)[0][1:]
    parts = [p.strip().strip("'\"\u2018\u2019\u201c\u201d") for p in inner.split(",") if p.strip()]
    return f"{keyword} {json.dumps(parts)}"
