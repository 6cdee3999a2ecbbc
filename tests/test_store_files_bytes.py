"""Judging a history from its bytes, before SQLite touches it: headers and write-ahead logs.

The files here are written byte by byte: a database header with chosen page size, schema
version and application id, and a write-ahead log with chosen frames, salts and commits, so
that each rule of the check (which frames SQLite would replay, which log is not this file's)
is pinned on its own.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path
from typing import Any

import pytest

from newsquiz.errors import HistoryError
from newsquiz.store import (
    APPLICATION_ID,
    SCHEMA_VERSION,
    SQLITE_HEADER,
    Store,
    _Header,
    _inspect,
    _parse_header,
    _read_wal,
    _Wal,
)

MAGIC = 0x377F0682
SALTS = b"\x11\x22\x33\x44\x55\x66\x77\x88"
MINE = b"newsquiz-history:" + b"0123456789abcdef" * 2
THEIRS = b"newsquiz-history:" + b"fedcba9876543210" * 2


def header(
    page_size: int = 4096,
    user_version: int = SCHEMA_VERSION,
    application_id: int = APPLICATION_ID,
    identity: bytes = b"",
    length: int = 4096,
) -> bytes:
    """Page 1 of an SQLite database: the 100-byte header, then (where the schema would be) an
    identity, padded to `length` bytes."""
    size_field = 1 if page_size == 65536 else page_size
    page = bytearray(SQLITE_HEADER + bytes(84))
    page[16:18] = size_field.to_bytes(2, "big")
    page[60:64] = user_version.to_bytes(4, "big", signed=True)
    page[68:72] = application_id.to_bytes(4, "big", signed=True)
    page += identity
    return bytes(page.ljust(length, b"\0")[:length])


Frame = tuple[int, int, bytes]  # page number, database size after a commit (0: none), page


def wal(
    frames: list[Frame],
    page_size: int = 512,
    magic: int = MAGIC,
    salts: bytes = SALTS,
    frame_salts: dict[int, bytes] | None = None,
    tail: bytes = b"",
    size_field: int | None = None,
) -> bytes:
    """A write-ahead log: its 32-byte header, then each frame's 24-byte header and page."""
    out = bytearray(magic.to_bytes(4, "big") + (3007000).to_bytes(4, "big"))
    out += (page_size if size_field is None else size_field).to_bytes(4, "big")
    out += bytes(4) + salts + bytes(8)
    for index, (number, commit, page) in enumerate(frames, start=1):
        salt = (frame_salts or {}).get(index, salts)
        out += number.to_bytes(4, "big") + commit.to_bytes(4, "big") + salt + bytes(8)
        out += page.ljust(page_size, b"\0")[:page_size]
    return bytes(out + tail)


def page(tag: bytes, size: int = 512) -> bytes:
    return tag.ljust(size, b"\0")


def wal_beside(tmp_path: Path, content: bytes) -> Path:
    db = tmp_path / "h.sqlite3"
    Path(f"{db}-wal").write_bytes(content)
    return db


# ---------------------------------------------------------------------------------------------
# _parse_header


def test_a_header_is_read_from_its_fixed_offsets() -> None:
    page = bytearray(header(page_size=8192, user_version=-2, application_id=-7, length=100))
    page[56:60] = b"\xaa" * 4  # the neighbouring fields do not leak into the ones read
    page[64:68] = b"\xbb" * 4
    page[72:76] = b"\xcc" * 4
    assert _parse_header(bytes(page)) == _Header(8192, -2, -7)


@pytest.mark.parametrize(
    ("content", "parsed"),
    [
        (header(page_size=65536, length=100), _Header(65536, SCHEMA_VERSION, APPLICATION_ID)),
        (header(page_size=512, user_version=3, application_id=0), _Header(512, 3, 0)),
        (header(length=99), None),  # cut short: no whole header
        (b"SQLite format 3\x01" + header()[16:], None),
        (b"", None),
    ],
)
def test_only_a_whole_sqlite_header_is_parsed(content: bytes, parsed: _Header | None) -> None:
    assert _parse_header(content) == parsed


# ---------------------------------------------------------------------------------------------
# _read_wal: what SQLite would replay.

