"""The one family of errors the core raises, each with a message written for the user."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input file, at a line and column (both from 1)."""

    path: str
    line: int
    col: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.message}"

    def sort_key(self) -> tuple[str, int, int, str]:
        """Order problems by file, then position."""
        return (self.path, self.line, self.col, self.message)


class NewsquizError(Exception):
    """Base of every error newsquiz reports to the user without a traceback."""

    exit_code = 2


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
