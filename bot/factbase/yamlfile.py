"""Read one YAML file safely and remember the line of every value, so problems can say `file:line`."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

Loc = tuple[str | int, ...]


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the fact base, phrased for the maintainer who must fix it."""

    file: str
    line: int | None
    path: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.path}: {self.message}" if self.path else f"{where}: {self.message}"


def format_loc(loc: Loc) -> str:
    """('people', 7, 'evidence', 0, 'source') -> 'people[7].evidence[0].source'."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


@dataclass
class YamlFile:
    path: Path
    label: str
    data: Any = None
    lines: dict[Loc, int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def line_of(self, loc: Loc) -> int | None:
        """The line of the deepest part of `loc` that exists in the file."""
        for end in range(len(loc), -1, -1):
            line = self.lines.get(tuple(loc[:end]))
            if line is not None:
                return line
        return None

    def problem(self, loc: Loc, message: str) -> Problem:
        return Problem(self.label, self.line_of(loc), format_loc(loc), message)


def read_yaml(path: Path, label: str) -> YamlFile:
    """Parse `path`; syntax errors and duplicate keys become problems, never exceptions."""
    result = YamlFile(path=path, label=label)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        result.problems.append(Problem(label, None, "", f"cannot read file: {exc}"))
        return result
    loader = SafeLoader(text)
    try:
        node = loader.get_single_node()
        if node is not None:
            _index(node, (), result)
            result.data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        what = " ".join(str(part) for part in (exc.context, exc.problem) if part)
        result.problems.append(Problem(label, line, "", f"YAML syntax error: {what}"))
    except yaml.YAMLError as exc:
        result.problems.append(Problem(label, None, "", f"YAML error: {exc}"))
    finally:
        loader.dispose()
    return result


def _index(node: yaml.Node, loc: Loc, out: YamlFile) -> None:
    out.lines[loc] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = str(key_node.value)
            line = key_node.start_mark.line + 1
            if key in seen:
                out.problems.append(
                    Problem(
                        out.label, line, format_loc((*loc, key)), f"duplicate key (first on line {seen[key]})"
                    )
                )
            seen[key] = line
            _index(value_node, (*loc, key), out)
            out.lines[(*loc, key)] = line
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _index(item, (*loc, i), out)
