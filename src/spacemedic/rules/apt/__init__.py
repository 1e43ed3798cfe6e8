"""Rules: apt (system packages, from packages.txt or Dockerfile RUN steps)."""

from __future__ import annotations

from spacemedic.rules.apt import (
    install_as_non_root,
    install_without_update,
    install_without_yes,
    package_obsolete,
    packages_txt_invalid,
)
from spacemedic.rules.base import Rule

RULES: tuple[type[Rule], ...] = (
    package_obsolete.AptPackageObsolete,
    packages_txt_invalid.PackagesTxtInvalidLine,
    install_without_yes.AptInstallWithoutYes,
    install_without_update.AptInstallWithoutUpdate,
    install_as_non_root.AptInstallAsNonRoot,
)
