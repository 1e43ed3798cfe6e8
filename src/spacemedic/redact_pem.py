"""Private keys in logs, followed line by line.

A key in a build log rarely stands alone: each of its lines carries the log's prefix (BuildKit's
`#12 0.31 `, compose's `app-1  | `, a timestamp). A pattern spanning the block stops at the first
prefix and leaves the body in clear. Here the BEGIN line is found, then every following line's
trailing run of base64 is taken as body, whatever precedes it, up to the END line, a line that
is not part of a key (an excerpt cut inside the key), or `_PEM_MAX_LINES`. One forward pass.
"""

from __future__ import annotations

import re

_PEM_BEGIN = re.compile(r"-----BEGIN [A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----")
_PEM_END = re.compile(r"-----END [A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----")
_B64 = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=")
_PEM_HEADER = re.compile(r"[ \t]*(?:Proc-Type|DEK-Info|Comment):|[ \t]*$")
_PEM_MAX_LINES = 200


def _b64_tail(view: str, start: int, end: int) -> int:
    """Where the run of base64 characters that ends at `end` begins (>= start)."""
    i = end
    while i > start and view[i - 1] in _B64:
        i -= 1
    return i


def private_key_spans(view: str) -> list[tuple[int, int, bool]]:
    """(start, end, first) of each part of each private key in `view`: the BEGIN line, then the body
    of each following line, whatever its prefix, up to the END line (`first` marks a key's start)."""
    hits: list[tuple[int, int, bool]] = []
    pos = 0
    while (m := _PEM_BEGIN.search(view, pos)) is not None:
        line_end = view.find("\n", m.end())
        line_end = len(view) if line_end < 0 else line_end
        start, cut = m.start(), m.end()
        # The rest of the BEGIN line: a body flattened onto one line, up to an END marker.
        end_m = _PEM_END.search(view, cut, line_end)
        if end_m is not None:
            hits.append((start, end_m.end(), True))
            pos = end_m.end()
            continue
        while cut < line_end and (view[cut] in _B64 or view[cut] in " \t"):
            cut += 1
        hits.append((start, cut, True))
        pos, lines = line_end, 0
        while pos < len(view) and lines < _PEM_MAX_LINES:
            lines += 1
            ls = pos + 1
            le = view.find("\n", ls)
            le = len(view) if le < 0 else le
            content_end = ls + len(view[ls:le].rstrip())
            end_m = _PEM_END.search(view, ls, le)
            if end_m is not None:
                hits.append((_b64_tail(view, ls, end_m.start()), end_m.end(), False))
                pos = end_m.end()
                break
            body = _b64_tail(view, ls, content_end)
            if content_end - body >= 16 or (content_end > body and _next_line_ends(view, le)):
                hits.append((body, content_end, False))
            elif not _PEM_HEADER.match(view, ls, le):
                break  # an excerpt that stops inside the key: the body ended with the last line
            pos = le
    return hits


def _next_line_ends(view: str, le: int) -> bool:
    nxt = view.find("\n", le + 1)
    return _PEM_END.search(view, le, len(view) if nxt < 0 else nxt) is not None
