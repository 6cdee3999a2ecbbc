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
    # Said once for the wrong key; the Enter after it takes nothing and says nothing more.
    assert said == ["'x' is not an option here: type t, f, n, or q to stop."]
    answer, said = say_and_keys("tf", "x\r\rz\rt\r")  # each wrong key is told once
    assert answer == "t" and [m[:3] for m in said] == ["'x'", "'z'"]
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


@pytest.mark.timeout(20)
@pytest.mark.parametrize("columns", [60, 100])
def test_the_question_is_printed_wrapped_at_words_and_the_prompt_message_is_short(
    columns: int, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import questionary

    monkeypatch.setenv("COLUMNS", str(columns))
    claim = max(load_library().claims, key=lambda c: len(c.claim))  # the longest question
    question = make_question(claim, "tf", 3, offers_not_stated=True)
    messages: list[str] = []
    select = questionary.select

    def spy(message: str, *args: object, **kwargs: object) -> object:
        messages.append(message)
        return select(message, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(questionary, "select", spy)
    with create_pipe_input() as inp, create_app_session(input=inp, output=DummyOutput()):
        inp.send_text("t\r")
        assert PromptAnswers(pause=lambda: None).answer(question, 3, 10) == "t"
    # questionary echoes its message and the answer on one line: short, nothing to break
    assert messages == ["Your answer"]
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) > 1 and all(len(line) < columns for line in lines)
    words = question_heading(question, 3, 10).split() + "Your answer: t) True".split()
    assert " ".join(lines).split() == words  # every word whole, in order, then the answer


@pytest.mark.timeout(20)
def test_the_chosen_option_is_echoed_wrapped_at_words(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """prompt_toolkit's own echo (message and option on one line) broke long options mid-word at
    60 columns ("Partnersh / ip"); the select erases itself and the answer is echoed wrapped."""
    monkeypatch.setenv("COLUMNS", "60")
    claim = max(
        (c for c in load_library().claims if c.choice),
        key=lambda c: max(len(o) for o in (c.choice.answer, *c.choice.distractors)),  # type: ignore[union-attr]
    )
    question = make_question(claim, "mc", 3, offers_not_stated=False)
    longest = max(question.options, key=lambda o: len(o.text))
    with create_pipe_input() as inp, create_app_session(input=inp, output=DummyOutput()):
        inp.send_text(longest.key + "\r")
        assert PromptAnswers(pause=lambda: None).answer(question, 1, 1) == longest.key
    out = capsys.readouterr().out
    echo = out[out.index("Your answer: ") :].splitlines()
    assert len(echo) > 1 and all(len(line) < 60 for line in echo)
    assert " ".join(echo).split() == f"Your answer: {longest.key}) {longest.text}".split()


def test_notes_on_stderr_wrap_at_words_at_a_terminal_only(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import sys

    from newsquiz.commands.quiz import warn

    note = "questions 1-3, 4-7, 8-11 and 7 more groups share evidence, so the answers wait"
    monkeypatch.setenv("COLUMNS", "40")
    warn(note)  # not a terminal: one line, for logs and scripts
    assert capsys.readouterr().err == f"newsquiz: {note}\n"
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    warn(note)
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) > 1 and all(len(line) < 40 for line in lines)
    assert " ".join(lines).split() == f"newsquiz: {note}".split()


def test_plain_questions_wrap_at_words_only_when_given_a_width() -> None:
    from newsquiz.plain import questions
    from newsquiz.quiz import build_session

    session = build_session(load_library().claims, seed=4, count=5)
    piped = questions(session)
    assert len(piped.splitlines()) == 1 + 2 * 5  # one line a question, one for its options
    wrapped = questions(session, 40)
    assert all(len(line) <= 40 for line in wrapped.splitlines())
    assert wrapped.split() == piped.split()  # the same words, none cut
    assert len(wrapped.splitlines()) > len(piped.splitlines())
    options = {
        o for line in piped.splitlines() if line.startswith("   ") for o in line.split("   ")
    }
    for line in wrapped.splitlines():  # each option whole on one line, when it fits in one
        if line.startswith("   ") and not line.startswith("      "):
            assert all(o in options for o in line.split("   ")[1:]), line
