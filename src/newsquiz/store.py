"""The history database: sessions, answers and review cards in SQLite.

Each answer is one `BEGIN IMMEDIATE ... COMMIT` transaction, committed before the next question
is shown, so an interrupted or killed session loses nothing it was given. WAL and a patient busy
wait let many sessions write to one database at once.

newsquiz changes no file it does not own or cannot trust. Its databases carry an
`application_id`; before SQLite opens an existing file for writing, its header (and the header
in any write-ahead log beside it) is read directly, and a file that is not SQLite, belongs to
another program, comes from a newer newsquiz or sits beside a stray `-wal` is refused untouched.
Before the first write of a session a read-only connection runs `PRAGMA quick_check`, so a file
damaged anywhere is refused before anything is written (a read-only connection never replays a
log into the database). Commands that only read open the file read-only (`mode=ro`, and
`immutable=1` on read-only media), so they work without write access and never create it.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import random
import re
import sqlite3
import stat
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from .errors import HistoryError, UsageError, printable
from .quiz import Question, Result

DB_ENV = "NEWSQUIZ_DB"
SQLITE_HEADER = b"SQLite format 3\x00"
# Marks a database as newsquiz's own (SQLite's application_id, header offset 68): "NQZ1".
APPLICATION_ID = 0x4E515A31
# How long a session waits for other sessions' transactions before it gives up.
BUSY_TIMEOUT = 30.0

# One entry per schema version; a database at version N runs the steps after N, in order.
MIGRATIONS: Sequence[Sequence[str]] = (
    (
        """CREATE TABLE sessions (
            id INTEGER PRIMARY KEY,
            started INTEGER NOT NULL,
            finished INTEGER,
            mode TEXT NOT NULL,
            seed INTEGER NOT NULL,
            articles TEXT NOT NULL,
            total INTEGER NOT NULL,
            answered INTEGER NOT NULL DEFAULT 0,
            correct INTEGER NOT NULL DEFAULT 0
        )""",
        """CREATE TABLE answers (
            id INTEGER PRIMARY KEY,
            session_id INTEGER NOT NULL REFERENCES sessions(id),
            at INTEGER NOT NULL,
            question TEXT NOT NULL,
            claim TEXT NOT NULL,
            article TEXT NOT NULL,
            kind TEXT NOT NULL,
            fingerprint TEXT NOT NULL,
            given TEXT NOT NULL,
            correct INTEGER NOT NULL,
            verdict TEXT NOT NULL,
            change TEXT,
            tags TEXT NOT NULL
        )""",
        "CREATE INDEX answers_question ON answers(question)",
        "CREATE INDEX answers_session ON answers(session_id)",
        """CREATE TABLE cards (
            question TEXT PRIMARY KEY,
            fingerprint TEXT NOT NULL,
            card TEXT NOT NULL,
            due INTEGER NOT NULL,
            reps INTEGER NOT NULL,
            lapses INTEGER NOT NULL
        )""",
        "CREATE INDEX cards_due ON cards(due)",
    ),
    (  # how sure the learner said they were, and how many options the question offered
        "ALTER TABLE answers ADD COLUMN confidence TEXT",
        "ALTER TABLE answers ADD COLUMN options INTEGER",
    ),
)
SCHEMA_VERSION = len(MIGRATIONS)
# Each history carries a random identity in its schema (a view, so it sits on page 1 with the
# rest of the schema). SQLite cannot tell whose write-ahead log lies beside a file; page 1 of a
# log that carries another identity, or none, says the log is not this history's.
IDENTITY_VIEW = "history_identity"
_IDENTITY = re.compile(rb"newsquiz-history:([0-9a-f]{32})")
# The tables and indexes each schema version has; a legacy database (from before the
# application_id mark) is adopted only when it holds exactly these.
_TABLES = {"sessions", "answers", "answers_question", "answers_session", "cards", "cards_due"}
_SCHEMA_NAMES = {1: _TABLES, 2: _TABLES}  # version 2 added columns only


def default_db_path(explicit: str | None = None) -> Path:
    """--db, else $NEWSQUIZ_DB, else history.sqlite3 in the user data folder.

    An empty $NEWSQUIZ_DB counts as unset; an empty --db is a mistake (a variable that expanded
    to nothing), not a request for the default history."""
    if explicit is not None:
        if not explicit.strip():
            raise UsageError("--db needs a path")
        return Path(explicit)
    env = os.environ.get(DB_ENV, "")
    if env:
        return Path(env)
    return user_db_path()


def user_db_path() -> Path:
    """history.sqlite3 in the user data folder: the one history whose folder newsquiz creates."""
    import platformdirs

    return platformdirs.user_data_path("newsquiz", appauthor=False) / "history.sqlite3"


def fingerprint(question: Question) -> str:
    """A hash of what was asked: a claim whose text or verdict changes starts afresh."""
    c = question.claim
    parts = [question.id, c.claim, c.verdict]
    if question.kind == "mc" and c.choice is not None:
        parts += [c.choice.question, c.choice.answer, *sorted(c.choice.distractors)]
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()[:16]


def _epoch(moment: datetime) -> int:
    return int(moment.timestamp())


@dataclass(frozen=True)
class CardRow:
    """A review card as stored."""

    question: str
    fingerprint: str
    card_json: str
    due: int
    reps: int
    lapses: int


class Store:
    """An open history database: `Store(path)` for a session's writes, `Store.for_reading`."""

    def __init__(self, path: Path, timeout: float = BUSY_TIMEOUT, make_folder: bool = True) -> None:
        """Open (or create) the history at `path`; its folder is created only with
        `make_folder` (the command line asks for that for the default location alone)."""
        self.path = path
        self.timeout = timeout
        self.readonly = False
        self.conn = _open_for_writing(path, timeout, make_folder)
        self._sidecars_before = (True, True)
        self._found_damage = False
        self._text: dict[str, str] = {}
        self._tags: dict[str, str] = {}

    @classmethod
    def for_reading(cls, path: Path, timeout: float = BUSY_TIMEOUT) -> Store | None:
        """The history opened read-only, or None when there is none yet (nothing is created)."""
        before = _sidecars(path)
        conn = _open_for_reading(path, timeout)
        if conn is None:
            return None
        store = cls.__new__(cls)
        store.path, store.timeout, store.readonly, store.conn = path, timeout, True, conn
        store._sidecars_before, store._found_damage = before, False
        store._text, store._tags = {}, {}
        return store

    def close(self) -> None:
        """Close the connection."""
        self.conn.close()
        if self._found_damage:  # a reader found damage: take away the files it made beside it
            _tidy_sidecars(self.path, self._sidecars_before, unusable=True)

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        def begin() -> object:  # another session may hold the write lock for a moment
            return _retry_busy(lambda: self.conn.execute("BEGIN IMMEDIATE"), self.timeout)

        try:
            with _immediate(self.conn, begin):
                yield self.conn
        except sqlite3.Error as exc:
            raise _history_error(self.path, exc, changed=True) from None

    def start_session(
        self, mode: str, seed: int, articles: Sequence[str], total: int, now: datetime
    ) -> int:
        """Record the start of a session; its id."""
        with self._write() as db:
            cur = db.execute(
                "INSERT INTO sessions (started, mode, seed, articles, total) VALUES (?,?,?,?,?)",
                (_epoch(now), mode, _sql_int(seed, "seed"), ",".join(sorted(set(articles))), total),
            )
            return int(cur.lastrowid or 0)

    def record_answer(
        self,
        session_id: int,
        result: Result,
        now: datetime,
        next_card: Callable[[CardRow | None, str], tuple[str, int, int, int]] | None,
    ) -> None:
        """Record one answer, its session's counts and its card, in one transaction.

        `next_card(previous, fingerprint)` computes the card after this answer from the stored
        one; it runs inside the transaction, so two sessions cannot interleave on one card.
        """
        q = result.question
        c = q.claim
        fp = fingerprint(q)
        with self._write() as db:
            db.execute(
                "INSERT INTO answers (session_id, at, question, claim, article, kind, fingerprint,"
                " given, correct, verdict, change, tags, confidence, options)"
                " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (
                    session_id,
                    _epoch(now),
                    q.id,
                    c.id,
                    c.article,
                    q.kind,
                    fp,
                    result.given,
                    int(result.correct),
                    c.verdict,
                    c.change,
                    json.dumps(list(c.tags)),
                    result.confidence,
                    len(q.options),
                ),
            )
            db.execute(
                "UPDATE sessions SET answered = answered + 1, correct = correct + ? WHERE id = ?",
                (int(result.correct), session_id),
            )
            if next_card is not None:
                rows = db.execute(
                    "SELECT question, fingerprint, card, due, reps, lapses FROM "
                    "cards WHERE question = ?",
                    (q.id,),
                ).fetchall()
                previous = self._card_row(rows[0]) if rows else None
                try:
                    card_json, due, reps, lapses = next_card(previous, fp)
                except (ValueError, KeyError, TypeError, AttributeError) as exc:
                    raise self._damaged(f"the review card of {q.id}", exc) from None
                db.execute(
                    "INSERT INTO cards (question, fingerprint, card, due, reps, lapses) "
                    "VALUES (?,?,?,?,?,?) ON CONFLICT(question) DO UPDATE SET "
                    "fingerprint=excluded.fingerprint, card=excluded.card, due=excluded.due, "
                    "reps=excluded.reps, lapses=excluded.lapses",
                    (q.id, fp, card_json, due, reps, lapses),
                )

    def finish_session(self, session_id: int, now: datetime) -> None:
        """Mark a session finished (or stopped)."""
        with self._write() as db:
            db.execute("UPDATE sessions SET finished = ? WHERE id = ?", (_epoch(now), session_id))

    def card(self, question_id: str) -> CardRow | None:
        """The stored card of a question, if any."""
        rows = self._read(
            "SELECT question, fingerprint, card, due, reps, lapses FROM cards WHERE question = ?",
            (question_id,),
        )
        return self._card_row(rows[0]) if rows else None

    def cards(self) -> list[CardRow]:
        """Every card, soonest due first."""
        rows = self._read(
            "SELECT question, fingerprint, card, due, reps, lapses FROM cards "
            "ORDER BY due, question",
            (),
        )
        return [self._card_row(r) for r in rows]

    def sessions(
        self, limit: int | None = None
    ) -> list[tuple[int, int, int | None, str, int, str, int, int, int]]:
        """Past sessions, newest first; text is made safe to print."""
        sql = (
            "SELECT id, started, finished, mode, seed, articles, total, answered, correct "
            "FROM sessions ORDER BY started DESC, id DESC"
        )
        if limit:
            sql += f" LIMIT {int(limit)}"
        out = []
        for sid, started, finished, mode, seed, articles, total, answered, correct in self._read(
            sql, ()
        ):
            where = f"session {sid}"
            out.append(
                (
                    self._int(sid, where),
                    self._int(started, where),
                    None if finished is None else self._int(finished, where),
                    self._str(mode, where),
                    self._int(seed, where),
                    self._str(articles, where),
                    self._int(total, where),
                    self._int(answered, where),
                    self._int(correct, where),
                )
            )
        return out

    def answers(self) -> list[tuple[int, str, str, str, int, str, str | None, str]]:
        """Every answer: (at, question, claim, kind, correct, verdict, change, tags json)."""
        rows = self._read(
            "SELECT id, at, question, claim, kind, correct, verdict, change, tags FROM answers "
            "ORDER BY at, id",
            (),
        )
        # A hundred thousand answers hold a few hundred distinct values: look each up once.
        seen = self._text
        tag_lists = self._tags
        out = []
        for aid, at, question, claim, kind, correct, verdict, change, tags in rows:
            if type(at) is not int or type(correct) is not int or correct not in (0, 1):
                where = f"answer {aid}"
                self._int(at, where)
                raise self._damaged(where, ValueError(f"correct is {correct!r}, not 0 or 1"))
            out.append(
                (
                    at,
                    seen.get(question) or self._str(question, f"answer {aid}"),
                    seen.get(claim) or self._str(claim, f"answer {aid}"),
                    seen.get(kind) or self._str(kind, f"answer {aid}"),
                    correct,
                    seen.get(verdict) or self._str(verdict, f"answer {aid}"),
                    None
                    if change is None
                    else seen.get(change) or self._str(change, f"answer {aid}"),
                    tag_lists.get(tags) or self._tag_list(tags, f"answer {aid}"),
                )
            )
        return out

    def attempts(self) -> list[tuple[Any, ...]]:
        """Every answer for analysis: (at, question, claim, kind, given, correct, verdict,
        change, tags json, options offered or None, confidence or None), oldest first."""
        have = {str(r[1]) for r in self._read("PRAGMA table_info(answers)", ())}
        # a history opened read-only is not migrated: columns added later may be missing
        extra = ", ".join(c if c in have else "NULL" for c in ("options", "confidence"))
        out: list[tuple[Any, ...]] = []
        for (
            aid,
            at,
            question,
            claim,
            kind,
            given,
            correct,
            verdict,
            change,
            tags,
            options,
            conf,
        ) in self._read(
            "SELECT id, at, question, claim, kind, given, correct, verdict, change, tags, "
            f"{extra} FROM answers ORDER BY at, id",
            (),
        ):
            where = f"answer {aid}"
            if type(correct) is not int or correct not in (0, 1):
                raise self._damaged(where, ValueError(f"correct is {correct!r}, not 0 or 1"))
            if options is not None and type(options) is not int:
                raise self._damaged(where, ValueError(f"options is {options!r}"))
            out.append(
                (
                    self._int(at, where),
                    self._str(question, where),
                    self._str(claim, where),
                    self._str(kind, where),
                    self._str(given, where),
                    correct,
                    self._str(verdict, where),
                    None if change is None else self._str(change, where),
                    self._tag_list(tags, where),
                    options,
                    None if conf is None else self._str(conf, where),
                )
            )
        return out

    def wording_showings(self) -> dict[str, int]:
        """Per refuted claim, how often its false wording was shown (asked as true/false)."""
        rows = self._read(
            "SELECT claim, COUNT(*) FROM answers WHERE verdict = 'refuted' AND kind = 'tf' "
            "GROUP BY claim",
            (),
        )
        return {str(claim): int(n) for claim, n in rows}

    def _read(self, sql: str, params: tuple[object, ...]) -> list[Any]:
        try:
            rows: list[Any] = _retry_busy(
                lambda: list(self.conn.execute(sql, params)), self.timeout
            )
            return rows
        except sqlite3.Error as exc:
            self._found_damage = self.readonly and _is_damage(exc)
            raise _history_error(
                self.path, exc, changed=not self.readonly, reading=self.readonly
            ) from None

    # Rows are checked as they are read: a crafted or damaged value becomes a HistoryError, and
    # text that could drive the terminal is made printable. Values repeat, so each distinct one
    # is checked once.

    def _damaged(self, where: str, exc: Exception) -> HistoryError:
        return HistoryError(
            f"the history database {self.path} holds a damaged value ({where}: {exc}); "
            "move it away or use --db"
        )

    def _int(self, value: object, where: str) -> int:
        if type(value) is not int:
            raise self._damaged(where, ValueError(f"{value!r} is not a whole number"))
        return value

    def _str(self, value: object, where: str) -> str:
        if not isinstance(value, str):
            raise self._damaged(where, ValueError(f"{value!r} is not text"))
        clean = self._text.get(value)
        if clean is None:
            clean = self._text[value] = printable(value)
        return clean

    def _tag_list(self, value: object, where: str) -> str:
        if not isinstance(value, str):
            raise self._damaged(where, ValueError(f"tags {value!r} are not text"))
        clean = self._tags.get(value)
        if clean is None:
            try:
                tags = json.loads(value)
            except ValueError:
                raise self._damaged(where, ValueError("its tags are not JSON")) from None
            if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
                raise self._damaged(where, ValueError("its tags are not a list of text"))
            clean = self._tags[value] = json.dumps([printable(t) for t in tags])
        return clean

    def _card_row(self, row: Sequence[object]) -> CardRow:
        question, fp, card, due, reps, lapses = row
        where = f"card {printable(str(question))}"
        if not isinstance(card, str):
            raise self._damaged(where, ValueError("the card is not text"))
        try:
            parsed = json.loads(card)
        except ValueError:
            raise self._damaged(where, ValueError("the card is not JSON")) from None
        if not isinstance(parsed, dict):
            raise self._damaged(where, ValueError("the card is not a JSON object"))
        return CardRow(
            self._str(question, where),
            self._str(fp, where),
            card,
            self._int(due, where),
            self._int(reps, where),
            self._int(lapses, where),
        )


