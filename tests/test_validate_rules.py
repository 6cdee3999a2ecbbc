"""Rules of a claim that test_validate_messages.py does not pin: who made a claim and where
(`claimant`, `appearance`, `appeared`), and what a valid claim is built from.

Each case is a bank with one claim and the complete list of what `check_bank` reports for it,
as LINE:COL: message; the claim's own fields start on line 9 and extra fields on line 13.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from newsquiz.bank import check_bank
from newsquiz.model import Claim, Origin

from .conftest import BankFactory

TOGETHER = (
    "'claimant' and 'appearance' go together: who made the claim and the address where it was made"
)
URL_RULE = "an http or https address with a host and no spaces, quotes, < or >"


def claim(**fields: str) -> str:
    """One claim on the shared test article, valid unless a field is changed."""
    base = {
        "id": "c1",
        "claim": "The library will reopen in June.",
        "verdict": "supported",
        "evidence": '["reopen the Riverside library on 3 June"]',
    }
    base.update(fields)
    lines = [f"    {k}: {v}" for k, v in base.items()]
    lines[0] = "  - " + lines[0].lstrip()
    return "\n".join(lines) + "\n"


def checked(path: Path) -> tuple[Claim | None, list[str]]:
    bank, problems = check_bank(path, use_cache=False)
    assert (bank is None) == bool(problems)
    assert all(p.path == str(path) for p in problems)
    return (bank.claims[0] if bank else None), [f"{p.line}:{p.col}: {p.message}" for p in problems]


ORIGIN_CASES = [
    ({"claimant": "The mayor"}, [f"9:5: {TOGETHER}"]),
    ({"appearance": "https://city.example/news"}, [f"9:5: {TOGETHER}"]),
    ({"appeared": "2024-05-02"}, [f"9:5: {TOGETHER}"]),
    ({"appeared": "2024-05-02", "claimant": "The mayor"}, [f"9:5: {TOGETHER}"]),
    # A bad address or date is named alone: the pairing is not judged on top of it.
    ({"appearance": "ftp://city.example/news"}, [f"13:17: 'appearance' must be {URL_RULE}"]),
    (
        {"claimant": "The mayor", "appearance": "https://city.example/a b"},
        [f"14:17: 'appearance' must be {URL_RULE}"],
    ),
    (
        {
            "claimant": "The mayor",
            "appearance": "https://city.example/news",
            "appeared": "2024-02-30",
        },
        ["15:15: 'appeared' must be an ISO date like 2024-07-09"],
    ),
    ({"appeared": "May 2024"}, ["13:15: 'appeared' must be an ISO date like 2024-07-09"]),
    (
        {"appearance": "city.example", "appeared": "yesterday"},
        [f"13:17: 'appearance' must be {URL_RULE}"],
    ),
    # An empty field is named, and counts as missing for the pairing.
    (
        {"claimant": '""', "appearance": "https://city.example/news"},
        ["13:15: 'claimant' must not be empty", f"9:5: {TOGETHER}"],
    ),
]


@pytest.mark.parametrize(("fields", "expected"), ORIGIN_CASES)
def test_origin_rules_exactly(
    make_bank: BankFactory, fields: dict[str, str], expected: list[str]
) -> None:
    found, problems = checked(make_bank(claim(**fields)))
    assert found is None
    assert problems == expected


@pytest.mark.parametrize(
    ("fields", "origin"),
    [
        ({}, None),
        (
            {"claimant": "The mayor", "appearance": "https://city.example/news"},
            Origin("The mayor", "https://city.example/news"),
        ),
        (
            {
                "claimant": " The mayor ",
                "appearance": "https://city.example/news?id=4",
                "appeared": "2024-05-02",
            },
            Origin("The mayor", "https://city.example/news?id=4", "2024-05-02"),
        ),
        ({"claimant": "", "appearance": "", "appeared": ""}, None),  # given with no value
    ],
)
def test_a_valid_origin_is_built_from_its_fields(
    make_bank: BankFactory, fields: dict[str, str], origin: Origin | None
) -> None:
    found, problems = checked(make_bank(claim(**fields)))
    assert problems == [] and found is not None
    assert found.origin == origin
