"""One record for a quotation its attribution interrupts, PolNeAR's convention (ExtractionOptions.join_interrupted).

“A,” said Luis Rubio, who heads the center. “B.” gives two records by default: A with its cue and B continuing
it. PolNeAR annotates the whole stretch, A to B with the frame inside, as one attribution; this pass joins the
two when B continues A in the same paragraph and A's cue sits between them.
"""
from __future__ import annotations

from dataclasses import replace

from quoteservice.extract.model import ArticleQuotes, Method, Quote, QuoteType, Span

JOINED = "+interrupted"  # appended to the rule of a joined record


def _interrupts(text: str, a: Quote, b: Quote) -> bool:
    """Whether `b` continues `a` across a frame that holds `a`'s cue, within one paragraph."""
    return a.cue is not None and b.cue is None and b.method is Method.PREVIOUS_QUOTE \
        and a.type is not QuoteType.INDIRECT and b.type is QuoteType.DIRECT \
        and a.span.end <= a.cue.start < b.span.start and "\n" not in text[a.span.end:b.span.start] \
        and _speaker_id(a) == _speaker_id(b)


def _speaker_id(q: Quote) -> str | None:
    return q.speaker.id if q.speaker is not None else None


def join_interrupted(result: ArticleQuotes, text: str) -> ArticleQuotes:
    """The records with each interrupted quotation joined into one MIXED record (A's speaker, mention and cue)."""
    quotes = sorted(result.quotes, key=lambda q: q.span.start)
    out: list[Quote] = []
    for q in quotes:
        last = out[-1] if out else None
        if last is not None and not last.rule.endswith(JOINED) and _interrupts(text, last, q):
            span = Span(last.span.start, q.span.end, text[last.span.start:q.span.end])
            out[-1] = replace(last, span=span, type=QuoteType.MIXED, rule=last.rule + JOINED)
        else:
            out.append(q)
    return ArticleQuotes(out, result.speakers)
