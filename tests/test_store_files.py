"""Opening a history: which files newsquiz accepts, and the exact words for each it refuses.

Each file judged here is built by hand in tmp_path (a history cut short, another program's
tables behind newsquiz's schema version, a log from another database beside ours, a folder
that is a file or a link loop), and every refusal is pinned word for word along with the
bytes on disk, which must not change. Failures SQLite gives only on bad hardware or busy
machines (an I/O error in the middle of a check) are injected through `sqlite3.connect`.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from newsquiz import store as store_module
from newsquiz.bank import load_library
from newsquiz.errors import HistoryError
from newsquiz.quiz import build_session, grade
from newsquiz.store import (
    APPLICATION_ID,
    MIGRATIONS,
    SCHEMA_VERSION,
    Store,
    _file_rows,
    _remove_if_empty,
    _sound_without_log,
    first_problem,
)

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)
WRITE = "use --db PATH or --no-save"
READ = "use --db PATH to choose another"


def record(db: Path, answers: int, seed: int = 1) -> None:
    """A newsquiz history at `db` holding one session of `answers` answers."""
    question = build_session(load_library().claims, seed=seed, kind="tf").questions[0]
    store = Store(db)
    sid = store.start_session("quiz", seed, ["a"], answers, T0)
    for _ in range(answers):
        store.record_answer(sid, grade(question, "t"), T0, None)
    store.finish_session(sid, T0)
    store.close()


def sql(db: Path, *statements: str) -> None:
    conn = sqlite3.connect(db, isolation_level=None)
    for statement in statements:
        conn.execute(statement)
    conn.close()


def files(folder: Path) -> dict[str, bytes]:
    """Every file in a folder, with its bytes."""
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def unchanged(folder: Path, before: dict[str, bytes]) -> None:
    """Every file that was there is as it was; SQLite's read-only connections may have left
    a -shm and an empty -wal beside the database (they cannot remove them)."""
    after = files(folder)
    assert {name: after.get(name) for name in before} == before
    for name in after.keys() - before.keys():
        assert name.endswith("-shm") or (name.endswith("-wal") and not after[name]), name


def refused(opener: Callable[[Path], object], db: Path) -> str:
    with pytest.raises(HistoryError) as caught:
        opener(db)
    return str(caught.value)


def foreign(db: Path) -> str:
    return (
        f"{db} is another program's SQLite database, not a newsquiz history; newsquiz did not "
        "change it: choose another file with --db"
    )


def stray(db: Path) -> str:
    return (
        f"{db}-wal does not belong to the history database {db} (another database's write-ahead "
        "log?); newsquiz changed neither file: move the -wal and -shm files away"
    )


def sqlite_error(cls: type[sqlite3.Error], text: str, name: str) -> sqlite3.Error:
    exc = cls(text)
    exc.sqlite_errorname = name  # type: ignore[attr-defined]
    return exc


def fail_on(
    monkeypatch: pytest.MonkeyPatch,
    statement: str,
    exc: sqlite3.Error,
    immutable: bool = False,
    leaving: Callable[[Path], None] | None = None,
) -> None:
    """Make SQLite raise `exc` for each statement starting with `statement`, on the read-only
    connections newsquiz opens to check a file (`immutable`: on those reading the file alone),
    after `leaving` has put beside the database what the failure leaves there."""
    real_connect = sqlite3.connect

    class Failing(sqlite3.Connection):
        def execute(self, sql: str, *args: Any) -> sqlite3.Cursor:
            if sql.lower().startswith(statement.lower()):  # SQLite ignores case too
                if leaving is not None:
                    (name,) = (row[2] for row in super().execute("PRAGMA database_list"))
                    leaving(Path(name))
                raise exc
            return super().execute(sql, *args)

    def connect(database: Any, *args: Any, **kwargs: Any) -> sqlite3.Connection:
        target = str(database)
        if "mode=ro" in target and ("immutable=1" in target) == immutable:
            kwargs["factory"] = Failing
        conn: sqlite3.Connection = real_connect(database, *args, **kwargs)
        return conn

    monkeypatch.setattr(sqlite3, "connect", connect)


# ---------------------------------------------------------------------------------------------
# first_problem: one readable line of SQLite's integrity report.


@pytest.mark.parametrize(
    ("rows", "problem"),
    [
        ([], "no details"),
        ([()], "no details"),
        ([("",), ("*** in database main ***",)], "no details"),
        (
            [(), ("row 3 missing from index answers_session",)],
            "row 3 missing from index answers_session",
        ),
        (
            [("*** in database main ***\nPage 5:   btree page  \n  second line",)],
            "Page 5: btree page",
        ),
        ([("*** heading",), ("", "ignored"), ("bad\x1b[2Jpage",)], "bad\\x1b[2Jpage"),
        ([("x" * 100,)], "x" * 100),
        ([("x" * 101,)], "x" * 99 + "…"),
        ([("x" * 98 + " " + "y" * 10,)], "x" * 98 + "…"),
    ],
)
def test_the_first_problem_is_one_short_line(rows: list[tuple[object, ...]], problem: str) -> None:
    assert first_problem(rows) == problem


# ---------------------------------------------------------------------------------------------
# Paths that cannot hold a history.


def test_a_symbolic_link_loop_on_the_path_is_named(tmp_path: Path) -> None:
    loop = tmp_path / "loop"
    loop.symlink_to(loop)
    db = loop / "h.sqlite3"
    why = f"cannot use the history database {db}: a symbolic link on its path loops"
    assert refused(Store, db) == f"{why}; {WRITE}"
    assert refused(Store.for_reading, db) == f"{why}; {READ}"


def test_a_name_too_long_for_the_file_system_is_named(tmp_path: Path) -> None:
    db = tmp_path / ("x" * 300) / "h.sqlite3"
    why = f"cannot use the history database {db}: File name too long"
    assert refused(Store, db) == f"{why}; {WRITE}"
    assert refused(Store.for_reading, db) == f"{why}; {READ}"
    assert list(tmp_path.iterdir()) == []


def test_a_folder_that_cannot_be_made_is_named_with_the_system_words(tmp_path: Path) -> None:
    (tmp_path / "link").symlink_to(tmp_path / "nowhere")  # a link to a folder that is gone
    db = tmp_path / "link" / "h.sqlite3"
    assert refused(Store, db) == f"cannot use the history database {db}: File exists; {WRITE}"
    assert Store.for_reading(db) is None
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link"]


def test_a_history_whose_folder_is_missing_is_refused_when_asked_not_to_make_it(
    tmp_path: Path,
) -> None:
    db = tmp_path / "no" / "such" / "h.sqlite3"
    assert refused(lambda p: Store(p, make_folder=False), db) == (
        f"cannot use the history database {db}: the folder {db.parent} does not exist; create "
        "it first, or use --db PATH or --no-save"
    )
    assert list(tmp_path.iterdir()) == []


def test_an_empty_file_is_no_history_yet_to_a_reader(tmp_path: Path) -> None:
    db = tmp_path / "h.sqlite3"
    db.touch()
    assert Store.for_reading(db) is None
    assert files(tmp_path) == {"h.sqlite3": b""}


# ---------------------------------------------------------------------------------------------
# Whose file it is: the header says so first, SQLite confirms it.


def test_tables_not_ours_behind_our_old_schema_version_are_refused(tmp_path: Path) -> None:
    db = tmp_path / "h.sqlite3"  # unmarked, version 1 as newsquiz's were, but other tables
    sql(db, "PRAGMA user_version = 1", "CREATE TABLE sessions (x)", "CREATE TABLE notes (y)")
    before = files(tmp_path)
    assert refused(Store, db) == foreign(db)
    assert refused(Store.for_reading, db) == foreign(db)
    assert files(tmp_path) == before


def test_a_marked_history_at_the_first_schema_version_is_read_and_brought_up_to_date(
    tmp_path: Path,
) -> None:
    db = tmp_path / "h.sqlite3"
    sql(
        db,
        *MIGRATIONS[0],
        f"PRAGMA application_id = {APPLICATION_ID}",
        "PRAGMA user_version = 1",
        "INSERT INTO sessions (started, mode, seed, articles, total) VALUES (1, 'quiz', 7, 'a', 1)",
    )
    reader = Store.for_reading(db)
    assert reader is not None and len(reader.sessions()) == 1
    reader.close()
    Store(db).close()
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    columns = [row[1] for row in conn.execute("PRAGMA table_info(answers)")]
    conn.close()
    assert columns[-2:] == ["confidence", "options"]


@pytest.mark.parametrize(
    ("exc", "why_writing", "why_reading"),
    [
        (
            sqlite_error(sqlite3.OperationalError, "disk I/O error", "SQLITE_IOERR"),
            f"cannot be used (disk I/O error); {WRITE}",
            f"cannot be used (disk I/O error); {READ}",
        ),
        (
            sqlite_error(
                sqlite3.DatabaseError, "database disk image is malformed", "SQLITE_CORRUPT"
            ),
            "is damaged (database disk image is malformed); newsquiz did not change it: move it "
            "away or use --db",
            "is damaged (database disk image is malformed); newsquiz did not change it: move it "
            "away or use --db",
        ),
    ],
)
def test_a_failure_while_confirming_the_owner_is_named_for_the_command(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    exc: sqlite3.Error,
    why_writing: str,
    why_reading: str,
) -> None:
    db = tmp_path / "h.sqlite3"
    record(db, 2)
    before = files(tmp_path)
    fail_on(monkeypatch, "PRAGMA application_id", exc)
    assert refused(Store, db) == f"the history database {db} {why_writing}"
    assert refused(Store.for_reading, db) == f"the history database {db} {why_reading}"
    unchanged(tmp_path, before)


# ---------------------------------------------------------------------------------------------
# Integrity: checked through a read-only connection before the first write.


def test_a_history_with_a_page_lost_is_refused_with_sqlites_words(tmp_path: Path) -> None:
    db = tmp_path / "h.sqlite3"
    record(db, 3)
    content = bytearray(db.read_bytes())
    content[4096 : 2 * 4096] = bytes(4096)  # page 2, the sessions table, overwritten by zeros
    db.write_bytes(bytes(content))
    before = files(tmp_path)
    assert refused(Store, db) == (
        f"the history database {db} is damaged: it fails SQLite's integrity check (database "
        "disk image is malformed); newsquiz did not change it: move it away or use --db"
    )
    assert files(tmp_path) == before
    assert _sound_without_log(db) is False


def test_an_io_error_during_the_check_is_damage_not_a_stray_log(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "h.sqlite3"
    record(db, 2)
    before = files(tmp_path)
    io_error = sqlite_error(sqlite3.OperationalError, "disk I/O error", "SQLITE_IOERR")
    fail_on(monkeypatch, "PRAGMA quick_check", io_error)
    assert refused(Store, db) == (
        f"the history database {db} is damaged: it fails SQLite's integrity check (disk I/O "
        "error); newsquiz did not change it: move it away or use --db"
    )
    assert files(tmp_path) == before


def test_a_lock_taken_during_the_check_is_named_as_a_lock(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "h.sqlite3"  # a history from before the mark, still in rollback mode
    sql(db, *MIGRATIONS[0], "PRAGMA user_version = 1")
    before = files(tmp_path)
    real_check = store_module._check_ownership
    holders: list[sqlite3.Connection] = []

    def then_lock(*args: Any, **kwargs: Any) -> None:
        real_check(*args, **kwargs)
        holder = sqlite3.connect(db, isolation_level=None)  # another program starts writing
        holder.execute("BEGIN EXCLUSIVE")
        holders.append(holder)

    monkeypatch.setattr(store_module, "_check_ownership", then_lock)
    try:
        assert refused(lambda p: Store(p, timeout=0), db) == (
            f"the history database {db} is locked by another program; try again when it is done"
        )
    finally:
        for holder in holders:
            holder.close()
    assert len(holders) == 1
    assert files(tmp_path) == before


def foreign_log(folder: Path) -> bytes:
    """The -wal of another program's database, whose one committed frame is a page far past
    the end of a small history (and not page 1, so the header alone cannot tell)."""
    other = folder / "other.db"
    conn = sqlite3.connect(other, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("CREATE TABLE x (a)")
    for _ in range(200):
        conn.execute("INSERT INTO x VALUES (zeroblob(100))")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.execute("PRAGMA wal_autocheckpoint=0")
    conn.execute("UPDATE x SET a = x'01' || zeroblob(99) WHERE rowid = 150")
    wal = Path(f"{other}-wal").read_bytes()
    conn.close()
    other.unlink()
    return wal


def test_a_log_that_breaks_a_sound_history_is_named_as_not_its_own(tmp_path: Path) -> None:
    db = tmp_path / "h.sqlite3"
    record(db, 3)
    Path(f"{db}-wal").write_bytes(foreign_log(tmp_path))
    before = files(tmp_path)
    assert refused(Store, db) == stray(db)
    assert files(tmp_path) == before
    assert _sound_without_log(db) is True  # the file alone, without replaying the log
    assert files(tmp_path) == before


def test_the_file_alone_is_read_as_it_stands_and_never_made(tmp_path: Path) -> None:
    db = own_live_log(tmp_path)
    assert _file_rows(db, "SELECT id FROM sessions ORDER BY id") == [(1,)]  # not the log's 2
    gone = tmp_path / "gone.sqlite3"
    assert _sound_without_log(gone) is False
    assert _file_rows(gone, "SELECT 1") is None
    assert not gone.exists()


def test_a_file_whose_schema_cannot_be_read_is_not_sound(tmp_path: Path) -> None:
    db = tmp_path / "h.sqlite3"
    record(db, 1)
    content = bytearray(db.read_bytes())
    content[100:4096] = b"\xa5" * (4096 - 100)  # page 1 past the header: the schema
    db.write_bytes(bytes(content))
    assert _sound_without_log(db) is False
    assert files(tmp_path) == {"h.sqlite3": bytes(content)}


# ---------------------------------------------------------------------------------------------
# A log beside the history: replayed only when it carries this history forward.


def own_live_log(tmp_path: Path) -> Path:
    """A copy of a history taken while a session was writing: two answers only in its -wal."""
    db = tmp_path / "live.sqlite3"
    record(db, 3)
    writer = Store(db)
    writer.conn.execute("PRAGMA wal_autocheckpoint=0")
    question = build_session(load_library().claims, seed=1, kind="tf").questions[0]
    sid = writer.start_session("quiz", 2, ["b"], 2, T0)
    for _ in range(2):
        writer.record_answer(sid, grade(question, "f"), T0, None)
    copy = tmp_path / "copy" / "h.sqlite3"
    copy.parent.mkdir()
    copy.write_bytes(db.read_bytes())
    Path(f"{copy}-wal").write_bytes(Path(f"{db}-wal").read_bytes())
    writer.close()
    return copy


def test_a_history_copied_with_its_own_log_is_read_whole(tmp_path: Path) -> None:
    db = own_live_log(tmp_path)
    reader = Store.for_reading(db)
    assert reader is not None and len(reader.answers()) == 5
    reader.close()


@pytest.mark.parametrize(
    ("exc", "why_writing", "why_reading"),
    [
        (
            sqlite_error(sqlite3.OperationalError, "disk I/O error", "SQLITE_IOERR"),
            f"the history database {{db}} cannot be used (disk I/O error); {WRITE}",
            f"the history database {{db}} cannot be used (disk I/O error); {READ}",
        ),
        (  # the file alone is sound, so the log is what SQLite could not read
            sqlite_error(
                sqlite3.DatabaseError, "database disk image is malformed", "SQLITE_CORRUPT"
            ),
            stray(Path("{db}")),
            stray(Path("{db}")),
        ),
    ],
)
def test_a_failure_while_comparing_the_log_is_named_for_the_command(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    exc: sqlite3.Error,
    why_writing: str,
    why_reading: str,
) -> None:
    db = own_live_log(tmp_path)
    before = files(db.parent)
    fail_on(monkeypatch, "SELECT id, started", exc)  # the rows read through the log
    assert refused(Store, db) == why_writing.format(db=db)
    assert refused(Store.for_reading, db) == why_reading.format(db=db)
    unchanged(db.parent, before)


def another_historys_log(tmp_path: Path, db: Path) -> None:
    """Put beside `db` the -wal of another history, whose page 1 is not in it."""
    other = tmp_path / "other.sqlite3"
    record(other, 2, seed=9)
    writer = Store(other)
    writer.conn.execute("PRAGMA wal_autocheckpoint=0")
    question = build_session(load_library().claims, seed=1, kind="tf").questions[0]
    sid = writer.start_session("quiz", 5, ["b"], 3, T0)
    for _ in range(3):
        writer.record_answer(sid, grade(question, "f"), T0, None)
    Path(f"{db}-wal").write_bytes(Path(f"{other}-wal").read_bytes())
    writer.close()


def test_a_history_with_no_sessions_left_still_has_its_answers_compared(tmp_path: Path) -> None:
    db = tmp_path / "h.sqlite3"
    record(db, 3)
    sql(db, "DELETE FROM sessions")  # by hand: the answers remain
    another_historys_log(tmp_path, db)
    before = files(tmp_path)
    assert refused(Store, db) == stray(db)
    assert refused(Store.for_reading, db) == stray(db)
    assert files(tmp_path) == before


# ---------------------------------------------------------------------------------------------
# Read-only media: no shared memory for the log, so the file is read as it stands.


def no_shared_memory(monkeypatch: pytest.MonkeyPatch) -> None:
    cantopen = sqlite_error(
        sqlite3.OperationalError, "unable to open database file", "SQLITE_CANTOPEN"
    )
    fail_on(monkeypatch, "SELECT count(*) FROM sqlite_master", cantopen)


def test_a_history_on_read_only_media_is_read_as_it_stands(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "h.sqlite3"
    record(db, 3)
    before = files(tmp_path)
    no_shared_memory(monkeypatch)
    reader = Store.for_reading(db)
    assert reader is not None and len(reader.answers()) == 3
    reader.close()
    assert files(tmp_path) == before


def test_recent_answers_in_a_log_on_read_only_media_are_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = own_live_log(tmp_path)
    before = files(db.parent)
    no_shared_memory(monkeypatch)
    assert refused(Store.for_reading, db) == (
        f"the history database {db} has recent answers in {db}-wal that cannot be read without "
        "write access to its folder; copy the database and its -wal file somewhere writable "
        "and use --db"
    )
    assert files(db.parent) == before


def full_disk_leftovers(db: Path) -> None:
    """What SQLite leaves when the disk is full as it sets up the log: an empty -wal, and a
    -shm of a few bytes."""
    Path(f"{db}-wal").touch()
    Path(f"{db}-shm").write_bytes(b"\0\0\0")


@pytest.mark.parametrize("left_before", [False, True])
def test_a_history_on_a_full_disk_is_read_as_it_stands_and_only_its_own_leftovers_go(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, left_before: bool
) -> None:
    db = tmp_path / "h.sqlite3"
    record(db, 3)
    if left_before:
        full_disk_leftovers(db)  # left by an earlier reader: not this one's to remove
    before = files(tmp_path)
    full = sqlite_error(sqlite3.OperationalError, "database or disk is full", "SQLITE_FULL")
    fail_on(monkeypatch, "SELECT count(*)", full, leaving=full_disk_leftovers)
    reader = Store.for_reading(db)
    assert reader is not None and len(reader.answers()) == 3
    reader.close()
    assert files(tmp_path) == before


def test_a_failed_read_keeps_a_shared_memory_file_another_reader_may_use(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "h.sqlite3"
    record(db, 3)

    def whole_block(db: Path) -> None:  # as SQLite leaves them once the log is set up
        Path(f"{db}-wal").touch()
        Path(f"{db}-shm").write_bytes(bytes(32768))

    odd = sqlite_error(sqlite3.OperationalError, "unsupported file format", "SQLITE_ERROR")
    fail_on(monkeypatch, "SELECT count(*)", odd, leaving=whole_block)
    assert refused(Store.for_reading, db) == (
        f"the history database {db} cannot be used (unsupported file format); {READ}"
    )
    assert sorted(files(tmp_path)) == ["h.sqlite3", "h.sqlite3-shm", "h.sqlite3-wal"]


def test_a_damaged_history_found_by_a_reader_leaves_nothing_beside_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "h.sqlite3"
    record(db, 3)
    before = files(tmp_path)
    damage = sqlite_error(
        sqlite3.DatabaseError, "database disk image is malformed", "SQLITE_CORRUPT"
    )
    fail_on(monkeypatch, "SELECT count(*)", damage, leaving=full_disk_leftovers)
    assert refused(Store.for_reading, db) == (
        f"the history database {db} is damaged (database disk image is malformed); newsquiz did "
        "not change it: move it away or use --db"
    )
    assert files(tmp_path) == before


def test_a_reader_that_sqlite_cannot_open_is_given_the_readers_advice(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "h.sqlite3"
    record(db, 3)
    odd = sqlite_error(sqlite3.OperationalError, "unsupported file format", "SQLITE_ERROR")
    fail_on(monkeypatch, "SELECT count(*)", odd)
    assert refused(Store.for_reading, db) == (
        f"the history database {db} cannot be used (unsupported file format); {READ}"
    )


@pytest.mark.parametrize(
    ("exc", "why"),
    [
        (
            sqlite_error(sqlite3.OperationalError, "unsupported file format", "SQLITE_ERROR"),
            f"cannot be used (unsupported file format); {READ}",
        ),
        (
            sqlite_error(
                sqlite3.DatabaseError, "database disk image is malformed", "SQLITE_CORRUPT"
            ),
            "is damaged (database disk image is malformed); newsquiz did not change it: move it "
            "away or use --db",
        ),
    ],
)
def test_a_history_on_read_only_media_that_cannot_be_read_either_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, exc: sqlite3.Error, why: str
) -> None:
    db = tmp_path / "h.sqlite3"
    record(db, 3)
    before = files(tmp_path)
    no_shared_memory(monkeypatch)
    fail_on(monkeypatch, "SELECT count(*)", exc, immutable=True)
    assert refused(Store.for_reading, db) == f"the history database {db} {why}"
    assert files(tmp_path) == before


# ---------------------------------------------------------------------------------------------
# What an open on a full disk leaves behind.


@pytest.mark.parametrize("existing", [False, True])
def test_a_full_disk_takes_away_only_the_file_this_open_made(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, existing: bool
) -> None:
    db = tmp_path / "h.sqlite3"
    if existing:
        db.touch()  # the user's own empty file: kept
    real_connect = sqlite3.connect

    def no_room(*args: Any, **kwargs: Any) -> sqlite3.Connection:
        real_connect(*args, **kwargs).close()  # the file is made, then nothing fits in it
        raise sqlite_error(sqlite3.OperationalError, "database or disk is full", "SQLITE_FULL")

    monkeypatch.setattr(sqlite3, "connect", no_room)
    assert refused(Store, db) == (
        f"the history database {db} cannot be written: the disk is full; free some space, or "
        f"{WRITE}"
    )
    assert files(tmp_path) == ({"h.sqlite3": b""} if existing else {})


@pytest.mark.parametrize(
    ("content", "journal", "removed"),
    [(b"", False, True), (b"", True, False), (b"x", False, False)],
)
def test_only_an_empty_file_with_no_journal_is_removed(
    tmp_path: Path, content: bytes, journal: bool, removed: bool
) -> None:
    db = tmp_path / "h.sqlite3"
    db.write_bytes(content)
    if journal:
        Path(f"{db}-journal").write_bytes(b"")
    _remove_if_empty(db)
    assert db.exists() is not removed
    assert Path(f"{db}-journal").exists() is journal


def test_removing_a_file_that_is_gone_is_quiet(tmp_path: Path) -> None:
    _remove_if_empty(tmp_path / "h.sqlite3")
    assert list(tmp_path.iterdir()) == []


# ---------------------------------------------------------------------------------------------
# Waiting out another session's lock: jittered backoff, on a clock of our own.


class Clock:
    """Stands in for the time module in the store: sleeping moves the clock on at once."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.slept: list[float] = []

    def monotonic(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


class Busy:
    """An action that finds the database locked `times` times, then returns 'done'."""

    def __init__(self, times: int, error: str = "database is locked") -> None:
        self.times, self.error, self.calls = times, error, 0

    def __call__(self) -> str:
        self.calls += 1
        if self.calls <= self.times:
            raise sqlite3.OperationalError(self.error)
        return "done"


def on_clock(monkeypatch: pytest.MonkeyPatch, jitter: float) -> Clock:
    clock = Clock()
    monkeypatch.setattr(store_module, "time", clock)
    monkeypatch.setattr(store_module, "random", SimpleNamespace(random=lambda: jitter))
    return clock


def test_a_lock_is_waited_out_with_doubling_pauses(monkeypatch: pytest.MonkeyPatch) -> None:
    clock = on_clock(monkeypatch, 0.5)  # no jitter: each pause exactly the delay
    action = Busy(3)
    assert store_module._retry_busy(action, 30) == "done"
    assert action.calls == 4
    assert clock.slept == pytest.approx([0.005, 0.01, 0.02])


@pytest.mark.parametrize(("jitter", "first"), [(0.0, 0.0025), (0.75, 0.00625)])
def test_each_pause_is_jittered_between_half_and_one_and_a_half_delays(
    monkeypatch: pytest.MonkeyPatch, jitter: float, first: float
) -> None:
    clock = on_clock(monkeypatch, jitter)
    assert store_module._retry_busy(Busy(1), 30) == "done"
    assert clock.slept == pytest.approx([first])


def test_pauses_stop_growing_and_the_lock_is_reported_at_the_deadline(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    clock = on_clock(monkeypatch, 0.5)
    action = Busy(100)
    with pytest.raises(sqlite3.OperationalError, match="database is locked"):
        store_module._retry_busy(action, 1.0)
    # 0.815 s slept; one more pause of 0.25 s would end past the deadline: give up instead
    assert clock.slept == pytest.approx([0.005, 0.01, 0.02, 0.04, 0.08, 0.16, 0.25, 0.25])
    assert action.calls == 9


@pytest.mark.parametrize(
    ("timeout", "error", "calls"),
    [
        (0, "database is locked", 1),  # no time to wait
        (30, "disk I/O error", 1),  # not a lock: waiting would not help
    ],
)
def test_some_failures_are_not_waited_out(
    monkeypatch: pytest.MonkeyPatch, timeout: float, error: str, calls: int
) -> None:
    clock = on_clock(monkeypatch, 0.5)
    action = Busy(1, error)
    with pytest.raises(sqlite3.OperationalError, match=error):
        store_module._retry_busy(action, timeout)
    assert action.calls == calls and clock.slept == []


def test_a_lock_that_clears_just_in_time_is_still_waited_for(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    clock = on_clock(monkeypatch, 0.5)
    assert store_module._retry_busy(Busy(2), 0.015) == "done"  # 0.005 + 0.01: not past it
    assert clock.slept == pytest.approx([0.005, 0.01])


def test_the_wait_for_other_sessions_is_the_one_asked_for(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "h.sqlite3"
    record(db, 1)
    timeouts: list[object] = []
    real_connect = sqlite3.connect

    def noting(database: Any, *args: Any, **kwargs: Any) -> sqlite3.Connection:
        timeouts.append(kwargs.get("timeout"))
        conn: sqlite3.Connection = real_connect(database, *args, **kwargs)
        return conn

    monkeypatch.setattr(sqlite3, "connect", noting)
    Store(db, timeout=0.25).close()  # the check, then the session's own connection
    reader = Store.for_reading(db, timeout=0.5)
    assert reader is not None
    reader.close()
    assert timeouts == [0.25, 0.25, 0.5]


def test_opening_a_history_up_to_date_writes_nothing_and_so_never_waits(tmp_path: Path) -> None:
    db = tmp_path / "h.sqlite3"
    record(db, 1)
    writer = sqlite3.connect(db, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")  # another session, in the middle of recording an answer
    try:
        Store(db, timeout=0).close()  # no write lock needed: the schema is as it should be
    finally:
        writer.execute("ROLLBACK")
        writer.close()


def test_a_file_that_changes_hands_after_the_check_is_refused_untouched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "h.sqlite3"
    record(db, 1)
    other = tmp_path / "other.db"
    sql(other, "CREATE TABLE people (name TEXT)", "INSERT INTO people VALUES ('Ann')")
    real_probe = store_module._probe

    def then_replaced(*args: Any, **kwargs: Any) -> None:
        real_probe(*args, **kwargs)
        db.write_bytes(other.read_bytes())  # another program's file now stands in its place

    monkeypatch.setattr(store_module, "_probe", then_replaced)
    assert refused(Store, db) == foreign(db)
    assert db.read_bytes() == other.read_bytes()


def test_two_sessions_bringing_an_old_history_up_to_date_at_once_both_open_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "h.sqlite3"
    sql(db, *MIGRATIONS[0], f"PRAGMA application_id = {APPLICATION_ID}", "PRAGMA user_version = 1")
    real_prepare = store_module._prepare

    def other_session_first(conn: sqlite3.Connection, path: Path) -> None:
        other = sqlite3.connect(db, isolation_level=None)
        real_prepare(other, path)  # the other session wins the race and migrates the file
        other.close()
        real_prepare(conn, path)  # this one finds the work done

    monkeypatch.setattr(store_module, "_prepare", other_session_first)
    Store(db).close()
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("SELECT count(*) FROM history_identity").fetchone()[0] == 1
    conn.close()
