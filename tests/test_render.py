"""Rich views: what a learner reads after an answer and at the end, bank text kept literal."""

from __future__ import annotations

import io

from rich.console import Console, RenderableType

from newsquiz.bank import load_library
from newsquiz.model import Claim
from newsquiz.quiz import build_session, grade, make_question
from newsquiz.render import (
    QUOTE_STYLE,
    claim_detail,
    claims_table,
    evidence_line,
    feedback,
    plain_quotes,
    session_header,
    summary,
)
from newsquiz.render_stats import BAR_WIDTH, bar
from newsquiz.session import Report

from .conftest import BankFactory


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
    assert "Refuted: the article says otherwise." in out  # the verdict reads as a sentence
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
    out = text_of(summary(report, next_step="1 miss comes back tomorrow: newsquiz review"))
    assert "Score: 33.3% of 3 · 2 answered, 1 right; 1 not answered" in out and "seed 7" in out
    assert "kyiv-strike-damage:tf" in out and "Missed" in out
    missed = out[out.index("Missed") : out.index("By tag")]
    assert q2.prompt.split()[0] in missed  # the question itself
    assert "you said False; the answer is True" in missed  # what was said, and the right answer
    assert "conflict" in out and "1/1" in out
    assert out.rstrip().endswith("1 miss comes back tomorrow: newsquiz review")
    complete = text_of(summary(Report(7, 2, [grade(q1, "f"), grade(q2, "t")])))
    assert "Score: 2/2 right (100%)" in complete and "Missed" not in complete


def test_every_answer_is_listed_at_the_end_with_reveal_end() -> None:
    q1 = make_question(claim("trip-length"), "tf", 0, offers_not_stated=True)
    out = text_of(summary(Report(7, 1, [grade(q1, "f")]), every_answer=True))
    assert "Answers" in out and "✓ " in out and "you said False" in out and "¶3" in out


def test_quotes_are_marked_when_there_is_no_colour_and_only_then() -> None:
    e = claim("oil-share-source").evidence[0]
    plain = Console(file=io.StringIO(), color_system=None)
    coloured = Console(file=io.StringIO(), color_system="truecolor", force_terminal=True)
    with plain_quotes(plain):
        assert f"»{e.quote}«" in evidence_line(e).plain
    assert "»" not in evidence_line(e).plain  # the setting ends with the block
    with plain_quotes(coloured):
        assert "»" not in evidence_line(e).plain
    with plain_quotes(Console(file=io.StringIO(), no_color=True, force_terminal=True)):
        assert f"»{e.quote}«" in evidence_line(e).plain


def test_claims_table_never_splits_an_id() -> None:
    c = claim("oil-share-source")
    table = text_of(claims_table([c]), width=60)
    assert "oil-share-source" in table


def test_accuracy_bars_carry_the_number_in_their_length() -> None:
    assert BAR_WIDTH == 20
    assert bar(3, 10, 10).plain == "█" * 6 + "░" * 14
    assert bar(10, 10, 10).plain == "█" * 20
    assert bar(0, 5, 10).plain == "░" * 10


def test_detail_and_table_show_the_paragraph_and_choice() -> None:
    c = claim("oil-share-source")
    article = load_library().article(c.article)
    out = text_of(claim_detail(c, article))
    assert "¶9 of Modi meets Putin" in out and "What was changed: attribution" in out
    assert "Refuted: the article says otherwise." in out
    assert "✓ More than 40%" in out and "✗ About 25%" in out
    table = text_of(claims_table([c]), width=160)
    assert "oil-share-source" in table and "refuted" in table


def test_the_header_names_the_article_and_how_answers_are_judged(make_bank: BankFactory) -> None:
    library = load_library([str(make_bank())])
    articles = [library.article("library-2024")]
    tf = build_session(library.claims, seed=1, kind="tf")
    out = text_of(session_header(articles, tf))
    assert "About: The library reopens (2024-05-01)" in out
    assert "True, False and Not stated are judged by the article alone" in out
    assert "newsquiz read library-2024" in out and "3 question(s) · seed 1" in out
    mc = build_session(library.claims, seed=1, kind="mc")
    assert "The answers are judged by the article alone" in text_of(session_header(articles, mc))
