"""A study session from first question to exit code, shared by the CLI and the Python API.

`study` asks every question through an answer source, grades each answer, records it, shows the
feedback, and decides how the session ended. It never prints and never imports a view: the
caller passes in how to show a result, how to pause between questions and how to warn. A
signal handler ends a session the way Ctrl-C does by raising `SessionEnded` with its exit code.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .errors import NewsquizError
from .session import AnswerSource, Report, run_session

if TYPE_CHECKING:
    from .quiz import Result, Session
    from .recorder import AnswerRecorder

INTERRUPTED = 130


class SessionEnded(Exception):
    """Ends a session early, as Ctrl-C does: the answers so far are kept and summed up.

    Raise it from a signal handler (SIGTERM: 143, SIGHUP: 129) or from a prompt (q, Esc).
    """

    def __init__(self, exit_code: int = INTERRUPTED, reason: str = "interrupted") -> None:
        super().__init__(reason)
        self.exit_code = exit_code
        self.reason = reason


def _nothing(*args: object) -> None:
    """The default hook: do nothing."""


@dataclass(frozen=True)
class Hooks:
    """How a caller takes part in a session; each hook defaults to doing nothing.

    - `show(result, number)`: show the feedback on one answer.
    - `pause()`: between questions, after the feedback (never after the last one).
    - `warn(message)`: a one-line note for stderr, without the program name.
    - `extra(result, number)`: per-answer additions passed to the recorder (e.g. confidence).
    """

    show: Callable[[Result, int], None] = _nothing
    pause: Callable[[], None] = _nothing
    warn: Callable[[str], None] = _nothing
    extra: Callable[[Result, int], Mapping[str, object] | None] = lambda result, number: None


@dataclass(frozen=True)
class Outcome:
    """How a session ended: its report, the exit code, and notes to print after the report."""

    report: Report
    exit_code: int = 0
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def interrupted(self) -> bool:
        """Whether the session was ended early (Ctrl-C, Ctrl-D, a signal)."""
        return self.exit_code not in (0, 1)


def study(
    session: Session,
    source: AnswerSource,
    recorder: AnswerRecorder,
    hooks: Hooks = Hooks(),
    *,
    fail_under: float | None = None,
    leftover: Callable[[], int] | None = None,
) -> Outcome:
    """Run a session to its end and close the recorder.

    Ctrl-C, Ctrl-D at a prompt and `SessionEnded` end the session early: the answers given so
    far stay recorded and the outcome carries exit code 130 (or the signal's). A bad answer or
    a history database that stops working raises its `NewsquizError` after the recorder is
    closed. `leftover()`, when given, counts the answers the source holds past the last
    question, for a warning. `fail_under` turns a low score into exit code 1.
    """
    total = len(session.questions)
    report = Report(session.seed, total)

    def record(result: Result) -> None:
        recorder.record(result, hooks.extra(result, report.answered + 1))

    def on_result(result: Result, number: int) -> None:
        hooks.show(result, number)
        if number < total:
            hooks.pause()

    try:
        run_session(session, source, on_result, report, record=record)
        if report.answered < report.total:
            hooks.warn(
                f"the answers ran out after {report.answered} of "
                f"{report.total} questions; the rest count as not answered."
            )
        elif leftover is not None:
            extra = leftover()
            if extra:
                hooks.warn(f"ignored {extra} answer line(s) after the last question.")
    except (KeyboardInterrupt, EOFError, SessionEnded) as exc:  # Ctrl-C, Ctrl-D, a signal
        recorder.close(report)
        code = exc.exit_code if isinstance(exc, SessionEnded) else INTERRUPTED
        reason = exc.reason if isinstance(exc, SessionEnded) else "interrupted"
        return Outcome(report, code, (f"{reason}; the answers given so far are kept.",))
    except NewsquizError:  # a bad answer line, or a history database that stopped working
        recorder.close(report)
        if report.answered:
            hooks.warn(f"{report.answered} answer(s) before this one were graded and kept.")
        raise
    except BaseException:  # output that failed (a closed pipe, a full disk, a lost terminal)
        recorder.close(report)  # the session still ends in the history, with what was kept
        raise
    recorder.close(report)
    if fail_under is not None and report.score < fail_under:
        return Outcome(
            report, 1, (f"score {report.score:g}% is under --fail-under {fail_under:g}%",)
        )
    return Outcome(report)
