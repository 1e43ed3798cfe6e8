from __future__ import annotations

from collections.abc import Iterator

from spacemedic.fixes.dockerfile_text import insert_lines_before
from spacemedic.models import Applicability, Category, Edit, Finding, Severity
from spacemedic.rules.base import Rule
from spacemedic.rules.permissions._state import replay
from spacemedic.space.base_users import uid_1000_user
from spacemedic.space.context import SpaceContext
from spacemedic.space.deps import python_files

CACHE_VARS = (
    "HF_HOME",
    "HF_HUB_CACHE",
    "HUGGINGFACE_HUB_CACHE",
    "TRANSFORMERS_CACHE",
    "HF_DATASETS_CACHE",
    "SENTENCE_TRANSFORMERS_HOME",
    "TORCH_HOME",
    "XDG_CACHE_HOME",
    "MPLCONFIGDIR",
    "NUMBA_CACHE_DIR",
)
_HUB_LIBRARIES = ("transformers", "huggingface_hub", "diffusers", "sentence_transformers", "datasets", "timm")


class CacheDirNotWritable(Rule):
    """A download cache points at a directory the runtime user cannot write.

    What it does
    Checks the cache variables set in the Dockerfile (HF_HOME, TRANSFORMERS_CACHE,
    XDG_CACHE_HOME, TORCH_HOME, ...) against what uid 1000 may write. When none is set and the
    image never gives the user a home, the default cache `~/.cache` resolves to `/.cache`.

    Why is this bad?
    Spaces run the container as uid 1000. A cache in a root-owned directory (or `/.cache` when
    HOME is `/`) makes the first model download fail with "PermissionError: [Errno 13]
    Permission denied: '/.cache'".

    Example
        FROM python:3.11-slim
        ENV TRANSFORMERS_CACHE=/app/cache

    Fix
    Point the cache at a writable place (`ENV HF_HOME=/tmp/hf`), or use the documented
    `useradd -m -u 1000 user` / `USER user` / `ENV HOME=/home/user` pattern.

    Automatic fix (unsafe), for the image with no home for uid 1000, when the final stage has no
    USER, one start instruction and a Debian/Ubuntu-style base (not alpine, distroless or
    scratch): inserts `RUN useradd -m -u 1000 user`, `USER user` and `ENV HOME=/home/user`
    before the CMD/ENTRYPOINT. Unsafe: a local `docker run` then runs as that user too, and a
    base image that already has uid 1000 fails the build at `useradd`.
    """

    code = "SM462"
    name = "cache-dir-not-writable"
    category = Category.PERMISSIONS
    severity = Severity.WARNING
    fix_applicability = Applicability.UNSAFE

    def check(self, ctx: SpaceContext) -> Iterator[Finding]:
        df = ctx.dockerfile
        if df is None or df.error or not ctx.is_docker:
            return
        state = replay(df)
        env = dict(df.env)
        found = False
        for var in CACHE_VARS:
            value = env.get(var)
            if not value:
                continue
            found = True
            path = state.resolve(value)
            if state.can_write(path):
                continue
            line = next(
                (i.start_line for i in df.instructions if i.keyword == "ENV" and var in i.value), None
            )
            yield self.finding(
                f"{var}={value} is not writable by the runtime user (uid 1000): downloads into it will fail "
                'with "Permission denied"',
                path=df.path,
                line=line,
                evidence=(f"ENV {var}={value}",),
                fix=f"Set {var} under /tmp or the user's home, or `RUN mkdir -p {path} && chmod 777 {path}` before USER.",
            )
        if (
            found
            or state.runtime_home
            # The image already has a uid-1000 user with a home directory.
            or uid_1000_user(df.base_image) is not None
        ):
            return
        if _code_sets_cache(ctx):
            return
        users = [
            m
            for f in python_files(ctx, _HUB_LIBRARIES).values()
            for m, _ in f.imports
            if m.split(".")[0] in _HUB_LIBRARIES
        ]
        if not users:
            return
        yield self.finding(
            f"the app uses {users[0].split('.')[0]}, whose cache defaults to ~/.cache, but the image gives uid 1000 "
            "no home: HOME is / and the cache /.cache is not writable",
            path=df.path,
            line=df.final.start_line if df.final else None,
            evidence=("no USER with a home directory, no ENV HOME, no HF_HOME/XDG_CACHE_HOME",),
            fix="Add `RUN useradd -m -u 1000 user`, `USER user`, `ENV HOME=/home/user`, or set `ENV HF_HOME=/tmp/hf`.",
            edits=(_user_block(ctx),),
        )


USER_BLOCK = ("RUN useradd -m -u 1000 user", "USER user", "ENV HOME=/home/user")
_NO_USERADD = ("alpine", "busybox", "distroless", "scratch", "chainguard", "wolfi")


def _user_block(ctx: SpaceContext) -> Edit | None:
    df = ctx.dockerfile
    final = df.final if df is not None and not df.error else None
    if df is None or final is None or any(n in (df.base_image or "").lower() for n in _NO_USERADD):
        return None
    if any(i.keyword == "USER" for stage in df.chain() for i in stage.instructions):
        return None  # a user is already chosen: which one to give a home is the author's call
    if any(w in i.value for stage in df.chain() for i in stage.all("RUN") for w in ("useradd", "adduser")):
        return None  # a second `useradd -u 1000` would fail the build
    starts = [i for i in final.instructions if i.keyword in ("CMD", "ENTRYPOINT")]
    if len(starts) != 1:
        return None
    return insert_lines_before(ctx.repo, df.path, starts[0].start_line, USER_BLOCK)


def _code_sets_cache(ctx: SpaceContext) -> bool:
    """The app chooses its own cache: sets a cache variable or passes cache_dir=."""
    files = python_files(ctx, ("cache_dir", *CACHE_VARS))
    for path, py in files.items():
        if any(c.has_kwarg("cache_dir") for c in py.calls):
            return True
        text = ctx.repo.text(path) or ""
        if any(var in text for var in CACHE_VARS):
            return True
    return False
