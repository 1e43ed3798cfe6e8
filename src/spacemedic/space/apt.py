"""Debian packages a Space asks for: `packages.txt` lines and `apt-get install` commands.

The Hub installs `packages.txt` with `xargs -r -a packages.txt apt-get install -y` (seen in
the generated Dockerfiles of SDK Spaces), so every whitespace-separated word of every line,
comments included, becomes an argument of `apt-get install`. Never raises.
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass

# Debian policy §5.6.1: lower case letters, digits, + - . ; at least two characters, starting
# alphanumeric. apt also accepts name=version, name/release and name:arch.
PACKAGE_NAME = re.compile(r"^[a-z0-9][a-z0-9+.\-]+(:[a-z0-9\-]+)?([=/][A-Za-z0-9.+~:_\-]+)?$")
_GLOB = re.compile(r"[*?\[\]$]")


@dataclass(frozen=True)
class PackageWord:
    """One word handed to apt-get. `problem` says why apt will reject it, if it will."""

    line: int
    word: str
    problem: str | None = None

    @property
    def name(self) -> str:
        return re.split(r"[=/:]", self.word, maxsplit=1)[0]


def read_packages_txt(text: str) -> list[PackageWord]:
    words: list[PackageWord] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        stripped = raw.strip()
        if not stripped:
            continue
        if stripped.startswith("#") or " #" in f" {stripped}":
            words.append(
                PackageWord(number, stripped, "comment: xargs passes '#' and every word after it to apt-get")
            )
            continue
        for word in stripped.split():
            words.append(PackageWord(number, word, _word_problem(word)))
    return words


def _word_problem(word: str) -> str | None:
    if word.startswith("-"):
        return None  # an apt-get option; odd in packages.txt but not certainly wrong
    if _GLOB.search(word):
        return None
    if not PACKAGE_NAME.match(word):
        if word.lower() != word and PACKAGE_NAME.match(word.lower()):
            return "Debian package names are lower case"
        return "not a valid Debian package name"
    return None


@dataclass(frozen=True)
class AptCommand:
    """One `apt-get`/`apt` invocation inside a shell command."""

    subcommand: str
    options: tuple[str, ...]
    packages: tuple[str, ...]
    sudo: bool
    text: str

    @property
    def assumes_yes(self) -> bool:
        for opt in self.options:
            if opt in ("-y", "--yes", "--assume-yes", "-qq", "--force-yes") or opt.startswith("--assume-yes"):
                return True
            if re.match(r"^-[a-zA-Z]*y[a-zA-Z]*$", opt) or re.match(r"^-[a-zA-Z]*q[a-zA-Z]*q", opt):
                return True
            if "Assume-Yes" in opt:
                return True
        return False


_SEPARATORS = re.compile(r"&&|\|\||;|\||\n|\(|\)")


def simple_commands(shell: str) -> list[str]:
    """Split a shell string into simple commands (roughly: on && || ; | and newlines)."""
    return [c.strip() for c in _SEPARATORS.split(shell) if c.strip()]


def _words(command: str) -> list[str]:
    try:
        return shlex.split(command, comments=True)
    except ValueError:
        return command.split()


def apt_commands(shell: str) -> list[AptCommand]:
    """Every apt-get/apt call in a shell string, with what it installs."""
    out = []
    for command in simple_commands(shell):
        words = _words(command)
        sudo = False
        while words and (
            re.match(r"^[A-Za-z_][A-Za-z0-9_]*=", words[0])
            or words[0] in ("sudo", "env", "-E", "time", "exec")
        ):
            sudo = sudo or words[0] == "sudo"
            words = words[1:]
        if not words or words[0].rsplit("/", 1)[-1] not in ("apt-get", "apt"):
            continue
        options: list[str] = []
        rest: list[str] = []
        it = iter(words[1:])
        for w in it:
            if w in ("-o", "-c", "-t", "--option", "--target-release"):
                options.append(f"{w} {next(it, '')}")
            elif w.startswith("-"):
                options.append(w)
            else:
                rest.append(w)
        sub = rest[0] if rest else ""
        out.append(AptCommand(sub, tuple(options), tuple(rest[1:]), sudo, command))
    return out
