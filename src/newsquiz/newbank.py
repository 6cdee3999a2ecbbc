"""Start a bank for another article: copy the text, write the header and the sentences to quote."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path

from .bank import SLUG, URL, check_bank, is_iso_date, read_article
from .errors import BankError, UsageError
from .text import has_control_characters, layout

SCHEMA_FILE = "newsquiz.schema.json"
DATE_MARKER = re.compile(r" date (\d{4}-\d{2}-\d{2}) ")


@dataclass(frozen=True)
class NewBank:
    """What `new` wrote."""

    bank: Path
    article: Path
    schema: Path
    sentences: int
    paragraphs: int


def start_bank(
    article_file: Path,
    *,
    bank_id: str,
    title: str,
    published: str | None,
    out: Path,
    url: str | None = None,
    force: bool = False,
) -> NewBank:
    """Copy an article into `out`, write `ID.yaml` beside it with no claims, and check it."""
    if not SLUG.match(bank_id):
        raise UsageError(f"--id '{bank_id}' must be a slug: lowercase letters, digits, hyphens")
    if url is not None and not URL.match(url):
        raise UsageError("--url must be an http or https address")
    if has_control_characters(title) >= 0 or not title.strip():
        raise UsageError("--title must be plain text")
    text, raw, problems = read_article(article_file)
    if text is None:
        raise BankError(problems)
    if not text.strip():
        raise UsageError(f"{article_file} is empty")
    # Article files from a news archive may open with a metadata marker, " date YYYY-MM-DD ":
    # it is not article text. Drop it from the copy and take the date from it.
    marker = DATE_MARKER.match(text)
    if marker:
        text = text[marker.end() :]
        raw = text.encode("utf-8")
        published = published or marker.group(1)
    if published is None:
        raise UsageError("give the publication date with --published YYYY-MM-DD")
    if not is_iso_date(published):
        raise UsageError(f"--published '{published}' must be an ISO date like 2024-07-09")
    out.mkdir(parents=True, exist_ok=True)
    bank_path, article_path = out / f"{bank_id}.yaml", out / f"{bank_id}.txt"
    for target in (bank_path, article_path):
        if target.exists() and not force:
            raise UsageError(f"{target} already exists; choose another --out or pass --force")
    article_path.write_bytes(raw)
    schema_path = out / SCHEMA_FILE
    if force or not schema_path.exists():
        from .schema import bank_schema

        schema_path.write_text(json.dumps(bank_schema(), indent=2) + "\n", encoding="utf-8")
    lay = layout(text)
    lines = [
        f"# yaml-language-server: $schema={SCHEMA_FILE}",
        "# A newsquiz bank. Add claims under 'claims:'; each evidence quote must be copied exactly",
        "# from the article (it must occur there once). Check it with: newsquiz validate "
        + bank_path.name,
        "format: newsquiz/1",
        "article:",
        f"  id: {bank_id}",
        f"  title: {json.dumps(title.strip(), ensure_ascii=False)}",
        f'  published: "{published}"',
        f"  text: {article_path.name}",
        f"  sha256: {hashlib.sha256(raw).hexdigest()}",
    ]
    if url:
        lines.append(f"  url: {json.dumps(url)}")
    lines += [
        "claims: []",
        "# An example claim, to copy above and edit:",
        "#  - id: a-slug",
        "#    claim: What a reader might say, in your own words.",
        "#    verdict: supported        # supported | refuted | not-stated",
        '#    evidence: ["words copied exactly from the article"]',
        "#    correction: ...           # refuted only: what the article does say",
        "#    change: number            # refuted only: number|date|entity|negation|scope|...",
        "#    tags: [topic]",
        "#",
        "# The article's sentences, numbered paragraph.sentence:",
    ]
    previous = 0
    count = 0
    for s, e, p in lay.sentences:
        count = count + 1 if p == previous else 1
        previous = p
        sentence = " ".join(text[s:e].split())
        lines.append(f"#  {p}.{count} {sentence}")
    bank_path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    _, problems = check_bank(bank_path)
    if problems:
        raise BankError(problems)
    return NewBank(bank_path, article_path, schema_path, len(lay.sentences), len(lay.paragraphs))
