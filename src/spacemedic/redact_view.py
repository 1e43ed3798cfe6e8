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
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_right
from functools import lru_cache

_CSI = r"\x1b\[[0-?]{0,32}[ -/]{0,4}[@-~]|\x9b[0-?]{0,32}[ -/]{0,4}[@-~]|\\{1,8}u001[bB]\[[0-?]{0,32}[ -/]{0,4}[@-~]"
_NOISE = re.compile(
    _CSI
    + r"|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]"  # other controls (tab, newline, CR stay)
    # JSON escapes, also those of JSON inside JSON (`\\\\u00e9`, `\\\\n`): a run of backslashes and
    # the escape stand for the escaped character.
    + r"|\\{1,8}u[0-9a-fA-F]{4}|\\{1,8}[nrtbf\"/]|\\\\"
    + r"|%[0-9A-Fa-f]{2}"  # percent-encoding
)
_JSON_SIMPLE = {"n": "\n", "r": "\r", "t": "\t", "b": " ", "f": " ", '"': '"', "\\": "\\", "/": "/"}


def _decode(piece: str) -> str:
    """What one noise piece stands for in the view ('' for a CSI, ' ' for a control)."""
    head = piece[0]
    if len(piece) == 1:
        return " "  # a bare control character: a boundary
    body = piece.lstrip("\\") if head == "\\" else piece
    if head in "\x1b\x9b" or body[:6] in ("u001b[", "u001B["):
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

    def __init__(self, text: str) -> None:
        self.text = text
        # Per decoded piece: where it starts and ends in the view and in the original. Compact
        # arrays: text full of escapes has a piece every few characters.
        self._vstart, self._ostart = array("q"), array("q")
        self._vend, self._oend = array("q"), array("q")
        shift = [0]  # view offset minus original offset so far

        def piece(m: re.Match[str]) -> str:
            start, end = m.span()
            decoded = _decode(m.group())
            vstart = start + shift[0]
            self._vstart.append(vstart)
            self._ostart.append(start)
            self._vend.append(vstart + len(decoded))
            self._oend.append(end)
            shift[0] += len(decoded) - (end - start)
            return decoded

        self.view = _NOISE.sub(piece, text)

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


@lru_cache(maxsize=4)
def _cached(text: str) -> View:
    return View(text)


def view_of(text: str) -> View:
    """The view of `text` (small texts cached: the secret scan and redaction often read one twice)."""
    return _cached(text) if len(text) <= 1 << 20 else View(text)
