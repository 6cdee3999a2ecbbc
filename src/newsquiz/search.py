"""Finding the sentences of an article that bear on a statement.

Two uses: `newsquiz find` ranks the sentences of the loaded articles against a statement, and the
validator points an author whose quote was not found at the closest passage.

The ranking is BM25 over Snowball stems. Each word of the statement also matches, at a discount,
through its WordNet synonyms and the phrases they form (synonyms.py: "swapped" finds "switched",
"the Golden State" finds "California"), after a small table of news paraphrases maps words onto
one concept ("troops" for "soldiers"). Numbers match as values (quantities.py: "two-fifths" is
40%, "30 metres" is about 100 feet). rapidfuzz's token-set ratio breaks ties and catches near
spellings. Each hit carries the share of the statement's weight it matched, so that `find` can
say "nothing close" instead of listing noise. No model to download: the default install stays
light, and an article's index is cached so that only the statement is analysed per call.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .model import Article
from .quantities import Quantity, likeness, quantities
from .text import layout, normalise_quote

# Words a statement may use for what the article says otherwise. Each group is one concept;
# every word in it is searched as the group's first word.
_CONCEPTS = (
    """
soldier troop troops soldiers forces army servicemen
kill killed dead died die deaths death killing fatalities
defence defense military arms weapons weapon armaments equipment
supply supplies supplier suppliers supplied
buy buying bought purchase purchases purchasing procure procurement procurements
import imports imported
export exports exported sold sell
oil crude petroleum
meet met meeting meetings talks summit visit visited saw see gathering
condemn condemning condemned criticise criticised criticize criticized denounce denounced
found founded establish established create created formed set
india indian indians delhi
russia russian russians moscow kremlin
china chinese beijing
ukraine ukrainian kyiv kiev
us u.s. american americans america washington
uk britain british england
trade commerce
help benefit benefits aid
view look looks perceive sees
percent %
hospital clinic
missile missiles rocket rockets strike strikes attack attacks hit
reporter reporters journalists
wreath memorial flowers
plant plants reactor reactors station stations
port harbour harbor
corridor route shipping
sanction sanctions embargo penalties penalty
border frontier boundary
clash clashed clashes confrontation skirmish fight fought fighting
nuclear atomic
invade invaded invasion
settle settled settlement peaceful peace
photo photos picture pictures image images
media television broadcast broadcasters press
tension tensions strain strained fraught friction soured
leader leaders president premier
anniversary years
sco shanghai
"""
    "".strip().splitlines()
)
_FRACTIONS = {
    "half": "50",
    "third": "33",
    "quarter": "25",
    "fifth": "20",
    "two-fifths": "40",
    "three-fifths": "60",
    "two-thirds": "66",
    "three-quarters": "75",
    "tenth": "10",
}
_UNITS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen".split()
)
_TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()
_WORD = re.compile(r"\d+(?:[.,]\d+)*%?|[a-z]+(?:[-'][a-z]+)*")
_STOP = frozenset(
    """a an the and or of to in on at by for from with as is are was were be been being has have
    had it its this that these those he she they his her their our we you i not no but so than
    then there which who whom what when where while also about into over after before since
    would will can could may might said says say according""".split()
)


def _number_word(word: str) -> str | None:
    if word in _FRACTIONS:
        return _FRACTIONS[word]
    if word in _UNITS:
        return str(_UNITS.index(word))
    if word in _TENS:
        return str(_TENS.index(word) * 10)
    head, _, tail = word.partition("-")
    if head in _TENS and tail in _UNITS:
        return str(_TENS.index(head) * 10 + _UNITS.index(tail))
    return None


@lru_cache(maxsize=1)
def _concepts() -> dict[str, str]:
    """Each paraphrase word, and its stem, to its concept."""
    stem = _stemmer().stemWord  # type: ignore[attr-defined]
    table: dict[str, str] = {}
    for line in _CONCEPTS:
        words = line.split()
        for w in words:
            table.setdefault(w, words[0])
            table.setdefault(stem(w), words[0])
    return table


@lru_cache(maxsize=1)
def _stemmer() -> object:
    """The Snowball English stemmer: PyStemmer's C build (imports in about a millisecond), else
    the pure-Python snowballstemmer, which gives the same stems but loads every language."""
    try:
        import Stemmer

        return Stemmer.Stemmer("english")
    except ImportError:
        import snowballstemmer

        return snowballstemmer.stemmer("english")


@lru_cache(maxsize=65536)
def _term(word: str) -> str:
    """One word as a search term: numbers as digits, paraphrases as their concept, then stemmed."""
    if word[0].isdigit():
        return word.rstrip("%").replace(",", "")
    number = _number_word(word)
    if number is not None:
        return number
    concept = _concepts().get(word)
    if concept is not None:
        return concept
    stem: str = _stemmer().stemWord(word)  # type: ignore[attr-defined]
    return _concepts().get(stem, stem)


def terms(text: str) -> list[str]:
    """The search terms of a text."""
    words = _WORD.findall(normalise_quote(text).lower().replace("’", "'"))
    out = []
    for w in words:
        if w in _STOP:
            continue
        if w.endswith("%"):
            out.append(w[:-1])
            out.append("percent")
            continue
        out.append(_term(w))
        if "-" in w and _number_word(w) is None:  # "two-day" also as 2 and "day", "China-India"
            # as both countries; but "forty-two" and "two-fifths" stay the numbers they are
            out.extend(_term(part) for part in w.split("-") if part and part not in _STOP)
    return out


@dataclass(frozen=True)
class Hit:
    """A sentence that bears on a statement."""

    article: str
    paragraph: int
    sentence: str
    start: int
    score: float
    matched: tuple[str, ...]
    # The share of the statement's weight that this sentence matched (0..1): under
    # CLOSE_ENOUGH, the sentence only shares noise with the statement.
    coverage: float = 1.0

    def to_json(self) -> dict[str, object]:
        """The documented shape of an item of `find --json`."""
        return {
            "article": self.article,
            "paragraph": self.paragraph,
            "sentence": self.sentence,
            "score": round(self.score, 3),
        }


# A synonym (WordNet, or a phrase for a phrase) counts for this much of an exact word.
SYNONYM_WEIGHT = 0.6
# Numbers pin a statement to a sentence: a matching value counts this much more than a word.
NUMBER_WEIGHT = 1.5
# Below this share of its weight matched, no sentence is close to a statement.
CLOSE_ENOUGH = 0.12
_K1, _B = 1.2, 0.75


@dataclass(frozen=True)
class _Doc:
    article: str
    paragraph: int
    start: int
    sentence: str
    terms: Counter[str]
    length: int
    numbers: tuple[Quantity, ...]


def _ngrams(items: Sequence[str], sizes: Iterable[int] = (2, 3)) -> list[str]:
    return [" ".join(items[i : i + n]) for n in sizes for i in range(len(items) - n + 1)]


def _documents(articles: Iterable[Article]) -> list[_Doc]:
    docs = []
    for a in articles:
        for paragraph, s, e, counts, length, numbers in _article_index(a.text):
            docs.append(
                _Doc(
                    a.id,
                    paragraph,
                    s,
                    a.text[s:e],
                    Counter(counts),
                    length,
                    tuple(Quantity(v, k, t) for v, k, t in numbers),
                )
            )
    return docs


_Row = tuple[int, int, int, dict[str, int], int, list[tuple[float, str, str]]]


def _article_index(text: str) -> list[_Row]:
    """Each sentence's terms, phrases and numbers: cached per article text, since stemming a
    whole article costs more than the rest of `find`."""
    import json

    path = _index_path(text)
    if path is not None:
        try:
            rows = [
                (p, s, e, c, n, [(float(v), str(k), str(t)) for v, k, t in qs])
                for p, s, e, c, n, qs in json.loads(path.read_bytes())
                if isinstance(c, dict) and all(isinstance(x, int) for x in (p, s, e, n))
            ]
            if rows or not text.strip():
                return rows
        except (OSError, ValueError, TypeError):
            pass  # missing, damaged or foreign: build it again
    rows_out: list[_Row] = []
    for s, e, p in layout(text).sentences:
        sentence = text[s:e]
        words = terms(sentence)
        counts = Counter(words)
        counts.update(_ngrams(words))  # phrases, for synonyms that are phrases ("los angel")
        numbers = [(q.value, q.kind, q.text) for q in quantities(sentence)]
        rows_out.append((p, s, e, dict(counts), len(words), numbers))
    if path is not None:
        _write_atomically(path, json.dumps(rows_out).encode())
    return rows_out


def _index_path(text: str) -> Path | None:
    """Where the index of an article's text is cached (None when caching is off)."""
    import hashlib

    from . import __version__
    from .cache import cache_dir

    folder = cache_dir()
    if folder is None:
        return None
    h = hashlib.sha256(f"{__version__}\0".encode())
    for source in (__file__, quantities.__code__.co_filename):  # a changed rule, a new index
        h.update(Path(source).read_bytes())
    h.update(text.encode())
    return folder.parent / "find" / f"{h.hexdigest()}.json"


