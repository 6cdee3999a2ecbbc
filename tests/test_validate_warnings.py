"""The warnings a valid claim may still get, each word for word: template text left in, an id that
gives the answer away, and a choice whose answer stands out by its form alone."""

from __future__ import annotations

import pytest

from newsquiz.model import Choice, Claim, Evidence
from newsquiz.validate import claim_warnings


def a_claim(
    cid: str = "reopening",
    claim: str = "The library will reopen in June.",
    *,
    verdict: str = "supported",
    sentence: str = "The city council voted to reopen the library on 3 June.",
    correction: str | None = None,
    explanation: str | None = None,
    tags: tuple[str, ...] = (),
    choice: Choice | None = None,
) -> Claim:
    evidence = (Evidence("reopen the library", 0, 1, sentence, 0, 1),)
    change = "other" if verdict == "refuted" else None
    return Claim(
        cid, "library", claim, verdict, evidence, correction, change, explanation, tags, choice
    )


def template(fields: str) -> str:
    return (
        f"claim 'reopening' still holds the template's TODO text (in {fields}); "
        "rewrite it or delete the claim"
    )


def gives_away(cid: str, word: str) -> str:
    return (
        f"claim id '{cid}' holds '{word}', a value the claim turns on; name ids after the topic, "
        "so that an id shown in scripts and history gives nothing away"
    )


def odd(cid: str, how: str) -> str:
    return (
        f"in the choice of '{cid}', the answer is the only option {how}; give the distractors "
        "the same form"
    )


PLAIN = Choice("When?", "In June", ("In July", "In May"))


@pytest.mark.parametrize(
    ("claim", "expected"),
    [
        (a_claim(), []),
        (a_claim(claim="TODO: say what is claimed"), [template("claim")]),
        (a_claim(correction="TODO"), [template("correction")]),
        (a_claim(explanation="Why: TODO."), [template("explanation")]),
        (a_claim(tags=("dates", "todo")), [template("tags")]),
        (a_claim(choice=Choice("TODO?", "In June", ("In July", "In May"))), [template("choice")]),
        (a_claim(choice=Choice("When?", "In June", ("In July", "TODO"))), [template("choice")]),
        (
            a_claim(
                "todo-x",
                "TODO",
                correction="TODO",
                explanation="TODO",
                tags=("todo",),
                choice=Choice("Q?", "TODO", ("a", "b")),
            ),
            [
                "claim 'todo-x' still holds the template's TODO text (in id, claim, correction, "
                "explanation, tags, choice); rewrite it or delete the claim"
            ],
        ),
        # The id and tags count whole words only; other fields any TODO, in capitals.
        (a_claim("mastodon-visit", tags=("mastodon",)), []),
        (a_claim(claim="A todo list for the library."), []),
        # Template text left in hides the other warnings until it is rewritten.
        (
            a_claim(claim="TODO", choice=Choice("How many?", "40", ("Forty", "Many"))),
            [template("claim")],
        ),
    ],
)
def test_template_text_left_in(claim: Claim, expected: list[str]) -> None:
    assert claim_warnings(claim) == expected


