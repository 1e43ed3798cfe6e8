"""The configuration files of servers a start command runs: nginx `listen`, supervisord
`command=`, gunicorn `bind`, and the mapping from container paths to repository files.
Pure functions of text (plus the repository listing for paths). Never raise."""

from __future__ import annotations

import ast
import re

from spacemedic.space.launch import split_hostport
from spacemedic.space.pycode import Env, Evaluator, Value, parse
from spacemedic.space.repo import SpaceRepo

_LISTEN = re.compile(r"^\s*listen\s+([^;\s]+)", re.MULTILINE)
_PROGRAM = re.compile(r"^\s*command\s*=\s*(.+)$", re.MULTILINE)


def map_path(repo: SpaceRepo, path: str, cwd: str | None = None) -> str | None:
    """The repository file a container path most likely is (WORKDIR prefixes stripped)."""
    candidates = [path]
    if cwd and not path.startswith("/"):
        candidates.insert(0, cwd.rstrip("/") + "/" + path)
    for cand in candidates:
        parts = [p for p in cand.split("/") if p not in ("", ".")]
        for i in range(len(parts)):
            rel = "/".join(parts[i:])
            if repo.has(rel):
                return rel
    return None


def module_file(repo: SpaceRepo, module: str, cwd: str | None) -> str | None:
    """`pkg.mod:app` -> pkg/mod.py (or its package's __init__.py / __main__.py)."""
    base = module.split(":", 1)[0].replace(".", "/")
    for suffix in (".py", "/__init__.py", "/__main__.py"):
        found = map_path(repo, base + suffix, cwd)
        if found:
            return found
    return None


def nginx_listens(path: str, text: str) -> list[tuple[int, Value, Value]]:
    """(line, host, port) of every `listen` directive."""
    out = []
    for m in _LISTEN.finditer(text):
        line = text.count("\n", 0, m.start()) + 1
        where = f"{path} line {line}"
        h, p = split_hostport(m.group(1), where)
        out.append((line, h or Value("0.0.0.0", True, f"nginx default address ({where})"),
                    p or Value(80, True, f"nginx default port ({where})")))
    return out


def supervisord_programs(text: str) -> list[tuple[int, str]]:
    """(line, command) of every `command=` of a supervisord configuration."""
    return [(text.count("\n", 0, m.start()) + 1, m.group(1)) for m in _PROGRAM.finditer(text)]


def gunicorn_bind(path: str, text: str, env: Env) -> tuple[Value | None, Value | None]:
    """The host and port of `bind = ...` in a gunicorn.conf.py; (None, None) when it sets none."""
    tree = parse(text)[0]
    if tree is None:
        return None, None
    ev = Evaluator(tree, env, path)
    defs = ev.names.get("bind")
    if not defs:
        return None, None
    line, node = defs[-1]
    if isinstance(node, (ast.List, ast.Tuple)) and node.elts:
        node = node.elts[0]
    val = ev.at(node, line)
    if not val.resolved or not isinstance(val.value, str):
        unknown = Value(None, False, val.source, reason=val.reason or "bind is computed at run time")
        return unknown, unknown
    return split_hostport(val.value, f"{path} line {line}")
