"""The interactive answer source: questionary prompts in a terminal.

This is the only module that imports questionary, and only when a prompt is about to be shown.
"""

from __future__ import annotations

import errno
import os
import shutil
import sys
import textwrap
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from .quiz import Question, shown_key
from .render import question_heading
from .study import SessionEnded
from .terminal import TERMINAL_CLOSED, fitted

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


# The confidence keys, and the answer suffix each one adds (see schedule.CONFIDENCE_SUFFIX).
CONFIDENCE_KEYS = {"s": ("sure", "!"), "u": ("unsure", "?"), "g": ("guessed", "??")}
CONFIDENCE_PROMPT = "How sure? s sure, u unsure, g guessed, Enter skips: "


# The select's own message: short, as questionary echoes it with the answer on one line that
# the terminal would break mid-word ("Not sta / ted"); the question is printed above it.
ANSWER_MESSAGE = "Your answer"


def answer_echo(question: Question, key: str, columns: int) -> str:
    """The chosen option as the learner sees it after choosing, wrapped at words."""
    text = next(o.text for o in question.options if o.key == key)
    shown = f"{ANSWER_MESSAGE}: {shown_key(question, key)}) {text}"
    return "\n".join(textwrap.wrap(shown, max(columns - 1, 20), subsequent_indent="  "))


def wrapped_heading(question: Question, number: int, total: int, columns: int) -> str:
    """The question's heading wrapped at words to fit `columns` (the terminal itself would
    break a long question mid-word: "Ju / ne 2022"); the last column is left free."""
    width = max(columns - 1, 20)
    return "\n".join(textwrap.wrap(question_heading(question, number, total), width))


# questionary's classes; the plain style turns off what its default style and prompt_toolkit's
# add (bold, colour, reverse), for TERM=dumb and NO_COLOR.
STYLE_CLASSES = (
    "qmark question answer pointer highlighted selected separator instruction text disabled "
    "placeholder bottom-toolbar"
)
PLAIN = "noinherit nobold noitalic nounderline noreverse noblink"


def wants_plain() -> bool:
    """Whether the prompt must draw no bold or colour: NO_COLOR is set, or TERM is dumb."""
    return bool(os.environ.get("NO_COLOR")) or os.environ.get("TERM", "") in ("dumb", "")


def prompt_style() -> Any:
    """A style with no attributes at all when `wants_plain`, else None (questionary's own)."""
    if not wants_plain():
        return None
    from prompt_toolkit.styles import Style

    return Style([(name, PLAIN) for name in STYLE_CLASSES.split()] + [("", PLAIN)])


def _stop() -> SessionEnded:
    return SessionEnded(130, "stopped")


def _stop_keys() -> KeyBindings:
    """q and Esc end the session, as Ctrl-C does."""
    from prompt_toolkit.key_binding import KeyBindings
    from prompt_toolkit.keys import Keys

    keys = KeyBindings()

    @keys.add("q", eager=True)
    @keys.add(Keys.Escape, eager=True)
    def _(event: KeyPressEvent) -> None:
        event.app.exit(exception=_stop(), style="class:aborting")

    return keys


def _refusing_keys(question: Question, pointer: Any, say: Callable[[str], None]) -> KeyBindings:
    """A letter that is no option is refused, and Enter stays refused until an option is
    chosen with its key or the arrows: questionary would take the option under the cursor."""
    from prompt_toolkit.application import run_in_terminal
    from prompt_toolkit.filters import Condition
    from prompt_toolkit.key_binding import KeyBindings
    from prompt_toolkit.keys import Keys

    shortcuts = [shown_key(question, o.key) for o in question.options]
    state = {"refused": ""}
    keys = KeyBindings()

    def tell() -> None:
        message = (
            f"'{state['refused']}' is not an option here: type {', '.join(shortcuts)}, "
            "or q to stop."
        )
        run_in_terminal(lambda: say(message))

    @keys.add(Keys.Any)
    def other(event: KeyPressEvent) -> None:
        typed = event.data
        if len(typed) == 1 and typed.isalpha() and typed not in shortcuts:
            state["refused"] = typed
            tell()

    @keys.add(Keys.ControlM, eager=True, filter=Condition(lambda: bool(state["refused"])))
    def refuse_enter(event: KeyPressEvent) -> None:
        """Enter takes nothing while a refused letter stands; the line just printed says why,
        so it is not printed again (once per wrong key): the terminal beeps instead."""
        event.app.output.bell()

    def choose(index: int) -> Callable[[KeyPressEvent], None]:
        def handler(event: KeyPressEvent) -> None:
            state["refused"] = ""
            pointer.pointed_at = index

        return handler

    for index, key in enumerate(shortcuts):
        keys.add(key, eager=True)(choose(index))

    @keys.add(Keys.Down, eager=True)
    def down(event: KeyPressEvent) -> None:
        state["refused"] = ""
        pointer.select_next()

    @keys.add(Keys.Up, eager=True)
    def up(event: KeyPressEvent) -> None:
        state["refused"] = ""
        pointer.select_previous()

    return keys


