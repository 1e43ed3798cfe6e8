"""The evidence texts as the signatures expect to read them: one log line per line, plain text.

The same log reaches spacemedic in many wrappings: colour codes from the terminal, CRLF from a
Windows paste, HTML entities from a scraped page, "> " from a quoted e-mail or forum reply,
a timestamp before every line from a log viewer, literal "\\n" from a JSON string copied as is,
or a whole traceback flattened onto one line by an issue title or a chat message. The signatures
anchor on line starts (`^SyntaxError`, `^  File "...`), so each wrapping would hide evidence
that is plainly there. `readable` undoes them; it never lengthens a text, so untrusted input
cannot grow through it.
"""

from __future__ import annotations

import html
import re
from dataclasses import replace

from spacemedic.models import Signals

# ECMA-48 control sequences (CSI ... final byte, OSC ... BEL/ST) and any lone ESC left over.
_ANSI = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]{0,500}(?:\x07|\x1b\\)?|\x1b")
_ENTITY = re.compile(r"&(?:#\d{1,7}|#x[0-9a-f]{1,6}|[a-z]{2,8});", re.I)
# A timestamp a log viewer or a copy put before the line, ISO-8601 or bracketed, then spaces,
# and the replica or pod id some viewers print after it (lower-case, with at least one digit).
_STAMP = re.compile(
    r"^[ \t]*\[?\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:[.,]\d{1,9})?(?:Z|[+-]\d{2}:?\d{2}| ?UTC)?\]?"
    r"(?:[ \t]+(?=[a-z-]{0,59}\d)[a-z0-9-]{5,60}(?=[ \t]))?(?:[ \t]+|$)",
    re.M,
)
_QUOTE = re.compile(r"^[ \t]*(?:>[ \t]?)+", re.M)
# Where a flattened log had its line breaks: before a traceback's frames and banners and before
# the final `SomeError:` line. Only the single space in front is replaced, so the length holds.
_BREAK_AT = (
    r"Traceback \(most recent call last\)|File \"[^\"\n]{1,300}\", line \d+|During handling of|"
    r"The above exception was|(?:[A-Za-z_][\w.]{0,80}\.)?[A-Z]\w{0,60}(?:Error|Exception|Interrupt|Exit): |"
    r"={3,} |--> |#\d{1,3} \[|ERROR: |E: "
)
_BREAK = re.compile(r" (?=" + _BREAK_AT + ")")
_BREAK_POINTS = re.compile(_BREAK_AT)
# In a flattened traceback the code line follows its frame header on the same line.
_FRAME_HEAD = re.compile(r"(File \"[^\"\n]{1,300}\", line \d+, in [\w<>.]{1,80}) (?=\S)")
_LONG_LINE = 80


def readable(text: str) -> str:
    """`text` unwrapped to plain log lines; never longer than `text`."""
    out = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\x1b" in out:
        out = _ANSI.sub("", out)
    # JSON-escaped text pasted as is: more literal "\n" than real line breaks.
    if out.count("\\n") > out.count("\n"):
        out = out.replace("\\r\\n", "\n").replace("\\n", "\n").replace("\\t", "\t").replace('\\"', '"')
    if _ENTITY.search(out):
        unescaped = html.unescape(out)
        out = unescaped if len(unescaped) <= len(out) else out
    lines = [ln for ln in out.split("\n") if ln.strip()]
    if lines and sum(ln.lstrip().startswith(">") for ln in lines) * 2 >= len(lines):
        out = _QUOTE.sub("", out)
    if lines and sum(bool(_STAMP.match(ln)) for ln in lines) * 2 >= len(lines):
        out = _STAMP.sub("", out)
    # One long line with two or more places where a log breaks lines was a log once; a single
    # message with one such place ("Exit code: 1. Reason: OSError: ...") is left whole.
    if "\n" not in out.strip() and len(out) > _LONG_LINE and len(_BREAK_POINTS.findall(out, 0, 100_000)) >= 2:
        out = _FRAME_HEAD.sub(lambda m: m.group(1) + "\n", _BREAK.sub("\n", out))
    return out


def readable_signals(signals: Signals) -> Signals:
    """`signals` with every evidence text made readable (the rest untouched)."""

    def fix(value: str | None) -> str | None:
        return readable(value) if isinstance(value, str) and value else value

    obs = signals.observations
    fixed = replace(
        signals,
        error_message=fix(signals.error_message), build_log=fix(signals.build_log),
        run_log=fix(signals.run_log), config=fix(signals.config),
        observations=replace(obs, restart_error_text=fix(obs.restart_error_text)),
    )
    return signals if fixed == signals else fixed
