"""Where a Python file starts listening: `uvicorn.run`, gradio `launch`, flask `app.run`,
waitress `serve`, aiohttp `run_app`, `HTTPServer((host, port), ...)`, and the commands it
starts with `subprocess`/`os.system`. Each with its `if __name__ == "__main__"` status.

Never raises on any input.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass

from spacemedic.space.pycode import EMPTY_ENV, Env, Evaluator, Value, _kw, _text, dotted, parse
from spacemedic.space.servers import SERVERS

_SERVER_CLASSES = {"HTTPServer", "ThreadingHTTPServer", "TCPServer", "ThreadingTCPServer", "make_server"}
_SPAWN = {"subprocess.Popen": True, "Popen": True, "subprocess.run": False, "subprocess.call": False,
          "subprocess.check_call": False, "subprocess.check_output": False, "os.system": False, "os.popen": True}


@dataclass(frozen=True)
class Listen:
    """A call that makes the process listen on a host and port."""

    server: str
    call: str
    path: str
    line: int
    host: Value
    port: Value
    guarded: bool
    target: str | None = None


@dataclass(frozen=True)
class Spawn:
    """A command started from Python code (`subprocess`, `os.system`)."""

    command: str | tuple[str, ...]
    path: str
    line: int
    background: bool
    guarded: bool


@dataclass(frozen=True)
class PyFile:
    path: str
    error: str | None = None
    imports: frozenset[str] = frozenset()
    listens: tuple[Listen, ...] = ()
    spawns: tuple[Spawn, ...] = ()
    unknown: tuple[str, ...] = ()  # calls that look like starting a server but are not recognised


def read_python(path: str, text: str, env: Env = EMPTY_ENV, argv: tuple[str, ...] = ()) -> PyFile:
    """Read one Python file. Never raises."""
    tree, error = parse(text)
    if tree is None:
        return PyFile(path, error=error)
    try:
        return _Reader(tree, env, path, argv).result()
    except (RecursionError, ValueError, TypeError, AttributeError) as exc:  # hostile, deeply nested input
        return PyFile(path, error=f"{type(exc).__name__}: {exc}")


def _is_main_guard(node: ast.If) -> bool:
    t = node.test
    if isinstance(t, ast.Compare) and len(t.comparators) == 1 and isinstance(t.ops[0], ast.Eq):
        sides = [t.left, t.comparators[0]]
        names = {s.id for s in sides if isinstance(s, ast.Name)}
        consts = {s.value for s in sides if isinstance(s, ast.Constant)}
        return "__name__" in names and "__main__" in consts
    return False


class _Reader:
    def __init__(self, tree: ast.Module, env: Env, path: str, argv: tuple[str, ...] = ()) -> None:
        self.tree, self.env, self.path = tree, env, path
        self.ev = Evaluator(tree, env, path, argv)
        self.imports = _imports(tree)
        self.calls: list[tuple[ast.Call, bool, str | None]] = []
        self.fn_guards: dict[str, list[bool]] = {}
        self._walk(tree.body, guarded=False, func=None)

    def _walk(self, body: list[ast.stmt], guarded: bool, func: str | None) -> None:
        for stmt in body:
            if isinstance(stmt, ast.If) and _is_main_guard(stmt):
                self._walk(stmt.body, True, func)
                self._walk(stmt.orelse, guarded, func)
                continue
            if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
                self._walk(stmt.body, guarded, stmt.name)
                continue
            for node in ast.walk(stmt):
                if isinstance(node, ast.Call):
                    self.calls.append((node, guarded, func))
                    if func is None and isinstance(node.func, ast.Name):
                        self.fn_guards.setdefault(node.func.id, []).append(guarded)

    def _guarded(self, guarded: bool, func: str | None) -> bool:
        if guarded or func is None:
            return guarded
        sites = self.fn_guards.get(func) or []
        return bool(sites) and all(sites)

    def result(self) -> PyFile:
        listens: list[Listen] = []
        spawns: list[Spawn] = []
        unknown: list[str] = []
        for call, lexical, func in self.calls:
            guarded = self._guarded(lexical, func)
            found = self._listen(call, guarded)
            if found is not None:
                listens.append(found)
                continue
            spawn = self._spawn(call, guarded)
            if spawn is not None:
                spawns.append(spawn)
            elif _looks_like_serving(call):
                unknown.append(f"`{_text(call)[:60]}` ({self.path} line {call.lineno})")
        return PyFile(self.path, None, frozenset(self.imports), tuple(listens), tuple(spawns), tuple(unknown))

    def _listen(self, call: ast.Call, guarded: bool) -> Listen | None:
        name = dotted(call.func)
        last = name.rsplit(".", 1)[-1]
        imports = self.imports
        if name == "uvicorn.run" or (name == "run" and "uvicorn" in imports and "run" in self.imports.get("uvicorn", set())):
            target = self.ev.at(call.args[0]) if call.args else Value(None, False, "")
            app = target.value if isinstance(target.value, str) else None
            return self._make("uvicorn", call, guarded, "host", "port", 1, 2, app)
        if last == "launch" and ("gradio" in imports or _gradio_like(call)):
            return self._make("gradio", call, guarded, "server_name", "server_port", None, None)
        receiver = name.rsplit(".", 1)[0] if "." in name else ""
        if last in ("run", "run_server") and "dash" in imports and self._app_object(receiver, ("Dash",)):
            return self._make("dash", call, guarded, "host", "port", None, None)
        if last == "run" and imports.keys() & {"flask", "flask_socketio", "quart"} and self._app_object(
            receiver, ("Flask", "Quart", "SocketIO")
        ):
            return self._make("flask app.run", call, guarded, "host", "port", 0 if "socketio" not in name else 1,
                              1 if "socketio" not in name else 2)
        if last == "serve" and "waitress" in imports:
            return self._make("waitress", call, guarded, "host", "port", None, None)
        if last == "run_app" and "aiohttp" in imports:
            return self._make("aiohttp", call, guarded, "host", "port", None, None)
        if last in _SERVER_CLASSES and call.args and isinstance(call.args[0], ast.Tuple) and len(call.args[0].elts) == 2:
            host_node, port_node = call.args[0].elts
            host = self.ev.at(host_node, call.lineno)
            if host.known and host.value == "":
                host = Value("0.0.0.0", True, host.source)
            return Listen("http.server", _text(call), self.path, call.lineno, host, self.ev.at(port_node, call.lineno), guarded)
        return None

    def _app_object(self, receiver: str, classes: tuple[str, ...]) -> bool:
        """`receiver` is an app object: assigned from one of `classes`, or named like one when the
        module builds none itself (it imports the app). Keeps `asyncio.run()` and friends out."""
        built = {n for n, defs in self.ev.names.items()
                 for _, v in defs if isinstance(v, ast.Call) and dotted(v.func).rsplit(".", 1)[-1] in classes}
        if receiver in built:
            return True
        return not built and receiver in ("app", "server", "application", "socketio", "sio", "flask_app")

    def _make(self, server: str, call: ast.Call, guarded: bool, host_kw: str, port_kw: str,
              host_pos: int | None, port_pos: int | None, target: str | None = None) -> Listen:
        facts = SERVERS[server]
        host_node = _kw(call, host_kw) or _pos(call, host_pos)
        port_node = _kw(call, port_kw) or _pos(call, port_pos)
        where = f"{self.path} line {call.lineno}"
        spread = _spread(call)
        if spread:  # `launch(**kw)` / `run(*args)`: the value may be in there, offline we cannot say
            unknown = Value(None, False, f"{where} passes `{spread}`")
            host_node = host_node if host_node is not None else _UNKNOWN
            port_node = port_node if port_node is not None else _UNKNOWN
        else:
            unknown = Value(None, False, "")
        host = self._value(host_node, unknown, call, _default(
            facts.host_env, facts.default_host, self.env, f"{server} default host, {where} passes none"))
        port = self._value(port_node, unknown, call, _default(
            facts.port_env, facts.default_port, self.env, f"{server} default port, {where} passes none"))
        if host.known and host.value is None:  # `host=None` means the server's own default
            host = _default(facts.host_env, facts.default_host, self.env, f"{server} default host ({where})")
        if port.known and port.value is None:
            port = _default(facts.port_env, facts.default_port, self.env, f"{server} default port ({where})")
        return Listen(server, _text(call), self.path, call.lineno, host, port, guarded, target)

    def _value(self, node: ast.expr | None, unknown: Value, call: ast.Call, default: Value) -> Value:
        if node is _UNKNOWN:
            return unknown
        return self.ev.at(node, call.lineno) if node is not None else default

    def _spawn(self, call: ast.Call, guarded: bool) -> Spawn | None:
        name = dotted(call.func)
        if name not in _SPAWN or not call.args:
            return None
        arg = call.args[0]
        if isinstance(arg, (ast.List, ast.Tuple)):
            words = [self.ev.at(e, call.lineno) for e in arg.elts]
            if not all(w.resolved and w.value is not None for w in words):
                return None
            cmd: str | tuple[str, ...] = tuple(str(w.value) for w in words)
        else:
            v = self.ev.at(arg, call.lineno)
            if not (v.resolved and isinstance(v.value, str)):
                return None
            cmd = v.value
        return Spawn(cmd, self.path, call.lineno, _SPAWN[name], guarded)


_SERVE_NAMES = {"run", "serve", "listen", "launch", "run_server", "start_server", "serve_forever"}
_SERVE_KWARGS = {"host", "port", "server_name", "server_port", "bind", "address", "listen"}


def _gradio_like(call: ast.Call) -> bool:
    """`x.launch(...)` with gradio's keyword names, in a file that imports the demo from elsewhere."""
    return any(k.arg in ("server_name", "server_port", "share", "show_error", "show_api", "ssr_mode")
               for k in call.keywords)


