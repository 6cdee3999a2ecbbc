"""Study over time: what is due for review, and the numbers `stats` reports. Pure functions.

The review rule for refuted claims (review the fact, not the myth): a claim's false wording is
shown at most once in review, when the claim is first met. Once its true/false card falls due,
the claim is asked in its fact form instead, and that form's card schedules it from then on:
its multiple-choice question when it has one, else a true/false question on the correction
(`CLAIM:fact`, "what the article says", whose answer is True). The true/false card is retired.
"""

from __future__ import annotations

import json
import random
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any

from .model import Claim
from .quiz import (
    Kind,
    Question,
    Session,
    arrange_session,
    draw_seed,
    evidence_sentences,
    fact_question,
    make_question,
    pick_apart,
)
from .store import CardRow, fingerprint


@dataclass(frozen=True)
class ReviewPlan:
    """The questions a review asks, and when the next one falls due if none is due now."""

    session: Session
    due: int
    new: int
    next_due: tuple[str, int] | None


# How often a learner may be shown a refuted claim's false wording before review only asks
# its fact form. One showing is the quiz itself: spotting the false claim is the exercise.
MAX_WORDING_SHOWINGS = 1


def is_fact_form(question_id: str) -> bool:
    """Whether a question id names a fact form built from a correction."""
    return question_id.endswith(":fact")


def retired_questions(cards: Sequence[CardRow], refuted: set[str]) -> set[str]:
    """True/false cards of refuted claims whose fact form now has its own card."""
    ids = {row.question for row in cards}
    return {
        f"{c}:tf" for c in refuted if f"{c}:tf" in ids and (f"{c}:mc" in ids or f"{c}:fact" in ids)
    }


def plan_review(
    claims: Sequence[Claim],
    cards: Sequence[CardRow],
    now: int,
    new_limit: int,
    seed: int | None = None,
    count: int | None = None,
    showings: Mapping[str, int] | None = None,
) -> ReviewPlan:
    """Due questions, most overdue first, then up to `new_limit` never-asked ones; one per claim.

    `showings` counts, per claim, how often its false wording was shown to this learner; a
    refuted claim shown that often is only asked in its fact form (see the module docstring).
    """
    if seed is None:
        seed = draw_seed()
    showings = showings or {}
    by_id = {c.id: c for c in claims}
    offers_ns = any(c.verdict == "not-stated" for c in claims)
    refuted = {c.id for c in claims if c.verdict == "refuted"}
    retired = retired_questions(cards, refuted)
    questions: list[Question] = []
    asked: set[str] = set()
    upcoming: tuple[str, int] | None = None
    current: set[str] = set()
    for row in sorted(cards, key=lambda r: (r.due, r.question)):
        claim_id, _, kind = row.question.rpartition(":")
        claim = by_id.get(claim_id)
        if claim is None or row.question in retired:
            continue
        if kind == "fact":
            if claim.verdict != "refuted" or not claim.correction:
                continue
            stored = fact_question(claim, seed, offers_ns)
            if stored.id != row.question:
                continue  # the claim has a choice form now; that form takes over
        elif kind == "tf" or (kind == "mc" and claim.choice is not None):
            q_kind: Kind = "mc" if kind == "mc" else "tf"
            stored = make_question(claim, q_kind, seed, offers_ns)
        else:
            continue
        if fingerprint(stored) != row.fingerprint:
            continue  # the claim changed since: it starts afresh, as a new question
        current.add(claim_id)
        if row.due <= now:
            if claim_id not in asked:
                due_form = stored
                if claim.verdict == "refuted" and kind == "tf":
                    due_form = fact_question(claim, seed, offers_ns)  # the fact, not the myth
                questions.append(due_form)
                asked.add(claim_id)
        elif upcoming is None:
            upcoming = (row.question, row.due)
    due_count = len(questions)
    fresh = [c for c in claims if c.id not in current]
    random.Random(seed).shuffle(fresh)
    shown = {s for q in questions for s in evidence_sentences(q.claim)}
    for claim in pick_apart(fresh, max(new_limit, 0), shown):
        if claim.verdict == "refuted" and showings.get(claim.id, 0) >= MAX_WORDING_SHOWINGS:
            questions.append(fact_question(claim, seed, offers_ns))
            continue
        q_kind = "tf"
        if claim.choice is not None and random.Random(f"{seed}:{claim.id}:kind").random() < 0.5:
            q_kind = "mc"
        questions.append(make_question(claim, q_kind, seed, offers_ns))
    if count is not None:
        questions = questions[:count]
    # A fact form's own text shows the claim's evidence (the correction), before its answer:
    # among questions that share evidence, it is asked last, so it settles none of them.
    questions.sort(key=lambda q: is_fact_form(q.id))
    return ReviewPlan(
        arrange_session(Session(seed, tuple(questions), offers_ns)),  # no answer given away
        min(due_count, len(questions)),
        max(len(questions) - due_count, 0),
        upcoming,
    )


