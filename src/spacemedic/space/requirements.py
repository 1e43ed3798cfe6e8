"""requirements.txt as pip reads it, one entry per logical line, with its line number.

pip's rules followed here: a `\\` at the end of a line joins the next one; a `#` starts a
comment only at the start of a line or after whitespace (so `#egg=` and `#sha256=` stay);
`-r`/`-c` name other files; options (`--extra-index-url`, `-f`, `--hash`) are kept as options;
`-e` and bare URLs or paths are installs that are not name specifiers. Entries are parsed with
`packaging.requirements.Requirement`, the same parser pip vendors. Never raises.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass

from packaging.requirements import InvalidRequirement, Requirement

_COMMENT = re.compile(r"(^|\s+)#.*$")
_VCS = ("git+", "hg+", "svn+", "bzr+")
_ARCHIVE = (".whl", ".tar.gz", ".zip", ".tar.bz2", ".tgz")
_PER_REQ_OPTION = re.compile(r"\s--(hash|config-settings|global-option|install-option)(=|\s)")
# Every long option pip's requirements-file parser knows (pip's SUPPORTED_OPTIONS and the
# per-requirement ones); `--install-option` is kept for the older pip some images still run.
_FILE_OPTIONS = frozenset(
    {
        "--index-url",
        "--extra-index-url",
        "--no-index",
        "--constraint",
        "--requirement",
        "--editable",
        "--find-links",
        "--no-binary",
        "--only-binary",
        "--prefer-binary",
        "--require-hashes",
        "--pre",
        "--trusted-host",
        "--use-feature",
        "--hash",
        "--global-option",
        "--config-settings",
        "--install-option",
    }
)


class Kind(str, enum.Enum):
    REQUIREMENT = "requirement"  # a PEP 508 specifier, maybe with `@ url`
    EDITABLE = "editable"  # -e <path or vcs url>
    URL = "url"  # a bare URL (VCS or archive)
    PATH = "path"  # a local path or archive file name
    INCLUDE = "include"  # -r / --requirement
    CONSTRAINT = "constraint"  # -c / --constraint
    OPTION = "option"  # any other option line
    INVALID = "invalid"


@dataclass(frozen=True)
class Entry:
    """One logical line. `line` is the 1-based physical line it starts on."""

    line: int
    text: str
    kind: Kind
    requirement: Requirement | None = None
    target: str = ""
    error: str | None = None

    @property
    def name(self) -> str | None:
        """The normalised distribution name, when known."""
        if self.requirement is not None:
            return normalize(self.requirement.name)
        m = re.search(r"[#&]egg=([A-Za-z0-9][A-Za-z0-9._-]*)", self.target)
        return normalize(m.group(1)) if m else None

    @property
    def is_vcs(self) -> bool:
        url = self.requirement.url if self.requirement is not None and self.requirement.url else self.target
        return (url or "").startswith(_VCS)


@dataclass(frozen=True)
class Requirements:
    path: str
    entries: tuple[Entry, ...] = ()

    def by_name(self) -> dict[str, Entry]:
        out: dict[str, Entry] = {}
        for e in self.entries:
            if e.name and e.name not in out:
                out[e.name] = e
        return out

    @property
    def includes(self) -> tuple[str, ...]:
        return tuple(e.target for e in self.entries if e.kind in (Kind.INCLUDE, Kind.CONSTRAINT) and e.target)


def normalize(name: str) -> str:
    """PEP 503 normalised name."""
    return re.sub(r"[-_.]+", "-", name).lower()


def logical_lines(text: str) -> list[tuple[int, str]]:
    """Join `\\` continuations and strip comments; keep each line's first physical number."""
    out: list[tuple[int, str]] = []
    buf: list[str] = []
    start = 0
    for number, raw in enumerate(text.splitlines(), start=1):
        if not buf:
            start = number
        line = raw
        if not buf and line.lstrip().startswith("#"):
            continue
        line = _COMMENT.sub("", line)
        if line.endswith("\\"):
            buf.append(line[:-1])
            continue
        buf.append(line)
        joined = " ".join(part.strip() for part in buf).strip()
        buf = []
        if joined:
            out.append((start, joined))
    if buf:
        joined = " ".join(part.strip() for part in buf).strip()
        if joined:
            out.append((start, joined))
    return out


def parse_requirements(path: str, text: str) -> Requirements:
    """Parse requirements text. Never raises; unparsable lines are `Kind.INVALID` entries."""
    entries = []
    for number, line in logical_lines(text):
        try:
            entries.append(_parse_line(number, line))
        except Exception as exc:  # packaging may raise odd errors on hostile text; keep a value
            entries.append(Entry(number, line, Kind.INVALID, error=f"{type(exc).__name__}: {exc}"))
    return Requirements(path=path, entries=tuple(entries))


def _parse_line(number: int, line: str) -> Entry:
    if line.startswith("-"):
        return _parse_option(number, line)
    spec = _PER_REQ_OPTION.split(line, maxsplit=1)[0].strip() if _PER_REQ_OPTION.search(line) else line
    if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*://", spec) or spec.startswith(_VCS):
        return Entry(number, line, Kind.URL, target=spec.split()[0])
    if _looks_like_path(spec):
        return Entry(number, line, Kind.PATH, target=spec.split(";")[0].strip())
    try:
        req = Requirement(spec)
    except InvalidRequirement as exc:
        return Entry(number, line, Kind.INVALID, error=str(exc).splitlines()[0] if str(exc) else "invalid")
    return Entry(number, line, Kind.REQUIREMENT, requirement=req, target=req.url or "")


def _parse_option(number: int, line: str) -> Entry:
    flag, _, rest = line.partition("=") if re.match(r"^--?[\w-]+=", line) else line.partition(" ")
    flag, rest = flag.strip(), rest.strip()
    if flag in ("-r", "--requirement") or (
        flag.startswith("-r") and len(flag) > 2 and not flag.startswith("--")
    ):
        target = rest or flag[2:]
        return Entry(number, line, Kind.INCLUDE, target=target.strip())
    if flag in ("-c", "--constraint"):
        return Entry(number, line, Kind.CONSTRAINT, target=rest)
    if flag in ("-e", "--editable"):
        return Entry(number, line, Kind.EDITABLE, target=rest)
    if flag.startswith("-e") and not flag.startswith("--"):
        return Entry(number, line, Kind.EDITABLE, target=(flag[2:] + " " + rest).strip())
    if flag in ("-i", "-f") or _file_option(flag):
        return Entry(number, line, Kind.OPTION, target=rest)
    return Entry(number, line, Kind.INVALID, error=f"pip does not accept the option {flag!r} in a requirements file")


def _file_option(flag: str) -> bool:
    """Whether pip's requirements-file parser accepts `flag` (optparse also takes a unique prefix,
    so `--extra` means `--extra-index-url`). Command options such as `--upgrade` or
    `--no-cache-dir` are not among them: pip stops with "Invalid requirement"."""
    if re.match(r"^-[icref]\S", flag):
        return True  # a short option with its value attached: `-ihttps://...`
    if not flag.startswith("--"):
        return False
    if flag in _FILE_OPTIONS:
        return True
    return sum(1 for o in _FILE_OPTIONS if o.startswith(flag)) == 1


def _looks_like_path(spec: str) -> bool:
    head = spec.split(";")[0].strip()
    if head.startswith((".", "/", "~")) or "/" in head.split("[")[0] or "\\" in head:
        return "@" not in head.split("/")[0]
    return head.lower().endswith(_ARCHIVE)
