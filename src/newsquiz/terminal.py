"""What the place newsquiz writes to can take, and how a session ends on a signal.

Output: article text holds curly quotes and dashes, and the views use ¶, »«, ✓, ✗ and bars; a
stream whose encoding is not UTF-8 (`LC_ALL=C`, `PYTHONIOENCODING=ascii`) cannot take them.
Such a stream gets an error handler that writes an ASCII stand-in for each character it cannot
encode, so every view still prints, and JSON is written with `\\u` escapes instead.

Signals: SIGTERM and SIGHUP during a session raise an exception the session handles as it
handles Ctrl-C (answers kept, session finished, summary printed), and the exit code is 128 +
the signal's number. POSIX-only names are looked up with getattr, so this imports everywhere.

No typer, rich or questionary here: the commands and the prompt build on it.
"""

from __future__ import annotations

import codecs
import os
import signal
import sys
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager, suppress
from types import FrameType
from typing import Any

FALLBACK = "newsquiz-ascii"  # the name of the codecs error handler

# Stand-ins keep the length of what they replace where a view lays text out in columns
# (¶, ✓, ✗, bars); the quote marks of plain output become >> and <<, as the contract says.
_STAND_INS: dict[str, str] = (
    dict.fromkeys("‘’‚‛′‹›", "'")
    | dict.fromkeys("“”„‟″", '"')
    | dict.fromkeys("‐‑‒–—―−⸺⸻﹘﹣－", "-")
    | dict.fromkeys("\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009", " ")
    | dict.fromkeys("\u200a\u202f\u205f\u3000", " ")
    | dict.fromkeys("\u200b\u200c\u200d\u2060\ufeff", "")
    | {
        "»": ">>",
        "«": "<<",
        "¶": "#",
        "✓": "+",
        "✔": "+",
        "✗": "x",
        "✘": "x",
        "·": "-",
        "•": "*",
        "…": "...",
        "→": "->",
        "←": "<-",
        "€": "EUR",
        "£": "GBP",
        "₹": "Rs",
        "×": "x",
        "°": " deg",
        "⁄": "/",
    }
)


def stand_in(char: str) -> str:
    """An ASCII stand-in for one character: a like-looking mark, the letter without its
    accent, or '?'."""
    import unicodedata

    if char in _STAND_INS:
        return _STAND_INS[char]
    code = ord(char)
    if 0x2500 <= code <= 0x257F:  # box drawing: Rich swaps its own boxes, this is for the rest
        name = unicodedata.name(char, "")
        if "HORIZONTAL" in name and "VERTICAL" not in name:
            return "-"
        if "VERTICAL" in name and "HORIZONTAL" not in name:
            return "|"
        return "+"
    if 0x2580 <= code <= 0x259F:  # block elements: the bars of the stats charts
        return "#"
    decomposed = unicodedata.normalize("NFKD", char)
    kept = "".join(
        _STAND_INS.get(c, c) for c in decomposed if not unicodedata.combining(c)
    )  # é -> e, ﬁ -> fi, ½ -> 1/2
    return kept if kept and kept.isascii() else "?"


def _fallback(exc: UnicodeError) -> tuple[str | bytes, int]:
    if not isinstance(exc, UnicodeEncodeError):
        raise exc
    bad = exc.object[exc.start : exc.end]
    if all("\udc80" <= c <= "\udcff" for c in bad):
        # Bytes smuggled in by surrogateescape (file names that were not UTF-8): give them back.
        return bytes(ord(c) - 0xDC00 for c in bad), exc.end
    return "".join(stand_in(c) for c in bad), exc.end


codecs.register_error(FALLBACK, _fallback)


def is_utf(encoding: str | None) -> bool:
    """Whether an encoding can take any character (UTF-8, -16 or -32)."""
    if not encoding:
        return False
    try:
        return codecs.lookup(encoding).name.startswith("utf")
    except LookupError:
        return False


def takes_unicode(stream: Any) -> bool:
    """Whether a text stream can be written any character without a stand-in."""
    return is_utf(getattr(stream, "encoding", None) or "utf-8")


def fit_stream(stream: Any) -> None:
    """Give a text stream that is not UTF-8 the ASCII stand-ins instead of an error."""
    if takes_unicode(stream) or not hasattr(stream, "reconfigure"):
        return
    with suppress(ValueError, OSError):  # closed, or a flush that failed: leave it as it is
        stream.reconfigure(errors=FALLBACK)


def fit_output() -> None:
    """Fit stdout and stderr (see `fit_stream`); a closed stderr (`2>&-`) becomes the null
    device, so that a message has somewhere to go."""
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w")  # noqa: SIM115 - it lives as long as the process
    fit_stream(sys.stdout)
    fit_stream(sys.stderr)


