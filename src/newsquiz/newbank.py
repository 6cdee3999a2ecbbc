"""Start a bank for another article: copy the text, write the header, an example claim to edit,
and the article's sentences to quote from.

`plan_bank` works out what it can (the date from an archive marker, the id from the title and
date) and names everything still missing at once; `write_bank` writes the files.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from dataclasses import dataclass, replace
from pathlib import Path

from .bank import check_bank, read_article
from .errors import BankError, UsageError
from .fields import SLUG, URL, URL_RULE, is_iso_date
from .text import Layout, has_control_characters, layout, normalise, normalise_quote

SCHEMA_FILE = "newsquiz.schema.json"
DATE_MARKER = re.compile(r" date (\d{4}-\d{2}-\d{2}) ")
# Every string of the example claim that the author must rewrite carries this word; validate
# warns while any is left.
PLACEHOLDER = "TODO"
_ID_WORDS = 6  # words of the title kept in a derived id


@dataclass(frozen=True)
class BankPlan:
    """What `new` will write: the article text and the header fields, derived or given."""

    source: Path
    text: str
    raw: bytes
    bank_id: str | None
    title: str | None
    published: str | None
    url: str | None

    @property
    def missing(self) -> list[str]:
        """The options still needed, each as the flag and what it wants."""
        needed = []
        if self.title is None:
            needed.append("--title TEXT (the article's headline)")
        if self.published is None:
            needed.append(
                "--published YYYY-MM-DD (the file has no ' date YYYY-MM-DD ' marker to give it)"
            )
        return needed

    def given(self, *, title: str | None = None, published: str | None = None) -> BankPlan:
        """The plan with answers filled in (from prompts), checked and the id derived again."""
        plan = replace(self, title=self.title or _title(title), published=self.published)
        if published is not None and self.published is None:
            plan = replace(plan, published=_date(published))
        if self.bank_id is None and plan.title and plan.published:
            plan = replace(plan, bank_id=derive_id(plan.title, plan.published))
        return plan


@dataclass(frozen=True)
class NewBank:
    """What `new` wrote."""

    bank: Path
    article: Path
    schema: Path
    sentences: int
    paragraphs: int
    example: bool = True  # whether the bank holds the example claim to rewrite


def derive_id(title: str, published: str) -> str:
    """A slug from the headline's first words and the date: 'council-votes-to-reopen-2025-03-01'."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_title.lower().replace("'", ""))
    return "-".join([*words[:_ID_WORDS], published]) if words else f"article-{published}"


def _title(title: str | None) -> str | None:
    if title is None:
        return None
    if has_control_characters(title) >= 0 or not title.strip():
        raise UsageError("--title must be plain text on one line")
    return " ".join(title.split())


def _date(published: str) -> str:
    published = published.strip()
    if not is_iso_date(published):
        raise UsageError(f"--published '{published}' must be an ISO date like 2024-07-09")
    return published


def plan_bank(
    article_file: Path,
    *,
    bank_id: str | None = None,
    title: str | None = None,
    published: str | None = None,
    url: str | None = None,
) -> BankPlan:
    """Read the article and work out the header; `missing` says what is still needed."""
    if bank_id is not None and not SLUG.match(bank_id):
        raise UsageError(f"--id '{bank_id}' must be a slug: lowercase letters, digits, hyphens")
    if url is not None and not URL.match(url):
        raise UsageError(f"--url must be {URL_RULE}")
    title = _title(title)
    if published is not None:
        published = _date(published)
    text, raw, problems = read_article(article_file)
    if text is None:
        raise BankError(problems)
    # Article files from a news archive may open with a metadata marker, " date YYYY-MM-DD ":
    # it is not article text. Drop it from the copy and take the date from it.
    marker = DATE_MARKER.match(text)
    if marker:
        text = text[marker.end() :]
        raw = text.encode("utf-8")
        published = published or marker.group(1)
    if not text.strip():
        raise UsageError(f"{article_file} holds no article text")
    plan = BankPlan(article_file, text, raw, bank_id, title, published, url)
    return plan.given()


