"""Whether two quotes of one speaker are the same utterance, and how a version differs from the canonical one.

Direct quotes match by normalized-word alignment (case, punctuation, brackets and ellipses ignored), so a
quote split in two in one outlet still matches the whole in another; mixed and indirect reports match by
their quoted fragments and content words. `keys` gives the blocking keys the archive indexes, so a new
quote is compared only with the few quotes of its speaker that share one.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from datasketch import MinHash
from rapidfuzz import fuzz
from rapidfuzz.distance import Indel, Levenshtein

from quoteservice.extract.glyphs import MARK_CHARS

_WORD = re.compile(r"\[[^\]]*\]|[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)
SHINGLE = 3  # words per shingle of a direct quote
MIN_CONTAINED = 0.8  # share of the shorter direct quote's words that must align with the longer one
MIN_SHARED_CONTENT = 3  # content words a paraphrase must share with the other report
MIN_CONTENT_OVERLAP = 0.5  # ... as a share of the smaller set of content words
_PERMUTATIONS, _BAND_ROWS = 32, 2  # MinHash bands of two rows: reports sharing about a third of their words meet


@cache
def _stopwords() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


def words(text: str) -> list[str]:
    """Normalized words: NFKC, case-folded, punctuation and ellipses dropped; "[rockets]" kept as one word."""
    return [w.casefold() for w in _WORD.findall(unicodedata.normalize("NFKC", text))]


def word_spans(text: str) -> list[tuple[str, int, int]]:
    """`words` with where each is in `text`: (normalized word, start, end)."""
    return [(unicodedata.normalize("NFKC", m.group()).casefold(), m.start(), m.end()) for m in _WORD.finditer(text)]


def plain(ws: list[str]) -> list[str]:
    """The words without editorial brackets ("[rockets]"): what the speaker said."""
    return [w for w in ws if not w.startswith("[")]


@cache
def _fragment_re() -> re.Pattern[str]:
    """Double quotation marks of every style (single ones double as apostrophes)."""
    marks = re.escape("".join(sorted(ch for ch in MARK_CHARS if ch not in "'’‘‚‛`")))
    return re.compile(rf"[{marks}]([^{marks}]+)[{marks}]")


def fragments(text: str) -> list[list[str]]:
    """The quoted fragments of a mixed report, as word lists ("vowed to “demilitarize”" -> [["demilitarize"]])."""
    return [words(m.group(1)) for m in _fragment_re().finditer(text) if words(m.group(1))]


def content_words(ws: list[str]) -> set[str]:
    """Words that carry the content: no stop words, no editorial brackets, no one-letter words."""
    stop = _stopwords()
    return {w for w in plain(ws) if w not in stop and len(w) > 1}


def _hash(s: str) -> int:
    """A stable signed 64-bit key (the same in every process and database)."""
    return int.from_bytes(hashlib.blake2b(s.encode("utf-8"), digest_size=8).digest(), "big", signed=True)


@dataclass(frozen=True)
class QuoteText:
    """What matching reads of one quote: its type ("direct", "mixed", "indirect") and words."""

    type: str
    text: str

    @property
    def words(self) -> list[str]:
        return plain(words(self.text))

    @property
    def fragments(self) -> list[list[str]]:
        return fragments(self.text) if self.type == "mixed" else ([self.words] if self.type == "direct" else [])


@cache
def _permutations() -> tuple:  # type: ignore[type-arg]
    """datasketch's permutations for seed 1, made once (building them is most of a MinHash's cost)."""
    return MinHash(num_perm=_PERMUTATIONS, seed=1, scheme="affine32").permutations


def keys(q: QuoteText) -> set[int]:
    """Blocking keys: word 3-gram shingles of verbatim words, single quoted words, MinHash bands of content."""
    out: set[int] = set()
    for frag in q.fragments:
        if len(frag) < SHINGLE:
            out.update(_hash("w:" + w) for w in frag if w not in _stopwords())
        out.update(_hash("s:" + " ".join(frag[i:i + SHINGLE])) for i in range(len(frag) - SHINGLE + 1))
    content = content_words(q.words)
    if len(content) >= MIN_SHARED_CONTENT:
        mh = MinHash(num_perm=_PERMUTATIONS, seed=1, permutations=_permutations(), scheme="affine32")
        mh.update_batch([w.encode("utf-8") for w in sorted(content)])
        hv = mh.hashvalues
        for b in range(0, _PERMUTATIONS, _BAND_ROWS):
            out.add(_hash(f"b{b}:" + ",".join(str(int(v)) for v in hv[b:b + _BAND_ROWS])))
    return out


def _contained(short: list[str], long: list[str]) -> bool:
    """Whether most of `short`'s words appear, in order, in `long` (one quote split in two still matches)."""
    if not short or not long:
        return False
    shared = sum(b.size for b in Indel.opcodes(short, long).as_matching_blocks())
    return shared >= MIN_CONTAINED * len(short)


