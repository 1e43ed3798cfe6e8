"""The Dockerfile, parsed by `dockerfile-parse`, with stages, line numbers and the
environment (ARG/ENV after substitution) in force at every instruction."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from typing import Mapping

from spacemedic.jsonbound import loads as bounded_loads

MAX_STAGES = 64
"""More FROM stages than this is not a Dockerfile anyone builds; its stage graph is not walked."""
MAX_INSTRUCTIONS = 1_000
"""Instructions parsed at most (a real Dockerfile has tens to a few hundred)."""
MAX_EXPANSION = 256 * 1024
"""Characters an ARG/ENV value may grow to once `$VARS` are substituted (`A=$B$B` doubles)."""
_VAR_REF = re.compile(r"\$\{?([A-Za-z_][A-Za-z0-9_]*)")
_VAR_DEF = re.compile(r"(?:^|\s)([A-Za-z_][A-Za-z0-9_]*)=")


@dataclass(frozen=True)
class Instruction:
    """One instruction. Lines are 1-based; `env` and `args` are those in force at it."""

    keyword: str
    value: str
    start_line: int
    end_line: int
    raw: str
    stage: int
    env: Mapping[str, str] = field(default_factory=dict)
    args: Mapping[str, str] = field(default_factory=dict)

    def exec_form(self) -> list[str] | None:
        """The JSON array of an exec-form CMD/ENTRYPOINT/RUN, or None for shell form."""
        text = self.value.strip()
        if not text.startswith("["):
            return None
        try:
            parsed = bounded_loads(text)
        except ValueError:
            return None
        if isinstance(parsed, list) and all(isinstance(x, str) for x in parsed):
            return parsed
        return None

    @property
    def looks_exec_form(self) -> bool:
        return self.value.strip().startswith("[")


@dataclass(frozen=True)
class Stage:
    index: int
    base: str
    name: str | None
    start_line: int
    instructions: tuple[Instruction, ...]

    def last(self, keyword: str) -> Instruction | None:
        found = [i for i in self.instructions if i.keyword == keyword]
        return found[-1] if found else None

    def all(self, keyword: str) -> list[Instruction]:
        return [i for i in self.instructions if i.keyword == keyword]


@dataclass(frozen=True)
class Dockerfile:
    """A parsed Dockerfile. `error` is set (and the rest empty) when it could not be parsed."""

    path: str
    text: str
    instructions: tuple[Instruction, ...] = ()
    stages: tuple[Stage, ...] = ()
    comments: tuple[tuple[int, str], ...] = ()
    error: str | None = None

    @property
    def final(self) -> Stage | None:
        return self.stages[-1] if self.stages else None

    def chain(self) -> list[Stage]:
        """The final stage and the earlier stages it is built FROM, nearest first."""
        out: list[Stage] = []
        stage = self.final
        seen: set[int] = set()
        while stage is not None and stage.index not in seen and len(out) < MAX_STAGES:
            seen.add(stage.index)
            out.append(stage)
            base = stage.base.lower()
            parent = next((s for s in self.stages[: stage.index] if s.name and s.name.lower() == base), None)
            stage = parent
        return out

    def effective(self, keyword: str) -> Instruction | None:
        """The CMD / ENTRYPOINT / USER / WORKDIR in force in the final image (inherited from
        an earlier stage when the final stage is built FROM it)."""
        for stage in self.chain():
            found = stage.last(keyword)
            if found is not None:
                return found
        return None

    @property
    def env(self) -> Mapping[str, str]:
        """The environment in force at the end of the final stage."""
        final = self.final
        if final is None or not final.instructions:
            return {}
        return final.instructions[-1].env

    @property
    def base_image(self) -> str | None:
        """The external image the final stage ultimately starts from."""
        chain = self.chain()
        return chain[-1].base if chain else None


def parse_dockerfile(path: str, text: str) -> Dockerfile:
    """Parse Dockerfile text. Never raises: a failure is reported in `error`."""
    from dockerfile_parse import DockerfileParser

    from spacemedic.space.dockerfile_heredoc import fold_heredocs

    try:
        parser = DockerfileParser(fileobj=io.BytesIO(text.encode("utf-8", errors="replace")))
        raw_structure = parser.structure
    except Exception as exc:  # dockerfile-parse raises assorted errors on hostile input
        return Dockerfile(path=path, text=text, error=f"cannot parse: {type(exc).__name__}: {exc}")
    # Checked before the substitution below, which is where a hostile file costs time and memory.
    bound = _over_bounds(raw_structure)
    if bound is not None:
        return Dockerfile(path=path, text=text, error=bound)
    try:
        raw_contexts = parser.context_structure
    except Exception:  # e.g. `ENV A=b # c`, which the build rejects too: keep the instructions
        raw_contexts = []
    structure, contexts = fold_heredocs(raw_structure, raw_contexts)
    instructions: list[Instruction] = []
    comments: list[tuple[int, str]] = []
    stages: list[tuple[str, str | None, int, list[Instruction]]] = []
    for item, ctx in zip(structure, contexts or [None] * len(structure)):
        keyword = str(item["instruction"]).upper()
        start, end = int(item["startline"]) + 1, int(item["endline"]) + 1
        if keyword == "COMMENT":
            comments.append((start, str(item["value"])))
            continue
        if keyword == "FROM":
            base, name = _split_from(str(item["value"]))
            stages.append((base, name, start, []))
        instr = Instruction(
            keyword=keyword,
            value=str(item["value"]),
            start_line=start,
            end_line=end,
            raw=str(item["content"]),
            stage=max(len(stages) - 1, 0),
            env=dict(getattr(ctx, "envs", {}) or {}),
            args=dict(getattr(ctx, "args", {}) or {}),
        )
        instructions.append(instr)
        if stages and keyword != "FROM":
            stages[-1][3].append(instr)
    built = tuple(
        Stage(index=i, base=base, name=name, start_line=line, instructions=tuple(body))
        for i, (base, name, line, body) in enumerate(stages)
    )
    return Dockerfile(path=path, text=text, instructions=tuple(instructions), stages=built, comments=tuple(comments))


def _over_bounds(structure: list[dict[str, object]]) -> str | None:
    """Why the parsed structure is too large to check (an error, never a partial parse)."""
    stages = sum(1 for item in structure if str(item.get("instruction", "")).upper() == "FROM")
    if stages > MAX_STAGES:
        return f"too large to check: {stages} build stages, more than {MAX_STAGES}"
    if len(structure) > MAX_INSTRUCTIONS:
        return f"too large to check: {len(structure)} instructions, more than {MAX_INSTRUCTIONS}"
    # An upper bound of each variable's substituted length: every reference counts in full.
    sizes: dict[str, int] = {}
    for item in structure:
        if str(item.get("instruction", "")).upper() not in ("ENV", "ARG"):
            continue
        value = str(item.get("value", ""))
        grown = len(value) + sum(sizes.get(name, 0) for name in _VAR_REF.findall(value))
        if grown > MAX_EXPANSION:
            return f"too large to check: ARG/ENV values grow past {MAX_EXPANSION} characters once substituted"
        for name in _VAR_DEF.findall(value) or value.split()[:1]:
            sizes[name] = grown
    return None


def _split_from(value: str) -> tuple[str, str | None]:
    parts = [p for p in value.split() if not p.startswith("--")]
    if not parts:
        return "", None
    name = parts[2] if len(parts) >= 3 and parts[1].lower() == "as" else None
    return parts[0], name
