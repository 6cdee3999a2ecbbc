"""Rules of a claim that test_validate_messages.py does not pin: who made a claim and where
(`claimant`, `appearance`, `appeared`), and what a valid claim is built from.

Each case is a bank with one claim and the complete list of what `check_bank` reports for it,
as LINE:COL: message; the claim's own fields start on line 9 and extra fields on line 13.
"""

# ruff: noqa: E501 (whole messages read better on one line)
from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from newsquiz.bank import check_bank
from newsquiz.model import Claim, Origin

from .conftest import ARTICLE, BankFactory

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


CLAIM_CASES = [
    # A refuted claim: a field given empty is named as empty, not as missing.
    (
        {"verdict": "refuted", "correction": '""', "change": "number"},
        ["13:17: 'correction' must not be empty"],
    ),
    (
        {"verdict": "refuted", "correction": "It is 3 June.", "change": '""'},
        ["14:13: 'change' must not be empty"],
    ),
    (
        {"verdict": "refuted", "correction": "", "change": ""},
        [
            "9:5: a refuted claim needs a 'correction': what the article does say",
            "9:5: a refuted claim needs a 'change': one of number, date, entity, negation, scope, attribution, other",
        ],
    ),
    # Any other verdict: both fields named where they are given, even empty.
    (
        {"correction": "Not needed.", "change": "number"},
        [
            "13:5: 'correction' belongs only to refuted claims, and this one is supported",
            "14:5: 'change' belongs only to refuted claims, and this one is supported",
        ],
    ),
    (
        {"verdict": "not-stated", "change": '""'},
        [
            "13:13: 'change' must not be empty",
            "13:5: 'change' belongs only to refuted claims, and this one is not-stated",
        ],
    ),
    ({"correction": "", "change": ""}, []),
    # An unknown verdict is named alone: the fields it would decide are not judged.
    (
        {"verdict": "false", "correction": "x"},
        ["11:14: verdict 'false' must be one of supported, refuted, not-stated"],
    ),
    # Tags.
    (
        {"tags": "[dates, [x], {y: 1}, ok]"},
        ["13:19: each tag must be a word", "13:24: each tag must be a word"],
    ),
    ({"tags": '[dates, ""]'}, ["13:19: 'tag' must not be empty"]),
    (  # a control character first of all
        {"explanation": '"\\aRing"'},
        [
            "13:18: 'explanation' holds a control character (U+0007); remove it: bank text must not drive the terminal"
        ],
    ),
    ({"tags": "{a: b}"}, ["13:11: 'tags' must be a list, like [energy, numbers]"]),
    # Evidence.
    (
        {"evidence": '["reopen the Riverside library on 3 June", [a, b]]'},
        [
            "12:58: each evidence quote must be text, not a list or mapping; a quote holding ': ' or starting with [ or a quotation mark goes in single quotes, with each ' doubled"
        ],
    ),
    (
        {
            "evidence": '["reopen the library in July", "reopen the Riverside library on 3 June", "cost"]'
        },
        [
            '12:16: quote not found in the article; closest passage: "reopen the Riverside library"',
            "12:88: quote occurs 2 times in the article (in ¶2 and ¶3); lengthen it until it occurs exactly once",
        ],
    ),
    ({"evidence": '["  "]'}, ["12:16: 'evidence' must not be empty"]),
]


@pytest.mark.parametrize(("fields", "expected"), CLAIM_CASES)
def test_claim_rules_exactly(
    make_bank: BankFactory, fields: dict[str, str], expected: list[str]
) -> None:
    assert checked(make_bank(claim(**fields)))[1] == expected


def test_an_id_used_three_times_names_its_first_line_each_time(make_bank: BankFactory) -> None:
    found = checked(make_bank(claim() + claim() + claim(id="c2") + claim()))[1]
    assert found == [
        "13:9: duplicate claim id 'c1' (first on line 9)",
        "21:9: duplicate claim id 'c1' (first on line 9)",
    ]


HEADER = """\
format: newsquiz/1
article:
  id: library-2024
  title: The library reopens
  published: 2024-05-01
  text: article.txt
"""
BAD_QUOTE = claim(evidence='["reopen the library in July"]')