def same_utterance(a: QuoteText, b: QuoteText) -> bool:
    """Whether two quotes of one speaker are the same words, in full, in part or reported."""
    if a.type == "direct" and b.type == "direct":
        short, long = sorted((a.words, b.words), key=len)
        return _contained(short, long)
    fa, fb = a.fragments, b.fragments
    if fa and fb:
        shared = [f for f in fa if any(_contained(f, g) for g in fb)] if sum(map(len, fa)) <= sum(map(len, fb)) \
            else [f for f in fb if any(_contained(f, g) for g in fa)]
        if shared and sum(map(len, shared)) >= 2 and len(shared) == min(len(fa), len(fb)):
            return True  # every quoted fragment of the one is in the other: "demilitarize" and "denazify"
    ca, cb = content_words(a.words), content_words(b.words)
    common = len(ca & cb)
    return common >= MIN_SHARED_CONTENT and common >= MIN_CONTENT_OVERLAP * min(len(ca), len(cb))


@dataclass(frozen=True)
class Edit:
    """One difference of a version from the canonical text: insert, delete (an omission) or replace, and where
    it is in the member's text (an omission: the point where the words are missing)."""

    op: str
    canonical: str
    member: str
    member_start: int
    member_end: int


def _window(cw: list[str], mw: list[str]) -> tuple[int, int]:
    """The words of the canonical text a shorter member quotes: its best-aligned stretch (char-level partial
    alignment, snapped to words), so words before and after a partial quote are not counted as omissions."""
    if len(" ".join(mw)) >= len(" ".join(cw)):
        return 0, len(cw)
    joined = " ".join(cw)
    al = fuzz.partial_ratio_alignment(" ".join(mw), joined)
    if al is None:
        return 0, len(cw)
    starts = [0]
    for w in cw[:-1]:
        starts.append(starts[-1] + len(w) + 1)
    lo = max((i for i, st in enumerate(starts) if st <= al.dest_start), default=0)
    hi = max((i + 1 for i, st in enumerate(starts) if st < al.dest_end), default=len(cw))
    return lo, max(hi, lo + 1)


def diff(canonical: str, member: str) -> list[Edit]:
    """Word-level differences of a direct quote from the canonical text, case and punctuation ignored.

    Words the member leaves out before or after its part are not omissions: a partial quote is a quote.
    """
    cw = words(canonical)
    spans = word_spans(member)
    mw = [w for w, _, _ in spans]
    lo, hi = _window(cw, mw)
    part = cw[lo:hi]
    edits: list[Edit] = []
    for op in Levenshtein.opcodes(part, mw):
        if op.tag == "equal":
            continue
        if op.dest_end > op.dest_start:
            at, until = spans[op.dest_start][1], spans[op.dest_end - 1][2]
        else:  # an omission: before the next word, or after the last one
            at = until = spans[op.dest_start][1] if op.dest_start < len(spans) else (spans[-1][2] if spans else 0)
        edits.append(Edit(op.tag, " ".join(part[op.src_start:op.src_end]), " ".join(mw[op.dest_start:op.dest_end]),
                          at, until))
    return edits
