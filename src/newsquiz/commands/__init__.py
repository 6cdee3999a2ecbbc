"""What every command shares: the bank and output options, error reporting, printing."""

from __future__ import annotations

import functools
import json
import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from ..errors import NewsquizError

if TYPE_CHECKING:
    from rich.console import Console

    from ..bank import Library

F = TypeVar("F", bound=Callable[..., Any])


def _library_for(ctx: typer.Context) -> Library | None:
    try:
        return load(ctx.params.get("bank"))
    except NewsquizError:
        return None


def complete_tags(ctx: typer.Context, incomplete: str) -> list[str]:
    """Shell completion: the tags of the loaded banks."""
    library = _library_for(ctx)
    return [t for t in library.tags if t.startswith(incomplete)] if library else []


def complete_claims(ctx: typer.Context, incomplete: str) -> list[str]:
    """Shell completion: the claim ids of the loaded banks."""
    library = _library_for(ctx)
    return [c.id for c in library.claims if c.id.startswith(incomplete)] if library else []


def complete_questions(ctx: typer.Context, incomplete: str) -> list[str]:
    """Shell completion: question ids, CLAIM:tf and CLAIM:mc."""
    library = _library_for(ctx)
    if library is None:
        return []
    ids = [f"{c.id}:{k}" for c in library.claims for k in (("tf", "mc") if c.choice else ("tf",))]
    return [i for i in ids if i.startswith(incomplete)]


BankOption = Annotated[
    list[str] | None,
    typer.Option(
        "--bank",
        "-b",
        metavar="PATH",
        help="A bank file or folder (repeatable). Default: "
        "$NEWSQUIZ_BANK, else the bank shipped with newsquiz.",
        show_default=False,
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]
TagOption = Annotated[
    list[str] | None,
    typer.Option(
        "--tag",
        "-t",
        metavar="TAG",
        help="Only claims with this tag (repeatable).",
        show_default=False,
        autocompletion=complete_tags,
    ),
]
SeedOption = Annotated[
    int | None,
    typer.Option(
        "--seed",
        "-s",
        metavar="SEED",
        help="Seed for choosing and shuffling; the same seed gives the "
        "same questions, order and letters.",
        show_default=False,
    ),
]
CountOption = Annotated[
    int | None,
    typer.Option(
        "--count",
        "-n",
        metavar="N",
        min=1,
        help="How many questions (default: all).",
        show_default=False,
    ),
]
KindOption = Annotated[
    str,
    typer.Option(
        "--kind", "-k", metavar="KIND", help="tf (true/false), mc (multiple choice) or all."
    ),
]


def reports_errors(func: F) -> F:
    """Turn newsquiz's own errors into a one-line message on stderr and their exit code."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except NewsquizError as exc:
            fail(str(exc), exc.exit_code)
        except BrokenPipeError:
            sys.stderr.close()
            raise typer.Exit(0) from None

    return wrapper  # type: ignore[return-value]


def fail(message: str, code: int = 2) -> None:
    """Print an error to stderr and exit with its code."""
    sys.stderr.write(f"newsquiz: {message}\n")
    raise typer.Exit(code)


def load(banks: list[str] | None) -> Library:
    """Load the banks a command works on."""
    from ..bank import load_library

    return load_library(banks)


def print_json(data: Any) -> None:
    """Write JSON to stdout."""
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def console(stderr: bool = False) -> Console:
    """A Rich console for this call (built now, so test runners' streams apply)."""
    from rich.console import Console

    class QuietOnBrokenPipe(Console):
        """Exit 0 when the reader of a pipe has gone (`newsquiz claims | head`), as the plain
        and JSON outputs do; Rich's default is exit 1, which here means a negative outcome."""

        def on_broken_pipe(self) -> None:
            self.quiet = True
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            raise typer.Exit(0)

    out = QuietOnBrokenPipe(stderr=stderr, highlight=False)
    if out.is_dumb_terminal and out.is_terminal:  # Rich assumes 80 columns under TERM=dumb
        import shutil

        out.size = shutil.get_terminal_size()
    return out
