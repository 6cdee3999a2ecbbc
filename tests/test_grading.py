"""The engine on a small known bank: exact questions, options, results and messages."""

from __future__ import annotations

import pytest

from newsquiz.bank import Library, load_library
from newsquiz.errors import AnswerError, UsageError
from newsquiz.quiz import (
    build_session,
    check_answer,
    draw_seed,
    grade,
    make_question,
    parse_question_id,
    resolve_answer,
)

from .conftest import BankFactory


@pytest.fixture
def library(make_bank: BankFactory) -> Library:
    return load_library([str(make_bank())])


def test_a_true_false_question_exactly(library: Library) -> None:
    claim = library.claim("cost")
    assert claim is not None
    q = make_question(claim, "tf", 7, offers_not_stated=True)
    assert q.to_json() == {
        "id": "cost:tf",
        "kind": "tf",
        "prompt": "The renovation cost 12 million euros.",
        "options": [
            {"key": "t", "text": "True"},
            {"key": "f", "text": "False"},
            {"key": "ns", "text": "Not stated"},
        ],
    }
    assert (q.answer_key, q.expected) == ("f", "False")
    two = make_question(claim, "tf", 7, offers_not_stated=False)
    assert [o.key for o in two.options] == ["t", "f"]
    for verdict_claim, key in (("reopen-date", "t"), ("critics-firm", "ns")):
        c = library.claim(verdict_claim)
        assert c is not None
        assert make_question(c, "tf", 0, offers_not_stated=True).answer_key == key


def test_a_choice_question_exactly(library: Library) -> None:
    claim = library.claim("reopen-date")
    assert claim is not None
    q = make_question(claim, "mc", 7, offers_not_stated=True)
    assert q.id == "reopen-date:mc" and q.kind == "mc"
    assert q.prompt == "When will the library reopen?"
    assert [o.key for o in q.options] == ["a", "b", "c", "d"]
    assert sorted(o.text for o in q.options) == ["13 June", "3 July", "3 June", "30 June"]
    assert q.expected == "3 June"
    assert next(o.key for o in q.options if o.text == "3 June") == q.answer_key


def test_results_exactly(library: Library) -> None:
    claim = library.claim("cost")
    assert claim is not None
    q = make_question(claim, "tf", 0, offers_not_stated=True)
    result = grade(q, " TRUE ")
    assert (result.given, result.correct) == ("True", False)
    data = result.to_json()
    assert data == {
        "id": "cost:tf",
        "kind": "tf",
        "claim": "cost",
        "given": "True",
        "correct": False,
        "expected": "False",
        "verdict": "refuted",
        "correction": "It cost 2.1 million euros.",
        "evidence": [e.to_json() for e in claim.evidence],
        "confidence": None,
    }
    assert data["evidence"][0]["quote"] == "The renovation cost 2.1 million euros"
    assert result.evidence == claim.evidence
    right = grade(q, "false")
    assert (right.given, right.correct) == ("False", True)


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("maybe", "'maybe' is not an answer to cost:tf; answer t/true, f/false, n/not-stated"),
        ("  maybe  ", "'maybe' is not an answer to cost:tf; answer t/true, f/false, n/not-stated"),
        (
            "x" * 41,
            "'" + "x" * 39 + "…' is not an answer to cost:tf; answer t/true, f/false, n/not-stated",
        ),
        (
            "x" * 40,
            "'" + "x" * 40 + "' is not an answer to cost:tf; answer t/true, f/false, n/not-stated",
        ),
        ("a\x1bb", "'a\\x1bb' is not an answer to cost:tf; answer t/true, f/false, n/not-stated"),
    ],
)
def test_true_false_answer_errors_exactly(library: Library, raw: str, message: str) -> None:
    claim = library.claim("cost")
    assert claim is not None
    q = make_question(claim, "tf", 0, offers_not_stated=True)
    with pytest.raises(AnswerError) as caught:
        resolve_answer(q, raw)
    assert str(caught.value) == message


def test_choice_answer_errors_exactly(library: Library) -> None:
    claim = library.claim("reopen-date")
    assert claim is not None
    q = make_question(claim, "mc", 0, offers_not_stated=False)
    with pytest.raises(AnswerError) as caught:
        resolve_answer(q, "e")
    assert str(caught.value) == (
        "'e' is not an option of reopen-date:mc; answer a letter from a to d or the option's text"
    )
    with pytest.raises(AnswerError) as caught:
        resolve_answer(q, "next week")
    assert str(caught.value) == (
        "'next week' names no option of reopen-date:mc; answer a letter from a to d "
        "or the option's text"
    )
    assert resolve_answer(q, " 3  june ").text == "3 June"
    assert resolve_answer(q, "D").key == "d"


