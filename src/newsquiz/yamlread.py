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

try:  # libyaml is the fast path; the pure-Python parser gives the same events, only slower.
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader


@dataclass(slots=True)
class Scalar:
    """A scalar: always text. `plain_empty` tells an empty unquoted value (`key:`) apart."""

    value: str
    line: int
    col: int
    plain_empty: bool = False


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


def read_yaml(text: str, path: str) -> Node:
    """Parse one YAML document into nodes, or raise YamlProblem naming the line and column."""
    stack: list[Map | Seq] = []
    pending_key: list[Scalar | None] = []  # per open mapping: the key waiting for its value
    root: Node | None = None
    documents = 0

    def fail(mark: Any, message: str) -> YamlProblem:
        line = mark.line + 1 if mark is not None else 1
        col = mark.column + 1 if mark is not None else 1
        return YamlProblem(Problem(path, line, col, message))

    def attach(node: Node, mark: Any) -> None:
        nonlocal root
        if not stack:
            root = node
            return
        parent = stack[-1]
        if isinstance(parent, Seq):
            parent.items.append(node)
            return
        key = pending_key[-1]
        if key is None:
            if not isinstance(node, Scalar):
                raise fail(mark, "a mapping key must be plain text, not a list or mapping")
            if node.value in parent.items:
                first = parent.key_pos[node.value][0]
                raise fail(mark, f"duplicate key '{node.value}' (first given on line {first})")
            pending_key[-1] = node
        else:
            parent.items[key.value] = node
            parent.key_pos[key.value] = (key.line, key.col)
            pending_key[-1] = None

    try:
        # Events are typed loosely here: dispatching on `type(event) is` is faster than
        # isinstance, and the attributes read are the ones each event kind has.
        events: Iterator[Any] = yaml.parse(text, Loader=_Loader)
        for event in events:
            mark: Any = event.start_mark
            kind = type(event)
            if kind is yaml.ScalarEvent:
                _refuse_decorations(event, fail)
                plain_empty = event.value == "" and event.implicit[0]
                attach(Scalar(event.value, mark.line + 1, mark.column + 1, plain_empty), mark)
            elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                _refuse_decorations(event, fail)
                node: Map | Seq
                if kind is yaml.MappingStartEvent:
                    node = Map({}, mark.line + 1, mark.column + 1)
                else:
                    node = Seq([], mark.line + 1, mark.column + 1)
                attach(node, mark)
                stack.append(node)
                pending_key.append(None)
            elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                stack.pop()
                pending_key.pop()
            elif kind is yaml.AliasEvent:
                raise fail(mark, "aliases (*name) are not allowed in a bank; write the value out")
            elif kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise fail(mark, "a bank holds one YAML document; remove the extra '---'")
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise fail(mark, f"YAML syntax error: {exc.problem or exc.context}") from None
    except yaml.YAMLError as exc:
        raise fail(None, f"YAML error: {exc}") from None
    except RecursionError:
        raise fail(None, "the YAML is nested too deeply") from None
    if root is None:
        raise fail(None, "the file is empty; a bank starts with 'format: newsquiz/1'")
    return root


def _refuse_decorations(event: Any, fail: object) -> None:
    """Refuse anchors and explicit tags, which a bank never needs."""
    assert callable(fail)
    if event.anchor is not None:
        raise fail(event.start_mark, f"anchors (&{event.anchor}) are not allowed in a bank")
    tag = getattr(event, "tag", None)
    if tag is not None:
        raise fail(event.start_mark, f"YAML tags ({tag}) are not allowed in a bank")