def _write_atomically(path: Path, data: bytes) -> None:
    import os
    import tempfile

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except OSError:
        pass  # a read-only cache folder only costs speed


def _slots(statement: str) -> list[dict[str, float]]:
    """A statement as slots: each word (or phrase) with the terms that may stand for it."""
    from .synonyms import synonyms

    raw = [
        w
        for w in _WORD.findall(normalise_quote(statement).lower().replace("’", "'"))
        if w not in _STOP
    ]
    slots: list[dict[str, float]] = []
    for w in raw:
        own = [t for t in terms(w) if not t[0].isdigit()]  # numbers are matched as values
        if not own:
            continue
        slot = {t: 1.0 for t in own}
        for syn in synonyms(w):
            key = " ".join(terms(syn))
            if key and not key[0].isdigit():
                slot.setdefault(key, SYNONYM_WEIGHT)
        slots.append(slot)
    for phrase in _ngrams([w for w in raw if w.isalpha() or "-" in w]):
        alternatives = {" ".join(terms(syn)) for syn in synonyms(phrase)}
        if alternatives - {""}:
            slots.append({k: SYNONYM_WEIGHT for k in alternatives if k})
    return slots


def _idf(n: int, df: int) -> float:
    return math.log(1 + (n - df + 0.5) / (df + 0.5))


