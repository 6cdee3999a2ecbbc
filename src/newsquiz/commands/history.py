"""Commands that remember: review, stats, history."""

from __future__ import annotations

import sys
from collections.abc import Sequence
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
from .quiz import (
    AnswersOption,
    ConfidenceOption,
    DbOption,
    FailUnderOption,
    NoSaveOption,
    RevealOption,
    print_questions,
    run_and_report,
)

if TYPE_CHECKING:
    from ..store import CardRow


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
    confidence: ConfidenceOption = None,
    reveal: RevealOption = "after",
    ask: Annotated[
        bool,
        typer.Option(
            "--ask",
            help="Print the questions this review would ask, as 'newsquiz ask' does, "
            "and answer none.",
        ),
    ] = False,
) -> None:
    """Review what is due under spaced repetition (FSRS), then some new questions."""
    from ..clock import now
    from ..progress import plan_review
    from ..store import Store, default_db_path

    library = load(bank)
    store = Store.for_reading(default_db_path(db))
    try:
        cards = store.cards() if store else []
        showings = store.wording_showings() if store else {}
    finally:
        if store:
            store.close()
    moment = now()
    refuted = {c.id for c in library.claims if c.verdict == "refuted"}
    plan = plan_review(library.claims, cards, int(moment.timestamp()), new, seed, count, showings)
    if ask:
        print_questions(plan.session, as_json)
        return
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
        console(stderr=True).print(
            _due_line(plan.due, plan.new, cards, moment, refuted), style="dim"
        )
    run_and_report(
        library,
        plan.session,
        answers,
        as_json,
        fail_under,
        db,
        no_save,
        "review",
        reveal,
        confidence,
    )


def _due_line(
    due: int, new: int, cards: Sequence[CardRow], moment: datetime, refuted: set[str]
) -> str:
    """How many questions are due, and why `stats` may count more (it counts due cards)."""
    from ..progress import retired_questions

    # a refuted claim's true/false card retires once its fact form has a card, as stats counts
    retired = retired_questions(cards, refuted)
    cards_due = sum(
        1 for c in cards if c.due <= int(moment.timestamp()) and c.question not in retired
    )
    line = f"{due} due, {new} new"
    if cards_due > due:
        line += (
            f" ('stats' counts {cards_due} due cards: a review asks one question a claim, "
            "skips cards of claims that changed or left the bank, and stops at --count)"
        )
    return line


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


DbsOption = Annotated[
    list[str] | None,
    typer.Option(
        "--db",
        metavar="PATH",
        help="History database (default: $NEWSQUIZ_DB, else history.sqlite3 in the user data "
        "folder). Repeat it with --items or --calibration to analyse a class: one file a learner.",
        show_default=False,
    ),
]


@reports_errors
def stats(
    db: DbsOption = None,
    items: Annotated[
        bool,
        typer.Option(
            "--items",
            help="Item analysis: facility, discrimination, distractors, flags for each question.",
        ),
    ] = False,
    calibration: Annotated[
        bool,
        typer.Option(
            "--calibration",
            help="Accuracy by how sure you said you were, by trap, and where you were "
            "overconfident.",
        ),
    ] = False,
    bank: BankOption = None,
    as_json: JsonOption = False,
) -> None:
    """Progress over time: accuracy overall, by tag and by trap, the hardest claims, what is due."""
    from ..clock import now
    from ..errors import UsageError
    from ..progress import compute_stats
    from ..store import Store, default_db_path

    if items and calibration:
        raise UsageError("choose one of --items and --calibration")
    if items or calibration:
        _analysis(list(db) if db else [None], items, bank, as_json)
        return
    if db and len(db) > 1:
        raise UsageError("several --db files are read together only with --items or --calibration")
    store = Store.for_reading(default_db_path(db[0] if db else None))
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


def _analysis(
    dbs: Sequence[str | None], items: bool, bank: list[str] | None, as_json: bool
) -> None:
    """stats --items / --calibration over one or more history files, each one learner."""
    from ..analysis import (
        Attempt,
        attempts_from_rows,
        calibration,
        class_calibration,
        item_analysis,
    )
    from ..errors import UsageError
    from ..store import Store, default_db_path

    attempts: list[Attempt] = []
    seen: set[str] = set()
    for name in dbs:
        path = default_db_path(name)
        learner = str(path)
        if learner in seen:
            continue
        seen.add(learner)
        if not path.is_file():
            raise UsageError(f"there is no history database at {path}; check the --db path")
        store = Store.for_reading(path)  # another learner's file: read, never written
        if store is None:
            continue  # an empty file: no answers yet
        try:
            attempts += attempts_from_rows(learner, store.attempts())
        finally:
            store.close()
    if items:
        claims = {c.id: c for c in load(bank).claims}
        data = item_analysis(attempts, claims)
    else:
        data = {"learners": class_calibration(attempts), **calibration(attempts)}
    if as_json:
        print_json(data)
        return
    from ..render_stats import calibration_view, items_view

    console().print(items_view(data) if items else calibration_view(data))


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
