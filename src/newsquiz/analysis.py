"""Item analysis and calibration over one or more learners' histories. Pure functions.

Item analysis asks of each question what a teacher's quiz report asks (Moodle's quiz statistics,
ShinyItemAnalysis): how many got it right the first time (facility), how far above chance that
is (facility corrected for guessing), whether the learners who do well elsewhere also get it
right (discrimination: the point-biserial correlation of the item with the rest score, the
"corrected item-total correlation"), which distractors nobody picks, and, for true/false, which
verdict learners confuse with which. An item whose discrimination is negative or low needs
checking: a wrong key, an ambiguous wording, a claim the article does not settle.

Calibration asks of one learner whether "sure" means right: accuracy by the confidence they gave,
by the trap a refuted claim sets, and where their sure answers are wrong.

Each history file is one learner; several are analysed together as a class, read-only.
"""

from __future__ import annotations

import json
import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .model import Claim

# Discrimination needs enough learners to mean anything; below this it is not reported.
MIN_LEARNERS = 5
# Moodle highlights a question whose discriminative efficiency is under 15% as dubious, and a
# negative discrimination index as a likely wrong key; the same cut-offs flag items here.
LOW_DISCRIMINATION = 0.15
# A distractor chosen by fewer than 5% of learners is "non-functioning" (Haladyna & Downing).
NON_FUNCTIONING = 0.05
# Calibration: sure answers right less often than this are overconfidence.
SURE_ENOUGH = 0.75
TF_ANSWERS = ("True", "False", "Not stated")
VERDICT_ANSWER = {"supported": "True", "refuted": "False", "not-stated": "Not stated"}
CONFIDENCE_ORDER = ("sure", "unsure", "guessed", "not said")


@dataclass(frozen=True)
class Attempt:
    """One recorded answer, with the learner (history file) who gave it."""

    learner: str
    at: int
    question: str
    claim: str
    kind: str
    given: str
    correct: bool
    verdict: str
    change: str | None
    tags: tuple[str, ...]
    options: int
    confidence: str | None

    @property
    def chance(self) -> float:
        """The chance of a blind guess being right."""
        return 1.0 / max(self.options, 2)


def attempts_from_rows(learner: str, rows: Iterable[Sequence[Any]]) -> list[Attempt]:
    """Attempts from `Store.attempts()` rows; unknown option counts are inferred.

    Histories written before newsquiz stored the option count: a multiple-choice question is
    taken to have had 4 options, a true/false one 3 when "Not stated" was its answer or the
    learner's, else 2.
    """
    out = []
    for at, question, claim, kind, given, correct, verdict, change, tags, options, conf in rows:
        try:
            tag_list = tuple(str(t) for t in json.loads(tags))
        except (TypeError, ValueError):
            tag_list = ()
        if not isinstance(options, int) or options < 2:
            if kind == "mc":
                options = 4
            else:
                options = 3 if "Not stated" in (given, VERDICT_ANSWER.get(verdict)) else 2
        out.append(
            Attempt(
                learner,
                int(at),
                str(question),
                str(claim),
                str(kind),
                str(given),
                bool(correct),
                str(verdict),
                change,
                tag_list,
                options,
                conf if conf in ("sure", "unsure", "guessed") else None,
            )
        )
    return out


def pearson(xs: Sequence[float], ys: Sequence[float]) -> float | None:
    """Pearson's correlation of two equally long series; None when either does not vary.

    With `xs` scored 0/1 this is the point-biserial correlation.
    """
    n = len(xs)
    if n < 2 or n != len(ys):
        return None
    mx, my = sum(xs) / n, sum(ys) / n
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
    sxx = sum((x - mx) ** 2 for x in xs)
    syy = sum((y - my) ** 2 for y in ys)
    if sxx == 0 or syy == 0:
        return None
    return sxy / math.sqrt(sxx * syy)


