"""The CLI through CliRunner: every scripted path and exit code."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import unicodedata
from pathlib import Path
from typing import Any

import pytest
import yaml

from newsquiz import __version__
from newsquiz.bank import load_library

from .conftest import BankFactory, CliInvoke


def test_version_and_help(cli: CliInvoke) -> None:
    assert cli("--version").stdout.strip() == f"newsquiz {__version__}"
    out = cli("--help").stdout
    for command in (
        "validate",
        "claims",
        "show",
        "quiz",
        "ask",
        "check",
        "review",
        "stats",
        "history",
    ):
        assert command in out
    cli("no-such-command", code=2)


def test_validate_shipped_bank(cli: CliInvoke) -> None:
    out = cli("validate").stdout
    assert out.startswith(
        "ok: 57 claims (26 supported, 24 refuted, 7 not-stated), 36 with "
        "multiple choice, in 1 bank: modi-moscow-2024-07-09"
    )


def test_validate_reports_every_problem_and_exits_1(cli: CliInvoke, make_bank: BankFactory) -> None:
    good = make_bank()
    bad = make_bank(raw="format: newsquiz/1\nformat: x\n", article_id="other")
    result = cli("validate", str(good), str(bad), code=1)
    assert f"{bad}:2:1: duplicate key 'format'" in result.stdout
    assert "1 problem(s) found." in result.stdout
    data = json.loads(cli("validate", str(bad), "--json", code=1).stdout)
    assert data["valid"] is False and data["problems"][0]["line"] == 2
    # A path that cannot be read is unusable input (2), not a problem inside a bank (1).
    missing = cli("validate", str(good), "/no/such/bank.yaml", code=2)
    assert "/no/such/bank.yaml:1:1: no such bank file or folder" in missing.stdout


def test_validate_json_of_a_clean_bank(cli: CliInvoke) -> None:
    data = json.loads(cli("validate", "--json").stdout)
    assert data["valid"] and data["banks"][0]["claims"] == 57


def test_claims_json_shape(cli: CliInvoke) -> None:
    data = json.loads(cli("claims", "--json").stdout)
    assert len(data) == 57
    first = data[0]
    assert set(first) == {
        "id",
        "article",
        "claim",
        "verdict",
        "correction",
        "change",
        "explanation",
        "tags",
        "evidence",
        "choice",
        "claimant",
        "appearance",
        "appeared",
    }
    assert set(first["evidence"][0]) == {"quote", "sentence", "paragraph", "start", "end"}
    text = (Path(__file__).parents[1] / "questions" / "modi-moscow-2024-07-09.txt").read_text()
    for claim in data:
        for e in claim["evidence"]:
            # The slice is the quote exactly, up to the normalisation the validator matches
            # under, and starts and ends on the quote's first and last characters.
            piece = text[e["start"] : e["end"]]
            assert fold_like_the_validator(piece) == fold_like_the_validator(e["quote"])
            assert piece == piece.strip()
            assert piece in e["sentence"]
    # Every field as the bank file has it (read with no type conversion): a claim without a
    # choice has choice null, not {}.
    bank = yaml.load(
        (Path(__file__).parents[1] / "questions" / "modi-moscow-2024-07-09.yaml").read_text(),
        Loader=yaml.BaseLoader,
    )
    assert [c["id"] for c in data] == [c["id"] for c in bank["claims"]]
    for got, written in zip(data, bank["claims"], strict=True):
        assert got["choice"] == written.get("choice")
        assert got["tags"] == written.get("tags", [])
        assert (got["verdict"], got["correction"]) == (
            written["verdict"],
            written.get("correction"),
        )
        assert [e["quote"] for e in got["evidence"]] == written["evidence"]
    assert any(c["choice"] is None for c in data) and any(c["choice"] for c in data)


def fold_like_the_validator(s: str) -> str:
    """NFKC, straight quotes, dashes, runs of white space as one space."""
    s = unicodedata.normalize("NFKC", s)
    s = re.sub("[‘’‚‛′‹›]", "'", s)
    s = re.sub("[“”„‟″«»]", '"', s)
    s = re.sub("[‐‑‒–−﹘﹣－]", "-", s)  # short dashes join
    s = " ".join(s.split())
    return re.sub(" ?(?:[—―⸺⸻]|--)[-—―⸺⸻]* ?", " - ", s).strip()  # long ones separate


def test_fold_like_the_validator_is_what_the_contract_says() -> None:
    from newsquiz.text import normalise_quote

    assert fold_like_the_validator("“Two\u00a0 days’ —\n trip”") == '"Two days\' - trip"'
    for s in ("ties—and", "ties -- and", "2023–24", "ﬁne  “x”", " a\tb ", "a ― b—", "—a"):
        assert fold_like_the_validator(s) == normalise_quote(s), s


def test_claims_filters(cli: CliInvoke) -> None:
    data = json.loads(cli("claims", "--tag", "numbers", "--verdict", "refuted", "--json").stdout)
    everything = json.loads(cli("claims", "--json").stdout)
    assert data == [c for c in everything if c["verdict"] == "refuted" and "numbers" in c["tags"]]
    assert data  # the shipped bank has refuted claims about numbers
    by_tag = json.loads(cli("claims", "--tag", "energy", "--json").stdout)
    assert by_tag == [c for c in everything if "energy" in c["tags"]]
    by_verdict = json.loads(cli("claims", "--verdict", "not-stated", "--json").stdout)
    assert by_verdict == [c for c in everything if c["verdict"] == "not-stated"]
    assert by_tag and by_verdict
    out = cli("claims", "--tag", "numbers", "--verdict", "refuted").stdout
    assert "strike-death" in out and "¶3" in out
    cli("claims", "--verdict", "maybe", code=2)


def test_show(cli: CliInvoke) -> None:
    out = cli("show", "oil-share-source").stdout
    assert "analysts" in out and "¶9" in out and "More than 40%" in out
    data = json.loads(cli("show", "oil-share-source", "--json").stdout)
    assert data["paragraphs"]["9"].startswith("China and India")
    result = cli("show", "no-such-claim", code=2)
    assert "no claim 'no-such-claim'" in result.stderr


def test_bank_text_is_never_read_as_markup(cli: CliInvoke, make_bank: BankFactory) -> None:
    claims = """\
  - id: markup
    claim: "[bold red]Shout[/] and [/] and [link=x]"
    verdict: supported
    evidence: ["reopen the Riverside library on 3 June"]
