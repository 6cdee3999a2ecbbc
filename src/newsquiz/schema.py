"""The JSON Schema of the `newsquiz/1` bank format, for editors and other tools.

It describes the shape; the validator also checks what a schema cannot: that every quote occurs
exactly once in the article, that ids are unique across banks, that distractors differ from the
answer and each other once case and spaces are folded, and that the sha256 matches.
"""

from __future__ import annotations

from typing import Any

from .model import CHANGES, VERDICTS

SLUG = "^[a-z0-9]+(-[a-z0-9]+)*$"
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


def bank_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a bank file."""
    text = dict(TEXT)
    no_above = {
        "not": {"pattern": "(?i)\\b(all|none|both|neither) of (the )?(above|these|them)\\b"}
    }
    choice = {
        "type": "object",
        "additionalProperties": False,
        "required": ["question", "answer", "distractors"],
        "properties": {
            "question": text,
            "answer": {**text, **no_above},
            "distractors": {
                "type": "array",
                "minItems": 2,
                "maxItems": 4,
                "uniqueItems": True,
                "items": {**text, **no_above},
            },
        },
    }
    claim = {
        "type": "object",
        "additionalProperties": False,
        "required": ["id", "claim", "verdict", "evidence"],
        "properties": {
            "id": {"type": "string", "pattern": SLUG},
            "claim": text,
            "verdict": {"enum": list(VERDICTS)},
            "evidence": {"type": "array", "minItems": 1, "items": text},
            "correction": text,
            "change": {"enum": list(CHANGES)},
            "explanation": text,
            "tags": {"type": "array", "items": {"type": "string", "pattern": SLUG}},
            "choice": choice,
        },
        "if": {"properties": {"verdict": {"const": "refuted"}}},
        "then": {"required": ["correction", "change"]},
        "else": {"not": {"anyOf": [{"required": ["correction"]}, {"required": ["change"]}]}},
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
                    "id": {"type": "string", "pattern": SLUG},
                    "title": text,
                    "published": {"type": "string", "pattern": "^\\d{4}-\\d{2}-\\d{2}$"},
                    "text": {
                        "type": "string",
                        "pattern": "^(?![/\\\\])(?![A-Za-z]:)(?!(.*[/\\\\])?\\.\\.([/\\\\]|$)).+$",
                    },
                    "sha256": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
                    "url": {"type": "string", "pattern": "^https?://\\S+$"},
                },
            },
            "claims": {"type": "array", "items": claim},
        },
    }
