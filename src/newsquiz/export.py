"""Exports to the tools learners and fact-checkers use: Anki, ClaimReview, CSV, JSON Lines,
and a printable Markdown quiz sheet. Each returns text (or writes a file, for Anki)."""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .bank import Library
from .errors import UsageError
from .model import Claim, Evidence
from .quiz import Question, Session, make_question

FORMATS = ("anki", "claimreview", "csv", "jsonl", "markdown")
RATING = {  # schema.org Rating for each verdict: 1 worst (refuted) to 3 best (supported)
    "supported": (3, "True"),
    "not-stated": (2, "Not stated in the article"),
    "refuted": (1, "False"),
}


def _quoted(evidence: Sequence[Evidence]) -> list[str]:
    """Each sentence once, with every quote in it in bold, after its paragraph number."""
    by_sentence: dict[int, list[Evidence]] = {}
    for e in evidence:
        by_sentence.setdefault(e.sentence_start, []).append(e)
    out = []
    for items in by_sentence.values():
        sentence, pos, parts = items[0].sentence, 0, []
        for e in sorted(items, key=lambda e: e.start):
            s, t = e.span_in_sentence
            if s < pos:
                continue
            parts += [sentence[pos:s], "**", sentence[s:t], "**"]
            pos = t
        parts.append(sentence[pos:])
        out.append(f"¶{items[0].paragraph} " + "".join(parts))
    return out


def to_jsonl(claims: Sequence[Claim]) -> str:
    """One claim a line, in the shape of `claims --json`."""
    return "".join(json.dumps(c.to_json(), ensure_ascii=False) + "\n" for c in claims)