def fitted(text: str, stream: Any) -> str:
    """The text as `stream` will show it: stand-ins for what its encoding cannot take."""
    encoding = getattr(stream, "encoding", None) or "utf-8"
    if is_utf(encoding):
        return text
    try:
        return text.encode(encoding, FALLBACK).decode(encoding, "replace")
    except LookupError:
        return text


def sized_environ(environ: Mapping[str, str] | None = None) -> dict[str, str]:
    """The environment without a COLUMNS or LINES that is not a positive number.

    Rich takes `COLUMNS=0` as a width of nothing and prints nothing; unset, it asks the
    terminal, as other programs do with a size they cannot use."""
    env = dict(os.environ if environ is None else environ)
    for name in ("COLUMNS", "LINES"):
        value = env.get(name)
        if value is not None and not (value.strip().isdigit() and int(value) > 0):
            del env[name]
    return env


def report_unwritable(exc: OSError) -> None:
    """Stdout cannot be written (a full disk, a terminal that has gone): silence it and say so
    in one line on stderr, where stderr still works. The caller chooses the exit (2)."""
    quiet_stdout()
    try:
        sys.stderr.write(f"newsquiz: cannot write the output to stdout: {exc.strerror or exc}\n")
        sys.stderr.flush()
    except (OSError, ValueError):
        pass


def quiet_stdout() -> None:
    """Point stdout's file descriptor at the null device.

    After the reader of a pipe has gone, or the disk is full, Python's last flush at exit
    would fail again and print "Exception ignored"; it now writes nowhere."""
    try:
        fd = sys.stdout.fileno()
    except (AttributeError, ValueError, OSError):  # no real file (a test runner's buffer)
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, fd)
    finally:
        os.close(devnull)


TERMINAL_CLOSED = 129  # a session whose terminal went away ends as a hang-up (SIGHUP) does


def signal_name(signum: int) -> str:
    """A signal's name, as in SIGTERM."""
    try:
        return signal.Signals(signum).name
    except ValueError:
        return f"signal {signum}"


def signal_exit_code(signum: int) -> int:
    """128 + the signal's number, as a shell reports a process a signal ended."""
    return 128 + signum


def ending_signals() -> list[int]:
    """The signals that end a session: SIGTERM everywhere, SIGHUP where it exists."""
    names = ("SIGTERM", "SIGHUP")
    return [int(getattr(signal, n)) for n in names if getattr(signal, n, None) is not None]


class _Gate:
    """Signals that arrive while an answer is being written wait until it is written."""

    depth = 0
    pending: BaseException | None = None


@contextmanager
def signals_held() -> Iterator[None]:
    """Hold off `signals_end_session`'s exception until the block is done.

    An answer is committed to the history and counted in the report inside this block, so a
    signal cannot leave one counted without the other. Outside `signals_end_session` it
    costs nothing and changes nothing."""
    _Gate.depth += 1
    try:
        yield
    finally:
        _Gate.depth -= 1
    if _Gate.depth == 0 and _Gate.pending is not None:
        exc, _Gate.pending = _Gate.pending, None
        raise exc


@contextmanager
def signals_end_session(
    ending: Callable[[int], BaseException],
    stop_prompt: Callable[[BaseException], bool] | None = None,
) -> Iterator[None]:
    """While the block runs, SIGTERM and SIGHUP raise `ending(signum)`, as Ctrl-C raises
    KeyboardInterrupt; their previous handlers come back after it (unless one of them fired:
    then they stay ignored, for the few moments the program needs to finish).

    A running prompt is first asked to end itself with the exception (`stop_prompt(exc)`
    returns True when it will), so that it restores the terminal on its way out. Inside
    `signals_held` the exception waits for the end of the block. Only the first signal counts:
    a closed terminal often brings SIGHUP twice (from the kernel and from the shell), and a
    second exception would cut short the very ending the first one started. A signal that
    was ignored when newsquiz started (`nohup`) stays ignored. Outside the main thread, or
    where these signals do not exist, this does nothing.
    """
    first: list[BaseException] = []

    def handler(signum: int, frame: FrameType | None) -> None:
        if first:
            return  # the session is already ending
        exc = ending(signum)
        first.append(exc)
        if _Gate.depth:
            _Gate.pending = exc
            return
        if stop_prompt is not None and stop_prompt(exc):
            return
        raise exc

    previous: dict[int, Any] = {}
    with suppress(ValueError):  # not the main thread
        for signum in ending_signals():
            old = signal.getsignal(signum)
            if old is signal.SIG_IGN:
                continue
            signal.signal(signum, handler)
            previous[signum] = old
    try:
        yield
    finally:
        for signum, old in previous.items():
            # Once a signal has ended the session, more of them are ignored while the report
            # is printed: the program is on its way out already.
            restored = signal.SIG_IGN if first else old
            signal.signal(signum, restored if restored is not None else signal.SIG_DFL)
        _Gate.pending = None
