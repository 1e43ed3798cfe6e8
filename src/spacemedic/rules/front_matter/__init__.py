"""Rules on the README.md YAML front matter (the Space configuration)."""

from __future__ import annotations

from spacemedic.rules.base import Rule
from spacemedic.rules.front_matter import (
    app_file_missing,
    config_in_unread_file,
    docker_without_dockerfile,
    invalid_app_port,
    invalid_custom_headers,
    invalid_preload_from_hub,
    invalid_space_color,
    invalid_startup_timeout,
    key_ignored_for_sdk,
    missing_block,
    python_version_as_number,
    sdk_missing_or_unknown,
    sdk_version_as_number,
    sdk_version_conflict,
    short_description_too_long,
    streamlit_sdk_deprecated,
    unknown_oauth_scope,
    unknown_suggested_hardware,
)

RULES: tuple[type[Rule], ...] = (
    missing_block.MissingFrontMatter,
    sdk_missing_or_unknown.SdkMissingOrUnknown,
    streamlit_sdk_deprecated.StreamlitSdkDeprecated,
    app_file_missing.AppFileMissing,
    docker_without_dockerfile.DockerSdkWithoutDockerfile,
    python_version_as_number.PythonVersionAsNumber,
    key_ignored_for_sdk.KeyIgnoredForSdk,
    invalid_startup_timeout.InvalidStartupDurationTimeout,
    invalid_preload_from_hub.InvalidPreloadFromHub,
    unknown_suggested_hardware.UnknownSuggestedHardware,
    invalid_space_color.InvalidSpaceColor,
    invalid_app_port.InvalidAppPort,
    invalid_custom_headers.InvalidCustomHeaders,
    unknown_oauth_scope.UnknownOauthScope,
    config_in_unread_file.ConfigInUnreadFile,
    short_description_too_long.ShortDescriptionTooLong,
    sdk_version_as_number.SdkVersionAsNumber,
    sdk_version_conflict.SdkVersionConflictsWithRequirements,
)
