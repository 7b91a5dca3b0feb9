"""Stateless speaker ids and display names computed from a name alone.

Id scheme (v1): people are "per:<surname>.<given>", where <surname> is the rendered phonetic
skeleton of the surname and <given> the key of the first given name's equivalence class, e.g.
"per:peskav.dmitri" for Dmitry/Dmitri/Dmytro Peskov and Дмитрий Песков. A bare surname takes
the id of the table's best-known bearer, else "per:<surname>"; an initial and a surname take
the bearer's id when the initial fits, else "per:<surname>.<initial>". Organisations are
"org:<slug>". Ids change only if the skeleton rules or the given-name table change.
"""
from __future__ import annotations

from . import figures
from .given import given_key, initial_matches
from .keys import surname_key
from .orgs import canonical_org, org_display, org_id
from .parse import ParsedName, parse_name


def _is_org(kind: str) -> bool:
    return kind.upper().startswith("ORG")


def person_id(p: ParsedName) -> str:
    """Speaker id of a parsed person name ('' when it holds no name)."""
    sk = surname_key(p.surname)
    if not sk:
        return ""
    if p.full_given:
        return f"per:{sk}.{given_key(p.full_given[0])}"
    fig = figures.default_for_surname(sk)
    if p.initials:
        initial = p.initials[0][0]
        if fig is not None and initial_matches(initial, fig.given_key):
            return fig.id
        return f"per:{sk}.{initial.lower()}"
    return fig.id if fig is not None else f"per:{sk}"


def person_display(p: ParsedName, latin: bool = True) -> str:
    """Normalised display name: the table's spelling for known people, else the parsed name."""
    if not latin and p.script != "latin":
        return p.original
    fig = figures.by_id(person_id(p))
    if fig is None:
        return p.display
    if p.full_given:
        return fig.name
    return p.display[: len(p.display) - len(p.surname)] + fig.surname


def speaker_id(name: str, kind: str = "PERSON") -> str:
    """Deterministic id for a person ("PERSON") or organisation ("ORGANIZATION") name."""
    return org_id(name) if _is_org(kind) else person_id(parse_name(name))


def display_name(name: str, kind: str = "PERSON", latin: bool = True) -> str:
    """Normalised display name (Latin, no title) — latin=False keeps a Cyrillic name as written."""
    return org_display(name) if _is_org(kind) else person_display(parse_name(name), latin)


def same_person(a: str, b: str) -> bool:
    """True when two names can denote one person: same id, or a bare surname / initial that fits.

    A bare surname that the table gives to a known person matches only that person's id.
    """
    pa, pb = parse_name(a), parse_name(b)
    ia, ib = person_id(pa), person_id(pb)
    if not ia or not ib:
        return False
    if ia == ib:
        return True
    if surname_key(pa.surname) != surname_key(pb.surname):
        return False
    if pa.full_given and pb.full_given:
        return False
    short, full = (pa, pb) if not pa.full_given else (pb, pa)
    if figures.by_id(person_id(short)) is not None:  # resolved to a known bearer: ids decide
        return False
    if short.initials and full.full_given:
        return initial_matches(short.initials[0][0], given_key(full.full_given[0]))
    if short.initials and full.initials:
        return short.initials[0][0].lower() == full.initials[0][0].lower()
    return True


def guess_kind(name: str) -> str:
    """'ORGANIZATION' for names in the organisation alias table, else 'PERSON'."""
    return "ORGANIZATION" if canonical_org(name) else "PERSON"


def format_names(names: list[str], kind: str = "auto") -> list[str]:
    """'ID<TAB>DISPLAY' lines for the `quotes names` command; kind 'auto' guesses per name."""
    out = []
    for n in names:
        k = guess_kind(n) if kind == "auto" else kind
        out.append(f"{speaker_id(n, k)}\t{display_name(n, k)}")
    return out
