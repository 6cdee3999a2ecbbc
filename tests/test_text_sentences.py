"""Sentence splitting, word by word: every abbreviation a period does not end a sentence after,
and every word that keeps "a.m." or "p.m." inside its sentence."""

from __future__ import annotations

import pytest

from newsquiz.text import sentence_spans

ABBREVIATIONS = """mr mrs ms dr prof st jr sr gen sen rep gov lt col maj capt sgt adm cmdr fr rev
hon no nos vs etc inc co corp ltd jan feb mar apr jun jul aug sep sept oct nov dec approx est dept
univ mt ft""".split()

TIME_FOLLOWERS = """monday tuesday wednesday thursday friday saturday sunday today tomorrow
yesterday local et est edt ct cst cdt mt mst mdt pt pst pdt gmt utc bst cet cest ist msk eastern
central mountain pacific""".split()


def sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in sentence_spans(text)]


@pytest.mark.parametrize("word", ABBREVIATIONS)
def test_a_period_after_an_abbreviation_does_not_end_the_sentence(word: str) -> None:
    text = f"They named {word.capitalize()}. Smith in the report. It was filed."
    assert sentences(text) == [
        f"They named {word.capitalize()}. Smith in the report.",
        "It was filed.",
    ]


@pytest.mark.parametrize("word", ["mrx", "fts", "m", "pacific", "monday"])
def test_a_period_after_another_word_ends_the_sentence(word: str) -> None:
    text = f"They named {word}. Smith was next."
    assert sentences(text) == [f"They named {word}.", "Smith was next."]


@pytest.mark.parametrize("word", TIME_FOLLOWERS)
@pytest.mark.parametrize("time", ["a.m.", "p.m."])
def test_a_time_before_a_day_or_zone_stays_in_its_sentence(time: str, word: str) -> None:
    shown = word.upper() if len(word) <= 4 and word not in ("today",) else word.capitalize()
    text = f"Polls closed at 8 {time} {shown} in most towns. Counting began."
    assert sentences(text) == [
        f"Polls closed at 8 {time} {shown} in most towns.",
        "Counting began.",
    ]


@pytest.mark.parametrize("time", ["a.m.", "p.m.", "A.M.", "P.M."])
def test_a_time_before_another_word_ends_its_sentence(time: str) -> None:
    text = f"Polls closed at 8 {time} Turnout was high."
    assert sentences(text) == [f"Polls closed at 8 {time}", "Turnout was high."]


@pytest.mark.parametrize("letter", list("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
def test_a_single_capital_before_a_period_is_an_initial(letter: str) -> None:
    text = f"She met {letter}. Smith at noon. It rained."
    assert sentences(text) == [f"She met {letter}. Smith at noon.", "It rained."]


@pytest.mark.parametrize("opening", ["(", "[", '"', "'", "“", "‘", "(“"])
def test_an_abbreviation_after_an_opening_bracket_or_quote(opening: str) -> None:
    text = f"They cited {opening}Gen. Smith and others. It was filed."
    assert sentences(text) == [f"They cited {opening}Gen. Smith and others.", "It was filed."]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Lower-case dotted abbreviations do not end a sentence.
        (
            "Some towns, e.g. Springfield, voted. Others did not.",
            ["Some towns, e.g. Springfield, voted.", "Others did not."],
        ),
        ("It was, i.e. Monday, late. Then.", ["It was, i.e. Monday, late.", "Then."]),
        # A period or an ellipsis after a space has no word before it: it ends the sentence.
        ("He waited ... Then he left.", ["He waited ...", "Then he left."]),
        ("It was over . Then it rained.", ["It was over .", "Then it rained."]),
    ],
)
def test_dotted_abbreviations_and_lone_periods(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected
