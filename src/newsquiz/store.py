"""The history database: sessions, answers and review cards in SQLite.

Each answer is one `BEGIN IMMEDIATE ... COMMIT` transaction, committed before the next question
is shown, so an interrupted or killed session loses nothing it was given. WAL and a busy timeout
let several sessions write to one database at once. The schema is versioned with
`PRAGMA user_version`; a database from a newer newsquiz, or a file that is not one, is refused and
never modified.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from .errors import HistoryError
from .quiz import Question, Result

DB_ENV = "NEWSQUIZ_DB"
SQLITE_HEADER = b"SQLite format 3\x00"

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


def default_db_path(explicit: str | None = None) -> Path:
    """--db, else $NEWSQUIZ_DB, else history.sqlite3 in the user data folder."""
    if explicit:
        return Path(explicit)
    env = os.environ.get(DB_ENV, "")
    if env:
        return Path(env)
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
    """An open history database."""

    def __init__(self, path: Path, timeout: float = 5.0) -> None:
        self.path = path
        self.conn = _connect(path, timeout)

    def close(self) -> None:
        """Close the connection."""
        self.conn.close()

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        try:
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield self.conn
            except BaseException:
                if self.conn.in_transaction:  # SQLite may have rolled back already (disk full)
                    self.conn.execute("ROLLBACK")
                raise
            self.conn.execute("COMMIT")
        except sqlite3.Error as exc:
            raise _history_error(self.path, exc) from None

    def start_session(
        self, mode: str, seed: int, articles: Sequence[str], total: int, now: datetime
    ) -> int:
        """Record the start of a session; its id."""
        with self._write() as db:
            cur = db.execute(
                "INSERT INTO sessions (started, mode, seed, articles, total) VALUES (?,?,?,?,?)",
                (_epoch(now), mode, seed, ",".join(sorted(set(articles))), total),
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
                row = db.execute(
                    "SELECT question, fingerprint, card, due, reps, lapses FROM "
                    "cards WHERE question = ?",
                    (q.id,),
                ).fetchone()
                card_json, due, reps, lapses = next_card(CardRow(*row) if row else None, fp)
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
        row = self._read(
            "SELECT question, fingerprint, card, due, reps, lapses FROM cards WHERE question = ?",
            (question_id,),
        )
        return CardRow(*row[0]) if row else None

    def cards(self) -> list[CardRow]:
        """Every card, soonest due first."""
        rows = self._read(
            "SELECT question, fingerprint, card, due, reps, lapses FROM cards "
            "ORDER BY due, question",
            (),
        )
        return [CardRow(*r) for r in rows]

    def sessions(
        self, limit: int | None = None
    ) -> list[tuple[int, int, int | None, str, int, str, int, int, int]]:
        """Past sessions, newest first."""
        sql = (
            "SELECT id, started, finished, mode, seed, articles, total, answered, correct "
            "FROM sessions ORDER BY started DESC, id DESC"
        )
        if limit:
            sql += f" LIMIT {int(limit)}"
        return [tuple(r) for r in self._read(sql, ())]

    def answers(self) -> list[tuple[int, str, str, str, int, str, str | None, str]]:
        """Every answer: (at, question, claim, kind, correct, verdict, change, tags json)."""
        return [
            tuple(r)
            for r in self._read(
                "SELECT at, question, claim, kind, correct, verdict, change, tags FROM answers "
                "ORDER BY at, id",
                (),
            )
        ]

    def attempts(self) -> list[tuple[Any, ...]]:
        """Every answer for analysis: (at, question, claim, kind, given, correct, verdict,
        change, tags json, options offered or None, confidence or None), oldest first."""
        have = {str(r[1]) for r in self._read("PRAGMA table_info(answers)", ())}
        # a history opened read-only is not migrated: columns added later may be missing
        extra = ", ".join(c if c in have else "NULL" for c in ("options", "confidence"))
        return [
            tuple(r)
            for r in self._read(
                "SELECT at, question, claim, kind, given, correct, verdict, change, tags, "
                f"{extra} FROM answers ORDER BY at, id",
                (),
            )
        ]

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
            return list(self.conn.execute(sql, params))
        except sqlite3.Error as exc:
            raise _history_error(self.path, exc) from None


def _connect(path: Path, timeout: float) -> sqlite3.Connection:
    """Open (or create) the database and bring its schema up to date."""
    try:
        if path.exists():
            if not path.is_file():
                raise HistoryError(
                    f"the history database {path} is not a file; choose another with --db"
                )
            with path.open("rb") as f:
                head = f.read(len(SQLITE_HEADER))
            if head and head != SQLITE_HEADER:
                raise HistoryError(
                    f"{path} is not a newsquiz history database (it is not SQLite); "
                    "it was left untouched: move it away or use --db"
                )
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise HistoryError(
            f"cannot use the history database {path}: {exc.strerror}; use --db PATH or --no-save"
        ) from None
    try:
        conn = sqlite3.connect(path, timeout=timeout, isolation_level=None)
    except sqlite3.Error as exc:
        raise _history_error(path, exc) from None
    try:
        conn.execute("PRAGMA foreign_keys=ON")
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise HistoryError(
                f"{path} was written by a newer newsquiz (schema {version}, this "
                f"one reads up to {SCHEMA_VERSION}); upgrade newsquiz or use --db"
            )
        mode = conn.execute("PRAGMA journal_mode=WAL").fetchone()[0]
        if str(mode).lower() != "wal":
            raise HistoryError(
                f"{path} cannot use write-ahead logging (is it on a network file "
                "system?); put the history on a local disk with --db"
            )
        _migrate(conn, version)
    except sqlite3.Error as exc:
        conn.close()
        raise _history_error(path, exc) from None
    except HistoryError:
        conn.close()
        raise
    return conn


def _migrate(conn: sqlite3.Connection, version: int) -> None:
    for target in range(version + 1, SCHEMA_VERSION + 1):
        conn.execute("BEGIN IMMEDIATE")
        try:
            current = conn.execute("PRAGMA user_version").fetchone()[0]
            if current < target:  # another process may have migrated meanwhile
                for statement in MIGRATIONS[target - 1]:
                    conn.execute(statement)
                conn.execute(f"PRAGMA user_version = {target}")
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise


def _history_error(path: Path, exc: sqlite3.Error) -> HistoryError:
    text = str(exc)
    if "not a database" in text or "malformed" in text:
        why = "is damaged or not a database; it was left untouched: move it away or use --db"
    elif "locked" in text or "busy" in text:
        why = "is locked by another program; try again when it is done"
    elif "full" in text:
        why = "cannot be written: the disk is full"
    elif "readonly" in text or "unable to open" in text:
        why = "cannot be opened for writing (read-only folder or file?); use --db or --no-save"
    else:
        why = f"cannot be used ({text}); use --db or --no-save"
    return HistoryError(f"the history database {path} {why}")


def utc(moment: datetime) -> datetime:
    """The same moment with tzinfo exactly timezone.utc, as fsrs requires."""
    return moment.astimezone(timezone.utc)
