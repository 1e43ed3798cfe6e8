"""argv -> options -> api -> render -> exit code. Nothing else lives here.

Exit codes (API, documented in the README):
    0    nothing at or above the --fail-on threshold / the diagnosis completed
    1    findings at or above the threshold
    2    could not run: bad input, unreadable repository, Hub unreachable, bad config
    130  interrupted
"""

from __future__ import annotations

import sys
from typing import Sequence

import click

from spacemedic import __version__
from spacemedic.cli import collect_cmd, contract_cmd, diagnose_cmd, fleet_cmd, history_cmd, lint_cmd, watch_cmd
from spacemedic.cli import fix_cmd, mcp_cmd, report_cmd
from spacemedic.cli.output import error_line

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR, EXIT_INTERRUPTED = 0, 1, 2, 130


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, "-V", "--version", prog_name="spacemedic", message="%(prog)s %(version)s")
def cli() -> None:
    """Why is my Hugging Face Space stuck, and what do I do about it.

    \b
    spacemedic lint [PATH]            check a Space repository offline
    spacemedic rules / explain CODE   the lint rules and their documentation
    spacemedic contract [PATH]        what the Hub will run, and where it listens
    spacemedic diagnose --from FILE   rank why a Space is stuck (case file or bundle)
    spacemedic diagnose OWNER/SPACE   the same, live from the Hub (read-only)
    spacemedic collect OWNER/SPACE    save the Hub evidence as a bundle for later
    spacemedic watch OWNER/SPACE      record stage changes, detect a stuck Space
    spacemedic history OWNER/SPACE    the recorded timeline (text, JSON, HTML chart)
    spacemedic fleet --author NAME    every Space of an account, and account-wide patterns
    spacemedic report OWNER/SPACE     draft the support request (or the self-fix checklist)
    spacemedic fix OWNER/SPACE        run the recovery ladder, asking before each action
    spacemedic mcp                    serve these to coding agents (Model Context Protocol, stdio)
    """


COMMANDS: tuple[click.Command, ...] = (
    lint_cmd.lint,
    lint_cmd.rules,
    lint_cmd.explain,
    contract_cmd.contract,
    diagnose_cmd.diagnose,
    collect_cmd.collect,
    watch_cmd.watch,
    history_cmd.history,
    fleet_cmd.fleet,
    report_cmd.report,
    fix_cmd.fix,
    mcp_cmd.mcp,
)
for _command in COMMANDS:
    cli.add_command(_command)


def main(argv: Sequence[str] | None = None, *, prog_name: str = "spacemedic") -> int:
    """Run the CLI in-process and return its exit code (never raises, never exits)."""
    from spacemedic.errors import SpacemedicError

    args = list(sys.argv[1:] if argv is None else argv)
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


def run() -> None:
    """Console-script entry point."""
    raise SystemExit(main())


def run_hf() -> None:
    """Console script `hf-spacemedic`: the same CLI, run by `hf spacemedic ...` through the hf
    CLI's extension mechanism (which passes the arguments after `spacemedic` and inherits the
    environment, so HF_TOKEN and HF_ENDPOINT reach spacemedic unchanged)."""
    raise SystemExit(main(prog_name="hf spacemedic"))
