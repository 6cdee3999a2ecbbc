"""The quiz engine: choose questions, order and shuffle them from a seed, and grade answers.

Pure: no terminal, no files. The same seed and flags always give the same questions, order and
option letters, so `ask`, `quiz` and `check` agree. Each question's options are shuffled from
the seed and the question id alone, so `check QID LETTER --seed S` needs no other flag.
"""

from __future__ import annotations

import os
import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, Literal

from .bank import fold
from .errors import AnswerError, UsageError, did_you_mean
from .model import Claim, Evidence

if TYPE_CHECKING:
    from .bank import Library

Kind = Literal["tf", "mc"]
KINDS = ("tf", "mc", "all")
LETTERS = "abcde"
TF_TEXT = {"t": "True", "f": "False", "ns": "Not stated"}
# One answer vocabulary everywhere: prompts, answers files and `check`.
TF_ALIASES = {
    "t": "t",
    "true": "t",
    "f": "f",
    "false": "f",
    "n": "ns",
    "ns": "ns",
    "not-stated": "ns",
    "not stated": "ns",
    "notstated": "ns",
}
VERDICT_KEY = {"supported": "t", "refuted": "f", "not-stated": "ns"}
# The key a person types for each option of a true/false question, shown the same everywhere.
TF_SHOWN = {"t": "t", "f": "f", "ns": "n"}
# The verdict after a true/false answer, as a sentence.
VERDICT_SENTENCE = {
    "supported": "Supported: the article says so.",
    "refuted": "Refuted: the article says otherwise.",
    "not-stated": "Not stated: the article does not settle it either way.",
}


def shown_key(question: Question, key: str) -> str:
    """The key a person types for an option: t, f or n for true/false, the letter otherwise."""
    return TF_SHOWN[key] if question.kind == "tf" else key


def heading(question: Question, number: int, total: int) -> str:
    """What is shown before an answer: the question's place and text, never its claim id."""
    lead = "True or false?" if question.kind == "tf" else "Choose one:"
    return f"Question {number} of {total} · {lead} {question.prompt}"


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
    """The questions of one session, in order, and the seed that chose them.

    `reveal[i]` is the number of the question after which the feedback on question i+1 is
    shown: its own number, unless it shares an evidence sentence with a later question, whose
    answer that feedback would give away. `notes` tell the learner what was arranged.
    """

    seed: int
    questions: tuple[Question, ...]
    offers_not_stated: bool
    reveal: tuple[int, ...] = ()
    notes: tuple[str, ...] = ()

    def reveal_after(self, index: int) -> int:
        """After which question (from 1) the feedback on question `index` (from 0) comes."""
        return self.reveal[index] if index < len(self.reveal) else index + 1

    @property
    def articles(self) -> tuple[str, ...]:
        """The ids of the articles the questions are about, in order of first use."""
        return tuple(dict.fromkeys(q.claim.article for q in self.questions))


def evidence_sentences(claim: Claim) -> frozenset[tuple[str, int]]:
    """The article sentences a claim's feedback shows, as (article, sentence start)."""
    return frozenset((claim.article, e.sentence_start) for e in claim.evidence)


def pick_apart(
    order: Sequence[Claim], count: int, shown: Iterable[tuple[str, int]] = ()
) -> list[Claim]:
    """Up to `count` claims, in order, preferring those whose evidence shares no sentence with
    one already picked or with the sentences already `shown` (a review's due questions); when
    the pool runs short of those, the rest in order."""
    picked: list[Claim] = []
    held: list[Claim] = []
    shown = set(shown)
    for claim in order:
        if len(picked) == count:
            break
        sentences = evidence_sentences(claim)
        if sentences & shown:
            held.append(claim)
        else:
            picked.append(claim)
            shown |= sentences
    return picked + held[: count - len(picked)]


