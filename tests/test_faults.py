"""The fault suite: devices, FIFOs, links, permissions, read-only media, a full disk, hostile
text in ids and input, and many sessions at once. Each case ends with a clear message and the
documented exit code, never a traceback or a hang, and changes no file newsquiz does not own.

Some cases need the machine's help: a private mount namespace (`unshare -m`) for a small full
file system or a read-only mount, or `setpriv` to drop the capabilities that let root ignore
permissions. Where those are not available the case is skipped, and a simulation covers it.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from newsquiz.bank import bank_files, check_bank, load_library
from newsquiz.errors import BankError, HistoryError
from newsquiz.store import Store

from .conftest import ARTICLE, CLAIMS, BankFactory, CliInvoke

SRC = str(Path(__file__).resolve().parent.parent / "src")


def run(
    *args: str, input: str | bytes | None = None, timeout: float = 30, **env: str
) -> subprocess.CompletedProcess[str]:
    """Run newsquiz in a child process (so that a hang is a timeout, not a stuck suite)."""
    data = input.encode() if isinstance(input, str) else input
    proc = subprocess.run(
        [sys.executable, "-m", "newsquiz", *args],
        input=data,
        capture_output=True,
        timeout=timeout,
        env={**os.environ, "PYTHONPATH": SRC, **env},
    )
    return subprocess.CompletedProcess(
        proc.args,
        proc.returncode,
        proc.stdout.decode("utf-8", "replace"),
        proc.stderr.decode("utf-8", "replace"),
    )


def assert_clean_failure(proc: subprocess.CompletedProcess[str], code: int, needle: str) -> None:
    """Exit `code`, one message naming the problem, no traceback."""
    assert proc.returncode == code, (proc.returncode, proc.stderr)
    assert needle in proc.stderr, proc.stderr
    assert "Traceback" not in proc.stderr


# ---------------------------------------------------------------------------------------------
# Input that is not a regular file: refused at once, never read forever or waited on.


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_a_device_as_bank_is_refused(device: str) -> None:
    if not Path(device).exists():
        pytest.skip(f"no {device} here")
    proc = run("claims", "--bank", device)
    assert_clean_failure(proc, 2, "is a device, not a file")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_fifo_as_bank_or_in_a_bank_folder_is_refused(
    make_bank: BankFactory, tmp_path: Path
) -> None:
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    assert_clean_failure(run("claims", "--bank", str(fifo)), 2, "named pipe (FIFO)")
    folder = make_bank().parent
    os.mkfifo(folder / "more.yaml")
    proc = run("validate", str(folder))
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert f"{folder / 'more.yaml'}:1:1: the bank is a named pipe" in proc.stdout
    assert_clean_failure(run("claims", "--bank", str(folder)), 2, "named pipe (FIFO)")


def test_a_fifo_as_article_is_refused(make_bank: BankFactory) -> None:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no named pipes here")
    bank = make_bank()
    article = bank.parent / "article.txt"
    article.unlink()
    os.mkfifo(article)
    proc = run("validate", str(bank))
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert "article" in proc.stdout + proc.stderr


def test_answers_from_a_device_stop_at_the_line_cap(make_bank: BankFactory) -> None:
    proc = run("quiz", "--bank", str(make_bank()), "--answers", "/dev/zero", "--no-save")
    assert_clean_failure(proc, 2, "/dev/zero:1: this line is longer than 4096 bytes")


def test_an_overlong_answer_line_is_refused(make_bank: BankFactory, tmp_path: Path) -> None:
    answers = tmp_path / "answers.txt"
    answers.write_bytes(b"t\n" + b"x" * 100_000 + b"\n")
    bank = str(make_bank())
    proc = run("quiz", "--bank", bank, "--kind", "tf", "--answers", str(answers), "--no-save")
    assert_clean_failure(proc, 2, "answers.txt:2: this line is longer than 4096 bytes")


def test_a_byte_order_mark_in_an_answers_file_is_accepted(
    cli: CliInvoke, make_bank: BankFactory, tmp_path: Path
) -> None:
    answers = tmp_path / "answers.txt"
    answers.write_bytes(b"\xef\xbb\xbft\r\nf\r\nns\r\n")
    out = cli(
        "quiz",
        "--bank",
        str(make_bank()),
        "--kind",
        "tf",
        "--answers",
        str(answers),
        "--no-save",
        "--json",
        "--seed",
        "1",
    ).stdout
    assert json.loads(out)["answered"] == 3


# ---------------------------------------------------------------------------------------------
# Paths that cannot be reached: named, with the reason.


def test_a_symlink_loop_and_a_dangling_link_are_named(tmp_path: Path) -> None:
    loop = tmp_path / "loop.yaml"
    loop.symlink_to(loop)
    assert_clean_failure(run("claims", "--bank", str(loop)), 2, "loops back on itself")
    dangling = tmp_path / "gone.yaml"
    dangling.symlink_to(tmp_path / "nowhere.yaml")
    assert_clean_failure(run("claims", "--bank", str(dangling)), 2, "which does not exist")


def test_a_bank_folder_linking_to_itself_is_walked_once(make_bank: BankFactory) -> None:
    folder = make_bank().parent
    (folder / "again").symlink_to(folder)
    assert bank_files([folder]) == [folder / "library-2024.yaml"]


def test_an_empty_bank_list_in_the_environment_is_a_usage_error(
    cli: CliInvoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    for value in ("::", ":", " : "):
        monkeypatch.setenv("NEWSQUIZ_BANK", value)
        result = cli("quiz", "--answers", "-", input="t\n", code=2)
        assert "NEWSQUIZ_BANK" in result.stderr and "--tag" not in result.stderr


def test_an_unreadable_folder_is_named_simulated(
    make_bank: BankFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = make_bank().parent
    real_scandir = os.scandir

    def deny(path: object) -> object:
        if Path(str(path)) == folder:
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)  # type: ignore[call-overload]

    monkeypatch.setattr(os, "scandir", deny)
    with pytest.raises(BankError, match="cannot read this folder: permission denied") as caught:
        bank_files([folder.parent])
    assert caught.value.problems[0].path == str(folder)


def _without_dac() -> list[str]:
    """A command prefix under which permissions apply even to root, or skip."""
    if not hasattr(os, "geteuid"):
        pytest.skip("POSIX permissions only")
    if os.geteuid() != 0:
        return []  # an ordinary user meets permissions anyway
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("setpriv is needed to drop root's permission override")
    prefix = [setpriv, "--bounding-set=-dac_override,-dac_read_search"]
    if subprocess.run([*prefix, "true"], capture_output=True).returncode != 0:
        pytest.skip("cannot drop capabilities here")
    return prefix


def test_an_unreadable_folder_is_named_for_real(make_bank: BankFactory, tmp_path: Path) -> None:
    prefix = _without_dac()
    bank = make_bank()
    secret = tmp_path / "secret"
    secret.mkdir(mode=0o700)
    shutil.move(str(bank.parent), secret / "banks")
    secret.chmod(0)
    try:
        for target, needle in (
            (secret, f"{secret}:1:1: cannot read this folder: permission denied"),
            (secret / "banks" / bank.name, "cannot use this bank path: permission denied"),
        ):
            proc = subprocess.run(
                [*prefix, sys.executable, "-m", "newsquiz", "claims", "--bank", str(target)],
                capture_output=True,
                text=True,
                timeout=30,
                env={**os.environ, "PYTHONPATH": SRC},
            )
            assert_clean_failure(proc, 2, needle)
    finally:
        secret.chmod(0o700)


# ---------------------------------------------------------------------------------------------
# Text that could drive or reorder the terminal.


@pytest.mark.parametrize(
    "hostile",
    [
        "\u202eevil",  # right-to-left override
        "zero\u200bwidth",  # zero-width space
        "\u2066isolate\u2069",  # left-to-right isolate
        "edge\u200d",  # a joiner that joins nothing
    ],
)
def test_invisible_and_direction_changing_characters_are_refused_in_banks(
    make_bank: BankFactory, hostile: str
) -> None:
    claims = CLAIMS.replace("The library will reopen in June.", f"The library {hostile} reopens.")
    _, problems = check_bank(make_bank(claims), use_cache=False)
    assert any("invisible or direction-changing" in p.message for p in problems), problems
    quoted = CLAIMS.replace(
        "The library will reopen in June.", json.dumps(f"The library {hostile} reopens.")
    )
    _, problems = check_bank(make_bank(quoted), use_cache=False)
    assert any("invisible or direction-changing" in p.message for p in problems), problems
    article = ARTICLE.replace("Critics called", f"Critics {hostile} called")
    _, problems = check_bank(make_bank(article=article), use_cache=False)
    assert any("article holds an invisible" in p.message for p in problems), problems


def test_joiners_inside_words_are_text(make_bank: BankFactory) -> None:
    claims = CLAIMS.replace(
        "The library will reopen in June.", "The library (می\u200cخواهم) reopens."
    )
    bank, problems = check_bank(make_bank(claims), use_cache=False)
    assert bank is not None and not problems


def test_a_raw_control_byte_is_reported_at_its_line_and_column(make_bank: BankFactory) -> None:
    path = make_bank()
    lines = path.read_text().splitlines(keepends=True)
    number = next(i for i, line in enumerate(lines) if "claim: The library" in line)
    column = lines[number].index("library") + 1
    lines[number] = lines[number].replace("library", "\x1blibrary", 1)
    path.write_text("".join(lines))
    _, problems = check_bank(path, use_cache=False)
    assert [(p.line, p.col) for p in problems] == [(number + 1, column)]
    assert "control character (U+001B)" in problems[0].message


@pytest.mark.parametrize(
    "args",
    [
        ["show", "\x1b]0;pwned\x07\x1b[31mred"],
        ["check", "\x1b[2J\u202e:tf", "t"],
        ["check", "reopen-date:mc", "\x1b[31mthree\x9b2J"],
        ["claims", "--tag", "\x1b[5mblink"],
    ],
)
def test_escape_sequences_typed_on_the_command_line_never_reach_the_terminal(
    make_bank: BankFactory, args: list[str]
) -> None:
    proc = run(*args, "--bank", str(make_bank()))
    assert proc.returncode in (0, 1, 2) and "Traceback" not in proc.stderr
    for text in (proc.stdout, proc.stderr):
        assert not any(c in text for c in "\x1b\x07\x9b\u202e"), text


def test_escape_sequences_in_a_crafted_history_row_never_reach_the_terminal(
    cli: CliInvoke, make_bank: BankFactory, tmp_path: Path
) -> None:
    db = tmp_path / "h.sqlite3"
    bank = str(make_bank())
    cli(
        "quiz", "--bank", bank, "--answers", "-", "--kind", "tf", "--db", str(db), input="t\nt\nt\n"
    )
    conn = sqlite3.connect(db)
    conn.execute(
        "UPDATE sessions SET mode = char(27) || ']0;pwned' || char(7), "
        "articles = 'a' || char(8238) || 'b'"
    )
    conn.execute("UPDATE answers SET claim = char(27) || '[31mred', tags = '[\"\\u001b[5m\"]'")
    conn.commit()
    conn.close()
    for args in (("history",), ("history", "--json"), ("stats",), ("stats", "--json")):
        out = cli(*args, "--db", str(db)).stdout
        assert not any(c in out for c in "\x1b\x07\u202e"), out
    assert "\\x1b[31mred" in cli("stats", "--db", str(db), "--json").stdout


# ---------------------------------------------------------------------------------------------
# Bad values: the same clear refusal everywhere.


@pytest.mark.parametrize(
    "command",
    [
        ["quiz", "--answers", "-", "--kind", "tf"],
        ["review", "--answers", "-"],
        ["ask"],
        ["check", "reopen-date:tf", "t"],
    ],
)
def test_a_seed_beyond_64_bits_is_refused_everywhere(
    cli: CliInvoke, make_bank: BankFactory, tmp_path: Path, command: list[str]
) -> None:
    db = tmp_path / "h.sqlite3"
    db_flag = ["--db", str(db)] if command[0] in ("quiz", "review") else []
    bank = ["--bank", str(make_bank())]
    for seed in (str(2**63), str(-(2**63) - 1), "1" + "0" * 40):
        result = cli(*command, *bank, *db_flag, "--seed", seed, input="t\n", code=2)
        assert "--seed" in result.stderr and "Traceback" not in result.stderr
    assert not db.exists()
    cli(*command, *bank, *db_flag, "--seed", str(2**63 - 1), input="t\nt\nt\n", code=None)
    if db_flag:
        store = Store.for_reading(db)
        assert store is not None and store.sessions()[0][4] == 2**63 - 1
        store.close()


@pytest.mark.parametrize(
    ("damage", "commands"),
    [
        ("UPDATE answers SET tags = 'not json'", ["stats"]),
        ("UPDATE answers SET tags = '[1, 2]'", ["stats"]),
        ("UPDATE answers SET at = '2024-07-09 10:00'", ["stats"]),
        ("UPDATE answers SET correct = 7", ["stats"]),
        ("UPDATE sessions SET started = 'yesterday'", ["history", "stats"]),
        ("UPDATE sessions SET seed = 1.5", ["history"]),
        ("UPDATE cards SET card = '{broken'", ["stats", "review"]),
        ("UPDATE cards SET due = 'soon'", ["stats", "review"]),
        ('UPDATE cards SET card = \'{"not": "a card"}\'', ["quiz"]),
    ],
)
def test_damaged_values_in_rows_are_reported_not_crashed_on(
    cli: CliInvoke, make_bank: BankFactory, tmp_path: Path, damage: str, commands: list[str]
) -> None:
    db = tmp_path / "h.sqlite3"
    bank = str(make_bank())
    answer = ["--answers", "-", "--kind", "tf", "--seed", "3"]
    cli("quiz", "--bank", bank, *answer, "--db", str(db), input="t\nt\nt\n")
    conn = sqlite3.connect(db)
    conn.execute(damage)
    conn.commit()
    conn.close()
    for command in commands:
        extra = answer if command == "quiz" else ["--answers", "-"] if command == "review" else []
        banks = ["--bank", bank] if command in ("quiz", "review") else []
        result = cli(command, *banks, *extra, "--db", str(db), input="t\nt\nt\n", code=2)
        assert "damaged value" in result.stderr, result.stderr
        assert "Traceback" not in result.stderr


# ---------------------------------------------------------------------------------------------
# Read-only media, a full disk, an odd place for the database.


def _in_private_mounts(script: str, folder: Path) -> subprocess.CompletedProcess[str]:
    """Run a shell script in a private mount namespace (its mounts vanish with it), or skip."""
    unshare = shutil.which("unshare")
    if unshare is None or not hasattr(os, "geteuid") or os.geteuid() != 0:
        pytest.skip("needs root and unshare for a private mount")
    probe = subprocess.run(
        [unshare, "-m", "sh", "-c", f"mount -t tmpfs -o size=64k tmpfs {folder}"],
        capture_output=True,
    )
    if probe.returncode != 0:
        pytest.skip("mounting is not allowed here")
    return subprocess.run(
        [unshare, "-m", "bash", "-c", script],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=folder.parent,
        env={**os.environ, "PYTHONPATH": SRC, "NQ": f"{sys.executable} -m newsquiz"},
    )


def test_history_and_stats_read_from_read_only_media(
    make_bank: BankFactory, tmp_path: Path
) -> None:
    media = tmp_path / "media"
    media.mkdir()
    db = media / "h.sqlite3"
    bank = make_bank()
    run(
        "quiz",
        "--bank",
        str(bank),
        "--answers",
        "-",
        "--kind",
        "tf",
        "--db",
        str(db),
        input="t\nt\nt\n",
    )
    before = db.read_bytes()
    script = f"""
        set -u
        mount --bind media media && mount -o remount,bind,ro media || exit 99
        $NQ history --db {db} --json > out-history.json; echo "history $?" >> codes
        $NQ stats --db {db} --json > out-stats.json; echo "stats $?" >> codes
        $NQ review --bank {bank} --db {db} --answers - <<< t > /dev/null 2> err-review
        echo "review $?" >> codes
        $NQ quiz --bank {bank} --db {db} --answers - <<< t > /dev/null 2> err-quiz
        echo "quiz $?" >> codes
        $NQ quiz --bank {bank} --db {db} --answers - --kind tf --no-save <<< t > /dev/null
        echo "no-save $?" >> codes
    """
    proc = _in_private_mounts(script, media)
    assert proc.returncode == 0, proc.stderr
    codes = dict(line.split() for line in (tmp_path / "codes").read_text().splitlines())
    # review reads the cards read-only: nothing is due yet, so it has nothing to write
    assert codes == {"history": "0", "stats": "0", "review": "0", "quiz": "2", "no-save": "0"}
    assert json.loads((tmp_path / "out-history.json").read_text())[0]["answered"] == 3
    assert json.loads((tmp_path / "out-stats.json").read_text())["answers"] == 3
    message = (tmp_path / "err-quiz").read_text()
    assert "--no-save" in message and "Traceback" not in message
    assert db.read_bytes() == before
    assert sorted(p.name for p in media.iterdir()) == ["h.sqlite3"]


def test_a_full_disk_is_named_and_leaves_no_stray_files(
    make_bank: BankFactory, tmp_path: Path
) -> None:
    disk = tmp_path / "disk"
    disk.mkdir()
    bank = make_bank()
    script = f"""
        set -u
        mount -t tmpfs -o size=256k tmpfs disk || exit 99
        $NQ quiz --bank {bank} --db disk/h.sqlite3 --answers - --kind tf <<< $'t\\nt\\nt' \\
            > /dev/null || exit 98
        head -c 1000000 /dev/zero > disk/fill 2> /dev/null
        $NQ quiz --bank {bank} --db disk/h.sqlite3 --answers - --kind tf <<< t \\
            > /dev/null 2> err-existing
        echo "existing $?" >> codes
        $NQ quiz --bank {bank} --db disk/new.sqlite3 --answers - --kind tf <<< t \\
            > /dev/null 2> err-new
        echo "new $?" >> codes
        $NQ history --db disk/h.sqlite3 --json > out-history.json; echo "history $?" >> codes
        ls disk > listing
    """
    proc = _in_private_mounts(script, disk)
    assert proc.returncode == 0, proc.stderr
    codes = dict(line.split() for line in (tmp_path / "codes").read_text().splitlines())
    assert codes == {"existing": "2", "new": "2", "history": "0"}
    for name in ("err-existing", "err-new"):
        message = (tmp_path / name).read_text()
        assert "the disk is full" in message and "Traceback" not in message, message
        assert "disk I/O error" not in message
    assert json.loads((tmp_path / "out-history.json").read_text())[0]["answered"] == 3
    assert (tmp_path / "listing").read_text().split() == ["fill", "h.sqlite3"]


def test_a_full_disk_simulated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Where no small file system can be mounted: SQLite's I/O error on a disk with no room."""
    db = tmp_path / "h.sqlite3"
    Store(db).close()
    real_connect = sqlite3.connect

    def failing(*args: Any, **kwargs: Any) -> sqlite3.Connection:
        real_connect(*args, **kwargs).close()
        Path(f"{db}-wal").touch()
        Path(f"{db}-shm").write_bytes(b"\0\0\0")  # what a failed -shm allocation leaves
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(sqlite3, "connect", failing)
    monkeypatch.setattr(os, "statvfs", lambda _: os.statvfs_result((0,) * 10))
    with pytest.raises(HistoryError, match="the disk is full"):
        Store(db)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["h.sqlite3"]


