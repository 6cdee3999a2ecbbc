"""The recorder every session writes through: each answer, and its review card, as it is given.

`open_recorder` gives the history database's recorder, or one that keeps nothing (`--no-save`).
Both have the same two methods, so the session loop cannot tell which it has.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from .quiz import Result, Session
    from .session import Report
    from .store import Store


class AnswerRecorder(Protocol):
    """Where a session's answers go as they are given."""

    def record(self, result: Result, extra: Mapping[str, object] | None = None) -> None:
        """Keep one answer; `extra` holds per-answer additions (such as a confidence rating)."""

    def close(self, report: Report) -> None:
        """The session is over, finished or not."""


class Recorder:
    """Writes each answer, and its review card, to the history database as it is given."""

    saves = True

    def __init__(self, store: Store, session_id: int) -> None:
        self.store = store
        self.session_id = session_id

    def record(self, result: Result, extra: Mapping[str, object] | None = None) -> None:
        """Commit one answer before the next question is shown."""
        from .clock import now
        from .schedule import next_card

        moment = now()
        qid = result.question.id
        self.store.record_answer(
            self.session_id,
            result,
            moment,
            lambda previous, fp: next_card(
                qid, previous, fp, result.correct, moment, result.confidence
            ),
        )

    def close(self, report: Report) -> None:
        """Mark the session finished and close the database."""
        from .clock import now
        from .errors import HistoryError

        try:
            self.store.finish_session(self.session_id, now())
        except HistoryError:
            pass  # every answer is already committed; only the end time is missing
        finally:
            self.store.close()


class NullRecorder:
    """For --no-save: remembers nothing."""

    saves = False

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
    from .store import Store, default_db_path

    store = Store(default_db_path(db))
    articles = [q.claim.article for q in session.questions]
    session_id = store.start_session(mode, session.seed, articles, len(session.questions), now())
    return Recorder(store, session_id)
