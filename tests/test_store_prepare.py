"""Opening a history for writing, at the last step: what _connect_and_prepare refuses."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from newsquiz.errors import HistoryError
from newsquiz.store import _connect_and_prepare, _sql_int


def test_a_file_that_is_not_a_database_is_named_damaged_and_left_as_it_was(
    tmp_path: Path,
) -> None:
    path = tmp_path / "h.sqlite3"
    path.write_bytes(b"these bytes are not a database; " * 64)
    before = path.read_bytes()
    with pytest.raises(HistoryError) as caught:
        _connect_and_prepare(path, 1.0)
    assert str(caught.value) == (
        f"the history database {path} is damaged (file is not a database); newsquiz did not "
        "change it: move it away or use --db"
    )
    assert path.read_bytes() == before


def test_a_file_that_changed_hands_after_inspection_is_refused_unchanged(
    tmp_path: Path,
) -> None:
    # Schema version 1 by its header, but another program's tables: not ours to migrate.
    path = tmp_path / "h.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total INTEGER)")
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(HistoryError) as caught:
        _connect_and_prepare(path, 1.0)
    assert str(caught.value) == (
        f"{path} is another program's SQLite database, not a newsquiz history; newsquiz did "
        "not change it: choose another file with --db"
    )
    assert path.read_bytes() == before


@pytest.mark.parametrize(
    ("value", "fits"),
    [
        (0, True),
        (-200, True),
        (2**63 - 1, True),
        (-(2**63), True),
        (2**63, False),
        (-(2**63) - 1, False),
    ],
)
def test_only_64_bit_integers_are_recorded(value: int, fits: bool) -> None:
    if fits:
        assert _sql_int(value, "seed") == value
    else:
        with pytest.raises(HistoryError) as caught:
            _sql_int(value, "seed")
        assert str(caught.value) == f"the seed {value} is too large to record (at most 2**63 - 1)"
