from __future__ import annotations

import re
from collections.abc import Iterator

from spacemedic.models import Category, Finding, Severity
from spacemedic.rules.base import Rule
from spacemedic.rules.permissions._state import ROOT_NAMES, replay, words
from spacemedic.space.apt import simple_commands
from spacemedic.space.baseimage import resolve_release
from spacemedic.space.context import SpaceContext
from spacemedic.space.deps import python_files

_HOME_FLAGS = ("-m", "--create-home", "-d", "--home", "--home-dir")
_GIT_GLOBAL = re.compile(r"\bgit\s+config\s+(--global|--system)\b")


class GitConfigGlobalWithoutHome(Rule):
    """`git config --global` runs where HOME is not a writable directory.

    What it does
    Finds `git config --global` in the start command, in shell scripts and in Python
    `os.system`/`subprocess` strings of a Docker Space whose image gives uid 1000 no home
    (no `useradd -m`, no `ENV HOME`), and in RUN steps after USER switched to a user without
    a home directory.

    Why is this bad?
    git writes `$HOME/.gitconfig`. With HOME unset or `/` for uid 1000 it fails with
    "could not lock config file //.gitconfig: Permission denied" and the script stops. In a
    RUN step as a user that Debian/Ubuntu's `useradd` created without `-m`, the build fails
    (an error); elsewhere the failure depends on the run-time HOME (a warning).

    Example
        CMD git config --global user.email bot@example.com && python app.py

    Fix
    Set `ENV HOME=/home/user` with a user created by `useradd -m -u 1000 user`, or use
    `git -c user.email=... commit` / `GIT_CONFIG_GLOBAL=/tmp/gitconfig`.
    """

    code = "SM463"
    name = "git-config-global-without-home"
    category = Category.PERMISSIONS
    severity = Severity.WARNING

    def check(self, ctx: SpaceContext) -> Iterator[Finding]:
        df = ctx.dockerfile
        if df is None or df.error or not ctx.is_docker:
            return
        yield from self._build_steps(ctx)
        state = replay(df)
        if state.runtime_home or "GIT_CONFIG_GLOBAL" in df.env:
            return
        fix = "Give the user a home (`useradd -m -u 1000 user`, `ENV HOME=/home/user`) or set GIT_CONFIG_GLOBAL=/tmp/gitconfig."
        for kw in ("CMD", "ENTRYPOINT"):
            instr = df.effective(kw)
            if instr is not None and _GIT_GLOBAL.search(instr.value):
                yield self.finding(
                    "the start command runs `git config --global`, but uid 1000 has no writable HOME",
                    path=df.path,
                    line=instr.start_line,
                    evidence=(instr.raw.strip()[:200],),
                    fix=fix,
                )
        for f in ctx.repo.files:
            if f.suffix == ".sh" and f.size < 262_144:
                text = ctx.repo.text(f.path) or ""
                m = _GIT_GLOBAL.search(text)
                if m:
                    yield self.finding(
                        f"{f.path} runs `git config --global`, but uid 1000 has no writable HOME",
                        path=f.path,
                        line=text[: m.start()].count("\n") + 1,
                        evidence=(m.group(0),),
                        fix=fix,
                    )
        for path, py in python_files(ctx, ("git config",)).items():
            for call in py.calls:
                if call.name in (
                    "os.system",
                    "subprocess.run",
                    "subprocess.call",
                    "subprocess.check_call",
                    "subprocess.Popen",
                ):
                    if any(a and _GIT_GLOBAL.search(a) for a in call.args):
                        yield self.finding(
                            f"{call.name} runs `git config --global`, but uid 1000 has no writable HOME",
                            path=path,
                            line=call.line,
                            evidence=(f"{call.name}(...)",),
                            fix=fix,
                        )

    def _build_steps(self, ctx: SpaceContext) -> Iterator[Finding]:
        """RUN steps after USER switched to a user `useradd` created without a home: HOME
        is a directory that does not exist (or `/`), so the build step itself fails."""
        df = ctx.dockerfile
        assert df is not None
        # Debian/Ubuntu's useradd creates no home without -m; other distros may default to one.
        debian_like = resolve_release(df.base_image) is not None
        user = "root"
        homeless: set[str] = set()
        with_home: set[str] = set()
        for stage in reversed(df.chain()):
            for instr in stage.instructions:
                if instr.keyword == "USER":
                    user = (instr.value.split() or ["root"])[0].split(":")[0]
                elif instr.keyword == "RUN":
                    for command in simple_commands(instr.value):
                        ws = words(command)
                        if ws and ws[0].rsplit("/", 1)[-1] == "useradd" and len(ws) > 1:
                            makes_home = any(w in _HOME_FLAGS for w in ws)
                            (with_home if makes_home else homeless).add(ws[-1])
                    m = _GIT_GLOBAL.search(instr.value)
                    exempt = "HOME" in instr.env or "GIT_CONFIG_GLOBAL" in instr.env
                    if m is None or exempt or user in ROOT_NAMES or user not in homeless or user in with_home:
                        continue
                    yield self.finding(
                        f"RUN step runs `git config --global` as '{user}', whom useradd created without a "
                        "home: git cannot write $HOME/.gitconfig and the build fails",
                        path=df.path,
                        line=instr.start_line,
                        severity=Severity.ERROR if debian_like else Severity.WARNING,
                        evidence=(m.group(0), f"useradd without -m for '{user}'"),
                        fix=f"Create the user with `useradd -m -u 1000 {user}` (and `ENV HOME=/home/{user}`), "
                        "or run the step before USER.",
                    )
