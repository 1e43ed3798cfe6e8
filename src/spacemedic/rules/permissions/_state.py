"""Who owns what in a Docker image, replayed from the Dockerfile (pure; no file access).

Spaces run the container as uid 1000 (hub-docs spaces-sdks-docker.md), whatever USER says,
so "can the runtime user write here?" is answered for a non-root user: only paths under /tmp,
under that user's home, chowned to them, or opened with chmod 777 (a+w, o+w) count.
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass, field

from spacemedic.space.apt import simple_commands
from spacemedic.space.dockerfile import Dockerfile, Instruction

ALWAYS_WRITABLE = ("/tmp", "/var/tmp", "/dev/shm", "/data", "/proc", "/dev", "/run/secrets")
ROOT_NAMES = ("root", "0", "0:0", "root:root")


def under(path: str, prefix: str) -> bool:
    p, q = path.rstrip("/") or "/", prefix.rstrip("/") or "/"
    return q == "/" or p == q or p.startswith(q + "/")


def words(command: str) -> list[str]:
    try:
        return shlex.split(command, comments=True)
    except ValueError:
        return command.split()


def substitute(text: str, env: dict[str, str]) -> str:
    return re.sub(
        r"\$\{([A-Za-z_]\w*)(?::?-([^}]*))?\}|\$([A-Za-z_]\w*)",
        lambda m: env.get(m.group(1) or m.group(3), m.group(2) or m.group(0)),
        text,
    )


@dataclass
class ImageState:
    user: str = "root"
    cwd: str = "/"
    homes: dict[str, str] = field(default_factory=dict)  # users created with a home
    writable: list[tuple[str, int]] = field(default_factory=list)  # (path, line) opened to uid 1000
    root_dirs: list[tuple[str, int]] = field(default_factory=list)  # (path, line) created by root
    env_home: str | None = None
    workdir_line: int | None = None
    workdir_writable: bool = False

    @property
    def non_root(self) -> bool:
        return self.user not in ROOT_NAMES

    @property
    def home(self) -> str | None:
        if self.env_home:
            return self.env_home
        if not self.non_root:
            return None
        name = self.user.split(":")[0]
        if name in self.homes:
            return self.homes[name]
        return next(iter(self.homes.values()), None) if name.isdigit() else None

    @property
    def runtime_home(self) -> str | None:
        """HOME of uid 1000 at run time: the Hub runs the container as uid 1000, which is the
        first user `useradd` creates on Debian/Ubuntu images, whatever USER says."""
        return self.home or next(iter(self.homes.values()), None)

    def resolve(self, path: str) -> str:
        if path.startswith("~"):
            path = (self.home or "/") + path[1:]
        if not path.startswith("/"):
            path = self.cwd.rstrip("/") + "/" + path
        parts: list[str] = []
        for piece in path.split("/"):
            if piece in ("", "."):
                continue
            if piece == "..":
                if parts:
                    parts.pop()
                continue
            parts.append(piece)
        return "/" + "/".join(parts)

    def can_write(self, path: str) -> bool:
        """Whether a non-root user (uid 1000) can write at `path`."""
        if "$" in path:
            return True  # unresolved: do not guess
        if any(under(path, p) for p in ALWAYS_WRITABLE):
            return True
        if self.home and under(path, self.home):
            return True
        if any(under(path, h) for h in self.homes.values()):
            return True
        if any(under(path, w) for w, _ in self.writable):
            return True
        return False


@dataclass(frozen=True)
class Write:
    path: str
    instruction: Instruction
    verb: str


def replay(df: Dockerfile, on_write: list[Write] | None = None) -> ImageState:
    """Replay the final image's stages; collect RUN writes made as a non-root user."""
    state = ImageState()
    stages = list(reversed(df.chain()))
    for stage in stages:
        for instr in stage.instructions:
            env = {**instr.args, **instr.env}
            if instr.keyword == "USER":
                state.user = (
                    substitute(instr.value.strip(), env).split()[0] if instr.value.strip() else "root"
                )
            elif instr.keyword == "ENV" and "HOME" in instr.env:
                state.env_home = instr.env["HOME"]
            elif instr.keyword == "WORKDIR":
                state.cwd = state.resolve(substitute(instr.value.strip(), env))
                state.workdir_line = instr.start_line
                state.workdir_writable = state.non_root or state.can_write(state.cwd)
                if state.non_root:
                    state.writable.append((state.cwd, instr.start_line))
                else:
                    state.root_dirs.append((state.cwd, instr.start_line))
            elif instr.keyword in ("COPY", "ADD"):
                _copy(state, instr, env)
            elif instr.keyword == "RUN":
                _run(state, instr, env, on_write)
    return state


