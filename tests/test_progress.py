"""Study over days: review what is due with a fixed clock, and the stats that tell the story."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsquiz.progress import compute_stats
from newsquiz.store import CardRow

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

    # Day 2: the miss comes back, alone; this time it is right.
    monkeypatch.setenv("NEWSQUIZ_NOW", "2026-03-03T09:30:00Z")
    due = json.loads(cli("review", "--bank", bank, "--json", "--answers", "-", input="f\n").stdout)
    assert [r["id"] for r in due["results"]] == ["cost:tf"] and due["correct"] == 1
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
    assert stats["by_change"] == {"number": {"answers": 2, "correct": 1, "accuracy": 50.0}}
    assert stats["hardest"] == [{"claim": "cost", "misses": 1, "answers": 2}]
    assert stats["by_kind"]["tf"]["answers"] == 6
    assert [d["date"] for d in stats["days"]] == ["2026-03-02", "2026-03-03", "2026-03-04"]
    out = cli("stats").stdout
    assert "Answers per day" in out and "Refuted claims by change" in out and "█" in out
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
