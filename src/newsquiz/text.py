"""Article text: normalisation with a map back to the original, paragraphs and sentences.

Everything here works on character offsets into the article exactly as it is stored, so that a
quote found in normalised text can be shown, highlighted, in the original.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from functools import cached_property, lru_cache

from .errors import UNSAFE

# Typographic variants that a person typing a quote will not reproduce.
_QUOTES = dict.fromkeys("‘’‚‛′‹›", "'") | dict.fromkeys("“”„‟″«»", '"')
# A short dash joins (a range, a compound: "2023–24"); a long one separates clauses, and a
# typewriter writes it as "--". Short dashes become "-"; long ones, however written and with any
# space around them, become " - ", so "ties -- and", "ties—and" and "ties — and" all match.
_DASHES = dict.fromkeys("‐‑‒–−﹘﹣－", "-") | dict.fromkeys("—―⸺⸻", "\u2014")
_FOLD = _QUOTES | _DASHES
_LONG_DASH = re.compile(r" ?(?:\u2014|--)[-\u2014]* ?")


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
                if out:  # runs alternate, so a word is before it: no space to double
                    out.append(" ")
                    starts.append(s)
                    ends.append(e)
            else:
                out.append(m.group())
                starts.extend(range(s, e))
                ends.extend(range(s + 1, e + 1))
        text = "".join(out)
        return _long_dashes(_trimmed(text, starts, ends))
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
    return _long_dashes(_trimmed("".join(out), starts, ends))


def _long_dashes(norm: Normalised) -> Normalised:
    """Write every long dash, with the space around it, as " - " (none at either end)."""
    text = norm.text
    if "\u2014" not in text and "--" not in text:
        return norm
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    pos = 0
    for m in _LONG_DASH.finditer(text):
        ms, me = m.span()
        out.append(text[pos:ms])
        starts.extend(norm.starts[pos:ms])
        ends.extend(norm.ends[pos:ms])
        piece = ("" if ms == 0 else " ") + "-" + ("" if me == len(text) else " ")
        out.append(piece)
        starts.extend([norm.starts[ms]] * len(piece))
        ends.extend([norm.ends[me - 1]] * len(piece))
        pos = me
    out.append(text[pos:])
    starts.extend(norm.starts[pos:])
    ends.extend(norm.ends[pos:])
    return Normalised("".join(out), tuple(starts), tuple(ends))


def _dashes_in_quote(text: str) -> str:
    """What _long_dashes does to text, without the offset map."""

    def piece(m: re.Match[str]) -> str:
        return ("" if m.start() == 0 else " ") + "-" + ("" if m.end() == len(text) else " ")

    return _LONG_DASH.sub(piece, text)


def _trimmed(text: str, starts: list[int], ends: list[int]) -> Normalised:
    if text.endswith(" "):
        text = text[:-1]
        del starts[-1], ends[-1]
    return Normalised(text, tuple(starts), tuple(ends))


def normalise_quote(quote: str) -> str:
    """Normalise a quote the same way as the article it is looked for in."""
    if quote.isascii():
        folded = " ".join(quote.split())  # what normalise() does to ASCII, without the map
        return _dashes_in_quote(folded) if "--" in folded else folded
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
    tail = text[sent_start:end].rstrip()
    if tail:
        spans.append((sent_start, sent_start + len(tail)))
    return spans


def _is_abbreviation(text: str, sent_start: int, dot: int) -> bool:
    """Tell whether the period at `dot` ends an abbreviation rather than a sentence."""
    word_start = dot
    while word_start > sent_start and not text[word_start - 1].isspace():
        word_start -= 1
    word = text[word_start:dot].lstrip("\"'“‘([")
    if not word:
        return False
    if word.lower() in ("a.m", "p.m"):
        # "at 10 p.m. Turnout was..." ends a sentence; "at 10 p.m. Tuesday" does not.
        following = re.match(r"\s+[\"'“‘(\[]*([A-Za-z]+)", text[dot + 1 :])
        return following is None or following.group(1).lower() in _TIME_FOLLOWERS
    if re.fullmatch(r"(?:[A-Za-z]\.)*[A-Za-z]", word):  # U.S, U.K, e.g, single initials
        return "." in word or word.isupper()
    return word.lower() in _ABBREVIATIONS


# Words that may follow "a.m." or "p.m." inside a sentence: days, time zones, "local".
_TIME_FOLLOWERS = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday today tomorrow yesterday local
    et est edt ct cst cdt mt mst mdt pt pst pdt gmt utc bst cet cest ist msk eastern central
    mountain pacific""".split()
)


