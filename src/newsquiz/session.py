"""Running a session: answers from a source, graded in order, gathered in a report.

Only commands that run a session import this; `ask` and `check` do not need it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from .errors import AnswerError
from .quiz import Question, Result, Session, grade
from .terminal import signals_held


@dataclass
class Report:
    """What happened in a session so far; complete when `answered == total`."""

    seed: int
    total: int
    results: list[Result] = field(default_factory=list)
    error: str | None = None

    @property
    def answered(self) -> int:
        """How many questions were answered."""
        return len(self.results)

    @property
    def correct(self) -> int:
        """How many answers were right."""
        return sum(r.correct for r in self.results)

    @property
    def score(self) -> float:
        """The percentage right of all the session's questions, 0 to 100."""
        return round(100.0 * self.correct / self.total, 1) if self.total else 0.0

    def to_json(self) -> dict[str, Any]:
        """The documented shape of `quiz --json`."""
        return {
            "seed": self.seed,
            "total": self.total,
            "answered": self.answered,
            "correct": self.correct,
            "score": self.score,
            "results": [r.to_json() for r in self.results],
            **({"error": self.error} if self.error else {}),
        }


class AnswerSource(Protocol):
    """Where answers come from: a prompt, a file, a list. The engine cannot tell which."""

    def answer(self, question: Question, number: int, total: int) -> str | None:
        """The answer to a question, or None when there are no more answers."""


def run_session(
    session: Session,
    source: AnswerSource,
    on_result: Callable[[Result, int], None] = lambda result, number: None,
    report: Report | None = None,
    record: Callable[[Result], None] = lambda result: None,
) -> Report:
    """Ask every question in order, grading each answer as it comes.

    Each result is first recorded (`record`), then counted in the report, then shown
    (`on_result`): an answer that could not be recorded is not reported as kept, and one that
    was recorded is in the report even if the session is interrupted while it is shown.
    """
    report = report if report is not None else Report(session.seed, len(session.questions))
    total = len(session.questions)
    for number, question in enumerate(session.questions, start=1):
        raw = source.answer(question, number, total)
        if raw is None:
            break
        try:
            result = grade(question, raw)
        except AnswerError as exc:
            where = getattr(source, "where", None)
            raise AnswerError(f"{where}: {exc}" if where else str(exc)) from None
        with signals_held():  # a signal cannot split the commit from the count
            record(result)
            report.results.append(result)
        on_result(result, number)
    return report


@dataclass
class ListAnswers:
    """Answers given as data, for tests and the Python API."""

    answers: list[str]

    def answer(self, question: Question, number: int, total: int) -> str | None:
        """The next answer in the list."""
        return self.answers[number - 1] if number <= len(self.answers) else None
