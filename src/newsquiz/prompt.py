"""The interactive answer source: questionary prompts in a terminal.

This is the only module that imports questionary, and only when a prompt is about to be shown.
"""

from __future__ import annotations

from collections.abc import Callable

from .quiz import Question
from .render import question_heading

TF_SHORTCUTS = {"t": "t", "f": "f", "ns": "n"}


def is_interactive() -> bool:
    """Whether a person is at a terminal on both ends."""
    import sys

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
                title=o.text,
                value=o.key,
                shortcut_key=TF_SHORTCUTS.get(o.key, o.key) if question.kind == "tf" else o.key,
            )
            for o in question.options
        ]
        key: str | None = questionary.select(
            question_heading(question, number, total),
            choices=choices,
            use_shortcuts=True,
            use_jk_keys=False,
            instruction="(arrows or a letter, Enter)",
        ).unsafe_ask()
        return key

    def pause(self) -> None:
        """Wait until the learner has read the feedback."""
        self._pause()


def _press_any_key() -> None:
    import questionary

    questionary.press_any_key_to_continue("Press any key for the next question…").unsafe_ask()