def to_csv(claims: Sequence[Claim]) -> str:
    """A spreadsheet row per claim; several quotes are joined by ' | '."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(
        [
            "id",
            "article",
            "verdict",
            "claim",
            "correction",
            "change",
            "explanation",
            "tags",
            "quotes",
            "sentences",
            "paragraphs",
            "question",
            "answer",
            "distractors",
        ]
    )
    for c in claims:
        writer.writerow(
            [
                c.id,
                c.article,
                c.verdict,
                c.claim,
                c.correction or "",
                c.change or "",
                c.explanation or "",
                " ".join(c.tags),
                " | ".join(e.quote for e in c.evidence),
                " | ".join(e.sentence for e in c.evidence),
                " ".join(str(e.paragraph) for e in c.evidence),
                c.choice.question if c.choice else "",
                c.choice.answer if c.choice else "",
                " | ".join(c.choice.distractors) if c.choice else "",
            ]
        )
    return out.getvalue()


def to_claimreview(library: Library, claims: Sequence[Claim]) -> str:
    """schema.org ClaimReview JSON-LD, one review per claim, the article as the citation."""
    items = []
    for c in claims:
        article = library.article(c.article)
        value, name = RATING[c.verdict]
        cited: dict[str, Any] = {
            "@type": "NewsArticle",
            "headline": article.title,
            "datePublished": article.published,
        }
        if article.url:
            cited["url"] = article.url
        body = name if not c.correction else f"{name}. {c.correction}"
        items.append(
            {
                "@context": "https://schema.org",
                "@type": "ClaimReview",
                "identifier": c.qualified_id,
                "claimReviewed": c.claim,
                "datePublished": article.published,
                "author": {"@type": "Organization", "name": "newsquiz"},
                "reviewRating": {
                    "@type": "Rating",
                    "ratingValue": value,
                    "bestRating": 3,
                    "worstRating": 1,
                    "alternateName": name,
                    "ratingExplanation": body,
                },
                "reviewBody": " ".join(e.sentence for e in c.evidence),
                "itemReviewed": {"@type": "Claim", "text": c.claim, "citation": cited},
            }
        )
    return json.dumps(items, ensure_ascii=False, indent=2) + "\n"


def to_markdown(library: Library, session: Session) -> str:
    """A printable quiz sheet; the answer key at the end cites paragraph numbers."""
    titles = sorted({library.article(q.claim.article).title for q in session.questions})
    lines = [
        f"# Quiz: {'; '.join(titles)}",
        "",
        f"{len(session.questions)} questions (seed {session.seed}). Mark one answer each.",
        "",
    ]
    for n, q in enumerate(session.questions, start=1):
        lead = "True or false?" if q.kind == "tf" else ""
        lines.append(f"{n}. {lead + ' ' if lead else ''}{q.prompt}")
        lines.append("")
        lines.extend(f"   - [ ] **{o.key}**) {o.text}" for o in q.options)
        lines.append("")
    lines += ["---", "", "## Answer key", ""]
    for n, q in enumerate(session.questions, start=1):
        where = ", ".join(f"¶{p}" for p in sorted({e.paragraph for e in q.claim.evidence}))
        lines.append(f"{n}. **{q.answer_key}) {q.expected}** ({where})")
        if q.kind == "tf" and q.claim.correction:
            lines.append(f"   {q.claim.correction}")
        lines.extend(f"   > {line}" for line in _quoted(q.claim.evidence))
        lines.append("")
    return "\n".join(lines)


def _stable_id(text: str) -> int:
    """An id Anki keeps across exports, so that re-importing updates notes instead of copying."""
    return int(hashlib.sha256(text.encode()).hexdigest()[:8], 16) | (1 << 30)


def to_anki(library: Library, claims: Sequence[Claim], out: Path) -> int:
    """Write an Anki deck: one note per question (true/false and multiple choice)."""
    try:
        import genanki
    except ImportError:
        raise UsageError("Anki export needs genanki: pip install 'newsquiz[anki]'") from None
    model = genanki.Model(
        _stable_id("newsquiz-model-1"),
        "newsquiz question",
        fields=[
            {"name": "Question"},
            {"name": "Options"},
            {"name": "Answer"},
            {"name": "Verdict"},
            {"name": "Evidence"},
            {"name": "Source"},
        ],
        templates=[
            {
                "name": "Card 1",
                "qfmt": "{{Question}}<br><br>{{Options}}",
                "afmt": "{{FrontSide}}<hr id=answer><b>{{Answer}}</b><br>{{Verdict}}"
                "<br><br>{{Evidence}}<br><small>{{Source}}</small>",
            }
        ],
    )
    decks: dict[str, Any] = {}
    count = 0
    for c in claims:
        article = library.article(c.article)
        deck = decks.get(article.id)
        if deck is None:
            deck = genanki.Deck(
                _stable_id(f"newsquiz-deck-{article.id}"), f"newsquiz::{article.title}"
            )
            decks[article.id] = deck
        kinds = ["tf", "mc"] if c.choice else ["tf"]
        for kind in kinds:
            q = make_question(c, kind, 0, offers_not_stated=True)  # type: ignore[arg-type]
            deck.add_note(
                genanki.Note(
                    model=model,
                    fields=_anki_fields(q, article.title),
                    tags=[f"newsquiz::{t}" for t in c.tags] + [f"newsquiz::{article.id}"],
                    guid=genanki.guid_for("newsquiz", q.id),
                )
            )
            count += 1
    genanki.Package(list(decks.values())).write_to_file(str(out))
    return count


def _anki_fields(q: Question, source: str) -> list[str]:
    from html import escape

    def marked(e: Evidence) -> str:
        s, t = e.span_in_sentence
        return (
            f"¶{e.paragraph} {escape(e.sentence[:s])}<b>{escape(e.sentence[s:t])}</b>"
            f"{escape(e.sentence[t:])}"
        )

    verdict = ""
    if q.kind == "tf":
        verdict = f"The article: {q.claim.verdict}."
        if q.claim.correction:
            verdict += f" {escape(q.claim.correction)}"
    prompt = ("True or false? " if q.kind == "tf" else "") + escape(q.prompt)
    options = "<br>".join(f"{o.key}) {escape(o.text)}" for o in q.options)
    return [
        prompt,
        options,
        escape(q.expected),
        verdict,
        "<br>".join(marked(e) for e in q.claim.evidence),
        escape(source),
    ]
