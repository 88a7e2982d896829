"""Load `knowledge/` into a FactBase, all or nothing, and report every problem at once.

A fact base is either wholly valid or refused: a half-loaded one would let the bot answer from a
broken edit.  Every problem carries `file:line: path.to.field` so a maintainer can go straight to it.
"""

from __future__ import annotations

import difflib
import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ValidationError
from rapidfuzz import fuzz

from bot.factbase.calibration import CALIBRATION_FILE, Calibration
from bot.factbase.factbase import FactBase
from bot.factbase.kinds import BY_KEY, ITEM_KINDS
from bot.factbase.messages import schema_messages
from bot.factbase.models import FactBaseFile, Language, Unanswerable, place_name
from bot.factbase.yamlfile import DUPLICATE_KEY, Loc, Problem, YamlFile, plural, read_yaml

# The lists of a knowledge file that hold items with ids: the sources, then every kind of item.
KINDS = ("sources", *(kind.key for kind in ITEM_KINDS))
CITING = tuple(kind.key for kind in ITEM_KINDS if kind.cites)
# What one item of each list is called in a problem: "entry 'talks-venue'".
ITEM_NAMES = {"sources": "source", **{kind.key: kind.name for kind in ITEM_KINDS}, "aliases": "alias group"}


class FactBaseError(Exception):
    """The fact base is invalid; `problems` lists everything wrong with it."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__(
            f"{plural(len(problems), 'problem')} in the fact base:\n" + "\n".join(map(str, problems))
        )


@dataclass(frozen=True)
class Located:
    """A validated item and where it was written."""

    item: BaseModel
    file: YamlFile
    loc: Loc

    def problem(self, sub: Loc, message: str) -> Problem:
        return self.file.problem((*self.loc, *sub), message)

    def where(self, sub: Loc) -> str:
        return f"{self.file.label}:{self.file.line_of((*self.loc, *sub))}"

    @property
    def age(self) -> tuple[int, str, Loc]:
        """Oldest first: of two clashing items, the one written later (the new edit) is blamed."""
        return (self.file.mtime_ns, self.file.label, self.loc)


def knowledge_files(directory: Path) -> list[Path]:
    return sorted(p for p in directory.rglob("*") if p.suffix in {".yaml", ".yml"} and p.is_file())


def load_factbase(directory: Path, sources_dir: Path | None = None) -> FactBase:
    """The fact base in `directory`, or FactBaseError listing every problem."""
    factbase, problems = check_factbase(directory, sources_dir)
    if problems or factbase is None:
        raise FactBaseError(problems)
    return factbase


def check_factbase(directory: Path, sources_dir: Path | None = None) -> tuple[FactBase | None, list[Problem]]:
    directory = Path(directory)
    if not directory.is_dir():
        return None, [Problem(str(directory), None, "", "no such folder: nothing to load")]
    paths = knowledge_files(directory)
    if not paths:
        return None, [Problem(str(directory), None, "", "no .yaml files found: nothing to load")]
    base = directory.parent
    files = [read_yaml(p, _label(p, base), ITEM_NAMES) for p in paths]
    problems = [problem for f in files for problem in f.problems]
    items: dict[str, list[Located]] = defaultdict(list)
    aliases = []
    languages: list[Located] = []
    unvalidated_ids: dict[str, set[str]] = defaultdict(set)
    for f in files:
        model = _validate(f, problems)
        if model is None:
            _collect_raw_ids(f.data, unvalidated_ids)
            continue
        for kind in KINDS:
            items[kind] += [Located(item, f, (kind, i)) for i, item in enumerate(getattr(model, kind))]
        aliases += [Located(group, f, ("aliases", i)) for i, group in enumerate(model.aliases)]
        if model.language is not None:
            languages.append(Located(model.language, f, ("language",)))
    # An unreadable file's ids are unknown, so references into it cannot be judged until it parses.
    check_refs = not any(f.problems for f in files)
    causes = len(problems)  # YAML and schema problems: a broken item breaks references to it too
    problems += _cross_checks(items, aliases, unvalidated_ids, check_refs=check_refs)
    language, language_problems = _merge_language(languages)
    problems += language_problems
    try:
        calibration = Calibration.read(directory)
    except ValueError as exc:
        calibration = None
        problems.append(Problem(_label(directory / CALIBRATION_FILE, base), None, "", str(exc)))
    if sources_dir is not None:
        problems += _check_quotes(items, Path(sources_dir))
    if problems:
        # What is broken first (a misspelt `id:` makes every reference to that item unknown), then the
        # rest; each in file order, so a maintainer works down each file once.
        return None, [
            *sorted(problems[:causes], key=_where),
            *sorted(problems[causes:], key=_where),
        ]
    digest = hashlib.sha256(b"".join(f.digest for f in files)).hexdigest()[:10]
    factbase = FactBase(
        **{kind: {loc.item.id: loc.item for loc in items[kind]} for kind in KINDS},
        aliases=tuple(loc.item for loc in aliases),
        language=language,
        calibration=calibration,
        version=digest,
        files=tuple(f.label for f in files),
        held=_held(files, [*(loc for kind in KINDS for loc in items[kind]), *aliases, *languages]),
    )
    return factbase, []


def _held(files: list[YamlFile], located: list[Located]) -> dict[str, int]:
    """How many items each file holds (none for a file of comments only)."""
    held = dict.fromkeys((f.label for f in files), 0)
    for loc in located:
        held[loc.file.label] += 1
    return held


def _label(path: Path, base: Path) -> str:
    """How problems name a file: as typed when the folder was given as a relative path ("../kb/…" opens
    from where the command runs), else from the fact base's parent ("knowledge/entries/talks.yaml")."""
    if not path.is_absolute():
        return str(path)
    try:
        return str(path.relative_to(base))
    except ValueError:
        return str(path)


