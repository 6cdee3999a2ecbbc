"""The README keeps up with the code: every command, variable and set-up command, and every
example meant to run runs, as written, on the shipped bank."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

from newsquiz.cli import COMMANDS

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_command_is_documented() -> None:
    for command in COMMANDS:
        assert f"`newsquiz {command}" in README, command


def test_every_environment_variable_is_documented() -> None:
    names = set()
    for path in (ROOT / "src" / "newsquiz").rglob("*.py"):
        names.update(re.findall(r'"(NEWSQUIZ_[A-Z_]+)"', path.read_text(encoding="utf-8")))
    assert names >= {"NEWSQUIZ_BANK", "NEWSQUIZ_DB", "NEWSQUIZ_MAX_BYTES"}
    for name in names:
        assert f"`{name}`" in README, name


def test_the_two_set_up_commands_are_there() -> None:
    assert "pip install . && newsquiz quiz" in README
    assert "pip install -e '.[test]' && scripts/check" in README
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "pip install --quiet -e '.[test]'" in ci and "scripts/check" in ci


FENCE = re.compile(r"^```(\w*)\n(.*?)^```$", re.S | re.M)
# Blocks that are not run, each for a reason: they install, open an editor or change the shell.
NOT_RUN = {
    "python3 -m venv .venv": "installs from the network",
    ". .venv/bin/activate && pip install": "installs from the network",
    "newsquiz new article.txt": "opens $EDITOR on purpose: a person writes the bank",
    "newsquiz --install-completion": "changes the user's shell start-up files",
}


def blocks(language: str) -> list[str]:
    """The README's fenced blocks in one language, as written."""
    return [body for lang, body in FENCE.findall(README) if lang == language]


def runnable(language: str) -> list[str]:
    return [b for b in blocks(language) if not any(b.startswith(k) for k in NOT_RUN)]


def run_shell(body: str, folder: Path, env_extra: dict[str, str] | None = None) -> Any:
    env = {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
        "TERM": "dumb",
        **(env_extra or {}),
    }
    script = folder / "block.sh"
    script.write_text(body, encoding="utf-8")
    return subprocess.run(
        ["bash", str(script)], cwd=folder, env=env, capture_output=True, text=True, timeout=120
    )


def test_every_block_is_run_or_named_as_not_run() -> None:
    skipped = [b for b in blocks("sh") if any(b.startswith(k) for k in NOT_RUN)]
    assert len(skipped) == len(NOT_RUN)  # a renamed block must not slip out of the tests
    assert len(runnable("sh")) >= 2 and len(runnable("python")) >= 1


def test_the_tour_commands_run_as_written(tmp_path: Path) -> None:
    # About 5 s: each line starts the real installed program, as a reader's shell would.
    (tour,) = [b for b in runnable("sh") if b.startswith("newsquiz claims")]
    done = run_shell("set -e\n" + tour, tmp_path)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr


def test_the_study_script_runs_as_written_and_fails_under_80(tmp_path: Path) -> None:
    (script,) = [b for b in runnable("sh") if b.startswith("#!/bin/sh")]
    done = run_shell(script, tmp_path)
    report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert report["total"] == report["answered"] == 10
    assert len((tmp_path / "answers.txt").read_text().split()) == 10
    if report["score"] < 80:
        assert done.returncode == 1 and "under --fail-under 80%" in done.stderr
        assert not (tmp_path / "due.txt").exists()  # set -e stopped the script there
    else:
        assert done.returncode == 0 and (tmp_path / "due.txt").exists()


def test_the_study_script_fails_when_the_score_is_low(tmp_path: Path) -> None:
    from newsquiz.api import ListAnswers, load, run_session, session

    (script,) = [b for b in runnable("sh") if b.startswith("#!/bin/sh")]
    library = load()
    seed = next(  # a seed whose first options score under 80%, so the script must fail
        s
        for s in range(100)
        if run_session(
            quiz := session(library, seed=s, count=10),
            ListAnswers([q.options[0].key for q in quiz.questions]),
        ).score
        < 80
    )
    shims = tmp_path / "bin"
    shims.mkdir()
    (shims / "date").write_text(f"#!/bin/sh\necho {seed}\n")
    (shims / "date").chmod(0o755)
    path = f"{shims}{os.pathsep}{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"
    done = run_shell(script, tmp_path, {"PATH": path})
    assert done.returncode == 1, done.stderr
    assert not (tmp_path / "due.txt").exists()


def test_the_python_examples_run_as_written(tmp_path: Path) -> None:
    for body in runnable("python"):
        done = subprocess.run(
            [sys.executable, "-c", body], cwd=tmp_path, capture_output=True, text=True, timeout=60
        )
        assert done.returncode == 0, done.stderr
        assert done.stdout.strip()