def _sql_int(value: int, what: str) -> int:
    """SQLite stores integers in 64 bits; larger ones are bad input, not a crash."""
    if not -(2**63) <= value < 2**63:
        raise HistoryError(f"the {what} {value} is too large to record (at most 2**63 - 1)")
    return value


# ---------------------------------------------------------------------------------------------
# Opening: decide from the file's own bytes whether it is ours, before SQLite touches it.


@dataclass(frozen=True)
class _Header:
    """The fields of an SQLite database header that decide whether a file is ours."""

    page_size: int
    user_version: int
    application_id: int


def _parse_header(page: bytes) -> _Header | None:
    if len(page) < 100 or page[:16] != SQLITE_HEADER:
        return None
    size = int.from_bytes(page[16:18], "big")
    return _Header(
        65536 if size == 1 else size,
        int.from_bytes(page[60:64], "big", signed=True),
        int.from_bytes(page[68:72], "big", signed=True),
    )


@dataclass(frozen=True)
class _Wal:
    """What a write-ahead log beside a database holds: committed frames, and the newest page 1."""

    page_size: int
    frames: int
    page_one: bytes | None


_WAL_MAGIC = (0x377F0682, 0x377F0683)


def _read_wal(path: Path) -> _Wal | None:
    """The committed content of `path`-wal, or None when there is none SQLite would use.

    Frames count while their salts match the log's header, up to the last commit frame, as
    SQLite reads them (frame checksums are not recomputed: that would cost a pass over the log).
    """
    wal = Path(f"{path}-wal")
    nonblocking = getattr(os, "O_NONBLOCK", 0)  # a FIFO must not hang us
    binary = getattr(os, "O_BINARY", 0)  # Windows only: no newline translation
    try:
        fd = os.open(wal, os.O_RDONLY | nonblocking | binary)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise HistoryError(
            f"cannot read {wal}, the write-ahead log of the history database: {exc.strerror}"
        ) from None
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode):  # before fdopen, which refuses a folder with its own error
        os.close(fd)
        raise HistoryError(
            f"{wal}, where the history database keeps its write-ahead log, is not a regular "
            "file; move it away"
        )
    with os.fdopen(fd, "rb") as f:
        head = f.read(32)
        if len(head) < 32 or int.from_bytes(head[:4], "big") not in _WAL_MAGIC:
            return None
        page_size = int.from_bytes(head[8:12], "big")
        if page_size < 512 or page_size > 65536 or page_size & (page_size - 1):
            return None
        salts = head[16:24]
        committed, page_one, candidate = 0, None, None
        frames = (info.st_size - 32) // (24 + page_size)  # whole frames only
        for index in range(1, frames + 1):
            f.seek(32 + (index - 1) * (24 + page_size))
            frame = f.read(24)
            if frame[8:16] != salts:
                break
            if int.from_bytes(frame[:4], "big") == 1:
                candidate = f.read(page_size)
            if int.from_bytes(frame[4:8], "big"):  # a commit frame
                committed, page_one = index, candidate
    if not committed:
        return None
    return _Wal(page_size, committed, page_one)