def _validate(f: YamlFile, problems: list[Problem]) -> FactBaseFile | None:
    """The file's sections, checked against the schema; None when it has problems.  A file that parsed
    but broke a rule of its own (a duplicate key) is still checked, so one run reports both."""
    if f.problems and (f.data is None or not all(p.message.startswith(DUPLICATE_KEY) for p in f.problems)):
        return None
    if f.data is None:
        return FactBaseFile()  # empty, or only comments (e.g. every entry commented out): nothing to add
    data = f.data
    if isinstance(data, dict):  # `entries:` with every item commented out is an empty section
        data = {key: value for key, value in data.items() if value is not None}
    try:
        validated = FactBaseFile.model_validate(data)
    except ValidationError as exc:
        found = [
            f.problem(loc, message, _folded_line(f, loc, message))
            for loc, message in schema_messages(exc.errors())
        ]
        problems += sorted(found, key=lambda problem: problem.line or 0)
        return None
    return None if f.problems else validated


_FOLDED = re.compile(r"the text contains '(\w+):' — a field indented too far")


def _folded_line(f: YamlFile, loc: tuple, message: str) -> int | None:
    """The line of a field folded into a text (`topics:` indented under `answer: >-`), found from the
    text's own line on: where the indentation is to be fixed, not where the text starts."""
    folded = _FOLDED.search(message)
    start = f.line_of(loc)
    if folded is None or start is None:
        return None
    try:
        lines = f.path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    key = re.compile(rf"^\s+(?:-\s+)?{folded.group(1)}:")
    # `start` is 1-based: lines[start] is the line after the text's first one.
    return next((n + 1 for n in range(start, len(lines)) if key.match(lines[n])), None)


def _collect_raw_ids(data: object, out: dict[str, set[str]]) -> None:
    """Ids in a file that failed validation: its own problems are reported, references to it are not."""
    if not isinstance(data, dict):
        return
    for kind in KINDS:
        for item in data.get(kind) or []:
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                out[kind].add(item["id"])


