"""Exports to the tools learners and fact-checkers use: Anki, ClaimReview, CSV, JSON Lines,
and a printable Markdown quiz sheet. Each returns text (or writes a file, for Anki).

Every format is written for the program that reads it, and the tests feed it to that program:
Anki's own importer, markdown-it-py, Python-Markdown and cmark-gfm, JSON-LD tools reading the
reviews out of an HTML page, and csv/pandas.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from .bank import Library
from .debunk import debunk
from .errors import UsageError
from .fields import URL, URL_RULE, is_iso_date
from .model import Claim, Evidence
from .quiz import KINDS, Question, Session, fact_question, make_question

FORMATS = ("anki", "claimreview", "csv", "jsonl", "markdown")
# The flags each format uses beyond --bank, --tag and --out; the others are refused.
FLAGS = {
    "anki": {"--kind"},
    "claimreview": {"--author", "--url", "--date"},
    "csv": set(),
    "jsonl": set(),
    "markdown": {"--count", "--kind", "--seed"},
}
FLAG_HELP = {
    "--count": "it holds every claim (choose them with --tag); --count is for markdown",
    "--seed": "nothing in it is drawn at random; --seed is for markdown",
    "--kind": "it holds every claim (choose them with --tag); --kind is for markdown and anki",
    "--author": "--author is for claimreview",
    "--url": "--url is for claimreview",
    "--date": "--date is for claimreview",
}
# What the article says of a claim, as a fact-check's textual rating: the article is the only
# thing judged against, so the rating says so instead of calling the claim true or false.
RATING = {
    "supported": "Supported by the article",
    "refuted": "Contradicted by the article",
    "not-stated": "Not stated in the article",
}


def refused_flags(to: str, given: Sequence[str]) -> list[str]:
    """The flags among `given` that mean nothing for this format."""
    return [f for f in given if f not in FLAGS[to]]


def protected_files(library: Library) -> set[Path]:
    """The files of the loaded banks (each bank and its article): no export may replace them."""
    paths = set()
    for bank in library.banks:
        paths.add(Path(bank.path).resolve())
        paths.add(Path(bank.article.path).resolve())
    return paths


def check_out(out: Path, library: Library, *, force: bool) -> None:
    """Refuse an --out that would replace a bank's own file (always) or any other existing file
    (unless `force`), a folder, or a path in a folder that does not exist."""
    _check_folder(out)
    target = out.resolve()
    for path in protected_files(library):
        if target == path or (out.exists() and path.exists() and _same_file(out, path)):
            same = "" if str(out) == str(path) else f" ({path})"
            raise UsageError(
                f"will not write {out}: it is a file of the bank being exported{same}; "
                "give another --out"
            )
    if not force and (out.exists() or out.is_symlink()):
        raise UsageError(f"will not replace the existing file {out}; add --force to replace it")


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.samefile(b)
    except OSError:
        return False


def write_file(out: Path, text: str, *, force: bool = False) -> None:
    """Write an export atomically, with a one-line error for a folder that is missing or not
    writable, and without replacing an existing file unless `force`."""
    data = text.encode("utf-8")
    write_atomically(out, lambda tmp: tmp.write_bytes(data), force=force)


def write_atomically(out: Path, write: Callable[[Path], object], *, force: bool) -> None:
    """Let `write` fill a new file beside `out`, then move it into place in one step, so that
    a failed export leaves no half-written file and `out` is either old or whole and new.

    Without `force` the move refuses to replace a file that appeared in the meantime.
    """
    import os
    import tempfile

    _check_folder(out)
    try:
        fd, name = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent)
    except OSError as exc:
        raise UsageError(f"cannot write {out}: {exc.strerror}") from None
    os.close(fd)
    tmp = Path(name)
    try:
        try:
            write(tmp)
            umask = os.umask(0)
            os.umask(umask)
            tmp.chmod(0o666 & ~umask)
            if force:
                os.replace(tmp, out)
            else:
                _move_without_replacing(tmp, out)
        except OSError as exc:
            raise UsageError(f"cannot write {out}: {exc.strerror or exc}") from None
    finally:
        tmp.unlink(missing_ok=True)


def _move_without_replacing(tmp: Path, out: Path) -> None:
    import errno
    import os

    try:
        os.link(tmp, out)  # fails if `out` exists: no window in which another file is replaced
    except FileExistsError:
        raise UsageError(
            f"will not replace the existing file {out}; add --force to replace it"
        ) from None
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EXDEV, errno.EMLINK):
            raise
        if out.exists() or out.is_symlink():  # a file system without hard links
            raise UsageError(
                f"will not replace the existing file {out}; add --force to replace it"
            ) from None
        os.replace(tmp, out)


def _check_folder(out: Path) -> None:
    parent = out.parent
    if not parent.is_dir():
        raise UsageError(f"cannot write {out}: the folder {parent} does not exist")
    if out.is_dir():
        raise UsageError(f"cannot write {out}: it is a folder; give a file name")


def to_jsonl(claims: Sequence[Claim]) -> str:
    """One claim a line, in the shape of `claims --json`."""
    return "".join(json.dumps(c.to_json(), ensure_ascii=False) + "\n" for c in claims)


CSV_COLUMNS = (
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
    "claimant",
    "appearance",
    "appeared",
)
# A spreadsheet runs a cell that starts with one of these as a formula (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: str | list[Any]) -> str:
    """A CSV cell: a list as a JSON array; text that a spreadsheet would run guarded by a '.

    A cell starting with = + - @ tab or CR, or with ' itself, gets one ' in front, so that
    dropping a leading ' always gives the text back.
    """
    text = json.dumps(value, ensure_ascii=False) if isinstance(value, list) else value
    return "'" + text if text.startswith((*FORMULA_STARTS, "'")) else text


def from_csv_cell(cell: str, *, is_list: bool = False) -> Any:
    """The value a CSV cell of ours holds (the inverse of `csv_cell`)."""
    text = cell[1:] if cell.startswith("'") else cell
    return json.loads(text) if is_list else text


def to_csv(claims: Sequence[Claim]) -> str:
    """A spreadsheet row per claim; list columns hold JSON arrays, formulas are guarded."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for c in claims:
        row: list[str | list[Any]] = [
            c.id,
            c.article,
            c.verdict,
            c.claim,
            c.correction or "",
            c.change or "",
            c.explanation or "",
            list(c.tags),
            [e.quote for e in c.evidence],
            [e.sentence for e in c.evidence],
            [e.paragraph for e in c.evidence],
            c.choice.question if c.choice else "",
            c.choice.answer if c.choice else "",
            list(c.choice.distractors) if c.choice else [],
            c.origin.claimant if c.origin else "",
            c.origin.url if c.origin else "",
            (c.origin.date or "") if c.origin else "",
        ]
        writer.writerow([csv_cell(v) for v in row])
    return out.getvalue()


