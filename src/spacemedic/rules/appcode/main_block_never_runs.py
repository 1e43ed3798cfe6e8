from __future__ import annotations

from collections.abc import Iterator

from spacemedic.models import Category, Finding, Severity
from spacemedic.rules.base import Rule
from spacemedic.space.context import SpaceContext


class MainBlockNeverRuns(Rule):
    """Listen settings inside `if __name__ == "__main__":` of a module the server imports.

    What it does
    When the start command runs a server that imports the app (`uvicorn main:app`,
    `gunicorn app:server`), finds `uvicorn.run(...)`, `app.run(...)` or `launch(...)` calls
    under `if __name__ == "__main__":` in that module whose host or port differ from what the
    real server uses.

    Why is this bad?
    Those lines never run on the Hub: the module is imported, not executed. Editing the port
    there changes nothing, which is a common source of confusion when debugging a port problem.

    Example
    `CMD ["uvicorn", "main:app", "--host", "0.0.0.0", "--port", "7860"]` and, in main.py,
    `if __name__ == "__main__": uvicorn.run(app, port=8000)`.

    Fix
    Nothing is broken by this alone. Change the port where the server is started (the CMD),
    or start the Space with `python main.py` if the block is what you meant to run.
    """

    code = "SM650"
    name = "main-block-never-runs"
    category = Category.APP_CODE
    severity = Severity.INFO

    def check(self, ctx: SpaceContext) -> Iterator[Finding]:
        c = ctx.contract
        main = c.main
        if main is None:
            return
        for s in c.skipped_listens:
            if s.port.value == main.port.value and s.host.value == main.host.value:
                continue
            yield self.finding(
                f"{s.path} line {s.line} listens on {s.host.value}:{s.port.value} only under "
                f"`if __name__ == \"__main__\"`, which never runs: {main.server} imports the module and "
                f"listens on {main.host.value}:{main.port.value} ({main.chain()})",
                path=s.path, line=s.line,
                evidence=(f"{s.path} line {s.line}: {s.call}", f"start command: {c.command.describe()}"),
                fix="Set the host and port where the server is started (the Dockerfile CMD / start script).",
            )
