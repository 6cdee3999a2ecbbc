"""Spaced repetition with FSRS: one card per question id, rated from rightness and confidence.

After choosing an answer the learner may say how sure they were. A right answer is only recall
when the learner knew it: a true/false question is right half the time by chance (a third with
"Not stated"), so a lucky guess must not push a card weeks away. The rating table:

| answer | sure | unsure | guessed | not said |
| --- | --- | --- | --- | --- |
| right | Easy | Good | Hard | Good |
| wrong | Again | Again | Again | Again |

Every miss is Again, the only rating FSRS counts as a lapse; a sure miss is the costliest error
to leave standing (the learner believed it), and calibration reports it. Learning steps are
turned off, since a news quiz is studied in sittings, not in minutes: a new question answered
right comes back in about two days (eight when sure, one when guessed), a miss the next day.
Fuzzing is off, so schedules are reproducible.
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timezone
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import fsrs

    from .store import CardRow

CONFIDENCES = ("sure", "unsure", "guessed")
# The suffix an answer line may carry to say how sure the learner was: `t!`, `b?`, `f??`.
CONFIDENCE_SUFFIX = {"??": "guessed", "?": "unsure", "!": "sure"}
# FSRS ratings 1..4 = Again, Hard, Good, Easy; keyed by (right, confidence).
RATING_TABLE: dict[tuple[bool, str | None], int] = {
    (True, "sure"): 4,
    (True, "unsure"): 3,
    (True, "guessed"): 2,
    (True, None): 3,
    (False, "sure"): 1,
    (False, "unsure"): 1,
    (False, "guessed"): 1,
    (False, None): 1,
}
RATING_NAMES = {1: "Again", 2: "Hard", 3: "Good", 4: "Easy"}


def confidence_readings(raw: str) -> list[tuple[str, str | None]]:
    """The ways to read an answer line: as written, then without each confidence suffix it ends
    with ('??' before '?'), so that an option whose own text ends in '?' is still found."""
    text = raw.strip()
    readings: list[tuple[str, str | None]] = [(text, None)]
    for suffix, confidence in CONFIDENCE_SUFFIX.items():
        if text.endswith(suffix) and len(text) > len(suffix):
            readings.append((text[: -len(suffix)].rstrip(), confidence))
    return readings


def rating(correct: bool, confidence: str | None) -> int:
    """The FSRS rating (1 Again .. 4 Easy) of an answer, from the table above."""
    return RATING_TABLE[(correct, confidence if confidence in CONFIDENCES else None)]


def scheduler() -> fsrs.Scheduler:
    """The FSRS scheduler newsquiz uses."""
    import fsrs

    return fsrs.Scheduler(enable_fuzzing=False, learning_steps=(), relearning_steps=())


def card_id(question_id: str) -> int:
    """A stable card id for a question (fsrs would otherwise sleep to make one from the clock)."""
    return int(hashlib.sha256(question_id.encode()).hexdigest()[:12], 16)


def next_card(
    question_id: str,
    previous: CardRow | None,
    fingerprint: str,
    correct: bool,
    now: datetime,
    confidence: str | None = None,
) -> tuple[str, int, int, int]:
    """The card after an answer: (card json, due epoch seconds, reviews, lapses)."""
    import fsrs

    moment = now.astimezone(timezone.utc)
    if previous is None or previous.fingerprint != fingerprint:
        card, reps, lapses = fsrs.Card(card_id=card_id(question_id)), 0, 0
    else:
        card, reps, lapses = fsrs.Card.from_json(previous.card_json), previous.reps, previous.lapses
    card, _ = scheduler().review_card(
        card, fsrs.Rating(rating(correct, confidence)), review_datetime=moment
    )
    assert card.due is not None
    return card.to_json(), int(card.due.timestamp()), reps + 1, lapses + (0 if correct else 1)
