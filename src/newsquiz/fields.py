"""The field rules every layer of the bank shares: the format name, slugs, dates, addresses,
the size cap, where an article may live, and how answers are folded for comparison.

This module sits below `bank`, `validate` and `cache` and imports none of them, so those three
never need each other for these rules.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

FORMAT = "newsquiz/1"
SIZE_CAP_ENV = "NEWSQUIZ_MAX_BYTES"
DEFAULT_SIZE_CAP = 25 * 1024 * 1024
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")
# An address a browser and a fact-check tool can use as written: http or https, a host, and no
# white space, quote, angle bracket or control character anywhere. The schema's pattern
# (schema.URL) says the same in ECMA-262; tests check they agree.
_URL_BAD = r'\s<>"\x00-\x1f\x7f-\x9f'
URL = re.compile(rf"https?://[A-Za-z0-9\[][^{_URL_BAD}/?#]*(?:[/?#][^{_URL_BAD}]*)?\Z")
URL_RULE = "an http or https address with a host and no spaces, quotes, < or >"
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}\Z")


def is_iso_date(value: str) -> bool:
    """Whether a value is a real calendar date written YYYY-MM-DD."""
    import datetime

    if not _ISO_DATE.match(value):
        return False
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def size_cap() -> int:
    """The largest bank or article file newsquiz reads, in bytes."""
    raw = os.environ.get(SIZE_CAP_ENV, "")
    return int(raw) if raw.isdigit() and int(raw) > 0 else DEFAULT_SIZE_CAP


def inside_folder(bank_path: Path, rel: str) -> tuple[Path | None, str]:
    """Resolve the article path, refusing anything that leaves the bank's folder."""
    pure = Path(rel)
    if pure.is_absolute() or rel.startswith(("/", "\\")) or re.match(r"[A-Za-z]:", rel):
        return None, f"'text' must be a path inside the bank's folder, not the absolute '{rel}'"
    if ".." in re.split(r"[\\/]", rel):
        return None, f"'text' must stay inside the bank's folder; '{rel}' climbs out with '..'"
    folder = bank_path.resolve().parent
    target = folder / pure
    try:
        real = target.resolve(strict=True)
    except (OSError, RuntimeError):
        return None, f"the article file '{rel}' does not exist beside the bank"
    if folder != real.parent and folder not in real.parents:
        return None, f"'text' must stay inside the bank's folder; '{rel}' is a link to {real}"
    if not real.is_file():
        return None, f"the article path '{rel}' is not a file"
    return real, ""


def fold(text: str) -> str:
    """Fold case and white space, for comparing answers and options."""
    return " ".join(text.casefold().split())
