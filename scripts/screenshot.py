"""Regenerate docs/quiz.svg: what a question and its evidence look like in a terminal.

    python scripts/screenshot.py

The question line copies questionary's layout; everything after it is newsquiz's own Rich
output for a real answer on the shipped bank, exported by Rich as SVG.
"""

from __future__ import annotations

import io
from pathlib import Path

from rich.console import Console
from rich.text import Text

from newsquiz.api import load, session
from newsquiz.quiz import grade
from newsquiz.render import feedback, question_heading, summary
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
    console.print(summary(report))
    OUT.parent.mkdir(exist_ok=True)
    OUT.write_text(console.export_svg(title="newsquiz quiz"), encoding="utf-8")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
