"""Commands that ask questions: quiz, ask, check."""

from __future__ import annotations

import sys
from contextlib import nullcontext, suppress
from typing import TYPE_CHECKING, Annotated, BinaryIO

import typer

from ..errors import UsageError
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
)

if TYPE_CHECKING:
    from rich.console import Console

    from ..quiz import Session
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
) -> None:
    """Take a quiz: after each answer, see the passage of the article that settles it."""
    from ..quiz import build_session

    session = build_session(load(bank).claims, seed=seed, count=count, kind=kind, tags=tag or ())
    run_and_report(session, answers, as_json, fail_under, db, no_save, mode="quiz")


def open_answers(answers: str) -> tuple[BinaryIO, str]:
    """Open an answers file, or stdin for '-'."""
    if answers == "-":
        return sys.stdin.buffer, "<stdin>"
    try:
        return open(answers, "rb"), answers
    except OSError as exc:
        raise UsageError(f"cannot read the answers file {answers}: {exc.strerror}") from None


def run_and_report(
    session: Session,
    answers: str | None,
    as_json: bool,
    fail_under: float | None,
    db: str | None,
    no_save: bool,
    mode: str,
) -> Report:
    """Run a session from prompts or an answers file, print its feedback and report, and exit."""
    from ..answers import StreamAnswers
    from ..prompt import PromptAnswers, is_interactive, stop_prompt
    from ..recorder import open_recorder
    from ..render import feedback
    from ..study import Hooks, study
    from ..terminal import quiet_stdout, signals_end_session

    out = console()
    source: AnswerSource
    stream: BinaryIO | None = None
    prompts: PromptAnswers | None = None
    if answers is None:
        if not is_interactive():
            raise UsageError(
                "no terminal to ask questions in; give the answers with "
                "--answers FILE (one a line), or --answers - to read stdin"
            )
        source = prompts = PromptAnswers()
    else:
        stream, name = open_answers(answers)
        source = StreamAnswers(stream, name)
    try:
        recorder = open_recorder(db, no_save, session, mode)
        if prompts is not None:
            seed = session.seed
            out.print(
                f"{len(session.questions)} question(s) · seed {seed} (replay with --seed {seed})",
                style="dim",
            )
        hooks = Hooks(
            show=(lambda result, number: None) if as_json else lambda r, n: out.print(feedback(r)),
            pause=prompts.pause if prompts is not None else lambda: None,
            warn=warn,
        )
        leftover = source.leftover if isinstance(source, StreamAnswers) and answers != "-" else None
        # SIGTERM and SIGHUP end the session as Ctrl-C does, with the terminal put back.
        with signals_end_session(ended_by_signal, stop_prompt if prompts is not None else None):
            outcome = study(
                session, source, recorder, hooks, fail_under=fail_under, leftover=leftover
            )
    finally:
        if stream is not None and stream is not sys.stdin.buffer:
            stream.close()
    try:
        _print_report(outcome.report, as_json, out)
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


def ended_by_signal(signum: int) -> SessionEnded:
    """What SIGTERM or SIGHUP raises in a session: its end, with 128 + the signal's number."""
    from ..study import SessionEnded
    from ..terminal import signal_exit_code, signal_name

    return SessionEnded(signal_exit_code(signum), f"ended by {signal_name(signum)}")


def warn(message: str) -> None:
    """A one-line note on stderr."""
    sys.stderr.write(f"newsquiz: {message}\n")


def _print_report(report: Report, as_json: bool, out: Console) -> None:
    from ..render import summary

    if as_json:
        print_json(report.to_json())
    else:
        out.print(summary(report))


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
    if as_json:
        print_json({"seed": session.seed, "questions": [q.to_json() for q in session.questions]})
    else:
        from ..plain import questions

        sys.stdout.write(questions(session))


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
            help="t/f/ns for true/false; a letter (with --seed) "
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

        sys.stdout.write(plain_feedback(result))
    if not result.correct:
        raise typer.Exit(1)
