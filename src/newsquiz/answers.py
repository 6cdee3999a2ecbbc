"""Answer sources for scripts: answers read one a line from a file or standard input."""

from __future__ import annotations

import codecs
from typing import BinaryIO

from .errors import AnswerError
from .quiz import Question

# The longest answer line read, in bytes: an answer is a letter or an option's text, and a cap
# keeps a device such as /dev/zero (or a file with no line breaks) from growing memory forever.
MAX_LINE_BYTES = 4096
# `leftover` counts at most this many further lines, so an endless source cannot hang the end.
MAX_LEFTOVER_LINES = 100_000


class StreamAnswers:
    """Answers read one line at a time, as they arrive, so a script can feed a live session.

    Blank lines and lines starting with '#' are skipped; a UTF-8 byte-order mark at the start
    (as some Windows editors write) is ignored.
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
            raw = self.stream.readline(MAX_LINE_BYTES + 1)
            if not raw:
                return None
            self.line += 1
            if len(raw) > MAX_LINE_BYTES and not raw.endswith(b"\n"):
                raise AnswerError(
                    f"{self.where}: this line is longer than {MAX_LINE_BYTES} bytes; "
                    "an answer is a letter or an option's text, one a line"
                )
            if self.line == 1 and raw.startswith(codecs.BOM_UTF8):
                raw = raw[len(codecs.BOM_UTF8) :]
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
        """How many more answers the input holds (reads on to its end: call only on a file).

        Stops at a line that cannot be read and after MAX_LEFTOVER_LINES: this count only
        feeds a warning.
        """
        count = 0
        try:
            while count < MAX_LEFTOVER_LINES and self._next_line() is not None:
                count += 1
        except AnswerError:
            count += 1
        return count
