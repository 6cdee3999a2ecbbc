"""Exports read by the programs their users feed them to, not by our own parsers: Markdown
renderers (markdown-it-py, Python-Markdown, cmark-gfm), Anki's own importer, JSON-LD read out
of an HTML page (lxml, pyld), and CSV read by csv and pandas."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, ClassVar

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from newsquiz.bank import Library, load_library
from newsquiz.debunk import debunk
from newsquiz.export import CSV_COLUMNS, from_csv_cell, md_text, to_markdown
from newsquiz.quiz import Session, build_session

from .conftest import BankFactory, CliInvoke

# Bank text that means something to Markdown, HTML or a spreadsheet. Each must come out as
# written: not as emphasis, code, a link, a table, a tag, or deleted.
HOSTILE = (
    "*Stars* and `code`, <script>alert(1)</script> and <b>bold</b> & snake_case_word "
    "[link](http://x.test) a | b ~~struck~~ \\back #hash {: .cls} &amp; 1) <!-- c -->"
    "\n- not a list\n10. not a number\n# not a heading\n> not a quote"
)


def hostile_claims() -> str:
    text = json.dumps(HOSTILE)
    return f"""\
  - id: hostile
    claim: {text}
    verdict: supported
    evidence: ["reopen the Riverside library on 3 June"]
    choice:
      question: {text}
      answer: "<em>3 June</em>"
      distractors: ["*3 July*", "`13 June`", "=30 | June", "- 1 June"]
  - id: cost
    claim: "=SUM(A1:A9) +1 -1 @cost: the renovation cost 12 million euros."
    verdict: refuted
    evidence: ["The renovation cost 2.1 million euros"]
    correction: "It cost 2.1 million euros, *not* 12 | see <¶2>."
    change: number
    tags: [numbers]
