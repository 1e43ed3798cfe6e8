"""The automatic fix of server-binds-loopback: edit the start command where it is certain.

- the loopback address is written in the CMD/ENTRYPOINT line once: replace it with 0.0.0.0;
- uvicorn / `flask run` with no host flag: add `--host 0.0.0.0` after the program name;
- gradio in Docker with no `server_name`: `ENV GRADIO_SERVER_NAME=0.0.0.0` before the CMD.

Anything else (a host from a variable, a start script, two servers on one line) gets no edit.
"""

from __future__ import annotations

import re

from spacemedic.fixes.edits import find_once, line_bounds, newline, text_edit
from spacemedic.models import Edit
from spacemedic.space.context import SpaceContext
from spacemedic.space.contract import Listener
from spacemedic.space.dockerfile import Instruction

_FLAG_AFTER = {"uvicorn": r"uvicorn", "flask run": r"flask[\"']?,?[ \t]*[\"']?run"}


def bind_all_edit(ctx: SpaceContext, main: Listener) -> Edit | None:
    df = ctx.dockerfile
    if df is None or df.error or df.final is None or not ctx.is_docker:
        return None
    start = _start_instruction(ctx)
    if start is None:
        return None
    text = ctx.repo.text(df.path)
    if text is None:
        return None
    if main.server == "gradio":
        if "default" not in main.host.source or "GRADIO_SERVER_NAME" in text:
            return None
        bounds = line_bounds(text, start.start_line)
        return text_edit(ctx.repo, df.path, bounds[0], bounds[0], "ENV GRADIO_SERVER_NAME=0.0.0.0" + newline(text)) if bounds else None
    if main.path != df.path or main.line != start.start_line or start.end_line != start.start_line:
        return None
    bounds = line_bounds(text, start.start_line)
    if bounds is None:
        return None
    host = str(main.host.value)
    if "default" not in main.host.source:
        hit = find_once(text, rf"(?<![\w.-]){re.escape(host)}(?![\w.-])", *bounds)
        return text_edit(ctx.repo, df.path, hit[0], hit[1], "0.0.0.0") if hit else None
    program = _FLAG_AFTER.get(main.server)
    if program is None:
        return None
    exec_form = start.exec_form() is not None
    hit = find_once(text, rf"(?<![\w.-]){program}[\"']?" + (r"," if exec_form else r"(?=[ \t])"), *bounds)
    if hit is None:
        return None
    flag = ' "--host", "0.0.0.0",' if exec_form else " --host 0.0.0.0"
    return text_edit(ctx.repo, df.path, hit[1], hit[1], flag)


def _start_instruction(ctx: SpaceContext) -> Instruction | None:
    df = ctx.dockerfile
    final = df.final if df is not None else None
    if final is None:
        return None
    found = [i for i in final.instructions if i.keyword in ("CMD", "ENTRYPOINT")]
    return found[-1] if len(found) == 1 else None
