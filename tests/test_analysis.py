"""Item analysis and calibration on small histories computed by hand."""

from __future__ import annotations

import json
import shlex
import sys
from pathlib import Path

import pytest

from newsquiz.analysis import (
    Attempt,
    attempts_from_rows,
    calibration,
    class_calibration,
    corrected_for_guessing,
    item_analysis,
    pearson,
)
from newsquiz.model import Choice, Claim
from newsquiz.store import Store

from .conftest import CLAIMS, BankFactory, CliInvoke


def test_point_biserial_matches_the_scipy_worked_example() -> None:
    # The example in SciPy's documentation of scipy.stats.pointbiserialr
    # (https://docs.scipy.org/doc/scipy-1.1.0/reference/generated/scipy.stats.pointbiserialr.html):
    # a = [0, 0, 0, 1, 1, 1, 1], b = arange(7) gives r = 0.8660254037844386.
    assert pearson([0, 0, 0, 1, 1, 1, 1], list(range(7))) == pytest.approx(0.8660254037844386)
    assert pearson([1, 1, 1], [1, 2, 3]) is None  # an item everyone got right says nothing
    assert pearson([0, 1], [1]) is None


def test_correction_for_guessing() -> None:
    assert corrected_for_guessing(0.5, 2) == 0.0  # a coin does this well on true/false
    assert corrected_for_guessing(1.0, 3) == 1.0
    assert corrected_for_guessing(0.6, 4) == pytest.approx(0.4667, abs=1e-4)
    assert corrected_for_guessing(0.0, 2) == -1.0


def _a(
    learner: str,
    question: str,
    correct: bool,
    given: str,
    *,
    at: int = 0,
    verdict: str = "supported",
    options: int = 2,
    confidence: str | None = None,
    change: str | None = None,
    tags: tuple[str, ...] = (),
) -> Attempt:
    claim, _, kind = question.rpartition(":")
    return Attempt(
        learner,
        at,
        question,
        claim,
        kind,
        given,
        correct,
        verdict,
        change,
        tags,
        options,
        confidence,
    )


CLASS = [
    # Five learners, three items. A: true/false (supported, 2 options), B: true/false (refuted,
    # 3 options), C: multiple choice (key X, distractors Y, Z, W).
    #        A            B                  C
    # L1     1 True       1 False            0 Y
    # L2     1 True       1 False            0 Y
    # L3     1 True       0 True             1 X
    # L4     0 False      0 Not stated       1 X
    # L5     0 False      0 True             1 X
    *[_a(f"L{i}", "a:tf", i <= 3, "True" if i <= 3 else "False") for i in range(1, 6)],
    *[
        _a(f"L{i}", "b:tf", i <= 2, g, verdict="refuted", options=3)
        for i, g in zip(range(1, 6), ["False", "False", "True", "Not stated", "True"], strict=True)
    ],
    *[_a(f"L{i}", "c:mc", i >= 3, "X" if i >= 3 else "Y", options=4) for i in range(1, 6)],
    # A later attempt never changes first-attempt statistics.
    _a("L4", "a:tf", True, "True", at=99),
]
CHOICE_CLAIM = Claim("c", "art", "c", "supported", (), choice=Choice("?", "X", ("Y", "Z", "W")))


