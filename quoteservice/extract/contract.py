"""The speaker contract (issue 27): whatever resolution decides, what a record says about its speaker obeys this.

A record's speaker is one of
  - None: nobody. An unattributed report, or a mention nobody was found for (a pronoun, "someone", "each"): the
    record keeps its `mention` (the words as written), only `speaker` is None;
  - a named person or organisation: a non-empty display name with a stable id (``per:…``, ``org:…``);
  - an unnamed source (SpeakerKind.UNNAMED): its description as written, trimmed, with its article-local
    ``unnamed:N`` id.
Never a pronoun or quantifier, an empty name, a name without an id, layout whitespace ("The governor\\xa0"), a
possessive or stray mark ("Donald Trump‘s", '">Sanders'), a fragment of a clause ("and two belt loops") or page
furniture ("Story continues below advertisement"). A name without an id is a place or body when the article tags it
so ("Kyiv", "The U.S." → ``org:kyiv``, ``org:us``), else the description it stands in ("the President of that
country") or nobody. A document speaks for the issuer the article names (documents.issuer: "A release from UFCW
Local 832" is UFCW Local 832, the mention keeps the document as written); otherwise it stays an unnamed source.

One statement, one speaker (`one_speaker`): records of one document that share at least half of the longer one's
text ("Putin has stuck with his insistence that … and has accused Ukraine of …" read once as Putin's and once, nested,
as the Kremlin's) all take the speaker of the longest of them — the record that holds the others is the statement,
the nested ones are its content — or, between records of equal length, of the one whose speaker was found most
directly (Method order: explicit, role, coreference, previous quote, fallback).

`Speakers` builds the speakers of one article's records (the extractor's `_records` calls it right after
resolution); `enforce` applies the record-level rules and runs again on the API side after records are joined.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from quoteservice import names
from quoteservice.extract.filters import is_furniture
from quoteservice.extract.model import Method, Quote, Speaker, SpeakerKind
from quoteservice.extract.unnamed import UnnamedSources
from quoteservice.extract.wordlists import words

if TYPE_CHECKING:  # the API applies `enforce` without loading spaCy; Speakers meets mentions only in the extractor
    from quoteservice.extract.mentions import Mention

_NOBODY = words("not_a_speaker")
_FRAGMENT = words("fragment_openers")
_LAYOUT = re.compile(r"[\s\u00a0\u2000-\u200b\u202f\u2060\ufeff]+")
_EDGE_MARKS = "\"'“”‘’‚„«»‹›`´<>*|"
_POSSESSIVE = re.compile(r"(?:[’'‘ʼ`]s|(?<=[sSzZ])[’'‘ʼ`])$")
_PLACE_OR_BODY = frozenset({"GPE", "ORG", "NORP", "FAC", "LOC"})
_NAMED = (SpeakerKind.PERSON, SpeakerKind.ORGANIZATION)
#: How directly a speaker was found, most direct first: breaks ties between records of one statement.
METHOD_ORDER = (Method.EXPLICIT, Method.ROLE, Method.COREFERENCE, Method.PREVIOUS_QUOTE, Method.FALLBACK, Method.NONE)
_RANK = {m: i for i, m in enumerate(METHOD_ORDER)}


def clean(text: str) -> str:
    """A name or description as it may be shown: one space between words, no layout whitespace, no quotation or
    stray marks at its edges, no possessive ending ("Chuck Schumer‘s" → "Chuck Schumer", "The governor\\xa0" →
    "The governor", '">Sanders' → "Sanders", "the Kelowna Rockets'" → "the Kelowna Rockets")."""
    s = _LAYOUT.sub(" ", text).strip()
    previous = None
    while s != previous:
        previous = s
        s = _POSSESSIVE.sub("", s.strip(_EDGE_MARKS + " ")).rstrip()
    return s


def nobody(text: str) -> bool:
    """Whether a (cleaned) name or description names no one: empty, a pronoun or quantifier ("they", "someone",
    "each": data not_a_speaker), a fragment led by a conjunction ("and two belt loops") or page furniture."""
    if not any(c.isalnum() for c in text):
        return True
    first = text.split()[0].lower()
    acronym = text.isupper() and len(text) > 1  # "WHO", "US": an organisation, a country
    return (text.lower() in _NOBODY and not acronym) or first in _FRAGMENT or is_furniture(text)


class Speakers:
    """The speakers of one article's records under the contract. Ask `speaker` for each record in text order;
    `all` lists the distinct speakers, in order of first use."""

    def __init__(self, clusters: list[names.SpeakerCluster] | None = None) -> None:
        self._by_id: dict[str, Speaker] = {}
        self._unnamed = UnnamedSources()
        self._issuers: dict[str, Speaker] = {}  # unnamed id of a document -> the speaker who issued it
        self._clusters = clusters or []
        self._named_people: list[names.SpeakerCluster] | None = None

    @property
    def _people(self) -> list[names.SpeakerCluster]:
        """The article's named people (read once, and only by the few records that need them)."""
        if self._named_people is None:
            self._named_people = [c for c in dict.fromkeys(self._clusters) if c.kind == "PERSON" and c.id]
        return self._named_people

    def all(self) -> list[Speaker]:
        return list(self._by_id.values())

    def speaker(self, kind: SpeakerKind, name: str, cluster: names.SpeakerCluster | None, mention: Mention | None,
                role: str = "") -> Speaker | None:
        """The speaker of one record whose resolution found `kind` and `name` (its cluster for named speakers)."""
        if kind in _NAMED:
            found = self._named(kind, name, cluster, mention, role)
        elif kind is SpeakerKind.UNNAMED:
            found = self._described(name, mention)
        else:
            found = None  # UNKNOWN: a pronoun or quantifier nobody was found for
        if found is not None and mention is not None:
            alias = clean(mention.text)
            if alias and alias not in found.aliases:
                found.aliases.append(alias)
        return found

    def _get(self, sid: str, name: str, kind: SpeakerKind, role: str = "") -> Speaker:
        speaker = self._by_id.get(sid)
        if speaker is None:
            speaker = self._by_id[sid] = Speaker(sid, name, kind, clean(role))
        return speaker

    def _named(self, kind: SpeakerKind, name: str, cluster: names.SpeakerCluster | None, mention: Mention | None,
               role: str) -> Speaker | None:
        if cluster is not None:
            known = self._by_id.get(cluster.id)
            if known is not None:  # read the cluster's name and role once per speaker, not once per record
                return known
            display = clean(cluster.name)
            if cluster.id and display and not nobody(display):
                return self._get(cluster.id, display, kind, cluster.role or role)
        text = clean(name) or (clean(cluster.name) if cluster is not None else "")
        if text and kind is SpeakerKind.PERSON and not nobody(text):
            person = self._person(clean(f"{role} {text}")) if role else None  # "Mr. King": Charlie King's id
            if person is not None:
                return person
        place = names.is_place_or_body(text) or (mention is not None and mention.head.ent_type_ in _PLACE_OR_BODY)
        if text and not nobody(text) and (kind is SpeakerKind.ORGANIZATION or place):
            oid = names.org_id(text)
            if oid:  # "Kyiv insists …", "The U.S. alleges …": the place speaks for its government
                return self._get(oid, clean(names.display_name(text, "ORGANIZATION")), SpeakerKind.ORGANIZATION)
        from quoteservice.extract.mentions import MentionKind

        if mention is not None and mention.kind is not MentionKind.PRONOUN:
            return self._described(mention.text, mention)  # a title or thing without a name ("the President of …")
        return None

    def _described(self, description: str, mention: Mention | None) -> Speaker | None:
        from quoteservice.extract.documents import antecedent_issuer, issuer

        desc = clean(description)
        if nobody(desc):
            return None
        bare = _LAYOUT.sub(" ", description).strip()
        if bare[:1] in _EDGE_MARKS and all(w[:1].isupper() for w in desc.split()):
            person = self._person(desc)  # '">Sanders': a name the tokenizer glued to stray marks
            if person is not None:
                return person
        key = self._unnamed.add(desc)
        found = (issuer(mention) or antecedent_issuer(mention)) if mention is not None else None
        if found is not None:
            by = self._issuer(*found)
            if by is not None:
                self._issuers[key] = by
        return self._issuers.get(key) or self._get(key, desc, SpeakerKind.UNNAMED)

    def _person(self, name: str) -> Speaker | None:
        known = self._known(name)
        if known is not None:
            return known
        pid = names.speaker_id(name, "PERSON")
        return self._get(pid, clean(names.display_name(name, "PERSON")), SpeakerKind.PERSON) if pid else None

    def _known(self, name: str) -> Speaker | None:
        """The article's person `name` is another form of ("Mr. Cross", "economist Philip Cross"), if any."""
        for c in self._people:
            if names.same_person(c.name, name):
                return self._get(c.id, clean(c.name), SpeakerKind.PERSON, c.role)
        return None

    def _issuer(self, name: str, kind: SpeakerKind) -> Speaker | None:
        """The speaker a document's issuer is: a person of the article (also when the tagger read "economist
        Philip Cross" as an organisation), else the organisation by its id."""
        known = self._known(clean(name))
        if known is not None:
            return known
        if kind is SpeakerKind.PERSON:
            person = self._person(clean(name))
            if person is not None:
                return person
        oid = names.org_id(clean(name))
        return self._get(oid, clean(names.display_name(clean(name), "ORGANIZATION")), SpeakerKind.ORGANIZATION) \
            if oid else None


