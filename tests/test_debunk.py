"""Fact-first corrections: fact, myth once and marked false, the trap, the fact again."""

from __future__ import annotations

import io

import pytest

from newsquiz.bank import load_library
from newsquiz.debunk import TRAPS, debunk, trap_name
from newsquiz.model import CHANGES

from .conftest import BankFactory


def test_every_change_names_a_trap() -> None:
    assert set(TRAPS) == set(CHANGES)
    assert trap_name("number") == "the number was changed"
    assert trap_name(None) == trap_name("other") == "the wording was changed"
    assert trap_name("made-up") == "the wording was changed"


def test_the_order_is_fact_myth_trap_fact(make_bank: BankFactory) -> None:
    claims = {c.id: c for c in load_library([str(make_bank())]).claims}
    d = debunk(claims["cost"])
    assert d is not None
    roles = [role for role, _ in d.parts]
    assert roles == ["fact", "myth", "trap", "fact"]
    assert roles.count("myth") == 1
    assert d.parts[0] == d.parts[-1] == ("fact", "It cost 2.1 million euros.")
    assert d.parts[1] == ("myth", "The renovation cost 12 million euros.")
    assert d.parts[2] == ("trap", "the number was changed")
    assert d.evidence == claims["cost"].evidence


@pytest.mark.parametrize("claim_id", ["reopen-date", "critics-firm"])
def test_only_refuted_claims_have_a_myth(make_bank: BankFactory, claim_id: str) -> None:
    claims = {c.id: c for c in load_library([str(make_bank())]).claims}
    assert debunk(claims[claim_id]) is None


def _order(text: str, *pieces: str) -> list[int]:
    return [text.index(p) for p in pieces]


def test_the_rich_and_plain_views_keep_the_order(make_bank: BankFactory) -> None:
    from rich.console import Console, Group
    from rich.text import Text

    from newsquiz.debunk import plain_lines
    from newsquiz.render_debunk import fact_first

    claims = {c.id: c for c in load_library([str(make_bank())]).claims}
    d = debunk(claims["cost"])
    assert d is not None
    console = Console(width=100, record=True, no_color=True, file=io.StringIO())
    console.print(Group(*fact_first(d, [Text("¶2 QUOTE")])))
    shown = console.export_text()
    plain = "\n".join(plain_lines(d, ["¶2 QUOTE"]))
    for text in (shown, plain):
        fact, quote, myth, trap = _order(
            text.lower(), "2.1 million euros", "¶2 quote", "12 million", "the number was changed"
        )
        assert fact < quote < myth < trap < text.rindex("2.1 million euros")
        assert text.count("12 million") == 1
        assert text.lower().count("2.1 million euros") == 2
    assert "✗ False: The renovation cost 12 million euros." in shown
    assert "false: The renovation cost 12 million euros." in plain
