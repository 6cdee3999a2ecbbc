"""Anchoring evidence quotes: each refusal word for word, at the quote's line and column.

One article with the awkward cases built in: a phrase at the very start that comes back later,
a phrase three times in one paragraph, one in three paragraphs, overlapping occurrences,
sentences of exactly 160 and 161 characters (where a shown passage starts to be cut) and a
longer one. Each case is a bank whose one claim quotes it, and the complete list of what
`check_bank` reports, as LINE:COL: message.
"""

# ruff: noqa: E501 (whole messages read better on one line)
from __future__ import annotations

from pathlib import Path

import pytest

from newsquiz.bank import check_bank
from newsquiz.model import Article, Evidence
from newsquiz.text import paragraph_spans
from newsquiz.validate import _Anchor

from .conftest import BankFactory

ARTICLE = """\
The harbour board met on Tuesday to approve a new ferry timetable for the islands.

From May, ferries will leave every hour, ferries will leave every hour at night, and ferries will leave every hour on Sundays.

The senator's only reply was "Zzzzzzzz", which was met with laughter.

The board said fares rise next year. Tourists will pay more.

The harbour board said fares rise next year for everyone, and fares rise next year again for pensioners, who pay more in winter.

Critics said fares rise too often and that families pay more, and the board said nothing.

After a long debate about the cost of fuel, the age of the fleet, the needs of the islanders and the wishes of the tourists who fill the boats each summer, the board chose to keep the night ferry running until the end of October.

The new timetable gives the islands a ferry at dawn, a ferry at noon and a ferry at dusk, with one extra boat on market days and on public holidays in the year.

The old timetable gave the islands a ferry at dawn, a ferry at noon and a ferry at dusk, with one extra boat on market days and on public holidays in the summer.
"""
LONG = ARTICLE.split("\n\n")[6].rstrip(".")  # 229 characters with its full stop
EXACT_160 = ARTICLE.split("\n\n")[7]
EXACT_161 = ARTICLE.split("\n\n")[8].rstrip("\n")
CURLY = "‘’“”«»‚„"


def yaml_scalar(quote: str) -> str:
    """A quote as an author writes it: plain when it starts with a curly quotation mark (so that
    the marks are part of the text), else single-quoted with each ' doubled."""
    if quote[0] in CURLY:
        return quote
    return "'" + quote.replace("'", "''") + "'"


def bank_quoting(make_bank: BankFactory, *quotes: str) -> Path:
    """A bank on ARTICLE with one claim; its evidence quotes start on line 13, column 9."""
    evidence = "".join(f"      - {yaml_scalar(q)}\n" for q in quotes)
    claims = (
        "  - id: ferries\n"
        "    claim: The ferries will run more often.\n"
        "    verdict: supported\n"
        "    evidence:\n" + evidence
    )
    return make_bank(claims, article=ARTICLE)


def problems_of(path: Path) -> list[str]:
    bank, problems = check_bank(path, use_cache=False)
    assert (bank is None) == bool(problems)
    assert all(p.path == str(path) for p in problems)  # each names the bank file
    return [f"{p.line}:{p.col}: {p.message}" for p in problems]


def test_the_article_is_what_the_cases_assume() -> None:
    assert ARTICLE.startswith("The harbour board ")
    assert (len(LONG), len(EXACT_160), len(EXACT_161)) == (228, 160, 161)


