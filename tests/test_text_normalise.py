"""Normalisation of characters that NFKC turns into a space followed by a mark (a spacing
diaeresis or acute accent): the space is folded like any other, and maps to its character."""

from __future__ import annotations

import pytest

from newsquiz.text import normalise, normalise_quote


@pytest.mark.parametrize(
    ("original", "text", "starts", "ends"),
    [
        ("a \u00a8b", "a \u0308b", (0, 1, 2, 3), (1, 2, 3, 4)),  # after a space: no second one
        ("\u00a8b", "\u0308b", (0, 1), (1, 2)),  # at the start: no leading space
        ("a\u00a8", "a \u0308", (0, 1, 1), (1, 2, 2)),  # both from the one character
        ("a\u00b4 b", "a \u0301 b", (0, 1, 1, 2, 3), (1, 2, 2, 3, 4)),
    ],
)
def test_a_space_made_by_nfkc(
    original: str, text: str, starts: tuple[int, ...], ends: tuple[int, ...]
) -> None:
    n = normalise(original)
    assert (n.text, n.starts, n.ends) == (text, starts, ends)
    assert normalise_quote(original) == text
