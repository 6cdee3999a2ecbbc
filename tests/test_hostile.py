"""Files a user got from someone else: every one ends in a clear error, never a traceback,
within bounded time and memory, with nothing written and nothing lost."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsquiz.bank import check_bank

from .conftest import BankFactory, CliInvoke
from .test_bank import one_claim

LIMITED = """
import resource, sys
resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))  # 1 GiB of address space
from newsquiz.cli import main
sys.argv = ["newsquiz", *sys.argv[1:]]
main()
"""


def run_limited(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run newsquiz in a child with bounded memory and time."""
    return subprocess.run(
        [sys.executable, "-c", LIMITED, *args],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, **(env or {})},
        check=False,
    )


def clean_failure(result: subprocess.CompletedProcess[str], code: int, *needles: str) -> None:
    assert result.returncode == code, (result.returncode, result.stdout, result.stderr)
    both = result.stdout + result.stderr
    assert "Traceback" not in both
    for needle in needles:
        assert needle in both, both


@pytest.mark.parametrize(
    ("raw", "needle"),
    [
        ("format: newsquiz/1\nclaims: [\n", "YAML syntax error"),
        (
            'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
            + "".join(
                f"{c}: &{c} [{','.join(['*' + p] * 9)}]\n"
                for p, c in zip("abcdefgh", "bcdefghi", strict=True)
            ),
            "anchors (&a) are not allowed",
        ),
        ("[" * 20000 + "]" * 20000, "exceeded maximum nesting depth"),
        ("- " * 20000 + "x\n", "exceeded maximum nesting depth"),
        ("format: newsquiz/1\nformat: newsquiz/1\n", "duplicate key 'format'"),
        ("format: !!python/object/apply:os.system ['echo pwned']\n", "YAML tags"),
        ("", "the file is empty"),
        ("format: newsquiz/9\n", "unsupported format 'newsquiz/9'"),
    ],
)
def test_hostile_yaml(make_bank: BankFactory, raw: str, needle: str) -> None:
    path = make_bank(raw=raw)
    before = path.read_bytes()
    clean_failure(run_limited("validate", str(path)), 1, f"{path}:", needle)
    clean_failure(run_limited("claims", "--bank", str(path)), 2, f"{path}:", needle)
    assert path.read_bytes() == before


def test_non_utf8_and_oversized_banks(make_bank: BankFactory) -> None:
    path = make_bank()
    path.write_bytes(b"format: newsquiz/1\n\xc0\xaf: x\n")
    clean_failure(run_limited("validate", str(path)), 1, f"{path}:2:1: the bank is not UTF-8")
    big = make_bank()
    big.write_text("# padding\n" * 200_000)
    clean_failure(
        run_limited("validate", str(big), env={"NEWSQUIZ_MAX_BYTES": "100000"}),
        1,
        "over the limit of 100,000",
        "NEWSQUIZ_MAX_BYTES",
    )


STRING_FIELDS = [
    ("title", lambda v: None),
    ("claim", lambda v: one_claim(claim=v)),
    ("evidence", lambda v: one_claim(evidence=f"[{v}]")),
    ("explanation", lambda v: one_claim(explanation=v)),
    ("tag", lambda v: one_claim(tags=f"[{v}]")),
    ("question", lambda v: one_claim(choice=f"{{question: {v}, answer: A, distractors: [B, C]}}")),
    ("answer", lambda v: one_claim(choice=f"{{question: Q, answer: {v}, distractors: [B, C]}}")),
    (
        "distractor",
        lambda v: one_claim(choice=f"{{question: Q, answer: A, distractors: [B, {v}]}}"),
    ),
    ("correction", lambda v: one_claim(verdict="refuted", correction=v, change="number")),
]