@pytest.mark.parametrize(
    ("claim", "expected"),
    [
        # A negation in the id that the claim does not make.
        (
            a_claim("skipped-summit", "Modi attended the summit."),
            [gives_away("skipped-summit", "skipped")],
        ),
        (a_claim("skipped-summit", "Modi skipped the summit."), []),
        (a_claim("declined", "The mayor took the offer."), [gives_away("declined", "declined")]),
        (  # beside a choice, whose answer words are added to the negation
            a_claim(
                "skipped-summit",
                "Modi attended the summit.",
                choice=Choice("Did he?", "He went", ("He stayed away", "He sent a deputy")),
            ),
            [gives_away("skipped-summit", "skipped")],
        ),
        (a_claim("not-attended", "Nothing was attended."), []),  # "nothing" starts with "not"
        # A word of the choice's answer that no distractor has.
        (
            a_claim("reopen-june", choice=Choice("When?", "June", ("July", "May"))),
            [gives_away("reopen-june", "june")],
        ),
        (a_claim("reopen-june", choice=Choice("When?", "3 June", ("3 July", "13 June"))), []),
        (a_claim("the-vote", choice=Choice("Who?", "the council", ("the mayor", "a judge"))), []),
        (a_claim("the-vote", choice=Choice("Who?", "the council", ("mayor", "judge"))), []),
        (
            a_claim("council-vote", choice=Choice("Who?", "the council", ("the mayor", "a judge"))),
            [gives_away("council-vote", "council")],
        ),
        # In a refuted claim: a value of the article's version that the claim changed.
        (
            a_claim(
                "opened-1931",
                "The bridge opened in 1913.",
                verdict="refuted",
                correction="It opened in 1931.",
            ),
            [gives_away("opened-1931", "1931")],
        ),
        (
            a_claim("met-monday", "They met on Tuesday.", verdict="refuted", correction="x"),
            [],
        ),
        (
            a_claim(
                "met-monday",
                "They met on Tuesday.",
                verdict="refuted",
                correction="They met on the monday before.",
            ),
            [gives_away("met-monday", "monday")],
        ),
        (
            a_claim(
                "twelve-seats",
                "The council has ten seats.",
                verdict="refuted",
                correction="It has twelve.",
            ),
            [gives_away("twelve-seats", "twelve")],
        ),
        (
            a_claim(
                "ruiz-view",
                "The mayor backed the plan.",
                verdict="refuted",
                sentence="Ana Ruiz opposed the plan.",
                correction="She opposed it.",
            ),
            [gives_away("ruiz-view", "ruiz")],
        ),
        (
            a_claim(
                "never-met",
                "They met.",
                verdict="refuted",
                correction="They never met.",
            ),
            [gives_away("never-met", "never")],
        ),
        (  # a value the claim itself holds gives nothing away
            a_claim(
                "opened-1931",
                "The bridge opened in 1931 and closed in 1990.",
                verdict="refuted",
                correction="It opened in 1931 and is still open.",
            ),
            [],
        ),
        (  # a plain word of the correction is no value
            a_claim("bridge-open", "The bridge shut.", verdict="refuted", correction="It is open."),
            [],
        ),
        (  # only refuted claims are read this way
            a_claim("reopen-3", sentence="It reopens on 3 June."),
            [],
        ),
        (  # the first such word of the id is named
            a_claim(
                "1931-ruiz",
                "The mayor opened it in 1913.",
                verdict="refuted",
                correction="Ruiz opened it in 1931.",
            ),
            [gives_away("1931-ruiz", "1931")],
        ),
    ],
)
def test_an_id_that_gives_the_answer_away(claim: Claim, expected: list[str]) -> None:
    assert claim_warnings(claim) == expected


@pytest.mark.parametrize(
    ("answer", "distractors", "how"),
    [
        ("40%", ("30", "20"), "with a % sign"),
        ("40 Percent", ("30", "20"), "with a % sign"),
        ("40", ("30%", "20 percent"), "without a % sign"),
        ("40%", ("30%", "20"), ""),
        ("$5", ("5", "6"), "with a currency sign"),
        ("5", ("€5", "£6", "¥7"), "without a currency sign"),
        ("₹5", ("5", "€6"), ""),
        ("3 June", ("June", "July"), "with digits"),
        ("June", ("3 June", "4 July"), "without digits"),
        ("June", ("3 June", "July"), ""),
        # Much longer: at least twice the longest distractor and 12 characters more.
        ("Cracks in two of its piers", ("Rust", "Loose bolts"), "much longer than the others"),
        ("Cracks in piers!", ("Rust", "Bolts"), ""),  # 11 more
        ("Cracks in piers!!", ("Rust", "Bolts"), "much longer than the others"),  # 12 more
        ("Cracks found in two of the old stone pier", ("Rust on the main span", "Bolts"), ""),
        (
            "Cracks found in two of the old stone piers",  # twice as long as the longest
            ("Rust on the main span", "Bolts"),
            "much longer than the others",
        ),
    ],
)
def test_an_answer_that_stands_out_by_its_form(
    answer: str, distractors: tuple[str, ...], how: str
) -> None:
    claim = a_claim("topic", choice=Choice("Q?", answer, distractors))
    assert claim_warnings(claim) == ([odd("topic", how)] if how else [])


def test_an_id_and_a_choice_are_both_named() -> None:
    claim = a_claim("reopen-june", choice=Choice("When?", "June 3", ("July", "May")))
    assert claim_warnings(claim) == [
        gives_away("reopen-june", "june"),
        odd("reopen-june", "with digits"),
    ]
