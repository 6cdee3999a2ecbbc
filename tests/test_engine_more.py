"""The engine's smaller contracts, exactly: headings, typed keys, when feedback comes, the fact
form of a claim and grading it with `check`."""

from __future__ import annotations

from dataclasses import replace

import pytest

from newsquiz.bank import Library, load_library
from newsquiz.errors import UsageError
from newsquiz.model import Claim
from newsquiz.quiz import (
    Result,
    Session,
    build_session,
    check_answer,
    fact_question,
    heading,
    make_question,
    reveal_at_end,
    shown_key,
)

from .conftest import CLAIMS, BankFactory

# The small bank of conftest, with an explanation on the refuted claim, and a second refuted
# claim that has a choice question.
EXPLAINED = CLAIMS.replace(
    "    change: number\n",
    "    change: number\n    explanation: The mayor gave the figure.\n",
    1,
) + (
    """\
  - id: began
    claim: Work began in 2021.
    verdict: refuted
    evidence: ["Work began in 2019"]
    correction: Work began in 2019.
    change: number
    choice:
      question: When did work begin?
      answer: "2019"
      distractors: ["2018", "2020", "2021"]
"""
)

# Two claims whose evidence is one sentence, and a third on its own.
SHARED = """\
  - id: cost-low
    claim: The renovation cost 2.1 million euros.
    verdict: supported
    evidence: ["The renovation cost 2.1 million euros"]
  - id: cost-high
    claim: The renovation cost 12 million euros.
    verdict: refuted
    evidence: ["renovation cost 2.1 million"]
    correction: It cost 2.1 million euros.
    change: number
  - id: reopen
    claim: The library will reopen in June.
    verdict: not-stated
    evidence: ["reopen the Riverside library on 3 June"]
"""


@pytest.fixture
def library(make_bank: BankFactory) -> Library:
    return load_library([str(make_bank(EXPLAINED))])


def _claim(library: Library, claim_id: str) -> Claim:
    claim = library.claim(claim_id)
    assert claim is not None
    return claim


# --- heading and shown_key: what the learner reads and types ---


def test_the_heading_of_each_kind_of_question(library: Library) -> None:
    tf = make_question(_claim(library, "cost"), "tf", 0, offers_not_stated=True)
    mc = make_question(_claim(library, "reopen-date"), "mc", 0, offers_not_stated=True)
    assert heading(tf, 1, 3) == (
        "Question 1 of 3 · True or false? The renovation cost 12 million euros."
    )
    assert heading(mc, 2, 3) == "Question 2 of 3 · Choose one: When will the library reopen?"


@pytest.mark.parametrize(
    ("claim_id", "kind", "offers_not_stated", "keys"),
    [
        ("cost", "tf", True, ["t", "f", "n"]),
        ("cost", "tf", False, ["t", "f"]),
        ("reopen-date", "mc", True, ["a", "b", "c", "d"]),
        ("began", "mc", False, ["a", "b", "c", "d"]),
    ],
)
def test_the_key_shown_for_each_option(
    library: Library, claim_id: str, kind: str, offers_not_stated: bool, keys: list[str]
) -> None:
    q = make_question(_claim(library, claim_id), kind, 5, offers_not_stated)  # type: ignore[arg-type]
    assert [shown_key(q, o.key) for o in q.options] == keys


# --- when the feedback on each question comes ---


def test_a_session_built_without_an_arrangement_reveals_each_answer_at_once(
    library: Library,
) -> None:
    questions = build_session(library.claims, seed=2, kind="tf").questions
    plain = Session(2, questions, offers_not_stated=True)
    assert [plain.reveal_after(i) for i in range(3)] == [1, 2, 3]
    arranged = Session(2, questions, True, reveal=(3, 3, 3))
    assert [arranged.reveal_after(i) for i in range(3)] == [3, 3, 3]


def test_reveal_at_end_keeps_other_notes_and_drops_the_grouping_one(
    make_bank: BankFactory,
) -> None:
    claims = load_library([str(make_bank(SHARED))]).claims
    session = build_session(claims, seed=0, count=5)
    assert session.offers_not_stated
    grouped = [n for n in session.notes if n.startswith("questions ")]
    assert len(grouped) == 1  # the two cost claims share a sentence
    capped = "--count 5 is more than the 3 matching claims; asking 3"
    assert session.notes == (capped, grouped[0])
    at_end = reveal_at_end(session)
    assert at_end == Session(0, session.questions, True, (3, 3, 3), (capped,))
    assert at_end.offers_not_stated is True


def test_reveal_at_end_without_notes_and_without_not_stated(library: Library) -> None:
    session = build_session(library.claims, seed=1, kind="mc")
    assert not session.offers_not_stated and session.notes == ()
    at_end = reveal_at_end(session)
    assert at_end == Session(1, session.questions, False, (2, 2), ())
    assert at_end.offers_not_stated is False


# --- the fact form of a claim ---


