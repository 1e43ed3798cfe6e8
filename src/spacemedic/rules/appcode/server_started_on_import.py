from __future__ import annotations

from collections.abc import Iterator

from spacemedic.models import Category, Finding, Severity
from spacemedic.rules.base import Rule
from spacemedic.space.context import SpaceContext


class ServerStartedOnImport(Rule):
    """A module imported by the server starts another server at import time.

    What it does
    When the start command runs `uvicorn module:app` (or gunicorn, hypercorn...), finds
    `demo.launch()`, `uvicorn.run()` or `app.run()` at the top level of that module, outside
    any `if __name__ == "__main__":` block.

    Why is this bad?
    The import blocks: gradio's `launch()` and `uvicorn.run()` serve forever, so the real
    server never finishes importing the app and never listens; or two servers race for
    the same port.

    Example
    `CMD uvicorn app:app --host 0.0.0.0 --port 7860` with `demo.launch()` as the last line of
    app.py.

    Fix
    Mount the gradio app instead (`app = gr.mount_gradio_app(app, demo, path="/")`), or put
    the call under `if __name__ == "__main__":`, or start the Space with `python app.py`.
    """

    code = "SM651"
    name = "server-started-on-import"
    category = Category.APP_CODE
    severity = Severity.WARNING

    def check(self, ctx: SpaceContext) -> Iterator[Finding]:
        c = ctx.contract
        for l in c.listeners:
            if not l.via or not l.via[-1].endswith("(runs on import)") or len(l.via) < 2:
                continue
            starter = l.via[-2]
            yield self.finding(
                f"{l.path} line {l.line} starts {l.server} at import time, but the Space's server "
                f"({starter}) imports this module: the import blocks and that server never listens",
                path=l.path, line=l.line,
                evidence=(f"via {l.chain()}", f"start command: {c.command.describe()}"),
                fix="Put the call under `if __name__ == \"__main__\":`, or mount the app instead of launching it.",
            )