A, B, C = page(b"page A"), page(b"page B"), page(b"page C")


@pytest.mark.parametrize(
    ("content", "found"),
    [
        (wal([(1, 0, A), (2, 2, B)]), _Wal(512, 2, A)),
        (wal([(1, 0, A), (2, 2, B)], magic=MAGIC + 1), _Wal(512, 2, A)),  # either byte order
        (wal([(2, 0, B), (3, 3, C)]), _Wal(512, 2, None)),  # page 1 not in the log
        (wal([(1, 1, A), (1, 1, B)]), _Wal(512, 2, B)),  # the newest page 1 counts
        (wal([(1, 0, A), (3, 3, C), (1, 0, B)]), _Wal(512, 2, A)),  # not after the last commit
        (wal([(1, 1, A), (1, 1, B)], frame_salts={2: b"\0" * 8}), _Wal(512, 1, A)),  # old frame
        (wal([(1, 1, A), (1, 1, B)], frame_salts={1: b"\0" * 8}), None),
        (wal([(1, 1, A), (2, 0, B)], tail=b"\0" * 100), _Wal(512, 1, A)),  # half a frame
        (wal([(1, 1, A)]) + wal([(1, 1, B)])[32 : 32 + 24 + 300], _Wal(512, 1, A)),
        (wal([(1, 1, A)]) + wal([(1, 1, B)])[32 : 32 + 24 + 500], _Wal(512, 1, A)),
        (wal([(1, 2**24, A)]), _Wal(512, 1, A)),  # a commit of 2**24 pages is a commit
        (wal([(1, 1, A)], size_field=2**24 + 512), None),
        (wal([(1, 0, A), (2, 0, B)]), None),  # nothing committed
        (wal([]), None),
        (wal([(1, 1, A)], magic=MAGIC + 2), None),
        (wal([(1, 1, A)], magic=0), None),
        (wal([(1, 1, A)])[:31], None),
        (b"", None),
        (wal([(1, 1, page(b"x", 65536))], page_size=65536), _Wal(65536, 1, page(b"x", 65536))),
        (wal([(1, 1, A)], page_size=256), None),
        (wal([(1, 1, A)], page_size=131072), None),
        (wal([(1, 1, A)], page_size=768), None),  # not a power of two
        (wal([(1, 1, A)], page_size=0), None),
    ],
)
def test_only_committed_frames_with_the_logs_salts_count(
    tmp_path: Path, content: bytes, found: _Wal | None
) -> None:
    db = wal_beside(tmp_path, content)
    assert _read_wal(db) == found
    assert Path(f"{db}-wal").read_bytes() == content


def test_frames_are_read_at_their_own_offsets(tmp_path: Path) -> None:
    frames = [(n, 0, page(b"page %d" % n, 1024)) for n in (3, 4, 5)]
    frames += [(1, 0, page(b"the first page", 1024)), (6, 7, page(b"last", 1024))]
    db = wal_beside(tmp_path, wal(frames, page_size=1024))
    assert _read_wal(db) == _Wal(1024, 5, page(b"the first page", 1024))


def test_no_log_is_none(tmp_path: Path) -> None:
    assert _read_wal(tmp_path / "h.sqlite3") is None
    assert list(tmp_path.iterdir()) == []


