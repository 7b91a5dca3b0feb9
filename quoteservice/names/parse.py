"""Split a speaker mention into role/title, given names and surname, in Latin script.

"Kremlin Spokesman Dmitry Peskov" -> role "Kremlin Spokesman", given ("Dmitry",), surname
"Peskov". The name is the run of capitalised words at the end of the mention (or of its
best comma segment); title, role, place and demonym words stop the run.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import NamedTuple

from . import figures, given as given_names, resources
from .translit import has_cyrillic, language_hint, transliterate

_EDGE_PUNCT = "\"“”„«»()[]{},;:!?*"
_INITIAL = re.compile(r"(?:[A-Z]\.){1,3}|[A-Z]")
_SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})


@dataclass(frozen=True)
class ParsedName:
    """A parsed person mention. Name parts are Latin; `original` keeps the name words as written."""

    text: str
    role: str = ""
    honorific: str = ""
    given: tuple[str, ...] = ()
    patronymic: str = ""
    surname: str = ""
    display: str = ""
    original: str = ""
    script: str = "latin"

    @property
    def full_given(self) -> tuple[str, ...]:
        """Given names that are not initials."""
        return tuple(g for g in self.given if not is_initial(g))

    @property
    def initials(self) -> tuple[str, ...]:
        """Given names written as initials (V., A.G.)."""
        return tuple(g for g in self.given if is_initial(g))

    @property
    def is_empty(self) -> bool:
        """True when the mention holds no name at all."""
        return not self.surname


def is_initial(word: str) -> bool:
    """True for 'V', 'V.' or 'A.G.'."""
    return bool(_INITIAL.fullmatch(word))


class _NameWords(NamedTuple):
    honorifics: frozenset[str]
    particles: frozenset[str]  # surname particles: "van", "de"
    patronymic_suffixes: tuple[str, ...]
    possessive_suffixes: tuple[str, ...]  # longest first


@cache
def _words() -> _NameWords:
    """The word lists of data/names/name_words.json."""
    w = resources.json_data("name_words.json")
    return _NameWords(frozenset(w["honorifics"]), frozenset(w["particles"]), tuple(w["patronymic_suffixes"]),
                      tuple(sorted(w["possessive_suffixes"], key=len, reverse=True)))


def _honorific(word: str) -> bool:
    return word.lower().rstrip(".") in _words().honorifics


def _particle(word: str) -> bool:
    return word.islower() and word in _words().particles


def _titleword(word: str) -> bool:
    """Role, title, place or demonym word (any hyphenated part counts)."""
    roles, others = resources.words("roles.txt"), resources.words("non_name_words.txt")
    low = word.lower().rstrip(".")
    if low in roles or low in others or word.lower() in others:
        return True
    return any(p in roles for p in low.split("-") if p)


def is_place_or_body(text: str) -> bool:
    """True when every word of `text` (after a leading "the") is a place, demonym or institution word of
    data/names/non_name_words.txt: "Kyiv", "The U.S.", "Russia" name no person, whatever NER said."""
    found = [w.strip(_EDGE_PUNCT) for w in _normalise(text).split()]
    found = [w for w in found if w][1 if found[:1] and found[0].lower() == "the" else 0:]
    others = resources.words("non_name_words.txt")
    return bool(found) and all(w.lower() in others or strip_possessive(w).lower() in others for w in found)


def _listed(word: str) -> bool:
    """Exactly a listed non-name word, dots included (U.S., U.K.)."""
    return "." in word and word.lower() in resources.words("non_name_words.txt")


def _possessive(word: str) -> bool:
    return any(word.endswith(s) and len(word) > len(s) + 1 for s in _words().possessive_suffixes if "s" in s)


def strip_possessive(word: str) -> str:
    """'Zelensky’s' -> 'Zelensky'; "Jones'" -> 'Jones'."""
    for s in _words().possessive_suffixes:
        if word.endswith(s) and len(word) > len(s) + 1:
            return word[: -len(s)]
    return word


def _namelike(word: str) -> bool:
    if is_initial(word):
        return True
    if "." in word.rstrip(".") or not word[:1].isupper():
        return False
    return any(c.isalpha() for c in word) and not any(c.isdigit() for c in word)


def _fix_case(word: str) -> str:
    """Title-case all-caps words (ZELENSKY -> Zelensky), keep initials and mixed case."""
    if len(word) > 1 and word.isupper() and not is_initial(word):
        return "-".join(p[:1] + p[1:].lower() for p in word.split("-"))
    return word


def _normalise(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    text = re.sub(r"[\s\u00a0\u2000-\u200b\u202f]+", " ", text)
    text = re.sub(r"\([^)]*\)", " ", text)
    text = " ".join(text.split()).strip(" " + _EDGE_PUNCT)
    if text and not any(c.isupper() for c in text):  # all-lowercase input, e.g. from a CLI
        text = " ".join(w if w in _words().particles else w[:1].upper() + w[1:] for w in text.split())
    return text


def _latin_words(words: list[str]) -> tuple[list[str], str]:
    """Transliterate words, choosing Ukrainian over Russian when only given-name spelling tells."""
    joined = " ".join(words)
    if not has_cyrillic(joined):
        return words, "latin"
    lang = language_hint(joined)
    if lang is None:
        uk = [transliterate(w, "uk") for w in words]
        ru = [transliterate(w, "ru") for w in words]
        uk_hits = sum(given_names.is_listed_spelling(w) for w in uk)
        ru_hits = sum(given_names.is_listed_spelling(w) for w in ru)
        lang = "uk" if uk_hits > ru_hits else "ru"
    return [transliterate(w, lang) for w in words], lang


def _name_span(words: list[str], raw: list[str]) -> int:
    """Index where the trailing name run starts (len(words) when there is none).

    words are the Latin forms of raw; title words are looked up in both (Cyrillic titles too).
    """
    start = len(words)
    for i in range(len(words) - 1, -1, -1):
        w = words[i]
        if start < len(words) and (_titleword(raw[i]) and not is_initial(w) or _listed(w)):
            break
        if start == len(words):  # the last word: a surname may look like a title word (John Major, Mr. King)
            prev = words[i - 1] if i > 0 else ""
            prev_is_name = bool(prev) and (given_names.is_known(prev) or is_initial(prev) or _honorific(prev) or (
                given_names.is_common(prev) and not _titleword(raw[i - 1])))
            # after a plain capitalised word or a courtesy title, a courtesy-title word is a surname: "Jingyi Pan", "Mr. Pan"
            prev_is_word = bool(prev) and _namelike(prev) and not _titleword(raw[i - 1])
            ok = _namelike(w) and w.lower() not in _SUFFIXES and (not _honorific(w) or prev_is_word) and (
                not _titleword(w) or prev_is_name)
        elif _particle(w):
            ok = True
        elif is_initial(w) and len(w) > 1:  # "A." inside a name is an initial, not the article "a"; U.S. is _listed
            ok = True
        else:
            ok = _namelike(w) and not _possessive(w) and not _honorific(w) and not _titleword(w)
        if not ok:
            break
        start = i
        if len(words) - start >= 6:
            break
    # A leading unknown capitalised word before a known given name is a label ("Wagner Yevgeny ...").
    while len(words) - start >= 3 and not _patronymic(words[-1]) and not given_names.is_known(words[start]) \
            and not is_initial(words[start]) and given_names.is_known(words[start + 1]):
        start += 1
    return start


def _patronymic(word: str) -> bool:
    low = word.lower()
    return not is_initial(word) and any(low.endswith(s) for s in _words().patronymic_suffixes) and len(low) > 5


def _split(name: list[str]) -> tuple[tuple[str, ...], str, list[int]]:
    """(given words, patronymic, indices of surname words) of a name run."""
    fig = figures.surname_first(name)
    if fig is not None:
        n = len(fig.surname.split())
        return tuple(name[n:]), "", list(range(n))
    if len(name) == 3 and _patronymic(name[2]) and given_names.is_known(name[1]) \
            and not given_names.is_known(name[0]):  # Russian official order: Putin Vladimir Vladimirovich
        return (name[1],), name[2], [0]
    first_particle = next((i for i, w in enumerate(name) if _particle(w) and i < len(name) - 1), None)
    cut = first_particle if first_particle is not None else len(name) - 1
    given = list(name[:cut])
    patronymic = ""
    if len(given) >= 2 and _patronymic(given[-1]):
        patronymic = given.pop()
    return tuple(given), patronymic, list(range(cut, len(name)))


def _parse_segment(text: str) -> ParsedName:
    raw = [w.strip(_EDGE_PUNCT) for w in text.split()]
    raw = [w for w in raw if w]
    if not raw:
        return ParsedName(text=text)
    raw[-1] = strip_possessive(raw[-1])
    suffix: list[str] = []  # "Jr.", "III": part of the name as shown, not of the surname or the id
    while len(raw) > 1 and raw[-1].lower() in _SUFFIXES:
        suffix.insert(0, raw.pop())
        raw[-1] = strip_possessive(raw[-1].rstrip(","))
    latin, script = _latin_words(raw)
    start = _name_span(latin, raw)
    if start == len(latin):
        return ParsedName(text=text, role=" ".join([*latin, *suffix]), script=script)
    head = latin[:start]
    honorific = ""
    if head and _honorific(head[-1]):
        honorific = head.pop()
    name = [_fix_case(w) for w in latin[start:] if w.lower() not in _SUFFIXES]
    orig = raw[start:]
    gvn, patronymic, sur_idx = _split(name)
    surname = " ".join(name[i] for i in sur_idx)
    if figures.surname_first(name) is not None:  # a name written surname-first by convention (Xi Jinping)
        display = " ".join(name)
    else:
        display = " ".join([*gvn, *([patronymic] if patronymic else []), surname])
    return ParsedName(
        text=text, role=" ".join(head).strip(" ,;:-–—"), honorific=honorific, given=gvn,
        patronymic=patronymic, surname=surname, display=" ".join([display, *suffix]),
        original=" ".join([*orig, *suffix]), script=script,
    )


def _score(p: ParsedName) -> tuple[int, int, int]:
    return (bool(p.surname), len(p.full_given), len(p.given))


@lru_cache(maxsize=4096)  # bounded: a long-lived server sees new names every day
def parse_name(text: str) -> ParsedName:
    """Parse a person mention (title, possessive and Cyrillic allowed) into a ParsedName."""
    norm = _normalise(text)
    segments = [s.strip() for s in norm.split(",") if s.strip()] or [norm]
    parsed = [_parse_segment(s) for s in segments]
    best = max(range(len(parsed)), key=lambda i: (_score(parsed[i]), -i))
    chosen = parsed[best]
    others = [segments[i] if not has_cyrillic(segments[i]) else transliterate(segments[i])
              for i in range(len(segments)) if i != best]
    role = ", ".join(x for x in [chosen.role, *others] if x)
    return ParsedName(
        text=text, role=role, honorific=chosen.honorific, given=chosen.given,
        patronymic=chosen.patronymic, surname=chosen.surname, display=chosen.display,
        original=chosen.original, script=chosen.script,
    )
