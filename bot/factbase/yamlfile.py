"""Read one YAML file safely and remember the line of every value, so problems can say `file:line`.

The file is read in one pass over the parser's events (never through PyYAML's node graph): anchors
and aliases are refused where they appear, so a few hundred bytes of nested aliases cannot make the
check walk billions of values (the "alias bomb"), and nesting is capped, so no input can exhaust
the stack.  Each scalar is converted on its own, so a value YAML cannot convert (`2019-02-30`,
`!!int abc`) becomes a problem at its own line and field instead of an exception.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

Loc = tuple[str | int, ...]

MAX_DEPTH = 32
"""Deepest nesting of lists and mappings a fact-base file may use.  The schema needs 5 (events →
item → evidence → item → quote); 32 leaves room for any sane layout and keeps the reader's
recursion-free stack small.  `tests/factbase/test_yamlfile.py` tests the refusal."""

MAX_VALUES = 20_000
"""Most scalars (keys and values) one file may hold.  The largest bundled file holds about 1 000; the
cap bounds the work any file can cause (a 1 MB file of `[1,1,1,…]` holds 500 000 and took 2.3 s to
read) while leaving twenty times the room a hand-edited file needs; a 566 kB file of 1 422 entries
just under the cap is checked in 0.33 s (1.2 s and 66 MB for the whole `kb check` process)."""

MAX_BYTES = 1_000_000
"""Largest file read at all; split a bigger one (the largest bundled file is under 50 kB)."""

_STR = "tag:yaml.org,2002:str"
_TAG_NAMES = {
    "tag:yaml.org,2002:timestamp": "date",
    "tag:yaml.org,2002:int": "whole number",
    "tag:yaml.org,2002:float": "number",
    "tag:yaml.org,2002:bool": "true/false value",
}


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the fact base, phrased for the maintainer who must fix it."""

    file: str
    line: int | None
    path: str
    message: str
    item: str = ""  # what the maintainer calls the item it is in: "entry 'talks-venue'"
    column: int | None = None  # only where the column matters (YAML syntax, a tab)

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        if self.line and self.column:
            where += f":{self.column}"
        path = f"{self.path} ({self.item})" if self.item else self.path
        return f"{where}: {path}: {self.message}" if path else f"{where}: {self.message}"


