"""Reading the history back: rows checked value by value, exact damage messages, caches, and
what a reader leaves beside the file it read."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timezone
from pathlib import Path

import pytest

from newsquiz import store as store_module
from newsquiz.bank import load_library
from newsquiz.errors import HistoryError, printable
from newsquiz.quiz import Question, build_session, grade
from newsquiz.store import APPLICATION_ID, MIGRATIONS, CardRow, Store, fingerprint

from .conftest import BankFactory

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)
AT = int(T0.timestamp())


def _tf_questions(bank: Path) -> dict[str, Question]:
    """The bank's claims asked as true/false, by claim id."""
    library = load_library([str(bank)])
    return {q.claim.id: q for q in build_session(library.claims, seed=1, kind="tf").questions}


def _history(db: Path, bank: Path, sessions: int = 1) -> None:
    """`sessions` sessions, each answering "cost" wrongly and unsure, then "reopen-date"
    rightly: answers 1 and 2 in the first session, 3 and 4 in the second, and so on."""
    by_claim = _tf_questions(bank)
    store = Store(db)
    for n in range(sessions):
        sid = store.start_session("quiz", 7 + n, ["library-2024"], 2, T0)
        store.record_answer(sid, grade(by_claim["cost"], "t?"), T0, None)
        store.record_answer(sid, grade(by_claim["reopen-date"], "t"), T0, None)
        store.finish_session(sid, T0)
    store.close()


def _damage(db: Path, sql: str) -> None:
    """Change the file by hand, as another tool (or a bad disk) might."""
    conn = sqlite3.connect(db)
    conn.execute(sql)
    conn.commit()
    conn.close()


def _message(db: Path, where: str, why: str) -> str:
    return (
        f"the history database {db} holds a damaged value ({where}: {why}); "
        "move it away or use --db"
    )


COST = ("cost:tf", "cost", "tf")
REOPEN = ("reopen-date:tf", "reopen-date", "tf")


def test_attempts_read_back_every_column(tmp_path: Path, make_bank: BankFactory) -> None:
    db = tmp_path / "h.sqlite3"
    _history(db, make_bank())
    reader = Store.for_reading(db)
    assert reader is not None
    assert reader.attempts() == [
        (AT, *COST, "True", 0, "refuted", "number", '["numbers"]', 3, "unsure"),
        (AT, *REOPEN, "True", 1, "supported", None, '["dates"]', 3, None),
    ]
    assert reader.answers() == [
        (AT, *COST, 0, "refuted", "number", '["numbers"]'),
        (AT, *REOPEN, 1, "supported", None, '["dates"]'),
    ]
    reader.close()


# Damage common to answers() and attempts(): answer 2 is the right answer to "reopen-date".
ANSWER_DAMAGE = [
    ("at = 'soon'", "'soon' is not a whole number"),
    ("correct = 2", "correct is 2, not 0 or 1"),
    ("correct = -1", "correct is -1, not 0 or 1"),
    ("correct = 'yes'", "correct is 'yes', not 0 or 1"),
    ("correct = 0.5", "correct is 0.5, not 0 or 1"),
    ("question = x'41'", "b'A' is not text"),
    ("claim = x'42'", "b'B' is not text"),
    ("kind = x'43'", "b'C' is not text"),
    ("verdict = x'44'", "b'D' is not text"),
    ("change = x'45'", "b'E' is not text"),
    ("tags = x'46'", "tags b'F' are not text"),
    ("tags = 'not json'", "its tags are not JSON"),
    ("tags = '[1, 2]'", "its tags are not a list of text"),
    ("tags = '[\"ok\", null]'", "its tags are not a list of text"),
    ("tags = '{\"dates\": 1}'", "its tags are not a list of text"),
    ("tags = '\"dates\"'", "its tags are not a list of text"),
]
ATTEMPT_DAMAGE = [
    ("given = x'47'", "b'G' is not text"),
    ("options = 'many'", "options is 'many'"),
    ("options = 2.5", "options is 2.5"),
    ("confidence = x'48'", "b'H' is not text"),
]


@pytest.mark.parametrize(
    ("method", "damage", "why"),
    [("answers", d, w) for d, w in ANSWER_DAMAGE]
    + [("attempts", d, w) for d, w in ANSWER_DAMAGE + ATTEMPT_DAMAGE],
)
def test_a_damaged_answer_is_named_exactly(
    tmp_path: Path, make_bank: BankFactory, method: str, damage: str, why: str
) -> None:
    db = tmp_path / "h.sqlite3"
    _history(db, make_bank())
    _damage(db, f"UPDATE answers SET {damage} WHERE id = 2")
    reader = Store.for_reading(db)
    assert reader is not None
    read = {"answers": reader.answers, "attempts": reader.attempts}[method]
    with pytest.raises(HistoryError) as caught:
        read()
    assert str(caught.value) == _message(db, "answer 2", why)
    reader.close()