def _foreign(path: Path, what: str) -> HistoryError:
    return _Refused(
        f"{path} is {what}, not a newsquiz history; newsquiz did not change it: "
        "choose another file with --db"
    )


def _stray_wal(path: Path) -> HistoryError:
    return _Refused(
        f"{path}-wal does not belong to the history database {path} (another database's "
        "write-ahead log?); newsquiz changed neither file: move the -wal and -shm files away"
    )


def _inspect(path: Path, reading: bool = False) -> str:
    """Classify an existing path from its bytes: 'missing', 'empty', 'ours' or 'legacy'.

    Raises HistoryError for anything newsquiz must not open: not a file, not SQLite, another
    program's database, a newer schema, or a write-ahead log that is not this database's.
    """
    try:
        info = path.stat()
    except FileNotFoundError:
        if path.is_symlink():
            raise HistoryError(
                f"the history database {path} is a link to a file that does not exist; use --db"
            ) from None
        if _read_wal(path) is not None:
            raise _stray_wal(path) from None
        return "missing"
    except OSError as exc:
        raise _path_error(path, exc, reading) from None
    if not stat.S_ISREG(info.st_mode):
        raise HistoryError(
            f"the history database {path} is not a regular file; choose another with --db"
        )
    try:
        with path.open("rb") as f:
            head = f.read(65536)  # page 1, whatever the page size
    except OSError as exc:
        raise _path_error(path, exc, reading) from None
    wal = _read_wal(path)
    if not head:
        if wal is not None:
            raise _stray_wal(path)
        return "empty"
    header = _parse_header(head)
    if header is None:
        if head.startswith(SQLITE_HEADER[: len(head)]):
            raise HistoryError(
                f"the history database {path} is damaged (cut short); newsquiz did not change "
                "it: move it away or use --db"
            )
        raise _foreign(path, "not an SQLite database")
    if wal is not None:
        newest = _parse_header(wal.page_one) if wal.page_one is not None else header
        if wal.page_size != header.page_size or newest is None:
            raise _stray_wal(path)
        if newest.application_id != APPLICATION_ID and (
            header.application_id == APPLICATION_ID or newest.application_id != 0
        ):
            raise _stray_wal(path)
        # Another history's log. Both identities must be found: the schema fits on page 1
        # today, but one that outgrew it would move the identity to another page.
        mine = _identity(head[: header.page_size])
        theirs = _identity(wal.page_one) if wal.page_one is not None else None
        if mine is not None and theirs is not None and theirs != mine:
            raise _stray_wal(path)
        header = newest
    if header.application_id == APPLICATION_ID:
        if header.user_version > SCHEMA_VERSION:
            raise HistoryError(
                f"{path} was written by a newer newsquiz (schema {header.user_version}, this "
                f"one reads up to {SCHEMA_VERSION}); upgrade newsquiz or use --db"
            )
        if header.user_version < 1:
            raise HistoryError(
                f"the history database {path} is damaged (its schema version is "
                f"{header.user_version}); newsquiz did not change it: move it away or use --db"
            )
        return "ours"
    if header.application_id == 0 and 1 <= header.user_version <= SCHEMA_VERSION:
        return "legacy"  # perhaps written by newsquiz before it marked its files: look inside
    raise _foreign(path, "another program's SQLite database")


