"""Every rule of the validator, with its exact message and position, and nothing else.

Each case is a bank with one problem (or a known handful) and the complete list of what
`check_bank` reports for it, as LINE:COL: message. A message that changes, moves or gains a
companion fails here; test_bank.py holds the rules' wider behaviour.
"""

# ruff: noqa: E501 (whole messages read better on one line)
from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from newsquiz.bank import check_bank
from newsquiz.model import Choice

from .conftest import ARTICLE, BankFactory

ARTICLE_SHA = hashlib.sha256(ARTICLE.encode()).hexdigest()
HEADER = """format: newsquiz/1
article:
  id: library-2024
  title: The library reopens
  published: 2024-05-01
  text: article.txt
"""


def claim(**fields: str) -> str:
    """One claim, valid unless a field is changed; DROP leaves a field out."""
    base = {
        "id": "c1",
        "claim": "The library will reopen in June.",
        "verdict": "supported",
        "evidence": '["reopen the Riverside library on 3 June"]',
    }
    base.update(fields)
    lines = [f"    {k}: {v}" for k, v in base.items() if v != "DROP"]
    lines[0] = "  - " + lines[0].lstrip()
    return "\n".join(lines) + "\n"


def problems_of(path: Path) -> list[str]:
    bank, problems = check_bank(path, use_cache=False)
    assert (bank is None) == bool(problems)
    assert all(p.path == str(path) for p in problems)  # each names the bank file
    return [f"{p.line}:{p.col}: {p.message}" for p in problems]


