"""The session orchestration the CLI and the API share: study(), its hooks and its outcomes."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

import pytest

from newsquiz.api import load, session
from newsquiz.errors import AnswerError
from newsquiz.quiz import Question, Result
from newsquiz.session import ListAnswers, Report
from newsquiz.study import Hooks, SessionEnded, study

from .conftest import BankFactory


class FakeRecorder:
    """Keeps what a session recorded, and whether it was closed."""

    def __init__(self) -> None:
        self.recorded: list[tuple[str, Mapping[str, object] | None]] = []
        self.closed = False

    def record(self, result: Result, extra: Mapping[str, object] | None = None) -> None:
        self.recorded.append((result.question.id, extra))

    def close(self, report: Report) -> None:
        self.closed = True


def right_answers(questions: tuple[Question, ...]) -> list[str]:
    return [q.answer_key for q in questions]


def test_a_full_session_records_shows_and_pauses_between_questions(
    make_bank: BankFactory,
) -> None:
    quiz = session(load([str(make_bank())]), seed=3)
    recorder, shown, pauses = FakeRecorder(), [], []
    hooks = Hooks(
        show=lambda result, number: shown.append(number),
        pause=lambda: pauses.append(1),
        extra=lambda result, number: {"confidence": number},
    )
    outcome = study(quiz, ListAnswers(right_answers(quiz.questions)), recorder, hooks)
    assert outcome.exit_code == 0 and not outcome.interrupted and outcome.notes == ()
    assert outcome.report.correct == 3
    assert shown == [1, 2, 3] and len(pauses) == 2  # no pause after the last question
    assert recorder.closed
    assert recorder.recorded == [(q.id, {"confidence": n}) for n, q in enumerate(quiz.questions, 1)]


@pytest.mark.parametrize("code", [130, 143, 129])
def test_session_ended_keeps_the_answers_and_carries_its_exit_code(
    make_bank: BankFactory, code: int
) -> None:
    quiz = session(load([str(make_bank())]), seed=3)
    recorder = FakeRecorder()

    def end_after_first(result: Result, number: int) -> None:
        raise SessionEnded(code, "stopped by a signal")

    outcome = study(
        quiz, ListAnswers(right_answers(quiz.questions)), recorder, Hooks(show=end_after_first)
    )
    assert outcome.exit_code == code and outcome.interrupted
    assert outcome.report.answered == 1 and len(recorder.recorded) == 1 and recorder.closed
    assert outcome.notes == ("stopped by a signal; the answers given so far are kept.",)


def test_ctrl_c_ends_with_130(make_bank: BankFactory) -> None:
    quiz = session(load([str(make_bank())]), seed=3)

    def interrupt() -> None:
        raise KeyboardInterrupt

    outcome = study(
        quiz,
        ListAnswers(right_answers(quiz.questions)),
        FakeRecorder(),
        Hooks(pause=interrupt),
    )
    assert (outcome.exit_code, outcome.report.answered) == (130, 1)


def test_fail_under_gives_exit_code_1_and_says_why(make_bank: BankFactory) -> None:
    quiz = session(load([str(make_bank())]), seed=3)
    wrong = ["f" if q.answer_key == "t" else "t" for q in quiz.questions]
    outcome = study(quiz, ListAnswers(wrong), FakeRecorder(), fail_under=50)
    assert outcome.exit_code == 1 and not outcome.interrupted
    assert outcome.notes == ("score 0% is under --fail-under 50%",)
    assert (
        study(
            quiz, ListAnswers(right_answers(quiz.questions)), FakeRecorder(), fail_under=50
        ).exit_code
        == 0
    )


def test_running_out_and_leftover_answers_are_warned_about(make_bank: BankFactory) -> None:
    quiz = session(load([str(make_bank())]), seed=3)
    warnings: list[str] = []
    hooks = Hooks(warn=warnings.append)
    study(quiz, ListAnswers(right_answers(quiz.questions)[:1]), FakeRecorder(), hooks)
    assert warnings == [
        "the answers ran out after 1 of 3 questions; the rest count as not answered."
    ]
    warnings.clear()
    study(
        quiz, ListAnswers(right_answers(quiz.questions)), FakeRecorder(), hooks, leftover=lambda: 2
    )
    assert warnings == ["ignored 2 answer line(s) after the last question."]


def test_a_bad_answer_closes_the_recorder_and_raises(make_bank: BankFactory) -> None:
    quiz = session(load([str(make_bank())]), seed=3)
    recorder = FakeRecorder()
    answers = [*right_answers(quiz.questions)[:1], "zzz"]
    with pytest.raises(AnswerError):
        study(quiz, ListAnswers(answers), recorder)
    assert recorder.closed and len(recorder.recorded) == 1


def test_the_library_side_imports_no_view_or_prompt() -> None:
    code = (
        "import sys, newsquiz.study, newsquiz.recorder, newsquiz.api; "
        "bad = [m for m in ('typer', 'rich', 'questionary') if m in sys.modules]; "
        "print(','.join(bad))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_the_command_modules_import_no_circle() -> None:
    source = (Path(__file__).parent.parent / "src/newsquiz/commands/quiz.py").read_text()
    assert "from .history" not in source and "commands.history" not in source
