"""Rendering of responses: JSON Lines keeps every key of a record, set or not."""
from __future__ import annotations

import json

from quoteservice.output import DocumentOutcome, write_jsonl
from quoteservice.v1 import quote_service_pb2 as pb


def test_jsonl_writes_unset_speaker_mention_and_cue_as_null() -> None:
    import io

    response = pb.ExtractQuotesResponse(quotes=[
        pb.Quote(id="q1", text="the talks would resume", start=20, end=42, type=pb.QUOTE_TYPE_INDIRECT),
        pb.Quote(id="q2", text="No", start=1, end=3, type=pb.QUOTE_TYPE_DIRECT,
                 speaker=pb.Speaker(id="per:x", name="X"), cue=pb.TextSpan(text="said", start=5, end=9)),
    ])
    out = io.StringIO()
    write_jsonl([DocumentOutcome("d", response=response)], out)
    first, second = json.loads(out.getvalue())["quotes"]
    assert first["speaker"] is None and first["speaker_mention"] is None and first["cue"] is None
    assert second["speaker"]["id"] == "per:x" and second["cue"]["text"] == "said" and second["speaker_mention"] is None
