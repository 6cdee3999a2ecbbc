"""Where output goes: encodings that are not UTF-8, odd sizes, full disks and closed pipes."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pexpect
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
    claimant: The critics
    appearance: https://critics.example/cost
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
    flags = {
        "markdown": ["--seed", "2"],
        "claimreview": ["--author", "A", "--url", "https://a.test"],
    }
    args = ["export", "--to", fmt, "--bank", curly_bank, *flags.get(fmt, [])]
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


def test_ctrl_c_outside_a_session_is_exit_130(
    curly_bank: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import newsquiz.bank

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt  # as Ctrl-C during a long load of a big bank

    monkeypatch.setattr(newsquiz.bank, "load_library", interrupted)
    result = CliRunner().invoke(app, ["claims", "--bank", curly_bank])
    assert result.exit_code == 130  # PRODUCT section 3, not click's "Aborted!" exit 1
    assert result.stderr == "newsquiz: interrupted\n"


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


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("args", [["--help"], ["--version"], ["claims", "--help"]])
def test_help_and_version_on_a_full_disk_are_a_message_and_exit_2(args: list[str]) -> None:
    # Click prints these itself, before any command's error handling runs.
    with open("/dev/full", "wb") as full:
        proc = run(args, {}, stdout=full.fileno())
    assert proc.returncode == 2
    assert proc.stderr.decode() == (
        "newsquiz: cannot write the output to stdout: No space left on device\n"
    )


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_new_on_a_full_disk_says_the_files_were_written(tmp_path: Path) -> None:
    article = tmp_path / "article.txt"
    article.write_text("A headline\n\nThe council met on Monday. It voted to reopen the library.\n")
    args = [
        "new",
        str(article),
        "--title",
        "T",
        "--published",
        "2024-01-01",
        "--out",
        str(tmp_path),
    ]
    with open("/dev/full", "wb") as full:
        proc = run(args, {}, stdout=full.fileno())
    assert proc.returncode == 2
    bank = tmp_path / "t-2024-01-01.yaml"
    assert bank.exists()
    stderr = proc.stderr.decode()
    # The summary went to stderr, so the user knows not to run it again without --force.
    assert stderr.startswith(f"wrote {bank} "), stderr
    assert stderr.endswith("newsquiz: cannot write the output to stdout: No space left on device\n")
    assert_no_traceback(proc.stderr)


@pytest.mark.skipif(sys.platform == "win32", reason="needs RLIMIT_FSIZE")
@pytest.mark.parametrize(
    "args",
    [["claims", "--json"], ["ask", "--seed", "1"], ["export", "--to", "jsonl"], ["claims"]],
)
def test_a_disk_that_fills_up_mid_output_is_not_silent(
    curly_bank: str, tmp_path: Path, args: list[str]
) -> None:
    # A file size limit is a full disk that needs no privileges: the write that crosses it
    # is cut short, and the next one fails (Python ignores SIGXFSZ). One big write cut short
    # would be reported as whole by Python's buffered writer, and the output lost in silence.
    import resource

    limit = 256  # well under what each of these commands prints
    out = tmp_path / "out"
    with open(out, "wb") as f:
        proc = subprocess.run(
            [sys.executable, "-m", "newsquiz", *args, "--bank", curly_bank],
            stdout=f,
            stderr=subprocess.PIPE,
            preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit)),
            timeout=60,
            check=False,
        )
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.decode() == "newsquiz: cannot write the output to stdout: File too large\n"
    assert out.stat().st_size == limit


@pytest.mark.skipif(sys.platform == "win32", reason="closes a descriptor before exec")
def test_a_closed_stdout_or_stderr(curly_bank: str) -> None:
    def started_with_closed(fd: int, bank: str = curly_bank) -> subprocess.CompletedProcess[bytes]:
        return subprocess.run(
            [sys.executable, "-m", "newsquiz", "claims", "--json", "--bank", bank],
            stdout=subprocess.PIPE if fd == 2 else None,
            stderr=subprocess.PIPE if fd == 1 else None,
            preexec_fn=lambda: os.close(fd),  # as `>&-` or `2>&-` in a shell
            timeout=60,
            check=False,
        )

    no_stdout = started_with_closed(1)
    assert no_stdout.returncode == 2
    assert no_stdout.stderr == (
        b"newsquiz: standard output is closed; send it to a file, a pipe or /dev/null\n"
    )
    assert json.loads(started_with_closed(2).stdout)[0]["id"] == "reopen-date"
    # An error with nowhere to say it still has its exit code, not a crash's.
    assert started_with_closed(2, bank="/no/such/bank.yaml").returncode == 2


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


def session_rows(db: Path) -> list[tuple[int, int, int]]:
    """(finished is set, answered, answers kept) for each session in a history."""
    import sqlite3

    conn = sqlite3.connect(db)
    try:
        return [
            (int(finished is not None), answered, kept)
            for finished, answered, kept in conn.execute(
                "SELECT finished, answered, (SELECT count(*) FROM answers) FROM sessions"
            )
        ]
    finally:
        conn.close()


def test_a_pipe_closed_mid_quiz_still_finishes_the_session(curly_bank: str, tmp_path: Path) -> None:
    db = tmp_path / "h.sqlite3"
    answers = tmp_path / "answers.txt"
    answers.write_text("t\n" * 4)
    env = {**os.environ, "NEWSQUIZ_DB": str(db)}
    args = ["quiz", "--bank", curly_bank, "--kind", "tf", "--seed", "5", "--answers", str(answers)]
    proc = subprocess.Popen(
        [sys.executable, "-m", "newsquiz", *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.readline()
    proc.stdout.close()  # as `| head -1` does
    err = proc.stderr.read()
    assert proc.wait(timeout=60) == 0
    assert_no_traceback(err)
    [(finished, answered, kept)] = session_rows(db)
    assert finished == 1 and 1 <= answered == kept


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_a_full_disk_mid_quiz_still_finishes_the_session(curly_bank: str, tmp_path: Path) -> None:
    db = tmp_path / "h.sqlite3"
    args = ["quiz", "--bank", curly_bank, "--kind", "tf", "--seed", "5", "--answers", "-"]
    with open("/dev/full", "wb") as full:
        proc = run(args, {"NEWSQUIZ_DB": str(db)}, stdout=full.fileno(), stdin="t\nt\nt\nt\n")
    assert proc.returncode == 2
    assert b"cannot write the output to stdout: No space left on device" in proc.stderr
    # The session's header is the first thing written: it fails before any question is asked,
    # and a session with no answer leaves no row in the history.
    assert session_rows(db) == []


@pytest.mark.skipif(sys.platform == "win32", reason="SIGTERM cannot be caught there")
def test_sigterm_ends_a_scripted_session_too(curly_bank: str, tmp_path: Path) -> None:
    import signal

    db = tmp_path / "h.sqlite3"
    args = ["quiz", "--bank", curly_bank, "--kind", "tf", "--seed", "5", "--answers", "-"]
    proc = subprocess.Popen(
        [sys.executable, "-m", "newsquiz", *args],
        env={**os.environ, "NEWSQUIZ_DB": str(db)},
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdin is not None and proc.stdout is not None
    proc.stdin.write(b"t\n")
    proc.stdin.flush()
    line = b""
    while b"Right" not in line and b"Wrong" not in line:  # the first answer is graded
        line = proc.stdout.readline()
        assert line, "the session ended before its first answer"
    proc.send_signal(signal.SIGTERM)  # while it waits for the second answer
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 143
    assert err.decode().endswith("newsquiz: ended by SIGTERM; the answers given so far are kept.\n")
    assert b"Score: " in out
    assert session_rows(db) == [(1, 1, 1)]


# --- signals and lost terminals in a real pseudo-terminal ------------------------------------

posix_pty = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="a pseudo-terminal and /proc"
)


def pty_session(bank: str, db: Path, shell: str, extra: str = "") -> pexpect.spawn:
    """A quiz in a real pty, started by `bash -c SHELL` where {quiz} stands for the command;
    returned after the first answer, at the second question."""
    quiz = f"{sys.executable} -m newsquiz quiz --bank {bank} --kind tf --seed 5 {extra}".strip()
    env = {
        **os.environ,
        "TERM": "xterm-256color",
        "PROMPT_TOOLKIT_NO_CPR": "1",
        "NEWSQUIZ_DB": str(db),
        "COLUMNS": "100",
    }
    child = pexpect.spawn(
        "bash",
        ["-c", shell.format(quiz=quiz)],
        env=env,
        encoding="utf-8",
        timeout=30,
        dimensions=(40, 100),
    )
    child.expect(r"Question 1 of 4")
    child.send("t")
    child.send("\r")
    child.expect("How sure were you")
    child.send("s")
    child.expect("Press any key")
    child.send(" ")
    child.expect(r"Question 2 of 4")  # waiting for a key, in raw mode
    return child


def quiz_pid(child: pexpect.spawn) -> int:
    """The quiz process: the one child of the shell pexpect started."""
    with open(f"/proc/{child.pid}/task/{child.pid}/children") as f:
        return int(f.read().split()[0])


@posix_pty
@pytest.mark.timeout(90)
@pytest.mark.parametrize(
    ("signame", "code", "as_json"),
    [("SIGTERM", 143, False), ("SIGHUP", 129, False), ("SIGTERM", 143, True)],
)
def test_a_signal_ends_the_session_and_restores_the_terminal(
    curly_bank: str, tmp_path: Path, signame: str, code: int, as_json: bool
) -> None:
    import signal

    db = tmp_path / "h.sqlite3"
    shell = "{quiz}; echo EXIT=$?; stty -a"
    child = pty_session(curly_bank, db, shell, "--json" if as_json else "")
    os.kill(quiz_pid(child), getattr(signal, signame))
    child.expect(pexpect.EOF)
    out = child.before or ""
    assert f"newsquiz: ended by {signame}; the answers given so far are kept." in out
    assert f"EXIT={code}" in out
    assert '"answered": 1' in out if as_json else "Score: " in out
    assert "Traceback" not in out
    # The terminal is back in cooked mode: line editing and echo, as the shell left it.
    settings = out.split(f"EXIT={code}")[1].split()
    assert "icanon" in settings and "echo" in settings, settings
    assert session_rows(db) == [(1, 1, 1)]


@posix_pty
@pytest.mark.timeout(90)
@pytest.mark.parametrize(
    ("ignored", "stderr_to_file"),
    [(True, True), (False, True), (True, False)],
    ids=["SIGHUP-ignored", "SIGHUP", "SIGHUP-ignored-stderr-lost-too"],
)
def test_closing_the_terminal_ends_the_session_cleanly(
    curly_bank: str, tmp_path: Path, ignored: bool, stderr_to_file: bool
) -> None:
    db = tmp_path / "h.sqlite3"
    err = tmp_path / "stderr.txt"
    trap = "trap '' HUP; " if ignored else ""  # as nohup leaves it
    redirect = f" 2>{err}" if stderr_to_file else ""
    child = pty_session(curly_bank, db, trap + "exec {quiz}" + redirect)
    os.close(child.child_fd)  # the window is closed
    _, status = os.waitpid(child.pid, 0)
    child.closed = True  # its descriptor is already closed
    assert os.waitstatus_to_exitcode(status) == 129
    if stderr_to_file:
        text = err.read_text()
        assert "Traceback" not in text
        assert text.endswith("; the answers given so far are kept.\n"), text
    assert session_rows(db) == [(1, 1, 1)]


@posix_pty
@pytest.mark.timeout(90)
def test_an_interactive_quiz_at_a_terminal_that_is_not_utf8(
    curly_bank: str, tmp_path: Path
) -> None:
    env = {
        **os.environ,
        "TERM": "xterm-256color",
        "PROMPT_TOOLKIT_NO_CPR": "1",
        "NEWSQUIZ_DB": str(tmp_path / "h.sqlite3"),
        "LC_ALL": "C",
        "PYTHONUTF8": "0",
        "NO_COLOR": "1",
    }
    env.pop("PYTHONIOENCODING", None)
    child = pexpect.spawn(
        sys.executable,
        ["-m", "newsquiz", "quiz", "--bank", curly_bank, "--kind", "mc", "--seed", "1"],
        env=env,
        timeout=30,
        dimensions=(40, 100),
    )  # bytes, to see exactly what reaches the terminal
    seen = io.BytesIO()
    child.logfile_read = seen
    child.expect(rb"Question 1 of 2 \S+ Choose one: ")
    child.expect(rb">> a\) ")  # the pointer, where the terminal cannot show it as a guillemet
    child.send("a")
    child.send("\r")
    child.expect(rb"How sure were you\? s sure")  # the confidence prompt, in ASCII too
    child.send("s")
    child.expect(rb"\+ Right|x Wrong")
    child.expect(rb"Press any key for the next question \(q or Esc stops\)\.\.\.")
    child.send(" ")
    child.expect(rb"Question 2 of 2 \S+ Choose one: ")  # the session goes on after the first answer
    child.send("a")
    child.send("\r")
    child.expect(rb"How sure were you")
    child.send("\r")
    child.expect(rb"Score: ")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert seen.getvalue().isascii() and b"Score: " in seen.getvalue()
    # Stand-ins in the prompt too, not the '?' prompt_toolkit writes for what it cannot encode.
    assert b"What did critics call the cost - in their words?" in seen.getvalue()


# --- the signal plumbing, in-process ----------------------------------------------------------

needs_sigterm_handlers = pytest.mark.skipif(
    sys.platform == "win32", reason="os.kill(SIGTERM) ends a process on Windows"
)


@pytest.fixture
def sigterm_restored() -> Iterator[None]:
    """Put back the test process's own SIGTERM handler after a test that fires it."""
    import signal

    before = signal.getsignal(signal.SIGTERM)
    yield
    signal.signal(signal.SIGTERM, before)


