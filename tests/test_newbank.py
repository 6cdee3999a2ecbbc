"""A second article, given only as text, becomes a working quiz through new, editing, validate."""

from __future__ import annotations

import json
from pathlib import Path

from .conftest import CliInvoke

ARTICLE = """\
The harbour authority said on Wednesday that the new ferry terminal in Portvale will open in
March, two months later than planned.

The terminal cost 48 million euros, of which the regional government paid a third. Officials
blamed the delay on a shortage of steel.

Ferry operators welcomed the news. “We have waited long enough,” said Ana Ruiz, who runs the
Blue Line service.
"""

CLAIMS = """\
  - id: opening-month
    claim: The terminal will open in May.
    verdict: refuted
    evidence: ["will open in\\nMarch"]
    correction: It will open in March.
    change: date
    tags: [dates]
    choice:
      question: When will the terminal open?
      answer: March
      distractors: [January, May, June]
  - id: steel-delay
    claim: Officials put the delay down to a lack of steel.
    verdict: supported
    evidence: ["blamed the delay on a shortage of steel"]
    tags: [causes]
  - id: ruiz-operator
    claim: Ana Ruiz said the terminal was too expensive.
    verdict: not-stated
    evidence: ["“We have waited long enough,” said Ana Ruiz"]
    tags: [quotes]
"""


def test_a_new_article_becomes_a_quiz(cli: CliInvoke, tmp_path: Path) -> None:
    source = tmp_path / "ferry.txt"
    source.write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "banks"
    made = cli(
        "new",
        str(source),
        "--id",
        "portvale-ferry",
        "--title",
        "Ferry terminal: late",
        "--published",
        "2025-02-12",
        "--out",
        str(out),
    )
    assert "3 paragraphs" in made.stdout
    bank = out / "portvale-ferry.yaml"
    text = bank.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=newsquiz.schema.json")
    assert "#  2.1 The terminal cost 48 million euros" in text
    assert (out / "portvale-ferry.txt").read_text(encoding="utf-8") == ARTICLE
    assert (out / "newsquiz.schema.json").exists()
    # The template validates as written, warning that its example is still to be rewritten.
    result = cli("validate", str(bank))
    assert "ok: 1 claims (1 supported" in result.stdout
    assert (
        "claim 'todo-topic' still holds the template's TODO text (in id, claim, explanation, "
        "tags, choice)" in result.stderr
    )
    assert result.stderr.count("warning:") == 1
    # An author puts claims in place of the example, then validates and quizzes.
    start = text.index("  - id: todo-topic")
    end = text.index("#\n# The article's sentences")
    bank.write_text(text[:start] + CLAIMS + text[end:], encoding="utf-8")
    checked = cli("validate", str(bank))
    assert "ok: 3 claims (1 supported, 1 refuted, 1 not-stated)" in checked.stdout
    assert "TODO" not in checked.stderr
    asked = json.loads(
        cli("ask", "--bank", str(out), "--kind", "tf", "--seed", "1", "--json").stdout
    )
    truth = {"opening-month": "f", "steel-delay": "t", "ruiz-operator": "ns"}
    answers = "\n".join(truth[q["id"].split(":")[0]] for q in asked["questions"]) + "\n"
    report = json.loads(
        cli(
            "quiz",
            "--bank",
            str(out),
            "--kind",
            "tf",
            "--seed",
            "1",
            "--answers",
            "-",
            "--json",
            "--no-save",
            input=answers,
        ).stdout
    )
    assert report["score"] == 100.0
    shown = cli("show", "opening-month", "--bank", str(out)).stdout
    assert "¶1" in shown


