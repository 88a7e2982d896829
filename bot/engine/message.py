"""From a chat message to the question in it: one Discord-free step every front end goes through.

People in a busy channel write "hey bot 🙂 quick one, who did kyiv actually send to istanbul?",
"@everyone wat r the names of russias negotiaters" or "my uncle says erdogan is neutral. is turkey close
to both sides?".  Reading such a message means dropping what is not the question — Discord mentions,
emoji, links, markdown, greetings, hedges and sign-offs — expanding text-speak, and splitting the
message into sentences so the engine can try the ones that ask something.  The vocabulary (filler
phrases, text-speak) is data in `knowledge/language.yaml`; only the Discord syntax lives here.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from wordfreq import zipf_frequency

from bot.engine.normalize import QUESTION_WORDS, STOPWORDS, fold
from bot.engine.normalize import words as normalized_words
from bot.factbase.models import Language

# Discord syntax: user, role and channel mentions, @everyone/@here, custom emoji, timestamps, links.
_MENTION = re.compile(r"<(?:@[!&]?|#)\d+>|(?<!\w)@(?:everyone|here)\b|(?<!\w)@[\w.]{2,32}")
_CUSTOM_EMOJI = re.compile(r"<a?:\w+:\d+>")
_STRAY_MENTION = re.compile(r"<[@#][!&]?")  # what is left of a mention cut short: "<@", "<#"
_SHORTCODE = re.compile(r"(?<!\w):[a-z0-9_+-]{2,32}:(?!\w)")
_TIMESTAMP = re.compile(r"<t:-?\d+(?::[tTdDfFR])?>")
_URL = re.compile(r"https?://\S+|www\.\S+")
# Markdown: fenced code, block quotes and the inline markers whose text is kept.
_FENCE = re.compile(r"```(?:[a-z0-9+-]*\n)?(.*?)```", re.DOTALL)
_INLINE = re.compile(r"\|\||\*\*\*|\*\*|__|~~|`|(?<!\w)[*_](?=\S)|(?<=\S)[*_](?!\w)")
_HEADING = re.compile(r"^\s*(?:#{1,3}|-#)\s+", re.MULTILINE)
_LIST = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+", re.MULTILINE)
_QUOTE = re.compile(r"^\s*>>?>?\s?", re.MULTILINE)
# Sentence ends, and a colon that sets a question off ("question: where…", "last one: who…").
_WH_WORDS = "|".join(sorted(QUESTION_WORDS))
_OPENING_AUX = "is|are|was|were|do|does|did|can|could|will|would|has|have|had"
_SENTENCE_END = re.compile(
    rf"(?<=[?!])\s+|(?<=[.;])\s+(?=\S)|\n+|(?<=:)\s+(?=(?:{_WH_WORDS}|{_OPENING_AUX})\b)",
    re.IGNORECASE,
)
_SPACES = re.compile(r"\s+")
_BLANKS = re.compile(r"[^\S\n]+")  # spaces other than a line break
_PRONOUN = re.compile(r"\b(?:he|she|it|they|him|her|his|its|their|them|this|that|these|those)\b", re.I)
# A question word as written, with a contraction or punctuation: "what's", "who’s", "(where".
_WH = re.compile(rf"^\W*(?:{_WH_WORDS})(?:['’]\w+)?\W*$")
_ASKING_START = re.compile(rf"\W*(?:{_WH_WORDS}|{_OPENING_AUX})\b", re.IGNORECASE)
_WORD = re.compile(r"(?<![\w'’])[\w'’]+(?![\w'’])")
DROPPED_G_ZIPF_GAIN = 1.0  # Zipf is log10: the -ing form must be at least ten times as common
_EDGE_PUNCT = " \t,;:-–—.…"
# Auxiliaries that open a yes/no question: "is turkey close to both sides", "did putin attend".
_AUX = frozenset(
    "is are was were do does did has have had can could will would should shall may might must "
    "isn't aren't wasn't weren't don't doesn't didn't hasn't haven't can't couldn't won't".split()
)
_BOUND_TO_WH = frozenset({"since", "until", "till", "from", "for", "to", "by"})  # "since when", "from where"
AUXILIARIES = _AUX  # also what tells a whole follow-up ("what is it?") from a fragment
# "2" written for "to": after a verb of motion or intent ("goin 2 turkey", "what did it lead 2", "willing
# 2 host") or before "the"/"a"/"be" ("come 2 the talks"); never between a number's neighbours ("the 1st 2
# rounds", "2 drones").  Read after text-speak, so "goin" is already "going".
_TWO_AS_TO = re.compile(
    r"\b(?:(going|go|goes|went|come|comes|came|get|got|getting|lead|leads|led|talk|talked|want|wants|wanted|need|needs|"
    r"needed|supposed|willing|trying|able|due|back|travel|travelled|traveled|fly|flew|move|moved|up|down|"
    r"next|close|according|ready|set|expected|agree|agreed|prefer|plan|planning|offer|offered|offering|"
    r"said|say|says|speak|spoke|reply|replied|respond|responded|reach|reached|listen|write|wrote)\s+2\b(?![.,]?\d)"
    r"|2(?=\s+(?:the|a|an|be|them|him|her|us|me|attend|meet|host|join|sign|stop|end)\b)"
    r"|(?<=\bface )2(?= face\b)|(?<=\bone )2(?= one\b)|(?<=\bback )2(?= back\b))",
    re.IGNORECASE,
)
# "4" written for "for": after a verb that takes it ("what did macron call 4", "asked 4 a ceasefire") or
# before a word that cannot be counted ("4 the talks", "4 real"); never before a number's neighbours.
_FOUR_AS_FOR = re.compile(
    r"\b(call|calls|called|calling|ask|asks|asked|asking|push|pushed|pushing|wait|waiting|looking|"
    r"ready|plan|planned|hope|hoped|hoping|reason|responsible|argue|argued|pressed|press)\s+4\b(?!\s*[.,]?\d)"
    r"|\b4(?=\s+(?:the|a|an|him|her|them|us|me|real|sure|peace|now)\b)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Reading:
    """What the engine makes of a message.

    Attributes:
        message: the message as received (whitespace tidied).
        question: the cleaned message: markup, filler and text-speak resolved; "" when nothing is left.
        sentences: the cleaned sentences that look like questions, most likely first; the whole
            cleaned message is always among them.
        too_little: True when there is too little to go on (one or two characters, a lone number,
            only stopwords): the bot asks for a full question instead of guessing.
        tails: questions that start mid-sentence, from their question word on ("first time posting
            here what city hosts the talks?" -> "what city hosts the talks?"): worth trying when
            no sentence reads well.
    """

    message: str
    question: str
    sentences: tuple[str, ...]
    too_little: bool
    tails: tuple[str, ...] = ()


class MessageReader:
    """Reads messages with one fact base's vocabulary (`Language`); cheap to call, no state."""

    def __init__(self, language: Language) -> None:
        filler = sorted((_flexible(f) for f in language.filler), key=len, reverse=True)
        self._filler = (
            re.compile(r"(?<![\w'’])(?:" + "|".join(filler) + r")(?![\w'’])", re.IGNORECASE)
            if filler
            else None
        )
        self._textspeak = {fold(k): v for k, v in language.textspeak.items()}
        tags = sorted((_flexible(t) for t in language.tags), key=len, reverse=True)
        self._tag = (
            re.compile(r"(\s*[,;:–—-])?\s+(?:" + "|".join(tags) + r")\W*$", re.IGNORECASE) if tags else None
        )

    def read(self, message: str) -> Reading:
        message = str(message)
        raw = _SPACES.sub(" ", message).strip()
        text = strip_markup(message)
        # "> All of us in Ukraine would appreciate it / who said that?": a quoted line is the articles'
        # words, kept whole ("appreciate it" is a sign-off only in the member's own words).
        quoted = (
            [strip_markup(line) for line in message.splitlines() if _QUOTE.match(line)]
            if ">" in message
            else []
        )
        sentences = [
            self._clean(s, filler=not (s.strip() and any(s.strip() in q for q in quoted)))
            for s in _SENTENCE_END.split(text)
        ]
        sentences = [s for s in sentences if s]
        whole = " ".join(sentences)
        asked = [s for s in sentences if _asks(s)]
        ordered = list(dict.fromkeys([*reversed(asked), whole] if asked else [whole]))
        tails = [t for s in sentences if (t := _question_tail(s)) and t not in ordered]
        return Reading(raw, whole, tuple(s for s in ordered if s), too_little(whole), tuple(tails))

    def tidy(self, message: str) -> str:
        """The message with markup, filler and text-speak resolved, and nothing else taken away.

        Unlike `read`, no sentence is chosen and nothing is judged too little: a follow-up such as
        "lol ok so <@123> when was that?" becomes "when was that?", whose every word is a cue.
        """
        text = strip_markup(str(message))
        sentences = [self._clean(s) for s in _SENTENCE_END.split(text)]
        return " ".join(s for s in sentences if s)

    def _untagged(self, sentence: str) -> str:
        """ "lavrov led the russians right?" -> "lavrov led the russians?": a statement's tag goes, the
        question mark stays.  In a question only after a comma: "is ukraine right?" keeps its word."""
        found = self._tag.search(sentence) if self._tag is not None else None
        if found is None or not (found.group(1) or not _ASKING_START.match(sentence)):
            return sentence
        return sentence[: found.start()] + "?"

    def _word(self, word: str) -> str:
        word = _unstretched(word)
        return (
            self._textspeak.get(fold(word))
            or _dropped_g(word)
            or _swapped_letters(word)
            or (_LEET.sub(lambda m: _LEET_LETTERS[m.group()], word) if _ANY_DIGIT.search(word) else word)
        )

    def _clean(self, sentence: str, filler: bool = True) -> str:
        """Filler dropped and text-speak expanded; case is kept ("US" is the country, "us" is not)."""
        filler = filler and self._filler is not None
        text = self._filler.sub(" ", sentence) if filler else sentence
        text = self._untagged(text)
        expanded = _WORD.sub(lambda m: self._word(m.group()), text)
        if expanded != text and filler:  # "in da 1st place": filler once "da" is "the"
            expanded = self._filler.sub(" ", expanded)
        text = expanded
        text = _TWO_AS_TO.sub(lambda m: f"{m.group(1)} to" if m.group(1) else "to", text)
        if "4" in text:
            text = _FOUR_AS_FOR.sub(lambda m: f"{m.group(1)} for" if m.group(1) else "for", text)
        text = _SPACES.sub(" ", text)
        text = re.sub(r"\s+([?!.,;:])", r"\1", text)
        text = re.sub(r"([?!.])\1+", r"\1", text)
        return text.strip(_EDGE_PUNCT).strip()


_STRETCH = re.compile(r"([^\W\d_])\1{2,}")


def _unstretched(word: str) -> str:
    """ "hiii" -> "hi", "sooo" -> "so", "goooood" -> "good": a letter typed three times or more is one
    letter or two, whichever makes the more common English word (no English word has three in a row)."""
    if not _STRETCH.search(word):
        return word
    one, two = _STRETCH.sub(r"\1", word), _STRETCH.sub(r"\1\1", word)
    common = zipf_frequency(two.lower(), "en", wordlist="small") > zipf_frequency(
        one.lower(), "en", wordlist="small"
    )
    return two if common else one


def _dropped_g(word: str) -> str | None:
    """'sayin' -> 'saying', 'goin' -> 'going': a word ending in -in that is far more common in
    English with its g back (ten times or more: 'putin', 'within', 'berlin' stay as they are)."""
    if len(word) < 4 or not word.endswith("in") or not word.isalpha():
        return None
    lowered = word.lower()
    # wordfreq's small list (words from Zipf 3.01 up) only: its full list costs 33 MB and 0.2 s, and a
    # word missing from the small list is rare enough to count as 0 here.
    with_g = zipf_frequency(lowered + "g", "en", wordlist="small")
    if with_g < zipf_frequency(lowered, "en", wordlist="small") + DROPPED_G_ZIPF_GAIN:
        return None
    return word + "g"


# A digit typed for the letter it looks like, between letters: "den1sov", "erd0gan", "p3skov".
_LEET_LETTERS = {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t"}
_LEET = re.compile(r"(?<=[^\W\d_])[013457](?=[^\W\d_])")


def _swapped_letters(word: str) -> str | None:
    """'mnay' -> 'many', 'hwo' -> 'who', 'waht' -> 'what': a word that is no English word, typed with
    two neighbouring letters of a small word swapped.  Retrieval corrects misspelt words of the fact
    base itself, but small words are not in it ('mnay' would be read as 'monday')."""
    swapped = _SWAPPED.get(word.lower())
    if swapped is None or zipf_frequency(word.lower(), "en", wordlist="small") > 0:
        return None
    return swapped


_SMALL_WORDS = frozenset(w for w in STOPWORDS | QUESTION_WORDS | {"many", "much"} if len(w) >= 3)
# Each small word with two neighbouring letters swapped -> the word ("mnay" -> "many").
_SWAPPED = {
    typed: word
    for word in sorted(_SMALL_WORDS)
    for i in range(len(word) - 1)
    if (typed := word[:i] + word[i + 1] + word[i] + word[i + 2 :]) not in _SMALL_WORDS
}
_ANY_DIGIT = re.compile(r"\d")


def _flexible(phrase: str) -> str:
    """A filler phrase as a pattern: any spacing, either apostrophe ("what's up", "what’s  up"), and
    `*` for one or two words ("per the * article": "per the trump article", "per the TRT World article")."""
    parts = [_ANY_WORDS if w == "*" else re.escape(w).replace("'", "['’]?") for w in phrase.split()]
    return r"\s+".join(parts)


_ANY_WORDS = r"[\w'’-]+(?:\s+[\w'’-]+)?"


# Terminal escape codes ("\x1b[31m", a window title "\x1b]0;…\x07"): their letters are no words.
_ESCAPE = re.compile(r"\x1b(?:\][^\x07\x1b]*(?:\x07|\x1b\\)?|\[[0-?]*[ -/]*[@-~]|[@-Z\\-_])")
# Format characters (Unicode Cf: soft hyphen, zero-width space, bidi marks) show nothing, split nothing.
# The zero-width joiner and variation selectors of emoji are kept here; emoji go as a whole below.
_INVISIBLE = re.compile(
    r"[\u00ad\u061c\u180e\u200b\u200c\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]"
)


def unmentioned(message: str) -> str:
    """The message without its Discord mentions, runs of spaces closed up (its lines kept): cheap on
    any length, so a long message is cut to what is read only once its mentions are gone."""
    if "@" not in message and "<#" not in message:
        return message  # no mention of any form: the common case, decided at once
    return _BLANKS.sub(" ", _MENTION.sub(" ", message)).strip()


def strip_markup(message: str) -> str:
    """The message without Discord mentions, emoji, links and markdown markers (their text is kept),
    terminal escape codes pasted with it, or invisible format characters ("ru\u00adbio": Rubio)."""
    text = _INVISIBLE.sub("", _ESCAPE.sub(" ", message))
    text = _FENCE.sub(r"\1", text)
    for pattern in (_TIMESTAMP, _CUSTOM_EMOJI, _MENTION, _URL, _STRAY_MENTION):
        text = pattern.sub(" ", text)
    text = _QUOTE.sub("", _LIST.sub("", _HEADING.sub("", text)))
    text = _INLINE.sub("", text)
    text = _SHORTCODE.sub(" ", text)
    text = "".join(" " if _is_emoji(ch) else ch for ch in text)
    return "\n".join(_SPACES.sub(" ", line).strip() for line in text.splitlines())


def _is_emoji(ch: str) -> bool:
    if ch in "\u200d\ufe0f\ufe0e\u20e3":
        return True
    category = unicodedata.category(ch)
    return category in ("So", "Cs", "Co") or (category == "Sk" and ord(ch) > 0x2000)


def _asks(sentence: str) -> bool:
    """Does this sentence ask something? A '?', or an opening question word or auxiliary."""
    if sentence.endswith("?"):
        return True
    first = fold(sentence.split(" ", 1)[0]).split("'")[0] if sentence else ""  # "Who's", "what's"
    return first in QUESTION_WORDS or first in _AUX


def _question_tail(sentence: str) -> str | None:
    """The question a sentence ends with when something else opens it: "first time posting here what
    city is hosting the talks?", "question: where did they land?", "just want to know who the kremlin
    spokesman is" -> from the first question word on.  None when the sentence opens with one."""
    words = sentence.split(" ")
    if not words or fold(words[0]) in QUESTION_WORDS or fold(words[0]) in _AUX:
        return None
    for i, word in enumerate(words[1:], start=1):
        if _WH.match(fold(word)):
            if fold(words[i - 1]) in _BOUND_TO_WH:  # "since when…", "until when…": part of the question
                return None
            tail = words[i:]
            # "Igor Kostyukov — what's his job?": the question leans on what came before it.
            return None if _PRONOUN.search(" ".join(tail)) else " ".join(tail)
    return None


def too_little(question: str) -> bool:
    """Only stopwords, or nothing but a word or two of one or two characters ("v", "2", "ok k")."""
    words = normalized_words(question)  # "the us" is the country: not too little
    meaningful = [w for w in words if w not in STOPWORDS and w not in QUESTION_WORDS]
    return not meaningful or (len(meaningful) <= 2 and all(len(w) <= 2 for w in meaningful))


OPEN_REACH = 4  # words a question word may come after: "before this week *when* were they last…"


def is_open_question(question: str) -> bool:
    """'What did Rubio say?' asks for something a bare "Yes." cannot give; 'did Putin attend?' and
    'saudi arabia' do not."""
    words = re.findall(r"[a-z']+", fold(question))
    for word in words[:OPEN_REACH]:
        if word in QUESTION_WORDS:
            return True
        if word in _AUX:
            return False
    # "first direct talks since when?", "the talks were where": a question word ends it.
    return bool(words) and words[-1] in QUESTION_WORDS
