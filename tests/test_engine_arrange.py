"""Keeping feedback from giving answers away, exactly: which claims are picked apart, how
questions that share evidence are grouped, and the note that tells the learner."""

from __future__ import annotations

import pytest

from newsquiz.model import Claim, Evidence
from newsquiz.quiz import (
    Question,
    Session,
    arrange,
    arrange_session,
    evidence_sentences,
    grouped_note,
    make_question,
    pick_apart,
)


def claim(cid: str, *sentences: int, article: str = "art") -> Claim:
    """A supported claim whose evidence lies in the sentences starting at these offsets."""
    evidence = tuple(Evidence(f"quote {s}", s, s + 5, f"Sentence at {s}.", s, 1) for s in sentences)
    return Claim(cid, article, f"Claim {cid}.", "supported", evidence)


def question(c: Claim) -> Question:
    return make_question(c, "tf", 0, offers_not_stated=False)


def test_evidence_sentences_are_article_and_sentence_start() -> None:
    c = claim("x", 10, 40, 10, article="paper")
    assert evidence_sentences(c) == frozenset({("paper", 10), ("paper", 40)})


@pytest.mark.parametrize(
    ("claims", "order", "reveal"),
    [
        # Nothing shared: the order stays and each answer follows its question.
        ([claim("a", 1), claim("b", 2), claim("c", 3)], "abc", (1, 2, 3)),
        # b and d share sentence 2: d moves up to b, the feedback on both after d.
        ([claim("a", 1), claim("b", 2), claim("c", 3), claim("d", 2)], "abdc", (1, 3, 3, 4)),
        # a shares with c, c with d (another sentence): one group, where a stood.
        (
            [claim("a", 1), claim("b", 9), claim("c", 1, 5), claim("d", 5)],
            "acdb",
            (3, 3, 3, 4),
        ),
        # c joins a group that a and b formed through different sentences.
        ([claim("a", 1), claim("b", 2), claim("c", 2, 1)], "abc", (3, 3, 3)),
        # d links two groups that began apart: all four are asked together.
        (
            [claim("a", 1), claim("b", 2), claim("c", 1), claim("e", 7), claim("d", 2, 1)],
            "abcde",
            (4, 4, 4, 4, 5),
        ),
        # The same offset in another article is another sentence.
        ([claim("a", 1), claim("b", 1, article="other"), claim("c", 1)], "acb", (2, 2, 3)),
        # A claim with no located evidence shares nothing.
        ([claim("a"), claim("b"), claim("c", 4)], "abc", (1, 2, 3)),
        ([], "", ()),
    ],
)
def test_arrange_groups_questions_that_share_evidence(
    claims: list[Claim], order: str, reveal: tuple[int, ...]
) -> None:
    questions = [question(c) for c in claims]
    arranged, after = arrange(questions)
    assert "".join(q.claim.id for q in arranged) == order
    assert after == reveal


@pytest.mark.parametrize(
    ("reveal", "note"),
    [
        ((), None),
        ((1, 2, 3), None),
        ((2, 2, 3), "questions 1-2"),
        ((1, 3, 3), "questions 2-3"),
        ((1, 4, 4, 4, 5), "questions 2-4"),
        ((2, 2, 4, 4), "questions 1-2, 3-4"),
        ((2, 2, 3, 5, 5, 7, 7), "questions 1-2, 4-5, 6-7"),
        ((2, 2, 4, 4, 6, 6, 8, 8), "questions 1-2, 3-4, 5-6 and 1 more group"),
        ((2, 2, 4, 4, 6, 6, 8, 8, 9, 11, 11), "questions 1-2, 3-4, 5-6 and 2 more groups"),
    ],
)
def test_the_grouped_note_names_each_group(reveal: tuple[int, ...], note: str | None) -> None:
    said = grouped_note(reveal)
    if note is None:
        assert said is None
    else:
        assert said == (
            f"{note} share evidence, so the answers to each group are shown after its last question"
        )


def test_arrange_session_keeps_the_session_and_adds_its_notes_in_order() -> None:
    claims = [claim("a", 1), claim("b", 2), claim("c", 1)]
    session = Session(8, tuple(question(c) for c in claims), True, notes=("first",))
    arranged = arrange_session(session, ["second", "third"])
    assert arranged == Session(
        8,
        (question(claims[0]), question(claims[2]), question(claims[1])),
        True,
        (2, 2, 3),
        (
            "first",
            "second",
            "third",
            "questions 1-2 share evidence, so the answers to each group are shown after its "
            "last question",
        ),
    )
    apart = Session(8, tuple(question(c) for c in claims[:2]), False)
    assert arrange_session(apart) == Session(8, apart.questions, False, (1, 2), ())


def test_the_articles_of_a_session_in_order_of_first_use() -> None:
    claims = [claim("a", 1, article="y"), claim("b", 2, article="x"), claim("c", 3, article="y")]
    session = Session(1, tuple(question(c) for c in claims), False)
    assert session.articles == ("y", "x")


@pytest.mark.parametrize(
    ("claims", "count", "shown", "picked"),
    [
        # Enough claims apart: the first ones that share nothing, in order.
        ([claim("a", 1), claim("b", 1), claim("c", 2), claim("d", 3)], 3, (), "acd"),
        # Too few apart: the held ones fill up, in order.
        ([claim("a", 1), claim("b", 1), claim("c", 1), claim("d", 2)], 3, (), "adb"),
        ([claim("a", 1), claim("b", 1), claim("c", 1)], 3, (), "abc"),
        # The count is reached: no more are looked at.
        ([claim("a", 1), claim("b", 2), claim("c", 3)], 2, (), "ab"),
        ([claim("a", 1), claim("b", 1)], 1, (), "a"),
        ([claim("a", 1), claim("b", 2)], 0, (), ""),
        # Sentences already shown (a review's due questions) count as picked.
        ([claim("a", 1), claim("b", 2), claim("c", 3)], 2, [("art", 1)], "bc"),
        ([claim("a", 1), claim("b", 2)], 2, [("art", 1), ("art", 2)], "ab"),
        ([claim("a", 1), claim("b", 2)], 2, [("other", 1)], "ab"),
        # A claim's sentences count once it is picked, against later claims.
        ([claim("a", 1, 5), claim("b", 5), claim("c", 6)], 2, (), "ac"),
    ],
)
def test_pick_apart(
    claims: list[Claim], count: int, shown: list[tuple[str, int]], picked: str
) -> None:
    assert "".join(c.id for c in pick_apart(claims, count, shown)) == picked


def test_pick_apart_reads_the_shown_sentences_once() -> None:
    shown = iter([("art", 1)])  # a one-pass iterable, as a generator would be
    claims = [claim("a", 1), claim("b", 2), claim("c", 1), claim("d", 3)]
    assert [c.id for c in pick_apart(claims, 2, shown)] == ["b", "d"]
