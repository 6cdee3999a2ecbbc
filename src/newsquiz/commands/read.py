"""The `read` command: the article itself, with the paragraph numbers feedback cites."""

from __future__ import annotations

import shutil
import sys
import textwrap
from typing import TYPE_CHECKING, Annotated

import typer

from ..errors import UsageError
from . import BankOption, JsonOption, load, print_json, reports_errors

if TYPE_CHECKING:
    from ..bank import Library
    from ..model import Article


def _complete_articles(ctx: typer.Context, incomplete: str) -> list[str]:
    try:
        library = load(ctx.params.get("bank"))
    except Exception:
        return []
    return [b.article.id for b in library.banks if b.article.id.startswith(incomplete)]


def pick_article(library: Library, article_id: str | None) -> Article:
    """The article named, or the only one loaded; a usage error otherwise."""
    from ..errors import did_you_mean

    ids = [b.article.id for b in library.banks]
    if article_id is None:
        if len(ids) == 1:
            return library.banks[0].article
        raise UsageError(f"name an article: the loaded banks hold {len(ids)}: {', '.join(ids)}")
    if article_id not in ids:
        raise UsageError(
            f"no article '{article_id}' in the loaded banks{did_you_mean(article_id, ids)}; "
            f"they hold: {', '.join(ids)}"
        )
    return library.article(article_id)


def article_text(article: Article, width: int) -> str:
    """Title, date and URL, then every paragraph after its ¶ number, wrapped at words."""
    lines = [article.title, f"Published {article.published}"]
    if article.url:
        lines.append(article.url)
    for number in range(1, len(article.paragraphs) + 1):
        text, _ = article.paragraph_text(number)
        lead = f"¶{number} "
        lines.append("")
        lines.extend(
            textwrap.wrap(
                " ".join(text.split()),
                width=max(width, 20),
                initial_indent=lead,
                subsequent_indent=" " * len(lead),
            )
        )
    return "\n".join(lines) + "\n"


@reports_errors
def read(
    article_id: Annotated[
        str | None,
        typer.Argument(
            metavar="[ARTICLE]",
            help="An article id (default: the only article loaded).",
            show_default=False,
            autocompletion=_complete_articles,
        ),
    ] = None,
    bank: BankOption = None,
    as_json: JsonOption = False,
) -> None:
    """Read the article with its paragraph numbers (the ¶N feedback cites); paged when long."""
    article = pick_article(load(bank), article_id)
    if as_json:
        print_json(
            {
                "id": article.id,
                "title": article.title,
                "published": article.published,
                "url": article.url,
                "paragraphs": [
                    {"number": n, "text": article.paragraph_text(n)[0]}
                    for n in range(1, len(article.paragraphs) + 1)
                ],
            }
        )
        return
    size = shutil.get_terminal_size()
    text = article_text(article, min(size.columns, 100) - 1)
    interactive = sys.stdout.isatty() and sys.stdin.isatty()
    if interactive and text.count("\n") > size.lines - 1:
        from rich.console import Console

        out = Console(highlight=False)
        with out.pager():
            out.print(text, markup=False, end="")
    else:
        sys.stdout.write(text)