def _path_error(path: Path, exc: OSError, reading: bool = False) -> HistoryError:
    advice = _advice(reading)
    if exc.errno == errno.ENOTDIR or isinstance(exc, FileExistsError):
        for parent in path.parents:
            if parent.exists() and not parent.is_dir():
                return HistoryError(
                    f"cannot use the history database {path}: {parent} is a file, not a "
                    f"folder; {advice}"
                )
    if exc.errno == errno.ELOOP:
        return HistoryError(
            f"cannot use the history database {path}: a symbolic link on its path loops; {advice}"
        )
    return HistoryError(f"cannot use the history database {path}: {exc.strerror}; {advice}")


def _uri(path: Path, query: str) -> str:
    return f"{path.absolute().as_uri()}?{query}"  # percent-encoded: '?', '#' and '%' are safe


def _sidecars(path: Path) -> tuple[bool, bool]:
    # os.path.exists, not Path.exists: a name the system cannot even look up (too long) is
    # absent here, and _inspect then names the problem.
    return os.path.exists(f"{path}-wal"), os.path.exists(f"{path}-shm")


def _tidy_sidecars(path: Path, before: tuple[bool, bool], unusable: bool = False) -> None:
    """Remove a -wal and -shm that a failed open just created and left behind.

    An empty -wal goes with its -shm. A -shm goes when it is shorter than SQLite's first 32 KiB
    block (what a full disk leaves: no connection can be using it), or when the database was
    refused as damaged (no newsquiz process uses it).
    """
    wal, shm = Path(f"{path}-wal"), Path(f"{path}-shm")
    try:
        if not before[1] and shm.exists() and (unusable or shm.stat().st_size < 32768):
            shm.unlink()
        if not before[0] and not shm.exists() and wal.exists() and wal.stat().st_size == 0:
            wal.unlink()
    except OSError:
        pass


