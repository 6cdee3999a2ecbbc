"""The Python API agrees with the CLI."""

from __future__ import annotations

import json

from newsquiz.api import ListAnswers, check, load, run_session, session

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
