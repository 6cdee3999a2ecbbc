"""The bank format: every validator rule, evidence anchoring, loading several banks."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from newsquiz.bank import bank_files, check_bank, check_library, load_library, shipped_bank_dir
from newsquiz.errors import BankError

from .conftest import CLAIMS, BankFactory


def problems_of(path: Path) -> list[str]:
    bank, problems = check_bank(path)
    assert (bank is None) == bool(problems)
    return [f"{p.line}:{p.col}: {p.message}" for p in problems]


def one_claim(**fields: str) -> str:
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


def test_the_shipped_bank_is_valid_and_balanced() -> None:
    banks, problems, warnings = check_library(bank_files([shipped_bank_dir()]))
    assert problems == [] and warnings == []
    claims = [c for b in banks for c in b.claims]
    verdicts = [c.verdict for c in claims]
    assert len(claims) >= 36
    assert verdicts.count("supported") >= 14 and verdicts.count("refuted") >= 14
    assert verdicts.count("not-stated") >= 4
    assert sum(c.choice is not None for c in claims) >= 20
    assert len({c.change for c in claims if c.change}) >= 4
    article = banks[0].article
    covered = {e.paragraph for c in claims for e in c.evidence}
    assert covered == set(range(1, len(article.paragraphs) + 1))


def test_shipped_article_is_the_seed_text_without_its_marker() -> None:
    # The shared folder sits beside the main checkout, or two levels up from a worktree.
    seeds = [p / "shared" / "seed" / "000_c46565a5b24cc886.txt" for p in Path(__file__).parents]
    seed = next((s for s in seeds if s.exists()), None)
    if seed is None:
        pytest.skip("the shared seed folder is not beside this checkout")
    ours = (shipped_bank_dir() / "modi-moscow-2024-07-09.txt").read_text(encoding="utf-8")
    assert seed.read_text(encoding="utf-8") == " date 2024-07-09 " + ours


def test_a_clean_bank_loads_with_offsets_sentences_and_paragraphs(make_bank: BankFactory) -> None:
    bank, problems = check_bank(make_bank())
    assert problems == [] and bank is not None
    cost = next(c for c in bank.claims if c.id == "cost")
    (e,) = cost.evidence
    assert bank.article.text[e.start : e.end] == "The renovation cost 2.1 million euros"
    assert e.sentence == "The renovation cost 2.1 million euros, the mayor said."
    assert e.paragraph == 2
    firm = next(c for c in bank.claims if c.id == "critics-firm").evidence[0]
    assert firm.sentence.startswith("Critics called the cost “too high”")
    assert firm.paragraph == 3


def test_scalars_stay_text(make_bank: BankFactory) -> None:
    claims = one_claim(choice='{question: "Year?", answer: 2019, distractors: [no, 2024-07-09]}')
    bank, problems = check_bank(make_bank(claims))
    assert problems == [] and bank is not None
    choice = bank.claims[0].choice
    assert choice is not None
    assert choice.answer == "2019" and choice.distractors == ("no", "2024-07-09")
    assert bank.article.published == "2024-05-01"


def test_quotes_match_through_typography(make_bank: BankFactory) -> None:
    claims = one_claim(evidence='["Critics called the cost \\"too high\\" - but the U.S. firm"]')
    assert problems_of(make_bank(claims)) == []


@pytest.mark.parametrize(
    ("claims", "expected"),
    [
        (
            one_claim(evidence='["reopen the library in July"]'),
            '12:16: quote not found in the article; closest passage: "reopen the Riverside library',
        ),
        (one_claim(evidence='["cost"]'), "quote occurs 2 times in the article; lengthen it"),
        (one_claim(evidence="[]"), "'evidence' must be a list of one or more quotes"),
        (one_claim(evidence="DROP"), "missing 'evidence'"),
        (one_claim(evidence="just text"), "'evidence' must be a list"),
        (one_claim(verdict="maybe"), "verdict 'maybe' must be one of supported, refuted"),
        (one_claim(verdict="refuted"), "a refuted claim needs a 'correction'"),
        (
            one_claim(verdict="refuted", correction="It is 3 June."),
            "a refuted claim needs a 'change'",
        ),
        (
            one_claim(verdict="refuted", correction="x", change="vibes"),
            "change 'vibes' must be one of number, date",
        ),
        (one_claim(correction="Not needed."), "'correction' belongs only to refuted claims"),
        (one_claim(change="number"), "'change' belongs only to refuted claims"),
        (one_claim(id="Bad_Id"), "claim id 'Bad_Id' must be a slug"),
        (one_claim(claim="DROP"), "missing 'claim'"),
        (one_claim(claim='""'), "'claim' must not be empty"),
        (one_claim(claim="[a, b]"), "'claim' must be text, not a list or mapping"),
        (one_claim(colour="blue"), "unknown key 'colour' in the claim"),
        (one_claim(tags="energy"), "'tags' must be a list"),
        (one_claim(tags="[Energy]"), "tag 'Energy' must be a slug"),
        (one_claim(claim='"Red \\e[31m alert"'), "'claim' holds a control character (U+001B)"),
        (one_claim(explanation='"bell \\a"'), "'explanation' holds a control character (U+0007)"),
        (
            one_claim(choice="{question: Q?, answer: A, distractors: [B]}"),
            "a choice needs 2 to 4 distractors, not 1",
        ),
        (
            one_claim(choice="{question: Q?, answer: A, distractors: [B, C, D, E, F]}"),
            "a choice needs 2 to 4 distractors, not 5",
        ),
        (
            one_claim(choice='{question: Q?, answer: A, distractors: [B, " b "]}'),
            "distractor 'b' repeats the answer or another distractor",
        ),
        (
            one_claim(choice="{question: Q?, answer: A, distractors: [a, B]}"),
            "distractor 'a' repeats the answer",
        ),
        (
            one_claim(choice="{question: Q?, answer: A, distractors: [B, None of the above]}"),
            "no all/none of the above",
        ),
        (
            one_claim(choice="{question: Q?, answer: A, distractors: [B, C], hint: x}"),
            "unknown key 'hint' in the choice",
        ),
        (one_claim(choice="{question: Q?, distractors: [B, C]}"), "missing 'answer'"),
        (one_claim(choice="[a, b]"), "'choice' must be a mapping"),
    ],
)
def test_claim_rules(make_bank: BankFactory, claims: str, expected: str) -> None:
    found = problems_of(make_bank(claims))
    assert any(expected in p for p in found), found


def test_duplicate_claim_ids_in_one_bank(make_bank: BankFactory) -> None:
    found = problems_of(make_bank(one_claim() + one_claim()))
    assert found == ["13:9: duplicate claim id 'c1' (first on line 9)"]


def test_every_problem_is_reported_in_one_run(make_bank: BankFactory) -> None:
    claims = one_claim(verdict="maybe") + one_claim(id="c2", evidence='["nowhere at all"]')
    found = problems_of(make_bank(claims))
    assert len(found) == 2


HEADER = """format: newsquiz/1
article:
  id: library-2024
  title: The library reopens
  published: 2024-05-01
  text: article.txt
