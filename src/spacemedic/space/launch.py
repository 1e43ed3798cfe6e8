"""What one command line starts: a known server with the host and port its flags (or its
defaults, from `servers.SERVERS`) give, or something to follow further (a Python file, a
start script, an npm script, `sh -c`, nginx or supervisord configuration).

Pure: reads no files. Never raises.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from spacemedic.space.pycode import Env, Value
from spacemedic.space.servers import PYTHONS, RUNNERS, SERVERS, SHELLS, WRAPPERS

_VARREF = re.compile(r"\$\{?([A-Za-z_][A-Za-z0-9_]*)")
_PY_FLAGS_WITH_ARG = {"-X", "-W", "-c"}


@dataclass(frozen=True)
class Launch:
    """kind: server | python | node | script | shell | npm | nginx | supervisord | delegate | other."""

    kind: str
    argv: tuple[str, ...]
    server: str | None = None
    host: Value | None = None
    port: Value | None = None
    file: str | None = None
    target: str | None = None
    config: str | None = None
    env: Mapping[str, str] | None = None


def option(argv: tuple[str, ...], *names: str) -> str | None:
    """The value of the last `--name value` / `--name=value` / `-n value` among argv."""
    found: str | None = None
    for i, word in enumerate(argv):
        for name in names:
            if word == name and i + 1 < len(argv):
                found = argv[i + 1]
            elif word.startswith(name + "=") and name.startswith("--"):
                found = word[len(name) + 1 :]
            elif len(name) == 2 and word.startswith(name) and len(word) > 2 and not word.startswith("--"):
                found = word[2:]
    return found


def value_of(text: str | None, where: str, what: str) -> Value | None:
    if text is None:
        return None
    names = _VARREF.findall(text)
    if names:
        return Value(None, False, f"{what} `{text}` ({where})", env_var=names[0],
                     reason=f"{', '.join(names)} is read at run time and the repository does not set it")
    return Value(int(text) if text.isdigit() else text, True, where)


def default(server: str, env: Env, which: str, where: str) -> Value:
    facts = SERVERS[server]
    for name in facts.host_env if which == "host" else facts.port_env:
        if name in env.values:
            v = env.values[name]
            return Value(int(v) if v.isdigit() else v, True, f"{env.source(name)}, read by {server}", env_var=name)
    value = facts.default_host if which == "host" else facts.default_port
    names = facts.host_env if which == "host" else facts.port_env
    what = f"{server} default {which}, not set by {where}"
    return env.unseen(names[0], value, what) if names else Value(value, True, what)


def split_hostport(text: str, where: str) -> tuple[Value | None, Value | None]:
    """`0.0.0.0:7860`, `:7860`, `[::]:7860`, `tcp://0.0.0.0:7860`, `7860`, `unix:/x.sock`."""
    t = text.split("://", 1)[-1]
    if t.startswith(("unix:", "/", "fd://")):
        return Value(None, False, where, reason=f"listens on a unix socket `{text}`"), None
    if t.isdigit():
        return None, value_of(t, where, "port")
    host, _, port = t.rpartition(":")
    host = host.strip("[]")
    return value_of(host if host else "0.0.0.0", where, "host"), value_of(port, where, "port")


def identify(argv: tuple[str, ...], env: Env, where: str) -> Launch:
    """Recognise what `argv` starts. `where` names its origin for messages ("CMD line 12")."""
    try:
        return _identify(tuple(argv), env, where, 0)
    except (IndexError, ValueError, RecursionError):
        return Launch("other", tuple(argv))


def _identify(argv: tuple[str, ...], env: Env, where: str, depth: int) -> Launch:
    local = dict(env.values)
    while argv and depth < 20:
        depth += 1
        head = argv[0].rsplit("/", 1)[-1]
        if head in WRAPPERS:
            argv = argv[1:]
            if head in ("gosu", "su-exec") and argv:
                argv = argv[1:]
            while argv and argv[0] in ("--", "-s", "-g") or (argv and head in ("tini", "dumb-init") and argv[0].startswith("-")):
                argv = argv[1:]
        elif head == "env":
            argv = argv[1:]
            while argv and ("=" in argv[0] or argv[0].startswith("-")):
                if "=" in argv[0] and not argv[0].startswith("-"):
                    k, _, v = argv[0].partition("=")
                    local[k] = v
                argv = argv[1:]
        elif (head, argv[1] if len(argv) > 1 else "") in RUNNERS or head in ("npx", "pnpx", "bunx"):
            argv = argv[2:] if head not in ("npx", "pnpx", "bunx") else argv[1:]
            while argv and argv[0].startswith("-"):
                argv = argv[1:]
        elif head in ("conda", "mamba", "micromamba") and len(argv) > 1 and argv[1] == "run":
            argv = argv[2:]
            while argv and argv[0].startswith("-"):
                argv = argv[2:] if argv[0] in ("-n", "--name", "-p", "--prefix") else argv[1:]
        elif head in ("su", "runuser") and "-c" in argv:
            return Launch("shell", argv, target=argv[argv.index("-c") + 1] if argv.index("-c") + 1 < len(argv) else "")
        elif head in ("runuser",) and "--" in argv:
            argv = argv[argv.index("--") + 1 :]
        else:
            break
    if not argv:
        return Launch("other", argv)
    e = env.with_values(local, {**env.sources, **{k: f"env {k}={v} ({where})" for k, v in local.items() if k not in env.values}})
    from spacemedic.space import launch_servers

    return launch_servers.recognise(argv, e, where)


def is_python(word: str) -> bool:
    head = word.rsplit("/", 1)[-1]
    return head in PYTHONS or bool(re.fullmatch(r"python3(\.\d+)?", head))


def is_shell(word: str) -> bool:
    return word.rsplit("/", 1)[-1] in SHELLS


def python_target(argv: tuple[str, ...]) -> tuple[str | None, str | None, tuple[str, ...]]:
    """For `python [opts] (-m mod | file) args`: (module, file, args)."""
    i = 1
    while i < len(argv):
        w = argv[i]
        if w == "-m" and i + 1 < len(argv):
            return argv[i + 1], None, argv[i + 2 :]
        if w.startswith("-m") and len(w) > 2:
            return w[2:], None, argv[i + 1 :]
        if w in _PY_FLAGS_WITH_ARG:
            if w == "-c":
                return None, None, ()
            i += 2
            continue
        if w.startswith("-"):
            i += 1
            continue
        return None, w, argv[i + 1 :]
    return None, None, ()
