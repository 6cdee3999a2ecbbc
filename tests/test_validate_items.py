"""Every evidence item and origin field is checked on its own: one bad item never hides the
next one's problem. Cases use the one-claim banks of test_validate_rules.py."""

# ruff: noqa: E501 (whole messages read better on one line)
from __future__ import annotations

import pytest

from .conftest import BankFactory
from .test_validate_rules import checked, claim

CASES = [
    # an empty quote, then a blank one: both named, in order
    (
        {"evidence": '["", "   "]'},
        ["12:16: 'evidence' must not be empty", "12:20: 'evidence' must not be empty"],
    ),
    # a mapping where a quote should be, then an empty quote: both named
    (
        {"evidence": '[{a: b}, ""]'},
        [
            "12:16: each evidence quote must be text, not a list or mapping; a quote holding ': ' or starting with [ or a quotation mark goes in single quotes, with each ' doubled",
            "12:24: 'evidence' must not be empty",
        ],
    ),
    # a blank date of appearance is named like any other empty field
    (
        {"claimant": "The mayor", "appearance": "https://city.example/a", "appeared": '"  "'},
        ["15:15: 'appeared' must not be empty"],
    ),
]


@pytest.mark.parametrize(("fields", "expected"), CASES)
def test_each_item_gets_its_own_problem(
    make_bank: BankFactory, fields: dict[str, str], expected: list[str]
) -> None:
    found, problems = checked(make_bank(claims=claim(**fields)))
    assert found is None
    assert problems == expected
