from __future__ import annotations

from typing import Iterator

from spacemedic.models import Category, Finding, Severity
from spacemedic.rules.base import Rule
from spacemedic.rules.repo._sizes import MiB, human, stored_size
from spacemedic.space.context import SpaceContext

MEDIA = frozenset(
    ".mp4 .webm .mov .avi .mkv .gif .png .jpg .jpeg .webp .bmp .tif .tiff .wav .mp3 .flac .ogg .m4a "
    ".glb .gltf .obj .ply .splat .onnx .wasm".split()
)
THRESHOLD = 5 * MiB


class LargeMediaServed(Rule):
    """A static Space ships large media files that visitors may download.

    What it does
    In a static Space, lists media and asset files larger than 5 MiB.

    Why is this bad?
    A static Space is served file by file to the browser: every large video, image or
    model the page loads is downloaded by every visitor, which makes the page slow and may
    be rate limited. It also counts against the 1 GB repository limit.

    Example
    A 60 MB `demo.mp4` embedded in `index.html`.

    Fix
    Compress the file, or host it in a dataset repo and load it by URL only when needed.
    """

    code = "SM103"
    name = "large-media-served"
    category = Category.REPO_SIZE
    severity = Severity.INFO

    def check(self, ctx: SpaceContext) -> Iterator[Finding]:
        if ctx.sdk != "static":
            return
        big = []
        for f in ctx.repo.files:
            if f.suffix in MEDIA:
                size = stored_size(ctx, f.path, f.size)
                if size > THRESHOLD:
                    big.append((f.path, size))
        big.sort(key=lambda t: t[1], reverse=True)
        for path, size in big[:10]:
            yield self.finding(
                f"{path} ({human(size)}) is served as-is by this static Space; every visitor who loads it "
                "downloads all of it",
                path=path,
                evidence=(f"{size} bytes > {THRESHOLD} bytes",),
                fix="Compress it, or host it in a dataset repo and load it lazily.",
            )
