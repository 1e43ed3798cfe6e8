"""Rules: start-up cost (downloads and installs that happen when the app starts)."""

from __future__ import annotations

from spacemedic.rules.base import Rule
from spacemedic.rules.startup import startup_download, startup_install

RULES: tuple[type[Rule], ...] = (
    startup_download.StartupModelDownload,
    startup_install.StartupPackageInstall,
)
