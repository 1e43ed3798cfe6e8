"""Counting words the way people write them: "1 warning", "2 errors", "no info"."""

from __future__ import annotations

_IRREGULAR = {"info": "info", "Space": "Spaces", "match": "matches", "is": "are", "was": "were"}


def plural(count: int, word: str) -> str:
    """`plural(1, "warning")` -> "1 warning"; `plural(2, "Space")` -> "2 Spaces"."""
    if count == 1:
        return f"{count} {word}"
    return f"{count} {_IRREGULAR.get(word, word + 's')}"


def severity_counts(counts: dict[str, int]) -> str:
    """"2 errors, 1 warning, 0 info" from `Report.counts()`."""
    return ", ".join(plural(counts.get(key, 0), key) for key in ("error", "warning", "info"))


def bucket_title(bucket: object) -> str:
    """A cause as people say it ("out of memory"); ids such as `out_of_memory` stay in JSON."""
    value = str(getattr(bucket, "value", bucket))
    return _BUCKET_TITLES.get(value, value.replace("_", " "))


_BUCKET_TITLES = {
    "platform_incident": "platform incident",
    "builder_or_scheduler_stuck": "builder or scheduler stuck",
    "lifecycle_stuck_state": "Space stuck between states (lifecycle)",
    "moderation_lock": "moderation lock",
    "repo_storage_limit": "repository storage limit",
    "hardware_capacity": "no hardware capacity",
    "config_error_yaml": "README configuration error",
    "dependency_install_failure": "Python dependencies fail to install",
    "apt_package_failure": "system (apt) package fails to install",
    "dockerfile_build_failure": "Dockerfile build failure",
    "app_crash_at_startup": "app crashes at start-up",
    "port_or_bind_mismatch": "port or bind address mismatch",
    "startup_timeout_or_slow_download": "start-up too slow (timeout or downloads)",
    "out_of_memory": "out of memory",
    "permission_or_filesystem": "permission or filesystem error",
    "missing_secret_or_env": "missing secret or variable",
    "normal_sleep_or_pause": "sleeping or paused (normal)",
    "other": "unclassified problem",
}
