from __future__ import annotations

import re
from collections.abc import Iterator

from spacemedic.models import Category, Finding, Severity
from spacemedic.rules.base import Rule
from spacemedic.rules.network._chain import hub_side
from spacemedic.space.context import SpaceContext
from spacemedic.space.deps import entry_files, startup_files

# Calls that run a chat bot by polling its platform: the process talks out, it never listens.
# python-telegram-bot Application.run_polling / Updater.start_polling, pyTelegramBotAPI
# (telebot) polling / infinity_polling, aiogram Dispatcher.start_polling / executor.start_polling.
_POLLING = re.compile(r"\.(?:run_polling|start_polling|infinity_polling|polling)\s*\(")
# Anything that could open a port after all: a web framework or server, a socket, a webhook
# mode, or another program started from Python.
_MAY_LISTEN = re.compile(
    r"^\s*(?:from|import)\s+(?:flask|fastapi|aiohttp|uvicorn|gunicorn|hypercorn|gradio|streamlit|tornado|sanic|"
    r"bottle|cherrypy|http\.server|socketserver|socket|twisted|quart|starlette|django|websockets|werkzeug|"
    r"waitress|dash|panel|nicegui|litestar|falcon|threading\.server|wsgiref|pywebio|flet)\b"
    r"|run_webhook|start_webhook|set_webhook|subprocess|os\.system|os\.popen|Popen",
    re.M,
)


class PollingBotWithoutListener(Rule):
    """A Docker Space runs a chat bot that polls, and nothing listens on the app port.

    What it does
    When a Docker Space's start command runs Python whose start-up code runs a Telegram-style
    bot by polling (`run_polling()`, `infinity_polling()`, `start_polling()`), and neither
    the command nor that code starts anything that could listen (no web framework or server,
    no socket, no webhook mode, no other program started from Python), it reports that the
    Space has no listener.

    Why is this bad?
    A Docker Space is up only when something answers HTTP on `app_port` (7860 by default).
    A polling bot works, but the Space stays "Starting" and fails the start-up timeout, then
    the container is stopped.

    Example
        application.run_polling()   # CMD ["python", "bot.py"], nothing else

    Fix
    Serve a small health page on 0.0.0.0:7860 next to the bot (an aiohttp or Flask app in the
    same process), or run the bot in webhook mode on that port.
    """

    code = "SM306"
    name = "polling-bot-without-listener"
    category = Category.PORT
    severity = Severity.ERROR

    def check(self, ctx: SpaceContext) -> Iterator[Finding]:
        c = ctx.contract
        if c.sdk.value != "docker" or c.main is not None or c.listeners or not entry_files(ctx):
            return
        texts = {p: ctx.repo.text(p) or "" for p in startup_files(ctx)}
        if any(_MAY_LISTEN.search(t) for t in texts.values()):
            return
        polling = next(((p, t) for p, t in texts.items() if _POLLING.search(t)), None)
        if polling is None:
            return
        path, text = polling
        m = _POLLING.search(text)
        assert m is not None
        line = text.count("\n", 0, m.start()) + 1
        yield self.finding(
            f"{path} line {line} runs a bot by polling, and nothing in the start-up code listens ({hub_side(c)}): "
            "the Space never answers its health check and stops at the start-up timeout",
            path=path,
            line=line,
            evidence=(f"{path} line {line}: {m.group(0).strip()}", "start-up files: " + ", ".join(texts),
                      "no web framework, server, socket or webhook in them"),
            fix=f"Serve a small health page on 0.0.0.0:{c.routed_port.value} next to the bot (aiohttp or Flask in "
                "the same process), or run the bot in webhook mode on that port.",
        )