"""
    path = make_bank(claims)
    out = cli("claims", "--bank", str(path)).stdout
    assert "[bold red]Shout[/]" in out
    out = cli("show", "markup", "--bank", str(path)).stdout
    assert "[bold red]Shout[/] and [/] and [link=x]" in out


def test_invalid_bank_outside_validate_exits_2(cli: CliInvoke, make_bank: BankFactory) -> None:
    path = make_bank(raw="format: newsquiz/1\nformat: x\n")
    result = cli("claims", "--bank", str(path), code=2)
    assert f"{path}:2:1: duplicate key" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_bank_from_environment(
    cli: CliInvoke, make_bank: BankFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = make_bank()
    monkeypatch.setenv("NEWSQUIZ_BANK", str(path.parent))
    data = json.loads(cli("claims", "--json").stdout)
    assert [c["id"] for c in data] == ["reopen-date", "cost", "critics-firm"]


def test_ask_quiz_check_agree_on_a_seed(cli: CliInvoke) -> None:
    asked = json.loads(cli("ask", "--seed", "77", "--count", "10", "--json").stdout)
    assert asked["seed"] == 77 and len(asked["questions"]) == 10
    answers = []
    for q in asked["questions"]:
        answers.append(q["options"][0]["key"])
    report = json.loads(
        cli(
            "quiz",
            "--seed",
            "77",
            "--count",
            "10",
            "--answers",
            "-",
            "--json",
            "--no-save",
            input="\n".join(answers) + "\n",
        ).stdout
    )
    assert [r["id"] for r in report["results"]] == [q["id"] for q in asked["questions"]]
    for q, r in zip(asked["questions"], report["results"], strict=True):
        check = cli("check", q["id"], q["options"][0]["key"], "--seed", "77", "--json", code=None)
        assert check.exit_code == (0 if r["correct"] else 1)
        assert json.loads(check.stdout)["given"] == r["given"]
    assert report["total"] == 10 and report["answered"] == 10
    assert report["score"] == round(100 * report["correct"] / 10, 1)


def test_ask_plain_output_numbers_questions_and_never_shows_a_claim_id(cli: CliInvoke) -> None:
    out = cli("ask", "--seed", "3", "--count", "2", "--kind", "mc").stdout
    lines = out.splitlines()
    assert lines[0] == "seed 3"
    assert lines[1].startswith("Question 1 of 2 · Choose one:")
    assert lines[2].strip().startswith("a) ")
    everything = cli("ask", "--seed", "3").stdout
    for claim in load_library().claims:  # an id such as skipped-sco-summit gives answers away
        assert claim.id not in everything
    assert "t) True   f) False   n) Not stated" in everything  # the keys a prompt takes


def test_ask_without_seed_reports_the_seed_it_used(cli: CliInvoke) -> None:
    drawn = json.loads(cli("ask", "--json", "--count", "8").stdout)
    replay = json.loads(cli("ask", "--json", "--count", "8", "--seed", str(drawn["seed"])).stdout)
    assert replay == drawn  # same questions, order and option letters


def test_quiz_without_seed_reports_the_seed_it_used(cli: CliInvoke) -> None:
    def quiz(*seed: str) -> Any:
        args = ["quiz", "--kind", "tf", "--count", "6", "--answers", "-", "--json", "--no-save"]
        result = cli(*args, *seed, input="t\n" * 6)
        return json.loads(result.stdout)

    drawn = quiz()
    assert quiz("--seed", str(drawn["seed"])) == drawn
    asked = json.loads(
        cli("ask", "--kind", "tf", "--count", "6", "--seed", str(drawn["seed"]), "--json").stdout
    )
    assert [q["id"] for q in asked["questions"]] == [r["id"] for r in drawn["results"]]


def test_check_exit_codes_and_output(cli: CliInvoke) -> None:
    right = cli("check", "trip-length:tf", "f")
    assert right.stdout.startswith("right: trip-length:tf: the answer is False")
    assert "»at the start of his two-day trip«" in right.stdout
    wrong = cli("check", "trip-length:tf", "true", code=1)
    assert wrong.stdout.splitlines()[:3] == [
        "wrong: trip-length:tf: the answer is False (you said True)",
        "Refuted: the article says otherwise.",
        "the article says: The article calls it a two-day trip.",
    ]
    cli("check", "trip-length:mc", "two days")
    cli("check", "trip-length:mc", "b", code=2)  # a letter needs --seed
    cli("check", "no-such:tf", "t", code=2)
    cli("check", "trip-length", "t", code=2)
    cli("check", "shared-picture:mc", "a", "--seed", "1", code=2)  # no choice form
    cli("check", "trip-length:tf", "maybe", code=2)
    data = json.loads(cli("check", "energy-deal-status:tf", "ns", "--json").stdout)
    assert data["correct"] and data["verdict"] == "not-stated" and data["expected"] == "Not stated"


def test_quiz_needs_a_terminal_or_answers(cli: CliInvoke) -> None:
    result = cli("quiz", code=2)
    assert "--answers" in result.stderr


def test_quiz_answers_file_with_blank_lines_and_comments(
    cli: CliInvoke, tmp_path: Path, make_bank: BankFactory
) -> None:
    bank = make_bank()
    asked = json.loads(
        cli("ask", "--bank", str(bank), "--seed", "1", "--kind", "tf", "--json").stdout
    )
    truth = {"reopen-date": "t", "cost": "f", "critics-firm": "ns"}
    lines = ["# my answers", ""]
    for q in asked["questions"]:
        lines += [truth[q["id"].split(":")[0]], ""]
    answers = tmp_path / "answers.txt"
    answers.write_text("\n".join(lines))
    result = cli(
        "quiz",
        "--bank",
        str(bank),
        "--seed",
        "1",
        "--kind",
        "tf",
        "--answers",
        str(answers),
        "--fail-under",
        "100",
    )
    assert "Score: 3/3 right (100%)" in result.stdout


def test_quiz_fail_under_and_missing_answers(cli: CliInvoke, make_bank: BankFactory) -> None:
    bank = make_bank()
    result = cli(
        "quiz",
        "--bank",
        str(bank),
        "--seed",
        "1",
        "--kind",
        "tf",
        "--answers",
        "-",
        "--json",
        "--fail-under",
        "50",
        input="t\n",
        code=1,
    )
    report = json.loads(result.stdout)
    assert report["answered"] == 1 and report["total"] == 3
    assert "ran out after 1 of 3" in result.stderr
    assert "under --fail-under 50%" in result.stderr


def test_quiz_extra_answers_are_reported(
    cli: CliInvoke, make_bank: BankFactory, tmp_path: Path
) -> None:
    answers = tmp_path / "a.txt"
    answers.write_text("t\nt\nt\nt\nt\n")
    result = cli(
        "quiz", "--bank", str(make_bank()), "--kind", "tf", "--answers", str(answers), "--no-save"
    )
    assert "ignored 2 answer line(s)" in result.stderr


def test_quiz_bad_answer_line_names_the_line(
    cli: CliInvoke, make_bank: BankFactory, tmp_path: Path
) -> None:
    answers = tmp_path / "a.txt"
    answers.write_text("t\n\nzebra\n")
    result = cli(
        "quiz", "--bank", str(make_bank()), "--kind", "tf", "--answers", str(answers), code=2
    )
    assert f"{answers}:3: 'zebra' is not an answer" in result.stderr
    assert "1 answer(s) before this one were graded and kept" in result.stderr
    answers.write_bytes(b"t\n\xff\xfe\n")
    result = cli(
        "quiz", "--bank", str(make_bank()), "--kind", "tf", "--answers", str(answers), code=2
    )
    assert f"{answers}:2: this line is not UTF-8 text" in result.stderr
    result = cli("quiz", "--answers", str(answers) + ".missing", code=2)
    assert "cannot read the answers file" in result.stderr


def test_quiz_rejects_bad_flags(cli: CliInvoke) -> None:
    cli("quiz", "--kind", "essay", "--answers", "-", code=2)
    cli("quiz", "--count", "0", "--answers", "-", code=2)
    cli("quiz", "--tag", "nope", "--answers", "-", code=2)
    cli("quiz", "--fail-under", "150", "--answers", "-", code=2)


def test_quiz_report_shows_misses_and_tags(cli: CliInvoke, make_bank: BankFactory) -> None:
    out = cli(
        "quiz",
        "--bank",
        str(make_bank()),
        "--kind",
        "tf",
        "--seed",
        "2",
        "--answers",
        "-",
        input="t\nt\nt\n",
    ).stdout
    assert "Missed" in out and "By tag" in out and "seed 2" in out


def test_answers_are_read_as_they_arrive(make_bank: BankFactory, tmp_path: Path) -> None:
    """A wrapper sees the feedback to each answer before it sends the next one."""
    import os
    import subprocess
    import sys

    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "newsquiz",
            "quiz",
            "--bank",
            str(make_bank()),
            "--kind",
            "tf",
            "--seed",
            "1",
            "--answers",
            "-",
            "--no-save",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "COLUMNS": "100"},
    )
    assert proc.stdin is not None and proc.stdout is not None
    seen = []
    for _ in range(3):
        proc.stdin.write(b"t\n")
        proc.stdin.flush()
        line = b""
        while b"Right" not in line and b"Wrong" not in line:
            line = proc.stdout.readline()
            assert line, "the session ended before answering"
        seen.append(b"Right" in line)
    proc.stdin.close()
    rest = proc.stdout.read().decode()
    assert proc.wait(timeout=30) == 0
    assert "Score:" in rest and len(seen) == 3


@pytest.mark.parametrize("args", [["claims"], ["claims", "--json"], ["ask", "--seed", "1"]])
def test_a_reader_that_goes_away_is_not_an_error(make_bank: BankFactory, args: list[str]) -> None:
    import subprocess
    import sys

    many = "".join(
        f"""  - id: claim-{i}
    claim: The library will reopen in June, says note {i}.
    verdict: supported
    evidence: ["reopen the Riverside library on 3 June"]
