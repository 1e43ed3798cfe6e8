"""Everything the CLI prints goes through here, and so through the redaction layer."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from spacemedic.redact import redact


def emit(text: str) -> None:
    """Data to stdout, redacted."""
    out = redact(text)
    sys.stdout.write(out if out.endswith("\n") or not out else out + "\n")
    sys.stdout.flush()


def progress(text: str) -> None:
    """Progress and notes to stderr, redacted."""
    sys.stderr.write(redact(text) + "\n")
    sys.stderr.flush()


def error_line(message: str) -> None:
    """The one-line error for exit code 2."""
    first = " ".join(str(message).split()) or "unknown error"
    sys.stderr.write(f"spacemedic: error: {redact(first)}\n")
    sys.stderr.flush()


def write_file(path: str | Path, text: str) -> None:
    Path(path).write_text(redact(text), encoding="utf-8")


def use_color(no_color: bool = False) -> bool:
    """Colour only on a TTY, and never when NO_COLOR is set."""
    if no_color or os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return sys.stdout.isatty()
