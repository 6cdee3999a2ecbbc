"""Finding the sentences of an article that bear on a statement.

Two uses: `newsquiz find` ranks the sentences of the loaded articles against a statement, and the
validator points an author whose quote was not found at the closest passage.

The ranking is BM25 over stemmed words (snowballstemmer), after mapping a statement's words onto
the article's through a small table of news paraphrases ("troops" for "soldiers", "two-fifths" for
"40%") and spelled-out numbers; rapidfuzz's token-set ratio breaks ties and catches near
spellings. No model to download: the default install stays light.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from .model import Article
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

    def to_json(self) -> dict[str, object]:
        """The documented shape of an item of `find --json`."""
        return {
            "article": self.article,
            "paragraph": self.paragraph,
            "sentence": self.sentence,
            "score": round(self.score, 3),
        }


@dataclass(frozen=True)
class _Doc:
    article: str
    paragraph: int
    start: int
    sentence: str
    terms: Counter[str]
    length: int


def _documents(articles: Iterable[Article]) -> list[_Doc]:
    docs = []
    for a in articles:
        for s, e, p in layout(a.text).sentences:
            sentence = a.text[s:e]
            t = Counter(terms(sentence))
            docs.append(_Doc(a.id, p, s, sentence, t, sum(t.values())))
    return docs


def rank(statement: str, articles: Sequence[Article], limit: int = 5) -> list[Hit]:
    """The article sentences that bear on a statement, best first (BM25 plus fuzzy overlap)."""
    from rapidfuzz import fuzz

    docs = _documents(articles)
    query = Counter(terms(statement))
    if not docs or not query:
        return []
    n = len(docs)
    avg = sum(d.length for d in docs) / n or 1.0
    df = Counter(t for d in docs for t in d.terms)
    k1, b = 1.2, 0.75
    hits = []
    for d in docs:
        score = 0.0
        matched = []
        for t, qtf in query.items():
            tf = d.terms.get(t, 0)
            if not tf:
                continue
            idf = math.log(1 + (n - df[t] + 0.5) / (df[t] + 0.5))
            weight = 1.5 if t.isdigit() else 1.0  # numbers pin a statement to a sentence
            score += weight * qtf * idf * tf * (k1 + 1) / (tf + k1 * (1 - b + b * d.length / avg))
            matched.append(t)
        fuzzy = fuzz.token_set_ratio(statement.lower(), d.sentence.lower()) / 100
        score += 0.5 * fuzzy
        hits.append(Hit(d.article, d.paragraph, d.sentence, d.start, score, tuple(matched)))
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