REFUSED = [
    # Found more than once: how often, and in which paragraphs.
    (
        "ferries will leave every hour",
        "quote occurs 3 times in the article (3 times in ¶2); lengthen it until it occurs exactly once",
    ),
    (  # once at the very start of the article
        "The harbour board",
        "quote occurs 2 times in the article (in ¶1 and ¶5); lengthen it until it occurs exactly once",
    ),
    (
        "said fares rise",
        "quote occurs 3 times in the article (in ¶4, ¶5 and ¶6); lengthen it until it occurs exactly once",
    ),
    (  # three times, in two paragraphs
        "fares rise next year",
        "quote occurs 3 times in the article (in ¶4 and ¶5); lengthen it until it occurs exactly once",
    ),
    (  # occurrences that overlap each count
        "zzzzzz",
        "quote occurs 2 times in the article (twice in ¶3); lengthen it until it occurs exactly once",
    ),
    # Not found: the closest passage, cut after 159 characters, and each difference.
    (
        "the board met on Tuesday to approve a new bus timetable for the isles",
        'quote not found in the article; closest passage: "board met on Tuesday to approve a new ferry timetable for the islands."; the quote adds "the" in "the board"; the quote has "bus" where the article has "ferry"; the quote has "isles" where the article has "islands"',
    ),
    (
        LONG.replace("keep", "stop"),
        f'quote not found in the article; closest passage: "{LONG[:159]}…"; the quote has "stop" where the article has "keep"',
    ),
    (
        EXACT_160.rstrip(".").replace("noon", "midday"),
        f'quote not found in the article; closest passage: "{EXACT_160}"; the quote has "midday" where the article has "noon"',
    ),
    (
        EXACT_161.rstrip(".").replace("noon", "midday"),
        f'quote not found in the article; closest passage: "{EXACT_161[:159]}…"; the quote has "midday" where the article has "noon"',
    ),
    # Found once, but not a passage a reader can pin.
    (
        "arbour board met on Tuesday",
        'the quote starts inside the word "harbour"; quote whole words ("arbour board met on Tuesday" is not)',
    ),
    (  # from the last letter of a word
        "r board met on Tuesday",
        'the quote starts inside the word "harbour"; quote whole words ("r board met on Tuesday" is not)',
    ),
    (  # to the first letter of one
        "approve a new ferry t",
        'the quote ends inside the word "timetable"; quote whole words ("approve a new ferry t" is not)',
    ),
    (  # one letter short of a word's end
        "met on Tuesday to approv",
        'the quote ends inside the word "approve"; quote whole words ("met on Tuesday to approv" is not)',
    ),
    (
        "for the islands. From May, ferries",
        "the quote runs across a paragraph break (from paragraph 1 into 2); give each paragraph its own quote",
    ),
    (
        "on Sundays",
        'the quote "on Sundays" is too short to pin a passage; quote at least 3 words or 12 characters',
    ),
    # Curly quotation marks typed as delimiters, on one side or both.
    (
        "‘a new ferry timetable",
        "the curly quotes became part of the quote (the article has none there); delimit YAML strings with straight ' or \", or leave them out",
    ),
    (
        "a new ferry timetable”",
        "the curly quotes became part of the quote (the article has none there); delimit YAML strings with straight ' or \", or leave them out",
    ),
    (
        "“a new bus timetable",
        'quote not found in the article; closest passage: "a new ferry timetable"; curly quotes around a quote are part of it: delimit YAML strings with straight \' or "',
    ),
    (
        "a new bus timetable”",
        'quote not found in the article; closest passage: "a new ferry timetable"; curly quotes around a quote are part of it: delimit YAML strings with straight \' or "',
    ),
    # Elided quotes.
    (
        "The harbour board met on Monday ... the islands",
        'in an elided quote, part 1: quote not found in the article; closest passage: "The harbour board met on Tuesday"; the quote has "Monday" where the article has "Tuesday"',
    ),
    (  # curly quotes around an elided quote are named too
        "“The harbour board met ... the islands”",
        'in an elided quote, part 1: quote not found in the article; closest passage: "The harbour board met"; the quote adds """ in ""The"; curly quotes around a quote are part of it: delimit YAML strings with straight \' or "',
    ),
    (  # nothing but the mark: looked for as it is
        "...",
        'quote not found in the article; closest passage: "summer."; the quote adds ".." in "..."',
    ),
    (  # every part must be whole words, not only the first
        "The harbour board met ... pprove a new ferry",
        'the quote starts inside the word "approve"; quote whole words ("pprove a new ferry" is not)',
    ),
    (
        "The harbour board met ... approve a new ferry timeta",
        'the quote ends inside the word "timetable"; quote whole words ("approve a new ferry timeta" is not)',
    ),
    (  # the last part starts in the paragraph of the first, but runs out of it
        "The harbour board met ... the islands. From May",
        "the quote runs across a paragraph break (from paragraph 1 into 2); give each paragraph its own quote",
    ),
    (  # three passages match; the first two are named
        "ferries will ... every hour",
        "the elided quote matches more than one passage (twice in ¶2); lengthen its first part until it occurs once",
    ),
    (  # its first part is found at two overlapping places
        "zzzzzz ... met with laughter",
        "the elided quote matches more than one passage (twice in ¶3); lengthen its first part until it occurs once",
    ),
]


@pytest.mark.parametrize(("quote", "message"), REFUSED)
def test_a_refused_quote_is_named_exactly(make_bank: BankFactory, quote: str, message: str) -> None:
    assert problems_of(bank_quoting(make_bank, quote)) == [f"13:9: {message}"]


def test_each_refused_quote_is_named_on_its_own_line(make_bank: BankFactory) -> None:
    path = bank_quoting(make_bank, "a new ferry timetable", "zzzzzz", "ferries will ... every hour")
    assert problems_of(path) == [
        "14:9: quote occurs 2 times in the article (twice in ¶3); lengthen it until it occurs exactly once",
        "15:9: the elided quote matches more than one passage (twice in ¶2); lengthen its first part until it occurs once",
    ]


