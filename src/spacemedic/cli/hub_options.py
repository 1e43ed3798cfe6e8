"""Options shared by the commands that read the Hub or the local history."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

_UNIT_S = {"": 1.0, "ms": 0.001, "s": 1.0, "m": 60.0, "min": 60.0, "h": 3600.0, "d": 86400.0}


if TYPE_CHECKING:
    _ParamType = click.ParamType[float]
    _SizeType = click.ParamType[int]
else:  # click < 8.2 has no generic ParamType at run time
    _ParamType = _SizeType = click.ParamType


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


_SIZE_UNITS = {"": 1, "b": 1, "k": 1000, "kb": 1000, "kib": 1024, "m": 1000**2, "mb": 1000**2, "mib": 1024**2,
               "g": 1000**3, "gb": 1000**3, "gib": 1024**3}


class ByteSize(_SizeType):
    """`32MiB`, `500 KB`, `1GiB` or a plain number of bytes."""

    name = "size"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> int:
        if isinstance(value, int):
            return value
        match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([a-zA-Z]*)\s*", str(value))
        unit = match.group(2).lower() if match else ""
        if not match or unit not in _SIZE_UNITS:
            self.fail(f"{str(value)[:40]!r} is not a size like 32MiB, 500KB or 1048576", param, ctx)
        size = int(float(match.group(1)) * _SIZE_UNITS[unit])
        if size <= 0:
            self.fail("a size must be positive", param, ctx)
        return size


# One wording for each shared option, whichever command shows it.
ENDPOINT_HELP = "Hub endpoint [env HF_ENDPOINT; default: https://huggingface.co]."
TOKEN_HELP = "Hugging Face token for private Spaces and logs [env HF_TOKEN; default: the `hf auth login` token]. Never printed."
OUTPUT_HELP = "Write the output to this file instead of stdout."
NO_COLOR_HELP = "Never colour the output (also NO_COLOR=1; colour is only ever used on a terminal)."
FORMAT_HELP = "Output format."
STATUS_URL_HELP = "The Hugging Face status page JSON."
REQUEST_TIMEOUT_HELP = "Time box of each Hub request (runtime, info, commits, ...)."


def hub_options(fn: Callable[..., Any]) -> Callable[..., Any]:
    """--endpoint and --token, for every command that reads the Hub."""
    fn = click.option("--endpoint", envvar="HF_ENDPOINT", default=None, help=ENDPOINT_HELP)(fn)
    fn = click.option("--token", envvar="HF_TOKEN", default=None, help=TOKEN_HELP)(fn)
    return fn


def request_timeout_option(fn: Callable[..., Any]) -> Callable[..., Any]:
    """`--request-timeout` (the time box of each Hub request) as the parameter `time_box`.

    `watch --timeout` is the length of a whole watch; a per-request box is `--request-timeout`
    everywhere. The spelling `--timeout` these commands had still works, hidden.
    """

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        legacy = kwargs.pop("legacy_timeout", None)
        if legacy is not None:
            kwargs["time_box"] = legacy
        return fn(*args, **kwargs)

    decorated: Callable[..., Any] = click.option(
        "--timeout", "legacy_timeout", type=Duration(), default=None, hidden=True, help="Old spelling of --request-timeout."
    )(wrapper)
    return click.option(
        "--request-timeout", "time_box", type=Duration(), default="10s", show_default=True, help=REQUEST_TIMEOUT_HELP
    )(decorated)


def collect_options(fn: Callable[..., Any]) -> Callable[..., Any]:
    """The bounds of one evidence collection (diagnose, collect, report, fix), as `gather` takes them."""
    options = (
        click.option("--status-url", default="https://status.huggingface.co/index.json", show_default=True,
                     help=STATUS_URL_HELP),
        request_timeout_option,
        click.option("--log-seconds", type=Duration(), default="8s", show_default=True,
                     help="Time spent reading each log stream."),
        click.option("--log-lines", type=click.IntRange(min=1), default=400, show_default=True,
                     help="Log lines kept per log (the last ones)."),
        click.option("--log-bytes", type=ByteSize(), default="32 MiB", show_default=True,
                     help="Bytes read per log at most."),
    )
    for option in reversed(options):
        fn = option(fn)
    return fn


def output_option(fn: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("-o", "--output", type=click.Path(path_type=Path), default=None, help=OUTPUT_HELP)(fn)


def force_option(fn: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--force", is_flag=True, help="Replace an existing output file.")(fn)


def no_color_option(fn: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--no-color", is_flag=True, help=NO_COLOR_HELP)(fn)


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
