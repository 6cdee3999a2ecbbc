"""scripts/mutation: how it names functions, matches equivalents and scores a run.

The run itself takes half an hour and is done by hand; these tests keep the arithmetic, the
equivalents file and the README's commands honest without running mutmut.
"""

from __future__ import annotations

import importlib.machinery
import importlib.util
import re
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "mutation"


def load_script() -> ModuleType:
    loader = importlib.machinery.SourceFileLoader("mutation_script", str(SCRIPT))
    spec = importlib.util.spec_from_loader("mutation_script", loader)
    assert spec is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["mutation_script"] = module
    loader.exec_module(module)
    return module


mutation = load_script()


def mutant(name: str, status: str, plus: str = "") -> Any:
    path = "src/newsquiz/" + name.split(".")[1] + ".py"
    diff = f"--- {path}\n+++ {path}\n@@ -1 +1 @@\n-    old\n+    {plus}" if plus else ""
    return mutation.Mutant(name, path, mutation.function_of(name), status, diff)


def test_function_names_from_mutant_names() -> None:
    assert mutation.function_of("newsquiz.quiz.x_grade__mutmut_3") == "grade"
    assert (
        mutation.function_of("newsquiz.validate.xǁ_Anchorǁoccurrences__mutmut_12")
        == "_Anchor.occurrences"
    )


def test_the_equivalents_file_is_well_formed() -> None:
    entries = mutation.read_equivalents()
    for e in entries:
        assert (ROOT / e.path).is_file(), e
        assert len(e.why) >= 20, f"line {e.line}: say why the mutant changes nothing"


def test_score_leaves_out_listed_equivalents_and_reports_stale_entries(
    capsys: pytest.CaptureFixture[str],
) -> None:
    mutants = [
        mutant("newsquiz.quiz.x_grade__mutmut_1", "killed"),
        mutant("newsquiz.quiz.x_grade__mutmut_2", "killed"),
        mutant("newsquiz.quiz.x_grade__mutmut_3", "timeout"),
        mutant("newsquiz.quiz.x_grade__mutmut_4", "survived", "return None"),
        mutant("newsquiz.quiz.x_grade__mutmut_5", "survived", "x = 2"),
        mutant("newsquiz.quiz.x_grade__mutmut_6", "no tests", "x = 3"),
    ]
    path = "src/newsquiz/quiz.py"
    equivalents = [
        mutation.Equivalent(5, path, "grade", "x = 2", "the value is overwritten before use"),
        mutation.Equivalent(6, path, "grade", "x = 9", "matches nothing any more"),
    ]
    status = mutation.report(mutants, equivalents, goal=60.0)
    out = capsys.readouterr().out
    # 3 detected of 6, one listed as equivalent: 3 of 5.
    assert "mutation score: 60.0% of 5 non-equivalent mutants (goal 60%)" in out
    assert "mutants: 6, killed: 3, equivalent (listed): 1 (0 of them by the rule" in out
    assert "SQL ignores case), surviving: 2" in out
    assert (
        "--- newsquiz.quiz.x_grade__mutmut_4 (survived)\n@@ -1 +1 @@\n-    old\n+    return None"
        in out
    )
    assert "--- newsquiz.quiz.x_grade__mutmut_6 (no tests)" in out
    assert "x_grade__mutmut_5" not in out
    assert "stale entry, line 6: matches no mutant (src/newsquiz/quiz.py grade)" in out
    assert status == 0
    assert mutation.report(mutants, equivalents, goal=60.1) == 1


def test_an_equivalent_that_is_killed_is_stale(capsys: pytest.CaptureFixture[str]) -> None:
    m = mutant("newsquiz.quiz.x_grade__mutmut_1", "killed")
    m = mutation.Mutant(m.name, m.path, m.function, m.status, "+    x = 2")
    entry = mutation.Equivalent(3, m.path, "grade", "x = 2", "claimed equivalent, yet killed")
    mutation.report([m], [entry], goal=90.0)
    out = capsys.readouterr().out
    assert "line 3: newsquiz.quiz.x_grade__mutmut_1 is killed, so it is not equivalent" in out
    assert "mutation score: 100.0% of 1 non-equivalent mutants" in out


def test_the_readme_commands_use_flags_the_script_has() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = re.findall(r"^scripts/mutation.*$", readme, re.MULTILINE)
    assert len(commands) == 4
    help_text = subprocess.run(
        [sys.executable, str(SCRIPT), "--help"], capture_output=True, text=True, check=True
    ).stdout
    for command in commands:
        for flag in re.findall(r"--[a-z-]+", command.split("#")[0]):
            assert flag in help_text, (command, flag)
    assert "mutation = [" in (ROOT / "pyproject.toml").read_text(encoding="utf-8")


