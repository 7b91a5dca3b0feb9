"""Within-article speaker clustering: every mention of one speaker joins one cluster.

Full names join the cluster with the same surname key and given-name class; a bare surname
(or initial + surname) joins that full-name cluster — also when the full name comes later,
since clusters merge. With several same-surname people in one article, a bare surname goes to
the table's best-known bearer if present, else to the one mentioned most recently.
"""
from __future__ import annotations

from rapidfuzz.distance import Levenshtein

from . import figures
from .given import given_key, initial_matches
from .ids import person_display, person_id
from .keys import surname_key
from .orgs import canonical_org, org_display, org_id
from .parse import ParsedName, parse_name


NEAR_MISS_SIMILARITY = 0.75  # normalized Levenshtein similarity of surname keys for a spelling slip
NEAR_MISS_MIN_LEN = 5
NEAR_MISS_SCAN = 64  # most recent clusters a spelling slip is compared with


def _feminine(surname: str) -> bool:
    """A surname with a feminine Slavic ending (Zelenska, Navalnaya): never a slip of the masculine."""
    return surname.lower().endswith(("a", "aia", "aya", "а", "ая"))


def _first_initial(cluster: SpeakerCluster) -> str:
    p = cluster._fullest()
    return p.initials[0][0].lower() if p is not None and p.initials else ""


def _surname(cluster: SpeakerCluster) -> str:
    p = cluster._fullest()
    return p.surname if p is not None else ""


class SpeakerCluster:
    """One speaker of an article. Attributes follow merges, so a handle from add() stays valid."""

    def __init__(self, kind: str, key: str) -> None:
        self._kind = kind
        self._key = key
        self._parent: SpeakerCluster | None = None
        self._mentions: list[tuple[int, str, ParsedName | None]] = []
        self._last_seen = -1
        self._best: tuple[tuple[int, int, bool], int, ParsedName] | None = None  # fullest name, kept up to date

    def _root(self) -> SpeakerCluster:
        node = self
        while node._parent is not None:
            node = node._parent
        return node

    def _fullest(self) -> ParsedName | None:
        best = self._root()._best
        return best[2] if best is not None else None

    def _offer(self, order: int, parsed: ParsedName | None) -> None:
        """Keep the fullest name (earliest among equals) without rescanning every mention."""
        if parsed is None or parsed.is_empty:
            return
        key = (len(parsed.full_given), len(parsed.given), bool(parsed.patronymic))
        if self._best is None or key > self._best[0] or (key == self._best[0] and order < self._best[1]):
            self._best = (key, order, parsed)

    def _full_key(self) -> str | None:
        p = self._fullest()
        return given_key(p.full_given[0]) if p is not None and p.full_given else None

    @property
    def kind(self) -> str:
        return self._root()._kind

    @property
    def id(self) -> str:
        """Stable id of the cluster's fullest name ('' for a mention that holds no name)."""
        root = self._root()
        if root._kind == "ORGANIZATION":
            return org_id(root._mentions[0][1])
        p = self._fullest()
        return person_id(p) if p is not None else ""

    @property
    def name(self) -> str:
        """Fullest proper name seen in the article, in the table's spelling when known."""
        root = self._root()
        if root._kind == "ORGANIZATION":
            texts = [t for _, t, _ in root._mentions]
            known = next((canonical_org(t) for t in texts if canonical_org(t)), None)
            return known or org_display(max(texts, key=len))
        p = self._fullest()
        return person_display(p) if p is not None else root._mentions[0][1].strip()

    @property
    def role(self) -> str:
        """First role or title seen with a mention of this speaker ('' if none)."""
        return next((p.role for _, _, p in self._root()._mentions if p is not None and p.role), "")

    @property
    def aliases(self) -> list[str]:
        """Mention texts as they appeared, first occurrence order, without repeats."""
        return list(dict.fromkeys(t for _, t, _ in self._root()._mentions))

    def __repr__(self) -> str:
        return f"SpeakerCluster(id={self.id!r}, name={self.name!r}, kind={self.kind!r})"


