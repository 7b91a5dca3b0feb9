"""Per-word phonetic skeleton: one key for all Latin spellings of one Slavic name word.

Classes: kh/h/g; y/j/i (runs collapsed, so -iy/-yy/-ii/-y endings agree); shch/sch; ts/tz/c;
zh; ch; sh; x=ks; w=v; the ie/ye glide and the yo of ё after a consonant dropped; Belarusian
ў (ou/au/eu before a consonant) read as v; doubled letters collapsed. Surnames also get
rules that never cross genders: -aya and -a agree (Zelenskaya/Zelenska), and o and a are one
class, since Belarusian spellings write a for unstressed o (Lukashenka, Kalesnikava); -ov/-ova,
-sky/-ska, -in/-ina still differ by their endings. The skeleton uses capital letters for classes; render() turns
it into the lowercase ASCII used in speaker ids.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .translit import decode_latin, transliterate

# Ordered multi-letter replacements; capitals are class symbols.
_CLUSTERS: tuple[tuple[str, str], ...] = (
    ("x", "ks"), ("w", "v"), ("q", "k"), ("ph", "f"), ("ck", "k"),
    ("tsch", "C"), ("shch", "Q"), ("sch", "Q"), ("zh", "Z"), ("kh", "H"),
    ("ch", "C"), ("sh", "S"), ("tz", "T"), ("ts", "T"), ("c", "T"),
)
_CONSONANT = "bdfklmnprstvzCHQSTZ"
_RENDER = {"Q": "shch", "S": "sh", "C": "ch", "Z": "zh", "T": "ts", "H": "g", "I": "i", "V": "v"}


def _collapse(s: str) -> str:
    return re.sub(r"(.)\1+", r"\1", s)


@lru_cache(maxsize=4096)  # bounded: a long-lived server sees new names every day
def word_skeleton(word: str, surname: bool = False) -> str:
    """Skeleton of one name word (hyphenated parts keyed separately, joined by '-')."""
    parts = [p for p in re.split(r"[-‐‑–]", word) if p]
    keys = [_part(p, surname and i == len(parts) - 1) for i, p in enumerate(parts)]
    return "-".join(k for k in keys if k)


def _part(word: str, surname: bool) -> str:
    s = decode_latin(transliterate(word)).lower()
    s = re.sub(r"[^a-z]", "", s)
    for a, b in _CLUSTERS:
        s = s.replace(a, b)
    s = re.sub(r"dz(?=[iyje])", "d", s)  # Belarusian dzi = di (Uladzimir)
    s = s.replace("h", "H").replace("g", "H")
    s = re.sub(r"[yij]", "I", s)
    s = re.sub(r"TI+(?=[aou])", "T", s)  # Ukrainian -tsya = Russian -tsa (Kyslytsya/Kislitsa)
    s = re.sub(r"T(?=[Ie])", "t", s)  # Belarusian tsi = ti (Tsikhanouski)
    s = _collapse(s)
    s = s.replace("Ie", "e")  # glide: Yevgeny=Evgeny, Kiriyenko=Kirienko, Pieskov=Peskov
    s = re.sub(rf"(?<=[{_CONSONANT}])Io(?=[{_CONSONANT}])", "e", s)  # Pyotr=Petr, Semyon=Semen
    s = re.sub(rf"(?<=[aeo])[uv](?=[{_CONSONANT}]|$)", "V", s)  # Belarusian ў: -ou = -ov
    s = _collapse(s)
    if surname:
        s = re.sub(r"aIa$", "a", s)  # feminine -aya = -a (Zelenskaya = Zelenska)
        s = s.replace("o", "a")  # Belarusian akanye: Lukashenka, Kalesnikava, Pratasevich
    return s


def render(skeleton: str) -> str:
    """Lowercase ASCII form of a skeleton, for ids (no two skeletons render alike)."""
    return "".join(_RENDER.get(c, c) for c in skeleton)