def _cross_checks(
    items: dict[str, list[Located]],
    aliases: list[Located],
    unvalidated_ids: dict[str, set[str]],
    *,
    check_refs: bool,
) -> list[Problem]:
    problems: list[Problem] = []
    known: dict[str, set[str]] = {}
    for kind in KINDS:
        first: dict[str, Located] = {}
        for loc in sorted(items[kind], key=lambda located: located.age):
            item_id = loc.item.id
            if item_id in first:
                where = first[item_id].where(("id",))
                problems.append(loc.problem(("id",), f"duplicate id {item_id!r} (already used at {where})"))
            first.setdefault(item_id, loc)
        known[kind] = set(first) | unvalidated_ids[kind]
    dangling: dict[str, list[Problem]] = defaultdict(list)  # kind referred to -> its problems
    for kind in CITING if check_refs else ():
        for loc in items[kind]:
            item = loc.item
            for i, ev in enumerate(item.evidence):
                if ev.source not in known["sources"]:
                    message = f"unknown source {ev.source!r}{_did_you_mean(ev.source, known['sources'])}"
                    dangling["sources"].append(loc.problem(("evidence", i, "source"), message))
            # A field named after a kind ("people", "events") lists ids of that kind.
            for field, target in BY_KEY.items():
                for i, ref in enumerate(getattr(item, field, [])):
                    if ref not in known[field]:
                        message = f"unknown {target.name} {ref!r}{_did_you_mean(ref, known[field])}"
                        dangling[field].append(loc.problem((field, i), message))
    problems += _dangling(dangling, known)
    problems += _duplicate_phrasings([*items["entries"], *items["unanswerable"]])
    problems += _alias_conflicts(aliases)
    return problems


MANY_DANGLING = 20  # references to a kind with no ids at all, above which one line says why


def _dangling(dangling: dict[str, list[Problem]], known: dict[str, set[str]]) -> list[Problem]:
    """References to unknown ids, each a problem — or one problem for a kind with no ids at all: not
    hundreds of "unknown source" lines when sources.yaml is gone or emptied."""
    problems: list[Problem] = []
    for field, found in dangling.items():
        if known[field] or len(found) < MANY_DANGLING:  # a few: a broken item, each worth its line
            problems += found
        else:
            message = (
                f"no {field} are defined at all, yet {len(found)} references name some: "
                f"is {field}.yaml missing or empty?"
            )
            problems.append(Problem(f"{field}.yaml", None, "", message))
    return problems


def _did_you_mean(name: str, known: Iterable[str]) -> str:
    """' — did you mean 'vladimir-medinsky'?' for a misspelt id, or nothing when none is close."""
    close = difflib.get_close_matches(name, sorted(known), n=1, cutoff=0.75)
    return f" — did you mean {close[0]!r}?" if close else ""


def phrasing_key(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold()))


def _phrasings(item: BaseModel) -> list[tuple[Loc, str]]:
    if isinstance(item, Unanswerable):
        return [(("questions", i), q) for i, q in enumerate(item.questions)]
    alternatives = [(("alternatives", i), text) for i, text in enumerate(item.alternatives)]
    return [(("question",), item.question), *alternatives]


def _duplicate_phrasings(items: Iterable[Located]) -> list[Problem]:
    """Two entries (or an entry and a known gap) asked the same way would make retrieval a coin toss."""
    problems = []
    owner: dict[str, tuple[str, str]] = {}
    for loc in sorted(items, key=lambda located: located.age):
        for sub, text in _phrasings(loc.item):
            first, where = owner.setdefault(phrasing_key(text), (loc.item.id, loc.where(sub)))
            if first != loc.item.id:
                problems.append(loc.problem(sub, f"phrasing {text!r} is already used by {first!r} ({where})"))
    return problems


def _alias_conflicts(aliases: Iterable[Located]) -> list[Problem]:
    problems = []
    owner: dict[str, str] = {}
    for loc in sorted(aliases, key=lambda located: located.age):
        group = loc.item
        for i, variant in enumerate([group.canonical, *group.variants]):
            key = phrasing_key(variant)
            first = owner.setdefault(key, group.canonical)
            if first != group.canonical:
                sub = ("canonical",) if i == 0 else ("variants", i - 1)
                problems.append(loc.problem(sub, f"{variant!r} is already a variant of {first!r}"))
    return problems


