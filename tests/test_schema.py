"""The JSON Schema and the validator agree on the shape of a bank."""

from __future__ import annotations

import datetime
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

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


DATA = Path(__file__).parent / "data" / "banks"
VALID = [
    *sorted(DATA.glob("valid-*.yaml")),
    *sorted((Path(__file__).parent / "data" / "saltmarsh").glob("*.yaml")),  # a bank `new` began
]
INVALID = sorted(DATA.glob("invalid-*.yaml"))


def check_jsonschema(*files: Path, regex: str = "default") -> subprocess.CompletedProcess[str]:
    """Run check-jsonschema, whose default regex engine is ECMA-262 (as ajv's and editors')."""
    schema = shipped_bank_dir() / "newsquiz.schema.json"
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "check_jsonschema",
            *("--regex-variant", regex, "--schemafile", str(schema)),
            *map(str, files),
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )


def safe_loaded(path: Path) -> Any:
    """A bank as yaml.safe_load reads it: numbers, booleans, null; dates kept as their text."""

    def undated(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: undated(v) for k, v in value.items()}
        if isinstance(value, list):
            return [undated(v) for v in value]
        return value.isoformat() if isinstance(value, datetime.date) else value

    return undated(yaml.safe_load(path.read_text(encoding="utf-8")))


@pytest.mark.parametrize("regex", ["default", "nonunicode"])
def test_ecma_validators_accept_the_schema_and_the_valid_banks(regex: str) -> None:
    shipped = sorted(shipped_bank_dir().glob("*.yaml"))
    result = check_jsonschema(*shipped, *VALID, regex=regex)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "ok -- validation done" in result.stdout


def test_valid_banks_pass_the_validator_and_the_schema_as_yaml_tools_read_them() -> None:
    assert len(VALID) >= 4
    validator = jsonschema.Draft202012Validator(bank_schema())
    for path in [*VALID, *sorted(shipped_bank_dir().glob("*.yaml"))]:
        assert check_bank(path)[1] == [], path
        assert schema_accepts(path), path
        assert validator.is_valid(safe_loaded(path)), path
    shipped = next(shipped_bank_dir().glob("*.yaml"))
    assert validator.is_valid(yaml.safe_load(shipped.read_text())), "quote the date"


def test_invalid_banks_fail_the_validator_and_the_ecma_schema() -> None:
    assert len(INVALID) >= 10
    for path in INVALID:
        assert check_bank(path)[1], f"the validator accepted {path.name}"
    report = check_jsonschema(*INVALID).stdout
    rejected = {line.split("::")[0].strip() for line in report.splitlines() if "::" in line}
    assert rejected == {str(p) for p in INVALID}


def test_a_claim_without_a_verdict_is_told_only_that() -> None:
    report = check_jsonschema(DATA / "invalid-no-verdict.yaml").stdout
    assert "'verdict' is a required property" in report
    assert "correction" not in report and "change" not in report


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


GOOD_URLS = [
    "https://x.example/?a=1&b=2",
    "http://x",
    "http://[::1]:8080/a?b#c",
    "https://user@x.example/p%20q",
]
BAD_URLS = [
    "https://x.example/?a=1&b=<2>",
    'https://x.example/"q"',
    "https://x.example/a b",
    "https://x.example/a\tb",
    "https://x.example/\x7f",
    "https://",
    "http:///path",
    "https://?q",
    "ftp://x.example/",
    "x.example/page",
]


@pytest.mark.parametrize("url", GOOD_URLS + BAD_URLS)
def test_the_url_rule_is_the_same_in_the_validator_and_the_ecma_schema(
    make_bank: BankFactory, url: str
) -> None:
    import regress

    from newsquiz.fields import URL
    from newsquiz.schema import URL as SCHEMA_URL

    good = url in GOOD_URLS
    assert bool(URL.match(url)) is good
    assert (regress.Regex(SCHEMA_URL).find(url) is not None) is good  # ajv's ECMA-262 dialect
    path = make_bank(one_claim(claimant="The council", appearance=json.dumps(url)))
    problems = check_bank(path)[1]
    assert bool(problems) is not good, problems  # (a control character is refused earlier)
    assert schema_accepts(path) is good
