"""Reading shell command lines and start scripts the way `sh` would run them, far enough to
find which programs start, with which arguments, in the foreground or the background.

Built on `shlex`. Never raises: text that cannot be split is read word by word instead.
Variable references are expanded from a known environment; names that cannot be expanded
are kept as written and listed in `Segment.unresolved`.
"""

from __future__ import annotations

import dataclasses
import re
import shlex
from collections.abc import Mapping
from dataclasses import dataclass

_SEPARATORS = frozenset({";", "&&", "||", "|", "&", ";;", "|&"})
_REDIRECT = re.compile(r"^\d*(>>?|<<?<?|>&|<&|&>>?)")
_SKIP_FIRST = frozenset(
    {"if", "elif", "while", "until", "for", "case", "esac", "fi", "done", "}", "[", "[[", "test", "echo",
     "printf", "function", "return", "shift", "set", "unset", "trap", "wait", "sleep", "true", "false",
     ":", "exit", "source", ".", "read", "local", "declare", "mkdir", "chmod", "chown", "rm", "cp", "mv",
     "ls", "cat", "touch", "ln", "curl", "wget", "pip", "pip3", "apt-get", "git", "huggingface-cli"}
)
_PREFIX_KEYWORDS = frozenset({"then", "do", "else", "{", "(", "!", "time"})
_VAR = re.compile(r"\$(?:\{(?P<braced>[A-Za-z_][A-Za-z0-9_]*)(?P<op>:?[-=?+])?(?P<word>[^}]*)\}|(?P<plain>[A-Za-z_][A-Za-z0-9_]*))")
_FD_PREFIX = re.compile(r"(?:(?<=\s)|^)\d+(?=[<>])")
# `<<EOF`, `<<-'EOF'`, `<< "END_1"`; not the here-string `<<<` (which has no body).
_HEREDOC = re.compile(r"(?<!<)<<(?!<)-?\s*(['\"]?)([A-Za-z_][A-Za-z0-9_]*)\1")
_SHELLS = frozenset({"sh", "bash", "dash", "zsh", "ash", "ksh"})
_ASSIGN = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*)=(.*)$", re.DOTALL)


@dataclass(frozen=True)
class Segment:
    """One simple command: its words after expansion, where it runs, and what is unknown."""

    argv: tuple[str, ...]
    background: bool = False
    line: int | None = None
    assignments: tuple[tuple[str, str], ...] = ()
    unresolved: tuple[str, ...] = ()
    cwd: str | None = None
    used: tuple[str, ...] = ()
    defaulted: tuple[str, ...] = ()


@dataclass(frozen=True)
class Expanded:
    text: str
    unresolved: tuple[str, ...]
    used: tuple[str, ...] = ()
    defaulted: tuple[str, ...] = ()


def expand(word: str, env: Mapping[str, str], depth: int = 0) -> Expanded:
    """Expand `$VAR`, `${VAR}`, `${VAR:-default}` (and `-`, `:=`, `=`) from `env`."""
    missing: list[str] = []
    used: list[str] = []
    defaulted: list[str] = []

    def sub(m: re.Match[str]) -> str:
        name = m.group("braced") or m.group("plain") or ""
        op, default = m.group("op"), m.group("word") or ""
        value = env.get(name)
        if op in (":-", ":=") and not value:
            value = None
        if value is not None:
            used.append(name)
            return value if op != "+" and op != ":+" else (default if value else "")
        if op in (":-", "-", ":=", "=") and depth < 4:
            inner = expand(default, env, depth + 1)
            missing.extend(inner.unresolved)
            used.extend(inner.used)
            defaulted.append(name)
            return inner.text
        if op in ("+", ":+"):
            return ""
        missing.append(name)
        return m.group(0)

    try:
        text = _VAR.sub(sub, word)
    except RecursionError:  # pragma: no cover - depth is bounded above
        return Expanded(word, ())
    return Expanded(text, tuple(dict.fromkeys(missing)), tuple(dict.fromkeys(used)), tuple(dict.fromkeys(defaulted)))


