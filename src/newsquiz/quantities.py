"""Numbers in running text, read as values a reader would call the same.

`find` matches "two-fifths" with "40%", "close to three million" with "2.9 million", "30 metres"
with "100 feet" and "the 1940s" with "1944": each mention becomes a value of a kind (a plain
count, a share in percent, money, a year, or a physical quantity in SI units), and two values of
one kind match fully when equal and partly when within a few percent. Written by hand because
the number parsers on PyPI read digits or number words but not shares, units and decades
together, and `find` must start fast.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_UNITS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen".split()
)
_TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()
_ORDINAL_PARTS = {"half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4}
_ORDINAL_PARTS |= {
    f"{w}{s}": n
    for n, w in enumerate("_ _ _ _ fourth fifth sixth seventh eighth ninth tenth".split(), start=0)
    if n >= 4
    for s in ("", "s")
}
_SCALES = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_SCALES |= {"dozen": 12.0}
# unit word -> (kind, factor to the kind's SI unit); temperatures are handled apart.
_MEASURES: dict[str, tuple[str, float]] = {}
for _names, _kind, _factor in (
    ("foot feet ft", "length", 0.3048),
    ("metre metres meter meters", "length", 1.0),
    ("kilometre kilometres kilometer kilometers km", "length", 1000.0),
    ("mile miles", "length", 1609.344),
    ("acre acres", "area", 4046.856),
    ("hectare hectares ha", "area", 1e4),
    ("acre-foot acre-feet", "volume", 1233.48),
    ("gallon gallons", "volume", 3.785),
    ("litre litres liter liters", "volume", 0.001),
    ("pound pounds lb lbs", "mass", 0.4536),
    ("kilogram kilograms kg", "mass", 1.0),
    ("tonne tonnes ton tons", "mass", 1000.0),
    ("watt watts", "power", 1.0),
    ("kilowatt kilowatts kw", "power", 1e3),
    ("megawatt megawatts mw", "power", 1e6),
    ("gigawatt gigawatts gw", "power", 1e9),
    ("day days", "time", 1.0),
    ("week weeks", "time", 7.0),
    ("month months", "time", 30.44),
    ("year years", "time", 365.25),
    ("decade decades", "time", 3652.5),
    ("century centuries", "time", 36525.0),
):
    for _name in _names.split():
        _MEASURES[_name] = (_kind, _factor)
_SQUARE = {"length": "area"}
_PERCENT = {"percent", "per-cent", "%"}
_DOLLARS = {"dollar", "dollars", "usd"}
_TOKEN = re.compile(r"\$|%|\d+(?:,\d{3})*(?:\.\d+)?s?|[a-z]+(?:-[a-z]+)*")


@dataclass(frozen=True)
class Quantity:
    """A value named in text: `kind` is plain, percent, usd, year, decade or a physical kind."""

    value: float
    kind: str
    text: str = ""  # the token that named it, for highlighting


def _word_number(word: str) -> float | None:
    """'seven' -> 7, 'twenty-nine' -> 29; None for other words."""
    if word in _UNITS:
        return float(_UNITS.index(word))
    if word in _TENS[2:]:
        return float(_TENS.index(word) * 10)
    head, _, tail = word.partition("-")
    if head in _TENS[2:] and tail in _UNITS[1:10]:
        return float(_TENS.index(head) * 10 + _UNITS.index(tail))
    return None


def _fraction(word: str) -> float | None:
    """'two-fifths' -> 40.0 (percent), 'quarter' -> 25.0, 'half' -> 50.0."""
    head, _, tail = word.partition("-")
    if tail and tail in _ORDINAL_PARTS:
        top = _word_number(head)
        return None if top is None else 100 * top / _ORDINAL_PARTS[tail]
    if word in _ORDINAL_PARTS and not word.endswith("s"):
        return 100 / _ORDINAL_PARTS[word]
    return None


def _digits(token: str) -> float | None:
    try:
        return float(token.replace(",", ""))
    except ValueError:
        return None


def quantities(text: str) -> list[Quantity]:
    """The quantities a text names, in order."""
    tokens = []
    for tok in _TOKEN.findall(text.lower().replace("’", "'").replace("per cent", "percent")):
        head, _, tail = tok.partition("-")
        if tail in _MEASURES and _word_number(head) is not None:  # "two-day" is two days
            tokens += [head, tail]
        else:
            tokens.append(tok)
    out: list[Quantity] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        dollars = tok == "$"
        if dollars:
            i += 1
            if i >= len(tokens):
                break
            tok = tokens[i]
        value: float | None = None
        kind = "plain"
        if tok[0].isdigit():
            if tok.endswith("s") and len(tok) == 5 and tok[:4].isdigit():  # the 1940s
                out.append(Quantity(float(tok[:4]), "decade", tok))
                i += 1
                continue
            value = _digits(tok.rstrip("s"))
        elif (share := _fraction(tok)) is not None:
            value, kind = share, "percent"
        elif tok in ("twice", "double"):
            value = 2.0
        else:
            value = _word_number(tok)
            # "nine in ten", "one in five": a share
            if (
                value is not None
                and i + 2 < len(tokens)
                and tokens[i + 1] == "in"
                and (den := _word_number(tokens[i + 2]) or _digits(tokens[i + 2]))
            ):
                out.append(Quantity(100 * value / den, "percent", tok))
                i += 3
                continue
        if value is None:
            i += 1
            continue
        i += 1
        # "seventeen and a half million", "2.5 million", "two dozen"
        if tokens[i : i + 3] == ["and", "a", "half"]:
            value += 0.5
            i += 3
        while i < len(tokens) and tokens[i] in _SCALES:
            value *= _SCALES[tokens[i]]
            i += 1
        nxt = tokens[i] if i < len(tokens) else ""
        if kind == "percent" and nxt in ("a", "an") and i + 1 < len(tokens):
            measure = _MEASURES.get(tokens[i + 1])  # "half a decade"
            if measure:
                out.append(Quantity(value / 100 * measure[1], measure[0], tok))
                i += 2
                continue
        if nxt in _PERCENT:
            kind = "percent"
            i += 1
        elif dollars or nxt in _DOLLARS:
            kind = "usd"
            i += nxt in _DOLLARS
        elif nxt == "degrees" or nxt in ("celsius", "fahrenheit"):
            unit = tokens[i + 1] if nxt == "degrees" and i + 1 < len(tokens) else nxt
            if unit == "fahrenheit":
                value = (value - 32) * 5 / 9
            kind = "temperature"
            i += 1 + (nxt == "degrees" and unit in ("celsius", "fahrenheit"))
        elif nxt == "square" and i + 1 < len(tokens) and tokens[i + 1] in _MEASURES:
            dim, factor = _MEASURES[tokens[i + 1]]
            value, kind = value * factor * factor, _SQUARE.get(dim, dim)
            i += 2
        elif nxt in _MEASURES:
            dim, factor = _MEASURES[nxt]
            value, kind = value * factor, dim
            i += 1
        elif kind == "plain" and tok[0].isdigit() and "," not in tok and 1000 <= value <= 2100:
            kind = "year" if value.is_integer() else kind
        out.append(Quantity(value, kind, tok))
    return out


_LOOSE = {frozenset(("plain", k)) for k in ("percent", "usd", "temperature")}


def likeness(a: Quantity, b: Quantity) -> float:
    """How far two quantities name the same value: 1 equal, 0.75 close, 0 unrelated."""
    if {a.kind, b.kind} == {"year", "decade"}:
        year, decade = (a, b) if a.kind == "year" else (b, a)
        return 0.75 if decade.value <= year.value < decade.value + 10 else 0.0
    if a.kind != b.kind and frozenset((a.kind, b.kind)) not in _LOOSE:
        return 0.0
    top = max(abs(a.value), abs(b.value))
    if top == 0 or abs(a.value - b.value) <= 1e-9 * top:
        return 1.0 if a.kind == b.kind else 0.75  # "40" for "40%": the same digits
    # Close values of one kind ("one-third" for "34 percent"); never across kinds or years,
    # where 42 people are not 40 percent and 2019 is not 2020.
    if a.kind != b.kind or a.kind == "year":
        return 0.0
    return 0.75 if abs(a.value - b.value) / top <= 0.06 else 0.0
