"""Debian/Ubuntu packages that no longer exist from a given release on. Data, with sources.

`debian` / `ubuntu`: the first release that no longer has the package (Debian major version;
Ubuntu YY.MM as a float). None: not known to be gone there. Only entries we could verify are
listed; everything here was confirmed by a public build failure or the distribution's notes.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Obsolete:
    package: str
    debian: float | None
    ubuntu: float | None
    replacement: str
    source: str


OBSOLETE: tuple[Obsolete, ...] = (
    Obsolete(
        "libgl1-mesa-glx",
        12.0,
        23.10,
        "libgl1 libglx-mesa0",
        "transitional package dropped by Mesa: 'E: Package libgl1-mesa-glx has no installation candidate' on "
        "Debian 12/13 (python:*-slim) and Ubuntu 23.10+ (LibrePhotos/librephotos-linux#64, "
        "CatchTheTornado/text-extract-api#126, pyvista/setup-headless-display-action#20; askubuntu 1517352)",
    ),
    Obsolete(
        "software-properties-common",
        13.0,
        None,
        "(none: write the .sources file yourself)",
        "removed from Debian 13 trixie (bugs.debian.org #1038747; getredash/setup#93, basetenlabs/truss#1853)",
    ),
    Obsolete(
        "python3-distutils",
        13.0,
        24.04,
        "python3-setuptools",
        "distutils left the standard library in Python 3.12; the package ended in Ubuntu 23.10 "
        "(armbian/build#6527, AlexxIT/Dataplicity#40) and Debian 13 ships Python 3.13",
    ),
    Obsolete(
        "python-dev",
        12.0,
        None,
        "python3-dev",
        "Python 2 was removed from Debian 12 bookworm (Debian 12 release notes)",
    ),
    Obsolete(
        "python-pip",
        12.0,
        None,
        "python3-pip",
        "Python 2 was removed from Debian 12 bookworm (Debian 12 release notes)",
    ),
    Obsolete(
        "libssl1.1",
        12.0,
        22.04,
        "libssl3",
        "OpenSSL 3 replaced 1.1 in Debian 12 and Ubuntu 22.04 (release notes of both)",
    ),
)

BY_NAME = {o.package: o for o in OBSOLETE}