def test_a_log_that_is_not_a_file_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "h.sqlite3"
    Path(f"{db}-wal").mkdir()
    message = (
        f"{db}-wal, where the history database keeps its write-ahead log, is not a regular "
        "file; move it away"
    )
    for check in (_read_wal, Store, Store.for_reading):
        with pytest.raises(HistoryError) as caught:
            check(db)
        assert str(caught.value) == message
    assert [p.name for p in tmp_path.iterdir()] == [f"{db.name}-wal"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_named_pipe_where_the_log_goes_is_refused_without_waiting(tmp_path: Path) -> None:
    db = tmp_path / "h.sqlite3"
    os.mkfifo(f"{db}-wal")  # opened for reading the usual way, it would wait for a writer
    with pytest.raises(HistoryError) as caught:
        _read_wal(db)
    assert str(caught.value) == (
        f"{db}-wal, where the history database keeps its write-ahead log, is not a regular "
        "file; move it away"
    )


def test_a_log_name_too_long_for_the_file_system_is_named(tmp_path: Path) -> None:
    db = tmp_path / ("h" * 253)  # the database's name fits; with "-wal" it does not
    with pytest.raises(HistoryError) as caught:
        _read_wal(db)
    assert str(caught.value) == (
        f"cannot read {db}-wal, the write-ahead log of the history database: File name too long"
    )


# ---------------------------------------------------------------------------------------------
# _inspect: the file alone.


def stray(db: Path) -> str:
    return (
        f"{db}-wal does not belong to the history database {db} (another database's write-ahead "
        "log?); newsquiz changed neither file: move the -wal and -shm files away"
    )


def inspected(db: Path, reading: bool = False) -> str:
    """What _inspect says: the kind of file, or the message it refuses it with."""
    try:
        return _inspect(db, reading)
    except HistoryError as exc:
        return str(exc)


@pytest.mark.parametrize(
    ("content", "kind"),
    [
        (header(), "ours"),
        (header(user_version=1), "ours"),
        (header(page_size=65536, length=65536 + 100), "ours"),
        (header(user_version=SCHEMA_VERSION + 1), "newer"),
        (header(user_version=2**24 + 1), "far newer"),
        (header(user_version=0), "version 0"),
        (header(user_version=-1), "version -1"),
        (header(application_id=0, user_version=1), "legacy"),
        (header(application_id=0, user_version=SCHEMA_VERSION), "legacy"),
        (header(application_id=0, user_version=SCHEMA_VERSION + 1), "another program's"),
        (header(application_id=0, user_version=0), "another program's"),
        (header(application_id=APPLICATION_ID + 1), "another program's"),
        (header(application_id=-1, user_version=1), "another program's"),
        (b"", "empty"),
        (SQLITE_HEADER[:5], "cut short"),
        (header()[:99], "cut short"),
        (SQLITE_HEADER + b"\xff" * 2, "cut short"),
        (b"SQLite format 4", "not SQLite"),
        (b"my notes\n" * 20, "not SQLite"),
    ],
)
def test_a_file_is_judged_by_its_header(tmp_path: Path, content: bytes, kind: str) -> None:
    db = tmp_path / "h.sqlite3"
    db.write_bytes(content)
    expected = {
        "newer": f"{db} was written by a newer newsquiz (schema {SCHEMA_VERSION + 1}, this one "
        f"reads up to {SCHEMA_VERSION}); upgrade newsquiz or use --db",
        "far newer": f"{db} was written by a newer newsquiz (schema {2**24 + 1}, this one "
        f"reads up to {SCHEMA_VERSION}); upgrade newsquiz or use --db",
        "version 0": f"the history database {db} is damaged (its schema version is 0); newsquiz "
        "did not change it: move it away or use --db",
        "version -1": f"the history database {db} is damaged (its schema version is -1); "
        "newsquiz did not change it: move it away or use --db",
        "another program's": f"{db} is another program's SQLite database, not a newsquiz "
        "history; newsquiz did not change it: choose another file with --db",
        "not SQLite": f"{db} is not an SQLite database, not a newsquiz history; newsquiz did not "
        "change it: choose another file with --db",
        "cut short": f"the history database {db} is damaged (cut short); newsquiz did not "
        "change it: move it away or use --db",
    }.get(kind, kind)
    assert inspected(db) == expected
    assert db.read_bytes() == content and [p.name for p in tmp_path.iterdir()] == [db.name]


def test_what_is_not_a_file_is_named(tmp_path: Path) -> None:
    folder = tmp_path / "h.sqlite3"
    folder.mkdir()
    assert inspected(folder) == (
        f"the history database {folder} is not a regular file; choose another with --db"
    )
    link = tmp_path / "link.sqlite3"
    link.symlink_to(tmp_path / "gone.sqlite3")
    assert inspected(link, reading=True) == (
        f"the history database {link} is a link to a file that does not exist; use --db"
    )
    assert inspected(tmp_path / "new.sqlite3") == "missing"


def test_a_file_that_cannot_be_read_is_named_with_the_system_words(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "h.sqlite3"
    db.write_bytes(header())
    real_open = Path.open

    def unreadable(self: Path, *args: Any, **kwargs: Any) -> Any:
        if self == db:  # as for a user without read permission
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", unreadable)
    why = f"cannot use the history database {db}: Permission denied"
    assert inspected(db) == f"{why}; use --db PATH or --no-save"
    assert inspected(db, reading=True) == f"{why}; use --db PATH to choose another"
    with pytest.raises(HistoryError) as caught:
        Store(db)
    assert str(caught.value) == f"{why}; use --db PATH or --no-save"


@pytest.mark.parametrize("content", [b"", None])
def test_a_log_where_there_is_no_history_yet_is_not_its_own(
    tmp_path: Path, content: bytes | None
) -> None:
    db = wal_beside(tmp_path, wal([(1, 1, A)]))
    if content is not None:
        db.write_bytes(content)
    assert inspected(db) == stray(db)
    assert Path(f"{db}-wal").read_bytes() == wal([(1, 1, A)])


@pytest.mark.parametrize("content", [b"", None])
def test_a_log_with_nothing_committed_beside_no_history_is_ignored(
    tmp_path: Path, content: bytes | None
) -> None:
    db = wal_beside(tmp_path, wal([(1, 0, A)]))
    if content is not None:
        db.write_bytes(content)
    assert inspected(db) == ("empty" if content is not None else "missing")


# The log's newest page 1 against the file's: (file header, log page 1 or None) -> verdict.
OURS, LEGACY = header(page_size=512), header(page_size=512, application_id=0, user_version=1)


@pytest.mark.parametrize(
    ("file", "log_page_one", "log_page_size", "verdict"),
    [
        (OURS, None, 512, "ours"),  # the log holds other pages only
        (OURS, OURS, 512, "ours"),
        (OURS, OURS, 1024, "stray"),  # another page size: another database
        (OURS, b"not a database page", 512, "stray"),
        (OURS, header(page_size=512, application_id=0, user_version=1), 512, "stray"),
        (OURS, header(page_size=512, application_id=7), 512, "stray"),
        (LEGACY, header(page_size=512, application_id=7), 512, "stray"),
        (LEGACY, LEGACY, 512, "legacy"),
        (LEGACY, OURS, 512, "ours"),  # adopted: the mark is in the log, not yet in the file
        (LEGACY, None, 512, "legacy"),
        (OURS, header(page_size=512, user_version=SCHEMA_VERSION + 1), 512, "newer"),
        (header(page_size=512, identity=MINE), header(page_size=512, identity=MINE), 512, "ours"),
        (
            header(page_size=512, identity=MINE),
            header(page_size=512, identity=THEIRS),
            512,
            "stray",
        ),
        (header(page_size=512, identity=MINE), header(page_size=512), 512, "ours"),
        (header(page_size=512), header(page_size=512, identity=THEIRS), 512, "ours"),
        (header(page_size=512, identity=MINE), None, 512, "ours"),
    ],
)
def test_a_log_beside_the_history_must_carry_it_forward(
    tmp_path: Path, file: bytes, log_page_one: bytes | None, log_page_size: int, verdict: str
) -> None:
    frames: list[Frame] = [(2, 2, page(b"two", log_page_size))]
    if log_page_one is not None:
        frames.insert(0, (1, 0, log_page_one.ljust(log_page_size, b"\0")[:log_page_size]))
    db = wal_beside(tmp_path, wal(frames, page_size=log_page_size))
    db.write_bytes(file)
    expected = {
        "stray": stray(db),
        "newer": f"{db} was written by a newer newsquiz (schema {SCHEMA_VERSION + 1}, this one "
        f"reads up to {SCHEMA_VERSION}); upgrade newsquiz or use --db",
    }.get(verdict, verdict)
    assert inspected(db) == expected


def test_the_identity_is_looked_for_on_page_one_only(tmp_path: Path) -> None:
    # The file's identity past its first page (512 bytes) is not its identity: unknown, so a
    # log with another identity is not told apart by it.
    file = header(page_size=512) + header(page_size=512, identity=MINE)[:512]
    db = wal_beside(tmp_path, wal([(1, 1, header(page_size=512, identity=THEIRS)[:512])]))
    db.write_bytes(file)
    assert inspected(db) == "ours"
