"""The session orchestration the CLI and the API share: study(), its hooks and its outcomes."""

from __future__ import annotations

import random
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

import pytest

from newsquiz.api import load, session
from newsquiz.bank import load_library
from newsquiz.progress import plan_review
from newsquiz.quiz import (
    Question,
    Result,
    build_session,
    evidence_sentences,
    grade,
    make_question,
)
from newsquiz.session import ListAnswers, Report
from newsquiz.store import CardRow, fingerprint
from newsquiz.study import Hooks, SessionEnded, next_step, study

from .conftest import BankFactory


class FakeRecorder:
    """Keeps what a session recorded, and whether it was closed."""

    saves = True

    def __init__(self) -> None:
        self.recorded: list[tuple[str, Mapping[str, object] | None]] = []
        self.closed = False
        self.due: dict[str, int] = {}

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


def test_a_bad_answer_ends_with_exit_2_the_error_first_and_the_report_kept(
    make_bank: BankFactory,
) -> None:
    quiz = session(load([str(make_bank())]), seed=3)
    recorder = FakeRecorder()
    answers = [*right_answers(quiz.questions)[:1], "zzz"]
    outcome = study(quiz, ListAnswers(answers), recorder)
    assert recorder.closed and len(recorder.recorded) == 1
    assert outcome.exit_code == 2 and outcome.report.answered == 1
    assert outcome.notes[0].startswith("'zzz' is not an answer to")  # the error, then the note
    assert outcome.notes[1] == "1 answer(s) before this one were graded and kept."
    assert outcome.report.to_json()["error"] == outcome.notes[0]


def test_no_answers_at_all_is_exit_2_and_nothing_is_recorded(make_bank: BankFactory) -> None:
    quiz = session(load([str(make_bank())]), seed=3)
    recorder = FakeRecorder()
    outcome = study(quiz, ListAnswers([]), recorder)
    assert outcome.exit_code == 2 and recorder.recorded == []
    assert "no answers in it" in outcome.notes[0]


def test_without_saving_nothing_is_said_to_be_kept(make_bank: BankFactory) -> None:
    quiz = session(load([str(make_bank())]), seed=3)
    recorder = FakeRecorder()
    recorder.saves = False

    def interrupt(result: Result, number: int) -> None:
        raise KeyboardInterrupt

    outcome = study(quiz, ListAnswers(["t", "t", "t"]), recorder, Hooks(show=interrupt))
    assert outcome.notes == ("interrupted; nothing was saved (--no-save).",)
    assert outcome.next_step is not None and "Nothing was saved" in outcome.next_step


def test_next_step_says_when_the_misses_come_back(make_bank: BankFactory) -> None:
    quiz = session(load([str(make_bank())]), seed=3)
    report = Report(3, 3, [grade(q, q.answer_key) for q in quiz.questions])
    assert next_step(report, True, {}, 0) is not None
    wrong = [grade(q, "f" if q.answer_key != "f" else "t") for q in quiz.questions]
    day = 24 * 3600
    due = {r.question.id: day + 600 for r in wrong}
    assert next_step(Report(3, 3, wrong), True, due, 600) == (
        "3 misses come back tomorrow: newsquiz review"
    )
    assert next_step(Report(3, 3, wrong[:1]), True, {wrong[0].question.id: 3 * day}, 0) == (
        "1 miss comes back in 3 days: newsquiz review"
    )
    assert next_step(Report(3, 3, []), True, {}, 0) is None


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


class Watcher:
    """An answer source that notes, as each question is asked, whether feedback already shown
    held one of its evidence sentences; every other answer is wrong, so misses show too."""

    def __init__(self) -> None:
        self.shown: set[tuple[str, int]] = set()
        self.leaks: list[str] = []
        self.asked = 0

    def answer(self, question: Question, number: int, total: int) -> str | None:
        if evidence_sentences(question.claim) & self.shown:
            self.leaks.append(question.id)
        self.asked += 1
        key = question.answer_key
        return key if number % 2 else next(o.key for o in question.options if o.key != key)

    def show(self, result: Result, number: int) -> None:
        self.shown |= evidence_sentences(result.question.claim)


def test_no_quiz_of_300_seeds_shows_the_evidence_of_a_question_before_asking_it() -> None:
    claims = load_library().claims
    for seed in range(300):
        watcher = Watcher()
        quiz = build_session(claims, seed=seed, count=10)
        study(quiz, watcher, FakeRecorder(), Hooks(show=watcher.show))
        assert watcher.asked == 10 and watcher.leaks == [], seed


def test_no_review_of_300_seeds_shows_the_evidence_of_a_question_before_asking_it() -> None:
    claims = load_library().claims
    for seed in range(300):
        rng = random.Random(seed)
        due = rng.sample(claims, 12)  # twelve due cards, most overdue first, then new ones
        cards = [
            CardRow(q.id, fingerprint(q), "{}", i, 1, 0)
            for i, q in enumerate(make_question(c, "tf", seed, True) for c in due)
        ]
        plan = plan_review(claims, cards, now=100, new_limit=5, seed=seed)
        watcher = Watcher()
        study(plan.session, watcher, FakeRecorder(), Hooks(show=watcher.show))
        assert watcher.asked == 17 and watcher.leaks == [], seed


def test_a_full_quiz_of_the_shipped_bank_gives_nothing_away() -> None:
    watcher = Watcher()
    quiz = build_session(load_library().claims, seed=11)  # every claim: overlap is forced
    assert quiz.notes and "share evidence" in quiz.notes[0]
    study(quiz, watcher, FakeRecorder(), Hooks(show=watcher.show))
    assert watcher.asked == len(quiz.questions) and watcher.leaks == []


def test_stopping_before_any_answer_says_so(make_bank: BankFactory) -> None:
    quiz = session(load([str(make_bank())]), seed=3)

    class Stops:
        def answer(self, question: Question, number: int, total: int) -> str | None:
            raise SessionEnded(130, "stopped")

    outcome = study(quiz, Stops(), FakeRecorder())
    assert outcome.notes == ("stopped; no answer was given.",) and outcome.exit_code == 130
    assert outcome.next_step is None


def test_held_feedback_is_announced_with_the_question_it_waits_for() -> None:
    quiz = build_session(load_library().claims, seed=11)  # every claim: some groups
    waits: list[tuple[int, int]] = []
    study(quiz, Watcher(), FakeRecorder(), Hooks(held=lambda n, after: waits.append((n, after))))
    expected = [(n, r) for n, r in enumerate(quiz.reveal, 1) if r > n]
    assert waits == expected and waits