def _copy(state: ImageState, instr: Instruction, env: dict[str, str]) -> None:
    ws = words(substitute(instr.value, env))
    chown = next((w.split("=", 1)[1] for w in ws if w.startswith("--chown=")), None)
    args = [w for w in ws if not w.startswith("--")]
    if not args or instr.value.strip().startswith("["):
        return
    dest = state.resolve(args[-1])
    if chown and chown.split(":")[0] not in ROOT_NAMES:
        state.writable.append((dest, instr.start_line))
        if dest == state.cwd:
            state.workdir_writable = True


def _run(state: ImageState, instr: Instruction, env: dict[str, str], on_write: list[Write] | None) -> None:
    text = substitute(instr.value, env)
    for command in simple_commands(text):
        ws = words(command)
        if ws and ws[0] == "sudo":
            ws = ws[1:]
            as_root = True
        else:
            as_root = not state.non_root
        if not ws:
            continue
        prog = ws[0].rsplit("/", 1)[-1]
        args = [w for w in ws[1:] if not w.startswith("-")]
        if prog in ("useradd", "adduser") and args:
            name = args[-1]
            home = next(
                (ws[i + 1] for i, w in enumerate(ws[:-1]) if w in ("-d", "--home", "--home-dir")), None
            )
            if "-m" in ws or "--create-home" in ws or prog == "adduser" or home:
                state.homes[name] = home or f"/home/{name}"
        elif prog == "chown" and len(args) >= 2:
            owner = args[0].split(":")[0]
            if owner not in ROOT_NAMES:
                for p in args[1:]:
                    state.writable.append((state.resolve(p), instr.start_line))
        elif (
            prog == "chmod"
            and len(args) >= 2
            and re.search(r"(^|,)([0-7]?[0-7][0-7][2367]|[ao]*\+[rwxX]*w|o[+=][rwx]*w)", args[0])
        ):
            for p in args[1:]:
                state.writable.append((state.resolve(p), instr.start_line))
        if as_root:
            if prog == "mkdir":
                state.root_dirs.extend((state.resolve(p), instr.start_line) for p in args)
            continue
        for target, verb in _targets(prog, ws, args, command):
            path = state.resolve(target)
            if not state.can_write(path) and on_write is not None:
                on_write.append(Write(path, instr, verb))


def _targets(prog: str, ws: list[str], args: list[str], command: str) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    if prog in ("mkdir", "touch"):
        out.extend((a, prog) for a in args)
    elif prog in ("cp", "mv", "ln") and len(args) >= 2:
        out.append((args[-1], prog))
    elif prog == "tee":
        out.extend((a, prog) for a in args)
    elif prog == "git" and len(args) >= 3 and args[0] == "clone":
        out.append((args[2], "git clone"))
    elif prog == "wget":
        out.extend((ws[i + 1], "wget") for i, w in enumerate(ws[:-1]) if w in ("-O", "-P"))
    elif prog == "curl":
        out.extend((ws[i + 1], "curl") for i, w in enumerate(ws[:-1]) if w in ("-o", "--output"))
    for m in re.finditer(r"(?<![0-9&])>>?\s*([^\s;&|]+)", command):
        if not m.group(1).startswith(("&", "/dev/")):
            out.append((m.group(1), "redirect"))
    return out
