"""Commands that read banks: validate, claims, show."""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING, Annotated

import typer

from ..errors import BankError, Problem, UsageError
from ..model import VERDICTS

if TYPE_CHECKING:
    from ..model import Bank
from . import (
    BankOption,
    JsonOption,
    TagOption,
    complete_claims,
    console,
    load,
    print_json,
    reports_errors,
)


@reports_errors
def validate(
    paths: Annotated[
        list[str] | None,
        typer.Argument(
            help="Bank files or folders (default: --bank, $NEWSQUIZ_BANK, or the shipped bank).",
            show_default=False,
        ),
    ] = None,
    bank: BankOption = None,
    as_json: JsonOption = False,
) -> None:
    """Check banks: every quote found exactly once, every field in shape. Exit 1 on problems."""
    from ..bank import bank_files, check_library, default_sources

    banks: list[Bank] = []
    warnings: list[str] = []
    try:
        files = bank_files(default_sources(paths or bank))
    except BankError as exc:
        problems = exc.problems
    else:
        banks, problems, warnings = check_library(files)
    problems = sorted(problems, key=Problem.sort_key)
    if as_json:
        print_json(
            {
                "valid": not problems,
                "problems": [
                    {"path": p.path, "line": p.line, "col": p.col, "message": p.message}
                    for p in problems
                ],
                "warnings": warnings,
                "banks": [
                    {
                        "path": b.path,
                        "article": b.article.id,
                        "claims": len(b.summary.claim_ids),
                        "verdicts": dict(b.summary.verdicts),
                        "choices": b.summary.choices,
                    }
                    for b in banks
                ],
            }
        )
    else:
        for w in warnings:
            sys.stderr.write(f"warning: {w}\n")
        for p in problems:
            sys.stdout.write(f"{p}\n")
        if problems:
            sys.stdout.write(f"{len(problems)} problem(s) found.\n")
        else:
            sys.stdout.write(validation_summary(banks) + "\n")
    if problems:
        raise typer.Exit(1)


def validation_summary(valid: Sequence[Bank]) -> str:
    """One line: claims by verdict, choices and articles."""
    counts: Counter[str] = Counter()
    for b in valid:
        counts.update(dict(b.summary.verdicts))
    claims = sum(len(b.summary.claim_ids) for b in valid)
    verdicts = ", ".join(f"{counts[v]} {v}" for v in VERDICTS)
    choices = sum(b.summary.choices for b in valid)
    articles = ", ".join(b.article.id for b in valid)
    plural = "bank" if len(valid) == 1 else "banks"
    return (
        f"ok: {claims} claims ({verdicts}), {choices} with multiple choice, "
        f"in {len(valid)} {plural}: {articles}"
    )


@reports_errors
def claims(
    bank: BankOption = None,
    tag: TagOption = None,
    verdict: Annotated[
        str | None,
        typer.Option(
            "--verdict",
            metavar="VERDICT",
            help="Only claims with this verdict: supported, refuted or not-stated.",
            show_default=False,
        ),
    ] = None,
    list_tags: Annotated[
        bool, typer.Option("--tags", help="List the tags in use, with how many claims have each.")
    ] = False,
    as_json: JsonOption = False,
) -> None:
    """List claims with their verdicts and the sentences that settle them."""
    from ..quiz import check_tags

    if verdict is not None and verdict not in VERDICTS:
        raise UsageError(f"--verdict must be one of {', '.join(VERDICTS)}, not '{verdict}'")
    library = load(bank)
    if list_tags:
        counts = Counter(t for c in library.claims for t in c.tags)
        if as_json:
            print_json([{"tag": t, "claims": counts[t]} for t in sorted(counts)])
        else:
            sys.stdout.write("".join(f"{t}\t{counts[t]}\n" for t in sorted(counts)))
        return
    check_tags(tag or (), library.claims)
    tags = set(tag or ())
    selected = [
        c
        for c in library.claims
        if (not tags or tags.intersection(c.tags)) and verdict in (None, c.verdict)
    ]
    if as_json:
        print_json([c.to_json() for c in selected])
        return
    from ..render import ClaimsView, plain_quotes

    out = console()
    widest = max((len(c.id) for c in selected), default=0)
    if out.width < max(widest, 36):  # narrower, an id would be split or a sentence shredded
        raise UsageError(
            f"the terminal is {out.width} columns wide, too narrow for the claims "
            f"({max(widest, 36)} needed); widen it, or use --json"
        )
    with plain_quotes(out):
        out.print(ClaimsView(selected))
    out.print(f"{len(selected)} of {len(library.claims)} claims", style="dim")


@reports_errors
def show(
    claim_id: Annotated[
        str,
        typer.Argument(
            metavar="CLAIM",
            help="A claim id, or ARTICLE/CLAIM (see 'claims').",
            autocompletion=complete_claims,
        ),
    ],
    bank: BankOption = None,
    as_json: JsonOption = False,
) -> None:
    """Show one claim with its evidence highlighted in its paragraph."""
    library = load(bank)
    claim = library.require_claim(claim_id.partition(":")[0])
    article = library.article(claim.article)
    if as_json:
        data = claim.to_json()
        data["paragraphs"] = {
            str(n): article.paragraph_text(n)[0]
            for n in sorted({e.paragraph for e in claim.evidence})
        }
        print_json(data)
        return
    from ..render import claim_detail, plain_quotes

    out = console()
    with plain_quotes(out):
        out.print(claim_detail(claim, article))
