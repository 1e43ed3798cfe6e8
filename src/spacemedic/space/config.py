"""spacemedic's own configuration: `.spacemedic.toml`, or `[tool.spacemedic]` in pyproject.toml.

    [tool.spacemedic]
    select = ["SM0", "port"]          # codes, code prefixes or categories; default: all
    ignore = ["SM204", "policy"]
    fail-on = "warning"               # error | warning | info | never
    [tool.spacemedic.severity]
    SM204 = "info"
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from spacemedic.errors import ConfigError
from spacemedic.models import Severity

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

FAIL_ON = ("error", "warning", "info", "never")


@dataclass(frozen=True)
class LintConfig:
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: dict[str, Severity] = field(default_factory=dict)
    fail_on: str | None = None
    source: str | None = None

    def merged(self, select: tuple[str, ...] = (), ignore: tuple[str, ...] = ()) -> LintConfig:
        """Command-line selections override the file's select and add to its ignore."""
        return LintConfig(
            select=select or self.select,
            ignore=self.ignore + ignore,
            severity=self.severity,
            fail_on=self.fail_on,
            source=self.source,
        )


def load_config(root: Path, explicit: Path | None = None) -> LintConfig:
    """Read the configuration for the repository at `root`; an absent file is an empty config."""
    candidates = [explicit] if explicit else [root / ".spacemedic.toml", root / "pyproject.toml"]
    for path in candidates:
        if path is None or not path.is_file():
            if explicit is not None:
                raise ConfigError(f"config file not found: {explicit}")
            continue
        try:
            text = path.read_text(encoding="utf-8", errors="replace")
            doc = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            # A broken pyproject.toml is the Space's problem (lint reports it, SM558), not a
            # config error, unless it is where spacemedic's own settings live.
            if path.name == "pyproject.toml" and explicit is None and "[tool.spacemedic" not in text:
                continue
            raise ConfigError(f"{path.name}: cannot read spacemedic config: {exc}") from exc
        except OSError as exc:
            raise ConfigError(f"{path.name}: cannot read spacemedic config: {exc}") from exc
        if path.name == "pyproject.toml":
            section = doc.get("tool", {}).get("spacemedic")
            if section is None:
                continue
        else:
            section = doc.get("tool", {}).get("spacemedic", doc)
        return _from_section(section, path.name)
    return LintConfig()


def _strings(value: Any, key: str, source: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{source}: '{key}' must be a list of codes or categories")
    return tuple(v.strip() for v in value)


def _from_section(section: Any, source: str) -> LintConfig:
    if not isinstance(section, dict):
        raise ConfigError(f"{source}: [tool.spacemedic] must be a table")
    severity: dict[str, Severity] = {}
    raw_sev = section.get("severity", {})
    if not isinstance(raw_sev, dict):
        raise ConfigError(f"{source}: 'severity' must be a table of CODE = \"error|warning|info\"")
    for code, value in raw_sev.items():
        try:
            severity[str(code).upper()] = Severity(str(value).lower())
        except ValueError as exc:
            raise ConfigError(f"{source}: severity of {code} must be error, warning or info, not {value!r}") from exc
    fail_on = section.get("fail-on", section.get("fail_on"))
    if fail_on is not None and fail_on not in FAIL_ON:
        raise ConfigError(f"{source}: fail-on must be one of {', '.join(FAIL_ON)}")
    return LintConfig(
        select=_strings(section.get("select"), "select", source),
        ignore=_strings(section.get("ignore"), "ignore", source),
        severity=severity,
        fail_on=fail_on,
        source=source,
    )
