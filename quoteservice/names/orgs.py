"""Organisation names: normalised alias lookup (data/names/organizations.json) and org ids.

"the Kremlin", "Kremlin’s" and "Kremlin" share "org:kremlin"; "the UN" and "United Nations"
share "org:united-nations"; unknown organisations get a slug of their normalised name.
"""
from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

from . import resources
from .translit import decode_latin, transliterate

_SPELLING = (("defence", "defense"), ("organisation", "organization"), ("centre", "center"),
             ("programme", "program"), ("labour", "labor"))


def normalize_org(text: str) -> str:
    """Lowercase ASCII key: no leading 'the', possessives, abbreviation dots or UK/US spelling split."""
    s = unicodedata.normalize("NFKC", text).replace("\u00a0", " ")
    s = decode_latin(transliterate(s))
    s = re.sub(r"\([^)]*\)", " ", s)
    s = re.sub(r"['’‘ʼ`]s\b", "", s)
    s = re.sub(r"(?<=\b[A-Za-z])\.", "", s)  # U.K. -> UK, U.N. -> UN
    s = s.lower().replace("&", " and ")
    for uk, us in _SPELLING:
        s = re.sub(rf"\b{uk}", us, s)
    s = re.sub(r"[^a-z0-9]+", " ", s).strip()
    s = re.sub(r"^the ", "", s)
    return s


def _parenthetical(text: str) -> str | None:
    m = re.search(r"\(([^)]*)\)", text)
    return m.group(1) if m else None


@cache
def _aliases() -> dict[str, str]:
    table: dict[str, str] = {}
    for canonical, aliases in resources.json_data("organizations.json")["aliases"].items():
        for a in [canonical, *aliases]:
            table.setdefault(normalize_org(a), canonical)
    return table


def canonical_org(text: str) -> str | None:
    """Canonical name of a known organisation (also via a parenthetical acronym), else None."""
    table = _aliases()
    hit = table.get(normalize_org(text))
    if hit is None and (par := _parenthetical(text)):
        hit = table.get(normalize_org(par))
    return hit


@lru_cache(maxsize=4096)  # bounded: a long-lived server sees new names every day
def org_id(text: str) -> str:
    """Stateless organisation id: 'org:' + slug of the canonical (or normalised) name."""
    key = normalize_org(canonical_org(text) or text)
    return "org:" + key.replace(" ", "-") if key else ""


def org_display(text: str) -> str:
    """Display name: canonical name when known, else the mention without 'the' and possessive."""
    canon = canonical_org(text)
    if canon:
        return canon
    s = transliterate(" ".join(re.sub(r"\([^)]*\)", " ", text).split()))
    s = re.sub(r"(?:['’‘ʼ`]s|(?<=s)['’‘ʼ`])$", "", s)  # "Kremlin’s", "the Kelowna Rockets'"
    return re.sub(r"^(?:the|The)\s+", "", s)
