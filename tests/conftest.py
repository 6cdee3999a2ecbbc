"""Shared fixtures: isolated user folders, small banks written on the fly, a CLI runner."""

from __future__ import annotations

import hashlib
import os
import shutil
import sys
import tempfile
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import settings
from typer.testing import CliRunner, Result

from newsquiz.cli import app

ARTICLE = """\
The city council voted on Monday to reopen the Riverside library on 3 June.

The renovation cost 2.1 million euros, the mayor said. Work began in 2019.

Critics called the cost “too high” — but the U.S. firm that did the work disagreed.
"""

CLAIMS = """\
  - id: reopen-date
    claim: The library will reopen in June.
    verdict: supported
    evidence: ["reopen the Riverside library on 3 June"]
    tags: [dates]
    choice:
      question: When will the library reopen?
      answer: 3 June
      distractors: [3 July, 13 June, 30 June]
  - id: cost
    claim: The renovation cost 12 million euros.
    verdict: refuted
    evidence: ["The renovation cost 2.1 million euros"]
    correction: It cost 2.1 million euros.
    change: number
    tags: [numbers]
  - id: critics-firm
    claim: The firm was fined for the overrun.
    verdict: not-stated
    evidence: ["the U.S. firm that did the work disagreed"]
    tags: [numbers]
"""


# No timing assertions anywhere: hypothesis's per-example deadline is one, and it fails on a
# loaded machine. Tests that set their own settings say deadline=None too.
settings.register_profile("newsquiz", deadline=None)
settings.load_profile("newsquiz")

# The whole session runs with HOME, the XDG folders and NEWSQUIZ_DB pointed at a temporary
# folder, set in pytest_configure: before any test module is imported and before any fixture of
# any scope runs (a module-scoped fixture that loads a bank writes the bank cache). The real
# user folders are listed at the start and compared at the end; any change fails the run.
USER_ENV = ("HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME")
Snapshot = dict[str, tuple[int, int]]
SESSION_KEY = pytest.StashKey[tuple[list[Path], Snapshot, Path, dict[str, str | None]]]()


def real_user_folders() -> list[Path]:
    """The folders newsquiz would write under the real user's account."""
    import platformdirs

    home = Path.home()
    return sorted(
        {
            home / ".cache" / "newsquiz",
            home / ".local" / "share" / "newsquiz",
            platformdirs.user_cache_path("newsquiz", appauthor=False),
            platformdirs.user_data_path("newsquiz", appauthor=False),
        }
    )


def snapshot(folders: list[Path]) -> Snapshot:
    """Every file and folder under the given folders, with its mtime and size."""
    found: Snapshot = {}
    for top in folders:
        if not top.exists():
            continue
        for root, dirs, files in os.walk(top):
            for name in [*dirs, *files, ""]:
                path = Path(root) / name
                try:
                    st = path.lstat()
                except OSError:
                    continue
                found[str(path)] = (st.st_mtime_ns, st.st_size)
    return found


def changes(before: Snapshot, after: Snapshot) -> list[str]:
    """What differs between two snapshots, one line per path."""
    lines = [f"added {p}" for p in sorted(after.keys() - before.keys())]
    lines += [f"removed {p}" for p in sorted(before.keys() - after.keys())]
    lines += [f"changed {p}" for p in sorted(before.keys() & after.keys()) if before[p] != after[p]]
    return lines


def pytest_configure(config: pytest.Config) -> None:
    """Isolate the whole session from the real user folders, and list them first."""
    folders = real_user_folders()
    fake = Path(tempfile.mkdtemp(prefix="newsquiz-tests-"))
    saved = {key: os.environ.get(key) for key in (*USER_ENV, "NEWSQUIZ_DB")}
    config.stash[SESSION_KEY] = (folders, snapshot(folders), fake, saved)
    os.environ["HOME"] = str(fake / "home")
    os.environ["XDG_DATA_HOME"] = str(fake / "data")
    os.environ["XDG_CACHE_HOME"] = str(fake / "cache")
    os.environ["XDG_CONFIG_HOME"] = str(fake / "config")
    os.environ["XDG_STATE_HOME"] = str(fake / "state")
    os.environ["NEWSQUIZ_DB"] = str(fake / "history.sqlite3")
    (fake / "home").mkdir()


