"""Following a start command the way the container will run it: through `sh -c`, start
scripts, `exec "$@"`, npm scripts, supervisord programs and Python files that start servers,
collecting every listener with the chain that led to it.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from spacemedic.space.contract import Listener, Resolution
from spacemedic.space.jscode import js_listens
from spacemedic.space.launch import Launch, identify, option
from spacemedic.space.pycode import Env, Value
from spacemedic.space.pylisten import Listen, read_python
from spacemedic.space.repo import SpaceRepo
from spacemedic.space.server_configs import (
    gunicorn_bind,
    map_path,
    module_file,
    nginx_listens,
    supervisord_programs,
)
from spacemedic.space.shell import Segment, read_script
from spacemedic.space.streamlit_config import read_streamlit_config

MAX_DEPTH = 8
MAX_STEPS = 500
"""Commands followed at most per start command (scripts that start many others stop here)."""


@dataclass
class Trail:
    """What following found so far (mutable while following, frozen into the Contract)."""

    listeners: list[Listener] = field(default_factory=list)
    entry_files: list[str] = field(default_factory=list)
    unresolved: list[str] = field(default_factory=list)
    dead_ends: list[str] = field(default_factory=list)
    skipped: list[Listen] = field(default_factory=list)


class Follower:
    def __init__(self, repo: SpaceRepo) -> None:
        self.repo = repo
        self.trail = Trail()
        self._seen: set[str] = set()
        self._defaulted: tuple[str, ...] = ()
        self._var_notes = ""
        self._steps = 0

    def _entry(self, path: str) -> None:
        if path not in self.trail.entry_files:
            self.trail.entry_files.append(path)

    def segments(self, segs: list[Segment] | tuple[Segment, ...], env: Env, via: tuple[str, ...], where: str,
                 background: bool, args: tuple[str, ...], depth: int, cwd: str | None = None) -> None:
        for seg in segs:
            line_where = f"{where} line {seg.line}" if seg.line is not None else where
            local = env.with_values({**env.values, **dict(seg.assignments)},
                        {**env.sources, **{k: f"{k}={v} ({line_where})" for k, v in seg.assignments}})
            argv = seg.argv
            if argv and argv[-1] in ("$@", "$*") and args:
                argv = (*argv[:-1], *args)
            notes = [f"${n}={env.values.get(n, '')} from {env.source(n)}" for n in seg.used if n in env.values]
            self._var_notes = "; ".join(notes)
            self._defaulted = seg.defaulted
            self.argv(argv, local, via, line_where, background or seg.background, args, depth, seg.cwd or cwd)

    def argv(self, argv: tuple[str, ...], env: Env, via: tuple[str, ...], where: str, background: bool,
             args: tuple[str, ...], depth: int, cwd: str | None = None) -> None:
        if depth > MAX_DEPTH or not argv:
            return
        self._steps += 1
        if self._steps > MAX_STEPS:
            if self._steps == MAX_STEPS + 1:
                self.trail.unresolved.append(f"stopped following after {MAX_STEPS} commands ({where})")
            return
        launch = identify(argv, env, where)
        chain = (*via, where)
        kind = launch.kind
        if kind == "server":
            self._server(launch, env, chain, background, cwd)
        elif kind == "delegate":
            if args:
                self.argv(args, env, via, where, background, (), depth + 1, cwd)
        elif kind == "shell":
            self.segments(read_script(launch.target or "", env.values, cwd).segments, env, chain, "sh -c", background,
                          args, depth + 1, cwd)
        elif kind == "script":
            self._script(launch, env, chain, background, depth, cwd)
        elif kind == "python":
            self._python(launch, env, chain, background, depth, cwd)
        elif kind == "python-inline":
            self._python_inline(launch, env, chain, background)
        elif kind == "node":
            self._node(launch, env, chain, background, cwd)
        elif kind == "npm":
            self._npm(launch, env, chain, background, depth, cwd)
        elif kind == "nginx":
            self._nginx(launch, chain, background or launch.argv[0] == "service")
        elif kind == "supervisord":
            self._supervisord(launch, env, chain, depth, cwd)
        elif not background:
            self.trail.dead_ends.append(f"`{launch.argv[0] if launch.argv else argv[0]}` ({where}) is not a server spacemedic knows")
        else:
            self.trail.unresolved.append(f"`{launch.argv[0] if launch.argv else argv[0]}` runs in the background ({where}); where it listens is unknown")

    # ------------------------------------------------------------------ kinds

    def _server(self, launch: Launch, env: Env, chain: tuple[str, ...], background: bool, cwd: str | None) -> None:
        assert launch.server and launch.host and launch.port
        host, port = launch.host, launch.port
        where = chain[-1]
        if launch.server == "gunicorn" and option(launch.argv, "-b", "--bind") is None:
            host, port = self._gunicorn_conf(launch, env, cwd, host, port)
        if launch.server == "streamlit":
            host, port = self._streamlit_conf(host, port)
        if self._defaulted:
            port = _assume(port, where, self._defaulted)
        if self._var_notes and port.known and port.source == where:
            port = Value(port.value, True, f"{where}, {self._var_notes}", env_var=port.env_var)
        target = launch.target or launch.file
        if target:
            path = map_path(self.repo, target, cwd) if launch.file else module_file(self.repo, target, cwd)
            if path:
                self._entry(path)
                if launch.server not in ("streamlit",):
                    self._imported_module(path, env, chain, background)
        self.trail.listeners.append(
            Listener(launch.server or "", Resolution.of(host), Resolution.of(port), background, chain, *_loc(where))
        )

    def _imported_module(self, path: str, env: Env, chain: tuple[str, ...], background: bool) -> None:
        """A module the server imports: its __main__ block never runs, its top level does."""
        text = self.repo.text(path)
        if text is None:
            return
        py = read_python(path, text, env)
        for listen in py.listens:
            if listen.guarded:
                self.trail.skipped.append(listen)
            else:
                self._add_listen(listen, (*chain, f"{path} line {listen.line} (runs on import)"), background)

    def _gunicorn_conf(self, launch: Launch, env: Env, cwd: str | None, host: Value, port: Value) -> tuple[Value, Value]:
        conf = map_path(self.repo, launch.config or "gunicorn.conf.py", cwd)
        text = self.repo.text(conf) if conf else None
        if conf is None or text is None:
            return host, port
        h, p = gunicorn_bind(conf, text, env)
        return h or host, p or port

    def _streamlit_conf(self, host: Value, port: Value) -> tuple[Value, Value]:
        conf = read_streamlit_config(self.repo)
        if conf is None:
            return host, port
        if port.source.startswith("streamlit default") and conf.port is not None:
            port = Value(conf.port, True, f".streamlit/config.toml [server] port, line {conf.port_line}")
        if host.source.startswith("streamlit default") and conf.address is not None:
            host = Value(conf.address, True, f".streamlit/config.toml [server] address, line {conf.address_line}")
        return host, port

    def _add_listen(self, listen: Listen, chain: tuple[str, ...], background: bool) -> None:
        self.trail.listeners.append(
            Listener(listen.server, Resolution.of(listen.host), Resolution.of(listen.port), background, chain,
                     listen.path, listen.line)
        )

    def _once(self, key: str) -> bool:
        if key in self._seen:
            return False
        self._seen.add(key)
        return True

    def _script(self, launch: Launch, env: Env, chain: tuple[str, ...], background: bool, depth: int,
                cwd: str | None) -> None:
        path = map_path(self.repo, launch.file or "", cwd)
        if path is None:
            self.trail.unresolved.append(f"start script `{launch.file}` ({chain[-1]}) is not in the repository")
            return
        text = self.repo.text(path)
        if text is None or not self._once(path):
            return
        self._entry(path)
        idx = launch.argv.index(launch.file) if launch.file in launch.argv else 0
        script = read_script(text, env.values, cwd)
        self.segments(script.segments, env, chain, path, background, launch.argv[idx + 1 :], depth + 1, cwd)

    def _python(self, launch: Launch, env: Env, chain: tuple[str, ...], background: bool, depth: int,
                cwd: str | None) -> None:
        path = map_path(self.repo, launch.file or "", cwd)
        if path is None and launch.target:
            path = module_file(self.repo, launch.target, cwd)
        if path is None:
            self.trail.unresolved.append(f"`{launch.file}` ({chain[-1]}) is not in the repository")
            return
        text = self.repo.text(path)
        self._entry(path)
        if text is None or not self._once(path):
            return
        args = launch.argv[launch.argv.index(launch.file) + 1 :] if launch.file in launch.argv else ()
        py = read_python(path, text, env, args)
        for listen in py.listens:
            self._add_listen(listen, (*chain, f"{path} line {listen.line}"), background)
        for spawn in py.spawns:
            where = f"{path} line {spawn.line}"
            if isinstance(spawn.command, str):
                segs = read_script(spawn.command, env.values, cwd).segments
                self.segments(segs, env, chain, where, background or spawn.background, (), depth + 1, cwd)
            else:
                self.argv(spawn.command, env, chain, where, background or spawn.background, (), depth + 1, cwd)
        for what in py.unknown:
            self.trail.unresolved.append(f"{what} may start a server spacemedic cannot follow")
        if not py.listens and not py.spawns and not background:
            self.trail.dead_ends.append(f"{path} starts no server spacemedic recognises" + (f" ({py.error})" if py.error else ""))

    def _python_inline(self, launch: Launch, env: Env, chain: tuple[str, ...], background: bool) -> None:
        """`python -c "..."`: the code is on the command line itself."""
        where = chain[-1]
        py = read_python(f"python -c ({where})", launch.target or "", env)
        for listen in py.listens:
            self._add_listen(listen, (*chain, "python -c"), background)
        if not py.listens and not background:
            self.trail.dead_ends.append(f"the `python -c` code ({where}) starts no server spacemedic recognises")

    def _node(self, launch: Launch, env: Env, chain: tuple[str, ...], background: bool, cwd: str | None) -> None:
        path = map_path(self.repo, launch.file or "", cwd) or map_path(self.repo, (launch.file or "") + ".js", cwd)
        text = self.repo.text(path) if path else None
        if (path is None or text is None) and (launch.file or "").rsplit("/", 1)[-1] == "server.js" \
                and self._next_standalone():
            # `output: "standalone"` makes `next build` write server.js, which serves on
            # PORT (default 3000) and HOSTNAME (default 0.0.0.0): next.js docs, output.
            next_host = env.values.get("HOSTNAME")
            next_port = env.values.get("PORT")
            hv = (Value(next_host, True, env.source("HOSTNAME")) if next_host
                  else Value("0.0.0.0", True, "Next.js standalone server.js default HOSTNAME"))
            pv = Value(int(next_port) if next_port.isdigit() else next_port, True, env.source("PORT")) if next_port \
                else Value(3000, True, "Next.js standalone server.js default PORT")
            self.trail.listeners.append(Listener("next", Resolution.of(hv), Resolution.of(pv), background,
                                                 (*chain, "server.js written by `next build` (output: standalone)"),
                                                 None, None))
            return
        if path is None or text is None:
            self.trail.unresolved.append(f"the Node.js file `{launch.file}` ({chain[-1]}) could not be read")
            return
        self._entry(path)
        for line, host, port in js_listens(path, text, env):
            self.trail.listeners.append(Listener("node", Resolution.of(host), Resolution.of(port), background,
                                                 (*chain, f"{path} line {line}"), path, line))

    def _next_standalone(self) -> bool:
        for f in self.repo.files:
            if f.path.rsplit("/", 1)[-1] in _NEXT_CONFIGS and f.size < 200_000:
                text = self.repo.text(f.path) or ""
                if "standalone" in text:
                    return True
        return False

    def _npm(self, launch: Launch, env: Env, chain: tuple[str, ...], background: bool, depth: int,
             cwd: str | None) -> None:
        path = map_path(self.repo, "package.json", cwd)
        try:
            scripts = json.loads(self.repo.text(path) or "{}").get("scripts", {}) if path else {}
        except (ValueError, AttributeError):
            scripts = {}
        name = launch.target or "start"
        script = scripts.get(name) if isinstance(scripts, dict) else None
        if not isinstance(script, str):
            if name == "start" and map_path(self.repo, "server.js", cwd):
                self.argv(("node", "server.js"), env, chain, "npm start default", background, (), depth + 1, cwd)
                return
            self.trail.unresolved.append(f"`{' '.join(launch.argv)}` ({chain[-1]}): no script `{name}` in package.json")
            return
        bin_env = env
        self.segments(read_script(script, bin_env.values, cwd).segments, bin_env, chain,
                      f"package.json scripts.{name}", background, (), depth + 1, cwd)

    def _nginx(self, launch: Launch, chain: tuple[str, ...], background: bool) -> None:
        confs = [launch.config] if launch.config else []
        confs += [f.path for f in self.repo.files if f.path.endswith(".conf") or f.name in ("nginx.conf", "default")]
        for conf in confs:
            path = map_path(self.repo, conf) if conf else None
            text = self.repo.text(path) if path else None
            found = nginx_listens(path, text) if path and text else []
            for line, host, port in found:
                self.trail.listeners.append(Listener("nginx", Resolution.of(host), Resolution.of(port), background,
                                                     (*chain, f"{path} line {line}"), path, line))
            if found:
                return
        self.trail.unresolved.append(f"nginx ({chain[-1]}): its configuration is not in the repository")

    def _supervisord(self, launch: Launch, env: Env, chain: tuple[str, ...], depth: int, cwd: str | None) -> None:
        path = map_path(self.repo, launch.config, cwd) if launch.config else next(
            (f.path for f in self.repo.files if f.name in ("supervisord.conf", "supervisor.conf")), None)
        text = self.repo.text(path) if path else None
        if path is None or text is None:
            self.trail.unresolved.append(f"the supervisord configuration ({chain[-1]}) could not be read")
            return
        self._entry(path)
        for line, command in supervisord_programs(text):
            segs = read_script(command, env.values, cwd).segments
            self.segments(segs, env, chain, f"{path} line {line}", True, (), depth + 1, cwd)


_NEXT_CONFIGS = ("next.config.js", "next.config.mjs", "next.config.ts", "next.config.cjs")


def _assume(v: Value, where: str, names: tuple[str, ...]) -> Value:
    """A flag value that came from a `${VAR:-default}` fallback can be changed by a Space variable."""
    if not v.known or v.source != where:
        return v
    return Value(v.value, False, f"{where}: the fallback of ${{{names[0]}:-...}}, {names[0]} is not set in the repository",
                 assumed=True, env_var=names[0])


def _loc(where: str) -> tuple[str | None, int | None]:
    m = re.match(r"^(?:Dockerfile (?:CMD|ENTRYPOINT)|(\S+)) line (\d+)", where)
    if not m:
        return None, None
    return (m.group(1) or "Dockerfile"), int(m.group(2))
