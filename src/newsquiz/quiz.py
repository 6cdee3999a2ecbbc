"""The quiz engine: choose questions, order and shuffle them from a seed, and grade answers.

Pure: no terminal, no files. The same seed and flags always give the same questions, order and
option letters, so `ask`, `quiz` and `check` agree. Each question's options are shuffled from
the seed and the question id alone, so `check QID LETTER --seed S` needs no other flag.
"""

from __future__ import annotations

import os
import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from .bank import fold
from .errors import AnswerError, UsageError
from .model import Claim, Evidence

if TYPE_CHECKING:
    from .bank import Library

Kind = Literal["tf", "mc"]
KINDS = ("tf", "mc", "all")
LETTERS = "abcde"
TF_TEXT = {"t": "True", "f": "False", "ns": "Not stated"}
TF_ALIASES = {
    "t": "t",
    "true": "t",
    "f": "f",
    "false": "f",
    "ns": "ns",
    "not-stated": "ns",
    "not stated": "ns",
    "notstated": "ns",
}
VERDICT_KEY = {"supported": "t", "refuted": "f", "not-stated": "ns"}


@dataclass(frozen=True)
class Option:
    """One answer a question offers: the key to type and the text shown."""

    key: str
    text: str


@dataclass(frozen=True)
class Question:
    """A question about one claim, with its options in the order shown."""

    id: str
    kind: Kind
    prompt: str
    options: tuple[Option, ...]
    answer_key: str
    claim: Claim

    def to_json(self) -> dict[str, Any]:
        """The documented shape of a question in `ask --json`: nothing gives the answer away."""
        return {
            "id": self.id,
            "kind": self.kind,
            "prompt": self.prompt,
            "options": [{"key": o.key, "text": o.text} for o in self.options],
        }

    @property
    def expected(self) -> str:
        """The text of the right option."""
        return next(o.text for o in self.options if o.key == self.answer_key)


@dataclass(frozen=True)
class Result:
    """How one question was answered."""

    question: Question
    given: str
    correct: bool
    confidence: str | None = None  # sure, unsure or guessed, when the learner said

    def to_json(self) -> dict[str, Any]:
        """The documented shape of `check --json` and of each item of a report's results."""
        c = self.question.claim
        return {
            "id": self.question.id,
            "kind": self.question.kind,
            "claim": c.id,
            "given": self.given,
            "correct": self.correct,
            "expected": self.question.expected,
            "verdict": c.verdict,
            "correction": c.correction,
            "evidence": [e.to_json() for e in c.evidence],
            "confidence": self.confidence,
        }

    @property
    def evidence(self) -> tuple[Evidence, ...]:
        """The passages that settle the question."""
        return self.question.claim.evidence


@dataclass(frozen=True)
class Session:
    """The questions of one session, in order, and the seed that chose them."""

    seed: int
    questions: tuple[Question, ...]
    offers_not_stated: bool


def draw_seed() -> int:
    """A fresh seed for a session that was given none."""
    return int.from_bytes(os.urandom(4), "big") % 1_000_000


def parse_question_id(qid: str) -> tuple[str, Kind]:
    """Split `CLAIM:tf` or `CLAIM:mc` into its claim id and kind."""
    claim_id, _, kind = qid.rpartition(":")
    if not claim_id or kind not in ("tf", "mc"):
        raise UsageError(
            f"'{qid}' is not a question id; ids look like CLAIM:tf or CLAIM:mc (see 'newsquiz ask')"
        )
    return claim_id, kind  # type: ignore[return-value]


def make_question(claim: Claim, kind: Kind, seed: int, offers_not_stated: bool) -> Question:
    """Build one question; its option order depends only on the seed and the question id."""
    qid = f"{claim.id}:{kind}"
    if kind == "tf":
        keys = ["t", "f", "ns"] if offers_not_stated else ["t", "f"]
        options = tuple(Option(k, TF_TEXT[k]) for k in keys)
        return Question(qid, "tf", claim.claim, options, VERDICT_KEY[claim.verdict], claim)
    if claim.choice is None:
        raise UsageError(f"claim '{claim.id}' has no multiple-choice form; ask {claim.id}:tf")
    texts = [claim.choice.answer, *claim.choice.distractors]
    random.Random(f"{seed}:{qid}").shuffle(texts)
    options = tuple(Option(LETTERS[i], t) for i, t in enumerate(texts))
    answer = next(o.key for o in options if o.text == claim.choice.answer)
    return Question(qid, "mc", claim.choice.question, options, answer, claim)


