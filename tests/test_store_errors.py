"""The history database's errors, word for word: each says what happened and what to do."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timezone
from pathlib import Path

import pytest

from newsquiz.bank import load_library
from newsquiz.errors import HistoryError
from newsquiz.quiz import build_session, grade
from newsquiz.store import CardRow, Store, fingerprint, utc

from .conftest import BankFactory

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)


def test_refusals_word_for_word(tmp_path: Path) -> None:
    folder = tmp_path / "a-folder"
    folder.mkdir()
    with pytest.raises(HistoryError) as caught:
        Store(folder)
    assert str(caught.value) == (
        f"the history database {folder} is not a regular file; choose another with --db"
    )

    thesis = tmp_path / "thesis.txt"
    thesis.write_text("my thesis")
    with pytest.raises(HistoryError) as caught:
        Store(thesis)
    assert str(caught.value) == (
        f"{thesis} is not an SQLite database, not a newsquiz history; newsquiz did not change "
        "it: choose another file with --db"
    )
    assert thesis.read_text() == "my thesis"

    blocked = tmp_path / "file-not-folder"
    blocked.write_text("")
    with pytest.raises(HistoryError) as caught:
        Store(blocked / "h.sqlite3")
    message = str(caught.value)  # the middle is the system's own words for the failure
    assert message.startswith(f"cannot use the history database {blocked / 'h.sqlite3'}: ")
    assert message.endswith("; use --db PATH or --no-save") and "\n" not in message


def test_an_empty_file_becomes_a_database_and_a_new_folder_is_made(tmp_path: Path) -> None:
    empty = tmp_path / "empty.sqlite3"
    empty.touch()
    Store(empty).close()
    deep = tmp_path / "new" / "folder" / "h.sqlite3"
    store = Store(deep)
    assert store.path == deep
    tables = {r[0] for r in store.conn.execute("SELECT name FROM sqlite_master")}
    assert {"sessions", "answers", "cards"} <= tables
    assert store.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    store.close()


def test_a_session_is_stored_exactly(tmp_path: Path, make_bank: BankFactory) -> None:
    library = load_library([str(make_bank())])
    session = build_session(library.claims, seed=1, kind="tf")
    store = Store(tmp_path / "h.sqlite3")
    sid = store.start_session("review", 1, ["b", "a", "b"], 3, T0)
    given = {"reopen-date": "t", "cost": "t", "critics-firm": "ns"}
    for i, q in enumerate(session.questions):
        store.record_answer(sid, grade(q, given[q.claim.id]), T0, None)
        assert len(store.answers()) == i + 1
    later = datetime(2026, 3, 2, 9, 5, tzinfo=timezone.utc)
    store.finish_session(sid, later)
    start, end = int(T0.timestamp()), int(later.timestamp())
    assert store.sessions() == [(sid, start, end, "review", 1, "a,b", 3, 3, 2)]
    assert sorted(store.answers()) == sorted(
        [
            (start, "reopen-date:tf", "reopen-date", "tf", 1, "supported", None, '["dates"]'),
            (start, "cost:tf", "cost", "tf", 0, "refuted", "number", '["numbers"]'),
            (start, "critics-firm:tf", "critics-firm", "tf", 1, "not-stated", None, '["numbers"]'),
        ]
    )
    assert store.cards() == []  # no scheduler given: no cards
    sid2 = store.start_session("quiz", 2, ["a"], 1, later)
    assert sid2 == sid + 1
    assert [s[0] for s in store.sessions()] == [sid2, sid]  # newest first
    assert [s[0] for s in store.sessions(limit=1)] == [sid2]
    store.close()


def test_cards_are_kept_per_question_and_ordered_by_due(
    tmp_path: Path, make_bank: BankFactory
) -> None:
    library = load_library([str(make_bank())])
    questions = build_session(library.claims, seed=1, kind="tf").questions
    store = Store(tmp_path / "h.sqlite3")
    sid = store.start_session("quiz", 1, ["a"], 3, T0)
    dues = {q.id: 3000 - 1000 * i for i, q in enumerate(questions)}
    seen: list[tuple[CardRow | None, str]] = []

    for q in questions:

        def card_after(prev: CardRow | None, fp: str, qid: str = q.id) -> tuple[str, int, int, int]:
            seen.append((prev, fp))
            return "{}", dues[qid], 1, 0

        store.record_answer(sid, grade(q, "t"), T0, card_after)
    assert [c.question for c in store.cards()] == sorted(dues, key=lambda k: dues[k])
    assert all(prev is None for prev, _ in seen)
    first = questions[0]
    assert seen[0][1] == fingerprint(first)

    def again(prev: CardRow | None, fp: str) -> tuple[str, int, int, int]:
        seen.append((prev, fp))
        return '{"again": 1}', 5, 2, 1

    store.record_answer(sid, grade(first, "f"), T0, again)
    row = store.card(first.id)
    assert row is not None and (row.card_json, row.due, row.reps, row.lapses) == (
        '{"again": 1}',
        5,
        2,
        1,
    )
    previous = seen[-1][0]
    assert previous is not None and previous.due == dues[first.id]
    assert store.card("nope:tf") is None
    assert len(store.cards()) == 3
    store.close()


def test_fingerprints_change_with_what_was_asked(make_bank: BankFactory) -> None:
    library = load_library([str(make_bank())])
    claim = library.claim("reopen-date")
    assert claim is not None
    from dataclasses import replace

    from newsquiz.model import Choice
    from newsquiz.quiz import make_question

    tf = make_question(claim, "tf", 0, True)
    mc = make_question(claim, "mc", 0, True)
    assert len(fingerprint(tf)) == 16 and fingerprint(tf) != fingerprint(mc)
    assert fingerprint(make_question(claim, "mc", 9, True)) == fingerprint(mc)  # order aside
    changed = [
        replace(claim, claim="Another claim."),
        replace(claim, verdict="refuted"),
    ]
    for other in changed:
        assert fingerprint(make_question(other, "tf", 0, True)) != fingerprint(tf)
    assert claim.choice is not None
    choices = [
        replace(claim.choice, question="Another?"),
        replace(claim.choice, answer="4 June"),
        Choice(claim.choice.question, claim.choice.answer, ("1 May", "2 May", "3 May")),
    ]
    for choice in choices:
        other = replace(claim, choice=choice)
        assert fingerprint(make_question(other, "mc", 0, True)) != fingerprint(mc)
    # A true/false question does not depend on the choice form.
    assert fingerprint(make_question(replace(claim, choice=choices[0]), "tf", 0, True)) == (
        fingerprint(tf)
    )


def test_utc_is_exactly_timezone_utc() -> None:
    from zoneinfo import ZoneInfo

    moment = datetime(2026, 3, 2, 10, 0, tzinfo=ZoneInfo("Europe/Paris"))
    converted = utc(moment)
    assert converted.tzinfo is timezone.utc and converted == moment
    assert converted.hour == 9


def test_fingerprints_are_stable_across_versions() -> None:
    # Stored cards are matched by fingerprint: a new way of computing it would restart every
    # learner's schedule, so the values are pinned.
    from newsquiz.model import Choice, Claim
    from newsquiz.quiz import make_question

    claim = Claim(
        "reopen-date",
        "library-2024",
        "The library will reopen in June.",
        "supported",
        (),
        choice=Choice("When will the library reopen?", "3 June", ("3 July", "13 June", "30 June")),
    )
    assert fingerprint(make_question(claim, "tf", 0, True)) == "99ec7db1288882e0"
    assert fingerprint(make_question(claim, "mc", 0, True)) == "b8ecae552d9e9903"
    from dataclasses import replace

    # A choice question also starts afresh when the claim itself changes.
    other = replace(claim, claim="The library will reopen in July.")
    assert fingerprint(make_question(other, "mc", 0, True)) != "b8ecae552d9e9903"


def test_a_failed_read_names_the_database_and_sqlites_words(tmp_path: Path) -> None:
    db = tmp_path / "h.sqlite3"
    store = Store(db)
    store.conn.execute("DROP TABLE answers")
    with pytest.raises(HistoryError) as caught:
        store.answers()
    assert str(caught.value) == (
        f"the history database {db} cannot be used (no such table: answers); use --db PATH or "
        "--no-save"
    )
    store.close()


def test_a_file_that_sqlite_cannot_open(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def cannot_open(*args: object, **kwargs: object) -> sqlite3.Connection:
        raise sqlite3.OperationalError("unable to open database file")

    monkeypatch.setattr(sqlite3, "connect", cannot_open)
    db = tmp_path / "h.sqlite3"
    with pytest.raises(HistoryError) as caught:
        Store(db)
    assert str(caught.value) == (
        f"the history database {db} cannot be opened for writing (read-only folder or file?); "
        "use --db PATH or --no-save"
    )


def test_a_database_without_write_ahead_logging_is_refused() -> None:
    # An in-memory database cannot use WAL, as a network file system often cannot.
    with pytest.raises(HistoryError) as caught:
        Store(Path(":memory:"))
    assert str(caught.value) == (
        ":memory: cannot use write-ahead logging (is it on a network file system?); "
        "put the history on a local disk with --db"
    )


def test_a_file_with_sqlites_header_and_no_database_is_left_alone(tmp_path: Path) -> None:
    db = tmp_path / "h.sqlite3"
    content = b"SQLite format 3\x00" + b"\xff" * 2000
    db.write_bytes(content)
    with pytest.raises(HistoryError) as caught:
        Store(db)
    assert str(caught.value) == (
        f"{db} is another program's SQLite database, not a newsquiz history; newsquiz did not "
        "change it: choose another file with --db"
    )
    assert db.read_bytes() == content


def test_another_programs_database_is_left_as_it_was(tmp_path: Path) -> None:
    db = tmp_path / "other.sqlite3"
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE answers (x)")  # another program's table of the same name
    conn.commit()
    conn.close()
    before = db.read_bytes()
    with pytest.raises(HistoryError) as caught:
        Store(db)
    assert str(caught.value) == (
        f"{db} is another program's SQLite database, not a newsquiz history; newsquiz did not "
        "change it: choose another file with --db"
    )
    assert db.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other.sqlite3"]


@pytest.mark.parametrize(
    ("damage", "why"),
    [
        ("UPDATE cards SET card = x'41'", "the card is not text"),  # a blob
        ("UPDATE cards SET card = 7", "the card is not a JSON object"),  # stored as '7'
        ("UPDATE cards SET card = 'not json'", "the card is not JSON"),
        ("UPDATE cards SET card = '[1, 2]'", "the card is not a JSON object"),
        ("UPDATE cards SET due = 'soon'", "'soon' is not a whole number"),
        ("UPDATE cards SET reps = 1.5", "1.5 is not a whole number"),
        ("UPDATE cards SET fingerprint = x'41'", "b'A' is not text"),
    ],
)
def test_a_damaged_card_is_named_exactly(
    tmp_path: Path, make_bank: BankFactory, damage: str, why: str
) -> None:
    library = load_library([str(make_bank())])
    q = build_session(library.claims, seed=1, kind="tf").questions[0]
    db = tmp_path / "h.sqlite3"
    store = Store(db)
    sid = store.start_session("quiz", 1, ["a"], 1, T0)
    store.record_answer(sid, grade(q, "t"), T0, lambda prev, fp: ('{"due": 1}', 5, 1, 0))
    store.conn.execute(damage)
    expected = (
        f"the history database {db} holds a damaged value (card {q.id}: {why}); "
        "move it away or use --db"
    )
    for read in (store.cards, lambda: store.card(q.id)):
        with pytest.raises(HistoryError) as caught:
            read()
        assert str(caught.value) == expected
    store.close()
