"""A strict YAML reader: libyaml's event stream turned into positioned nodes, every scalar text.

PyYAML's loaders resolve every scalar through Python regexes, keep the last of duplicate keys and
expand aliases. Reading the event stream ourselves is several times faster, keeps `2019`, `no`
and `2024-07-09` the strings they look like, and refuses aliases, anchors, tags and duplicate keys
as they come, each with its line and column.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Union

import yaml

from .errors import Problem


@dataclass(slots=True)
class Scalar:
    """A scalar: always text.

    `plain_empty` tells an empty unquoted value (`key:`) apart; `escaped` marks a double-quoted
    scalar, the only kind whose escapes can produce characters absent from the file itself
    (libyaml refuses control characters written directly).
    """

    value: str
    line: int
    col: int
    plain_empty: bool = False
    escaped: bool = False


@dataclass(slots=True)
class Seq:
    """A sequence of nodes."""

    items: list[Node]
    line: int
    col: int


@dataclass(slots=True)
class Map:
    """A mapping of text keys to nodes, with the position of each key."""

    items: dict[str, Node]
    line: int
    col: int
    key_pos: dict[str, tuple[int, int]] = field(default_factory=dict)


Node = Union[Scalar, Seq, Map]  # noqa: UP007 - a runtime alias, read by Python 3.10


class YamlProblem(Exception):
    """The document cannot be read as strict YAML."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


def _events(text: str) -> Iterator[Any]:
    """libyaml's events, read straight from its parser (yaml.parse adds a call per event)."""
    try:
        from yaml._yaml import CParser
    except ImportError:  # pragma: no cover - PyYAML built without libyaml
        yield from yaml.parse(text, Loader=yaml.SafeLoader)
        return
    get_event = CParser(text).get_event
    end = yaml.StreamEndEvent
    while True:
        event = get_event()
        if event is None:
            return
        yield event
        if type(event) is end:
            return


QUOTING_HINT = (
    "; to quote text holding \" or ', write it in single quotes with each ' doubled, "
    "as in - 'He said \"no\" and it''s final'"
)


def _quoting_hint(text: str, mark: Any) -> str:
    """How to write a quote, when the line YAML stumbled on holds quotation marks."""
    if mark is None:
        return ""
    lines = text.splitlines()
    line = lines[mark.line] if mark.line < len(lines) else ""
    return QUOTING_HINT if '"' in line or "'" in line else ""


def read_yaml(text: str, path: str) -> Node:
    """Parse one YAML document into nodes, or raise YamlProblem naming the line and column."""

    def fail(mark: Any, message: str) -> YamlProblem:
        line = mark.line + 1 if mark is not None else 1
        col = mark.column + 1 if mark is not None else 1
        return YamlProblem(Problem(path, line, col, message))

    # This loop runs once per event of the file (hundreds of thousands for a big bank), so it is
    # written flat: dispatch on `type(event) is`, no helper calls, and the attributes each event
    # kind has read directly (hence the loose typing).
    root: Node | None = None
    parent: Any = None  # the open Map or Seq
    stack: list[Any] = []
    key: str | None = None  # in a mapping: the key waiting for its value
    keys: list[str | None] = []
    key_pos: tuple[int, int] = (0, 0)
    key_positions: list[tuple[int, int]] = []
    documents = 0
    scalar_event, seq_start, map_start = (
        yaml.ScalarEvent,
        yaml.SequenceStartEvent,
        yaml.MappingStartEvent,
    )
    seq_end, map_end = yaml.SequenceEndEvent, yaml.MappingEndEvent
    try:
        for event in _events(text):
            kind = type(event)
            if kind is scalar_event or kind is seq_start or kind is map_start:
                if event.anchor is not None:
                    raise fail(
                        event.start_mark, f"anchors (&{event.anchor}) are not allowed in a bank"
                    )
                if event.tag is not None:
                    raise fail(
                        event.start_mark, f"YAML tags ({event.tag}) are not allowed in a bank"
                    )
                mark = event.start_mark
                line, col = mark.line + 1, mark.column + 1
                node: Node
                if kind is scalar_event:
                    value = event.value
                    if type(parent) is Map and key is None:  # a key, not a value
                        if value in parent.items or value in parent.key_pos:
                            first = parent.key_pos[value][0]
                            raise fail(
                                mark, f"duplicate key '{value}' (first given on line {first})"
                            )
                        key, key_pos = value, (line, col)
                        parent.key_pos[value] = key_pos
                        continue
                    node = Scalar(
                        value, line, col, value == "" and event.implicit[0], event.style == '"'
                    )
                elif kind is map_start:
                    node = Map({}, line, col)
                else:
                    node = Seq([], line, col)
                if parent is None:
                    root = node
                elif type(parent) is Seq:
                    parent.items.append(node)
                else:
                    if key is None:
                        raise fail(mark, "a mapping key must be plain text, not a list or mapping")
                    parent.items[key] = node
                    key = None
                if kind is not scalar_event:
                    stack.append(node)
                    keys.append(key)
                    key_positions.append(key_pos)
                    parent, key = node, None
            elif kind is map_end or kind is seq_end:
                stack.pop()
                key = keys.pop()
                key_pos = key_positions.pop()
                parent = stack[-1] if stack else None
            elif kind is yaml.AliasEvent:
                raise fail(
                    event.start_mark,
                    "aliases (*name) are not allowed in a bank; write the value out",
                )
            elif kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise fail(
                        event.start_mark, "a bank holds one YAML document; remove the extra '---'"
                    )
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        message = f"YAML syntax error: {exc.problem or exc.context}"
        raise fail(mark, message + _quoting_hint(text, mark)) from None
    except yaml.reader.ReaderError as exc:  # a character YAML forbids, written raw in the file
        code = exc.character if isinstance(exc.character, int) else ord(exc.character)
        line = text.count("\n", 0, exc.position) + 1
        col = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        message = f"a control character (U+{code:04X}) is not allowed in a bank; remove it"
        raise YamlProblem(Problem(path, line, col, message)) from None
    except yaml.YAMLError as exc:
        raise fail(None, f"YAML error: {exc}") from None
    except RecursionError:
        raise fail(None, "the YAML is nested too deeply") from None
    if root is None:
        raise fail(None, "the file is empty; a bank starts with 'format: newsquiz/1'")
    return root
