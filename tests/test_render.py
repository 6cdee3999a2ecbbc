"""Rich views: what a learner reads after an answer and at the end, bank text kept literal."""

from __future__ import annotations

import io

from rich.console import Console, RenderableType

from newsquiz.bank import load_library
from newsquiz.model import Claim
from newsquiz.quiz import grade, make_question
from newsquiz.render import (
    QUOTE_STYLE,
    claim_detail,
    claims_table,
    evidence_line,
    feedback,
    summary,
)
from newsquiz.session import Report


def text_of(renderable: RenderableType, width: int = 100) -> str:
    console = Console(width=width, no_color=True, record=True, file=io.StringIO())
    console.print(renderable)
    return console.export_text()


def claim(cid: str) -> Claim:
    found = load_library().claim(cid)
    assert found is not None
    return found


def test_true_false_feedback_shows_verdict_correction_and_evidence() -> None:
    q = make_question(claim("trip-length"), "tf", 0, offers_not_stated=True)
    out = text_of(feedback(grade(q, "t")))
    assert "✗ Wrong: the answer is False (you said True)" in out
    assert "The article refutes this claim." in out
    assert "The article says: The article calls it a two-day trip." in out
    assert "¶3 He also met Putin Monday at the start of his two-day trip" in out


def test_choice_feedback_is_about_the_fact_not_the_verdict() -> None:
    q = make_question(claim("trip-length"), "mc", 0, offers_not_stated=False)
    right = grade(q, "Two days")
    out = text_of(feedback(right))
    assert "✓ Right" in out and "Answer: Two days" in out
    assert "refutes" not in out and "refuted" not in out  # the claim's verdict would confuse


def test_the_quote_is_highlighted_inside_its_sentence() -> None:
    e = claim("oil-share-source").evidence[0]
    line = evidence_line(e)
    styled = [(line.plain[s.start : s.end], str(s.style)) for s in line.spans]
    assert (e.quote, QUOTE_STYLE) in styled
    assert line.plain.startswith("¶9 India now gets")


def test_summary_lists_misses_and_tags() -> None:
    q1 = make_question(claim("trip-length"), "tf", 0, offers_not_stated=True)
    q2 = make_question(claim("kyiv-strike-damage"), "tf", 0, offers_not_stated=True)
    report = Report(7, 3, [grade(q1, "f"), grade(q2, "f")])
    out = text_of(summary(report))
    assert "Score: 1/3 right (33.3%)" in out and "seed 7" in out
    assert "1 question(s) not answered." in out
    assert "kyiv-strike-damage:tf" in out and "Missed" in out
    assert "conflict" in out and "1/1" in out


def test_detail_and_table_show_the_paragraph_and_choice() -> None:
    c = claim("oil-share-source")
    article = load_library().article(c.article)
    out = text_of(claim_detail(c, article))
    assert "¶9 of Modi meets Putin" in out and "What was changed: attribution" in out
    assert "✓ More than 40%" in out and "✗ About 25%" in out
    table = text_of(claims_table([c]), width=160)
    assert "oil-share-source" in table and "refuted" in table
