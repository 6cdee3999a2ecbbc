"""Rich renderables built from the same objects that `--json` serialises.

Bank text always goes into `Text(...)`, never through markup, so `[bold]` in a bank shows as
written. Only the CLI owns a Console and prints.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING

from rich import box
from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from .model import Article, Claim, Evidence
from .quiz import VERDICT_SENTENCE, Question, Result, Session, heading
from .session import Report

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderResult

QUOTE_STYLE = "bold yellow underline"
VERDICT_STYLE = {"supported": "green", "refuted": "red", "not-stated": "cyan"}
_marks = {"on": False}


@contextmanager
def plain_quotes(console: Console) -> Iterator[None]:
    """Within this block, mark quotes with »…« as well as a style when the console shows no
    colour (TERM=dumb, NO_COLOR, a pipe), so the quote stays visible in plain text."""
    before = _marks["on"]
    _marks["on"] = console.no_color or console.color_system is None
    try:
        yield
    finally:
        _marks["on"] = before


def highlighted(text: str, spans: Iterable[tuple[int, int]]) -> Text:
    """Text with the given spans highlighted as quotes (and marked »…« without colour)."""
    ordered = sorted(spans)
    if not _marks["on"]:
        out = Text(text)
        for start, end in ordered:
            out.stylize(QUOTE_STYLE, start, end)
        return out
    out = Text()
    at = 0
    for start, end in ordered:
        if start < at:
            continue  # overlapping spans: the first one marks the text
        out.append(text[at:start])
        out.append("»" + text[start:end] + "«", style=QUOTE_STYLE)
        at = end
    out.append(text[at:])
    return out


def evidence_line(e: Evidence) -> Text:
    """The sentence holding a quote, the quote highlighted, after its paragraph number."""
    return Text.assemble((f"¶{e.paragraph} ", "dim"), highlighted(e.sentence, [e.span_in_sentence]))


def verdict_text(verdict: str) -> Text:
    """A verdict in its colour."""
    return Text(verdict, style=VERDICT_STYLE.get(verdict, ""))


def claims_table(claims: Sequence[Claim]) -> Table:
    """The claims with their verdicts and source sentences, as a table."""
    table = Table(box=box.SIMPLE_HEAD, show_lines=True, expand=True)
    widest = max((len(c.id) for c in claims), default=2)
    # An id is what people copy into `show`: never split it across lines.
    table.add_column("id", style="bold", no_wrap=True, min_width=widest)
    table.add_column("verdict", no_wrap=True)
    table.add_column("claim", ratio=3)
    table.add_column("source", ratio=5)
    for c in claims:
        source = Text("\n").join(evidence_line(e) for e in c.evidence)
        table.add_row(Text(c.id), verdict_text(c.verdict), Text(c.claim), source)
    return table


def claims_blocks(claims: Sequence[Claim]) -> Group:
    """The claims one block each (id and verdict, the claim, its sources), for narrow
    terminals where a table would squeeze the text into slivers."""
    parts: list[RenderableType] = []
    for c in claims:
        parts.append(Text.assemble((c.id, "bold"), "  ", verdict_text(c.verdict)))
        lines = [Text(c.claim), *(evidence_line(e) for e in c.evidence)]
        parts.append(Padding(Group(*lines), (0, 0, 1, 2)))
    return Group(*parts)


class ClaimsView:
    """The claims as a table when the terminal is wide enough, else as blocks."""

    TABLE_WIDTH = 100

    def __init__(self, claims: Sequence[Claim]) -> None:
        self.claims = claims

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        """Choose the layout for the width at hand."""
        if options.max_width >= self.TABLE_WIDTH:
            yield claims_table(self.claims)
        else:
            yield claims_blocks(self.claims)


def claim_detail(claim: Claim, article: Article) -> RenderableType:
    """One claim: its verdict, correction, evidence in its paragraph, and its choice form."""
    parts: list[RenderableType] = [
        Text.assemble(("Claim: ", "bold"), claim.claim),
        verdict_line(claim.verdict),
    ]
    if claim.correction:
        parts.append(Text.assemble(("What the article says: ", "bold"), claim.correction))
    if claim.change:
        parts.append(Text.assemble(("What was changed: ", "bold"), claim.change))
    if claim.explanation:
        parts.append(Text.assemble(("Why: ", "bold"), claim.explanation))
    by_paragraph: dict[int, list[Evidence]] = defaultdict(list)
    for e in claim.evidence:
        by_paragraph[e.paragraph].append(e)
    for number, items in sorted(by_paragraph.items()):
        text, start = article.paragraph_text(number)
        body = highlighted(text, [(e.start - start, e.end - start) for e in items])
        parts.append(
            Panel(
                body,
                title=Text(f"¶{number} of {article.title}"),
                title_align="left",
                border_style="dim",
            )
        )
    if claim.choice:
        choice = Text.assemble(("Multiple choice: ", "bold"), claim.choice.question, "\n")
        choice.append(f"  ✓ {claim.choice.answer}\n", style="green")
        for d in claim.choice.distractors:
            choice.append(f"  ✗ {d}\n", style="dim")
        parts.append(choice)
    if claim.tags:
        parts.append(Text.assemble(("Tags: ", "bold"), ", ".join(claim.tags)))
    return Panel(Group(*parts), title=Text(claim.id), title_align="left")


def question_heading(question: Question, number: int, total: int) -> str:
    """The plain-text prompt for a question, as a prompt shows it: no claim id."""
    return heading(question, number, total)


def verdict_line(verdict: str) -> Text:
    """The verdict as a sentence, its first word in the verdict's colour."""
    label, _, rest = VERDICT_SENTENCE[verdict].partition(":")
    return Text.assemble((label + ":", f"bold {VERDICT_STYLE.get(verdict, '')}"), rest)


