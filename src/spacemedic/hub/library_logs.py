"""The logs of the HTTP libraries go through the same redaction layer and sanitiser as the CLI.

huggingface_hub logs its retries itself ("'…' thrown while requesting GET https://user:pw@host/…")
with a handler of its own that writes straight to stderr; an `HF_ENDPOINT` with credentials, or a
token in a URL, would leave in clear. `route_library_logs` replaces the handlers of these loggers
by one that redacts and sanitises every line first. Called wherever the Hub client is built.
"""

from __future__ import annotations

import logging
import sys
import threading

LIBRARIES = ("huggingface_hub", "httpx", "httpx2", "httpcore", "httpcore2", "urllib3", "filelock")
_lock = threading.Lock()


class RedactingHandler(logging.Handler):
    """Writes each record to the current stderr, redacted and sanitised, on one line."""

    def emit(self, record: logging.LogRecord) -> None:
        from spacemedic.redact import redact
        from spacemedic.sanitize import one_line

        try:
            message = f"{record.name}: {record.getMessage()}"
        except Exception:  # noqa: BLE001 - a broken log call must not break the run
            message = f"{record.name}: {record.msg!r}"
        try:
            sys.stderr.write(one_line(redact(message)) + "\n")
        except (OSError, ValueError):
            pass


def route_library_logs() -> None:
    """Put `RedactingHandler` in place of every handler of the HTTP libraries' loggers (idempotent)."""
    with _lock:
        for name in LIBRARIES:
            logger = logging.getLogger(name)
            if any(isinstance(h, RedactingHandler) for h in logger.handlers):
                continue
            for handler in list(logger.handlers):
                logger.removeHandler(handler)
            logger.addHandler(RedactingHandler())
            logger.propagate = False
