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


def complete_formats(incomplete: str) -> list[str]:
    """Shell completion: the formats of `export --to`."""
    from ..export import FORMATS

    return [f for f in FORMATS if f.startswith(incomplete)]


def complete_kinds(incomplete: str) -> list[str]:
    """Shell completion: the question kinds of `--kind`."""
    from ..quiz import KINDS

    return [k for k in KINDS if k.startswith(incomplete)]


def _join_colons(words: list[str]) -> list[str]:
    """Undo bash's split of `trip-length:tf` into `trip-length`, `:` and `tf`.

    Bash breaks words at `:` (it is in COMP_WORDBREAKS), so a question id reaches completion
    in pieces. No newsquiz argument is a lone colon, so pieces touching a colon are one word;
    an empty last word (the cursor after a space) stays apart.
    """
    out: list[str] = []
    for i, word in enumerate(words):
        last_empty = i == len(words) - 1 and word == ""
        if out and not last_empty and (word.startswith(":") or out[-1].endswith(":")):
            out[-1] += word
        else:
            out.append(word)
    return out


def complete_bash(app: typer.Typer) -> str:
    """Answer bash's completion request (Typer's bash script) with `:` kept inside words.

    Bash replaces only the text after the last `:` of the word being completed, so each
    answer drops what comes before it: after `trip-length:` it offers `tf` and `mc`.
    """
    from typer._completion_classes import BashComplete
    from typer.main import get_command

    class ColonAwareBashComplete(BashComplete):
        def get_completion_args(self) -> tuple[list[str], str]:
            args, incomplete = super().get_completion_args()
            words = _join_colons([*args, incomplete])
            return words[:-1], words[-1]

        def complete(self) -> str:
            args, incomplete = self.get_completion_args()
            cut = incomplete.rfind(":") + 1
            values = [item.value for item in self.get_completions(args, incomplete)]
            return "\n".join(v[cut:] if v.startswith(incomplete[:cut]) else v for v in values)

    command = get_command(app)
    return ColonAwareBashComplete(command, {}, "newsquiz", "_NEWSQUIZ_COMPLETE").complete()


BankOption = Annotated[
    list[str] | None,
    typer.Option(
        "--bank",
        "-b",
        metavar="PATH",
        help="A bank file or folder (repeatable); @shipped is the bank shipped with newsquiz. "
        "Default: $NEWSQUIZ_BANK, else @shipped.",
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
        # The history stores seeds as SQLite integers: every command takes the same range.
        min=-(2**63),
        max=2**63 - 1,
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
        "--kind",
        "-k",
        metavar="KIND",
        help="tf (true/false), mc (multiple choice) or all.",
        autocompletion=complete_kinds,
    ),
]


def reports_errors(func: F) -> F:
    """Turn newsquiz's own errors into a one-line message on stderr and their exit code.

    Output is fitted to what stdout can encode first (ASCII stand-ins where it is not UTF-8),
    and flushed before the exit code is settled, so that output that could not be written
    (a full disk, a closed pipe) is reported here rather than in Python's last flush.
    """

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from ..terminal import fit_output

        fit_output()
        if sys.stdout is None:  # started with stdout closed (`>&-`)
            fail("standard output is closed; send it to a file, a pipe or /dev/null")
        try:
            result = func(*args, **kwargs)
        except NewsquizError as exc:
            flush_output()
            fail(str(exc), exc.exit_code)
        except BrokenPipeError:
            reader_gone()
        except KeyboardInterrupt:  # Ctrl-C outside a session (which handles its own)
            sys.stderr.write("newsquiz: interrupted\n")
            raise typer.Exit(130) from None
        except typer.Exit:
            flush_output()
            raise
        except OSError as exc:
            if output_failed(exc):
                unwritable(exc)
            raise
        flush_output()
        return result

    return wrapper  # type: ignore[return-value]


def reader_gone() -> None:
    """The reader of a pipe has gone (`newsquiz claims | head`): stop quietly with exit 0, as
    a program in a pipeline does; the rest of the output has nowhere to go."""
    from ..terminal import quiet_stdout

    quiet_stdout()
    raise typer.Exit(0)


