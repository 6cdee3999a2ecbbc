"""The history database: round trips, migrations, damage, locks, a full disk, kills, concurrency."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import datetime, timedelta, timezone
from multiprocessing import get_context
from pathlib import Path
from typing import Any

import pytest

from newsquiz import store as store_module
from newsquiz.bank import load_library
from newsquiz.errors import HistoryError
from newsquiz.quiz import Result, build_session, grade
from newsquiz.schedule import next_card
from newsquiz.store import (
    APPLICATION_ID,
    MIGRATIONS,
    SCHEMA_VERSION,
    CardRow,
    Store,
    default_db_path,
)

from .conftest import BankFactory, CliInvoke

CardTuple = tuple[str, int, int, int]

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)


def _record_some(db: Path, n: int, seed: int = 1) -> None:
    library = load_library()
    session = build_session(library.claims, seed=seed, kind="tf", count=n)
    store = Store(db)
    sid = store.start_session("quiz", seed, ["a"], n, T0)
    for q in session.questions:
        result = grade(q, "t")

        def card_after(prev: CardRow | None, fp: str, r: Result = result) -> CardTuple:
            return next_card(r.question.id, prev, fp, r.correct, T0)

        store.record_answer(sid, result, T0, card_after)
    store.finish_session(sid, T0)
    store.close()


def test_round_trip(tmp_path: Path) -> None:
    db = tmp_path / "h.sqlite3"
    _record_some(db, 5)
    store = Store(db)
    (session,) = store.sessions()
    asked = build_session(load_library().claims, seed=1, kind="tf", count=5).questions
    right = [q.claim.verdict == "supported" for q in asked]  # every answer was "t"
    assert session[1:3] == (int(T0.timestamp()), int(T0.timestamp()))  # started, finished
    assert session[3:] == ("quiz", 1, "a", 5, 5, sum(right))
    answers = store.answers()
    assert [(a[1], a[3], a[4], a[5]) for a in answers] == [
        (q.id, "tf", int(ok), q.claim.verdict) for q, ok in zip(asked, right, strict=True)
    ]
    assert {c.question for c in store.cards()} == {q.id for q in asked}
    card = store.cards()[0]
    assert card.reps == 1 and card.due > int(T0.timestamp())
    assert store.card(card.question) == card
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    store.close()


def test_migrates_an_empty_file_and_refuses_a_newer_schema(tmp_path: Path) -> None:
    db = tmp_path / "h.sqlite3"
    db.touch()
    Store(db).close()
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    conn.execute("PRAGMA user_version = 99")
    conn.commit()
    conn.close()
    with pytest.raises(HistoryError, match="written by a newer newsquiz"):
        Store(db)


@pytest.mark.parametrize(
    "content",
    [b"this is my thesis, not a database\n" * 20, b"SQLite format 3\x00" + b"\xff" * 2000],
)
def test_a_damaged_file_is_refused_and_left_untouched(tmp_path: Path, content: bytes) -> None:
    db = tmp_path / "h.sqlite3"
    db.write_bytes(content)
    with pytest.raises(HistoryError, match=str(db)):
        Store(db)
    assert db.read_bytes() == content
    assert sorted(p.name for p in tmp_path.iterdir()) == ["h.sqlite3"]


def test_a_locked_database_gives_a_clear_error(tmp_path: Path) -> None:
    db = tmp_path / "h.sqlite3"
    Store(db).close()
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(HistoryError, match="locked"):
            store = Store(db, timeout=0.1)
            store.start_session("quiz", 1, ["a"], 1, T0)
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_a_full_disk_gives_a_clear_error(tmp_path: Path) -> None:
    db = tmp_path / "h.sqlite3"
    store = Store(db)
    sid = store.start_session("quiz", 1, ["a"], 1, T0)
    pages = store.conn.execute("PRAGMA page_count").fetchone()[0]
    store.conn.execute(f"PRAGMA max_page_count = {pages}")  # no room to grow: as a full disk
    library = load_library()
    q = build_session(library.claims, seed=1, kind="tf").questions[0]
    with pytest.raises(HistoryError, match="disk is full"):
        for _ in range(200):
            store.record_answer(sid, grade(q, "t"), T0, None)
    store.close()


def test_an_unusable_folder_gives_a_clear_error() -> None:
    with pytest.raises(HistoryError, match="cannot use the history database"):
        Store(Path("/proc/newsquiz-cannot-be-here/history.sqlite3"))


def test_default_path_follows_env_and_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    assert default_db_path("x.db") == Path("x.db")
    monkeypatch.setenv("NEWSQUIZ_DB", str(tmp_path / "env.db"))
    assert default_db_path() == tmp_path / "env.db"
    monkeypatch.delenv("NEWSQUIZ_DB")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    if sys.platform.startswith("linux"):
        assert default_db_path() == tmp_path / "xdg" / "newsquiz" / "history.sqlite3"


def _writer(db: str, seed: int) -> None:
    _record_some(Path(db), 10, seed)


def test_concurrent_sessions_all_land(tmp_path: Path) -> None:
    db = tmp_path / "h.sqlite3"
    Store(db).close()
    ctx = get_context("spawn")
    procs = [ctx.Process(target=_writer, args=(str(db), seed)) for seed in range(4)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
        assert p.exitcode == 0
    store = Store(db)
    assert len(store.sessions()) == 4 and len(store.answers()) == 40
    store.close()


def test_a_killed_session_keeps_every_answer_given(tmp_path: Path, make_bank: BankFactory) -> None:
    db = tmp_path / "h.sqlite3"
    env = {**os.environ, "NEWSQUIZ_DB": str(db)}
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "newsquiz",
            "quiz",
            "--bank",
            str(make_bank()),
            "--kind",
            "tf",
            "--answers",
            "-",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    assert proc.stdin is not None
    proc.stdin.write(b"t\nf\n")
    proc.stdin.flush()
    deadline = time.monotonic() + 30
    count = 0
    while time.monotonic() < deadline:
        if db.exists():
            try:
                conn = sqlite3.connect(db)
                count = conn.execute("SELECT count(*) FROM answers").fetchone()[0]
                conn.close()
            except sqlite3.Error:
                count = 0
        if count == 2:
            break
        time.sleep(0.05)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert count == 2
    store = Store(db)
    assert len(store.answers()) == 2 and len(store.cards()) == 2
    store.close()


def test_quiz_records_and_no_save_does_not(
    cli: CliInvoke, make_bank: BankFactory, tmp_path: Path
) -> None:
    bank = str(make_bank())
    db = tmp_path / "h.sqlite3"
    cli(
        "quiz",
        "--bank",
        bank,
        "--kind",
        "tf",
        "--answers",
        "-",
        "--db",
        str(db),
        "--no-save",
        input="t\nt\nt\n",
    )
    assert not db.exists()
    cli(
        "quiz", "--bank", bank, "--kind", "tf", "--answers", "-", "--db", str(db), input="t\nt\nt\n"
    )
    history = json.loads(cli("history", "--db", str(db), "--json").stdout)
    assert len(history) == 1 and history[0]["answered"] == 3 and history[0]["mode"] == "quiz"


def test_a_damaged_database_stops_a_quiz_with_exit_2(cli: CliInvoke, tmp_path: Path) -> None:
    db = tmp_path / "h.sqlite3"
    db.write_text("not a database at all")
    result = cli("quiz", "--answers", "-", "--db", str(db), input="t\n", code=2)
    assert str(db) in result.stderr and "Traceback" not in result.stderr
    cli("stats", "--db", str(db), code=2)
    cli("history", "--db", str(db), code=2)
    assert db.read_text() == "not a database at all"


def test_card_starts_afresh_when_the_claim_changes(tmp_path: Path) -> None:
    library = load_library()
    q = build_session(library.claims, seed=1, kind="tf").questions[0]
    first = next_card(q.id, None, "fp1", True, T0)
    row = CardRow(q.id, "fp1", first[0], first[1], first[2], first[3])
    later = T0 + timedelta(days=3)
    same = next_card(q.id, row, "fp1", True, later)
    fresh = next_card(q.id, row, "fp2", True, later)
    assert same[2] == 2 and fresh[2] == 1
    assert same[1] > fresh[1]  # a second good review waits longer than a first


def test_a_database_that_fills_up_mid_session_keeps_what_was_committed(
    cli: CliInvoke, make_bank: BankFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "h.sqlite3"
    connect = store_module._open_for_writing

    class FillsUpAfterOneAnswer:
        """The real connection, except that SQLite reports a full disk at the second answer."""

        def __init__(self, conn: sqlite3.Connection) -> None:
            self.conn = conn
            self.answers = 0

        def execute(self, sql: str, *args: Any) -> sqlite3.Cursor:
            if sql.startswith("INSERT INTO answers"):
                self.answers += 1
                if self.answers == 2:
                    raise sqlite3.OperationalError("database or disk is full")
            return self.conn.execute(sql, *args)

        def __getattr__(self, name: str) -> Any:
            return getattr(self.conn, name)

    monkeypatch.setattr(
        store_module,
        "_open_for_writing",
        lambda path, timeout, *rest: FillsUpAfterOneAnswer(connect(path, timeout, *rest)),
    )
    result = cli(
        "quiz",
        "--bank",
        str(make_bank()),
        "--kind",
        "tf",
        "--answers",
        "-",
        "--db",
        str(db),
        input="t\nt\nt\n",
        code=2,
    )
    # What the session kept, then the store's own message for SQLite's error.
    assert result.stderr == (
        f"newsquiz: the history database {db} cannot be written: the disk is full; free some "
        "space, or use --db PATH or --no-save\n"
        "newsquiz: 1 answer(s) before this one were graded and kept.\n"
    )
    monkeypatch.undo()
    store = Store(db)
    assert len(store.answers()) == 1
    store.close()


# ---------------------------------------------------------------------------------------------
# Files newsquiz does not own or cannot trust: refused, and not one byte changed.

SIDECARS = ("", "-wal", "-shm", "-journal")


def _snapshot(db: Path) -> dict[str, bytes | None]:
    """The bytes of a database and of each file SQLite keeps beside it (None: absent)."""
    out: dict[str, bytes | None] = {}
    for suffix in SIDECARS:
        p = Path(f"{db}{suffix}")
        out[suffix] = p.read_bytes() if p.exists() else None
    return out


def _sql(db: Path, *statements: str, wal: bool = False) -> None:
    conn = sqlite3.connect(db, isolation_level=None)
    if wal:
        conn.execute("PRAGMA journal_mode=WAL")
    for s in statements:
        conn.execute(s)
    conn.close()


def _refused_everywhere(cli: CliInvoke, db: Path, needle: str) -> None:
    """Writing and reading commands all refuse the file with exit 2 and change nothing."""
    before = _snapshot(db)
    with pytest.raises(HistoryError, match=needle):
        Store(db)
    with pytest.raises(HistoryError, match=needle):
        Store.for_reading(db)
    for args in (
        ("quiz", "--answers", "-", "--kind", "tf"),
        ("review", "--answers", "-"),
        ("history",),
        ("stats",),
        ("stats", "--json"),
    ):
        result = cli(*args, "--db", str(db), input="t\nt\n", code=2)
        assert needle in result.stderr and "Traceback" not in result.stderr, result.stderr
    assert _snapshot(db) == before


def test_a_new_database_is_marked_as_newsquiz_own(tmp_path: Path) -> None:
    db = tmp_path / "new" / "h.sqlite3"
    Store(db).close()
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    conn.close()
    assert not Path(f"{db}-wal").exists() and not Path(f"{db}-shm").exists()


@pytest.mark.parametrize(
    ("statements", "wal"),
    [
        (["CREATE TABLE people (name TEXT)", "INSERT INTO people VALUES ('Ann')"], False),
        (["CREATE TABLE people (name TEXT)", "INSERT INTO people VALUES ('Ann')"], True),
        (["PRAGMA user_version = -1"], False),
        (["PRAGMA user_version = -2"], False),
        (["PRAGMA user_version = -1", "CREATE TABLE t (x)"], True),
        (["CREATE TABLE t (x)", "DROP TABLE t"], False),  # SQLite, but no schema at all
        (["PRAGMA application_id = 7", "PRAGMA user_version = 1", "CREATE TABLE t (x)"], True),
        # user_version 1 as newsquiz's was, but other tables: not adopted
        (["PRAGMA user_version = 1", "CREATE TABLE sessions (x)"], True),
    ],
)
def test_another_programs_database_is_refused_and_not_changed(
    cli: CliInvoke, tmp_path: Path, statements: list[str], wal: bool
) -> None:
    db = tmp_path / "contacts.db"
    _sql(db, *statements, wal=wal)
    _refused_everywhere(cli, db, "not a newsquiz history")


def test_another_program_writing_its_wal_database_is_left_alone(tmp_path: Path) -> None:
    db = tmp_path / "live.db"
    other = sqlite3.connect(db, isolation_level=None)
    other.execute("PRAGMA journal_mode=WAL")
    other.execute("PRAGMA wal_autocheckpoint=0")
    other.execute("CREATE TABLE people (name TEXT)")
    other.execute("INSERT INTO people VALUES ('Ann')")  # in its -wal, not yet in the file
    try:
        before = _snapshot(db)
        assert before["-wal"]
        for opener in (Store, Store.for_reading):
            with pytest.raises(HistoryError, match="not a newsquiz history"):
                opener(db)
        assert _snapshot(db) == before
    finally:
        other.close()


def test_a_database_from_before_the_mark_is_adopted(tmp_path: Path) -> None:
    db = tmp_path / "old.sqlite3"
    _sql(db, *MIGRATIONS[0], "PRAGMA user_version = 1", wal=True)
    _sql(
        db, "INSERT INTO sessions (started, mode, seed, articles, total) VALUES (1,'quiz',1,'a',1)"
    )
    store = Store.for_reading(db)
    assert store is not None and len(store.sessions()) == 1
    store.close()
    Store(db).close()
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert conn.execute("SELECT count(*) FROM sessions").fetchone()[0] == 1
    conn.close()


def _damage_page(db: Path, page: int) -> None:
    with db.open("r+b") as f:
        f.seek((page - 1) * 4096)
        f.write(b"\xa5" * 4096)


@pytest.mark.parametrize("page", [5, 12])  # 5: SQLite's report names the page, on two lines
def test_damage_past_the_first_page_is_refused_before_any_write(
    cli: CliInvoke, make_bank: BankFactory, tmp_path: Path, page: int
) -> None:
    db = tmp_path / "h.sqlite3"
    store = Store(db)
    sid = store.start_session("quiz", 1, ["a"], 1, T0)
    q = build_session(load_library().claims, seed=1, kind="tf").questions[0]
    for _ in range(400):  # enough answers for a dozen pages
        store.record_answer(sid, grade(q, "t"), T0, None)
    store.close()
    assert db.stat().st_size > 13 * 4096
    _damage_page(db, page)
    before = _snapshot(db)
    with pytest.raises(HistoryError, match="is damaged") as caught:
        Store(db)
    assert "did not change it" in str(caught.value)
    # SQLite's own report is several lines with a heading: one clean line of it is shown.
    message = str(caught.value)
    assert "fails SQLite's integrity check (" in message
    assert "***" not in message and "\\x0a" not in message and "\n" not in message
    result = cli(
        "quiz", "--bank", str(make_bank()), "--answers", "-", "--db", str(db), input="t\n", code=2
    )
    assert "is damaged" in result.stderr and "Traceback" not in result.stderr
    if page == 12:  # (reading does not check integrity: page 5 is an index stats never uses)
        stats = cli("stats", "--db", str(db), code=2)
        assert "is damaged" in stats.stderr
    assert _snapshot(db) == before


def _stray_wal_pair(tmp_path: Path, with_page_one: bool) -> tuple[bytes, bytes]:
    """The -wal and -shm of another database, with a committed transaction not yet copied back."""
    other = tmp_path / "other.db"
    conn = sqlite3.connect(other, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    if not with_page_one:
        conn.execute("CREATE TABLE x (a)")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.execute("PRAGMA wal_autocheckpoint=0")
    if with_page_one:
        conn.execute("CREATE TABLE x (a)")
    conn.execute("INSERT INTO x VALUES (zeroblob(3000))")
    pair = (Path(f"{other}-wal").read_bytes(), Path(f"{other}-shm").read_bytes())
    conn.close()
    return pair


@pytest.mark.parametrize("with_page_one", [True, False])
def test_a_stray_wal_beside_the_history_is_never_replayed(
    cli: CliInvoke, tmp_path: Path, with_page_one: bool
) -> None:
    db = tmp_path / "h.sqlite3"
    _record_some(db, 3)
    original = db.read_bytes()
    wal, shm = _stray_wal_pair(tmp_path, with_page_one)
    Path(f"{db}-wal").write_bytes(wal)
    Path(f"{db}-shm").write_bytes(shm)
    for args in (("history",), ("stats",), ("quiz", "--answers", "-", "--kind", "tf")):
        result = cli(*args, "--db", str(db), input="t\n", code=2)
        # Not "damaged ... move it away": that would have the user move a sound history away.
        assert "-wal does not belong to the history database" in result.stderr, result.stderr
        assert "Traceback" not in result.stderr
    assert db.read_bytes() == original
    assert Path(f"{db}-wal").read_bytes() == wal
    Path(f"{db}-wal").unlink()
    Path(f"{db}-shm").unlink()
    store = Store.for_reading(db)  # the history is all there once the stray log is moved away
    assert store is not None and len(store.answers()) == 3
    store.close()


def _another_history_log(tmp_path: Path, db: Path, answers: int, same_start: bool) -> bytes:
    """Put beside `db` the -wal of another newsquiz history, copied while that history's
    session was still writing (so its log holds committed answers not yet copied back), as a
    user copying files around might. `same_start`: the other history first recorded exactly
    what `db` holds, so only its identity tells the two apart."""
    other = tmp_path / "other.sqlite3"
    if same_start:
        _record_some(other, 3)
    else:
        _record_some(other, 2, seed=9)
    store = Store(other)
    store.conn.execute("PRAGMA wal_autocheckpoint=0")
    q = build_session(load_library().claims, seed=1, kind="tf").questions[0]
    sid = store.start_session("quiz", 5, ["b"], answers, T0)
    for _ in range(answers):
        store.record_answer(sid, grade(q, "f"), T0, None)
    wal = Path(f"{other}-wal").read_bytes()
    store.close()
    Path(f"{db}-wal").write_bytes(wal)
    return wal


@pytest.mark.parametrize(
    ("answers", "same_start"),
    [
        (3, False),  # a short log: page 1 not in it, the other history's rows are
        (400, False),  # a long log: it holds a page 1 too (the file grew)
        (400, True),  # the same first answers as ours: only the identity differs
    ],
)
def test_another_historys_log_beside_ours_is_named_not_called_damage(
    cli: CliInvoke, tmp_path: Path, answers: int, same_start: bool
) -> None:
    db = tmp_path / "h.sqlite3"
    _record_some(db, 3)
    wal = _another_history_log(tmp_path, db, answers, same_start)
    before = _snapshot(db)
    for args in (("history",), ("stats",), ("quiz", "--answers", "-", "--kind", "tf")):
        result = cli(*args, "--db", str(db), input="t\n", code=2)
        assert result.stderr == (
            f"newsquiz: {db}-wal does not belong to the history database {db} (another "
            "database's write-ahead log?); newsquiz changed neither file: move the -wal and "
            "-shm files away\n"
        ), result.stderr
    assert _snapshot(db) == before and Path(f"{db}-wal").read_bytes() == wal
    Path(f"{db}-wal").unlink()
    store = Store.for_reading(db)
    assert store is not None and len(store.answers()) == 3  # ours, all there
    store.close()


def test_a_history_reopened_while_its_log_is_live_is_accepted(tmp_path: Path) -> None:
    # The other side of the check above: our own log, with answers not yet copied back, is ours.
    db = tmp_path / "h.sqlite3"
    _record_some(db, 3)
    writer = Store(db)
    writer.conn.execute("PRAGMA wal_autocheckpoint=0")
    q = build_session(load_library().claims, seed=1, kind="tf").questions[0]
    sid = writer.start_session("quiz", 5, ["b"], 400, T0)
    for _ in range(400):
        writer.record_answer(sid, grade(q, "f"), T0, None)
    try:
        assert Path(f"{db}-wal").stat().st_size > 0
        reader = Store.for_reading(db)
        assert reader is not None and len(reader.answers()) == 403
        reader.close()
        Store(db).close()
    finally:
        writer.close()


def test_a_wal_where_no_history_is_yet_is_refused(cli: CliInvoke, tmp_path: Path) -> None:
    db = tmp_path / "h.sqlite3"
    wal, _ = _stray_wal_pair(tmp_path, True)
    Path(f"{db}-wal").write_bytes(wal)
    result = cli("quiz", "--answers", "-", "--kind", "tf", "--db", str(db), input="t\n", code=2)
    assert "does not belong" in result.stderr
    assert not db.exists() and Path(f"{db}-wal").read_bytes() == wal


def test_history_and_stats_create_nothing(cli: CliInvoke, tmp_path: Path) -> None:
    db = tmp_path / "sub" / "h.sqlite3"
    assert json.loads(cli("history", "--db", str(db), "--json").stdout) == []
    assert "No sessions recorded yet" in cli("history", "--db", str(db)).stdout
    assert json.loads(cli("stats", "--db", str(db), "--json").stdout)["answers"] == 0
    assert not (tmp_path / "sub").exists()


def test_read_only_commands_open_read_only(tmp_path: Path) -> None:
    odd = "odd #1 %41" + ("?x" if os.name == "posix" else "")  # characters a URI must escape
    db = tmp_path / odd / "h.sqlite3"
    _record_some(db, 2)
    store = Store.for_reading(db)
    assert store is not None
    assert len(store.answers()) == 2
    with pytest.raises(HistoryError):
        store.start_session("quiz", 1, ["a"], 1, T0)
    store.close()


# ---------------------------------------------------------------------------------------------
# Where the history goes: an explicit path is taken as given, never made up or completed.


@pytest.mark.parametrize("args", [("quiz", "--answers", "-", "--kind", "tf"), ("history",)])
def test_an_empty_db_option_is_a_usage_error(cli: CliInvoke, args: tuple[str, ...]) -> None:
    default = Path(os.environ["NEWSQUIZ_DB"])
    result = cli(*args, "--db", "", input="t\n", code=2)
    assert result.stderr.endswith("newsquiz: --db needs a path\n"), result.stderr
    assert not default.exists()  # the default history was not used instead


def test_an_empty_environment_variable_means_the_default_history(
    cli: CliInvoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NEWSQUIZ_DB", "")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    cli("quiz", "--answers", "-", "--kind", "tf", "--count", "1", input="t\n", code=None)
    # The default user data folder is the one folder newsquiz creates for its history.
    assert (tmp_path / "data" / "newsquiz" / "history.sqlite3").exists()


@pytest.mark.parametrize("how", ["option", "environment"])
def test_an_explicit_history_in_a_missing_folder_is_refused(
    cli: CliInvoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    db = tmp_path / "no" / "such" / "h.sqlite3"
    args = ["quiz", "--answers", "-", "--kind", "tf"]
    if how == "option":
        args += ["--db", str(db)]
    else:
        monkeypatch.setenv("NEWSQUIZ_DB", str(db))
    result = cli(*args, input="t\n", code=2)
    assert f"the folder {db.parent} does not exist" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "no").exists()
    with pytest.raises(HistoryError, match="does not exist"):
        Store(db, make_folder=False)
    Store(db).close()  # the library call still creates the folders it is asked to
    assert db.exists()


def test_every_history_gets_an_identity_once(tmp_path: Path) -> None:
    def identity(db: Path) -> list[tuple[str]]:
        conn = sqlite3.connect(db)
        rows = conn.execute("SELECT * FROM history_identity").fetchall()
        conn.close()
        return rows

    db, older = tmp_path / "h.sqlite3", tmp_path / "older.sqlite3"
    Store(db).close()
    Store(older).close()
    first = identity(db)
    assert len(first) == 1 and first[0][0].startswith("newsquiz-history:")
    assert identity(older) != first  # each history its own
    Store(db).close()
    assert identity(db) == first  # and kept, not renewed
    # A history from before identities (the view dropped) gets one at its next session.
    _sql(older, "DROP VIEW history_identity")
    Store(older).close()
    assert len(identity(older)) == 1
