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

from .conftest import BankFactory, CliInvoke


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
    # A note per claim, plus a choice note for the 36 - 18 claims with one that are not
    # refuted (a refuted claim's note is its choice question, or its fact form).
    assert len(a) == 57 + 36 - 18
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


def test_csv_and_jsonl(cli: CliInvoke) -> None:
    rows = list(csv.DictReader(io.StringIO(cli("export", "--to", "csv").stdout)))
    assert len(rows) == 57 and rows[0]["id"] == "meeting-ties" and rows[0]["paragraphs"] == "[1]"
    lines = cli("export", "--to", "jsonl", "--tag", "energy").stdout.splitlines()
    claims = [json.loads(line) for line in lines]
    assert claims and all("energy" in c["tags"] for c in claims)
    assert set(claims[0]) >= {"id", "verdict", "evidence", "choice"}


def test_unknown_format(cli: CliInvoke) -> None:
    assert "--to must be one of" in cli("export", "--to", "pdf", code=2).stderr


@pytest.mark.parametrize(
    ("to", "flags", "refused"),
    [
        ("csv", ["--count", "3"], "--count"),
        ("jsonl", ["--seed", "3"], "--seed"),
        ("jsonl", ["--kind", "mc"], "--kind"),
        ("claimreview", ["--kind", "tf"], "--kind"),
        ("claimreview", ["--count", "2"], "--count"),
        ("anki", ["--seed", "1"], "--seed"),
        ("anki", ["--count", "5"], "--count"),
        ("markdown", ["--author", "Me"], "--author"),
        ("csv", ["--url", "https://x.test"], "--url"),
    ],
)
def test_flags_a_format_cannot_honour_are_refused(
    cli: CliInvoke, tmp_path: Path, to: str, flags: list[str], refused: str
) -> None:
    out = tmp_path / "out"
    error = cli("export", "--to", to, "--out", str(out), *flags, code=2).stderr
    assert error.startswith(f"newsquiz: {refused} does not apply to --to {to}")
    assert not out.exists()


def test_markdown_honours_count_kind_and_seed(cli: CliInvoke) -> None:
    sheet = cli("export", "--to", "markdown", "--count", "4", "--kind", "mc", "--seed", "9").stdout
    assert sheet.count("True or false?") == 0 and "4 questions (seed 9)" in sheet
    assert sheet == cli("export", "--to", "markdown", "-n", "4", "-k", "mc", "-s", "9").stdout
    assert "--kind must be one of" in cli("export", "--to", "markdown", "-k", "x", code=2).stderr


