"""The bank format: every validator rule, evidence anchoring, loading several banks."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from newsquiz.bank import bank_files, check_bank, check_library, load_library, shipped_bank_dir
from newsquiz.errors import BankError, UsageError

from .conftest import CLAIMS, BankFactory, CliInvoke


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
    assert problems == [] and warnings == []  # not even an id or a choice that tells
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


def test_article_ids_must_be_unique_across_banks(make_bank: BankFactory) -> None:
    a = make_bank()
    b = make_bank(article_id="library-2024")
    _, problems, _ = check_library([a, b])
    assert [(p.path, p.line, p.col) for p in problems] == [(str(b), 3, 7)]
    assert "article id 'library-2024' is also used by" in problems[0].message
    with pytest.raises(BankError):
        load_library([str(a), str(b)])


def test_claim_ids_are_per_article_and_qualified_where_shared(make_bank: BankFactory) -> None:
    a = make_bank(article_id="library-2024")
    b = make_bank(article_id="library-2025")
    _, problems, warnings = check_library([a, b])
    assert problems == []
    # Reported at the claim in the later bank, naming both qualified forms.
    cost = [w for w in warnings if "'cost'" in w]
    assert cost == [
        f"{b}:18:9: claim id 'cost' is also used by {a}; while both are loaded, call it "
        "library-2025/cost (and the other library-2024/cost)"
    ]
    assert len(warnings) == 3  # reopen-date, cost, critics-firm
    library = load_library([str(a), str(b)])
    ids = [c.id for c in library.claims]
    assert "library-2024/cost" in ids and "library-2025/cost" in ids and "cost" not in ids
    other = library.claim("library-2025/cost")
    assert other is not None and other.article == "library-2025"
    with pytest.raises(UsageError, match=r"ambiguous.*use ARTICLE/CLAIM \(library-2024/cost, "):
        library.claim("cost")
    alone = load_library([str(a)])
    assert [c.id for c in alone.claims][:2] == ["reopen-date", "cost"]
    assert alone.claim("library-2024/cost") is alone.claim("cost") is not None
    assert alone.claim("library-2025/cost") is None


def test_a_bank_cached_before_still_reports_a_shared_id_at_its_line(
    make_bank: BankFactory,
) -> None:
    a = make_bank(article_id="library-2024")
    b = make_bank(article_id="library-2025")
    check_library([b])  # fills the cache
    cached, _ = check_bank(b)
    assert cached is not None and cached.summary.position_of("critics-firm") == (25, 9)
    _, _, warnings = check_library([a, b])
    assert any(w.startswith(f"{b}:25:9: claim id 'critics-firm'") for w in warnings)


def test_a_missing_claim_says_which_banks_were_searched(make_bank: BankFactory) -> None:
    shipped = load_library()
    with pytest.raises(UsageError) as err:
        shipped.require_claim("cost")
    assert str(err.value) == (
        "no claim 'cost' in the shipped bank (modi-moscow-2024-07-09) (load others with "
        "--bank PATH or NEWSQUIZ_BANK); 'newsquiz claims' lists them"
    )
    path = make_bank()
    with pytest.raises(UsageError, match=f"no claim 'nope' in {path} "):
        load_library([str(path)]).require_claim("nope")


def test_the_shipped_bank_has_a_name(
    make_bank: BankFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert bank_files(["@shipped"]) == bank_files([shipped_bank_dir()])
    mine = make_bank()
    both = load_library(["@shipped", str(mine)])
    assert [b.article.id for b in both.banks] == ["modi-moscow-2024-07-09", "library-2024"]
    monkeypatch.setenv("NEWSQUIZ_BANK", f"{mine}{os.pathsep}@shipped")
    assert len(load_library().banks) == 2


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


# ---------------------------------------------------------------------------------------------
# The import order of the modules


def _import_graph() -> dict[str, set[str]]:
    """Which newsquiz modules each module imports at run time (TYPE_CHECKING blocks left out)."""
    import ast

    root = Path(__file__).parents[1] / "src" / "newsquiz"
    modules = {
        ".".join(("newsquiz", *p.relative_to(root).with_suffix("").parts)).removesuffix(
            ".__init__"
        ): p
        for p in root.rglob("*.py")
    }
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        tree = ast.parse(path.read_text(encoding="utf-8"))
        skipped = {
            id(n)
            for node in ast.walk(tree)
            if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)
            for n in ast.walk(node)
        }
        found: set[str] = set()
        for node in ast.walk(tree):
            if id(node) in skipped:
                continue
            if isinstance(node, ast.Import):
                found.update(a.name for a in node.names if a.name in modules)
            elif isinstance(node, ast.ImportFrom):
                base = package
                for _ in range(node.level - 1):
                    base = base.rpartition(".")[0]
                target = f"{base}.{node.module}" if node.level and node.module else base
                if not node.level:
                    target = node.module or ""
                if target in modules:
                    found.add(target)
                for a in node.names:  # `from . import cache` names a module
                    if f"{target}.{a.name}" in modules:
                        found.add(f"{target}.{a.name}")
        found.discard(name)
        # A submodule always runs its package's __init__ first; that is not an import cycle.
        graph[name] = {t for t in found if not name.startswith(t + ".")}
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every strongly connected group of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return groups


def test_no_import_cycle_among_the_modules() -> None:
    graph = _import_graph()
    assert "newsquiz.fields" in graph["newsquiz.validate"]  # the graph sees relative imports
    assert "newsquiz.cache" in graph["newsquiz.bank"]  # and imports inside functions
    assert _cycles(graph) == []
    for lower in ("newsquiz.validate", "newsquiz.cache", "newsquiz.fields"):
        assert "newsquiz.bank" not in graph[lower]


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


@pytest.mark.parametrize("module", ["bank", "cache", "validate", "fields"])
def test_each_bank_module_imports_alone(module: str) -> None:
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-c", f"import newsquiz.{module}"], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr


# ---------------------------------------------------------------------------------------------
# How quotes are matched and which are refused

WIRE_STORY = """\
Officials met on Monday -- the third meeting this year -- to discuss the bridge.

