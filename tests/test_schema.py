"""The JSON Schema and the validator agree on the shape of a bank."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from newsquiz.bank import check_bank, shipped_bank_dir
from newsquiz.schema import bank_schema
from newsquiz.yamlread import Map, Node, Scalar, read_yaml

from .conftest import CLAIMS, BankFactory, CliInvoke
from .test_bank import one_claim


def plain(node: Node) -> Any:
    """Nodes as the JSON a schema sees: scalars as text, `key:` with nothing as absent."""
    if isinstance(node, Scalar):
        return node.value
    if isinstance(node, Map):
        return {
            k: plain(v)
            for k, v in node.items.items()
            if not (isinstance(v, Scalar) and v.plain_empty)
        }
    return [plain(i) for i in node.items]


def schema_accepts(path: Path) -> bool:
    data = plain(read_yaml(path.read_text(encoding="utf-8"), str(path)))
    return bool(jsonschema.Draft202012Validator(bank_schema()).is_valid(data))


def test_shipped_schema_file_is_current(cli: CliInvoke) -> None:
    shipped = json.loads((shipped_bank_dir() / "newsquiz.schema.json").read_text())
    assert shipped == bank_schema() == json.loads(cli("schema").stdout)
    jsonschema.Draft202012Validator.check_schema(shipped)


def test_good_banks_pass_both(make_bank: BankFactory) -> None:
    for path in [make_bank(CLAIMS), *sorted(shipped_bank_dir().glob("*.yaml"))]:
        assert schema_accepts(path)
        assert check_bank(path)[1] == []


@pytest.mark.parametrize(
    "claims",
    [
        one_claim(verdict="maybe"),
        one_claim(verdict="refuted"),
        one_claim(verdict="refuted", correction="x"),
        one_claim(verdict="refuted", correction="x", change="vibes"),
        one_claim(correction="Not needed."),
        one_claim(id="Bad_Id"),
        one_claim(claim="DROP"),
        one_claim(evidence="[]"),
        one_claim(evidence="just text"),
        one_claim(colour="blue"),
        one_claim(tags="[Energy]"),
        one_claim(claim='"Red \\e[31m alert"'),
        one_claim(choice="{question: Q?, answer: A, distractors: [B]}"),
        one_claim(choice="{question: Q?, answer: A, distractors: [B, C, D, E, F]}"),
        one_claim(choice="{question: Q?, answer: A, distractors: [B, B]}"),
        one_claim(choice="{question: Q?, answer: A, distractors: [B, None of the above]}"),
        one_claim(choice="{question: Q?, answer: A, distractors: [B, C], hint: x}"),
    ],
)
def test_broken_claims_fail_both(make_bank: BankFactory, claims: str) -> None:
    path = make_bank(claims)
    assert check_bank(path)[1], "the validator accepted it"
    assert not schema_accepts(path), "the schema accepted it"


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("format: newsquiz/1", "format: newsquiz/2"),
        ("  published: 2024-05-01", "  published: May 2024"),
        ("  id: library-2024", "  id: Library 2024"),
        ("  text: article.txt", "  text: ../article.txt"),
        ("  text: article.txt", "  text: /etc/passwd"),
        ("  title: The library reopens", "  title: The library reopens\n  author: me"),
    ],
)
def test_broken_headers_fail_both(make_bank: BankFactory, old: str, new: str) -> None:
    path = make_bank()
    path.write_text(path.read_text().replace(old, new))
    assert check_bank(path)[1], "the validator accepted it"
    assert not schema_accepts(path), "the schema accepted it"
