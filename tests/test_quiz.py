"""The quiz engine: selection, seeding, shuffling, grading every answer form."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsquiz.bank import Library, load_library
from newsquiz.errors import AnswerError, UsageError
from newsquiz.quiz import (
    Kind,
    build_session,
    evidence_sentences,
    grade,
    make_question,
    parse_question_id,
    resolve_answer,
    reveal_at_end,
)
from newsquiz.session import ListAnswers, run_session

from .conftest import BankFactory


@pytest.fixture(scope="module")
def shipped() -> Library:
    return load_library()


def test_same_seed_same_session(shipped: Library) -> None:
    a = build_session(shipped.claims, seed=42, count=10)
    b = build_session(shipped.claims, seed=42, count=10)
    assert a == b
    c = build_session(shipped.claims, seed=43, count=10)
    assert [q.id for q in a.questions] != [q.id for q in c.questions]


def test_at_most_one_question_per_claim(shipped: Library) -> None:
    session = build_session(shipped.claims, seed=1)
    claims = [q.claim.id for q in session.questions]
    assert len(claims) == len(set(claims)) == len(shipped.claims)
    assert {q.kind for q in session.questions} == {"tf", "mc"}


def test_a_short_session_picks_claims_whose_evidence_does_not_overlap(shipped: Library) -> None:
    for seed in range(50):
        part = build_session(shipped.claims, seed=seed, count=10)
        seen: set[tuple[str, int]] = set()
        for q in part.questions:
            assert not evidence_sentences(q.claim) & seen, (seed, q.id)
            seen |= evidence_sentences(q.claim)
        assert part.reveal == tuple(range(1, 11)) and part.notes == ()


def test_when_the_pool_forces_overlap_the_group_is_asked_together_and_told(
    make_bank: BankFactory,
) -> None:
    shared = """\
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
    verdict: supported
    evidence: ["reopen the Riverside library on 3 June"]
