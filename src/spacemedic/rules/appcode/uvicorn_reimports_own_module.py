from __future__ import annotations

from collections.abc import Iterator

from spacemedic.models import Category, Finding, Severity
from spacemedic.rules.appcode._calls import startup_calls
from spacemedic.rules.base import Rule
from spacemedic.space.context import SpaceContext


class UvicornReimportsOwnModule(Rule):
    """`uvicorn.run("module:app")` called from inside that same module.

    What it does
    Finds `uvicorn.run("name:app", ...)` (an import string, not the app object) in the file
    `name.py` itself, run as the program (`python name.py`).

    Why is this bad?
    Uvicorn imports `name` again as a new module, so everything at the top of the file runs
    twice: models load twice (double the memory and start-up time, which can exceed the
    start-up budget or the RAM of cpu-basic), and state set up by the first run is not the
    state the server uses.

    Example
        # main.py
        model = load_model()
        app = FastAPI()
        if __name__ == "__main__":
            uvicorn.run("main:app", host="0.0.0.0", port=7860)

    Fix
    Pass the object: `uvicorn.run(app, host="0.0.0.0", port=7860)`, or start with
    `uvicorn main:app` from the Dockerfile CMD.
    """

    code = "SM655"
    name = "uvicorn-reimports-own-module"
    category = Category.APP_CODE
    severity = Severity.WARNING

    def check(self, ctx: SpaceContext) -> Iterator[Finding]:
        for path, _py, call in startup_calls(ctx):
            if call.name != "uvicorn.run" or not call.args or not call.args[0]:
                continue
            target = call.args[0]
            if ":" not in target or call.has_kwarg("reload") or call.has_kwarg("workers"):
                continue
            module = target.split(":", 1)[0]
            own = path[:-3].replace("/", ".")
            if module not in (own, own.rsplit(".", 1)[-1]):
                continue
            yield self.finding(
                f"{path} runs uvicorn.run({target!r}) on itself: uvicorn imports {module} a second time, so the "
                f"file's top-level code (model loading included) runs twice",
                path=path, line=call.line,
                evidence=(f"{path} line {call.line}: uvicorn.run({target!r}, ...)",),
                fix=f"Pass the app object (uvicorn.run({target.split(':', 1)[1]}, ...)) or start uvicorn from the CMD.",
            )