def unwritable(exc: OSError) -> None:
    """Stdout cannot be written (a full disk, a terminal that has gone): exit 2, as for any
    output that cannot be used; a message where stderr still works."""
    from ..terminal import report_unwritable

    report_unwritable(exc)
    raise typer.Exit(2)


def output_failed(exc: OSError) -> bool:
    """Whether an error that escaped a command came from writing its output.

    Python drops what it could not write, so the stream cannot be asked afterwards. Reading
    and writing named files is handled where it happens (and carries a file name); what is
    left with no file name and a "cannot write" errno is stdout: a full disk, a quota, a
    terminal that has gone away."""
    import errno

    cannot_write = {errno.ENOSPC, errno.EFBIG, errno.EIO, getattr(errno, "EDQUOT", errno.ENOSPC)}
    return exc.filename is None and exc.errno in cannot_write


def flush_output() -> None:
    """Write out what stdout holds; a closed pipe or a full disk is handled as above."""
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        reader_gone()
    except OSError as exc:
        unwritable(exc)
    except ValueError:  # stdout already closed
        pass


def fail(message: str, code: int = 2) -> None:
    """Print an error to stderr and exit with its code."""
    sys.stderr.write(f"newsquiz: {message}\n")
    raise typer.Exit(code)


def load(banks: list[str] | None) -> Library:
    """Load the banks a command works on."""
    from ..bank import load_library

    return load_library(banks)


def print_json(data: Any) -> None:
    """Write JSON to stdout: UTF-8 as it is, or with \\u escapes where stdout is not UTF-8."""
    from ..terminal import takes_unicode

    ascii_only = not takes_unicode(sys.stdout)
    write_out(json.dumps(data, ensure_ascii=ascii_only, indent=2) + "\n")


def write_out(text: str) -> None:
    """Write text to stdout, every byte of it or an error."""
    write_bytes(text.encode(sys.stdout.encoding or "utf-8", sys.stdout.errors or "strict"), text)


def write_data(text: str) -> None:
    """Write a data file (an export) to stdout: as UTF-8, the bytes `--out` would write, even
    where stdout is not UTF-8 (`LC_ALL=C`); only a person at such a terminal gets stand-ins."""
    from ..terminal import takes_unicode

    if takes_unicode(sys.stdout) or sys.stdout.isatty():
        write_out(text)
    else:
        write_bytes(text.encode("utf-8"), text)


def write_bytes(data: bytes, text: str) -> None:
    """Write bytes to stdout's file until all are written; `text` where there is no file.

    Python's buffered writer reports a write that the file took only part of (a disk that
    fills up, a file size limit, a pipe whose reader has gone) as whole, and the rest is lost
    in silence with exit 0. Writing to the descriptor until every byte is taken turns the
    shortfall into its error: exit 2 for a full disk, the quiet exit 0 for a closed pipe."""
    if sys.stdout.isatty():  # a terminal does not fill up, and Windows consoles want text
        sys.stdout.write(text)
        return
    sys.stdout.flush()  # what was printed before comes first
    try:
        fd = sys.stdout.fileno()
    except (AttributeError, ValueError, OSError):  # no file: a test runner's buffer
        sys.stdout.buffer.write(data)
        return
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def console(stderr: bool = False) -> Console:
    """A Rich console for this call (built now, so test runners' streams apply)."""
    from rich.console import Console

    from ..terminal import sized_environ

    class QuietOnBrokenPipe(Console):
        """Exit 0 when the reader of a pipe has gone (`newsquiz claims | head`), as the plain
        and JSON outputs do; Rich's default is exit 1, which here means a negative outcome."""

        def on_broken_pipe(self) -> None:
            self.quiet = True
            reader_gone()

    # A COLUMNS of 0 (or not a number) would make Rich print nothing: treat it as unset.
    out = QuietOnBrokenPipe(stderr=stderr, highlight=False, _environ=sized_environ())
    if out.is_dumb_terminal and out.is_terminal:  # Rich assumes 80 columns under TERM=dumb
        import shutil

        out.size = shutil.get_terminal_size()
    return out
