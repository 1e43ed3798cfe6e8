from __future__ import annotations

import re
import shlex
from collections.abc import Iterator

from spacemedic.models import Category, Finding, Severity
from spacemedic.rules.base import Rule
from spacemedic.space.context import SpaceContext
from spacemedic.space.dockerfile import Dockerfile
from spacemedic.space.dockerignore import DockerIgnore, normalise
from spacemedic.space.repo import SpaceRepo

_GLOB = re.compile(r"[*?\[]")


class CopySourceMissing(Rule):
    """A COPY or ADD source is not in the repository.

    What it does
    Resolves every COPY/ADD source against the repository (the build context of a Docker
    Space), after ARG/ENV substitution, and checks it exists and is not excluded by
    `.dockerignore`. `--from=` copies, URLs, heredocs and wildcards are skipped.

    Why is this bad?
    The build fails with "failed to compute cache key: ... not found". Files ignored by
    `.gitignore` are never pushed to the Hub, so they are missing even if they exist locally.

    Example
        COPY model.pt /app/model.pt      # model.pt is listed in .gitignore

    Fix
    Commit the file (with Git LFS or Xet for large files), fix the path, or download it in a
    RUN step instead.
    """

    code = "SM405"
    name = "dockerfile-copy-source-missing"
    category = Category.DOCKERFILE
    severity = Severity.ERROR

    def check(self, ctx: SpaceContext) -> Iterator[Finding]:
        df = ctx.dockerfile
        if df is None or df.error or not ctx.is_docker:
            return
        ignore = DockerIgnore.parse(ctx.repo.text(".dockerignore") if ctx.repo.has(".dockerignore") else None)
        used = reachable_stages(df)
        for instr in df.instructions:
            if instr.keyword not in ("COPY", "ADD") or instr.stage not in used:
                continue
            for source in _sources(instr.value, {**instr.args, **instr.env}):
                if source is None:
                    continue
                if not _exists(ctx.repo, source):
                    yield self.finding(
                        f"{instr.keyword} source '{source}' is not in the repository: the build fails with "
                        '"not found"',
                        path=df.path,
                        line=instr.start_line,
                        evidence=(instr.raw.strip()[:200],),
                        fix=f"Commit '{source}' (Git LFS/Xet for large files) or correct the path.",
                    )
                elif ignore.excludes(source, ctx.repo):
                    yield self.finding(
                        f"{instr.keyword} source '{source}' is excluded by .dockerignore, so the build does not see it",
                        path=df.path,
                        line=instr.start_line,
                        severity=Severity.WARNING,
                        evidence=(instr.raw.strip()[:200], ".dockerignore excludes it"),
                        fix=f"Remove the matching pattern from .dockerignore or add '!{source}'.",
                    )


def _sources(value: str, env: dict[str, str]) -> list[str | None]:
    """The checkable sources of a COPY/ADD; None for ones that cannot be checked."""
    text = value.strip()
    if "<<" in text:
        return []
    if text.startswith("["):
        from spacemedic.jsonbound import loads

        try:
            words = loads(text)
        except ValueError:
            return []
        if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
            return []
    else:
        try:
            words = shlex.split(text, posix=True)
        except ValueError:
            words = text.split()
    flags = [w for w in words if w.startswith("--")]
    if any(f.startswith("--from") for f in flags):
        return []
    args = [w for w in words if not w.startswith("--")]
    if len(args) < 2:
        return []
    out: list[str | None] = []
    for src in args[:-1]:
        resolved = _substitute(src, env)
        if resolved is None or _GLOB.search(resolved) or "://" in resolved or resolved.startswith("git@"):
            out.append(None)
            continue
        out.append(resolved)
    return out


def _substitute(word: str, env: dict[str, str]) -> str | None:
    def repl(m: re.Match[str]) -> str:
        name = m.group(1) or m.group(2)
        if name not in env:
            raise KeyError(name)
        return env[name]

    try:
        return re.sub(r"\$\{([A-Za-z_]\w*)(?::?[-+][^}]*)?\}|\$([A-Za-z_]\w*)", repl, word)
    except KeyError:
        return None


def _exists(repo: SpaceRepo, source: str) -> bool:
    path = normalise(source)
    if path == "":
        return True
    return repo.has(path) or bool(repo.under(path))


def reachable_stages(df: Dockerfile) -> set[int]:
    """Stages BuildKit builds for the final image: its FROM chain and `--from` sources."""
    todo = [s.index for s in df.chain()]
    seen: set[int] = set()
    while todo:
        index = todo.pop()
        if index in seen or index >= len(df.stages):
            continue
        seen.add(index)
        stage = df.stages[index]
        refs = [m.group(1) for i in stage.instructions for m in re.finditer(r"--from=(\S+)", i.value)]
        parent = stage.base
        for ref in [parent, *refs]:
            for other in df.stages[:index]:
                if (other.name and other.name.lower() == ref.lower()) or ref == str(other.index):
                    todo.append(other.index)
    return seen