def test_new_refuses_to_overwrite_and_bad_input(cli: CliInvoke, tmp_path: Path) -> None:
    source = tmp_path / "a.txt"
    source.write_text(ARTICLE, encoding="utf-8")
    args = [
        "new",
        str(source),
        "--id",
        "x",
        "--title",
        "T",
        "--published",
        "2025-01-01",
        "--out",
        str(tmp_path / "o"),
    ]
    cli(*args)
    assert "already exists" in cli(*args, code=2).stderr
    cli(*args, "--force")
    cli("new", str(source), "--id", "Bad Id", "--title", "T", "--published", "2025-01-01", code=2)
    cli("new", str(source), "--id", "y", "--title", "T", "--published", "January", code=2)
    cli(
        "new",
        str(tmp_path / "missing.txt"),
        "--id",
        "y",
        "--title",
        "T",
        "--published",
        "2025-01-01",
        code=2,
    )
    binary = tmp_path / "bin.txt"
    binary.write_bytes(b"\xff\xfe\x00")
    assert (
        "not UTF-8"
        in cli(
            "new",
            str(binary),
            "--id",
            "z",
            "--title",
            "T",
            "--published",
            "2025-01-01",
            "--out",
            str(tmp_path / "o2"),
            code=2,
        ).stderr
    )


def test_new_takes_the_date_from_an_archive_marker(cli: CliInvoke, tmp_path: Path) -> None:
    source = tmp_path / "seed.txt"
    source.write_text(" date 2024-07-09 " + ARTICLE, encoding="utf-8")
    cli("new", str(source), "--id", "marked", "--title", "T", "--out", str(tmp_path / "o"))
    assert (tmp_path / "o" / "marked.txt").read_text(encoding="utf-8") == ARTICLE
    assert "  published: '2024-07-09'\n" in (tmp_path / "o" / "marked.yaml").read_text()
    plain = tmp_path / "plain.txt"
    plain.write_text(ARTICLE, encoding="utf-8")
    result = cli(
        "new", str(plain), "--id", "p", "--title", "T", "--out", str(tmp_path / "o"), code=2
    )
    assert "--published" in result.stderr


def test_new_refuses_an_article_with_control_characters(cli: CliInvoke, tmp_path: Path) -> None:
    source = tmp_path / "evil.txt"
    source.write_text("Fine first line.\nThen \x1b[2J a wipe.\n", encoding="utf-8")
    result = cli(
        "new",
        str(source),
        "--id",
        "evil",
        "--title",
        "T",
        "--published",
        "2025-01-01",
        "--out",
        str(tmp_path / "o"),
        code=2,
    )
    assert f"{source}:2:6: the article holds a control character (U+001B)" in result.stderr
    assert not (tmp_path / "o" / "evil.txt").exists()


WIRE = """\
"We will not rush this," said Mayor Ana Ruiz, whose city's bridge is 93 years old.

Engineers found cracks in two of its piers -- both of them under water.
"""


def new_bank(cli: CliInvoke, tmp_path: Path, article: str, *args: str) -> Path:
    source = tmp_path / "story.txt"
    source.write_text(article, encoding="utf-8")
    out = tmp_path / "out"
    cli("new", str(source), "--out", str(out), *args)
    (bank,) = out.glob("*.yaml")
    return bank


def test_the_template_shows_every_field_and_quotes_straight_double_quotes(
    cli: CliInvoke, tmp_path: Path
) -> None:
    bank = new_bank(cli, tmp_path, WIRE, "--title", "Bridge", "--published", "2025-03-01")
    text = bank.read_text(encoding="utf-8")
    # The example quotes the first sentence, double quotes and apostrophe and all.
    assert "      - '\"We will not rush this,\" said Mayor Ana Ruiz, whose city''s bridge" in text
    for field in ("claim:", "verdict:", "evidence:", "explanation:", "tags:", "choice:"):
        assert f"\n    {field}" in text
    assert (
        "# correction:" in text
        and "number | date | entity | negation | scope | attribution | other" in text
    )
    for key in ("question:", "answer:", "distractors:"):
        assert f"\n      {key}" in text


