"""Reading Python source with `ast` far enough to know what a value will be when it runs:
literals, module-level names, environment reads with their defaults, settings classes.

Never raises on any input: source that does not parse gives a module with `error` set.
"""

from __future__ import annotations

import ast
from collections.abc import Mapping
from dataclasses import dataclass

Scalar = str | int | float | bool | None


@dataclass(frozen=True)
class Value:
    """What an expression evaluates to, and how sure we are.

    known: fully decided by the repository. assumed: the default of an environment read whose
    variable the repository does not set (a Space variable could still change it). Neither:
    unknowable offline, `reason` says why.
    """

    value: Scalar
    known: bool
    source: str
    assumed: bool = False
    env_var: str | None = None
    reason: str | None = None

    @property
    def resolved(self) -> bool:
        return self.known or self.assumed


@dataclass(frozen=True)
class Env:
    """Environment variables in force, and where each was set (for messages)."""

    values: Mapping[str, str]
    sources: Mapping[str, str]
    opaque_base: str | None = None  # a base image whose own ENV cannot be seen

    def source(self, name: str) -> str:
        return self.sources.get(name, f"{name} in the environment")

    def with_values(self, values: Mapping[str, str], sources: Mapping[str, str]) -> Env:
        return Env(values, sources, self.opaque_base)

    def unseen(self, name: str, default: str | int | None, what: str) -> Value:
        """A server default for a variable the repository does not set."""
        if self.opaque_base:
            return Value(default, False, f"{what}; the base image `{self.opaque_base}` may set {name}",
                         assumed=True, env_var=name)
        return Value(default, True, what)


EMPTY_ENV = Env({}, {})
_ENV_FUNCS = {"os.environ.get", "environ.get", "os.getenv", "getenv", "os.environ.setdefault"}


def dotted(node: ast.AST) -> str:
    """`a.b.c` for a Name/Attribute chain (calls in between are skipped), else ''."""
    parts: list[str] = []
    while True:
        if isinstance(node, ast.Attribute):
            parts.append(node.attr)
            node = node.value
        elif isinstance(node, ast.Call):
            node = node.func
        elif isinstance(node, ast.Name):
            parts.append(node.id)
            return ".".join(reversed(parts))
        else:
            return ".".join(reversed(parts)) if parts else ""


MAX_AST_SOURCE = 400_000
"""Characters of Python parsed into an AST at most: walking the tree of a dense 1 MB module
costs seconds per walk, and several walks run per file."""


def parse(text: str) -> tuple[ast.Module | None, str | None]:
    """The module's AST, or None and why (too large, a syntax error, nested too deeply)."""
    if len(text) > MAX_AST_SOURCE:
        return None, f"not parsed: larger than {MAX_AST_SOURCE} characters"
    try:
        return ast.parse(text), None
    except (SyntaxError, ValueError, RecursionError, MemoryError, OverflowError) as exc:
        return None, f"{type(exc).__name__}: {exc}"