def anchored(make_bank: BankFactory, quote: str) -> Evidence:
    bank, problems = check_bank(bank_quoting(make_bank, quote), use_cache=False)
    assert problems == [] and bank is not None
    (evidence,) = bank.claims[0].evidence
    return evidence


def test_an_elided_quote_in_three_parts_spans_the_first_to_the_last(
    make_bank: BankFactory,
) -> None:
    quote = "The harbour board met ... approve a new ferry timetable ... the islands"
    first = ARTICLE.split("\n")[0]
    parts = tuple(
        (ARTICLE.index(p), ARTICLE.index(p) + len(p))
        for p in ("The harbour board met", "approve a new ferry timetable", "the islands")
    )
    assert anchored(make_bank, quote) == Evidence(quote, 0, len(first) - 1, first, 0, 1, parts)


def test_an_elided_quote_is_anchored_where_its_parts_follow_each_other(
    make_bank: BankFactory,
) -> None:
    # "pay more" is in ¶4, ¶5 and ¶6; only in ¶5 does "in winter" follow it.
    evidence = anchored(make_bank, "pay more ... in winter")
    start = ARTICLE.index("pay more in winter")
    assert (evidence.start, evidence.end, evidence.paragraph) == (start, start + 18, 5)
    assert evidence.parts == ((start, start + 8), (start + 9, start + 18))
    assert evidence.quote == "pay more ... in winter"


def anchor() -> _Anchor:
    article = Article(
        "ferries",
        "Ferries",
        "2024-05-01",
        ARTICLE,
        "article.txt",
        "0" * 64,
        None,
        tuple(paragraph_spans(ARTICLE)),
    )
    return _Anchor(article)


@pytest.mark.parametrize(
    "quote", ["the board said nothing", "pay more ... in winter", "The board said ... Tourists"]
)
def test_locate_gives_evidence_and_no_reason(quote: str) -> None:
    evidence, why = anchor().locate(quote)
    assert evidence is not None and evidence.quote == quote
    assert why == ""


def test_a_passage_compared_with_a_missing_quote_is_cut_400_characters_past_its_length() -> None:
    # A word as long as a pasted link would otherwise make the passage any length.
    text = "The full report is at https://example.org/report/" + "a1b2" * 150 + " for all.\n"
    article = Article("r", "R", "2024-05-01", text, "r.txt", "0" * 64, None, ((0, len(text) - 1),))
    quote = "The full report is at https://example.com/report"
    assert _Anchor(article).closest(quote) == text[: len(quote) + 399] + "…"


# No line break at the end: the first and last words touch the article's edges.
EDGE = (
    "Ferries leave every hour from May\n\n"
    "A fare rise is due.\n\n"
    "Tickets cost less than cars a day in 2019 and fares rise in June"
)


def edge_bank(make_bank: BankFactory, quote: str) -> Path:
    claims = (
        "  - id: edges\n"
        "    claim: Fares rise.\n"
        "    verdict: supported\n"
        f"    evidence: ['{quote}']\n"
    )
    return make_bank(claims, article=EDGE)


@pytest.mark.parametrize(
    "quote",
    [
        "Ferries leave every",  # the article's first word
        "fares rise in June",  # its last word
        "Tickets cost",  # two words, twelve characters
        "cars a day",  # three words, ten characters
    ],
)
def test_a_quote_at_an_edge_or_just_long_enough_is_anchored(
    make_bank: BankFactory, quote: str
) -> None:
    bank, problems = check_bank(edge_bank(make_bank, quote), use_cache=False)
    assert problems == [] and bank is not None
    (evidence,) = bank.claims[0].evidence
    start = EDGE.index(quote)
    assert (evidence.start, evidence.end) == (start, start + len(quote))


@pytest.mark.parametrize(
    ("quote", "message"),
    [
        (
            "erries leave every",
            'the quote starts inside the word "Ferries"; quote whole words ("erries leave every" is not)',
        ),
        (
            "fares rise in Jun",
            'the quote ends inside the word "June"; quote whole words ("fares rise in Jun" is not)',
        ),
        (  # one letter into the next paragraph
            "every hour from May A",
            "the quote runs across a paragraph break (from paragraph 1 into 2); give each paragraph its own quote",
        ),
        (
            "leave every",
            'the quote "leave every" is too short to pin a passage; quote at least 3 words or 12 characters',
        ),
    ],
)
def test_a_quote_at_an_edge_or_too_short_is_refused(
    make_bank: BankFactory, quote: str, message: str
) -> None:
    assert problems_of(edge_bank(make_bank, quote)) == [f"12:16: {message}"]
