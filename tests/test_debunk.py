"""Fact-first corrections: fact, myth once and marked false, the trap, the fact again."""

from __future__ import annotations

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
