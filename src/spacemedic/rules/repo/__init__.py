"""Rules: repository size (SM100-SM149) and files the Space ignores (SM150-SM199)."""

from __future__ import annotations

from spacemedic.rules.base import Rule
from spacemedic.rules.repo import (
    committed_environment,
    dependency_file_ignored,
    dockerfile_ignored,
    large_file_not_in_lfs,
    large_media_served,
    repo_over_size_limit,
    streamlit_config_ignored,
    symlink_outside_repository,
)

RULES: tuple[type[Rule], ...] = (
    large_file_not_in_lfs.LargeFileNotInLfs,
    repo_over_size_limit.RepoOverSizeLimit,
    committed_environment.CommittedEnvironment,
    large_media_served.LargeMediaServed,
    dockerfile_ignored.DockerfileIgnored,
    dependency_file_ignored.DependencyFileIgnored,
    streamlit_config_ignored.StreamlitConfigIgnored,
    symlink_outside_repository.SymlinkOutsideRepository,
)
