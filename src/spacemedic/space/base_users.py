"""Base images that already have a user at uid 1000, and that user's name.

Spaces run containers as uid 1000, and the Docker template creates that user with
`useradd -m -u 1000 user`. Some popular images already own the uid: the official node images
(`node`), Ubuntu 24.04 and later (`ubuntu`, so every image built on noble too) and Microsoft's
Playwright images (`pwuser`). On those, the template's `useradd` stops the build.
"""

from __future__ import annotations

import re

# Ubuntu releases from 24.04 on ship the `ubuntu` user at uid 1000; tags name them by number
# or by codename, alone (`ubuntu:noble`) or as part of another image's tag (`...-noble`,
# `...-ubuntu24.04`).
_UBUNTU_WITH_USER = re.compile(r"(?:^|[-_.])(?:noble|oracular|plucky|questing|ubuntu-?2[4-9]\.\d\d)(?:$|[-_.])")
_UBUNTU_TAG = re.compile(r"^(?:2[4-9]\.\d\d(?:\.\d+)?|latest|rolling|devel|noble|oracular|plucky|questing)$")


def _split(image: str) -> tuple[str, str]:
    """`name[:tag][@digest]` -> (name, tag); a colon before the last `/` is a registry port."""
    ref = image.strip().lower().partition("@")[0]
    name, sep, tag = ref.rpartition(":")
    if not sep or "/" in tag:
        return ref, "latest"
    return name, tag


def uid_1000_user(image: str | None) -> str | None:
    """The name of the user that owns uid 1000 in `image`, or None when none is known to."""
    if not image or "$" in image:
        return None
    name, tag = _split(image)
    short = name.removeprefix("docker.io/").removeprefix("library/")
    if short == "node":
        return "node"
    if short.startswith("mcr.microsoft.com/playwright"):
        return "pwuser"
    if short == "ubuntu" and _UBUNTU_TAG.match(tag):
        return "ubuntu"
    if _UBUNTU_WITH_USER.search(tag):
        return "ubuntu"
    return None