def tokens(text: str) -> list[str]:
    """The words and operators of one logical line. Never raises."""
    try:
        lex = shlex.shlex(text, posix=True, punctuation_chars=";&|<>")
        lex.whitespace_split = True
        lex.commenters = "#"
        return list(lex)
    except (ValueError, AttributeError):
        return text.split()


def logical_lines(text: str) -> list[tuple[int, str]]:
    """Join backslash-continued lines; return (1-based first line, text)."""
    out: list[tuple[int, str]] = []
    buf: list[str] = []
    start = 1
    for number, raw in enumerate(text.splitlines(), start=1):
        if not buf:
            start = number
        if raw.endswith("\\"):
            buf.append(raw[:-1])
            continue
        buf.append(raw)
        out.append((start, " ".join(buf)))
        buf = []
    if buf:
        out.append((start, " ".join(buf)))
    return out


def split_line(text: str, env: Mapping[str, str] | None = None, line: int | None = None) -> list[Segment]:
    """Split one command line into its simple commands, expanding variables from `env`."""
    env = dict(env or {})
    out: list[Segment] = []
    words: list[str] = []
    toks = tokens(_FD_PREFIX.sub("", text))  # `2>&1`: the fd number belongs to the redirect
    skip_next = False
    for i, tok in enumerate(toks):
        if skip_next:
            skip_next = False
            continue
        if tok in _SEPARATORS:
            if words:
                out.append(_segment(words, env, background=(tok == "&"), line=line))
            words = []
            continue
        if _REDIRECT.match(tok) and set(tok) <= set("0123456789<>&"):
            skip_next = i + 1 < len(toks) and toks[i + 1] not in _SEPARATORS
            continue
        words.append(tok)
    if words:
        out.append(_segment(words, env, background=False, line=line))
    return out


def _segment(words: list[str], env: Mapping[str, str], *, background: bool, line: int | None) -> Segment:
    assignments: list[tuple[str, str]] = []
    while words and words[0] in _PREFIX_KEYWORDS:
        words = words[1:]
    local = dict(env)
    while words and _ASSIGN.match(words[0]):
        m = _ASSIGN.match(words[0])
        assert m is not None
        value = expand(m.group(2), local).text
        assignments.append((m.group(1), value))
        local[m.group(1)] = value
        words = words[1:]
    argv: list[str] = []
    missing: list[str] = []
    used: list[str] = []
    defaulted: list[str] = []
    for w in words:
        e = expand(w, local)
        argv.append(e.text)
        missing.extend(e.unresolved)
        used.extend(e.used)
        defaulted.extend(e.defaulted)
    return Segment(tuple(argv), background, line, tuple(assignments), tuple(dict.fromkeys(missing)), None,
                   tuple(dict.fromkeys(used)), tuple(dict.fromkeys(defaulted)))


@dataclass(frozen=True)
class Script:
    """A start script read top to bottom: its commands and the environment at each."""

    segments: tuple[Segment, ...]
    env: Mapping[str, str]


MAX_NESTED_SCRIPTS = 3  # `bash <<A` whose body runs `sh <<B` ...: deeper bodies are not read