def _key(q: Quote) -> str:
    return q.speaker.id if q.speaker is not None else ""


def _shared(a: Quote, b: Quote) -> bool:
    """Whether two records share at least half of the longer one's text."""
    common = min(a.span.end, b.span.end) - max(a.span.start, b.span.start)
    return common > 0 and common >= 0.5 * max(a.span.end - a.span.start, b.span.end - b.span.start)


def one_speaker(quotes: list[Quote]) -> int:
    """Give the records of one statement one speaker (see the module doc); returns how many records changed.

    Records that share at least half of the longer one's text form a group (transitively); each record of a group
    takes the speaker, mention and method of its longest record (ties: the most direct method, then the first).
    """
    order = sorted(range(len(quotes)), key=lambda i: (quotes[i].span.start, -quotes[i].span.end))
    parent = list(range(len(quotes)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for n, i in enumerate(order):
        for m in range(n + 1, len(order)):
            j = order[m]
            if quotes[j].span.start >= quotes[i].span.end:
                break
            if _shared(quotes[i], quotes[j]):
                parent[root(j)] = root(i)
    groups: dict[int, list[int]] = {}
    for i in order:
        groups.setdefault(root(i), []).append(i)
    changed = 0
    for members in groups.values():
        if len({_key(quotes[i]) for i in members}) < 2:
            continue
        best = quotes[min(members, key=lambda i: (-(quotes[i].span.end - quotes[i].span.start),
                                                  _RANK.get(quotes[i].method, len(_RANK)), quotes[i].span.start))]
        for i in members:
            q = quotes[i]
            if _key(q) != _key(best):
                q.speaker, q.mention, q.method = best.speaker, best.mention, best.method
                changed += 1
    return changed


def enforce(quotes: list[Quote]) -> list[Quote]:
    """The records without page furniture, with one speaker per statement (after their speakers are set)."""
    kept = [q for q in quotes if not is_furniture(q.span.text)]
    one_speaker(kept)
    return kept
