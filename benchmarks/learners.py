"""Synthetic learners take the shipped quiz; item analysis and calibration must tell them apart.

    python benchmarks/learners.py [--seed S] [--knowers N] [--guessers N]

A class takes the same quiz (every claim of the shipped bank once, seed 1), each learner into
their own history file, through the real engine (grading, confidence suffixes, the SQLite store
and its FSRS cards). Then the analysis `newsquiz stats --items` and `--calibration` run reads
those files back. Three kinds of learner:

- knowers: know each fact with a probability drawn from 0.7-0.95; when they know it they answer
  right and mostly say "sure"; otherwise they guess and mostly say so;
- honest guessers: pick an option at random and say "guessed" or "unsure";
- bluffers: pick at random and say "sure" four times in five.

One claim is planted as ambiguous: a knower who knows the article reads it the other way (as a
careless bank author might have keyed it) three times in four. A good item analysis flags that
question and no other much; calibration puts the bluffers' "sure" answers at chance.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from newsquiz.analysis import attempts_from_rows, calibration, item_analysis
from newsquiz.bank import load_library
from newsquiz.quiz import Question, build_session, grade
from newsquiz.schedule import next_card
from newsquiz.store import CardRow, Store

PLANTED = "border-clash-weapons"  # a supported claim, asked as true/false under seed 1
T0 = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)


@dataclass(frozen=True)
class Learner:
    """A synthetic learner: what kind, how often they know a fact."""

    name: str
    kind: str  # knower, guesser, bluffer
    ability: float


def _answer(learner: Learner, question: Question, rng: random.Random) -> str:
    keys = [o.key for o in question.options]
    wrong = [k for k in keys if k != question.answer_key]
    if learner.kind == "knower":
        if question.claim.id == PLANTED and rng.random() < 0.75:
            return rng.choice(wrong) + "!"  # reads the ambiguous claim the other way, sure
        if rng.random() < learner.ability:
            return question.answer_key + ("!" if rng.random() < 0.85 else "?")
        return rng.choice(keys) + ("??" if rng.random() < 0.7 else "?")
    choice = rng.choice(keys)
    if learner.kind == "bluffer":
        return choice + ("!" if rng.random() < 0.8 else "?")
    return choice + ("??" if rng.random() < 0.7 else "?")


def simulate(
    folder: Path, seed: int = 2026, knowers: int = 24, guessers: int = 6, bluffers: int = 6
) -> dict[str, Any]:
    """Run the class; return the item analysis, per-kind calibration and headline figures."""
    rng = random.Random(seed)
    library = load_library()
    session = build_session(library.claims, seed=1)
    learners = (
        [Learner(f"knower{i:02d}", "knower", rng.uniform(0.7, 0.95)) for i in range(knowers)]
        + [Learner(f"guesser{i:02d}", "guesser", 0.0) for i in range(guessers)]
        + [Learner(f"bluffer{i:02d}", "bluffer", 0.0) for i in range(bluffers)]
    )
    attempts = []
    kind_of: dict[str, str] = {}
    for learner in learners:
        path = folder / f"{learner.name}.sqlite3"
        store = Store(path)
        store.conn.execute("PRAGMA synchronous=OFF")  # synthetic data: no need to wait for disk
        sid = store.start_session("quiz", session.seed, ["modi"], len(session.questions), T0)
        for question in session.questions:
            result = grade(question, _answer(learner, question, rng))

            def card(prev: CardRow | None, fp: str, r: Any = result) -> tuple[str, int, int, int]:
                return next_card(r.question.id, prev, fp, r.correct, T0, r.confidence)

            store.record_answer(sid, result, T0, card)
        store.finish_session(sid, T0)
        attempts += attempts_from_rows(str(path), store.attempts())
        store.close()
        kind_of[str(path)] = learner.kind
    items = item_analysis(attempts, {c.id: c for c in library.claims})
    planted = next(i for i in items["items"] if i["claim"] == PLANTED)
    by_kind = {}
    for kind in ("knower", "guesser", "bluffer"):
        rows = [a for a in attempts if kind_of[a.learner] == kind]
        if rows:
            by_kind[kind] = calibration(rows)
    ranked = sorted(
        (i for i in items["items"] if i["discrimination"] is not None),
        key=lambda i: i["discrimination"],
    )
    return {
        "learners": len(learners),
        "questions": len(session.questions),
        "items": items,
        "planted": planted,
        "planted_rank": 1 + [i["question"] for i in ranked].index(planted["question"]),
        "flagged": items["flagged"],
        "median_discrimination": statistics.median(i["discrimination"] for i in ranked),
        "calibration": by_kind,
    }


def main(argv: list[str] | None = None) -> int:
    """Print the figures the README quotes."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--knowers", type=int, default=24)
    parser.add_argument("--guessers", type=int, default=6)
    parser.add_argument("--bluffers", type=int, default=6)
    parser.add_argument("--runs", type=int, default=1, help="classes to simulate (seed, seed+1..)")
    args = parser.parse_args(argv)
    if args.runs > 1:
        return _many(args)
    with tempfile.TemporaryDirectory() as tmp:
        out = simulate(Path(tmp), args.seed, args.knowers, args.guessers, args.bluffers)
    p = out["planted"]
    by_id = {i["question"]: i for i in out["items"]["items"]}
    print(f"{out['learners']} learners, {out['questions']} questions each (seed {args.seed})")
    print(
        f"planted ambiguous item {p['question']}: facility {p['facility']:.2f}, "
        f"discrimination {p['discrimination']:+.2f} (lowest {out['planted_rank']} of "
        f"{len(out['items']['items'])}; median item {out['median_discrimination']:+.2f})"
    )
    flagged = [f"{q} ({by_id[q]['discrimination']:+.2f})" for q in out["flagged"]]
    print(f"flagged: {', '.join(flagged) or 'none'}")
    for kind, c in out["calibration"].items():
        sure = c["by_confidence"].get("sure")
        said = "never says sure"
        if sure:
            said = f"sure answers right {sure['accuracy']:5.1f}% (chance {sure['chance']:.1f}%)"
        print(
            f"{kind + 's':9} accuracy {c['overall']['accuracy']:5.1f}%  above chance "
            f"{c['overall']['chance_corrected']:6.1f}  {said}"
        )
    return 0


def _many(args: argparse.Namespace) -> int:
    """Several classes: how often the planted item is caught, and what else is flagged."""
    lowest = caught = others = 0
    knower_sure: list[float] = []
    bluffer_sure: list[float] = []
    for run in range(args.runs):
        with tempfile.TemporaryDirectory() as tmp:
            out = simulate(Path(tmp), args.seed + run, args.knowers, args.guessers, args.bluffers)
        lowest += out["planted_rank"] == 1
        caught += out["planted"]["question"] in out["flagged"]
        others += len(out["flagged"]) - (out["planted"]["question"] in out["flagged"])
        cal = out["calibration"]
        knower_sure.append(cal["knower"]["by_confidence"]["sure"]["accuracy"])
        bluffer_sure.append(cal["bluffer"]["by_confidence"]["sure"]["accuracy"])
    n = args.runs
    print(f"{n} classes of {out['learners']} learners, {out['questions']} questions each")
    print(f"planted item flagged in {caught}/{n}, lowest discrimination in {lowest}/{n}")
    print(f"other items flagged: {others / n:.1f} per class (of {out['questions'] - 1})")
    print(
        f"sure answers right: knowers {statistics.mean(knower_sure):.1f}% "
        f"(min {min(knower_sure):.1f}), bluffers {statistics.mean(bluffer_sure):.1f}% "
        f"(max {max(bluffer_sure):.1f})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
