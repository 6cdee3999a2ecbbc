"""Shell completion offers commands, claim ids, question ids and tags (Typer's, run for real)."""

from __future__ import annotations

import os
import subprocess
import sys

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
    ],
)
def test_completion(words: str, expected: list[str]) -> None:
    assert complete(words) == expected