@dataclass(frozen=True)
class Reviews:
    """ClaimReview JSON-LD and how many claims it had to leave out."""

    text: str
    count: int
    left_out: int


def script_safe_json(data: Any) -> str:
    """JSON that can sit inside <script type="application/ld+json">: no `</script>` or `<!--`
    in bank text can end the block, since <, > and & are written as \\u escapes."""
    text = json.dumps(data, ensure_ascii=False, indent=2)
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def to_claimreview(
    library: Library,
    claims: Sequence[Claim],
    *,
    author: str | None,
    url: str | None,
    date: str | None,
) -> Reviews:
    """schema.org ClaimReview JSON-LD: one review for each claim someone is on record making.

    A ClaimReview says that somebody made a claim somewhere and that a named reviewer rated it.
    Claims the bank's author wrote (the traps of a quiz) were made by nobody: they are left out.
    A review needs its reviewer, its own address and its date; without them nothing is written.
    """
    made = [c for c in claims if c.origin is not None]
    missing = []
    if not made:
        missing.append(
            "no claim says who made it and where (add 'claimant' and 'appearance' to the "
            "claims somebody is on record making; the others are the bank's own and are "
            "not fact-checks)"
        )
    if not author or not author.strip():
        missing.append("--author NAME: who publishes the reviews")
    if not url:
        missing.append("--url URL: the page the reviews are published on")
    elif not URL.match(url):
        raise UsageError(f"--url must be {URL_RULE}, not '{url}'")
    if missing:
        raise UsageError("cannot write ClaimReview: " + "; ".join(missing))
    assert author is not None and url is not None
    if date is None:
        from .clock import now

        date = now().date().isoformat()
    elif not is_iso_date(date):
        raise UsageError(f"--date must be an ISO date like 2024-07-09, not '{date}'")
    page = url.split("#")[0]
    items = []
    for c in made:
        assert c.origin is not None
        article = library.article(c.article)
        cited: dict[str, Any] = {
            "@type": "NewsArticle",
            "headline": article.title,
            "datePublished": article.published,
        }
        if article.url:
            cited["url"] = article.url
        claim: dict[str, Any] = {
            "@type": "Claim",
            # A claimant may be a person or a body ("the city council"); the bank does not
            # say which, so the node carries the name and no type that could be wrong.
            "author": {"name": c.origin.claimant},
            "appearance": {"@type": "CreativeWork", "url": c.origin.url},
        }
        if c.origin.date:
            claim["datePublished"] = c.origin.date
        body = [RATING[c.verdict] + "."]
        if c.correction:
            body.append(c.correction)
        body += [f"The article (paragraph {e.paragraph}): {e.sentence}" for e in c.evidence]
        items.append(
            {
                "@context": "https://schema.org",
                "@type": "ClaimReview",
                "identifier": c.qualified_id,
                "url": f"{page}#{c.id}",
                "claimReviewed": c.claim,
                "datePublished": date,
                "author": {"@type": "Organization", "name": author.strip()},
                "reviewRating": {"@type": "Rating", "alternateName": RATING[c.verdict]},
                "reviewBody": " ".join(body),
                "itemReviewed": claim,
                "citation": cited,
            }
        )
    return Reviews(script_safe_json(items) + "\n", len(items), len(claims) - len(made))


