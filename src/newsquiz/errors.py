"""The one family of errors the core raises, each with a message written for the user."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

# Characters that must never reach a terminal from a bank, an id or a history row: C0 and C1
# controls and DEL (escape sequences), bidirectional embeddings, overrides, isolates and marks
# (they reorder what a reader sees), and invisible characters (zero-width space, word joiner,
# invisible operators, Hangul fillers, a byte-order mark inside text). Zero-width (non-)joiners
# shape Persian, Indic scripts and emoji, so they pass between two visible characters only.
_INVISIBLE = (
    r"\u061c\u115f\u1160\u180e\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069"
    r"\u3164\ufeff\uffa0"
)
_LONE_JOINER = r"|(?<!\S)[\u200c\u200d]|[\u200c\u200d](?!\S)"
# Bank text: tab and newline are text, and a carriage return before a newline.
UNSAFE = re.compile(rf"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f{_INVISIBLE}]|\r(?!\n){_LONE_JOINER}")
_UNSAFE_IN_MESSAGE = re.compile(rf"[\x00-\x08\x0b-\x1f\x7f-\x9f{_INVISIBLE}]{_LONE_JOINER}")
_UNSAFE_ANYWHERE = re.compile(rf"[\x00-\x1f\x7f-\x9f{_INVISIBLE}]{_LONE_JOINER}")


def printable(text: str, *, keep_newlines: bool = False) -> str:
    """Text made safe to print: each unsafe character shown as an escape such as \\x1b."""
    if text.isascii() and text.isprintable():
        return text
    pattern = _UNSAFE_IN_MESSAGE if keep_newlines else _UNSAFE_ANYWHERE
    return pattern.sub(_escape, text)


def did_you_mean(name: str, known: Iterable[str]) -> str:
    """' (did you mean 'x'?)' for the closest known name, or '' when none is close."""
    import difflib  # the standard library's fuzzy matcher

    close = difflib.get_close_matches(name, list(known), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def describe_character(char: str) -> str:
    """Name an unsafe character for a message: 'a control character (U+001B)', or for one
    that is invisible or reorders text, its Unicode name."""
    code = ord(char)
    if code < 0x20 or 0x7F <= code <= 0x9F:
        return f"a control character (U+{code:04X})"
    import unicodedata

    name = unicodedata.name(char, "")
    return f"an invisible or direction-changing character (U+{code:04X} {name})".replace(" )", ")")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input file, at a line and column (both from 1)."""

    path: str
    line: int
    col: int
    message: str

    def __str__(self) -> str:
        # One line, always: a path may hold a newline or an escape sequence (NEWSQUIZ_BANK is
        # whatever the environment says), and so may a message that names a path.
        return printable(f"{self.path}:{self.line}:{self.col}: {self.message}")

    def sort_key(self) -> tuple[str, int, int, str]:
        """Order problems by file, then position."""
        return (self.path, self.line, self.col, self.message)


@dataclass(frozen=True)
class UnreadablePath(Problem):
    """A bank path that cannot be read at all (missing, a loop, not a file, no permission,
    over the size cap): unusable input, exit 2 even under `validate`, whose exit 1 is for
    problems inside banks."""


class NewsquizError(Exception):
    """Base of every error newsquiz reports to the user without a traceback."""

    exit_code = 2

    def __str__(self) -> str:
        # Messages quote what the user typed and what files hold (ids, answers, history rows,
        # paths): nothing in them may drive the terminal the message is printed on, and a
        # newline in a path or an id must not break the one-line message.
        return printable(super().__str__())


class UsageError(NewsquizError):
    """The request cannot be carried out as given: a bad flag, id or answer."""


class BankError(NewsquizError):
    """A bank or its article cannot be used; carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        first = str(problems[0]) if problems else "the bank is invalid"
        more = (
            f" (and {len(problems) - 1} more; run 'newsquiz validate')" if len(problems) > 1 else ""
        )
        super().__init__(first + more)


class HistoryError(NewsquizError):
    """The history database cannot be used."""


class AnswerError(UsageError):
    """An answer names no option; carries the line of an answers file when there is one."""
