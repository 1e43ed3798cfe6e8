from __future__ import annotations

import re
from collections.abc import Iterator

from spacemedic.models import Category, Finding, Severity
from spacemedic.rules.base import Rule
from spacemedic.rules.permissions._state import words
from spacemedic.space.apt import simple_commands
from spacemedic.space.base_users import uid_1000_user
from spacemedic.space.context import SpaceContext

_CREATE = ("useradd", "adduser")
_REMOVE = ("userdel", "deluser")
# `useradd -u 1000 x || true` and friends: the failure does not stop the build.
_TOLERATED = re.compile(r"\b(?:useradd|adduser)\b[^;&|\n]*\|\|")


def _uid_1000(ws: list[str]) -> bool:
    for i, w in enumerate(ws):
        if w in ("-u", "--uid") and i + 1 < len(ws) and ws[i + 1] == "1000":
            return True
        if w in ("-u1000", "--uid=1000"):
            return True
    return False


class UseraddUidTaken(Rule):
    """`useradd -u 1000` on a base image that already has a user at uid 1000.

    What it does
    Finds a RUN step that creates a user with uid 1000 (`useradd -u 1000`, `adduser --uid
    1000`) when the stage's base image already has one: the official node images (`node`),
    Ubuntu 24.04 and later and images built on it (`ubuntu`), and the Playwright images
    (`pwuser`). A step that first removes that user, allows a duplicate uid (`-o`) or ignores
    the failure (`|| true`) is left alone.

    Why is this bad?
    useradd refuses a uid that is taken ("useradd: UID 1000 is not unique", exit code 4) and
    the build stops there. The Spaces Docker template's `useradd -m -u 1000 user` is written
    for Debian-based Python images, which have no such user.

    Example
        FROM node:20-slim
        RUN useradd -m -u 1000 user
        USER user

    Fix
    Use the user the image already has (`USER node`, `ENV HOME=/home/node`), or remove it first
    (`userdel -r node && useradd -m -u 1000 user`).
    """

    code = "SM465"
    name = "useradd-uid-already-taken"
    category = Category.PERMISSIONS
    severity = Severity.ERROR

    def check(self, ctx: SpaceContext) -> Iterator[Finding]:
        df = ctx.dockerfile
        if df is None or df.error or not ctx.is_docker:
            return
        names = {s.name.lower(): s for s in df.stages if s.name}
        for stage in df.stages:
            # A stage built FROM an earlier named stage inherits that stage's external image.
            base, hops = stage.base, 0
            while base.lower() in names and hops < len(df.stages):
                base, hops = names[base.lower()].base, hops + 1
            owner = uid_1000_user(base)
            if owner is None:
                continue
            removed = False
            for instr in stage.instructions:
                if instr.keyword != "RUN":
                    continue
                tolerated = _TOLERATED.search(instr.value) is not None
                for command in simple_commands(instr.value):
                    ws = words(command)
                    tool = ws[0].rsplit("/", 1)[-1] if ws else ""
                    if tool in _REMOVE or (tool == "usermod" and ("-u" in ws or "--uid" in ws)):
                        removed = True
                    if tool not in _CREATE or removed or tolerated or not _uid_1000(ws):
                        continue
                    if "-o" in ws or "--non-unique" in ws:
                        continue
                    yield self.finding(
                        f"`{tool}` of uid 1000 on {base}, which already has '{owner}' at uid 1000: "
                        "the build stops with 'UID 1000 is not unique'",
                        path=df.path,
                        line=instr.start_line,
                        evidence=(command[:200], f"{base} ships user '{owner}' with uid 1000"),
                        fix=f"Use the existing user (`USER {owner}`, `ENV HOME=/home/{owner}`), or remove it "
                        f"first: `userdel -r {owner} && {tool} ...`.",
                    )