"""


def hostile_library(make_bank: BankFactory) -> Library:
    return load_library([str(make_bank(hostile_claims()))])


# ---------------------------------------------------------------------------------------------
# Markdown: the same numbers and the same literal text in every renderer


def commonmark(text: str) -> str:
    from markdown_it import MarkdownIt

    return str(MarkdownIt("commonmark").render(text))


def markdown_it_gfm(text: str) -> str:
    from markdown_it import MarkdownIt

    return str(MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(text))


def python_markdown(text: str) -> str:
    import markdown

    # The extensions MkDocs turns on by default.
    return str(markdown.markdown(text, extensions=["toc", "tables", "fenced_code"]))


def cmark_gfm(text: str) -> str:
    import cmarkgfm

    # GitHub's renderer in its default safe mode: raw HTML is omitted.
    return str(cmarkgfm.github_flavored_markdown_to_html(text))


RENDERERS: dict[str, Callable[[str], str]] = {
    "markdown-it-py": commonmark,
    "markdown-it-py gfm": markdown_it_gfm,
    "python-markdown": python_markdown,
    "cmark-gfm": cmark_gfm,
}


class Blocks(HTMLParser):
    """The visible text of each paragraph, list item and heading, and every tag seen."""

    BLOCKS: ClassVar[set[str]] = {"p", "li", "h1", "h2"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[tuple[str, str]] = []
        self.tags: set[str] = set()
        self.open: list[tuple[str, list[str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        if tag in self.BLOCKS:
            self.open.append((tag, []))

    def handle_endtag(self, tag: str) -> None:
        if tag in self.BLOCKS and self.open and self.open[-1][0] == tag:
            name, parts = self.open.pop()
            self.blocks.append((name, " ".join("".join(parts).split())))

    def handle_data(self, data: str) -> None:
        for _, parts in self.open:
            parts.append(data)

    def handle_comment(self, data: str) -> None:
        self.tags.add("!--")


def visible(html: str) -> Blocks:
    parser = Blocks()
    parser.feed(html)
    parser.close()
    return parser


def flat(text: str) -> str:
    return " ".join(text.split())


def expected_blocks(library: Library, session: Session) -> list[tuple[str, str]]:
    """What a reader must see, block by block, whatever the renderer."""
    titles = "; ".join(sorted({library.article(q.claim.article).title for q in session.questions}))
    out = [("h1", f"Quiz: {titles}")]
    out.append(
        ("p", f"{len(session.questions)} questions (seed {session.seed}). Mark one answer each.")
    )
    for n, q in enumerate(session.questions, start=1):
        lead = "True or false? " if q.kind == "tf" else ""
        out.append(("p", flat(f"{n}. {lead}{q.prompt}")))
        out += [("li", flat(f"{o.key}) {o.text}")) for o in q.options]
    out.append(("h2", "Answer key"))
    for n, q in enumerate(session.questions, start=1):
        where = ", ".join(f"¶{p}" for p in sorted({e.paragraph for e in q.claim.evidence}))
        myth = debunk(q.claim) if q.kind == "tf" else None
        if myth is not None:
            line = f"{n}. Fact: {myth.fact} ({where}) So {q.answer_key}) "
            line += f"{q.expected}: {myth.trap}."
        else:
            line = f"{n}. {q.answer_key}) {q.expected} ({where})"
            if q.kind == "tf" and q.claim.correction:
                line += f" {q.claim.correction}"
        out.append(("p", flat(line)))
        seen = []
        for e in q.claim.evidence:
            if e.sentence_start not in seen:
                seen.append(e.sentence_start)
                out.append(("p", flat(f"¶{e.paragraph} {e.sentence}")))
    return out


def shipped_sessions() -> list[tuple[Library, Session]]:
    library = load_library(None)
    return [(library, build_session(library.claims, seed=7, kind=k)) for k in ("all", "mc", "tf")]


@pytest.mark.parametrize("renderer", sorted(RENDERERS))
def test_markdown_sheet_renders_the_same_numbers_and_text_everywhere(
    renderer: str, make_bank: BankFactory
) -> None:
    render = RENDERERS[renderer]
    hostile = hostile_library(make_bank)
    cases = [
        *shipped_sessions(),
        *(
            (hostile, build_session(hostile.claims, seed=s, kind=k))
            for s in (1, 2)
            for k in ("tf", "mc")
        ),
    ]
    for library, session in cases:
        html = render(to_markdown(library, session))
        seen = visible(html)
        assert seen.blocks == expected_blocks(library, session)
        # Nothing in bank text became markup: no list numbers of their own, no code, emphasis,
        # struck text, tables, raw tags or omitted HTML. (GitHub links a bare address, keeping
        # its text: that is the one tag allowed.)
        allowed = {"h1", "h2", "p", "ul", "li", "strong", "hr", "blockquote", "a"}
        assert seen.tags <= allowed, html
        numbers = [int(m.group(1)) for _, t in seen.blocks if (m := re.match(r"(\d+)\. ", t))]
        count = len(session.questions)
        assert numbers == [*range(1, count + 1), *range(1, count + 1)]


PIECES = [
    *"ab 1.\\`*_[]{}()#+-!<>&|~=:;'\"/$^%@?\t",
    *(" http://x.test/a_b ", " https://q.test/?a=1&b=2. ", " (www.a.test/c_d) ", " u_v@w.org, "),
    *("&amp;", "&#42;", "<b>", "-->", "1. ", "- ", "> ", "\n# ", "\n", "  ", "é", "\u00a0"),
]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=12).map("".join))
def test_any_bank_text_shows_as_written_in_every_renderer(text: str) -> None:
    assume(text.strip())
    source = f"**1.** {md_text(text)}\n\n- **a)** {md_text(text)}\n"
    shown = flat(text)
    for name, render in RENDERERS.items():
        assert visible(render(source)).blocks == [("p", f"1. {shown}"), ("li", f"a) {shown}")], name


def test_markdown_export_from_the_command(cli: CliInvoke, tmp_path: Path) -> None:
    out = tmp_path / "sheet.md"
    cli("export", "--to", "markdown", "--seed", "5", "--count", "12", "--out", str(out))
    seen = visible(python_markdown(out.read_text(encoding="utf-8")))
    asked = json.loads(cli("ask", "--seed", "5", "--count", "12", "--json").stdout)
    prompts = [t for name, t in seen.blocks if name == "p" and re.match(r"\d+\. ", t)][:12]
    for n, (q, shown) in enumerate(zip(asked["questions"], prompts, strict=True), start=1):
        assert shown.startswith(f"{n}. ") and shown.endswith(flat(q["prompt"]))
    missing = tmp_path / "nowhere" / "sheet.md"
    error = cli("export", "--to", "markdown", "--out", str(missing), code=2).stderr
    assert "does not exist" in error and "nowhere" in error and "Traceback" not in error


# ---------------------------------------------------------------------------------------------
# CSV: lists come back whole, and no cell starts a formula


def test_csv_lists_round_trip_and_formulas_are_guarded(make_bank: BankFactory) -> None:
    import pandas

    from newsquiz.export import to_csv

    claims_text = hostile_claims().replace(
        '"=SUM(A1:A9) +1', '"=SUM(A1:A9) | a quote | with bars +1'
    )
    library = load_library([str(make_bank(claims_text))])
    text = to_csv(library.claims)
    lists = {"tags", "quotes", "sentences", "paragraphs", "distractors"}
    by_csv = list(csv.DictReader(io.StringIO(text)))
    by_pandas = pandas.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    assert list(by_pandas.columns) == list(CSV_COLUMNS)
    for reader_rows in (by_csv, by_pandas.to_dict("records")):
        assert len(reader_rows) == len(library.claims)
        for row, claim in zip(reader_rows, library.claims, strict=True):
            for cell in row.values():
                assert not str(cell).startswith(("=", "+", "-", "@", "\t", "\r"))
            back = {k: from_csv_cell(str(v), is_list=k in lists) for k, v in row.items()}
            assert back["claim"] == claim.claim
            assert back["correction"] == (claim.correction or "")
            assert back["tags"] == list(claim.tags)
            assert back["quotes"] == [e.quote for e in claim.evidence]
            assert back["sentences"] == [e.sentence for e in claim.evidence]
            assert back["paragraphs"] == [e.paragraph for e in claim.evidence]
            assert back["distractors"] == (list(claim.choice.distractors) if claim.choice else [])
    cost = next(r for r in by_csv if r["id"] == "cost")
    assert cost["claim"].startswith("'=SUM(A1:A9) | a quote | with bars")


# ---------------------------------------------------------------------------------------------
# Anki: what Anki itself makes of the deck


def anki_collection(path: Path) -> Any:
    from anki.collection import Collection

    return Collection(str(path))


def anki_import(col: Any, apkg: Path) -> None:
    from anki.collection import ImportAnkiPackageRequest

    # The options Anki's import screen starts with: update notes and note types if newer.
    options = col._backend.get_import_anki_package_presets()
    col.import_anki_package(ImportAnkiPackageRequest(package_path=str(apkg), options=options))


def export_anki(cli: CliInvoke, out: Path, *bank: str, now: str = "2026-01-01T10:00:00Z") -> None:
    import os

    old = os.environ.get("NEWSQUIZ_NOW")
    os.environ["NEWSQUIZ_NOW"] = now
    try:
        cli("export", "--to", "anki", "--out", str(out), *bank)
    finally:
        if old is None:
            del os.environ["NEWSQUIZ_NOW"]
        else:
            os.environ["NEWSQUIZ_NOW"] = old


def test_anki_imports_the_shipped_deck_and_renders_its_cards(
    cli: CliInvoke, tmp_path: Path
) -> None:
    apkg = tmp_path / "deck.apkg"
    export_anki(cli, apkg)
    col = anki_collection(tmp_path / "collection.anki2")
    try:
        anki_import(col, apkg)
        claims = load_library(None).claims
        # A note per claim, and a choice note beside the true/false one where the claim is not
        # refuted (a refuted claim is drilled in its fact form only).
        notes = len(claims) + sum(c.choice is not None and c.verdict != "refuted" for c in claims)
        assert col.note_count() == notes and col.card_count() == notes
        names = {d.name for d in col.decks.all_names_and_ids()}
        assert "newsquiz::Modi meets Putin in Moscow as NATO leaders gather in Washington" in names
        notetype = col.models.by_name("newsquiz question")
        assert (
            notetype is not None and ".card" in notetype["css"] and "font-family" in notetype["css"]
        )
        (nid,) = col.find_notes('"Question:True or false? The sanctions that closed most*"')
        card = col.get_note(nid).cards()[0]
        question, answer = card.question(), card.answer()
        assert "imposed by the United States and its allies." in question
        assert "t) True" in question and "f) False" in question
        assert "¶9" in answer and "<b>" in answer and "The article: supported." in answer
        tags = col.get_note(nid).tags
        assert "newsquiz::energy" in tags
    finally:
        col.close()


@pytest.mark.parametrize("kind", ["all", "tf", "mc"])
def test_anki_drills_the_fact_of_a_refuted_claim_never_its_false_wording(
    cli: CliInvoke, tmp_path: Path, kind: str
) -> None:
    from html import unescape

    apkg = tmp_path / "deck.apkg"
    cli("export", "--to", "anki", "--kind", kind, "--out", str(apkg))
    col = anki_collection(tmp_path / "collection.anki2")
    try:
        anki_import(col, apkg)
        cards = [col.get_card(cid) for cid in col.find_cards("deck:newsquiz*")]

        def text(html: str) -> str:  # what the card shows, as plain text
            html = re.sub(r"<style>.*?</style>", "", html, flags=re.S)
            return " ".join(unescape(re.sub(r"<[^>]*>", " ", html)).split())

        fronts = [text(c.question()) for c in cards]
        backs = [text(c.answer()) for c in cards]
        refuted = [c for c in load_library(None).claims if c.verdict == "refuted"]
        assert len(refuted) > 10
        for claim in refuted:
            myth = " ".join(claim.claim.split())
            assert not [f for f in fronts if myth in f], f"{claim.id}: the myth is on a front"
            for back in (b for b in backs if myth in b):
                assert back.count(myth) == 1
                fact = " ".join(str(claim.correction).split())
                first, shown, last = back.find(fact), back.find(myth), back.rfind(fact)
                assert -1 < first < shown < last, f"{claim.id}: not fact, myth, fact"
                assert f"Not true: {myth}" in back
        # The README's clean-up search for decks of earlier versions matches no note of ours.
        assert col.find_notes('"Verdict:The article: refuted*"') == []
        # Each refuted claim is still drilled: its choice question, or the fact form.
        for claim in refuted:
            if kind == "mc" and claim.choice is None:
                continue
            asked = claim.choice.question if claim.choice and kind != "tf" else claim.correction
            assert any(" ".join(str(asked).split()) in f for f in fronts), claim.id
    finally:
        col.close()


def test_anki_reimport_updates_notes_and_banks_do_not_collide(
    cli: CliInvoke, make_bank: BankFactory, tmp_path: Path
) -> None:
    first = make_bank(article_id="library-2024")
    second = make_bank(article_id="library-2025")  # the same claim ids, another article
    col = anki_collection(tmp_path / "collection.anki2")
    try:
        export_anki(cli, tmp_path / "a.apkg", "--bank", str(first))
        anki_import(col, tmp_path / "a.apkg")
        assert col.note_count() == 4  # 3 true/false, 1 multiple choice
        export_anki(cli, tmp_path / "b.apkg", "--bank", str(second))
        anki_import(col, tmp_path / "b.apkg")
        assert col.note_count() == 8, "the second article's notes replaced the first's"
        cards = sorted(col.find_cards("deck:newsquiz*"))

        # The bank is edited and exported again later: the notes are updated, not copied.
        first.write_text(first.read_text().replace("will reopen in June", "reopens in June"))
        export_anki(cli, tmp_path / "c.apkg", "--bank", str(first), now="2026-01-02T10:00:00Z")
        anki_import(col, tmp_path / "c.apkg")
        assert col.note_count() == 8
        assert sorted(col.find_cards("deck:newsquiz*")) == cards  # their history stays on them
        fronts = [col.get_note(n)["Question"] for n in col.find_notes("deck:newsquiz*")]
        assert sum("reopens in June" in f for f in fronts) == 1
        assert sum("will reopen in June" in f for f in fronts) == 1  # the other article's
    finally:
        col.close()


def test_anki_deck_title_with_double_colons_is_one_deck(
    cli: CliInvoke, make_bank: BankFactory, tmp_path: Path
) -> None:
    bank = make_bank()
    bank.write_text(
        bank.read_text().replace("title: The library reopens", "title: 'News :: Library::Reopens'")
    )
    export_anki(cli, tmp_path / "d.apkg", "--bank", str(bank))
    col = anki_collection(tmp_path / "collection.anki2")
    try:
        anki_import(col, tmp_path / "d.apkg")
        names = sorted(d.name for d in col.decks.all_names_and_ids())
        assert "newsquiz::News: Library: Reopens" in names
        assert not [n for n in names if n.count("::") > 1]
    finally:
        col.close()


def test_anki_shows_bank_text_literally(
    cli: CliInvoke, make_bank: BankFactory, tmp_path: Path
) -> None:
    bank = make_bank(hostile_claims())
    export_anki(cli, tmp_path / "h.apkg", "--bank", str(bank))
    col = anki_collection(tmp_path / "collection.anki2")
    try:
        anki_import(col, tmp_path / "h.apkg")
        notes = col.find_notes("Question:*Stars*alert*")
        assert len(notes) == 2  # the true/false and the multiple-choice question
        for nid in notes:
            html = col.get_note(nid).cards()[0].question()
            assert "<script>" not in html and "<b>bold" not in html
            assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "*Stars*" in html
    finally:
        col.close()


def test_anki_kind_chooses_the_notes(cli: CliInvoke, tmp_path: Path) -> None:
    claims = load_library(None).claims
    tf, mc = len(claims), sum(c.choice is not None for c in claims)
    refuted_mc = sum(c.choice is not None and c.verdict == "refuted" for c in claims)
    for kind, notes in (("tf", tf), ("mc", mc), ("all", tf + mc - refuted_mc)):
        out = tmp_path / f"{kind}.apkg"
        result = cli("export", "--to", "anki", "--kind", kind, "--out", str(out))
        assert f"wrote {notes} notes" in result.stderr


def test_anki_into_a_missing_folder_is_a_usage_error(cli: CliInvoke, tmp_path: Path) -> None:
    result = cli("export", "--to", "anki", "--out", str(tmp_path / "no" / "deck.apkg"), code=2)
    assert result.stderr.startswith("newsquiz: cannot write") and "does not exist" in result.stderr
    assert "Traceback" not in result.stderr


# ---------------------------------------------------------------------------------------------
# ClaimReview: honest reviews, read out of a web page


CLAIMED = """\
  - id: reopen-date
    claim: The library will reopen in June.
    verdict: supported
    evidence: ["reopen the Riverside library on 3 June"]
    claimant: The city council
    appearance: https://council.example/news/reopening
    appeared: 2024-04-30
  - id: cost
    claim: "The renovation cost 12 million euros </script><script>alert(1)</script>"
    verdict: refuted
    evidence: ["The renovation cost 2.1 million euros"]
    correction: It cost 2.1 million euros & no more.
    change: number
    claimant: A local blog <!--
    appearance: https://blog.example/cost
  - id: critics-firm
    claim: The firm was fined for the overrun.
    verdict: not-stated
    evidence: ["the U.S. firm that did the work disagreed"]