def test_only_sql_text_in_the_store_is_case_free() -> None:
    words = mutation.sql_words()
    assert {"select", "answers", "fingerprint", "lapses"} <= words

    def case_mutant(path: str, before: str, after: str) -> Any:
        diff = f"--- {path}\n+++ {path}\n@@ -1 +1 @@\n-{before}\n+{after}"
        return mutation.Mutant("newsquiz.x.x_f__mutmut_1", path, "f", "survived", diff)

    store = "src/newsquiz/store.py"
    sql = case_mutant(store, '    "SELECT due FROM cards"', '    "select due from cards"')
    assert mutation.sql_case_only(sql, words)
    message = case_mutant(store, '    "the disk is full"', '    "THE DISK IS FULL"')
    assert not mutation.sql_case_only(message, words)
    elsewhere = case_mutant("src/newsquiz/validate.py", '    "id"', '    "ID"')
    assert not mutation.sql_case_only(elsewhere, words)
    changed = case_mutant(store, '    "SELECT due FROM cards"', '    "SELECT due FROM answers"')
    assert not mutation.sql_case_only(changed, words)


def test_mutants_not_tested_yet_are_left_out_and_counted(
    capsys: pytest.CaptureFixture[str],
) -> None:
    mutants = [
        mutant("newsquiz.quiz.x_grade__mutmut_1", "killed"),
        mutant("newsquiz.quiz.x_grade__mutmut_2", "survived", "x = 1"),
        mutant("newsquiz.quiz.x_grade__mutmut_3", "not checked", "x = 2"),
        mutant("newsquiz.quiz.x_grade__mutmut_4", "not checked", "x = 3"),
    ]
    path = "src/newsquiz/quiz.py"
    equivalent = mutation.Equivalent(4, path, "grade", "x = 2", "a reason long enough to pass")
    assert mutation.report(mutants, [equivalent], goal=50.0) == 0
    out = capsys.readouterr().out
    # mutmut_3 is named equivalent and was skipped: left out as named, not as untested
    assert "equivalent (listed): 1 (0 of them" in out
    assert "equivalents not run (--skip-equivalents): 1; they are left out as named" in out
    assert "not tested yet: 1 (the run was stopped); the score counts the others" in out
    assert "mutation score: 50.0% of 2 non-equivalent mutants" in out
    assert "x_grade__mutmut_3" not in out and "x_grade__mutmut_4" not in out
    assert "stale entry" not in out


def test_skipping_equivalents_tests_only_the_others() -> None:
    path = "src/newsquiz/quiz.py"
    mutants = [
        mutant("newsquiz.quiz.x_grade__mutmut_1", "killed"),
        mutant("newsquiz.quiz.x_grade__mutmut_2", "not checked", "x = 2"),
        mutant("newsquiz.quiz.x_grade__mutmut_3", "survived", "x = 3"),
        mutant("newsquiz.schedule.x_next__mutmut_1", "not checked", "y = 1"),
    ]
    equivalent = mutation.Equivalent(4, path, "grade", "x = 2", "a reason long enough to pass")
    # killed already: not again; named equivalent: not at all
    assert mutation.to_test(mutants, [], [equivalent]) == [
        "newsquiz.quiz.x_grade__mutmut_3",
        "newsquiz.schedule.x_next__mutmut_1",
    ]
    assert mutation.to_test(mutants, ["newsquiz.quiz.*"], [equivalent]) == [
        "newsquiz.quiz.x_grade__mutmut_3",
    ]
    store = "src/newsquiz/store.py"
    diff = f"--- {store}\n+++ {store}\n@@ -1 +1 @@\n"
    diff += '-    "SELECT due FROM cards"\n+    "select due from cards"'
    sql = mutation.Mutant("newsquiz.store.x_f__mutmut_1", store, "f", "not checked", diff)
    assert mutation.to_test([sql], [], []) == []


def test_under_mutmut_the_mutated_modules_tests_run_first() -> None:
    from .conftest import MUTATION_FIRST, mutation_rank

    assert (
        mutation_rank("newsquiz.validate.xǁ_Anchorǁlocate__mutmut_3", "test_validate_rules.py") == 0
    )
    assert mutation_rank("newsquiz.validate.x_check_text__mutmut_1", "test_anchoring.py") == 0
    assert mutation_rank("newsquiz.validate.x_check_text__mutmut_1", "test_cli.py") == 1
    assert mutation_rank("newsquiz.store.x__probe__mutmut_1", "test_store_files.py") == 0
    assert mutation_rank("newsquiz.store.x__probe__mutmut_1", "test_validate_rules.py") == 1
    assert mutation_rank("stats", "test_store.py") == 1  # mutmut's own runs keep file order
    # every prefix still names test files, and every mutated module has its own
    files = [p.name for p in (ROOT / "tests").glob("test_*.py")]
    for module, prefixes in MUTATION_FIRST.items():
        assert (ROOT / "src" / "newsquiz" / f"{module}.py").is_file()
        for prefix in prefixes:
            assert any(f.startswith(prefix) for f in files), prefix
    only = re.search(r"only_mutate = \[(.*?)\]", (ROOT / "pyproject.toml").read_text(), re.S)
    assert only is not None
    mutated = re.findall(r'"src/newsquiz/(\w+)\.py"', only.group(1))
    assert sorted(mutated) == sorted(MUTATION_FIRST)
