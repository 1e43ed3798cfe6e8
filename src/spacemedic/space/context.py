"""What a lint rule sees: the repository snapshot and its parsed parts, each computed once."""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

from spacemedic.models import Unavailable
from spacemedic.space.frontmatter import FrontMatter, parse_front_matter
from spacemedic.space.gitattributes import GitAttributes, merge_gitattributes
from spacemedic.space.repo import SpaceRepo

if TYPE_CHECKING:
    from spacemedic.space.contract import Contract
    from spacemedic.space.dockerfile import Dockerfile

KNOWN_SDKS = ("gradio", "streamlit", "docker", "static")


class SpaceContext:
    """Lazily parsed view of one Space repository.

    Later parts (Dockerfile, requirements, the resolved runtime contract) are added here as
    cached properties so every rule reads the same parse.
    """

    def __init__(self, repo: SpaceRepo) -> None:
        self.repo = repo
        self._notes: list[Unavailable] = []

    @cached_property
    def readme_path(self) -> str | None:
        return "README.md" if self.repo.has("README.md") else None

    @cached_property
    def front_matter(self) -> FrontMatter:
        if self.readme_path is None:
            return parse_front_matter(None)
        return parse_front_matter(self.repo.text(self.readme_path))

    @cached_property
    def sdk(self) -> str | None:
        """The sdk named in the front matter, lower-cased, if it is a string."""
        value = self.front_matter.get("sdk")
        return value.strip().lower() if isinstance(value, str) else None

    @property
    def is_docker(self) -> bool:
        return self.sdk == "docker"

    @property
    def is_python_sdk(self) -> bool:
        return self.sdk in ("gradio", "streamlit")

    @cached_property
    def dockerfile(self) -> Dockerfile | None:
        """The root Dockerfile, parsed; None when absent or unreadable."""
        from spacemedic.space.dockerfile import parse_dockerfile

        if not self.repo.has("Dockerfile"):
            return None
        text = self.repo.text("Dockerfile")
        if text is None:
            return None
        parsed = parse_dockerfile("Dockerfile", text)
        if parsed.error is not None:
            self.note_unavailable("Dockerfile", parsed.error)
        return parsed

    @cached_property
    def contract(self) -> Contract:
        """The resolved runtime contract (space/contract.py)."""
        from spacemedic.space.contract import resolve_contract

        return resolve_contract(self)

    @property
    def unavailable(self) -> list[Unavailable]:
        """Files a rule wanted but could not read (too large, binary, unreadable)."""
        errors = sorted(self.repo.read_errors.items())
        read = [Unavailable(path, f"could not read: {why}") for path, why in errors]
        return read + self._notes

    def note_unavailable(self, source: str, reason: str) -> None:
        """Record something a rule could not check (a bounded scan that stopped early)."""
        self._notes.append(Unavailable(source, reason))

    @cached_property
    def gitattributes(self) -> GitAttributes:
        """Every `.gitattributes` of the tree, merged (which paths go to LFS / Xet)."""
        files = [f.path for f in self.repo.files if f.name == ".gitattributes"]
        files = files[:50]
        files.sort(key=lambda p: p.count("/"))  # deeper files take precedence: they come last
        return merge_gitattributes([(p.rpartition("/")[0], self.repo.text(p)) for p in files])

    @cached_property
    def git_history_bytes(self) -> int | None:
        """Bytes of the git object store (all history), or None when not a git checkout."""
        from spacemedic.space.history import git_objects_size

        return git_objects_size(self.repo.root) if self.repo.is_git else None

    def committed_sizes(self, paths: list[str]) -> dict[str, int] | None:
        """Sizes of the blobs git has staged for `paths` (pointer size for LFS files), or None
        when this is not a git checkout or git cannot say."""
        from spacemedic.space.history import committed_blob_sizes

        return committed_blob_sizes(self.repo.root, paths) if self.repo.is_git else None
