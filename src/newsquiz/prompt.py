"""The interactive answer source: questionary prompts in a terminal.

This is the only module that imports questionary, and only when a prompt is about to be shown.
"""

from __future__ import annotations

import shutil
import sys
import textwrap
from collections.abc import Callable
from typing import TYPE_CHECKING

from .quiz import Question, shown_key
from .render import question_heading
from .study import SessionEnded

if TYPE_CHECKING:
    from prompt_toolkit.key_binding import KeyBindings, KeyPressEvent

HINT = "(↑↓ or a key, then Enter · q or Esc stops)"
PAUSE = "Press any key for the next question (q or Esc stops)…"


def is_interactive() -> bool:
    """Whether a person is at a terminal on both ends."""
    return (
        sys.stdin is not None
        and sys.stdin.isatty()
        and sys.stdout is not None
        and sys.stdout.isatty()
    )


class NotAnOption(Exception):
    """A key was typed that names no option of the question on screen."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _stop() -> SessionEnded:
    return SessionEnded(130, "stopped")


def _stop_keys(shortcuts: set[str] | None) -> KeyBindings:
    """Key bindings for q and Esc (end the session), and, when `shortcuts` is given, for a
    letter that is not one of them (refused, never taken as the option under the cursor)."""
    from prompt_toolkit.key_binding import KeyBindings
    from prompt_toolkit.keys import Keys

    keys = KeyBindings()

    @keys.add("q", eager=True)
    @keys.add(Keys.Escape, eager=True)
    def _(event: KeyPressEvent) -> None:
        event.app.exit(exception=_stop(), style="class:aborting")

    if shortcuts is not None:

        @keys.add(Keys.Any)
        def other(event: KeyPressEvent) -> None:
            typed = event.data
            if len(typed) == 1 and typed.isalpha() and typed.lower() not in shortcuts:
                event.app.exit(exception=NotAnOption(typed), style="class:aborting")

    return keys


class PromptAnswers:
    """Ask each question with a questionary select; pause after feedback so it can be read.

    q or Esc ends the session as Ctrl-C does (`SessionEnded`); a letter that is not an option
    is refused with a message and the question is asked again.
    """

    def __init__(
        self,
        pause: Callable[[], None] | None = None,
        say: Callable[[str], None] | None = None,
    ) -> None:
        self._pause = pause or _press_any_key
        self._say = say or (lambda text: print(text, flush=True))

    def answer(self, question: Question, number: int, total: int) -> str | None:
        """Show the question; the key of the chosen option. Ctrl-C raises KeyboardInterrupt."""
        while True:
            try:
                return self._ask(question, number, total)
            except NotAnOption as exc:
                keys = ", ".join(shown_key(question, o.key) for o in question.options)
                self._say(f"'{exc.key}' is not an option here: type {keys}, or q to stop.")

    def _ask(self, question: Question, number: int, total: int) -> str | None:
        import questionary
        from prompt_toolkit.key_binding import KeyBindings, merge_key_bindings

        choices = [
            questionary.Choice(title=o.text, value=o.key, shortcut_key=shown_key(question, o.key))
            for o in question.options
        ]
        width = max(shutil.get_terminal_size().columns - 3, 20)
        # Wrap at words here: the terminal would break a long question mid-word.
        text = "\n  ".join(textwrap.wrap(question_heading(question, number, total), width))
        prompt = questionary.select(
            text,
            choices=choices,
            use_shortcuts=True,
            use_jk_keys=False,
            instruction="\n  " + HINT,
        )
        app = prompt.application
        shortcuts = {shown_key(question, o.key) for o in question.options}
        app.key_bindings = merge_key_bindings(
            [app.key_bindings or KeyBindings(), _stop_keys(shortcuts)]
        )
        key: str | None = prompt.unsafe_ask()
        return key

    def pause(self) -> None:
        """Wait until the learner has read the feedback."""
        self._pause()


def _press_any_key() -> None:
    """Wait for a key; the line is erased afterwards, so these lines never pile up."""
    import questionary
    from prompt_toolkit.key_binding import KeyBindings, merge_key_bindings

    prompt = questionary.press_any_key_to_continue(PAUSE, erase_when_done=True)
    app = prompt.application
    app.key_bindings = merge_key_bindings([app.key_bindings or KeyBindings(), _stop_keys(None)])
    prompt.unsafe_ask()
