"""A cache of validated banks, so that a bank that has not changed is not parsed again.

An entry is keyed by the newsquiz version and the bank file's bytes; it records the hash of the
article it was checked against, and is used only while that article is unchanged. Entries are
written atomically; an unreadable or stale entry is ignored and rebuilt. Set NEWSQUIZ_NO_CACHE=1
to bypass the cache.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from . import __version__
from .fields import inside_folder, size_cap
from .model import Article, Bank, BankSummary, Choice, Claim, Evidence, Origin

# Checks a bank afresh and returns its claims (bank.check_bank's way); passed in by the caller so
# that this module never imports the module above it.
Recheck = Callable[[Path], tuple[Claim, ...]]

# 4: claims carry their origin (claimant, appearance) for ClaimReview.
# 5: bank text with invisible or direction-changing characters is refused; entries made
# under the older rules are checked again.
CACHE_FORMAT = 5


def cache_dir() -> Path | None:
    """The folder of cached banks, or None when caching is turned off."""
    if os.environ.get("NEWSQUIZ_NO_CACHE"):
        return None
    import platformdirs

    return platformdirs.user_cache_path("newsquiz", appauthor=False) / "banks"


def _entry_path(folder: Path, bank_path: Path, raw: bytes) -> Path:
    h = hashlib.sha256(f"{__version__}\0{CACHE_FORMAT}\0{bank_path.resolve()}\0".encode())
    h.update(raw)
    return folder / f"{h.hexdigest()}.json"


def lookup(bank_path: Path, raw: bytes, recheck: Recheck) -> Bank | None:
    """The validated bank for these bytes, if the cache holds it and its article is unchanged.

    Claims are rebuilt from the entry when first used; if that fails, `recheck` checks the bank
    afresh.
    """
    folder = cache_dir()
    if folder is None:
        return None
    try:
        entry = json.loads(_entry_path(folder, bank_path, raw).read_bytes())
        return _rebuild(bank_path, entry, recheck) if isinstance(entry, dict) else None
    except (OSError, ValueError, KeyError, TypeError, IndexError, AttributeError):
        return None  # unreadable, damaged or foreign: check the bank afresh


def _rebuild(bank_path: Path, entry: dict[str, Any], recheck: Recheck) -> Bank | None:
    if entry.get("version") != __version__ or entry.get("format") != CACHE_FORMAT:
        return None
    a = entry["article"]
    article_path, _ = inside_folder(bank_path, a["rel"])
    if article_path is None or article_path.stat().st_size > size_cap():
        return None
    data = article_path.read_bytes()
    if hashlib.sha256(data).hexdigest() != a["sha256"]:
        return None
    text = data.decode("utf-8")
    if text.startswith("\ufeff"):
        text = text[1:]
    paragraphs = tuple((s, e) for s, e in a["paragraphs"])
    article = Article(
        a["id"],
        a["title"],
        a["published"],
        text,
        str(article_path),
        a["sha256"],
        a["url"],
        paragraphs,
    )
    summary = BankSummary(
        tuple(entry["summary"]["ids"]),
        tuple((k, v) for k, v in entry["summary"]["verdicts"]),
        entry["summary"]["choices"],
        tuple((line, col) for line, col in entry["summary"]["lines"]),
        (entry["summary"]["article_line"][0], entry["summary"]["article_line"][1]),
    )
    # The claims stay a JSON string until something needs them: `validate` does not.
    rows = entry["claims"]

    def build() -> tuple[Claim, ...]:
        try:
            claims = _claims_from(rows, article, text)
        except (ValueError, TypeError, IndexError, AttributeError):
            claims = None
        if claims is None or tuple(c.id for c in claims) != summary.claim_ids:
            # The entry's summary read well but its claims do not: check the bank afresh.
            return recheck(bank_path)
        return claims

    warnings = tuple(str(w) for w in entry["warnings"])
    return Bank(str(bank_path), article, summary, build, warnings)


def _claims_from(rows: str, article: Article, text: str) -> tuple[Claim, ...]:
    claims = []
    for row in json.loads(rows):
        cid, claim, verdict, ev, correction, change, explanation, tags, choice, origin = row
        evidence = tuple(
            Evidence(q, s, e, text[ss:se], ss, p, tuple((a, b) for a, b in parts))
            for q, s, e, ss, se, p, parts in ev
        )
        ch = Choice(choice[0], choice[1], tuple(choice[2])) if choice else None
        claims.append(
            Claim(
                cid,
                article.id,
                claim,
                verdict,
                evidence,
                correction,
                change,
                explanation,
                tuple(tags),
                ch,
                Origin(*origin) if origin else None,
            )
        )
    return tuple(claims)


def store(bank_path: Path, raw: bytes, bank: Bank, article_raw: bytes) -> None:
    """Remember a bank that validated clean; any failure to write is ignored."""
    folder = cache_dir()
    if folder is None:
        return
    a = bank.article
    rel = os.path.relpath(a.path, bank_path.resolve().parent)
    entry = {
        "version": __version__,
        "format": CACHE_FORMAT,
        "article": {
            "id": a.id,
            "title": a.title,
            "published": a.published,
            "url": a.url,
            "rel": rel,
            "sha256": hashlib.sha256(article_raw).hexdigest(),
            "paragraphs": a.paragraphs,
        },
        "warnings": list(bank.warnings),
        "summary": {
            "ids": list(bank.summary.claim_ids),
            "verdicts": [list(kv) for kv in bank.summary.verdicts],
            "choices": bank.summary.choices,
            "lines": [list(p) for p in bank.summary.claim_lines],
            "article_line": list(bank.summary.article_line),
        },
        "claims": json.dumps(
            [
                [
                    c.id,
                    c.claim,
                    c.verdict,
                    [
                        [
                            e.quote,
                            e.start,
                            e.end,
                            e.sentence_start,
                            e.sentence_start + len(e.sentence),
                            e.paragraph,
                            [list(p) for p in e.parts],
                        ]
                        for e in c.evidence
                    ],
                    c.correction,
                    c.change,
                    c.explanation,
                    list(c.tags),
                    [c.choice.question, c.choice.answer, list(c.choice.distractors)]
                    if c.choice
                    else None,
                    [c.origin.claimant, c.origin.url, c.origin.date] if c.origin else None,
                ]
                for c in bank.claims
            ],
            ensure_ascii=False,
        ),
    }
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".entry-", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                json.dump(entry, f, ensure_ascii=False, separators=(",", ":"))
            os.replace(tmp, _entry_path(folder, bank_path, raw))
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError:
        pass
