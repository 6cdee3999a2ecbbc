"""The test session itself: it never touches the real user folders, and fails if anything does.

Each test runs an inner pytest session with this project's conftest, in a subprocess whose
"real" HOME is a temporary folder, so the check can be watched catching a write.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

pytest_plugins = ["pytester"]

CONFTEST = (Path(__file__).parent / "conftest.py").read_text(encoding="utf-8")


def inner_session(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch, test: str
) -> tuple[pytest.RunResult, Path]:
    """Run one inner test file under our conftest with a fresh "real" HOME."""
    home = pytester.path / "real-home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    for var in ("XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.delenv("NEWSQUIZ_DB", raising=False)
    monkeypatch.setenv("OUTER_HOME", str(home))
    pytester.makeconftest(CONFTEST)
    pytester.makepyfile(test_inner=textwrap.dedent(test))
    return pytester.runpytest_subprocess("-p", "no:cacheprovider", "-q"), home


def test_a_module_fixture_that_loads_the_library_stays_isolated(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    result, home = inner_session(
        pytester,
        monkeypatch,
        """
        import os
        from pathlib import Path

        import pytest
        from typer.testing import CliRunner

        from newsquiz.bank import load_library
        from newsquiz.cli import app


        @pytest.fixture(scope="module")
        def shipped():
            # Module-scoped fixtures run before any function-scoped one: both of these write,
            # the bank cache and the history, and must land in the temporary folders.
            args = ["quiz", "--answers", "-", "--count", "1", "--kind", "tf"]
            assert CliRunner().invoke(app, args, input="t\\n").exit_code in (0, 1)
            return load_library()


        def test_cache_and_history_go_to_the_temp_folders(shipped):
            assert shipped.claims
            assert Path.home() != Path(os.environ["OUTER_HOME"])
        """,
    )
    assert result.ret == 0, result.stdout.str() + result.stderr.str()
    assert list(home.iterdir()) == []


def test_a_write_to_the_real_user_folders_fails_the_run(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    result, home = inner_session(
        pytester,
        monkeypatch,
        """
        import os
        from pathlib import Path


        def test_writes_where_it_must_not():
            cache = Path(os.environ["OUTER_HOME"]) / ".cache" / "newsquiz"
            cache.mkdir(parents=True)
            (cache / "stray.json").write_text("{}")
        """,
    )
    assert result.ret == pytest.ExitCode.TESTS_FAILED
    err = result.stderr.str()
    assert "the test run changed the real user folders:" in err
    assert f"added {home}/.cache/newsquiz/stray.json" in err
