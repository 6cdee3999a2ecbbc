"""Commands that ask questions: quiz, ask, check."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from contextlib import nullcontext, suppress
from typing import TYPE_CHECKING, Annotated, Any, BinaryIO

import typer

from ..errors import NewsquizError, UsageError
from . import (
    BankOption,
    CountOption,
    JsonOption,
    KindOption,
    SeedOption,
    TagOption,
    complete_questions,
    console,
    load,
    print_json,
    reports_errors,
    write_out,
)

if TYPE_CHECKING:
    from rich.console import Console

    from ..answers import StreamAnswers
    from ..bank import Library
    from ..quiz import Result, Session
    from ..session import AnswerSource, Report
    from ..study import SessionEnded

AnswersOption = Annotated[
    str | None,
    typer.Option(
        "--answers",
        "-a",
        help="Take answers one a line from FILE, or '-' for stdin, instead of asking.",
        show_default=False,
        metavar="FILE",
    ),
]
FailUnderOption = Annotated[
    float | None,
    typer.Option(
        "--fail-under",
        min=0,
        max=100,
        metavar="PCT",
        show_default=False,
        help="Exit 1 when the score (0-100) is below PCT.",
    ),
]
DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        metavar="PATH",
        help="History database (default: $NEWSQUIZ_DB, else history.sqlite3 "
        "in the user data folder).",
        show_default=False,
    ),
]
NoSaveOption = Annotated[bool, typer.Option("--no-save", help="Keep this session out of history.")]
ConfidenceOption = Annotated[
    bool | None,
    typer.Option(
        "--confidence/--no-confidence",
        help="After each answer, ask how sure you were (s/u/g, Enter skips); remembered "
        "for next time. Default: on.",
        show_default=False,
    ),
]
REVEALS = ("after", "end")
RevealOption = Annotated[
    str,
    typer.Option(
        "--reveal",
        metavar="WHEN",
        help="When to show each answer's evidence: 'after' each answer, or all at the 'end' "
        "(exam conditions).",
    ),
]


@reports_errors
def quiz(
    bank: BankOption = None,
    count: CountOption = None,
    kind: KindOption = "all",
    tag: TagOption = None,
    seed: SeedOption = None,
    answers: AnswersOption = None,
    as_json: JsonOption = False,
    fail_under: FailUnderOption = None,
    db: DbOption = None,
    no_save: NoSaveOption = False,
    confidence: ConfidenceOption = None,
    reveal: RevealOption = "after",
) -> None:
    """Take a quiz: after each answer, see the passage of the article that settles it."""
    from ..quiz import build_session

    library = load(bank)
    session = build_session(library.claims, seed=seed, count=count, kind=kind, tags=tag or ())
    run_and_report(
        library, session, answers, as_json, fail_under, db, no_save, "quiz", reveal, confidence
    )


def open_answers(answers: str) -> tuple[BinaryIO, str]:
    """Open an answers file, or stdin for '-'."""
    if answers == "-":
        return sys.stdin.buffer, "<stdin>"
    try:
        return open(answers, "rb"), answers
    except OSError as exc:
        raise UsageError(f"cannot read the answers file {answers}: {exc.strerror}") from None


MIN_WIDTH = 40


def run_and_report(
    library: Library,
    session: Session,
    answers: str | None,
    as_json: bool,
    fail_under: float | None,
    db: str | None,
    no_save: bool,
    mode: str,
    reveal: str = "after",
    confidence: bool | None = None,
) -> Report:
    """Run a session from prompts or an answers file, print its feedback and report, and exit."""
    from ..quiz import reveal_at_end
    from ..render import plain_quotes

    if reveal not in REVEALS:
        raise UsageError(f"--reveal must be one of {', '.join(REVEALS)}, not '{reveal}'")
    if reveal == "end":
        session = reveal_at_end(session)
    out = console()
    with plain_quotes(out):
        return _run(
            library,
            session,
            answers,
            as_json,
            fail_under,
            db,
            no_save,
            mode,
            out=out,
            every_answer=reveal == "end",
            confidence=confidence,
        )


def _run(
    library: Library,
    session: Session,
    answers: str | None,
    as_json: bool,
    fail_under: float | None,
    db: str | None,
    no_save: bool,
    mode: str,
    *,
    out: Console,
    every_answer: bool,
    confidence: bool | None = None,
) -> Report:
    from ..answers import StreamAnswers
    from ..prompt import PromptAnswers, is_interactive, stop_prompt
    from ..recorder import open_recorder
    from ..render import session_header, summary
    from ..study import Hooks, study
    from ..terminal import quiet_stdout, signals_end_session

    source: AnswerSource
    stream: BinaryIO | None = None
    prompts: PromptAnswers | None = None
    if answers is None:
        if not is_interactive():
            raise UsageError(
                "no terminal to ask questions in; give the answers with "
                "--answers FILE (one a line), or --answers - to read stdin"
            )
        from ..settings import ask_confidence

        source = prompts = PromptAnswers(ask_confidence=ask_confidence(confidence))
    else:
        stream, name = open_answers(answers)
        source = StreamAnswers(stream, name)
    try:
        recorder = open_recorder(db, no_save, session, mode)
        for note in session.notes:
            warn(note)
        if not as_json:
            if out.width < MIN_WIDTH:
                warn(
                    f"the terminal is {out.width} columns wide, too narrow to show a session "
                    f"well; widen it to {MIN_WIDTH} or more"
                )
            articles = [library.article(a) for a in session.articles]
            out.print(session_header(articles, session))
        hooks = Hooks(
            show=(lambda r, n: None)
            if as_json or every_answer
            else lambda r, n: _show_feedback(out, session, r, n),
            pause=prompts.pause if prompts is not None else lambda: None,
            warn=warn,
            held=(lambda n, after: None)
            if as_json
            else lambda n, after: out.print(
                "Answer noted; the evidence comes "
                + ("in the summary." if every_answer else f"after question {after}."),
                style="dim",
            ),
        )
        leftover = None
        if isinstance(source, StreamAnswers):
            leftover = _available_on_stdin(source) if answers == "-" else source.leftover
        # SIGTERM and SIGHUP end the session as Ctrl-C does, with the terminal put back.
        with signals_end_session(ended_by_signal, stop_prompt if prompts is not None else None):
            outcome = study(
                session, source, recorder, hooks, fail_under=fail_under, leftover=leftover
            )
    finally:
        if stream is not None and stream is not sys.stdin.buffer:
            stream.close()
    try:
        if as_json:
            print_json(outcome.report.to_json())
        else:
            report, step = outcome.report, outcome.next_step
            out.print(summary(report, next_step=step, every_answer=every_answer))
    except OSError as exc:
        if not outcome.interrupted or isinstance(exc, BrokenPipeError):
            raise
        quiet_stdout()  # the terminal went away with the session (SIGHUP): keep its exit code
    with suppress(OSError) if outcome.interrupted else nullcontext():
        for note in outcome.notes:
            warn(note)
    if outcome.exit_code:
        raise typer.Exit(outcome.exit_code)
    return outcome.report


def _available_on_stdin(source: StreamAnswers) -> Callable[[], int]:
    """Count the answer lines already waiting on stdin, without waiting for more: a live
    wrapper may keep its end of the pipe open until it has read the report."""

    def count() -> int:
        try:
            fd = sys.stdin.fileno()
            blocking = os.get_blocking(fd)
        except (OSError, ValueError):
            return 0
        os.set_blocking(fd, False)
        try:
            return source.leftover()
        except (OSError, NewsquizError):
            return 0
        finally:
            os.set_blocking(fd, blocking)

    return count


def ended_by_signal(signum: int) -> SessionEnded:
    """What SIGTERM or SIGHUP raises in a session: its end, with 128 + the signal's number."""
    from ..study import SessionEnded
    from ..terminal import signal_exit_code, signal_name

    return SessionEnded(signal_exit_code(signum), f"ended by {signal_name(signum)}")


