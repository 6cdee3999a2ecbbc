"""Shared fixtures: isolated user folders, small banks written on the fly, a CLI runner."""

from __future__ import annotations

import hashlib
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from newsquiz.cli import app

ARTICLE = """\
The city council voted on Monday to reopen the Riverside library on 3 June.

The renovation cost 2.1 million euros, the mayor said. Work began in 2019.

Critics called the cost “too high” — but the U.S. firm that did the work disagreed.
"""

CLAIMS = """\
  - id: reopen-date
    claim: The library will reopen in June.
    verdict: supported
    evidence: ["reopen the Riverside library on 3 June"]
    tags: [dates]
    choice:
      question: When will the library reopen?
      answer: 3 June
      distractors: [3 July, 13 June, 30 June]
  - id: cost
    claim: The renovation cost 12 million euros.
    verdict: refuted
    evidence: ["The renovation cost 2.1 million euros"]
    correction: It cost 2.1 million euros.
    change: number
    tags: [numbers]
  - id: critics-firm
    claim: The firm was fined for the overrun.
    verdict: not-stated
    evidence: ["the U.S. firm that did the work disagreed"]
    tags: [numbers]
"""


@pytest.fixture(autouse=True)
def isolated_user_folders(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Path]:
    """Never touch the real user folders: history and cache live in a temp folder."""
    home = tmp_path_factory.mktemp("user")
    monkeypatch.setenv("NEWSQUIZ_DB", str(home / "history.sqlite3"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    for var in ("NEWSQUIZ_BANK", "NEWSQUIZ_NOW", "NEWSQUIZ_NO_CACHE", "NEWSQUIZ_MAX_BYTES"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("TERM", "dumb")
    monkeypatch.setenv("COLUMNS", "100")
    yield home


BankFactory = Callable[..., Path]


@pytest.fixture
def make_bank(tmp_path: Path) -> BankFactory:
    """Write a bank and its article into a folder; return the bank's path."""
    counter = iter(range(1000))

    def make(
        claims: str = CLAIMS,
        *,
        article: str = ARTICLE,
        header: str | None = None,
        article_id: str = "library-2024",
        name: str | None = None,
        raw: str | None = None,
    ) -> Path:
        folder = tmp_path / f"bank{next(counter)}"
        folder.mkdir()
        (folder / "article.txt").write_text(article, encoding="utf-8")
        sha = hashlib.sha256(article.encode()).hexdigest()
        if header is None:
            header = textwrap.dedent(f"""\
                format: newsquiz/1
                article:
                  id: {article_id}
                  title: The library reopens
                  published: 2024-05-01
                  text: article.txt
                  sha256: {sha}
                """)
        path = folder / (name or f"{article_id}.yaml")
        path.write_text(
            raw
            if raw is not None
            else header
            + "claims:"
            + ("" if claims.startswith("[") else "\n")
            + (" " if claims.startswith("[") else "")
            + claims,
            encoding="utf-8",
        )
        return path

    return make


CliInvoke = Callable[..., Result]


@pytest.fixture
def cli() -> CliInvoke:
    """Run newsquiz in-process; show its output when an expected exit code is missed."""

    def invoke(*args: str, input: str | bytes | None = None, code: int | None = 0) -> Result:
        result = CliRunner().invoke(app, list(args), input=input)
        if code is not None and result.exit_code != code:
            print("stdout:", result.stdout)
            print("stderr:", result.stderr)
            if result.exception and not isinstance(result.exception, SystemExit):
                raise result.exception
            raise AssertionError(f"exit {result.exit_code}, expected {code}")
        return result

    return invoke