"We will not rush this," said Mayor Ana Ruiz, who called the delay ridiculous.

The bridge, opened in 1931, carries 40,000 cars a day.
Engineers found cracks in two of its piers.
"""


def quote_problems(make_bank: BankFactory, quote: str) -> list[str]:
    escaped = quote.replace("'", "''")
    return [
        p.split(": ", 1)[1]
        for p in problems_of(make_bank(one_claim(evidence=f"['{escaped}']"), article=WIRE_STORY))
    ]


@pytest.mark.parametrize(
    "quote",
    [
        "on Monday — the third meeting",
        "on Monday—the third meeting",
        "on Monday – the third meeting",
        "on Monday -- the third meeting",
        "this year-- to discuss",
        '"We will not rush this," said Mayor',
        "“We will not rush this,” said Mayor",
    ],
)
def test_long_dashes_and_double_dashes_match_however_written(
    make_bank: BankFactory, quote: str
) -> None:
    assert quote_problems(make_bank, quote) == []


@pytest.mark.parametrize(
    ("quote", "expected"),
    [
        ("said mayor Ana Ruiz", '"mayor" where the article has "Mayor" (a case difference)'),
        (  # (a zero-width space is refused outright, as any bank text: see test_faults.py)
            "said Mayor Ana Ru\u00adiz",
            'the quote has an invisible U+00AD SOFT HYPHEN after "Ru"',
        ),
        ("carries 40,000 cars an hour", '"hour" where the article has "day."'),
    ],
)
def test_a_near_miss_says_what_differs(make_bank: BankFactory, quote: str, expected: str) -> None:
    (message,) = quote_problems(make_bank, quote)
    assert message.startswith("quote not found in the article; closest passage:")
    assert expected in message


def test_an_invisible_character_in_the_article_is_named(make_bank: BankFactory) -> None:
    article = WIRE_STORY.replace("Engineers", "Engi\u00adneers")
    bank = make_bank(one_claim(evidence="['Engineers found cracks']"), article=article)
    (message,) = problems_of(bank)
    assert 'the article has an invisible U+00AD SOFT HYPHEN after "Engi"' in message


def test_quote_differences_name_invisible_characters_either_side() -> None:
    from newsquiz.text import quote_differences

    article = "They met in Moscow on Tuesday."
    assert quote_differences("met in Mos\u200bcow", article) == [
        'the quote has an invisible U+200B ZERO WIDTH SPACE after "Mos"'
    ]
    assert quote_differences("met in moscow", article) == [
        'the quote has "moscow" where the article has "Moscow" (a case difference)'
    ]
    assert quote_differences("a different sentence altogether", article) == []


def test_a_quote_far_from_any_passage_gets_only_the_closest_passage(
    make_bank: BankFactory,
) -> None:
    (message,) = quote_problems(make_bank, "the council adopted a new budget for schools")
    assert "closest passage" in message and "differs" not in message and "where" not in message


@pytest.mark.parametrize(
    ("quote", "expected"),
    [
        ("the delay ridicul", 'the quote ends inside the word "ridiculous"'),
        ("ouncil met", "not found"),
        ("ngineers found cracks", 'the quote starts inside the word "Engineers"'),
        (
            "called the delay ridiculous. The bridge, opened",
            "runs across a paragraph break (from paragraph 2 into 3",
        ),
        ("cracks", 'the quote "cracks" is too short to pin a passage; quote at least 3 words'),
        ("in 1931", "too short"),
    ],
)
def test_quotes_that_do_not_pin_a_passage_are_refused(
    make_bank: BankFactory, quote: str, expected: str
) -> None:
    (message,) = quote_problems(make_bank, quote)
    assert expected in message


@pytest.mark.parametrize(
    "quote", ["two of its piers", "Kazakhstan's", "Engineers found cracks", "40,000 cars a day"]
)
def test_three_words_or_twelve_characters_are_enough(make_bank: BankFactory, quote: str) -> None:
    article = WIRE_STORY + "\nKazakhstan's envoy came too.\n"
    escaped = quote.replace("'", "''")
    bank = make_bank(one_claim(evidence=f"['{escaped}']"), article=article)
    assert problems_of(bank) == []


def test_an_elided_quote_is_anchored_part_by_part(make_bank: BankFactory) -> None:
    quote = '"We will not rush this," said Mayor ... who called the delay ridiculous'
    path = make_bank(one_claim(evidence=f"['{quote}']"), article=WIRE_STORY)
    bank, problems = check_bank(path)
    assert problems == [] and bank is not None
    (ev,) = bank.claims[0].evidence
    first, second = ev.parts
    assert WIRE_STORY[first[0] : first[1]] == '"We will not rush this," said Mayor'
    assert WIRE_STORY[second[0] : second[1]] == "who called the delay ridiculous"
    assert (ev.start, ev.end) == (first[0], second[1])
    assert ev.to_json()["parts"] == [list(first), list(second)]
    assert ev.paragraph == 2
    again, _ = check_bank(path)  # read back from the cache, parts and all
    assert again is not None and again.claims[0].evidence == bank.claims[0].evidence
    with_ellipsis = quote.replace("...", "…")
    assert quote_problems(make_bank, with_ellipsis) == []
    assert quote_problems(make_bank, "carries 40,000 cars ... two of its piers") == []


@pytest.mark.parametrize(
    ("quote", "expected"),
    [
        ("who called the delay ... We will not rush", 'part 2 "We will not rush"'),
        ("to discuss the bridge ... carries 40,000 cars", "does not follow part 1 in the same"),
        ("Officials met on Monday ... the brigde", "does not follow part 1"),
        ("Officials met on Tuesday ... the bridge", "in an elided quote, part 1: quote not found"),
        ("ridiculous. The bridge ... its piers", "does not follow part 1 in the same"),
        ("said Mayor Ana Ruiz ... delay ridicul", 'ends inside the word "ridiculous"'),
    ],
)
def test_elided_quotes_out_of_order_or_across_paragraphs_are_refused(
    make_bank: BankFactory, quote: str, expected: str
) -> None:
    (message,) = quote_problems(make_bank, quote)
    assert expected in message


def test_an_ellipsis_in_the_article_itself_is_quoted_literally(make_bank: BankFactory) -> None:
    article = "He paused... then he spoke at length about the bridge.\n"
    bank, problems = check_bank(
        make_bank(one_claim(evidence="['He paused... then he spoke']"), article=article)
    )
    assert problems == [] and bank is not None
    assert bank.claims[0].evidence[0].parts == ()
    assert "parts" not in bank.claims[0].evidence[0].to_json()


def test_shared_ids_through_the_commands(make_bank: BankFactory, cli: CliInvoke) -> None:
    a, b = str(make_bank(article_id="library-2024")), str(make_bank(article_id="library-2025"))
    result = cli("show", "cost", "--bank", a, "--bank", b, code=2)
    assert "ambiguous" in result.stderr and "library-2024/cost" in result.stderr
    assert "Traceback" not in result.stderr
    shown = json.loads(cli("show", "library-2025/cost", "-b", a, "-b", b, "--json").stdout)
    assert shown["id"] == "library-2025/cost" and shown["article"] == "library-2025"
    cli("check", "library-2025/cost:tf", "f", "-b", a, "-b", b)
    cli("check", "library-2025/cost:tf", "t", "-b", a, "-b", b, code=1)
    asked = json.loads(cli("ask", "--json", "--seed", "1", "-b", a, "-b", b).stdout)
    assert {q["id"].split(":")[0] for q in asked["questions"]} >= {"library-2024/cost"}
    listed = json.loads(cli("claims", "--json", "-b", "@shipped", "-b", a).stdout)
    assert {c["article"] for c in listed} == {"modi-moscow-2024-07-09", "library-2024"}
    assert "cost" in {c["id"] for c in listed}  # not shared with the shipped bank: bare


def test_show_of_a_missing_claim_points_at_bank(cli: CliInvoke) -> None:
    result = cli("show", "cost", code=2)
    assert "the shipped bank (modi-moscow-2024-07-09)" in result.stderr
    assert "--bank PATH" in result.stderr


# ---------------------------------------------------------------------------------------------
# Warnings for what a machine can see in a valid bank

WARNED = """\
  - id: wreath-tuesday
    claim: Mayor Ana Ruiz spoke on Tuesday.
    verdict: supported
    evidence: ["said Mayor Ana Ruiz"]
  - id: skipped-meeting
    claim: Officials met on Monday to discuss the bridge.
    verdict: refuted
    evidence: ["Officials met on Monday"]
    correction: They did not meet.
    change: negation
  - id: bridge-year
    claim: The bridge opened in 1913.
    verdict: refuted
    evidence: ["The bridge, opened in 1931"]
    correction: It opened in 1931.
    change: number
  - id: bridge-opened-1931
    claim: The bridge opened in 1913.
    verdict: refuted
    evidence: ["The bridge, opened in 1931, carries"]
    correction: It opened in 1931.
    change: number
  - id: traffic
    claim: The bridge carries 40,000 cars a day.
    verdict: supported
    evidence: ["carries 40,000 cars a day"]
    choice:
      question: How many cars does the bridge carry a day?
      answer: 40,000
      distractors: [Forty, About a thousand, A few hundred]
  - id: inspection
    claim: Cracks were found in two piers.
    verdict: supported
    evidence: ["Engineers found cracks in two of its piers"]
    choice:
      question: What did engineers find?
      answer: Cracks in two of the bridge's piers, deep under the water line
      distractors: [Rust, Loose bolts, Nothing]
  - id: mayor-view
    claim: TODO
    verdict: supported
    evidence: ["We will not rush this"]