"""
    claims = load_library([str(make_bank(shared))]).claims
    for seed in range(20):
        session = build_session(claims, seed=seed)
        ids = [q.claim.id for q in session.questions]
        a, b = sorted((ids.index("cost-low"), ids.index("cost-high")))
        assert b == a + 1  # asked one after the other
        assert session.reveal[a] == session.reveal[b] == b + 1  # feedback after both
        assert session.notes == (
            f"questions {a + 1}-{b + 1} share evidence, so the answers to each group "
            "are shown after its last question",
        )
        two = build_session(claims, seed=seed, count=2)  # room for two that do not overlap
        assert "reopen" in [q.claim.id for q in two.questions] and two.notes == ()


def test_flags_that_leave_no_claim_say_so(make_bank: BankFactory) -> None:
    claims = load_library([str(make_bank())]).claims
    with pytest.raises(UsageError, match="no claims match"):
        build_session(claims, seed=3, kind="mc", tags=["numbers"])


def test_count_above_the_pool_is_capped_and_says_so(make_bank: BankFactory) -> None:
    session = build_session(load_library([str(make_bank())]).claims, seed=1, count=9)
    assert len(session.questions) == 3
    assert session.notes == ("--count 9 is more than the 3 matching claims; asking 3",)


def test_reveal_at_end_holds_every_answer_back(shipped: Library) -> None:
    session = reveal_at_end(build_session(shipped.claims, seed=4, count=5))
    assert session.reveal == (5, 5, 5, 5, 5)


def test_kind_and_tag_filters(shipped: Library) -> None:
    mc = build_session(shipped.claims, seed=3, kind="mc")
    assert all(q.kind == "mc" and q.claim.choice for q in mc.questions)
    assert not mc.offers_not_stated  # no true/false question, so no "Not stated"
    tf = build_session(shipped.claims, seed=3, kind="tf", tags=["numbers"])
    assert all(q.kind == "tf" and "numbers" in q.claim.tags for q in tf.questions)
    with pytest.raises(UsageError, match="no claim has the tag 'no-such-tag'"):
        build_session(shipped.claims, seed=3, tags=["no-such-tag"])
    with pytest.raises(UsageError, match="did you mean 'numbers'"):
        build_session(shipped.claims, seed=3, tags=["numbrs"])
    with pytest.raises(UsageError, match="--kind must be one of"):
        build_session(shipped.claims, seed=3, kind="essay")


def test_not_stated_option_is_a_property_of_the_pool(shipped: Library) -> None:
    with_ns = build_session(shipped.claims, seed=9, kind="tf")
    assert with_ns.offers_not_stated
    assert all(len(q.options) == 3 for q in with_ns.questions)
    numbers = [c for c in shipped.claims if c.verdict != "not-stated"]
    without = build_session(numbers, seed=9, kind="tf")
    assert all([o.key for o in q.options] == ["t", "f"] for q in without.questions)


def test_option_letters_depend_only_on_seed_and_question(shipped: Library) -> None:
    session = build_session(shipped.claims, seed=11, kind="mc", count=5)
    for q in session.questions:
        again = make_question(q.claim, "mc", 11, offers_not_stated=False)
        assert again.options == q.options
        choice = q.claim.choice
        assert choice is not None
        assert sorted(o.text for o in q.options) == sorted([choice.answer, *choice.distractors])
    shuffled = {
        make_question(session.questions[0].claim, "mc", s, False).options for s in range(20)
    }
    assert len(shuffled) > 1


@pytest.mark.parametrize(
    ("raw", "key"),
    [
        ("t", "t"),
        ("TRUE", "t"),
        (" true ", "t"),
        ("f", "f"),
        ("False", "f"),
        ("ns", "ns"),
        ("not-stated", "ns"),
        ("Not  Stated", "ns"),
    ],
)
def test_true_false_answer_forms(shipped: Library, raw: str, key: str) -> None:
    claim = shipped.claim("energy-deal-status")
    assert claim is not None
    q = make_question(claim, "tf", 0, offers_not_stated=True)
    assert resolve_answer(q, raw).key == key
    assert grade(q, raw).correct is (key == "ns")


def test_true_false_without_not_stated_refuses_ns(shipped: Library) -> None:
    claim = shipped.claim("trip-length")
    assert claim is not None
    q = make_question(claim, "tf", 0, offers_not_stated=False)
    with pytest.raises(AnswerError, match=r"answer t/true, f/false$"):
        resolve_answer(q, "ns")
    assert grade(q, "f").correct and not grade(q, "t").correct


def test_choice_answer_forms(shipped: Library) -> None:
    claim = shipped.claim("trip-length")
    assert claim is not None
    q = make_question(claim, "mc", 4, offers_not_stated=False)
    right = next(o for o in q.options if o.text == "Two days")
    assert grade(q, right.key).correct
    assert grade(q, right.key.upper()).correct
    assert grade(q, "  two   DAYS ").correct
    wrong = next(o for o in q.options if o.text != "Two days")
    result = grade(q, wrong.text)
    assert not result.correct and result.given == wrong.text
    assert result.to_json()["expected"] == "Two days"
    with pytest.raises(AnswerError, match="not an option"):
        grade(q, "e")
    with pytest.raises(AnswerError, match="names no option"):
        grade(q, "five days")


def test_question_ids() -> None:
    assert parse_question_id("trip-length:mc") == ("trip-length", "mc")
    for bad in ("trip-length", "trip-length:essay", ":tf"):
        with pytest.raises(UsageError):
            parse_question_id(bad)


def test_ask_json_gives_nothing_away(shipped: Library) -> None:
    session = build_session(shipped.claims, seed=2)
    for q in session.questions:
        data = q.to_json()
        assert set(data) == {"id", "kind", "prompt", "options"}
        assert all(set(o) == {"key", "text"} for o in data["options"])


def test_run_session_grades_and_reports(make_bank: BankFactory) -> None:
    library = load_library([str(make_bank())])
    session = build_session(library.claims, seed=0, kind="tf")
    answers = {"reopen-date": "t", "cost": "t", "critics-firm": "ns"}
    seen: list[int] = []
    report = run_session(
        session,
        ListAnswers([answers[q.claim.id] for q in session.questions]),
        lambda r, n: seen.append(n),
    )
    assert seen == [1, 2, 3]
    assert (report.total, report.answered, report.correct, report.score) == (3, 3, 2, 66.7)
    data = report.to_json()
    assert set(data) >= {"seed", "total", "answered", "correct", "score", "results"}
    assert set(data["results"][0]) >= {
        "id",
        "kind",
        "given",
        "correct",
        "expected",
        "verdict",
        "correction",
        "evidence",
    }


def test_a_short_answer_list_ends_the_session_early(make_bank: BankFactory) -> None:
    library = load_library([str(make_bank())])
    session = build_session(library.claims, seed=0, kind="tf")
    report = run_session(session, ListAnswers(["t"]))
    assert (report.answered, report.total) == (1, 3)
    assert report.score == (100.0 / 3 if report.correct else 0.0).__round__(1)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=40))
def test_grading_any_text_is_a_result_or_a_clean_error(raw: str) -> None:
    library = load_library()
    claim = library.claim("oil-share-source")
    assert claim is not None
    kinds: tuple[Kind, ...] = ("tf", "mc")
    for kind in kinds:
        q = make_question(claim, kind, 1, offers_not_stated=True)
        try:
            result = grade(q, raw)
        except AnswerError as exc:
            assert str(exc) and "\n" not in str(exc).strip("\n")
        else:
            assert result.given in {o.text for o in q.options}


def test_a_one_character_option_text_that_is_not_a_letter_is_matched_as_text(
    make_bank: BankFactory,
) -> None:
    claims = """\
  - id: count
    claim: Work began in 2019.
    verdict: supported
    evidence: ["Work began in 2019"]
    choice: {question: "Digit?", answer: "9", distractors: ["1", "2"]}
"""
    library = load_library([str(make_bank(claims))])
    claim = library.claim("count")
    assert claim is not None
    q = make_question(claim, "mc", 0, offers_not_stated=False)
    assert grade(q, "9").correct and not grade(q, "1").correct
    right = next(o.key for o in q.options if o.text == "9")
    assert grade(q, right).correct


def test_a_one_letter_answer_is_a_letter_before_it_is_option_text(make_bank: BankFactory) -> None:
    claims = """\
  - id: grade
    claim: Work began in 2019.
    verdict: supported
    evidence: ["Work began in 2019"]
    choice: {question: "Which band?", answer: "C", distractors: ["A", "B", "D"]}
"""
    library = load_library([str(make_bank(claims))])
    claim = library.claim("grade")
    assert claim is not None
    # A seed whose shuffle puts no option text under its own letter: "b" can only mean one.
    seed = next(
        s
        for s in range(100)
        if all(o.text.lower() != o.key for o in make_question(claim, "mc", s, False).options)
    )
    q = make_question(claim, "mc", seed, offers_not_stated=False)
    for option in q.options:
        assert grade(q, option.key).given == option.text
        assert grade(q, option.key.upper()).given == option.text
    right = next(o for o in q.options if o.text == "C")
    assert grade(q, right.key).correct
    assert not grade(q, "c").correct  # the letter c, not the text "C"
