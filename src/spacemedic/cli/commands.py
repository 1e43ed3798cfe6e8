"""The click group. Each command's module is imported only when that command runs (or when the
help lists them): `spacemedic lint` does not pay for the Hub commands' imports."""

from __future__ import annotations

import importlib

import click

from spacemedic import __version__

# name -> (module, attribute), in the order the help lists them
LAZY_COMMANDS: dict[str, tuple[str, str]] = {
    "lint": ("spacemedic.cli.lint_cmd", "lint"),
    "rules": ("spacemedic.cli.lint_cmd", "rules"),
    "explain": ("spacemedic.cli.lint_cmd", "explain"),
    "contract": ("spacemedic.cli.contract_cmd", "contract"),
    "diagnose": ("spacemedic.cli.diagnose_cmd", "diagnose"),
    "collect": ("spacemedic.cli.collect_cmd", "collect"),
    "watch": ("spacemedic.cli.watch_cmd", "watch"),
    "history": ("spacemedic.cli.history_cmd", "history"),
    "fleet": ("spacemedic.cli.fleet_cmd", "fleet"),
    "report": ("spacemedic.cli.report_cmd", "report"),
    "fix": ("spacemedic.cli.fix_cmd", "fix"),
    "mcp": ("spacemedic.cli.mcp_cmd", "mcp"),
}


def load_command(name: str) -> click.Command:
    module, attr = LAZY_COMMANDS[name]
    command = getattr(importlib.import_module(module), attr)
    assert isinstance(command, click.Command)
    return command


class LazyGroup(click.Group):
    """A group whose commands are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(LAZY_COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        return load_command(cmd_name) if cmd_name in LAZY_COMMANDS else None


@click.group(
    cls=LazyGroup,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    invoke_without_command=True,
)
@click.version_option(__version__, "-V", "--version", prog_name="spacemedic", message="%(prog)s %(version)s")
@click.pass_context
def cli(ctx: click.Context) -> None:
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
    if ctx.invoked_subcommand is None:  # bare `spacemedic`: the help, as `hf` does
        click.echo(ctx.get_help())
