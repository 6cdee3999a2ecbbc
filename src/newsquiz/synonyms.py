"""Words that can stand for each other, from WordNet, for `find` to widen a statement with.

The table (`synonyms.txt`, built from WordNet 3.0 by scripts/build_synonyms.py; licence in
`synonyms-LICENSE.txt`) lists for each word or phrase the other words of its most frequent
senses: "swap" gives "switch", "the Golden State" gives "California". It is sorted and
binary-searched in place, so a statement's few words cost microseconds and nothing is loaded
up front: `find` stays within its start-up budget with no model and no download.
"""

from __future__ import annotations

import mmap
from functools import lru_cache
from pathlib import Path

_TABLE = Path(__file__).with_name("synonyms.txt")

# Regular inflections back to a base word (WordNet's "morphy" rules); irregular forms are in the
# table itself as "=base" lines.
_DETACH = (
    ("ies", "y"),
    ("ses", "s"),
    ("xes", "x"),
    ("zes", "z"),
    ("ches", "ch"),
    ("shes", "sh"),
    ("men", "man"),
    ("es", "e"),
    ("es", ""),
    ("s", ""),
    ("ied", "y"),
    ("ed", "e"),
    ("ed", ""),
    ("ing", "e"),
    ("ing", ""),
    ("er", ""),
    ("er", "e"),
    ("est", ""),
    ("est", "e"),
)


@lru_cache(maxsize=1)
def _data() -> bytes | mmap.mmap:
    """The table, mapped rather than read: a lookup touches a few pages of its 4 MB."""
    try:
        with _TABLE.open("rb") as f:
            return mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
    except (OSError, ValueError):  # missing or empty: find still matches the words themselves
        return b""


def _entries(key: str) -> list[str]:
    """The table's lines for one key (a word may have a synonym line and a base-word line)."""
    data, target = _data(), key.encode()
    lo, hi = 0, len(data)
    while lo < hi:  # the first line whose key is >= target
        start = data.rfind(b"\n", 0, (lo + hi) // 2) + 1
        if data[start : data.find(b"\t", start)] < target:
            lo = data.find(b"\n", start) + 1 or len(data)
        else:
            hi = start
    out = []
    while lo < len(data):
        tab, end = data.find(b"\t", lo), data.find(b"\n", lo)
        if data[lo:tab] != target:
            break
        out.append(data[tab + 1 : end].decode())
        lo = end + 1
    return out


def _bases(word: str) -> set[str]:
    """A word's base forms: WordNet's irregular ones, then the regular rules."""
    bases = {b for line in _entries(word) if line.startswith("=") for b in line[1:].split("|")}
    for suffix, repl in _DETACH:
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            bases.add(word[: -len(suffix)] + repl)
    bases.discard(word)
    return bases


@lru_cache(maxsize=4096)
def synonyms(phrase: str) -> frozenset[str]:
    """Words and phrases that can stand for a lower-case word or phrase (not the phrase itself)."""
    words = phrase.split()
    forms = {phrase}
    if words:
        # "gave up" -> "give up", "troops" -> "troop": inflect the head word only
        forms |= {" ".join([b, *words[1:]]) for b in _bases(words[0])}
        if len(words) > 1:
            forms |= {" ".join([*words[:-1], b]) for b in _bases(words[-1])}
    found = {
        s
        for f in forms
        for line in _entries(f)
        if not line.startswith("=")
        for s in line.split("|")
    }
    return frozenset(found - forms)
