"""The questionary answer source, driven in-process with prompt_toolkit's pipe input."""

from __future__ import annotations

import pytest
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from newsquiz.bank import load_library
from newsquiz.prompt import PromptAnswers
from newsquiz.quiz import make_question

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
