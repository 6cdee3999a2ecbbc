"""The Rich view of a fact-first correction (see debunk.py for the order and why).

Kept apart from render.py so that every view of a refuted claim (the quiz panel, the summary,
`show`) builds it the same way; the caller passes the evidence already rendered, as it shows
evidence elsewhere (a line with ¶N, or the whole paragraph).
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import RenderableType
from rich.text import Text

from .debunk import Debunk


def fact_first(d: Debunk, evidence: Sequence[RenderableType]) -> list[RenderableType]:
    """Fact (with its evidence), the myth once and marked false, the trap, the fact again."""
    parts: list[RenderableType] = [Text.assemble(("What the article says: ", "bold"), d.fact)]
    parts.extend(evidence)
    parts.append(Text.assemble(("✗ False: ", "bold red"), (d.myth, "red")))
    parts.append(Text.assemble(("The trap: ", "bold"), d.trap))
    if d.why:
        parts.append(Text(d.why, style="italic"))
    parts.append(Text.assemble(("So: ", "bold green"), d.fact))
    return parts
