"""Schema errors in the maintainer's words: what is wrong with a field and what it should hold.

pydantic speaks of Python ("Input should be a valid string", "Field required"); a maintainer editing
YAML needs "`question:` is missing — expected a phrasing of 2–200 characters".  The expected value
is read from the schema itself (the field's type, its limits and its description), so a new field
is described without touching this module.
"""

from __future__ import annotations

import difflib
import types
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel

from bot.factbase.models import (
    MAX_ANSWER_CHARS,
    MAX_PHRASING_CHARS,
    MAX_QUOTE_CHARS,
    Answer,
    FactBaseFile,
    Id,
    PartialDate,
    Phrasing,
    Quote,
    Text,
)

_NAMED: dict[Any, str] = {
    Id: "an id: lowercase letters, digits and hyphens, e.g. 'talks-venue'",
    Phrasing: f"a phrasing of 2–{MAX_PHRASING_CHARS} characters",
    Text: "text",
    Answer: f"text of 10–{MAX_ANSWER_CHARS} characters",
    Quote: f"a quote of 8–{MAX_QUOTE_CHARS} characters, copied from the article",
    PartialDate: "a date: YYYY, YYYY-MM or YYYY-MM-DD",
    bool: "true or false",
    str: "text",
    int: "a whole number",
}


def schema_messages(errors: list[Any]) -> list[tuple[tuple[Any, ...], str]]:
    """Each pydantic error as (where, message); a field reported as misspelt is not also missing."""
    misspelt = {
        (*error["loc"][:-1], guess)
        for error in errors
        if error["type"] == "extra_forbidden"
        for guess in _close_fields(tuple(error["loc"]))
    }
    return [
        (tuple(error["loc"]), schema_message(error))
        for error in errors
        if not (error["type"] == "missing" and tuple(error["loc"]) in misspelt)
    ]


def schema_message(error: Any) -> str:
    """One pydantic error (from `ValidationError.errors()`) as a plain sentence for the maintainer."""
    kind, loc, value = error["type"], tuple(error["loc"]), error.get("input")
    ctx = error.get("ctx") or {}
    field = loc[-1] if loc else None
    if kind == "missing":
        return f"`{field}:` is missing; expected {expected(loc, described=True)}"
    if kind == "extra_forbidden":
        return _unknown_field(loc)
    if kind == "model_type" and not loc:
        sections = ", ".join(f"{name}:" for name in FactBaseFile.model_fields)
        return f"a fact-base file must be a mapping of sections ({sections}), not {yaml_kind(value)}"
    if kind == "string_pattern_mismatch":
        return f"{value!r} is not {expected(loc)}"
    if kind == "too_short" and not value:
        return f"is an empty list; expected at least one item, {describe(_item(loc))}"
    if kind == "string_too_short" and ctx.get("min_length") == 1:
        return f"is empty; expected {expected(loc, described=True)}"
    if kind == "string_too_short":
        return f"is {len(value)} characters, too short; expected {expected(loc)}"
    if kind == "string_too_long":
        return f"is {len(value)} characters, more than the {ctx['max_length']} allowed; shorten it"
    if kind == "too_long":
        return f"has {len(value)} items, more than the {ctx['max_length']} allowed"
    if kind in {"value_error", "assertion_error"}:
        return str(error["msg"]).removeprefix("Value error, ").removeprefix("Assertion failed, ")
    if kind.endswith(("_type", "_parsing")):
        return f"is {yaml_kind(value)}; expected {expected(loc)}{_hint(kind, value)}"
    return f"{error['msg']}; expected {expected(loc)}"


def expected(loc: tuple[Any, ...], *, described: bool = False) -> str:
    """What the schema wants at `loc`: 'a list of ids: …', or with its description 'text (How …)'."""
    annotation, description = _at(loc)
    what = describe(annotation) if annotation is not None else "something else"
    return f"{what} ({description.rstrip('.')})" if description and described else what


def _item(loc: tuple[Any, ...]) -> Any:
    """The type of one item of the list at `loc`."""
    annotation = _optional(_at(loc)[0])
    if get_origin(annotation) is Annotated:
        annotation = get_args(annotation)[0]
    args = get_args(annotation)
    return args[0] if get_origin(annotation) is list else annotation


