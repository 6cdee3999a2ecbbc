"""Measure `newsquiz find` on hand-written paraphrases of the shipped article.

    python benchmarks/find_eval.py [-v]

Each line of tests/data/paraphrases.tsv is a statement in other words and a piece of the
sentence that should come back; this prints the top-1 and top-3 hit rates.
"""

from __future__ import annotations

import sys
from pathlib import Path

from newsquiz.bank import load_library
from newsquiz.search import rank

DATA = Path(__file__).resolve().parents[1] / "tests" / "data"
SETS = {
    "tuned": DATA / "paraphrases.tsv",
    "held-out": DATA / "paraphrases-heldout.tsv",
    "fresh": DATA / "paraphrases-fresh.tsv",
}


def load_cases(path: Path) -> list[tuple[str, str]]:
    """The (statement, expected words) pairs of one set."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            statement, expected = line.split("\t")
            out.append((statement, expected))
    return out


def hit_rates(path: Path, verbose: bool = False) -> tuple[float, float, int]:
    """Top-1 and top-3 hit rates over a paraphrase set, and its size."""
    articles = [b.article for b in load_library().banks]
    top1 = top3 = 0
    cases = load_cases(path)
    for statement, expected in cases:
        hits = rank(statement, articles, limit=3)
        place = next((i for i, h in enumerate(hits) if expected in h.sentence), None)
        top1 += place == 0
        top3 += place is not None
        if verbose and place != 0:
            got = hits[0].sentence[:70] if hits else "-"
            print(f"miss@1 ({place}): {statement!r} -> {got!r}")
    return top1 / len(cases), top3 / len(cases), len(cases)


if __name__ == "__main__":
    for name, path in SETS.items():
        one, three, n = hit_rates(path, "-v" in sys.argv)
        print(f"{name}: {n} paraphrases: top-1 {one:.0%}, top-3 {three:.0%}")