# Characters that mean something inline in CommonMark, GFM or Python-Markdown. The first group
# all three undo with a backslash; the second becomes a character reference, which they all
# decode and none reads as markup (Python-Markdown knows no backslash escape for them).
_MD_BACKSLASHED = set("\\`*_[]{}#")
_MD_REFERENCES = {"<": "&lt;", ">": "&gt;", "&": "&amp;", "|": "&#124;", "~": "&#126;"}


# Text that GitHub's renderer turns into a link as it stands in the source, before escapes are
# read: an escape inside it would be shown. It gets only the escapes no address needs. (What
# still differs: an address with `*`, `[`, a backtick or a backslash in it, or glued to one,
# shows that escape on GitHub; one holding an entity such as `&amp;` shows it decoded elsewhere.)
_MD_ADDRESS = re.compile(
    r"(?:[Hh][Tt][Tt][Pp][Ss]?://|[Ww][Ww][Ww]\.)[^\s<]*|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
)
_MD_ADDRESS_ESCAPED = set("\\`*[]<>")
_ENTITY = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")


def md_text(text: str) -> str:
    """Bank text for a Markdown line, so that every renderer shows it as written.

    Line breaks become spaces: a line of bank text could otherwise start a list, a heading or
    a quote of its own.
    """
    text = re.sub(r"\s*[\r\n]+\s*", " ", text)
    out, pos = [], 0
    for m in _MD_ADDRESS.finditer(text):
        out.append(_md_plain(text[pos : m.start()]))
        out.append(_md_address(m.group()))
        pos = m.end()
    out.append(_md_plain(text[pos:]))
    return "".join(out)


def _md_plain(text: str) -> str:
    return "".join(
        "\\" + ch if ch in _MD_BACKSLASHED else _MD_REFERENCES.get(ch, ch) for ch in text
    )


def _md_address(text: str) -> str:
    out, pos = [], 0
    for m in _ENTITY.finditer(text):  # "&amp;" in an address must not become "&"
        out.append(text[pos : m.start()])
        out.append("&amp;" + m.group()[1:])
        pos = m.end()
    out.append(text[pos:])
    return "".join("\\" + ch if ch in _MD_ADDRESS_ESCAPED else ch for ch in "".join(out))


