"""Module-level string constants of a Python file, so `MODEL_ID = "org/name"` then
`from_pretrained(MODEL_ID)` is read as a named repo.

Resolved: string literals, `os.environ.get(NAME, "default")` / `os.getenv(NAME, "default")`
(the default, remembered with the variable that can override it), f-strings and `+` of
resolved parts. A name assigned twice with different values is left unresolved.
"""

from __future__ import annotations

import ast

_ENV_CALLS = {"os.environ.get", "environ.get", "os.getenv", "getenv"}
MAX_DEPTH = 8


def _dotted(node: ast.AST) -> str:
    parts: list[str] = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
    return ".".join(reversed(parts))


class Constants:
    """Values of module-level names; `env_of[value]` is the variable a default came from."""

    def __init__(self, tree: ast.Module) -> None:
        self.values: dict[str, str] = {}
        self.env_of: dict[str, str] = {}
        conflicting: set[str] = set()
        # Names a function rebinds with `global` may change at run time: never constants.
        for node in ast.walk(tree):
            if isinstance(node, ast.Global):
                conflicting.update(node.names)
        seen: dict[str, str | None] = {}
        for stmt in _top_statements(tree):
            targets: list[ast.expr] = []
            value: ast.expr | None = None
            if isinstance(stmt, ast.Assign):
                targets, value = stmt.targets, stmt.value
            elif isinstance(stmt, ast.AnnAssign) and stmt.value is not None:
                targets, value = [stmt.target], stmt.value
            for t in targets:
                if not isinstance(t, ast.Name) or value is None:
                    continue
                got = self.resolve(value)
                if t.id in seen and seen[t.id] != got:
                    conflicting.add(t.id)
                seen[t.id] = got
                if got is not None:
                    self.values[t.id] = got
        for name in conflicting:
            self.values.pop(name, None)

    def resolve(self, node: ast.AST, depth: int = 0) -> str | None:
        if depth > MAX_DEPTH:
            return None
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return node.value
        if isinstance(node, ast.Name):
            return self.values.get(node.id)
        if isinstance(node, ast.JoinedStr):
            parts = []
            for v in node.values:
                if isinstance(v, ast.Constant) and isinstance(v.value, str):
                    parts.append(v.value)
                elif isinstance(v, ast.FormattedValue) and v.format_spec is None and v.conversion == -1:
                    got = self.resolve(v.value, depth + 1)
                    if got is None:
                        return None
                    parts.append(got)
                else:
                    return None
            return "".join(parts)
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            left, right = self.resolve(node.left, depth + 1), self.resolve(node.right, depth + 1)
            return left + right if left is not None and right is not None else None
        if isinstance(node, ast.Call) and _dotted(node.func) in _ENV_CALLS and len(node.args) >= 2:
            key = node.args[0]
            default = self.resolve(node.args[1], depth + 1)
            if isinstance(key, ast.Constant) and isinstance(key.value, str) and default:
                self.env_of[default] = key.value
                return default
        return None


def _top_statements(tree: ast.Module) -> list[ast.stmt]:
    """Module-level statements, including those nested in if/try/for/with (not in defs)."""
    out: list[ast.stmt] = []
    stack: list[ast.stmt] = list(reversed(tree.body))
    while stack and len(out) < 20_000:
        stmt = stack.pop()
        out.append(stmt)
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            continue
        for field in ("body", "orelse", "finalbody", "handlers"):
            for child in reversed(getattr(stmt, field, []) or []):
                if isinstance(child, ast.ExceptHandler):
                    stack.extend(reversed(child.body))
                elif isinstance(child, ast.stmt):
                    stack.append(child)
    return out
