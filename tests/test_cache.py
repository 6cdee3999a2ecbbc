"""The cache of validated banks: used while nothing changed, rebuilt when anything did."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsquiz import cache
from newsquiz.bank import check_bank

from .conftest import BankFactory


def entries() -> list[Path]:
    folder = cache.cache_dir()
    assert folder is not None
    return sorted(folder.glob("*.json")) if folder.exists() else []


def test_a_valid_bank_is_cached_and_read_back_the_same(make_bank: BankFactory) -> None:
    path = make_bank()
    fresh, problems = check_bank(path)
    assert problems == [] and fresh is not None
    (entry,) = entries()
    assert not list(entry.parent.glob(".entry-*"))  # no temporary file left behind
    cached, problems = check_bank(path)
    assert problems == [] and cached is not None
    assert cached.summary == fresh.summary
    assert [c.to_json() for c in cached.claims] == [c.to_json() for c in fresh.claims]
    assert cached.article.text == fresh.article.text
    assert cached.article.paragraphs == fresh.article.paragraphs


def test_an_invalid_bank_is_not_cached(make_bank: BankFactory) -> None:
    check_bank(make_bank(raw="format: newsquiz/1\nformat: x\n"))
    assert entries() == []


def test_a_changed_article_is_checked_again(make_bank: BankFactory) -> None:
    path = make_bank()
    check_bank(path)
    article = path.parent / "article.txt"
    article.write_text(article.read_text().replace("3 June", "4 June"))
    bank, problems = check_bank(path)
    assert bank is None
    assert any("quote not found" in p.message or "sha256" in p.message for p in problems)


def test_an_article_replaced_by_a_link_out_is_refused_even_when_cached(
    make_bank: BankFactory, tmp_path: Path
) -> None:
    path = make_bank()
    check_bank(path)
    article = path.parent / "article.txt"
    outside = tmp_path / "outside.txt"
    outside.write_bytes(article.read_bytes())
    article.unlink()
    article.symlink_to(outside)
    bank, problems = check_bank(path)
    assert bank is None and any("is a link to" in p.message for p in problems)


@pytest.mark.parametrize(
    "damage",
    [b"", b"{not json", b'{"version": "0.0.0", "format": 2}', b'{"version": "x"}', b"[1, 2, 3]"],
)
def test_a_damaged_or_foreign_entry_is_ignored_and_rebuilt(
    make_bank: BankFactory, damage: bytes
) -> None:
    path = make_bank()
    check_bank(path)
    (entry,) = entries()
    entry.write_bytes(damage)
    bank, problems = check_bank(path)
    assert problems == [] and bank is not None and len(bank.claims) == 3
    assert json.loads(entry.read_bytes())["claims"]  # rewritten whole


def test_entries_are_not_trusted_across_versions(
    make_bank: BankFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = make_bank()
    check_bank(path)
    monkeypatch.setattr(cache, "__version__", "999.0")
    check_bank(path)
    assert len(entries()) == 2  # another key, and the old entry is not read


def test_an_unwritable_cache_is_ignored(
    make_bank: BankFactory, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", "/proc/no-cache-here")
    bank, problems = check_bank(make_bank())
    assert problems == [] and bank is not None


def test_no_cache_when_asked(make_bank: BankFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSQUIZ_NO_CACHE", "1")
    check_bank(make_bank())
    monkeypatch.delenv("NEWSQUIZ_NO_CACHE")
    assert entries() == []


def test_an_entry_whose_claims_are_damaged_falls_back_to_checking(make_bank: BankFactory) -> None:
    path = make_bank()
    check_bank(path)
    (entry,) = entries()
    data = json.loads(entry.read_bytes())
    for damage in ("[[1, 2]]", "not json", "[]"):
        data["claims"] = damage
        entry.write_text(json.dumps(data))
        bank, problems = check_bank(path)
        assert problems == [] and bank is not None
        assert [c.id for c in bank.claims] == ["reopen-date", "cost", "critics-firm"]
        assert json.loads(entry.read_bytes())["claims"] != damage  # and the entry is mended
