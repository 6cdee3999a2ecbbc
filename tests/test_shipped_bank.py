"""Audit rules the shipped bank keeps, so a later edit cannot quietly reintroduce a known trap."""

import re

from newsquiz.api import Claim, load

DAYS_AND_MONTHS = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "january", "february", "march", "april", "may", "june", "july", "august",
    "september", "october", "november", "december",
}  # fmt: skip


def shipped_claims() -> list[Claim]:
    """Every claim of the bank that ships inside the package."""
    return list(load().claims)


def value_words(claim: Claim) -> set[str]:
    """Words a learner is quizzed on: those of the choice answer, the claim's numbers and days."""
    words: set[str] = set()
    if claim.choice is not None:

        def split(text: str) -> set[str]:
            return {w.lower() for w in re.findall(r"[A-Za-z0-9]+", text)}

        # A word every option shares ("Partnership") tells the learner nothing.
        shared = set.intersection(*(split(d) for d in claim.choice.distractors))
        words |= split(claim.choice.answer) - shared
    tokens = re.findall(r"[A-Za-z0-9]+", claim.claim)
    words |= {w.lower() for w in tokens if w.isdigit() or w.lower() in DAYS_AND_MONTHS}
    return {w for w in words if len(w) > 2 or w.isdigit()}


def test_ids_name_the_topic_not_the_value() -> None:
    leaks = {c.id: sorted(set(c.id.split("-")) & value_words(c)) for c in shipped_claims()}
    assert {k: v for k, v in leaks.items() if v} == {}


def shape(option: str) -> tuple[bool, bool, bool]:
    """The visible form of an option: has a digit, a % sign, a currency sign."""
    return (any(ch.isdigit() for ch in option), "%" in option, "$" in option)


def test_a_choice_answer_shares_its_form_with_a_distractor() -> None:
    alone = [
        c.id
        for c in shipped_claims()
        if c.choice is not None
        and shape(c.choice.answer) not in {shape(d) for d in c.choice.distractors}
    ]
    assert alone == []


def test_no_distractor_is_a_smaller_lower_bound_than_the_answer() -> None:
    def bound(text: str) -> int | None:
        m = re.fullmatch(r"(?:at least|more than) (\d+)%?", text.strip().lower())
        return int(m.group(1)) if m else None

    weak = []
    for c in shipped_claims():
        if c.choice is None or (top := bound(c.choice.answer)) is None:
            continue
        weak += [(c.id, d) for d in c.choice.distractors if (b := bound(d)) is not None and b < top]
    assert weak == []


def test_supported_and_refuted_claims_are_balanced() -> None:
    verdicts = [c.verdict for c in shipped_claims()]
    assert abs(verdicts.count("supported") - verdicts.count("refuted")) <= 3
    assert verdicts.count("not-stated") >= 3


def test_the_headline_answers_no_question() -> None:
    """The quiz names the article by its title before question 1, so no choice may be answered
    by the title alone (the old meeting-city and nato-summit-city: Moscow, Washington)."""
    library = load()
    title = {w.lower() for b in library.banks for w in re.findall(r"[A-Za-z0-9]+", b.article.title)}
    leaks = {}
    for c in shipped_claims():
        if c.choice is None:
            continue
        answer = {w.lower() for w in re.findall(r"[A-Za-z0-9]+", c.choice.answer)}
        if answer and answer <= title:
            leaks[c.id] = c.choice.answer
    assert leaks == {}


def test_options_do_not_single_out_the_answer_by_shared_words() -> None:
    """The answer must not be the consensus option, the one whose words recur most across the
    options (the old sco-founders: Moscow in three options and Beijing in two give it away)."""
    stop = {"the", "and", "of", "at", "least", "a", "an", "its", "them"}
    odd = {}
    for c in shipped_claims():
        if c.choice is None:
            continue
        options = [c.choice.answer, *c.choice.distractors]
        words = [set(re.findall(r"[a-z0-9]+", o.lower())) - stop for o in options]
        counts = {w: sum(w in ws for ws in words) for ws in words for w in ws}
        words = [ws - set.intersection(*words) for ws in words]  # shared by all: no cue

        consensus = [sum(counts[w] for w in ws) / len(ws) if ws else 0.0 for ws in words]
        if consensus[0] > 1 and all(consensus[0] > other for other in consensus[1:]):
            odd[c.id] = options
    assert odd == {}
