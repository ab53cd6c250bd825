"""The fields a JSONL record or a NAME.json sidecar may hold, type-checked with pydantic.

A wrong type, a missing ``text`` or a string that is not valid Unicode becomes one
``InputError`` naming the field, e.g. ``feed.jsonl:9: field "title" must be a string``.
"""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator
from pydantic_core import ErrorDetails

from bilat.errors import InputError

_JSON_TYPES = ((bool, "a boolean"), (int, "a number"), (float, "a number"), (list, "an array"))


class Meta(BaseModel):
    """Metadata about an article; every field is an optional string."""

    model_config = ConfigDict(strict=True, extra="ignore", frozen=True)

    title: str | None = None
    url: str | None = None
    source: str | None = None
    published: str | None = None
    language: str | None = None
    body_ends_before: str | None = None

    @field_validator("*")
    @classmethod
    def _valid_unicode(cls, value: Any) -> Any:
        if isinstance(value, str):
            try:
                value.encode("utf-8")
            except UnicodeEncodeError as exc:
                bad = ord(value[exc.start])
                raise ValueError(
                    f"holds a lone surrogate \\u{bad:04x} at character {exc.start} "
                    "(not valid Unicode)"
                ) from None
        return value


class Record(Meta):
    """One line of a JSONL feed: the article's ``text`` and its metadata."""

    text: str


M = TypeVar("M", bound=Meta)


def _json_type(value: object) -> str:
    if value is None:
        return "null"
    return next((name for kind, name in _JSON_TYPES if isinstance(value, kind)), "an object")


def _reason(error: ErrorDetails) -> str:
    field = ".".join(str(part) for part in error["loc"]) or "record"
    kind = error["type"]
    if kind == "missing":
        return f'field "{field}" is missing'
    if kind == "string_type":
        return f'field "{field}" must be a string, not {_json_type(error["input"])}'
    if kind == "value_error":
        return f'field "{field}" {error["msg"].removeprefix("Value error, ")}'
    return f'field "{field}": {error["msg"]}'


def check(model: type[M], data: dict[str, Any], origin: str) -> M:
    """``data`` as ``model``, or an InputError naming the first bad field."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise InputError(origin, _reason(exc.errors(include_url=False)[0])) from None