class Evaluator:
    """Evaluates expressions of one module against an environment."""

    def __init__(self, tree: ast.Module, env: Env, path: str, argv: tuple[str, ...] = ()) -> None:
        self.env = env
        self.path = path
        self.argv = argv
        self.options: dict[str, tuple[tuple[str, ...], ast.expr | None, int]] = {}
        self.params: dict[str, tuple[int, ast.expr, str]] = {}
        self.names: dict[str, list[tuple[int, ast.expr]]] = {}
        self.attrs: dict[str, tuple[ast.expr | None, str | None]] = {}
        for node in ast.walk(tree):
            if isinstance(node, ast.Assign):
                for target in node.targets:
                    if isinstance(target, ast.Name):
                        self.names.setdefault(target.id, []).append((node.lineno, node.value))
            elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.value is not None:
                self.names.setdefault(node.target.id, []).append((node.lineno, node.value))
            elif isinstance(node, ast.ClassDef):
                self._read_class(node)
            elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                positional = node.args.posonlyargs + node.args.args
                pairs = list(zip(positional[len(positional) - len(node.args.defaults):], node.args.defaults))
                pairs += [(a, d) for a, d in zip(node.args.kwonlyargs, node.args.kw_defaults) if d is not None]
                for arg, default in pairs:
                    self.params.setdefault(arg.arg, (node.lineno, default, node.name))
            elif isinstance(node, ast.Call) and dotted(node.func).endswith("add_argument"):
                self._read_option(node)

    def _read_option(self, call: ast.Call) -> None:
        """argparse: `parser.add_argument("--port", type=int, default=7860)` -> args.port."""
        flags = tuple(a.value for a in call.args if isinstance(a, ast.Constant) and isinstance(a.value, str))
        longs = [f for f in flags if f.startswith("--")]
        dest = _kw(call, "dest")
        name = (dest.value if isinstance(dest, ast.Constant) and isinstance(dest.value, str)
                else (longs[0][2:] if longs else (flags[0].lstrip("-") if flags else ""))).replace("-", "_")
        if name:
            self.options.setdefault(name, (flags, _kw(call, "default"), call.lineno))

    def _read_class(self, cls: ast.ClassDef) -> None:
        bases = {dotted(b).rsplit(".", 1)[-1] for b in cls.bases}
        is_settings = any(b.endswith("Settings") for b in bases)
        prefix = _env_prefix(cls) if is_settings else ""
        for stmt in cls.body:
            name: str | None = None
            value: ast.expr | None = None
            if isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name):
                name, value = stmt.target.id, stmt.value
            elif isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name):
                name, value = stmt.targets[0].id, stmt.value
            if name and name not in ("model_config", "Config"):
                self.attrs.setdefault(name, (value, (prefix + name).upper() if is_settings else None))

    def at(self, node: ast.AST | None, line: int = 0, depth: int = 0) -> Value:
        src = _text(node)
        if node is None:
            return Value(None, True, "not given")
        if depth > 8:
            return Value(None, False, src, reason=f"`{src}` is defined too indirectly to follow")
        if isinstance(node, ast.Constant) and isinstance(node.value, (str, int, float, bool)) or (
            isinstance(node, ast.Constant) and node.value is None
        ):
            return Value(node.value, True, f"{self.path} line {getattr(node, 'lineno', line)}")
        if isinstance(node, ast.Name):
            defs = self.names.get(node.id, [])
            if not defs and node.id in self.params:
                pline, default, fname = self.params[node.id]
                v = self.at(default, pline, depth + 1)
                if v.resolved:  # a caller may pass another value: never more than assumed
                    return Value(v.value, False, f"default of parameter `{node.id}` of {fname}() ({self.path} line {pline})",
                                 assumed=True, env_var=v.env_var,
                                 reason=f"a caller of {fname}() may pass another {node.id}")
                return v
            before = [d for d in defs if d[0] < (line or 10**9)] or defs
            if len(defs) == 1 or (before and line):
                return self.at(before[-1][1], before[-1][0], depth + 1)
            return Value(None, False, src, reason=f"`{node.id}` is not a simple assignment in {self.path}")
        if isinstance(node, ast.Call):
            func = dotted(node.func)
            if func in ("int", "str", "float") and node.args:
                return self.at(node.args[0], line, depth + 1)
            if func in _ENV_FUNCS and node.args:
                return self._env(node.args[0], node.args[1] if len(node.args) > 1 else _kw(node, "default"), node, line, depth)
        if isinstance(node, ast.Subscript) and dotted(node.value) in ("os.environ", "environ"):
            return self._env(node.slice, None, node, line, depth)
        if isinstance(node, ast.BoolOp) and isinstance(node.op, ast.Or) and node.values:
            first = self.at(node.values[0], line, depth + 1)
            if first.known and first.value:
                return first
            rest = self.at(node.values[-1], line, depth + 1)
            if first.env_var and not first.known and rest.resolved:
                return Value(rest.value, False, first.source, True, first.env_var, first.reason)
            return rest if first.known else first
        if isinstance(node, ast.Attribute) and node.attr in self.options and node.attr not in self.attrs:
            return self._option(node.attr, line, depth)
        if isinstance(node, ast.Attribute) and node.attr in self.attrs:
            value, env_name = self.attrs[node.attr]
            fallback = self.at(value, line, depth + 1) if value is not None else None
            if env_name:
                return self._named_env(env_name, fallback, f"settings field `{node.attr}` ({env_name})", line)
            if fallback is not None:
                return fallback
        return Value(None, False, src, reason=f"`{src}` is computed at run time")

    def _option(self, name: str, line: int, depth: int) -> Value:
        flags, default, opt_line = self.options[name]
        for i, word in enumerate(self.argv):
            for flag in flags:
                if word == flag and i + 1 < len(self.argv):
                    return Value(self.argv[i + 1], True, f"`{flag} {self.argv[i + 1]}` on the command line")
                if word.startswith(flag + "="):
                    return Value(word[len(flag) + 1 :], True, f"`{word}` on the command line")
        if default is None:
            return Value(None, True, f"argparse option {flags[0] if flags else name} has no default ({self.path} line {opt_line})")
        value = self.at(default, opt_line, depth + 1)
        if value.known:
            return Value(value.value, True, f"default of {flags[0] if flags else name} ({self.path} line {opt_line})")
        return value

    def _env(self, key: ast.AST, default: ast.AST | None, node: ast.AST, line: int, depth: int) -> Value:
        k = self.at(key, line, depth + 1)
        if not (k.known and isinstance(k.value, str)):
            return Value(None, False, _text(node), reason="the variable name is computed at run time")
        fallback = self.at(default, line, depth + 1) if default is not None else None
        return self._named_env(k.value, fallback, f"`{_text(node)}`", getattr(node, "lineno", line))

    def _named_env(self, name: str, default: Value | None, what: str, line: int) -> Value:
        where = f"{self.path} line {line}" if line else self.path
        if name in self.env.values:
            return Value(self.env.values[name], True, f"{self.env.source(name)}, read by {what} in {where}", env_var=name)
        if default is not None and default.resolved and default.value is not None:
            return Value(
                default.value, False, f"default of {what} in {where}; {name} is not set in the repository",
                assumed=True, env_var=name,
            )
        return Value(
            None, False, f"{what} in {where}", env_var=name,
            reason=f"{name} is read at run time and the repository does not set it (a Space variable or secret)",
        )


def _kw(call: ast.Call, name: str) -> ast.expr | None:
    return next((k.value for k in call.keywords if k.arg == name), None)


def _text(node: ast.AST | None) -> str:
    if node is None:
        return ""
    try:
        return ast.unparse(node)[:120]
    except Exception:  # ast.unparse fails on some synthetic trees
        return type(node).__name__


def _env_prefix(cls: ast.ClassDef) -> str:
    for node in ast.walk(cls):
        if isinstance(node, ast.keyword) and node.arg == "env_prefix" and isinstance(node.value, ast.Constant):
            return str(node.value.value)
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "env_prefix" for t in node.targets):
            if isinstance(node.value, ast.Constant):
                return str(node.value.value)
    return ""
