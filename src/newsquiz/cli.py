"""The `newsquiz` command: a thin group; each command lives in `newsquiz.commands`."""

from __future__ import annotations

import typer

from . import __version__
from .commands import bank as bank_commands
from .commands import history as history_commands
from .commands import quiz as quiz_commands

app = typer.Typer(
    name="newsquiz",
    help="Fact-check and quiz yourself on a news article; every answer shows the passage that "
    "settles it.",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"newsquiz {__version__}")
        raise typer.Exit(0)


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Show the version and exit."
    ),
) -> None:
    """Fact-check and quiz yourself on a news article."""


for module in (bank_commands, quiz_commands, history_commands):
    module.register(app)


def main() -> None:
    """Entry point of the console script."""
    app()
