"""Commands that remember: review, stats, history; and the recorder every session writes through."""

from __future__ import annotations

import sys
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Annotated, Any

import typer

from . import (
    BankOption,
    CountOption,
    JsonOption,
    SeedOption,
    console,
    load,
    print_json,
    reports_errors,
)
from .quiz import AnswersOption, DbOption, FailUnderOption, NoSaveOption, run_and_report

if TYPE_CHECKING:
    from ..quiz import Result, Session
    from ..session import Report
    from ..store import Store


class Recorder:
    """Writes each answer, and its review card, as it is given."""

    def __init__(self, store: Store, session_id: int) -> None:
        self.store = store
        self.session_id = session_id

    def record(self, result: Result) -> None:
        """Commit one answer before the next question is shown."""
        from ..clock import now
        from ..schedule import next_card

        moment = now()
        qid = result.question.id
        self.store.record_answer(
            self.session_id,
            result,
            moment,
            lambda previous, fp: next_card(qid, previous, fp, result.correct, moment),
        )

    def close(self, report: Report) -> None:
        """Mark the session finished and close the database."""
        from ..clock import now
        from ..errors import HistoryError

        try:
            self.store.finish_session(self.session_id, now())
        except HistoryError:
            pass  # every answer is already committed; only the end time is missing
        finally:
            self.store.close()


class NullRecorder:
    """For --no-save: remembers nothing."""

    def record(self, result: Result) -> None:
        """Do nothing."""

    def close(self, report: Report) -> None:
        """Do nothing."""


def open_recorder(
    db: str | None, no_save: bool, session: Session, mode: str
) -> Recorder | NullRecorder:
    """The recorder for a session: the history database, unless --no-save."""
    if no_save:
        return NullRecorder()
    from ..clock import now
    from ..store import Store, default_db_path

    store = Store(default_db_path(db))
    articles = [q.claim.article for q in session.questions]
    session_id = store.start_session(mode, session.seed, articles, len(session.questions), now())
    return Recorder(store, session_id)


@reports_errors
def review(
    bank: BankOption = None,
    new: Annotated[
        int,
        typer.Option(
            "--new",
            metavar="N",
            min=0,
            help="At most this many never-asked questions after the due ones.",
        ),
    ] = 10,
    count: CountOption = None,
    seed: SeedOption = None,
    answers: AnswersOption = None,
    as_json: JsonOption = False,
    fail_under: FailUnderOption = None,
    db: DbOption = None,
    no_save: NoSaveOption = False,
) -> None:
    """Review what is due under spaced repetition (FSRS), then some new questions."""
    from ..clock import now
    from ..progress import plan_review
    from ..store import Store, default_db_path

    library = load(bank)
    store = Store.for_reading(default_db_path(db))
    try:
        cards = store.cards() if store else []
    finally:
        if store:
            store.close()
    moment = now()
    plan = plan_review(library.claims, cards, int(moment.timestamp()), new, seed, count)
    if not plan.session.questions:
        if as_json:
            print_json(
                {
                    "seed": plan.session.seed,
                    "total": 0,
                    "answered": 0,
                    "correct": 0,
                    "score": 0.0,
                    "results": [],
                    "next_due": _next_due_json(plan.next_due),
                }
            )
        else:
            sys.stdout.write(_nothing_due(plan.next_due, moment) + "\n")
        return
    if not as_json:
        console(stderr=True).print(f"{plan.due} due, {plan.new} new", style="dim")
    run_and_report(plan.session, answers, as_json, fail_under, db, no_save, mode="review")


def _next_due_json(next_due: tuple[str, int] | None) -> dict[str, Any] | None:
    if next_due is None:
        return None
    return {
        "question": next_due[0],
        "due": datetime.fromtimestamp(next_due[1], timezone.utc).isoformat(),
    }


def _nothing_due(next_due: tuple[str, int] | None, moment: datetime) -> str:
    if next_due is None:
        return (
            "Nothing is due, and every question has been seen. Take a quiz with "
            "'newsquiz quiz', or add claims."
        )
    when = datetime.fromtimestamp(next_due[1], timezone.utc)
    hours = (when - moment).total_seconds() / 3600
    span = f"in {hours:.0f} hours" if hours < 48 else f"in {hours / 24:.0f} days"
    return (
        f"Nothing is due now. The next question ({next_due[0]}) falls due "
        f"{when:%Y-%m-%d %H:%M} UTC, {span}."
    )


@reports_errors
def stats(
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Progress over time: accuracy overall, by tag and by trap, the hardest claims, what is due."""
    from ..clock import now
    from ..progress import compute_stats
    from ..store import Store, default_db_path

    store = Store.for_reading(default_db_path(db))
    try:
        data = compute_stats(
            store.sessions() if store else [],
            store.answers() if store else [],
            store.cards() if store else [],
            int(now().timestamp()),
        )
    finally:
        if store:
            store.close()
    if as_json:
        print_json(data)
        return
    from ..render_stats import stats_view

    console().print(stats_view(data))


@reports_errors
def history(
    db: DbOption = None,
    limit: Annotated[
        int, typer.Option("--limit", metavar="N", min=1, help="How many sessions.")
    ] = 20,
    as_json: JsonOption = False,
) -> None:
    """Past sessions, newest first: date, articles, score."""
    from ..store import Store, default_db_path

    store = Store.for_reading(default_db_path(db))  # None: nothing yet, and nothing created
    try:
        rows = store.sessions(limit) if store else []
    finally:
        if store:
            store.close()
    items = [
        {
            "id": sid,
            "started": datetime.fromtimestamp(started, timezone.utc).isoformat(),
            "finished": (
                datetime.fromtimestamp(finished, timezone.utc).isoformat()
                if finished is not None
                else None
            ),
            "mode": mode,
            "seed": seed,
            "articles": articles.split(",") if articles else [],
            "total": total,
            "answered": answered,
            "correct": correct,
            "score": round(100.0 * correct / total, 1) if total else 0.0,
        }
        for sid, started, finished, mode, seed, articles, total, answered, correct in rows
    ]
    if as_json:
        print_json(items)
        return
    from ..render_stats import history_table

    console().print(history_table(items))