CLAIM_CASES = [
    (
        claim(evidence='["reopen the library in July"]'),
        ['12:16: quote not found in the article; closest passage: "reopen the Riverside library"'],
    ),
    (
        claim(evidence='["cost"]'),
        [
            "12:16: quote occurs 2 times in the article (in ¶2 and ¶3); lengthen it until it occurs exactly once"
        ],
    ),
    (
        claim(evidence="[]"),
        ["12:15: 'evidence' must be a list of one or more quotes from the article"],
    ),
    (claim(evidence="DROP"), ["9:5: missing 'evidence': one or more quotes from the article"]),
    (
        claim(evidence="just text"),
        ["12:15: 'evidence' must be a list of one or more quotes from the article"],
    ),
    (
        claim(verdict="maybe"),
        ["11:14: verdict 'maybe' must be one of supported, refuted, not-stated"],
    ),
    (
        claim(verdict="refuted"),
        [
            "9:5: a refuted claim needs a 'correction': what the article does say",
            "9:5: a refuted claim needs a 'change': one of number, date, entity, negation, scope, attribution, other",
        ],
    ),
    (
        claim(verdict="refuted", correction="It is 3 June."),
        [
            "9:5: a refuted claim needs a 'change': one of number, date, entity, negation, scope, attribution, other"
        ],
    ),
    (
        claim(verdict="refuted", correction="x", change="vibes"),
        [
            "14:13: change 'vibes' must be one of number, date, entity, negation, scope, attribution, other"
        ],
    ),
    (
        claim(correction="Not needed."),
        ["13:5: 'correction' belongs only to refuted claims, and this one is supported"],
    ),
    (
        claim(change="number"),
        ["13:5: 'change' belongs only to refuted claims, and this one is supported"],
    ),
    (
        claim(id="Bad_Id"),
        ["9:9: claim id 'Bad_Id' must be a slug (lowercase letters, digits and single hyphens)"],
    ),
    (claim(claim="DROP"), ["9:5: missing 'claim'"]),
    (claim(claim='""'), ["10:12: 'claim' must not be empty"]),
    (claim(claim="[a, b]"), ["10:12: 'claim' must be text, not a list or mapping"]),
    (
        claim(colour="blue"),
        [
            "13:5: unknown key 'colour' in the claim (known: appearance, appeared, change, choice, claim, claimant, correction, evidence, explanation, id, tags, verdict)"
        ],
    ),
    (claim(tags="energy"), ["13:11: 'tags' must be a list, like [energy, numbers]"]),
    (
        claim(tags="[Energy]"),
        ["13:12: tag 'Energy' must be a slug (lowercase letters, digits, hyphens)"],
    ),
    (
        claim(claim='"Red \\e[31m alert"'),
        [
            "10:12: 'claim' holds a control character (U+001B); remove it: bank text must not drive the terminal"
        ],
    ),
    (
        claim(explanation='"bell \\a"'),
        [
            "13:18: 'explanation' holds a control character (U+0007); remove it: bank text must not drive the terminal"
        ],
    ),
    (
        claim(choice="{question: Q?, answer: A, distractors: [B]}"),
        ["13:52: a choice needs 2 to 4 distractors, not 1"],
    ),
    (
        claim(choice="{question: Q?, answer: A, distractors: [B, C, D, E, F]}"),
        ["13:52: a choice needs 2 to 4 distractors, not 5"],
    ),
    (
        claim(choice='{question: Q?, answer: A, distractors: [B, " b "]}'),
        ["13:56: distractor 'b' repeats the answer or another distractor"],
    ),
    (
        claim(choice="{question: Q?, answer: A, distractors: [a, B]}"),
        ["13:53: distractor 'a' repeats the answer or another distractor"],
    ),
    (
        claim(choice="{question: Q?, answer: A, distractors: [B, None of the above]}"),
        ["13:56: 'None of the above': no all/none of the above; give a real alternative"],
    ),
    (
        claim(choice="{question: Q?, answer: A, distractors: [B, C], hint: x}"),
        ["13:60: unknown key 'hint' in the choice (known: answer, distractors, question)"],
    ),
    (claim(choice="{question: Q?, distractors: [B, C]}"), ["13:13: missing 'answer'"]),
    (
        claim(choice="[a, b]"),
        ["13:13: 'choice' must be a mapping with question, answer and distractors"],
    ),
    (
        claim(choice="{question: Q?, answer: A}"),
        ["13:13: missing 'distractors': 2 to 4 wrong answers"],
    ),
    (
        claim(choice="{question: Q?, answer: A, distractors: B}"),
        ["13:52: 'distractors' must be a list of 2 to 4 wrong answers"],
    ),
    (
        claim(choice="{question: Q?, answer: A, distractors: [[x], B, {y: 1}, C]}"),
        ["13:53: each distractor must be text", "13:61: each distractor must be text"],
    ),
    (
        claim(choice='{question: Q?, answer: A, distractors: [B, ""]}'),
        ["13:56: 'distractor' must not be empty"],
    ),
    (
        claim(choice='{question: Q?, answer: A, distractors: [B, "x\\ay"]}'),
        [
            "13:56: 'distractor' holds a control character (U+0007); remove it: bank text must not drive the terminal"
        ],
    ),
    (
        claim(choice="{question: Q?, answer: All of the above, distractors: [B, C]}"),
        ["13:36: the answer cannot be all/none of the above"],
    ),
    (claim(choice="{answer: A, distractors: [B, C]}"), ["13:13: missing 'question'"]),
    # Elided quotes: "A ... B", every part in order in one paragraph, once.
    (claim(evidence='["The city council voted ... the Riverside library on 3 June"]'), []),
    (claim(evidence='["The city council voted … the Riverside library on 3 June"]'), []),
    (claim(evidence='["Monday ... 3 June"]'), []),
    (
        claim(evidence='["The city council voted ... The renovation cost"]'),
        [
            '12:16: part 2 "The renovation cost" of the elided quote does not follow part 1 in the same paragraph; each part of an elided quote must come in order in one paragraph'
        ],
    ),
    (
        claim(evidence='["reopen the Riverside library ... The city council"]'),
        [
            '12:16: part 2 "The city council" of the elided quote does not follow part 1 in the same paragraph; each part of an elided quote must come in order in one paragraph'
        ],
    ),
    (
        claim(evidence='["... the Riverside library on 3 June"]'),
        [
            '12:16: quote not found in the article; closest passage: "the Riverside library on 3 June."'
        ],
    ),
    (
        claim(evidence='["The ... on"]'),
        [
            "12:16: the elided quote matches more than one passage (in ¶1 and ¶2); lengthen its first part until it occurs once"
        ],
    ),
    (
        claim(evidence='["Monday ... June"]'),
        [
            "12:16: the elided quote is too short to pin a passage; quote at least 3 words or 12 characters"
        ],
    ),
    (
        claim(evidence='["The city council vot ... the Riverside library"]'),
        [
            '12:16: the quote ends inside the word "voted"; quote whole words ("The city council vot" is not)'
        ],
    ),
]
FILE_CASES = [
    ("", ["1:1: the file is empty; a bank starts with 'format: newsquiz/1'"]),
    ("# only a comment\n", ["1:1: the file is empty; a bank starts with 'format: newsquiz/1'"]),
    (
        "format: newsquiz/1\nformat: newsquiz/1\n",
        ["2:1: duplicate key 'format' (first given on line 1)"],
    ),
    ("a: &x [1]\nb: *x\n", ["1:4: anchors (&x) are not allowed in a bank"]),
    ("a: [1]\nb: *x\n", ["2:4: aliases (*name) are not allowed in a bank; write the value out"]),
    (
        "format: !!python/object:os.system x\n",
        ["1:9: YAML tags (tag:yaml.org,2002:python/object:os.system) are not allowed in a bank"],
    ),
    (
        "format: !!str newsquiz/1\n",
        ["1:9: YAML tags (tag:yaml.org,2002:str) are not allowed in a bank"],
    ),
    ("format: [unclosed\n", ["2:1: YAML syntax error: did not find expected ',' or ']'"]),
    ("- a\n- b\n", ["1:1: a bank is a mapping with the keys format, article and claims"]),
    (
        "format: newsquiz/2\nclaims: []\n",
        ["1:9: unsupported format 'newsquiz/2'; this newsquiz reads 'newsquiz/1'"],
    ),
    (
        "article: {}\nclaims: []\n",
        [
            "1:1: missing 'format: newsquiz/1' at the top of the bank",
            "1:10: missing 'id'",
            "1:10: missing 'title'",
            "1:10: missing 'published'",
            "1:10: missing 'text'",
        ],
    ),
    ("format: newsquiz/1\nclaims: []\n", ["1:1: missing 'article:' (id, title, published, text)"]),
    (
        "format: newsquiz/1\narticle: [1]\nclaims: []\n",
        ["2:10: 'article' must be a mapping with id, title, published and text"],
    ),
    (HEADER + "", ["1:1: missing 'claims:' (write 'claims: []' for a bank with no claims yet)"]),
    (HEADER + "claims: {a: 1}\n", ["7:9: 'claims' must be a list of claims"]),
    (
        HEADER + "claims: [just text]\n",
        ["7:10: each claim must be a mapping with id, claim, verdict and evidence"],
    ),
    (
        HEADER + "extra: 1\nclaims: []\n",
        ["7:1: unknown key 'extra' in the bank (known: article, claims, format)"],
    ),
    (
        HEADER.replace("2024-05-01", "2024-13-01") + "claims: []\n",
        ["5:14: 'published' must be an ISO date like 2024-07-09, not '2024-13-01'"],
    ),
    (
        HEADER.replace("2024-05-01", "May 2024") + "claims: []\n",
        ["5:14: 'published' must be an ISO date like 2024-07-09, not 'May 2024'"],
    ),
    (
        HEADER.replace("library-2024", "Library 2024") + "claims: []\n",
        [
            "3:7: article id 'Library 2024' must be a slug (lowercase letters, digits and single hyphens)"
        ],
    ),
    (
        HEADER + "  sha256: abc\nclaims: []\n",
        ["7:11: 'sha256' must be 64 lowercase hexadecimal digits"],
    ),
    (
        HEADER + "  sha256: " + "0" * 64 + "\nclaims: []\n",
        [
            f"7:11: sha256 does not match article.txt (the file's is {ARTICLE_SHA}); the article changed: re-check the quotes, then update it"
        ],
    ),
    (
        HEADER + "  url: ftp://x\nclaims: []\n",
        ["7:8: 'url' must be an http or https address with a host and no spaces, quotes, < or >"],
    ),
    (
        HEADER + "  author: me\nclaims: []\n",
        [
            "7:3: unknown key 'author' in the article (known: id, published, sha256, text, title, url)"
        ],
    ),
    (
        HEADER.replace("article.txt", "/etc/passwd") + "claims: []\n",
        ["6:9: 'text' must be a path inside the bank's folder, not the absolute '/etc/passwd'"],
    ),
    (
        HEADER.replace("article.txt", "../article.txt") + "claims: []\n",
        ["6:9: 'text' must stay inside the bank's folder; '../article.txt' climbs out with '..'"],
    ),
    (
        HEADER.replace("article.txt", "missing.txt") + "claims: []\n",
        ["6:9: the article file 'missing.txt' does not exist beside the bank"],
    ),
    (
        "format: newsquiz/1\n---\nformat: newsquiz/1\n",
        ["2:1: a bank holds one YAML document; remove the extra '---'"],
    ),
    (
        "a:\n  - b\n - c\n",
        [
            "3:2: YAML syntax error: did not find expected key; check the indentation of this line against the lines above"
        ],
    ),
]