def _quoted(evidence: Sequence[Evidence]) -> list[str]:
    """Each sentence once, after its paragraph number, with every quote in it in bold."""
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
            parts += [md_text(sentence[pos:s]), _bold(sentence[s:t])]
            pos = t
        parts.append(md_text(sentence[pos:]))
        out.append(f"¶{items[0].paragraph} " + "".join(parts))
    return out


def _bold(text: str) -> str:
    """Bold text; spaces at its ends stay outside, where `**` could not close or open."""
    core = text.strip()
    if not core:
        return md_text(text)
    lead, trail = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()) :]
    return f"{md_text(lead)}**{md_text(core)}**{md_text(trail)}"


def to_markdown(library: Library, session: Session) -> str:
    """A printable quiz sheet; the answer key at the end cites paragraph numbers.

    Questions are numbered paragraphs, not a Markdown list: renderers disagree on list numbers
    and on how far nested lines must be indented, so a list would not print the same numbers
    as the answer key everywhere. Options are a flat bullet list under their question.
    """
    titles = sorted({library.article(q.claim.article).title for q in session.questions})
    lines = [
        f"# Quiz: {md_text('; '.join(titles))}",
        "",
        f"{len(session.questions)} questions (seed {session.seed}). Mark one answer each.",
        "",
    ]
    for n, q in enumerate(session.questions, start=1):
        lead = "True or false? " if q.kind == "tf" else ""
        lines += [f"**{n}.** {lead}{md_text(q.prompt)}", ""]
        lines += [f"- **{o.key})** {md_text(o.text)}" for o in q.options]
        lines.append("")
    lines += ["---", "", "## Answer key", ""]
    for n, q in enumerate(session.questions, start=1):
        where = ", ".join(f"¶{p}" for p in sorted({e.paragraph for e in q.claim.evidence}))
        myth = debunk(q.claim) if q.kind == "tf" else None
        if myth is not None:  # the fact first: the question already showed the false wording
            line = (
                f"**{n}.** Fact: {md_text(myth.fact)} ({where}) "
                f"So **{q.answer_key})** {md_text(q.expected)}: {md_text(myth.trap)}."
            )
        else:
            line = f"**{n}.** **{q.answer_key})** {md_text(q.expected)} ({where})"
            if q.kind == "tf" and q.claim.correction:
                line += f" {md_text(q.claim.correction)}"
        lines += [line, ""]
        quoted = _quoted(q.claim.evidence)
        for i, sentence in enumerate(quoted):
            lines.append(f"> {sentence}")
            if i < len(quoted) - 1:
                lines.append(">")
        lines.append("")
    return "\n".join(lines)


def _stable_id(text: str) -> int:
    """An id Anki keeps across exports, so that re-importing updates notes instead of copying."""
    return int(hashlib.sha256(text.encode()).hexdigest()[:8], 16) | (1 << 30)


# The note type's style: readable on a phone and on a desktop, in light and dark mode.
ANKI_CSS = """\
.card {
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  font-size: 20px;
  line-height: 1.45;
  text-align: left;
  max-width: 40em;
  margin: 0 auto;
  color: black;
  background-color: white;
}
.nightMode.card, .night_mode .card { color: #eee; background-color: #222; }
.options { margin: 0.8em 0; }
.answer { font-weight: bold; font-size: 1.1em; }
.verdict { margin-top: 0.4em; }
.myth { margin: 0.4em 0; color: #a33; }
.nightMode .myth, .night_mode .myth { color: #f99; }
.evidence { margin-top: 0.8em; padding-left: 0.8em; border-left: 3px solid #999; }
.source { margin-top: 0.8em; font-size: 0.8em; color: #777; }
"""


def deck_name(title: str) -> str:
    """The deck of an article: under "newsquiz", one level down whatever the title holds
    (Anki reads `::` in a deck name as a sub-deck)."""
    flat = re.sub(r"\s*::+\s*", ": ", title).strip() or "untitled"
    return f"newsquiz::{flat}"


