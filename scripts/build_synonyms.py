"""Build `find`'s synonym table from WordNet 3.0 (run by hand; the table is committed).

    apt-get install wordnet-base        # Debian's copy of the WordNet database
    python scripts/build_synonyms.py [/usr/share/wordnet]

For every word or phrase of WordNet, the table lists the other words of its most frequent senses
(the first SENSES synsets of each part of speech, which WordNet orders by frequency), so that
`find` can match "swapped" with "switched" or "the Golden State" with "California" without
loading a model. Word forms ("gave", "geese") map to their base words through WordNet's own
exception lists, kept in the same file. The result is sorted, one entry per line, so `find` can
binary-search it without reading it all. WordNet's licence travels beside it.
"""

from __future__ import annotations

import re
import sys
from collections import defaultdict
from pathlib import Path

SENSES = 2
POS = ("noun", "verb", "adj", "adv")
OUT = Path(__file__).resolve().parents[1] / "src" / "newsquiz" / "synonyms.txt"
STOP = frozenset(
    """a an the and or of to in on at by for from with as is are was were be been being has have
    had it its this that these those he she they his her their our we you i not no but so than
    then there which who whom what when where while also about into over after before since
    would will can could may might said says say according""".split()
)


def norm(lemma: str) -> str:
    """A WordNet lemma as find spells a phrase: lower case, words only, no stop words."""
    words = re.findall(r"[a-z]+(?:[-'][a-z]+)*", lemma.lower().replace("_", " "))
    return " ".join(w for w in words if w not in STOP)


def main(folder: Path) -> None:
    """Write the table."""
    chosen: dict[str, set[str]] = defaultdict(set)  # word -> synsets of its main senses
    for pos in POS:
        for line in (folder / f"index.{pos}").read_text(encoding="latin-1").splitlines():
            if line.startswith(" "):
                continue
            parts = line.split()
            lemma, p, synset_cnt, ptr_cnt = parts[0], parts[1], int(parts[2]), int(parts[3])
            offsets = parts[6 + ptr_cnt : 6 + ptr_cnt + synset_cnt]
            word = norm(lemma)
            if word and not any(ch.isdigit() for ch in lemma):
                chosen[word].update(f"{p}{o}" for o in offsets[:SENSES])
    members: dict[str, set[str]] = defaultdict(set)
    for word, synsets in chosen.items():
        for s in synsets:
            members[s].add(word)
    lines = []
    for word, synsets in chosen.items():
        others = sorted({w for s in synsets for w in members[s]} - {word})
        if others and "\t" not in word:
            lines.append(f"{word}\t{'|'.join(others)}")
    forms: dict[str, set[str]] = defaultdict(set)
    for pos in POS:
        for line in (folder / f"{pos}.exc").read_text(encoding="latin-1").splitlines():
            form, *bases = line.split()
            for base in bases:
                if norm(form) and norm(base) and norm(form) != norm(base):
                    forms[norm(form)].add(norm(base))
    # "=" marks a word form's base words, so a form that is also a word keeps both lines.
    lines += [f"{form}\t={'|'.join(sorted(bases))}" for form, bases in forms.items()]
    OUT.write_text("\n".join(sorted(lines)) + "\n", encoding="utf-8")
    print(f"{OUT}: {len(lines)} entries, {OUT.stat().st_size / 1e6:.1f} MB")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "/usr/share/wordnet"))