@pytest.mark.parametrize(
    "escape", ['"Red \\e[31malert"', '"osc \\e]0;pwned\\a"', '"csi \\x9b2J"', '"nul \\0 byte"']
)
@pytest.mark.parametrize(("field", "make"), STRING_FIELDS)
def test_control_characters_anywhere(
    make_bank: BankFactory, cli: CliInvoke, field: str, make: object, escape: str
) -> None:
    assert callable(make)
    claims = make(escape)
    if claims is None:
        path = make_bank()
        path.write_text(path.read_text().replace("title: The library reopens", f"title: {escape}"))
    else:
        path = make_bank(claims)
    bank, problems = check_bank(path)
    assert bank is None
    assert any("control character" in p.message for p in problems), problems
    result = cli("claims", "--bank", str(path), code=2)
    assert "\x1b" not in result.stdout + result.stderr


def test_markup_in_bank_text_is_shown_literally_in_feedback(
    cli: CliInvoke, make_bank: BankFactory
) -> None:
    claims = """\
  - id: markup
    claim: "[red]Not red[/red] and [/]"
    verdict: refuted
    evidence: ["reopen the Riverside library on 3 June"]
    correction: "[link=http://x]click[/link]"
    change: other
"""
    out = cli(
        "quiz", "--bank", str(make_bank(claims)), "--answers", "-", "--no-save", input="t\n"
    ).stdout
    assert "[link=http://x]click[/link]" in out


def test_unusable_history_folder(cli: CliInvoke) -> None:
    result = cli("quiz", "--answers", "-", "--db", "/proc/no-such/h.sqlite3", input="t\n", code=2)
    assert "cannot use the history database" in result.stderr


def test_nothing_is_written_for_an_invalid_bank(
    cli: CliInvoke, make_bank: BankFactory, isolated_user_folders: Path
) -> None:
    path = make_bank(raw="format: newsquiz/1\nformat: x\n")
    cli("quiz", "--bank", str(path), "--answers", "-", input="t\n", code=2)
    assert not (isolated_user_folders / "history.sqlite3").exists()
    cache = isolated_user_folders / "cache" / "newsquiz" / "banks"
    assert not cache.exists() or not any(cache.iterdir())


YAMLISH = st.text(
    alphabet=st.sampled_from(list("abc:- \n\t[]{},'\"&*!#|>%@`?.0123456789\\é")), max_size=300
)
KEYS = st.sampled_from(
    [
        "format",
        "article",
        "claims",
        "id",
        "claim",
        "verdict",
        "evidence",
        "text",
        "choice",
        "answer",
        "distractors",
        "tags",
        "newsquiz/1",
        "supported",
        "refuted",
    ]
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.one_of(
        YAMLISH,
        st.lists(st.tuples(KEYS, YAMLISH), max_size=12).map(
            lambda pairs: "".join(f"{k}: {v}\n" for k, v in pairs)
        ),
    )
)
def test_any_yamlish_text_gives_a_bank_or_positioned_problems(
    tmp_path_factory: pytest.TempPathFactory, text: str
) -> None:
    folder = tmp_path_factory.mktemp("fuzz")
    (folder / "article.txt").write_text("An article. It has text.\n")
    path = folder / "bank.yaml"
    path.write_text(text, encoding="utf-8")
    bank, problems = check_bank(path)
    assert (bank is None) == bool(problems)
    for p in problems:
        assert p.line >= 1 and p.col >= 1 and p.message and "\n" not in p.message


@settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(st.lists(st.text(max_size=12).filter(lambda s: "\n" not in s and "\r" not in s), max_size=6))
def test_any_answer_lines_end_cleanly(
    cli: CliInvoke, make_bank: BankFactory, lines: list[str]
) -> None:
    bank = str(make_bank())
    result = cli(
        "quiz",
        "--bank",
        bank,
        "--answers",
        "-",
        "--json",
        "--no-save",
        input="\n".join(lines) + "\n",
        code=None,
    )
    assert result.exit_code in (0, 2)
    assert result.exception is None or isinstance(result.exception, SystemExit)
    if result.exit_code == 0:
        assert json.loads(result.stdout)["total"] == 3
    else:
        assert "<stdin>:" in result.stderr
