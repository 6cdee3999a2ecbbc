"""The interactive quiz in a real pseudo-terminal, the way a person meets it."""

from __future__ import annotations

import os
import re
import sqlite3
import sys
from pathlib import Path

import pexpect
import pytest

from .conftest import BankFactory

DOWN = "\x1b[B"


def spawn(args: list[str], db: Path, term: str = "xterm-256color") -> pexpect.spawn:
    env = {
        **os.environ,
        "TERM": term,
        "PROMPT_TOOLKIT_NO_CPR": "1",
        "NEWSQUIZ_DB": str(db),
        "COLUMNS": "100",
        "LINES": "40",
    }
    env.pop("NO_COLOR", None)
    return pexpect.spawn(
        sys.executable,
        ["-m", "newsquiz", *args],
        env=env,
        encoding="utf-8",
        timeout=20,
        dimensions=(40, 100),
    )


@pytest.mark.timeout(90)
def test_a_person_takes_a_quiz_with_arrows_and_enter(
    make_bank: BankFactory, tmp_path: Path
) -> None:
    db = tmp_path / "h.sqlite3"
    child = spawn(["quiz", "--bank", str(make_bank()), "--kind", "tf", "--seed", "4"], db)
    child.expect("The library reopens")  # the header names the article
    child.expect("judged by the article alone")
    child.expect("3 question")
    for number in (1, 2, 3):
        child.expect(rf"Question {number} of 3 · True or false\?")
        child.expect("Not stated")  # the pool holds a not-stated claim
        child.send(DOWN)  # move to "False"
        child.send("\r")
        child.expect("How sure")
        child.send({1: "s", 2: "\r", 3: "g"}[number])  # one key; Enter skips
        child.expect(["Right", "Wrong"])
        child.expect("¶")  # the evidence, with its paragraph number
        if number < 3:
            child.expect("Press any key")
            child.send(" ")
    child.expect("Score: ")
    child.expect("By tag")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    conn = sqlite3.connect(db)
    rows = conn.execute("SELECT given, confidence FROM answers ORDER BY id").fetchall()
    conn.close()
    assert rows == [("False", "sure"), ("False", None), ("False", "guessed")]


@pytest.mark.timeout(90)
def test_ctrl_c_mid_session_keeps_what_was_answered(make_bank: BankFactory, tmp_path: Path) -> None:
    db = tmp_path / "h.sqlite3"
    child = spawn(["quiz", "--bank", str(make_bank()), "--kind", "tf", "--seed", "4"], db)
    child.expect("Question 1 of 3")
    child.send("t")  # the shortcut key selects True
    child.send("\r")
    child.expect("How sure")
    child.send("u")
    child.expect(["Right", "Wrong"])
    child.expect("Press any key")
    child.send(" ")
    child.expect("Question 2 of 3")
    child.sendcontrol("c")
    child.expect("Score: ")
    child.expect("interrupted")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert "Traceback" not in (child.before or "")
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*), min(given) FROM answers").fetchone() == (1, "True")
    conn.close()


@pytest.mark.timeout(60)
def test_multiple_choice_by_letter(make_bank: BankFactory, tmp_path: Path) -> None:
    child = spawn(
        ["quiz", "--bank", str(make_bank()), "--kind", "mc", "--no-save"], tmp_path / "h.sqlite3"
    )
    child.expect(r"Question 1 of 1 · Choose one: When will the library reopen\?")
    child.expect("q or Esc stops")  # the prompt says how to get out
    child.expect("d\\) ")
    child.send("f")  # no option f: refused, and Enter is not taken as option a
    child.expect("'f' is not an option here: type a, b, c, d, or q to stop.")
    child.send("\r")  # Enter takes nothing and does not repeat the message
    child.send("a")
    child.send("\r")
    child.expect_exact("How sure?")
    assert "not an option" not in child.before  # told once, for the one wrong key
    child.send("\r")
    child.expect(["Right", "Wrong"])
    child.expect("3 June")  # "the answer is 3 June" after a miss, "Answer: 3 June" after a hit
    child.expect("¶1")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0


@pytest.mark.timeout(90)
def test_ctrl_d_at_the_pause_ends_the_session_and_keeps_the_answer(
    make_bank: BankFactory, tmp_path: Path
) -> None:
    db = tmp_path / "h.sqlite3"
    child = spawn(["quiz", "--bank", str(make_bank()), "--kind", "tf", "--seed", "4"], db)
    child.expect("Question 1 of 3")
    child.send("f")
    child.send("\r")
    child.expect_exact("How sure?")
    child.send("u")
    child.expect(["Right", "Wrong"])
    child.expect("Press any key")
    child.sendcontrol("d")
    child.expect("Score: ")
    child.expect("interrupted")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert "Traceback" not in (child.before or "")
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*), min(given) FROM answers").fetchone() == (1, "False")
    conn.close()