def _check_quotes(items: dict[str, list[Located]], sources_dir: Path) -> list[Problem]:
    if not sources_dir.is_dir():
        return [Problem(str(sources_dir), None, "", "no such folder of source articles; quotes not checked")]
    problems = []
    texts: dict[str, str | None] = {}
    for loc in items["sources"]:
        path = sources_dir / f"{loc.item.id}.txt"
        try:
            texts[loc.item.id] = _squash(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            texts[loc.item.id] = None
            problems.append(loc.problem(("id",), f"no article {path.name} in {sources_dir}"))
        except (OSError, UnicodeDecodeError) as exc:
            texts[loc.item.id] = None
            problems.append(loc.problem(("id",), f"cannot read the article {path}: {exc}"))
    for kind in CITING:
        for loc in items[kind]:
            for i, ev in enumerate(loc.item.evidence):
                text = texts.get(ev.source)
                if text is not None and _squash(ev.quote) not in text:
                    message = f"quote is not verbatim in {ev.source}: {ev.quote!r}{_closest(ev.quote, text)}"
                    problems.append(loc.problem(("evidence", i, "quote"), message))
    return problems


CLOSEST_QUOTE_SCORE = 80
"""How alike (rapidfuzz partial ratio, 0–100) a passage of the article must be to a quote that is not
verbatim for `kb check` to show it as the likely intended text.  A one-letter typo in a 100-character
quote scores about 99; 80 still catches a few changed words while an unrelated passage stays below."""


def _closest(quote: str, article: str) -> str:
    """'; the article has: '…'' — the passage the quote was probably copied from, to compare with."""
    wanted = _squash(quote)
    found = fuzz.partial_ratio_alignment(wanted, article, score_cutoff=CLOSEST_QUOTE_SCORE)
    if found is None:
        return "; no passage of the article is close to it"
    passage = _whole_words(article, found.dest_start, found.dest_end)
    if _marks_folded(wanted) in _marks_folded(article):
        # The usual invisible difference: a straight ' typed where the article has a curly ’.
        return f"; only its quotation marks or apostrophes differ — copy them from the article: {passage!r}"
    return f"; the article has: {passage!r}"


def _whole_words(text: str, start: int, end: int) -> str:
    """text[start:end] widened to whole words at both ends: "educing human suffering" is shown as
    "reducing human suffering"."""
    while start > 0 and text[start - 1].isalnum():
        start -= 1
    while end < len(text) and text[end].isalnum():
        end += 1
    return text[start:end]


_MARKS = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "ʼ": "'"})


def _marks_folded(text: str) -> str:
    return text.translate(_MARKS)


def _squash(text: str) -> str:
    return " ".join(text.split())


def _where(problem: Problem) -> tuple[str, int]:
    return problem.file, problem.line or 0


def _merge_language(parts: list[Located]) -> tuple[Language, list[Problem]]:
    """One vocabulary from every file's `language:`; a word given two meanings is a problem."""
    problems: list[Problem] = []
    filler: dict[str, str] = {}  # folded for spotting repeats -> as written ("what's up" keeps its ')
    textspeak: dict[str, str] = {}
    tags: dict[str, str] = {}
    places: dict[str, dict[str, str]] = {}  # kind -> folded name -> as written
    kinds: dict[str, str] = {}  # folded name -> its kind
    for loc in parts:
        for kind, names in loc.item.places.items():
            for name in names:
                key = place_name(name)[0].casefold()
                if kinds.setdefault(key, kind) != kind:
                    problems.append(loc.problem(("places", kind), f"{name!r} is already a {kinds[key]}"))
                else:
                    places.setdefault(kind, {}).setdefault(key, " ".join(name.split()))
        for phrases, kept in ((loc.item.filler, filler), (loc.item.tags, tags)):
            for phrase in phrases:
                # "per the * article" is not "per the article": the wildcard is part of the key.
                if key := " ".join(re.findall(r"\w+|\*", phrase.casefold())):
                    kept.setdefault(key, " ".join(phrase.split()))
        for word, meaning in loc.item.textspeak.items():
            key = word.casefold().strip()
            if not key or len(key.split()) != 1:
                problems.append(loc.problem(("textspeak", word), "a text-speak key is one word"))
            elif textspeak.setdefault(key, meaning) != meaning:
                problems.append(
                    loc.problem(("textspeak", word), f"{word!r} already means {textspeak[key]!r}")
                )
    language = Language(
        filler=list(filler.values()),
        textspeak=textspeak,
        tags=list(tags.values()),
        places={kind: list(names.values()) for kind, names in places.items()},
    )
    return language, problems
