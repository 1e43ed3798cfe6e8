"""`.streamlit/config.toml`: the `[server]` settings that move Streamlit's listen address."""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass

from spacemedic.space.repo import SpaceRepo

PATH = ".streamlit/config.toml"


@dataclass(frozen=True)
class StreamlitConfig:
    path: str
    port: int | str | None = None
    port_line: int | None = None
    address: str | None = None
    address_line: int | None = None
    error: str | None = None


def parse_streamlit_config(text: str, path: str = PATH) -> StreamlitConfig:
    """Read the `[server]` table. Never raises: a TOML error is reported in `error`."""
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    try:
        data = tomllib.loads(text)
    except (tomllib.TOMLDecodeError, ValueError, RecursionError) as exc:
        return StreamlitConfig(path, error=f"{type(exc).__name__}: {exc}")
    server = data.get("server")
    if not isinstance(server, dict):
        return StreamlitConfig(path)
    port, address = server.get("port"), server.get("address")
    return StreamlitConfig(
        path,
        port=port if isinstance(port, (int, str)) and not isinstance(port, bool) else None,
        port_line=_line(text, "port"),
        address=address if isinstance(address, str) else None,
        address_line=_line(text, "address"),
    )


def read_streamlit_config(repo: SpaceRepo) -> StreamlitConfig | None:
    if not repo.has(PATH):
        return None
    text = repo.text(PATH)
    return None if text is None else parse_streamlit_config(text)


def _line(text: str, key: str) -> int | None:
    section = None
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if stripped.startswith("["):
            section = stripped.strip("[] ")
        elif section == "server" and re.match(rf"{key}\s*=", stripped):
            return number
    return None