@pytest.mark.parametrize(("claims", "expected"), CLAIM_CASES)
def test_claim_rules_exactly(make_bank: BankFactory, claims: str, expected: list[str]) -> None:
    assert problems_of(make_bank(claims)) == expected


@pytest.mark.parametrize(("raw", "expected"), FILE_CASES)
def test_file_rules_exactly(make_bank: BankFactory, raw: str, expected: list[str]) -> None:
    assert problems_of(make_bank(raw=raw)) == expected


def test_what_a_valid_claim_is_built_from(make_bank: BankFactory) -> None:
    path = make_bank(
        claim(
            claim='"  padded   claim  "',
            tags="[b, a, b]",
            explanation='"  why  "',
            choice="{question: ' Q? ', answer: ' A ', distractors: [' B ', C, D, E]}",
        )
    )
    bank, problems = check_bank(path, use_cache=False)
    assert problems == [] and bank is not None
    (built,) = bank.claims
    assert built.claim == "padded   claim"  # trimmed at the ends only
    assert built.tags == ("b", "a")  # in order, each once
    assert built.explanation == "why"
    assert built.choice == Choice("Q?", "A", ("B", "C", "D", "E"))
    assert (built.correction, built.change) == (None, None)
    assert built.article == "library-2024"


def test_an_elided_quote_spans_its_first_to_its_last_part(make_bank: BankFactory) -> None:
    quote = "The city council voted ... the Riverside library on 3 June"
    bank, problems = check_bank(make_bank(claim(evidence=f'["{quote}"]')), use_cache=False)
    assert problems == [] and bank is not None
    (evidence,) = bank.claims[0].evidence
    text = bank.article.text
    assert text[evidence.start : evidence.end] == (
        "The city council voted on Monday to reopen the Riverside library on 3 June"
    )
    assert evidence.paragraph == 1