@pytest.mark.parametrize(
    ("damage", "why"),
    [
        ("started = 'yesterday'", "'yesterday' is not a whole number"),
        ("finished = 'later'", "'later' is not a whole number"),
        ("mode = x'41'", "b'A' is not text"),
        ("seed = 1.5", "1.5 is not a whole number"),
        ("articles = x'42'", "b'B' is not text"),
        ("total = 'all'", "'all' is not a whole number"),
        ("answered = 'some'", "'some' is not a whole number"),
        ("correct = 'most'", "'most' is not a whole number"),
    ],
)
def test_a_damaged_session_is_named_exactly(
    tmp_path: Path, make_bank: BankFactory, damage: str, why: str
) -> None:
    db = tmp_path / "h.sqlite3"
    _history(db, make_bank(), sessions=2)
    _damage(db, f"UPDATE sessions SET {damage} WHERE id = 2")
    reader = Store.for_reading(db)
    assert reader is not None
    with pytest.raises(HistoryError) as caught:
        reader.sessions()
    assert str(caught.value) == _message(db, "session 2", why)
    reader.close()


def test_a_session_id_that_is_not_a_number_is_named(tmp_path: Path) -> None:
    # A history made by hand whose sessions table keys its rows by text: the id is checked too.
    db = tmp_path / "h.sqlite3"
    conn = sqlite3.connect(db)
    for statement in MIGRATIONS[0]:
        conn.execute(statement.replace("id INTEGER PRIMARY KEY", "id TEXT PRIMARY KEY", 1))
    conn.execute(
        "INSERT INTO sessions (id, started, mode, seed, articles, total) "
        "VALUES ('first', 5, 'quiz', 1, 'a', 1)"
    )
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()
    reader = Store.for_reading(db)
    assert reader is not None
    with pytest.raises(HistoryError) as caught:
        reader.sessions()
    assert str(caught.value) == _message(db, "session first", "'first' is not a whole number")
    reader.close()


@pytest.mark.parametrize(
    ("damage", "where", "why"),
    [
        ("question = x'41'", "card b'A'", "b'A' is not text"),
        ("lapses = 1.5", "card cost:tf", "1.5 is not a whole number"),
    ],
)
def test_a_damaged_card_key_or_lapse_count_is_named_exactly(
    tmp_path: Path, make_bank: BankFactory, damage: str, where: str, why: str
) -> None:
    q = _tf_questions(make_bank())["cost"]
    db = tmp_path / "h.sqlite3"
    store = Store(db)
    sid = store.start_session("quiz", 1, ["a"], 1, T0)
    store.record_answer(sid, grade(q, "t"), T0, lambda prev, fp: ('{"due": 1}', 5, 1, 0))
    store.close()
    _damage(db, f"UPDATE cards SET {damage}")
    reader = Store.for_reading(db)
    assert reader is not None
    with pytest.raises(HistoryError) as caught:
        reader.cards()
    assert str(caught.value) == _message(db, where, why)
    reader.close()


