"""The article header of a bank: what check_bank keeps of it, and its optional fields' checks."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from newsquiz.bank import check_bank

from .conftest import ARTICLE, BankFactory


def header(**extra: str) -> str:
    sha = hashlib.sha256(ARTICLE.encode()).hexdigest()
    fields = {
        "id": "library-2024",
        "title": "The library reopens",
        "published": "2024-05-01",
        "text": "article.txt",
        "sha256": sha,
        **extra,
    }
    lines = "\n".join(f"  {k}: {v}" for k, v in fields.items())
    return f"format: newsquiz/1\narticle:\n{lines}\n"


def test_the_article_keeps_its_address_and_digest(make_bank: BankFactory) -> None:
    path = make_bank(header=header(url="https://city.example/library"))
    bank, problems = check_bank(path, use_cache=False)
    assert problems == [] and bank is not None
    assert bank.article.url == "https://city.example/library"
    assert bank.article.sha256 == hashlib.sha256(ARTICLE.encode()).hexdigest()
    assert bank.article.path == str(Path(path).parent / "article.txt")


@pytest.mark.parametrize(
    ("field", "line", "col"),
    [("url", 8, 8), ("sha256", 7, 11)],
)
def test_a_blank_optional_article_field_is_named(
    make_bank: BankFactory, field: str, line: int, col: int
) -> None:
    path = make_bank(header=header(**{field: '"  "'}))
    bank, problems = check_bank(path, use_cache=False)
    assert bank is None
    assert [(p.line, p.col, p.message) for p in problems] == [
        (line, col, f"'{field}' must not be empty")
    ]
