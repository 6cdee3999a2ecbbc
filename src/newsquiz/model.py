"""The plain, frozen data every part of newsquiz passes around."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

VERDICTS = ("supported", "refuted", "not-stated")
CHANGES = ("number", "date", "entity", "negation", "scope", "attribution", "other")
# What each verdict tells a learner, as a sentence.
VERDICT_MEANING = {
    "supported": "The article supports this claim.",
    "refuted": "The article refutes this claim.",
    "not-stated": "The article does not settle this claim either way.",
}


@dataclass(frozen=True)
class Evidence:
    """A quote located in the article: its offsets, its whole sentence and its paragraph."""

    quote: str
    start: int
    end: int
    sentence: str
    sentence_start: int
    paragraph: int
    # An elided quote ("A ... B") is anchored part by part, in order, within one paragraph:
    # `start`/`end` then span the whole passage and `parts` holds each quoted piece. Empty for
    # an ordinary quote.
    parts: tuple[tuple[int, int], ...] = ()

    def to_json(self) -> dict[str, Any]:
        """The documented JSON shape of a piece of evidence (`parts` only for an elided quote)."""
        data: dict[str, Any] = {
            "quote": self.quote,
            "sentence": self.sentence,
            "paragraph": self.paragraph,
            "start": self.start,
            "end": self.end,
        }
        if self.parts:
            data["parts"] = [list(p) for p in self.parts]
        return data

    @property
    def span_in_sentence(self) -> tuple[int, int]:
        """Where the quote sits inside its sentence."""
        return self.start - self.sentence_start, self.end - self.sentence_start


@dataclass(frozen=True)
class Choice:
    """The multiple-choice form of a claim's fact."""

    question: str
    answer: str
    distractors: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        """The documented JSON shape of a choice."""
        return {
            "question": self.question,
            "answer": self.answer,
            "distractors": list(self.distractors),
        }


@dataclass(frozen=True)
class Origin:
    """Who made a claim, where and when, for claims somebody is on record making (the bank's
    `claimant`, `appearance` and `appeared`). Claims the bank's author made up have none."""

    claimant: str
    url: str
    date: str | None = None


@dataclass(frozen=True)
class Claim:
    """One claim about an article, with the verdict the article gives it and the proof."""

    id: str
    article: str
    claim: str
    verdict: str
    evidence: tuple[Evidence, ...]
    correction: str | None = None
    change: str | None = None
    explanation: str | None = None
    tags: tuple[str, ...] = ()
    choice: Choice | None = None
    origin: Origin | None = None

    @property
    def qualified_id(self) -> str:
        """ARTICLE/CLAIM, whether or not the loaded banks share this claim's id."""
        return self.id if "/" in self.id else f"{self.article}/{self.id}"

    def to_json(self) -> dict[str, Any]:
        """The documented JSON shape of `claims --json`."""
        return {
            "id": self.id,
            "article": self.article,
            "claim": self.claim,
            "verdict": self.verdict,
            "correction": self.correction,
            "change": self.change,
            "explanation": self.explanation,
            "tags": list(self.tags),
            "evidence": [e.to_json() for e in self.evidence],
            "choice": self.choice.to_json() if self.choice else None,
            # Who made the claim, where and when: null for the bank author's own claims.
            "claimant": self.origin.claimant if self.origin else None,
            "appearance": self.origin.url if self.origin else None,
            "appeared": self.origin.date if self.origin else None,
        }


@dataclass(frozen=True)
class Article:
    """A news article as a bank describes it, with its text and paragraph layout."""

    id: str
    title: str
    published: str
    text: str
    path: str
    sha256: str
    url: str | None = None
    paragraphs: tuple[tuple[int, int], ...] = ()

    def paragraph_text(self, number: int) -> tuple[str, int]:
        """Return paragraph `number` (from 1) and its start offset in the article."""
        start, end = self.paragraphs[number - 1]
        return self.text[start:end], start


@dataclass(frozen=True)
class BankSummary:
    """What `validate` and the cross-bank checks need, without building every claim."""

    claim_ids: tuple[str, ...]
    verdicts: tuple[tuple[str, int], ...]
    choices: int
    # Where each claim's id and the article's id stand in the bank file, for messages.
    claim_lines: tuple[tuple[int, int], ...] = ()
    article_line: tuple[int, int] = (1, 1)

    @classmethod
    def of(
        cls,
        claims: tuple[Claim, ...],
        claim_lines: tuple[tuple[int, int], ...] = (),
        article_line: tuple[int, int] = (1, 1),
    ) -> BankSummary:
        """Summarise built claims."""
        counts = {v: 0 for v in VERDICTS}
        for c in claims:
            counts[c.verdict] += 1
        return cls(
            tuple(c.id for c in claims),
            tuple(counts.items()),
            sum(c.choice is not None for c in claims),
            claim_lines,
            article_line,
        )

    def position_of(self, claim_id: str) -> tuple[int, int]:
        """The line and column of a claim's id in the bank file (1:1 when unknown)."""
        for cid, pos in zip(self.claim_ids, self.claim_lines, strict=False):
            if cid == claim_id:
                return pos
        return (1, 1)


@dataclass(frozen=True)
class Bank:
    """One bank file: its article and its claims.

    A bank read from the cache builds its claims only when they are first used, so that
    `validate` of a large unchanged bank reads its summary alone.
    """

    path: str
    article: Article
    summary: BankSummary
    source: tuple[Claim, ...] | Callable[[], tuple[Claim, ...]] = field(repr=False, compare=False)
    warnings: tuple[str, ...] = ()

    @classmethod
    def of(
        cls,
        path: str,
        article: Article,
        claims: tuple[Claim, ...],
        warnings: tuple[str, ...] = (),
        summary: BankSummary | None = None,
    ) -> Bank:
        """A bank from claims already built."""
        return cls(path, article, summary or BankSummary.of(claims), claims, warnings)

    @cached_property
    def claims(self) -> tuple[Claim, ...]:
        """The claims, in bank order."""
        return self.source() if callable(self.source) else self.source
