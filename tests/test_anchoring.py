"""Anchoring evidence in long articles, where quotes are found through an index.

Articles of INDEX_FROM characters or more are searched through an index of K-character windows
instead of directly; both searches must give the same answer to every quote.
"""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsquiz.bank import check_bank
from newsquiz.model import Article
from newsquiz.validate import INDEX_FROM, K, _Anchor

from .conftest import BankFactory

# A small vocabulary makes many K-character windows repeat, as real prose does, so that
# candidates must be checked in place rather than trusted.
WORDS = "the council said that a new plan for the river will cost more than it did in 2019".split()


def long_text(seed: int, size: int = INDEX_FROM + 4000) -> str:
    """Prose-like text of short sentences, longer than the indexing threshold."""
    rng = random.Random(seed)
    sentences = []
    length = 0
    while length < size:
        sentence = " ".join(rng.choice(WORDS) for _ in range(rng.randint(4, 14)))
        sentences.append(sentence.capitalize() + ".")
        length += len(sentences[-1]) + 1
    return " ".join(sentences)


def direct(hay: str, needle: str) -> list[int]:
    """The first two places of a needle, found by scanning: the definition to agree with."""
    first = hay.find(needle)
    if first < 0:
        return []
    second = hay.find(needle, first + 1)
    return [first] if second < 0 else [first, second]


def anchor_for(text: str) -> _Anchor:
    return _Anchor(Article("long", "Long", "2024-01-01", text, "long.txt", "0" * 64))


HAY = long_text(1)
ANCHOR = anchor_for(HAY)


def test_the_text_is_long_enough_to_be_indexed() -> None:
    assert len(ANCHOR.norm.text) >= INDEX_FROM
    assert ANCHOR.occurrences(HAY[100:140]) == direct(HAY, HAY[100:140])
    assert ANCHOR._index is not None  # the indexed path ran


@settings(max_examples=300, deadline=None)
@given(
    start=st.integers(0, len(HAY) - 1),
    length=st.integers(1, 80),
    edit=st.one_of(st.none(), st.tuples(st.integers(0, 79), st.sampled_from("aez .9"))),
)
def test_indexed_search_agrees_with_a_direct_scan(
    start: int, length: int, edit: tuple[int, str] | None
) -> None:
    needle = HAY[start : start + length]
    if edit is not None:  # a quote slightly off the text: found elsewhere, or nowhere
        at, char = edit
        at %= len(needle)
        needle = needle[:at] + char + needle[at + 1 :]
    needle = " ".join(needle.split())  # quotes are normalised before they are looked up
    if not needle:
        return
    assert ANCHOR.occurrences(needle) == direct(HAY, needle)


@pytest.mark.parametrize(
    "needle",
    [
        HAY[:40],  # the very first window
        HAY[-40:],  # the very last window
        HAY[-K:],  # exactly one window, at the end
        HAY[:K],  # exactly one window, at the start
        HAY[-K - 1 :],
        "the river will cost more than it did in 2019 and then some",  # first windows exist
        "zzzzzzzzzzzz",  # no window exists
        "the",  # shorter than a window: scanned directly
    ],
)
def test_indexed_search_at_the_edges(needle: str) -> None:
    assert ANCHOR.occurrences(needle) == direct(HAY, needle)


CLAIM = """\
  - id: {id}
    claim: Something about the plan.
    verdict: supported
    evidence: [{quote!r}]
"""


def test_a_long_article_anchors_unique_quotes_and_refuses_repeated_ones(
    make_bank: BankFactory,
) -> None:
    # A sentence that occurs once, and one that occurs twice, inside a long article.
    text = long_text(2)
    first = text.index(". ", 1000) + 1  # sentence ends
    middle = text.index(". ", len(text) // 2) + 1
    unique = "Nobody expected the library vote to pass."
    twice = "The mayor declined to comment further."
    article = (
        f"{text[:first]} {twice}\n\n{text[first + 1 : middle]} {unique}\n\n"
        f"{text[middle + 1 :]} {twice}"
    )
    assert len(article) >= INDEX_FROM
    claims = (
        CLAIM.format(id="unique", quote=unique)
        + CLAIM.format(id="twice", quote=twice)
        + CLAIM.format(id="missing", quote="The mayor resigned on the spot.")
        + CLAIM.format(id="at-the-end", quote="declined to comment further.")
    )
    path = make_bank(claims, article=article)
    bank, problems = check_bank(path, use_cache=False)
    assert bank is None
    by_line = {p.line: p.message for p in problems}
    # One problem per bad quote, on the line of that quote; the unique one is anchored.
    assert sorted(by_line) == [16, 20, 24]
    assert by_line[16] == (
        "quote occurs 2 times in the article (in ¶1 and ¶3); "
        "lengthen it until it occurs exactly once"
    )
    assert by_line[20].startswith("quote not found in the article; closest passage: ")
    assert by_line[24] == by_line[16]

    path = make_bank(CLAIM.format(id="unique", quote=unique), article=article)
    bank, problems = check_bank(path, use_cache=False)
    assert problems == [] and bank is not None
    (evidence,) = bank.claims[0].evidence
    assert article[evidence.start : evidence.end] == unique
    assert evidence.sentence == unique
    assert evidence.paragraph == 2
