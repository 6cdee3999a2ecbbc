"""The Python API for scripts: load banks, build a session, grade answers.

from newsquiz.api import load, session, check

library = load()                          # the shipped bank, or load(["my-bank.yaml"])
quiz = session(library, seed=7, count=5)  # the same questions `newsquiz ask --seed 7 -n 5` prints
for q in quiz.questions:
    print(q.id, q.prompt, [o.text for o in q.options])
first = quiz.questions[0]
result = check(library, first.id, first.options[0].key, seed=7)
print(result.correct, result.evidence[0].sentence)

# A whole session as the CLI runs it, without saving, feedback shown by your own function:
answers = ListAnswers([q.options[0].key for q in quiz.questions])
outcome = study(quiz, answers, NullRecorder(), Hooks(show=print_result))
"""

from __future__ import annotations

from collections.abc import Iterable

from .bank import Library, load_library
from .model import Article, Bank, Choice, Claim, Evidence
from .quiz import Question, Result, Session, build_session, check_answer
from .recorder import NullRecorder, open_recorder
from .session import ListAnswers, Report, run_session
from .study import Hooks, Outcome, SessionEnded, study

__all__ = [
    "Article",
    "Bank",
    "Choice",
    "Claim",
    "Evidence",
    "Hooks",
    "Library",
    "ListAnswers",
    "NullRecorder",
    "Outcome",
    "Question",
    "Report",
    "Result",
    "Session",
    "SessionEnded",
    "check",
    "load",
    "open_recorder",
    "run_session",
    "session",
    "study",
]


def load(banks: Iterable[str] | None = None) -> Library:
    """Load bank files or folders (default: $NEWSQUIZ_BANK, else the shipped bank)."""
    return load_library(list(banks) if banks is not None else None)


def session(
    library: Library,
    *,
    seed: int | None = None,
    count: int | None = None,
    kind: str = "all",
    tags: Iterable[str] = (),
) -> Session:
    """The questions a `newsquiz quiz` with these flags would ask, in order."""
    return build_session(library.claims, seed=seed, count=count, kind=kind, tags=tags)


def check(library: Library, question_id: str, answer: str, seed: int | None = None) -> Result:
    """Grade one answer to a question id (`CLAIM:tf` or `CLAIM:mc`), as `newsquiz check` does."""
    return check_answer(library, question_id, answer, seed)