def test_the_readme_export_commands_run_as_written(tmp_path: Path) -> None:
    import os
    import re
    import subprocess
    import sys

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Exports", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```sh\n(.*?)```", section, re.S)
    assert block is not None
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    shim = bin_dir / "newsquiz"
    shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m newsquiz "$@"\n')
    shim.chmod(0o755)
    env = {**os.environ, "PATH": f"{bin_dir}:{os.environ['PATH']}"}
    subprocess.run(
        ["bash", "-euo", "pipefail", "-c", block.group(1)],
        cwd=tmp_path,
        env=env,
        check=True,
        timeout=120,
    )
    assert "**10.**" in (tmp_path / "sheet.md").read_text(encoding="utf-8")
    assert (tmp_path / "newsquiz.apkg").stat().st_size > 0
    with open(tmp_path / "energy.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert rows and all("energy" in json.loads(r["tags"]) for r in rows)
    assert (tmp_path / "claims.jsonl").read_text(encoding="utf-8").count("\n") > 10


# ---------------------------------------------------------------------------------------------
# --out: never a bank's own file, never another file without --force, never half a file


@pytest.mark.parametrize("to", ["csv", "jsonl", "markdown", "anki"])
def test_out_never_replaces_a_file_of_the_bank_exported(
    cli: CliInvoke, make_bank: BankFactory, to: str
) -> None:
    bank = make_bank()
    article = next(p for p in bank.parent.iterdir() if p.suffix == ".txt")
    link = bank.parent / "alias.yaml"
    link.symlink_to(bank.name)
    for target in (bank, article, link, bank.parent / "." / bank.name):
        before = {p: p.read_bytes() for p in (bank, article)}
        for force in ([], ["--force"]):
            args = ["export", "--to", to, "--bank", str(bank), "--out", str(target), *force]
            error = cli(*args, code=2).stderr
            assert error.startswith(f"newsquiz: will not write {target}: it is a file of the bank")
            assert error.count("\n") == 1
            assert {p: p.read_bytes() for p in (bank, article)} == before
            assert not [p for p in bank.parent.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.parametrize("to", ["csv", "jsonl", "markdown", "anki"])
def test_out_replaces_another_existing_file_only_with_force(
    cli: CliInvoke, tmp_path: Path, to: str
) -> None:
    other = tmp_path / "other.db"
    other.write_bytes(b"SQLite format 3\x00 somebody else's data")
    error = cli("export", "--to", to, "--out", str(other), code=2).stderr
    expected = f"newsquiz: will not replace the existing file {other}; add --force to replace it"
    assert error == expected + "\n"
    assert other.read_bytes() == b"SQLite format 3\x00 somebody else's data"
    cli("export", "--to", to, "--out", str(other), "--force")
    assert b"somebody else's data" not in other.read_bytes() and other.stat().st_size > 100
    assert [p.name for p in tmp_path.iterdir()] == ["other.db"]  # no temporary file left


def test_a_failed_export_leaves_the_old_file_whole(
    cli: CliInvoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import genanki

    out = tmp_path / "deck.apkg"
    out.write_bytes(b"the old deck")

    def fail(self: object, path: str, timestamp: float | None = None) -> None:
        Path(path).write_bytes(b"half a deck")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(genanki.Package, "write_to_file", fail)
    error = cli("export", "--to", "anki", "--out", str(out), "--force", code=2).stderr
    assert error == f"newsquiz: cannot write {out}: No space left on device\n"
    assert out.read_bytes() == b"the old deck"
    assert [p.name for p in tmp_path.iterdir()] == ["deck.apkg"]


def test_markdown_answer_key_leads_with_the_fact_of_a_refuted_claim(cli: CliInvoke) -> None:
    from newsquiz.bank import load_library
    from newsquiz.export import md_text

    sheet = cli("export", "--to", "markdown", "--kind", "tf", "--seed", "3").stdout
    key = sheet.split("## Answer key", 1)[1]
    refuted = [c for c in load_library(None).claims if c.verdict == "refuted"]
    lines = [line for line in key.splitlines() if line.startswith("**")]
    assert len(lines) == 57
    for claim in refuted:
        assert md_text(claim.claim) not in key  # the sheet's question showed it once already
        (line,) = [line for line in lines if md_text(str(claim.correction)) in line]
        rest = line.split(" ", 1)[1]
        assert rest.startswith(f"Fact: {md_text(str(claim.correction))} (¶")
        assert "**f)** False:" in rest and rest.index("False") > len(str(claim.correction))


def test_claims_json_jsonl_and_csv_say_who_made_a_claim_where_and_when(
    cli: CliInvoke, make_bank: BankFactory
) -> None:
    from .conftest import CLAIMS

    origin = (
        "    claimant: The city council\n"
        "    appearance: https://council.example/news?id=4&lang=en\n"
        "    appeared: 2024-04-30\n"
    )
    marker = "    tags: [dates]\n"
    bank = str(make_bank(CLAIMS.replace(marker, marker + origin, 1)))
    made = {
        "claimant": "The city council",
        "appearance": "https://council.example/news?id=4&lang=en",
        "appeared": "2024-04-30",
    }
    unknown = dict.fromkeys(made)
    by_json = json.loads(cli("claims", "--json", "--bank", bank).stdout)
    lines = cli("export", "--to", "jsonl", "--bank", bank).stdout.splitlines()
    for claims in (by_json, [json.loads(line) for line in lines]):
        assert [{k: c[k] for k in made} for c in claims] == [made, unknown, unknown]
    rows = list(csv.DictReader(io.StringIO(cli("export", "--to", "csv", "--bank", bank).stdout)))
    assert [{k: r[k] for k in made} for r in rows] == [made, *[dict.fromkeys(made, "")] * 2]
