"""Banks: find them, read them strictly, anchor every quote in the article, and report problems.

`check_bank` returns every problem in a bank at once (for `validate`); `load_library` loads the
banks a command needs and raises `BankError` when any of them is unusable.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path

from .errors import BankError, Problem, UnreadablePath, UsageError, did_you_mean, printable
from .fields import DEFAULT_SIZE_CAP as DEFAULT_SIZE_CAP
from .fields import FORMAT as FORMAT
from .fields import SIZE_CAP_ENV as SIZE_CAP_ENV
from .fields import SLUG as SLUG
from .fields import URL as URL
from .fields import fold as fold
from .fields import inside_folder as inside_folder
from .fields import is_iso_date as is_iso_date
from .fields import size_cap as size_cap
from .files import OVER_CAP, bank_files_in, read_capped, source_is_folder
from .model import Article, Bank, Claim

BANK_ENV = "NEWSQUIZ_BANK"
# The name of the bank that ships inside the package, usable in --bank and NEWSQUIZ_BANK.
SHIPPED = "@shipped"


def shipped_bank_dir() -> Path:
    """The folder of banks that ships with newsquiz."""
    here = Path(__file__).resolve().parent
    packaged = here / "questions"
    if packaged.is_dir():
        return packaged
    return here.parent.parent / "questions"  # a source checkout or an editable install


def bank_files(sources: Iterable[str | Path]) -> list[Path]:
    """Expand files and folders into the list of bank files they name, in a stable order.

    A file named twice (`banks banks/x.yaml`, `banks ./banks`, `@shipped` and its folder) is
    loaded once, where it first appears: the same file is not a clash with itself.
    """
    files: list[Path] = []
    seen: set[str] = set()
    for source in sources:
        path = shipped_bank_dir() if str(source) == SHIPPED else Path(source)
        # source_is_folder raises BankError for a path that cannot be reached; reading a file
        # refuses what is not a regular file.
        named = bank_files_in(path) if source_is_folder(path) else [path]
        for file in named:
            key = _same_file_key(file)
            if key not in seen:
                seen.add(key)
                files.append(file)
    return files


def _same_file_key(path: Path) -> str:
    """What two spellings of one file share: its resolved path (the path as given if that fails)."""
    try:
        return str(path.resolve())
    except (OSError, RuntimeError):  # a link that loops: reading it reports it
        return os.path.abspath(path)


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
        # A bank file that cannot be read at all (missing, not a file, no permission) is
        # unusable input; one over the size cap, or an article, is a problem of the bank.
        kind = UnreadablePath if label == "bank" and OVER_CAP not in why else Problem
        return None, b"", [kind(str(path), 1, 1, why)]
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
    hit = cache.lookup(path, raw, recheck=_recheck) if use_cache else None
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
        bank, problems, article_raw = check_text(path, text, read_article)
    finally:
        if collecting:
            gc.enable()
    if bank is not None and not problems and article_raw is not None:
        cache.store(path, raw, bank, article_raw)
    return (bank if not problems else None), problems


def _recheck(path: Path) -> tuple[Claim, ...]:
    """The claims of a bank checked afresh, for a cache entry whose claims cannot be rebuilt."""
    bank, problems = check_bank(path, use_cache=False)  # also rewrites the entry
    if bank is None:
        raise BankError(problems)
    return bank.claims


# ---------------------------------------------------------------------------------------------
# Loading several banks


@dataclass(frozen=True)
class Library:
    """The banks a command works on, with claims and articles looked up by id.

    Claim ids are unique within an article. Where two loaded banks use the same claim id, both
    claims are known by ARTICLE/CLAIM (their `id`, their question ids, their history cards);
    every other claim keeps its bare id. `claim` takes either form.
    """

    banks: tuple[Bank, ...]

    @cached_property
    def shared_ids(self) -> frozenset[str]:
        """Claim ids used by more than one loaded bank."""
        seen: set[str] = set()
        shared: set[str] = set()
        for bank in self.banks:
            ids = set(bank.summary.claim_ids)
            shared |= ids & seen
            seen |= ids
        return frozenset(shared)

    @cached_property
    def claims(self) -> tuple[Claim, ...]:
        """Every claim, in bank order; a shared id is qualified by its article."""
        shared = self.shared_ids
        return tuple(
            replace(c, id=f"{c.article}/{c.id}") if c.id in shared else c
            for b in self.banks
            for c in b.claims
        )

    def claim(self, claim_id: str) -> Claim | None:
        """The claim with this id (CLAIM or ARTICLE/CLAIM), if any bank has it.

        Raises UsageError when a bare id names claims of several articles.
        """
        article, _, bare = claim_id.rpartition("/")
        found = [
            c for c in self.claims if c.id.rpartition("/")[2] == bare and article in ("", c.article)
        ]
        if len(found) > 1:
            choices = ", ".join(c.id for c in found)
            raise UsageError(
                f"claim id '{claim_id}' is ambiguous: {len(found)} loaded articles use it; "
                f"use ARTICLE/CLAIM ({choices})"
            )
        return found[0] if found else None

    def require_claim(self, claim_id: str, listing: str = "'newsquiz claims' lists them") -> Claim:
        """The claim with this id, or a UsageError that says which banks were searched."""
        claim = self.claim(claim_id)
        if claim is None:
            hint = did_you_mean(claim_id, (c.id for c in self.claims))
            raise UsageError(f"no claim '{claim_id}'{hint} in {self.searched()}; {listing}")
        return claim

    def searched(self) -> str:
        """Which banks were loaded, in words, and how to load others."""
        shipped = shipped_bank_dir().resolve()
        names = []
        for bank in self.banks:
            where = Path(bank.path).resolve()
            if where.parent == shipped or shipped in where.parents:
                names.append(f"the shipped bank ({bank.article.id})")
            else:
                names.append(printable(bank.path))
        loaded = ", ".join(names) if names else "no bank"
        return f"{loaded} (load others with --bank PATH or {BANK_ENV})"

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
    """Check every file, then what must be unique across banks (article ids).

    A claim id used by two banks is not a problem (ids are per article) but is worth a warning,
    given at the claim in the later bank.
    """
    banks: list[Bank] = []
    problems: list[Problem] = []
    for f in files:
        bank, found = check_bank(f)
        problems.extend(found)
        if bank is not None:
            banks.append(bank)
    cross, shared = _across_banks(banks)
    problems.extend(cross)
    warnings = [w for b in banks for w in b.warnings] + shared
    return banks, problems, warnings


def _across_banks(banks: list[Bank]) -> tuple[list[Problem], list[str]]:
    """Article ids used twice (problems), and claim ids shared between articles (warnings)."""
    problems: list[Problem] = []
    warnings: list[str] = []
    articles: dict[str, str] = {}
    claims: dict[str, Bank] = {}
    for bank in banks:
        art = bank.article.id
        if art in articles:
            line, col = bank.summary.article_line
            problems.append(
                Problem(bank.path, line, col, f"article id '{art}' is also used by {articles[art]}")
            )
        articles.setdefault(art, bank.path)
        for cid in bank.summary.claim_ids:
            first = claims.setdefault(cid, bank)
            if first is not bank and first.article.id != art:
                line, col = bank.summary.position_of(cid)
                warnings.append(
                    f"{printable(bank.path)}:{line}:{col}: claim id '{cid}' is also used by "
                    f"{printable(first.path)}; "
                    f"while both are loaded, call it {art}/{cid} (and the other "
                    f"{first.article.id}/{cid})"
                )
    return problems, warnings


def load_library(sources: list[str] | None = None) -> Library:
    """Load the banks named (or the default ones), raising BankError if any is unusable."""
    files = bank_files(default_sources(sources))
    banks, problems, _ = check_library(files)
    if problems:
        raise BankError(sorted(problems, key=Problem.sort_key))
    return Library(tuple(banks))
