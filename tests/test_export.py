"""Exports open in the tools they target."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import sys
import zipfile
from pathlib import Path

import pytest

from .conftest import CliInvoke


def test_anki_deck_is_a_valid_collection_with_stable_ids(cli: CliInvoke, tmp_path: Path) -> None:
    first, second = tmp_path / "a.apkg", tmp_path / "b.apkg"
    cli("export", "--to", "anki", "--out", str(first))
    cli("export", "--to", "anki", "--out", str(second))

    def notes(path: Path) -> list[tuple[str, str, str]]:
        with zipfile.ZipFile(path) as z:
            assert "collection.anki2" in z.namelist()
            (tmp_path / "c.anki2").write_bytes(z.read("collection.anki2"))
        conn = sqlite3.connect(tmp_path / "c.anki2")
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        rows = conn.execute("SELECT guid, tags, flds FROM notes ORDER BY guid").fetchall()
        cards = conn.execute("SELECT count(*) FROM cards").fetchone()[0]
        conn.close()
        assert cards == len(rows)
        return rows

    a, b = notes(first), notes(second)
    assert len(a) == 57 + 36  # a true/false note per claim, a choice note per choice form
    assert [r[0] for r in a] == [r[0] for r in b]  # the same guids: re-importing updates
    fields = [r[2] for r in a if "oil" in r[2] and "analysts" in r[2]]
    assert fields and "¶9" in fields[0] and "<b>" in fields[0]
    assert any("newsquiz::energy" in r[1] for r in a)


def test_anki_needs_an_out_file_and_genanki(
    cli: CliInvoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert "--out" in cli("export", "--to", "anki", code=2).stderr
    monkeypatch.setitem(sys.modules, "genanki", None)
    result = cli("export", "--to", "anki", "--out", str(tmp_path / "x.apkg"), code=2)
    assert "pip install 'newsquiz[anki]'" in result.stderr


def test_claimreview(cli: CliInvoke) -> None:
    items = json.loads(cli("export", "--to", "claimreview").stdout)
    assert len(items) == 57
    for item in items:
        assert item["@context"] == "https://schema.org" and item["@type"] == "ClaimReview"
        assert item["claimReviewed"] and item["datePublished"] == "2024-07-09"
        rating = item["reviewRating"]
        assert rating["@type"] == "Rating"
        assert rating["alternateName"] in {"True", "False", "Not stated in the article"}
        assert rating["worstRating"] <= rating["ratingValue"] <= rating["bestRating"]
        cited = item["itemReviewed"]["citation"]
        assert item["itemReviewed"]["@type"] == "Claim" and cited["@type"] == "NewsArticle"
        assert "url" not in cited  # the bank gives none, and we never invent one
    refuted = next(i for i in items if i["identifier"].endswith("/trip-length"))
    assert refuted["reviewRating"]["alternateName"] == "False"


def test_csv_and_jsonl(cli: CliInvoke) -> None:
    rows = list(csv.DictReader(io.StringIO(cli("export", "--to", "csv").stdout)))
    assert len(rows) == 57 and rows[0]["id"] == "meeting-city" and rows[0]["paragraphs"] == "1"
    lines = cli("export", "--to", "jsonl", "--tag", "energy").stdout.splitlines()
    claims = [json.loads(line) for line in lines]
    assert claims and all("energy" in c["tags"] for c in claims)
    assert set(claims[0]) >= {"id", "verdict", "evidence", "choice"}


def test_markdown_sheet_with_answer_key(cli: CliInvoke, tmp_path: Path) -> None:
    out = tmp_path / "sheet.md"
    cli("export", "--to", "markdown", "--seed", "5", "--count", "6", "--out", str(out))
    sheet = out.read_text(encoding="utf-8")
    questions, key = sheet.split("## Answer key")
    asked = json.loads(cli("ask", "--seed", "5", "--count", "6", "--json").stdout)
    for n, q in enumerate(asked["questions"], start=1):
        assert f"{n}. " in questions and q["prompt"] in questions
    assert key.count("¶") >= 6 and "**" in key


def test_unknown_format(cli: CliInvoke) -> None:
    assert "--to must be one of" in cli("export", "--to", "pdf", code=2).stderr
