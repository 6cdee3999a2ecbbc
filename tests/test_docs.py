"""The README keeps up with the code: every command, option variable and set-up command."""

from __future__ import annotations

import re
from pathlib import Path

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