def test_the_template_is_fillable_in_place(cli: CliInvoke, tmp_path: Path) -> None:
    bank = new_bank(cli, tmp_path, WIRE, "--title", "Bridge", "--published", "2025-03-01")
    text = bank.read_text(encoding="utf-8")
    # An author edits the example and adds a claim right under it, pasting a quote as is.
    text = text.replace("todo-topic", "bridge-age").replace("TODO", "Done")
    text = text.replace("tags: [todo]", "tags: [bridge]")
    added = (
        "  - id: pier-cracks\n"
        "    claim: Cracks were found in every pier.\n"
        "    verdict: refuted\n"
        "    evidence:\n"
        "      - 'cracks in two of its piers — both of them'\n"
        "    correction: 'Cracks were found in two piers.'\n"
        "    change: scope\n"
    )
    text = text.replace("#\n# The article's sentences", added + "#\n# The article's sentences")
    bank.write_text(text, encoding="utf-8")
    result = cli("validate", str(bank))
    assert "ok: 2 claims (1 supported, 1 refuted" in result.stdout
    assert "TODO" not in result.stderr


def test_new_derives_the_id_and_says_all_that_is_missing_at_once(
    cli: CliInvoke, tmp_path: Path
) -> None:
    bank = new_bank(cli, tmp_path, " date 2024-07-09 " + WIRE, "--title", "Bridge: cracks found!")
    assert bank.name == "bridge-cracks-found-2024-07-09.yaml"
    source = tmp_path / "plain.txt"
    source.write_text(WIRE, encoding="utf-8")
    result = cli("new", str(source), "--out", str(tmp_path / "o"), code=2)
    message = result.stderr.strip()
    assert message.count("\n") == 0 and "Traceback" not in message
    assert "--title TEXT" in message and "--published YYYY-MM-DD" in message
    assert "the id is then made from the title and date" in message
    assert not (tmp_path / "o").exists()


def test_new_prompts_for_what_is_missing_in_a_terminal(tmp_path: Path) -> None:
    import os
    import sys

    import pexpect

    source = tmp_path / "plain.txt"
    source.write_text(WIRE, encoding="utf-8")
    env = dict(os.environ, TERM="dumb", NO_COLOR="1")
    child = pexpect.spawn(
        sys.executable,
        ["-m", "newsquiz", "new", str(source), "--out", str(tmp_path / "o")],
        env=env,
        encoding="utf-8",
        timeout=60,  # a hang guard only; the machine may be busy
    )
    child.expect("new needs --title TEXT")
    child.expect("Title")
    child.sendline("Cracks in the old bridge")
    child.expect("Published")
    child.sendline("2025-02-30")
    child.expect("is not a date like 2024-07-09; try again")
    child.expect("Published")
    child.sendline("2025-03-01")
    child.expect("wrote ")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert (tmp_path / "o" / "cracks-in-the-old-bridge-2025-03-01.yaml").exists()


SALTMARSH = Path(__file__).parent / "data" / "saltmarsh"
SALTMARSH_ID = "saltmarsh-voters-approve-desalination-plant-2026-03-14"


def test_the_authoring_trial_bank_validates_alone_and_beside_the_shipped_bank(
    cli: CliInvoke,
) -> None:
    # A 47-paragraph story with straight quotes and '--' dashes, turned into a bank from the
    # README and new's template alone (see the README, "Writing a bank").
    alone = cli("validate", str(SALTMARSH))
    assert "ok: 14 claims (8 supported, 5 refuted, 1 not-stated)" in alone.stdout
    assert alone.stderr == ""
    both = cli("validate", "@shipped", str(SALTMARSH))
    assert "in 2 banks: modi-moscow-2024-07-09, " + SALTMARSH_ID in both.stdout
    shown = json.loads(
        cli("show", "cove-quote", "-b", str(SALTMARSH), "-b", "@shipped", "--json").stdout
    )
    assert [e["paragraph"] for e in shown["evidence"]] == [5, 5]


