"""Which Linux release a base image is, as far as its name tells.

`explicit` when the tag names the release (python:3.11-slim-bookworm, ubuntu:22.04,
nvidia/cuda:12.1.0-runtime-ubuntu22.04); `inferred` when it is a floating tag whose release
moves (python:3.11-slim is Debian 13 trixie since the Debian 13 release in August 2025, and
was Debian 12 bookworm before). For floating tags `version` is the oldest release the tag can
still be today, so "removed in or before `version`" is certain for every possible rebuild.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

DEBIAN = {"stretch": 9.0, "buster": 10.0, "bullseye": 11.0, "bookworm": 12.0, "trixie": 13.0, "forky": 14.0}
UBUNTU = {
    "xenial": 16.04,
    "bionic": 18.04,
    "focal": 20.04,
    "jammy": 22.04,
    "kinetic": 22.10,
    "lunar": 23.04,
    "mantic": 23.10,
    "noble": 24.04,
    "oracular": 24.10,
    "plucky": 25.04,
    "questing": 25.10,
}
# Official language images built on Debian: a floating tag is at least bookworm today.
_DEBIAN_LANGUAGE_IMAGES = ("python", "node", "golang", "openjdk", "ruby", "rust", "buildpack-deps")
# The image the Hub builds SDK (gradio/streamlit) Spaces from: its libc6 is 2.36-9+deb12u*
# (huggingface/hub-docs#1795), i.e. Debian 12 bookworm.
HF_SDK_IMAGE = ("debian", 12.0, "bookworm", "inferred: the Hub's SDK image is Debian 12 bookworm-based")


@dataclass(frozen=True)
class Release:
    distro: str  # debian | ubuntu
    version: float
    codename: str
    certainty: str  # explicit | inferred
    note: str
    oldest: float | None = None  # floating tags: the oldest release a still-running build may have used

    def describe(self) -> str:
        return f"{self.distro} {self.codename} ({self.note})"


def _debian(code: str, certainty: str, note: str) -> Release:
    return Release("debian", DEBIAN[code], code, certainty, note)


def _ubuntu_version(v: float, certainty: str, note: str) -> Release:
    code = next((c for c, n in UBUNTU.items() if abs(n - v) < 1e-6), f"{v:.2f}")
    return Release("ubuntu", v, code, certainty, note)


def resolve_release(image: str | None) -> Release | None:
    """The release of a base image reference, or None when it cannot be told from the name."""
    if not image or "$" in image:
        return None
    ref = image.split("@", 1)[0].lower()
    repo, _, tag = ref.rpartition(":") if ":" in ref.split("/")[-1] else (ref, "", "latest")
    tag = tag or "latest"
    name = repo.split("/")[-1]
    for code in DEBIAN:
        if re.search(rf"(^|[-_.]){code}($|[-_.])", tag):
            return _debian(code, "explicit", f"named in the tag '{image}'")
    m = re.search(r"ubuntu-?(\d\d\.\d\d)", tag)
    if m:
        return _ubuntu_version(float(m.group(1)), "explicit", f"named in the tag '{image}'")
    for code, v in UBUNTU.items():
        if re.search(rf"(^|[-_.]){code}($|[-_.])", tag):
            return _ubuntu_version(v, "explicit", f"named in the tag '{image}'")
    if repo in ("ubuntu", "library/ubuntu", "docker.io/library/ubuntu"):
        m = re.match(r"^(\d\d\.\d\d)", tag)
        if m:
            return _ubuntu_version(float(m.group(1)), "explicit", f"the tag '{image}'")
        if tag in ("latest", "rolling", "devel"):
            return Release(
                "ubuntu",
                24.04,
                "noble",
                "inferred",
                f"'{image}' is a floating tag, 24.04 or later today",
                oldest=22.04,
            )
        return None
    if repo in ("debian", "library/debian", "docker.io/library/debian"):
        m = re.match(r"^(\d+)", tag)
        if m and float(m.group(1)) in DEBIAN.values():
            code = next(c for c, n in DEBIAN.items() if n == float(m.group(1)))
            return _debian(code, "explicit", f"the tag '{image}'")
        if tag.startswith(("latest", "stable", "stable-slim")):
            note = f"'{image}' is a floating tag: Debian 13 trixie today, bookworm before August 2025"
            return Release("debian", 13.0, "trixie", "inferred", note, oldest=12.0)
        return None
    if (
        name in _DEBIAN_LANGUAGE_IMAGES
        and repo.count("/") <= 1
        and "alpine" not in tag
        and "windows" not in tag
    ):
        if name == "python" and re.match(r"^(2|3\.[0-7])(\.|-|$)", tag):
            return None  # images that stopped being rebuilt before bookworm
        if name == "python" and not re.match(r"^3\.[89](\.|-|$)", tag):
            # docker-library moved python:3.10+ floating tags to Debian 13 trixie in August 2025;
            # images built before then were bookworm.
            note = f"'{image}' is a floating tag: Debian 13 trixie today, bookworm before August 2025"
            return Release("debian", 13.0, "trixie", "inferred", note, oldest=12.0)
        return _debian("bookworm", "inferred", f"'{image}' is a floating tag: Debian 12 bookworm or newer")
    return None
