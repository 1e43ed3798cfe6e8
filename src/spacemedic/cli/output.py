"""Everything the CLI prints or writes goes through here: the redaction layer, then the sanitiser.

Redaction is for values from outside; spacemedic's own text (rule documentation) is printed with
`own=True` and is not redacted, so its examples stay readable. Every output, own or not, passes
the sanitiser's safety net: no control sequence reaches the terminal except the colours
spacemedic asked for on a TTY.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Iterable

from spacemedic.redact import redact
from spacemedic.sanitize import terminal


def emit(text: str, *, color: bool = False, own: bool = False) -> None:
    """Data to stdout: redacted (unless it is spacemedic's own text), sanitised."""
    out = terminal(text if own else redact(text), keep_colour=color)
    sys.stdout.write(out if out.endswith("\n") or not out else out + "\n")
    sys.stdout.flush()


def progress(text: str) -> None:
    """Progress and notes to stderr, redacted and sanitised."""
    sys.stderr.write(terminal(redact(text)) + "\n")
    sys.stderr.flush()


def error_line(message: str) -> None:
    """The one-line error for exit code 2."""
    first = " ".join(str(message).split()) or "unknown error"
    sys.stderr.write(f"spacemedic: error: {terminal(redact(first))}\n")
    sys.stderr.flush()


def prepare(text: str, *, own: bool = False) -> bytes:
    """What `write_file` writes: redacted (unless own text), sanitised, UTF-8."""
    return terminal(text if own else redact(text)).encode("utf-8", errors="replace")


def write_file(path: str | Path, text: str, *, force: bool = False, inputs: Iterable[Path | None] = (),
               own: bool = False) -> None:
    """Write an output file atomically; never over an input or an existing file without `force`."""
    from spacemedic.cli.safe_write import write_bytes

    write_bytes(Path(path), prepare(text, own=own), force=force, inputs=inputs)


def use_color(no_color: bool = False) -> bool:
    """Colour only on a TTY, and never when NO_COLOR is set."""
    if no_color or os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return sys.stdout.isatty()
