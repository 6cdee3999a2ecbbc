"""Study over days: review what is due with a fixed clock, and the stats that tell the story."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsquiz.bank import load_library
from newsquiz.model import Claim
from newsquiz.plain import feedback as plain_feedback
from newsquiz.progress import compute_stats, plan_review
from newsquiz.quiz import Question, evidence_sentences, fact_question, grade, make_question
from newsquiz.store import CardRow, Store, fingerprint

from .conftest import CLAIMS, BankFactory, CliInvoke

TRUTH = {"reopen-date": "t", "cost": "f", "critics-firm": "ns"}


def test_two_days_of_study(
    cli: CliInvoke, make_bank: BankFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    bank = str(make_bank())
    # Day 1, 09:00: a true/false quiz; the learner misses the refuted claim.
    monkeypatch.setenv("NEWSQUIZ_NOW", "2026-03-02T09:00:00Z")
    asked = json.loads(cli("ask", "--bank", bank, "--kind", "tf", "--seed", "5", "--json").stdout)
    given = [
        "t" if q["id"] == "cost:tf" else TRUTH[q["id"].split(":")[0]] for q in asked["questions"]
    ]
    report = json.loads(
        cli(
            "quiz",
            "--bank",
            bank,
            "--kind",
            "tf",
            "--seed",
            "5",
            "--json",
            "--answers",
            "-",
            input="\n".join(given) + "\n",
        ).stdout
    )
    assert report["correct"] == 2

    # An hour later nothing is due; the message says when the next question is.
    monkeypatch.setenv("NEWSQUIZ_NOW", "2026-03-02T10:00:00Z")
    out = cli("review", "--bank", bank, "--new", "0").stdout
    assert "Nothing is due now. The next question (cost:tf) falls due 2026-03-03 09:00 UTC" in out
    nothing = json.loads(cli("review", "--bank", bank, "--json").stdout)
    assert nothing["total"] == 0 and nothing["next_due"]["question"] == "cost:tf"

    # Day 2: the miss comes back, alone, as its fact (the correction), never as the false
    # wording again; this time it is right.
    monkeypatch.setenv("NEWSQUIZ_NOW", "2026-03-03T09:30:00Z")
    due = json.loads(cli("review", "--bank", bank, "--json", "--answers", "-", input="t\n").stdout)
    assert [r["id"] for r in due["results"]] == ["cost:fact"] and due["correct"] == 1
    assert due["results"][0]["expected"] == "True"
    assert (due["total"], due["answered"]) == (1, 1)  # the miss and nothing else

    # Day 3, late: the two first answered right two days ago are due; the miss is not yet.
    monkeypatch.setenv("NEWSQUIZ_NOW", "2026-03-04T12:00:00Z")
    plan = json.loads(
        cli("review", "--bank", bank, "--json", "--answers", "-", input="ns\nt\n").stdout
    )
    # equally overdue: ordered by question id
    assert [r["id"] for r in plan["results"]] == ["critics-firm:tf", "reopen-date:tf"]
    assert plan["correct"] == 2

    stats = json.loads(cli("stats", "--json").stdout)
    assert (stats["sessions"], stats["answers"]) == (3, 6)
    # the fact form is a statement the article supports: it is not a refuted claim's answer
    assert stats["by_change"] == {"number": {"answers": 1, "correct": 0, "accuracy": 0.0}}
    assert stats["hardest"] == [{"claim": "cost", "misses": 1, "answers": 2}]
    assert stats["by_kind"]["tf"]["answers"] == 6
    assert [d["date"] for d in stats["days"]] == ["2026-03-02", "2026-03-03", "2026-03-04"]
    out = cli("stats").stdout
    assert "Answers per day" in out and "Refuted claims by change" in out and "█" in out
    assert "newsquiz stats --calibration" in out
    history = cli("history").stdout
    assert "review" in history and "quiz" in history


def test_review_asks_new_questions_up_to_new(cli: CliInvoke, make_bank: BankFactory) -> None:
    no_choices = CLAIMS.split("    choice:")[0] + CLAIMS.split("30 June]\n")[1]
    bank = str(make_bank(no_choices))
    report = json.loads(
        cli(
            "review",
            "--bank",
            bank,
            "--new",
            "2",
            "--json",
            "--answers",
            "-",
            "--no-save",
            input="t\nt\n",
        ).stdout
    )
    assert report["total"] == 2


def test_stats_math() -> None:
    day = 86400
    answers = [
        (0, "a:tf", "a", "tf", 1, "supported", None, '["x"]'),
        (10, "b:tf", "b", "tf", 0, "refuted", "number", '["x", "y"]'),
        (day, "b:mc", "b", "mc", 1, "refuted", "number", '["x", "y"]'),
        (day + 5, "c:tf", "c", "tf", 0, "refuted", "date", "[]"),
    ]
    cards = [CardRow("a:tf", "f", "{}", 0, 1, 0), CardRow("b:tf", "f", "{}", 2 * day, 1, 1)]
    stats = compute_stats([(1,), (2,)], answers, cards, now=day)
    assert (stats["sessions"], stats["answers"], stats["correct"], stats["accuracy"]) == (
        2,
        4,
        2,
        50.0,
    )
    assert stats["by_tag"]["x"] == {"answers": 3, "correct": 2, "accuracy": 66.7}
    assert stats["by_change"]["number"]["accuracy"] == 50.0
    assert stats["by_change"]["date"] == {"answers": 1, "correct": 0, "accuracy": 0.0}
    assert [h["claim"] for h in stats["hardest"]] == ["c", "b"]
    assert stats["due_now"] == 1
    assert stats["false_wordings_shown"] == {"b": 1, "c": 1}  # b:mc showed no false wording
    assert stats["due_by_day"][1] == {"date": "1970-01-03", "count": 1}
    assert stats["days"] == [
        {"date": "1970-01-01", "answers": 2, "correct": 1},
        {"date": "1970-01-02", "answers": 2, "correct": 1},
    ]


def test_stats_and_history_on_an_empty_database(cli: CliInvoke, tmp_path: Path) -> None:
    db = str(tmp_path / "fresh.sqlite3")
    assert "No answers recorded yet" in cli("stats", "--db", db).stdout
    assert "No sessions recorded yet" in cli("history", "--db", db).stdout
    assert json.loads(cli("stats", "--db", db, "--json").stdout)["answers"] == 0


def test_a_bad_clock_override_is_a_usage_error(
    cli: CliInvoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NEWSQUIZ_NOW", "yesterday")
    assert "NEWSQUIZ_NOW" in cli("stats", code=2).stderr


REFUTED_WITH_CHOICE = """
  - id: start-year
    claim: Work began in 2018.
    verdict: refuted
    evidence: ["Work began in 2019"]
    correction: Work began in 2019.
    change: date
    choice:
      question: When did the work begin?
      answer: "2019"
      distractors: ["2018", "2020", "2017"]