def rank(statement: str, articles: Sequence[Article], limit: int = 5) -> list[Hit]:
    """The article sentences that bear on a statement, best first.

    BM25 over stemmed words, each word also matched through its synonyms; numbers matched as
    values; rapidfuzz's token-set ratio to break ties and catch near spellings.
    """
    from rapidfuzz import fuzz

    docs = _documents(articles)
    slots = _slots(statement)
    numbers = quantities(statement)
    if not docs or not (slots or numbers):
        return []
    n = len(docs)
    avg = sum(d.length for d in docs) / n or 1.0
    df = Counter(t for d in docs for t in d.terms)
    num_df = [sum(any(likeness(q, x) >= 0.75 for x in d.numbers) for d in docs) for q in numbers]
    # What a slot could add at most: its best word present once in an average sentence.
    best = [max(w * _idf(n, df[t]) for t, w in slot.items()) for slot in slots]
    best += [NUMBER_WEIGHT * _idf(n, f) for f in num_df]
    total = sum(best) or 1.0
    hits = []
    for d in docs:
        norm = _K1 * (1 - _B + _B * d.length / avg)
        score = 0.0
        matched: list[str] = []
        for slot in slots:
            gain, term = 0.0, ""
            for t, w in slot.items():
                tf = d.terms.get(t, 0)
                if tf:
                    g = w * _idf(n, df[t]) * tf * (_K1 + 1) / (tf + norm)
                    if g > gain:
                        gain, term = g, t
            if gain:
                score += gain
                matched.extend(term.split())
        for q, f in zip(numbers, num_df, strict=True):
            like, which = max(
                ((likeness(q, x), x) for x in d.numbers), key=lambda p: p[0], default=(0.0, None)
            )
            if like and which is not None:
                score += NUMBER_WEIGHT * like * _idf(n, f) * (_K1 + 1) / (1 + norm)
                matched.extend(terms(which.text))
        coverage = min(1.0, score / total)
        fuzzy = fuzz.token_set_ratio(statement.lower(), d.sentence.lower()) / 100
        score += 0.5 * fuzzy
        found = tuple(matched)
        hits.append(Hit(d.article, d.paragraph, d.sentence, d.start, score, found, coverage))
    hits.sort(key=lambda h: (-h.score, h.article, h.start))
    return hits[:limit]


def matching_spans(sentence: str, matched: Iterable[str]) -> list[tuple[int, int]]:
    """Where the words that matched a statement are in a sentence, for highlighting."""
    wanted = set(matched)
    spans = []
    for m in re.finditer(r"\d+(?:[.,]\d+)*%?|[^\W\d_]+(?:[-'’][^\W\d_]+)*", sentence):
        word = m.group().lower().replace("’", "'")
        if word in _STOP:
            continue
        found = terms(word)
        if any(t in wanted for t in found):
            spans.append(m.span())
    return spans


def closest_passage(article: Article, needle: str, limit: int = 160) -> str:
    """The passage of an article most like a quote that was not found in it."""
    from rapidfuzz import fuzz

    best = rank(needle, [article], limit=1)
    text = best[0].sentence if best else article.text
    found = fuzz.partial_ratio_alignment(needle, text)
    start, end = (found.dest_start, found.dest_end) if found else (0, len(text))
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    while end < len(text) and not text[end].isspace():
        end += 1
    passage = " ".join(text[start:end].split())
    return passage if len(passage) <= limit else passage[: limit - 1] + "…"
