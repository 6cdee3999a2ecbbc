"""The rating table (rightness and confidence to an FSRS rating), checked against fsrs itself."""

from __future__ import annotations

import json
import os
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path

import fsrs
import pytest

from newsquiz.errors import AnswerError
from newsquiz.model import Choice
from newsquiz.quiz import grade, make_question
from newsquiz.schedule import RATING_TABLE, confidence_readings, next_card, rating
from newsquiz.store import CardRow
from newsquiz.study import SessionEnded

from .conftest import BankFactory

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)


def _days_until_due(correct: bool, confidence: str | None) -> float:
    _json, due, _reps, _lapses = next_card("q:tf", None, "fp", correct, T0, confidence)
    return (due - T0.timestamp()) / 86400


def test_the_rating_table() -> None:
    assert rating(True, "sure") == fsrs.Rating.Easy
    assert rating(True, "unsure") == fsrs.Rating.Good
    assert rating(True, "guessed") == fsrs.Rating.Hard
    assert rating(True, None) == fsrs.Rating.Good  # saying nothing keeps the old rule
    for confidence in ("sure", "unsure", "guessed", None):
        assert rating(False, confidence) == fsrs.Rating.Again
    assert rating(True, "something else") == fsrs.Rating.Good
    assert len(RATING_TABLE) == 8


def test_fsrs_spaces_a_sure_answer_furthest_and_a_lucky_guess_least() -> None:
    guessed, unsure, sure = (_days_until_due(True, c) for c in ("guessed", "unsure", "sure"))
    assert guessed < unsure < sure
    assert (guessed, unsure, sure) == (1, 2, 8)
    assert _days_until_due(True, None) == unsure
    assert _days_until_due(False, "sure") == 1


def test_every_miss_is_a_lapse_however_sure() -> None:
    first = next_card("q:tf", None, "fp", True, T0, "sure")
    row = CardRow("q:tf", "fp", first[0], first[1], first[2], first[3])
    later = T0 + timedelta(days=9)
    for confidence in ("sure", "unsure", "guessed", None):
        card_json, due, reps, lapses = next_card("q:tf", row, "fp", False, later, confidence)
        assert (reps, lapses) == (2, 1)
        assert due - int(later.timestamp()) == 86400  # back tomorrow, not in 42 days
        assert fsrs.Card.from_json(card_json).state == fsrs.State.Review


def test_the_rating_is_what_fsrs_is_given(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[fsrs.Rating] = []
    original = fsrs.Scheduler.review_card

    def spy(self: fsrs.Scheduler, card: fsrs.Card, r: fsrs.Rating, **kw: object) -> object:
        seen.append(r)
        return original(self, card, r, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(fsrs.Scheduler, "review_card", spy)
    for correct, confidence in RATING_TABLE:
        next_card("q:tf", None, "fp", correct, T0, confidence)
    assert [int(r) for r in seen] == list(RATING_TABLE.values())


@pytest.mark.parametrize(
    ("raw", "readings"),
    [
        ("t", [("t", None)]),
        ("t!", [("t!", None), ("t", "sure")]),
        ("f?", [("f?", None), ("f", "unsure")]),
        ("ns??", [("ns??", None), ("ns", "guessed"), ("ns?", "unsure")]),
        (" b ! ", [("b !", None), ("b", "sure")]),
        ("?", [("?", None)]),
    ],
)
def test_confidence_suffixes(raw: str, readings: list[tuple[str, str | None]]) -> None:
    assert confidence_readings(raw) == readings


def test_grading_reads_the_confidence_suffix(make_bank: BankFactory) -> None:
    from newsquiz.bank import load_library

    claims = {c.id: c for c in load_library([str(make_bank())]).claims}
    tf = make_question(claims["cost"], "tf", 1, True)
    assert (grade(tf, "f!").correct, grade(tf, "f!").confidence) == (True, "sure")
    assert (grade(tf, "t?").correct, grade(tf, "t?").confidence) == (False, "unsure")
    assert grade(tf, "ns??").confidence == "guessed"
    assert grade(tf, "false").confidence is None
    assert grade(tf, "f?").to_json()["confidence"] == "unsure"
    with pytest.raises(AnswerError, match="'x!' is not an answer"):
        grade(tf, "x!")
    # An option whose own text ends in '?' is taken as written first.
    odd = replace(
        claims["reopen-date"],
        choice=Choice("Who reopens it?", "Nobody knows?", ("The mayor", "The firm")),
    )
    mc = make_question(odd, "mc", 1, False)
    assert grade(mc, "Nobody knows?").confidence is None and grade(mc, "Nobody knows?").correct
    assert grade(mc, "Nobody knows??").confidence == "unsure"
    assert grade(mc, "the mayor??").confidence == "guessed"


def _prompt_with_keys(keys: str, ask: bool = True) -> str | None:
    from prompt_toolkit.application import create_app_session
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput

    from newsquiz.bank import load_library
    from newsquiz.prompt import PromptAnswers

    found = load_library().claim("trip-length")
    assert found is not None
    question = make_question(found, "tf", 3, offers_not_stated=True)
    with create_pipe_input() as inp, create_app_session(input=inp, output=DummyOutput()):
        inp.send_text(keys)
        return PromptAnswers(pause=lambda: None, ask_confidence=ask).answer(question, 1, 1)


@pytest.mark.timeout(30)
def test_the_prompt_asks_for_confidence_with_one_key() -> None:
    assert _prompt_with_keys("f\rs") == "f!"
    assert _prompt_with_keys("t\ru") == "t?"
    assert _prompt_with_keys("n\rg") == "ns??"
    assert _prompt_with_keys("f\r\r") == "f"  # Enter skips
    assert _prompt_with_keys("f\rxyzg") == "f??"  # other keys do nothing
    assert _prompt_with_keys("f\r", ask=False) == "f"
    with pytest.raises(KeyboardInterrupt):
        _prompt_with_keys("f\r\x03")
    with pytest.raises(SessionEnded):  # q stops the session, as at the question itself
        _prompt_with_keys("f\rq")


def test_the_confidence_setting_is_remembered(tmp_path: Path) -> None:
    from newsquiz.settings import ask_confidence, settings_path

    path = settings_path()
    assert str(path).startswith(os.environ["XDG_CONFIG_HOME"])
    assert ask_confidence(None) is True and not path.exists()  # on by default, nothing written
    assert ask_confidence(False) is False
    assert json.loads(path.read_text())["ask_confidence"] is False
    assert ask_confidence(None) is False
    assert ask_confidence(True) is True and ask_confidence(None) is True
    path.write_text("{not json")
    assert ask_confidence(None) is True  # a damaged file means the defaults
    path.write_text('{"ask_confidence": "no"}')
    assert ask_confidence(None) is True  # a value of the wrong type too


def test_an_unwritable_settings_folder_does_not_stop_a_quiz(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from newsquiz.settings import ask_confidence

    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(blocker))  # a file where a folder should be
    assert ask_confidence(False) is False
    assert ask_confidence(None) is True
