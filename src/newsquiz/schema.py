"""The JSON Schema of the `newsquiz/1` bank format, for editors and other tools.

It describes the shape; the validator also checks what a schema cannot: that every quote occurs
exactly once in the article, that ids are unique across banks, that distractors differ from the
answer and each other once case and spaces are folded, and that the sha256 matches.

Every pattern is ECMA-262 (what ajv, check-jsonschema and editors run): no inline flags such as
`(?i)`. The validator reads every scalar as text, while YAML tools turn `answer: 75` into a
number, `answer: yes` into a boolean and `correction:` with nothing into null: the schema accepts
those where the validator accepts the text, so that an editor does not flag a valid bank.
"""

from __future__ import annotations

from typing import Any

from .model import CHANGES, VERDICTS

SLUG = "^[a-z0-9]+(-[a-z0-9]+)*$"
# fields.URL in ECMA-262: http or https, a host, no white space, quote, < > or control character.
_URL_BAD = '\\s<>"\\u0000-\\u001f\\u007f-\\u009f'
URL = f"^https?://[A-Za-z0-9\\[][^{_URL_BAD}/?#]*([/?#][^{_URL_BAD}]*)?$"
DATE = "^\\d{4}-\\d{2}-\\d{2}$"
# Text without control characters other than tab and newline (carriage return only before one),
# nor the invisible and direction-changing characters the validator refuses (errors.UNSAFE; a
# lone zero-width joiner is left to the validator).
_CONTROLS = (
    "\\u0000-\\u0008\\u000b-\\u000c\\u000e-\\u001f\\u007f-\\u009f\\r"
    "\\u061c\\u115f\\u1160\\u180e\\u200b\\u200e\\u200f\\u202a-\\u202e\\u2060-\\u2064"
    "\\u2066-\\u2069\\u3164\\ufeff\\uffa0"
)
_OK = f"[^{_CONTROLS}]|\\r\\n"
TEXT = {"type": "string", "pattern": f"^({_OK})*[^\\s{_CONTROLS}]({_OK})*$"}
NULL = {"type": "null"}
# What YAML makes of unquoted text such as 75, 2.5 or yes: the validator reads it as that text.
OTHER_SCALARS = {"type": ["number", "boolean"]}


def caseless(words: str) -> str:
    """An ECMA-262 pattern matching `words` in any case, without the `(?i)` flag ECMA lacks."""
    return "".join(f"[{c.lower()}{c.upper()}]" if c.isalpha() else c for c in words)


# "All of the above" and its kin, which the validator refuses as answers and distractors.
ABOVE = "\\b" + caseless("(all|none|both|neither) of (the )?(above|these|them)") + "\\b"


def _text(*, optional: bool = False, refuse: str | None = None) -> dict[str, Any]:
    string = {**TEXT, "not": {"pattern": refuse}} if refuse else TEXT
    kinds: list[dict[str, Any]] = [string, OTHER_SCALARS]
    return {"anyOf": [*kinds, NULL] if optional else kinds}


def _slug(*, optional: bool = False) -> dict[str, Any]:
    kinds: list[dict[str, Any]] = [
        {"type": "string", "pattern": SLUG},
        {"type": "integer", "minimum": 0},  # `id: 2024` is the slug "2024"
    ]
    return {"anyOf": [*kinds, NULL] if optional else kinds}


def _together(key: str, *needs: str) -> dict[str, Any]:
    """A schema saying: when `key` has a value, so do `needs`."""
    given = {k: {"not": NULL} for k in needs}
    return {
        "if": {"required": [key], "properties": {key: {"not": NULL}}},
        "then": {"required": list(needs), "properties": given},
    }


def bank_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a bank file."""
    choice = {
        "type": "object",
        "additionalProperties": False,
        "required": ["question", "answer", "distractors"],
        "properties": {
            "question": _text(),
            "answer": _text(refuse=ABOVE),
            "distractors": {
                "type": "array",
                "minItems": 2,
                "maxItems": 4,
                "uniqueItems": True,
                "items": _text(refuse=ABOVE),
            },
        },
    }
    claim = {
        "type": "object",
        "additionalProperties": False,
        "required": ["id", "claim", "verdict", "evidence"],
        "properties": {
            "id": _slug(),
            "claim": _text(),
            "verdict": {"enum": list(VERDICTS)},
            "evidence": {"type": "array", "minItems": 1, "items": _text()},
            "correction": _text(optional=True),
            "change": {"enum": [*CHANGES, None]},
            "explanation": _text(optional=True),
            "tags": {"anyOf": [{"type": "array", "items": _slug()}, NULL]},
            "choice": {"anyOf": [choice, NULL]},
            "claimant": _text(optional=True),
            "appearance": {"anyOf": [{"type": "string", "pattern": URL}, NULL]},
            "appeared": {"anyOf": [{"type": "string", "pattern": DATE}, NULL]},
        },
        "allOf": [
            # A refuted claim needs a correction and a change; no other verdict takes them
            # (`correction:` with nothing after it counts as absent, as in the validator).
            {
                "if": {"required": ["verdict"], "properties": {"verdict": {"const": "refuted"}}},
                "then": {
                    "required": ["correction", "change"],
                    "properties": {"correction": {"not": NULL}, "change": {"not": NULL}},
                },
                "else": {"properties": {"correction": NULL, "change": NULL}},
            },
            # Who made the claim and where go together; when needs both.
            _together("claimant", "appearance"),
            _together("appearance", "claimant"),
            _together("appeared", "claimant", "appearance"),
        ],
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://newsquiz.invalid/schema/newsquiz-1.json",
        "title": "newsquiz bank (format newsquiz/1)",
        "description": "Claims about one news article, each anchored to verbatim quotes from it.",
        "type": "object",
        "additionalProperties": False,
        "required": ["format", "article", "claims"],
        "properties": {
            "format": {"const": "newsquiz/1"},
            "article": {
                "type": "object",
                "additionalProperties": False,
                "required": ["id", "title", "published", "text"],
                "properties": {
                    "id": _slug(),
                    "title": _text(),
                    "published": {"type": "string", "pattern": DATE},
                    "text": {
                        "type": "string",
                        "pattern": "^(?![/\\\\])(?![A-Za-z]:)(?!(.*[/\\\\])?\\.\\.([/\\\\]|$)).+$",
                    },
                    "sha256": {"anyOf": [{"type": "string", "pattern": "^[0-9a-f]{64}$"}, NULL]},
                    "url": {"anyOf": [{"type": "string", "pattern": URL}, NULL]},
                },
            },
            "claims": {"type": "array", "items": claim},
        },
    }
