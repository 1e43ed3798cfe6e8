"""The automatic fix of app-port-mismatch in the "move the server" direction.

When the README sets `app_port`, the author chose where the Hub routes: the server is moved
to that port (the other direction, adding `app_port`, is in app_port_mismatch.py). Only where
the port is written once on the start line, or is the server's default on a line whose
program has a port flag:

- a literal port on the line the listener was found on (`--port 8000`, `-b 0.0.0.0:5000`,
  `--server.port=8501`, `-p 3000` in the Dockerfile CMD/ENTRYPOINT or a start script, or
  `app.run(port=5000)` in the app), the number written once there: replaced by the routed port;
- `ENV GRADIO_SERVER_PORT=` / `ENV STREAMLIT_SERVER_PORT=`: the value replaced;
- no port given (the server's default): the flag added after the program name (uvicorn,
  `flask run`, `streamlit run`, `next start|dev`), or `ENV GRADIO_SERVER_PORT=` before the
  CMD for gradio.

A port from a general variable (`ENV PORT` may feed other programs), an expression, or a line
that names the number twice gets no edit.
"""

from __future__ import annotations

import re

from spacemedic.fixes.edits import find_once, line_bounds, newline, text_edit
from spacemedic.models import Edit
from spacemedic.space.context import SpaceContext
from spacemedic.space.contract import Listener

# The program words after which a port flag goes, and the flag, per server of the contract table.
_FLAG = {
    "uvicorn": (r"uvicorn", "--port"),
    "flask run": (r"flask[\"']?,?[ \t]*[\"']?run", "--port"),
    "streamlit": (r"streamlit[\"']?,?[ \t]*[\"']?run", "--server.port"),
    "next": (r"next[\"']?,?[ \t]*[\"']?(?:start|dev)", "-p"),
}
_SERVER_ENV = re.compile(r"ENV (GRADIO_SERVER_PORT|STREAMLIT_SERVER_PORT) \(Dockerfile line (\d+)\)")


def move_server_edit(ctx: SpaceContext, main: Listener, routed: int) -> Edit | None:
    if main.port_int is None or main.path is None or main.line is None or not main.port.known:
        return None
    source = main.port.source
    env = _SERVER_ENV.fullmatch(source.removesuffix(" (read by the server)"))
    if env is not None:
        return _set_env(ctx, env.group(1), int(env.group(2)), main.port_int, routed)
    text = ctx.repo.text(main.path)
    bounds = line_bounds(text, main.line) if text is not None else None
    if text is None or bounds is None or text[bounds[0] : bounds[1]].rstrip().endswith("\\"):
        return None
    if source in (f"{main.path} line {main.line}", f"Dockerfile CMD line {main.line}", f"Dockerfile ENTRYPOINT line {main.line}"):
        hit = find_once(text, rf"(?<![\w.$-]){main.port_int}(?![\w.])", *bounds)
        return text_edit(ctx.repo, main.path, hit[0], hit[1], str(routed)) if hit else None
    if not source.startswith(f"{main.server} default port"):
        return None
    if main.server == "gradio":
        return _gradio_env(ctx, routed)
    if main.server not in _FLAG or not _on_start_line(ctx, main):
        return None
    program, flag = _FLAG[main.server]
    exec_form = main.path == "Dockerfile" and text[bounds[0] : bounds[1]].rstrip().endswith("]")
    hit = find_once(text, rf"(?<![\w.-]){program}[\"']?" + (r"," if exec_form else r"(?=[ \t]|$)"), *bounds)
    if hit is None:
        return None
    words = f' "{flag}", "{routed}",' if exec_form else f" {flag} {routed}"
    return text_edit(ctx.repo, main.path, hit[1], hit[1], words)


def _on_start_line(ctx: SpaceContext, main: Listener) -> bool:
    """The default applies on the line the listener was found on (not a later `$PORT`)."""
    return f"not set by {'Dockerfile CMD' if main.path == 'Dockerfile' else main.path} line {main.line}" in main.port.source or (
        main.path == "Dockerfile" and f"not set by Dockerfile ENTRYPOINT line {main.line}" in main.port.source
    )


def _set_env(ctx: SpaceContext, name: str, line: int, old: int, routed: int) -> Edit | None:
    text = ctx.repo.text("Dockerfile")
    bounds = line_bounds(text, line) if text is not None else None
    if text is None or bounds is None:
        return None
    hit = find_once(text, rf"(?<=\b{name}[= ])[\"']?{old}[\"']?(?![\w.])", *bounds)
    return text_edit(ctx.repo, "Dockerfile", hit[0], hit[1], str(routed)) if hit else None


def _gradio_env(ctx: SpaceContext, routed: int) -> Edit | None:
    df = ctx.dockerfile
    final = df.final if df is not None and not df.error else None
    starts = [i for i in final.instructions if i.keyword in ("CMD", "ENTRYPOINT")] if final else []
    text = ctx.repo.text("Dockerfile")
    if len(starts) != 1 or text is None or "GRADIO_SERVER_PORT" in text:
        return None
    bounds = line_bounds(text, starts[0].start_line)
    return text_edit(ctx.repo, "Dockerfile", bounds[0], bounds[0], f"ENV GRADIO_SERVER_PORT={routed}{newline(text)}") if bounds else None
