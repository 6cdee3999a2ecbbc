"""Article text: normalisation with a map back to the original, paragraphs and sentences.

Everything here works on character offsets into the article exactly as it is stored, so that a
quote found in normalised text can be shown, highlighted, in the original.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

from .errors import UNSAFE

# Typographic variants that a person typing a quote will not reproduce.
_QUOTES = dict.fromkeys("‘’‚‛′‹›", "'") | dict.fromkeys("“”„‟″«»", '"')
_DASHES = dict.fromkeys("‐‑‒–—―−⸺⸻﹘﹣－", "-")
_FOLD = _QUOTES | _DASHES


@lru_cache(maxsize=4096)
def _fold_unit(unit: str) -> str:
    """Normalise one base character with its combining marks."""
    out = unicodedata.normalize("NFKC", unit)
    return "".join(_FOLD.get(c, c) for c in out)


@dataclass(frozen=True)
class Normalised:
    """Normalised text and, for each of its characters, the span it came from in the original."""

    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a span of the normalised text back to the original text."""
        return self.starts[start], self.ends[end - 1]


def normalise(original: str) -> Normalised:
    """Apply NFKC, straighten quotes, unify dashes and fold white space, keeping an offset map."""
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    n = len(original)
    i = 0
    if original.isascii():
        # The common case: only white space can change, so skip the per-character work.
        for m in re.finditer(r"\s+|\S+", original):
            s, e = m.span()
            if original[s].isspace():
                if out and out[-1] != " ":
                    out.append(" ")
                    starts.append(s)
                    ends.append(e)
            else:
                out.append(m.group())
                starts.extend(range(s, e))
                ends.extend(range(s + 1, e + 1))
        text = "".join(out)
        return _trimmed(text, starts, ends)
    while i < n:
        c = original[i]
        if c.isspace():
            j = i + 1
            while j < n and original[j].isspace():
                j += 1
            if out and out[-1] != " ":
                out.append(" ")
                starts.append(i)
                ends.append(j)
            i = j
            continue
        j = i + 1
        while j < n and unicodedata.combining(original[j]):
            j += 1
        folded = _fold_unit(original[i:j])
        for fc in folded:
            if fc.isspace():  # NFKC turns some characters into spaces (NBSP and friends)
                if out and out[-1] != " ":
                    out.append(" ")
                    starts.append(i)
                    ends.append(j)
                continue
            out.append(fc)
            starts.append(i)
            ends.append(j)
        i = j
    return _trimmed("".join(out), starts, ends)


def _trimmed(text: str, starts: list[int], ends: list[int]) -> Normalised:
    if text.endswith(" "):
        text = text[:-1]
        del starts[-1], ends[-1]
    return Normalised(text, tuple(starts), tuple(ends))


def normalise_quote(quote: str) -> str:
    """Normalise a quote the same way as the article it is looked for in."""
    if quote.isascii():
        return " ".join(quote.split())  # what normalise() does to ASCII, without the map
    return normalise(quote).text


_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n")


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Return the (start, end) of each paragraph: blocks of text between blank lines."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for m in _BLANK_LINE.finditer(text + "\n\n"):
        block_start, block_end = pos, m.start()
        pos = m.end()
        chunk = text[block_start:block_end]
        if chunk.strip():
            lead = len(chunk) - len(chunk.lstrip())
            trail = len(chunk.rstrip())
            spans.append((block_start + lead, block_start + trail))
    return spans


# Sentence splitting is written here rather than taken from a library: the maintained splitters
# either pull in a language model (spaCy, stanza) or are slow to import and return text rather
# than offsets (pysbd). News prose needs a handful of rules and offsets are what we need.
_ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof st jr sr gen sen rep gov lt col maj capt sgt adm cmdr fr rev hon no nos
    vs etc inc co corp ltd jan feb mar apr jun jul aug sep sept oct nov dec approx est dept univ
    mt ft""".split()
)
_BOUNDARY = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]*[A-Z0-9$£€])")


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Split text[start:end] into sentences, returned as (start, end) offsets into text."""
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    sent_start = start
    for m in _BOUNDARY.finditer(text, start, end):
        if text[m.start()] == "." and _is_abbreviation(text, sent_start, m.start()):
            continue
        spans.append((sent_start, m.end()))
        rest = m.end()
        while rest < end and text[rest].isspace():
            rest += 1
        sent_start = rest
    if sent_start < end and text[sent_start:end].strip():
        tail_end = end
        while tail_end > sent_start and text[tail_end - 1].isspace():
            tail_end -= 1
        spans.append((sent_start, tail_end))
    return spans


def _is_abbreviation(text: str, sent_start: int, dot: int) -> bool:
    """Tell whether the period at `dot` ends an abbreviation rather than a sentence."""
    word_start = dot
    while word_start > sent_start and not text[word_start - 1].isspace():
        word_start -= 1
    word = text[word_start:dot].lstrip("\"'“‘([")
    if not word:
        return False
    if re.fullmatch(r"(?:[A-Za-z]\.)*[A-Za-z]", word):  # U.S, U.K, e.g, single initials
        return "." in word or word.isupper()
    return word.lower() in _ABBREVIATIONS


@dataclass(frozen=True)
class Layout:
    """Where the paragraphs and sentences of one article are."""

    paragraphs: tuple[tuple[int, int], ...]
    sentences: tuple[tuple[int, int, int], ...]  # (start, end, paragraph number from 1)

    def paragraph_of(self, offset: int) -> int:
        """Return the number (from 1) of the paragraph holding an offset."""
        i = bisect_right([s for s, _ in self.paragraphs], offset) - 1
        return max(i, 0) + 1

    def sentence_around(self, start: int, end: int) -> tuple[int, int, int]:
        """Return the span of the sentence(s) holding text[start:end] and its paragraph."""
        if not self.sentences:
            return start, end, 1
        first = max(bisect_right(self._starts, start) - 1, 0)
        last = max(bisect_right(self._starts, max(end - 1, start)) - 1, first)
        s, _, paragraph = self.sentences[first]
        return s, self.sentences[last][1], paragraph

    @property
    def _starts(self) -> list[int]:
        cached: list[int] | None = self.__dict__.get("_starts_cache")
        if cached is None:
            cached = [s for s, _, _ in self.sentences]
            object.__setattr__(self, "_starts_cache", cached)
        return cached


def layout(text: str) -> Layout:
    """Find the paragraphs and sentences of an article."""
    paragraphs = paragraph_spans(text)
    sentences: list[tuple[int, int, int]] = []
    for number, (ps, pe) in enumerate(paragraphs, start=1):
        sentences.extend((s, e, number) for s, e in sentence_spans(text, ps, pe))
    return Layout(tuple(paragraphs), tuple(sentences))


def has_control_characters(s: str) -> int:
    """Return the index of the first forbidden character in s, or -1.

    Forbidden: control characters (other than tab, newline, and a carriage return before a
    newline), and the invisible and direction-changing characters listed in errors.UNSAFE.
    """
    if s.isascii() and s.isprintable():
        return -1
    m = UNSAFE.search(s)
    return m.start() if m else -1
