"""The exception tree. The CLI maps every one of these to exit code 2 and a one-line message.

    SpacemedicError                 anything spacemedic reports as "could not run"
    ├── UsageError                  bad arguments or options
    ├── InputError                  a path, file or bundle that cannot be read
    ├── ConfigError                 an invalid [tool.spacemedic] / .spacemedic.toml
    ├── StorageError                the history database is damaged or locked
    ├── OutputError                 an output file that cannot (or must not) be written
    └── HubError                    the Hub could not be read at all
        ├── HubAuthError            401 / 403: token missing, invalid or not allowed
        ├── HubNotFoundError        404: no such Space (or private without access)
        ├── HubRateLimitError       429, with the Retry-After the server sent
        ├── HubServerError          5xx
        └── HubTimeoutError         no answer within the time box

Messages never contain tokens: they pass through the redaction layer before printing.
"""

from __future__ import annotations


class SpacemedicError(Exception):
    """Base class: spacemedic could not do what was asked."""

    exit_code = 2


class UsageError(SpacemedicError):
    """The command line or API call was malformed."""


class InputError(SpacemedicError):
    """A path, repository, case file or bundle could not be read."""


class ConfigError(SpacemedicError):
    """The spacemedic configuration is invalid."""


class StorageError(SpacemedicError):
    """The history database cannot be used (damaged, locked by another process)."""


class OutputError(SpacemedicError):
    """An output file could not be written, or would overwrite evidence (an input, an existing file)."""


class HubError(SpacemedicError):
    """The Hub could not be read."""


class HubAuthError(HubError):
    """401/403."""


class HubNotFoundError(HubError):
    """404, or a private Space without access."""


class HubRateLimitError(HubError):
    """429."""

    def __init__(self, message: str, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class HubServerError(HubError):
    """5xx."""


class HubTimeoutError(HubError):
    """No answer within the time box."""
