"""The library entry points. Each takes plain values and returns a frozen result."""

from __future__ import annotations

from pathlib import Path

from spacemedic.models import Report


def lint(
    path: str | Path = ".",
    *,
    select: tuple[str, ...] | list[str] = (),
    ignore: tuple[str, ...] | list[str] = (),
    config_path: str | Path | None = None,
) -> Report:
    """Lint the Space repository at `path`, offline. Raises `spacemedic.errors.InputError`
    when the path cannot be read and `ConfigError` for an invalid configuration."""
    from spacemedic.lint import lint_path

    return lint_path(
        path,
        select=tuple(select),
        ignore=tuple(ignore),
        config_path=Path(config_path) if config_path else None,
    )
