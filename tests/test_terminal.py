"""Where output goes: encodings that are not UTF-8, odd sizes, full disks and closed pipes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from newsquiz.cli import app
from newsquiz.terminal import FALLBACK, fit_stream, fitted, sized_environ, stand_in

from .conftest import CLAIMS, BankFactory

# A claim whose own text, sentence and choice hold what an ASCII stream cannot take.
CURLY = (
    CLAIMS
    + """\
  - id: critics-cost
    claim: Critics called the renovation’s cost “too high”.
    verdict: supported
    evidence: ["Critics called the cost “too high”"]
    tags: [numbers]
    choice:
      question: What did critics call the cost — in their words?
      answer: Too high
      distractors: [About right, Too low, A bargain]
"""
)


def ascii_run(*args: str, code: int = 0) -> Result:
    """Run newsquiz in-process with a stdout that encodes ASCII only, as LC_ALL=C gives."""
    result = CliRunner(charset="ascii").invoke(app, list(args))
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    assert result.exit_code == code, result.stderr
    return result


def utf8_run(*args: str, code: int = 0) -> Result:
    """The same, with a UTF-8 stdout."""
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == code, result.stderr
    return result


def run(
    args: list[str], env: dict[str, str], stdout: int | None = subprocess.PIPE, stdin: str = ""
) -> subprocess.CompletedProcess[bytes]:
    """Run newsquiz as a process, the way a shell does."""
    full = {k: v for k, v in os.environ.items() if k not in ("PYTHONIOENCODING", "PYTHONUTF8")}
    full.update(env)
    return subprocess.run(
        [sys.executable, "-m", "newsquiz", *args],
        env=full,
        input=stdin.encode(),
        stdout=stdout,
        stderr=subprocess.PIPE,
        timeout=60,
        check=False,
    )


def assert_no_traceback(stderr: bytes) -> None:
    text = stderr.decode("utf-8", "replace")
    assert "Traceback" not in text and "Exception ignored" not in text, text


# --- the stand-ins ----------------------------------------------------------------------------


def test_each_character_ascii_cannot_take_gets_a_stand_in() -> None:
    text = "“too high” — it’s ¶3: »quote« ✓ ✗ ███ café … ½ ─│┼ € ·"
    assert text.encode("ascii", FALLBACK) == (
        b'"too high" - it\'s #3: >>quote<< + x ### cafe ... 1/2 -|+ EUR -'
    )
    assert stand_in("\u4e2d") == "?"  # nothing like it in ASCII
    assert stand_in("\u200b") == ""  # a zero-width space shows as nothing


def test_a_stream_in_latin1_keeps_what_it_can_take() -> None:
    assert "»é« “x”".encode("latin-1", FALLBACK) == '»é« "x"'.encode("latin-1")


def test_bytes_smuggled_in_by_surrogateescape_come_back_out() -> None:
    # A file name that was not UTF-8 reaches Python as lone surrogates; LC_ALL=C writes them back.
    assert "bad-\udcff.yaml".encode("ascii", FALLBACK) == b"bad-\xff.yaml"


def test_fitted_text_is_what_the_stream_will_show(tmp_path: Path) -> None:
    with open(tmp_path / "out", "w", encoding="ascii") as stream:
        assert fitted("Press any key…", stream) == "Press any key..."
    with open(tmp_path / "out", "w", encoding="utf-8") as stream:
        assert fitted("Press any key…", stream) == "Press any key…"


def test_fit_stream_leaves_a_utf8_stream_strict(tmp_path: Path) -> None:
    with (
        open(tmp_path / "a", "w", encoding="utf-8") as utf,
        open(tmp_path / "b", "w", encoding="ascii") as ascii_stream,
    ):
        fit_stream(utf)
        fit_stream(ascii_stream)
        assert utf.errors == "strict" and ascii_stream.errors == FALLBACK
        ascii_stream.write("“x” ¶2\n")
    assert (tmp_path / "b").read_bytes() == b'"x" #2\n'


def test_sizes_that_are_not_positive_numbers_count_as_unset() -> None:
    env = {"COLUMNS": "0", "LINES": "-4", "HOME": "/h"}
    assert sized_environ(env) == {"HOME": "/h"}
    assert sized_environ({"COLUMNS": "abc", "LINES": "40"}) == {"LINES": "40"}
    assert sized_environ({"COLUMNS": "120"}) == {"COLUMNS": "120"}


# --- every command at a stream that is not UTF-8 ---------------------------------------------


@pytest.fixture
def curly_bank(make_bank: BankFactory) -> str:
    return str(make_bank(CURLY))


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["claims"], 0),
        (["show", "critics-cost"], 0),
        (["find", "critics said the cost was too high"], 0),
        (["check", "critics-cost:tf", "t"], 0),
        (["check", "critics-cost:tf", "f"], 1),
        (["check", "critics-cost:mc", "Too high"], 0),
        (["ask", "--seed", "1"], 0),
        (["validate"], 0),
    ],
)
def test_views_fall_back_to_ascii(curly_bank: str, args: list[str], code: int) -> None:
    out = ascii_run(*args, "--bank", curly_bank, code=code).stdout_bytes
    assert out.isascii() and out.strip()
    if args[0] in ("claims", "show", "check") and "critics-cost:mc" not in args:
        assert b'"too high"' in out  # curly quotes became straight ones


def test_plain_evidence_marks_the_quote_with_ascii_marks(curly_bank: str) -> None:
    out = ascii_run("check", "critics-cost:tf", "t", "--bank", curly_bank).stdout
    assert '#3 >>Critics called the cost "too high"<< - but the U.S. firm' in out


@pytest.mark.parametrize(
    "args",
    [
        ["claims", "--json"],
        ["show", "critics-cost", "--json"],
        ["check", "critics-cost:mc", "Too high", "--json"],
        ["ask", "--seed", "3", "--json"],
        ["find", "critics said the cost was too high", "--json"],
    ],
)
def test_json_escapes_what_the_stream_cannot_take(curly_bank: str, args: list[str]) -> None:
    out = ascii_run(*args, "--bank", curly_bank).stdout_bytes
    assert out.isascii()
    # The same data as a UTF-8 stream gets, to the character: escapes, not stand-ins.
    assert json.loads(out) == json.loads(utf8_run(*args, "--bank", curly_bank).stdout_bytes)
    assert b"\\u201c" in out or args[0] == "ask"


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "claimreview", "markdown"])
def test_exports_into_a_file_stay_utf8(curly_bank: str, fmt: str) -> None:
    args = ["export", "--to", fmt, "--bank", curly_bank, "--seed", "2"]
    out = ascii_run(*args).stdout_bytes
    assert out == utf8_run(*args).stdout_bytes  # the bytes --out would write
    assert "“too high”".encode() in out


def test_a_quiz_and_its_history_at_an_ascii_stream(curly_bank: str, tmp_path: Path) -> None:
    answers = tmp_path / "answers.txt"
    answers.write_text("t\nt\nt\nt\n")
    args = ["quiz", "--bank", curly_bank, "--kind", "tf", "--seed", "5", "--answers", str(answers)]
    out = ascii_run(*args).stdout_bytes
    assert out.isascii() and b"Score:" in out
    assert out.count(b"+ Right") + out.count(b"x Wrong") == 4  # each answer's feedback
    sessions = json.loads(ascii_run("history", "--json").stdout)
    assert sessions[0]["answered"] == 4 and sessions[0]["finished"] is not None
    for view in (["stats"], ["history"], ["stats", "--json"]):
        out = ascii_run(*view).stdout_bytes
        assert out.isascii() and out.strip()
    assert b"#" in ascii_run("stats").stdout_bytes  # the bars, drawn in ASCII


@pytest.mark.parametrize(
    "env",
    [{"PYTHONIOENCODING": "ascii"}, {"LC_ALL": "C", "PYTHONUTF8": "0"}],
    ids=["PYTHONIOENCODING=ascii", "LC_ALL=C"],
)
def test_a_process_whose_locale_is_not_utf8(curly_bank: str, env: dict[str, str]) -> None:
    for args in (["claims"], ["claims", "--json"], ["check", "critics-cost:tf", "t"]):
        proc = run([*args, "--bank", curly_bank], env)
        assert proc.returncode == 0 and proc.stdout.isascii() and b"too high" in proc.stdout
        assert_no_traceback(proc.stderr)
    # A whole session: every answer graded and shown, not just the first.
    proc = run(
        ["quiz", "--bank", curly_bank, "--kind", "tf", "--seed", "5", "--answers", "-"],
        env,
        stdin="t\nf\nt\nns\n",
    )
    assert_no_traceback(proc.stderr)
    assert proc.returncode == 0 and proc.stdout.isascii()
    assert proc.stdout.count(b"Right") + proc.stdout.count(b"Wrong") == 4


# --- sizes, full disks, readers that go away --------------------------------------------------


def test_columns_0_is_taken_as_unset(curly_bank: str) -> None:
    proc = run(["claims", "--bank", curly_bank], {"COLUMNS": "0"})
    assert proc.returncode == 0 and b"4 of 4 claims" in proc.stdout
    # Laid out at the width Rich uses when it cannot ask a terminal, not at no width at all.
    assert max(len(line) for line in proc.stdout.decode().splitlines()) == 80
    assert_no_traceback(proc.stderr)


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize(
    "args",
    [["claims"], ["claims", "--json"], ["ask"], ["check", "critics-cost:tf", "f"], ["schema"]],
)
def test_a_full_disk_is_a_message_and_exit_2(curly_bank: str, args: list[str]) -> None:
    with open("/dev/full", "wb") as full:
        proc = run(
            [*args, "--bank", curly_bank] if args != ["schema"] else args, {}, stdout=full.fileno()
        )
    assert proc.returncode == 2
    assert proc.stderr.decode() == (
        "newsquiz: cannot write the output to stdout: No space left on device\n"
    )


@pytest.mark.parametrize(
    "args",
    [
        ["claims", "--json"],
        ["ask"],
        ["claims"],
        ["check", "critics-cost:tf", "t"],
        ["export", "--to", "csv"],
    ],
)
def test_a_pipe_closed_before_the_first_write(curly_bank: str, args: list[str]) -> None:
    # The reader is gone before newsquiz writes anything (`... | true`): the very first write
    # meets the closed pipe, whatever its size, so the handler is always reached.
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        proc = run([*args, "--bank", curly_bank], {}, stdout=write_end)
    finally:
        os.close(write_end)
    assert proc.returncode == 0
    assert proc.stderr == b""
