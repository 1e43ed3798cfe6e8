"""Rules: permissions (the container runs as uid 1000)."""

from __future__ import annotations

from spacemedic.rules.base import Rule
from spacemedic.rules.permissions import (
    build_write_after_user,
    cache_dir_not_writable,
    git_config_without_home,
    nginx_root_paths,
    runtime_write_root_dir,
    useradd_uid_taken,
)

RULES: tuple[type[Rule], ...] = (
    build_write_after_user.BuildWriteAfterUserSwitch,
    runtime_write_root_dir.RuntimeWriteToRootOwnedDir,
    cache_dir_not_writable.CacheDirNotWritable,
    git_config_without_home.GitConfigGlobalWithoutHome,
    nginx_root_paths.NginxRootOnlyPaths,
    useradd_uid_taken.UseraddUidTaken,
)