def format_loc(loc: Loc) -> str:
    """('people', 7, 'evidence', 0, 'source') -> 'people[7].evidence[0].source'."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def plural(count: int, noun: str) -> str:
    """`plural(1, 'problem')` -> '1 problem'; `plural(3, 'problem')` -> '3 problems'."""
    return f"{count} {noun}{'' if count == 1 else 's'}"


DUPLICATE_KEY = "duplicate key"  # the file still reads (the later value kept), so it is checked on


@dataclass
class YamlFile:
    path: Path
    label: str
    data: Any = None
    lines: dict[Loc, int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    mtime_ns: int = 0
    digest: bytes = b""
    """SHA-256 of the bytes parsed: the version is made of what was read, not of a second read that a
    file deleted or rewritten in between would fail or belie."""
    item_names: Mapping[str, str] = field(default_factory=dict)
    """Section -> what one of its items is called ({"entries": "entry"}), to name items by id."""

    def line_of(self, loc: Loc) -> int | None:
        """The line of the deepest part of `loc` that exists in the file."""
        for end in range(len(loc), -1, -1):
            line = self.lines.get(tuple(loc[:end]))
            if line is not None:
                return line
        return None

    def problem(self, loc: Loc, message: str, line: int | None = None) -> Problem:
        return Problem(
            self.label, line or self.line_of(loc), format_loc(loc), message, item=self.item_at(loc)
        )

    def item_at(self, loc: Loc) -> str:
        """`('entries', 3, 'answer')` -> "entry 'talks-venue'", so a problem names the item it is in.

        Only an item that has an id of its own (or an alias group's `canonical`) is named; the line
        number already says where an item without one is.
        """
        if len(loc) < 2 or not isinstance(loc[1], int) or not isinstance(self.data, dict):
            return ""
        name = self.item_names.get(str(loc[0]))
        items = self.data.get(loc[0])
        if name is None or not isinstance(items, list) or loc[1] >= len(items):
            return ""
        item = items[loc[1]]
        key = item.get("id", item.get("canonical")) if isinstance(item, dict) else None
        return f"{name} {key!r}" if isinstance(key, str) and key.strip() else ""


class _Refused(Exception):
    """The file cannot be read further; the problem is already recorded."""


def read_yaml(path: Path, label: str, item_names: Mapping[str, str] | None = None) -> YamlFile:
    """Parse `path`; every way it can be unreadable becomes a problem, never an exception."""
    result = YamlFile(path=path, label=label, item_names=item_names or {})
    try:
        raw = path.read_bytes()
        result.mtime_ns = os.stat(path).st_mtime_ns
        result.digest = hashlib.sha256(raw).digest()
    except OSError as exc:
        result.problems.append(Problem(label, None, "", f"cannot read file: {exc.strerror or exc}"))
        return result
    if len(raw) > MAX_BYTES:
        message = (
            f"file is {len(raw):,} bytes, more than the {MAX_BYTES:,} allowed; split it into several files"
        )
        result.problems.append(Problem(label, None, "", message))
        return result
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line_start = raw.rfind(b"\n", 0, exc.start) + 1
        line = raw.count(b"\n", 0, exc.start) + 1
        message = (
            f"byte 0x{raw[exc.start]:02x} in column {exc.start - line_start + 1} is not UTF-8; "
            "save the file as UTF-8"
        )
        result.problems.append(Problem(label, line, "", message))
        return result
    loader = SafeLoader(text)
    reader = _Reader(loader, result)
    try:
        result.data = reader.read()
        reader.name_items()
    except _Refused:
        result.data = None
    except yaml.MarkedYAMLError as exc:
        result.problems.append(_syntax_problem(label, exc, text))
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1
        result.problems.append(
            Problem(label, line, "", f"character {exc.character!r} is not allowed in YAML")
        )
    except yaml.YAMLError as exc:
        result.problems.append(Problem(label, None, "", f"YAML error: {exc}"))
    finally:
        loader.dispose()
    return result


def _syntax_problem(label: str, exc: yaml.MarkedYAMLError, text: str) -> Problem:
    """Blame the line where the broken token starts, not where the parser gave up.

    An unclosed quote or bracket, or a key without its colon, is noticed lines later; the parser's
    context mark ("while scanning a quoted scalar", "while parsing a flow sequence") points at
    its start.  A block-structure error's context is the enclosing block, so there the problem mark
    is the better line.  A tab is blamed where it is: the parser's context for it is the value
    before it, a line too early.
    """
    tab = _tab_problem(label, exc, text)
    if tab is not None:
        return tab
    if exc.problem_mark is not None:
        unclosed = _unclosed_quote(text, exc.problem_mark.line + 1)
        if unclosed is not None:
            line, column, quote = unclosed
            message = (
                f"YAML syntax error: the text opened with {quote} here is not closed on its line, so "
                f"the fields below were read into it (YAML stopped on line {exc.problem_mark.line + 1}: "
                f"{exc.problem}); end the text with {quote}"
            )
            return Problem(label, line, "", message, column=column)
    block = _block_problem(label, exc, text)
    if block is not None:
        return block
    context = exc.context or ""
    use_context = exc.context_mark is not None and ("scanning" in context or "flow" in context)
    mark = exc.context_mark if use_context else (exc.problem_mark or exc.context_mark)
    line = mark.line + 1 if mark else None
    message = f"YAML syntax error: {exc.problem or context}"
    if context and exc.problem:
        message += f" ({context}"
        if use_context and exc.problem_mark is not None and exc.problem_mark.line + 1 != line:
            message += f" starting here; noticed on line {exc.problem_mark.line + 1}"
        message += ")"
    return Problem(label, line, "", message, column=mark.column + 1 if mark else None)


def _block_problem(label: str, exc: yaml.MarkedYAMLError, text: str) -> Problem | None:
    """The indentation mistakes PyYAML names in its own terms, said in a maintainer's: a line that
    fits neither the list it is in nor the item above, a field indented under the one before it, and
    a colon inside an unquoted text."""
    mark, problem = exc.problem_mark, exc.problem or ""
    if mark is None:
        return None
    lines = text.split("\n")
    line = lines[mark.line] if mark.line < len(lines) else ""
    indent = len(line) - len(line.lstrip(" "))
    if "expected '-' indicator" in problem and exc.context_mark is not None:
        dash = exc.context_mark.column + 1
        if indent + 1 == dash:  # a field of the item above, written where its '- ' would go
            message = (
                f"YAML syntax error: this line is in the list's column ({dash}) but does not start "
                f"with '- '; indent it to column {dash + 2} to make it a field of the item above, or "
                f"start a new item with '- '"
            )
        else:
            message = (
                f"YAML syntax error: this line starts at column {indent + 1}, which fits neither the "
                f"list it is in (its items start with '- ' at column {dash}) nor the fields of the "
                f"item above (column {dash + 2}); line it up with one of them"
            )
        return Problem(label, mark.line + 1, "", message, column=indent + 1)
    if problem.startswith("mapping values are not allowed"):
        before = next((b for b in reversed(lines[: mark.line]) if b.strip()), "")
        above = len(before) - len(before.lstrip(" "))
        field = _FIELD.match(line)
        if field is not None and indent > above and _FIELD.match(before):
            message = (
                f"YAML syntax error: `{line.strip().split(':')[0]}:` is indented deeper than the field "
                f"above it (column {indent + 1}, not {above + 1}), so it was read as part of that "
                f"field's text; line it up with the field above"
            )
            return Problem(label, mark.line + 1, "", message, column=indent + 1)
        message = (
            "YAML syntax error: a ': ' inside a text that is not in quotes; put the text in quotes "
            "('…' or \"…\")"
        )
        return Problem(label, mark.line + 1, "", message, column=mark.column + 1)
    return None


_OPENS_QUOTE = re.compile(r"""^(\s*)(?:-\s+)?(?:[^\s#'"][^#]*?:\s+)?(["'])""")
_FIELD = re.compile(r"\s*(?:-\s+)?[\w-]+:(?:\s|$)")


def _unclosed_quote(text: str, error_line: int) -> tuple[int, int, str] | None:
    """(line, column, quote) of a quoted text left open that swallowed the fields after it.

    A missing closing quote is not an error where it is missing: YAML reads on to the next quote
    character, lines later, and fails there.  The nearest quote opened and not closed on its line
    before the error is blamed, but only if what it swallowed up to its closing quote holds a line
    that looks like a field of its own (a `key:` no deeper than the quoted one's), so a text quoted
    over several lines on purpose is not.
    """
    lines = text.split("\n")
    for n in range(min(error_line, len(lines)) - 1, -1, -1):
        opened = _OPENS_QUOTE.match(lines[n])
        if opened is None or _close_at(lines[n], opened.end(), opened.group(2)) is not None:
            continue
        start = sum(len(line) + 1 for line in lines[:n]) + opened.end()
        close = _close_at(text, start, opened.group(2))
        swallowed = text[start:close].split("\n")[1:]
        indent = len(opened.group(1))
        if any(len(line) - len(line.lstrip()) <= indent and _FIELD.match(line) for line in swallowed):
            return n + 1, opened.start(2) + 1, opened.group(2)
        return None
    return None


def _close_at(text: str, start: int, quote: str) -> int | None:
    """Where the quote opened just before `start` closes (`\\"` and `''` are escapes), or None."""
    i = start
    while i < len(text):
        if quote == '"' and text[i] == "\\":
            i += 2
            continue
        if text[i] == quote:
            if quote == "'" and text[i + 1 : i + 2] == "'":
                i += 2
                continue
            return i
        i += 1
    return None


def _tab_problem(label: str, exc: yaml.MarkedYAMLError, text: str) -> Problem | None:
    """A tab in the indentation, at its own line and column, with what to do about it."""
    mark = exc.problem_mark
    at_tab = mark is not None and text[mark.index : mark.index + 1] == "\t"
    if mark is None or not (at_tab or "tab" in (exc.problem or "")):
        return None
    line_start = text.rfind("\n", 0, mark.index) + 1
    before = text[line_start : mark.index + 1]
    column = mark.column + 1 if at_tab or "\t" not in before else before.find("\t") + 1
    where = "in the indentation" if not before[: column - 1].strip() else "where YAML expects spaces"
    message = f"a tab character {where}; YAML indents with spaces only: replace the tab with spaces"
    return Problem(label, mark.line + 1, "", message, column=column)


@dataclass
class _Frame:
    """A list or mapping being filled; for a mapping, the key waiting for its value."""

    value: dict[Any, Any] | list[Any]
    loc: Loc
    key: Any = None
    has_key: bool = False
    seen: dict[Any, int] = field(default_factory=dict)


class _Reader:
    """Builds the document and its line index from parser events, in one pass and one stack."""

    def __init__(self, loader: Any, out: YamlFile) -> None:
        self.loader = loader
        self.out = out
        self.stack: list[_Frame] = []
        self.root: Any = None
        self.documents = 0
        self.values = 0
        self.inside: list[tuple[int, Loc]] = []  # problems to name the item of, once it is all read

    def read(self) -> Any:
        while self.loader.check_event():
            self.event(self.loader.get_event())
        return self.root

    def add(self, loc: Loc, line: int, message: str) -> None:
        self.inside.append((len(self.out.problems), loc))
        self.out.problems.append(Problem(self.out.label, line, format_loc(loc), message))

    def name_items(self) -> None:
        """Name the item each problem is in: its id may come after the broken field."""
        for i, loc in self.inside:
            self.out.problems[i] = replace(self.out.problems[i], item=self.out.item_at(loc))

    def refuse(self, event: yaml.Event, message: str) -> None:
        self.out.problems.append(Problem(self.out.label, event.start_mark.line + 1, "", message))
        raise _Refused

    def event(self, event: yaml.Event) -> None:
        if isinstance(event, yaml.DocumentStartEvent):
            self.documents += 1
            if self.documents > 1:
                self.refuse(event, "a second YAML document ('---'); a file holds one document")
        if isinstance(event, yaml.AliasEvent):
            self.refuse(event, f"alias *{event.anchor}: anchors and aliases are not allowed; write it out")
        if isinstance(event, yaml.NodeEvent) and event.anchor is not None:
            self.refuse(event, f"anchor &{event.anchor}: anchors and aliases are not allowed; write it out")
        if isinstance(event, yaml.ScalarEvent):
            self.scalar(event)
        elif isinstance(event, yaml.CollectionStartEvent):
            self.start(event)
        elif isinstance(event, yaml.CollectionEndEvent):
            self.stack.pop()

    def scalar(self, event: yaml.ScalarEvent) -> None:
        self.values += 1
        if self.values > MAX_VALUES:
            self.refuse(
                event, f"more than {MAX_VALUES:,} keys and values in one file; split it into several files"
            )
        top = self.stack[-1] if self.stack else None
        if top is not None and isinstance(top.value, dict) and not top.has_key:
            self.key(top, event)
            return
        loc = self.child_loc()
        self.place(self.convert(event, loc), loc, event)

    def key(self, frame: _Frame, event: yaml.ScalarEvent) -> None:
        line = event.start_mark.line + 1
        key = self.convert(event, (*frame.loc, str(event.value)))
        if key is None or isinstance(key, (list, dict)):
            key = str(event.value)
        loc = (*frame.loc, key)
        if key in frame.seen:
            message = f"{DUPLICATE_KEY} (first on line {frame.seen[key]})"
            self.add(loc, line, message)
        frame.seen[key] = line
        frame.key, frame.has_key = key, True
        self.out.lines[loc] = line

    def start(self, event: yaml.CollectionStartEvent) -> None:
        top = self.stack[-1] if self.stack else None
        if top is not None and isinstance(top.value, dict) and not top.has_key:
            self.refuse(event, "a key must be a single word or phrase, not a list or mapping")
        if len(self.stack) >= MAX_DEPTH:
            self.refuse(event, f"nested more than {MAX_DEPTH} levels deep")
        loc = self.child_loc()
        value: dict[Any, Any] | list[Any] = {} if isinstance(event, yaml.MappingStartEvent) else []
        self.place(value, loc, event)
        self.stack.append(_Frame(value, loc))

    def child_loc(self) -> Loc:
        if not self.stack:
            return ()
        top = self.stack[-1]
        return (*top.loc, len(top.value)) if isinstance(top.value, list) else (*top.loc, top.key)

    def place(self, value: Any, loc: Loc, event: yaml.Event) -> None:
        self.out.lines.setdefault(loc, event.start_mark.line + 1)
        if not self.stack:
            self.root = value
            return
        top = self.stack[-1]
        if isinstance(top.value, list):
            top.value.append(value)
        else:
            top.value[top.key] = value
            top.has_key = False

    def convert(self, event: yaml.ScalarEvent, loc: Loc) -> Any:
        """The Python value of one scalar, or its text with a problem when YAML cannot convert it."""
        tag = event.tag
        if tag is None or tag == "!":
            if event.style:  # quoted: always text, the common case, kept fast
                return event.value
            tag = self.loader.resolve(yaml.ScalarNode, event.value, event.implicit)
        if tag == _STR:
            return event.value
        node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, style=event.style)
        try:
            value = self.loader.construct_object(node)
        except (ValueError, TypeError, OverflowError, yaml.YAMLError) as exc:
            kind = _TAG_NAMES.get(tag, f"value of type {tag}")
            reason = getattr(exc, "problem", None) or str(exc)
            message = f"{event.value!r} is not a valid {kind} ({reason})"
            self.add(loc, event.start_mark.line + 1, message)
            return event.value
        finally:
            self.loader.constructed_objects.pop(node, None)
        return value