def test_session_errors_exactly(library: Library) -> None:
    claims = library.claims
    cases = [
        ({"kind": "essay"}, "--kind must be one of tf, mc, all, not 'essay'"),
        ({"count": 0}, "--count must be at least 1"),
        (
            {"tags": ["nope"]},
            "no claim has the tag 'nope'; 'newsquiz claims --tags' lists the tags",
        ),
    ]
    for flags, message in cases:
        with pytest.raises(UsageError) as caught:
            build_session(claims, seed=1, **flags)  # type: ignore[arg-type]
        assert str(caught.value) == message
    no_choice = library.claim("cost")
    assert no_choice is not None
    with pytest.raises(UsageError) as caught:
        make_question(no_choice, "mc", 1, offers_not_stated=False)
    assert str(caught.value) == "claim 'cost' has no multiple-choice form; ask cost:tf"
    with pytest.raises(UsageError) as caught:
        parse_question_id("cost:essay")
    assert str(caught.value) == (
        "'cost:essay' is not a question id; ids look like CLAIM:tf or CLAIM:mc (see 'newsquiz ask')"
    )
    with pytest.raises(UsageError) as caught:
        check_answer(library, "nope:tf", "t")
    assert str(caught.value) == (
        f"no claim 'nope' in {library.banks[0].path} (load others with --bank PATH or "
        "NEWSQUIZ_BANK); 'newsquiz ask' lists the question ids"
    )


def test_sessions_select_and_order_exactly(library: Library) -> None:
    every = build_session(library.claims, seed=3)
    assert sorted(q.claim.id for q in every.questions) == ["cost", "critics-firm", "reopen-date"]
    assert every.seed == 3 and every.offers_not_stated
    assert build_session(library.claims, seed=3, count=2).questions == every.questions[:2]
    assert len(build_session(library.claims, seed=3, count=99).questions) == 3
    mc = build_session(library.claims, seed=3, kind="mc")
    assert [q.id for q in mc.questions] == ["reopen-date:mc"] and not mc.offers_not_stated
    tf = build_session(library.claims, seed=3, kind="tf")
    assert sorted(q.id for q in tf.questions) == ["cost:tf", "critics-firm:tf", "reopen-date:tf"]
    assert all(len(q.options) == 3 for q in tf.questions)
    dates = build_session(library.claims, seed=3, tags=["dates"])
    assert [q.claim.id for q in dates.questions] == ["reopen-date"]
    assert not dates.offers_not_stated  # the pool after --tag holds no not-stated claim
    numbers = build_session(library.claims, seed=3, kind="tf", tags=["numbers", "dates"])
    assert len(numbers.questions) == 3
    # Over many seeds both forms of the claim with a choice come up, and orders differ.
    kinds = {build_session(library.claims, seed=s).questions[0].kind for s in range(30)}
    assert kinds == {"tf", "mc"}
    orders = {
        tuple(q.claim.id for q in build_session(library.claims, seed=s).questions)
        for s in range(30)
    }
    assert len(orders) == 6


def test_check_answer_uses_the_seed_for_letters(library: Library) -> None:
    claim = library.claim("reopen-date")
    assert claim is not None
    for seed in range(5):
        q = make_question(claim, "mc", seed, offers_not_stated=True)
        right = q.answer_key
        assert check_answer(library, "reopen-date:mc", right, seed).correct
    assert check_answer(library, "reopen-date:mc", "3 June").correct
    assert check_answer(library, "critics-firm:tf", "ns").correct  # Not stated is offered


def test_drawn_seeds_vary_and_stay_small() -> None:
    seeds = {draw_seed() for _ in range(50)}
    assert len(seeds) > 40 and all(0 <= s < 1_000_000 for s in seeds)


def test_edges_of_flags_and_ids(library: Library) -> None:
    assert len(build_session(library.claims, seed=1, count=1).questions) == 1
    assert parse_question_id("a:b:tf") == ("a:b", "tf")  # the kind is after the last colon
    with pytest.raises(UsageError) as caught:
        check_answer(library, "cost:x:tf", "t")
    assert str(caught.value).startswith("no claim 'cost:x' (did you mean 'cost'?) in ")
    claim = library.claim("cost")
    assert claim is not None
    q = make_question(claim, "tf", 0, offers_not_stated=True)
    with pytest.raises(AnswerError) as caught:
        resolve_answer(q, "a\\b\tc")
    assert str(caught.value).startswith("'a\\b\\tc' is not an answer")  # one backslash shown
