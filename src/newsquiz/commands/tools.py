"""Commands for authors and other tools: find, new, export, schema."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ..errors import UsageError

if TYPE_CHECKING:
    from ..search import Hit
from . import (
    BankOption,
    CountOption,
    JsonOption,
    SeedOption,
    TagOption,
    complete_formats,
    complete_kinds,
    console,
    load,
    print_json,
    reader_gone,
    reports_errors,
    unwritable,
    write_data,
    write_out,
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
    """The article sentences that bear on a statement, best first. Exit 1 when none is close."""
    from ..search import CLOSE_ENOUGH, rank

    if not statement.strip():
        raise UsageError("give a statement to look up, for example: newsquiz find 'troops died'")
    library = load(bank)
    articles = [b.article for b in library.banks]
    hits = rank(statement, articles, limit)
    close = [h for h in hits if h.coverage >= CLOSE_ENOUGH]
    where = ", ".join(a.id for a in articles) + _bank_origin(bank)
    if as_json:
        print_json([h.to_json() for h in close])
    elif close:
        sys.stderr.write(f"searched {where}\n")
        _show_hits(close, several=len(articles) > 1)
    else:
        sys.stderr.write(f"nothing close to that statement in {where}\n")
    if not close:  # like grep: no match is a negative outcome, not an error
        raise typer.Exit(1)


def _bank_origin(bank: list[str] | None) -> str:
    """Where the searched banks came from, when the user did not name them."""
    import os

    from ..bank import BANK_ENV

    if bank:
        return ""
    if os.environ.get(BANK_ENV, "").strip():
        return f" (the banks in ${BANK_ENV})"
    return " (the bank shipped with newsquiz; --bank PATH searches another)"


def _show_hits(hits: list[Hit], several: bool) -> None:
    """The hits as a table in a terminal, as plain lines with »matches« marked into a pipe."""
    from ..search import matching_spans

    if not sys.stdout.isatty():
        from ..plain import find_hits

        write_out(find_hits(hits, several))
        return
    from rich.table import Table
    from rich.text import Text

    from ..render import highlighted, plain_quotes

    table = Table(box=None, show_header=True, expand=True)
    if several:
        table.add_column("article", no_wrap=True)
    table.add_column("¶", justify="right", no_wrap=True)
    table.add_column("sentence", ratio=1)
    table.add_column("score", justify="right", no_wrap=True)
    for h in hits:
        cells = [Text(h.article)] if several else []
        cells += [
            Text(str(h.paragraph)),
            highlighted(h.sentence, matching_spans(h.sentence, h.matched)),
            Text(f"{h.score:.2f}", style="dim"),
        ]
        table.add_row(*cells)
    out = console()
    with plain_quotes(out):  # NO_COLOR or TERM=dumb in a terminal: matches marked »…« too
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
        # A person at a terminal: say what is missing, then ask for it, together.
        try:
            sys.stderr.write(f"{missing_message(plan)}:\n")
            asked_title = None if plan.title else _ask("Title (the headline)", _plain)
            asked_date = None if plan.published else _ask("Published (YYYY-MM-DD)", _a_date)
        except EOFError:
            raise UsageError(missing_message(plan)) from None
        except KeyboardInterrupt:
            sys.stderr.write("\nnewsquiz: interrupted; nothing was written\n")
            raise typer.Exit(130) from None
        plan = plan.given(title=asked_title, published=asked_date)
    made = write_bank(plan, out, force=force)
    summary = (
        f"wrote {made.bank} ({made.paragraphs} paragraphs, {made.sentences} "
        f"sentences listed as comments), {made.article} and {made.schema}\n"
        + (
            "next: rewrite the example claim (every TODO), add claims"
            if made.example
            else "next: add claims (no sentence could serve as an example quote)"
        )
        + f", then run 'newsquiz validate {made.bank}'\n"
    )
    try:
        sys.stdout.write(summary)
        sys.stdout.flush()
    except BrokenPipeError:
        reader_gone()
    except OSError as exc:  # a full disk: the files are written, so say so where it can be read
        sys.stderr.write(summary)
        unwritable(exc)


def _plain(answer: str) -> str:
    return "" if answer else "the title cannot be empty"


def _a_date(answer: str) -> str:
    from ..fields import is_iso_date

    return "" if is_iso_date(answer) else f"'{answer}' is not a date like 2024-07-09"


def _ask(label: str, problem: Callable[[str], str]) -> str:
    """Ask at the terminal until the answer has no problem; EOF and Ctrl-C propagate."""
    while True:
        answer = " ".join(input(f"{label}: ").split())
        why = problem(answer)
        if not why:
            return answer
        sys.stderr.write(f"{why}; try again\n")


@reports_errors
def export(
    to: Annotated[
        str,
        typer.Option(
            "--to",
            metavar="FORMAT",
            help="anki, claimreview, csv, jsonl or markdown.",
            autocompletion=complete_formats,
        ),
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
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help="Replace the --out file if it exists (never a file of the bank exported).",
        ),
    ] = False,
    bank: BankOption = None,
    tag: TagOption = None,
    count: CountOption = None,
    kind: Annotated[
        str | None,
        typer.Option(
            "--kind",
            "-k",
            metavar="KIND",
            help="tf, mc or all: the questions of a markdown sheet or an Anki deck.",
            show_default=False,
            autocompletion=complete_kinds,
        ),
    ] = None,
    seed: SeedOption = None,
    author: Annotated[
        str | None,
        typer.Option(
            "--author",
            metavar="NAME",
            help="claimreview: who publishes the reviews (a fact-checker, a newsroom, you).",
            show_default=False,
        ),
    ] = None,
    url: Annotated[
        str | None,
        typer.Option(
            "--url",
            metavar="URL",
            help="claimreview: the page the reviews are published on; each review is URL#CLAIM.",
            show_default=False,
        ),
    ] = None,
    date: Annotated[
        str | None,
        typer.Option(
            "--date",
            metavar="DATE",
            help="claimreview: when the reviews were published, YYYY-MM-DD (default: today).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Export claims: an Anki deck, ClaimReview JSON-LD, CSV, JSON Lines or a Markdown sheet."""
    from .. import export as ex

    if to not in ex.FORMATS:
        raise UsageError(f"--to must be one of {', '.join(ex.FORMATS)}, not '{to}'")
    given = {"--count": count, "--kind": kind, "--seed": seed}
    given.update({"--author": author, "--url": url, "--date": date})
    refused = ex.refused_flags(to, [f for f, v in given.items() if v is not None])
    if refused:
        flag = refused[0]
        raise UsageError(f"{flag} does not apply to --to {to}; {ex.FLAG_HELP[flag]}")
    if to == "anki" and out is None:
        raise UsageError("an Anki deck is a file: give --out deck.apkg")
    library = load(bank)
    if out is not None:
        ex.check_out(out, library, force=force)
    tags = set(tag or ())
    claims = [c for c in library.claims if not tags or tags.intersection(c.tags)]
    if to == "anki":
        assert out is not None
        notes = ex.to_anki(library, claims, out, kind=kind or "all", force=force)
        sys.stderr.write(f"wrote {notes} notes to {out}\n")
        return
    if to == "markdown":
        from ..quiz import build_session

        session = build_session(
            library.claims, seed=seed, count=count, kind=kind or "all", tags=tag or ()
        )
        text = ex.to_markdown(library, session)
    elif to == "claimreview":
        reviews = ex.to_claimreview(library, claims, author=author, url=url, date=date)
        text = reviews.text
        if reviews.left_out:
            sys.stderr.write(
                f"left out {reviews.left_out} claim(s) with no claimant and appearance: "
                "the bank's author wrote them, nobody is on record making them\n"
            )
    elif to == "csv":
        text = ex.to_csv(claims)
    else:
        text = ex.to_jsonl(claims)
    if out is None:
        write_data(text)
    else:
        ex.write_file(out, text, force=force)
        sys.stderr.write(f"wrote {out}\n")


@reports_errors
def schema() -> None:
    """Print the JSON Schema of the bank format (newsquiz/1)."""
    from ..schema import bank_schema

    write_out(json.dumps(bank_schema(), indent=2) + "\n")


__all__ = ["console", "export", "find", "new", "schema"]