"""


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("", "1:1: the file is empty"),
        ("# only a comment\n", "the file is empty"),
        (
            "format: newsquiz/1\nformat: newsquiz/1\n",
            "2:1: duplicate key 'format' (first given on line 1)",
        ),
        ("a: &x [1]\nb: *x\n", "1:4: anchors (&x) are not allowed"),
        ("a: [1]\nb: *x\n", "2:4: aliases (*name) are not allowed"),
        (
            "format: !!python/object:os.system x\n",
            "YAML tags (tag:yaml.org,2002:python/object:os.system)",
        ),
        ("format: !!str newsquiz/1\n", "YAML tags"),
        ("format: [unclosed\n", "YAML syntax error"),
        ("- a\n- b\n", "a bank is a mapping"),
        ("format: newsquiz/2\nclaims: []\n", "1:9: unsupported format 'newsquiz/2'"),
        ("article: {}\nclaims: []\n", "missing 'format: newsquiz/1'"),
        ("format: newsquiz/1\nclaims: []\n", "missing 'article:'"),
        ("format: newsquiz/1\narticle: [1]\nclaims: []\n", "'article' must be a mapping"),
        (HEADER, "missing 'claims:'"),
        (HEADER + "claims: {a: 1}\n", "'claims' must be a list of claims"),
        (HEADER + "claims: [just text]\n", "each claim must be a mapping"),
        (HEADER + "extra: 1\nclaims: []\n", "unknown key 'extra' in the bank"),
        (
            HEADER.replace("2024-05-01", "2024-13-01") + "claims: []\n",
            "'published' must be an ISO date like 2024-07-09, not '2024-13-01'",
        ),
        (HEADER.replace("2024-05-01", "May 2024") + "claims: []\n", "'published' must be an ISO"),
        (HEADER.replace("library-2024", "Library 2024") + "claims: []\n", "must be a slug"),
        (HEADER + "  sha256: abc\nclaims: []\n", "'sha256' must be 64 lowercase hexadecimal"),
        (HEADER + "  sha256: " + "0" * 64 + "\nclaims: []\n", "sha256 does not match article.txt"),
        (HEADER + "  url: ftp://x\nclaims: []\n", "'url' must be an http or https address"),
        (HEADER + "  author: me\nclaims: []\n", "unknown key 'author' in the article"),
        (
            HEADER.replace("article.txt", "/etc/passwd") + "claims: []\n",
            "must be a path inside the bank's folder, not the absolute '/etc/passwd'",
        ),
        (HEADER.replace("article.txt", "../article.txt") + "claims: []\n", "climbs out with '..'"),
        (HEADER.replace("article.txt", "missing.txt") + "claims: []\n", "does not exist beside"),
        ("format: newsquiz/1\n---\nformat: newsquiz/1\n", "one YAML document"),
        ("a:\n  - b\n - c\n", "YAML syntax error"),
    ],
)
def test_file_rules(make_bank: BankFactory, raw: str, expected: str) -> None:
    found = problems_of(make_bank(raw=raw))
    assert any(expected in p for p in found), found


def test_an_article_symlink_out_of_the_folder_is_refused(
    make_bank: BankFactory, tmp_path: Path
) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text("Secret text.\n")
    path = make_bank(raw=HEADER.replace("article.txt", "link.txt") + "claims: []\n")
    os.symlink(outside, path.parent / "link.txt")
    assert any("is a link to" in p for p in problems_of(path))


def test_non_utf8_bank_and_article(make_bank: BankFactory) -> None:
    path = make_bank()
    path.write_bytes(b"format: newsquiz/1\nclaims: [\xff]\n")
    assert problems_of(path) == ["2:10: the bank is not UTF-8 text (byte 0xff)"]
    path = make_bank()
    (path.parent / "article.txt").write_bytes(b"Fine line.\nBad \xc3\x28 byte.\n")
    found = check_bank(path)[1]
    assert [(p.path.endswith("article.txt"), p.line, p.col) for p in found] == [(True, 2, 5)]


def test_control_characters_in_the_article(make_bank: BankFactory) -> None:
    path = make_bank(article="Plain text.\nThen \x1b]0;title\x07 here.\n", claims="[]\n")
    found = check_bank(path)[1]
    assert [(p.line, p.col, "U+001B" in p.message) for p in found] == [(2, 6, True)]


def test_size_cap_refuses_before_parsing(
    make_bank: BankFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = make_bank()
    monkeypatch.setenv("NEWSQUIZ_MAX_BYTES", "100")
    found = problems_of(path)
    assert len(found) == 1 and "over the limit of 100; raise NEWSQUIZ_MAX_BYTES" in found[0]


def test_article_size_cap(make_bank: BankFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    path = make_bank(article="x " * 5000 + "\n", claims="[]\n")
    monkeypatch.setenv("NEWSQUIZ_MAX_BYTES", "2000")
    (problem,) = check_bank(path)[1]
    assert problem.path.endswith("article.txt") and "the article is 10,001 bytes" in problem.message


def test_a_bank_with_no_claims_is_valid_with_a_warning(make_bank: BankFactory) -> None:
    banks, problems, warnings = check_library([make_bank(claims="[]\n")])
    assert problems == [] and len(banks) == 1
    assert warnings and "no claims yet" in warnings[0]


def test_ids_must_be_unique_across_banks(make_bank: BankFactory) -> None:
    a = make_bank()
    b = make_bank(article_id="library-2024")
    _, problems, _ = check_library([a, b])
    messages = [p.message for p in problems]
    assert any("article id 'library-2024' is also used by" in m for m in messages)
    assert any("claim id 'cost' is also used by" in m for m in messages)
    with pytest.raises(BankError):
        load_library([str(a), str(b)])


def test_folders_and_missing_paths(make_bank: BankFactory, tmp_path: Path) -> None:
    path = make_bank()
    assert bank_files([path.parent]) == [path]
    with pytest.raises(BankError, match="no such bank file or folder"):
        bank_files([tmp_path / "nope.yaml"])
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(BankError, match=r"holds no \.yaml bank"):
        bank_files([empty])


def test_library_lookups(make_bank: BankFactory) -> None:
    library = load_library([str(make_bank())])
    assert library.claim("cost") is not None and library.claim("nope") is None
    assert library.article("library-2024").title == "The library reopens"
    assert library.tags == ["dates", "numbers"]
    assert len(library.claims) == CLAIMS.count("- id:")


def test_nbsp_and_crlf_articles_anchor(make_bank: BankFactory) -> None:
    article = "The council\u00a0voted.\r\n\r\nCosts rose to 5\u00a0million.\r\n"
    claims = one_claim(evidence='["Costs rose to 5 million"]')
    bank, problems = check_bank(make_bank(claims, article=article))
    assert problems == [] and bank is not None
    e = bank.claims[0].evidence[0]
    assert e.paragraph == 2 and article[e.start : e.end] == "Costs rose to 5\u00a0million"
