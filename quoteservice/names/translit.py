"""Cyrillic-to-Latin transliteration (Ukrainian, Russian, Belarusian) and Latin diacritic decoding.

Rules live in data/names/cyrillic.json; the language is guessed from letters only one of the
three alphabets uses, so Михайло/Зеленський read as Ukrainian and Лукашэнка as Belarusian.
"""
from __future__ import annotations

import re
import unicodedata
from functools import cache

from . import resources

_CYRILLIC = re.compile("[\u0400-\u04ff]")
_WORD = re.compile("[\u0400-\u04ff'’ʼ`]+")


def has_cyrillic(text: str) -> bool:
    """True when the text contains any Cyrillic letter."""
    return bool(_CYRILLIC.search(text))


def language_hint(text: str) -> str | None:
    """'be' or 'uk' when the text has letters or letter groups only that language uses, else None."""
    low = text.lower()
    for lang, patterns in _table()["language_hints"].items():
        if any(re.search(p, low) for p in patterns):
            return lang
    return None


def detect_language(text: str) -> str:
    """Guess 'uk', 'ru' or 'be' for Cyrillic text; Russian when nothing marks it otherwise."""
    return language_hint(text) or "ru"


@cache
def _table() -> dict:
    return resources.json_data("cyrillic.json")


def _cased(out: str, src: str, next_upper: bool) -> str:
    if not src.isupper() or not out:
        return out
    return out.upper() if next_upper else out[0].upper() + out[1:]


def _word(word: str, lang: str) -> str:
    t = _table()
    rules = t["languages"][lang]
    vowels, signs, apos = t["vowels"], t["signs"], t["apostrophes"]
    low = word.lower()
    all_upper = len(word) > 1 and word.isupper()
    out: list[str] = []
    i = 0
    while i < len(low):
        c = low[i]
        if c in apos:
            i += 1
            continue
        ending = next((e for e in rules["endings"] if low[i:] == e and i > 0), None)
        if ending:
            out.append(_cased(rules["endings"][ending], word[i], all_upper))
            break
        pair = low[i:i + 2]
        if pair in rules["digraphs"]:
            out.append(_cased(rules["digraphs"][pair], word[i], all_upper))
            i += 2
            continue
        prev = next((p for p in reversed(low[:i]) if p not in apos), None)
        if prev is None and c in rules["initial"]:
            lat = rules["initial"][c]
        elif prev is not None and (prev in vowels or prev in signs) and c in rules["after_vowel"]:
            lat = rules["after_vowel"][c]
        else:
            lat = rules["letters"].get(c, c)
        out.append(_cased(lat, word[i], all_upper))
        i += 1
    return "".join(out)


def transliterate(text: str, lang: str | None = None) -> str:
    """Latin form of any Cyrillic words in text; other characters are kept as they are."""
    if not has_cyrillic(text):
        return text
    lang = lang or detect_language(text)
    return _WORD.sub(lambda m: _word(m.group(0), lang) if has_cyrillic(m.group(0)) else m.group(0), text)


def decode_latin(text: str) -> str:
    """ASCII-fold Latin letters: š->sh, č->ch, ž->zh, ł->l, other diacritics dropped."""
    table = _table()["latin_decode"]
    out = []
    for ch in text:
        low = ch.lower()
        if low in table:
            rep = table[low]
            out.append(rep[:1].upper() + rep[1:] if ch != low and rep else rep)
        else:
            out.append(ch)
    folded = unicodedata.normalize("NFKD", "".join(out))
    return "".join(c for c in folded if not unicodedata.combining(c))