@pytest.mark.timeout(60)
@pytest.mark.parametrize(
    ("answer", "code", "headline"),
    [("f", 0, "✓ Right"), ("t", 1, "✗ Wrong: the answer is False (you said True)")],
)
def test_check_at_a_terminal_shows_the_rich_view(
    tmp_path: Path, answer: str, code: int, headline: str
) -> None:
    child = spawn(["check", "trip-length:tf", answer], tmp_path / "h.sqlite3")
    child.expect(pexpect.EOF)
    child.close()
    out = child.before or ""
    assert child.exitstatus == code, out
    # The quote is styled in place (no »…« as in the plain view of a pipe) ...
    assert re.search(r"Monday \x1b\[[0-9;]+mat the start of his two-day trip\x1b\[0m,", out)
    # ... inside a panel titled with the question id.
    lines = [line.strip("│ ") for line in re.sub(r"\x1b\[[0-9;]*m", "", out).splitlines()]
    assert lines[0].startswith("╭") and lines[0].endswith("─ trip-length:tf ─╮")
    assert lines[1:5] == [
        headline,
        "Refuted: the article says otherwise.",
        "The article says: The article calls it a two-day trip.",
        "¶3 He also met Putin Monday at the start of his two-day trip, shortly after Russian "
        "missiles",
    ]
    assert "»" not in out and "Traceback" not in out


@pytest.mark.timeout(60)
def test_no_confidence_is_remembered(make_bank: BankFactory, tmp_path: Path) -> None:
    bank = str(make_bank())
    args = ["quiz", "--bank", bank, "--kind", "mc", "--no-save"]
    child = spawn([*args, "--no-confidence"], tmp_path / "h.sqlite3")
    child.expect("Question 1 of 1")
    child.send("a")
    child.send("\r")
    child.expect(["Right", "Wrong"])  # straight to the feedback: nothing asked
    child.expect(pexpect.EOF)
    child.close()
    child = spawn(args, tmp_path / "h.sqlite3")  # the next quiz remembers
    child.expect("Question 1 of 1")
    child.send("b")
    child.send("\r")
    index = child.expect(["How sure", "Right", "Wrong"])
    child.expect(pexpect.EOF)
    child.close()
    assert index != 0 and child.exitstatus == 0


@pytest.mark.timeout(90)
@pytest.mark.parametrize("key", ["q", "\x1b"])
def test_q_or_esc_ends_a_session_like_ctrl_c(
    make_bank: BankFactory, tmp_path: Path, key: str
) -> None:
    db = tmp_path / "h.sqlite3"
    child = spawn(["quiz", "--bank", str(make_bank()), "--kind", "tf", "--seed", "4"], db)
    child.expect("Question 1 of 3")
    child.send("t")
    child.send("\r")
    child.expect("How sure")
    child.send("s")
    child.expect("Press any key for the next question \\(q or Esc stops\\)")
    child.send(" ")
    child.expect("Question 2 of 3")
    child.send(key)
    child.expect("Score: ")
    child.expect("1 answered, ")
    child.expect("2 not answered")
    child.expect("stopped; the answers given so far are kept")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*) FROM answers").fetchone() == (1,)
    conn.close()


@pytest.mark.timeout(60)
def test_the_confidence_chosen_shows_in_a_dumb_terminal(
    make_bank: BankFactory, tmp_path: Path
) -> None:
    env = {**os.environ, "TERM": "dumb", "NEWSQUIZ_DB": str(tmp_path / "h.sqlite3")}
    child = pexpect.spawn(
        sys.executable,
        ["-m", "newsquiz", "quiz", "--bank", str(make_bank()), "--kind", "mc", "--no-save"],
        env=env,
        encoding="utf-8",
        timeout=20,
        dimensions=(40, 100),
    )
    child.expect("Question 1 of 1")
    child.send("a")
    child.send("\r")
    child.expect("Enter skips: ")
    child.send("u")
    child.expect(r"\bunsure\s")  # the whole word, not its last letter only
    child.expect(["Right", "Wrong"])
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0


def test_under_term_dumb_the_prompts_draw_no_bold_or_colour(
    make_bank: BankFactory, tmp_path: Path
) -> None:
    import io
    import re

    args = ["quiz", "--bank", str(make_bank()), "--kind", "tf", "--seed", "4", "--no-save"]
    child = spawn(args, tmp_path / "h.sqlite3", term="dumb")
    child.logfile_read = seen = io.StringIO()
    child.expect("Question 1 of 3")
    child.send("t")
    child.send("\r")
    child.expect_exact("How sure?")
    child.send("s")
    child.expect("Press any key")
    child.send("q")
    child.expect(pexpect.EOF)
    child.close()
    # Cursor moves are the prompt's business; any style (bold, colour) other than a reset is not.
    styles = set(re.findall(r"\x1b\[([0-9;]*)m", seen.getvalue())) - {"", "0"}
    assert styles == set()
