"""Turn quoted spans and speech cues into quote records: direct, mixed, indirect and continuation.

Order matters: a quoted span adjacent to a cue ("…,” Peskov said / Peskov said: “…”) is a direct
quote; a cue's reported clause that holds quoted words is mixed, without them indirect; a quoted
span left over takes the speaker of the quote just before it (continuation) when one is near.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from quoteservice.extract.cues import Cue
from quoteservice.extract.filters import paragraphs
from quoteservice.extract.mentions import Mention, mention_of
from quoteservice.extract.model import QuoteType
from quoteservice.extract.quotemarks import QuotedSpan

# Between a quote and its cue only punctuation, spaces and an optional "that" may stand.
_GAP = re.compile(r"[\s,:;—–\-]*(?:that\b)?[\s,:;—–\-]*", re.UNICODE)
_MIN_ORPHAN_WORDS = 4
_CONTINUATION_PARAGRAPHS = 1  # a continuation quote may sit at most this many paragraphs later


@dataclass
class Draft:
    """A quote record before speaker resolution."""

    start: int
    end: int
    type: QuoteType
    mention: Mention | None
    cue: tuple[int, int] | None
    quote: QuotedSpan | None = None
    continuation: bool = False
    according_to: bool = False


class _Intervals:
    """Sorted, non-overlapping char intervals with a membership test."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.spans = sorted(spans)
        self.starts = [s for s, _ in self.spans]

    def contains(self, pos: int) -> bool:
        i = bisect.bisect_right(self.starts, pos) - 1
        return i >= 0 and self.spans[i][0] <= pos < self.spans[i][1]


def _token_at(doc: Doc, pos: int) -> Token | None:
    span = doc.char_span(pos, pos + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def _in_cue_frame(tok: Token, cue: Cue) -> bool:
    """Whether tok belongs to the cue's own clause (verb, speaker, objects) and not to its content."""
    if cue.content is not None and cue.content[0] <= tok.idx < cue.content[1]:
        return False
    head = cue.verb
    if tok == head:
        return True
    return head.left_edge.i <= tok.i <= head.right_edge.i and any(a == head for a in tok.ancestors)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    return start, end


def _paragraph_index(starts: list[int], pos: int) -> int:
    return bisect.bisect_right(starts, pos)


def _adjacent_cue(text: str, doc: Doc, q: QuotedSpan, cues: list[Cue], in_quote: _Intervals) -> Cue | None:
    """The cue right after the closing mark ("…,” Peskov said) or right before the opening one."""
    after = q.close_mark + 1 if q.close_mark is not None else q.end
    m = _GAP.match(text, after)
    nxt = m.end() if m else after
    if nxt < len(text) and "\n" not in text[after:nxt] and not in_quote.contains(nxt):
        tok = _token_at(doc, nxt)
        if tok is not None:
            for cue in cues:
                if cue.verb.idx > after and tok.sent == cue.verb.sent and _in_cue_frame(tok, cue):
                    return cue
    # preposed: walk back over the gap before the opening mark
    p = q.open_mark
    while p > 0 and (text[p - 1].isspace() or text[p - 1] in ",:;—–-"):
        p -= 1
    if text[max(0, p - 4):p].lower() == "that" and (p - 4 == 0 or not text[p - 5].isalnum()):
        p -= 4
        while p > 0 and (text[p - 1].isspace() or text[p - 1] in ",:;—–-"):
            p -= 1
    if p == 0 or in_quote.contains(p - 1):
        return None
    tok = _token_at(doc, p - 1)
    if tok is None:
        return None
    best: Cue | None = None
    for cue in cues:
        if cue.verb.idx < q.open_mark and _in_cue_frame(tok, cue):
            if best is None or cue.verb.idx > best.verb.idx:
                best = cue
    return best


def _covered(span: tuple[int, int], by: list[tuple[int, int]]) -> float:
    n = max(1, span[1] - span[0])
    return sum(max(0, min(span[1], b) - max(span[0], a)) for a, b in by) / n


def assemble(text: str, doc: Doc, quotes: list[QuotedSpan], cues: list[Cue],
             excluded: list[tuple[int, int]]) -> list[Draft]:
    """All quote records of one article, in text order, before speaker resolution."""
    skip = _Intervals(excluded)
    quotes = [q for q in quotes if not skip.contains(q.start)]
    in_quote = _Intervals([(q.open_mark, (q.close_mark if q.close_mark is not None else q.end) + 1) for q in quotes])
    live = [c for c in cues if not in_quote.contains(c.verb.idx) and not skip.contains(c.verb.idx)]
    drafts: list[Draft] = []
    direct_cues: set[int] = set()
    direct_spans: list[tuple[int, int]] = []
    leftover: list[QuotedSpan] = []
    for q in quotes:
        cue = _adjacent_cue(text, doc, q, live, in_quote)
        if cue is None or cue.subject is None:
            leftover.append(q)
            continue
        s, e = _trim(text, q.start, q.end)
        drafts.append(Draft(s, e, QuoteType.DIRECT, mention_of(cue.subject), cue.cue, q,
                            according_to=cue.according_to))
        direct_cues.add(cue.verb.i)
        direct_spans.append((q.open_mark, e))
    consumed: set[int] = set()
    for cue in live:
        if cue.verb.i in direct_cues or cue.content is None or cue.subject is None:
            continue
        content = cue.content
        if content[1] - content[0] < 8 or _covered(content, direct_spans) > 0.5:
            continue
        inner = [q for q in quotes if q.start < content[1] and q.end > content[0]]
        if any(q.start < content[0] - 1 for q in inner):
            continue  # the clause starts inside a quote: the quote's own words, not a report
        start, end = content
        if inner:
            last = max(inner, key=lambda q: q.end)
            end = max(end, (last.close_mark + 1) if last.close_mark is not None else last.end)
            consumed.update(id(q) for q in inner)
        kind = QuoteType.MIXED if inner else QuoteType.INDIRECT
        s, e = _trim(text, start, end)
        drafts.append(Draft(s, e, kind, mention_of(cue.subject), cue.cue, according_to=cue.according_to))
    drafts.sort(key=lambda d: d.start)
    para_starts = [p[0] for p in paragraphs(text)]
    for q in leftover:
        if id(q) in consumed:
            continue
        s, e = _trim(text, q.start, q.end)
        words = text[s:e].split()
        prev = [d for d in drafts if d.end <= q.open_mark and d.type is not QuoteType.INDIRECT]
        near = bool(prev) and (_paragraph_index(para_starts, q.start) - _paragraph_index(para_starts, prev[-1].start)
                                <= _CONTINUATION_PARAGRAPHS)
        if near and len(words) >= 2 and prev[-1].mention is not None:
            drafts.append(Draft(s, e, QuoteType.DIRECT, None, None, q, continuation=True))
        elif len(words) >= _MIN_ORPHAN_WORDS and text[e - 1:e] in ".?!…" and not q.single:
            drafts.append(Draft(s, e, QuoteType.DIRECT, None, None, q))
        drafts.sort(key=lambda d: d.start)
    return drafts