class Ended(Exception):
    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


@needs_sigterm_handlers
def test_a_signal_in_a_session_raises_its_ending(sigterm_restored: None) -> None:
    import signal

    from newsquiz.terminal import signal_exit_code, signal_name, signals_end_session

    before = signal.getsignal(signal.SIGTERM)
    with signals_end_session(Ended):
        assert signal.getsignal(signal.SIGTERM) is not before
    assert signal.getsignal(signal.SIGTERM) is before  # no signal came: the old handler is back
    with pytest.raises(Ended) as caught, signals_end_session(Ended):
        os.kill(os.getpid(), signal.SIGTERM)
    assert caught.value.signum == signal.SIGTERM
    assert (signal_exit_code(signal.SIGTERM), signal_name(signal.SIGTERM)) == (143, "SIGTERM")


@needs_sigterm_handlers
def test_a_signal_waits_until_the_answer_is_written(sigterm_restored: None) -> None:
    import signal

    from newsquiz.terminal import signals_end_session, signals_held

    steps: list[str] = []
    with pytest.raises(Ended), signals_end_session(Ended):
        with signals_held():
            os.kill(os.getpid(), signal.SIGTERM)
            steps.append("committed")  # still runs: the signal is held
            steps.append("counted")
        steps.append("shown")  # never runs: the signal ends the session here
    assert steps == ["committed", "counted"]