def _remove_if_empty(path: Path) -> None:
    try:
        if path.stat().st_size == 0 and not Path(f"{path}-journal").exists():
            path.unlink()
    except OSError:
        pass


class _Refused(HistoryError):
    """The file is not ours, or is damaged: no newsquiz process uses it."""


class _DiskFull(HistoryError):
    """No room left on the disk that holds the database."""


class _Damaged(_Refused):
    """The database is damaged: refused before anything was written."""


def _open_for_reading(path: Path, timeout: float) -> sqlite3.Connection | None:
    """A read-only connection, or None when there is no history yet. Creates nothing."""
    kind = _inspect(path, reading=True)
    if kind in ("missing", "empty"):
        return None
    before = _sidecars(path)
    try:
        conn = _connect_readonly(path, timeout)
    except sqlite3.Error as exc:
        if not _cannot_share(exc):
            _tidy_sidecars(path, before)
            raise _history_error(path, exc, changed=False, reading=True) from None
        # Read-only media, or no room for the shared-memory file: read the file as it stands,
        # which is all of it unless a write-ahead log holds answers not yet copied back.
        _tidy_sidecars(path, before)
        if _read_wal(path) is not None:
            raise HistoryError(
                f"the history database {path} has recent answers in {path}-wal that cannot be "
                "read without write access to its folder; copy the database and its -wal file "
                "somewhere writable and use --db"
            ) from None
        try:
            conn = _connect_readonly(path, timeout, immutable=True)
        except sqlite3.Error as exc2:
            raise _history_error(path, exc2, changed=False, reading=True) from None
    try:
        _check_ownership(conn, path, kind, reading=True)
        _check_log_belongs(conn, path, timeout, reading=True)
    except BaseException as exc:
        conn.close()
        _tidy_sidecars(path, before, unusable=isinstance(exc, _Refused))
        raise
    return conn


