"""Commands for authors and other tools: find, new, export, schema."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from ..errors import UsageError
from . import (
    BankOption,
    CountOption,
    JsonOption,
    KindOption,
    SeedOption,
    TagOption,
    console,
    load,
    print_json,
    reports_errors,
    write_data,
)


@reports_errors
def find(
    statement: Annotated[str, typer.Argument(metavar="TEXT", help="A statement to look up.")],
    bank: BankOption = None,
    limit: Annotated[
        int, typer.Option("--limit", "-n", metavar="N", min=1, help="How many sentences.")
    ] = 5,
    as_json: JsonOption = False,
) -> None:
    """The article sentences that bear on a statement, best first."""
    from ..search import rank

    library = load(bank)
    hits = rank(statement, [b.article for b in library.banks], limit)
    if as_json:
        print_json([h.to_json() for h in hits])
        return
    from rich.table import Table
    from rich.text import Text

    from ..render import highlighted, plain_quotes
    from ..search import matching_spans

    out = console()

    table = Table(box=None, show_header=True, expand=True)
    table.add_column("¶", justify="right", no_wrap=True)
    table.add_column("sentence", ratio=1)
    table.add_column("score", justify="right", no_wrap=True)
    for h in hits:
        table.add_row(
            str(h.paragraph),
            highlighted(h.sentence, matching_spans(h.sentence, h.matched)),
            Text(f"{h.score:.2f}", style="dim"),
        )
    with plain_quotes(out):  # without colour, matches are marked »…«
        out.print(table)


@reports_errors
def new(
    article: Annotated[
        Path, typer.Argument(metavar="ARTICLE", help="The article as a UTF-8 text file.")
    ],
    bank_id: Annotated[
        str | None,
        typer.Option(
            "--id",
            metavar="ID",
            help="A slug for the article and the bank file (default: from the title and date).",
            show_default=False,
        ),
    ] = None,
    title: Annotated[
        str | None,
        typer.Option("--title", metavar="TEXT", help="The article's headline.", show_default=False),
    ] = None,
    published: Annotated[
        str | None,
        typer.Option(
            "--published",
            metavar="DATE",
            help="Publication date, YYYY-MM-DD (default: the file's ' date ...' marker, if any).",
            show_default=False,
        ),
    ] = None,
    out: Annotated[
        Path, typer.Option("--out", metavar="DIR", help="The folder to write into.")
    ] = Path("."),
    url: Annotated[
        str | None,
        typer.Option(
            "--url", metavar="URL", help="Where the article was published.", show_default=False
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite existing files.")] = False,
) -> None:
    """Start a bank for another article: the text copied, an example claim to rewrite."""
    from ..newbank import missing_message, plan_bank, write_bank

    plan = plan_bank(article, bank_id=bank_id, title=title, published=published, url=url)
    if plan.missing:
        if not (sys.stdin.isatty() and sys.stdout.isatty()):
            raise UsageError(missing_message(plan))
        try:  # a person at a terminal: ask for what is missing, together
            sys.stderr.write(f"{missing_message(plan)}:\n")
            asked_title = None if plan.title else typer.prompt("Title (the headline)")
            asked_date = None if plan.published else typer.prompt("Published (YYYY-MM-DD)")
        except (EOFError, typer.Abort):
            raise UsageError(missing_message(plan)) from None
        plan = plan.given(title=asked_title, published=asked_date)
    made = write_bank(plan, out, force=force)
    sys.stdout.write(
        f"wrote {made.bank} ({made.paragraphs} paragraphs, {made.sentences} "
        f"sentences listed as comments), {made.article} and {made.schema}\n"
        f"next: rewrite the example claim (every TODO), add claims, then run "
        f"'newsquiz validate {made.bank}'\n"
    )


@reports_errors
def export(
    to: Annotated[
        str,
        typer.Option("--to", metavar="FORMAT", help="anki, claimreview, csv, jsonl or markdown."),
    ],
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            "-o",
            metavar="FILE",
            help="Write to this file (required for anki; default: stdout).",
            show_default=False,
        ),
    ] = None,
    bank: BankOption = None,
    tag: TagOption = None,
    count: CountOption = None,
    kind: KindOption = "all",
    seed: SeedOption = None,
) -> None:
    """Export claims: an Anki deck, ClaimReview JSON-LD, CSV, JSON Lines or a Markdown sheet."""
    from ..export import FORMATS

    if to not in FORMATS:
        raise UsageError(f"--to must be one of {', '.join(FORMATS)}, not '{to}'")
    library = load(bank)
    tags = set(tag or ())
    claims = [c for c in library.claims if not tags or tags.intersection(c.tags)]
    if to == "anki":
        if out is None:
            raise UsageError("an Anki deck is a file: give --out deck.apkg")
        from ..export import to_anki

        notes = to_anki(library, claims, out)
        sys.stderr.write(f"wrote {notes} notes to {out}\n")
        return
    from .. import export as ex

    if to == "markdown":
        from ..quiz import build_session

        session = build_session(library.claims, seed=seed, count=count, kind=kind, tags=tag or ())
        text = ex.to_markdown(library, session)
    elif to == "claimreview":
        text = ex.to_claimreview(library, claims)
    elif to == "csv":
        text = ex.to_csv(claims)
    else:
        text = ex.to_jsonl(claims)
    if out is None:
        write_data(text)
    else:
        try:
            out.write_text(text, encoding="utf-8")
        except OSError as exc:
            raise UsageError(f"cannot write {out}: {exc.strerror}") from None
        sys.stderr.write(f"wrote {out}\n")


@reports_errors
def schema() -> None:
    """Print the JSON Schema of the bank format (newsquiz/1)."""
    from ..schema import bank_schema

    sys.stdout.write(json.dumps(bank_schema(), indent=2) + "\n")


__all__ = ["console", "export", "find", "new", "schema"]