def corrected_for_guessing(facility: float, options: int) -> float:
    """Facility above chance, rescaled so chance is 0 and all right is 1 (negative: below)."""
    chance = 1.0 / max(options, 2)
    return (facility - chance) / (1.0 - chance)


def first_attempts(attempts: Iterable[Attempt]) -> dict[tuple[str, str], Attempt]:
    """Each learner's first answer to each question, keyed by (learner, question)."""
    first: dict[tuple[str, str], Attempt] = {}
    for a in sorted(attempts, key=lambda a: a.at):
        first.setdefault((a.learner, a.question), a)
    return first


def _r(value: float | None, digits: int = 3) -> float | None:
    return None if value is None else round(value, digits)


def item_analysis(
    attempts: Sequence[Attempt],
    claims: Mapping[str, Claim] | None = None,
    min_learners: int = MIN_LEARNERS,
) -> dict[str, Any]:
    """Facility, discrimination, distractor use and flags for every question answered.

    `claims` (by id), when given, names the distractors nobody chose, which the history alone
    cannot know.
    """
    claims = claims or {}
    first = first_attempts(attempts)
    learners = sorted({a.learner for a in attempts})
    by_item: dict[str, list[Attempt]] = defaultdict(list)
    by_learner: dict[str, list[Attempt]] = defaultdict(list)
    for a in first.values():
        by_item[a.question].append(a)
        by_learner[a.learner].append(a)
    totals = {
        learner: (sum(a.correct for a in items), len(items))
        for learner, items in by_learner.items()
    }
    confusion = {v: {t: 0 for t in TF_ANSWERS} for v in VERDICT_ANSWER}
    items = []
    for qid in sorted(by_item):
        group = by_item[qid]
        n = len(group)
        right = sum(a.correct for a in group)
        facility = right / n
        options = Counter(a.options for a in group).most_common(1)[0][0]
        scores: list[float] = []
        rests: list[float] = []
        for a in group:
            total_right, total_n = totals[a.learner]
            if total_n > 1:  # the rest score: this learner's share right on every other item
                scores.append(float(a.correct))
                rests.append((total_right - a.correct) / (total_n - 1))
        discrimination = pearson(scores, rests) if len(scores) >= min_learners else None
        chosen = Counter(a.given for a in group)
        kind = group[0].kind
        item: dict[str, Any] = {
            "question": qid,
            "claim": group[0].claim,
            "kind": kind,
            "learners": n,
            "right": right,
            "facility": round(facility, 3),
            "options": options,
            "corrected_facility": round(corrected_for_guessing(facility, options), 3),
            "discrimination": _r(discrimination),
        }
        if kind == "mc":
            claim = claims.get(group[0].claim)
            offered = (
                [claim.choice.answer, *claim.choice.distractors] if claim and claim.choice else []
            )
            key = claim.choice.answer if claim and claim.choice else None
            for text in chosen:
                if text not in offered:
                    offered.append(text)
            item["answer"] = key or next((a.given for a in group if a.correct), None)
            item["choices"] = [
                {"text": t, "share": round(chosen.get(t, 0) / n, 3), "key": t == item["answer"]}
                for t in offered
            ]
            item["non_functioning"] = [
                c["text"]
                for c in item["choices"]
                if not c["key"] and c["share"] < NON_FUNCTIONING and n >= min_learners
            ]
        else:
            verdict = group[0].verdict
            row = {t: chosen.get(t, 0) for t in TF_ANSWERS}
            item["verdict"] = verdict
            item["answers"] = row
            if verdict in confusion:
                for t, count in row.items():
                    confusion[verdict][t] += count
        item["flags"] = _flags(item, n, min_learners)
        items.append(item)
    items.sort(key=lambda i: (not i["flags"], i["discrimination"] is None, i["question"]))
    return {
        "learners": learners,
        "items": items,
        "flagged": [i["question"] for i in items if i["flags"]],
        "tf_confusion": confusion,
        "min_learners": min_learners,
    }