def _connect_readonly(path: Path, timeout: float, immutable: bool = False) -> sqlite3.Connection:
    query = "mode=ro&immutable=1" if immutable else "mode=ro"
    conn = sqlite3.connect(_uri(path, query), uri=True, timeout=timeout, isolation_level=None)
    try:
        _retry_busy(lambda: conn.execute("SELECT count(*) FROM sqlite_master").fetchone(), timeout)
    except BaseException:
        conn.close()
        raise
    return conn


def _cannot_share(exc: sqlite3.Error) -> bool:
    """Whether a read-only open failed for want of a writable folder or free space."""
    name = getattr(exc, "sqlite_errorname", "")
    return name in ("SQLITE_CANTOPEN", "SQLITE_FULL") or (  # READONLY: _DIRECTORY among others
        name.startswith("SQLITE_IOERR") or name.startswith("SQLITE_READONLY")
    )


def _check_ownership(
    conn: sqlite3.Connection, path: Path, kind: str, reading: bool = False
) -> None:
    """Confirm through SQLite what the header said; a legacy file must hold only our tables."""
    try:
        app = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        names = {
            r[0]
            for r in conn.execute("SELECT name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'")
        }
    except sqlite3.Error as exc:
        raise _history_error(path, exc, changed=False, reading=reading) from None
    if app == APPLICATION_ID and 1 <= version <= SCHEMA_VERSION:
        return
    if app == 0 and kind == "legacy" and names == _SCHEMA_NAMES.get(version):
        return
    raise _foreign(path, "another program's SQLite database")


def _open_for_writing(path: Path, timeout: float, make_folder: bool) -> sqlite3.Connection:
    """Open (or create) the database for a session, checked first, schema brought up to date."""
    kind = _inspect(path)
    if kind == "missing" and not make_folder:
        folder = path.absolute().parent
        # A file where a folder should be has its own message, from the mkdir below.
        blocked = any(p.exists() and not p.is_dir() for p in (folder, *folder.parents))
        if not folder.exists() and not blocked:
            raise HistoryError(
                f"cannot use the history database {path}: the folder {folder} does not "
                "exist; create it first, or use --db PATH or --no-save"
            )
    if kind == "missing":
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise _path_error(path, exc) from None
    before = _sidecars(path)
    try:
        if kind in ("ours", "legacy"):
            _probe(path, kind, timeout)
        return _connect_and_prepare(path, timeout)
    except HistoryError as exc:
        _tidy_sidecars(path, before, unusable=isinstance(exc, _Refused))
        if kind == "missing" and isinstance(exc, _DiskFull):
            _remove_if_empty(path)  # the empty file this open created, with no room to fill it
        raise


def _probe(path: Path, kind: str, timeout: float) -> None:
    """Check ownership and integrity through a read-only connection, which cannot change the
    file (it never copies a write-ahead log back into the database)."""
    try:
        conn = _connect_readonly(path, timeout)
    except sqlite3.Error as exc:
        raise _history_error(path, exc, changed=False) from None
    try:
        _check_ownership(conn, path, kind)
        try:
            rows = _retry_busy(lambda: conn.execute("PRAGMA quick_check").fetchall(), timeout)
        except sqlite3.Error as exc:
            if _is_busy(exc):
                raise _history_error(path, exc, changed=False) from None
            rows = [(str(exc),)]
        if rows == [("ok",)]:
            _check_log_belongs(conn, path, timeout)
    finally:
        conn.close()
    if rows != [("ok",)]:
        if _read_wal(path) is not None and _sound_without_log(path):
            raise _stray_wal(path)  # the file alone is sound: the log beside it is not its own
        raise _Damaged(
            f"the history database {path} is damaged: it fails SQLite's integrity check "
            f"({first_problem(rows)}); newsquiz did not change it: move it away or use --db"
        )


