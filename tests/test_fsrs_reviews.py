"""Each answer is one fsrs review: our card against fsrs's own review with the expected rating."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import fsrs
import pytest

from newsquiz.schedule import card_id, next_card
from newsquiz.store import CardRow

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)
QID = "oil-share:tf"
CARD_ID = 41513643751224

# How an answer is rated, written out here independently of schedule.RATING_TABLE:
# (right, confidence, the rating fsrs must be given).
RATINGS = [
    (True, None, fsrs.Rating.Good),
    (True, "sure", fsrs.Rating.Easy),
    (True, "unsure", fsrs.Rating.Good),
    (True, "guessed", fsrs.Rating.Hard),
    (False, None, fsrs.Rating.Again),
    (False, "sure", fsrs.Rating.Again),
    (False, "unsure", fsrs.Rating.Again),
    (False, "guessed", fsrs.Rating.Again),
]


def reference_scheduler() -> fsrs.Scheduler:
    """fsrs as newsquiz means to use it: no fuzzing, no same-day learning steps."""
    return fsrs.Scheduler(enable_fuzzing=False, learning_steps=(), relearning_steps=())


def as_dict(card_json: str) -> dict[str, object]:
    data: dict[str, object] = json.loads(card_json)
    return data


@pytest.mark.parametrize(("correct", "confidence", "rating"), RATINGS)
def test_an_answer_is_one_fsrs_review_with_its_rating(
    correct: bool, confidence: str | None, rating: fsrs.Rating
) -> None:
    sched = reference_scheduler()
    expected = fsrs.Card(card_id=card_id(QID))
    row: CardRow | None = None
    moment = T0
    for n in range(1, 4):
        expected, _ = sched.review_card(expected, rating, review_datetime=moment)
        card_json, due, reps, lapses = next_card(QID, row, "fp", correct, moment, confidence)
        assert as_dict(card_json) == as_dict(expected.to_json())
        assert expected.due is not None and due == int(expected.due.timestamp())
        assert (reps, lapses) == (n, 0 if correct else n)
        row = CardRow(QID, "fp", card_json, due, reps, lapses)
        moment = datetime.fromtimestamp(due, timezone.utc) + timedelta(hours=1)


def test_a_first_answer_comes_back_in_days_not_minutes() -> None:
    _, due_right, _, _ = next_card(QID, None, "fp", True, T0)
    _, due_wrong, _, _ = next_card(QID, None, "fp", False, T0)
    start = int(T0.timestamp())
    assert due_wrong - start == 86400  # a miss: tomorrow
    assert due_right - start >= 2 * 86400  # a right answer: in a couple of days or more


def test_right_and_wrong_mixed_count_reviews_and_lapses() -> None:
    row: CardRow | None = None
    moment = T0
    for correct in (True, False, True, False, True):
        card_json, due, reps, lapses = next_card(QID, row, "fp", correct, moment)
        row = CardRow(QID, "fp", card_json, due, reps, lapses)
        moment += timedelta(days=10)
    assert row is not None and (row.reps, row.lapses) == (5, 2)


def test_a_changed_claim_starts_a_fresh_card() -> None:
    card_json, due, _, _ = next_card(QID, None, "fp1", False, T0)
    row = CardRow(QID, "fp1", card_json, due, 3, 2)
    later = T0 + timedelta(days=5)
    fresh = next_card(QID, row, "fp2", True, later)
    new = next_card(QID, None, "fp2", True, later)
    assert fresh == new and fresh[2:] == (1, 0)


def test_the_moment_may_be_in_any_time_zone() -> None:
    paris = T0.astimezone(ZoneInfo("Europe/Paris"))
    assert next_card(QID, None, "fp", True, paris) == next_card(QID, None, "fp", True, T0)


def test_card_ids_are_stable_and_distinct() -> None:
    # Stored cards carry this id: it must not change between versions or runs.
    assert card_id(QID) == CARD_ID
    assert len({card_id(q) for q in (QID, "oil-share:mc", "oil-share-source:tf")}) == 3


def test_scheduling_does_not_depend_on_the_machines_time_zone(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import time

    expected = next_card(QID, None, "fp", True, T0)
    monkeypatch.setenv("TZ", "Asia/Kolkata")
    time.tzset()
    try:
        local = T0.astimezone()  # an aware time in the machine's zone, as a clock might give
        assert next_card(QID, None, "fp", True, local) == expected
    finally:
        monkeypatch.undo()
        time.tzset()
