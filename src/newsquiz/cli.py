"""The `newsquiz` command: a thin group; each command lives in a module of `newsquiz.commands`."""

from __future__ import annotations

import importlib
import os
import sys
from typing import Any

import typer

from . import __version__

# Which module of newsquiz.commands holds each command. Scripts run newsquiz in loops and shell
# completion re-runs it on every TAB, so a call imports and builds only the command it names:
# Typer would otherwise import every command module and build every parser at start-up.
COMMANDS = {
    "validate": "bank",
    "claims": "bank",
    "show": "bank",
    "read": "read",
    "quiz": "quiz",
    "ask": "quiz",
    "check": "quiz",
    "review": "history",
    "stats": "history",
    "history": "history",
    "find": "tools",
    "new": "tools",
    "export": "tools",
    "schema": "tools",
}


def _version(value: bool) -> None:
    if value:
        typer.echo(f"newsquiz {__version__}")
        raise typer.Exit(0)


def _root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Show the version and exit."
    ),
) -> None:
    """Fact-check and quiz yourself on a news article; every answer shows the passage of the
    article that settles it."""


def build_app(only: str | None = None) -> typer.Typer:
    """The Typer app with every command, or with just the one a call names."""
    app = typer.Typer(
        name="newsquiz",
        no_args_is_help=True,
        epilog="Start with 'newsquiz quiz --count 10'; list the claims with 'newsquiz claims'; "
        "script a session with 'newsquiz ask --seed S' and 'newsquiz quiz --seed S --answers -'.",
        pretty_exceptions_show_locals=False,
        rich_markup_mode=None,
    )
    app.callback()(_root)
    names = [only] if only in COMMANDS else list(COMMANDS)
    for name in names:
        module = importlib.import_module(f"{__package__}.commands.{COMMANDS[name]}")
        app.command(name)(getattr(module, name.replace("-", "_")))
    return app


def _named_command(argv: list[str]) -> str | None:
    if any(k.startswith("_NEWSQUIZ_COMPLETE") for k in os.environ):
        return None  # completion needs every command
    for arg in argv:
        if not arg.startswith("-"):
            return arg if arg in COMMANDS else None
    return None


def __getattr__(name: str) -> Any:
    if name == "app":  # the full app, for tests and tools that import it
        return build_app()
    raise AttributeError(name)


def main() -> None:
    """Entry point of the console script."""
    if os.environ.get("_NEWSQUIZ_COMPLETE") == "complete_bash":
        from .commands import complete_bash  # `claim:tf` stays one word for bash

        sys.stdout.write(complete_bash(build_app()) + "\n")
        return
    try:
        build_app(_named_command(sys.argv[1:]))(prog_name="newsquiz")
    except OSError as exc:
        # The help and --version pages are printed by Click, outside any command's error
        # handling: a full disk or a closed pipe there ends as it does for every command.
        sys.exit(_output_failed(exc))


def _output_failed(exc: OSError) -> int:
    """The exit code for an error that escaped Click's own printing (help, --version): 0 when
    the reader of a pipe has gone, 2 with a one-line message when stdout cannot be written;
    anything else is raised again."""
    from .commands import output_failed
    from .terminal import quiet_stdout, report_unwritable

    if isinstance(exc, BrokenPipeError):
        quiet_stdout()
        return 0
    if not output_failed(exc):
        raise exc
    report_unwritable(exc)
    return 2