# Rows newsquiz never changes once written: a write-ahead log that is this history's own shows
# each of them as the file holds it. (There are many: the newest ones stand for the rest.)
_FIXED_ROWS = (
    ("sessions", "id, started, mode, seed, articles, total"),
    ("answers", "id, session_id, at, question, given"),
)


def _check_log_belongs(
    conn: sqlite3.Connection, path: Path, timeout: float, reading: bool = False
) -> None:
    """Refuse a write-ahead log that does not carry this file's history forward.

    SQLite replays whatever log lies beside a file. When the log is another history's (same
    schema, same page layout), the result passes every integrity check and the history seems
    to have been replaced. So the rows newsquiz never changes are read from the file alone and
    through the log: each must be there, unchanged. The file is read inside a read transaction,
    so no checkpoint can copy anything newer than that snapshot into it meanwhile."""
    if _read_wal(path) is None:
        return
    try:
        _retry_busy(lambda: _compare_fixed_rows(conn, path), timeout)
    except sqlite3.Error as exc:
        raise _history_error(path, exc, changed=False, reading=reading) from None


def _compare_fixed_rows(conn: sqlite3.Connection, path: Path) -> None:
    conn.execute("BEGIN")
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()  # the snapshot starts
        for table, columns in _FIXED_ROWS:
            alone = _file_rows(path, f"SELECT {columns} FROM {table} ORDER BY id DESC LIMIT 100")
            if not alone:
                continue  # nothing to compare, or the file alone cannot be read
            ids = [row[0] for row in alone]
            with_log = conn.execute(
                f"SELECT {columns} FROM {table} WHERE id BETWEEN ? AND ?", (min(ids), max(ids))
            ).fetchall()
            if not set(alone) <= set(with_log):
                raise _stray_wal(path)
    finally:
        if conn.in_transaction:
            conn.execute("COMMIT")


def _file_rows(path: Path, sql: str) -> list[Any] | None:
    """Rows of the database file as it stands, ignoring its write-ahead log; None when the file
    alone cannot be read (a new history whose every page is still in the log)."""
    try:
        conn = _connect_readonly(path, 0, immutable=True)
    except sqlite3.Error:
        return None
    try:
        return conn.execute(sql).fetchall()
    except sqlite3.Error:
        return None
    finally:
        conn.close()


def first_problem(rows: Sequence[Sequence[object]]) -> str:
    """The first problem an integrity check reports, on one line and short enough to read.

    SQLite starts its report with a line naming the schema ("*** in database main ***") and
    puts each problem on a line of its own."""
    for row in rows:
        for line in str(row[0] if row else "").splitlines():
            line = " ".join(printable(line).split())
            if line and not line.startswith("***"):
                return line if len(line) <= 100 else line[:99].rstrip() + "…"
    return "no details"


def _sound_without_log(path: Path) -> bool:
    """Whether the database file passes SQLite's quick check read as it stands, ignoring the
    write-ahead log beside it (`immutable` reads the file alone and writes nothing)."""
    try:
        conn = _connect_readonly(path, 0, immutable=True)
    except sqlite3.Error:
        return False
    try:
        return bool(conn.execute("PRAGMA quick_check").fetchall() == [("ok",)])
    except sqlite3.Error:
        return False
    finally:
        conn.close()


def _connect_and_prepare(path: Path, timeout: float) -> sqlite3.Connection:
    try:
        conn = sqlite3.connect(path, timeout=timeout, isolation_level=None)
    except sqlite3.Error as exc:
        raise _history_error(path, exc, changed=False) from None
    try:
        conn.execute("PRAGMA foreign_keys=ON")
        app = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if app != APPLICATION_ID or version != SCHEMA_VERSION:
            _retry_busy(lambda: _prepare(conn, path), timeout)
        elif not conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'view' AND name = ?", (IDENTITY_VIEW,)
        ).fetchone():  # a history from before identities: give it one
            _retry_busy(lambda: _identify(conn), timeout)
        mode = _retry_busy(lambda: conn.execute("PRAGMA journal_mode").fetchone()[0], timeout)
        if str(mode).lower() != "wal":
            mode = _retry_busy(
                lambda: conn.execute("PRAGMA journal_mode=WAL").fetchone()[0], timeout
            )
        if str(mode).lower() != "wal":
            raise HistoryError(
                f"{path} cannot use write-ahead logging (is it on a network file "
                "system?); put the history on a local disk with --db"
            )
    except sqlite3.Error as exc:
        conn.close()
        raise _history_error(path, exc, changed=False) from None
    except BaseException:
        conn.close()
        raise
    return conn


