"""Measure `newsquiz find` on hand-written paraphrases: how often the right sentence comes first.

    python benchmarks/find_eval.py [-v]

Each line of a set is a statement in other words, a tab, and a piece of the sentence that should
come back; this prints the top-1 and top-3 hit rates of each set. The first three sets are
paraphrases of the shipped article, and find's tables were tuned while looking at them; `dev`
paraphrases a fictional story written to develop on (its misses may be looked at). The
`unseen` and `unseen2` sets paraphrase fictional stories written only for this measurement
(tests/data/paraphrases-unseen*-article.txt): each was written and committed before find was run
on it, and neither is tuned on, so they stand for articles find has never seen. `-v` lists the
misses of the tuned sets only, so that looking at the unseen set's misses cannot become tuning.
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

from newsquiz.bank import load_library
from newsquiz.model import Article
from newsquiz.search import CLOSE_ENOUGH, rank
from newsquiz.text import paragraph_spans

DATA = Path(__file__).resolve().parents[1] / "tests" / "data"
SETS = {
    "tuned": DATA / "paraphrases.tsv",
    "held-out": DATA / "paraphrases-heldout.tsv",
    "fresh": DATA / "paraphrases-fresh.tsv",
    "dev": DATA / "paraphrases-dev.tsv",
    "unseen": DATA / "paraphrases-unseen.tsv",
    "unseen2": DATA / "paraphrases-unseen2.tsv",
}
# Sets about a story of their own rather than the shipped article; the unseen ones keep their
# misses to themselves.
OWN_ARTICLE = {"dev", "unseen", "unseen2"}
UNSEEN = {"unseen", "unseen2"}


def article_from(path: Path) -> Article:
    """A plain text file as an article find can search."""
    text = path.read_text(encoding="utf-8")
    digest = hashlib.sha256(text.encode()).hexdigest()
    spans = tuple(paragraph_spans(text))
    return Article(path.stem, path.stem, "2026-01-01", text, str(path), digest, None, spans)


def articles_for(name: str) -> list[Article]:
    """The articles a set's statements are looked up in."""
    if name in OWN_ARTICLE:
        return [article_from(DATA / f"paraphrases-{name}-article.txt")]
    return [b.article for b in load_library().banks]


def load_cases(path: Path) -> list[tuple[str, str]]:
    """The (statement, expected words) pairs of one set."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            statement, expected = line.split("\t")
            out.append((statement, expected))
    return out


def hit_rates(name: str, verbose: bool = False) -> tuple[float, float, int]:
    """Top-1 and top-3 hit rates over a paraphrase set, and its size."""
    articles = articles_for(name)
    top1 = top3 = 0
    cases = load_cases(SETS[name])
    for statement, expected in cases:
        # as `newsquiz find` shows them: the sentences close enough to the statement
        hits = [h for h in rank(statement, articles, limit=3) if h.coverage >= CLOSE_ENOUGH]
        place = next((i for i, h in enumerate(hits) if expected in h.sentence), None)
        top1 += place == 0
        top3 += place is not None
        if verbose and place != 0 and name not in UNSEEN:
            got = hits[0].sentence[:70] if hits else "-"
            print(f"miss@1 ({place}): {statement!r} -> {got!r}")
    return top1 / len(cases), top3 / len(cases), len(cases)


if __name__ == "__main__":
    for name in SETS:
        one, three, n = hit_rates(name, "-v" in sys.argv)
        print(f"{name}: {n} paraphrases: top-1 {one:.0%}, top-3 {three:.0%}")
