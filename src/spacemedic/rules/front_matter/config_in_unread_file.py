from __future__ import annotations

import re
from typing import Iterator

from spacemedic.fixes.edits import newline, text_edit
from spacemedic.models import Applicability, Category, Edit, Finding, Severity
from spacemedic.rules.base import Rule
from spacemedic.space.context import SpaceContext

_SDK_LINE = re.compile(r"^\s*sdk\s*:\s*\S", re.MULTILINE)
_ROOT_NAMES = (
    "space.yaml",
    "space.yml",
    "readme.yaml",
    "readme.yml",
    "readme.md",
    "readme.markdown",
    "readme",
)


def _candidates(ctx: SpaceContext) -> list[str]:
    out = []
    for f in ctx.repo.files:
        if f.size > 65_536 or f.path == "README.md":
            continue
        if ("/" not in f.path and f.path.lower() in _ROOT_NAMES) or (
            f.path.startswith(".huggingface/") and f.suffix in (".yaml", ".yml", ".md")
        ):
            out.append(f.path)
    return out


class ConfigInUnreadFile(Rule):
    """Space configuration is written in a file the Hub does not read.

    What it does
    Looks for `sdk:` keys in `space.yaml`, `README.yaml`, a `readme.md` spelt in another case,
    or files under `.huggingface/`.

    Why is this bad?
    The Hub reads the configuration only from the YAML block at the top of `README.md`
    (exactly that name, at the root). Settings elsewhere are ignored; if README.md lacks them
    the Space stops in CONFIG_ERROR.

    Example
    A `space.yaml` holding `sdk: docker` next to a README.md without a YAML block.

    Fix
    Move the keys into the `---` block at the top of `README.md` and delete the other file.
    A file whose keys all appear in README.md's block with the same values is a harmless copy
    and is not reported.

    Automatic fix (safe) when README.md exists without a YAML block and the other file is a
    YAML mapping: its text, as written (comments and key order kept), becomes the `---` block
    at the top of README.md. The other file is left for you to delete.
    """

    code = "SM015"
    name = "config-in-unread-file"
    category = Category.FRONT_MATTER
    severity = Severity.WARNING
    fix_applicability = Applicability.SAFE

    def check(self, ctx: SpaceContext) -> Iterator[Finding]:
        readme_has_sdk = ctx.front_matter.get("sdk") is not None
        for path in _candidates(ctx):
            text = ctx.repo.text(path)
            match = _SDK_LINE.search(text or "")
            if match is None:
                continue
            line = (text or "").count("\n", 0, match.start()) + 1
            mapping = _mapping(path, text or "")
            if readme_has_sdk and mapping is not None and _same_as_readme(ctx, mapping):
                continue
            yield self.finding(
                f"{path} sets `sdk`, but the Hub reads the Space configuration only from README.md"
                + ("" if not readme_has_sdk else " (README.md sets its own, so this file is ignored)"),
                path=path,
                line=line,
                severity=Severity.INFO if readme_has_sdk else None,
                evidence=(f"{path}:{line}: {(text or '')[match.start() : match.end()].strip()}...",),
                fix=(
                    "Put the configuration in the `---` YAML block at the top of README.md and "
                    "remove this file."
                ),
                edits=(_move_to_readme(ctx, text or "") if mapping is not None else None,),
            )


def _mapping(path: str, text: str) -> dict[str, object] | None:
    """The file as a YAML mapping (None: not a YAML file, or not a mapping)."""
    if not path.endswith((".yaml", ".yml")):
        return None
    import yaml

    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError:
        return None
    return data if isinstance(data, dict) and data else None


def _same_as_readme(ctx: SpaceContext, mapping: dict[str, object]) -> bool:
    fm = ctx.front_matter.data or {}
    return all(key in fm and fm[key] == value for key, value in mapping.items())


def _move_to_readme(ctx: SpaceContext, yaml_text: str) -> Edit | None:
    readme = ctx.repo.text("README.md")
    if readme is None or ctx.front_matter.present or readme.lstrip().startswith("---"):
        return None  # no README.md to hold it, or a block already there (merging is a choice)
    nl = newline(readme)
    body = nl.join(yaml_text.splitlines())
    if "\n---" in "\n" + body or "\n..." in "\n" + body:
        return None  # a document marker inside would close the block early
    return text_edit(ctx.repo, "README.md", 0, 0, f"---{nl}{body}{nl}---{nl}")