def build_session(
    claims: Sequence[Claim],
    *,
    seed: int | None = None,
    count: int | None = None,
    kind: str = "all",
    tags: Iterable[str] = (),
) -> Session:
    """Choose, order and shuffle the questions of a session: at most one per claim.

    Without a seed one is drawn, and the session reports it, so that it can be replayed.
    """
    if seed is None:
        seed = draw_seed()
    if kind not in KINDS:
        raise UsageError(f"--kind must be one of {', '.join(KINDS)}, not '{kind}'")
    if count is not None and count < 1:
        raise UsageError("--count must be at least 1")
    wanted = set(tags)
    pool = [c for c in claims if not wanted or wanted.intersection(c.tags)]
    if kind == "mc":
        pool = [c for c in pool if c.choice is not None]
    if not pool:
        raise UsageError(
            "no claims match these flags; try fewer --tag or another --kind "
            "('newsquiz claims' lists the tags)"
        )
    offers_not_stated = kind != "mc" and any(c.verdict == "not-stated" for c in pool)
    order = list(pool)
    random.Random(seed).shuffle(order)
    if count is not None:
        order = order[:count]
    questions = []
    for claim in order:
        q_kind: Kind = "tf"
        if kind == "mc":
            q_kind = "mc"
        elif kind == "all" and claim.choice is not None:
            q_kind = "mc" if random.Random(f"{seed}:{claim.id}:kind").random() < 0.5 else "tf"
        questions.append(make_question(claim, q_kind, seed, offers_not_stated))
    return Session(seed, tuple(questions), offers_not_stated)


def is_letter(answer: str) -> bool:
    """Whether an answer is one letter, which always names an option by its key."""
    text = answer.strip()
    return len(text) == 1 and text.isalpha()


def resolve_answer(question: Question, raw: str) -> Option:
    """The option an answer names, or AnswerError saying what answers are accepted."""
    text = fold(raw)
    if question.kind == "tf":
        key = TF_ALIASES.get(text)
        for o in question.options:
            if key == o.key or text == fold(o.text):
                return o
        allowed = "t/true, f/false" + (", ns/not-stated" if len(question.options) == 3 else "")
        raise AnswerError(f"'{_shown(raw)}' is not an answer to {question.id}; answer {allowed}")
    if is_letter(text):
        for o in question.options:
            if o.key == text:
                return o
        last = question.options[-1].key
        raise AnswerError(
            f"'{_shown(raw)}' is not an option of {question.id}; "
            f"answer a letter from a to {last} or the option's text"
        )
    for o in question.options:
        if fold(o.text) == text:
            return o
    raise AnswerError(
        f"'{_shown(raw)}' names no option of {question.id}; answer a letter "
        f"from a to {question.options[-1].key} or the option's text"
    )


def _shown(raw: str) -> str:
    """An answer as it can safely appear in a one-line message."""
    text = "".join(c if c.isprintable() else repr(c)[1:-1] for c in raw.strip())
    return text if len(text) <= 40 else text[:39] + "…"


def grade(question: Question, raw: str) -> Result:
    """Grade one answer to a question; a suffix `!`, `?` or `??` says sure, unsure or guessed."""
    from .schedule import confidence_readings

    try:
        option = resolve_answer(question, raw)
        return Result(question, option.text, option.key == question.answer_key)
    except AnswerError as first_error:
        for answer, confidence in confidence_readings(raw)[1:]:
            try:
                option = resolve_answer(question, answer)
            except AnswerError:
                continue
            return Result(question, option.text, option.key == question.answer_key, confidence)
        raise first_error from None


def check_answer(
    library: Library, question_id: str, answer: str, seed: int | None = None
) -> Result:
    """Grade one answer to a question id (`CLAIM:tf` or `CLAIM:mc`), as `newsquiz check` does."""
    claim_id, kind = parse_question_id(question_id)
    claim = library.require_claim(claim_id, "'newsquiz ask' lists the question ids")
    return grade(make_question(claim, kind, seed or 0, offers_not_stated=True), answer)