def test_a_database_whose_folder_is_a_file_is_named(cli: CliInvoke, tmp_path: Path) -> None:
    blocker = tmp_path / "notes.txt"
    blocker.write_text("mine")
    result = cli("quiz", "--answers", "-", "--db", str(blocker / "h.sqlite3"), input="t\n", code=2)
    assert f"{blocker} is a file, not a folder" in result.stderr
    assert "File exists" not in result.stderr
    result = cli(
        "quiz", "--answers", "-", "--db", str(blocker / "deeper" / "h.sqlite3"), input="t\n", code=2
    )
    assert f"{blocker} is a file, not a folder" in result.stderr
    for reader in ("history", "stats"):  # the advice fits the command: readers have no --no-save
        result = cli(reader, "--db", str(blocker / "h.sqlite3"), code=2)
        assert f"{blocker} is a file, not a folder" in result.stderr
        assert "--no-save" not in result.stderr and "--db PATH" in result.stderr
    assert blocker.read_text() == "mine"


# ---------------------------------------------------------------------------------------------
# Many sessions at once.

SOAK_SESSIONS = 20


def _soak_session(argv: list[str]) -> None:
    """One quiz session, run in a forked child: the whole CLI, minus the interpreter start."""
    import typer.main

    from newsquiz.cli import build_app

    sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - the child exits right after
    command = typer.main.get_command(build_app("quiz"))
    command.main(args=argv, prog_name="newsquiz", standalone_mode=True)


