"""How a near-miss quote is explained: the exact words of each difference, or none."""

from __future__ import annotations

import pytest

from newsquiz.text import character_name, is_invisible, quote_differences

P = "The city council voted on Monday to reopen the Riverside library on 3 June."
Q = "reopen the Riverside library on 3 June"


@pytest.mark.parametrize(
    ("quote", "passage", "expected"),
    [
        (
            Q.replace("library", "Library"),
            P,
            ['the quote has "Library" where the article has "library" (a case difference)'],
        ),
        (Q.replace("the ", "the big "), P, ['the quote adds "big" in "the big"']),
        (Q.replace("the ", ""), P, ['the quote leaves out "the" of "reopen the"']),
        (
            "voted on Monday to reopen the Riverside library on 4 June",
            P,
            ['the quote has "4" where the article has "3"'],
        ),
        (
            Q.replace("the ", "the\u200b "),
            P,
            ['the quote has an invisible U+200B ZERO WIDTH SPACE after "the"'],
        ),
        (
            Q,
            P.replace("Riverside", "River\u200bside"),
            ['the article has an invisible U+200B ZERO WIDTH SPACE after "River"'],
        ),
        ("\u200b" + Q, P, ["the quote has an invisible U+200B ZERO WIDTH SPACE at its start"]),
        ("on 3 Jul", P, ['the quote has "Jul" where the article has "Jun"']),
        ("Riverside libary", P, ['the quote leaves out "r" of "library"']),
        (
            "the Riversidd libraryy on 3 June",
            P,
            [
                'the quote has "Riversidd" where the article has "Riverside"',
                'the quote adds "y" in "libraryy"',
            ],
        ),
        ("on 9 July", P, []),  # too different to be a near miss
        ("something else entirely here", P, []),
        ("", P, []),
        ("“" + Q + "”", '"' + Q + '"', []),  # typography is never a difference
        (Q.replace("library ", "library — "), Q.replace("library ", "library -- "), []),
        (Q + ".", P, []),
    ],
)
def test_differences_in_words(quote: str, passage: str, expected: list[str]) -> None:
    assert quote_differences(quote, passage) == expected


def test_at_most_limit_differences_are_named() -> None:
    quote = "The City council voted On Monday to Reopen the riverside library"
    three = [
        'the quote has "City" where the article has "city" (a case difference)',
        'the quote has "On" where the article has "on" (a case difference)',
        'the quote has "Reopen" where the article has "reopen" (a case difference)',
    ]
    assert quote_differences(quote, P) == three
    assert quote_differences(quote, P, limit=2) == three[:2]
    assert quote_differences(quote, P, limit=1) == three[:1]


@pytest.mark.parametrize(
    ("c", "invisible"),
    [
        (" ", False),
        ("a", False),
        ("-", False),
        ("\u200b", True),  # zero width space (Cf)
        ("\u00a0", True),  # no-break space (Zs)
        ("\u2028", True),  # line separator (Zl)
        ("\u2029", True),  # paragraph separator (Zp)
        ("\x07", True),  # a control (Cc)
        ("\ue000", True),  # private use (Co)
        ("\u0378", True),  # unassigned (Cn)
    ],
)
def test_invisible_characters(c: str, invisible: bool) -> None:
    assert is_invisible(c) is invisible


def test_character_names() -> None:
    assert character_name("\u200b") == "U+200B ZERO WIDTH SPACE"
    assert character_name("\ue000") == "U+E000 UNNAMED CHARACTER"
    assert character_name("\U0001f600") == "U+1F600 GRINNING FACE"