def test_item_analysis_by_hand() -> None:
    report = item_analysis(CLASS, {"c": CHOICE_CLAIM})
    items = {i["question"]: i for i in report["items"]}
    assert report["learners"] == ["L1", "L2", "L3", "L4", "L5"]

    a, b, c = items["a:tf"], items["b:tf"], items["c:mc"]
    assert (a["learners"], a["right"], a["facility"]) == (5, 3, 0.6)
    assert a["corrected_facility"] == pytest.approx(0.2)  # (0.6 - 1/2) / (1 - 1/2)
    assert b["corrected_facility"] == pytest.approx(0.1)  # (0.4 - 1/3) / (1 - 1/3)
    assert c["corrected_facility"] == pytest.approx(0.467, abs=1e-3)  # (0.6 - 1/4) / (3/4)

    # Rest scores (share right on the other two items, first attempts only):
    # for A every learner's rest is 1/2: no variation, no discrimination.
    assert a["discrimination"] is None
    # for C: item [0,0,1,1,1], rest [1,1,.5,0,0]; sxy = -1, sxx = 1.2, syy = 1 -> -1/sqrt(1.2)
    assert c["discrimination"] == pytest.approx(-0.913, abs=1e-3)
    # for B: item [1,1,0,0,0], rest [.5,.5,1,.5,.5]; sxy = -.2, sxx = 1.2, syy = .2
    assert b["discrimination"] == pytest.approx(-0.2 / (1.2 * 0.2) ** 0.5, abs=1e-3)

    assert c["choices"] == [
        {"text": "X", "share": 0.6, "key": True},
        {"text": "Y", "share": 0.4, "key": False},
        {"text": "Z", "share": 0.0, "key": False},
        {"text": "W", "share": 0.0, "key": False},
    ]
    assert c["non_functioning"] == ["Z", "W"]
    assert b["answers"] == {"True": 2, "False": 2, "Not stated": 1}
    assert report["tf_confusion"]["supported"] == {"True": 3, "False": 2, "Not stated": 0}
    assert report["tf_confusion"]["refuted"] == {"True": 2, "False": 2, "Not stated": 1}

    assert c["flags"] and c["flags"][0].startswith("negative discrimination")
    assert b["flags"][0].startswith("negative discrimination")
    assert a["flags"] == []
    assert report["flagged"] == ["b:tf", "c:mc"]


def test_discrimination_waits_for_enough_learners() -> None:
    few = [x for x in CLASS if x.learner != "L5"]
    report = item_analysis(few, {"c": CHOICE_CLAIM})
    assert all(i["discrimination"] is None for i in report["items"])
    assert report["flagged"] == []
    # a smaller class may lower the bar
    lowered = item_analysis(few, {"c": CHOICE_CLAIM}, min_learners=4)
    assert {i["question"]: i["discrimination"] for i in lowered["items"]}["c:mc"] is not None


def test_a_good_item_is_not_flagged_and_low_discrimination_is() -> None:
    # Item G is right exactly for the learners strong on the others: high discrimination.
    rows = []
    for i in range(6):
        strong = i < 3
        rows.append(_a(f"L{i}", "g:tf", strong, "True" if strong else "False"))
        for j in range(4):
            rows.append(_a(f"L{i}", f"o{j}:tf", strong or j == i - 3, "True"))
    # Item W: right for two strong and two weak learners: near-zero discrimination.
    rows += [_a(f"L{i}", "w:tf", i in (0, 1, 3, 4), "True") for i in range(6)]
    items = {i["question"]: i for i in item_analysis(rows)["items"]}
    assert items["g:tf"]["discrimination"] > 0.8 and items["g:tf"]["flags"] == []
    assert 0 <= items["w:tf"]["discrimination"] < 0.15
    assert items["w:tf"]["flags"] == ["low discrimination"]


def test_calibration() -> None:
    rows = [
        _a("me", "a:tf", True, "True", confidence="sure"),
        _a("me", "b:tf", False, "True", confidence="sure", verdict="refuted", change="number"),
        _a("me", "c:tf", False, "True", confidence="sure", verdict="refuted", change="number"),
        _a("me", "d:tf", True, "False", confidence="sure", verdict="refuted", change="number"),
        _a("me", "e:tf", True, "True", confidence="guessed"),
        _a("me", "f:tf", False, "False", confidence="guessed"),
        _a("me", "g:mc", True, "X", options=4),
    ]
    cal = calibration(rows)
    assert cal["by_confidence"]["sure"]["accuracy"] == 50.0
    assert cal["by_confidence"]["guessed"] == {
        "answers": 2,
        "correct": 1,
        "accuracy": 50.0,
        "chance": 50.0,
        "chance_corrected": 0.0,  # (1 - 1) / 2: no better than a coin
    }
    assert cal["by_confidence"]["not said"]["answers"] == 1
    assert list(cal["by_confidence"]) == ["sure", "guessed", "not said"]
    assert cal["by_change"]["number"] == {
        "answers": 3,
        "correct": 1,
        "accuracy": 33.3,
        "chance": 50.0,
        "chance_corrected": -33.3,
        "sure": 3,
        "sure_wrong": 2,
    }
    assert cal["overconfident"] == [{"group": "trap", "name": "number", "sure": 3, "sure_right": 1}]
    assert (cal["sure_accuracy"], cal["confident_errors"], cal["errors"]) == (50.0, 2, 3)
    # 4 right, 3 wrong on 2-option questions (-1 each) and one 4-option right: (4 - 3) / 7
    assert cal["overall"]["chance_corrected"] == pytest.approx(100 * 1 / 7, abs=0.1)


