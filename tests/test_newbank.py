"""A second article, given only as text, becomes a working quiz through new, editing, validate."""

from __future__ import annotations

import json
from pathlib import Path

from .conftest import CliInvoke

ARTICLE = """\
The harbour authority said on Wednesday that the new ferry terminal in Portvale will open in
March, two months later than planned.

The terminal cost 48 million euros, of which the regional government paid a third. Officials
blamed the delay on a shortage of steel.

Ferry operators welcomed the news. “We have waited long enough,” said Ana Ruiz, who runs the
Blue Line service.
"""

CLAIMS = """\
  - id: opening-month
    claim: The terminal will open in May.
    verdict: refuted
    evidence: ["will open in\\nMarch"]
    correction: It will open in March.
    change: date
    tags: [dates]
    choice:
      question: When will the terminal open?
      answer: March
      distractors: [January, May, June]
  - id: steel-delay
    claim: Officials put the delay down to a lack of steel.
    verdict: supported
    evidence: ["blamed the delay on a shortage of steel"]
    tags: [causes]
  - id: ruiz-operator
    claim: Ana Ruiz said the terminal was too expensive.
    verdict: not-stated
    evidence: ["“We have waited long enough,” said Ana Ruiz"]
    tags: [quotes]
"""


def test_a_new_article_becomes_a_quiz(cli: CliInvoke, tmp_path: Path) -> None:
    source = tmp_path / "ferry.txt"
    source.write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "banks"
    made = cli(
        "new",
        str(source),
        "--id",
        "portvale-ferry",
        "--title",
        "Ferry terminal: late",
        "--published",
        "2025-02-12",
        "--out",
        str(out),
    )
    assert "3 paragraphs" in made.stdout
    bank = out / "portvale-ferry.yaml"
    text = bank.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=newsquiz.schema.json")
    assert "#  2.1 The terminal cost 48 million euros" in text
    assert (out / "portvale-ferry.txt").read_text(encoding="utf-8") == ARTICLE
    assert (out / "newsquiz.schema.json").exists()
    # The empty bank validates, with a warning.
    result = cli("validate", str(bank))
    assert "ok: 0 claims" in result.stdout and "no claims yet" in result.stderr
    # An author adds claims, then validates and quizzes.
    bank.write_text(text.replace("claims: []", "claims:\n" + CLAIMS), encoding="utf-8")
    assert (
        "ok: 3 claims (1 supported, 1 refuted, 1 not-stated)" in cli("validate", str(bank)).stdout
    )
    asked = json.loads(
        cli("ask", "--bank", str(out), "--kind", "tf", "--seed", "1", "--json").stdout
    )
    truth = {"opening-month": "f", "steel-delay": "t", "ruiz-operator": "ns"}
    answers = "\n".join(truth[q["id"].split(":")[0]] for q in asked["questions"]) + "\n"
    report = json.loads(
        cli(
            "quiz",
            "--bank",
            str(out),
            "--kind",
            "tf",
            "--seed",
            "1",
            "--answers",
            "-",
            "--json",
            "--no-save",
            input=answers,
        ).stdout
    )
    assert report["score"] == 100.0
    shown = cli("show", "opening-month", "--bank", str(out)).stdout
    assert "¶1" in shown


def test_new_refuses_to_overwrite_and_bad_input(cli: CliInvoke, tmp_path: Path) -> None:
    source = tmp_path / "a.txt"
    source.write_text(ARTICLE, encoding="utf-8")
    args = [
        "new",
        str(source),
        "--id",
        "x",
        "--title",
        "T",
        "--published",
        "2025-01-01",
        "--out",
        str(tmp_path / "o"),
    ]
    cli(*args)
    assert "already exists" in cli(*args, code=2).stderr
    cli(*args, "--force")
    cli("new", str(source), "--id", "Bad Id", "--title", "T", "--published", "2025-01-01", code=2)
    cli("new", str(source), "--id", "y", "--title", "T", "--published", "January", code=2)
    cli(
        "new",
        str(tmp_path / "missing.txt"),
        "--id",
        "y",
        "--title",
        "T",
        "--published",
        "2025-01-01",
        code=2,
    )
    binary = tmp_path / "bin.txt"
    binary.write_bytes(b"\xff\xfe\x00")
    assert (
        "not UTF-8"
        in cli(
            "new",
            str(binary),
            "--id",
            "z",
            "--title",
            "T",
            "--published",
            "2025-01-01",
            "--out",
            str(tmp_path / "o2"),
            code=2,
        ).stderr
    )


def test_new_takes_the_date_from_an_archive_marker(cli: CliInvoke, tmp_path: Path) -> None:
    source = tmp_path / "seed.txt"
    source.write_text(" date 2024-07-09 " + ARTICLE, encoding="utf-8")
    cli("new", str(source), "--id", "marked", "--title", "T", "--out", str(tmp_path / "o"))
    assert (tmp_path / "o" / "marked.txt").read_text(encoding="utf-8") == ARTICLE
    assert '  published: "2024-07-09"\n' in (tmp_path / "o" / "marked.yaml").read_text()
    plain = tmp_path / "plain.txt"
    plain.write_text(ARTICLE, encoding="utf-8")
    result = cli(
        "new", str(plain), "--id", "p", "--title", "T", "--out", str(tmp_path / "o"), code=2
    )
    assert "--published" in result.stderr


def test_new_refuses_an_article_with_control_characters(cli: CliInvoke, tmp_path: Path) -> None:
    source = tmp_path / "evil.txt"
    source.write_text("Fine first line.\nThen \x1b[2J a wipe.\n", encoding="utf-8")
    result = cli(
        "new",
        str(source),
        "--id",
        "evil",
        "--title",
        "T",
        "--published",
        "2025-01-01",
        "--out",
        str(tmp_path / "o"),
        code=2,
    )
    assert f"{source}:2:6: the article holds a control character (U+001B)" in result.stderr
    assert not (tmp_path / "o" / "evil.txt").exists()