"""

REVIEW_FLAGS = ("--author", "Riverside Fact Desk", "--url", "https://facts.example/library")


class LdScripts(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[str] = []
        self.inside = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.inside = tag == "script" and ("type", "application/ld+json") in attrs
        if self.inside:
            self.scripts.append("")

    def handle_endtag(self, tag: str) -> None:
        self.inside = False

    def handle_data(self, data: str) -> None:
        if self.inside:
            self.scripts[-1] += data


def test_claimreview_is_honest_and_survives_a_web_page(
    cli: CliInvoke, make_bank: BankFactory
) -> None:
    import lxml.html

    bank = make_bank(CLAIMED)
    result = cli(
        "export", "--to", "claimreview", "--bank", str(bank), *REVIEW_FLAGS, "--date", "2024-05-02"
    )
    assert "left out 1 claim" in result.stderr
    text = result.stdout
    assert "</script" not in text and "<!--" not in text
    page = (
        f'<html><head><script type="application/ld+json">{text}</script></head>'
        "<body><p>after</p></body></html>"
    )
    # lxml (libxml2's HTML parser) and Python's own HTML parser both see one script, whole.
    scripts = lxml.html.fromstring(page).xpath('//script[@type="application/ld+json"]/text()')
    parser = LdScripts()
    parser.feed(page)
    assert len(scripts) == 1 and parser.scripts == scripts
    reviews = json.loads(scripts[0])
    assert reviews == json.loads(text)
    assert [r["identifier"] for r in reviews] == ["library-2024/reopen-date", "library-2024/cost"]
    rated = {r["identifier"].split("/")[1]: r["reviewRating"]["alternateName"] for r in reviews}
    assert rated == {
        "reopen-date": "Supported by the article",
        "cost": "Contradicted by the article",
    }
    for review in reviews:
        assert review["author"] == {"@type": "Organization", "name": "Riverside Fact Desk"}
        assert review["datePublished"] == "2024-05-02"
        assert review["url"].startswith("https://facts.example/library#")
        assert review["itemReviewed"]["author"]["name"]
        assert review["itemReviewed"]["appearance"]["url"].startswith("https://")
    assert len({r["url"] for r in reviews}) == 2
    assert reviews[0]["itemReviewed"]["datePublished"] == "2024-04-30"
    assert "</script><script>" in reviews[1]["claimReviewed"]  # the text itself is kept


def schema_org_loader(url: str, options: dict[str, Any] | None = None) -> dict[str, Any]:
    """Serve a minimal schema.org context offline (tests never fetch one)."""
    assert url.rstrip("/") in {"https://schema.org", "http://schema.org"}, url
    return {
        "contentType": "application/ld+json",
        "contextUrl": None,
        "documentUrl": url,
        "document": {
            "@context": {
                "@vocab": "https://schema.org/",
                "url": {"@id": "https://schema.org/url", "@type": "@id"},
            }
        },
    }


def test_claimreview_expands_as_json_ld(cli: CliInvoke, make_bank: BankFactory) -> None:
    from pyld import jsonld

    bank = make_bank(CLAIMED)
    text = cli("export", "--to", "claimreview", "--bank", str(bank), *REVIEW_FLAGS).stdout
    expanded = jsonld.expand(json.loads(text), {"documentLoader": schema_org_loader})
    assert len(expanded) == 2
    s = "https://schema.org/"
    for node in expanded:
        assert node["@type"] == [f"{s}ClaimReview"]
        claim = node[f"{s}itemReviewed"][0]
        assert claim["@type"] == [f"{s}Claim"]
        assert claim[f"{s}author"][0][f"{s}name"][0]["@value"]
        rating = node[f"{s}reviewRating"][0][f"{s}alternateName"][0]["@value"]
        assert rating.endswith("the article")
        assert node[f"{s}author"][0][f"{s}name"][0]["@value"] == "Riverside Fact Desk"
        assert node[f"{s}url"][0]["@id"].startswith("https://facts.example/library#")


def test_claimreview_refuses_what_it_cannot_say(cli: CliInvoke, make_bank: BankFactory) -> None:
    # The shipped bank's claims are the quiz's own: nobody is on record making them.
    error = cli("export", "--to", "claimreview", *REVIEW_FLAGS, code=2).stderr
    assert "no claim says who made it and where" in error
    bank = str(make_bank(CLAIMED))
    error = cli("export", "--to", "claimreview", "--bank", bank, code=2).stderr
    assert "--author" in error and "--url" in error
    error = cli(
        "export", "--to", "claimreview", "--bank", bank, "--author", "X", "--url", "ftp://x", code=2
    ).stderr
    assert "--url must be an http or https address" in error
    error = cli(
        "export", "--to", "claimreview", "--bank", bank, *REVIEW_FLAGS, "--date", "May", code=2
    ).stderr
    assert "--date must be an ISO date" in error
    assert (
        "newsquiz" not in cli("export", "--to", "claimreview", "--bank", bank, *REVIEW_FLAGS).stdout
    )
