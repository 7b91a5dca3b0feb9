"""Turn quoted spans and speech cues into quote records: direct, mixed, indirect and continuation.

Order matters: a quoted span adjacent to a cue ("…,” Peskov said / Peskov said: “…”) is a direct
quote; a cue's reported clause that holds quoted words is mixed, without them indirect; a quoted
span left over takes the speaker of the quote just before it (continuation) when one is near.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Token

from quoteservice.extract.cues import Cue
from quoteservice.extract.filters import paragraphs
from quoteservice.extract.mentions import Mention, MentionKind, mention_of
from quoteservice.extract.model import QuoteType
from quoteservice.extract.quotemarks import QuotedSpan

# Between a quote and a cue after it only punctuation and spaces may stand.
_GAP = re.compile(r"[\s,:;—–\-]*", re.UNICODE)
_MIN_ORPHAN_WORDS = 4
_CONTINUATION_PARAGRAPHS = 1  # a continuation quote may sit at most this many paragraphs later


_NP_POS = frozenset({"PROPN", "NOUN", "ADJ", "DET", "NUM", "PART"})


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


class Intervals:
    """Char intervals, merged where they overlap, with coverage and membership tests."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        merged: list[tuple[int, int]] = []
        for s, e in sorted(spans):
            if merged and s < merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], e))
            else:
                merged.append((s, e))
        self.spans = merged
        self.starts = [s for s, _ in self.spans]

    def overlap(self, span: tuple[int, int]) -> float:
        """Share of `span` covered by the intervals."""
        i = max(0, bisect.bisect_right(self.starts, span[0]) - 1)
        total = 0
        while i < len(self.spans) and self.spans[i][0] < span[1]:
            a, b = self.spans[i]
            total += max(0, min(span[1], b) - max(span[0], a))
            i += 1
        return total / max(1, span[1] - span[0])

    def contains(self, pos: int) -> bool:
        i = bisect.bisect_right(self.starts, pos) - 1
        return i >= 0 and self.spans[i][0] <= pos < self.spans[i][1]


class CueIndex:
    """Cues sorted by the offset of their verb, so the cues inside a clause are found by bisection."""

    def __init__(self, cues: list[Cue]) -> None:
        self.cues = sorted(cues, key=lambda c: c.verb.idx)
        self._idx = [c.verb.idx for c in self.cues]

    def within(self, span: tuple[int, int]) -> list[Cue]:
        """Cues whose verb starts in [span[0], span[1])."""
        return self.cues[bisect.bisect_left(self._idx, span[0]):bisect.bisect_left(self._idx, span[1])]


