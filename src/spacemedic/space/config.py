"""spacemedic's own configuration: `.spacemedic.toml`, or `[tool.spacemedic]` in pyproject.toml.

    [tool.spacemedic]
    select = ["SM0", "port"]          # codes, code prefixes or categories; default: all
    ignore = ["SM204", "policy"]
    fail-on = "warning"               # error | warning | info | never
    [tool.spacemedic.severity]
    SM204 = "info"
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from spacemedic.errors import ConfigError, InputError
from spacemedic.models import Severity
from spacemedic.space.reader import Refused, read_input_bytes, read_repo_bytes
from spacemedic.suggest import did_you_mean

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


CONFIG_BUDGET = 1_000_000
"""Bytes read at most from a configuration file (larger is refused, exit 2)."""
KEYS = ("select", "ignore", "fail-on", "severity")
_ALIASES = {"fail_on": "fail-on"}


def load_config(root: Path, explicit: Path | None = None) -> LintConfig:
    """Read the configuration for the repository at `root`; an absent file is an empty config.

    Repository files come through the safe reader (a link leaving the repository, a FIFO or
    an oversized file is a `ConfigError`, never read); `explicit` is a file the user named.
    """
    if explicit is not None:
        if not os.path.exists(explicit):
            raise ConfigError(f"config file not found: {explicit}")
        try:
            raw = read_input_bytes(explicit, CONFIG_BUDGET, what="config file")
        except InputError as exc:
            raise ConfigError(str(exc)) from exc
        found = _from_document(_parse(raw, str(explicit)), explicit.name, pyproject=explicit.name == "pyproject.toml")
        return found or LintConfig()
    for name in (".spacemedic.toml", "pyproject.toml"):
        if not os.path.lexists(root / name) or (root / name).is_dir():
            continue
        got = read_repo_bytes(root, name, CONFIG_BUDGET)
        if isinstance(got, Refused):
            raise ConfigError(f"{name}: cannot read spacemedic config: {got.reason}")
        config = _from_document(_parse(got, name), name, pyproject=name == "pyproject.toml")
        if config is not None:
            return config
    return LintConfig()


def _parse(raw: bytes, source: str) -> dict[str, Any]:
    try:
        doc: dict[str, Any] = tomllib.loads(raw.decode("utf-8", errors="replace"))
        return doc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{source}: cannot read spacemedic config: {exc}") from exc
    except RecursionError as exc:
        raise ConfigError(f"{source}: cannot read spacemedic config: nested too deeply") from exc


def _from_document(doc: dict[str, Any], source: str, *, pyproject: bool) -> LintConfig | None:
    tool = doc.get("tool")
    if tool is not None and not isinstance(tool, dict):
        raise ConfigError(f"{source}: 'tool' must be a table, not {_type(tool)}")
    section = (tool or {}).get("spacemedic")
    if section is None:
        if pyproject:
            return None
        section = doc
        where = ""
    else:
        where = "tool.spacemedic."
    return _from_section(section, source, where)


def _type(value: Any) -> str:
    return {bool: "a boolean", int: "a number", float: "a number", str: "a string", list: "a list",
            dict: "a table"}.get(type(value), type(value).__name__)


def _strings(value: Any, key: str, source: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{source}: '{key}' must be a list of codes or categories, not {_type(value)}")
    return tuple(v.strip() for v in value)


def _from_section(section: Any, source: str, where: str = "tool.spacemedic.") -> LintConfig:
    if not isinstance(section, dict):
        raise ConfigError(f"{source}: [tool.spacemedic] must be a table, not {_type(section)}")
    for key in section:
        if key not in KEYS and key not in _ALIASES and not (where == "" and key == "tool"):
            raise ConfigError(f"{source}: unknown key {where}{key}{did_you_mean(str(key), KEYS)}")
    severity: dict[str, Severity] = {}
    raw_sev = section.get("severity", {})
    if not isinstance(raw_sev, dict):
        raise ConfigError(f"{source}: 'severity' must be a table of CODE = \"error|warning|info\", not {_type(raw_sev)}")
    for code, value in raw_sev.items():
        if not isinstance(value, str):
            raise ConfigError(f"{source}: severity of {code} must be error, warning or info, not {_type(value)}")
        try:
            severity[str(code).upper()] = Severity(value.strip().lower())
        except ValueError as exc:
            hint = did_you_mean(value, ("error", "warning", "info"))
            raise ConfigError(f"{source}: severity of {code} must be error, warning or info, not {value[:40]!r}{hint}") from exc
    fail_on = section.get("fail-on", section.get("fail_on"))
    if fail_on is not None and fail_on not in FAIL_ON:
        hint = did_you_mean(fail_on, FAIL_ON) if isinstance(fail_on, str) else ""
        raise ConfigError(f"{source}: fail-on must be one of {', '.join(FAIL_ON)}{hint}")
    return LintConfig(
        select=_strings(section.get("select"), "select", source),
        ignore=_strings(section.get("ignore"), "ignore", source),
        severity=severity,
        fail_on=fail_on,
        source=source,
    )
