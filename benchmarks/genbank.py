"""Write a synthetic bank of N claims and its article, for the benchmark (and by hand)."""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

PLACES = ["Moscow", "Delhi", "Chennai", "Vladivostok", "Kyiv", "Tashkent", "Astana", "Beijing"]
VERDICTS = ["supported", "refuted", "not-stated"]


def sentence(i: int) -> str:
    """A unique article sentence holding a number, a place and a year."""
    place = PLACES[i % len(PLACES)]
    return (
        f"Report {i} said that {i * 7 % 997} delegates met in {place} in {1990 + i % 35}, "
        f"and trade item {i} rose by {i % 89} percent."
    )


def write_bank(folder: Path, claims: int, sentences: int | None = None) -> Path:
    """Write `bank.yaml` with `claims` claims and `article.txt`; return the bank path."""
    folder.mkdir(parents=True, exist_ok=True)
    n_sent = sentences or min(claims, 2000)
    paragraphs = []
    for p in range(0, n_sent, 5):
        paragraphs.append(" ".join(sentence(i) for i in range(p, min(p + 5, n_sent))))
    article = "\n\n".join(paragraphs) + "\n"
    (folder / "article.txt").write_text(article, encoding="utf-8")
    sha = hashlib.sha256(article.encode()).hexdigest()
    out = [
        "format: newsquiz/1",
        "article:",
        f"  id: synthetic-{claims}",
        f"  title: A synthetic article for {claims} claims",
        "  published: 2024-07-09",
        "  text: article.txt",
        f"  sha256: {sha}",
        "claims:",
    ]
    for c in range(claims):
        i = c % n_sent
        verdict = VERDICTS[c % 3]
        out += [
            f"  - id: claim-{c}",
            f"    claim: Report {i} put the delegates at {i * 7 % 997} in {1990 + i % 35}.",
            f"    verdict: {verdict}",
            "    evidence:",
            f"      - Report {i} said that {i * 7 % 997} delegates met",
        ]
        if verdict == "refuted":
            out += [f"    correction: It said {i * 7 % 997} delegates.", "    change: number"]
        out.append(f"    tags: [numbers, group-{c % 10}]")
        if c % 2 == 0:
            out += [
                "    choice:",
                f"      question: How many delegates met, according to report {i}?",
                f"      answer: '{i * 7 % 997}'",
                f"      distractors: ['{i * 7 % 997 + 1}', '{i * 7 % 997 + 2}', "
                f"'{i * 7 % 997 + 3}']",
            ]
    path = folder / "bank.yaml"
    path.write_text("\n".join(out) + "\n", encoding="utf-8")
    return path


if __name__ == "__main__":
    target = write_bank(Path(sys.argv[1]), int(sys.argv[2]))
    print(f"{target}: {target.stat().st_size:,} bytes")
