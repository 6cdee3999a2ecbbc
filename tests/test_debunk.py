"""Fact-first corrections: fact, myth once and marked false, the trap, the fact again."""

from __future__ import annotations

import io

import pytest

from newsquiz.bank import load_library
from newsquiz.debunk import TRAPS, debunk, trap_name
from newsquiz.model import CHANGES

from .conftest import BankFactory, CliInvoke


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


def _text(renderable: object) -> str:
    from rich.console import Console

    console = Console(width=100, record=True, no_color=True, file=io.StringIO())
    console.print(renderable)
    return console.export_text()


def _flat(text: str) -> str:
    """Panel text on one line: borders and wrapping removed."""
    return " ".join(
        line.strip("│╭╮╰╯─ ").strip() for line in text.splitlines() if line.strip("│╭╮╰╯─ ")
    )


def _fact_first(text: str, myth: str = "12 million") -> None:
    fact = text.index("It cost 2.1 million euros.")
    quote = text.index("¶2")
    false = text.lower().index("false: the renovation cost 12 million euros.")
    trap = text.index("the number was changed")
    assert fact < quote < false < trap < text.rindex("It cost 2.1 million euros.")
    assert text.count(myth) == 1  # the false wording once, marked false


def test_quiz_feedback_and_check_lead_with_the_fact(make_bank: BankFactory) -> None:
    from newsquiz.plain import feedback as plain_feedback
    from newsquiz.quiz import grade, make_question
    from newsquiz.render import feedback

    claims = {c.id: c for c in load_library([str(make_bank())]).claims}
    q = make_question(claims["cost"], "tf", 1, True)
    for given in ("t", "f"):
        _fact_first(_flat(_text(feedback(grade(q, given)))))
        _fact_first(plain_feedback(grade(q, given)))
    # a supported claim is explained as before, with no myth section
    supported = make_question(claims["reopen-date"], "tf", 1, True)
    assert "False:" not in _text(feedback(grade(supported, "t")))


def test_the_summary_leads_with_the_fact(make_bank: BankFactory) -> None:
    from newsquiz.quiz import build_session
    from newsquiz.render import summary
    from newsquiz.session import ListAnswers, run_session

    claims = load_library([str(make_bank())]).claims
    session = build_session(claims, seed=1, kind="tf")
    report = run_session(session, ListAnswers(["t", "t", "t"]))
    shown = _flat(_text(summary(report)))
    _fact_first(shown)


def test_show_leads_with_the_fact(cli: CliInvoke, make_bank: BankFactory) -> None:
    out = _flat(cli("show", "cost", "--bank", str(make_bank())).stdout)
    _fact_first(out)
    assert out.index("Refuted") < out.index("It cost 2.1 million euros.")


def test_the_summary_counts_sure_but_wrong_answers(make_bank: BankFactory) -> None:
    from newsquiz.quiz import build_session
    from newsquiz.render import summary
    from newsquiz.session import ListAnswers, run_session

    claims = load_library([str(make_bank())]).claims
    session = build_session(claims, seed=1, kind="tf")
    sure = run_session(session, ListAnswers(["t!", "t!", "t!"]))  # one right, two wrong
    assert "Sure but wrong: 2." in _flat(_text(summary(sure)))
    unsure = run_session(session, ListAnswers(["t?", "t?", "t?"]))
    assert "Sure but wrong" not in _text(summary(unsure))
