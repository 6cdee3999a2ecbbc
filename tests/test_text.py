"""Normalisation with its offset map, paragraphs and sentences."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newsquiz.text import has_control_characters, layout, normalise, paragraph_spans, sentence_spans


def test_normalise_folds_quotes_dashes_and_space_and_maps_back() -> None:
    original = "He said “stronger  ties”\u00a0— in\n2024 ﬁnally."
    n = normalise(original)
    assert n.text == 'He said "stronger ties" - in 2024 finally.'
    i = n.text.index('"stronger')
    start, end = n.original_span(i, i + len('"stronger ties"'))
    assert original[start:end] == "“stronger  ties”"
    j = n.text.index("finally")
    s, e = n.original_span(j, j + len("finally"))
    assert original[s:e] == "ﬁnally"  # one ligature character becomes two letters


def test_normalise_ascii_fast_path_agrees_with_slow_path() -> None:
    text = "  A  b\tc\n\nd  "
    fast = normalise(text)
    slow = normalise(text + "é")  # forces the per-character path
    assert fast.text == "A b c d"
    assert slow.text == "A b c d é"
    assert fast.starts == slow.starts[: len(fast.starts)]


def test_combining_marks_stay_with_their_letter() -> None:
    decomposed = "Cafe\u0301 open"
    n = normalise(decomposed)
    assert n.text == "Café open"
    s, e = n.original_span(0, 4)
    assert decomposed[s:e] == "Cafe\u0301"


@settings(deadline=None)
@given(st.text(max_size=200))
def test_offset_map_is_monotonic_and_in_bounds(text: str) -> None:
    n = normalise(text)
    assert len(n.starts) == len(n.text) == len(n.ends)
    for a, b, e in zip(n.starts, n.starts[1:], n.ends, strict=False):
        assert 0 <= a <= b <= len(text)
        assert a < e <= len(text)


def test_paragraphs_are_blocks_between_blank_lines() -> None:
    text = "One.\nStill one.\n\n  \nTwo.\n\n\nThree.\n"
    spans = paragraph_spans(text)
    assert [text[s:e] for s, e in spans] == ["One.\nStill one.", "Two.", "Three."]


def test_sentences_handle_abbreviations_money_quotes_and_dashes() -> None:
    text = (
        "India bought more from the U.S., Israel and Italy. Trade hit $65 billion in "
        "2023-24. “Ties will grow,” he wrote. Tensions persist — and seep in. Mr. Kwatra "
        "spoke Friday."
    )
    got = [text[s:e] for s, e in sentence_spans(text)]
    assert got == [
        "India bought more from the U.S., Israel and Italy.",
        "Trade hit $65 billion in 2023-24.",
        "“Ties will grow,” he wrote.",
        "Tensions persist — and seep in.",
        "Mr. Kwatra spoke Friday.",
    ]


def test_sentence_ending_in_a_closing_quote() -> None:
    text = "He said he was “looking forward.” Then he left."
    assert [text[s:e] for s, e in sentence_spans(text)] == [
        "He said he was “looking forward.”",
        "Then he left.",
    ]


def test_layout_finds_the_sentence_and_paragraph_of_a_span() -> None:
    text = "First one. Second one.\n\nThird here. Fourth."
    lay = layout(text)
    i = text.index("Fourth")
    assert lay.sentence_around(i, i + 6) == (text.index("Fourth"), len(text), 2)
    j = text.index("one. Second")
    s, e, p = lay.sentence_around(j, j + len("one. Second"))  # a quote across two sentences
    assert text[s:e] == "First one. Second one." and p == 1


def test_control_characters() -> None:
    assert has_control_characters("fine\ttext\r\nok") == -1
    assert has_control_characters("bad \x1b[31m") == 4
    assert has_control_characters("lone \r return") == 5
    assert has_control_characters("c1 \x9b") == 3


@settings(deadline=None)
@given(st.text(max_size=80))
def test_quote_fast_path_matches_the_full_normalisation(text: str) -> None:
    from newsquiz.text import normalise_quote

    assert normalise_quote(text) == normalise(text).text


def test_a_time_ends_a_sentence_unless_a_day_or_zone_follows() -> None:
    text = (
        "Results came shortly after 10 p.m. Turnout was 61 percent. "
        "Polls closed at 8 p.m. Tuesday in most towns. Counting began at 9 p.m. EDT as planned."
    )
    assert [text[s:e] for s, e in sentence_spans(text)] == [
        "Results came shortly after 10 p.m.",
        "Turnout was 61 percent.",
        "Polls closed at 8 p.m. Tuesday in most towns.",
        "Counting began at 9 p.m. EDT as planned.",
    ]