def arrange(questions: Sequence[Question]) -> tuple[tuple[Question, ...], tuple[int, ...]]:
    """Order questions so none is asked after feedback that settles it is shown.

    Questions whose evidence shares a sentence (directly or through others) form a group; a
    group is asked together, where its first member stood, and its feedback comes after its
    last question. Returns the questions in order and, for each, the question number its
    feedback comes after.
    """
    parent = list(range(len(questions)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    first_use: dict[tuple[str, int], int] = {}
    for i, q in enumerate(questions):
        for sentence in evidence_sentences(q.claim):
            j = first_use.setdefault(sentence, i)
            parent[root(i)] = root(j)
    groups: dict[int, list[int]] = {}
    for i in range(len(questions)):
        groups.setdefault(root(i), []).append(i)
    ordered: list[Question] = []
    reveal: list[int] = []
    # In order of first member: the groups are disjoint, so their first members decide.
    for members in sorted(groups.values()):
        ordered.extend(questions[i] for i in members)
        reveal.extend([len(ordered)] * len(members))
    return tuple(ordered), tuple(reveal)


def grouped_note(reveal: Sequence[int]) -> str | None:
    """A sentence naming the questions whose feedback waits for a later one, if any."""
    spans: list[str] = []
    start = 1
    for number in range(1, len(reveal) + 1):
        if reveal[number - 1] == number:
            if number > start:
                spans.append(f"{start}-{number}")
            start = number + 1
    if not spans:
        return None
    shown = ", ".join(spans[:3])
    more = len(spans) - 3
    if more > 0:
        shown += f" and {more} more group{'s' if more > 1 else ''}"
    return (
        f"questions {shown} share evidence, so the answers to each group "
        "are shown after its last question"
    )


def arrange_session(session: Session, notes: Sequence[str] = ()) -> Session:
    """The same questions, arranged so that no feedback gives a later answer away."""
    questions, reveal = arrange(session.questions)
    note = grouped_note(reveal)
    all_notes = (*session.notes, *notes, *([note] if note else []))
    return Session(session.seed, questions, session.offers_not_stated, reveal, all_notes)


def reveal_at_end(session: Session) -> Session:
    """The same session with every answer held back until the summary (`--reveal end`)."""
    last = len(session.questions)
    return Session(
        session.seed,
        session.questions,
        session.offers_not_stated,
        (last,) * last,
        tuple(n for n in session.notes if n != grouped_note(session.reveal)),
    )


def check_tags(tags: Iterable[str], claims: Sequence[Claim]) -> None:
    """UsageError for a tag no claim has, with the closest one that exists."""
    known = {t for c in claims for t in c.tags}
    for tag in tags:
        if tag not in known:
            raise UsageError(
                f"no claim has the tag '{tag}'{did_you_mean(tag, known)}; "
                "'newsquiz claims --tags' lists the tags"
            )


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


def fact_question(claim: Claim, seed: int, offers_not_stated: bool) -> Question:
    """The fact form of a refuted claim: its choice question, else a true/false on the correction.

    The true/false fact form states what the article says (the correction) and is graded like
    any true/false question, its answer being True; it is built as a supported claim, so its
    feedback shows the correction and the evidence and never the false wording.
    """
    if claim.choice is not None:
        return make_question(claim, "mc", seed, offers_not_stated)
    if claim.verdict != "refuted" or not claim.correction:
        return make_question(claim, "tf", seed, offers_not_stated)
    fact = replace(
        claim,
        claim=claim.correction,
        verdict="supported",
        correction=None,
        change=None,
        explanation=None,
    )
    question = make_question(fact, "tf", seed, offers_not_stated)
    return replace(question, id=f"{claim.id}:fact")


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
    Claims whose evidence shares no sentence with another chosen claim are preferred, so that
    no feedback gives a later answer away; when the flags leave no such choice, the questions
    are arranged so that their feedback comes after all of them (see `arrange`).
    """
    if seed is None:
        seed = draw_seed()
    if kind not in KINDS:
        raise UsageError(f"--kind must be one of {', '.join(KINDS)}, not '{kind}'")
    if count is not None and count < 1:
        raise UsageError("--count must be at least 1")
    wanted = set(tags)
    check_tags(sorted(wanted), claims)
    pool = [c for c in claims if not wanted or wanted.intersection(c.tags)]
    if kind == "mc":
        pool = [c for c in pool if c.choice is not None]
    if not pool:
        raise UsageError(
            "no claims match these flags; try fewer --tag or another --kind "
            "('newsquiz claims --tags' lists the tags)"
        )
    offers_not_stated = kind != "mc" and any(c.verdict == "not-stated" for c in pool)
    order = list(pool)
    random.Random(seed).shuffle(order)
    notes: list[str] = []
    if count is not None and count > len(order):
        notes.append(
            f"--count {count} is more than the {len(order)} matching claims; asking {len(order)}"
        )
    order = pick_apart(order, len(order) if count is None else count)
    questions = []
    for claim in order:
        q_kind: Kind = "tf"
        if kind == "mc":
            q_kind = "mc"
        elif kind == "all" and claim.choice is not None:
            q_kind = "mc" if random.Random(f"{seed}:{claim.id}:kind").random() < 0.5 else "tf"
        questions.append(make_question(claim, q_kind, seed, offers_not_stated))
    return arrange_session(Session(seed, tuple(questions), offers_not_stated), notes)


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
        allowed = "t/true, f/false" + (", n/not-stated" if len(question.options) == 3 else "")
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
    """Grade one answer to a question id (`CLAIM:tf` or `CLAIM:mc`), as `newsquiz check` does.

    `CLAIM:fact`, the true/false form review builds from a refuted claim's correction, is
    graded too.
    """
    if question_id.endswith(":fact"):
        claim = library.require_claim(question_id[: -len(":fact")], "'newsquiz ask' lists ids")
        fact = fact_question(claim, seed or 0, offers_not_stated=True)
        if fact.id != question_id:
            raise UsageError(f"'{question_id}' is not a question; ask {fact.id}")
        return grade(fact, answer)
    claim_id, kind = parse_question_id(question_id)
    claim = library.require_claim(claim_id, "'newsquiz ask' lists the question ids")
    return grade(make_question(claim, kind, seed or 0, offers_not_stated=True), answer)