"""


def _card(question: Question, due: int) -> CardRow:
    return CardRow(question.id, fingerprint(question), "{}", due, 1, 1)


def _claims(make_bank: BankFactory) -> dict[str, Claim]:
    library = load_library([str(make_bank(CLAIMS + REFUTED_WITH_CHOICE))])
    return {c.id: c for c in library.claims}


def test_a_due_refuted_claim_is_asked_as_its_fact(make_bank: BankFactory) -> None:
    claims = _claims(make_bank)
    tf = {cid: make_question(c, "tf", 0, True) for cid, c in claims.items()}
    cards = [_card(tf["cost"], 10), _card(tf["start-year"], 20), _card(tf["reopen-date"], 30)]
    plan = plan_review(list(claims.values()), cards, now=100, new_limit=0, seed=3)
    asked = {q.claim.id: q for q in plan.session.questions}
    assert set(asked) == {"cost", "start-year", "reopen-date"} and plan.due == 3
    # with a choice form: that form, which never states the false wording
    assert asked["start-year"].id == "start-year:mc"
    # without one: a true/false on the correction, whose answer is True
    fact = asked["cost"]
    assert (fact.id, fact.kind, fact.prompt, fact.expected) == (
        "cost:fact",
        "tf",
        "It cost 2.1 million euros.",
        "True",
    )
    assert fact.claim.verdict == "supported" and fact.claim.change is None
    shown = plain_feedback(grade(fact, "f"))
    assert "12 million" not in shown and "2.1 million" in shown
    # a claim the article supports is asked as before
    assert asked["reopen-date"].id == "reopen-date:tf"


def test_once_the_fact_has_a_card_the_myth_card_is_retired(make_bank: BankFactory) -> None:
    claims = _claims(make_bank)
    cost_tf = make_question(claims["cost"], "tf", 0, True)
    cost_fact = fact_question(claims["cost"], 0, True)
    year_tf = make_question(claims["start-year"], "tf", 0, True)
    year_mc = make_question(claims["start-year"], "mc", 0, True)
    cards = [_card(cost_tf, 10), _card(cost_fact, 500), _card(year_tf, 10), _card(year_mc, 600)]
    plan = plan_review(list(claims.values()), cards, now=100, new_limit=0, seed=3)
    assert plan.session.questions == () and plan.next_due == ("cost:fact", 500)
    later = plan_review(list(claims.values()), cards, now=550, new_limit=0, seed=3)
    assert [q.id for q in later.session.questions] == ["cost:fact"]
    # stats counts what review would ask: the retired cards are not due
    answers = [
        (0, "cost:tf", "cost", "tf", 0, "refuted", "number", "[]"),
        (0, "start-year:tf", "start-year", "tf", 0, "refuted", "date", "[]"),
    ]
    stats = compute_stats([(1,)], answers, cards, now=100)
    assert stats["due_now"] == 0 and stats["cards"] == 2


def test_a_new_refuted_claim_already_shown_is_asked_as_its_fact(make_bank: BankFactory) -> None:
    claims = list(_claims(make_bank).values())
    for seed in range(20):
        plan = plan_review(claims, [], now=0, new_limit=10, seed=seed, showings={"cost": 1})
        asked = {q.claim.id: q.id for q in plan.session.questions}
        assert asked["cost"] == "cost:fact"
        unshown = plan_review(claims, [], now=0, new_limit=10, seed=seed)
        assert {q.claim.id: q.id for q in unshown.session.questions}["cost"] == "cost:tf"


def test_the_false_wording_is_shown_once_however_often_it_is_missed(
    cli: CliInvoke, make_bank: BankFactory, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    no_choices = CLAIMS.split("    choice:")[0] + CLAIMS.split("30 June]\n")[1]
    bank = str(make_bank(no_choices))
    db = str(tmp_path / "h.sqlite3")
    asked: list[str] = []
    for day in range(1, 15):  # two weeks of reviews, every answer "not stated": cost is missed
        monkeypatch.setenv("NEWSQUIZ_NOW", f"2026-03-{day:02d}T09:00:00Z")
        out = cli(
            "review", "--bank", bank, "--db", db, "--json", "--answers", "-", input="ns\n" * 3
        )
        asked += [r["id"] for r in json.loads(out.stdout)["results"]]
    assert asked.count("cost:tf") == 1  # the quiz itself: spotting the false claim
    assert asked.count("cost:fact") >= 5  # missed every time, so it keeps coming back
    store = Store(Path(db))
    try:
        assert store.wording_showings() == {"cost": 1}
    finally:
        store.close()
    stats = json.loads(cli("stats", "--db", db, "--json").stdout)
    assert stats["false_wordings_shown"] == {"cost": 1}


def test_check_grades_a_fact_form(cli: CliInvoke, make_bank: BankFactory) -> None:
    bank = str(make_bank(CLAIMS + REFUTED_WITH_CHOICE))
    right = json.loads(cli("check", "cost:fact", "t", "--bank", bank, "--json").stdout)
    assert (right["correct"], right["expected"], right["verdict"]) == (True, "True", "supported")
    assert "12 million" not in json.dumps(right)
    cli("check", "cost:fact", "f", "--bank", bank, code=1)
    assert (
        "ask start-year:mc" in cli("check", "start-year:fact", "t", "--bank", bank, code=2).stderr
    )
    not_refuted = cli("check", "critics-firm:fact", "t", "--bank", bank, code=2).stderr
    assert "ask critics-firm:tf" in not_refuted


def test_review_and_stats_agree_that_a_retired_card_is_not_due(make_bank: BankFactory) -> None:
    from datetime import datetime, timezone

    from newsquiz.commands.history import _due_line

    claims = _claims(make_bank)
    cards = [
        _card(make_question(claims["cost"], "tf", 0, True), 10),
        _card(fact_question(claims["cost"], 0, True), 500),
    ]
    moment = datetime.fromtimestamp(100, timezone.utc)
    assert _due_line(0, 0, cards, moment, {"cost"}) == "0 due, 0 new"
    assert "'stats' counts 1 due cards" in _due_line(0, 0, cards, moment, set())


def _shares(a: Question, b: Question) -> bool:
    return bool(evidence_sentences(a.claim) & evidence_sentences(b.claim))


def test_new_review_questions_share_no_evidence_while_the_pool_allows() -> None:
    claims = load_library().claims  # the shipped bank: enough claims to keep apart
    for seed in range(40):
        plan = plan_review(claims, [], now=0, new_limit=10, seed=seed)
        asked = plan.session.questions
        assert len(asked) == 10 and plan.session.notes == ()
        assert not any(_shares(a, b) for i, a in enumerate(asked) for b in asked[i + 1 :]), seed


def test_new_review_questions_keep_apart_from_the_due_ones() -> None:
    claims = load_library().claims
    by_id = {c.id: c for c in claims}
    # coverage-of-attack is refuted without a choice form: due, it is asked as its fact form,
    # whose text (the correction) shows the evidence that settles visit-coverage.
    due = fact_question(by_id["coverage-of-attack"], 0, True)
    for seed in range(40):
        plan = plan_review(claims, [_card(due, 10)], now=100, new_limit=10, seed=seed)
        asked = plan.session.questions
        assert "visit-coverage" not in {q.claim.id for q in asked}, seed
        assert not any(_shares(a, b) for i, a in enumerate(asked) for b in asked[i + 1 :]), seed


def test_a_due_fact_form_is_asked_after_the_due_question_it_would_settle() -> None:
    claims = load_library().claims
    by_id = {c.id: c for c in claims}
    fact = fact_question(by_id["coverage-of-attack"], 0, True)
    other = make_question(by_id["visit-coverage"], "tf", 0, True)
    for order in ((10, 20), (20, 10)):  # whichever is more overdue
        cards = [_card(fact, order[0]), _card(other, order[1])]
        plan = plan_review(claims, cards, now=100, new_limit=0, seed=3)
        assert [q.id for q in plan.session.questions] == [
            "visit-coverage:tf",
            "coverage-of-attack:fact",
        ]


def test_history_into_a_pipe_is_plain_lines_with_nothing_cut(
    cli: CliInvoke, make_bank: BankFactory
) -> None:
    bank = str(make_bank())
    cli(
        "quiz",
        "--bank",
        bank,
        "--kind",
        "tf",
        "--seed",
        "1",
        "--answers",
        "-",
        input="t\nt\nt\n",
        code=None,
    )
    out = cli("history").stdout
    lines = out.splitlines()
    assert lines[0].split("  ")[0] == "started (UTC)" and len(lines) == 2
    assert all(line == line.rstrip() for line in lines)  # no padding at line ends
    assert "…" not in out and "library-2024" in out and "seed" in lines[0]
    assert lines[1].split()[-1] == "1"  # the seed, last and whole


def test_history_at_a_narrow_terminal_drops_to_blocks_rather_than_cutting() -> None:
    from rich.console import Console

    from newsquiz.render_stats import history_table

    item = {
        "started": "2026-11-27T05:01:00+00:00",
        "mode": "review",
        "articles": ["modi-moscow-2024-07-09", "library-2024"],
        "total": 10,
        "answered": 10,
        "correct": 7,
        "score": 70.0,
        "seed": 123456,
    }
    for width in (60, 100):
        out = Console(width=width, record=True, color_system=None)
        out.print(history_table([item, item], width))
        text = out.export_text()
        assert "…" not in text, width
        for data in ("2026-11-27 05:01", "modi-moscow-2024-07-09", "7/10 (70%)", "123456"):
            assert data in text, (width, data)
    narrow = Console(width=60, record=True, color_system=None)
    narrow.print(history_table([item], 60))
    assert "articles: modi-moscow-2024-07-09, library-2024" in narrow.export_text()
