"""Rich views of progress: the stats page with its bar charts, and the history table."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

BAR_WIDTH = 20  # narrow enough for a 60-column terminal: a cut bar would lose its number


def bar(right: int, total: int, scale: int) -> Text:
    """A bar, scaled so `scale` fills the width: right answers as solid green blocks, misses
    as light red shade, so that the solid length carries the number without colour too."""
    if scale <= 0:
        return Text("")
    good = round(BAR_WIDTH * right / scale)
    bad = round(BAR_WIDTH * total / scale) - good
    return Text.assemble(("█" * good, "green"), ("░" * bad, "red"))


def _accuracy_table(title: str, rows: dict[str, dict[str, Any]]) -> Table:
    table = Table(title=title, box=box.SIMPLE_HEAD, title_justify="left")
    table.add_column(title.split()[-1])
    table.add_column("right", justify="right")
    table.add_column("accuracy", justify="right")
    table.add_column("")
    for name, v in rows.items():
        table.add_row(
            Text(name),
            f"{v['correct']}/{v['answers']}",
            f"{v['accuracy']:g}%",
            bar(v["correct"], v["answers"], v["answers"]),
        )
    return table


def stats_view(data: dict[str, Any]) -> RenderableType:
    """The whole stats page."""
    if not data["answers"]:
        return Text("No answers recorded yet: take a quiz with 'newsquiz quiz'.")
    parts: list[RenderableType] = [
        Text.assemble(
            ("Overall: ", "bold"),
            f"{data['correct']}/{data['answers']} right ({data['accuracy']:g}%) "
            f"in {data['sessions']} session(s); {data['due_now']} question(s) due now",
        )
    ]
    days = data["days"][-14:]
    if days:
        scale = max(d["answers"] for d in days)
        chart = Table(title="Answers per day (█ right, ░ wrong)", box=None, title_justify="left")
        chart.add_column("day")
        chart.add_column("")
        chart.add_column("", justify="right")
        for d in days:
            chart.add_row(
                d["date"], bar(d["correct"], d["answers"], scale), f"{d['correct']}/{d['answers']}"
            )
        parts.append(chart)
    parts.append(_accuracy_table("Accuracy by tag", data["by_tag"]))
    if data["by_change"]:
        parts.append(_accuracy_table("Refuted claims by change", data["by_change"]))
    if data["hardest"]:
        hard = Table(title="Hardest claims", box=box.SIMPLE_HEAD, title_justify="left")
        hard.add_column("claim")
        hard.add_column("missed", justify="right")
        for h in data["hardest"]:
            hard.add_row(Text(h["claim"]), f"{h['misses']}/{h['answers']}")
        parts.append(hard)
    due = Table(title="Falling due", box=None, title_justify="left")
    due.add_column("day")
    due.add_column("")
    due.add_column("", justify="right")
    scale = max([d["count"] for d in data["due_by_day"]] + [1])
    for d in data["due_by_day"]:
        due.add_row(
            d["date"], Text("█" * round(BAR_WIDTH * d["count"] / scale), "cyan"), str(d["count"])
        )
    parts.append(due)
    parts.append(
        Text(
            "How sure you were, and where you were wrong anyway: newsquiz stats --calibration. "
            "Each question's statistics: newsquiz stats --items.",
            style="dim",
        )
    )
    return Group(*parts)


def history_table(items: Sequence[dict[str, Any]]) -> RenderableType:
    """Past sessions, one line each."""
    if not items:
        return Text("No sessions recorded yet.")
    table = Table(box=box.SIMPLE_HEAD)
    for col in ("started (UTC)", "mode", "articles", "score", "answered", "seed"):
        table.add_column(col)
    for s in items:
        table.add_row(
            s["started"][:16].replace("T", " "),
            s["mode"],
            Text(", ".join(s["articles"])),
            f"{s['correct']}/{s['total']} ({s['score']:g}%)",
            f"{s['answered']}/{s['total']}",
            str(s["seed"]),
        )
    return table


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{100 * value:.0f}%"


def items_view(data: dict[str, Any]) -> RenderableType:
    """Item analysis: one line per question, flagged ones first, then distractors and verdicts."""
    if not data["items"]:
        return Text("No answers recorded yet: item analysis needs answered questions.")
    learners = len(data["learners"])
    parts: list[RenderableType] = [
        Text.assemble(
            ("Item analysis: ", "bold"),
            f"{len(data['items'])} question(s), {learners} learner(s) (one a history file); "
            "first attempts only",
        )
    ]
    if learners < data["min_learners"]:
        parts.append(
            Text(
                f"Discrimination needs at least {data['min_learners']} learners: give each "
                "learner's history with --db (repeatable).",
                style="yellow",
            )
        )
    table = Table(box=box.SIMPLE_HEAD)
    table.add_column("question", no_wrap=True)
    table.add_column("learners", justify="right", no_wrap=True)
    table.add_column("facility", justify="right", no_wrap=True)
    table.add_column("corrected", justify="right", no_wrap=True)
    table.add_column("discrim.", justify="right", no_wrap=True)
    table.add_column("check", ratio=1, min_width=12)
    for item in data["items"]:
        d = item["discrimination"]
        notes = list(item["flags"])
        if item.get("non_functioning"):
            notes.append("nobody picks: " + "; ".join(item["non_functioning"]))
        table.add_row(
            Text(item["question"]),
            str(item["learners"]),
            _pct(item["facility"]),
            _pct(item["corrected_facility"]),
            "-" if d is None else f"{d:+.2f}",
            Text("\n".join(notes), style="bold red" if item["flags"] else "dim"),
        )
    parts.append(table)
    parts.append(
        Text(
            "facility: right at the first try; corrected: for guessing (0% is what blind "
            "guessing earns); discrim.: correlation with the rest of each learner's score, "
            f"shown from {data['min_learners']} learners on\n",
            style="dim",
        )
    )
    choice_items = [i for i in data["items"] if i["kind"] == "mc"]
    if choice_items:
        choices = Table(
            title="Multiple choice: share choosing each option (✓ the answer)",
            box=box.SIMPLE_HEAD,
            title_justify="left",
        )
        choices.add_column("question", no_wrap=True)
        choices.add_column("options", ratio=1)
        for item in choice_items:
            line = Text()
            for c in item["choices"]:
                if line:
                    line.append("  ")
                line.append(("✓ " if c["key"] else "") + c["text"])
                line.append(f" {100 * c['share']:.0f}%", style="bold")
            choices.add_row(Text(item["question"]), line)
        parts.append(choices)
    matrix = Table(
        title="True/false: the article says (rows), learners answered (columns)",
        box=box.SIMPLE_HEAD,
        title_justify="left",
    )
    matrix.add_column("article says")
    for answer in ("True", "False", "Not stated"):
        matrix.add_column(answer, justify="right")
    for verdict, row in data["tf_confusion"].items():
        if any(row.values()):
            matrix.add_row(verdict, *(str(row[a]) for a in ("True", "False", "Not stated")))
    if matrix.row_count:
        parts.append(matrix)
    return Group(*parts)


def calibration_view(data: dict[str, Any]) -> RenderableType:
    """Calibration: accuracy by confidence and by trap, overconfidence, and one line a learner."""
    if not data["answers"]:
        return Text("No answers recorded yet: take a quiz with 'newsquiz quiz'.")
    parts: list[RenderableType] = []
    o = data["overall"]
    parts.append(
        Text.assemble(
            ("Calibration: ", "bold"),
            f"{o['correct']}/{o['answers']} right ({o['accuracy']:g}%); "
            f"above chance: {o['chance_corrected']:g} (blind guessing earns 0, all right 100)",
        )
    )
    conf = Table(title="By how sure you said you were", box=box.SIMPLE_HEAD, title_justify="left")
    for col in ("confidence", "right", "accuracy", "chance", "above chance"):
        conf.add_column(col, justify="left" if col == "confidence" else "right")
    for name, v in data["by_confidence"].items():
        conf.add_row(
            name,
            f"{v['correct']}/{v['answers']}",
            f"{v['accuracy']:g}%",
            f"{v['chance']:g}%",
            f"{v['chance_corrected']:g}",
        )
    parts.append(conf)
    if data["by_change"]:
        trap = Table(title="Refuted claims by trap", box=box.SIMPLE_HEAD, title_justify="left")
        for col in ("trap", "right", "accuracy", "sure", "sure but wrong"):
            trap.add_column(col, justify="left" if col == "trap" else "right")
        for name, v in data["by_change"].items():
            trap.add_row(
                Text(name),
                f"{v['correct']}/{v['answers']}",
                f"{v['accuracy']:g}%",
                str(v["sure"]),
                str(v["sure_wrong"]),
            )
        parts.append(trap)
    if data["overconfident"]:
        lines = Text("Overconfident (sure, but right less than 3 times in 4):", style="bold")
        for g in data["overconfident"]:
            lines.append(f"\n  {g['group']} ", style="")
            lines.append(g["name"], style="bold")
            lines.append(f": {g['sure_right']} of {g['sure']} sure answers right", style="")
        parts.append(lines)
    elif data["sure_accuracy"] is None:
        parts.append(
            Text(
                "No answer was marked sure yet: say how sure you are after each answer "
                "(in a file: t! sure, t? unsure, t?? guessed).",
                style="dim",
            )
        )
    if len(data["learners"]) > 1:
        people = Table(title="Learners", box=box.SIMPLE_HEAD, title_justify="left")
        for col in ("history", "right", "accuracy", "above chance", "sure right", "sure wrong"):
            people.add_column(col, justify="left" if col == "history" else "right")
        for p in data["learners"]:
            people.add_row(
                Text(p["learner"]),
                f"{p['correct']}/{p['answers']}",
                f"{p['accuracy']:g}%",
                f"{p['chance_corrected']:g}",
                "-" if p["sure_accuracy"] is None else f"{p['sure_accuracy']:g}%",
                str(p["confident_errors"]),
            )
        parts.append(people)
    return Group(*parts)
