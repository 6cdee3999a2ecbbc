"""Near-miss quotes, exactly: long passages, the alignment window, the closeness limit, and the
place an invisible character is reported at; long dashes at either end of a typed quote."""

from __future__ import annotations

import pytest

from newsquiz.text import normalise, normalise_quote, quote_differences

P = "The city council voted on Monday to reopen the Riverside library on 3 June."

# A paragraph long enough (over 200 characters) that difflib's automatic junk heuristic would
# treat its common letters and the space as junk, were it left on.
LONG = (
    "The city council voted on Monday to reopen the Riverside library on 3 June, after a "
    "two-year closure for repairs to the roof. The library will open six days a week, and "
    "the council said the reading room on the first floor would stay closed until the autumn."
)


def test_the_long_passage_is_long_enough_for_the_junk_heuristic() -> None:
    assert len(LONG) >= 200


@pytest.mark.parametrize(
    ("quote", "expected"),
    [
        # A short quote in a long passage: every letter of it is common in the passage.
        (
            "the reading room on the first flor would stay closed",
            ['the quote leaves out "o" of "floor"'],
        ),
        # A quote as long as the paragraph, one letter short.
        (LONG.replace("reading room", "reading roo"), ['the quote leaves out "m" of "room"']),
        (LONG.replace("a week", "week"), ['the quote leaves out "a" of "a week,"']),
    ],
)
def test_a_near_miss_in_a_long_passage_is_named(quote: str, expected: list[str]) -> None:
    assert quote_differences(quote, LONG) == expected


@pytest.mark.parametrize(
    ("quote", "passage", "expected"),
    [
        # The quote's first or last letter differs: the window still starts and ends where
        # the quoted stretch of the article does.
        (
            "Reopen the Riverside library",
            P,
            ['the quote has "Reopen" where the article has "reopen" (a case difference)'],
        ),
        (
            "Council voted on Monday",
            P,
            ['the quote has "Council" where the article has "council" (a case difference)'],
        ),
        (
            "reopen the Riverside Library",
            P,
            ['the quote has "Library" where the article has "library" (a case difference)'],
        ),
        (
            "to reopen the Riverside librari",
            P,
            ['the quote has "librari" where the article has "library"'],
        ),
        # Nothing in common at all: not a near miss.
        ("2024", P, []),
        ("Москва", P, []),
    ],
)
def test_the_quote_is_lined_up_with_the_stretch_it_copies(
    quote: str, passage: str, expected: list[str]
) -> None:
    assert quote_differences(quote, passage) == expected


@pytest.mark.parametrize(
    ("quote", "expected"),
    [
        # Up to three changed characters in a short quote are a near miss; four are not.
        ("voted on Friday", ['the quote has "Friday" where the article has "Monday"']),
        (
            "on 30 July",
            ['the quote adds "0" in "30"', 'the quote has "July" where the article has "June"'],
        ),
        ("voted in Friday", []),
        ("vote on Friday", []),
        ("to close the", []),
        # A longer quote may differ in a quarter of its characters (here 9 of 39), no more.
        (
            "voted on Tuesday to reopen the Eastside",
            [
                'the quote has "Tuesday" where the article has "Monday"',
                'the quote has "Eastside" where the article has "Riverside"',
            ],
        ),
        (
            "library on 4 May",
            [
                'the quote has "4" where the article has "3"',
                'the quote has "May" where the article has "Jun"',
            ],
        ),
        ("council voted on Wednesday to reopen the library", []),
    ],
)
def test_how_different_a_near_miss_may_be(quote: str, expected: list[str]) -> None:
    assert quote_differences(quote, P) == expected


