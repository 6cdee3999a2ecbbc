"""Fact-first corrections: the order in which every view explains a refuted claim.

Repetition makes a statement feel true, even a statement labelled false (Pennycook, Cannon &
Rand 2018). The Debunking Handbook 2020 (Lewandowsky et al.) therefore puts the fact first and
last, and the myth once, in between, flagged as false, with the trick that makes it misleading:

1. the fact: what the article says (the correction), then the quote that says it;
2. the myth, once, marked false;
3. the fallacy: which trap was set ("the number was changed") and why;
4. the fact again.

The quiz panel, the session summary and `show` all follow this order; a claim the article
supports, or leaves open, has no myth and is explained as before. Pure: the views render it.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import Claim, Evidence

# The trap each kind of change sets, as a learner would say it.
TRAPS = {
    "number": "the number was changed",
    "date": "the date was changed",
    "entity": "a name was swapped: who, where or what",
    "negation": "the meaning was turned around",
    "scope": "the scope was stretched or narrowed",
    "attribution": "the source was changed: who said it",
    "other": "the wording was changed",
}


@dataclass(frozen=True)
class Debunk:
    """A refuted claim, in the order it is explained: fact, quote, myth, trap, fact."""

    fact: str
    evidence: tuple[Evidence, ...]
    myth: str
    trap: str
    why: str | None

    @property
    def parts(self) -> tuple[tuple[str, str], ...]:
        """The text steps in order, as (role, text); the evidence follows the first fact."""
        steps = [("fact", self.fact), ("myth", self.myth), ("trap", self.trap)]
        if self.why:
            steps.append(("why", self.why))
        steps.append(("fact", self.fact))
        return tuple(steps)


def trap_name(change: str | None) -> str:
    """The trap a refuted claim sets, named for a learner."""
    return TRAPS.get(change or "other", TRAPS["other"])


def debunk(claim: Claim) -> Debunk | None:
    """The fact-first explanation of a refuted claim; None for any other verdict."""
    if claim.verdict != "refuted" or not claim.correction:
        return None
    return Debunk(
        fact=claim.correction,
        evidence=claim.evidence,
        myth=claim.claim,
        trap=trap_name(claim.change),
        why=claim.explanation,
    )


def plain_lines(d: Debunk, evidence: list[str]) -> list[str]:
    """The fact-first explanation as lines of plain text, the evidence lines given ready-made."""
    lines = [f"the article says: {d.fact}", *evidence, f"false: {d.myth}"]
    lines.append(f"the trap: {d.trap}")
    if d.why:
        lines.append(f"why: {d.why}")
    lines.append(f"so: {d.fact}")
    return lines
