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

from .errors import NewsquizError, UsageError
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

    - `show(result, number)`: show the feedback on one answer, when the session reveals it
      (after the answer, or after a later question when their evidence is shared).
    - `pause()`: between questions, after feedback was shown (never after the last one).
    - `warn(message)`: a one-line note for stderr, without the program name.
    - `extra(result, number)`: per-answer additions passed to the recorder (e.g. confidence).
    - `held(number, after)`: the feedback on question `number` waits until question `after`
      (its evidence would settle a question still to come, or `--reveal end`).
    """

    show: Callable[[Result, int], None] = _nothing
    pause: Callable[[], None] = _nothing
    warn: Callable[[str], None] = _nothing
    extra: Callable[[Result, int], Mapping[str, object] | None] = lambda result, number: None
    held: Callable[[int, int], None] = _nothing


@dataclass(frozen=True)
class Outcome:
    """How a session ended: its report, the exit code, notes to print after the report (the
    first is the error, when there is one) and what comes next, as a sentence."""

    report: Report
    exit_code: int = 0
    notes: tuple[str, ...] = field(default_factory=tuple)
    next_step: str | None = None

    @property
    def interrupted(self) -> bool:
        """Whether the session was ended early (Ctrl-C, Ctrl-D, a signal, q or Esc)."""
        return self.exit_code not in (0, 1, 2)


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
    far stay recorded and the outcome carries exit code 130 (or the signal's). A bad answer, an
    answer source with no answers at all, or a history database that stops working ends it with
    that error's exit code (2): the report holds the error and what was graded before it.
    `leftover()`, when given, counts the answers the source holds past the last question, for
    a warning. `fail_under` turns a low score into exit code 1.
    """
    total = len(session.questions)
    report = Report(session.seed, total)
    so_far = (
        "the answers given so far are kept" if recorder.saves else "nothing was saved (--no-save)"
    )
    kept = " and kept" if recorder.saves else ""

    def record(result: Result) -> None:
        recorder.record(result, hooks.extra(result, report.answered + 1))

    held: list[tuple[int, Result]] = []

    def on_result(result: Result, number: int) -> None:
        held.append((number, result))
        if session.reveal_after(number - 1) > number:
            hooks.held(number, session.reveal_after(number - 1))
        due = [(n, r) for n, r in held if session.reveal_after(n - 1) <= number]
        for item in due:
            held.remove(item)
            hooks.show(item[1], item[0])
        if due and number < total:
            hooks.pause()

    try:
        run_session(session, source, on_result, report, record=record)
        if report.answered == 0 and total:
            where = getattr(source, "name", "the answer source")
            raise UsageError(f"{where}: no answers in it; give one answer a line")
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
        said = so_far if report.answered else "no answer was given"
        return Outcome(report, code, (f"{reason}; {said}.",), _next(report, recorder))
    except NewsquizError as exc:  # a bad answer line, or a history database that stopped working
        recorder.close(report)
        report.error = str(exc)
        notes = [str(exc)]
        if report.answered:
            notes.append(f"{report.answered} answer(s) before this one were graded{kept}.")
        return Outcome(report, exc.exit_code, tuple(notes), _next(report, recorder))
    except BaseException:  # output that failed (a closed pipe, a full disk, a lost terminal)
        recorder.close(report)  # the session still ends in the history, with what was kept
        raise
    recorder.close(report)
    if fail_under is not None and report.score < fail_under:
        return Outcome(
            report,
            1,
            (f"score {report.score:g}% is under --fail-under {fail_under:g}%",),
            _next(report, recorder),
        )
    return Outcome(report, next_step=_next(report, recorder))


def _next(report: Report, recorder: AnswerRecorder) -> str | None:
    from .clock import now

    return next_step(report, recorder.saves, recorder.due, int(now().timestamp()))


def next_step(report: Report, saved: bool, due: Mapping[str, int], now: int) -> str | None:
    """What comes after a session, as a sentence: when the misses come back for review."""
    if not report.answered:
        return None
    if not saved:
        return "Nothing was saved (--no-save), so this session will not come back for review."
    misses = [r.question.id for r in report.results if not r.correct]
    if misses:
        first = min(due.get(q, now) for q in misses)
        which = "1 miss comes" if len(misses) == 1 else f"{len(misses)} misses come"
        return f"{which} back {_when(first, now)}: newsquiz review"
    first = min(due.values(), default=now)
    return f"Every answer right; these come back {_when(first, now)}: newsquiz review"


def _when(moment: int, now: int) -> str:
    hours = (moment - now) / 3600
    if hours < 1:
        return "within the hour"
    if hours < 20:
        return f"in {round(hours)} hours"
    if hours < 36:
        return "tomorrow"
    return f"in {round(hours / 24)} days"