def _looks_like_serving(call: ast.Call) -> bool:
    name = dotted(call.func).rsplit(".", 1)[-1]
    if name in ("launch",):
        return True
    return name in _SERVE_NAMES and any(k.arg in _SERVE_KWARGS for k in call.keywords)


_UNKNOWN = ast.Constant(value=None)


def _spread(call: ast.Call) -> str:
    """The `**kw` or `*args` of a call, which may carry the host or port."""
    for k in call.keywords:
        if k.arg is None:
            return "**" + _text(k.value)
    for a in call.args:
        if isinstance(a, ast.Starred):
            return "*" + _text(a.value)
    return ""


def _pos(call: ast.Call, index: int | None) -> ast.expr | None:
    if index is None or index >= len(call.args):
        return None
    arg = call.args[index]
    return None if isinstance(arg, ast.Starred) else arg


def _default(names: tuple[str, ...], default: str | int | None, env: Env, what: str) -> Value:
    for name in names:
        if name in env.values:
            return Value(env.values[name], True, f"{env.source(name)} (read by the server)", env_var=name)
    return env.unseen(names[0], default, what) if names else Value(default, True, what)


def _imports(tree: ast.Module) -> dict[str, set[str]]:
    """Top-level package imported -> names imported from it."""
    out: dict[str, set[str]] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                out.setdefault(alias.name.split(".")[0], set())
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            out.setdefault(node.module.split(".")[0], set()).update(a.name for a in node.names)
    return out