def test_each_distinct_value_is_made_printable_once(
    tmp_path: Path, make_bank: BankFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A long history repeats a few hundred values many times over: each is cleaned once.
    db = tmp_path / "h.sqlite3"
    _history(db, make_bank(), sessions=3)
    cleaned: list[str] = []

    def counting(text: str) -> str:
        cleaned.append(text)
        return printable(text)

    monkeypatch.setattr(store_module, "printable", counting)
    reader = Store.for_reading(db)
    assert reader is not None
    assert len(reader.attempts()) == 6
    plain = sorted({*COST, *REOPEN, "True", "refuted", "supported", "number", "unsure"})
    assert sorted(cleaned) == sorted([*plain, "numbers", "dates"])
    assert len(reader.sessions()) == 3
    assert sorted(cleaned) == sorted([*plain, "numbers", "dates", "quiz", "library-2024"])
    assert len(reader.answers()) == 6
    assert len(reader.attempts()) == 6
    assert len(cleaned) == len(plain) + 4  # nothing cleaned twice, however often it is read
    reader.close()


def test_a_history_from_before_options_and_confidence_is_read_as_it_stands(
    tmp_path: Path,
) -> None:
    # Schema 1 had neither column; a reading command does not migrate, so they read as None.
    db = tmp_path / "h.sqlite3"
    conn = sqlite3.connect(db)
    for statement in MIGRATIONS[0]:
        conn.execute(statement)
    conn.execute(
        "INSERT INTO sessions (started, mode, seed, articles, total) VALUES (5, 'quiz', 1, 'a', 1)"
    )
    conn.execute(
        "INSERT INTO answers (session_id, at, question, claim, article, kind, fingerprint, given,"
        " correct, verdict, change, tags) VALUES (1, 6, 'cost:tf', 'cost', 'a', 'tf', 'f', 'true',"
        " 0, 'refuted', 'number', '[\"numbers\"]')"
    )
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()
    before = db.read_bytes()
    reader = Store.for_reading(db)
    assert reader is not None
    expected = (6, *COST, "true", 0, "refuted", "number", '["numbers"]', None, None)
    assert reader.attempts() == [expected]
    reader.close()
    assert db.read_bytes() == before


def _shared_files(db: Path) -> list[str]:
    return sorted(p.name for p in db.parent.iterdir() if p.name.startswith(db.name))


@pytest.mark.parametrize("table_missing", [False, True])
def test_a_reader_leaves_the_shared_files_of_a_session_in_progress(
    tmp_path: Path, make_bank: BankFactory, table_missing: bool
) -> None:
    # A reader opens first; a session starts beside it and shares its -shm. Whether the read
    # succeeds or fails (not for damage), closing the reader takes nothing from under it.
    db = tmp_path / "h.sqlite3"
    _history(db, make_bank())
    if table_missing:
        _damage(db, "DROP TABLE answers")
    reader = Store.for_reading(db)
    assert reader is not None
    writer = Store(db)
    if table_missing:
        with pytest.raises(HistoryError) as caught:
            reader.answers()
        assert str(caught.value) == (
            f"the history database {db} cannot be used (no such table: answers); use --db PATH "
            "to choose another"
        )
    else:
        assert reader.sessions() == [(1, AT, AT, "quiz", 7, "library-2024", 2, 2, 1)]
    reader.close()
    assert _shared_files(db) == ["h.sqlite3", "h.sqlite3-shm", "h.sqlite3-wal"]
    assert writer.start_session("quiz", 9, ["b"], 1, T0) == 2
    writer.close()
    assert _shared_files(db) == ["h.sqlite3"]


def _break_sessions_page(db: Path) -> None:
    """Overwrite the page that holds the sessions table with bytes no b-tree page has."""
    conn = sqlite3.connect(db)
    (root,) = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'sessions'").fetchone()
    (size,) = conn.execute("PRAGMA page_size").fetchone()
    conn.close()
    with db.open("r+b") as f:
        f.seek((root - 1) * size)
        f.write(b"\xff" * size)


def test_damage_met_while_reading_is_worded_for_the_reader_and_the_writer(
    tmp_path: Path, make_bank: BankFactory
) -> None:
    db = tmp_path / "h.sqlite3"
    _history(db, make_bank())
    writer = Store(db)  # opened while the file was sound
    _break_sessions_page(db)
    reader = Store.for_reading(db)
    assert reader is not None
    with pytest.raises(HistoryError) as caught:
        reader.sessions()
    assert str(caught.value) == (
        f"the history database {db} is damaged (database disk image is malformed); newsquiz did "
        "not change it: move it away or use --db"
    )
    with pytest.raises(HistoryError) as caught:
        writer.sessions()
    assert str(caught.value) == (
        f"the history database {db} is damaged (database disk image is malformed); the answers "
        "already recorded stay: move it away or use --db"
    )
    reader.close()  # the -shm and -wal were there before it: they are the writer's
    assert _shared_files(db) == ["h.sqlite3", "h.sqlite3-shm", "h.sqlite3-wal"]
    writer.close()
    assert _shared_files(db) == ["h.sqlite3"]
    alone = Store.for_reading(db)
    assert alone is not None
    with pytest.raises(HistoryError, match="is damaged"):
        alone.sessions()
    assert _shared_files(db) == ["h.sqlite3", "h.sqlite3-shm", "h.sqlite3-wal"]
    alone.close()  # it found damage: it takes away the files it made
    assert _shared_files(db) == ["h.sqlite3"]


@pytest.mark.parametrize("seed", [2**63, -(2**63) - 1])
def test_a_seed_beyond_64_bits_is_refused_before_a_session_is_recorded(
    tmp_path: Path, seed: int
) -> None:
    # The command line refuses such a seed first; a caller of the store gets the same refusal.
    db = tmp_path / "h.sqlite3"
    store = Store(db)
    with pytest.raises(HistoryError) as caught:
        store.start_session("quiz", seed, ["a"], 1, T0)
    assert str(caught.value) == (f"the seed {seed} is too large to record (at most 2**63 - 1)")
    assert store.sessions() == []
    assert store.start_session("quiz", 2**63 - 1, ["a"], 1, T0) == 1
    store.close()


def test_a_card_the_scheduler_cannot_read_stops_the_answer_whole(
    tmp_path: Path, make_bank: BankFactory
) -> None:
    q = _tf_questions(make_bank())["cost"]
    db = tmp_path / "h.sqlite3"
    store = Store(db)
    sid = store.start_session("quiz", 1, ["a"], 2, T0)
    store.record_answer(sid, grade(q, "t"), T0, lambda prev, fp: ('{"due": 1}', 5, 1, 0))

    def unreadable(previous: CardRow | None, fp: str) -> tuple[str, int, int, int]:
        assert previous is not None and previous.card_json == '{"due": 1}'
        raise KeyError("stability")

    with pytest.raises(HistoryError) as caught:
        store.record_answer(sid, grade(q, "f"), T0, unreadable)
    assert str(caught.value) == _message(db, "the review card of cost:tf", "'stability'")
    # Nothing of the failed answer was kept: not the answer, not the count, not the card.
    assert [a[1:5] for a in store.answers()] == [("cost:tf", "cost", "tf", 0)]
    assert store.sessions() == [(sid, AT, None, "quiz", 1, "a", 2, 1, 0)]
    assert store.card(q.id) == CardRow(q.id, fingerprint(q), '{"due": 1}', 5, 1, 0)
    store.close()