@dataclass(frozen=True)
class Layout:
    """Where the paragraphs and sentences of one article are."""

    paragraphs: tuple[tuple[int, int], ...]
    sentences: tuple[tuple[int, int, int], ...]  # (start, end, paragraph number from 1)

    def paragraph_of(self, offset: int) -> int:
        """Return the number (from 1) of the paragraph holding an offset."""
        return max(bisect_right(self._paragraph_starts, offset) - 1, 0) + 1

    def sentence_around(self, start: int, end: int) -> tuple[int, int, int]:
        """Return the span of the sentence(s) holding text[start:end] and its paragraph."""
        if not self.sentences:
            return start, end, 1
        first = max(bisect_right(self._starts, start) - 1, 0)
        last = max(bisect_right(self._starts, max(end - 1, start)) - 1, first)
        s, _, paragraph = self.sentences[first]
        return s, self.sentences[last][1], paragraph

    # Worked out once per layout: cached_property keeps the value in the instance's __dict__,
    # which a frozen dataclass allows.
    @cached_property
    def _paragraph_starts(self) -> list[int]:
        return [s for s, _ in self.paragraphs]

    @cached_property
    def _starts(self) -> list[int]:
        return [s for s, _, _ in self.sentences]


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


def character_name(c: str) -> str:
    """A character as a person can look it up: U+200B ZERO WIDTH SPACE."""
    return f"U+{ord(c):04X} {unicodedata.name(c, 'UNNAMED CHARACTER')}"


def is_invisible(c: str) -> bool:
    """Whether a character shows nothing, or only looks like a plain space."""
    return c != " " and unicodedata.category(c) in ("Cf", "Zs", "Zl", "Zp", "Cc", "Co", "Cn")


def quote_differences(quote: str, passage: str, limit: int = 3) -> list[str]:
    """Say how a quote differs from a passage it nearly matches, or [] when it is not close.

    Both are normalised first, so typographic quotes, dashes and spacing never count as a
    difference. Differences are named in words: a case difference, an invisible character (by
    its Unicode name), or the words that differ.
    """
    from difflib import SequenceMatcher

    q, p = normalise_quote(quote), normalise_quote(passage)
    if not q:
        return []
    longest = SequenceMatcher(None, q, p, autojunk=False).find_longest_match()
    if not longest.size:
        return []
    # Line the quote up with the stretch of the passage it was meant to copy. Its longest match
    # says roughly where that is; the rest of it is matched only near there, so that a short
    # match elsewhere (a "the " or "on " shared with an earlier sentence) cannot stretch it.
    allowed = max(3, len(q) // 4)
    near_lo = max(longest.b - longest.a - allowed, 0)
    near = p[near_lo : longest.b - longest.a + len(q) + allowed]
    blocks = [
        b for b in SequenceMatcher(None, q, near, autojunk=False).get_matching_blocks() if b.size
    ]
    first, last = blocks[0], blocks[-1]
    lo = near_lo + max(first.b - first.a, 0)
    hi = near_lo + min(last.b + last.size + (len(q) - last.a - last.size), len(near))
    window = p[lo:hi]
    ops = [
        op
        for op in SequenceMatcher(None, q, window, autojunk=False).get_opcodes()
        if op[0] != "equal"
    ]
    changed = sum(max(i2 - i1, j2 - j1) for _, i1, i2, j1, j2 in ops)
    if not ops or changed > allowed:
        return []
    found: list[str] = []
    for _, i1, i2, j1, j2 in ops:
        said = _difference(q, window, i1, i2, j1, j2)
        if said not in found:  # two changes in one word are one difference to a reader
            found.append(said)
            if len(found) == limit:
                break
    return found


def _difference(q: str, window: str, i1: int, i2: int, j1: int, j2: int) -> str:
    """Say in words how q[i1:i2] differs from window[j1:j2]."""
    ours, theirs = q[i1:i2], window[j1:j2]
    hidden = [(c, "quote") for c in ours if is_invisible(c)]
    hidden += [(c, "article") for c in theirs if is_invisible(c)]
    if hidden:
        c, side = hidden[0]
        text, at = (q, i1) if side == "quote" else (window, j1)
        before = text[:at].rpartition(" ")[2] or text[:at][-12:]
        where = f' after "{before}"' if before else " at its start"
        return f"the {side} has an invisible {character_name(c)}{where}"
    if ours.casefold() == theirs.casefold():
        return (
            f'the quote has "{_word_at(q, i1, i2)}" where the article has '
            f'"{_word_at(window, j1, j2)}" (a case difference)'
        )
    if not theirs:
        return f'the quote adds "{ours.strip() or ours}" in "{_word_at(q, i1, i2)}"'
    if not ours:
        return f'the quote leaves out "{theirs.strip() or theirs}" of "{_word_at(window, j1, j2)}"'
    return (
        f'the quote has "{_word_at(q, i1, i2)}" where the article has "{_word_at(window, j1, j2)}"'
    )


def _word_at(text: str, start: int, end: int) -> str:
    """The whole words around text[start:end], for showing a difference in context.

    A difference that is a space at either end of the text shows the word beside it alone.
    """
    while start > 0 and text[start - 1] != " ":
        start -= 1
    while end < len(text) and text[end] != " ":
        end += 1
    return text[start:end].strip()
