"""Shell completion offers commands, claim ids, question ids and tags (Typer's, run for real)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest


def complete(words: str) -> list[str]:
    parts = words.split(" ")
    env = {
        **os.environ,
        "_NEWSQUIZ_COMPLETE": "complete_bash",
        "COMP_WORDS": words,
        "COMP_CWORD": str(len(parts) - 1),
    }
    out = subprocess.run(
        [sys.executable, "-m", "newsquiz"],
        env=env,
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
    )
    return out.stdout.split()


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("newsquiz rev", ["review"]),
        ("newsquiz show oil", ["oil-buyers", "oil-share-source"]),
        ("newsquiz check trip", ["trip-length:tf", "trip-length:mc"]),
        ("newsquiz claims --tag en", ["energy"]),
        # Bash splits words at ':' (COMP_WORDBREAKS) and replaces only what follows it.
        ("newsquiz check trip-length :", ["tf", "mc"]),
        ("newsquiz check trip-length : m", ["mc"]),
        ("newsquiz export --to c", ["claimreview", "csv"]),
        ("newsquiz export --to markdown --kind ", ["tf", "mc", "all"]),
        ("newsquiz quiz -k m", ["mc"]),
    ],
)
def test_completion(words: str, expected: list[str]) -> None:
    assert complete(words) == expected


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_completion_in_a_real_interactive_bash(tmp_path: Path) -> None:
    """Bash itself splits the line, calls the script `newsquiz --install-completion` installs,
    and edits the line with the answers. About 4 s: every TAB runs newsquiz once."""
    import pexpect

    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    shim = bin_dir / "newsquiz"
    shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m newsquiz "$@"\n')
    shim.chmod(0o755)
    env = {**os.environ, "PATH": f"{bin_dir}:{os.environ['PATH']}", "PS1": "$ "}
    env.update({"TERM": "dumb", "INPUTRC": "/dev/null", "HOME": str(tmp_path)})
    script = subprocess.run(
        [str(shim)],
        env={**env, "_NEWSQUIZ_COMPLETE": "source_bash"},
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    (tmp_path / "completion.bash").write_text(script)
    bash = pexpect.spawn(
        "bash", ["--norc", "--noprofile", "-i"], env=env, encoding="utf-8", timeout=30
    )
    try:
        bash.sendline(f"source {tmp_path / 'completion.bash'}; cd {tmp_path}")
        bash.expect_exact("$ ")
        bash.send("newsquiz check trip-length:t\t")
        bash.expect_exact("trip-length:tf ")  # one answer: bash finished the word
        bash.send("\x15")  # Ctrl-U: a fresh line
        bash.send("newsquiz check trip-length:\t\t")
        bash.expect(r"mc\s+tf")  # two answers, listed without the part before ':'
        bash.send("\x15newsquiz export --to c\t\t")
        bash.expect(r"claimreview\s+csv")
        assert "bin/" not in (bash.before or "")  # no file names offered instead
    finally:
        bash.close(force=True)
