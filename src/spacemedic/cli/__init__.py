"""argv -> options -> api -> render -> exit code. Nothing else lives here.

Exit codes (API, documented in the README):
    0    nothing at or above the --fail-on threshold / the diagnosis completed
    1    findings at or above the threshold
    2    could not run: bad input, unreadable repository, Hub unreachable, bad config
    130  interrupted
"""

from __future__ import annotations

import sys
TYPE_CHECKING = False  # not `typing`: the --version fast path imports nothing it does not use
if TYPE_CHECKING:
    from typing import Any, Sequence

    import click

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR, EXIT_INTERRUPTED = 0, 1, 2, 130


def __getattr__(name: str) -> Any:
    # Lazy: `spacemedic --version` must not import click or any command.
    if name == "cli":
        from spacemedic.cli.commands import cli

        return cli
    if name == "COMMANDS":
        from spacemedic.cli.commands import LAZY_COMMANDS, load_command

        commands: tuple[click.Command, ...] = tuple(load_command(n) for n in LAZY_COMMANDS)
        return commands
    raise AttributeError(f"module 'spacemedic.cli' has no attribute {name!r}")


def main(argv: Sequence[str] | None = None, *, prog_name: str = "spacemedic") -> int:
    """Run the CLI in-process and return its exit code (never raises, never exits)."""
    args = list(sys.argv[1:] if argv is None else argv)
    if args in (["--version"], ["-V"]):  # the fast path: no click, no commands
        from spacemedic import __version__

        sys.stdout.write(f"spacemedic {__version__}\n")
        return EXIT_OK
    import click

    from spacemedic.cli.commands import cli
    from spacemedic.cli.output import error_line
    from spacemedic.errors import SpacemedicError

    if args[:1] and args[0] in _HUB_COMMANDS:
        _quiet_hub_library()
    try:
        rv = cli.main(args=args, prog_name=prog_name, standalone_mode=False)
    except KeyboardInterrupt:
        error_line("interrupted")
        return EXIT_INTERRUPTED
    except click.exceptions.Abort:
        # click turns Ctrl-C inside a command into Abort (after a newline that ends the ^C line)
        error_line("interrupted")
        return EXIT_INTERRUPTED
    except click.ClickException as exc:
        error_line(exc.format_message())
        return EXIT_ERROR
    except SpacemedicError as exc:
        error_line(str(exc))
        return exc.exit_code
    except BrokenPipeError:
        return EXIT_OK
    except (RecursionError, MemoryError) as exc:  # a bound we missed: still one line, never a traceback
        error_line(f"input too large or too deeply nested to process ({type(exc).__name__})")
        return EXIT_ERROR
    except Exception as exc:  # noqa: BLE001 - a bug must not print a traceback of untrusted input
        import os

        if os.environ.get("SPACEMEDIC_TRACEBACK"):
            raise
        error_line(f"internal error, please report it: {type(exc).__name__}: {str(exc)[:200]}")
        return EXIT_ERROR
    if isinstance(rv, int):
        return rv
    return EXIT_OK


_HUB_COMMANDS = frozenset({"diagnose", "collect", "report", "watch", "fleet", "fix", "mcp"})


def _quiet_hub_library() -> None:
    """huggingface_hub logs a warning per retry; spacemedic reports failures itself, once."""
    import logging

    logging.getLogger("huggingface_hub").setLevel(logging.ERROR)


def run() -> None:
    """Console-script entry point."""
    raise SystemExit(main())


def run_hf() -> None:
    """Console script `hf-spacemedic`: the same CLI, run by `hf spacemedic ...` through the hf
    CLI's extension mechanism (which passes the arguments after `spacemedic` and inherits the
    environment, so HF_TOKEN and HF_ENDPOINT reach spacemedic unchanged)."""
    raise SystemExit(main(prog_name="hf spacemedic"))