def test_the_fact_form_of_a_refuted_claim_is_a_true_false_on_its_correction(
    library: Library,
) -> None:
    cost = _claim(library, "cost")
    assert cost.explanation == "The mayor gave the figure."
    for offers_not_stated, keys in ((True, ["t", "f", "ns"]), (False, ["t", "f"])):
        q = fact_question(cost, 3, offers_not_stated)
        assert (q.id, q.kind, q.prompt) == ("cost:fact", "tf", "It cost 2.1 million euros.")
        assert [o.key for o in q.options] == keys
        assert (q.answer_key, q.expected) == ("t", "True")
        # Built as a supported claim: its feedback never shows the false wording.
        assert q.claim == replace(
            cost,
            claim="It cost 2.1 million euros.",
            verdict="supported",
            correction=None,
            change=None,
            explanation=None,
        )


def test_the_fact_form_of_a_claim_with_a_choice_is_its_choice_question(
    library: Library,
) -> None:
    began = _claim(library, "began")
    forms = set()
    for seed in range(6):
        for offers_not_stated in (True, False):
            q = fact_question(began, seed, offers_not_stated)
            assert q == make_question(began, "mc", seed, offers_not_stated)
            forms.add(tuple(o.text for o in q.options))
    assert len(forms) > 1  # the options follow the seed


def test_the_fact_form_of_a_claim_that_is_not_refuted_is_its_own_question(
    library: Library,
) -> None:
    critics = _claim(library, "critics-firm")  # not stated, no choice: its true/false
    for offers_not_stated in (True, False):
        q = fact_question(critics, 4, offers_not_stated)
        assert q == make_question(critics, "tf", 4, offers_not_stated)
    reopen = _claim(library, "reopen-date")  # supported, with a choice: its choice question
    assert fact_question(reopen, 4, True) == make_question(reopen, "mc", 4, True)


def test_a_refuted_claim_without_a_correction_keeps_its_own_wording(library: Library) -> None:
    # A bank refuses such a claim, but a Claim built by a caller may lack the correction.
    cost = replace(_claim(library, "cost"), correction=None)
    q = fact_question(cost, 0, True)
    assert q == make_question(cost, "tf", 0, True)
    assert q.id == "cost:tf" and q.prompt == "The renovation cost 12 million euros."
    # And a correction on a claim that is not refuted is no reason for a fact form.
    odd = replace(_claim(library, "critics-firm"), correction="Something else.")
    assert fact_question(odd, 0, True) == make_question(odd, "tf", 0, True)


# --- check on a fact question ---


@pytest.mark.parametrize(
    ("answer", "given", "correct", "confidence"),
    [
        ("t", "True", True, None),
        ("true!", "True", True, "sure"),
        ("f", "False", False, None),
        ("ns", "Not stated", False, None),
        ("n??", "Not stated", False, "guessed"),
    ],
)
def test_check_grades_a_fact_question(
    library: Library, answer: str, given: str, correct: bool, confidence: str | None
) -> None:
    result = check_answer(library, "cost:fact", answer)
    assert result == Result(
        fact_question(_claim(library, "cost"), 0, True), given, correct, confidence
    )
    assert result.to_json()["correction"] is None
    assert result.to_json()["verdict"] == "supported"


@pytest.mark.parametrize(
    ("qid", "message"),
    [
        ("began:fact", "'began:fact' is not a question; ask began:mc"),
        ("reopen-date:fact", "'reopen-date:fact' is not a question; ask reopen-date:mc"),
        ("critics-firm:fact", "'critics-firm:fact' is not a question; ask critics-firm:tf"),
    ],
)
def test_check_refuses_a_fact_id_of_a_claim_without_that_form(
    library: Library, qid: str, message: str
) -> None:
    with pytest.raises(UsageError) as caught:
        check_answer(library, qid, "t", seed=3)
    assert str(caught.value) == message


def test_check_names_an_unknown_claim_of_a_fact_id(library: Library) -> None:
    with pytest.raises(UsageError) as caught:
        check_answer(library, "nope:fact", "t")
    assert str(caught.value) == (
        f"no claim 'nope' in {library.banks[0].path} (load others with --bank PATH or "
        "NEWSQUIZ_BANK); 'newsquiz ask' lists ids"
    )


# --- build_session: the exact words and forms ---


def test_flags_that_leave_no_claim_say_so_exactly(library: Library) -> None:
    with pytest.raises(UsageError) as caught:
        build_session(library.claims, seed=3, kind="mc", tags=["numbers"])
    assert str(caught.value) == (
        "no claims match these flags; try fewer --tag or another --kind "
        "('newsquiz claims --tags' lists the tags)"
    )


def test_a_count_of_exactly_the_pool_asks_every_claim_without_a_note(library: Library) -> None:
    session = build_session(library.claims, seed=3, count=4)
    assert len(session.questions) == 4 and session.notes == ()
    one_more = build_session(library.claims, seed=3, count=5)
    assert one_more.questions == session.questions
    assert one_more.notes == ("--count 5 is more than the 4 matching claims; asking 4",)


def test_a_mixed_session_asks_each_claim_in_a_form_it_has(library: Library) -> None:
    forms: set[str] = set()
    for seed in range(12):
        for q in build_session(library.claims, seed=seed).questions:
            assert q.id == f"{q.claim.id}:{q.kind}"
            assert q == make_question(q.claim, q.kind, seed, offers_not_stated=True)
            forms.add(q.id)
    assert forms == {
        "reopen-date:tf",
        "reopen-date:mc",
        "began:tf",
        "began:mc",
        "cost:tf",
        "critics-firm:tf",
    }