def _day(epoch: int) -> str:
    return datetime.fromtimestamp(epoch, timezone.utc).date().isoformat()


def _rate(right: int, total: int) -> float:
    return round(100.0 * right / total, 1) if total else 0.0


def compute_stats(
    sessions: Sequence[tuple[Any, ...]],
    answers: Sequence[tuple[int, str, str, str, int, str, str | None, str]],
    cards: Sequence[CardRow],
    now: int,
    days_ahead: int = 7,
) -> dict[str, Any]:
    """The numbers `stats` shows: totals, by tag, by change, by kind, hardest, due, per day."""
    by_tag: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    by_change: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    by_kind: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    by_claim: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    by_day: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    correct = 0
    refuted: set[str] = set()
    shown: dict[str, int] = defaultdict(int)
    for at, _question, claim, kind, right, verdict, change, tags in answers:
        correct += right
        if verdict == "refuted":
            refuted.add(claim)
            if kind == "tf":  # the false wording was the question
                shown[claim] += 1
        for bucket in (
            [by_tag[t] for t in json.loads(tags)]
            + [by_kind[kind], by_claim[claim], by_day[_day(at)]]
            + ([by_change[change]] if verdict == "refuted" and change else [])
        ):
            bucket[0] += right
            bucket[1] += 1

    def table(acc: dict[str, list[int]]) -> dict[str, dict[str, float | int]]:
        return {
            k: {"answers": v[1], "correct": v[0], "accuracy": _rate(v[0], v[1])}
            for k, v in sorted(acc.items())
        }

    hardest = sorted(
        ((k, v[1] - v[0], v[1]) for k, v in by_claim.items() if v[1] > v[0]),
        key=lambda t: (-t[1] / t[2], -t[1], t[0]),
    )[:10]
    start = datetime.fromtimestamp(now, timezone.utc).date()
    ahead = {(start + timedelta(days=i)).isoformat(): 0 for i in range(days_ahead)}
    due_now = 0
    retired = retired_questions(cards, refuted)
    cards = [row for row in cards if row.question not in retired]
    for row in cards:
        if row.due <= now:
            due_now += 1
        day = _day(row.due)
        if day in ahead:
            ahead[day] += 1
    return {
        "sessions": len(sessions),
        "answers": len(answers),
        "correct": correct,
        "accuracy": _rate(correct, len(answers)),
        "by_tag": table(by_tag),
        "by_change": table(by_change),
        "by_kind": table(by_kind),
        "hardest": [{"claim": k, "misses": m, "answers": n} for k, m, n in hardest],
        "due_now": due_now,
        "due_by_day": [{"date": d, "count": n} for d, n in ahead.items()],
        "days": [{"date": d, "answers": v[1], "correct": v[0]} for d, v in sorted(by_day.items())],
        "cards": len(cards),
        # how often each refuted claim's false wording was shown (review keeps this at one)
        "false_wordings_shown": dict(sorted(shown.items())),
    }