def test_class_calibration_has_one_line_per_learner() -> None:
    lines = class_calibration(CLASS)
    assert [x["learner"] for x in lines] == ["L1", "L2", "L3", "L4", "L5"]
    assert lines[3]["answers"] == 4 and lines[3]["sure_accuracy"] is None


def test_rows_from_old_histories_get_option_counts_inferred() -> None:
    rows = [
        (1, "a:tf", "a", "tf", "True", 1, "supported", None, '["x"]', None, None),
        (2, "b:tf", "b", "tf", "Not stated", 0, "refuted", "date", "not json", None, "sure"),
        (3, "c:mc", "c", "mc", "X", 1, "supported", None, "[]", None, "bogus"),
        (4, "d:tf", "d", "tf", "False", 1, "refuted", "date", "[]", 3, "guessed"),
    ]
    a, b, c, d = attempts_from_rows("me.sqlite3", rows)
    assert (a.options, b.options, c.options, d.options) == (2, 3, 4, 3)
    assert a.tags == ("x",) and b.tags == () and b.confidence == "sure"
    assert c.confidence is None and d.confidence == "guessed" and a.learner == "me.sqlite3"


MORE_CLAIMS = """
  - id: start-year
    claim: Work began in 2019.
    verdict: supported
    evidence: ["Work began in 2019"]
  - id: cost-source
    claim: The mayor gave the cost of the renovation.
    verdict: supported
    evidence: ["the mayor said"]
"""
TRUTH = {
    "reopen-date": "t",
    "cost": "f",
    "critics-firm": "ns",
    "start-year": "t",
    "cost-source": "t",
}
WRONG = {
    "reopen-date": "f",
    "cost": "t",
    "critics-firm": "f",
    "start-year": "f",
    "cost-source": "f",
}


def _take_quiz(cli: CliInvoke, bank: str, db: Path, answers: dict[str, str]) -> None:
    asked = json.loads(cli("ask", "--bank", bank, "--kind", "tf", "--seed", "1", "--json").stdout)
    lines = [answers[q["id"].split(":")[0]] for q in asked["questions"]]
    cli(
        "quiz",
        "--bank",
        bank,
        "--kind",
        "tf",
        "--seed",
        "1",
        "--db",
        str(db),
        "--json",
        "--answers",
        "-",
        input="\n".join(lines) + "\n",
    )


def test_stats_items_over_a_class_flags_the_planted_item(
    cli: CliInvoke, make_bank: BankFactory, tmp_path: Path
) -> None:
    bank = str(make_bank(CLAIMS + MORE_CLAIMS))
    dbs = []
    for i in range(6):
        strong = i < 3
        # the planted item: the strong learners all read critics-firm the other way
        answers = (
            dict(TRUTH, **{"critics-firm": "f"})
            if strong
            else dict(WRONG, **{"critics-firm": "ns"})
        )
        if i == 5:
            answers["cost"] = "f!"  # one weak learner gets one more right, sure of it
        db = tmp_path / f"learner{i}.sqlite3"
        _take_quiz(cli, bank, db, answers)
        dbs.append(db)
    before = [db.read_bytes() for db in dbs]
    args = [x for db in dbs for x in ("--db", str(db))]
    report = json.loads(cli("stats", "--items", "--bank", bank, "--json", *args).stdout)
    assert report["learners"] == sorted(str(db) for db in dbs)
    assert report["flagged"] == ["critics-firm:tf"]
    items = {i["question"]: i for i in report["items"]}
    assert items["critics-firm:tf"]["discrimination"] < 0
    assert items["reopen-date:tf"]["discrimination"] > 0.5
    assert items["cost:tf"]["facility"] == pytest.approx(4 / 6, abs=1e-3)
    assert report["tf_confusion"]["not-stated"] == {"True": 0, "False": 3, "Not stated": 3}
    assert [db.read_bytes() for db in dbs] == before  # read, never written

    out = cli("stats", "--items", "--bank", bank, *args).stdout
    assert "critics-firm:tf" in out and "negative discrimination" in out
    assert "article says" in out

    cal = json.loads(cli("stats", "--calibration", "--json", *args).stdout)
    assert [p["learner"] for p in cal["learners"]] == sorted(str(db) for db in dbs)
    assert cal["by_confidence"]["sure"] == {
        "answers": 1,
        "correct": 1,
        "accuracy": 100.0,
        "chance": 33.3,
        "chance_corrected": 100.0,
    }
    # the same file twice is one learner
    twice = json.loads(
        cli("stats", "--items", "--json", "--db", str(dbs[0]), "--db", str(dbs[0])).stdout
    )
    assert len(twice["learners"]) == 1


