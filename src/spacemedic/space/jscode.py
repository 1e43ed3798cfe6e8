"""Where a Node.js server file listens: `x.listen(port[, host])` with `port` a literal, a
`const PORT = process.env.PORT || 3000` style name, or such an expression inline.

Deliberately small and regex based: only the file `node` runs is read, never browser code.
Never raises.
"""

from __future__ import annotations

import re

from spacemedic.space.pycode import Env, Value

_LISTEN = re.compile(r"\.listen\(\s*([^,()]+(?:\([^()]*\))?[^,()]*)\s*(?:,\s*(['\"][^'\"]*['\"]|[A-Za-z_$][\w$.]*))?")
_LISTEN_OBJ = re.compile(r"\.listen\(\s*\{([^{}]*)\}")
_ENVREAD = re.compile(r"process\.env\.([A-Za-z_]\w*)|process\.env\[['\"]([A-Za-z_]\w*)['\"]\]")
_NUMBER = re.compile(r"\b(\d{2,5})\b")


def _decl(text: str, name: str) -> str | None:
    m = re.search(rf"(?:const|let|var)\s+{re.escape(name)}\s*=\s*([^;\n]+)", text)
    return m.group(1).strip() if m else None


def js_value(expr: str, text: str, env: Env, where: str, depth: int = 0) -> Value:
    expr = expr.strip()
    if re.fullmatch(r"\d+", expr):
        return Value(int(expr), True, where)
    if re.fullmatch(r"['\"][^'\"]*['\"]", expr):
        return Value(expr[1:-1], True, where)
    if re.fullmatch(r"[A-Za-z_$][\w$]*", expr) and depth < 4:
        decl = _decl(text, expr)
        if decl is not None:
            return js_value(decl, text, env, where, depth + 1)
        return Value(None, False, f"`{expr}` ({where})", reason=f"`{expr}` is not a simple declaration")
    m = _ENVREAD.search(expr)
    if m:
        name = m.group(1) or m.group(2)
        if name in env.values:
            v = env.values[name]
            return Value(int(v) if v.isdigit() else v, True, f"{env.source(name)}, read by `{expr}` ({where})", env_var=name)
        rest = expr[m.end():]
        d = _NUMBER.search(rest) if re.search(r"\|\||\?\?", rest) else None
        if d:
            return Value(int(d.group(1)), False, f"default of `{expr}` ({where}); {name} is not set in the repository",
                         assumed=True, env_var=name)
        return Value(None, False, f"`{expr}` ({where})", env_var=name,
                     reason=f"{name} is read at run time and the repository does not set it")
    return Value(None, False, f"`{expr}` ({where})", reason=f"`{expr}` is computed at run time")


def js_listens(path: str, text: str, env: Env) -> list[tuple[int, Value, Value]]:
    """(line, host, port) for every `.listen(` call in a server file."""
    out: list[tuple[int, Value, Value]] = []
    try:
        for m in _LISTEN_OBJ.finditer(text[:500_000]):
            out.append(_object_form(m, path, text, env))
        for m in _LISTEN.finditer(text[:500_000]):
            if m.group(1).lstrip().startswith("{"):
                continue
            line = text.count("\n", 0, m.start()) + 1
            where = f"{path} line {line}"
            port = js_value(m.group(1), text, env, where)
            host_expr = m.group(2)
            if host_expr and not host_expr.startswith(("(", "function")) and "=>" not in host_expr:
                host = js_value(host_expr, text, env, where)
                if not host.resolved and re.fullmatch(r"[A-Za-z_$][\w$]*", host_expr) and _decl(text, host_expr) is None:
                    host = Value("0.0.0.0", True, f"node default host, {where} passes a callback")
            else:
                host = Value("0.0.0.0", True, f"node default host (all interfaces), {where} passes none")
            out.append((line, host, port))
    except (re.error, RecursionError):  # pragma: no cover - patterns are fixed
        return out
    return out


def _object_form(m: re.Match[str], path: str, text: str, env: Env) -> tuple[int, Value, Value]:
    """`listen({ port: 7860, host: '0.0.0.0' })` (fastify, net.Server)."""
    line = text.count("\n", 0, m.start()) + 1
    where = f"{path} line {line}"
    body = m.group(1)
    pm = re.search(r"\bport\s*:\s*([^,}]+)", body)
    hm = re.search(r"\bhost\s*:\s*([^,}]+)", body)
    port = js_value(pm.group(1), text, env, where) if pm else (
        Value(None, False, where, reason="listen() is given no port"))
    if re.fullmatch(r"\s*port\s*", body.split(",")[0]) and not pm:
        port = js_value("port", text, env, where)
    if hm:
        host = js_value(hm.group(1), text, env, where)
    elif "fastify" in text:
        host = Value("127.0.0.1", True, f"fastify default host (localhost), {where} passes none")
    else:
        host = Value("0.0.0.0", True, f"node default host (all interfaces), {where} passes none")
    return line, host, port
