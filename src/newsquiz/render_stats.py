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