def _prepare(conn: sqlite3.Connection, path: Path) -> None:
    """Create the schema in a new file, or bring ours up to date, in one transaction each.

    A new file is created in rollback-journal mode and switched to WAL only afterwards, so a
    process killed at any point leaves either an empty file or a complete, marked database.
    """
    with _immediate(conn):
        app = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        names = {
            r[0]
            for r in conn.execute("SELECT name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'")
        }
        if app == 0 and version == 0 and not names:
            start = 0
        elif (app == APPLICATION_ID and 1 <= version <= SCHEMA_VERSION) or (
            app == 0 and names == _SCHEMA_NAMES.get(version)
        ):
            start = version
        else:  # the file changed hands since it was inspected
            raise _foreign(path, "another program's SQLite database")
        for target in range(start + 1, SCHEMA_VERSION + 1):
            for statement in MIGRATIONS[target - 1]:
                conn.execute(statement)
        _add_identity(conn)
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def _identify(conn: sqlite3.Connection) -> None:
    with _immediate(conn):
        _add_identity(conn)


@contextmanager
def _immediate(
    conn: sqlite3.Connection, begin: Callable[[], object] | None = None
) -> Iterator[sqlite3.Connection]:
    """One `BEGIN IMMEDIATE ... COMMIT`, rolled back on any error (unless SQLite already did,
    as it does on a full disk). `begin` replaces the plain BEGIN, e.g. to retry while busy."""
    if begin is None:
        conn.execute("BEGIN IMMEDIATE")
    else:
        begin()
    try:
        yield conn
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def _add_identity(conn: sqlite3.Connection) -> None:
    """Give the history its identity (inside the caller's transaction), unless it has one."""
    found = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'view' AND name = ?", (IDENTITY_VIEW,)
    ).fetchone()
    if found is None:
        token = os.urandom(16).hex()
        conn.execute(f"CREATE VIEW {IDENTITY_VIEW} AS SELECT 'newsquiz-history:{token}' AS id")


def _identity(page_one: bytes) -> bytes | None:
    """The identity written in a page 1 (the database's or its log's), or None."""
    match = _IDENTITY.search(page_one)
    return match.group(1) if match else None


def _retry_busy(action: Callable[[], Any], timeout: float) -> Any:
    """Run an action, retrying while another connection holds the lock, for up to `timeout`.

    SQLite's own busy handler covers most waits; a few (a journal-mode switch, a log being
    recovered) return "locked" at once, and under heavy contention the handler's schedule can
    run out. Retrying with jittered backoff lets a hundred concurrent sessions all get through.
    """
    deadline = time.monotonic() + timeout
    delay = 0.005
    while True:
        try:
            return action()
        except sqlite3.OperationalError as exc:
            if not _is_busy(exc) or time.monotonic() + delay > deadline:
                raise
        time.sleep(delay * (0.5 + random.random()))
        delay = min(delay * 2, 0.25)


def _is_busy(exc: sqlite3.Error) -> bool:
    name = getattr(exc, "sqlite_errorname", "")
    return name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "locked" in str(exc)


def _disk_full(path: Path) -> bool:
    try:
        folder = path.absolute().parent
        return os.statvfs(folder).f_bavail == 0
    except (OSError, AttributeError):  # AttributeError: no statvfs on Windows
        return False


def _advice(reading: bool) -> str:
    """What to do instead: a reading command has no --no-save to offer."""
    return "use --db PATH to choose another" if reading else "use --db PATH or --no-save"


def _is_damage(exc: sqlite3.Error) -> bool:
    text = str(exc)
    name = getattr(exc, "sqlite_errorname", "")
    return "not a database" in text or "malformed" in text or name.startswith("SQLITE_CORRUPT")


def _history_error(
    path: Path, exc: sqlite3.Error, changed: bool, reading: bool = False
) -> HistoryError:
    """A message for an SQLite error. `changed` says whether this process may have written to
    the file; only when it has not may the message say the file was left as it was."""
    text = str(exc)
    name = getattr(exc, "sqlite_errorname", "")
    kept = "newsquiz did not change it" if not changed else "the answers already recorded stay"
    if _is_damage(exc):
        if not changed and _read_wal(path) is not None and _sound_without_log(path):
            return _stray_wal(path)  # the file alone is sound: the log beside it is not its own
        why = f"is damaged ({printable(text)}); {kept}: move it away or use --db"
    elif _is_busy(exc):
        why = "is locked by another program; try again when it is done"
    elif name == "SQLITE_FULL" or "full" in text or _disk_full(path):
        return _DiskFull(
            f"the history database {path} cannot be written: the disk is full; free some "
            f"space, or {_advice(reading)}"
        )
    elif "readonly" in text or "read-only" in text or "unable to open" in text:
        why = (
            "cannot be read (is the file or its folder unreadable?); use --db PATH"
            if reading
            else "cannot be opened for writing (read-only folder or file?); use --db PATH or "
            "--no-save"
        )
    else:
        why = f"cannot be used ({text}); {_advice(reading)}"
    return HistoryError(f"the history database {path} {why}")


def utc(moment: datetime) -> datetime:
    """The same moment with tzinfo exactly timezone.utc, as fsrs requires."""
    return moment.astimezone(timezone.utc)