@needs_sigterm_handlers
def test_a_prompt_that_can_end_itself_is_asked_first(sigterm_restored: None) -> None:
    import signal

    from newsquiz.terminal import signals_end_session

    asked: list[BaseException] = []

    def stop_prompt(exc: BaseException) -> bool:
        asked.append(exc)
        return True  # the prompt will raise it as it ends

    with signals_end_session(Ended, stop_prompt):
        os.kill(os.getpid(), signal.SIGTERM)
    assert [type(e) for e in asked] == [Ended]


@needs_sigterm_handlers
def test_only_the_first_signal_ends_the_session(sigterm_restored: None) -> None:
    import signal

    from newsquiz.terminal import signals_end_session

    outside: list[int] = []
    signal.signal(signal.SIGTERM, lambda signum, frame: outside.append(signum))
    with signals_end_session(Ended):
        with pytest.raises(Ended):
            os.kill(os.getpid(), signal.SIGTERM)
        # While the session ends (the history closed, the report printed), another signal
        # must not cut that short.
        os.kill(os.getpid(), signal.SIGTERM)
    os.kill(os.getpid(), signal.SIGTERM)  # nor while the report is printed after the session
    assert signal.getsignal(signal.SIGTERM) is signal.SIG_IGN and outside == []


@pytest.mark.skipif(not hasattr(os, "fork"), reason="SIGHUP is POSIX")
def test_an_ignored_hangup_stays_ignored() -> None:
    import signal

    from newsquiz.terminal import signals_end_session

    previous = signal.signal(signal.SIGHUP, signal.SIG_IGN)  # as nohup starts a program
    try:
        with signals_end_session(Ended):
            assert signal.getsignal(signal.SIGHUP) is signal.SIG_IGN
            os.kill(os.getpid(), signal.SIGHUP)  # ignored: nothing is raised
    finally:
        signal.signal(signal.SIGHUP, previous)


def test_without_sighup_only_sigterm_ends_a_session(monkeypatch: pytest.MonkeyPatch) -> None:
    import signal

    from newsquiz.terminal import ending_signals

    monkeypatch.delattr(signal, "SIGHUP", raising=False)  # as on Windows
    assert ending_signals() == [signal.SIGTERM]