def test_stats_calibration_for_one_learner(
    cli: CliInvoke, make_bank: BankFactory, tmp_path: Path
) -> None:
    bank = str(make_bank())
    _take_quiz(
        cli,
        bank,
        tmp_path / "me.sqlite3",
        {"reopen-date": "t!", "cost": "t!", "critics-firm": "ns??"},
    )
    _take_quiz(
        cli,
        bank,
        tmp_path / "me.sqlite3",
        {"reopen-date": "t!", "cost": "t!", "critics-firm": "f?"},
    )
    db = ["--db", str(tmp_path / "me.sqlite3")]
    cal = json.loads(cli("stats", "--calibration", "--json", *db).stdout)
    assert cal["by_confidence"]["sure"]["accuracy"] == 50.0
    assert cal["by_confidence"]["guessed"]["answers"] == 1
    assert cal["confident_errors"] == 2
    out = cli("stats", "--calibration", *db).stdout
    assert "By how sure you said you were" in out and "sure" in out and "number" in out


def test_stats_analysis_errors(cli: CliInvoke, tmp_path: Path) -> None:
    missing = str(tmp_path / "nobody.sqlite3")
    assert "no history database at" in cli("stats", "--items", "--db", missing, code=2).stderr
    assert not Path(missing).exists()
    both = cli("stats", "--items", "--calibration", code=2).stderr
    assert "choose one of --items and --calibration" in both
    several = cli("stats", "--db", "a", "--db", "b", code=2).stderr
    assert "only with --items or --calibration" in several
    empty = tmp_path / "empty.sqlite3"
    cli("stats", "--db", str(empty))  # reading creates nothing...
    assert not empty.exists()
    Store(empty).close()  # ...a session's store creates an empty history
    assert "No answers recorded yet" in cli("stats", "--items", "--db", str(empty)).stdout
    assert "No answers recorded yet" in cli("stats", "--calibration", "--db", str(empty)).stdout


def test_the_simulated_class_finds_the_planted_item_and_the_bluffers(tmp_path: Path) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
    try:
        from learners import simulate
    finally:
        sys.path.pop(0)
    out = simulate(tmp_path, seed=2026)
    assert out["planted"]["question"] in out["flagged"]
    assert out["planted_rank"] == 1
    assert len(out["flagged"]) <= 3
    cal = out["calibration"]
    assert cal["knower"]["by_confidence"]["sure"]["accuracy"] > 90
    assert cal["bluffer"]["by_confidence"]["sure"]["accuracy"] < 45
    assert abs(cal["bluffer"]["overall"]["chance_corrected"]) < 15


def test_the_readme_class_example_runs_as_written(
    cli: CliInvoke, make_bank: BankFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    (line,) = [x for x in readme.splitlines() if x.startswith("newsquiz stats --items --db")]
    monkeypatch.chdir(tmp_path)
    bank = str(make_bank())
    for name in ("ana", "ben", "chen"):
        _take_quiz(cli, bank, Path(f"{name}.sqlite3"), TRUTH)
    monkeypatch.setenv("NEWSQUIZ_BANK", bank)
    report = json.loads(cli(*shlex.split(line)[1:]).stdout)
    assert report["learners"] == ["ana.sqlite3", "ben.sqlite3", "chen.sqlite3"]
    assert {i["question"] for i in report["items"]} == {
        "reopen-date:tf",
        "cost:tf",
        "critics-firm:tf",
    }
