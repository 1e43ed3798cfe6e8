"""Reading a Space repository: the only package (besides `hub`) that touches files."""

from spacemedic.space.context import SpaceContext
from spacemedic.space.frontmatter import FrontMatter, parse_front_matter
from spacemedic.space.repo import FileEntry, SpaceRepo

__all__ = ["FileEntry", "FrontMatter", "SpaceContext", "SpaceRepo", "parse_front_matter"]