@pytest.mark.skipif(
    "fork" not in __import__("multiprocessing").get_all_start_methods(), reason="needs fork"
)
def test_concurrent_sessions_are_never_refused_as_locked(
    make_bank: BankFactory, tmp_path: Path
) -> None:
    """Twenty sessions start together against one database; every answer lands.

    The hundred-session soak, with one interpreter per session, is benchmarks/soak.py.
    """
    from multiprocessing import get_context

    db = tmp_path / "h.sqlite3"
    bank = make_bank()
    answers = tmp_path / "answers.txt"
    answers.write_text("t\nf\nns\n")
    # Load once what every session loads, so that the children share it and start at once.
    for module in (
        "newsquiz.commands.quiz",
        "newsquiz.commands.history",
        "newsquiz.render",
        "newsquiz.schedule",
        "newsquiz.store",
        "fsrs",
        "rich.console",
    ):
        __import__(module)
    load_library([str(bank)])
    from typer.testing import CliRunner

    from newsquiz.cli import build_app

    warm = ["quiz", "--bank", str(bank), "--answers", os.devnull, "--no-save"]
    CliRunner().invoke(build_app("quiz"), warm)  # nothing answered, nothing recorded
    ctx = get_context("fork")
    procs = [
        ctx.Process(
            target=_soak_session,
            args=(
                [
                    "quiz",
                    "--bank",
                    str(bank),
                    "--kind",
                    "tf",
                    "--answers",
                    str(answers),
                    "--db",
                    str(db),
                    "--seed",
                    str(seed),
                    "--json",
                ],
            ),
        )
        for seed in range(SOAK_SESSIONS)
    ]
    for proc in procs:
        proc.start()
    for proc in procs:
        proc.join(120)
    assert [proc.exitcode for proc in procs] == [0] * SOAK_SESSIONS
    store = Store.for_reading(db)
    assert store is not None
    assert len(store.sessions()) == SOAK_SESSIONS
    assert len(store.answers()) == 3 * SOAK_SESSIONS
    assert all(row[2] is not None for row in store.sessions())  # every session finished
    store.close()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_fifo_where_the_log_goes_is_refused_without_waiting(tmp_path: Path) -> None:
    db = tmp_path / "h.sqlite3"
    Store(db).close()
    os.mkfifo(f"{db}-wal")
    for args in (("history",), ("quiz", "--answers", "-", "--kind", "tf")):
        proc = run(*args, "--db", str(db), input="t\n")
        assert_clean_failure(proc, 2, "is not a regular file")


def test_garbage_where_the_log_goes_is_not_replayed(cli: CliInvoke, tmp_path: Path) -> None:
    db = tmp_path / "h.sqlite3"
    Store(db).close()
    original = db.read_bytes()
    Path(f"{db}-wal").write_bytes(bytes(range(256)) * 20)  # no WAL header: SQLite ignores it
    assert json.loads(cli("history", "--db", str(db), "--json").stdout) == []
    assert db.read_bytes() == original