def warn(message: str) -> None:
    """A one-line note on stderr; at a terminal narrower than the note, wrapped at words (the
    terminal would break it mid-word), in a log or a pipe one line."""
    line = f"newsquiz: {message}"
    if sys.stderr is not None and sys.stderr.isatty():
        import shutil
        import textwrap

        width = max(shutil.get_terminal_size().columns - 1, 20)
        line = "\n".join(textwrap.wrap(line, width, subsequent_indent="  "))
    sys.stderr.write(line + "\n")


@reports_errors
def ask(
    bank: BankOption = None,
    count: CountOption = None,
    kind: KindOption = "all",
    tag: TagOption = None,
    seed: SeedOption = None,
    as_json: JsonOption = False,
) -> None:
    """Print the questions a quiz with the same flags and seed would ask, without answers."""
    from ..quiz import build_session

    session = build_session(load(bank).claims, seed=seed, count=count, kind=kind, tags=tag or ())
    print_questions(session, as_json)


def print_questions(session: Session, as_json: bool, extra: dict[str, Any] | None = None) -> None:
    """What `ask` and `review --ask` print: the questions, numbered, with no answer or id
    in the plain form (ids stay in --json, for scripts); notes go to stderr, except the one
    about feedback order, which only a session shows."""
    from ..quiz import grouped_note

    for note in session.notes:
        if note != grouped_note(session.reveal):
            warn(note)
    if as_json:
        listed = [q.to_json() for q in session.questions]
        print_json({"seed": session.seed, "questions": listed, **(extra or {})})
    else:
        from ..plain import questions

        width = None
        if sys.stdout.isatty():  # a person reads it: wrap at words, not where the terminal cuts
            import shutil

            width = max(shutil.get_terminal_size().columns - 1, 20)
        write_out(questions(session, width))


@reports_errors
def check(
    question_id: Annotated[
        str,
        typer.Argument(
            metavar="QID",
            help="A question id: CLAIM:tf or CLAIM:mc.",
            autocompletion=complete_questions,
        ),
    ],
    answer: Annotated[
        str,
        typer.Argument(
            help="t/f/n (or true/false/not-stated) for true/false; a letter (with --seed) "
            "or the option's text for multiple choice."
        ),
    ],
    bank: BankOption = None,
    seed: SeedOption = None,
    as_json: JsonOption = False,
) -> None:
    """Grade one answer and show the evidence. Exit 0 when right, 1 when wrong."""
    from ..quiz import check_answer, is_letter

    if question_id.endswith(":mc") and is_letter(answer) and seed is None:
        raise UsageError(
            "a letter means nothing without the session's --seed; give --seed or the option's text"
        )
    result = check_answer(load(bank), question_id, answer, seed)
    if as_json:
        print_json(result.to_json())
    elif sys.stdout.isatty():
        from ..render import feedback

        console().print(feedback(result))
    else:
        from ..plain import feedback as plain_feedback

        write_out(plain_feedback(result))
    if not result.correct:
        raise typer.Exit(1)


def _show_feedback(out: Console, session: Session, result: Result, number: int) -> None:
    """The feedback panel; when it was held for a group, under the question it answers, so
    panels shown together say which question each one is about (not only its id)."""
    from rich.text import Text

    from ..render import feedback

    after = session.reveal_after(number - 1)
    if sum(session.reveal_after(i) == after for i in range(len(session.questions))) > 1:
        out.print(Text.assemble((f"Question {number}: ", "bold"), result.question.prompt))
    out.print(feedback(result))
