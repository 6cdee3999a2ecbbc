"""Answer sources for scripts: answers read one a line from a file or standard input."""

from __future__ import annotations

from typing import BinaryIO

from .errors import AnswerError
from .quiz import Question


class StreamAnswers:
    """Answers read one line at a time, as they arrive, so a script can feed a live session.

    Blank lines and lines starting with '#' are skipped.
    """

    def __init__(self, stream: BinaryIO, name: str) -> None:
        self.stream = stream
        self.name = name
        self.line = 0

    @property
    def where(self) -> str:
        """The file and line of the answer last read."""
        return f"{self.name}:{self.line}"

    def _next_line(self) -> str | None:
        while True:
            raw = self.stream.readline()
            if not raw:
                return None
            self.line += 1
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError:
                raise AnswerError(f"{self.where}: this line is not UTF-8 text") from None
            text = text.strip()
            if text and not text.startswith("#"):
                return text

    def answer(self, question: Question, number: int, total: int) -> str | None:
        """The next non-blank line, or None at the end of the input."""
        return self._next_line()

    def leftover(self) -> int:
        """How many more answers the input holds (reads to its end: call only on a file)."""
        count = 0
        while self._next_line() is not None:
            count += 1
        return count
