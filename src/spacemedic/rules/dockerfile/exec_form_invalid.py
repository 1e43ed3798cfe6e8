from __future__ import annotations

import json
import re
from collections.abc import Iterator

from spacemedic.jsonbound import loads as bounded_loads
from spacemedic.fixes.dockerfile_text import move_comment_above
from spacemedic.fixes.edits import find_once, lines_span, text_edit
from spacemedic.models import Applicability, Category, Edit, Finding, Severity
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

    Automatic fix (safe) when there is one obvious repair, on a one-line instruction: a comment
    after the bracket moves to its own line above; single or typographic quotes, bare words
    and numbers become double-quoted strings, when every element is one such item (no quote
    or backslash inside, so nothing has to be guessed).
    """

    code = "SM401"
    name = "dockerfile-exec-form-invalid-json"
    category = Category.DOCKERFILE
    severity = Severity.ERROR
    fix_applicability = Applicability.SAFE

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
                edits=(_repair(ctx, instr.start_line, instr.end_line, value),),
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


_QUOTES = {"'": "'", '"': '"', "\u2018": "\u2019", "\u201c": "\u201d"}
_BARE = re.compile(r"[^\s\"'\\,\[\]\u2018\u2019\u201c\u201d`$]+")


def _elements(inner: str) -> list[str] | None:
    """The strings of `[a, 'b', "c", 7860]` when each element is one plain item, else None."""
    out = []
    for part in inner.split(","):
        item = part.strip()
        if not item:
            return None
        close = _QUOTES.get(item[0])
        if close and len(item) >= 2 and item[-1] == close:
            body = item[1:-1]
            if any(q in body for q in "\"'\\\u2018\u2019\u201c\u201d"):
                return None
            out.append(body)
        elif _BARE.fullmatch(item):
            out.append(item)
        else:
            return None
    return out


def _repair(ctx: SpaceContext, first: int, last: int, value: str) -> Edit | None:
    df = ctx.dockerfile
    if df is None or first != last:
        return None
    if _TRAILING_COMMENT.match(value):
        return move_comment_above(ctx.repo, df.path, first)
    items = _elements(value[1:-1])
    text = ctx.repo.text(df.path)
    span = lines_span(text, first, last) if text is not None else None
    if items is None or text is None or span is None:
        return None
    hit = find_once(text, re.escape(value), *span)
    return text_edit(ctx.repo, df.path, hit[0], hit[1], json.dumps(items, ensure_ascii=False)) if hit else None