class ArticleSpeakers:
    """Clusters the speaker mentions of one article; add mentions in text order."""

    def __init__(self) -> None:
        self._clusters: list[SpeakerCluster] = []
        self._by_key: dict[tuple[str, str], list[SpeakerCluster]] = {}  # every cluster made, by kind and key
        self._by_given: dict[str, dict[int, SpeakerCluster]] = {}  # clusters a full name joined, by given-name key
        self._count = 0

    def _roots(self) -> list[SpeakerCluster]:
        return [c for c in self._clusters if c._parent is None]

    def _new(self, kind: str, key: str) -> SpeakerCluster:
        c = SpeakerCluster(kind, key)
        self._clusters.append(c)
        self._by_key.setdefault((kind, key), []).append(c)
        return c

    def _with_key(self, kind: str, key: str) -> list[SpeakerCluster]:
        """The current clusters of `kind` with `key` (an index lookup, not a scan of the article)."""
        return [c for c in self._by_key.get((kind, key), []) if c._parent is None]

    def _join(self, cluster: SpeakerCluster, text: str, parsed: ParsedName | None) -> SpeakerCluster:
        root = cluster._root()
        if parsed is not None and parsed.full_given:
            self._by_given.setdefault(given_key(parsed.full_given[0]), {})[id(root)] = root
        root._mentions.append((self._count, text, parsed))
        root._offer(self._count, parsed)
        root._last_seen = self._count
        self._count += 1
        return root

    @staticmethod
    def _merge(into: SpeakerCluster, other: SpeakerCluster) -> None:
        into, other = into._root(), other._root()
        if into is other:
            return
        into._mentions = sorted(into._mentions + other._mentions, key=lambda m: m[0])
        into._last_seen = max(into._last_seen, other._last_seen)
        if other._best is not None:
            into._offer(other._best[1], other._best[2])
        other._mentions = []
        other._best = None
        other._parent = into

    def add(self, mention_text: str, kind: str = "PERSON") -> SpeakerCluster:
        """Add one mention; returns the cluster it joins."""
        if kind.upper().startswith("ORG"):
            key = org_id(mention_text)
            hit = next(iter(self._with_key("ORGANIZATION", key)), None)
            return self._join(hit or self._new("ORGANIZATION", key), mention_text, None)
        p = parse_name(mention_text)
        if p.is_empty:
            key = " ".join(mention_text.lower().split())
            hit = next(iter(self._with_key("PERSON", "?" + key)), None)
            return self._join(hit or self._new("PERSON", "?" + key), mention_text, p)
        sk = surname_key(p.surname)
        same = self._with_key("PERSON", sk)
        if not same:
            near = self._near_miss(p, sk)
            if near is not None:
                return self._join(near, mention_text, p)
        if p.full_given:
            return self._add_full(p, mention_text, sk, same)
        return self._add_short(p, mention_text, sk, same)

    def _near_miss(self, p: ParsedName, sk: str) -> SpeakerCluster | None:
        """The one full-name person a new name obviously belongs to in this article: a bare given
        name ("Daniel" for Daniel Bernoulli) or a surname spelt one or two letters off ("Bauchtman"
        for Buchtmann, "Water" for Waters) with no conflicting given name. None when two could."""
        if not p.given:
            gk0 = given_key(p.surname)
            by_given = [c for c in dict.fromkeys(c._root() for c in self._by_given.get(gk0, {}).values())
                        if c._kind == "PERSON" and c._full_key() == gk0]
            if by_given:  # the one most named, if one is ("Daniel Bernoulli" over "Daniel Bernoulli FRS")
                by_given.sort(key=lambda c: len(c._mentions), reverse=True)
                return by_given[0] if len(by_given) == 1 or len(by_given[0]._mentions) > len(by_given[1]._mentions) else None
        gk = given_key(p.full_given[0]) if p.full_given else None
        recent = dict.fromkeys(c._root() for c in self._clusters[-NEAR_MISS_SCAN:])  # bounded work per name
        people = [c for c in recent if c._kind == "PERSON" and c._full_key() is not None]
        close = [c for c in people if len(sk) >= NEAR_MISS_MIN_LEN and c._key[:1] == sk[:1]
                 and Levenshtein.normalized_similarity(c._key, sk) >= NEAR_MISS_SIMILARITY
                 and (gk is None or c._full_key() == gk) and _feminine(_surname(c)) == _feminine(p.surname)]
        return close[0] if len(close) == 1 else None

    def _add_full(self, p: ParsedName, text: str, sk: str, same: list[SpeakerCluster]) -> SpeakerCluster:
        gk = given_key(p.full_given[0])
        hit = next((c for c in same if c._full_key() == gk), None)
        if hit is None:
            hit = next((c for c in same if c._full_key() is None and self._fits(c, gk)), None)
        cluster = hit or self._new("PERSON", sk)
        if not any(c._full_key() is not None for c in same if c is not cluster):
            for c in same:  # earlier bare-surname mentions belong to this full name
                if c is not cluster and c._full_key() is None and self._fits(c, gk):
                    self._merge(cluster, c)
        return self._join(cluster, text, p)

    @staticmethod
    def _fits(cluster: SpeakerCluster, gk: str) -> bool:
        p = cluster._fullest()
        return p is None or not p.initials or initial_matches(p.initials[0][0], gk)

    def _add_short(self, p: ParsedName, text: str, sk: str, same: list[SpeakerCluster]) -> SpeakerCluster:
        full = [c for c in same if c._full_key() is not None]
        if p.initials:
            full = [c for c in full if initial_matches(p.initials[0][0], c._full_key() or "")]
        if full:
            default = figures.default_for_surname(sk)
            preferred = [c for c in full if default is not None and c.id == default.id]
            target = preferred[0] if preferred else max(full, key=lambda c: c._last_seen)
            return self._join(target, text, p)
        initial = p.initials[0][0].lower() if p.initials else ""
        hit = next((c for c in same if _first_initial(c) == initial), None)
        return self._join(hit or self._new("PERSON", sk), text, p)

    def finalize(self) -> list[SpeakerCluster]:
        """All clusters (merges happen as mentions arrive, so this is the same as clusters())."""
        return self.clusters()

    def clusters(self) -> list[SpeakerCluster]:
        """Current clusters in order of first mention."""
        return self._roots()
