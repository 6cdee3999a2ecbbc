"""Finding the passages of an article that bear on a statement.

Two uses: `newsquiz find` ranks the sentences of the loaded articles against a statement, and the
validator points an author whose quote was not found at the closest passage.
"""

from __future__ import annotations


def closest_passage(haystack: str, needle: str, limit: int = 160) -> str:
    """The stretch of `haystack` most like `needle`, cut at word boundaries."""
    from rapidfuzz import fuzz

    if not haystack:
        return ""
    found = fuzz.partial_ratio_alignment(needle, haystack)
    if found is None:
        return haystack[:limit]
    start, end = found.dest_start, found.dest_end
    while start > 0 and not haystack[start - 1].isspace():
        start -= 1
    while end < len(haystack) and not haystack[end].isspace():
        end += 1
    passage = haystack[start:end].strip()
    return passage if len(passage) <= limit else passage[: limit - 1] + "…"
