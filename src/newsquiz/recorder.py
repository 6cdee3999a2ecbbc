"""The recorder every session writes through: each answer, and its review card, as it is given.

`open_recorder` gives the history database's recorder, or one that keeps nothing (`--no-save`).
Both have the same two methods, so the session loop cannot tell which it has.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from .quiz import Result, Session
    from .session import Report
    from .store import CardRow, Store


class AnswerRecorder(Protocol):
    """Where a session's answers go as they are given."""

    saves: bool
    due: dict[str, int]  # when each recorded question falls due again, epoch seconds

    def record(self, result: Result, extra: Mapping[str, object] | None = None) -> None:
        """Keep one answer; `extra` holds per-answer additions (such as a confidence rating)."""

    def close(self, report: Report) -> None:
        """The session is over, finished or not."""


class Recorder:
    """Writes each answer, and its review card, to the history database as it is given.

    The session's row is written with its first answer, so a session that never got one
    (an empty answers file, Ctrl-C at question 1) leaves no 0% session in the history.
    """

    saves = True

    def __init__(self, store: Store, start: Callable[[], int]) -> None:
        self.store = store
        self._start = start
        self.session_id: int | None = None
        self.due: dict[str, int] = {}

    def record(self, result: Result, extra: Mapping[str, object] | None = None) -> None:
        """Commit one answer before the next question is shown."""
        from .clock import now
        from .schedule import next_card

        moment = now()
        qid = result.question.id
        if self.session_id is None:
            self.session_id = self._start()

        def card(previous: CardRow | None, fp: str) -> tuple[str, int, int, int]:
            after = next_card(qid, previous, fp, result.correct, moment, result.confidence)
            self.due[qid] = after[1]
            return after

        self.store.record_answer(self.session_id, result, moment, card)

    def close(self, report: Report) -> None:
        """Mark the session finished and close the database."""
        from .clock import now
        from .errors import HistoryError

        try:
            if self.session_id is not None:
                self.store.finish_session(self.session_id, now())
        except HistoryError:
            pass  # every answer is already committed; only the end time is missing
        finally:
            self.store.close()


class NullRecorder:
    """For --no-save: remembers nothing."""

    saves = False

    def __init__(self) -> None:
        self.due: dict[str, int] = {}

    def record(self, result: Result, extra: Mapping[str, object] | None = None) -> None:
        """Do nothing."""

    def close(self, report: Report) -> None:
        """Do nothing."""


def open_recorder(
    db: str | None, no_save: bool, session: Session, mode: str
) -> Recorder | NullRecorder:
    """The recorder for a session: the history database, unless `no_save`."""
    if no_save:
        return NullRecorder()
    from .clock import now
    from .store import Store, default_db_path, user_db_path

    path = default_db_path(db)
    # Opened now: an unusable database stops the session early. Only the default location's
    # folder is created; a folder missing from a path the user gave is most likely a typo.
    store = Store(path, make_folder=path == user_db_path())
    articles = [q.claim.article for q in session.questions]
    total = len(session.questions)
    return Recorder(store, lambda: store.start_session(mode, session.seed, articles, total, now()))