def write_bank(plan: BankPlan, out: Path, force: bool = False) -> NewBank:
    """Write the article copy, the bank (an example claim and the sentences) and the schema."""
    if plan.missing or plan.bank_id is None or plan.title is None or plan.published is None:
        raise UsageError(missing_message(plan))
    out.mkdir(parents=True, exist_ok=True)
    bank_path, article_path = out / f"{plan.bank_id}.yaml", out / f"{plan.bank_id}.txt"
    for target in (bank_path, article_path):
        if target.exists() and not force:
            raise UsageError(f"{target} already exists; choose another --out or pass --force")
    article_path.write_bytes(plan.raw)
    schema_path = out / SCHEMA_FILE
    if force or not schema_path.exists():
        from .schema import bank_schema

        schema_path.write_text(json.dumps(bank_schema(), indent=2) + "\n", encoding="utf-8")
    lay = layout(plan.text)
    bank_path.write_text(template(plan, bank_path.name, article_path.name, lay), encoding="utf-8")
    bank, problems = check_bank(bank_path)
    if bank is None:
        raise BankError(problems)
    return NewBank(
        bank_path,
        article_path,
        schema_path,
        len(lay.sentences),
        len(lay.paragraphs),
        bool(bank.summary.claim_ids),
    )


def missing_message(plan: BankPlan) -> str:
    """Everything still needed, in one message."""
    return (
        "new needs "
        + " and ".join(plan.missing)
        + (
            "; the id is then made from the title and date (or give --id)"
            if plan.bank_id is None
            else ""
        )
    )


def single_quoted(text: str) -> str:
    """A YAML single-quoted scalar: nothing is special inside but ', which is doubled."""
    return "'" + " ".join(text.split()).replace("'", "''") + "'"


def example_quote(text: str, lay: Layout) -> str:
    """The first sentence that can be quoted as it is: found once, long enough, one paragraph."""
    norm = normalise(text).text
    for s, e, _ in lay.sentences:
        quote = " ".join(text[s:e].split())
        needle = normalise_quote(quote)
        if len(needle.split()) >= 3 and "..." not in needle and norm.count(needle) == 1:
            return quote
    return ""


def template(plan: BankPlan, bank_name: str, article_name: str, lay: Layout) -> str:
    """The bank `new` writes: the header, one example claim to rewrite, the sentences."""
    todo = PLACEHOLDER
    quote = example_quote(plan.text, lay)
    lines = [
        f"# yaml-language-server: $schema={SCHEMA_FILE}",
        f"# A newsquiz bank. Check it with: newsquiz validate {bank_name}",
        "#",
        "# The claim below is an example, quoting the article's first sentence. Rewrite every",
        f"# {todo}, copy the claim for each new one, and delete what you do not need; validate",
        f"# warns while a {todo} is left. The README section 'Writing a bank' is the guide.",
        "#",
        "# Quotes: copy them from the article (the sentences are listed at the end of this file).",
        "# Write each as a list item in single quotes, as below: double quotes inside then need",
        "# nothing, and an apostrophe is written twice ('India''s'). A quote is whole words in one",
        "# paragraph, at least 3 words or 12 characters, found exactly once; 'A ... B' quotes two",
        "# pieces of one paragraph, in order.",
        "format: newsquiz/1",
        "article:",
        f"  id: {plan.bank_id}",
        f"  title: {single_quoted(plan.title or '')}",
        f"  published: '{plan.published}'",
        f"  text: {article_name}",
        f"  sha256: {hashlib.sha256(plan.raw).hexdigest()}",
    ]
    if plan.url:
        lines.append(f"  url: {single_quoted(plan.url)}")
    lines.append("claims:")
    if quote:
        lines += [
            "  - id: todo-topic        # names the topic, never the answer ('summit', not",
            "                          # 'skipped-summit'); unique in this article",
            f"    claim: '{todo}: what a reader might say after reading the quote, in your own"
            " words.'",
            "    verdict: supported    # supported | refuted | not-stated",
            "    evidence:             # one or more quotes from the article",
            f"      - {single_quoted(quote)}",
            "    # Refuted claims only (remove the #): what the article does say, and the one",
            "    # change that makes the claim false.",
            "    # correction: 'What the article does say.'",
            "    # change: number      # number | date | entity | negation | scope | attribution"
            " | other",
            f"    explanation: '{todo}: why the quote settles it (optional; delete the line if not"
            " needed).'",
            "    tags: [todo]          # short topic words: [energy, numbers]",
            "    choice:               # optional: the same fact as a multiple-choice question",
            f"      question: '{todo}: a question the quote answers?'",
            f"      answer: '{todo}: the answer'",
            f"      distractors: ['{todo}: a wrong answer', '{todo}: another', '{todo}: a third']",
        ]
    else:
        lines[-1] = "claims: []  # no sentence could serve as an example quote; add claims here"
    lines += ["#", "# The article's sentences, numbered paragraph.sentence:"]
    previous = 0
    count = 0
    for s, e, p in lay.sentences:
        count = count + 1 if p == previous else 1
        previous = p
        lines.append(f"#  {p}.{count} {' '.join(plan.text[s:e].split())}")
    return "\n".join(lines) + "\n"
