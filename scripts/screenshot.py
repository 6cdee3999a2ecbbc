"""Regenerate docs/quiz.svg: what a question and its evidence look like in a terminal.

    python scripts/screenshot.py

The question lines copy questionary's layout (the first as it waits for an answer, with the
hint, the others as answered); everything else is newsquiz's own Rich output for real answers
on the shipped bank, exported by Rich as SVG.
"""

from __future__ import annotations

import io
from pathlib import Path

from rich.console import Console
from rich.text import Text

from newsquiz.api import load, session
from newsquiz.prompt import HINT
from newsquiz.quiz import grade, shown_key
from newsquiz.render import feedback, question_heading, session_header, summary
from newsquiz.session import Report

OUT = Path(__file__).resolve().parents[1] / "docs" / "quiz.svg"


def main() -> None:
    """Render two questions, one right and one wrong, and the summary."""
    library = load()
    quiz = session(library, seed=2024, count=2, kind="tf")
    console = Console(
        record=True, width=92, force_terminal=True, color_system="truecolor", file=io.StringIO()
    )
    report = Report(quiz.seed, len(quiz.questions))
    articles = [library.article(a) for a in quiz.articles]
    console.print(session_header(articles, quiz))
    first = quiz.questions[0]
    waiting = Text("? ", style="bold magenta")
    waiting.append(question_heading(first, 1, len(quiz.questions)), style="bold")
    waiting.append(f"\n  {HINT}", style="dim")
    for i, o in enumerate(first.options):
        waiting.append(f"\n {'»' if i == 0 else ' '} {shown_key(first, o.key)}) {o.text}")
    console.print(waiting, "")
    answers = ["f", "f"]
    for number, (question, answer) in enumerate(zip(quiz.questions, answers, strict=True), 1):
        chosen = next(o for o in question.options if o.key == answer)
        line = Text("? ", style="bold magenta")
        line.append(question_heading(question, number, len(quiz.questions)), style="bold")
        line.append(f" {chosen.text}", style="cyan")
        console.print(line)
        result = grade(question, answer)
        report.results.append(result)
        console.print(feedback(result))
    next_step = (
        "1 miss comes back tomorrow: newsquiz review" if not report.results[-1].correct else None
    )
    console.print(
        summary(
            report,
            next_step=next_step or "Every answer right; these come back in 2 days: newsquiz review",
        )
    )
    OUT.parent.mkdir(exist_ok=True)
    OUT.write_text(console.export_svg(title="newsquiz quiz"), encoding="utf-8")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
