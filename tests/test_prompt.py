"""The questionary answer source, driven in-process with prompt_toolkit's pipe input."""

from __future__ import annotations

import pytest
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from newsquiz.bank import load_library
from newsquiz.prompt import PromptAnswers, wrapped_heading
from newsquiz.quiz import make_question
from newsquiz.render import question_heading
from newsquiz.study import SessionEnded

DOWN = "\x1b[B"


def ask_with_keys(kind: str, keys: str) -> str | None:
    found = load_library().claim("trip-length")
    assert found is not None
    question = make_question(found, kind, 3, offers_not_stated=True)  # type: ignore[arg-type]
    with create_pipe_input() as inp, create_app_session(input=inp, output=DummyOutput()):
        inp.send_text(keys)
        return PromptAnswers(pause=lambda: None).answer(question, 1, 1)


@pytest.mark.timeout(20)
def test_arrows_and_enter_choose_an_option() -> None:
    assert ask_with_keys("tf", DOWN + "\r") == "f"
    assert ask_with_keys("tf", DOWN + DOWN + "\r") == "ns"


@pytest.mark.timeout(20)
def test_shortcut_keys_choose_an_option() -> None:
    assert ask_with_keys("tf", "n\r") == "ns"
    assert ask_with_keys("mc", "c\r") == "c"


@pytest.mark.timeout(20)
def test_ctrl_c_raises_keyboard_interrupt() -> None:
    with pytest.raises(KeyboardInterrupt):
        ask_with_keys("tf", "\x03")


def say_and_keys(kind: str, keys: str) -> tuple[str | None, list[str]]:
    found = load_library().claims[0]
    question = make_question(found, kind, 3, offers_not_stated=True)  # type: ignore[arg-type]
    said: list[str] = []
    with create_pipe_input() as inp, create_app_session(input=inp, output=DummyOutput()):
        inp.send_text(keys)
        answer = PromptAnswers(pause=lambda: None, say=said.append).answer(question, 1, 1)
    return answer, said


@pytest.mark.timeout(20)
def test_a_letter_that_is_no_option_is_refused_and_asked_again() -> None:
    answer, said = say_and_keys("tf", "x\rf\r")  # x is no option: Enter must not take "True"
    assert answer == "f"
    assert said == ["'x' is not an option here: type t, f, n, or q to stop."] * 2  # x, Enter
    answer, said = say_and_keys("tf", "x" + DOWN + "\r")  # the arrows choose again too
    assert answer == "f" and len(said) == 1
    answer, said = say_and_keys("tf", "n\r")  # n is the key shown for Not stated
    assert answer == "ns" and said == []


@pytest.mark.timeout(20)
@pytest.mark.parametrize("key", ["q", "\x1b"])
def test_q_and_esc_end_the_session(key: str) -> None:
    with pytest.raises(SessionEnded) as ended:
        say_and_keys("tf", key)
    assert ended.value.exit_code == 130


def test_long_questions_wrap_at_words() -> None:
    found = load_library().claims[0]
    question = make_question(found, "tf", 3, offers_not_stated=True)
    lines = wrapped_heading(question, 3, 10, 40).split("\n")
    assert len(lines) > 1 and all(len(line) <= 39 for line in lines)
    words = question_heading(question, 3, 10).split()
    assert " ".join(" ".join(lines).split()) == " ".join(words)  # no word was cut
