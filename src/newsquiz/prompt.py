"""The interactive answer source: questionary prompts in a terminal.

This is the only module that imports questionary, and only when a prompt is about to be shown.
"""

from __future__ import annotations

import errno
import sys
from collections.abc import Callable
from typing import Any

from .quiz import Question
from .render import question_heading
from .terminal import TERMINAL_CLOSED, fitted

TF_SHORTCUTS = {"t": "t", "f": "f", "ns": "n"}


def is_interactive() -> bool:
    """Whether a person is at a terminal on both ends."""
    return (
        sys.stdin is not None
        and sys.stdin.isatty()
        and sys.stdout is not None
        and sys.stdout.isatty()
    )


class PromptAnswers:
    """Ask each question with a questionary select; pause after feedback so it can be read."""

    def __init__(self, pause: Callable[[], None] | None = None) -> None:
        self._pause = pause or _press_any_key

    def answer(self, question: Question, number: int, total: int) -> str | None:
        """Show the question; the key of the chosen option. Ctrl-C raises KeyboardInterrupt."""
        import questionary

        choices = [
            questionary.Choice(
                title=fitted(o.text, sys.stdout),
                value=o.key,
                shortcut_key=TF_SHORTCUTS.get(o.key, o.key) if question.kind == "tf" else o.key,
            )
            for o in question.options
        ]
        key: str | None = _ask(
            questionary.select(
                fitted(question_heading(question, number, total), sys.stdout),
                choices=choices,
                use_shortcuts=True,
                use_jk_keys=False,
                instruction="(arrows or a letter, Enter)",
                pointer=fitted("»", sys.stdout),
            )
        )
        return key

    def pause(self) -> None:
        """Wait until the learner has read the feedback."""
        self._pause()


def _press_any_key() -> None:
    import questionary

    _ask(
        questionary.press_any_key_to_continue(
            fitted("Press any key for the next question…", sys.stdout)
        )
    )


def _ask(question: Any) -> Any:
    """Run a questionary prompt. A terminal that has gone away (EIO: the window was closed
    while SIGHUP was ignored, or as it arrived) ends the session as a hang-up does."""
    try:
        return question.unsafe_ask()
    except OSError as exc:
        if exc.errno != errno.EIO:
            raise
        from .study import SessionEnded

        raise SessionEnded(TERMINAL_CLOSED, "the terminal closed") from None


def stop_prompt(exc: BaseException) -> bool:
    """Ask a prompt that is running to end by raising `exc`; False when none is running.

    Called from a signal handler (SIGTERM, SIGHUP): the prompt leaves raw mode and puts the
    terminal back before `exc` reaches the session, which an exception raised in the middle
    of prompt_toolkit's event loop would not guarantee."""
    if "prompt_toolkit" not in sys.modules:
        return False
    from prompt_toolkit.application.current import get_app_or_none

    app = get_app_or_none()
    if app is None or not app.is_running or app.future is None or app.future.done():
        return False
    app.exit(exception=exc)
    if app.loop is not None:
        app.loop.call_soon_threadsafe(lambda: None)  # wake the loop if it waits for a key
    return True