@pytest.mark.parametrize(
    ("quote", "passage", "expected"),
    [
        # The word before an invisible character is taken from the side that has it, which
        # matters when that word is itself misspelt.
        (
            "to reopen the Riversde\u200b library",
            P,
            [
                'the quote leaves out "i" of "Riverside"',
                'the quote has an invisible U+200B ZERO WIDTH SPACE after "Riversde"',
            ],
        ),
        (
            "to reopen the Riversde library",
            P.replace("Riverside ", "Riverside\u200b "),
            [
                'the quote leaves out "i" of "Riverside\u200b"',
                'the article has an invisible U+200B ZERO WIDTH SPACE after "Riverside"',
            ],
        ),
        (
            "to reopen teh\u200b Riverside library",
            P,
            [
                'the quote leaves out "h" of "the"',
                'the quote has an invisible U+200B ZERO WIDTH SPACE after "te"',
            ],
        ),
        # Right after a space there is no word to name: the last twelve characters are shown.
        (
            "to reopen the \u200bRiverside library",
            P,
            ['the quote has an invisible U+200B ZERO WIDTH SPACE after " reopen the "'],
        ),
        (
            "voted on Monday to reopen the Riverside library",
            P.replace("the Riverside", "the \u200bRiverside"),
            ['the article has an invisible U+200B ZERO WIDTH SPACE after " reopen the "'],
        ),
        (
            "on \u200b3 June",
            P,
            ['the quote has an invisible U+200B ZERO WIDTH SPACE after "on "'],
        ),
    ],
)
def test_where_an_invisible_character_is(quote: str, passage: str, expected: list[str]) -> None:
    assert quote_differences(quote, passage) == expected


@pytest.mark.parametrize(
    ("quote", "expected"),
    [
        ("-- and then", "- and then"),
        ("so far --", "so far -"),
        ("--", "-"),
        ("  --  and then  --  ", "- and then -"),
        ("a -- b --", "a - b -"),
        ("---x", "- x"),
        ("x---", "x -"),
    ],
)
def test_a_typed_long_dash_at_either_end_has_no_space_outside_it(quote: str, expected: str) -> None:
    assert normalise_quote(quote) == expected == normalise(quote).text


@pytest.mark.parametrize(
    ("quote", "passage", "expected"),
    [
        # The quote's first word also starts an earlier stretch of the passage: the difference
        # is still found where the quote was copied from.
        (
            "the \u200breading room on the first floor",
            LONG,
            ['the quote has an invisible U+200B ZERO WIDTH SPACE after "the "'],
        ),
        (
            "on 13 July",
            P,
            ['the quote adds "1" in "13"', 'the quote has "July" where the article has "June"'],
        ),
        (
            "on Munday to reopin",
            P,
            [
                'the quote has "Munday" where the article has "Monday"',
                'the quote has "reopin" where the article has "reopen"',
            ],
        ),
        ("Sunday to reopen", P, ['the quote has "Sunday" where the article has "Monday"']),
    ],
)
def test_a_short_match_elsewhere_does_not_stretch_the_window(
    quote: str, passage: str, expected: list[str]
) -> None:
    assert quote_differences(quote, passage) == expected


@pytest.mark.parametrize(
    ("quote", "expected"),
    [
        # Two changes in one word are one difference.
        ("the Westside library", ['the quote has "Westside" where the article has "Riverside"']),
        ("voted on Friday.", ['the quote has "Friday." where the article has "Monday"']),
        ("Mondayto reopen", ['the quote leaves out " " of "Monday to"']),
    ],
)
def test_each_difference_is_named_once(quote: str, expected: list[str]) -> None:
    assert quote_differences(quote, P) == expected


def test_the_limit_counts_differences_not_changes() -> None:
    quote = "the Westside libary on 4 June"
    both = [
        'the quote has "Westside" where the article has "Riverside"',
        'the quote leaves out "r" of "library"',
    ]
    assert quote_differences(quote, P, limit=2) == both
    assert quote_differences(quote, P, limit=1) == both[:1]


def test_a_long_quote_with_its_first_word_misspelt() -> None:
    quote = LONG[LONG.index("two-year") :].replace("two", "tw", 1)
    assert len(quote) > 160  # matched against a stretch of the article over 200 long
    assert quote_differences(quote, LONG) == ['the quote leaves out "o" of "two-year"']


@pytest.mark.parametrize(
    ("quote", "passage", "expected"),
    [
        # Every letter of the quote is common in the passage.
        ("would stay clsed until the", LONG, ['the quote leaves out "o" of "closed"']),
        ("the River side library", P, ['the quote adds " " in "River side"']),
        ("the Riverside  grand library", P, ['the quote adds "grand" in "grand library"']),
    ],
)
def test_what_the_quote_adds_or_leaves_out(quote: str, passage: str, expected: list[str]) -> None:
    assert quote_differences(quote, passage) == expected