def note_guid(article_id: str, question_id: str) -> str:
    """A note's guid: the same question of the same article keeps it across exports."""
    import genanki

    return str(genanki.guid_for("newsquiz", article_id, question_id))


def to_anki(
    library: Library,
    claims: Sequence[Claim],
    out: Path,
    *,
    kind: str = "all",
    force: bool = False,
) -> int:
    """Write an Anki deck: one note per question (true/false and multiple choice)."""
    if kind not in KINDS:
        raise UsageError(f"--kind must be one of {', '.join(KINDS)}, not '{kind}'")
    try:
        import genanki
    except ImportError:
        raise UsageError("Anki export needs genanki: pip install 'newsquiz[anki]'") from None
    _check_folder(out)
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
                "qfmt": '<div class="question">{{Question}}</div>'
                '<div class="options">{{Options}}</div>',
                "afmt": "{{FrontSide}}<hr id=answer>"
                '<div class="answer">{{Answer}}</div><div class="verdict">{{Verdict}}</div>'
                '<div class="evidence">{{Evidence}}</div><div class="source">{{Source}}</div>',
            }
        ],
        css=ANKI_CSS,
    )
    decks: dict[str, Any] = {}
    count = 0
    for c in claims:
        article = library.article(c.article)
        deck = decks.get(article.id)
        if deck is None:
            deck = genanki.Deck(_stable_id(f"newsquiz-deck-{article.id}"), deck_name(article.title))
            decks[article.id] = deck
        for q in anki_questions(c, kind):
            deck.add_note(
                genanki.Note(
                    model=model,
                    fields=_anki_fields(q, c, article.title),
                    tags=[f"newsquiz::{t}" for t in c.tags] + [f"newsquiz::{article.id}"],
                    guid=note_guid(article.id, q.id),
                )
            )
            count += 1
    if not count:
        raise UsageError("no questions match these flags; try fewer --tag or another --kind")
    from .clock import now

    package = genanki.Package(list(decks.values()))
    # The notes' time is export time, so Anki's "update if newer" takes a fresh export.
    stamp = now().timestamp()
    write_atomically(out, lambda tmp: package.write_to_file(str(tmp), stamp), force=force)
    return count


def anki_questions(claim: Claim, kind: str) -> list[Question]:
    """The notes of a claim in a deck: a card is reviewed again and again, so a refuted claim is
    drilled in its fact form (review the fact, not the myth), never in its false wording.

    A refuted claim gives its multiple-choice question when it has one, else a true/false
    question on its correction (`CLAIM:fact`, answer True); with `--kind tf`, always the latter.
    Other claims give a true/false note and, if they have one, a multiple-choice note.
    """
    if debunk(claim) is not None:
        if kind == "mc":
            return [make_question(claim, "mc", 0, offers_not_stated=True)] if claim.choice else []
        form = claim if kind == "all" else replace(claim, choice=None)
        return [fact_question(form, 0, offers_not_stated=True)]
    kinds = [k for k in ("tf", "mc") if kind in (k, "all") and (k == "tf" or claim.choice)]
    return [make_question(claim, k, 0, offers_not_stated=True) for k in kinds]  # type: ignore[arg-type]


def _anki_fields(q: Question, claim: Claim, source: str) -> list[str]:
    """A note's fields. For a refuted claim the back runs fact, the false wording once marked
    false with its trap, and the fact again."""
    from html import escape

    def marked(e: Evidence) -> str:
        s, t = e.span_in_sentence
        return (
            f"¶{e.paragraph} {escape(e.sentence[:s])}<b>{escape(e.sentence[s:t])}</b>"
            f"{escape(e.sentence[t:])}"
        )

    verdict = ""
    myth = debunk(claim)
    if myth is not None:
        why = f" {escape(myth.why)}" if myth.why else ""
        verdict = (
            f'<div class="fact">Fact: {escape(myth.fact)}</div>'
            f'<div class="myth">Not true: <s>{escape(myth.myth)}</s> ({escape(myth.trap)}).'
            f"{why}</div>"
            f'<div class="fact">{escape(myth.fact)}</div>'
        )
    elif q.kind == "tf":
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