def test_new_rebuilds_the_trial_bank_header_from_the_archive_file(
    cli: CliInvoke, tmp_path: Path
) -> None:
    source = tmp_path / "saltmarsh.txt"
    source.write_bytes((SALTMARSH / "source-with-marker.txt.in").read_bytes())
    out = tmp_path / "out"
    cli(
        "new",
        str(source),
        "--title",
        "Saltmarsh voters approve desalination plant",
        "--out",
        str(out),
    )
    kept = (SALTMARSH / f"{SALTMARSH_ID}.yaml").read_text(encoding="utf-8")
    made = (out / f"{SALTMARSH_ID}.yaml").read_text(encoding="utf-8")
    header = kept[: kept.index("claims:")]
    assert made.startswith(header)
    assert (out / f"{SALTMARSH_ID}.txt").read_bytes() == (
        SALTMARSH / f"{SALTMARSH_ID}.txt"
    ).read_bytes()


def test_the_readme_authoring_commands_run_as_written(tmp_path: Path) -> None:
    import os
    import re
    import subprocess
    import sys

    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Writing a bank") :]
    block = re.search(r"```sh\n(.*?)```", section, re.S)
    assert block is not None
    (tmp_path / "article.txt").write_text(
        " date 2025-03-01 The council voted on Monday to reopen the library in June.\n",
        encoding="utf-8",
    )
    env = dict(os.environ, NO_COLOR="1", TERM="dumb")
    for line in block.group(1).strip().splitlines():
        argv = line.split("newsquiz ", 1)[1]
        done = subprocess.run(
            f"{sys.executable} -m newsquiz {argv}",
            shell=True,
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            stdin=subprocess.DEVNULL,
        )
        assert done.returncode == 0, (line, done.stderr)
    assert (tmp_path / "banks" / "council-votes-to-reopen-library-2025-03-01.yaml").exists()
    assert "ok: 1 claims" in done.stdout and "TODO" in done.stderr


def wait_until_reading(pid: int) -> None:
    """Wait until a process sleeps in a terminal read, as when a person's keypress arrives.

    input() writes its prompt before it reads: a Ctrl-C sent in between (a busy machine makes
    that instant long) is taken by Python's handler while the read has not begun, and the read
    then waits for the next key. /proc names where the process sleeps; without it, go on.
    """
    import time

    give_up = time.monotonic() + 30  # a hang guard only
    while time.monotonic() < give_up:
        try:
            where = Path(f"/proc/{pid}/wchan").read_text()
        except OSError:
            return
        if where in ("wait_woken", "n_tty_read"):
            return
        time.sleep(0.01)


def test_ctrl_c_at_new_prompt_is_an_interruption_and_writes_nothing(tmp_path: Path) -> None:
    import os
    import signal
    import sys

    import pexpect

    source = tmp_path / "plain.txt"
    source.write_text(WIRE, encoding="utf-8")

    def default_sigint() -> None:  # the test runner may ignore SIGINT; a user's shell does not
        signal.signal(signal.SIGINT, signal.SIG_DFL)

    child = pexpect.spawn(
        sys.executable,
        ["-m", "newsquiz", "new", str(source), "--out", str(tmp_path / "o")],
        env=dict(os.environ, TERM="dumb", NO_COLOR="1"),
        encoding="utf-8",
        timeout=60,  # a hang guard only; the machine may be busy
        preexec_fn=default_sigint,
    )
    child.expect_exact("Title (the headline): ")  # the prompt itself, not the message before it
    wait_until_reading(child.pid)
    child.sendintr()
    child.expect("interrupted; nothing was written")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert not (tmp_path / "o").exists()


def test_an_article_too_short_for_an_example_gets_an_empty_list(
    cli: CliInvoke, tmp_path: Path
) -> None:
    source = tmp_path / "short.txt"
    source.write_text("Hi.\n", encoding="utf-8")
    made = cli(
        "new", str(source), "--title", "T", "--published", "2025-01-01", "--out", str(tmp_path)
    )
    assert "next: add claims (no sentence could serve as an example quote)" in made.stdout
    text = (tmp_path / "t-2025-01-01.yaml").read_text(encoding="utf-8")
    assert "claims: []" in text
    assert "no claims yet" in cli("validate", str(tmp_path / "t-2025-01-01.yaml")).stderr