def _token_at(doc: Doc, pos: int) -> Token | None:
    span = doc.char_span(pos, pos + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def _governing_cue(tok: Token, by_verb: dict[int, Cue]) -> Cue | None:
    """The cue whose own clause (verb, speaker, objects — not its content) contains tok.

    It is the nearest cue verb among tok and its ancestors: a token under another cue verb
    ("accused X and said the arming was an “…”") belongs to that one.
    """
    for t in (tok, *tok.ancestors):
        cue = by_verb.get(t.i)
        if cue is not None:
            if cue.content is not None and cue.content[0] <= tok.idx < cue.content[1]:
                return None
            return cue
    return None


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    return start, end


def _paragraph_index(starts: list[int], pos: int) -> int:
    return bisect.bisect_right(starts, pos)


def _np_run(doc: Doc, i: int, end: int) -> list[Token]:
    """A noun-phrase-like run of tokens from i ("Ukrainian Interior Ministry adviser Anton Gerashchenko")."""
    j = i
    while j < end and (doc[j].pos_ in _NP_POS or doc[j].tag_ == "POS"):
        j += 1
    return list(doc[i:j])


def _postposed_pattern(doc: Doc, tok: Token, by_verb: dict[int, Cue], in_quote: Intervals) -> Cue | None:
    """Surface fallback when the parse misattaches the frame after a quote.

    Matches `said NP`, `NP said`, `NP (tag) said` and `NP, <appositive or relative clause>, said`,
    where "said" is any cue.
    """
    end = tok.sent.end
    if tok.i in by_verb:  # inverted: "…,” said Kremlin spokesman Dmitry Peskov
        cue = by_verb[tok.i]
        j = tok.i + 1
        while j < end and doc[j].pos_ in ("ADV", "AUX"):
            j += 1
        run = _np_run(doc, j, end) if j < end else []
        heads = [t for t in run if t.pos_ in ("PROPN", "NOUN")]
        if heads and (cue.subject is None or in_quote.contains(cue.subject.idx)):
            return replace(cue, subject=heads[-1], mention_tokens=tuple(run))
        return cue if cue.subject is not None and not in_quote.contains(cue.subject.idx) else None
    run = [tok] if tok.pos_ == "PRON" else _np_run(doc, tok.i, end)
    heads = [t for t in run if t.pos_ in ("PROPN", "NOUN", "PRON")]
    if not heads:
        return None
    j = run[-1].i + 1
    if j < end and doc[j].text == "(":  # "Rep. Elijah E. Cummings (D-Md.) said": skip the tag
        close = next((m for m in range(j + 1, min(end, j + 12)) if doc[m].text == ")"), None)
        if close is None:
            return None
        j = close + 1
    if j < end and doc[j].text == ",":  # skip one comma-delimited appositive or relative clause
        k = next((m for m in range(j + 1, min(end, j + 40)) if doc[m].text == ","), None)
        if k is None:
            return None
        j = k + 1
    while j < end and (doc[j].pos_ in ("ADV", "AUX", "PART") or doc[j].dep_ in ("aux", "neg", "advmod")):
        j += 1
    found = by_verb.get(j)
    if found is None:
        return None
    return replace(found, subject=heads[-1], mention_tokens=tuple(run))


_DASH_BYLINE = re.compile(r"[^\S\n]*(?:[―—–]|--?)[^\S\n]*(?=\S)")


def _dash_byline(text: str, doc: Doc, after: int) -> Cue | None:
    """A dash byline after a quote: '“…” ― Sonya Herridge'. The name must end its line or clause."""
    m = _DASH_BYLINE.match(text, after)
    if m is None:
        return None
    tok = _token_at(doc, m.end())
    if tok is None:
        return None
    run = [t for t in _np_run(doc, tok.i, min(len(doc), tok.i + 8)) if t.pos_ == "PROPN" or t.text == "."]
    while run and run[-1].text == ".":
        run.pop()
    if not run or run[0].i != tok.i or run[-1].i - tok.i >= 6 or not any(t.ent_type_ == "PERSON" or t.is_title for t in run):
        return None
    end = run[-1].idx + len(run[-1].text)
    eol = text.find("\n", end)
    rest = text[end:eol if eol >= 0 else len(text)]
    if rest.strip() not in ("", ".") and not rest.lstrip().startswith((",", "(")):
        return None  # "“…” — Smith said" is a verb frame, handled by the parse
    dash = m.group().strip()
    start = m.start() + m.group().index(dash)
    return Cue(tok, (start, start + len(dash)), run[-1], None, mention_tokens=tuple(run))


def _adjacent_cue(text: str, doc: Doc, q: QuotedSpan, by_verb: dict[int, Cue], in_quote: Intervals) -> Cue | None:
    """The cue right after the closing mark ("…,” Peskov said) or right before the opening one."""
    after = q.outer_end
    byline = _dash_byline(text, doc, after) if q.close_mark is not None else None
    if byline is not None:
        return byline
    m = _GAP.match(text, after)
    nxt = m.end() if m else after
    if nxt < len(text) and "\n" not in text[after:nxt] and not in_quote.contains(nxt):
        tok = _token_at(doc, nxt)
        if tok is not None:
            cue = _governing_cue(tok, by_verb)
            if cue is not None and cue.verb.idx > after and cue.subject is not None \
                    and not in_quote.contains(cue.subject.idx):
                return cue
            found = _postposed_pattern(doc, tok, by_verb, in_quote)
            if found is not None:
                return found
    # preposed: walk back over the gap before the opening mark
    p = q.open_mark
    while p > 0 and (text[p - 1].isspace() or text[p - 1] in ",:;—–-"):
        p -= 1
    if "\n" in text[p:q.open_mark] and ":" not in text[p:q.open_mark]:
        return None  # a cue in an earlier paragraph introduces the quote only through a colon
    if text[max(0, p - 4):p].lower() == "that" and (p - 4 == 0 or not text[p - 5].isalnum()):
        p -= 4  # "added that “…”": a whole quoted statement after "that" stays direct
        while p > 0 and (text[p - 1].isspace() or text[p - 1] in ",:;—–-"):
            p -= 1
    if p == 0 or in_quote.contains(p - 1) or text[p - 1] in ".!?":
        return None  # nothing, another quote, or a finished sentence stands before the quote
    tok = _token_at(doc, p - 1)
    if tok is None:
        return None
    cue = _governing_cue(tok, by_verb)
    return cue if cue is not None and cue.verb.idx < q.open_mark else None


def _innermost(cue: Cue, q: QuotedSpan, cues: CueIndex) -> Cue:
    """The most deeply nested cue whose content holds the quote ("Bachelet said … “…”, CNN reported")."""
    best = cue
    assert cue.content is not None
    for other in cues.within(cue.content):
        c = other.content
        if other is not cue and other.subject is not None and c is not None and best.content is not None \
                and best.content[0] <= other.verb.idx < best.content[1] and c[0] <= q.start and q.end <= c[1] + 1:
            best = other
    return best


def _frame(cue: Cue) -> set[int]:
    """Token indices of the cue's own clause (verb, speaker, adverbials), outside its content."""
    whole = cue.verb.dep_ == "parataxis"  # its content is the governing clause
    return {t.i for t in cue.verb.subtree
            if whole or cue.content is None or not cue.content[0] <= t.idx < cue.content[1]}


def _reports_more(doc: Doc, cue: Cue, q: QuotedSpan, cues: CueIndex, in_quote: Intervals) -> bool:
    """Whether the cue's content holds unquoted words besides cue frames: the quote is then mixed.

    Words between a quote and a cue after it are the frame ("…” Macron, who is …, said"), and a cue
    found by surface pattern has an unreliable parse, so neither makes a quote mixed.
    """
    if cue.content is None or cue.mention_tokens:
        return False
    close = q.close_at
    frames = _frame(cue)
    for other in cues.within(cue.content):
        if other is not cue:
            frames |= _frame(other)
    span = doc.char_span(cue.content[0], cue.content[1], alignment_mode="expand")
    return span is not None and any(
        t.is_alpha and t.i not in frames and not in_quote.contains(t.idx) and t.lower_ != "that"
        and not close < t.idx < cue.verb.idx for t in span)


def _mention(cue: Cue) -> Mention:
    assert cue.subject is not None
    mention = mention_of(cue.subject, list(cue.mention_tokens) or None)
    if cue.relative is not None:  # written as "who": the span says so, the name comes from the antecedent
        mention = replace(mention, written=(cue.relative.idx, cue.relative.idx + len(cue.relative.text)))
    return mention


def assemble(text: str, doc: Doc, quotes: list[QuotedSpan], cues: list[Cue],
             excluded: list[tuple[int, int]]) -> list[Draft]:
    """All quote records of one article, in text order, before speaker resolution."""
    skip = Intervals(excluded)
    quotes = [q for q in quotes if not skip.contains(q.start)]
    in_quote = Intervals([(q.open_mark, q.close_at + 1) for q in quotes])
    live = [c for c in cues if not in_quote.contains(c.verb.idx) and not skip.contains(c.verb.idx)]
    drafts: list[Draft] = []
    direct_cues: set[int] = set()
    direct_spans: list[tuple[int, int]] = []
    leftover: list[QuotedSpan] = []
    consumed: set[int] = set()
    by_verb = {c.verb.i: c for c in live}
    index = CueIndex(live)
    for q in quotes:
        cue = _adjacent_cue(text, doc, q, by_verb, in_quote)
        if len(text[q.start:q.end].split()) < 2:
            cue = None  # a single quoted word is a term or scare quote, never a statement on its own
        if cue is None or cue.subject is None:
            leftover.append(q)
            continue
        mixed = cue.content is not None and _reports_more(doc, cue, q, index, in_quote)
        if mixed:
            nested = _innermost(cue, q, index)
            if nested is not cue:  # a nested cue owns the quote; judge it on its own clause
                cue = nested
                mixed = _reports_more(doc, cue, q, index, in_quote)
        direct_cues.add(cue.verb.i)
        if mixed and cue.content is not None:
            close = q.outer_end
            s, e = _trim(text, min(cue.content[0], q.open_mark), max(cue.content[1], close))
            drafts.append(Draft(s, e, QuoteType.MIXED, _mention(cue), cue.cue, q,
                                according_to=cue.according_to))
            consumed.add(id(q))
            direct_spans.append((s, e))
            continue
        s, e = _trim(text, q.start, q.end)
        drafts.append(Draft(s, e, QuoteType.DIRECT, _mention(cue), cue.cue, q,
                            according_to=cue.according_to))
        direct_spans.append((q.open_mark, e))
    taken = Intervals(direct_spans)
    q_starts = [q.start for q in quotes]  # quotes are sorted and disjoint, so ends are sorted too
    q_ends = [q.end for q in quotes]
    for cue in live:
        if cue.verb.i in direct_cues or cue.content is None or (cue.subject is None and not cue.unattributed):
            continue
        content = cue.content
        if content[1] - content[0] < 8 or taken.overlap(content) > 0.5:
            continue
        if (cue.according_to or cue.quoted_object or cue.unattributed) and any(
                o is not cue and o.subject is not None and (o.content is not None or o.verb.i in direct_cues)
                for o in index.within(content)):
            # "According to a translation, he was quoted saying …", "checked Trump’s claim that …", "it was
            # clarified that Fowler is calling …": a named report nested inside owns it
            continue
        inner = quotes[bisect.bisect_right(q_ends, content[0]): bisect.bisect_left(q_starts, content[1])]
        if any(q.start < content[0] - 1 for q in inner):
            continue  # the clause starts inside a quote: the quote's own words, not a report
        start, end = content
        if inner:
            last = max(inner, key=lambda q: q.end)
            end = max(end, last.outer_end)
            consumed.update(id(q) for q in inner)
        kind = QuoteType.MIXED if inner else QuoteType.INDIRECT
        mention = _mention(cue) if cue.subject is not None else None  # an unnamed asker or source has no mention
        may_report = mention is None or mention.kind in (MentionKind.PERSON_NAME, MentionKind.PRONOUN) \
            or (mention.kind is MentionKind.ORG_NAME and mention.head.pos_ == "PROPN")
        if cue.object_report and not inner and not may_report:
            continue  # "the world condemned the attack": unquoted noun-object reports only for named speakers
        s, e = _trim(text, start, end)
        drafts.append(Draft(s, e, kind, mention, cue.cue, according_to=cue.according_to))
    drafts.sort(key=lambda d: d.start)
    para_starts = [p[0] for p in paragraphs(text)]
    # quotes that may carry a speaker on to a following cue-less quote, by end offset
    anchors = sorted((d.end, i) for i, d in enumerate(drafts) if d.type is not QuoteType.INDIRECT)
    anchor_ends = [e for e, _ in anchors]
    for q in leftover:
        if id(q) in consumed:
            continue
        s, e = _trim(text, q.start, q.end)
        words = text[s:e].split()
        k = bisect.bisect_right(anchor_ends, q.open_mark) - 1
        prev = drafts[anchors[k][1]] if k >= 0 else None
        near = prev is not None and (_paragraph_index(para_starts, q.start) - _paragraph_index(para_starts, prev.start)
                                     <= _CONTINUATION_PARAGRAPHS)
        if prev is not None and near and len(words) >= 2 and (prev.mention is not None or prev.continuation):
            drafts.append(Draft(s, e, QuoteType.DIRECT, None, None, q, continuation=True))
            i = bisect.bisect_right(anchor_ends, e)
            anchor_ends.insert(i, e)
            anchors.insert(i, (e, len(drafts) - 1))
        elif len(words) >= _MIN_ORPHAN_WORDS and text[e - 1:e] in ".?!…" and not q.single:
            drafts.append(Draft(s, e, QuoteType.DIRECT, None, None, q))
    drafts.sort(key=lambda d: d.start)
    return drafts
