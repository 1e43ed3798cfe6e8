"""The one sanitiser for text that came from outside: nothing from a file, a log or the Hub drives
the terminal.

File names, Dockerfile lines, case and bundle fields, runtime fields and history rows may hold
escape sequences (an OSC that retitles the terminal, a clear-screen, an OSC-8 hyperlink, colours),
C1 controls (U+009B is a one-character CSI), bidirectional overrides that reorder what is shown,
and newlines that forge extra output lines. Here they become visible escapes:

- C0 controls except newline and tab (ESC, BEL, backspace, a lone CR, ...) -> `\\x1b`, `\\x07` ...
- DEL, C1 controls (U+0080-U+009F), bidi controls, line separators and lone surrogates (an
  undecodable file name) -> `\\u009b`, `\\u202e` ...
  (the `\\uXXXX` form is also a valid JSON escape, so a JSON document stays valid);
- `one_line` also escapes newlines and tabs, for names and single-line fields;
- `markup` also escapes rich markup (`[bold]`) for the renderers that use rich (which run with
  emoji codes off, so `:x:` stays text).

`terminal` is the safety net the CLI applies to every output: the same escapes over the whole
text, keeping only the colour codes spacemedic itself asked rich for (SGR), and only on a TTY.
Pure functions; importing this module loads nothing else.
"""

from __future__ import annotations

import re

# C0 (without \t \n), DEL, C1, and the Unicode controls that change what a terminal shows.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_CONTROL_NL = re.compile(r"[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_SGR = re.compile(r"\x1b\[[0-9;]{0,32}m")
_NAMED = {"\n": "\\n", "\t": "\\t", "\r": "\\r"}


def _show(m: re.Match[str]) -> str:
    char = m.group()
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x20 else f"\\u{code:04x}"


def visible(text: str) -> str:
    """`text` with every control character shown as an escape (newlines and tabs kept)."""
    text = text.replace("\r\n", "\n")
    return _CONTROL.sub(_show, text) if _CONTROL.search(text) else text


def one_line(text: str) -> str:
    """`text` on one line: controls, newlines and tabs all shown as escapes (for names)."""
    return _CONTROL_NL.sub(_show, text) if _CONTROL_NL.search(text) else text


def markup(text: str, *, single_line: bool = False) -> str:
    """`text` safe to embed in rich markup: visible controls, markup brackets escaped."""
    from rich.markup import escape

    return escape(one_line(text) if single_line else visible(text))


def terminal(text: str, *, keep_colour: bool = False) -> str:
    """The safety net over a whole output: escape every control, keep spacemedic's own SGR colours
    when `keep_colour` (colour is only ever on for a TTY)."""
    if not keep_colour:
        return visible(text)
    out: list[str] = []
    last = 0
    for m in _SGR.finditer(text):
        out.append(visible(text[last : m.start()]))
        out.append(m.group())
        last = m.end()
    out.append(visible(text[last:]))
    return "".join(out)