def session_header(articles: Sequence[Article], session: Session) -> RenderableType:
    """Said once before question 1: what the questions are about and how they are judged."""
    lines = [
        Text.assemble(("About: ", "bold"), Text(a.title), f" ({a.published})") for a in articles
    ]
    if not any(q.kind == "tf" for q in session.questions):
        judged = "The answers are"
    elif session.offers_not_stated:
        judged = "True, False and Not stated are"
    else:
        judged = "True and False are"
    read = articles[0].id if len(articles) == 1 else "ARTICLE"
    lines.append(Text(f"{judged} judged by the article alone, not by what you know."))
    lines.append(Text.assemble("Read the article: ", (f"newsquiz read {read}", "bold")))
    count, seed = len(session.questions), session.seed
    lines.append(
        Text(f"{count} question(s) · seed {seed} (replay with --seed {seed})", style="dim")
    )
    return Group(*lines)


def feedback(result: Result) -> RenderableType:
    """What a learner sees after answering: right or wrong, and the passage that settles it."""
    q = result.question
    claim = q.claim
    if result.correct:
        head = Text("✓ Right", style="bold green")
    else:
        head = Text("✗ Wrong", style="bold red")
        head.append(f": the answer is {q.expected}", style="bold")
        head.append(f" (you said {result.given})", style="dim")
    parts: list[RenderableType] = [head]
    if q.kind == "tf":
        parts.append(verdict_line(claim.verdict))
        if claim.correction:
            parts.append(Text.assemble(("The article says: ", "bold"), claim.correction))
    elif result.correct:
        parts.append(Text.assemble(("Answer: ", "bold"), (q.expected, "green")))
    if claim.explanation:
        parts.append(Text(claim.explanation, style="italic"))
    parts.extend(evidence_line(e) for e in claim.evidence)
    return Panel(
        Group(*parts),
        border_style="green" if result.correct else "red",
        title=Text(q.id),
        title_align="right",
    )


def summary(
    report: Report, *, next_step: str | None = None, every_answer: bool = False
) -> RenderableType:
    """The end of a session: the score, the misses (or, with `every_answer`, every answer)
    with the question, the learner's answer, the right one and the evidence; accuracy by tag;
    and what comes next."""
    if report.answered < report.total:
        counts = (
            f"{report.score:g}% of {report.total} · {report.answered} answered, "
            f"{report.correct} right; {report.total - report.answered} not answered"
        )
    else:
        counts = f"{report.correct}/{report.total} right ({report.score:g}%)"
    parts: list[RenderableType] = [
        Text.assemble(("Score: ", "bold"), counts, (f"   seed {report.seed}", "dim")),
    ]
    shown = report.results if every_answer else [r for r in report.results if not r.correct]
    if shown:
        # Blocks rather than a table: a table squeezes the answers to "…" in a narrow terminal.
        parts.append(Text("Answers" if every_answer else "Missed", style="bold"))
        for r in shown:
            mark = Text("✓ ", style="green") if r.correct else Text("✗ ", style="red")
            parts.append(
                Text.assemble(mark, Text(r.question.prompt), (f"  {r.question.id}", "dim"))
            )
            said = Text.assemble("you said ", (r.given, "bold"))
            if not r.correct:
                said.append("; the answer is ")
                said.append(r.question.expected, style="bold")
            lines = [said, *(evidence_line(e) for e in r.evidence)]
            parts.append(Padding(Group(*lines), (0, 0, 1, 2)))
    by_tag = tag_accuracy(report.results)
    if by_tag:
        tags = Table(title="By tag", box=box.SIMPLE_HEAD, title_justify="left")
        tags.add_column("tag")
        tags.add_column("right", justify="right")
        for tag, (right, asked) in sorted(by_tag.items()):
            tags.add_row(Text(tag), f"{right}/{asked}")
        parts.append(tags)
    if next_step:
        parts.append(Text(next_step, style="bold"))
    return Group(*parts)


def tag_accuracy(results: Iterable[Result]) -> dict[str, tuple[int, int]]:
    """For each tag: (right, asked)."""
    acc: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for r in results:
        for t in r.question.claim.tags:
            acc[t][0] += r.correct
            acc[t][1] += 1
    return {t: (v[0], v[1]) for t, v in acc.items()}
