"""Options shared by the commands that read the Hub or the local history."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import click

_UNIT_S = {"": 1.0, "ms": 0.001, "s": 1.0, "m": 60.0, "min": 60.0, "h": 3600.0, "d": 86400.0}


if TYPE_CHECKING:
    _ParamType = click.ParamType[float]
else:  # click < 8.2 has no generic ParamType at run time
    _ParamType = click.ParamType


class Duration(_ParamType):
    """`30s`, `2m`, `1.5h`, `0.05s` or a plain number of seconds."""

    name = "duration"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> float:
        if isinstance(value, (int, float)):
            return float(value)
        match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*(ms|s|min|m|h|d)?\s*", str(value))
        if not match:
            self.fail(f"{value!r} is not a duration like 30s, 5m or 2h", param, ctx)
        seconds = float(match.group(1)) * _UNIT_S[match.group(2) or ""]
        if seconds <= 0:
            self.fail("a duration must be positive", param, ctx)
        return seconds


def hub_options(fn: Callable[..., Any]) -> Callable[..., Any]:
    fn = click.option(
        "--endpoint", envvar="HF_ENDPOINT", default=None, help="Hub endpoint [env HF_ENDPOINT; default huggingface.co]."
    )(fn)
    fn = click.option(
        "--token", envvar="HF_TOKEN", default=None, show_envvar=True, help="Hugging Face token (for private Spaces)."
    )(fn)
    return fn


def db_option(fn: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--db",
        type=click.Path(dir_okay=False),
        default=None,
        help="History database [default: $SPACEMEDIC_HOME/history.sqlite3 or the user cache directory].",
    )(fn)


def space_id(value: str) -> str:
    from spacemedic.errors import UsageError

    value = value.strip().removeprefix("https://huggingface.co/spaces/").strip("/")
    if not re.fullmatch(r"[\w.-]+/[\w.-]+", value):
        raise UsageError(f"{value!r} is not a Space id like OWNER/SPACE")
    return value