def _hint(kind: str, value: object) -> str:
    """What to write instead, where the mistake is a common one."""
    if kind == "string_type" and isinstance(value, (int, float, bool)):
        return "; put it in quotes to make it text"
    if kind == "list_type" and isinstance(value, str):
        return f"; write it as a list: [{value}]"
    return ""


def describe(annotation: Any) -> str:
    """A type of the schema in words: `list[Id]` -> 'a list of ids: lowercase letters, …'."""
    annotation = _optional(annotation)
    if annotation in _NAMED:
        return _NAMED[annotation]
    origin, args = get_origin(annotation), get_args(annotation)
    if origin is Annotated:
        return describe(args[0])
    if origin is list:
        item = describe(args[0])
        return f"a list of {_plural(item)}"
    if origin is dict:
        return f"a mapping of `key: value` lines, each value {describe(args[1])}"
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return f"a mapping with {_fields(annotation)}"
    return str(annotation)


def yaml_kind(value: object) -> str:
    """How a value reads in the YAML file: 'a list', "the text 'x'", 'the number 12'."""
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, str):
        return f"the text {value[:40]!r}"
    if isinstance(value, bool):
        return f"the value {str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if value is None:
        return "empty"
    return f"the value {value!r}"[:60]


def _unknown_field(loc: tuple[Any, ...]) -> str:
    allowed = _fields_at(loc[:-1])
    if not allowed:
        return f"unknown field `{loc[-1]}:`"
    close = _close_fields(loc)
    guess = f" — did you mean `{close[0]}:`?" if close else ""
    return f"unknown field `{loc[-1]}:`{guess} (allowed here: {', '.join(allowed)})"


def _fields_at(loc: tuple[Any, ...]) -> list[str]:
    model = _optional(_at(loc)[0])
    return list(model.model_fields) if isinstance(model, type) and issubclass(model, BaseModel) else []


def _close_fields(loc: tuple[Any, ...]) -> list[str]:
    """The field a misspelt key was probably meant to be: `qoute` -> ['quote']."""
    return difflib.get_close_matches(str(loc[-1]), _fields_at(loc[:-1]), n=1, cutoff=0.6)


def _at(loc: tuple[Any, ...]) -> tuple[Any, str | None]:
    """The schema's annotation and description at `loc`, walking from the top of a file."""
    annotation: Any = FactBaseFile
    description = None
    for part in loc:
        annotation = _optional(annotation)
        if get_origin(annotation) is Annotated:
            annotation = get_args(annotation)[0]
        origin = get_origin(annotation)
        if isinstance(part, int) and origin is list:
            annotation, description = get_args(annotation)[0], None
        elif origin is dict:
            annotation, description = get_args(annotation)[1], None
        elif isinstance(annotation, type) and issubclass(annotation, BaseModel):
            info = annotation.model_fields.get(str(part))
            if info is None:
                return None, None
            annotation = Annotated[(info.annotation, *info.metadata)] if info.metadata else info.annotation
            description = info.description
        else:
            return None, None
    return annotation, description


def _optional(annotation: Any) -> Any:
    """`X | None` -> X."""
    if get_origin(annotation) in (Union, types.UnionType):
        rest = [arg for arg in get_args(annotation) if arg is not type(None)]
        return rest[0] if len(rest) == 1 else annotation
    return annotation


def _fields(model: type[BaseModel]) -> str:
    required = [f"`{name}:`" for name, info in model.model_fields.items() if info.is_required()]
    optional = [f"`{name}:`" for name, info in model.model_fields.items() if not info.is_required()]
    text = ", ".join(required) or "no required fields"
    return text + (f" (optional: {', '.join(optional)})" if optional else "")


def _plural(phrase: str) -> str:
    """'an id: …' -> 'ids: …', 'text' -> 'texts', 'a mapping with …' -> 'mappings with …'."""
    head, sep, rest = phrase.partition(":") if ":" in phrase.split(" (", 1)[0] else (phrase, "", "")
    words = head.split(" ", 2)
    if words[0] in {"a", "an"} and len(words) > 1:
        words = words[1:]
        words[0] += "s"
    elif words[0] == "text":
        words[0] = "texts"
    return " ".join(words) + sep + rest
