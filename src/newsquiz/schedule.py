"""Spaced repetition with FSRS: one card per question id.

The rule: a right answer rates Good, a wrong one Again. Learning steps are turned off, since a
news quiz is studied in sittings, not in minutes: a new question answered right comes back in
about two days, a miss comes back the next day. Fuzzing is off, so schedules are reproducible.
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timezone
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import fsrs

    from .store import CardRow


def scheduler() -> fsrs.Scheduler:
    """The FSRS scheduler newsquiz uses."""
    import fsrs

    return fsrs.Scheduler(enable_fuzzing=False, learning_steps=(), relearning_steps=())


def card_id(question_id: str) -> int:
    """A stable card id for a question (fsrs would otherwise sleep to make one from the clock)."""
    return int(hashlib.sha256(question_id.encode()).hexdigest()[:12], 16)


def next_card(
    question_id: str, previous: CardRow | None, fingerprint: str, correct: bool, now: datetime
) -> tuple[str, int, int, int]:
    """The card after an answer: (card json, due epoch seconds, reviews, lapses)."""
    import fsrs

    moment = now.astimezone(timezone.utc)
    if previous is None or previous.fingerprint != fingerprint:
        card, reps, lapses = fsrs.Card(card_id=card_id(question_id)), 0, 0
    else:
        card, reps, lapses = fsrs.Card.from_json(previous.card_json), previous.reps, previous.lapses
    rating = fsrs.Rating.Good if correct else fsrs.Rating.Again
    card, _ = scheduler().review_card(card, rating, review_datetime=moment)
    assert card.due is not None
    return card.to_json(), int(card.due.timestamp()), reps + 1, lapses + (0 if correct else 1)