def read_script(text: str, env: Mapping[str, str] | None = None, cwd: str | None = None,
                depth: int = 0) -> Script:
    """Read a shell script: `export`/assignments update the environment, `cd` the directory,
    everything else is a command. Branches are read as if every line runs. A here-document fed
    to an interpreter that reads its program from stdin is read as that program: Python's as
    `python -c BODY`, a shell's (`bash <<EOF`, `sh -s <<'X'`) as more script, whose commands
    replace the shell's. Never raises."""
    current = dict(env or {})
    out: list[Segment] = []
    heredoc: str | None = None
    body: list[str] = []
    body_line = 0
    feeds: int | None = None  # index in `out` of the interpreter reading its program from the heredoc
    for number, line in logical_lines(text[:200_000]):
        stripped = line.strip()
        if heredoc is not None:
            if stripped != heredoc:
                body.append(line.lstrip("\t"))
                continue
            if feeds is not None and not 0 <= feeds < len(out):
                feeds = None  # `# <<EOF` in a comment, or a heredoc on a line with no command
            if feeds is not None and _shell_reads_stdin(out[feeds].argv):
                out[feeds:feeds + 1] = _fed_script(out[feeds], "\n".join(body), current, body_line, depth)
            elif feeds is not None:  # `python - <<EOF ... EOF` runs the body as `python -c BODY`
                head = out[feeds].argv[:2] if out[feeds].argv[0] == "exec" else out[feeds].argv[:1]
                out[feeds] = dataclasses.replace(out[feeds], argv=(*head, "-c", "\n".join(body)))
            heredoc, body, feeds = None, [], None
            continue
        if not stripped or stripped.startswith("#"):  # a comment that mentions `<<EOF` opens nothing
            continue
        m = _HEREDOC.search(line)
        if m:
            heredoc = m.group(2)
            body_line = number + 1
            feeds = -1  # set below when the command on this line reads its program from stdin
        for seg in split_line(line, current, number):
            if not seg.argv:
                current.update(seg.assignments)
                continue
            first = seg.argv[0]
            if first in ("export", "readonly") or (first == "declare" and "-x" in seg.argv):
                for word in seg.argv[1:]:
                    m2 = _ASSIGN.match(word)
                    if m2:
                        current[m2.group(1)] = m2.group(2)
                continue
            if first == "cd" and len(seg.argv) > 1:
                cwd = seg.argv[1]
                continue
            if first in _SKIP_FIRST or first.endswith("()") or (len(seg.argv) > 1 and seg.argv[1] == "()"):
                continue
            out.append(dataclasses.replace(seg, cwd=cwd))
            if feeds == -1 and (_reads_program_from_stdin(seg.argv)
                                or (_shell_reads_stdin(seg.argv) and depth < MAX_NESTED_SCRIPTS)):
                feeds = len(out) - 1
        if feeds == -1:
            feeds = None
    return Script(tuple(out), current)


def _reads_program_from_stdin(argv: tuple[str, ...]) -> bool:
    """`python`, `python3 -u -` ...: a Python given no script, module or -c reads its program from stdin."""
    if argv[:1] == ("exec",):  # `exec python - <<EOF`: the same Python, replacing the shell
        argv = argv[1:]
    if not argv or not re.fullmatch(r"python(3(\.\d+)?)?", argv[0].rsplit("/", 1)[-1]):
        return False
    return all(w.startswith("-") and w not in ("-c", "-m") for w in argv[1:])


def _shell_reads_stdin(argv: tuple[str, ...]) -> bool:
    """`bash`, `sh -s`, `exec bash -e -s -- arg`: a shell given no -c and no script file reads
    its commands from stdin (bash(1), "If no non-option arguments remain ... or if -s")."""
    if argv[:1] == ("exec",):
        argv = argv[1:]
    if not argv or argv[0].rsplit("/", 1)[-1] not in _SHELLS:
        return False
    for i, word in enumerate(argv[1:], start=1):
        if word == "--" or (word.startswith("-") and "s" in word.lstrip("-") and not word.startswith("--")):
            return "-c" not in argv[:i]  # `-s`: what follows are positional parameters
        if word == "-c" or (word.startswith("-") and not word.startswith("--") and "c" in word[1:]):
            return False
        if not word.startswith(("-", "+")):
            return False  # a script file: stdin is only its data
    return True


def _fed_script(shell: Segment, body: str, env: Mapping[str, str], first_line: int, depth: int) -> list[Segment]:
    """The commands of a here-document a shell runs, numbered as lines of the outer script.
    The inner shell's `export` and `cd` stay inside it."""
    inner = read_script(body, env, shell.cwd, depth + 1)
    return [dataclasses.replace(seg, line=None if seg.line is None else first_line + seg.line - 1)
            for seg in inner.segments]


def command_segments(command: str | list[str] | tuple[str, ...], env: Mapping[str, str]) -> list[Segment]:
    """Segments of a Dockerfile command: an exec-form list runs as is, a string through `sh -c`."""
    if isinstance(command, str):
        return list(read_script(command, env).segments)
    return [Segment(tuple(command))] if command else []


def quote(argv: tuple[str, ...] | list[str]) -> str:
    return shlex.join(list(argv))