# Under mutmut (scripts/mutation) each mutant runs the tests that cover its function, in file
# order, stopping at the first failure. Most of the suite loads a bank and so covers the
# validator and the text helpers: running the module's own test files first lets a mutant die
# in a second instead of after every earlier file. The order changes how soon, never whether.
MUTATION_FIRST = {
    "quiz": ("test_quiz", "test_grading", "test_engine", "test_study"),
    "schedule": ("test_schedule", "test_fsrs_reviews"),
    "store": ("test_store", "test_faults", "test_progress"),
    "text": ("test_text", "test_quote_differences", "test_anchoring", "test_search"),
    "validate": ("test_validate", "test_anchoring", "test_bank", "test_schema"),
}


def mutation_rank(mutant: str, test_file: str) -> int:
    """0 for a test file of the mutated module, 1 for any other (a stable sort keeps order)."""
    parts = mutant.split(".")
    first = MUTATION_FIRST.get(parts[1], ()) if len(parts) > 2 else ()
    return 0 if test_file.startswith(first) else 1


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    mutant = os.environ.get("MUTANT_UNDER_TEST", "")
    if mutant.startswith("newsquiz."):
        items.sort(key=lambda item: mutation_rank(mutant, item.path.name))


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Fail the run when anything under the real user folders changed while it ran."""
    stashed = session.config.stash.get(SESSION_KEY, None)
    if stashed is None:
        return
    folders, before, fake, saved = stashed
    found = changes(before, snapshot(folders))
    shutil.rmtree(fake, ignore_errors=True)
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value
    if found:
        sys.stderr.write(
            "\nthe test run changed the real user folders:\n"
            + "".join(f"  {line}\n" for line in found)
        )
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


@pytest.fixture(autouse=True)
def isolated_user_folders(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Path]:
    """Each test gets its own history and cache folders, fresh and empty."""
    home = tmp_path_factory.mktemp("user")
    (home / "home").mkdir()
    monkeypatch.setenv("NEWSQUIZ_DB", str(home / "history.sqlite3"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.setenv("HOME", str(home / "home"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    for var in ("NEWSQUIZ_BANK", "NEWSQUIZ_NOW", "NEWSQUIZ_NO_CACHE", "NEWSQUIZ_MAX_BYTES"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("TERM", "dumb")
    monkeypatch.setenv("COLUMNS", "100")
    yield home


BankFactory = Callable[..., Path]


@pytest.fixture
def make_bank(tmp_path: Path) -> BankFactory:
    """Write a bank and its article into a folder; return the bank's path."""
    counter = iter(range(1000))

    def make(
        claims: str = CLAIMS,
        *,
        article: str = ARTICLE,
        header: str | None = None,
        article_id: str = "library-2024",
        name: str | None = None,
        raw: str | None = None,
    ) -> Path:
        folder = tmp_path / f"bank{next(counter)}"
        folder.mkdir()
        (folder / "article.txt").write_text(article, encoding="utf-8")
        sha = hashlib.sha256(article.encode()).hexdigest()
        if header is None:
            header = textwrap.dedent(f"""\
                format: newsquiz/1
                article:
                  id: {article_id}
                  title: The library reopens
                  published: 2024-05-01
                  text: article.txt
                  sha256: {sha}
                """)
        path = folder / (name or f"{article_id}.yaml")
        path.write_text(
            raw
            if raw is not None
            else header
            + "claims:"
            + ("" if claims.startswith("[") else "\n")
            + (" " if claims.startswith("[") else "")
            + claims,
            encoding="utf-8",
        )
        return path

    return make


CliInvoke = Callable[..., Result]


@pytest.fixture
def cli() -> CliInvoke:
    """Run newsquiz in-process; any crash fails the test, and so does a missed exit code."""

    def invoke(*args: str, input: str | bytes | None = None, code: int | None = 0) -> Result:
        result = CliRunner().invoke(app, list(args), input=input)
        crashed = result.exception is not None and not isinstance(result.exception, SystemExit)
        if crashed or (code is not None and result.exit_code != code):
            print("stdout:", result.stdout)
            print("stderr:", result.stderr)
        if crashed:
            # CliRunner turns a crash into exit 1, which is also the code of a wrong answer: a
            # traceback must never pass for a negative outcome.
            assert result.exception is not None
            raise result.exception
        if code is not None and result.exit_code != code:
            raise AssertionError(f"exit {result.exit_code}, expected {code}")
        return result

    return invoke