def _flags(item: Mapping[str, Any], n: int, min_learners: int) -> list[str]:
    flags = []
    d = item["discrimination"]
    if d is not None and d < 0:
        flags.append("negative discrimination: learners who do well elsewhere miss it")
    elif d is not None and d < LOW_DISCRIMINATION:
        flags.append("low discrimination")
    if n >= min_learners and item["corrected_facility"] < 0:
        flags.append("below chance: most learners pick a wrong answer")
    return flags


def _acc(rows: Sequence[Attempt]) -> dict[str, Any]:
    n = len(rows)
    right = sum(a.correct for a in rows)
    chance = sum(a.chance for a in rows) / n if n else 0.0
    score = sum(1.0 if a.correct else -a.chance / (1 - a.chance) for a in rows)
    return {
        "answers": n,
        "correct": right,
        "accuracy": round(100.0 * right / n, 1) if n else 0.0,
        "chance": round(100.0 * chance, 1),
        "chance_corrected": round(100.0 * score / n, 1) if n else 0.0,
    }


def calibration(attempts: Sequence[Attempt]) -> dict[str, Any]:
    """Accuracy by confidence and by trap type, and where sure answers are often wrong.

    `chance_corrected` is formula scoring (right minus wrong / (options - 1)), in percent: 0 is
    what blind guessing earns on average, 100 all right.
    """
    by_conf: dict[str, list[Attempt]] = defaultdict(list)
    by_change: dict[str, list[Attempt]] = defaultdict(list)
    by_tag: dict[str, list[Attempt]] = defaultdict(list)
    for a in attempts:
        by_conf[a.confidence or "not said"].append(a)
        if a.verdict == "refuted" and a.change:
            by_change[a.change].append(a)
        for t in a.tags:
            by_tag[t].append(a)

    def with_sure(rows: Sequence[Attempt]) -> dict[str, Any]:
        sure = [a for a in rows if a.confidence == "sure"]
        out = _acc(rows)
        out["sure"] = len(sure)
        out["sure_wrong"] = sum(not a.correct for a in sure)
        return out

    overconfident = []
    for group, table in (("trap", by_change), ("tag", by_tag)):
        for name, rows in sorted(table.items()):
            sure = [a for a in rows if a.confidence == "sure"]
            if len(sure) >= 3 and sum(a.correct for a in sure) / len(sure) < SURE_ENOUGH:
                overconfident.append(
                    {
                        "group": group,
                        "name": name,
                        "sure": len(sure),
                        "sure_right": sum(a.correct for a in sure),
                    }
                )
    sure_all = by_conf.get("sure", [])
    wrong = [a for a in attempts if not a.correct]
    return {
        "answers": len(attempts),
        "overall": _acc(attempts),
        "by_confidence": {c: _acc(by_conf[c]) for c in CONFIDENCE_ORDER if by_conf.get(c)},
        "by_change": {k: with_sure(v) for k, v in sorted(by_change.items())},
        "sure_accuracy": (
            round(100.0 * sum(a.correct for a in sure_all) / len(sure_all), 1) if sure_all else None
        ),
        "confident_errors": sum(a.confidence == "sure" for a in wrong),
        "errors": len(wrong),
        "overconfident": overconfident,
    }


def class_calibration(attempts: Sequence[Attempt]) -> list[dict[str, Any]]:
    """One calibration line per learner, for comparing a class."""
    by_learner: dict[str, list[Attempt]] = defaultdict(list)
    for a in attempts:
        by_learner[a.learner].append(a)
    out = []
    for learner, rows in sorted(by_learner.items()):
        c = calibration(rows)
        out.append(
            {
                "learner": learner,
                **c["overall"],
                "sure_accuracy": c["sure_accuracy"],
                "confident_errors": c["confident_errors"],
            }
        )
    return out
