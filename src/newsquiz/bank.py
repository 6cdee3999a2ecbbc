"""Banks: find them, read them strictly, anchor every quote in the article, and report problems.

`check_bank` returns every problem in a bank at once (for `validate`); `load_library` loads the
banks a command needs and raises `BankError` when any of them is unusable.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .errors import BankError, Problem, UsageError
from .files import bank_files_in, read_capped, source_is_folder
from .model import Article, Bank, Claim

FORMAT = "newsquiz/1"
SIZE_CAP_ENV = "NEWSQUIZ_MAX_BYTES"
DEFAULT_SIZE_CAP = 25 * 1024 * 1024
BANK_ENV = "NEWSQUIZ_BANK"
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")
URL = re.compile(r"https?://\S+\Z")
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


def shipped_bank_dir() -> Path:
    """The folder of banks that ships with newsquiz."""
    here = Path(__file__).resolve().parent
    packaged = here / "questions"
    if packaged.is_dir():
        return packaged
    return here.parent.parent / "questions"  # a source checkout or an editable install


def bank_files(sources: Iterable[str | Path]) -> list[Path]:
    """Expand files and folders into the list of bank files they name, in a stable order."""
    files: list[Path] = []
    for source in sources:
        path = Path(source)
        if source_is_folder(path):  # BankError for a path that cannot be reached
            files.extend(bank_files_in(path))
        else:
            files.append(path)  # reading it refuses what is not a regular file
    return files


def default_sources(explicit: list[str] | None) -> list[str | Path]:
    """The banks to load: --bank, else $NEWSQUIZ_BANK, else the bank shipped with newsquiz."""
    if explicit:
        return list(explicit)
    env = os.environ.get(BANK_ENV, "")
    if env.strip():
        paths = [p for p in env.split(os.pathsep) if p.strip()]
        if not paths:
            raise UsageError(
                f"{BANK_ENV}={env!r} names no bank file or folder; give paths separated by "
                f"'{os.pathsep}', or unset it to use the shipped bank"
            )
        return list(paths)
    return [shipped_bank_dir()]


# ---------------------------------------------------------------------------------------------
# Reading files


def read_text_file(path: Path, label: str) -> tuple[str | None, bytes, list[Problem]]:
    """Read a UTF-8 regular file under the size cap; report a problem instead of raising."""
    data, why = read_capped(path, label, size_cap(), SIZE_CAP_ENV)
    if data is None:
        return None, b"", [Problem(str(path), 1, 1, why)]
    where = str(path)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = _line_col_bytes(data, exc.start)
        return (
            None,
            data,
            [
                Problem(
                    where,
                    line,
                    col,
                    f"the {label} is not UTF-8 text (byte 0x{data[exc.start]:02x})",
                )
            ],
        )
    if text.startswith("\ufeff"):
        text = text[1:]
    return text, data, []


def read_article(path: Path) -> tuple[str | None, bytes, list[Problem]]:
    """Read an article: UTF-8 under the size cap, with no control characters."""
    from .errors import describe_character
    from .text import has_control_characters

    text, raw, problems = read_text_file(path, "article")
    if text is None:
        return None, raw, problems
    bad = has_control_characters(text)
    if bad >= 0:
        line, col = line_col(text, bad)
        message = f"the article holds {describe_character(text[bad])}; remove it"
        return None, raw, [Problem(str(path), line, col, message)]
    return text, raw, []


def line_col(text: str, index: int) -> tuple[int, int]:
    """The line and column (both from 1) of an index into text."""
    line = text.count("\n", 0, index) + 1
    col = index - (text.rfind("\n", 0, index) + 1) + 1
    return line, col


def _line_col_bytes(data: bytes, index: int) -> tuple[int, int]:
    line = data.count(b"\n", 0, index) + 1
    col = index - (data.rfind(b"\n", 0, index) + 1) + 1
    return line, col


def check_bank(path: Path, use_cache: bool = True) -> tuple[Bank | None, list[Problem]]:
    """Read and check one bank file: the bank when it is valid, and every problem found.

    A valid bank is cached; `use_cache=False` skips looking there first (and refreshes it).
    """
    from . import cache

    text, raw, problems = read_text_file(path, "bank")
    if text is None:
        return None, problems
    hit = cache.lookup(path, raw) if use_cache else None
    if hit is not None:
        return hit, []
    import gc

    from .validate import check_text

    # Checking builds a tree of small objects per YAML event and frees it whole; none of it forms
    # cycles, so the cycle collector's repeated passes over it are wasted work (about a fifth of
    # the time of a big bank). Pause it, and restore it as it was.
    collecting = gc.isenabled()
    gc.disable()
    try:
        bank, problems, article_raw = check_text(path, text)
    finally:
        if collecting:
            gc.enable()
    if bank is not None and not problems and article_raw is not None:
        cache.store(path, raw, bank, article_raw)
    return (bank if not problems else None), problems


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


# ---------------------------------------------------------------------------------------------
# Loading several banks


@dataclass(frozen=True)
class Library:
    """The banks a command works on, with claims and articles looked up by id."""

    banks: tuple[Bank, ...]

    @property
    def claims(self) -> tuple[Claim, ...]:
        """Every claim, in bank order."""
        return tuple(c for b in self.banks for c in b.claims)

    def claim(self, claim_id: str) -> Claim | None:
        """The claim with this id, if any bank has it."""
        for bank in self.banks:
            for c in bank.claims:
                if c.id == claim_id:
                    return c
        return None

    def article(self, article_id: str) -> Article:
        """The article with this id."""
        for bank in self.banks:
            if bank.article.id == article_id:
                return bank.article
        raise KeyError(article_id)

    @property
    def tags(self) -> list[str]:
        """Every tag in use, sorted."""
        return sorted({t for c in self.claims for t in c.tags})


def check_library(files: list[Path]) -> tuple[list[Bank], list[Problem], list[str]]:
    """Check every file, then the ids that must be unique across banks."""
    banks: list[Bank] = []
    problems: list[Problem] = []
    for f in files:
        bank, found = check_bank(f)
        problems.extend(found)
        if bank is not None:
            banks.append(bank)
    problems.extend(_cross_bank_problems(banks))
    warnings = [w for b in banks for w in b.warnings]
    return banks, problems, warnings


def _cross_bank_problems(banks: list[Bank]) -> Iterator[Problem]:
    articles: dict[str, str] = {}
    claims: dict[str, str] = {}
    for bank in banks:
        if bank.article.id in articles:
            yield Problem(
                bank.path,
                1,
                1,
                f"article id '{bank.article.id}' is also used by {articles[bank.article.id]}",
            )
        articles.setdefault(bank.article.id, bank.path)
        for cid in bank.summary.claim_ids:
            if cid in claims and claims[cid] != bank.path:
                yield Problem(bank.path, 1, 1, f"claim id '{cid}' is also used by {claims[cid]}")
            claims.setdefault(cid, bank.path)


def load_library(sources: list[str] | None = None) -> Library:
    """Load the banks named (or the default ones), raising BankError if any is unusable."""
    files = bank_files(default_sources(sources))
    banks, problems, _ = check_library(files)
    if problems:
        raise BankError(sorted(problems, key=Problem.sort_key))
    return Library(tuple(banks))
