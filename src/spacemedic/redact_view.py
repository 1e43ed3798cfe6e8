"""The text the redaction rules read: a normalised *view* of the original, with a map back.

Secrets hide in the shapes real logs have: after a colour code (`\\x1b[33mAKIA…`), inside JSON
escapes (`\\u00e9hf_…`, `\\n-----BEGIN…`) or percent-encoding (`?q%3Dhf_…`). Matching the raw
text misses them; rewriting the text before printing would change what the user sees. So the
rules match a view in which

- CSI sequences (colours, cursor moves: `ESC [ … final`, also the 8-bit CSI U+009B and the
  JSON-escaped `\\u001b[…m`) are removed, so a token right after a colour code starts a token;
- every other control character (ESC of an OSC title or hyperlink, NUL, BEL, C1) becomes a
  space, a boundary: what an OSC carries stays visible to the rules;
- JSON escapes (`\\n`, `\\"`, `\\\\`, `\\uXXXX`) and percent-escapes (`%3D`, `%40`) are decoded,

and every match is mapped back to a span of the original, which is where the marker goes. One
left-to-right pass with a regex of bounded alternatives: linear in the length of the text.

A CSI without parameters (`ESC [`, then at once a final byte) is ambiguous: `\x1b[mhf_…` is a reset
then a token, but `\x1b[hf_…` is a token whose `h` reads as the final byte (and in `…\x1b[ end` the
`e` after a space would). Text holding one is read in two more views, and the redaction takes the
matches of all three: `Mode.GAP`, where a bare CSI is a boundary (a reset right before or after a
token), and `Mode.TEXT`, where only a CSI with parameters is a CSI, so a bare `ESC [` is a
boundary and the letter after it stays text (a token whose first letter looked like a final byte).
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_right
from enum import Enum
from functools import lru_cache

_INTRO = (r"\x1b\[", r"\x9b", r"\\{1,8}u001[bB]\[")  # ESC [, the 8-bit CSI, a JSON-escaped ESC [
_CSI = "|".join(i + r"[0-?]{0,32}[ -/]{0,4}[@-~]" for i in _INTRO)
# With at least one parameter byte: its final byte is never a letter of a token before or after it.
_CSI_STRICT = "|".join(i + r"[0-?]{1,32}[ -/]{0,4}[@-~]" for i in _INTRO)
BARE_CSI = re.compile("|".join(i + r"[ -/]{0,4}[@-~]" for i in _INTRO))
_REST = (
    r"|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]"  # other controls (tab, newline, CR stay)
    # JSON escapes, also those of JSON inside JSON (`\\\\u00e9`, `\\\\n`): a run of backslashes and
    # the escape stand for the escaped character.
    + r"|\\{1,8}u[0-9a-fA-F]{4}|\\{1,8}[nrtbf\"/]|\\\\"
    + r"|%[0-9A-Fa-f]{2}"  # percent-encoding
)
_NOISE = re.compile(_CSI + _REST)
_NOISE_STRICT = re.compile(_CSI_STRICT + _REST)
_JSON_SIMPLE = {"n": "\n", "r": "\r", "t": "\t", "b": " ", "f": " ", '"': '"', "\\": "\\", "/": "/"}


class Mode(Enum):
    """How a view reads a CSI without parameters (see the module docstring)."""

    REMOVE = "remove"  # every CSI carries nothing
    GAP = "gap"  # a CSI without parameters is a boundary
    TEXT = "text"  # only a CSI with parameters is one; a bare `ESC [` is a boundary, the rest text


def _decode(piece: str, mode: Mode = Mode.REMOVE) -> str:
    """What one noise piece stands for in the view ('' for a CSI, ' ' for a control)."""
    head = piece[0]
    if len(piece) == 1:
        return " "  # a bare control character: a boundary
    body = piece.lstrip("\\") if head == "\\" else piece
    if head in "\x1b\x9b" or body[:6] in ("u001b[", "u001B["):
        params = body[1:] if head == "\x9b" else body[2:] if head == "\x1b" else body[6:]
        if mode is Mode.GAP and not "0" <= params[:1] <= "?":
            return " "
        return ""  # a CSI: colours and cursor moves carry nothing
    if head == "%":
        char = chr(int(piece[1:], 16))
        return char if " " <= char <= "~" else " "
    if head == "\\":
        if not body:
            return "\\"  # an escaped backslash
        if body[0] == "u":
            char = chr(int(body[1:], 16))
            return " " if char < " " and char not in "\n\r\t" or "\x7f" <= char <= "\x9f" else char
        return _JSON_SIMPLE[body[0]]
    return " "


class View:
    """`text` as the rules see it (`view`), and the way back to offsets of `text`."""

    __slots__ = ("text", "view", "_vstart", "_ostart", "_vend", "_oend")

    def __init__(self, text: str, mode: Mode = Mode.REMOVE) -> None:
        self.text = text
        # Per decoded piece: where it starts and ends in the view and in the original. Compact
        # arrays: text full of escapes has a piece every few characters.
        self._vstart, self._ostart = array("q"), array("q")
        self._vend, self._oend = array("q"), array("q")
        shift = [0]  # view offset minus original offset so far

        def piece(m: re.Match[str]) -> str:
            start, end = m.span()
            decoded = _decode(m.group(), mode)
            vstart = start + shift[0]
            self._vstart.append(vstart)
            self._ostart.append(start)
            self._vend.append(vstart + len(decoded))
            self._oend.append(end)
            shift[0] += len(decoded) - (end - start)
            return decoded

        self.view = (_NOISE_STRICT if mode is Mode.TEXT else _NOISE).sub(piece, text)

    def start(self, v: int) -> int:
        """Offset in the original where view character `v` begins."""
        i = bisect_right(self._vstart, v) - 1  # a CSI removed right before `v` stays outside
        if i < 0:
            return v
        if v < self._vend[i]:
            return self._ostart[i]
        return self._oend[i] + (v - self._vend[i])

    def end(self, v: int) -> int:
        """Offset in the original where the view span ending at `v` (exclusive) ends."""
        if v <= 0:
            return 0
        i = bisect_right(self._vstart, v - 1) - 1
        if i < 0:
            return v
        if v - 1 < self._vend[i]:
            return self._oend[i]
        return self._oend[i] + (v - self._vend[i])


@lru_cache(maxsize=8)
def _cached(text: str, mode: Mode) -> View:
    return View(text, mode)


def view_of(text: str, mode: Mode = Mode.REMOVE) -> View:
    """The view of `text` (small texts cached: the secret scan and redaction often read one twice)."""
    return _cached(text, mode) if len(text) <= 1 << 20 else View(text, mode)


def views_of(text: str) -> tuple[View, ...]:
    """The views the rules read: one, or three when a bare `ESC [` makes the first ambiguous."""
    if BARE_CSI.search(text) is None:
        return (view_of(text),)
    return tuple(view_of(text, mode) for mode in Mode)
