"""Text offsets exactly: every character of the normalised text maps to its original span."""

from __future__ import annotations

import pytest

from newsquiz.text import (
    Layout,
    has_control_characters,
    layout,
    normalise,
    normalise_quote,
    paragraph_spans,
    sentence_spans,
)


@pytest.mark.parametrize("tail", ["", "é"])  # the ASCII fast path, and the general one
def test_white_space_runs_map_to_the_whole_run(tail: str) -> None:
    original = "  ab \t\n c  " + tail
    n = normalise(original)
    assert n.text == "ab c" + (" " + tail if tail else "")
    # "a", "b", the space standing for " \t\n ", "c"
    assert n.starts[:4] == (2, 3, 4, 8)
    assert n.ends[:4] == (3, 4, 8, 9)
    assert n.original_span(0, 4) == (2, 9)
    assert n.original_span(2, 3) == (4, 8)
    if tail:
        assert (n.starts[-1], n.ends[-1]) == (11, 12)


def test_folding_maps_each_character_back() -> None:
    original = "“No”\u00a0— ﬁ"
    n = normalise(original)
    assert n.text == '"No" - fi'
    assert list(zip(n.starts, n.ends, strict=True)) == [
        (0, 1),  # “ -> "
        (1, 2),
        (2, 3),
        (3, 4),  # ” -> "
        (4, 7),  # a long dash with the space around it -> " - ", all three from "\u00a0— "
        (4, 7),
        (4, 7),
        (7, 8),  # ﬁ -> f
        (7, 8),  # ﬁ -> i: both letters come from the one ligature
    ]


def test_an_nfkc_space_does_not_double_a_space() -> None:
    n = normalise("a \u00a0\u2003b\u00a0")
    assert n.text == "a b"
    assert (n.starts, n.ends) == ((0, 1, 4), (1, 4, 5))


def test_leading_space_from_nfkc_is_dropped() -> None:
    n = normalise("\u00a0é")
    assert n.text == "é" and n.starts == (1,)


def test_empty_and_blank_texts() -> None:
    for text in ("", "   ", "\u00a0 \u2003"):
        n = normalise(text)
        assert (n.text, n.starts, n.ends) == ("", (), ())


@pytest.mark.parametrize(
    ("quote", "expected"),
    [
        ("  a   b\tc ", "a b c"),
        ("“x” — y", '"x" - y'),
        ("x—y", "x - y"),
        ("x -- y", "x - y"),
        ("2023–24", "2023-24"),
        ("", ""),
    ],
)
def test_quotes_normalise_like_articles(quote: str, expected: str) -> None:
    assert normalise_quote(quote) == expected == normalise(quote).text


def test_paragraph_spans_exactly() -> None:
    text = "\n  One.\nStill one.  \n \t \nTwo.\r\n\r\nThree."
    spans = paragraph_spans(text)
    assert [text[s:e] for s, e in spans] == ["One.\nStill one.", "Two.", "Three."]
    assert spans[0] == (3, 18)
    assert paragraph_spans("") == [] and paragraph_spans("\n\n \n") == []
    assert paragraph_spans("Only.") == [(0, 5)]


def test_sentence_spans_inside_a_range() -> None:
    text = "Skip this. One here. Two here!  Three?  \n"
    start = text.index("One")
    spans = sentence_spans(text, start, len(text))
    assert [text[s:e] for s, e in spans] == ["One here.", "Two here!", "Three?"]
    assert spans[0][0] == start
    assert sentence_spans(text, 0, 10) == [(0, 10)]
    assert sentence_spans("   ", 0, 3) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Dr. Rao came. He left.", ["Dr. Rao came.", "He left."]),
        ("She met J. Smith. Then left.", ["She met J. Smith.", "Then left."]),
        # Initials with dots are taken as an abbreviation, even at the end of a sentence.
        ("It was made in the U.K. Then sold.", ["It was made in the U.K. Then sold."]),
        ("Ask about No. 5 today.", ["Ask about No. 5 today."]),
        ("Plan a. Plan B.", ["Plan a.", "Plan B."]),
        ("Costs rose (by 5%). Then fell.", ["Costs rose (by 5%).", "Then fell."]),
        ("He said “yes.” Then went.", ["He said “yes.”", "Then went."]),
        ("It rose... Then fell.", ["It rose...", "Then fell."]),
        ("Is it 3 p.m. now? Yes.", ["Is it 3 p.m. now?", "Yes."]),
        ("Prices fell. 2024 was worse.", ["Prices fell.", "2024 was worse."]),
        ("Gen. Rawat spoke. Aides too.", ["Gen. Rawat spoke.", "Aides too."]),
        ("See ( Ok. ) now.", ["See ( Ok. ) now."]),
    ],
)
def test_sentence_boundaries(text: str, expected: list[str]) -> None:
    assert [text[s:e] for s, e in sentence_spans(text)] == expected


def test_layout_numbers_paragraphs_and_finds_sentences() -> None:
    text = "A one. A two.\n\nB one. B two.\n\nC one."
    lay = layout(text)
    assert lay.paragraphs == ((0, 13), (15, 28), (30, 36))
    assert [p for _, _, p in lay.sentences] == [1, 1, 2, 2, 3]
    assert [lay.paragraph_of(i) for i in (0, 12, 13, 15, 29, 30, 35)] == [1, 1, 1, 2, 2, 3, 3]
    b = text.index("B two")
    assert lay.sentence_around(b, b + 5) == (b, b + 6, 2)
    a = text.index("A one")
    assert lay.sentence_around(a + 2, a + 2) == (0, 6, 1)  # an empty span sits in a sentence
    assert lay.sentence_around(a, text.index("A two") + 3) == (0, 13, 1)
    assert lay.sentence_around(a, a + 6) == (0, 6, 1)  # a whole sentence, and no more
    two = text.index("A two")
    assert lay.sentence_around(2, two + 1) == (0, 13, 1)  # one character into the next one
    empty = Layout((), ())
    assert empty.sentence_around(3, 7) == (3, 7, 1)
    assert empty.paragraph_of(5) == 1


def test_control_characters_exactly() -> None:
    assert has_control_characters("") == -1
    assert has_control_characters("tab\tnew\nline\r\n") == -1
    assert has_control_characters("\x00") == 0
    assert has_control_characters("ok\x7f") == 2
    assert has_control_characters("ok \x85") == 3
    assert has_control_characters("end\r") == 3
    assert has_control_characters("é\x0b") == 1
    assert has_control_characters("\x0c") == 0
    assert has_control_characters("\x0e\x1f") == 0
    assert has_control_characters("\xa0 fine") == -1
