"""Plain-text views for script-facing output (`ask`, `check` into a pipe).

Scripts call these commands in loops, so they print without loading Rich; the quoted span is
marked with »« instead of a colour. A terminal gets the Rich view instead.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .debunk import debunk, plain_lines
from .model import Evidence
from .quiz import VERDICT_SENTENCE, Result, Session, heading, shown_key

if TYPE_CHECKING:
    from .search import Hit


def evidence_line(e: Evidence) -> str:
    """The sentence holding a quote, the quote marked, after its paragraph number."""
    s, t = e.span_in_sentence
    return f"¶{e.paragraph} {e.sentence[:s]}»{e.sentence[s:t]}«{e.sentence[t:]}"


def questions(session: Session, width: int | None = None) -> str:
    """The questions of a session without their answers, and without claim ids: an id such
    as `skipped-sco-summit` would give the answer away to the person a script shows it to.

    One line a question and one for its options; with `width` (a terminal), lines longer than
    that are wrapped at words, the options indented under their line."""
    import textwrap

    lines = [f"seed {session.seed}"]
    total = len(session.questions)
    for number, q in enumerate(session.questions, start=1):
        head = heading(q, number, total)
        options = [f"{shown_key(q, o.key)}) {o.text}" for o in q.options]
        if width is None:
            lines += [head, "   " + "   ".join(options)]
        else:
            lines += textwrap.wrap(head, width, subsequent_indent="  ")
            lines += _packed(options, width)
    return "\n".join(lines) + "\n"


def _packed(options: list[str], width: int) -> list[str]:
    """Options side by side, as many as fit in `width`; an option is never split between
    lines unless it is wider than a line on its own (then it wraps at words)."""
    import textwrap

    lines: list[str] = []
    line = ""
    for option in options:
        if line and len(line) + 3 + len(option) <= width:
            line += "   " + option
            continue
        if line:
            lines.append(line)
        line = "   " + option
        if len(line) > width:
            *whole, line = textwrap.wrap(line, width, subsequent_indent="      ")
            lines += whole
    if line:
        lines.append(line)
    return lines


def feedback(result: Result) -> str:
    """Right or wrong, the answer, and the evidence, as lines of text."""
    q = result.question
    lines = [
        f"{'right' if result.correct else 'wrong'}: {q.id}: the answer is {q.expected}"
        + ("" if result.correct else f" (you said {result.given})")
    ]
    myth = debunk(q.claim) if q.kind == "tf" else None
    if myth is not None:  # the fact first, the false wording once, the trap, the fact again
        lines.append(VERDICT_SENTENCE[q.claim.verdict])
        lines.extend(plain_lines(myth, [evidence_line(e) for e in q.claim.evidence]))
        return "\n".join(lines) + "\n"
    if q.kind == "tf":
        lines.append(VERDICT_SENTENCE[q.claim.verdict])
        if q.claim.correction:
            lines.append(f"the article says: {q.claim.correction}")
    if q.claim.explanation:
        lines.append(f"why: {q.claim.explanation}")
    lines.extend(evidence_line(e) for e in q.claim.evidence)
    return "\n".join(lines) + "\n"


def find_hits(hits: list[Hit], several: bool) -> str:
    """`find`'s hits, one a line: score, article (when several), paragraph, »matches« marked."""
    from .search import matching_spans

    lines = []
    for h in hits:
        marked, last = [], 0
        for start, end in matching_spans(h.sentence, h.matched):
            marked += [h.sentence[last:start], "»", h.sentence[start:end], "«"]
            last = end
        marked.append(h.sentence[last:])
        where = f"{h.article} ¶{h.paragraph}" if several else f"¶{h.paragraph}"
        lines.append(f"{h.score:5.2f}  {where}  {''.join(marked)}")
    return "\n".join(lines) + "\n"