class PromptAnswers:
    """Ask each question with a questionary select; pause after feedback so it can be read.

    q or Esc ends the session as Ctrl-C does (`SessionEnded`); a letter that is not an option
    is refused with a message, and the question waits for a real choice. With
    `ask_confidence`, each choice is followed by one key for how sure the learner was; it is
    returned as the answer's suffix (`t!`, `b?`), as an answers file would give it.
    """

    def __init__(
        self,
        pause: Callable[[], None] | None = None,
        say: Callable[[str], None] | None = None,
        ask_confidence: bool = False,
    ) -> None:
        self._pause = pause or _press_any_key
        self._say = say or (lambda text: print(text, flush=True))
        self.ask_confidence = ask_confidence

    def answer(self, question: Question, number: int, total: int) -> str | None:
        """Show the question; the key of the chosen option. Ctrl-C raises KeyboardInterrupt."""
        import questionary
        from prompt_toolkit.key_binding import KeyBindings, merge_key_bindings
        from questionary.prompts.common import InquirerControl

        choices = [
            questionary.Choice(
                title=fitted(o.text, sys.stdout),
                value=o.key,
                shortcut_key=shown_key(question, o.key),
            )
            for o in question.options
        ]
        columns = shutil.get_terminal_size().columns
        print(fitted(wrapped_heading(question, number, total, columns), sys.stdout), flush=True)
        prompt = questionary.select(
            ANSWER_MESSAGE,
            choices=choices,
            use_shortcuts=True,
            use_jk_keys=False,
            instruction=fitted("\n  " + HINT, sys.stdout),
            pointer=fitted("»", sys.stdout),
            style=prompt_style(),
        )
        app = prompt.application
        pointer = next(c for c in app.layout.find_all_controls() if isinstance(c, InquirerControl))
        app.key_bindings = merge_key_bindings(
            [
                app.key_bindings or KeyBindings(),
                _refusing_keys(question, pointer, self._say),
                _stop_keys(),
            ]
        )
        # prompt_toolkit would echo "question + chosen option" as one line that the terminal
        # breaks mid-word at narrow widths; erase that line and echo the answer wrapped at words.
        app.erase_when_done = True
        key: str | None = _ask(prompt)
        if key is not None:
            print(fitted(answer_echo(question, key, columns), sys.stdout), flush=True)
        if key is not None and self.ask_confidence:
            confidence = ask_confidence_key()
            if confidence is not None:
                key += CONFIDENCE_KEYS[confidence][1]
        return key

    def pause(self) -> None:
        """Wait until the learner has read the feedback."""
        self._pause()


def ask_confidence_key() -> str | None:
    """One key: s, u or g; Enter skips (None). q and Esc stop the session, Ctrl-C interrupts."""
    from prompt_toolkit import PromptSession
    from prompt_toolkit.key_binding import KeyBindings
    from prompt_toolkit.utils import is_dumb_terminal

    dumb = is_dumb_terminal()
    bindings = KeyBindings()

    def choose(key: str) -> None:
        @bindings.add(key)
        def _(event: KeyPressEvent) -> None:
            if not dumb:  # left on screen; a dumb terminal would show only its last letter
                event.current_buffer.insert_text(CONFIDENCE_KEYS[key][0])
            event.app.exit(result=key)

    for key in CONFIDENCE_KEYS:
        choose(key)

    @bindings.add("enter")
    def _skip(event: KeyPressEvent) -> None:
        if not dumb:
            event.current_buffer.insert_text("(skipped)")
        event.app.exit(result="")

    @bindings.add("c-c")
    @bindings.add("c-d")
    def _interrupt(event: KeyPressEvent) -> None:
        event.app.exit(exception=KeyboardInterrupt())

    @bindings.add("q")
    @bindings.add("escape", eager=True)
    def _quit(event: KeyPressEvent) -> None:
        event.app.exit(exception=_stop())

    @bindings.add("<any>")
    def _other(event: KeyPressEvent) -> None:
        """Any other key does nothing: the learner may still choose."""

    plain = prompt_style()
    session = PromptSession[str](
        key_bindings=bindings, style=plain, include_default_pygments_style=plain is None
    )

    class Once:
        def unsafe_ask(self) -> str:
            width = max(shutil.get_terminal_size().columns - 1, 20)
            wrapped = "\n".join(textwrap.wrap(CONFIDENCE_PROMPT, width)) + " "
            return session.prompt(fitted(wrapped, sys.stdout))

    chosen: str = _ask(Once())
    if dumb:
        print(CONFIDENCE_KEYS[chosen][0] if chosen else "(skipped)", flush=True)
    return chosen or None


def _press_any_key() -> None:
    """Wait for a key; the line is erased afterwards, so these lines never pile up."""
    import questionary
    from prompt_toolkit.key_binding import KeyBindings, merge_key_bindings

    prompt = questionary.press_any_key_to_continue(
        fitted(PAUSE, sys.stdout), style=prompt_style(), erase_when_done=True
    )
    app = prompt.application
    app.key_bindings = merge_key_bindings([app.key_bindings or KeyBindings(), _stop_keys()])
    _ask(prompt)


def _ask(question: Any) -> Any:
    """Run a questionary prompt. A terminal that has gone away (EIO: the window was closed
    while SIGHUP was ignored, or as it arrived) ends the session as a hang-up does."""
    try:
        return question.unsafe_ask()
    except OSError as exc:
        if exc.errno != errno.EIO:
            raise
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
