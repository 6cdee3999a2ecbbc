"""The Python API agrees with the CLI."""

from __future__ import annotations

import json
from pathlib import Path

from newsquiz.api import (
    Hooks,
    ListAnswers,
    NullRecorder,
    check,
    load,
    open_recorder,
    run_session,
    session,
    study,
)

from .conftest import CliInvoke


def test_api_session_matches_ask(cli: CliInvoke) -> None:
    library = load()
    quiz = session(library, seed=7, count=5)
    asked = json.loads(cli("ask", "--seed", "7", "--count", "5", "--json").stdout)
    assert [q.to_json() for q in quiz.questions] == asked["questions"]


def test_api_check_and_run() -> None:
    library = load()
    result = check(library, "oil-share-source:tf", "f")
    assert result.correct and "according to analysts" in result.evidence[0].sentence
    quiz = session(library, seed=1, count=2, kind="tf")
    report = run_session(quiz, ListAnswers(["t", "f"]))
    assert report.answered == 2


def test_api_study_records_like_the_cli(cli: CliInvoke, tmp_path: Path) -> None:
    library = load()
    quiz = session(library, seed=3, count=3)
    db = tmp_path / "api.sqlite3"
    shown: list[str] = []
    outcome = study(
        quiz,
        ListAnswers([q.answer_key for q in quiz.questions]),
        open_recorder(str(db), False, quiz, "quiz"),
        Hooks(show=lambda result, number: shown.append(result.question.id)),
    )
    assert outcome.exit_code == 0 and outcome.report.score == 100.0
    assert shown == [q.id for q in quiz.questions]
    assert outcome.next_step is not None and outcome.next_step.endswith(": newsquiz review")
    history = json.loads(cli("history", "--db", str(db), "--json").stdout)
    assert [(h["mode"], h["answered"], h["correct"]) for h in history] == [("quiz", 3, 3)]
    unsaved = study(quiz, ListAnswers(["t"] * 3), NullRecorder())
    assert unsaved.report.answered == 3