"""


def test_warnings_for_ids_that_give_the_answer_away_and_odd_choices(
    make_bank: BankFactory,
) -> None:
    bank, problems = check_bank(make_bank(WARNED, article=WIRE_STORY))
    assert problems == [] and bank is not None
    warned = [w.split(": ", 1)[1].split(";")[0] for w in bank.warnings]
    assert warned == [
        "claim id 'skipped-meeting' holds 'skipped', a value the claim turns on",
        "claim id 'bridge-opened-1931' holds '1931', a value the claim turns on",
        "in the choice of 'traffic', the answer is the only option with digits",
        "in the choice of 'inspection', the answer is the only option much longer than the others",
        "claim 'mayor-view' still holds the template's TODO text (in claim)",
    ]
    # Each warning is at the claim's id, in FILE:LINE:COL form.
    assert bank.warnings[0].split(": ", 1)[0].endswith(".yaml:13:9")
    again, _ = check_bank(make_bank(WARNED, article=WIRE_STORY, name="again.yaml"))
    cached, _ = check_bank(Path(again.path)) if again else (None, [])
    assert cached is not None and len(cached.warnings) == 5  # kept in the cache


def test_a_yaml_error_on_a_quote_says_how_to_write_it(make_bank: BankFactory) -> None:
    (message,) = problems_of(make_bank(one_claim(evidence='["He said "no" to it"]')))
    assert "YAML syntax error" in message
    assert "write it in single quotes with each ' doubled" in message
    (plain,) = problems_of(make_bank(one_claim(claim="a: b: c")))
    assert "single quotes" not in plain
    (mapping,) = problems_of(make_bank(one_claim(evidence='\n      - He said: "we will"')))
    assert "each evidence quote must be text, not a list or mapping; a quote holding" in mapping


def test_the_bank_option_names_shipped(cli: CliInvoke) -> None:
    assert "@shipped" in cli("claims", "--help").stdout


def test_a_shared_id_is_qualified_once_in_exports(make_bank: BankFactory, cli: CliInvoke) -> None:
    said = CLAIMS.replace(
        "    change: number\n",
        "    change: number\n    claimant: The city council\n"
        "    appearance: https://city.example/minutes\n",
    ).replace(
        "    verdict: supported\n",
        "    verdict: supported\n    claimant: The mayor\n"
        "    appearance: https://city.example/news\n",
    )
    a = str(make_bank(said, article_id="library-2024"))
    b = str(make_bank(said, article_id="library-2025"))
    reviewer = ("--author", "Riverside Fact Desk", "--url", "https://facts.example/library")
    items = json.loads(cli("export", "--to", "claimreview", "-b", a, "-b", b, *reviewer).stdout)
    if isinstance(items, dict):
        items = items.get("@graph", [items])
    identifiers = {i["identifier"] for i in items}
    assert "library-2025/cost" in identifiers and "library-2024/reopen-date" in identifiers
    alone = load_library([a]).claim("cost")
    assert alone is not None and alone.qualified_id == "library-2024/cost"


def test_a_bank_named_twice_loads_once(
    make_bank: BankFactory, cli: CliInvoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = make_bank()
    folder = path.parent
    spellings = [str(folder), str(path), f"{folder}/./{path.name}", str(folder) + "/"]
    assert bank_files(spellings) == [folder / path.name]
    assert bank_files(["@shipped", "@shipped", str(shipped_bank_dir())]) == bank_files(["@shipped"])
    result = cli("validate", str(folder), str(path))
    assert result.stdout.startswith("ok: ") and "in 1 bank: library-2024" in result.stdout
    monkeypatch.setenv("NEWSQUIZ_BANK", f"@shipped{os.pathsep}@shipped")
    assert len(load_library().banks) == 1
    monkeypatch.chdir(folder.parent)
    rel = f"{folder.name}{os.pathsep}./{folder.name}/"
    monkeypatch.setenv("NEWSQUIZ_BANK", rel)
    assert [b.path for b in load_library().banks] == [f"{folder.name}/{path.name}"]
