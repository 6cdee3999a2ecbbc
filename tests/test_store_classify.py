"""How the history store reads SQLite's errors: each kind gets its own message and advice.

SQLite's failures are hard to provoke one by one (a disk that fills at the right moment, a
lock held by another program), so the classifiers are fed errors built here, named the way
the sqlite3 module names them, and every message is pinned word for word.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from newsquiz.errors import HistoryError
from newsquiz.store import (
    Store,
    _cannot_share,
    _history_error,
    _is_busy,
    _is_damage,
    _tidy_sidecars,
)


def error(text: str, name: str | None = None) -> sqlite3.Error:
    """An sqlite3 error as the module raises it; without a name, as an older SQLite gives it."""
    exc = sqlite3.OperationalError(text)
    if name is not None:
        exc.sqlite_errorname = name  # type: ignore[attr-defined]
    return exc


@pytest.mark.parametrize(
    ("text", "name", "damage"),
    [
        ("file is not a database", "SQLITE_NOTADB", True),
        ("file is not a database", None, True),
        ("database disk image is malformed", None, True),
        ("something odd", "SQLITE_CORRUPT", True),
        ("something odd", "SQLITE_CORRUPT_INDEX", True),
        ("something odd", None, False),
        ("something odd", "SQLITE_ERROR", False),
        ("something odd", "XSQLITE_CORRUPT", False),
        ("database is locked", "SQLITE_BUSY", False),
    ],
)
def test_damage_is_told_by_words_or_name(text: str, name: str | None, damage: bool) -> None:
    assert _is_damage(error(text, name)) is damage


@pytest.mark.parametrize(
    ("text", "name", "busy"),
    [
        ("something odd", "SQLITE_BUSY", True),
        ("something odd", "SQLITE_BUSY_SNAPSHOT", True),
        ("something odd", "SQLITE_LOCKED", True),
        ("something odd", "SQLITE_LOCKED_SHAREDCACHE", True),
        ("database is locked", None, True),
        ("database table is locked", "SQLITE_ERROR", True),
        ("something odd", None, False),
        ("something odd", "SQLITE_ERROR", False),
        ("something odd", "XSQLITE_BUSY", False),
        ("database is LOCKED", None, False),
    ],
)
def test_busy_is_told_by_name_or_the_word_locked(text: str, name: str | None, busy: bool) -> None:
    assert _is_busy(error(text, name)) is busy


@pytest.mark.parametrize(
    ("name", "cannot_share"),
    [
        ("SQLITE_READONLY_DIRECTORY", True),
        ("SQLITE_CANTOPEN", True),
        ("SQLITE_FULL", True),
        ("SQLITE_IOERR", True),
        ("SQLITE_IOERR_SHMOPEN", True),
        ("SQLITE_READONLY", True),
        ("SQLITE_READONLY_CANTINIT", True),
        ("SQLITE_CANTOPEN_ISDIR", False),
        ("SQLITE_BUSY", False),
        ("SQLITE_CORRUPT", False),
        ("XSQLITE_IOERR", False),
        ("XSQLITE_READONLY", False),
        (None, False),
    ],
)
def test_a_read_only_open_that_needs_a_writable_folder(
    name: str | None, cannot_share: bool
) -> None:
    assert _cannot_share(error("unable to open database file", name)) is cannot_share


WRITE = "use --db PATH or --no-save"
READ = "use --db PATH to choose another"


@pytest.mark.parametrize(
    ("text", "name", "changed", "reading", "why"),
    [
        (
            "file is not a database",
            "SQLITE_NOTADB",
            False,
            False,
            "is damaged (file is not a database); newsquiz did not change it: move it away "
            "or use --db",
        ),
        (
            "database disk image is malformed",
            None,
            True,
            False,
            "is damaged (database disk image is malformed); the answers already recorded "
            "stay: move it away or use --db",
        ),
        (
            "bad\x1b[2Jpage",
            "SQLITE_CORRUPT",
            False,
            True,
            "is damaged (bad\\x1b[2Jpage); newsquiz did not change it: move it away or use --db",
        ),
        (
            "database is locked",
            "SQLITE_BUSY",
            True,
            False,
            "is locked by another program; try again when it is done",
        ),
        (
            "database table is locked",
            None,
            False,
            True,
            "is locked by another program; try again when it is done",
        ),
        (
            "something odd",
            "SQLITE_LOCKED",
            False,
            False,
            "is locked by another program; try again when it is done",
        ),
        (
            "attempt to write a readonly database",
            "SQLITE_READONLY",
            False,
            False,
            "cannot be opened for writing (read-only folder or file?); use --db PATH or --no-save",
        ),
        (
            "attempt to write a readonly database",
            "SQLITE_READONLY",
            False,
            True,
            "cannot be read (is the file or its folder unreadable?); use --db PATH",
        ),
        (
            "the file is read-only",
            None,
            False,
            False,
            "cannot be opened for writing (read-only folder or file?); use --db PATH or --no-save",
        ),
        (
            "unable to open database file",
            "SQLITE_CANTOPEN",
            False,
            True,
            "cannot be read (is the file or its folder unreadable?); use --db PATH",
        ),
        (
            "disk I/O error",
            "SQLITE_IOERR",
            False,
            False,
            f"cannot be used (disk I/O error); {WRITE}",
        ),
        ("disk I/O error", None, True, True, f"cannot be used (disk I/O error); {READ}"),
    ],
)
def test_each_kind_of_failure_has_its_own_words(
    tmp_path: Path, text: str, name: str | None, changed: bool, reading: bool, why: str
) -> None:
    path = tmp_path / "h.sqlite3"
    made = _history_error(path, error(text, name), changed=changed, reading=reading)
    assert str(made) == f"the history database {path} {why}"
    assert not any(tmp_path.iterdir())  # telling what went wrong touches nothing


@pytest.mark.parametrize(
    ("text", "name", "reading", "advice"),
    [
        ("database or disk is full", "SQLITE_FULL", False, WRITE),
        ("something odd", "SQLITE_FULL", True, READ),
        ("database or disk is full", None, False, WRITE),
        ("database or disk is full", None, True, READ),
    ],
)
def test_a_full_disk_says_so_and_what_to_do(
    tmp_path: Path, text: str, name: str | None, reading: bool, advice: str
) -> None:
    path = tmp_path / "h.sqlite3"
    made = _history_error(path, error(text, name), changed=True, reading=reading)
    assert type(made).__name__ == "_DiskFull"  # an open that made the file removes it again
    assert str(made) == (
        f"the history database {path} cannot be written: the disk is full; free some space, "
        f"or {advice}"
    )


def test_a_disk_with_no_room_left_is_full_whatever_sqlite_says(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    class NoRoom:
        f_bavail = 0

    monkeypatch.setattr("newsquiz.store.os.statvfs", lambda folder: NoRoom())
    made = _history_error(tmp_path / "h.sqlite3", error("disk I/O error", "SQLITE_IOERR"), True)
    assert type(made).__name__ == "_DiskFull"


# _tidy_sidecars: what a failed open leaves beside the database, and what it must keep.
SMALL, BLOCK = 100, 32768


def sidecars(tmp_path: Path, wal: int | None, shm: int | None) -> Path:
    path = tmp_path / "h.sqlite3"
    path.write_bytes(b"")
    for suffix, size in (("-wal", wal), ("-shm", shm)):
        if size is not None:
            Path(f"{path}{suffix}").write_bytes(b"\0" * size)
    return path


def left(path: Path) -> tuple[bool, bool]:
    return Path(f"{path}-wal").exists(), Path(f"{path}-shm").exists()


@pytest.mark.parametrize(
    ("wal", "shm", "before", "unusable", "after"),
    [
        # made by the failed open: a short -shm goes, and then the empty -wal with it
        (0, SMALL, (False, False), False, (False, False)),
        (0, BLOCK - 1, (False, False), False, (False, False)),
        # a whole block may be in use by another connection: both stay
        (0, BLOCK, (False, False), False, (True, True)),
        # unless the database was refused: no newsquiz process uses it
        (0, BLOCK, (False, False), True, (False, False)),
        # a -wal with answers in it always stays
        (SMALL, SMALL, (False, False), False, (True, False)),
        (SMALL, None, (False, False), True, (True, False)),
        # files that were there before the open are never removed
        (0, SMALL, (False, True), True, (True, True)),
        (0, SMALL, (True, False), False, (True, False)),
        (0, None, (True, False), True, (True, False)),
        (0, None, (False, False), False, (False, False)),
        (None, SMALL, (False, False), False, (False, False)),
    ],
)
def test_a_failed_open_tidies_only_what_it_left(
    tmp_path: Path,
    wal: int | None,
    shm: int | None,
    before: tuple[bool, bool],
    unusable: bool,
    after: tuple[bool, bool],
) -> None:
    path = sidecars(tmp_path, wal, shm)
    _tidy_sidecars(path, before, unusable=unusable)
    assert left(path) == after
    assert path.exists()


def test_tidying_keeps_a_non_empty_log_and_ignores_what_it_cannot_remove(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite3"
    path.write_bytes(b"")
    Path(f"{path}-shm").mkdir()  # cannot be unlinked: the error is swallowed, nothing else runs
    Path(f"{path}-wal").write_bytes(b"")
    _tidy_sidecars(path, (False, False), unusable=True)
    assert left(path) == (True, True)


def test_a_disk_that_cannot_be_asked_is_not_called_full(tmp_path: Path) -> None:
    path = tmp_path / "no such folder" / "h.sqlite3"  # statvfs fails: no claim of a full disk
    made = _history_error(path, error("disk I/O error", "SQLITE_IOERR"), changed=True)
    assert type(made) is HistoryError
    assert str(made) == f"the history database {path} cannot be used (disk I/O error); {WRITE}"


def test_damage_beside_a_sound_file_with_no_log_is_damage(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite3"
    Store(path).close()  # sound as it stands, and no -wal beside it
    damage = error("database disk image is malformed", "SQLITE_CORRUPT")
    for changed, kept in (
        (True, "the answers already recorded stay"),
        (False, "newsquiz did not change it"),
    ):
        made = _history_error(path, damage, changed=changed)
        assert str(made) == (
            f"the history database {path} is damaged (database disk image is malformed); {kept}: "
            "move it away or use --db"
        )