@pytest.mark.parametrize(
    ("header", "article", "expected"),
    [
        (HEADER, " \n\n\t\n", ["6:9: the article file article.txt is empty"]),
        (HEADER, "", ["6:9: the article file article.txt is empty"]),
        # Without its title, id or date the article is not built, and no quote is looked for.
        (HEADER.replace("  title: The library reopens\n", ""), None, ["3:3: missing 'title'"]),
        (
            HEADER.replace("library-2024", "Library"),
            None,
            [
                "3:7: article id 'Library' must be a slug (lowercase letters, digits and single hyphens)",
                '11:16: quote not found in the article; closest passage: "reopen the Riverside library"',
            ],
        ),
        (HEADER.replace("2024-05-01", '""'), None, ["5:14: 'published' must not be empty"]),
        # A changed article is named, and its quotes are still checked against it.
        (
            HEADER + "  sha256: " + "0" * 64 + "\n",
            None,
            [
                "7:11: sha256 does not match article.txt (the file's is {sha}); the article changed: re-check the quotes, then update it",
                '12:16: quote not found in the article; closest passage: "reopen the Riverside library"',
            ],
        ),
        (
            HEADER + "  sha256: ABC\n",
            None,
            [
                "7:11: 'sha256' must be 64 lowercase hexadecimal digits",
                '12:16: quote not found in the article; closest passage: "reopen the Riverside library"',
            ],
        ),
    ],
)
def test_article_rules_and_what_they_leave_unchecked(
    make_bank: BankFactory, header: str, article: str | None, expected: list[str]
) -> None:
    text = ARTICLE if article is None else article
    sha = hashlib.sha256(text.encode()).hexdigest()
    path = make_bank(BAD_QUOTE, header=header, article=text)
    assert checked(path)[1] == [e.replace("{sha}", sha) for e in expected]


def test_a_format_given_as_a_list_is_named_as_one(make_bank: BankFactory) -> None:
    found = checked(make_bank(raw="format: [newsquiz/1]\nclaims: []\n"))[1]
    assert found == [
        "1:9: unsupported format 'a list or mapping'; this newsquiz reads 'newsquiz/1'"
    ]


def test_a_valid_bank_keeps_where_its_ids_stand_and_its_warnings(make_bank: BankFactory) -> None:
    header = (
        "format: newsquiz/1\n"
        "article: {title: The library reopens, id: library-2024, published: 2024-05-01,\n"
        "  text: article.txt}\n"
    )
    claims = claim(id="opening") + claim(
        id="june", choice="{question: When?, answer: June, distractors: [July, May]}"
    )
    path = make_bank(claims, header=header)
    bank, problems = check_bank(path, use_cache=False)
    assert problems == [] and bank is not None
    assert bank.summary.claim_ids == ("opening", "june")
    assert bank.summary.claim_lines == ((5, 9), (9, 9))
    assert bank.summary.article_line == (2, 43)
    assert bank.warnings == (
        f"{path}:9:9: claim id 'june' holds 'june', a value the claim turns on; name ids after "
        "the topic, so that an id shown in scripts and history gives nothing away",
    )


def test_a_bank_without_claims_is_valid_with_a_warning(make_bank: BankFactory) -> None:
    path = make_bank("[]")
    bank, problems = check_bank(path, use_cache=False)
    assert problems == [] and bank is not None
    assert bank.claims == () and bank.summary.claim_lines == ()
    assert bank.summary.article_line == (3, 7)
    assert bank.warnings == (f"{path}: the bank has no claims yet",)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # Problems of the whole bank stand where its first node does, here after a comment.
        (
            "# a bank\n- a\n- b\n",
            ["2:1: a bank is a mapping with the keys format, article and claims"],
        ),
        (
            "# a bank\nclaims: []\nformat: newsquiz/1\n",
            ["2:1: missing 'article:' (id, title, published, text)"],
        ),
        (
            "# a bank\narticle: {id: a, title: T, published: 2024-05-01, text: article.txt}\n",
            [
                "2:1: missing 'format: newsquiz/1' at the top of the bank",
                "2:1: missing 'claims:' (write 'claims: []' for a bank with no claims yet)",
            ],
        ),
    ],
)
def test_bank_rules_at_the_first_node(
    make_bank: BankFactory, raw: str, expected: list[str]
) -> None:
    assert checked(make_bank(raw=raw))[1] == expected


def test_a_claim_without_an_id_is_named_and_left_out(make_bank: BankFactory) -> None:
    no_id = claim(id="x").replace("  - id: x\n    claim:", "  - claim:")
    assert checked(make_bank(no_id + claim(id="c2")))[1] == ["9:5: missing 'id'"]


def test_an_empty_distractor_does_not_stop_the_others_being_checked(
    make_bank: BankFactory,
) -> None:
    choice = "{question: Q?, answer: A, distractors: ['', B, a]}"
    assert checked(make_bank(claim(choice=choice)))[1] == [
        "13:53: 'distractor' must not be empty",
        "13:60: distractor 'a' repeats the answer or another distractor",
    ]