"""
        for i in range(1500)
    )  # far more output than a pipe holds, so the writer meets the closed pipe
    bank = str(make_bank(many))
    proc = subprocess.Popen(
        [sys.executable, "-m", "newsquiz", *args, "--bank", bank],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.readline()
    proc.stdout.close()  # as `| head -1` does
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=60) == 0, err
    assert "Traceback" not in err and "Exception ignored" not in err


def test_read_shows_the_article_with_numbered_paragraphs(
    cli: CliInvoke, make_bank: BankFactory
) -> None:
    bank = str(make_bank())
    out = cli("read", "--bank", bank).stdout
    assert out.startswith("The library reopens\nPublished 2024-05-01\n")
    assert "¶1 The city council voted" in out and "¶3 Critics called" in out
    data = json.loads(cli("read", "library-2024", "--bank", bank, "--json").stdout)
    assert set(data) == {"id", "title", "published", "url", "paragraphs"}
    assert [p["number"] for p in data["paragraphs"]] == [1, 2, 3]
    assert data["paragraphs"][1]["text"].startswith("The renovation cost")
    wrong = cli("read", "library-2042", "--bank", bank, code=2)
    assert (
        "no article 'library-2042'" in wrong.stderr
        and "did you mean 'library-2024'" in wrong.stderr
    )
    other = str(make_bank(article_id="council-2025"))
    two = cli("read", "--bank", bank, "--bank", other, code=2)
    assert "name an article" in two.stderr and "council-2025" in two.stderr


def test_review_ask_lists_what_review_would_ask(cli: CliInvoke, make_bank: BankFactory) -> None:
    bank = str(make_bank())
    listed = json.loads(cli("review", "--ask", "--bank", bank, "--seed", "5", "--json").stdout)
    asked = json.loads(cli("ask", "--bank", bank, "--seed", "5", "--json").stdout)
    assert set(asked) == {"seed", "questions"}
    assert set(listed) == {"seed", "questions", "due", "new", "next_due"}
    assert (listed["due"], listed["new"], listed["next_due"]) == (0, 3, None)
    ids = [q["id"] for q in listed["questions"]]
    assert len(ids) == 3 and set(listed["questions"][0]) == {"id", "kind", "prompt", "options"}
    plain = cli("review", "--ask", "--bank", bank, "--seed", "5").stdout
    assert plain.startswith("seed 5\nQuestion 1 of 3 · ")
    assert ":tf" not in plain and ":mc" not in plain  # no question id before an answer
    assert "reopen-date" not in plain and "critics-firm" not in plain
    keys = [q["options"][0]["key"] for q in listed["questions"]]
    report = json.loads(
        cli(
            "review",
            "--bank",
            bank,
            "--seed",
            "5",
            "--answers",
            "-",
            "--json",
            input="\n".join(keys) + "\n",
        ).stdout
    )
    assert [r["id"] for r in report["results"]] == ids  # review asked what --ask listed


def test_claims_tags_lists_the_tags_and_unknown_tags_get_a_suggestion(
    cli: CliInvoke, make_bank: BankFactory
) -> None:
    bank = str(make_bank())
    assert cli("claims", "--tags", "--bank", bank).stdout == "dates\t1\nnumbers\t2\n"
    data = json.loads(cli("claims", "--tags", "--bank", bank, "--json").stdout)
    assert data == [{"tag": "dates", "claims": 1}, {"tag": "numbers", "claims": 2}]
    bad = cli("claims", "--tag", "number", "--bank", bank, code=2)
    assert "did you mean 'numbers'" in bad.stderr and "claims --tags" in bad.stderr
    quiz = cli("quiz", "--tag", "dats", "--bank", bank, "--answers", "-", input="t\n", code=2)
    assert "did you mean 'dates'" in quiz.stderr
    show = cli("show", "reopen-dat", "--bank", bank, code=2)
    assert "did you mean 'reopen-date'" in show.stderr


def test_claims_table_at_twenty_columns_says_the_terminal_is_too_narrow(
    cli: CliInvoke, make_bank: BankFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "20")
    out = cli("claims", "--bank", str(make_bank()), code=2)
    assert "too narrow" in out.stderr and "--json" in out.stderr


def test_an_empty_answers_source_is_refused_and_saves_nothing(
    cli: CliInvoke, make_bank: BankFactory, tmp_path: Path
) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("# nothing yet\n\n")
    out = cli("quiz", "--bank", str(make_bank()), "--answers", str(empty), code=2)
    assert f"{empty}: no answers in it" in out.stderr
    assert json.loads(cli("history", "--json").stdout) == []  # no 0% session


def test_a_bad_line_with_json_still_prints_the_report_error_first(
    cli: CliInvoke, make_bank: BankFactory
) -> None:
    bank = str(make_bank())
    first = json.loads(cli("ask", "--bank", bank, "--seed", "2", "--json").stdout)["questions"]
    out = cli(
        "quiz",
        "--bank",
        bank,
        "--seed",
        "2",
        "--answers",
        "-",
        "--json",
        input=first[0]["options"][0]["key"] + "\nmaybe\n",
        code=2,
    )
    report = json.loads(out.stdout)
    assert report["answered"] == 1 and "<stdin>:2: 'maybe'" in report["error"]
    lines = out.stderr.splitlines()
    assert lines[0].startswith("newsquiz: <stdin>:2: 'maybe'")
    assert lines[1] == "newsquiz: 1 answer(s) before this one were graded and kept."
    unsaved = cli(
        "quiz",
        "--bank",
        bank,
        "--seed",
        "2",
        "--answers",
        "-",
        "--no-save",
        input=first[0]["options"][0]["key"] + "\nmaybe\n",
        code=2,
    )
    assert "kept" not in unsaved.stderr
    assert "1 answer(s) before this one were graded.\n" in unsaved.stderr
    assert "Nothing was saved (--no-save)" in unsaved.stdout


def test_count_above_the_pool_says_it_was_capped(cli: CliInvoke, make_bank: BankFactory) -> None:
    out = cli("ask", "--bank", str(make_bank()), "--count", "9")
    assert "--count 9 is more than the 3 matching claims; asking 3" in out.stderr
    assert out.stdout.count("Question ") == 3


def test_answers_session_opens_with_the_article_and_ends_with_what_comes_next(
    cli: CliInvoke, make_bank: BankFactory
) -> None:
    out = cli(
        "quiz", "--bank", str(make_bank()), "--kind", "tf", "--answers", "-", input="t\nt\nt\n"
    )
    head = out.stdout[: out.stdout.index("╭")]
    assert "About: The library reopens (2024-05-01)" in head
    assert "judged by the article alone" in head and "newsquiz read library-2024" in head
    assert out.stdout.rstrip().endswith(": newsquiz review")
    assert "»" in out.stdout  # no colour here: the quotes are marked


def test_reveal_end_holds_the_evidence_for_the_summary(
    cli: CliInvoke, make_bank: BankFactory
) -> None:
    out = cli(
        "quiz",
        "--bank",
        str(make_bank()),
        "--kind",
        "tf",
        "--reveal",
        "end",
        "--answers",
        "-",
        input="t\nt\nt\n",
    ).stdout
    assert "╭" not in out  # no feedback panel during the session
    assert out.count("Answer noted; the evidence comes in the summary.") == 2
    answers = out[out.index("Answers") :]
    assert answers.count("¶") == 3 and "✓" in answers and "✗" in answers
    cli("quiz", "--reveal", "never", "--answers", "-", input="t\n", code=2)


def test_check_takes_the_same_answer_vocabulary(cli: CliInvoke, make_bank: BankFactory) -> None:
    bank = str(make_bank())
    for answer in ("n", "ns", "not-stated", "Not stated"):
        cli("check", "critics-firm:tf", answer, "--bank", bank)
    for answer in ("t", "true", "f", "false"):
        cli("check", "cost:tf", answer, "--bank", bank, code=0 if answer[0] == "f" else 1)
    out = cli("quiz", "--bank", bank, "--kind", "tf", "--answers", "-", "--json", input="n\nn\nn\n")
    assert json.loads(out.stdout)["answered"] == 3


def test_extra_answers_on_stdin_are_reported(make_bank: BankFactory, tmp_path: Path) -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "newsquiz",
            "quiz",
            "--bank",
            str(make_bank()),
            "--answers",
            "-",
            "--json",
            "--kind",
            "tf",
        ],
        input="t\nt\nt\nt\nf\n",
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "NEWSQUIZ_DB": str(tmp_path / "h.db")},
    )
    assert done.returncode == 0, done.stderr
    assert "ignored 2 answer line(s) after the last question" in done.stderr


def test_claims_in_a_narrow_terminal_are_blocks_with_whole_ids(
    cli: CliInvoke, make_bank: BankFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "40")
    out = cli("claims", "--bank", str(make_bank())).stdout
    assert "critics-firm  not-stated" in out and "reopen-date  supported" in out
    assert "»reopen the Riverside library on 3 June«" in " ".join(out.split())
    monkeypatch.setenv("COLUMNS", "120")
    wide = cli("claims", "--bank", str(make_bank())).stdout
    assert "verdict" in wide.splitlines()[1]  # the table, with its header


@pytest.mark.parametrize(
    "args",
    [["ask", "--seed", "1"], ["check", "x:tf", "t"], ["claims", "--json"], ["read", "--json"]],
)
def test_scripted_commands_load_no_prompt_view_or_database(args: list[str]) -> None:
    code = (
        "import sys; from newsquiz.cli import main; sys.argv = ['newsquiz', *sys.argv[1:]]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "heavy = ('questionary', 'rich', 'fsrs', 'sqlite3', 'prompt_toolkit')\n"
        "sys.stderr.write('LOADED ' + ','.join(m for m in heavy if m in sys.modules))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=60
    )
    assert done.stderr.split("LOADED")[-1].strip() == "", done.stderr


def test_review_names_why_stats_counts_more_due_cards(
    cli: CliInvoke, make_bank: BankFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    bank = str(make_bank())
    tf = json.loads(cli("ask", "--bank", bank, "--kind", "tf", "--json").stdout)["questions"]
    wrong = ["f" if q["id"] != "cost:tf" else "t" for q in tf]  # every answer wrong
    cli("quiz", "--bank", bank, "--kind", "tf", "--answers", "-", input="\n".join(wrong) + "\n")
    cli("quiz", "--bank", bank, "--kind", "mc", "--answers", "-", input="b\n")  # reopen-date:mc
    monkeypatch.setenv("NEWSQUIZ_NOW", "2099-01-01T00:00:00+00:00")
    stats = json.loads(cli("stats", "--json").stdout)
    assert stats["due_now"] == 4  # three tf cards and one mc card
    review = cli(
        "review", "--bank", bank, "--answers", "-", "--no-save", input="t\nt\nt\n", code=None
    )
    assert "3 due, 0 new ('stats' counts 4 due cards: a review asks one question a claim" in (
        review.stderr
    )


def test_check_into_a_pipe_reads_the_verdict_as_a_sentence(
    cli: CliInvoke, make_bank: BankFactory
) -> None:
    out = cli("check", "cost:tf", "t", "--bank", str(make_bank()), code=1).stdout
    assert out.splitlines()[:3] == [
        "wrong: cost:tf: the answer is False (you said True)",
        "Refuted: the article says otherwise.",
        "the article says: It cost 2.1 million euros.",
    ]
    assert "»The renovation cost 2.1 million euros«" in out


def test_feedback_held_for_a_group_names_each_question(cli: CliInvoke) -> None:
    from newsquiz.bank import load_library
    from newsquiz.quiz import build_session

    session = build_session(load_library().claims, seed=3, kind="mc")
    total = len(session.questions)
    grouped = [
        n
        for n in range(1, total + 1)
        if sum(session.reveal_after(i) == session.reveal_after(n - 1) for i in range(total)) > 1
    ]
    assert grouped and len(grouped) < total  # the shipped bank at this seed has both kinds
    args = ("quiz", "--kind", "mc", "--seed", "3", "--no-save", "--answers", "-")
    out = cli(*args, input="a\n" * total).stdout
    for number in grouped:
        prompt = session.questions[number - 1].prompt
        assert f"Question {number}: {prompt[:30]}" in " ".join(out.split()), number
    alone = next(n for n in range(1, total + 1) if n not in grouped)
    assert f"Question {alone}: " not in out  # a panel of its own needs no heading


def test_review_ask_with_nothing_due_says_when_the_next_one_is(
    cli: CliInvoke, make_bank: BankFactory
) -> None:
    bank = str(make_bank())
    cli("quiz", "--bank", bank, "--kind", "tf", "--answers", "-", input="t\nt\nt\n", code=None)
    done = cli("review", "--ask", "--bank", bank, "--seed", "5")
    assert done.stdout == "seed 5\n"  # stdout stays the questions (none): scripts parse it
    assert done.stderr.startswith("newsquiz: Nothing is due now. The next question (")
    assert "falls due" in done.stderr
    listed = json.loads(cli("review", "--ask", "--bank", bank, "--seed", "5", "--json").stdout)
    assert listed["questions"] == [] and listed["due"] == 0 and listed["new"] == 0
    assert set(listed["next_due"]) == {"question", "due"}


def test_claims_into_a_pipe_has_no_padding_at_line_ends(cli: CliInvoke) -> None:
    out = cli("claims").stdout
    lines = out.splitlines()
    assert len(lines) > 57 and lines[-1] == "57 of 57 claims"
    assert [line for line in lines if line != line.rstrip()] == []
