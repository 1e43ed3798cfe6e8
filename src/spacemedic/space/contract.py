"""The Space's effective runtime contract: what the Hub will run, where it routes traffic,
and where the served process will actually listen, each value with where it came from.

    resolve_contract(ctx) -> Contract

Every value is a `Resolution`: known (decided by the repository), assumed (the default of a
variable the repository does not set; a Space variable could change it) or unknown (with the
exact reason). Lint rules read this; `spacemedic contract` prints it.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from spacemedic.space.pycode import Value
from spacemedic.space.servers import ALL_INTERFACE_NAMES, LOOPBACK_NAMES

if TYPE_CHECKING:
    from spacemedic.space.context import SpaceContext
    from spacemedic.space.pylisten import Listen


@dataclass(frozen=True)
class Resolution:
    """One resolved value and where it came from."""

    value: str | int | None
    source: str
    status: str = "known"  # known | assumed | unknown
    reason: str | None = None

    @property
    def known(self) -> bool:
        return self.status == "known"

    @property
    def resolved(self) -> bool:
        return self.status in ("known", "assumed")

    @classmethod
    def unknown(cls, source: str, reason: str) -> Resolution:
        return cls(None, source, "unknown", reason)

    @classmethod
    def of(cls, v: Value) -> Resolution:
        value = v.value if isinstance(v.value, (str, int)) and not isinstance(v.value, bool) else (
            None if v.value is None else str(v.value))
        if v.known:
            return cls(value, v.source)
        if v.assumed:
            return cls(value, v.source, "assumed", v.reason or f"{v.env_var} could be set as a Space variable")
        return cls(None, v.source, "unknown", v.reason or "not decidable offline")

    def describe(self) -> str:
        if self.status == "unknown":
            return f"unknown ({self.reason}; {self.source})" if self.source else f"unknown ({self.reason})"
        shown = "(none)" if self.value is None else str(self.value)
        return f"{shown} ({self.source})" + (" [assumed]" if self.status == "assumed" else "")

    def to_dict(self) -> dict[str, Any]:
        return {"value": self.value, "source": self.source, "status": self.status, "reason": self.reason}


@dataclass(frozen=True)
class Listener:
    """A process of the Space that listens, and how it was reached from the start command."""

    server: str
    host: Resolution
    port: Resolution
    background: bool
    via: tuple[str, ...]
    path: str | None = None
    line: int | None = None

    def __post_init__(self) -> None:
        v = self.port.value
        if isinstance(v, str) and v.strip().isdigit():  # ports read from the environment are text
            object.__setattr__(self, "port", dataclasses.replace(self.port, value=int(v.strip())))

    @property
    def port_int(self) -> int | None:
        v = self.port.value
        if isinstance(v, int):
            return v
        return int(v) if isinstance(v, str) and v.isdigit() else None

    @property
    def loopback(self) -> bool:
        return self.host.resolved and str(self.host.value).strip("[]").lower() in LOOPBACK_NAMES

    @property
    def all_interfaces(self) -> bool:
        return self.host.resolved and (self.host.value is None or str(self.host.value).strip("[]") in ALL_INTERFACE_NAMES)

    def chain(self) -> str:
        return " -> ".join(self.via)

    def to_dict(self) -> dict[str, Any]:
        return {
            "server": self.server, "host": self.host.to_dict(), "port": self.port.to_dict(),
            "background": self.background, "via": list(self.via), "path": self.path, "line": self.line,
        }


@dataclass(frozen=True)
class Contract:
    """What the Hub will do with the repository. See the module docstring."""

    sdk: Resolution
    routed_port: Resolution
    command: Resolution
    user: Resolution
    listeners: tuple[Listener, ...] = ()
    entry_files: tuple[str, ...] = ()
    unresolved: tuple[str, ...] = ()
    skipped_listens: tuple[Listen, ...] = ()
    routed_port_explicit: bool = False
    routed_port_line: int | None = None
    command_path: str | None = None
    command_line: int | None = None
    startup_downloads: tuple[str, ...] = ()  # filled by the start-up download rules' reader
    foreground_unknown: bool = False  # the process that stays in the foreground could not be read

    @property
    def main(self) -> Listener | None:
        """The listener the Hub's traffic reaches: the one on the routed port, else the
        foreground server, else the last one found."""
        if not self.listeners:
            return None
        routed = self.routed_port.value
        on_port = [l for l in self.listeners if l.port.resolved and l.port_int == routed]
        if on_port:
            return next((l for l in on_port if l.all_interfaces), on_port[0])
        if self.foreground_unknown:
            return None  # a background helper is not the server; the unknown foreground may be
        foreground = [l for l in self.listeners if not l.background]
        return (foreground or list(self.listeners))[-1]

    @property
    def listen_host(self) -> Resolution:
        m = self.main
        return m.host if m else Resolution.unknown("", self._why_no_listener())

    @property
    def listen_port(self) -> Resolution:
        m = self.main
        return m.port if m else Resolution.unknown("", self._why_no_listener())

    def _why_no_listener(self) -> str:
        if self.unresolved:
            return self.unresolved[0]
        return "no server that spacemedic recognises is started"

    def reachable_on_routed_port(self) -> bool:
        routed = self.routed_port.value
        return any(l.port_int == routed and l.port.resolved and not l.loopback for l in self.listeners)

    def to_dict(self) -> dict[str, Any]:
        main = self.main
        return {
            "schema": "spacemedic.contract/1",
            "sdk": self.sdk.to_dict(),
            "routed_port": self.routed_port.to_dict(),
            "command": self.command.to_dict(),
            "user": self.user.to_dict(),
            "listen_host": self.listen_host.to_dict(),
            "listen_port": self.listen_port.to_dict(),
            "main_listener": None if main is None else main.to_dict(),
            "listeners": [l.to_dict() for l in self.listeners],
            "entry_files": list(self.entry_files),
            "never_run": [
                {"path": s.path, "line": s.line, "call": s.call, "server": s.server} for s in self.skipped_listens
            ],
            "startup_downloads": list(self.startup_downloads),
            "unresolved": list(self.unresolved),
        }


def resolve_contract(ctx: SpaceContext) -> Contract:
    """Resolve the contract of one Space. Never raises on repository content."""
    from spacemedic.space.resolve import resolve

    try:
        return resolve(ctx)
    except (RecursionError, ValueError, TypeError, AttributeError, KeyError, IndexError) as exc:
        unknown = Resolution.unknown("", f"spacemedic could not resolve the contract: {type(exc).__name__}: {exc}")
        return Contract(sdk=Resolution(ctx.sdk, "README sdk"), routed_port=unknown, command=unknown, user=unknown,
                        unresolved=(unknown.reason or "",))
